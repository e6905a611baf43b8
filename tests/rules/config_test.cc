// Loading the rules/ files (spec/rules.md, "Files under rules/"): defaults, keys that
// replace their defaults, and malformed files that stop the run naming file and line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "hvpat/base/error.h"
#include "hvpat/rules/rule_set.h"
#include "hvpat/rules/rule_table.h"
#include "support/cli_runner.h"

namespace hvpat::rules {
namespace {

using hvpat::testing::TempDir;
using model::Rule;
using Strings = std::vector<std::string>;

const Strings kDefaultDomestic{"CN", "HK", "MO", "TW"};
const Strings kDefaultAwards{"china_patent:gold",         "china_patent:silver",     "china_patent:excellence",
                             "national_sci_tech:special", "national_sci_tech:first", "national_sci_tech:second"};

std::string Write(const TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return path;
}

// Runs `load` and checks it throws Error(kRules) naming "PATH:LINE:" (and `reason`, if
// given, somewhere in the message).
void ExpectRulesError(const std::function<void()>& load, const std::string& path, int line,
                      const std::string& reason = "") {
  try {
    load();
    ADD_FAILURE() << "no error; expected " << path << ":" << line;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kRules) << e.what();
    const std::string where = path + ":" + std::to_string(line) + ":";
    EXPECT_NE(std::string(e.what()).find(where), std::string::npos) << e.what() << "\nexpected " << where;
    if (!reason.empty()) {
      EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
    }
  }
}

void ExpectConfigError(const std::string& ini, int line, const std::string& reason = "") {
  TempDir dir;
  std::string path = Write(dir, "high_value.ini", ini);
  ExpectRulesError([&] { (void)LoadConfig(path); }, path, line, reason);
}

Config LoadIni(const std::string& ini) {
  TempDir dir;
  return LoadConfig(Write(dir, "high_value.ini", ini));
}

void ExpectDefaults(const Config& c, bool check_enabled = true, bool check_domestic = true) {
  if (check_enabled) {
    for (Rule rule : model::kAllRules) EXPECT_TRUE(c.Enabled(rule)) << rules::RuleName(rule);
  }
  EXPECT_EQ(c.term_years, 20);
  EXPECT_EQ(c.maintained_years, 10);
  EXPECT_EQ(c.anchor, Config::Anchor::kFiling);
  EXPECT_EQ(c.pledge_threshold_cny, 10'000'000);
  EXPECT_EQ(c.apportion, Config::Apportion::kShare);
  if (check_domestic) {
    EXPECT_EQ(c.domestic, kDefaultDomestic);
  }
  EXPECT_EQ(c.accepted_awards, kDefaultAwards);
}

// ----- high_value.ini -------------------------------------------------------------

TEST(ConfigTest, EmptyFileGivesEveryDefault) {
  ExpectDefaults(LoadIni(""));
  ExpectDefaults(LoadIni("# nothing but comments\n\n   # and blanks\n"));
  ExpectDefaults(LoadIni("[rules]\n[validity]\n[maintained]\n[pledge]\n[overseas]\n[award]\n"));
}

TEST(ConfigTest, DefaultsAreUsableWithoutAFile) {
  ExpectDefaults(Config{});
  Config c;
  EXPECT_TRUE(c.IsDomestic("HK"));
  EXPECT_FALSE(c.IsDomestic("US"));
  EXPECT_TRUE(c.Accepts("national_sci_tech", "second"));
  EXPECT_FALSE(c.Accepts("national_sci_tech", "gold"));
}

TEST(ConfigTest, ShippedFileSpellsOutTheDefaults) {
  ExpectDefaults(LoadConfig(std::string(HVPAT_SOURCE_RULES_DIR) + "/high_value.ini"));
}

TEST(ConfigTest, DomesticGivenOnceReplacesTheDefaultSet) {
  Config c = LoadIni("[overseas]\ndomestic = CN\n");
  EXPECT_EQ(c.domestic, (Strings{"CN"}));
  EXPECT_FALSE(c.IsDomestic("HK"));
  ExpectDefaults(c, /*check_enabled=*/true, /*check_domestic=*/false);
}

TEST(ConfigTest, EnabledGivenOnceEnablesOnlyThatRule) {
  Config c = LoadIni("[rules]\nenabled = sei\n");
  EXPECT_TRUE(c.Enabled(Rule::kSei));
  EXPECT_FALSE(c.Enabled(Rule::kOverseas));
  EXPECT_FALSE(c.Enabled(Rule::kMaintained));
  EXPECT_FALSE(c.Enabled(Rule::kPledge));
  EXPECT_FALSE(c.Enabled(Rule::kAward));
  ExpectDefaults(c, /*check_enabled=*/false);
}

TEST(ConfigTest, RepeatedKeyGivesAList) {
  Config c = LoadIni(
      "[rules]\nenabled = pledge\nenabled = award\n[award]\naccept = national_sci_tech:first\n"
      "accept = china_patent:gold\n");
  EXPECT_FALSE(c.Enabled(Rule::kSei));
  EXPECT_TRUE(c.Enabled(Rule::kPledge));
  EXPECT_TRUE(c.Enabled(Rule::kAward));
  EXPECT_EQ(c.accepted_awards, (Strings{"national_sci_tech:first", "china_patent:gold"}));
  EXPECT_TRUE(c.Accepts("china_patent", "gold"));
  EXPECT_FALSE(c.Accepts("china_patent", "silver"));
}

TEST(ConfigTest, EverySingleValuedKeyIsRead) {
  Config c = LoadIni(
      "[validity]\nterm_years = 25\n[maintained]\nyears = 12\nanchor = grant\n"
      "[pledge]\nthreshold_cny = 5000000\napportion = whole\n");
  EXPECT_EQ(c.term_years, 25);
  EXPECT_EQ(c.maintained_years, 12);
  EXPECT_EQ(c.anchor, Config::Anchor::kGrant);
  EXPECT_EQ(c.pledge_threshold_cny, 5'000'000);
  EXPECT_EQ(c.apportion, Config::Apportion::kWhole);
  EXPECT_EQ(c.domestic, kDefaultDomestic);
  EXPECT_EQ(c.accepted_awards, kDefaultAwards);
}

TEST(ConfigTest, HashStartsACommentAnywhereOnALine) {
  Config c = LoadIni(
      "# leading comment\n"
      "[validity]   # the term\n"
      "term_years = 25 # was 20\n"
      "# term_years = 30\n"
      "[overseas]\n"
      "domestic = CN  # only the mainland\n"
      "   # domestic = HK\n");
  EXPECT_EQ(c.term_years, 25);
  EXPECT_EQ(c.domestic, (Strings{"CN"}));
}

TEST(ConfigTest, UnknownKeyNamesItsLine) {
  ExpectConfigError("[validity]\nterm_years = 20\nterm = 5\n", 3);
  ExpectConfigError("# top\nterm_years = 20\n", 2);  // outside any section
  ExpectConfigError("[pledge]\n\nthreshold = 1\n", 3);
  // A key holding program_options' own placeholder once hung the loader (fuzz/findings/).
  ExpectConfigError("[award]\naccept %canonical_option% = x\n", 2);
}

TEST(ConfigTest, UnknownSectionNamesItsLine) {
  // The section starts on line 4, the key Program_options rejects is on line 5.
  TempDir dir;
  std::string path = Write(dir, "high_value.ini", "# x\n[validity]\nterm_years = 20\n[bogus]\nkey = 1\n");
  try {
    (void)LoadConfig(path);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kRules);
    std::string what = e.what();
    EXPECT_TRUE(what.find(path + ":4:") != std::string::npos || what.find(path + ":5:") != std::string::npos) << what;
  }
  // A known key in an unknown section is still unknown: the section's line is named.
  ExpectConfigError("[validity]\nterm_years = 20\n[term]\nterm_years = 20\n", 3);
}

