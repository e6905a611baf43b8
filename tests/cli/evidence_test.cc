// Several statistics dates in one ingest, and the evidence `show` gives for each verdict:
// tests/data/dates.ndjson with tests/data/golden_rules, ingested once through the CLI as of
// D1 = 2021-12-31, D2 = 2022-12-31 and D3 = 2023-12-31. Every expected figure below was
// worked out by hand from spec/rules.md; the reasoning is in the comments.
//
// golden_rules: pledge threshold 5,000,000 CNY (share = amount / patents), domestic set
// {CN}, only china_patent:gold accepted; awards.tsv gives CN100000005B gold 2022 (and
// CN100000006B silver 2020, not in this dump). Concordance: 1.1#1 includes G06F11* H04L1*
// excluding G06F11/14; 4.2#1 includes G06F11/14 and class C08; 7.1#1 includes G06N3/04*
// excluding G06N3/045. Terms are 20 years, maintenance 10 years from filing.
//
// Records (first holder, region) and what each is built to show:
//   A  CN200000001B 甲公司 500117  filed 2019-04-01, granted 20220315: not valid at D1,
//                                  valid from D2. sei: G06F11/14 -> 4.2#1 only (1.1#1
//                                  excludes it), G06F0011300000 = G06F11/30 -> 1.1#1 by
//                                  G06F11*, C08K3/00 -> 4.2#1 by C08; H04L12/00 is not
//                                  H04L1*, G06N3/045 is excluded from 7.1#1.
//   B  CN200000002B 乙大学 500117  lapsed 20220630: valid at D1 only. family: JP granted
//                                  (overseas at every D), EP not granted (never a member).
//   C  CN200000003B 丙科技 510104  filed 20120229: +10 years = 2022-02-28 (no 29 Feb in
//                                  2022), so maintained from D2; term ends 2032-02-29.
//   C2 CN200000004B 丁研究院 500100 filed 2012-12-31: +10 years = 2022-12-31 = D2, and D
//                                  must be strictly later: maintained at D3 only.
//   E  CN200000005B 己公司 500117  filed 20020630: term ends 2022-06-30, so valid (and
//                                  maintained) at D1 only, although its status is "valid".
//   P  CN200000006B 甲公司 500117  pledges: 12M/3 = 4M on 2020-05-01 (< 5M); 15M/3 = 5M
//                                  on 20220801, released 2023-03-01 (>= 5M, still counts);
//                                  20M/5 = 4M on 2023-06-01; 90M with no date (never
//                                  counts). Pledge from D2.
//   W1 CN200000007B 丙科技 510104  awards in the record: silver 2020 (not accepted), gold
//                                  2022, gold 2023: award from D2 (year(D) >= 2022).
//   W2 CN100000005B 丁研究院 500100 gold 2022 from awards.tsv: award from D2.
//   F  CN200000008B 戊集团 510104  family_id FAM-D; US2023000001B2 (office US, invention,
//                                  FAM-D) granted 2023-04-01: overseas at D3 only.
//                                  JP2021000001U (FAM-D, granted 2021) is a utility model:
//                                  never a member.
//   G  CN200000009B Globex Inc (US), co-holder 乙大学: granted 20220201, valid from D2;
//                                  sei 7.1 by G06N3/04*; foreign first holder: no region.
//
// Verdicts (v = valid, * = high-value, rules in brackets):
//            D1 2021-12-31        D2 2022-12-31         D3 2023-12-31
//   A        - [sei]              v* [sei]              v* [sei]
//   B        v* [overseas]        - [overseas]          - [overseas]
//   C        v                    v* [maintained]       v* [maintained]
//   C2       v                    v                     v* [maintained]
//   E        v* [maintained]      -                     -
//   P        v                    v* [pledge]           v* [pledge]
//   W1       v                    v* [award]            v* [award]
//   W2       v                    v* [award]            v* [award]
//   F        v                    v                     v* [overseas]
//   G        - [sei]              v* [sei]              v* [sei]     (foreign-held)
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "support/cli_runner.h"

namespace hvpat {
namespace {

using simdjson::dom::element;
using testing::Json;
using testing::RunCli;
using testing::TempDir;

const std::string kData = std::string(HVPAT_TEST_DATA_DIR) + "/dates.ndjson";
const std::string kRules = std::string(HVPAT_TEST_DATA_DIR) + "/golden_rules";
constexpr const char* kD1 = "2021-12-31";
constexpr const char* kD2 = "2022-12-31";
constexpr const char* kD3 = "2023-12-31";

std::string Str(element e) { return std::string(e.get_string().value()); }
int64_t Int(element e) { return e.get_int64().value(); }
// By value, so that a range-for over it keeps it alive.
simdjson::dom::array Arr(element e) { return e.get_array().value(); }
double Num(element e) { return e.get_double().value(); }
bool Bool(element e) { return e.get_bool().value(); }

// The database of dates.ndjson at D1, D2 and D3, built once for the whole program.
struct DatesDb {
  TempDir dir;
  std::string db = dir / "db";
  testing::CliResult ingest =
      RunCli({"ingest", "--db", db, "--rules", kRules, "--as-of", std::string(kD1) + "," + kD2 + "," + kD3, "--threads",
              "2", "--format", "json", kData});
};

const DatesDb& Db() {
  static const DatesDb db;
  return db;
}

class DatesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(Db().ingest.status, 0) << Db().ingest.err; }

