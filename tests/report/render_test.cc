// The grid renderers of include/hvpat/report/render.h: padded tables (text columns
// left-aligned, the rest right-aligned, CJK counted two columns wide, no trailing
// blanks), CSV quoting by RFC 4180, and the holders and region-count outputs in each
// format (JSON fields as spec/cli.md names them). Every expected text is worked out by
// hand, column widths included.
#include "hvpat/report/render.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hvpat::report {
namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string Spaces(size_t n) { return std::string(n, ' '); }

base::Date D(const char* iso) { return *base::Date::ParseIso(iso); }

TEST(FormatTest, NamesAreTheSpecsThree) {
  EXPECT_EQ(FormatFromName("table"), Format::kTable);
  EXPECT_EQ(FormatFromName("csv"), Format::kCsv);
  EXPECT_EQ(FormatFromName("json"), Format::kJson);
  EXPECT_FALSE(FormatFromName("JSON").has_value());
  EXPECT_FALSE(FormatFromName("").has_value());
  EXPECT_FALSE(FormatFromName("html").has_value());  // a report page, not a --format of these
}

TEST(DisplayWidthTest, AsciiIsOneColumnACharacter) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("Acme \"Q\", Inc."), 14u);
}

TEST(DisplayWidthTest, CjkAndFullWidthTakeTwoColumns) {
  EXPECT_EQ(DisplayWidth("合川区"), 6u);                 // three CJK ideographs, nine bytes
  EXPECT_EQ(DisplayWidth("重庆示例科技有限公司"), 20u);  // ten
  EXPECT_EQ(DisplayWidth("A股"), 3u);
  EXPECT_EQ(DisplayWidth("（１２）"), 8u);          // full-width parentheses and digits U+FF08 U+FF11
  EXPECT_EQ(DisplayWidth("カタカナ"), 8u);          // katakana
  EXPECT_EQ(DisplayWidth("삼성전자"), 8u);          // Hangul syllables
  EXPECT_EQ(DisplayWidth("\xF0\xA0\x80\x80"), 2u);  // U+20000, CJK extension B, four bytes
}

TEST(DisplayWidthTest, TwoByteLettersAreOneColumn) {
  EXPECT_EQ(DisplayWidth("caf\xC3\xA9"), 4u);  // é
  EXPECT_EQ(DisplayWidth("Москва"), 6u);       // Cyrillic
  EXPECT_EQ(DisplayWidth("Zürich AG"), 9u);
}

// Two columns for wide and full-width characters only; other letters
// and the half-width katakana forms (U+FF61..U+FF9F) take one column in a terminal.
TEST(DisplayWidthTest, NarrowThreeByteCharactersAreOneColumn) {
  // "Viễn thông": ễ is U+1EC5 (Latin Extended Additional), three bytes E1 BB 85.
  // Half-width katakana ｶﾀｶﾅ: U+FF76 U+FF80 U+FF76 U+FF85, three bytes each.
  EXPECT_EQ(DisplayWidth("Vi\xE1\xBB\x85n"), 4u);
  EXPECT_EQ(DisplayWidth("\uFF76\uFF80\uFF76\uFF85"), 4u);
  EXPECT_EQ(DisplayWidth("Vi\xE1\xBB\x85n th\xC3\xB4ng"), 10u);
}

// header: region (6) name (4) n (1); cells widen name to 6 (合川区) and n to 2 ("12").
TEST(RenderGridTest, TablePadsToTheWidestCellAndAlignsNumbersRight) {
  const std::string table =
      RenderGrid({"region", "name", "n"}, Rows{{"500117", "合川区", "12"}, {"5", "x", "3"}}, 2, Format::kTable);
  const std::string want = "region  name" + Spaces(2 + 2 + 1) + "n\n" +  // name padded to 6, n to 2
                           std::string(6 + 2 + 6 + 2 + 2, '-') + "\n" +  // 18 dashes
                           "500117  合川区  12\n" +                      // CJK: 6 columns, no padding
                           "5" + Spaces(5 + 2) + "x" + Spaces(5 + 2 + 1) + "3\n";
  EXPECT_EQ(table, want);
}

TEST(RenderGridTest, TableDropsTrailingBlanksOfALeftAlignedLastColumn) {
  const std::string table = RenderGrid({"a", "long name"}, Rows{{"1", "x"}, {"22", "甲"}}, 2, Format::kTable);
  // widths 2 and 9; "x" and "甲" would be padded to 9, but a line never ends in blanks.
  EXPECT_EQ(table, "a   long name\n" + std::string(2 + 2 + 9, '-') + "\n1   x\n22  甲\n");
}

