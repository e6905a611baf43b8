// The rule table (issue #10): each high-value rule of spec/rules.md described once, by
// one entry: its name, its section of high_value.ini, how it is decided at D and how its
// evidence reads, as a line and as JSON. The model, the config parser, the classifier,
// the store and every renderer read this table; adding a rule is one entry here plus its
// tests (docs/architecture.md, "Adding a rule").
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hvpat/base/date.h"
#include "hvpat/model/evidence.h"
#include "hvpat/model/patent.h"
#include "hvpat/rules/rule_set.h"

namespace hvpat::rules {

// What a rule's decision sees: one record at one statistics date.
struct RuleInput {
  const model::Patent& patent;
  base::Date as_of;
  const RuleSet& rules;
  const std::vector<std::string>& industries;   // detailed codes the concordance matched
  const std::vector<model::FamilyLink>& links;  // records of other offices sharing family_id
  bool valid;                                   // valid invention patent at as_of
};

struct RuleDef {
  model::Rule rule;
  std::string_view name;     // the spec's JSON field, [rules] enabled word, holders --rule value
  std::string_view meaning;  // one line, as spec/rules.md states the condition
  std::string_view section;  // its high_value.ini section (keys in config.cc), empty for none
  // Whether the condition holds (enabled or not: Settle clears disabled rules). With
  // `why`, also fills this rule's part of the evidence; the answer is the same either way.
  bool (*decide)(const RuleInput& in, model::Evidence* why);
  // The evidence as one human line ("why NAME" of `show`) and as the JSON value of
  // evidence.NAME (spec/cli.md, `show`).
  std::string (*why_line)(const model::Evidence& evidence);
  std::string (*evidence_json)(const model::Evidence& evidence);
};

// Every rule, in model::Rule order (the order of the store's rule bits, of JSON fields
// and of table columns).
std::span<const RuleDef> RuleTable();
const RuleDef& RuleOf(model::Rule rule);

std::string_view RuleName(model::Rule rule);
std::optional<model::Rule> RuleFromName(std::string_view name);
// "sei, overseas, maintained, pledge, award": for messages that list the rules.
std::string RuleNames(std::string_view separator = ", ");

#ifdef HVPAT_TEST_RULE
// Defined by the test that registers the test build's sixth rule.
extern const RuleDef kTestRuleDef;
#endif

}  // namespace hvpat::rules
