// The optional rules files of spec/analytics.md (population.tsv, industries.tsv,
// targets.tsv): every malformed case it lists names file and line; a region's population
// at a date follows the year rule; absent files read as no rows.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "hvpat/base/error.h"
#include "hvpat/rules/rule_set.h"
#include "support/cli_runner.h"

namespace hvpat::rules {
namespace {

using hvpat::testing::TempDir;

const std::string kRegions =
    "code\tname\tpopulation\n000000\t全国\t1000000\n500117\t合川区\t1245000\n500114\t黔江区\t\n";
const std::string kPopulationHeader = "# year-end\ncode\tyear\tpopulation\n";
const std::string kTargetsHeader = "region\tmetric\ttarget\tdue\tbase\tsource\n";

void ExpectError(const std::function<void()>& load, const std::string& where, const std::string& reason) {
  try {
    load();
    ADD_FAILURE() << "no error; expected " << where;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kRules);
    EXPECT_NE(std::string(e.what()).find(where + ": "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
  }
}

PopulationTable Population(const std::string& rows) {
  return ParsePopulation("p.tsv", kPopulationHeader + rows, ParseRegions("r.tsv", kRegions));
}

TEST(PopulationFileTest, ReadsRowsByCodeAndYear) {
  auto table = Population("500117\t2021\t1240000\n500117\t2023\t1250000\n000000\t2020\t1412120000\n");
  EXPECT_EQ(table.at("500117").at(2021), 1240000);
  EXPECT_EQ(table.at("500117").at(2023), 1250000);
  EXPECT_EQ(table.at("000000").at(2020), 1412120000);
}

TEST(PopulationFileTest, CodeWithoutRegionsLineIsMalformed) {
  ExpectError([] { (void)Population("500117\t2021\t1\n510104\t2021\t5\n"); }, "p.tsv:4", "no line in regions.tsv");
}

TEST(PopulationFileTest, YearMustBeFourDigits) {
  ExpectError([] { (void)Population("500117\t21\t1240000\n"); }, "p.tsv:3", "year '21'");
  ExpectError([] { (void)Population("500117\t2021a\t1240000\n"); }, "p.tsv:3", "not four digits");
}

TEST(PopulationFileTest, PopulationMustBePositiveInteger) {
  ExpectError([] { (void)Population("500117\t2021\t0\n"); }, "p.tsv:3", "positive integer");
  ExpectError([] { (void)Population("500117\t2021\t-5\n"); }, "p.tsv:3", "positive integer");
  ExpectError([] { (void)Population("500117\t2021\t12.5\n"); }, "p.tsv:3", "positive integer");
  ExpectError([] { (void)Population("500117\t2021\t\n"); }, "p.tsv:3", "positive integer");
}

TEST(PopulationFileTest, CodeAndYearGivenTwiceIsMalformed) {
  ExpectError([] { (void)Population("500117\t2021\t1\n\n500117\t2022\t1\n500117\t2021\t2\n"); }, "p.tsv:6",
              "given twice");
}

TEST(IndustriesFileTest, CodeGivenTwiceIsMalformed) {
  auto names = ParseIndustryNames("i.tsv", "code\tname\n1\t新一代信息技术产业\n2\t高端装备制造产业\n");
  EXPECT_EQ(names.at("2"), "高端装备制造产业");
  ExpectError([] { (void)ParseIndustryNames("i.tsv", "code\tname\n1\ta\n1\tb\n"); }, "i.tsv:3", "given twice");
  ExpectError([] { (void)ParseIndustryNames("i.tsv", "code\tname\tx\n"); }, "i.tsv:1", "header");
}

TEST(TargetsFileTest, ReadsEveryColumn) {
  auto targets = ParseTargets("t.tsv", kTargetsHeader + "500117\tper_10k_growth\t3\t2025-12-31\t2021-12-31\tplan\n" +
                                           "000000\tpledge_cny\t2.2e9\t2025-06-30\t\t\n");
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0].metric, Metric::kPer10kGrowth);
  EXPECT_EQ(targets[0].target, 3);
  EXPECT_EQ(targets[0].base->ToString(), "2021-12-31");
  EXPECT_EQ(targets[0].source, "plan");
  EXPECT_EQ(targets[1].region, "000000");
  EXPECT_EQ(targets[1].target, 2.2e9);
  EXPECT_FALSE(targets[1].base);
}

TEST(TargetsFileTest, EveryMalformedCaseNamesItsLine) {
  auto bad = [](const std::string& row) { return [row] { (void)ParseTargets("t.tsv", kTargetsHeader + row); }; };
  ExpectError(bad("50011\thigh_value\t5\t2024-12-31\t\t\n"), "t.tsv:2", "not six digits");
  ExpectError(bad("500117\thigh-value\t5\t2024-12-31\t\t\n"), "t.tsv:2", "unknown metric 'high-value'");
  ExpectError(bad("500117\thigh_value\tfive\t2024-12-31\t\t\n"), "t.tsv:2", "not a number");
  ExpectError(bad("500117\thigh_value\t5 \t2024-12-31\t\t\n"), "t.tsv:2", "not a number");
  ExpectError(bad("500117\thigh_value\t\t2024-12-31\t\t\n"), "t.tsv:2", "not a number");
  ExpectError(bad("500117\thigh_value\t5\t20241231\t\t\n"), "t.tsv:2", "due '20241231'");
  ExpectError(bad("500117\thigh_value\t5\t2024-02-30\t\t\n"), "t.tsv:2", "not a YYYY-MM-DD date");
  ExpectError(bad("500117\tpledge_cny\t5\t2024-12-31\t2022-1-1\t\n"), "t.tsv:2", "base '2022-1-1'");
}

TEST(PopulationAtTest, LargestYearNotAfterTheDateThenCensusThenUnknown) {
  RuleSet rules;
  rules.regions = ParseRegions("r.tsv", kRegions);
  rules.population = Population("500117\t2021\t1240000\n500117\t2023\t1250000\n000000\t2022\t2000000\n");
  auto at = [&](const char* code, const char* date) { return PopulationOf(rules, code, *base::Date::ParseIso(date)); };
  // 2020: no row of year <= 2020, so the census line.
  EXPECT_EQ(at("500117", "2020-12-31").persons, 1245000);
  EXPECT_FALSE(at("500117", "2020-12-31").year);
  // 2021 and 2022 use the 2021 row; a row of year(D) is used even on 1 January.
  EXPECT_EQ(at("500117", "2022-12-31").persons, 1240000);
  EXPECT_EQ(at("500117", "2022-12-31").year, 2021);
  EXPECT_EQ(at("500117", "2023-01-01").persons, 1250000);
  EXPECT_EQ(at("500117", "2030-06-30").year, 2023);
  // The nation follows its own rows; before them, its regions.tsv line.
  EXPECT_EQ(at("000000", "2021-12-31").persons, 1000000);
  EXPECT_EQ(at("000000", "2024-12-31").persons, 2000000);
  // No population anywhere, or no line at all: unknown.
  EXPECT_FALSE(at("500114", "2024-12-31").persons);
  EXPECT_FALSE(at("510104", "2024-12-31").persons);
}

TEST(RuleSetTest, OptionalFilesMayBeAbsentAndDoNotChangeTheFingerprint) {
  const std::string golden = std::string(HVPAT_TEST_DATA_DIR) + "/golden_rules";
  RuleSet rules = LoadRuleSet(golden);
  EXPECT_TRUE(rules.population.empty());
  EXPECT_TRUE(rules.industry_names.empty());
  EXPECT_TRUE(rules.targets.empty());
  TempDir dir;
  for (const auto& entry : std::filesystem::directory_iterator(golden)) {
    std::filesystem::copy_file(entry.path(), dir.path() / entry.path().filename());
  }
  EXPECT_EQ(LoadRuleSet(dir.path().string()).fingerprint, rules.fingerprint);
  std::ofstream(dir / "targets.tsv") << kTargetsHeader << "500117\thigh_value\t5\t2024-12-31\t\t\n";
  RuleSet with_targets = LoadRuleSet(dir.path().string());
  EXPECT_EQ(with_targets.targets.size(), 1u);
  EXPECT_NE(with_targets.fingerprint, rules.fingerprint);
}

TEST(RuleSetTest, ShippedRulesLoadWithTheNationAndRealData) {
  RuleSet rules = LoadRuleSet(HVPAT_SOURCE_RULES_DIR);
  // The census total with active military personnel (rules/regions.tsv says why).
  EXPECT_EQ(rules.regions.at("000000").population, 1411778724);
  EXPECT_EQ(rules.regions.at("500117").population, 1245294);  // 合川区, 7th census
  EXPECT_EQ(rules.population.at("000000").at(2024), 1408280000);
  EXPECT_EQ(rules.population.size(), 32u);  // the nation and 31 provinces
  EXPECT_EQ(rules.industry_names.at("1"), "新一代信息技术产业");
  EXPECT_EQ(rules.industry_names.at("9"), "相关服务业");
  EXPECT_EQ(rules.targets.size(), 9u);
  auto at = PopulationOf(rules, "000000", *base::Date::ParseIso("2025-12-31"));
  EXPECT_EQ(at.year, 2024);
}

}  // namespace
}  // namespace hvpat::rules
