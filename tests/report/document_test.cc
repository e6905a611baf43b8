// The document renderers: one spelling per format. Tables round for reading (significant
// digits below 1), CSV and JSON carry the value unrounded and the as_of date; each format
// shows the columns its order lists; a one-record document is listed field by field.
#include "hvpat/report/document.h"

#include <gtest/gtest.h>

#include <memory>

#include "hvpat/base/error.h"

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

std::string Spaces(size_t n) { return std::string(n, ' '); }

// Holders as spec/cli.md orders them in JSON (holder first), rank first in tables and CSV.
Document Ranking() {
  Document d;
  d.columns = {{"rank", Style::kText, ""}, {"holder", Style::kText, ""}, {"high_value", Style::kNumber, ""}};
  d.rows = {{Cell::Integer(1), Cell::Text("甲公司"), Cell::Integer(12)},
            {Cell::Integer(2), Cell::Text("Acme"), Cell::Integer(3)}};
  d.json_columns = {1, 2, 0};
  return d;
}

// Widths: rank 4, holder 6 (甲公司 is six columns), high_value 10.
TEST(DocumentOrderTest, TableAndCsvKeepTheColumnOrderJsonReorders) {
  EXPECT_EQ(
      Render(Ranking(), Format::kJson),
      "[{\"holder\":\"甲公司\",\"high_value\":12,\"rank\":1},{\"holder\":\"Acme\",\"high_value\":3,\"rank\":2}]\n");
  EXPECT_EQ(Render(Ranking(), Format::kTable), "rank  holder  high_value\n" + std::string(4 + 2 + 6 + 2 + 10, '-') +
                                                   "\n"
                                                   "1     甲公司" +
                                                   Spaces(2 + 8) + "12\n2     Acme" + Spaces(2 + 2 + 9) + "3\n");
  EXPECT_EQ(Render(Ranking(), Format::kCsv), "rank,holder,high_value\n1,甲公司,12\n2,Acme,3\n");
}

// Each format shows what its order lists; the as_of column comes last where an order is
// given, and never in tables.
TEST(DocumentOrderTest, EachFormatShowsTheColumnsItsOrderLists) {
  Document d = Ranking();
  d.table_columns = {1, 2};  // no rank
  d.csv_columns = {1, 0};    // no high_value, rank after the holder
  d.as_of = "2025-12-31";
  EXPECT_EQ(Render(d, Format::kJson),
            "[{\"holder\":\"甲公司\",\"high_value\":12,\"rank\":1,\"as_of\":\"2025-12-31\"},"
            "{\"holder\":\"Acme\",\"high_value\":3,\"rank\":2,\"as_of\":\"2025-12-31\"}]\n");
  EXPECT_EQ(Render(d, Format::kCsv), "holder,rank,as_of\n甲公司,1,2025-12-31\nAcme,2,2025-12-31\n");
  EXPECT_EQ(Render(d, Format::kTable), "holder  high_value\n" + std::string(6 + 2 + 10, '-') + "\n甲公司" +
                                           Spaces(2 + 8) + "12\nAcme" + Spaces(2 + 2 + 9) + "3\n");
}

// A patent-like record: `why` is for people (tables and CSV), the rules group for JSON.
Document Patent() {
  Document d;
  d.listing = Listing{};
  d.columns = {{"id", Style::kText, ""},           {"valid", Style::kText, ""},    {"grant_date", Style::kText, ""},
               {"seconds", Style::kNumber, "", 3}, {"sei", Style::kText, "rules"}, {"why", Style::kText, ""}};
  d.rows = {
      {Cell::Text("CN1"), Cell::Bool(true), Cell::Null(), Cell::Double(1.23456), Cell::Null(), Cell::Text("a, b")}};
  d.json_columns = {0, 1, 2, 3, 4};
  d.table_columns = d.csv_columns = {0, 5, 1, 2, 3};
  return d;
}

TEST(DocumentListingTest, JsonIsOneTypedObject) {
  EXPECT_EQ(Render(Patent(), Format::kJson),
            "{\"id\":\"CN1\",\"valid\":true,\"grant_date\":null,\"seconds\":1.23456,\"rules\":{\"sei\":null}}\n");
}

