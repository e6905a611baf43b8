// Results as data: typed cells under named columns, rendered by one renderer per format
// (table, csv, json). Commands build a Document; the renderers decide every spelling, so a
// figure is formatted the same way wherever it appears. A document is either rows (one
// table line, CSV line or JSON object each) or one record listed field by field
// (`listing`), and each format may show its own choice and order of the columns.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hvpat/report/render.h"

namespace hvpat::report {

// One value. Null renders as JSON null, an empty CSV field and "-" in tables (unless its
// column spells it otherwise: Column::table_null, csv_null); a list of strings as a JSON
// array and space-separated elsewhere; Json (text that is JSON already: a document hvpat
// stored, evidence the rules wrote, a nested document: JsonCell) as written everywhere.
struct Cell {
  enum class Kind : uint8_t { kNull, kText, kInteger, kDouble, kBool, kList, kJson };
  Kind kind = Kind::kNull;
  std::string text;
  int64_t integer = 0;
  double number = 0;
  bool flag = false;
  std::vector<std::string> items;

  static Cell Null() { return {}; }
  static Cell Text(std::string text) { return {Kind::kText, std::move(text), 0, 0, false, {}}; }
  static Cell Text(const char* text) { return Text(std::string(text)); }
  static Cell Integer(int64_t n) { return {Kind::kInteger, {}, n, 0, false, {}}; }
  static Cell Double(double x) { return {Kind::kDouble, {}, 0, x, false, {}}; }
  static Cell Bool(bool b) { return {Kind::kBool, {}, 0, 0, b, {}}; }
  static Cell List(std::vector<std::string> items) { return {Kind::kList, {}, 0, 0, false, std::move(items)}; }
  static Cell Json(std::string json) { return {Kind::kJson, std::move(json), 0, 0, false, {}}; }
  static Cell Text(const std::optional<std::string>& t) { return t ? Text(*t) : Null(); }
  static Cell Integer(const std::optional<int64_t>& n) { return n ? Integer(*n) : Null(); }
  static Cell Double(const std::optional<double>& x) { return x ? Double(*x) : Null(); }
  static Cell Bool(const std::optional<bool>& b) { return b ? Bool(*b) : Null(); }
};

// How a column reads in a table (JSON and CSV always carry the value unrounded).
enum class Style : uint8_t {
  kText,     // left-aligned
  kNumber,   // right-aligned; doubles with up to six significant digits
  kRatio,    // right-aligned; below 1 with three significant digits (0.00362), else two decimals
  kAmount,   // right-aligned; two decimals with thousands separators (CNY)
  kPercent,  // right-aligned; x100 with one decimal and "%"
};

struct Column {
  std::string key;  // JSON member, table heading, CSV header (as "group.key" in a group)
  Style style = Style::kText;
  std::string group{};  // JSON: consecutive columns of one group nest in an object named so
  int decimals = -1;    // tables: numbers with exactly this many decimals; -1: as `style` says
  // How a null cell of this column reads, when not as Cell says (JSON: null always). A
  // grid may leave unknowns blank in tables (""), or mark a switched-off rule "-" in CSV
  // too, where an empty field could be read as no count.
  std::optional<std::string> table_null{};  // tables, and a listing's lines in CSV too
                                            // (a listing otherwise leaves a null empty)
  std::optional<std::string> csv_null{};    // CSV rows
  // The CSV header (and a listing's name) when not empty, in place of key or group.key:
  // a grid whose CSV names the rules bare (sei) while its JSON nests them in by_rule.
  std::string csv_header{};
};

// How tables and CSV show a document that is one record: one line per value, its name
// (the CSV header a column would have) and its value, under the heading `heading` and
// "value" in tables, "field,value" in CSV. Values read as in tables, in CSV too (yes and
// no, rounded figures): JSON carries them typed. A null value is left empty.
struct Listing {
  std::string heading = "field";  // tables: over the names
  bool numbers = false;           // tables: the values right-aligned (a column of figures)
  // The lines are the record's JSON flattened: one per scalar at its dotted path
  // (summary.lines_read), an array of scalars on one line joined by ", ", an array holding
  // objects at path[i].member; tables draw them with no rule under the heading and the
  // values as they are, unpadded (info's look). Rendering throws Error(kStore) when a
  // Json cell is not valid JSON.
  bool flat = false;
};

struct Document {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  // Which columns each format shows, and in what order: indices into `columns`; empty
  // means every column, in the order of `columns`. The spec fixes the JSON members and
  // their order; a table may read better in another order (holders: rank first), and a
  // format may show columns the others leave out (show's "why" lines are for people; its
  // evidence objects are JSON's).
  std::vector<size_t> table_columns;
  std::vector<size_t> csv_columns;
  std::vector<size_t> json_columns;
  bool single = false;  // JSON: the first row as one object, not an array
  // Tables and CSV: the first row as a listing, one line per shown column (JSON: one
  // object, as with `single`).
  std::optional<Listing> listing;
  // Text above the table (tables only): a line, or several with "\n" between them; a
  // final "\n" leaves a blank line before the table.
  std::string title;
  // Tables only: more tables drawn under this one, a blank line before each (the ingest
  // summary's figures per date; its CSV and JSON carry them in columns of their own).
  std::vector<Document> below;
  // The statistics date the figures are for: added as an "as_of" column to CSV and
  // JSON when no column has that key (shown last where an order is given).
  std::string as_of;
  // JSON: this document is rendered in place of the one holding it, for a result whose
  // JSON has another shape than its tables: one record holding its rows in nested arrays
  // (JsonCell) while tables and CSV list the rows under a title telling the record's
  // figures (diff), or the spec's object beside a table row of other columns (count).
  std::shared_ptr<const Document> json;
};

struct RenderOptions {
  bool bom = false;  // CSV: start with a UTF-8 byte order mark (for spreadsheets)
};

std::string Render(const Document& document, Format format, const RenderOptions& options = {});

// A document's JSON as the value of another's member: a Json cell holding the array (or,
// when `single`, the object) that Render gives in JSON, without the line end.
Cell JsonCell(const Document& document);

// The table spelling of one cell in a column of `style` (a Json cell: its text).
std::string TableText(const Cell& cell, Style style);

}  // namespace hvpat::report