TEST(RenderGridTest, TableOfNoRowsIsHeaderAndRule) {
  EXPECT_EQ(RenderGrid({"rank", "holder"}, {}, 2, Format::kTable), "rank  holder\n" + std::string(12, '-') + "\n");
}

TEST(RenderGridTest, CsvQuotesOnlyFieldsThatNeedIt) {
  const std::string csv = RenderGrid(
      {"name", "note"},
      Rows{{"合川区", "plain"}, {"a,b", "say \"hi\""}, {"two\nlines", "cr\r"}, {" leading blank", ""}, {"\"", "x"}}, 1,
      Format::kCsv);
  EXPECT_EQ(csv,
            "name,note\n"
            "合川区,plain\n"
            "\"a,b\",\"say \"\"hi\"\"\"\n"
            "\"two\nlines\",\"cr\r\"\n"
            " leading blank,\n"
            "\"\"\"\",x\n");
}

std::vector<query::HolderRow> TwoHolders() {
  query::HolderRow first;
  first.holder = "甲公司";
  first.high_value = 2;
  first.valid_inventions = 3;
  query::HolderRow second;
  second.holder = "Acme \"Q\", Inc.";
  second.high_value = 1;
  second.valid_inventions = 1;
  return {first, second};
}

TEST(RenderHoldersTest, JsonIsTheSpecsArray) {
  EXPECT_EQ(RenderHolders(TwoHolders(), Format::kJson),
            "[{\"holder\":\"甲公司\",\"high_value\":2,\"valid_inventions\":3},"
            "{\"holder\":\"Acme \\\"Q\\\", Inc.\",\"high_value\":1,\"valid_inventions\":1}]\n");
  EXPECT_EQ(RenderHolders({}, Format::kJson), "[]\n");
}

TEST(RenderHoldersTest, JsonWithTheDateAddsRankAndAsOf) {
  EXPECT_EQ(RenderHolders(TwoHolders(), Format::kJson, D("2023-12-31")),
            "[{\"holder\":\"甲公司\",\"high_value\":2,\"valid_inventions\":3,\"rank\":1,\"as_of\":\"2023-12-31\"},"
            "{\"holder\":\"Acme \\\"Q\\\", Inc.\",\"high_value\":1,\"valid_inventions\":1,\"rank\":2,"
            "\"as_of\":\"2023-12-31\"}]\n");
}

TEST(RenderHoldersTest, CsvRanksAndQuotes) {
  EXPECT_EQ(RenderHolders(TwoHolders(), Format::kCsv),
            "rank,holder,high_value,valid_inventions\n"
            "1,甲公司,2,3\n"
            "2,\"Acme \"\"Q\"\", Inc.\",1,1\n");
  EXPECT_EQ(RenderHolders(TwoHolders(), Format::kCsv, D("2023-12-31")),
            "rank,holder,high_value,valid_inventions,as_of\n"
            "1,甲公司,2,3,2023-12-31\n"
            "2,\"Acme \"\"Q\"\", Inc.\",1,1,2023-12-31\n");
}

// Widths: rank 4, holder 14 (the Acme name; 甲公司 is 6), high_value 10, valid_inventions 16.
TEST(RenderHoldersTest, TableAlignsRankAndHolderLeftAndFiguresRight) {
  const std::string body = "rank  holder" + Spaces(8 + 2) + "high_value  valid_inventions\n" +
                           std::string(4 + 2 + 14 + 2 + 10 + 2 + 16, '-') + "\n" +                              //
                           "1" + Spaces(3 + 2) + "甲公司" + Spaces(8 + 2 + 9) + "2" + Spaces(2 + 15) + "3\n" +  //
                           "2" + Spaces(3 + 2) + "Acme \"Q\", Inc." + Spaces(2 + 9) + "1" + Spaces(2 + 15) + "1\n";
  EXPECT_EQ(RenderHolders(TwoHolders(), Format::kTable), body);
  EXPECT_EQ(RenderHolders(TwoHolders(), Format::kTable, D("2023-12-31")), "as of 2023-12-31\n" + body);
}

