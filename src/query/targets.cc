// hvpat targets (spec/analytics.md, "rules/targets.tsv and hvpat targets"): each target's
// metric at the latest statistics date, and its straight-line projection to `due`.
#include <algorithm>
#include <tuple>

#include "hvpat/query/analytics.h"

namespace hvpat::query {
namespace {

using rules::Metric;

std::optional<std::string> RegionOfTarget(const rules::Target& t) {
  if (t.region == rules::kNationCode) return std::nullopt;
  return t.region;
}

std::optional<double> Per10kAt(const store::Store& store, RunInfo info, const std::optional<std::string>& region,
                               base::Date date) {
  info.as_of = date;
  return Count(store, info, region).PerTenThousand();
}

// The target's metric at statistics date `date` (one of info.dates); nullopt when unknown.
std::optional<double> ValueAt(const store::Store& store, const RunInfo& info, const rules::Target& t, base::Date date) {
  const auto region = RegionOfTarget(t);
  RunInfo at = info;
  at.as_of = date;
  switch (t.metric) {
    case Metric::kHighValue:
      return static_cast<double>(Count(store, at, region).counts.high_value);
    case Metric::kHighValuePer10k:
      return Count(store, at, region).PerTenThousand();
    case Metric::kValidPer10k:
      return Count(store, at, region).ValidPerTenThousand();
    case Metric::kPer10kGrowth: {
      if (!t.base || std::find(info.dates.begin(), info.dates.end(), *t.base) == info.dates.end()) return std::nullopt;
      auto base = Per10kAt(store, info, region, *t.base);
      auto now = Per10kAt(store, info, region, date);
      if (!base || !now || *base == 0) return std::nullopt;
      return *now / *base - 1;
    }
    case Metric::kPledgeCny:
      // A date before the base is an empty window: 0 (analytics.md).
      return Pledges(store, region, t.base, date).tally.amount_cny;
  }
  return std::nullopt;
}

TargetRow Evaluate(const store::Store& store, const RunInfo& info, const rules::Target& t) {
  TargetRow row;
  row.target = t;
  row.as_of = info.dates.back();
  if (t.region == rules::kNationCode) {
    row.name = "全国";
  } else if (auto line = LookupRegion(store, t.region)) {
    row.name = line->name;
  }
  row.current = ValueAt(store, info, t, row.as_of);
  if (!row.current) return row;  // share, met and projected null too
  row.share = *row.current / t.target;
  row.met = *row.current >= t.target;
  if (info.dates.size() >= 2) {
    const base::Date first = info.dates.front();
    if (auto start = ValueAt(store, info, t, first)) {
      double span = row.as_of.days() - first.days();
      double slope = (*row.current - *start) / span;
      row.projected = *start + slope * (t.due.days() - first.days());
    }
  }
  return row;
}

auto OrderKey(const rules::Target& t) {
  return std::make_tuple(t.region, rules::MetricName(t.metric), t.due, t.base.has_value(),
                         t.base.value_or(base::Date()), t.target);
}

}  // namespace

std::vector<TargetRow> Targets(const store::Store& store, const RunInfo& info,
                               const std::optional<std::string>& region) {
  std::vector<rules::Target> targets;
  for (const auto& t : info.Rules().targets) {
    if (!region || (t.region != rules::kNationCode && InSubtree(t.region, *region))) targets.push_back(t);
  }
  std::stable_sort(targets.begin(), targets.end(),
                   [](const auto& a, const auto& b) { return OrderKey(a) < OrderKey(b); });
  std::vector<TargetRow> rows;
  rows.reserve(targets.size());
  for (const auto& t : targets) rows.push_back(Evaluate(store, info, t));
  return rows;
}

}  // namespace hvpat::query
