// hvpat export (issue #12 item 7): every indexed patent with its verdicts at D. Checked by
// round trip: the per-region valid and high-value counts computed from the export equal
// `count --format json` for the nation and several regions, on the golden data (where the
// figures are also worked out by hand, see golden_test.cc) and on a generated dump; the
// CSV parses, with a header, to the same records as the NDJSON.
#include "hvpat/query/export.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "support/cli_runner.h"

namespace hvpat {
namespace {

using testing::Json;
using testing::RunCli;
using testing::TempDir;

const std::string kGolden = std::string(HVPAT_TEST_DATA_DIR) + "/golden.ndjson";
const std::string kGoldenRules = std::string(HVPAT_TEST_DATA_DIR) + "/golden_rules";

// RFC 4180: fields separated by commas, quoted when they hold a comma, quote or newline.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"', ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field)), field.clear();
    } else if (c == '\n') {
      rows.back().push_back(std::move(field)), field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  EXPECT_TRUE(rows.back().empty() && field.empty()) << "last line has no newline";
  rows.pop_back();
  return rows;
}

// One exported patent, as read back from either format.
struct Row {
  std::string id;
  std::string region;  // "" when null
  bool domestic = false;
  bool valid = false;
  bool high_value = false;
  std::string as_of;
  friend bool operator==(const Row&, const Row&) = default;
};

std::vector<Row> RowsOfNdjson(const std::string& text) {
  std::vector<Row> rows;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    Json json(line);
    EXPECT_TRUE(json.ok()) << line;
    if (!json.ok()) continue;
    Row row;
    row.id = std::string(std::string_view(json["id"]));
    if (!json["region"].is_null()) row.region = std::string(std::string_view(json["region"]));
    row.domestic = bool(json["domestic"]);
    row.valid = bool(json["valid"]);
    row.high_value = bool(json["high_value"]);
    row.as_of = std::string(std::string_view(json["as_of"]));
    rows.push_back(row);
  }
  return rows;
}

std::vector<Row> RowsOfCsv(const std::string& text) {
  auto cells = ParseCsv(text);
  EXPECT_FALSE(cells.empty());
  const std::vector<std::string> header{"id",         "office",         "type",  "region",     "domestic", "holders",
                                        "industries", "industry_codes", "valid", "high_value", "sei",      "overseas",
                                        "maintained", "pledge",         "award", "as_of"};
  EXPECT_EQ(cells.front(), header);
  std::vector<Row> rows;
  for (size_t i = 1; i < cells.size(); ++i) {
    const auto& c = cells[i];
    EXPECT_EQ(c.size(), header.size()) << "line " << i + 1;
    if (c.size() != header.size()) continue;
    rows.push_back({c[0], c[3], c[4] == "true", c[8] == "true", c[9] == "true", c[15]});
  }
  return rows;
}

// `count`'s figures from the export: a patent counts for a region when its first holder is
// domestic and its region lies in the region's subtree (rules.md), for the nation when
// its first holder is domestic.
std::pair<uint64_t, uint64_t> Tally(const std::vector<Row>& rows, const std::optional<std::string>& region) {
  uint64_t valid = 0, high = 0;
  for (const auto& r : rows) {
    if (!r.domestic) continue;
    if (region) {
      const std::string& code = *region;
      size_t digits = code.ends_with("0000") ? 2 : code.ends_with("00") ? 4 : 6;
      if (r.region.size() != 6 || r.region.compare(0, digits, code, 0, digits) != 0) continue;
    }
    valid += r.valid;
    high += r.high_value;
  }
  return {valid, high};
}

class ExportTest : public ::testing::Test {
 protected:
  std::string Run(const std::vector<std::string>& args) {
    auto result = RunCli(args);
    EXPECT_EQ(result.status, 0) << result.err;
    return result.out;
  }
  std::pair<uint64_t, uint64_t> Count(const std::optional<std::string>& region, const std::string& as_of) {
    std::vector<std::string> args{"count", "--db", db_, "--format", "json", "--as-of", as_of};
    if (region) args.insert(args.end(), {"--region", *region});
    Json json(Run(args));
    EXPECT_TRUE(json.ok());
    return {uint64_t(json["valid_inventions"]), uint64_t(json["high_value"])};
  }
  void ExpectRoundTrip(const std::vector<Row>& rows, const std::vector<std::optional<std::string>>& regions) {
    for (const auto& region : regions) {
      EXPECT_EQ(Tally(rows, region), Count(region, rows.at(0).as_of)) << region.value_or("nation");
    }
  }
  TempDir dir_;
  std::string db_ = dir_ / "db";
};