  // `command --db DB --format json [--as-of as_of] args...`, which must succeed.
  static testing::CliResult Run(const std::string& command, const std::vector<std::string>& args,
                                const std::string& as_of = "") {
    std::vector<std::string> full{command, "--db", Db().db, "--format", "json"};
    if (!as_of.empty()) full.insert(full.end(), {"--as-of", as_of});
    full.insert(full.end(), args.begin(), args.end());
    auto result = RunCli(full);
    EXPECT_EQ(result.status, 0) << result.err;
    return result;
  }
  static Json Count(const std::string& as_of, const std::string& region = "") {
    return Json(
        Run("count", region.empty() ? std::vector<std::string>{} : std::vector<std::string>{"--region", region}, as_of)
            .out);
  }
  static Json Show(const std::string& id, const std::string& as_of = "") { return Json(Run("show", {id}, as_of).out); }

  // valid_inventions, high_value, then sei overseas maintained pledge award.
  using Figures = std::array<int64_t, 7>;
  static Figures FiguresOf(const Json& c) {
    element r = c["by_rule"];
    return {Int(c["valid_inventions"]), Int(c["high_value"]), Int(r["sei"]),  Int(r["overseas"]),
            Int(r["maintained"]),       Int(r["pledge"]),     Int(r["award"])};
  }
};

class EvidenceTest : public DatesTest {};

// ----- several dates ---------------------------------------------------------------

TEST_F(DatesTest, SummaryGivesEveryDate) {
  Json s(Db().ingest.out);
  ASSERT_TRUE(s.ok()) << Db().ingest.out;
  EXPECT_EQ(Int(s["lines_read"]), 12);
  EXPECT_EQ(Int(s["indexed"]), 12);
  EXPECT_EQ(Int(s["quarantined"]), 0);
  EXPECT_EQ(Int(s["duplicates_replaced"]), 0);
  // The top-level figures are those of the latest date.
  EXPECT_EQ(Str(s["as_of"]), kD3);
  EXPECT_EQ(Int(s["valid_inventions"]), 8);
  EXPECT_EQ(Int(s["high_value"]), 8);

  // Every indexed patent counts here, foreign-held G included; "domestic" leaves G out.
  //   D1: valid B C C2 E P W1 W2 F = 8; high-value B E = 2 (A and G not yet granted).
  //   D2: valid A C C2 P W1 W2 F G = 8; high-value A C P W1 W2 G = 6; domestic 7 and 5.
  //   D3: valid as D2; high-value all 8; domestic 7 and 7.
  auto dates = Arr(s["dates"]);
  ASSERT_EQ(dates.size(), 3u);
  using Row = std::tuple<std::string, int64_t, int64_t, int64_t, int64_t>;
  std::vector<Row> got;
  for (element d : dates) {
    got.emplace_back(Str(d["as_of"]), Int(d["valid_inventions"]), Int(d["high_value"]),
                     Int(d["valid_inventions_domestic"]), Int(d["high_value_domestic"]));
  }
  std::vector<Row> want{{kD1, 8, 2, 8, 2}, {kD2, 8, 6, 7, 5}, {kD3, 8, 8, 7, 7}};
  EXPECT_EQ(got, want);
}

TEST_F(DatesTest, NationalCountAtEachDate) {
  // Domestic first holders only (G is foreign-held), see the table in the header.
  //   D1: valid 8; high-value B E; overseas B; maintained E.
  //   D2: valid A C C2 P W1 W2 F = 7; high-value A C P W1 W2 = 5; sei A, maintained C,
  //       pledge P, award W1 W2 (B lapsed: its family no longer counts).
  //   D3: valid 7; all high-value; sei A, overseas F, maintained C C2, pledge P, award W1 W2.
  EXPECT_EQ(FiguresOf(Count(kD1)), (Figures{8, 2, 0, 1, 1, 0, 0}));
  EXPECT_EQ(FiguresOf(Count(kD2)), (Figures{7, 5, 1, 0, 1, 1, 2}));
  EXPECT_EQ(FiguresOf(Count(kD3)), (Figures{7, 7, 1, 1, 2, 1, 2}));
  for (const char* d : {kD1, kD2, kD3}) {
    Json c = Count(d);
    EXPECT_EQ(Str(c["as_of"]), d);
    EXPECT_EQ(Str(c["name"]), "全国");
  }
}

