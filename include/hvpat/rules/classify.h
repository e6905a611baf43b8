// Validity at a statistics date and the five rules (spec/rules.md).
#pragma once

#include "hvpat/base/date.h"
#include "hvpat/model/patent.h"
#include "hvpat/rules/rule_set.h"

namespace hvpat::rules {

// A valid invention patent at D ("In force at D").
bool IsValidAt(const model::Patent& patent, base::Date as_of, const Config& config);

// The verdict that the record alone decides. `overseas` here counts the record's own
// `family` list; members found through `family_id` are added by AddFamilyMember at
// finalize, when every record has been read.
model::Verdict Classify(const model::Patent& patent, base::Date as_of, const RuleSet& rules);

// Whether `record` is, for the other records sharing its family_id, a granted family
// member abroad at D: an office other than CN and not domestic, an invention granted by D.
bool IsForeignGrantedMember(const model::Patent& record, base::Date as_of, const Config& config);

// Marks the overseas condition as met through a family member and settles high_value.
void AddFamilyMember(model::Verdict& verdict);

// high_value = valid and some enabled rule holds; disabled rules never hold.
void Settle(model::Verdict& verdict);

}  // namespace hvpat::rules
