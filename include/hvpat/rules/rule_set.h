// The rules/ directory (spec/rules.md, "Files under rules/"): configuration, concordance,
// regions and the award side table, loaded once and shared read-only by all threads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hvpat/model/patent.h"
#include "hvpat/rules/concordance.h"

namespace hvpat::rules {

// high_value.ini. Every field's default is the spec's; the engine has no other rule data.
struct Config {
  enum class Anchor : uint8_t { kFiling, kGrant };
  enum class Apportion : uint8_t { kShare, kWhole };

  std::array<bool, model::kRuleCount> enabled{true, true, true, true, true};  // [rules] enabled
  int term_years = 20;                         // [validity] term_years
  int maintained_years = 10;                   // [maintained] years
  Anchor anchor = Anchor::kFiling;             // [maintained] anchor
  double pledge_threshold_cny = 10'000'000;    // [pledge] threshold_cny
  Apportion apportion = Apportion::kShare;     // [pledge] apportion
  std::vector<std::string> domestic{"CN", "HK", "MO", "TW"};  // [overseas] domestic
  std::vector<std::string> accepted_awards{                   // [award] accept, "award:level"
      "china_patent:gold",         "china_patent:silver",     "china_patent:excellence",
      "national_sci_tech:special", "national_sci_tech:first", "national_sci_tech:second"};

  bool Enabled(model::Rule rule) const { return enabled[static_cast<int>(rule)]; }
  bool IsDomestic(std::string_view country) const;
  bool Accepts(std::string_view award, std::string_view level) const;
};

// Reads high_value.ini as Boost.Program_options reads a config file. Throws
// Error(kRules) with "PATH:LINE: reason" when the file is malformed.
Config LoadConfig(const std::string& path);
// The same from the file's text; `path` names it in errors.
Config ParseConfig(const std::string& path, const std::string& text);

// True when `level` is one of the words record-format.md lists for `award`.
bool IsKnownAward(std::string_view award, std::string_view level);

struct Region {
  std::string name;
  std::optional<int64_t> population;
};

// A side-table award: awards.tsv, keyed by patent id.
using AwardTable = std::unordered_map<std::string, std::vector<model::Award>>;

// The four files of a rules directory, in kRuleFiles order, as bytes: read from a
// directory, or from the copy a database keeps of the rules it was built with.
inline constexpr std::array<const char*, 4> kRuleFiles = {"high_value.ini", "sei_ipc.tsv", "regions.tsv",
                                                          "awards.tsv"};
struct RuleTexts {
  std::string directory;
  std::array<std::string, 4> files;
};

struct RuleSet {
  Config config;
  Concordance concordance;
  std::unordered_map<std::string, Region> regions;  // by six-digit code
  AwardTable awards;
  std::string fingerprint;  // hex digest of the four files' names and bytes
  std::string directory;
  RuleTexts texts;  // what it was parsed from
};

// Loads DIR/high_value.ini, DIR/sei_ipc.tsv, DIR/regions.tsv and DIR/awards.tsv.
// Throws Error(kRules) naming file, line and reason on the first problem.
RuleSet LoadRuleSet(const std::string& directory);
RuleTexts ReadRuleTexts(const std::string& directory);
RuleSet ParseRuleSet(const RuleTexts& texts);

// The directory, fingerprint and configuration values as one JSON object (kept in the
// database so that every figure can be traced to the rules it was computed with).
std::string DescribeJson(const RuleSet& rules);

std::unordered_map<std::string, Region> LoadRegions(const std::string& path);
std::unordered_map<std::string, Region> ParseRegions(const std::string& path, const std::string& text);
AwardTable LoadAwards(const std::string& path);
AwardTable ParseAwards(const std::string& path, const std::string& text);

}  // namespace hvpat::rules
