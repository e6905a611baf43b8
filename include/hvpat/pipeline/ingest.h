// An ingest run: read -> parse, classify, encode -> gather into sorted runs (a oneTBB
// pipeline; each run's patents bulk-loaded as sorted files), then a finalize on all threads
// that keeps the last occurrence of each id, resolves families through family_id, and
// writes tallies and indexes (spec/cli.md, hvpat ingest).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "hvpat/base/date.h"
#include "hvpat/io/reader.h"
#include "hvpat/model/run_summary.h"
#include "hvpat/rules/rule_set.h"
#include "hvpat/store/store.h"

namespace hvpat::pipeline {

// How far a run has come, for a progress line or a log (issue: operators).
struct Progress {
  uint64_t bytes_read = 0;   // of the inputs as stored
  uint64_t bytes_total = 0;  // sizes of the inputs that are regular files; 0 when unknown (pipes)
  uint64_t lines_read = 0;
  uint64_t quarantined = 0;
  double seconds = 0;             // since the run started
  const char* phase = "reading";  // "reading", "finalizing", "publishing"
};

struct IngestOptions {
  std::vector<std::string> files;         // in input order; paths as given (quarantine names them so)
  std::string db_dir;                     // the database; the run adds a snapshot to it (store/layout.h)
  std::vector<base::Date> dates;          // statistics dates, ascending and distinct; evaluated in one pass
  int threads = 0;                        // 0: all hardware threads
  int tokens_per_thread = 3;              // chunks in flight per thread
  io::ReaderOptions reader;               // chunk size, maximum line length; decode_threads 0: one per
                                          // worker thread (several files only)
  store::WriteOptions write;              // write batch size, memtable budget
  size_t memory_limit = size_t{1} << 30;  // bounds the run buffers and tallies; past it, sorted
                                          // runs spill to files beside the database
  size_t keep = 2;                        // snapshots kept, the published one always among them
  // The guard against publishing garbage: a run above either limit completes, keeps its
  // snapshot unpublished and says why (RunSummary::held), unless `force`.
  double max_quarantined_share = 0.10;  // of lines read
  double min_indexed_share = 0.5;       // of the previous published snapshot's indexed patents
  bool force = false;
  // Called from one thread at a time, at most every `progress_seconds` while reading and
  // once at each phase change; must be cheap. Unset: no calls.
  std::function<void(const Progress&)> progress;
  double progress_seconds = 0.25;
};

using model::RunSummary;

// Runs the whole ingest into a new snapshot, verifies it, and publishes it unless the
// guard holds it back (summary.published false, summary.held saying why). On any error
// the published snapshot is left as it was, the partial one removed, and the error
// propagates (Error kInput, kStore). Throws Error(kStore) when db_dir exists and is not an
// hvpat database, or when another ingest holds its lock.
RunSummary Ingest(const IngestOptions& options, const rules::RuleSet& rules);

}  // namespace hvpat::pipeline
