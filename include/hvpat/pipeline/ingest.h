// An ingest run: read -> parse, classify, encode -> gather into sorted runs (a oneTBB
// pipeline; each run's patents bulk-loaded as sorted files), then a finalize on all threads
// that keeps the last occurrence of each id, resolves families through family_id, and
// writes tallies and indexes (spec/cli.md, hvpat ingest).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hvpat/base/date.h"
#include "hvpat/io/reader.h"
#include "hvpat/model/run_summary.h"
#include "hvpat/rules/rule_set.h"
#include "hvpat/store/store.h"

namespace hvpat::pipeline {

struct IngestOptions {
  std::vector<std::string> files;  // in input order; paths as given (quarantine names them so)
  std::string db_dir;              // replaced as a whole when the run succeeds
  std::vector<base::Date> dates;   // statistics dates, ascending and distinct; evaluated in one pass
  int threads = 0;                 // 0: all hardware threads
  int tokens_per_thread = 3;       // chunks in flight per thread
  io::ReaderOptions reader;        // chunk size, maximum line length; decode_threads 0: one per
                                   // worker thread (several files only)
  store::WriteOptions write;       // write batch size, memtable budget
  size_t memory_limit = size_t{1} << 30;  // bounds the run buffers and tallies; past it, sorted
                                          // runs spill to files beside the database
};

using model::RunSummary;

// Runs the whole ingest. The database at db_dir is replaced only when the run completes;
// on any error it is left as it was and the error propagates (Error kInput, kStore).
// Throws Error(kStore) when db_dir exists and is not an hvpat database.
RunSummary Ingest(const IngestOptions& options, const rules::RuleSet& rules);

}  // namespace hvpat::pipeline
