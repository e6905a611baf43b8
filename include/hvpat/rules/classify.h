// Validity at a statistics date and the five rules (spec/rules.md), with the evidence
// behind each verdict. One implementation decides both, so an explanation can never
// disagree with the verdict it explains.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "hvpat/base/date.h"
#include "hvpat/model/evidence.h"
#include "hvpat/model/patent.h"
#include "hvpat/rules/rule_set.h"

namespace hvpat::rules {

// A valid invention patent at D ("In force at D").
bool IsValidAt(const model::Patent& patent, base::Date as_of, const Config& config);

// The record's verdict at each of `dates` (ascending). `links` are the records of other
// offices sharing its family_id (found at finalize); without them `overseas` counts the
// record's own `family` list only.
model::Assessment Assess(const model::Patent& patent, std::span<const base::Date> dates, const RuleSet& rules,
                         std::vector<model::FamilyLink> links = {});

// One date, no links.
model::Verdict Classify(const model::Patent& patent, base::Date as_of, const RuleSet& rules);

// Why the verdict at `as_of` is what it is; with `verdict`, also the verdict itself.
model::Evidence Explain(const model::Patent& patent, const std::vector<model::FamilyLink>& links, base::Date as_of,
                        const RuleSet& rules, model::Verdict* verdict = nullptr);

// Whether `record` can be, for the other records sharing its family_id, a granted family
// member abroad: an office other than CN and not domestic, an invention with a grant
// date and a family_id. It counts at D when its grant date is on or before D.
bool CanBeFamilyMember(const model::Patent& record, const Config& config);

// The smallest k >= 1 such that the record, valid at D, would meet `maintained` at D + k
// years as the rules evaluate it then (still valid, and past the maintenance line); nullopt
// when no such k exists or `maintained` is disabled (spec/analytics.md, hvpat outlook).
std::optional<int> FirstMaintainedYear(const model::Patent& patent, base::Date as_of, const Config& config);

// Marks the overseas condition as met through a family member and settles high_value.
void AddFamilyMember(model::Verdict& verdict);

// high_value = valid and some enabled rule holds; disabled rules never hold.
void Settle(model::Verdict& verdict);

}  // namespace hvpat::rules
