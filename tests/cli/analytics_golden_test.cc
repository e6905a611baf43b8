// End to end through the CLI for spec/analytics.md: ingest tests/data/analytics.ndjson
// with tests/data/analytics_rules as of D1 = 2021-12-31 and D2 = 2023-12-31, then count,
// report, industries, pledges, outlook, targets, holders and holder. Every expected figure
// was worked out by hand from the spec; the working is below.
//
// Rules: pledge threshold 5,000,000 CNY (share), maintained > 10 years from filing,
// domestic {CN}. Concordance 1.10 H04L9*, 1.1 G06F11*, 4.2 C08, 1.2 H01L.
// Regions: 000000 1,000,000; 500000 3,000,000; 500100 (none); 500114 50,000; 500117
// 100,000; 500118 10,000; 510000 (none); 510100 200,000. population.tsv: 000000 2023
// 2,000,000; 500117 2022 125,000.
//
//   P1 01B 500117 甲公司       filed 2010-06-01, G06F11/30 (1.1): sei; maintained from 2020-06-01: HV at D1, D2
//   P2 02B 500117 甲公司+乙大学 filed 2013-03-01, no industry: maintained only after 2023-03-01:
//                               not HV at D1 (outlook D1: first maintained at D1+2y), HV at D2
//   P3 03B 500114 丙科技       C08K3/00 (4.2): HV; pledge 8M/2 = 4M on 2022-03-01 (below threshold)
//   P4 04B 500117 乙大学       pledges 6M/1 on 2021-06-01 (>= 5M: HV at D1, D2), 3M/3 = 1M on
//                               2022-05-01 (released: counts), 1M without date (never counts)
//   P5 05U 500117 甲公司       utility model: never valid; pledge 2M/1 on 2022-08-01 counts in pledges
//   P6 06B 500117 丁公司       filed 2014-09-01, lapsed 2024-06-30: valid at D1, D2, not HV; its
//                               first maintained date is 2024-12-31 (D1+3y, D2+1y), after the lapse:
//                               in no outlook
//   P7 07B 510100 戊集团       H04L9/00 (1.10); pledge 20M/4 = 5M on 2021-12-31 (= D1, inclusive): HV;
//                               maintained from 2022-01-01 (D2 only)
//   P8 08B Acme (US) first, 甲公司 co-holder: counts for no region and not nationally
//   P9 09B 500117 己公司       granted 2022-06-01: valid at D2 only, not HV; maintained from
//                               2025-07-01: outlook D2 at D2+2y
//   P10 10B 500117 甲公司      G06F11/14 (1.1), granted 2021-03-01: HV at D1, D2
//
// Counts: D1 nation valid 7 (P1 P2 P3 P4 P6 P7 P10), HV 5 (P1 P3 P4 P7 P10); D2 valid 8 (+P9),
// HV 6 (+P2). 500117: D1 valid 5, HV 3; D2 valid 6, HV 4.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "hvpat/store/schema.h"
#include "hvpat/store/store.h"
#include "support/cli_runner.h"
#include "support/reference_tallies.h"

namespace hvpat {
namespace {

using testing::Json;
using testing::RunCli;
using testing::TempDir;

const std::string kData = std::string(HVPAT_TEST_DATA_DIR) + "/analytics.ndjson";
const std::string kRules = std::string(HVPAT_TEST_DATA_DIR) + "/analytics_rules";
// (due 2025-12-31 - D1) / (D2 - D1) = 1461 / 730 days: the projection's slope factor.
const double kToDue = 1461.0 / 730.0;

class AnalyticsGoldenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    auto result = RunCli({"ingest", "--db", *dir_ / "db", "--rules", kRules, "--as-of", "2021-12-31,2023-12-31",
                          "--threads", "2", "--format", "json", kData});
    ASSERT_EQ(result.status, 0) << result.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Db() { return *dir_ / "db"; }

