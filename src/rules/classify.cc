// The rules of spec/rules.md, each in its own function over one record and a date D.
// Each fills its part of the evidence when asked; the verdict is the same either way.
#include "hvpat/rules/classify.h"

#include <algorithm>

namespace hvpat::rules {
namespace {

using model::Evidence;
using model::FamilyLink;
using model::Patent;
using model::Rule;
using model::Status;

constexpr int Index(Rule rule) { return static_cast<int>(rule); }

bool Ended(Status status) {
  return status == Status::kLapsed || status == Status::kExpired || status == Status::kInvalidated ||
         status == Status::kWithdrawn;
}

bool Valid(const Patent& p, base::Date d, const Config& config, Evidence::Validity* why) {
  Evidence::Validity v;
  v.cn_office = p.office == "CN";
  v.invention = p.type == model::PatentType::kInvention;
  v.grant_date = p.grant_date;
  v.granted_by_as_of = p.grant_date && *p.grant_date <= d;
  v.term_end = p.filing_date.AddYears(config.term_years);
  v.in_term = d < v.term_end;
  v.status = p.status;
  v.status_date = p.status_date;
  // An ended patent with no status_date is ended at every D.
  v.status_allows = p.status != Status::kPending && p.status != Status::kRejected &&
                    !(Ended(p.status) && !(p.status_date && *p.status_date > d));
  v.valid = v.cn_office && v.invention && v.granted_by_as_of && v.in_term && v.status_allows;
  if (why) *why = v;
  return v.valid;
}

// Some `family` member granted outside the domestic set, or a linked record of another
// office granted by D.
bool Overseas(const Patent& p, const std::vector<FamilyLink>& links, base::Date d, const Config& config,
              std::vector<Evidence::Member>* why) {
  bool holds = false;
  for (const auto& m : p.family) {
    if (!m.granted || config.IsDomestic(m.country)) continue;
    holds = true;
    if (!why) return true;
    why->push_back({m.id, m.country, false, std::nullopt});
  }
  for (const auto& link : links) {
    if (link.grant_date > d || link.id == p.id) continue;
    holds = true;
    if (!why) return true;
    why->push_back({link.id, link.country, true, link.grant_date});
  }
  return holds;
}

// Valid at D and D > anchor + N years (the patent year runs from the anchor).
bool Maintained(const Patent& p, bool valid, base::Date d, const Config& config, Evidence::Maintained* why) {
  Evidence::Maintained m;
  m.by_grant = config.anchor == Config::Anchor::kGrant;
  m.anchor_date = m.by_grant ? p.grant_date : std::optional(p.filing_date);
  m.years_required = config.maintained_years;
  if (m.anchor_date) {
    m.kept_after = m.anchor_date->AddYears(config.maintained_years);
    while (m.anchor_date->AddYears(m.years_kept + 1) <= d) ++m.years_kept;
  }
  m.holds = valid && m.kept_after && d > *m.kept_after;
  if (why) *why = m;
  return m.holds;
}

// The largest single amount registered by D reaches the threshold; a share is compared
// as amount >= threshold * patents so that no division rounds at the boundary.
bool Pledged(const Patent& p, base::Date d, const Config& config, Evidence::PledgeEvidence* why) {
  const bool share = config.apportion == Config::Apportion::kShare;
  bool holds = false;
  Evidence::PledgeEvidence e;
  e.threshold_cny = config.pledge_threshold_cny;
  e.share = share;
  for (const auto& pledge : p.pledges) {
    if (!pledge.date || *pledge.date > d) continue;
    long double patents = share ? static_cast<long double>(pledge.patents) : 1.0L;
    if (static_cast<long double>(pledge.amount) >= static_cast<long double>(config.pledge_threshold_cny) * patents) {
      holds = true;
    }
    if (!why) {
      if (holds) return true;
      continue;
    }
    ++e.counted;
    double counted = share ? pledge.amount / static_cast<double>(pledge.patents) : pledge.amount;
    if (!e.best || counted > e.best_amount) {
      e.best = pledge;
      e.best_amount = counted;
    }
  }
  e.holds = holds;
  if (why) *why = e;
  return holds;
}

bool Awarded(const Patent& p, base::Date d, const RuleSet& rules, std::vector<Evidence::AwardEvidence>* why) {
  auto accepted = [&](const model::Award& a) { return a.year <= d.year() && rules.config.Accepts(a.award, a.level); };
  bool holds = false;
  auto consider = [&](const model::Award& a, bool side) {
    if (!accepted(a)) return false;
    holds = true;
    if (why) why->push_back({a, side});
    return !why;  // stop early when nobody asks why
  };
  for (const auto& a : p.awards) {
    if (consider(a, false)) return true;
  }
  if (auto side = rules.awards.find(p.id); side != rules.awards.end()) {
    for (const auto& a : side->second) {
      if (consider(a, true)) return true;
    }
  }
  return holds;
}

Evidence::RegionEvidence RegionOf(const Patent& p) {
  Evidence::RegionEvidence r;
  if (p.holders.empty()) return r;
  const model::Holder& first = p.holders.front();
  r.first_holder = first.name;
  r.country = first.country;
  r.region = std::string(p.Region());
  if (first.country != "CN") {
    r.why = "first holder is not domestic (country " + first.country + "): counts for no region";
  } else if (r.region.empty()) {
    r.why = "first holder is domestic but gives no six-digit region (record of office " + p.office + ")";
  } else {
    r.why = "region of the first holder";
  }
  return r;
}

// The verdict at D given the industries already matched; `ev` filled when not null.
model::Verdict Decide(const Patent& p, base::Date d, const RuleSet& rules, const std::vector<std::string>& industries,
                      const std::vector<FamilyLink>& links, Evidence* ev) {
  const Config& config = rules.config;
  model::Verdict v;
  v.enabled = config.enabled;
  v.industries = industries;
  v.valid = Valid(p, d, config, ev ? &ev->validity : nullptr);
  v.rules[Index(Rule::kSei)] = !industries.empty();
  v.rules[Index(Rule::kOverseas)] = Overseas(p, links, d, config, ev ? &ev->overseas : nullptr);
  v.rules[Index(Rule::kMaintained)] = Maintained(p, v.valid, d, config, ev ? &ev->maintained : nullptr);
  v.rules[Index(Rule::kPledge)] = Pledged(p, d, config, ev ? &ev->pledge : nullptr);
  v.rules[Index(Rule::kAward)] = Awarded(p, d, rules, ev ? &ev->awards : nullptr);
  Settle(v);
  return v;
}

}  // namespace

bool IsValidAt(const Patent& p, base::Date d, const Config& config) { return Valid(p, d, config, nullptr); }

model::Assessment Assess(const Patent& p, std::span<const base::Date> dates, const RuleSet& rules,
                         std::vector<FamilyLink> links) {
  model::Assessment a;
  a.dates.assign(dates.begin(), dates.end());
  a.links = std::move(links);
  const std::vector<std::string> industries = rules.concordance.Industries(p.ipc);
  for (base::Date d : dates) a.verdicts.push_back(Decide(p, d, rules, industries, a.links, nullptr));
  return a;
}

model::Verdict Classify(const Patent& p, base::Date d, const RuleSet& rules) {
  return Decide(p, d, rules, rules.concordance.Industries(p.ipc), {}, nullptr);
}

model::Evidence Explain(const Patent& p, const std::vector<FamilyLink>& links, base::Date d, const RuleSet& rules,
                        model::Verdict* verdict) {
  Evidence ev;
  ev.as_of = d;
  std::vector<uint32_t> rows;
  std::vector<Concordance::Match> matches;
  for (const auto& text : p.ipc) {
    auto symbol = record::ReadIpc(text);
    if (!symbol) continue;
    matches.clear();
    rules.concordance.MatchSymbol(*symbol, rows, &matches);
    for (const auto& m : matches) {
      const ConcordanceRow& row = rules.concordance.row(m.row);
      ev.sei.push_back({text, row.row_id, row.industry_code, row.include[m.pattern]});
    }
  }
  model::Verdict v = Decide(p, d, rules, rules.concordance.Industries(p.ipc), links, &ev);
  ev.region = RegionOf(p);
  if (verdict) *verdict = std::move(v);
  return ev;
}

bool CanBeFamilyMember(const Patent& record, const Config& config) {
  return !record.family_id.empty() && record.office != "CN" && !config.IsDomestic(record.office) &&
         record.type == model::PatentType::kInvention && record.grant_date.has_value();
}

bool IsForeignGrantedMember(const Patent& record, base::Date d, const Config& config) {
  return CanBeFamilyMember(record, config) && *record.grant_date <= d;
}

std::optional<int> FirstMaintainedYear(const Patent& p, base::Date d, const Config& config) {
  if (!config.Enabled(Rule::kMaintained)) return std::nullopt;
  std::optional<base::Date> anchor =
      config.anchor == Config::Anchor::kGrant ? p.grant_date : std::optional(p.filing_date);
  if (!anchor) return std::nullopt;
  const base::Date line = anchor->AddYears(config.maintained_years);
  // D + k > line first holds within a year of line's year minus D's: no long loop.
  int k = std::max(1, line.year() - d.year());
  while (k > 1 && d.AddYears(k - 1) > line) --k;
  while (d.AddYears(k) <= line) ++k;
  if (!Valid(p, d.AddYears(k), config, nullptr)) return std::nullopt;
  return k;
}

void AddFamilyMember(model::Verdict& verdict) {
  verdict.rules[Index(Rule::kOverseas)] = true;
  Settle(verdict);
}

void Settle(model::Verdict& v) {
  bool any = false;
  for (int r = 0; r < model::kRuleCount; ++r) {
    if (!v.enabled[r]) v.rules[r] = false;
    any = any || v.rules[r];
  }
  v.high_value = v.valid && any;
}

}  // namespace hvpat::rules
