// Validity at D and the verdict of every rule of the rule table (rules/rule_table.h), each
// filling its part of the evidence when asked; the verdict is the same either way.
#include "hvpat/rules/classify.h"

#include <algorithm>

#include "hvpat/rules/rule_table.h"

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
  model::Verdict v;
  v.enabled = rules.config.enabled;
  v.industries = industries;
  v.valid = Valid(p, d, rules.config, ev ? &ev->validity : nullptr);
  const RuleInput in{p, d, rules, industries, links, v.valid};
  for (const RuleDef& rule : RuleTable()) v.rules[Index(rule.rule)] = rule.decide(in, ev);
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
  model::Verdict v = Decide(p, d, rules, rules.concordance.Industries(p.ipc), links, &ev);
  ev.region = RegionOf(p);
  if (verdict) *verdict = std::move(v);
  return ev;
}

bool CanBeFamilyMember(const Patent& record, const Config& config) {
  return !record.family_id.empty() && record.office != "CN" && !config.IsDomestic(record.office) &&
         record.type == model::PatentType::kInvention && record.grant_date.has_value();
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
