// What an ingest run does around the pipeline to publish what it built (spec/nightly.md):
// the database's meta entries, the check that the new snapshot answers what the run
// counted, its snapshot.json, the guard that holds an implausible run back, the
// free-space check before a run starts, and DIR/quarantine.ndjson.
#pragma once

#include <string>

#include "hvpat/model/run_summary.h"
#include "hvpat/pipeline/ingest.h"
#include "hvpat/rules/rule_set.h"
#include "hvpat/store/store.h"

namespace hvpat::pipeline {

// The meta family: schema, rule table, dates, rules files and values, enabled rules,
// inputs, summary, snapshot name and the regions.
void WriteMeta(store::Store& store, const IngestOptions& options, const rules::RuleSet& rules,
               const model::RunSummary& summary);

// Reopens the built snapshot at `path` as a query would and checks what it answers
// against what the run counted: the schema, the dates and the nation's counters at every
// date. Throws Error(kStore) naming the difference.
void Verify(const std::string& path, const model::RunSummary& summary);

// The snapshot's snapshot.json.
std::string SnapshotJson(const model::RunSummary& summary, const rules::RuleSet& rules);

// The guard: why this run's snapshot should not replace the published one of `db_dir`
// ("" when it may). With no published snapshot there are no figures to protect: the
// first run publishes.
std::string GuardReason(const IngestOptions& options, const model::RunSummary& summary, const std::string& db_dir);

// RocksDB aborts the process on some write errors once the disk is full (an assertion in
// its file writer): throws Error(kStore) when `dir`'s filesystem has almost no room left.
inline constexpr uint64_t kMinFreeBytes = 8 << 20;
void CheckFreeSpace(const std::string& dir);

// Every completed run replaces DIR/quarantine.ndjson (spec/cli.md), published or held:
// a hard link to the snapshot's, renamed into place.
void ReplaceQuarantine(const std::string& db_dir, const std::string& snapshot_path);

}  // namespace hvpat::pipeline
