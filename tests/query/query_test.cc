// Region-level queries (include/hvpat/query/query.h) over a small database ingested from
// NDJSON with tests/data/golden_rules (domestic set {CN}; concordance rows 1.1 G06F11*
// H04L1* minus G06F11/14, 4.2 G06F11/14 C08, 7.1 G06N3/04* minus G06N3/045; regions
// 500000 重庆市, 500100 市辖区, 500117 合川区, 510000 四川省, 510100 成都市, 510104 锦江区).
//
// The records, at D = 2023-12-31 (all granted 2018-05-02, filed 2015-01-10 unless said):
//   CN1B 500117 甲公司              C08K3/00 (4.2)                         valid, high-value (sei)
//   CN2B 500117 乙大学 + 甲公司*     G06F11/30 (1.1)                        valid, high-value (sei)
//   CN3B 500100 丙研究院             no symbol                             valid
//   CN4B 510100 丁科技              filed 2010-03-01: +10 years < D        valid, high-value (maintained)
//   CN5B 510104 甲公司              lapsed 2022-01-01                      not valid at D; valid at 2020-12-31
//   CN6B foreign first holder Acme  C08K3/00                               valid, high-value, in no region
//   CN7U 500117 甲公司              a utility model                        never valid
//   CN8B 510100 戊集团              G06N3/0464 (7.1)                       valid, high-value (sei)
//   CN9B 500117 己公司              H04L12/00 (not H04L1*)                 valid
// (* 甲公司 as co-holder of CN2B with region 510104: the patent counts where its first
// holder is, spec/cli.md "hvpat holders".)
#include "hvpat/query/query.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "hvpat/base/error.h"
#include "hvpat/pipeline/ingest.h"
#include "hvpat/store/store.h"
#include "support/cli_runner.h"

namespace hvpat::query {
namespace {

using hvpat::testing::TempDir;
using model::Rule;

const std::string kRules = std::string(HVPAT_TEST_DATA_DIR) + "/golden_rules";

base::Date D(const char* iso) { return *base::Date::ParseIso(iso); }

struct H {
  std::string name, country = "CN", region;
};

std::string Line(const std::string& id, const std::vector<H>& holders, const std::string& ipc = "",
                 const std::string& more = "", const std::string& type = "invention",
                 const std::string& filing = "2015-01-10") {
  std::string s = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"filing_date\":\"" + filing +
                  "\",\"grant_date\":\"2018-05-02\"" + (more.empty() ? ",\"status\":\"valid\"" : more) + ",\"ipc\":[" +
                  (ipc.empty() ? "" : "\"" + ipc + "\"") + "],\"holders\":[";
  for (size_t i = 0; i < holders.size(); ++i) {
    s += (i ? "," : "") + std::string("{\"name\":\"") + holders[i].name + "\",\"country\":\"" + holders[i].country +
         "\",\"region\":" + (holders[i].region.empty() ? "null" : "\"" + holders[i].region + "\"") + "}";
  }
  return s + "]}";
}

class QueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    const std::string dump = *dir_ / "dump.ndjson";
    {
      std::ofstream out(dump, std::ios::binary);
      for (const std::string& line : {
               Line("CN1B", {{"甲公司", "CN", "500117"}}, "C08K3/00"),
               Line("CN2B", {{"乙大学", "CN", "500117"}, {"甲公司", "CN", "510104"}}, "G06F11/30"),
               Line("CN3B", {{"丙研究院", "CN", "500100"}}),
               Line("CN4B", {{"丁科技", "CN", "510100"}}, "", "", "invention", "2010-03-01"),
               Line("CN5B", {{"甲公司", "CN", "510104"}}, "", ",\"status\":\"lapsed\",\"status_date\":\"2022-01-01\""),
               Line("CN6B", {{"Acme Corp", "US", ""}}, "C08K3/00"),
               Line("CN7U", {{"甲公司", "CN", "500117"}}, "", "", "utility_model"),
               Line("CN8B", {{"戊集团", "CN", "510100"}}, "G06N3/0464"),
               Line("CN9B", {{"己公司", "CN", "500117"}}, "H04L12/00"),
           }) {
        out << line << "\n";
      }
    }
    pipeline::IngestOptions options;
    options.files = {dump};
    options.db_dir = *dir_ / "db";
    options.dates = {D("2020-12-31"), D("2023-12-31")};
    options.threads = 2;
    auto summary = pipeline::Ingest(options, rules::LoadRuleSet(kRules));
    ASSERT_EQ(summary.quarantined, 0u);
    ASSERT_EQ(summary.indexed, 9u);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    store_ = store::Store::OpenReadOnly(*dir_ / "db");
    info_ = ReadRunInfo(*store_);
  }

