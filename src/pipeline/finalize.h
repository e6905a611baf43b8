// Finalize: after every record has been read, settle what needs all of them: the last
// occurrence of each id across runs, family links through family_id (rules.md,
// overseas), and every tally, on all threads, one id range per task (the partitions of
// the runs), with partial tallies combined at the end.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "hvpat/model/run_summary.h"
#include "hvpat/rules/rule_set.h"
#include "hvpat/store/store.h"
#include "runs.h"
#include "tallies.h"

namespace hvpat::pipeline {

struct FinalizeResult {
  uint64_t indexed = 0;
  uint64_t replaced_across_runs = 0;
  uint64_t index_entries = 0;  // (holder, patent) pairs in the holder index
  uint64_t linked = 0;         // records rewritten with their family links
  std::vector<model::DateFigures> dates;
  std::vector<std::pair<std::string, uint64_t>> unknown_regions;  // most patents first, then code
  uint64_t unreadable_ipc = 0;
  std::vector<std::string> unreadable_examples;
  std::unordered_map<std::string, uint64_t> later_ipc;  // valid inventions at the latest date
};

struct FinalizeOptions {
  std::string work_dir;           // sorted files are written here before they are ingested
  Tallies::Limits limits;         // what each task's tallies keep before spilling it
  size_t spool_bytes = 32 << 20;  // each task's buffer of holder index entries
};

// Writes tallies, holder rankings, the holder index and the family links of the records
// that have some.
FinalizeResult Finalize(store::Store& store, const RunSet& runs, std::span<const base::Date> dates,
                        const rules::RuleSet& rules, const FinalizeOptions& options);

}  // namespace hvpat::pipeline
