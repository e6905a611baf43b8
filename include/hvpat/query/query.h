// Questions answered from a database: region counts, one patent, holder rankings.
// Typed results, no printing (report/ renders them).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "hvpat/base/date.h"
#include "hvpat/model/evidence.h"
#include "hvpat/model/patent.h"
#include "hvpat/rules/rule_set.h"
#include "hvpat/store/schema.h"
#include "hvpat/store/store.h"

namespace hvpat::query {

// What every answer needs to know of the run that built the database.
struct RunInfo {
  std::vector<base::Date> dates;  // the run's statistics dates, ascending
  base::Date as_of;               // the date answers are for: the latest unless chosen
  std::array<bool, model::kRuleCount> enabled{};
  std::string summary_json;
  std::string rules_json;
  std::string inputs_json;
  // The rules the database was built with (its stored copy), parsed on the first call and
  // shared by copies of this RunInfo. Count and report need none of them (a region's line
  // holds its populations): parsing the files (the concordance, every region) would be most
  // of such a query's work. Throws Error(kStore) when the copy is missing or corrupt.
  const rules::RuleSet& Rules() const;
  struct StoredRulesOnce {
    const store::Store* store = nullptr;  // where Rules() reads them; ReadRunInfo sets it
    std::once_flag once;
    std::shared_ptr<const rules::RuleSet> parsed;
  };
  std::shared_ptr<StoredRulesOnce> rules = std::make_shared<StoredRulesOnce>();
};
// Reads the run's metadata; `as_of` chooses one of its dates (Error kStore naming the
// dates it holds when it has no such date).
RunInfo ReadRunInfo(const store::Store& store, std::optional<base::Date> as_of = std::nullopt);

// The rules the database was built with, from the copy it keeps.
rules::RuleSet StoredRules(const store::Store& store);

struct CountResult {
  std::optional<std::string> region;  // nullopt: the nation
  std::optional<std::string> name;    // from regions.tsv; "全国" for the nation
  base::Date as_of;
  store::Counts counts;
  std::array<bool, model::kRuleCount> enabled{};
  std::optional<int64_t> population;   // at as_of (spec/analytics.md, "Populations")
  std::optional<int> population_year;  // the population.tsv year used; nullopt: census or none
  // high_value * 10000 / population, unrounded; nullopt when the population is unknown.
  std::optional<double> PerTenThousand() const;
  // valid * 10000 / population ("invention patents per 10,000 people"); nullopt likewise.
  std::optional<double> ValidPerTenThousand() const;
};

// The tallies scope of a region, or of the nation when nullopt: the one place a query
// turns its --region into a store scope.
std::string ScopeOf(const std::optional<std::string>& region);

// Counts of a region's subtree, or of the nation (every domestic first holder) when
// `region` is nullopt. REQUIRES: region, if given, is six ASCII digits.
CountResult Count(const store::Store& store, const RunInfo& info, const std::optional<std::string>& region);

// The region report: the regions one level below `region` that have a line in
// regions.tsv (provinces of the nation, cities of a province, counties of a city), with
// or without patents, in code order.
std::vector<CountResult> Children(const store::Store& store, const RunInfo& info,
                                  const std::optional<std::string>& region);

struct PatentView {
  model::Patent patent;
  model::Verdict verdict;    // at info.as_of, as stored
  model::Evidence evidence;  // why, from the stored record and the stored rules
  std::vector<model::FamilyLink> links;
};
std::optional<PatentView> Show(const store::Store& store, const RunInfo& info, const std::string& id);

struct HolderRow {
  std::string holder;
  uint64_t high_value = 0;
  uint64_t valid_inventions = 0;
  std::array<uint64_t, model::kRuleCount> by_rule{};
  // high_value / the region's high-value patents; nullopt when the region has none.
  std::optional<double> share;
};
// Holders ranked by high-value patents in the region (ties by name bytes), at most `top`;
// with `rule`, ranked by the patents meeting that rule instead.
std::vector<HolderRow> Holders(const store::Store& store, const RunInfo& info, const std::optional<std::string>& region,
                               size_t top, std::optional<model::Rule> rule = std::nullopt);

// A region's name and populations as given in the rules' regions.tsv and population.tsv.
using RegionLine = store::RegionValue;
std::optional<RegionLine> LookupRegion(const store::Store& store, const std::string& code);

}  // namespace hvpat::query
