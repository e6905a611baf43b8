// The document renderers: one spelling per format. Tables round for reading (significant
// digits below 1), CSV and JSON carry the value unrounded and the as_of date.
#include "hvpat/report/document.h"

#include <gtest/gtest.h>

namespace hvpat::report {
namespace {

Document Sample() {
  Document d;
  d.columns = {{"name", Style::kText, ""},
               {"per_10k", Style::kRatio, ""},
               {"sei", Style::kNumber, "by_rule"},
               {"award", Style::kNumber, "by_rule"},
               {"met", Style::kText, ""}};
  d.rows.push_back({Cell::Text("合川区, \"新\""), Cell::Double(5.0 / 13'900'000 * 10000), Cell::Integer(3),
                    Cell::Null(), Cell::Bool(true)});
  d.rows.push_back({Cell::Text("x"), Cell::Double(0), Cell::Integer(0), Cell::Integer(1), Cell::Null()});
  d.as_of = "2025-12-31";
  return d;
}

TEST(DocumentTest, TableTellsSmallFiguresFromZero) {
  EXPECT_EQ(TableText(Cell::Double(5.0 / 13'900'000 * 10000), Style::kRatio), "0.00360");  // 0.0035971...
  EXPECT_EQ(TableText(Cell::Double(0.0500), Style::kRatio), "0.0500");
  EXPECT_EQ(TableText(Cell::Double(0), Style::kRatio), "0");
  EXPECT_EQ(TableText(Cell::Double(18.456), Style::kRatio), "18.46");
  EXPECT_EQ(TableText(Cell::Double(1234567.891), Style::kAmount), "1,234,567.89");
  EXPECT_EQ(TableText(Cell::Double(0.2154), Style::kPercent), "21.5%");
  EXPECT_EQ(TableText(Cell::Double(2e9), Style::kNumber), "2000000000");
  EXPECT_EQ(TableText(Cell::Null(), Style::kNumber), "-");
}

TEST(DocumentTest, JsonIsUnroundedNestsGroupsAndAddsAsOf) {
  EXPECT_EQ(
      Render(Sample(), Format::kJson),
      "[{\"name\":\"合川区, \\\"新\\\"\",\"per_10k\":0.0035971223021582736,\"by_rule\":{\"sei\":3,\"award\":null},"
      "\"met\":true,\"as_of\":\"2025-12-31\"},"
      "{\"name\":\"x\",\"per_10k\":0,\"by_rule\":{\"sei\":0,\"award\":1},\"met\":null,\"as_of\":\"2025-12-31\"}]\n");
  Document single = Sample();
  single.single = true;
  EXPECT_EQ(Render(single, Format::kJson).substr(0, 9), "{\"name\":\"");
}

TEST(DocumentTest, CsvQuotesAndCarriesAsOfAndOptionalBom) {
  const std::string csv = Render(Sample(), Format::kCsv);
  EXPECT_EQ(csv,
            "name,per_10k,by_rule.sei,by_rule.award,met,as_of\n"
            "\"合川区, \"\"新\"\"\",0.0035971223021582736,3,,true,2025-12-31\n"
            "x,0,0,1,,2025-12-31\n");
  EXPECT_EQ(Render(Sample(), Format::kCsv, {.bom = true}), "\xEF\xBB\xBF" + csv);
}

// Worked out by hand: widths name 12 (合川区 is six columns, `, "新"` four more), per_10k 7,
// sei 3, award 5, met 3; text left, numbers right, two spaces between, trailing blanks cut.
TEST(DocumentTest, TableAlignsNumbersRight) {
  const std::string sp2 = "  ";
  const std::string want = "name" + std::string(8, ' ') + sp2 + "per_10k" + sp2 + "sei" + sp2 + "award" + sp2 +
                           "met\n" + std::string(38, '-') + "\n" + "合川区, \"新\"" + sp2 + "0.00360" + sp2 + "  3" +
                           sp2 + "    -" + sp2 + "yes\n" + "x" + std::string(11, ' ') + sp2 + "      0" + sp2 + "  0" +
                           sp2 + "    1" + sp2 + "-\n";
  EXPECT_EQ(Render(Sample(), Format::kTable), want);
}

}  // namespace
}  // namespace hvpat::report
