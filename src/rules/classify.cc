// The rules of spec/rules.md, each in its own function, over one record and date D.
#include "hvpat/rules/classify.h"

#include <algorithm>

namespace hvpat::rules {
namespace {

using model::Patent;
using model::Rule;
using model::Status;

bool Ended(Status status) {
  return status == Status::kLapsed || status == Status::kExpired || status == Status::kInvalidated ||
         status == Status::kWithdrawn;
}

bool Overseas(const Patent& p, const Config& config) {
  return std::any_of(p.family.begin(), p.family.end(), [&](const model::FamilyMember& m) {
    return m.granted && !config.IsDomestic(m.country);
  });
}

// "maintained": valid at D and D > anchor + N years (the patent year runs from the anchor).
bool Maintained(const Patent& p, bool valid, base::Date d, const Config& config) {
  if (!valid) return false;
  std::optional<base::Date> anchor =
      config.anchor == Config::Anchor::kFiling ? std::optional(p.filing_date) : p.grant_date;
  return anchor && d > anchor->AddYears(config.maintained_years);
}

// "pledge": the largest single amount registered by D reaches the threshold; a share is
// compared as amount >= threshold * patents so that no division rounds.
bool Pledged(const Patent& p, base::Date d, const Config& config) {
  for (const auto& pledge : p.pledges) {
    if (!pledge.date || *pledge.date > d) continue;
    double patents = config.apportion == Config::Apportion::kShare ? static_cast<double>(pledge.patents) : 1.0;
    if (static_cast<long double>(pledge.amount) >=
        static_cast<long double>(config.pledge_threshold_cny) * static_cast<long double>(patents)) {
      return true;
    }
  }
  return false;
}

bool Awarded(const Patent& p, base::Date d, const RuleSet& rules) {
  auto accepted = [&](const model::Award& a) {
    return a.year <= d.year() && rules.config.Accepts(a.award, a.level);
  };
  if (std::any_of(p.awards.begin(), p.awards.end(), accepted)) return true;
  auto side = rules.awards.find(p.id);
  return side != rules.awards.end() && std::any_of(side->second.begin(), side->second.end(), accepted);
}

}  // namespace

bool IsValidAt(const Patent& p, base::Date d, const Config& config) {
  if (p.office != "CN" || p.type != model::PatentType::kInvention) return false;
  if (!p.grant_date || *p.grant_date > d) return false;
  if (!(d < p.filing_date.AddYears(config.term_years))) return false;
  if (p.status == Status::kPending || p.status == Status::kRejected) return false;
  if (Ended(p.status) && !(p.status_date && *p.status_date > d)) return false;
  return true;
}

model::Verdict Classify(const Patent& p, base::Date d, const RuleSet& rules) {
  const Config& config = rules.config;
  model::Verdict v;
  v.enabled = config.enabled;
  v.valid = IsValidAt(p, d, config);
  v.industries = rules.concordance.Industries(p.ipc);
  v.rules[static_cast<int>(Rule::kSei)] = !v.industries.empty();
  v.rules[static_cast<int>(Rule::kOverseas)] = Overseas(p, config);
  v.rules[static_cast<int>(Rule::kMaintained)] = Maintained(p, v.valid, d, config);
  v.rules[static_cast<int>(Rule::kPledge)] = Pledged(p, d, config);
  v.rules[static_cast<int>(Rule::kAward)] = Awarded(p, d, rules);
  Settle(v);
  return v;
}

bool IsForeignGrantedMember(const Patent& record, base::Date d, const Config& config) {
  return !record.family_id.empty() && record.office != "CN" && !config.IsDomestic(record.office) &&
         record.type == model::PatentType::kInvention && record.grant_date && *record.grant_date <= d;
}

void AddFamilyMember(model::Verdict& verdict) {
  verdict.rules[static_cast<int>(Rule::kOverseas)] = true;
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
