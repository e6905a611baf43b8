// Point reads and short prefix scans over the layout of store/schema.h; nothing here
// scans patents.
#include "hvpat/query/query.h"

#include <algorithm>
#include <cassert>
#include <charconv>

#include "hvpat/base/ascii.h"
#include "hvpat/base/error.h"
#include "hvpat/base/region_levels.h"
#include "hvpat/rules/classify.h"
#include "hvpat/rules/rule_table.h"

namespace hvpat::query {
namespace {

using store::Store;

std::string Need(const Store& store, const char* key) {
  auto value = store.Get(Store::Family::kMeta, key);
  if (!value) throw Error(ErrorKind::kStore, std::string("database has no ") + key + " (not built by hvpat ingest?)");
  return *value;
}

}  // namespace

RunInfo ReadRunInfo(const Store& store, std::optional<base::Date> as_of) {
  RunInfo info;
  auto schema = store.Get(Store::Family::kMeta, store::kMetaSchema);
  if (!schema) throw Error(ErrorKind::kStore, "the database has no schema version: not built by hvpat ingest");
  if (*schema != store::kSchemaVersion) {
    throw Error(ErrorKind::kStore, "the database has schema version " + *schema + ", this hvpat reads version " +
                                       std::string(store::kSchemaVersion) + ": rebuild it with hvpat ingest");
  }
  // Rule bits and counters are by position in the rule table: another table is another
  // version, not a corrupt database.
  const std::string built_with =
      store.Get(Store::Family::kMeta, store::kMetaRuleTable).value_or(std::string(store::kFiveRules));
  if (built_with != rules::RuleNames(",")) {
    throw Error(ErrorKind::kStore, "the database was built with the rules " + built_with + ", this hvpat decides " +
                                       rules::RuleNames(",") + ": rebuild it with hvpat ingest");
  }
  const std::string dates = Need(store, store::kMetaAsOf);
  for (size_t start = 0; start <= dates.size();) {
    size_t comma = std::min(dates.find(',', start), dates.size());
    auto date = base::Date::ParseIso(std::string_view(dates).substr(start, comma - start));
    if (!date) throw Error(ErrorKind::kStore, "database has a bad as-of date list: " + dates);
    info.dates.push_back(*date);
    start = comma + 1;
  }
  info.as_of = info.dates.back();
  if (as_of) {
    if (std::find(info.dates.begin(), info.dates.end(), *as_of) == info.dates.end()) {
      throw Error(ErrorKind::kStore,
                  "the database holds no figures as of " + as_of->ToString() + " (it holds " + dates + ")");
    }
    info.as_of = *as_of;
  }
  std::string enabled = Need(store, store::kMetaEnabled);
  for (auto rule : model::kAllRules) {
    std::string name(rules::RuleName(rule));
    size_t at = ("," + enabled + ",").find("," + name + ",");
    info.enabled[static_cast<int>(rule)] = at != std::string::npos;
  }
  info.summary_json = Need(store, store::kMetaSummary);
  info.rules_json = Need(store, store::kMetaRules);
  info.inputs_json = Need(store, store::kMetaInputs);
  info.rules->store = &store;
  return info;
}

const rules::RuleSet& RunInfo::Rules() const {
  std::call_once(rules->once, [this] {
    if (!rules->store) throw Error(ErrorKind::kStore, "no database to read the rules of (not read by ReadRunInfo)");
    rules->parsed = std::make_shared<const rules::RuleSet>(StoredRules(*rules->store));
  });
  return *rules->parsed;
}

std::optional<double> CountResult::PerTenThousand() const {
  if (!population) return std::nullopt;
  return static_cast<double>(counts.high_value) * 10000.0 / static_cast<double>(*population);
}

std::optional<double> CountResult::ValidPerTenThousand() const {
  if (!population) return std::nullopt;
  return static_cast<double>(counts.valid) * 10000.0 / static_cast<double>(*population);
}

std::string ScopeOf(const std::optional<std::string>& region) {
  return region ? store::RegionScope(*region) : store::NationalScope();
}

std::optional<RegionLine> LookupRegion(const Store& store, const std::string& code) {
  auto value = store.Get(Store::Family::kMeta, store::RegionMetaKey(code));
  if (!value) return std::nullopt;
  auto line = store::DecodeRegionValue(*value);
  if (!line) {
    throw Error(ErrorKind::kStore, "the database's line of region " + code + " is corrupt ('" + *value +
                                       "'): rebuild it with hvpat ingest");
  }
  return line;
}

CountResult Count(const Store& store, const RunInfo& info, const std::optional<std::string>& region) {
  assert(!region || base::IsAsciiDigits(*region, 6));
  CountResult result;
  result.as_of = info.as_of;
  result.enabled = info.enabled;
  result.region = region;
  const std::string scope = ScopeOf(region);
  if (auto value = store.Get(Store::Family::kTallies, store::CountsKey(info.as_of, scope))) {
    auto counts = store::DecodeCounts(*value);
    if (!counts) throw Error(ErrorKind::kStore, "corrupt counters for " + scope);
    result.counts = *counts;
  }
  // Name and population at as_of (analytics.md, "Populations") from the region's own line;
  // the nation's is 000000's.
  const auto line = LookupRegion(store, region ? *region : std::string(rules::kNationCode));
  if (!region) {
    result.name = "全国";
  } else if (line) {
    result.name = line->name;
  }
  if (line) {
    auto population = rules::PopulationIn(line->yearly, line->census, info.as_of);
    result.population = population.persons;
    result.population_year = population.year;
  }
  return result;
}

std::vector<CountResult> Children(const Store& store, const RunInfo& info, const std::optional<std::string>& region) {
  // A child of the nation is a province (XX0000); of a province, a city (XXYY00) in it;
  // of a city, any other code in it.
  auto is_child = [&](const std::string& code) {
    if (code.size() != 6) return false;  // not a region line (the store writes six digits)
    const base::RegionLevel level = base::RegionLevelOf(code);
    if (!region) return level == base::RegionLevel::kProvince;
    const std::string& parent = *region;
    if (code == parent) return false;
    switch (base::RegionLevelOf(parent)) {
      case base::RegionLevel::kProvince:
        return base::ProvinceOf(code) == parent && level != base::RegionLevel::kCounty;
      case base::RegionLevel::kCity:
        return base::CityOf(code) == parent;
      case base::RegionLevel::kCounty:
        return false;
    }
    return false;
  };
  // Every regions.tsv line (the "region/" meta keys), with patents or not (analytics.md).
  std::vector<std::string> codes;
  const std::string prefix = store::RegionMetaKey("");
  store.Scan(Store::Family::kMeta, prefix, [&](std::string_view key, std::string_view) {
    std::string code(key.substr(prefix.size()));
    if (code != rules::kNationCode && is_child(code)) codes.push_back(std::move(code));
    return true;
  });
  std::vector<CountResult> rows;
  rows.reserve(codes.size());
  for (const auto& code : codes) rows.push_back(Count(store, info, code));
  return rows;
}

rules::RuleSet StoredRules(const Store& store) {
  rules::RuleTexts texts;
  texts.directory = "(database copy)";
  for (size_t i = 0; i < rules::kRuleFiles.size(); ++i) {
    std::string key = std::string(store::kMetaRuleFilePrefix) + rules::kRuleFiles[i];
    if (i < rules::kRequiredRuleFiles) {
      texts.files[i] = Need(store, key.c_str());
    } else {
      texts.files[i] = store.Get(Store::Family::kMeta, key).value_or("");  // optional: absent is empty
    }
  }
  return rules::ParseRuleSet(texts);
}

std::optional<PatentView> Show(const Store& store, const RunInfo& info, const std::string& id) {
  auto value = store.Get(Store::Family::kPatents, id);
  if (!value) return std::nullopt;
  PatentView view;
  model::Assessment assessment;
  if (!store::DecodePatent(*value, view.patent, assessment)) {
    throw Error(ErrorKind::kStore, "corrupt patent record " + id);
  }
  auto index = assessment.IndexOf(info.as_of);
  if (!index) throw Error(ErrorKind::kStore, "patent " + id + " has no verdict as of " + info.as_of.ToString());
  view.verdict = assessment.verdicts[*index];
  view.links = assessment.links;
  view.evidence = rules::Explain(view.patent, view.links, info.as_of, info.Rules());
  return view;
}

std::vector<HolderRow> Holders(const Store& store, const RunInfo& info, const std::optional<std::string>& region,
                               size_t top, std::optional<model::Rule> rule) {
  std::vector<HolderRow> rows;
  if (top == 0) return rows;
  const uint64_t region_high_value = Count(store, info, region).counts.high_value;
  const uint8_t order = rule ? store::RankByRule(*rule) : store::kRankByHighValue;
  std::string prefix = store::HolderRankPrefix(info.as_of, ScopeOf(region), order);
  store.Scan(Store::Family::kHolderRank, prefix, [&](std::string_view key, std::string_view value) {
    auto figures = store::DecodeHolderRank(prefix, key, value);
    if (!figures) throw Error(ErrorKind::kStore, "corrupt holder ranking entry");
    HolderRow row{std::move(figures->name), figures->high_value, figures->valid, figures->by_rule, std::nullopt};
    if (region_high_value > 0) {
      row.share = static_cast<double>(row.high_value) / static_cast<double>(region_high_value);
    }
    rows.push_back(std::move(row));
    return rows.size() < top;
  });
  return rows;
}

}  // namespace hvpat::query
