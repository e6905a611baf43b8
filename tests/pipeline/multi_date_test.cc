// One ingest at several statistics dates answers, for each date, exactly as a separate
// ingest at that date alone (spec/rules.md: everything is evaluated as of D; the same
// dump at different dates gives the counts as they stood on those dates). The dump is
// generated (3,000 records, seed 11, the shipped rules/), so every rule, family links
// through family_id, duplicates and quarantined lines take part.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "hvpat/gen/generator.h"
#include "hvpat/rules/rule_set.h"
#include "support/cli_runner.h"

namespace hvpat {
namespace {

using simdjson::dom::element;
using testing::CliResult;
using testing::Json;
using testing::RunCli;
using testing::TempDir;

const std::string kRules = HVPAT_SOURCE_RULES_DIR;
const std::vector<std::string> kDates{"2019-12-31", "2022-06-30", "2025-12-31"};

// Provinces, prefecture-level cities and counties that first holders of the seed-11 dump
// belong to (the first three provinces and cities hold the most patents), plus one code
// of no region of the dump.
const std::vector<std::string> kRegions{"140000", "410000", "440000", "330000", "330400", "431200",
                                        "140600", "410804", "210204", "640121", "120000"};

std::string Str(element e) { return std::string(e.get_string().value()); }
int64_t Int(element e) { return e.get_int64().value(); }
// By value, so that a range-for over it keeps it alive.
simdjson::dom::array Arr(element e) { return e.get_array().value(); }

struct Databases {
  TempDir dir;
  std::string dump = dir / "dump.ndjson";
  std::vector<std::string> ids;  // every 60th line's id
  std::string multi = dir / "multi";
  CliResult multi_ingest;
  std::vector<std::string> single;  // one per date
  std::vector<CliResult> single_ingest;

