// spec/analytics.md answered from the tallies of store/schema.h: 'I' industries, 'O'
// outlook, 'P' pledge financing, plus the 'C' counters for targets.
#include "hvpat/query/analytics.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "hvpat/base/error.h"
#include "hvpat/base/region_levels.h"
#include "hvpat/store/schema.h"

namespace hvpat::query {
namespace {

using store::Store;

// "1.10" -> {1, 10}: industry codes compare part by part as integers (analytics.md).
std::vector<long> CodeParts(const std::string& code) {
  std::vector<long> parts;
  size_t start = 0;
  while (start <= code.size()) {
    size_t dot = std::min(code.find('.', start), code.size());
    long value = 0;
    std::from_chars(code.data() + start, code.data() + dot, value);
    parts.push_back(value);
    start = dot + 1;
  }
  return parts;
}

bool CodeLess(const std::string& a, const std::string& b) {
  auto pa = CodeParts(a), pb = CodeParts(b);
  return pa != pb ? pa < pb : a < b;
}

uint64_t Figure(const Store& store, const std::string& key) {
  auto value = store.Get(Store::Family::kTallies, key);
  if (!value) return 0;
  auto figure = store::DecodeFigure(*value);
  if (!figure) throw Error(ErrorKind::kStore, "corrupt tally entry");
  return *figure;
}

// The industries sei_ipc.tsv defines, with their names (analytics.md, "hvpat industries").
std::vector<IndustryRow> DefinedIndustries(const rules::RuleSet& rules, bool detailed) {
  std::vector<IndustryRow> rows;
  std::set<std::string> seen;
  for (size_t i = 0; i < rules.concordance.row_count(); ++i) {
    const auto& row = rules.concordance.row(i);
    std::string code = detailed ? row.industry_code : row.industry_code.substr(0, row.industry_code.find('.'));
    if (!seen.insert(code).second) continue;  // the first line of a code names it
    std::optional<std::string> name;
    if (detailed) {
      name = row.industry_name;
    } else if (auto it = rules.industry_names.find(code); it != rules.industry_names.end()) {
      name = it->second;
    }
    rows.push_back({code, name, 0});
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return CodeLess(a.industry, b.industry); });
  return rows;
}

}  // namespace

bool InSubtree(const std::string& code, const std::string& parent) {
  switch (base::RegionLevelOf(parent)) {
    case base::RegionLevel::kProvince:
      return base::ProvinceOf(code) == parent;
    case base::RegionLevel::kCity:
      return base::CityOf(code) == parent;
    case base::RegionLevel::kCounty:
      return code == parent;
  }
  return false;
}

std::vector<IndustryRow> Industries(const Store& store, const RunInfo& info, const std::optional<std::string>& region,
                                    bool detailed) {
  std::vector<IndustryRow> rows = DefinedIndustries(info.Rules(), detailed);
  const std::string scope = ScopeOf(region);
  for (auto& row : rows)
    row.valid_inventions = Figure(store, store::IndustryKey(info.as_of, scope, detailed, row.industry));
  return rows;
}

PledgeResult Pledges(const Store& store, const std::optional<std::string>& region, std::optional<base::Date> from,
                     base::Date to) {
  // The window algorithm of store/schema.h: each patent's patents count comes from its
  // first pledge date inside the window, the entry whose previous date is before `from`.
  PledgeResult result{from, to, {}};
  const std::string prefix = store::PledgePrefix(ScopeOf(region));
  store.Scan(Store::Family::kTallies, prefix, [&](std::string_view key, std::string_view value) {
    auto parts = store::DecodePledgeKey(prefix, key);
    auto tally = store::DecodePledgeTally(value);
    if (!parts || !tally) throw Error(ErrorKind::kStore, "corrupt pledge tally entry");
    if (parts->date > to) return false;  // keys ascend by PDATE
    if (from && parts->date < *from) return true;
    result.tally.pledges += tally->pledges;
    result.tally.amount_cny += tally->amount_cny;
    bool first_in_window = from ? (!parts->previous || *parts->previous < *from) : !parts->previous;
    if (first_in_window) result.tally.patents += tally->patents;
    return true;
  });
  return result;
}

std::vector<OutlookRow> Outlook(const Store& store, const RunInfo& info, const std::optional<std::string>& region,
                                int years) {
  std::vector<OutlookRow> rows;
  const bool maintained = info.enabled[static_cast<int>(model::Rule::kMaintained)];
  const std::string scope = ScopeOf(region);
  for (int k = 1; k <= years; ++k) {
    uint64_t patents = maintained ? Figure(store, store::OutlookKey(info.as_of, scope, k)) : 0;
    rows.push_back({k, info.as_of.AddYears(k), patents});
  }
  return rows;
}

std::vector<HolderPatent> HolderPatents(const Store& store, const RunInfo& info, const std::string& holder) {
  std::vector<HolderPatent> rows;
  const std::string prefix = store::HolderPrefix(holder);
  store.Scan(Store::Family::kHolder, prefix, [&](std::string_view, std::string_view value) {
    auto entries = store::DecodeHolderBlock(value);
    if (!entries) throw Error(ErrorKind::kStore, "corrupt holder index entry of " + holder);
    for (const auto& entry : *entries) {
      HolderPatent row;
      row.id = std::string(entry.id);
      row.region = std::string(entry.region);
      auto bytes = store.Get(Store::Family::kPatents, row.id);
      model::Assessment assessment;
      if (!bytes || !store::DecodePatent(*bytes, row.patent, assessment)) {
        throw Error(ErrorKind::kStore, "holder index names patent " + row.id + ", which the database does not hold");
      }
      auto index = assessment.IndexOf(info.as_of);
      if (!index) throw Error(ErrorKind::kStore, "patent " + row.id + " has no verdict as of " + info.as_of.ToString());
      row.verdict = assessment.verdicts[*index];
      rows.push_back(std::move(row));
    }
    return true;
  });
  return rows;
}

}  // namespace hvpat::query
