// Plain values shared by every module: a patent record as read, and its verdict at a date.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hvpat/base/date.h"

namespace hvpat::model {

using base::Date;

// The high-value rules (spec/rules.md), by their index in the rule table
// (rules/rule_table.h: name, config keys, decision and evidence of each). Explicit
// width: persisted in the store. A test build (HVPAT_TEST_RULE) adds a sixth, whose
// entry a unit test registers, to show that one table entry is all a rule needs.
enum class Rule : uint8_t {
  kSei,
  kOverseas,
  kMaintained,
  kPledge,
  kAward,
#ifdef HVPAT_TEST_RULE
  kTestRule,
#endif
  kEnd  // not a rule: the count
};
inline constexpr int kRuleCount = static_cast<int>(Rule::kEnd);
// The store keeps a date's rule flags and the enabled rules as one byte each.
inline constexpr int kRuleMaskBits = 8;
static_assert(kRuleCount <= kRuleMaskBits, "widen the store's rule masks (store/schema.cc) and bump kSchemaVersion");
inline constexpr std::array<Rule, kRuleCount> kAllRules = [] {
  std::array<Rule, kRuleCount> all{};
  for (int r = 0; r < kRuleCount; ++r) all[r] = static_cast<Rule>(r);
  return all;
}();

enum class PatentType : uint8_t { kInvention, kUtilityModel, kDesign };
enum class Status : uint8_t { kValid, kLapsed, kExpired, kInvalidated, kWithdrawn, kRejected, kPending };
std::optional<PatentType> PatentTypeFromName(std::string_view name);
std::optional<Status> StatusFromName(std::string_view name);
std::string_view PatentTypeName(PatentType type);
std::string_view StatusName(Status status);

// A GB/T 2260 region code as the spec writes it: exactly six ASCII digits.
bool IsRegionCode(std::string_view text);

struct Holder {
  std::string name;
  std::string country;
  std::string region;  // six ASCII digits, or empty when the holder gives no region
};

struct FamilyMember {
  std::string id;
  std::string country;
  bool granted = false;
};

struct Pledge {
  double amount = 0;
  int64_t patents = 1;
  std::optional<Date> date;
  std::optional<Date> released;
};

struct Award {
  std::string award;  // kept as written; only configured words are accepted
  std::string level;
  int64_t year = 0;
};

// One valid input record (spec/record-format.md), fully owned.
struct Patent {
  std::string id;
  std::string office;  // `country`, or the first two characters of `id`
  PatentType type = PatentType::kInvention;
  Date filing_date;
  std::optional<Date> grant_date;
  Status status = Status::kPending;
  std::optional<Date> status_date;
  std::vector<std::string> ipc;  // canonical form where the symbol could be read, else as written
  std::vector<Holder> holders;
  std::string family_id;  // empty: none
  std::vector<FamilyMember> family;
  std::vector<Pledge> pledges;
  std::vector<Award> awards;

  bool FirstHolderDomestic() const { return !holders.empty() && holders.front().country == "CN"; }
  // The region the patent counts for: the first holder's, when domestic; else empty.
  std::string_view Region() const {
    return FirstHolderDomestic() ? std::string_view(holders.front().region) : std::string_view();
  }
};

// Per-rule outcome: whether the condition holds. A disabled rule is reported as absent.
struct Verdict {
  bool valid = false;                      // valid invention patent at D
  bool high_value = false;                 // valid and some enabled rule holds
  std::array<bool, kRuleCount> rules{};    // condition per rule (false when disabled)
  std::array<bool, kRuleCount> enabled{};  // copied from the configuration
  std::vector<std::string> industries;     // matched industry codes ("1.5"), sorted, unique

  bool Holds(Rule rule) const { return rules[static_cast<int>(rule)]; }
  // Top-level industries ("1"), sorted ascending, unique.
  std::vector<std::string> TopIndustries() const;
};

// A record of another office sharing the patent's family_id, found when the run is
// finalised (spec/rules.md, "overseas"): a granted member abroad from its grant date on.
struct FamilyLink {
  std::string id;
  std::string country;  // its office
  Date grant_date;
  friend bool operator==(const FamilyLink&, const FamilyLink&) = default;
};

// A record's verdicts at every statistics date of a run (dates ascending, one verdict
// each; they share industries and enabled rules) and its family links.
struct Assessment {
  std::vector<Date> dates;
  std::vector<Verdict> verdicts;
  std::vector<FamilyLink> links;

  // Index of `date` in dates, or nullopt.
  std::optional<size_t> IndexOf(Date date) const;
};

}  // namespace hvpat::model
