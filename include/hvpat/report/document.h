// Results as data: a table of typed cells, rendered by one renderer per format (table,
// csv, json). New commands build a Document; the renderers decide every spelling, so a
// figure is formatted the same way wherever it appears.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hvpat/report/render.h"

namespace hvpat::report {

// One value. Null renders as JSON null, an empty CSV field and "-" in tables; a list of
// strings as a JSON array and space-separated elsewhere.
struct Cell {
  enum class Kind : uint8_t { kNull, kText, kInteger, kDouble, kBool, kList };
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
  std::string key;  // JSON member and CSV header
  Style style = Style::kText;
  std::string group;  // JSON: consecutive columns of one group nest in an object named so
};

struct Document {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  bool single = false;  // JSON: the first row as one object, not an array
  std::string title;    // a line above the table (tables only)
  // The statistics date the figures are for: added as an "as_of" column to CSV and
  // JSON when no column has that key.
  std::string as_of;
};

struct RenderOptions {
  bool bom = false;  // CSV: start with a UTF-8 byte order mark (for spreadsheets)
};

std::string Render(const Document& document, Format format, const RenderOptions& options = {});

// The table spelling of one cell in a column of `style`.
std::string TableText(const Cell& cell, Style style);

}  // namespace hvpat::report