TEST_F(DatesTest, RegionCountAtEachDate) {
  // 重庆市 500000 holds A B E P (500117) and C2 W2 (500100).
  //   D1: valid B C2 E P W2 = 5; high-value B (overseas) E (maintained).
  //   D2: valid A C2 P W2 = 4; high-value A (sei) P (pledge) W2 (award).
  //   D3: valid 4; high-value A P W2 and C2 (maintained).
  EXPECT_EQ(FiguresOf(Count(kD1, "500000")), (Figures{5, 2, 0, 1, 1, 0, 0}));
  EXPECT_EQ(FiguresOf(Count(kD2, "500000")), (Figures{4, 3, 1, 0, 0, 1, 1}));
  EXPECT_EQ(FiguresOf(Count(kD3, "500000")), (Figures{4, 4, 1, 0, 1, 1, 1}));
  Json d2 = Count(kD2, "500000");
  EXPECT_EQ(Int(d2["population"]), 32054159);
  EXPECT_NEAR(Num(d2["high_value_per_10k"]), 3.0 * 10000 / 32054159, 1e-12);

  // 合川区 500117: A B E P.  D1 valid B E P, high-value B E; D2 and D3 valid A P, both high-value.
  EXPECT_EQ(FiguresOf(Count(kD1, "500117")), (Figures{3, 2, 0, 1, 1, 0, 0}));
  EXPECT_EQ(FiguresOf(Count(kD2, "500117")), (Figures{2, 2, 1, 0, 0, 1, 0}));
  EXPECT_EQ(FiguresOf(Count(kD3, "500117")), (Figures{2, 2, 1, 0, 0, 1, 0}));

  // 四川省 510000 holds C W1 F (510104), valid at every date.
  //   D1: none high-value; D2: C (maintained) W1 (award); D3: and F (overseas).
  EXPECT_EQ(FiguresOf(Count(kD1, "510000")), (Figures{3, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(FiguresOf(Count(kD2, "510000")), (Figures{3, 2, 0, 0, 1, 0, 1}));
  EXPECT_EQ(FiguresOf(Count(kD3, "510000")), (Figures{3, 3, 0, 1, 1, 0, 1}));
  EXPECT_EQ(FiguresOf(Count(kD3, "510104")), FiguresOf(Count(kD3, "510000")));
  EXPECT_NEAR(Num(Count(kD3, "510000")["high_value_per_10k"]), 3.0 * 10000 / 83674866, 1e-12);
}

TEST_F(DatesTest, LatestDateIsTheDefault) {
  for (const char* region : {"", "500000"}) {
    std::vector<std::string> args;
    if (*region) args = {"--region", region};
    EXPECT_EQ(Run("count", args).out, Run("count", args, kD3).out) << region;
    EXPECT_EQ(Run("holders", args).out, Run("holders", args, kD3).out) << region;
    EXPECT_EQ(Run("report", args).out, Run("report", args, kD3).out) << region;
  }
  EXPECT_EQ(Run("show", {"CN200000008B"}).out, Run("show", {"CN200000008B"}, kD3).out);
  EXPECT_EQ(Str(Show("CN200000008B")["as_of"]), kD3);
}

// Each element of the series parsed and written back the same way as the single answer.
void ExpectSeriesEqualsCounts(const testing::CliResult& series, const std::vector<testing::CliResult>& singles) {
  Json s(series.out);
  ASSERT_TRUE(s.ok()) << series.out;
  auto rows = Arr(s.root());
  ASSERT_EQ(rows.size(), singles.size());
  for (size_t i = 0; i < singles.size(); ++i) {
    Json one(singles[i].out);
    ASSERT_TRUE(one.ok()) << singles[i].out;
    EXPECT_EQ(simdjson::minify(rows.at(i).value()), simdjson::minify(one.root())) << i;
  }
}

TEST_F(DatesTest, SeriesRowsAreThePerDateCounts) {
  for (const char* region : {"", "500000", "510104"}) {
    std::vector<std::string> args;
    if (*region) args = {"--region", region};
    std::vector<std::string> series_args = args;
    series_args.push_back("--series");
    auto series = Run("count", series_args);
    ExpectSeriesEqualsCounts(series, {Run("count", args, kD1), Run("count", args, kD2), Run("count", args, kD3)});
    Json s(series.out);
    std::vector<std::string> as_of;
    for (element row : Arr(s.root())) as_of.push_back(Str(row["as_of"]));
    EXPECT_EQ(as_of, (std::vector<std::string>{kD1, kD2, kD3})) << region;
  }
  // The table has one row per date, in date order.
  auto table = RunCli({"count", "--db", Db().db, "--series"});
  ASSERT_EQ(table.status, 0) << table.err;
  size_t d1 = table.out.find(kD1), d2 = table.out.find(kD2), d3 = table.out.find(kD3);
  ASSERT_NE(d1, std::string::npos) << table.out;
  ASSERT_NE(d2, std::string::npos) << table.out;
  ASSERT_NE(d3, std::string::npos) << table.out;
  EXPECT_LT(d1, d2);
  EXPECT_LT(d2, d3);
  EXPECT_EQ(std::count(table.out.begin(), table.out.end(), '\n'), 5) << table.out;  // header, rule, 3 rows
}

TEST_F(DatesTest, ShowVerdictFlipsAsDesigned) {
  struct Case {
    const char* id;
    const char* as_of;
    bool valid;
    bool high_value;
    std::array<bool, 5> rules;  // sei overseas maintained pledge award
  };
  const std::vector<Case> cases{
      // A: granted 2022-03-15.
      {"CN200000001B", kD1, false, false, {true, false, false, false, false}},
      {"CN200000001B", kD2, true, true, {true, false, false, false, false}},
      // B: lapsed 2022-06-30; the family's granted flag counts at every D.
      {"CN200000002B", kD1, true, true, {false, true, false, false, false}},
      {"CN200000002B", kD2, false, false, {false, true, false, false, false}},
      {"CN200000002B", kD3, false, false, {false, true, false, false, false}},
      // C: filed 2012-02-29, maintained after 2022-02-28.
      {"CN200000003B", kD1, true, false, {false, false, false, false, false}},
      {"CN200000003B", kD2, true, true, {false, false, true, false, false}},
      // C2: filed 2012-12-31; at D2 = filing + 10 years exactly it is not yet maintained.
      {"CN200000004B", kD2, true, false, {false, false, false, false, false}},
      {"CN200000004B", kD3, true, true, {false, false, true, false, false}},
      // E: term ends 2022-06-30; maintained needs validity.
      {"CN200000005B", kD1, true, true, {false, false, true, false, false}},
      {"CN200000005B", kD2, false, false, {false, false, false, false, false}},
      // P: 15M / 3 = 5M registered 2022-08-01 reaches 5M.
      {"CN200000006B", kD1, true, false, {false, false, false, false, false}},
      {"CN200000006B", kD2, true, true, {false, false, false, true, false}},
      {"CN200000006B", kD3, true, true, {false, false, false, true, false}},
      // W1 (record) and W2 (awards.tsv): gold 2022.
      {"CN200000007B", kD1, true, false, {false, false, false, false, false}},
      {"CN200000007B", kD2, true, true, {false, false, false, false, true}},
      {"CN100000005B", kD1, true, false, {false, false, false, false, false}},
      {"CN100000005B", kD2, true, true, {false, false, false, false, true}},
      // F: its US family member is granted 2023-04-01.
      {"CN200000008B", kD2, true, false, {false, false, false, false, false}},
      {"CN200000008B", kD3, true, true, {false, true, false, false, false}},
      // G: granted 2022-02-01, foreign first holder (no region, still high-value).
      {"CN200000009B", kD1, false, false, {true, false, false, false, false}},
      {"CN200000009B", kD2, true, true, {true, false, false, false, false}},
      // The US member itself: never valid, never its own member.
      {"US2023000001B2", kD3, false, false, {true, false, false, false, false}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.id) + " at " + c.as_of);
    Json p = Show(c.id, c.as_of);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(Str(p["as_of"]), c.as_of);
    EXPECT_EQ(Bool(p["valid"]), c.valid);
    EXPECT_EQ(Bool(p["high_value"]), c.high_value);
    element rules = p["rules"];
    std::array<bool, 5> got{Bool(rules["sei"]), Bool(rules["overseas"]), Bool(rules["maintained"]),
                            Bool(rules["pledge"]), Bool(rules["award"])};
    EXPECT_EQ(got, c.rules);
  }
}

TEST_F(DatesTest, HoldersRankAtTheChosenDate) {
  auto ranking = [](const std::string& as_of) {
    Json h(Run("holders", {}, as_of).out);
    std::vector<std::tuple<std::string, int64_t, int64_t>> rows;
    for (element row : Arr(h.root())) {
      rows.emplace_back(Str(row["holder"]), Int(row["high_value"]), Int(row["valid_inventions"]));
    }
    return rows;
  };
  // D1: 乙大学 B (high-value), 己公司 E (high-value), 丁研究院 C2 W2, 丙科技 C W1, 戊集团 F,
  // 甲公司 P; ties in UTF-8 byte order (乙 E4B999 < 己 E5B7B1; 丁 E4B881 < 丙 E4B899 <
  // 戊 E6888A < 甲 E794B2). G's co-holder 乙大学 gets nothing: G is foreign-held.
  std::vector<std::tuple<std::string, int64_t, int64_t>> d1{{"乙大学", 1, 1}, {"己公司", 1, 1}, {"丁研究院", 0, 2},
                                                            {"丙科技", 0, 2}, {"戊集团", 0, 1}, {"甲公司", 0, 1}};
  EXPECT_EQ(ranking(kD1), d1);
  // D2: 丙科技 C W1 and 甲公司 A P both high-value; 丁研究院 W2 of C2 W2; 戊集团 F valid only;
  // 乙大学 (B lapsed) and 己公司 (E out of term) hold no valid invention.
  std::vector<std::tuple<std::string, int64_t, int64_t>> d2{
      {"丙科技", 2, 2}, {"甲公司", 2, 2}, {"丁研究院", 1, 2}, {"戊集团", 0, 1}};
  EXPECT_EQ(ranking(kD2), d2);
}

TEST_F(DatesTest, ReportAndInfoTakeTheDate) {
  // The nation and its provinces at D1 (see RegionCountAtEachDate).
  Json report(Run("report", {}, kD1).out);
  std::vector<std::tuple<std::string, std::string, int64_t, int64_t>> rows;
  for (element row : Arr(report.root())) {
    rows.emplace_back(row["region"].is_null() ? "" : Str(row["region"]), Str(row["as_of"]),
                      Int(row["valid_inventions"]), Int(row["high_value"]));
  }
  std::vector<std::tuple<std::string, std::string, int64_t, int64_t>> want{
      {"", kD1, 8, 2}, {"500000", kD1, 5, 2}, {"510000", kD1, 3, 0}};
  EXPECT_EQ(rows, want);

  for (const char* as_of : {kD1, kD3}) {
    auto info = RunCli({"info", "--db", Db().db, "--as-of", as_of});
    ASSERT_EQ(info.status, 0) << info.err;
    Json i(info.out);
    ASSERT_TRUE(i.ok()) << info.out;
    EXPECT_EQ(Str(i["as_of"]), as_of);
    std::vector<std::string> dates;
    for (element d : Arr(i["dates"])) dates.push_back(Str(d));
    EXPECT_EQ(dates, (std::vector<std::string>{kD1, kD2, kD3}));
  }
}

TEST_F(DatesTest, DateNotInDatabaseFails) {
  const std::vector<std::vector<std::string>> commands{
      {"count"}, {"count", "--series"}, {"show", "CN200000001B"}, {"holders"}, {"report"}, {"info"}};
  for (const auto& command : commands) {
    std::vector<std::string> args = command;
    args.insert(args.begin() + 1, {"--db", Db().db, "--as-of", "2022-06-30"});
    auto result = RunCli(args);
    EXPECT_EQ(result.status, 3) << command[0];
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_NE(result.err.find("2022-06-30"), std::string::npos) << result.err;
    EXPECT_TRUE(result.out.empty()) << result.out;
  }
  // Not a date at all is a usage error.
  auto bad = RunCli({"count", "--db", Db().db, "--as-of", "2022-13-01"});
  EXPECT_EQ(bad.status, 2) << bad.err;
}

TEST(DatesIngestTest, DatesAreSortedAndDistinctWhateverTheOrderGiven) {
  TempDir dir;
  auto ingest = RunCli({"ingest", "--db", dir / "db", "--rules", kRules, "--as-of",
                        std::string(kD3) + "," + kD1 + "," + kD2 + "," + kD1, "--format", "json", kData});
  ASSERT_EQ(ingest.status, 0) << ingest.err;
  Json s(ingest.out);
  std::vector<std::string> dates;
  for (element d : Arr(s["dates"])) dates.push_back(Str(d["as_of"]));
  EXPECT_EQ(dates, (std::vector<std::string>{kD1, kD2, kD3}));
  EXPECT_EQ(Str(s["as_of"]), kD3);
  auto count = RunCli({"count", "--db", dir / "db", "--as-of", kD1, "--format", "json"});
  ASSERT_EQ(count.status, 0) << count.err;
  EXPECT_EQ(Int(Json(count.out)["high_value"]), 2);
}

// ----- evidence --------------------------------------------------------------------

TEST_F(EvidenceTest, ValidityNamesEachCheck) {
  // A at D1: granted 2022-03-15 > D1; term_end = 2019-04-01 + 20 years.
  Json a = Show("CN200000001B", kD1);
  element v = a["evidence"]["validity"];
  EXPECT_FALSE(Bool(v["valid"]));
  EXPECT_TRUE(Bool(v["office_cn"]));
  EXPECT_TRUE(Bool(v["invention"]));
  EXPECT_EQ(Str(v["grant_date"]), "2022-03-15");  // given as 20220315
  EXPECT_FALSE(Bool(v["granted_by_as_of"]));
  EXPECT_EQ(Str(v["term_end"]), "2039-04-01");
  EXPECT_TRUE(Bool(v["in_term"]));
  EXPECT_EQ(Str(v["status"]), "valid");
  EXPECT_TRUE(v["status_date"].is_null());
  EXPECT_TRUE(Bool(v["status_allows"]));
  EXPECT_TRUE(Bool(Show("CN200000001B", kD2)["evidence"]["validity"]["granted_by_as_of"]));

  // B: lapsed with status_date 2022-06-30 > D1, <= D2.
  Json b1 = Show("CN200000002B", kD1);
  EXPECT_TRUE(Bool(b1["evidence"]["validity"]["status_allows"]));
  EXPECT_TRUE(Bool(b1["evidence"]["validity"]["valid"]));
  Json b2 = Show("CN200000002B", kD2);
  element vb = b2["evidence"]["validity"];
  EXPECT_EQ(Str(vb["status"]), "lapsed");
  EXPECT_EQ(Str(vb["status_date"]), "2022-06-30");
  EXPECT_FALSE(Bool(vb["status_allows"]));
  EXPECT_TRUE(Bool(vb["granted_by_as_of"]));
  EXPECT_TRUE(Bool(vb["in_term"]));
  EXPECT_FALSE(Bool(vb["valid"]));

  // E: filed 2002-06-30, term ends 2022-06-30: D1 < term_end, D2 is not.
  EXPECT_TRUE(Bool(Show("CN200000005B", kD1)["evidence"]["validity"]["in_term"]));
  Json e2 = Show("CN200000005B", kD2);
  element ve = e2["evidence"]["validity"];
  EXPECT_EQ(Str(ve["term_end"]), "2022-06-30");
  EXPECT_FALSE(Bool(ve["in_term"]));
  EXPECT_TRUE(Bool(ve["status_allows"]));
  EXPECT_FALSE(Bool(ve["valid"]));

  // C: filed 2012-02-29; 2032 is a leap year, so the term ends on 29 February.
  EXPECT_EQ(Str(Show("CN200000003B", kD3)["evidence"]["validity"]["term_end"]), "2032-02-29");

  // Records of other offices: the failing check is named.
  Json us = Show("US2023000001B2", kD3);
  EXPECT_FALSE(Bool(us["evidence"]["validity"]["office_cn"]));
  EXPECT_TRUE(Bool(us["evidence"]["validity"]["invention"]));
  EXPECT_FALSE(Bool(us["evidence"]["validity"]["valid"]));
  Json jp = Show("JP2021000001U", kD3);
  EXPECT_FALSE(Bool(jp["evidence"]["validity"]["invention"]));
  EXPECT_FALSE(Bool(jp["evidence"]["validity"]["valid"]));
}

using SeiMatch = std::tuple<std::string, std::string, std::string, std::string>;  // symbol row industry pattern

std::set<SeiMatch> SeiOf(const Json& p) {
  std::set<SeiMatch> out;
  for (element m : Arr(p["evidence"]["sei"])) {
    out.emplace(Str(m["symbol"]), Str(m["row"]), Str(m["industry"]), Str(m["pattern"]));
  }
  return out;
}

TEST_F(EvidenceTest, SeiNamesSymbolRowIndustryAndPattern) {
  // A, shown at D1 when it is not valid: conditions are still reported.
  Json a = Show("CN200000001B", kD1);
  std::set<SeiMatch> want{
      // G06F11/14 is inside G06F11* but 1.1#1 excludes it; 4.2#1 lists it itself.
      {"G06F11/14", "4.2#1", "4.2", "G06F11/14"},
      // G06F0011300000 is G06F11/30 in canonical form.
      {"G06F11/30", "1.1#1", "1.1", "G06F11*"},
      {"C08K3/00", "4.2#1", "4.2", "C08"},
      // H04L12/00: H04L1* is main group 1 only. G06N3/045: excluded from 7.1#1.
  };
  EXPECT_EQ(SeiOf(a), want);
  auto industries = Arr(a["industries"]);
  ASSERT_EQ(industries.size(), 2u);
  EXPECT_EQ(Str(industries.at(0).value()), "1");
  EXPECT_EQ(Str(industries.at(1).value()), "4");
  EXPECT_TRUE(Bool(a["rules"]["sei"]));

  // G: G06N3/0464 starts with the digits of G06N3/04*.
  EXPECT_EQ(SeiOf(Show("CN200000009B", kD2)), (std::set<SeiMatch>{{"G06N3/0464", "7.1#1", "7.1", "G06N3/04*"}}));
  // No symbol, no match.
  Json p = Show("CN200000006B", kD3);
  EXPECT_TRUE(SeiOf(p).empty());
  EXPECT_FALSE(Bool(p["rules"]["sei"]));
}

using Member = std::tuple<std::string, std::string, std::string, std::string>;  // id country source grant_date

std::vector<Member> OverseasOf(const Json& p) {
  std::vector<Member> out;
  for (element m : Arr(p["evidence"]["overseas"])) {
    out.emplace_back(Str(m["id"]), Str(m["country"]), Str(m["source"]),
                     m["grant_date"].is_null() ? "null" : Str(m["grant_date"]));
  }
  return out;
}

TEST_F(EvidenceTest, OverseasFromTheFamilyList) {
  // B's family: JP granted (listed, no grant date of its own), EP not granted (absent).
  // The list describes the family as the dump was made and counts at every D.
  for (const char* d : {kD1, kD2, kD3}) {
    Json b = Show("CN200000002B", d);
    EXPECT_EQ(OverseasOf(b), (std::vector<Member>{{"JP2015000001B", "JP", "family", "null"}})) << d;
    EXPECT_TRUE(Bool(b["rules"]["overseas"])) << d;
  }
}

TEST_F(EvidenceTest, OverseasThroughFamilyIdFromItsGrantDate) {
  // F shares FAM-D with US2023000001B2 (granted 2023-04-01) and JP2021000001U (a utility
  // model, never a member): nothing at D1 or D2, the US record at D3.
  for (const char* d : {kD1, kD2}) {
    Json f = Show("CN200000008B", d);
    EXPECT_TRUE(OverseasOf(f).empty()) << d;
    EXPECT_FALSE(Bool(f["rules"]["overseas"])) << d;
  }
  Json f = Show("CN200000008B", kD3);
  EXPECT_EQ(OverseasOf(f), (std::vector<Member>{{"US2023000001B2", "US", "family_id", "2023-04-01"}}));
  EXPECT_TRUE(Bool(f["rules"]["overseas"]));
  EXPECT_EQ(Str(f["family_id"]), "FAM-D");
  // The US record is never its own member, and the JP utility model is no member of it.
  EXPECT_TRUE(OverseasOf(Show("US2023000001B2", kD3)).empty());
}

TEST_F(EvidenceTest, MaintainedGivesAnchorAndYearsKept) {
  struct Case {
    const char* id;
    const char* as_of;
    const char* anchor_date;
    const char* kept_after;
    int64_t years_kept;
    bool holds;
  };
  const std::vector<Case> cases{
      // C, filed 2012-02-29: +9 years = 2021-02-28 <= D1 < 2022-02-28 = +10 years.
      {"CN200000003B", kD1, "2012-02-29", "2022-02-28", 9, false},
      {"CN200000003B", kD2, "2012-02-29", "2022-02-28", 10, true},
      {"CN200000003B", kD3, "2012-02-29", "2022-02-28", 11, true},
      // C2, filed 2012-12-31: at D2 ten whole years are kept, but D2 is not after 2022-12-31.
      {"CN200000004B", kD1, "2012-12-31", "2022-12-31", 9, false},
      {"CN200000004B", kD2, "2012-12-31", "2022-12-31", 10, false},
      {"CN200000004B", kD3, "2012-12-31", "2022-12-31", 11, true},
      // E, filed 2002-06-30: long past the ten years, but not valid from D2 on.
      {"CN200000005B", kD1, "2002-06-30", "2012-06-30", 19, true},
      {"CN200000005B", kD2, "2002-06-30", "2012-06-30", 20, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.id) + " at " + c.as_of);
    Json p = Show(c.id, c.as_of);
    element m = p["evidence"]["maintained"];
    EXPECT_EQ(Str(m["anchor"]), "filing");
    EXPECT_EQ(Str(m["anchor_date"]), c.anchor_date);
    EXPECT_EQ(Int(m["years"]), 10);
    EXPECT_EQ(Str(m["kept_after"]), c.kept_after);
    EXPECT_EQ(Int(m["years_kept"]), c.years_kept);
    EXPECT_EQ(Bool(m["holds"]), c.holds);
    EXPECT_EQ(Bool(p["rules"]["maintained"]), c.holds);
  }
}

TEST_F(EvidenceTest, PledgeGivesTheLargestCountedAmount) {
  // D1: only the 2020 pledge is registered: 12,000,000 / 3 = 4,000,000 < 5,000,000.
  Json p1 = Show("CN200000006B", kD1);
  element e1 = p1["evidence"]["pledge"];
  EXPECT_DOUBLE_EQ(Num(e1["threshold_cny"]), 5000000);
  EXPECT_EQ(Str(e1["apportion"]), "share");
  EXPECT_EQ(Int(e1["registered_by_as_of"]), 1);
  element l1 = e1["largest"];
  EXPECT_EQ(Str(l1["date"]), "2020-05-01");
  EXPECT_DOUBLE_EQ(Num(l1["amount"]), 12000000);
  EXPECT_EQ(Int(l1["patents"]), 3);
  EXPECT_TRUE(l1["released"].is_null());
  EXPECT_DOUBLE_EQ(Num(l1["counted_amount"]), 4000000);
  EXPECT_FALSE(Bool(e1["holds"]));

  // D2: 15,000,000 / 3 = 5,000,000 (registered 2022-08-01) reaches the threshold; the
  // 4M share is not added to it. D3: the 2023 pledge (20M / 5 = 4M) is registered too, the
  // largest is unchanged, and its release in 2023 does not matter. The 90M pledge has no
  // date and never counts.
  for (auto [d, registered] : {std::pair{kD2, 2}, std::pair{kD3, 3}}) {
    SCOPED_TRACE(d);
    Json p = Show("CN200000006B", d);
    element e = p["evidence"]["pledge"];
    EXPECT_EQ(Int(e["registered_by_as_of"]), registered);
    element l = e["largest"];
    EXPECT_EQ(Str(l["date"]), "2022-08-01");  // given as 20220801
    EXPECT_DOUBLE_EQ(Num(l["amount"]), 15000000);
    EXPECT_EQ(Int(l["patents"]), 3);
    EXPECT_EQ(Str(l["released"]), "2023-03-01");
    EXPECT_DOUBLE_EQ(Num(l["counted_amount"]), 5000000);
    EXPECT_TRUE(Bool(e["holds"]));
    EXPECT_TRUE(Bool(p["rules"]["pledge"]));
  }

  // No pledge at all: largest is null.
  Json none = Show("CN200000001B", kD3);
  EXPECT_EQ(Int(none["evidence"]["pledge"]["registered_by_as_of"]), 0);
  EXPECT_TRUE(none["evidence"]["pledge"]["largest"].is_null());
  EXPECT_FALSE(Bool(none["evidence"]["pledge"]["holds"]));
}

using AwardRow = std::tuple<std::string, std::string, int64_t, std::string>;  // award level year source

std::vector<AwardRow> AwardsOf(const Json& p) {
  std::vector<AwardRow> out;
  for (element a : Arr(p["evidence"]["award"])) {
    out.emplace_back(Str(a["award"]), Str(a["level"]), Int(a["year"]), Str(a["source"]));
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(EvidenceTest, AwardNamesItsSource) {
  // W1: silver 2020 is never accepted; gold 2022 from year(D) = 2022; gold 2023 from 2023.
  EXPECT_TRUE(AwardsOf(Show("CN200000007B", kD1)).empty());
  EXPECT_EQ(AwardsOf(Show("CN200000007B", kD2)), (std::vector<AwardRow>{{"china_patent", "gold", 2022, "record"}}));
  EXPECT_EQ(AwardsOf(Show("CN200000007B", kD3)), (std::vector<AwardRow>{{"china_patent", "gold", 2022, "record"},
                                                                        {"china_patent", "gold", 2023, "record"}}));
  // W2: gold 2022 from golden_rules/awards.tsv.
  Json w2_1 = Show("CN100000005B", kD1);
  EXPECT_TRUE(AwardsOf(w2_1).empty());
  EXPECT_FALSE(Bool(w2_1["rules"]["award"]));
  Json w2_2 = Show("CN100000005B", kD2);
  EXPECT_EQ(AwardsOf(w2_2), (std::vector<AwardRow>{{"china_patent", "gold", 2022, "awards.tsv"}}));
  EXPECT_TRUE(Bool(w2_2["rules"]["award"]));
}

TEST_F(EvidenceTest, RegionFollowsTheFirstHolder) {
  Json g = Show("CN200000009B", kD3);
  element r = g["evidence"]["region"];
  EXPECT_EQ(Str(r["first_holder"]), "Globex Inc");
  EXPECT_EQ(Str(r["country"]), "US");
  EXPECT_TRUE(r["region"].is_null());  // the co-holder 乙大学 of 500117 gives none
  EXPECT_FALSE(Str(r["reason"]).empty());
  EXPECT_TRUE(g["region"].is_null());

  Json a = Show("CN200000001B", kD3);
  element ra = a["evidence"]["region"];
  EXPECT_EQ(Str(ra["first_holder"]), "甲公司");
  EXPECT_EQ(Str(ra["country"]), "CN");
  EXPECT_EQ(Str(ra["region"]), "500117");
  EXPECT_FALSE(Str(ra["reason"]).empty());
  EXPECT_NE(Str(ra["reason"]), Str(r["reason"]));
  EXPECT_EQ(Str(a["region"]), "500117");
}

TEST_F(EvidenceTest, EvidenceAgreesWithTheVerdict) {
  for (const char* id :
       {"CN200000001B", "CN200000002B", "CN200000003B", "CN200000004B", "CN200000005B", "CN200000006B", "CN200000007B",
        "CN100000005B", "CN200000008B", "CN200000009B", "US2023000001B2", "JP2021000001U"}) {
    for (const char* d : {kD1, kD2, kD3}) {
      SCOPED_TRACE(std::string(id) + " at " + d);
      Json p = Show(id, d);
      element e = p["evidence"];
      element rules = p["rules"];
      EXPECT_EQ(Bool(e["validity"]["valid"]), Bool(p["valid"]));
      EXPECT_EQ(Arr(e["sei"]).size() > 0, Bool(rules["sei"]));
      EXPECT_EQ(Arr(e["overseas"]).size() > 0, Bool(rules["overseas"]));
      EXPECT_EQ(Bool(e["maintained"]["holds"]), Bool(rules["maintained"]));
      EXPECT_EQ(Bool(e["pledge"]["holds"]), Bool(rules["pledge"]));
      EXPECT_EQ(Arr(e["award"]).size() > 0, Bool(rules["award"]));
    }
  }
}

}  // namespace
}  // namespace hvpat