  Databases() {
    gen::GenerateOptions options;
    options.records = 3000;
    options.seed = 11;
    {
      std::ofstream out(dump, std::ios::binary);
      gen::Generate(options, rules::LoadRuleSet(kRules), out);
    }
    std::ifstream in(dump, std::ios::binary);
    std::string line;
    const std::regex id(R"(^\{"id":"([^"]+)\")");
    for (size_t n = 0; std::getline(in, line); ++n) {
      std::smatch m;
      if (n % 60 == 0 && std::regex_search(line, m, id)) ids.push_back(m[1]);
    }
    std::string all = kDates[0] + "," + kDates[1] + "," + kDates[2];
    multi_ingest = RunCli(
        {"ingest", "--db", multi, "--rules", kRules, "--as-of", all, "--threads", "2", "--format", "json", dump});
    for (size_t i = 0; i < kDates.size(); ++i) {
      single.push_back(dir / ("single" + std::to_string(i)));
      single_ingest.push_back(RunCli({"ingest", "--db", single.back(), "--rules", kRules, "--as-of", kDates[i],
                                      "--threads", "1", "--format", "json", dump}));
    }
  }
};

const Databases& Dbs() {
  static const Databases dbs;
  return dbs;
}

class MultiDateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The generated dump has deliberately invalid lines: exit 1.
    ASSERT_EQ(Dbs().multi_ingest.status, 1) << Dbs().multi_ingest.err;
    for (const auto& s : Dbs().single_ingest) ASSERT_EQ(s.status, 1) << s.err;
  }
  // `command --db DB --format json args...` with `--as-of` when given; its whole result.
  static CliResult Query(const std::string& db, const std::string& command, std::vector<std::string> args,
                         const std::string& as_of = "") {
    std::vector<std::string> full{command, "--db", db, "--format", "json"};
    if (!as_of.empty()) full.insert(full.end(), {"--as-of", as_of});
    full.insert(full.end(), args.begin(), args.end());
    return RunCli(full);
  }
};

TEST_F(MultiDateTest, SummaryFiguresPerDateMatchSingleRuns) {
  Json multi(Dbs().multi_ingest.out);
  ASSERT_TRUE(multi.ok()) << Dbs().multi_ingest.out;
  auto dates = Arr(multi["dates"]);
  ASSERT_EQ(dates.size(), kDates.size());
  EXPECT_EQ(Str(multi["as_of"]), kDates.back());
  std::set<int64_t> high_values;
  for (size_t i = 0; i < kDates.size(); ++i) {
    SCOPED_TRACE(kDates[i]);
    Json single(Dbs().single_ingest[i].out);
    ASSERT_TRUE(single.ok()) << Dbs().single_ingest[i].out;
    EXPECT_EQ(Str(single["as_of"]), kDates[i]);
    for (const char* field : {"lines_read", "indexed", "quarantined", "duplicates_replaced", "bytes_read"}) {
      EXPECT_EQ(Int(multi[field]), Int(single[field])) << field;
    }
    element d = dates.at(i).value();
    EXPECT_EQ(Str(d["as_of"]), kDates[i]);
    for (const char* field : {"valid_inventions", "high_value", "valid_inventions_domestic", "high_value_domestic"}) {
      EXPECT_EQ(Int(d[field]), Int(single[field])) << field;
    }
    // A single-date run lists its one date.
    auto own = Arr(single["dates"]);
    ASSERT_EQ(own.size(), 1u);
    EXPECT_EQ(Int(own.at(0)["high_value"]), Int(single["high_value"]));
    high_values.insert(Int(single["high_value"]));
  }
  EXPECT_EQ(high_values.size(), kDates.size()) << "the dates should give different figures";
  for (const char* field : {"valid_inventions", "high_value", "valid_inventions_domestic", "high_value_domestic"}) {
    EXPECT_EQ(Int(multi[field]), Int(Json(Dbs().single_ingest.back().out)[field])) << field;
  }
}

TEST_F(MultiDateTest, CountsAreThoseOfSingleRuns) {
  std::vector<std::string> scopes{""};
  scopes.insert(scopes.end(), kRegions.begin(), kRegions.end());
  std::set<std::string> national;
  int64_t regions_with_patents = 0;
  for (size_t i = 0; i < kDates.size(); ++i) {
    for (const auto& region : scopes) {
      SCOPED_TRACE(kDates[i] + " region " + region);
      std::vector<std::string> args;
      if (!region.empty()) args = {"--region", region};
      CliResult multi = Query(Dbs().multi, "count", args, kDates[i]);
      CliResult single = Query(Dbs().single[i], "count", args);
      ASSERT_EQ(multi.status, 0) << multi.err;
      ASSERT_EQ(single.status, 0) << single.err;
      EXPECT_EQ(multi.out, single.out);
      if (region.empty()) national.insert(multi.out);
      if (!region.empty() && Int(Json(multi.out)["valid_inventions"]) > 0) ++regions_with_patents;
    }
    // The region report too: the nation and its provinces, and one province's cities.
    for (std::vector<std::string> args : {std::vector<std::string>{}, std::vector<std::string>{"--region", "330000"}}) {
      CliResult multi = Query(Dbs().multi, "report", args, kDates[i]);
      CliResult single = Query(Dbs().single[i], "report", args);
      ASSERT_EQ(multi.status, 0) << multi.err;
      EXPECT_EQ(multi.out, single.out) << kDates[i];
    }
  }
  EXPECT_EQ(national.size(), kDates.size()) << "the dates should give different counts";
  EXPECT_GE(regions_with_patents, 25) << "most of the chosen regions should hold patents at each date";
}

TEST_F(MultiDateTest, SeriesIsTheSingleRunsInDateOrder) {
  for (const std::string region : {"", "330000"}) {
    SCOPED_TRACE(region);
    std::vector<std::string> args{"--series"};
    if (!region.empty()) args.insert(args.end(), {"--region", region});
    CliResult series = Query(Dbs().multi, "count", args);
    ASSERT_EQ(series.status, 0) << series.err;
    Json s(series.out);
    ASSERT_TRUE(s.ok()) << series.out;
    auto rows = Arr(s.root());
    ASSERT_EQ(rows.size(), kDates.size());
    for (size_t i = 0; i < kDates.size(); ++i) {
      std::vector<std::string> one;
      if (!region.empty()) one = {"--region", region};
      Json single(Query(Dbs().single[i], "count", one).out);
      ASSERT_TRUE(single.ok());
      EXPECT_EQ(simdjson::minify(rows.at(i).value()), simdjson::minify(single.root())) << kDates[i];
    }
  }
}

TEST_F(MultiDateTest, HolderRankingsAreThoseOfSingleRuns) {
  for (size_t i = 0; i < kDates.size(); ++i) {
    for (const std::string region : {"", "140000", "330400", "410804"}) {
      SCOPED_TRACE(kDates[i] + " region " + region);
      std::vector<std::string> args{"--top", "20"};
      if (!region.empty()) args.insert(args.end(), {"--region", region});
      CliResult multi = Query(Dbs().multi, "holders", args, kDates[i]);
      CliResult single = Query(Dbs().single[i], "holders", args);
      ASSERT_EQ(multi.status, 0) << multi.err;
      ASSERT_EQ(single.status, 0) << single.err;
      EXPECT_EQ(multi.out, single.out);
      if (region.empty()) {
        Json ranking(multi.out);
        EXPECT_EQ(Arr(ranking.root()).size(), 20u);
      }
    }
  }
}

TEST_F(MultiDateTest, ShowVerdictsAreThoseOfSingleRuns) {
  const auto& ids = Dbs().ids;
  ASSERT_GE(ids.size(), 45u);
  size_t shown = 0, changing = 0;
  for (const auto& id : ids) {
    std::set<std::string> verdicts;
    for (size_t i = 0; i < kDates.size(); ++i) {
      SCOPED_TRACE(id + " at " + kDates[i]);
      CliResult multi = Query(Dbs().multi, "show", {id}, kDates[i]);
      CliResult single = Query(Dbs().single[i], "show", {id});
      ASSERT_EQ(multi.status, single.status) << multi.err << single.err;  // 3 for a quarantined line's id
      if (multi.status != 0) continue;
      ++shown;
      Json m(multi.out), s(single.out);
      ASSERT_TRUE(m.ok() && s.ok()) << multi.out << single.out;
      EXPECT_EQ(Str(m["as_of"]), kDates[i]);
      EXPECT_EQ(m["valid"].get_bool().value(), s["valid"].get_bool().value());
      EXPECT_EQ(m["high_value"].get_bool().value(), s["high_value"].get_bool().value());
      EXPECT_EQ(simdjson::minify(m["rules"]), simdjson::minify(s["rules"]));
      EXPECT_EQ(simdjson::minify(m["industries"]), simdjson::minify(s["industries"]));
      // The evidence, and everything else shown, is the same too.
      EXPECT_EQ(multi.out, single.out);
      verdicts.insert(simdjson::minify(m["valid"]) + simdjson::minify(m["high_value"]) + simdjson::minify(m["rules"]));
    }
    changing += verdicts.size() > 1;
  }
  EXPECT_GE(shown, 3 * 45u);
  EXPECT_GE(changing, 5u) << "some of the shown patents should change verdict between the dates";
}

}  // namespace
}  // namespace hvpat
