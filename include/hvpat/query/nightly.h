// Questions about the snapshots of a database (spec/nightly.md): the kept snapshots, and
// what changed between two of them. Typed results, no printing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hvpat/base/date.h"
#include "hvpat/model/patent.h"

namespace hvpat::query {

struct SnapshotInfo {
  std::string name;
  bool published = false;
  std::string created;  // YYYY-MM-DDTHH:MM:SSZ
  std::vector<base::Date> as_of;
  std::string rules_fingerprint;
  uint64_t lines_read = 0;
  uint64_t indexed = 0;
  uint64_t quarantined = 0;
  std::string summary_json;
};
// Newest first. Throws Error(kStore) when `db` is not a database.
std::vector<SnapshotInfo> Snapshots(const std::string& db);

struct DiffEntry {
  std::string id;
  std::string region;                  // the first holder's region in `to` (else in `from`); "" when none
  std::optional<model::Verdict> from;  // at D; nullopt when absent from that snapshot
  std::optional<model::Verdict> to;
};

struct DiffResult {
  std::string from;
  std::string to;
  base::Date as_of;
  std::optional<std::string> region;  // nullopt: the nation
  uint64_t high_value_from = 0;
  uint64_t high_value_to = 0;
  std::vector<DiffEntry> entered;  // by id
  std::vector<DiffEntry> left;
  uint64_t added = 0;
  uint64_t removed = 0;
};

struct DiffRequest {
  std::optional<std::string> from;  // default: the snapshot kept before `to`
  std::optional<std::string> to;    // default: the published one
  std::optional<base::Date> as_of;  // default: the latest date both hold
  std::optional<std::string> region;
};
// Merges the two snapshots' id-ordered patents. Throws Error(kUsage) when they hold no
// statistics date in common (or not the one asked), Error(kStore) when a snapshot is missing.
DiffResult Diff(const std::string& db, const DiffRequest& request);

}  // namespace hvpat::query