// Names 10 wide (grant_date), values 5 (value); a null is left empty, trailing blanks cut;
// the values read as in tables in CSV too: yes, rounded to the column's decimals.
TEST(DocumentListingTest, TablesAndCsvListOneLinePerColumn) {
  EXPECT_EQ(Render(Patent(), Format::kTable), "field" + Spaces(5 + 2) + "value\n" + std::string(10 + 2 + 5, '-') +
                                                  "\n"
                                                  "id" +
                                                  Spaces(8 + 2) + "CN1\nwhy" + Spaces(7 + 2) + "a, b\nvalid" +
                                                  Spaces(5 + 2) + "yes\ngrant_date\nseconds" + Spaces(3 + 2) +
                                                  "1.235\n");
  EXPECT_EQ(Render(Patent(), Format::kCsv),
            "field,value\nid,CN1\nwhy,\"a, b\"\nvalid,yes\ngrant_date,\nseconds,1.235\n");
}

// Figures right-aligned under their own heading; CSV keeps the heading "field".
TEST(DocumentListingTest, NumbersAlignRightUnderTheHeading) {
  Document d;
  d.listing = Listing{.heading = "run", .numbers = true};
  d.columns = {{"as_of", Style::kText, ""}, {"lines_read", Style::kNumber, ""}};
  d.rows = {{Cell::Text("2025-12-31"), Cell::Integer(52001)}};
  // Names 10 wide (lines_read), values 10 (the date).
  EXPECT_EQ(Render(d, Format::kTable), "run" + Spaces(7 + 2 + 5) + "value\n" + std::string(10 + 2 + 10, '-') +
                                           "\nas_of" + Spaces(5 + 2) + "2025-12-31\nlines_read" + Spaces(2 + 5) +
                                           "52001\n");
  EXPECT_EQ(Render(d, Format::kCsv, {.bom = true}),
            "\xEF\xBB\xBF"
            "field,value\nas_of,2025-12-31\nlines_read,52001\n");
}

// Metadata as stored: JSON embeds it as written, tables and CSV list it flattened.
Document Metadata(const std::string& summary) {
  Document d;
  d.listing = Listing{.heading = "field", .numbers = false, .flat = true};
  d.columns = {{"as_of", Style::kText, ""}, {"dates", Style::kText, ""}, {"summary", Style::kText, ""}};
  d.rows = {{Cell::Text("2025-12-31"), Cell::List({"2021-12-31", "2025-12-31"}), Cell::Json(summary)}};
  return d;
}

const char* const kSummary =
    "{\"lines_read\":5, \"held\":null,\"ipc\":[],\"later\":[{\"code\":\"H10B\",\"n\":0}],\"name\":\"a\\\"b\"}";

TEST(DocumentListingTest, FlatJsonEmbedsJsonCellsAsWritten) {
  EXPECT_EQ(Render(Metadata(kSummary), Format::kJson),
            "{\"as_of\":\"2025-12-31\",\"dates\":[\"2021-12-31\",\"2025-12-31\"],\"summary\":" + std::string(kSummary) +
                "}\n");
}

// Names 21 wide (summary.later[0].code); no rule under the heading; values unpadded, so
// the empty array's line keeps its blanks; the string unescaped, other scalars as written.
TEST(DocumentListingTest, FlatListsTheJsonFlattened) {
  auto line = [](const std::string& name, const std::string& value) {
    return name + Spaces(21 - name.size() + 2) + value + "\n";
  };
  EXPECT_EQ(Render(Metadata(kSummary), Format::kTable),
            line("field", "value") + line("as_of", "2025-12-31") + line("dates", "2021-12-31, 2025-12-31") +
                line("summary.lines_read", "5") + line("summary.held", "null") + line("summary.ipc", "") +
                line("summary.later[0].code", "H10B") + line("summary.later[0].n", "0") + line("summary.name", "a\"b"));
  EXPECT_EQ(Render(Metadata(kSummary), Format::kCsv),
            "field,value\nas_of,2025-12-31\ndates,\"2021-12-31, 2025-12-31\"\nsummary.lines_read,5\n"
            "summary.held,null\nsummary.ipc,\nsummary.later[0].code,H10B\nsummary.later[0].n,0\n"
            "summary.name,\"a\"\"b\"\n");
}

