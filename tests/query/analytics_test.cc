// The analytics queries over a store written by hand: every tally entry below is put
// directly with the store/schema.h encoders, and every expected figure is worked out
// from spec/analytics.md in the comments. (The ingest that fills these tallies is tested
// end to end in tests/cli/analytics_golden_test.cc.)
//
// Regions: 000000 全国 1,000,000; 500000 重庆市 30,000,000; 500100 市辖区 (none);
// 500114 黔江区 500,000; 500117 合川区 1,250,000 (census) and 1,000,000 in population.tsv
// for 2023; 510000 四川省 (none). Statistics dates 2021-12-31 (D1) and 2023-12-31 (D2):
// D2 - D1 = 730 days; 2024-12-31 is D2 + 366, 2025-12-31 is D2 + 731.
#include "hvpat/query/analytics.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "hvpat/base/error.h"
#include "hvpat/model/run_summary.h"
#include "hvpat/store/schema.h"
#include "hvpat/store/store.h"
#include "support/cli_runner.h"

namespace hvpat::query {
namespace {

using base::Date;
using store::Store;
using testing::TempDir;

Date D(const char* text) { return *Date::ParseIso(text); }
const Date kD1 = D("2021-12-31");
const Date kD2 = D("2023-12-31");

const char* kRegions =
    "code\tname\tpopulation\n000000\t全国\t1000000\n500000\t重庆市\t30000000\n500100\t市辖区\t\n"
    "500114\t黔江区\t500000\n500117\t合川区\t1250000\n510000\t四川省\t\n";
// Rows out of order: 1.10 must come after 1.2 (codes compare part by part as integers).
const char* kConcordance =
    "industry_code\tindustry_name\trow\tinclude\texclude\n1.10\t十\t1.10#1\tG06F\t\n1.2\t二\t1.2#1\tH04L\t\n"
    "4.2\t新材料\t4.2#1\tC08\t\n1.1\t一\t1.1#1\tG06N\t\n1.1\t一又\t1.1#2\tG06K\t\n";
const char* kTargets =
    "region\tmetric\ttarget\tdue\tbase\tsource\n"
    "510000\thigh_value_per_10k\t1\t2025-12-31\t\tno population\n"
    "500117\tpledge_cny\t3000000\t2025-12-31\t2022-01-01\tplan\n"
    "500117\tper_10k_growth\t1\t2025-12-31\t2021-12-31\tplan\n"
    "500117\tper_10k_growth\t1\t2025-12-31\t2020-12-31\tbase not a statistics date\n"
    "500117\thigh_value_per_10k\t0.05\t2025-12-31\t\tplan\n"
    "500117\thigh_value\t10\t2025-12-31\t\tplan\n"
    "500114\tvalid_per_10k\t1\t2024-12-31\t\tplan\n"
    "000000\thigh_value\t5\t2025-12-31\t\tnation\n";

void PutCounts(Store& s, Date date, const std::string& scope, uint64_t valid, uint64_t high_value) {
  store::Counts c;
  c.valid = valid;
  c.high_value = high_value;
  c.by_rule[0] = high_value;
  s.Put(Store::Family::kTallies, store::CountsKey(date, scope), store::EncodeCounts(c));
}

void PutPledge(Store& s, const std::string& scope, const char* date, std::optional<Date> previous, uint64_t pledges,
               double amount) {
  s.Put(Store::Family::kTallies, store::PledgeKey(scope, D(date), previous),
        store::EncodePledgeTally({pledges, 1, amount}));
}

void PutHolder(Store& s, const std::string& scope, const std::string& name, uint64_t hv, uint64_t valid,
               uint64_t pledge) {
  store::HolderFigures f{name, hv, valid, {}};
  f.by_rule[static_cast<int>(model::Rule::kPledge)] = pledge;
  s.Put(Store::Family::kHolderRank, store::HolderRankKey(kD2, scope, store::kRankByHighValue, hv, name),
        store::EncodeHolderValue(f));
  s.Put(Store::Family::kHolderRank,
        store::HolderRankKey(kD2, scope, store::RankByRule(model::Rule::kPledge), pledge, name),
        store::EncodeHolderValue(f));
}

void PutPatent(Store& s, const std::string& id, bool valid_at_d2) {
  model::Patent p;
  p.id = id;
  p.office = "CN";
  p.filing_date = D("2015-01-01");
  p.holders = {{"甲公司", "CN", "500117"}};
  model::Assessment a;
  a.dates = {kD1, kD2};
  model::Verdict v;
  v.enabled = {true, true, true, true, true};
  v.industries = {"1.1"};
  a.verdicts = {v, v};
  a.verdicts[1].valid = a.verdicts[1].high_value = a.verdicts[1].rules[0] = valid_at_d2;
  s.Put(Store::Family::kPatents, id, store::EncodePatent(p, a));
}

void PutMeta(Store& s) {
  auto meta = [&](const std::string& k, const std::string& v) { s.Put(Store::Family::kMeta, k, v); };
  meta(store::kMetaSchema, std::string(store::kSchemaVersion));
  meta(store::kMetaAsOf, "2021-12-31,2023-12-31");
  meta(store::kMetaEnabled, "sei,overseas,maintained,pledge,award");
  meta(store::kMetaSummary, "{}");
  meta(store::kMetaRules, "{}");
  meta(store::kMetaInputs, "[]");
  const std::array<std::string, rules::kRuleFiles.size()> files = {"",
                                                                   kConcordance,
                                                                   kRegions,
                                                                   "id\taward\tlevel\tyear\n",
                                                                   "code\tyear\tpopulation\n500117\t2023\t1000000\n",
                                                                   "code\tname\n1\t新一代信息技术产业\n99\t未定义\n",
                                                                   kTargets,
                                                                   ""};
  for (size_t i = 0; i < rules::kRuleFiles.size(); ++i) {
    meta(std::string(store::kMetaRuleFilePrefix) + rules::kRuleFiles[i], files[i]);
  }
  // As ingest writes them: each region's line with its population.tsv rows.
  auto regions = rules::ParseRegions("r", kRegions);
  auto population = rules::ParsePopulation("p", files[4], regions);
  for (const auto& [code, r] : regions) {
    store::RegionValue value{r.name, r.population, {}};
    if (auto rows = population.find(code); rows != population.end()) value.yearly = rows->second;
    meta(store::RegionMetaKey(code), store::EncodeRegionValue(value));
  }
}

class AnalyticsQueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    auto s = Store::Create(*dir_ / "db");
    PutMeta(*s);
    const std::string n = store::NationalScope(), r = store::RegionScope("500117");
    PutCounts(*s, kD1, n, 10, 4);
    PutCounts(*s, kD2, n, 20, 10);
    PutCounts(*s, kD1, r, 4, 2);
    PutCounts(*s, kD2, r, 8, 6);
    PutCounts(*s, kD2, store::RegionScope("500114"), 2, 1);
    auto figure = [&](const std::string& key, uint64_t n) {
      s->Put(Store::Family::kTallies, key, store::EncodeFigure(n));
    };
    figure(store::IndustryKey(kD2, r, false, "1"), 3);
    figure(store::IndustryKey(kD2, r, false, "4"), 2);
    figure(store::IndustryKey(kD2, r, true, "1.10"), 1);
    figure(store::IndustryKey(kD2, r, true, "4.2"), 2);
    figure(store::OutlookKey(kD2, r, 1), 2);
    figure(store::OutlookKey(kD2, r, 3), 1);
    // Patent A pledged 2021-03-01 (1 pledge, 1,000,000) and 2022-06-01 (2 pledges, 500,000);
    // B 2022-01-01 (1, 2,000,000); C 2022-06-01 (1, 250,000).
    PutPledge(*s, r, "2021-03-01", std::nullopt, 1, 1'000'000);
    PutPledge(*s, r, "2022-06-01", D("2021-03-01"), 2, 500'000);
    PutPledge(*s, r, "2022-01-01", std::nullopt, 1, 2'000'000);
    PutPledge(*s, r, "2022-06-01", std::nullopt, 1, 250'000);
    PutHolder(*s, r, "甲公司", 4, 5, 1);
    PutHolder(*s, r, "乙大学", 2, 3, 2);
    // 甲公司's patents in two blocks, as two partitions of an ingest write them.
    auto block = [&](const std::string& holder, const std::string& id, const std::string& region) {
      std::string value;
      store::AppendHolderEntry(value, id, region);
      s->Put(Store::Family::kHolder, store::HolderKey(holder, id), value);
    };
    block("甲公司", "CN1B", "500117");
    block("甲公司", "CN2B", "");
    block("甲公司乙", "CN3B", "500117");
    PutPatent(*s, "CN1B", true);
    PutPatent(*s, "CN2B", false);
    PutPatent(*s, "CN3B", true);
    s->Flush();
    s.reset();
    store_ = Store::OpenReadOnly(*dir_ / "db").release();
  }
  static void TearDownTestSuite() {
    delete store_;
    delete dir_;
  }
  RunInfo Info(Date as_of = kD2) { return ReadRunInfo(*store_, as_of); }

  static TempDir* dir_;
  static Store* store_;
};
TempDir* AnalyticsQueryTest::dir_ = nullptr;
Store* AnalyticsQueryTest::store_ = nullptr;

TEST_F(AnalyticsQueryTest, CountUsesThePopulationOfTheDate) {
  // D2: the 2023 row (1,000,000): 6 * 10000 / 1e6 = 0.06, valid 8 * 10000 / 1e6 = 0.08.
  auto at2 = Count(*store_, Info(), "500117");
  EXPECT_EQ(at2.population, 1'000'000);
  EXPECT_EQ(at2.population_year, 2023);
  EXPECT_DOUBLE_EQ(*at2.PerTenThousand(), 0.06);
  EXPECT_DOUBLE_EQ(*at2.ValidPerTenThousand(), 0.08);
  // D1: no row of year <= 2021, the census line: 2 * 10000 / 1,250,000 = 0.016.
  auto at1 = Count(*store_, Info(kD1), "500117");
  EXPECT_EQ(at1.population, 1'250'000);
  EXPECT_FALSE(at1.population_year);
  EXPECT_DOUBLE_EQ(*at1.PerTenThousand(), 0.016);
  // The nation: its 000000 line, 10 * 10000 / 1e6 = 0.1.
  auto nation = Count(*store_, Info(), std::nullopt);
  EXPECT_EQ(nation.name, "全国");
  EXPECT_EQ(nation.population, 1'000'000);
  EXPECT_DOUBLE_EQ(*nation.PerTenThousand(), 0.1);
  EXPECT_DOUBLE_EQ(*nation.ValidPerTenThousand(), 0.2);
}

// count and report read each region's own line and no stored rules file: with nothing
// to parse the rules from, they still give the populations of the date, and only a
// command that needs the rules fails.
TEST_F(AnalyticsQueryTest, CountAndChildrenParseNoRulesFile) {
  RunInfo info = Info();
  info.rules->store = nullptr;  // Rules() would now throw
  auto county = Count(*store_, info, "500117");
  EXPECT_EQ(county.population, 1'000'000);
  EXPECT_EQ(county.population_year, 2023);
  EXPECT_EQ(Count(*store_, info, std::nullopt).population, 1'000'000);
  EXPECT_EQ(Children(*store_, info, "500100").size(), 2u);
  EXPECT_THROW(info.Rules(), Error);
  EXPECT_THROW(Industries(*store_, info, "500117", false), Error);
}

TEST_F(AnalyticsQueryTest, ChildrenAreEveryRegionsLineZerosIncluded) {
  auto codes = [&](const std::optional<std::string>& region) {
    std::vector<std::string> out;
    for (const auto& c : Children(*store_, Info(), region)) out.push_back(*c.region);
    return out;
  };
  // 510000 has no patent and still appears; 000000 is no province.
  EXPECT_EQ(codes(std::nullopt), (std::vector<std::string>{"500000", "510000"}));
  EXPECT_EQ(codes("500000"), (std::vector<std::string>{"500100"}));
  EXPECT_EQ(codes("500100"), (std::vector<std::string>{"500114", "500117"}));
  auto sichuan = Children(*store_, Info(), std::nullopt)[1];
  EXPECT_EQ(sichuan.counts.valid, 0u);
  EXPECT_FALSE(sichuan.PerTenThousand());
}

TEST_F(AnalyticsQueryTest, IndustriesListEveryDefinedCodeInNumericOrder) {
  auto top = Industries(*store_, Info(), "500117", false);
  ASSERT_EQ(top.size(), 2u);  // 1 and 4; industries.tsv's 99 is not in sei_ipc.tsv
  EXPECT_EQ(top[0].industry, "1");
  EXPECT_EQ(top[0].name, "新一代信息技术产业");
  EXPECT_EQ(top[0].valid_inventions, 3u);
  EXPECT_EQ(top[1].industry, "4");
  EXPECT_FALSE(top[1].name);  // not in industries.tsv
  EXPECT_EQ(top[1].valid_inventions, 2u);
  auto detail = Industries(*store_, Info(), "500117", true);
  std::vector<std::string> codes;
  for (const auto& row : detail) codes.push_back(row.industry);
  EXPECT_EQ(codes, (std::vector<std::string>{"1.1", "1.2", "1.10", "4.2"}));
  EXPECT_EQ(detail[0].name, "一");  // the first line of 1.1 names it
  EXPECT_EQ(detail[1].valid_inventions, 0u);
  EXPECT_EQ(detail[2].valid_inventions, 1u);
  // Another date, or a region without tallies: all listed with 0.
  for (const auto& row : Industries(*store_, Info(kD1), "500117", false)) EXPECT_EQ(row.valid_inventions, 0u);
}

TEST_F(AnalyticsQueryTest, PledgeWindowsCountEachPatentAtItsFirstDateInside) {
  auto window = [&](std::optional<Date> from, const char* to) { return Pledges(*store_, "500117", from, D(to)).tally; };
  // No lower bound: every entry; patents are the entries without a previous date (A, B, C).
  auto all = window(std::nullopt, "2023-12-31");
  EXPECT_EQ(all.pledges, 5u);
  EXPECT_EQ(all.patents, 3u);
  EXPECT_DOUBLE_EQ(all.amount_cny, 3'750'000);
  // From 2022-01-01: A's second date (previous 2021-03-01 < from), B, C.
  auto from2022 = window(D("2022-01-01"), "2023-12-31");
  EXPECT_EQ(from2022.pledges, 4u);
  EXPECT_EQ(from2022.patents, 3u);
  EXPECT_DOUBLE_EQ(from2022.amount_cny, 2'750'000);
  // 2022-03-01 .. 2022-12-31: A's second date and C.
  auto mid = window(D("2022-03-01"), "2022-12-31");
  EXPECT_EQ(mid.pledges, 3u);
  EXPECT_EQ(mid.patents, 2u);
  EXPECT_DOUBLE_EQ(mid.amount_cny, 750'000);
  // Up to 2021-12-31: A's first date only; inclusive bounds.
  auto early = window(std::nullopt, "2021-03-01");
  EXPECT_EQ(early.pledges, 1u);
  EXPECT_DOUBLE_EQ(early.amount_cny, 1'000'000);
  // from > to: empty.
  auto empty = window(D("2023-01-01"), "2022-01-01");
  EXPECT_EQ(empty.pledges + empty.patents, 0u);
  EXPECT_EQ(empty.amount_cny, 0);
  EXPECT_EQ(Pledges(*store_, "500114", std::nullopt, kD2).tally.pledges, 0u);
}

TEST_F(AnalyticsQueryTest, OutlookListsEveryYearWithItsDate) {
  auto rows = Outlook(*store_, Info(), "500117", 5);
  ASSERT_EQ(rows.size(), 5u);
  std::vector<uint64_t> patents;
  for (const auto& r : rows) patents.push_back(r.patents);
  EXPECT_EQ(patents, (std::vector<uint64_t>{2, 0, 1, 0, 0}));
  EXPECT_EQ(rows[0].as_of.ToString(), "2024-12-31");
  EXPECT_EQ(rows[4].as_of.ToString(), "2028-12-31");
}

TEST_F(AnalyticsQueryTest, TargetsEvaluatedAtTheLatestDateWithTheirProjection) {
  auto rows = Targets(*store_, Info(kD1), std::nullopt);  // always the latest date, whatever as_of
  ASSERT_EQ(rows.size(), 8u);
  // Order: region, metric name, due, base (none first), target.
  std::vector<std::string> order;
  for (const auto& r : rows) {
    order.push_back(r.target.region + " " + std::string(rules::MetricName(r.target.metric)) +
                    (r.target.base ? " " + r.target.base->ToString() : ""));
  }
  EXPECT_EQ(order, (std::vector<std::string>{"000000 high_value", "500114 valid_per_10k", "500117 high_value",
                                             "500117 high_value_per_10k", "500117 per_10k_growth 2020-12-31",
                                             "500117 per_10k_growth 2021-12-31", "500117 pledge_cny 2022-01-01",
                                             "510000 high_value_per_10k"}));
  const double k = 1461.0 / 730.0;  // (due 2025-12-31 - D1) / (D2 - D1)
  // The nation: 10 at D2 (4 at D1), target 5: met; projected 4 + 6k.
  EXPECT_EQ(rows[0].name, "全国");
  EXPECT_EQ(rows[0].as_of, kD2);
  EXPECT_DOUBLE_EQ(*rows[0].current, 10);
  EXPECT_DOUBLE_EQ(*rows[0].share, 2);
  EXPECT_TRUE(*rows[0].met);
  EXPECT_DOUBLE_EQ(*rows[0].projected, 4 + 6 * k);
  // 黔江区 valid per 10k: 2 * 10000 / 500000 = 0.04 at D2, 0 at D1; due 2024-12-31 is 1096 days after D1.
  EXPECT_DOUBLE_EQ(*rows[1].current, 0.04);
  EXPECT_DOUBLE_EQ(*rows[1].share, 0.04);
  EXPECT_FALSE(*rows[1].met);
  EXPECT_DOUBLE_EQ(*rows[1].projected, 0.04 * 1096 / 730);
  // 合川区 high_value: 6 of 10, projected 2 + 4k = 10.005... (> target, still not met).
  EXPECT_DOUBLE_EQ(*rows[2].current, 6);
  EXPECT_FALSE(*rows[2].met);
  EXPECT_DOUBLE_EQ(*rows[2].projected, 2 + 4 * k);
  // per 10k: 0.06 at D2 (2023 row), 0.016 at D1 (census): share 1.2, met.
  EXPECT_DOUBLE_EQ(*rows[3].current, 0.06);
  EXPECT_DOUBLE_EQ(*rows[3].share, 0.06 / 0.05);
  EXPECT_TRUE(*rows[3].met);
  EXPECT_DOUBLE_EQ(*rows[3].projected, 0.016 + 0.044 * k);
  // Growth over 2020-12-31, no statistics date: everything null.
  EXPECT_FALSE(rows[4].current);
  EXPECT_FALSE(rows[4].share);
  EXPECT_FALSE(rows[4].met);
  EXPECT_FALSE(rows[4].projected);
  // Growth over D1: 0.06 / 0.016 - 1 = 2.75, and 0 at D1 itself.
  EXPECT_DOUBLE_EQ(*rows[5].current, 2.75);
  EXPECT_TRUE(*rows[5].met);
  EXPECT_DOUBLE_EQ(*rows[5].projected, 2.75 * k);
  // Pledges from 2022-01-01 to D2: 2,750,000; at D1 (before the base) an empty window, 0.
  EXPECT_DOUBLE_EQ(*rows[6].current, 2'750'000);
  EXPECT_DOUBLE_EQ(*rows[6].share, 2'750'000.0 / 3'000'000.0);
  EXPECT_DOUBLE_EQ(*rows[6].projected, 2'750'000 * k);
  // 四川省 has no population: null.
  EXPECT_FALSE(rows[7].current);
  EXPECT_FALSE(rows[7].met);
  // A region's subtree: the nation's target is in none.
  auto chongqing = Targets(*store_, Info(), "500000");
  EXPECT_EQ(chongqing.size(), 6u);
  EXPECT_EQ(Targets(*store_, Info(), "500114").size(), 1u);
}

TEST_F(AnalyticsQueryTest, HoldersByRuleWithTheirShareOfTheRegion) {
  auto by_hv = Holders(*store_, Info(), "500117", 10);
  ASSERT_EQ(by_hv.size(), 2u);
  EXPECT_EQ(by_hv[0].holder, "甲公司");
  EXPECT_DOUBLE_EQ(*by_hv[0].share, 4.0 / 6.0);  // the region has 6 high-value patents at D2
  EXPECT_DOUBLE_EQ(*by_hv[1].share, 2.0 / 6.0);
  auto by_pledge = Holders(*store_, Info(), "500117", 10, model::Rule::kPledge);
  ASSERT_EQ(by_pledge.size(), 2u);
  EXPECT_EQ(by_pledge[0].holder, "乙大学");  // 2 pledge patents against 1
  EXPECT_EQ(by_pledge[0].by_rule[static_cast<int>(model::Rule::kPledge)], 2u);
  EXPECT_DOUBLE_EQ(*by_pledge[0].share, 2.0 / 6.0);
  EXPECT_EQ(Holders(*store_, Info(), "500117", 1, model::Rule::kPledge).size(), 1u);
}

TEST_F(AnalyticsQueryTest, HolderPatentsAreThatExactNameOnly) {
  auto rows = HolderPatents(*store_, Info(), "甲公司");
  ASSERT_EQ(rows.size(), 2u);  // not 甲公司乙's CN3B
  EXPECT_EQ(rows[0].id, "CN1B");
  EXPECT_EQ(rows[0].region, "500117");
  EXPECT_TRUE(rows[0].verdict.valid);
  EXPECT_EQ(rows[1].id, "CN2B");
  EXPECT_EQ(rows[1].region, "");
  EXPECT_FALSE(rows[1].verdict.valid);
  EXPECT_FALSE(HolderPatents(*store_, Info(kD1), "甲公司")[0].verdict.valid);  // its verdict at D1
  EXPECT_TRUE(HolderPatents(*store_, Info(), "丙").empty());
}

}  // namespace
}  // namespace hvpat::query
