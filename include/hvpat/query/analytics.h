// The analytics questions of spec/analytics.md answered from a database's tallies:
// industries, pledge financing, outlook, targets, and one holder's patents. Typed
// results, no printing (report/ renders them). Every function reads only point keys
// and short prefix scans; none scans patents except HolderPatents, which reads the
// patents of one holder.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hvpat/base/date.h"
#include "hvpat/model/patent.h"
#include "hvpat/query/query.h"
#include "hvpat/rules/rule_set.h"
#include "hvpat/store/store.h"

namespace hvpat::query {

// True when `code` is in the subtree of `parent` (rules.md, "Region and holder").
// REQUIRES: both are six-character region codes.
bool InSubtree(const std::string& code, const std::string& parent);

struct IndustryRow {
  std::string industry;  // "1" or, detailed, "1.5"
  std::optional<std::string> name;
  uint64_t valid_inventions = 0;
};
// Every industry sei_ipc.tsv defines (top-level codes, or with `detailed` the codes as
// written), by code compared part by part as integers, with its valid inventions at as_of.
std::vector<IndustryRow> Industries(const store::Store& store, const RunInfo& info,
                                    const std::optional<std::string>& region, bool detailed);

struct PledgeResult {
  std::optional<base::Date> from;  // nullopt: no lower bound
  base::Date to;
  store::PledgeTally tally;
};
// Pledge financing registered in [from, to] (both inclusive) on the patents counted for
// the region; empty (zeros) when from > to.
PledgeResult Pledges(const store::Store& store, const std::optional<std::string>& region,
                     std::optional<base::Date> from, base::Date to);

struct OutlookRow {
  int years = 0;
  base::Date as_of;  // info.as_of + years
  uint64_t patents = 0;
};
// For k = 1..years: the valid, not high-value patents at as_of that first meet
// `maintained` at as_of + k years (all 0 when `maintained` is disabled).
std::vector<OutlookRow> Outlook(const store::Store& store, const RunInfo& info,
                                const std::optional<std::string>& region, int years);

struct TargetRow {
  rules::Target target;
  std::optional<std::string> name;
  base::Date as_of;  // the database's latest statistics date
  std::optional<double> current;
  std::optional<double> share;
  std::optional<bool> met;
  std::optional<double> projected;  // nullopt with one statistics date, or no current
};
// The targets of targets.tsv for the region's subtree (all when nullopt), evaluated at the
// latest statistics date, ordered by region, metric name, due, base (none first), target.
std::vector<TargetRow> Targets(const store::Store& store, const RunInfo& info,
                               const std::optional<std::string>& region);

struct HolderPatent {
  std::string id;
  std::string region;  // the first holder's region as the holder index keeps it; "" abroad
  model::Patent patent;
  model::Verdict verdict;  // at info.as_of
};
// The patents held by `holder` (exact name), by id, with their verdicts at as_of.
std::vector<HolderPatent> HolderPatents(const store::Store& store, const RunInfo& info, const std::string& holder);

}  // namespace hvpat::query