TEST_F(ExportTest, GoldenCountsMatchCountAndTheHandWorkedFigures) {
  ASSERT_EQ(RunCli({"ingest", "--db", db_, "--rules", kGoldenRules, "--as-of", "2023-12-31", kGolden}).status, 1);
  auto rows = RowsOfNdjson(Run({"export", "--db", db_}));
  // 14 records indexed: CN..01B-13B (08B once, replaced) and US2000000001B2.
  ASSERT_EQ(rows.size(), 14u);
  for (const auto& r : rows) EXPECT_EQ(r.as_of, "2023-12-31");
  // Hand-worked (golden_test.cc): domestic valid 01 02 03 05 06 09 13, high-value 01 02 03 05 09;
  // 500000: 01 02 05 06 valid, 01 02 05 high; 500117: 01 02 06 valid, 01 02 high.
  EXPECT_EQ(Tally(rows, std::nullopt), std::make_pair(uint64_t{7}, uint64_t{5}));
  EXPECT_EQ(Tally(rows, "500000"), std::make_pair(uint64_t{4}, uint64_t{3}));
  EXPECT_EQ(Tally(rows, "500117"), std::make_pair(uint64_t{3}, uint64_t{2}));
  ExpectRoundTrip(rows, {std::nullopt, "500000", "500100", "500117", "510000", "510104", "110000"});
  // CN..07B: valid and high-value, first holder foreign: region null, not domestic.
  auto foreign = std::find_if(rows.begin(), rows.end(), [](const Row& r) { return r.id == "CN100000007B"; });
  ASSERT_NE(foreign, rows.end());
  EXPECT_TRUE(foreign->valid && foreign->high_value && !foreign->domestic && foreign->region.empty());
  EXPECT_EQ(RowsOfCsv(Run({"export", "--db", db_, "--format", "csv"})), rows);
}

TEST_F(ExportTest, GoldenRecordCarriesRulesIndustriesAndHolders) {
  ASSERT_EQ(RunCli({"ingest", "--db", db_, "--rules", kGoldenRules, "--as-of", "2023-12-31", kGolden}).status, 1);
  std::istringstream lines(Run({"export", "--db", db_, "--region", "500117"}));
  std::string line;
  std::getline(lines, line);  // ids ascending: CN100000001B first
  Json json(line);
  ASSERT_TRUE(json.ok()) << line;
  EXPECT_EQ(std::string_view(json["id"]), "CN100000001B");
  EXPECT_EQ(std::string_view(json["region"]), "500117");
  EXPECT_EQ(std::string_view(json["office"]), "CN");
  EXPECT_EQ(std::string_view(json["type"]), "invention");
  EXPECT_EQ(std::string_view(json["holders"].at(0)), "甲公司");
  // sei via 4.2 and maintained; no family, pledge or award (golden_test.cc).
  EXPECT_EQ(std::string_view(json["industries"].at(0)), "4");
  EXPECT_EQ(std::string_view(json["industry_codes"].at(0)), "4.2");
  EXPECT_TRUE(bool(json["rules"]["sei"]));
  EXPECT_FALSE(bool(json["rules"]["overseas"]));
  EXPECT_TRUE(bool(json["rules"]["maintained"]));
  EXPECT_FALSE(bool(json["rules"]["pledge"]));
  EXPECT_FALSE(bool(json["rules"]["award"]));
}

TEST_F(ExportTest, GeneratedCountsMatchCountForTheNationAndRegions) {
  const std::string dump = dir_ / "dump.jsonl";
  Run({"generate", "--records", "4000", "--seed", "12", "--rules", HVPAT_SOURCE_RULES_DIR, "--output", dump});
  RunCli({"ingest", "--db", db_, "--rules", HVPAT_SOURCE_RULES_DIR, "--as-of", "2024-12-31,2025-12-31", dump});
  for (std::string as_of : {"2024-12-31", "2025-12-31"}) {
    auto rows = RowsOfNdjson(Run({"export", "--db", db_, "--as-of", as_of}));
    ASSERT_GT(rows.size(), 3000u);
    // The commonest province, city and county of the dump, and the nation.
    std::map<std::string, int> seen;
    for (const auto& r : rows) {
      if (r.region.size() != 6) continue;
      ++seen[r.region.substr(0, 2) + "0000"], ++seen[r.region.substr(0, 4) + "00"], ++seen[r.region];
    }
    std::vector<std::pair<int, std::string>> by_size;
    for (const auto& [code, n] : seen) by_size.emplace_back(-n, code);
    std::sort(by_size.begin(), by_size.end());
    std::vector<std::optional<std::string>> regions{std::nullopt};
    for (size_t i = 0; i < by_size.size() && i < 6; ++i) regions.push_back(by_size[i].second);
    regions.push_back(by_size.back().second);
    ExpectRoundTrip(rows, regions);
    EXPECT_EQ(RowsOfCsv(Run({"export", "--db", db_, "--as-of", as_of, "--format", "csv"})), rows);
    auto region_rows = RowsOfNdjson(Run({"export", "--db", db_, "--as-of", as_of, "--region", *regions[1]}));
    EXPECT_EQ(region_rows.size(), static_cast<size_t>(-by_size[0].first));
  }
}

TEST_F(ExportTest, RejectsAnUnknownFormat) {
  ASSERT_EQ(RunCli({"ingest", "--db", db_, "--rules", kGoldenRules, "--as-of", "2023-12-31", kGolden}).status, 1);
  auto result = RunCli({"export", "--db", db_, "--format", "xml"});
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err, "hvpat export: --format: 'xml' is not one of ndjson, csv\n");
}

}  // namespace
}  // namespace hvpat