// The record's JSON is {"as_of":"2025-12-31", (22 bytes) "dates":[...], (36) "summary":
// (10) then {"a":} whose "}" at byte 22 + 36 + 10 + 5 = 73 stands where a value belongs.
TEST(DocumentListingTest, FlatNamesWhereTheStoredJsonIsBroken) {
  const Document broken = Metadata("{\"a\":}");
  EXPECT_EQ(Render(broken, Format::kJson).substr(68), "{\"a\":}}\n");  // JSON prints it as it is
  for (Format format : {Format::kTable, Format::kCsv}) {
    try {
      (void)Render(broken, format);
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kStore);
      EXPECT_STREQ(e.what(), "the database's metadata is not valid JSON (at byte 73)");
    }
  }
}

// Tables draw the documents below after a blank line; CSV and JSON leave them out.
TEST(DocumentTest, TablesBelowFollowABlankLine) {
  Document d = Ranking();
  Document more;
  more.columns = {{"n", Style::kNumber, ""}};
  more.rows = {{Cell::Integer(7)}};
  d.below.push_back(more);
  d.below.push_back(more);
  const std::string n = "n\n-\n7\n";
  EXPECT_EQ(Render(d, Format::kTable), Render(Ranking(), Format::kTable) + "\n" + n + "\n" + n);
  EXPECT_EQ(Render(d, Format::kCsv), Render(Ranking(), Format::kCsv));
  EXPECT_EQ(Render(d, Format::kJson), Render(Ranking(), Format::kJson));
}

// Per-column null spellings: a table may leave an unknown figure blank, CSV may mark a
// switched-off rule "-"; JSON says null whatever the column says.
Document Unknowns() {
  Document d;
  d.columns = {{.key = "name"},
               {.key = "population", .style = Style::kNumber, .table_null = ""},
               {.key = "sei", .style = Style::kNumber, .csv_null = "-"}};
  d.rows = {{Cell::Text("甲"), Cell::Null(), Cell::Null()},
            {Cell::Text("abc"), Cell::Integer(20000), Cell::Integer(3)}};
  return d;
}

// Widths: name 4, population 10, sei 3. The first row: 甲 (two columns) padded by 2, the
// blank population 10 spaces, "-" right-aligned in 3.
TEST(DocumentNullTest, EachFormatSpellsANullAsItsColumnSays) {
  EXPECT_EQ(Render(Unknowns(), Format::kTable), "name  population  sei\n" + std::string(4 + 2 + 10 + 2 + 3, '-') +
                                                    "\n"
                                                    "甲" +
                                                    Spaces(2 + 2 + 10 + 2 + 2) + "-\nabc" + Spaces(1 + 2 + 5) +
                                                    "20000" + Spaces(2 + 2) + "3\n");
  EXPECT_EQ(Render(Unknowns(), Format::kCsv), "name,population,sei\n甲,,-\nabc,20000,3\n");
  EXPECT_EQ(Render(Unknowns(), Format::kJson),
            "[{\"name\":\"甲\",\"population\":null,\"sei\":null},{\"name\":\"abc\",\"population\":20000,\"sei\":3}]\n");
}

// A listing leaves a null empty unless its column gives a table spelling, which CSV's
// listing lines then use too (they read as in tables).
TEST(DocumentNullTest, AListingUsesTheTableSpelling) {
  Document d = Unknowns();
  d.listing = Listing{};
  d.columns[1].table_null = "unknown";
  d.rows.pop_back();
  // Names 10 wide (population), values 7 (unknown).
  EXPECT_EQ(Render(d, Format::kTable), "field" + Spaces(5 + 2) + "value\n" + std::string(10 + 2 + 7, '-') + "\nname" +
                                           Spaces(6 + 2) + "甲\npopulation  unknown\nsei\n");
  EXPECT_EQ(Render(d, Format::kCsv), "field,value\nname,甲\npopulation,unknown\nsei,\n");
}

