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

// The five high-value rules (spec/rules.md). Explicit width: persisted in the store.
enum class Rule : uint8_t { kSei, kOverseas, kMaintained, kPledge, kAward };
inline constexpr int kRuleCount = 5;
inline constexpr std::array<Rule, kRuleCount> kAllRules = {Rule::kSei, Rule::kOverseas, Rule::kMaintained,
                                                           Rule::kPledge, Rule::kAward};
// "sei", "overseas", ... as in the spec's JSON fields.
std::string_view RuleName(Rule rule);
std::optional<Rule> RuleFromName(std::string_view name);

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