  // The answer, kept alive for the test (its elements point into it).
  const Json& Query(const std::vector<std::string>& args) {
    std::vector<std::string> full = args;
    full.insert(full.begin() + 1, {"--db", Db(), "--format", "json"});
    auto result = RunCli(full);
    EXPECT_EQ(result.status, 0) << result.err;
    answers_.push_back(std::make_unique<Json>(result.out));
    EXPECT_TRUE(answers_.back()->ok()) << result.out;
    return *answers_.back();
  }
  static int64_t Int(simdjson::dom::element e) { return e.get_int64().value(); }
  static double Double(simdjson::dom::element e) { return e.get_double().value(); }
  static std::string Str(simdjson::dom::element e) { return std::string(e.get_string().value()); }
  static bool IsNull(simdjson::dom::element e) { return e.is_null(); }
  static void ExpectDouble(simdjson::dom::element e, double expected) {
    double got = e.is<int64_t>() ? static_cast<double>(e.get_int64().value()) : e.get_double().value();
    EXPECT_NEAR(got, expected, std::fabs(expected) * 1e-12 + 1e-15);
  }
  static std::vector<simdjson::dom::element> Rows(const Json& json) {
    std::vector<simdjson::dom::element> rows;
    simdjson::dom::array array = json.root().get_array().value();
    for (auto row : array) rows.push_back(row);
    return rows;
  }