  CountResult Count(const std::optional<std::string>& region) const { return query::Count(*store_, info_, region); }

  // (holder, high_value, valid_inventions) in ranking order.
  using Ranked = std::vector<std::tuple<std::string, uint64_t, uint64_t>>;
  Ranked Rank(const std::optional<std::string>& region, size_t top = 100,
              std::optional<Rule> rule = std::nullopt) const {
    Ranked out;
    for (const auto& row : Holders(*store_, info_, region, top, rule)) {
      out.emplace_back(row.holder, row.high_value, row.valid_inventions);
    }
    return out;
  }

  static TempDir* dir_;
  std::unique_ptr<store::Store> store_;
  RunInfo info_;
};
TempDir* QueryTest::dir_ = nullptr;

TEST_F(QueryTest, RunInfoHoldsTheDatesAndDefaultsToTheLatest) {
  EXPECT_EQ(info_.dates, (std::vector<base::Date>{D("2020-12-31"), D("2023-12-31")}));
  EXPECT_EQ(info_.as_of, D("2023-12-31"));
  EXPECT_EQ(info_.enabled, (std::array<bool, model::kRuleCount>{true, true, true, true, true}));
  EXPECT_EQ(ReadRunInfo(*store_, D("2020-12-31")).as_of, D("2020-12-31"));
  try {
    (void)ReadRunInfo(*store_, D("2022-12-31"));
    ADD_FAILURE() << "a date the database does not hold was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kStore);
    EXPECT_NE(std::string(e.what()).find("2022-12-31"), std::string::npos) << e.what();
  }
}

TEST_F(QueryTest, NationCountsDomesticFirstHoldersOnly) {
  CountResult nation = Count(std::nullopt);
  EXPECT_FALSE(nation.region.has_value());
  EXPECT_EQ(nation.name, "全国");
  EXPECT_EQ(nation.as_of, D("2023-12-31"));
  EXPECT_EQ(nation.counts.valid, 6u);       // 1 2 3 4 8 9 (6 is foreign-held, 5 lapsed, 7 a utility model)
  EXPECT_EQ(nation.counts.high_value, 4u);  // 1 2 4 8
  EXPECT_EQ(nation.counts.by_rule, (std::array<uint64_t, model::kRuleCount>{3, 0, 1, 0, 0}));
}

TEST_F(QueryTest, CountyCityAndProvinceRollUp) {
  CountResult county = Count("500117");  // 1 2 9
  EXPECT_EQ(county.name, "合川区");
  EXPECT_EQ(county.counts.valid, 3u);
  EXPECT_EQ(county.counts.high_value, 2u);
  EXPECT_EQ(county.counts.by_rule[static_cast<int>(Rule::kSei)], 2u);
  EXPECT_EQ(county.population, 1245000);
  ASSERT_TRUE(county.PerTenThousand().has_value());
  EXPECT_DOUBLE_EQ(*county.PerTenThousand(), 2.0 * 10000 / 1245000);
  EXPECT_DOUBLE_EQ(*county.ValidPerTenThousand(), 3.0 * 10000 / 1245000);

  CountResult city = Count("500100");  // 1 2 9 and 3, whose code is the city's own
  EXPECT_EQ(city.name, "市辖区");
  EXPECT_EQ(city.counts.valid, 4u);
  EXPECT_EQ(city.counts.high_value, 2u);
  EXPECT_FALSE(city.population.has_value());  // an empty population in regions.tsv
  EXPECT_FALSE(city.PerTenThousand().has_value());

  CountResult province = Count("500000");
  EXPECT_EQ(province.name, "重庆市");
  EXPECT_EQ(province.counts.valid, 4u);
  EXPECT_EQ(province.counts.high_value, 2u);
  EXPECT_EQ(province.population, 32054159);  // its own line, never summed from below

  CountResult sichuan = Count("510000");  // 4 8 (5 lapsed)
  EXPECT_EQ(sichuan.counts.valid, 2u);
  EXPECT_EQ(sichuan.counts.high_value, 2u);
  EXPECT_EQ(sichuan.counts.by_rule, (std::array<uint64_t, model::kRuleCount>{1, 0, 1, 0, 0}));
}