// rules.md lists "an unknown section" apart from "an unknown key": the section itself
// makes the file malformed, even with no key under it.
TEST(ConfigTest, UnknownSectionWithoutKeysIsMalformed) {
  ExpectConfigError("[rules]\nenabled = sei\n[bogus]\n# nothing here\n", 3, "bogus");
}

TEST(ConfigTest, UnknownRuleNameNamesItsLine) {
  ExpectConfigError("[rules]\nenabled = patents\n", 2, "patents");
  // The bad word is on the third line, after a good one.
  ExpectConfigError("[rules]\nenabled = sei\nenabled = patents\nenabled = award\n", 3, "patents");
  ExpectConfigError("[rules]\nenabled = SEI\n", 2);  // words match exactly
}

TEST(ConfigTest, UnknownAcceptWordNamesItsLine) {
  ExpectConfigError("[award]\naccept = china_patent:bronze\n", 2, "bronze");
  ExpectConfigError("[award]\naccept = provincial:first\n", 2);
  ExpectConfigError("[award]\naccept = china_patent\n", 2);
  ExpectConfigError("[award]\naccept = china_patent:gold\naccept = national_sci_tech:gold\n", 3,
                    "national_sci_tech:gold");
}

TEST(ConfigTest, NonIntegerYearsNameTheirLine) {
  ExpectConfigError("[validity]\nterm_years = twenty\n", 2);
  ExpectConfigError("\n[validity]\nterm_years = 20.5\n", 3);
  ExpectConfigError("[maintained]\nyears = 10y\n", 2);
  ExpectConfigError("[pledge]\nthreshold_cny = ten million\n", 2);
}

