// The rules/ directory (spec/rules.md, "Files under rules/"): configuration, concordance,
// regions and the award side table, loaded once and shared read-only by all threads.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hvpat/base/date.h"
#include "hvpat/model/patent.h"
#include "hvpat/rules/concordance.h"

namespace hvpat::rules {

// high_value.ini. Every field's default is the spec's; the engine has no other rule data.
struct Config {
  enum class Anchor : uint8_t { kFiling, kGrant };
  enum class Apportion : uint8_t { kShare, kWhole };

  std::array<bool, model::kRuleCount> enabled = [] {  // [rules] enabled: every rule unless listed
    std::array<bool, model::kRuleCount> all{};
    all.fill(true);
    return all;
  }();
  int term_years = 20;                                        // [validity] term_years
  int maintained_years = 10;                                  // [maintained] years
  Anchor anchor = Anchor::kFiling;                            // [maintained] anchor
  double pledge_threshold_cny = 10'000'000;                   // [pledge] threshold_cny
  Apportion apportion = Apportion::kShare;                    // [pledge] apportion
  std::vector<std::string> domestic{"CN", "HK", "MO", "TW"};  // [overseas] domestic
  std::vector<std::string> accepted_awards{                   // [award] accept, "award:level"
                                           "china_patent:gold",       "china_patent:silver",
                                           "china_patent:excellence", "national_sci_tech:special",
                                           "national_sci_tech:first", "national_sci_tech:second"};

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

// The files of a rules directory, in kRuleFiles order, as bytes: read from a directory,
// or from the copy a database keeps of the rules it was built with. The first
// kRequiredRuleFiles must exist; the others (spec/analytics.md) are optional, and an
// absent one reads as empty text: no rows.
inline constexpr std::array<const char*, 8> kRuleFiles = {"high_value.ini", "sei_ipc.tsv",     "regions.tsv",
                                                          "awards.tsv",     "population.tsv",  "industries.tsv",
                                                          "targets.tsv",    "ipc_editions.tsv"};
inline constexpr size_t kRequiredRuleFiles = 4;
struct RuleTexts {
  std::string directory;
  std::array<std::string, kRuleFiles.size()> files;
};

// population.tsv: year-end resident population by region code, then by year.
using PopulationTable = std::unordered_map<std::string, std::map<int, int64_t>>;

// A region's population at a statistics date (spec/analytics.md, "Populations").
struct PopulationAt {
  std::optional<int64_t> persons;  // nullopt: unknown
  std::optional<int> year;         // the population.tsv year used; nullopt for the census or none
};

// The code of the nation's line in regions.tsv and its rows in population.tsv.
inline constexpr std::string_view kNationCode = "000000";

// One line of targets.tsv (spec/analytics.md, "rules/targets.tsv and hvpat targets").
enum class Metric : uint8_t { kHighValue, kHighValuePer10k, kValidPer10k, kPer10kGrowth, kPledgeCny };
std::string_view MetricName(Metric metric);
std::optional<Metric> MetricFromName(std::string_view name);
struct Target {
  std::string region;  // six digits; "000000" the nation
  Metric metric = Metric::kHighValue;
  double target = 0;
  base::Date due;
  std::optional<base::Date> base;
  std::string source;
};

// ipc_editions.tsv (optional): subclasses and main groups that IPC editions after the
// concordance's introduced or refilled, so that a run counts the valid inventions whose
// symbols the concordance cannot name (issue: codes the rules do not know).
struct LaterIpc {
  std::string code;        // a subclass "H10B" or a main group "H04L67"
  std::string edition;     // "2023.01"
  std::string moved_from;  // what the concordance's edition used instead, as text
};

struct RuleSet {
  Config config;
  Concordance concordance;
  std::unordered_map<std::string, Region> regions;  // by six-digit code
  AwardTable awards;
  PopulationTable population;                         // population.tsv (optional)
  std::map<std::string, std::string> industry_names;  // industries.tsv (optional): code -> name
  std::vector<Target> targets;                        // targets.tsv (optional), in file order
  std::vector<LaterIpc> later_ipc;                    // ipc_editions.tsv (optional), in file order
  std::string fingerprint;  // hex digest of the files' names and bytes (absent optional files left out)
  std::string directory;
  RuleTexts texts;  // what it was parsed from
};

// The population of region `code` (kNationCode: the nation) at `date`: its population.tsv
// row with the largest year <= year(date), else its regions.tsv census figure, else unknown.
PopulationAt PopulationOf(const RuleSet& rules, std::string_view code, base::Date date);
// The same choice among one region's population.tsv rows (year -> persons) and census.
PopulationAt PopulationIn(const std::map<int, int64_t>& yearly, std::optional<int64_t> census, base::Date date);

// Loads DIR/high_value.ini, DIR/sei_ipc.tsv, DIR/regions.tsv and DIR/awards.tsv, and
// DIR/population.tsv, DIR/industries.tsv and DIR/targets.tsv where present. Throws Error(kRules) naming file, line and
// reason on the first problem.
RuleSet LoadRuleSet(const std::string& directory);
RuleTexts ReadRuleTexts(const std::string& directory);
RuleSet ParseRuleSet(const RuleTexts& texts);

// The directory, fingerprint and configuration values as one JSON object (kept in the
// database so that every figure can be traced to the rules it was computed with).
std::string DescribeJson(const RuleSet& rules);

std::vector<LaterIpc> ParseIpcEditions(const std::string& path, const std::string& text);
// The entry of later_ipc whose subclass or main group holds the symbol, if any.
const LaterIpc* LaterIpcOf(const RuleSet& rules, std::string_view subclass, uint32_t main_group);

std::unordered_map<std::string, Region> LoadRegions(const std::string& path);
std::unordered_map<std::string, Region> ParseRegions(const std::string& path, const std::string& text);
AwardTable LoadAwards(const std::string& path);
AwardTable ParseAwards(const std::string& path, const std::string& text);
// REQUIRES for population.tsv: `regions` already parsed (a code must have a line there).
PopulationTable ParsePopulation(const std::string& path, const std::string& text,
                                const std::unordered_map<std::string, Region>& regions);
std::map<std::string, std::string> ParseIndustryNames(const std::string& path, const std::string& text);
std::vector<Target> ParseTargets(const std::string& path, const std::string& text);

}  // namespace hvpat::rules