TEST_F(QueryTest, ARegionWithoutValidPatentsCountsZero) {
  CountResult county = Count("510104");  // only 5, lapsed; 2's co-holder does not bring it here
  EXPECT_EQ(county.name, "锦江区");
  EXPECT_EQ(county.counts.valid, 0u);
  EXPECT_EQ(county.counts.high_value, 0u);
  CountResult unknown = Count("120000");
  EXPECT_FALSE(unknown.name.has_value());
  EXPECT_EQ(unknown.counts.valid, 0u);
}

TEST_F(QueryTest, CountsFollowTheChosenDate) {
  RunInfo earlier = ReadRunInfo(*store_, D("2020-12-31"));
  CountResult county = query::Count(*store_, earlier, "510104");
  EXPECT_EQ(county.as_of, D("2020-12-31"));
  EXPECT_EQ(county.counts.valid, 1u);  // 5 lapses only in 2022
  EXPECT_EQ(county.counts.high_value, 0u);
  // 4, filed 2010-03-01, is maintained at both dates (more than ten years by 2020-03-02).
  EXPECT_EQ(query::Count(*store_, earlier, "510100").counts.by_rule[static_cast<int>(Rule::kMaintained)], 1u);
  EXPECT_EQ(query::Count(*store_, earlier, std::nullopt).counts.valid, 7u);
}

std::vector<std::string> Codes(const std::vector<CountResult>& rows) {
  std::vector<std::string> codes;
  for (const auto& r : rows) codes.push_back(r.region.value_or("(nation)"));
  return codes;
}

TEST_F(QueryTest, ChildrenAreTheRegionsOneLevelDownInCodeOrder) {
  auto provinces = Children(*store_, info_, std::nullopt);
  EXPECT_EQ(Codes(provinces), (std::vector<std::string>{"500000", "510000"}));
  ASSERT_EQ(provinces.size(), 2u);
  EXPECT_EQ(provinces[0].name, "重庆市");
  EXPECT_EQ(provinces[0].counts.valid, 4u);
  EXPECT_EQ(provinces[1].name, "四川省");
  EXPECT_EQ(provinces[1].counts.high_value, 2u);
  EXPECT_EQ(provinces[1].population, 83674866);

  EXPECT_EQ(Codes(Children(*store_, info_, "500000")), (std::vector<std::string>{"500100"}));
  EXPECT_EQ(Codes(Children(*store_, info_, "500100")), (std::vector<std::string>{"500117"}));
  EXPECT_EQ(Codes(Children(*store_, info_, "510000")), (std::vector<std::string>{"510100"}));
  auto counties = Children(*store_, info_, "510100");
  EXPECT_EQ(Codes(counties), (std::vector<std::string>{"510104"}));  // listed with no valid patent
  ASSERT_EQ(counties.size(), 1u);
  EXPECT_EQ(counties[0].counts.valid, 0u);
  EXPECT_TRUE(Children(*store_, info_, "500117").empty());  // a county has no level below
}