TEST(ConfigTest, SingleValuedKeyGivenTwiceIsMalformed) {
  ExpectConfigError("[validity]\nterm_years = 20\n\nterm_years = 20\n", 4);
  ExpectConfigError("[maintained]\nanchor = filing\nyears = 10\nanchor = grant\n", 4);
  ExpectConfigError("[pledge]\nthreshold_cny = 1\n[pledge]\nthreshold_cny = 2\n", 4);
}

TEST(ConfigTest, AnchorAndApportionWordsAreChecked) {
  ExpectConfigError("[maintained]\nanchor = issue\n", 2, "issue");
  ExpectConfigError("[maintained]\nyears = 10\nanchor = Grant\n", 3);
  ExpectConfigError("[pledge]\napportion = half\n", 2, "half");
  EXPECT_EQ(LoadIni("[maintained]\nanchor = filing\n").anchor, Config::Anchor::kFiling);
  EXPECT_EQ(LoadIni("[pledge]\napportion = share\n").apportion, Config::Apportion::kShare);
}

TEST(ConfigTest, MissingFileIsARulesError) {
  TempDir dir;
  try {
    (void)LoadConfig(dir / "absent.ini");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kRules);
    EXPECT_NE(std::string(e.what()).find(dir / "absent.ini"), std::string::npos) << e.what();
  }
}

// ----- regions.tsv -----------------------------------------------------------------

TEST(RulesFilesTest, RegionsSkipCommentsBlanksAndCarriageReturns) {
  TempDir dir;
  std::string path = Write(dir, "regions.tsv",
                           "# regions of the test\r\n"
                           "code\tname\tpopulation\r\n"
                           "\n"
                           "500000\t重庆市\t32054159\r\n"
                           "# a comment between rows\n"
                           "500100\t市辖区\t\r\n"
                           "\r\n"
                           "500117\t合川区\t1245000\n");
  auto regions = LoadRegions(path);
  ASSERT_EQ(regions.size(), 3u);
  EXPECT_EQ(regions.at("500000").name, "重庆市");
  EXPECT_EQ(regions.at("500000").population, 32054159);
  EXPECT_EQ(regions.at("500100").name, "市辖区");
  EXPECT_FALSE(regions.at("500100").population.has_value());
  EXPECT_EQ(regions.at("500117").population, 1245000);
}

TEST(RulesFilesTest, RegionPopulationMustBeAPositiveInteger) {
  for (const char* bad : {"0", "abc", "-5", "1.5", "12 000"}) {
    TempDir dir;
    std::string path = Write(dir, "regions.tsv",
                             std::string("# header next\ncode\tname\tpopulation\n500000\t重庆市\t32054159\n\n") +
                                 "500117\t合川区\t" + bad + "\n");
    ExpectRulesError([&] { (void)LoadRegions(path); }, path, 5);
  }
}

TEST(RulesFilesTest, RegionsHeaderMustNameTheColumns) {
  TempDir dir;
  std::string path = Write(dir, "regions.tsv", "# x\ncode\tname\tpop\n500000\t重庆市\t1\n");
  ExpectRulesError([&] { (void)LoadRegions(path); }, path, 2);
  path = Write(dir, "regions.tsv", "name\tcode\tpopulation\n500000\t重庆市\t1\n");
  ExpectRulesError([&] { (void)LoadRegions(path); }, path, 1);
}

// ----- awards.tsv ------------------------------------------------------------------

TEST(RulesFilesTest, AwardsAreKeyedByPatent) {
  TempDir dir;
  std::string path = Write(dir, "awards.tsv",
                           "id\taward\tlevel\tyear\r\n"
                           "CN1B\tchina_patent\tgold\t2022\r\n"
                           "# comment\n"
                           "CN1B\tnational_sci_tech\tsecond\t2019\n"
                           "CN2B\tchina_patent\texcellence\t2020\n");
  auto awards = LoadAwards(path);
  ASSERT_EQ(awards.size(), 2u);
  ASSERT_EQ(awards.at("CN1B").size(), 2u);
  EXPECT_EQ(awards.at("CN1B")[0].award, "china_patent");
  EXPECT_EQ(awards.at("CN1B")[0].level, "gold");
  EXPECT_EQ(awards.at("CN1B")[0].year, 2022);
  EXPECT_EQ(awards.at("CN1B")[1].award, "national_sci_tech");
  EXPECT_EQ(awards.at("CN1B")[1].level, "second");
  EXPECT_EQ(awards.at("CN1B")[1].year, 2019);
  EXPECT_EQ(awards.at("CN2B")[0].level, "excellence");
}