  static TempDir* dir_;
  std::vector<std::unique_ptr<Json>> answers_;
};
TempDir* AnalyticsGoldenTest::dir_ = nullptr;

TEST_F(AnalyticsGoldenTest, NationUsesItsOwnLineThenItsYearEndRow) {
  // D1: no 000000 row of year <= 2021: the regions.tsv line, 5 * 10000 / 1e6 = 0.05.
  const Json& d1 = Query({"count", "--as-of", "2021-12-31"});
  EXPECT_EQ(Int(d1["population"]), 1000000);
  EXPECT_TRUE(IsNull(d1["population_year"]));
  ExpectDouble(d1["high_value_per_10k"], 0.05);
  ExpectDouble(d1["valid_per_10k"], 0.07);
  // D2: the 2023 row, 2,000,000: 6 -> 0.03, valid 8 -> 0.04.
  const Json& d2 = Query({"count"});
  EXPECT_EQ(Str(d2["name"]), "全国");
  EXPECT_TRUE(IsNull(d2["region"]));
  EXPECT_EQ(Int(d2["high_value"]), 6);
  EXPECT_EQ(Int(d2["population"]), 2000000);
  EXPECT_EQ(Int(d2["population_year"]), 2023);
  ExpectDouble(d2["high_value_per_10k"], 0.03);
  ExpectDouble(d2["valid_per_10k"], 0.04);
  // --region 000000 is the nation.
  const Json& same = Query({"count", "--region", "000000"});
  EXPECT_TRUE(IsNull(same["region"]));
  EXPECT_EQ(Int(same["population"]), 2000000);
}

TEST_F(AnalyticsGoldenTest, RegionPopulationFollowsTheStatisticsDate) {
  // 合川区 D1: census 100,000: 3 -> 0.3, 5 -> 0.5. D2: the 2022 row 125,000: 4 -> 0.32, 6 -> 0.48.
  const Json& d1 = Query({"count", "--region", "500117", "--as-of", "2021-12-31"});
  EXPECT_EQ(Int(d1["population"]), 100000);
  EXPECT_TRUE(IsNull(d1["population_year"]));
  ExpectDouble(d1["high_value_per_10k"], 0.3);
  ExpectDouble(d1["valid_per_10k"], 0.5);
  const Json& d2 = Query({"count", "--region", "500117"});
  EXPECT_EQ(Int(d2["population"]), 125000);
  EXPECT_EQ(Int(d2["population_year"]), 2022);
  ExpectDouble(d2["high_value_per_10k"], 0.32);
  ExpectDouble(d2["valid_per_10k"], 0.48);
  // 市辖区 has no population: nulls.
  const Json& city = Query({"count", "--region", "500100"});
  EXPECT_TRUE(IsNull(city["population"]));
  EXPECT_TRUE(IsNull(city["valid_per_10k"]));
}

TEST_F(AnalyticsGoldenTest, ReportListsEveryLineBelowZerosIncludedAndSorts) {
  // 500100's children: 500114 (1 HV), 500117 (4), 500118 (no patent, still listed).
  auto codes = [&](const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (auto row : Rows(Query(args))) out.push_back(Str(row["region"]));
    return out;
  };
  EXPECT_EQ(codes({"report", "--region", "500100"}),
            (std::vector<std::string>{"500100", "500114", "500117", "500118"}));
  EXPECT_EQ(codes({"report", "--region", "500100", "--sort", "high_value"}),
            (std::vector<std::string>{"500100", "500117", "500114", "500118"}));
  // The nation's children: the provinces of regions.tsv, 四川省 without population.
  auto nation = Rows(Query({"report"}));
  ASSERT_EQ(nation.size(), 3u);
  EXPECT_TRUE(IsNull(nation[0]["region"]));
  EXPECT_EQ(Str(nation[1]["region"]), "500000");
  ExpectDouble(nation[1]["high_value_per_10k"], 5.0 * 10000 / 3000000);  // unrounded 0.01666...
  EXPECT_EQ(Str(nation[1]["as_of"]), "2023-12-31");
  EXPECT_TRUE(IsNull(nation[2]["high_value_per_10k"]));
  auto csv = RunCli({"report", "--db", Db(), "--format", "csv"});
  EXPECT_NE(csv.out.find("0.016666666666666666"), std::string::npos) << csv.out;  // not rounded to 0.02
  EXPECT_NE(csv.out.find(",2023-12-31\n"), std::string::npos) << csv.out;
  EXPECT_EQ(RunCli({"report", "--db", Db(), "--sort", "nonsense"}).status, 2);
}

TEST_F(AnalyticsGoldenTest, HoldersShareAndRankingByRule) {
  // Nationally: 甲公司 P1 P2 P10 (P5 is no invention, P8 foreign-led), 乙大学 P2 P4, then 丙科技 and
  // 戊集团 with 1 each (丙 U+4E19 before 戊 U+620A); 6 HV nationally.
  auto rows = Rows(Query({"holders", "--top", "4"}));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(Str(rows[0]["holder"]), "甲公司");
  EXPECT_EQ(Int(rows[0]["high_value"]), 3);
  ExpectDouble(rows[0]["share"], 0.5);
  ExpectDouble(rows[1]["share"], 2.0 / 6);
  EXPECT_EQ(Str(rows[2]["holder"]), "丙科技");
  EXPECT_EQ(Str(rows[3]["holder"]), "戊集团");
  // By pledge: 乙大学 (P4) and 戊集团 (P7), one each, 乙 U+4E59 first.
  auto pledge = Rows(Query({"holders", "--rule", "pledge", "--top", "2"}));
  ASSERT_EQ(pledge.size(), 2u);
  EXPECT_EQ(Str(pledge[0]["holder"]), "乙大学");
  EXPECT_EQ(Str(pledge[1]["holder"]), "戊集团");
  EXPECT_EQ(Int(pledge[1]["by_rule"]["pledge"]), 1);
  // 合川区 has 4 HV: 甲公司 3/4, 乙大学 2/4.
  auto county = Rows(Query({"holders", "--region", "500117"}));
  ExpectDouble(county[0]["share"], 0.75);
  ExpectDouble(county[1]["share"], 0.5);
  EXPECT_EQ(RunCli({"holders", "--db", Db(), "--rule", "patent"}).status, 2);
}

// spec/cli.md lists holders as {"holder", "high_value", "valid_inventions"}; hvpat's own
// members follow them (README: fields beyond the spec's are added after them).
TEST_F(AnalyticsGoldenTest, HoldersJsonHasTheSpecsMembersFirst) {
  auto rows = Rows(Query({"holders", "--top", "1"}));
  ASSERT_EQ(rows.size(), 1u);
  std::vector<std::string> keys;
  simdjson::dom::object first = rows[0].get_object().value();
  for (auto field : first) keys.emplace_back(field.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"holder", "high_value", "valid_inventions", "rank", "share", "by_rule",
                                            "as_of"}));
}