TEST_F(QueryTest, LookupRegionGivesItsOwnLine) {
  auto county = LookupRegion(*store_, "500117");
  ASSERT_TRUE(county.has_value());
  EXPECT_EQ(county->name, "合川区");
  EXPECT_EQ(county->census, 1245000);
  auto city = LookupRegion(*store_, "500100");
  ASSERT_TRUE(city.has_value());
  EXPECT_EQ(city->name, "市辖区");
  EXPECT_FALSE(city->census.has_value());
  EXPECT_FALSE(LookupRegion(*store_, "120000").has_value());
}

// Nation: 甲公司 holds 1 and 2 (co-holder); then one high-value patent each, in UTF-8
// byte order 丁 (E4 B8 81) < 乙 (E4 B9 99) < 戊 (E6 88 8A); then none: 丙 (E4 B8 99) < 己 (E5).
TEST_F(QueryTest, HoldersRankByHighValueThenNameBytes) {
  EXPECT_EQ(Rank(std::nullopt), (Ranked{{"甲公司", 2, 2},
                                        {"丁科技", 1, 1},
                                        {"乙大学", 1, 1},
                                        {"戊集团", 1, 1},
                                        {"丙研究院", 0, 1},
                                        {"己公司", 0, 1}}));
  EXPECT_EQ(Rank(std::nullopt, 2), (Ranked{{"甲公司", 2, 2}, {"丁科技", 1, 1}}));
  EXPECT_TRUE(Rank(std::nullopt, 0).empty());
}

TEST_F(QueryTest, HoldersOfARegionCountItsPatentsWhoeverHoldsThem) {
  EXPECT_EQ(Rank("500117"), (Ranked{{"甲公司", 2, 2}, {"乙大学", 1, 1}, {"己公司", 0, 1}}));
  EXPECT_EQ(Rank("500000"), (Ranked{{"甲公司", 2, 2}, {"乙大学", 1, 1}, {"丙研究院", 0, 1}, {"己公司", 0, 1}}));
  // 510104: 甲公司's region on 2 does not attribute 2 there, and 5 is not valid.
  EXPECT_TRUE(Rank("510104").empty());
}

TEST_F(QueryTest, HolderShareIsOfTheRegionsHighValuePatents) {
  auto rows = Holders(*store_, info_, std::string("500117"), 10);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_DOUBLE_EQ(rows[0].share.value_or(-1), 1.0);  // 甲公司: 2 of 2
  EXPECT_DOUBLE_EQ(rows[1].share.value_or(-1), 0.5);
  EXPECT_DOUBLE_EQ(rows[2].share.value_or(-1), 0.0);
  EXPECT_EQ(rows[0].by_rule, (std::array<uint64_t, model::kRuleCount>{2, 0, 0, 0, 0}));
  auto national = Holders(*store_, info_, std::nullopt, 1);
  ASSERT_EQ(national.size(), 1u);
  EXPECT_DOUBLE_EQ(national[0].share.value_or(-1), 0.5);  // 2 of 4
}

TEST_F(QueryTest, HoldersByRuleRankThosePatentsOnly) {
  // sei: 1 (甲), 2 (乙, 甲), 8 (戊).
  EXPECT_EQ(Rank(std::nullopt, 100, Rule::kSei), (Ranked{{"甲公司", 2, 2}, {"乙大学", 1, 1}, {"戊集团", 1, 1}}));
  EXPECT_EQ(Rank(std::nullopt, 100, Rule::kMaintained), (Ranked{{"丁科技", 1, 1}}));
  EXPECT_TRUE(Rank(std::nullopt, 100, Rule::kAward).empty());
}

TEST_F(QueryTest, ShowFindsIndexedRecordsOnly) {
  auto lapsed = Show(*store_, info_, "CN5B");
  ASSERT_TRUE(lapsed.has_value());
  EXPECT_FALSE(lapsed->verdict.valid);
  auto earlier = Show(*store_, ReadRunInfo(*store_, D("2020-12-31")), "CN5B");
  ASSERT_TRUE(earlier.has_value());
  EXPECT_TRUE(earlier->verdict.valid);
  EXPECT_FALSE(Show(*store_, info_, "CN10B").has_value());
}

}  // namespace
}  // namespace hvpat::query