// A grouped column named bare in CSV (and in a listing); JSON still nests it, tables
// head it with its key as ever.
TEST(DocumentHeaderTest, CsvHeaderReplacesTheGroupedName) {
  Document d;
  d.columns = {{.key = "region"},
               {.key = "sei", .style = Style::kNumber, .group = "by_rule", .csv_header = "sei"},
               {.key = "award", .style = Style::kNumber, .group = "by_rule"}};
  d.rows = {{Cell::Text("500117"), Cell::Integer(1), Cell::Integer(0)}};
  EXPECT_EQ(Render(d, Format::kCsv), "region,sei,by_rule.award\n500117,1,0\n");
  EXPECT_EQ(Render(d, Format::kJson), "[{\"region\":\"500117\",\"by_rule\":{\"sei\":1,\"award\":0}}]\n");
  // Widths: region 6, sei 3, award 5.
  EXPECT_EQ(Render(d, Format::kTable), "region  sei  award\n" + std::string(6 + 2 + 3 + 2 + 5, '-') + "\n500117" +
                                           Spaces(2 + 2) + "1" + Spaces(2 + 4) + "0\n");
  d.listing = Listing{};
  EXPECT_EQ(Render(d, Format::kCsv), "field,value\nregion,500117\nsei,1\nby_rule.award,0\n");
}

// Rows nested in a member: the inner document's JSON, an array (or an object when
// `single`), as a Json cell.
TEST(DocumentNestTest, JsonCellHoldsADocumentsJson) {
  Document entries;
  entries.columns = {{.key = "id"}, {.key = "region"}};
  entries.rows = {{Cell::Text("CN1"), Cell::Null()}, {Cell::Text("CN2"), Cell::Text("500117")}};
  const Cell nested = JsonCell(entries);
  EXPECT_EQ(nested.kind, Cell::Kind::kJson);
  EXPECT_EQ(nested.text, "[{\"id\":\"CN1\",\"region\":null},{\"id\":\"CN2\",\"region\":\"500117\"}]");
  Document rules;
  rules.single = true;
  rules.columns = {{.key = "sei"}, {.key = "award"}};
  rules.rows = {{Cell::Bool(true), Cell::Null()}};
  EXPECT_EQ(JsonCell(rules).text, "{\"sei\":true,\"award\":null}");
  Document none = entries;
  none.rows.clear();
  EXPECT_EQ(JsonCell(none).text, "[]");

  Document record;
  record.single = true;
  record.columns = {{.key = "from"}, {.key = "entered"}, {.key = "left"}};
  record.rows = {{Cell::Text("a"), nested, JsonCell(none)}};
  EXPECT_EQ(Render(record, Format::kJson), "{\"from\":\"a\",\"entered\":" + nested.text + ",\"left\":[]}\n");
}

// A result that JSON gives as one record while tables and CSV list rows: the record is
// `json`, the rows the document itself, under a two-line title and a blank line.
TEST(DocumentNestTest, JsonRendersTheDocumentGivenInItsPlace) {
  Document record;
  record.single = true;
  record.columns = {{.key = "from"}, {.key = "high_value_to", .style = Style::kNumber}};
  record.rows = {{Cell::Text("a"), Cell::Integer(2)}};
  Document d;
  d.columns = {{.key = "change"}, {.key = "id"}};
  d.rows = {{Cell::Text("entered"), Cell::Text("CN1")}};
  d.title = "from a\nhigh-value 1 -> 2\n";
  d.as_of = "2025-12-31";
  d.json = std::make_shared<const Document>(record);
  EXPECT_EQ(Render(d, Format::kJson), "{\"from\":\"a\",\"high_value_to\":2}\n");
  // Widths: change 7 (entered), id 3.
  EXPECT_EQ(Render(d, Format::kTable), "from a\nhigh-value 1 -> 2\n\nchange" + Spaces(1 + 2) + "id\n" +
                                           std::string(7 + 2 + 3, '-') + "\nentered  CN1\n");
  EXPECT_EQ(Render(d, Format::kCsv), "change,id,as_of\nentered,CN1,2025-12-31\n");
}

}  // namespace
}  // namespace hvpat::report