TEST_F(AnalyticsGoldenTest, HolderListsItsPatentsWithVerdicts) {
  // 甲公司 holds P1 P2 P5 P8 P10 (any region, co-held included).
  auto rows = Rows(Query({"holder", "甲公司"}));
  std::vector<std::string> ids;
  for (auto r : rows) ids.push_back(Str(r["id"]));
  EXPECT_EQ(ids,
            (std::vector<std::string>{"CN200000001B", "CN200000002B", "CN200000005U", "CN200000008B", "CN200000010B"}));
  EXPECT_TRUE(rows[1]["high_value"].get_bool().value());  // P2 maintained at D2
  EXPECT_FALSE(rows[2]["valid"].get_bool().value());      // the utility model
  EXPECT_EQ(simdjson::minify(rows[0]["industries"]), "[\"1\"]");
  auto d1 = Rows(Query({"holder", "--as-of", "2021-12-31", "甲公司"}));
  EXPECT_FALSE(d1[1]["high_value"].get_bool().value());  // P2 not yet maintained at D1
  EXPECT_EQ(RunCli({"holder", "--db", Db(), "甲"}).status, 3);
}

TEST_F(AnalyticsGoldenTest, TargetsWithoutPledgeTallies) {
  // At D2, D1 the earliest date (730 days before), projections to due over 1461 days from D1.
  auto rows = Rows(Query({"targets"}));
  ASSERT_EQ(rows.size(), 5u);
  // 000000 valid_per_10k 0.05: 0.04 now, 0.07 at D1: projected 0.07 - 0.03 * 1461/730.
  EXPECT_EQ(Str(rows[0]["region"]), "000000");
  EXPECT_EQ(Str(rows[0]["name"]), "全国");
  ExpectDouble(rows[0]["current"], 0.04);
  ExpectDouble(rows[0]["share"], 0.8);
  EXPECT_FALSE(rows[0]["met"].get_bool().value());
  ExpectDouble(rows[0]["projected"], 0.07 - 0.03 * kToDue);
  EXPECT_TRUE(IsNull(rows[0]["base"]));
  // 500117 high_value 3: 4 now (met), 3 at D1: 3 + 1461/730.
  EXPECT_EQ(Str(rows[1]["metric"]), "high_value");
  ExpectDouble(rows[1]["current"], 4);
  EXPECT_TRUE(rows[1]["met"].get_bool().value());
  ExpectDouble(rows[1]["projected"], 3 + kToDue);
  // 500117 per_10k_growth over D1: 0.32 / 0.3 - 1 = 1/15; 0 at D1.
  EXPECT_EQ(Str(rows[2]["metric"]), "per_10k_growth");
  ExpectDouble(rows[2]["current"], 0.32 / 0.3 - 1);
  ExpectDouble(rows[2]["share"], (0.32 / 0.3 - 1) / 0.5);
  ExpectDouble(rows[2]["projected"], (0.32 / 0.3 - 1) * kToDue);
  // 510100 per 10k 0.1 due 2024-12-31: 1 * 10000 / 200000 = 0.05 at both dates: flat 0.05.
  EXPECT_EQ(Str(rows[4]["region"]), "510100");
  ExpectDouble(rows[4]["current"], 0.05);
  ExpectDouble(rows[4]["projected"], 0.05);
  EXPECT_EQ(Rows(Query({"targets", "--region", "510000"})).size(), 1u);
}

// --- The tests below read the 'I', 'O' and 'P' tallies that ingest writes (issue 11, the
// --- pipeline's part). Until ingest writes any such tally they skip, saying so; once it
// --- writes some, they run and must pass.

