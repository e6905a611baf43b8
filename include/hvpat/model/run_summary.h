// The figures of one ingest run (spec/cli.md, hvpat ingest).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hvpat/base/date.h"

namespace hvpat::model {

// The run's figures (spec/record-format.md, "Counting"):
// lines_read = indexed + duplicates_replaced + quarantined.
// The valid and high-value figures at one statistics date.
struct DateFigures {
  base::Date as_of;
  uint64_t valid_inventions = 0;
  uint64_t high_value = 0;
  uint64_t valid_inventions_domestic = 0;
  uint64_t high_value_domestic = 0;
};

struct RunSummary {
  base::Date as_of;                // the latest date; the figures below are at it
  std::vector<DateFigures> dates;  // every date of the run, ascending
  uint64_t lines_read = 0;
  uint64_t indexed = 0;
  uint64_t quarantined = 0;
  uint64_t duplicates_replaced = 0;
  uint64_t valid_inventions = 0;  // every indexed patent, foreign-held included
  uint64_t high_value = 0;
  uint64_t valid_inventions_domestic = 0;  // those with a domestic first holder
  uint64_t high_value_domestic = 0;
  uint64_t bytes_read = 0;     // input files as stored
  uint64_t bytes_decoded = 0;  // after decompression
  uint64_t staged_bytes = 0;   // keys and values written to the stage
  uint64_t index_entries = 0;  // (holder, patent) pairs in the holder index
  uint64_t runs = 0;           // sorted runs the records were gathered in
  uint64_t spilled_bytes = 0;  // facts of earlier runs spilled to disk
  int threads = 0;
  double seconds = 0;           // whole run
  double pipeline_seconds = 0;  // read, parse, classify, stage
  double read_seconds = 0;      //   of which reading and decompressing (serial)
  double parse_seconds = 0;     //   parsing and classifying, summed over threads
  double write_seconds = 0;     //   committing staged records (serial)
  double finalize_seconds = 0;  // dedup, families, indexes, counters
  double publish_seconds = 0;   // flush, compact the small families, swap in

  // Codes the rules do not know (issue: nightly runs): first-holder regions with no line
  // in regions.tsv, with their indexed patents; strings of `ipc` that are not IPC symbols.
  std::vector<std::pair<std::string, uint64_t>> unknown_regions;
  uint64_t unreadable_ipc = 0;
  std::vector<std::string> unreadable_ipc_examples;
  // Valid inventions (at the latest date) whose symbols fall in subclasses or main groups
  // that IPC editions after the concordance's introduced: code, edition, moved from, count.
  struct LaterIpcCount {
    std::string code, edition, moved_from;
    uint64_t valid_inventions = 0;
  };
  std::vector<LaterIpcCount> later_ipc;
  std::string snapshot;    // the snapshot the run built
  std::string created;     // when, YYYY-MM-DDTHH:MM:SSZ
  bool published = false;  // whether it is now the published one
  std::string held;        // why the guard kept it unpublished ("" when not)

  // Copies the latest date's figures into the top-level fields.
  void SelectLatest();
};

// One JSON object: spec/cli.md's fields first, then hvpat's own.
std::string SummaryJson(const RunSummary& summary);
// An unsigned integer member of a summary's JSON, as written by SummaryJson.
std::optional<uint64_t> SummaryNumber(const std::string& json, const std::string& member);

}  // namespace hvpat::model
