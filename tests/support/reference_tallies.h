// Test support: the 'I', 'O' and 'P' tallies of store/schema.h recomputed from a
// database's stored patents, straight from spec/analytics.md, one patent at a time. The
// ingest writes them in its own, parallel way; tests compare the two.
#pragma once

#include <map>
#include <string>

#include "hvpat/query/query.h"
#include "hvpat/rules/classify.h"
#include "hvpat/store/schema.h"
#include "hvpat/store/store.h"

namespace hvpat::testing {

struct ReferenceTallies {
  std::map<std::string, uint64_t> figures;            // 'I' and 'O' keys
  std::map<std::string, store::PledgeTally> pledges;  // 'P' keys
};

// Outlook (analytics.md): a valid, not high-value patent at D counts at the smallest k >= 1
// with D + k years past the maintenance line, when it is still valid at D + k years.
inline void AddOutlook(const model::Patent& p, base::Date d, const rules::Config& config,
                       const std::vector<std::string>& scopes, ReferenceTallies& out) {
  if (!config.Enabled(model::Rule::kMaintained)) return;
  auto anchor = config.anchor == rules::Config::Anchor::kFiling ? std::optional(p.filing_date) : p.grant_date;
  if (!anchor) return;
  const base::Date line = anchor->AddYears(config.maintained_years);
  int k = 1;
  while (!(d.AddYears(k) > line)) ++k;
  if (!rules::IsValidAt(p, d.AddYears(k), config)) return;
  for (const auto& s : scopes) out.figures[store::OutlookKey(d, s, k)]++;
}

// Pledges: per patent, its dated pledges grouped by date; each date an entry keyed by
// the previous date (schema.h), pledges and share amounts summed, patents 1.
inline void AddPledges(const model::Patent& p, const std::vector<std::string>& scopes, ReferenceTallies& out) {
  std::map<base::Date, std::pair<uint64_t, double>> by_date;
  for (const auto& pledge : p.pledges) {
    if (!pledge.date) continue;
    auto& entry = by_date[*pledge.date];
    entry.first++;
    entry.second += pledge.amount / static_cast<double>(pledge.patents);
  }
  std::optional<base::Date> previous;
  for (const auto& [date, entry] : by_date) {
    for (const auto& s : scopes) {
      auto& t = out.pledges[store::PledgeKey(s, date, previous)];
      t.pledges += entry.first;
      t.patents += 1;
      t.amount_cny += entry.second;
    }
    previous = date;
  }
}

inline ReferenceTallies ComputeReferenceTallies(const store::Store& db) {
  const auto info = query::ReadRunInfo(db);
  const rules::Config& config = info.Rules().config;
  ReferenceTallies out;
  db.Scan(store::Store::Family::kPatents, "", [&](std::string_view, std::string_view value) {
    model::Patent p;
    model::Assessment a;
    if (!store::DecodePatent(value, p, a)) return false;
    const std::string region(p.Region());
    if (p.office != "CN" || region.empty()) return true;  // counted for no region
    const auto scopes = store::ScopesOf(region);
    for (size_t i = 0; i < a.dates.size(); ++i) {
      const auto& v = a.verdicts[i];
      if (!v.valid) continue;
      for (const auto& s : scopes) {
        for (const auto& code : v.TopIndustries()) out.figures[store::IndustryKey(a.dates[i], s, false, code)]++;
        for (const auto& code : v.industries) out.figures[store::IndustryKey(a.dates[i], s, true, code)]++;
      }
      if (!v.high_value) AddOutlook(p, a.dates[i], config, scopes, out);
    }
    AddPledges(p, scopes, out);
    return true;
  });
  return out;
}

// The 'I', 'O' and 'P' tallies a database holds, zeros left out.
inline ReferenceTallies ReadStoredTallies(const store::Store& db) {
  ReferenceTallies out;
  for (const char* prefix : {"I", "O"}) {
    db.Scan(store::Store::Family::kTallies, prefix, [&](std::string_view key, std::string_view value) {
      auto n = store::DecodeFigure(value);
      if (n && *n > 0) out.figures[std::string(key)] = *n;
      return true;
    });
  }
  db.Scan(store::Store::Family::kTallies, "P", [&](std::string_view key, std::string_view value) {
    auto t = store::DecodePledgeTally(value);
    if (t && (t->pledges > 0 || t->patents > 0)) out.pledges[std::string(key)] = *t;
    return true;
  });
  return out;
}

}  // namespace hvpat::testing