// True when the database holds at least one tally under `prefix` (in the tallies family).
bool HasTallies(const std::string& db, const std::string& prefix) {
  auto store = store::Store::OpenReadOnly(db);
  bool found = false;
  store->Scan(store::Store::Family::kTallies, prefix, [&](std::string_view, std::string_view) {
    found = true;
    return false;
  });
  return found;
}

const base::Date kD2 = *base::Date::ParseIso("2023-12-31");
#define SKIP_WITHOUT(prefix, what)                \
  if (!HasTallies(Db(), prefix))                  \
  GTEST_SKIP() << "ingest writes no " what        \
                  " tallies yet (the pipeline's " \
                  "part of issue 11): nothing to check"

TEST_F(AnalyticsGoldenTest, TargetPledgeFromItsBase) {
  SKIP_WITHOUT(store::PledgePrefix(store::NationalScope()), "'P' pledge");
  // 500117 pledges from 2022-01-01 to D2: P4's 1M (2022-05-01) + P5's 2M = 3,000,000; at D1 the
  // window ends before its base: 0; projected 3e6 * 1461/730.
  auto rows = Rows(Query({"targets", "--region", "500117"}));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(Str(rows[2]["metric"]), "pledge_cny");
  ExpectDouble(rows[2]["current"], 3'000'000);
  ExpectDouble(rows[2]["share"], 0.3);
  ExpectDouble(rows[2]["projected"], 3'000'000 * kToDue);
}

TEST_F(AnalyticsGoldenTest, IndustriesCountValidInventionsPerIndustry) {
  SKIP_WITHOUT(store::IndustryPrefix(kD2, store::NationalScope(), false), "'I' industry");
  // D2 nationally: 1 <- P1 (1.1), P10 (1.1), P7 (1.10); 4 <- P3 (4.2); P8 is foreign-led.
  auto top = Rows(Query({"industries"}));
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(Str(top[0]["industry"]), "1");
  EXPECT_EQ(Str(top[0]["name"]), "新一代信息技术产业");
  EXPECT_EQ(Int(top[0]["valid_inventions"]), 3);
  EXPECT_EQ(Str(top[1]["industry"]), "4");
  EXPECT_TRUE(IsNull(top[1]["name"]));  // not in industries.tsv
  EXPECT_EQ(Int(top[1]["valid_inventions"]), 1);
  // Detailed, numeric order 1.1 < 1.2 < 1.10 < 4.2; 1.2 with none still listed.
  auto detail = Rows(Query({"industries", "--detail"}));
  std::vector<std::string> codes;
  std::vector<int64_t> counts;
  for (auto r : detail) {
    codes.push_back(Str(r["industry"]));
    counts.push_back(Int(r["valid_inventions"]));
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"1.1", "1.2", "1.10", "4.2"}));
  EXPECT_EQ(counts, (std::vector<int64_t>{2, 0, 1, 1}));
  EXPECT_EQ(Str(detail[2]["name"]), "网络");
  // 500117 at D1: P1 and P10 (granted 2021-03-01).
  auto county = Rows(Query({"industries", "--region", "500117", "--as-of", "2021-12-31"}));
  EXPECT_EQ(Int(county[0]["valid_inventions"]), 2);
  EXPECT_EQ(Int(county[1]["valid_inventions"]), 0);
}