TEST(RulesFilesTest, AwardsRejectUnknownAwardOrLevel) {
  for (const char* bad : {"china_patent\tbronze", "china_patent\tfirst", "national_sci_tech\tgold", "provincial\tfirst",
                          "China_patent\tgold"}) {
    TempDir dir;
    std::string path =
        Write(dir, "awards.tsv",
              std::string("id\taward\tlevel\tyear\nCN1B\tchina_patent\tgold\t2022\n") + "CN2B\t" + bad + "\t2020\n");
    ExpectRulesError([&] { (void)LoadAwards(path); }, path, 3);
  }
}

TEST(RulesFilesTest, AwardYearMustBeFourDigits) {
  for (const char* bad : {"95", "20200", "20a0", "", "-202"}) {
    TempDir dir;
    std::string path =
        Write(dir, "awards.tsv",
              std::string("# side table\n\nid\taward\tlevel\tyear\nCN1B\tchina_patent\tgold\t") + bad + "\n");
    ExpectRulesError([&] { (void)LoadAwards(path); }, path, 4);
  }
}

TEST(RulesFilesTest, AwardsHeaderMustNameTheColumns) {
  TempDir dir;
  std::string path = Write(dir, "awards.tsv", "id\taward\tyear\tlevel\nCN1B\tchina_patent\tgold\t2022\n");
  ExpectRulesError([&] { (void)LoadAwards(path); }, path, 1);
}

// ----- the whole directory ---------------------------------------------------------

void CopyGoldenRules(const TempDir& dir) {
  for (const char* name : {"high_value.ini", "sei_ipc.tsv", "regions.tsv", "awards.tsv"}) {
    std::filesystem::copy_file(std::string(HVPAT_TEST_DATA_DIR) + "/golden_rules/" + name, dir / name);
  }
}

TEST(RulesFilesTest, GoldenRuleSetLoads) {
  RuleSet rules = LoadRuleSet(std::string(HVPAT_TEST_DATA_DIR) + "/golden_rules");
  EXPECT_EQ(rules.config.pledge_threshold_cny, 5'000'000);
  EXPECT_EQ(rules.config.domestic, (Strings{"CN"}));
  EXPECT_EQ(rules.config.accepted_awards, (Strings{"china_patent:gold"}));
  EXPECT_EQ(rules.config.term_years, 20);
  EXPECT_EQ(rules.concordance.row_count(), 3u);
  EXPECT_EQ(rules.regions.size(), 6u);
  EXPECT_EQ(rules.awards.size(), 2u);
  EXPECT_FALSE(rules.fingerprint.empty());
}

TEST(RulesFilesTest, ConcordanceHeaderMustNameTheColumns) {
  TempDir dir;
  CopyGoldenRules(dir);
  std::string path = Write(dir, "sei_ipc.tsv", "# c\nindustry_code\tindustry_name\trow\tinclude\n");
  ExpectRulesError([&] { (void)LoadRuleSet(dir.path().string()); }, path, 2);
}

TEST(RulesFilesTest, ConcordanceRejectsBadPatternsAndEmptyInclude) {
  const std::string header = "industry_code\tindustry_name\trow\tinclude\texclude\n";
  {
    TempDir dir;
    CopyGoldenRules(dir);
    std::string path = Write(dir, "sei_ipc.tsv", header + "1.1\tIT\t1.1#1\tG06F11*\t\n\n1.2\tIT\t1.2#1\tg06f*\t\n");
    ExpectRulesError([&] { (void)LoadRuleSet(dir.path().string()); }, path, 4, "g06f*");
  }
  {
    TempDir dir;
    CopyGoldenRules(dir);
    std::string path = Write(dir, "sei_ipc.tsv", header + "1.1\tIT\t1.1#1\tG06F11*\tG06F11/\n");
    ExpectRulesError([&] { (void)LoadRuleSet(dir.path().string()); }, path, 2);
  }
  {
    TempDir dir;
    CopyGoldenRules(dir);
    std::string path = Write(dir, "sei_ipc.tsv", header + "1.1\tIT\t1.1#1\t\tG06F11/14\n");
    ExpectRulesError([&] { (void)LoadRuleSet(dir.path().string()); }, path, 2);
  }
}

TEST(RulesFilesTest, MalformedIniStopsTheWholeLoad) {
  TempDir dir;
  CopyGoldenRules(dir);
  std::string path = Write(dir, "high_value.ini", "[pledge]\nthreshold_cny = 5000000\napportion = most\n");
  ExpectRulesError([&] { (void)LoadRuleSet(dir.path().string()); }, path, 3);
}

}  // namespace
}  // namespace hvpat::rules