// A county with a population of 20,000 (so that the quotients are exact: 2 * 10000 /
// 20000 = 1 and 3 * 10000 / 20000 = 1.5) and the nation, of unknown population.
query::CountResult County() {
  query::CountResult r;
  r.region = "500117";
  r.name = "合川区";
  r.as_of = D("2023-12-31");
  r.counts.valid = 3;
  r.counts.high_value = 2;
  r.counts.by_rule = {1, 1, 0, 7, 0};
  r.enabled = {true, true, true, true, true};
  r.population = 20000;
  return r;
}

query::CountResult Nation() {
  query::CountResult r;
  r.name = "全国";
  r.as_of = D("2023-12-31");
  r.counts.valid = 10;
  r.counts.high_value = 4;
  r.counts.by_rule = {2, 1, 1, 0, 1};
  r.enabled = {true, true, true, true, true};
  return r;
}

const char* const kCountyJson =
    "{\"region\":\"500117\",\"name\":\"合川区\",\"as_of\":\"2023-12-31\",\"valid_inventions\":3,\"high_value\":2,"
    "\"by_rule\":{\"sei\":1,\"overseas\":1,\"maintained\":0,\"pledge\":7,\"award\":0},\"population\":20000,"
    "\"high_value_per_10k\":1,\"population_year\":null,\"valid_per_10k\":1.5}";
const char* const kNationJson =
    "{\"region\":null,\"name\":\"全国\",\"as_of\":\"2023-12-31\",\"valid_inventions\":10,\"high_value\":4,"
    "\"by_rule\":{\"sei\":2,\"overseas\":1,\"maintained\":1,\"pledge\":0,\"award\":1},\"population\":null,"
    "\"high_value_per_10k\":null,\"population_year\":null,\"valid_per_10k\":null}";

TEST(RenderCountTest, JsonHasTheSpecsFields) {
  EXPECT_EQ(RenderCount(County(), Format::kJson), std::string(kCountyJson) + "\n");
  EXPECT_EQ(RenderCount(Nation(), Format::kJson), std::string(kNationJson) + "\n");
}

TEST(RenderCountTest, ADisabledRuleIsNullInJson) {
  query::CountResult r = County();
  r.enabled[3] = false;  // pledge: its counter of 7 is not shown
  const std::string json = RenderCount(r, Format::kJson);
  EXPECT_NE(json.find("\"by_rule\":{\"sei\":1,\"overseas\":1,\"maintained\":0,\"pledge\":null,\"award\":0}"),
            std::string::npos)
      << json;
}

TEST(RenderCountTest, RegionTableJsonIsAnArrayOfCounts) {
  EXPECT_EQ(RenderCountTable({Nation(), County()}, Format::kJson),
            "[" + std::string(kNationJson) + "," + kCountyJson + "]\n");
  EXPECT_EQ(RenderCountTable({}, Format::kJson), "[]\n");
}

const char* const kCountHeader =
    "region,name,valid_inventions,high_value,sei,overseas,maintained,pledge,award,population,high_value_per_10k,"
    "population_year,valid_per_10k";

TEST(RenderCountTest, RegionTableCsvIsUnroundedWithEmptyUnknowns) {
  EXPECT_EQ(RenderCountTable({Nation(), County()}, Format::kCsv), std::string(kCountHeader) +
                                                                      "\n"
                                                                      ",全国,10,4,2,1,1,0,1,,,,\n"
                                                                      "500117,合川区,3,2,1,1,0,7,0,20000,1,,1.5\n");
}

TEST(RenderCountTest, RegionTableHasATitleWithTheDate) {
  const std::string table = RenderCountTable({Nation(), County()}, Format::kTable);
  EXPECT_EQ(table.substr(0, table.find('\n') + 1), "as of 2023-12-31\n");
  // Tables show ratios of at least 1 with two decimals.
  EXPECT_NE(table.find(" 1.00  "), std::string::npos) << table;
  EXPECT_EQ(table.substr(table.size() - 6), " 1.50\n") << table;  // valid_per_10k, the last column
}

TEST(RenderCountTest, SeriesPutsTheDateFirst) {
  query::CountResult later = County();
  later.as_of = D("2024-12-31");
  later.counts.high_value = 3;
  EXPECT_EQ(RenderCountSeries({County(), later}, Format::kCsv),
            "as_of," + std::string(kCountHeader) +
                "\n"
                "2023-12-31,500117,合川区,3,2,1,1,0,7,0,20000,1,,1.5\n"
                "2024-12-31,500117,合川区,3,3,1,1,0,7,0,20000,1.5,,1.5\n");
}

}  // namespace
}  // namespace hvpat::report