TEST_F(AnalyticsGoldenTest, PledgesOverWindows) {
  SKIP_WITHOUT(store::PledgePrefix(store::NationalScope()), "'P' pledge");
  // Counted pledges: P3 4M (2022-03-01), P4 6M (2021-06-01) and 1M (2022-05-01), P5 2M
  // (2022-08-01), P7 5M (2021-12-31); P4's undated one and P8 (foreign-led) never.
  struct Case {
    std::vector<std::string> args;
    int64_t pledges, patents;
    double amount;
  };
  const std::vector<Case> cases = {
      {{}, 5, 4, 18'000'000},
      {{"--from", "2022-01-01"}, 3, 3, 7'000'000},
      {{"--to", "2021-12-31"}, 2, 2, 11'000'000},
      {{"--region", "500117"}, 3, 2, 9'000'000},
      {{"--region", "500117", "--from", "2022-01-01", "--to", "2022-06-30"}, 1, 1, 1'000'000},
      {{"--from", "2024-01-01", "--to", "2023-01-01"}, 0, 0, 0},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args{"pledges"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const Json& p = Query(args);
    SCOPED_TRACE(::testing::PrintToString(c.args));
    EXPECT_EQ(Int(p["pledges"]), c.pledges);
    EXPECT_EQ(Int(p["patents"]), c.patents);
    ExpectDouble(p["amount_cny"], c.amount);
  }
  const Json& all = Query({"pledges"});
  EXPECT_EQ(Str(all["name"]), "全国");
  EXPECT_TRUE(IsNull(all["from"]));
  EXPECT_EQ(Str(all["to"]), "2023-12-31");
}

TEST_F(AnalyticsGoldenTest, OutlookCountsEachPatentAtItsFirstYear) {
  SKIP_WITHOUT(store::OutlookPrefix(kD2, store::NationalScope()), "'O' outlook");
  // D2: P9 at +2 years (2025-12-31); P6's first date 2024-12-31 is after its lapse.
  auto d2 = Rows(Query({"outlook"}));
  ASSERT_EQ(d2.size(), 5u);
  std::vector<int64_t> patents;
  for (auto r : d2) patents.push_back(Int(r["patents"]));
  EXPECT_EQ(patents, (std::vector<int64_t>{0, 1, 0, 0, 0}));
  EXPECT_EQ(Str(d2[1]["as_of"]), "2025-12-31");
  // D1: P2 at +2 years (2023-12-31); P6 at +3 years is lapsed by then.
  auto d1 = Rows(Query({"outlook", "--as-of", "2021-12-31", "--years", "3", "--region", "500117"}));
  patents.clear();
  for (auto r : d1) patents.push_back(Int(r["patents"]));
  EXPECT_EQ(patents, (std::vector<int64_t>{0, 1, 0}));
}

// Every 'I', 'O' and 'P' tally ingest writes equals the one recomputed patent by patent
// from the stored records (tests/support/reference_tallies.h), on the golden dump and on
// the 5,000-record sample at three dates.
TEST_F(AnalyticsGoldenTest, IngestTalliesEqualThoseRecomputedFromThePatents) {
  SKIP_WITHOUT(store::PledgePrefix(store::NationalScope()), "'P' pledge");
  TempDir sample;
  auto ingest = RunCli({"ingest", "--db", sample / "db", "--as-of", "2021-12-31,2023-12-31,2025-12-31", "--threads",
                        "2", std::string(HVPAT_SOURCE_DIR) + "/sample_data/sample.jsonl.gz"});
  ASSERT_LE(ingest.status, 1) << ingest.err;
  for (const std::string& db : std::vector<std::string>{Db(), sample / "db"}) {
    auto store = store::Store::OpenReadOnly(db);
    auto expected = testing::ComputeReferenceTallies(*store);
    auto stored = testing::ReadStoredTallies(*store);
    EXPECT_EQ(stored.figures, expected.figures) << db;
    ASSERT_EQ(stored.pledges.size(), expected.pledges.size()) << db;
    for (const auto& [key, t] : expected.pledges) {
      auto it = stored.pledges.find(key);
      ASSERT_NE(it, stored.pledges.end()) << key;
      EXPECT_EQ(it->second.pledges, t.pledges) << key;
      EXPECT_EQ(it->second.patents, t.patents) << key;
      EXPECT_NEAR(it->second.amount_cny, t.amount_cny, std::fabs(t.amount_cny) * 1e-12) << key;
    }
  }
}

}  // namespace
}  // namespace hvpat
