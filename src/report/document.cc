// The three renderers of a Document. CSV is RFC 4180 in UTF-8 (optionally with a BOM);
// JSON numbers are unrounded (shortest round-trip form); tables align numbers right.
#include "hvpat/report/document.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <utility>

#include "hvpat/base/json.h"
#include "json_reader.h"

namespace hvpat::report {
namespace {

std::string Printf(const char* format, double value, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, digits, value);
  return buf;
}

std::string Thousands(std::string digits) {
  size_t dot = std::min(digits.find('.'), digits.size());
  size_t first = digits[0] == '-' ? 1 : 0;
  for (size_t at = dot; at > first + 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}

std::string Significant(double value) {
  if (value == 0) return "0";
  if (std::fabs(value) >= 1) return Printf("%.*f", value, 2);
  // Three significant digits below 1: 0.00362, 0.0500, 0.123.
  int decimals = 2 - static_cast<int>(std::floor(std::log10(std::fabs(value))));
  return Printf("%.*f", value, std::min(decimals, 12));
}

std::string PlainNumber(const Cell& cell) {
  if (cell.kind == Cell::Kind::kInteger) return std::to_string(cell.integer);
  return base::JsonNumber(cell.number);
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? " " : "") + items[i];
  return out;
}

std::string CsvText(const Cell& cell, const Column& col) {
  switch (cell.kind) {
    case Cell::Kind::kNull:
      return col.csv_null.value_or("");
    case Cell::Kind::kText:
    case Cell::Kind::kJson:
      return cell.text;
    case Cell::Kind::kList:
      return Joined(cell.items);
    case Cell::Kind::kBool:
      return cell.flag ? "true" : "false";
    default:
      return PlainNumber(cell);
  }
}

std::string JsonText(const Cell& cell) {
  switch (cell.kind) {
    case Cell::Kind::kNull:
      return "null";
    case Cell::Kind::kText:
      return base::JsonString(cell.text);
    case Cell::Kind::kJson:
      return cell.text;
    case Cell::Kind::kList:
      return base::JsonStringArray(cell.items);
    case Cell::Kind::kBool:
      return cell.flag ? "true" : "false";
    default:
      return PlainNumber(cell);
  }
}

// The columns `order` lists, or every column in order when it lists none.
std::vector<size_t> Shown(const Document& d, const std::vector<size_t>& order) {
  if (!order.empty()) return order;
  std::vector<size_t> all(d.columns.size());
  std::iota(all.begin(), all.end(), size_t{0});
  return all;
}

// A column's CSV header, and its name in a listing.
std::string GridName(const Column& col) {
  if (!col.csv_header.empty()) return col.csv_header;
  return col.group.empty() ? col.key : col.group + "." + col.key;
}

std::string TableCell(const Cell& cell, const Column& col) {
  if (cell.kind == Cell::Kind::kNull && col.table_null) return *col.table_null;
  bool number = cell.kind == Cell::Kind::kInteger || cell.kind == Cell::Kind::kDouble;
  if (!number || col.decimals < 0) return TableText(cell, col.style);
  double x = cell.kind == Cell::Kind::kInteger ? static_cast<double>(cell.integer) : cell.number;
  return Printf("%.*f", x, col.decimals);
}

// The columns and rows with the "as_of" column added where the document needs one.
Document WithAsOf(const Document& d) {
  bool has = std::any_of(d.columns.begin(), d.columns.end(), [](const Column& c) { return c.key == "as_of"; });
  if (has || d.as_of.empty()) return d;
  Document out = d;
  out.columns.push_back({"as_of", Style::kText, ""});
  for (auto& row : out.rows) row.push_back(Cell::Text(d.as_of));
  for (auto* order : {&out.csv_columns, &out.json_columns}) {
    if (!order->empty()) order->push_back(out.columns.size() - 1);
  }
  return out;
}

std::string JsonObject(const Document& d, const std::vector<size_t>& shown, const std::vector<Cell>& row) {
  std::string out = "{";
  std::string group;
  for (size_t c : shown) {
    const auto& col = d.columns[c];
    if (col.group != group) {
      if (!group.empty()) out += "}";
      group = col.group;
      if (!group.empty()) out += (out.size() > 1 ? "," : "") + base::JsonString(group) + ":{";
    }
    out += (out.back() == '{' ? "" : ",") + base::JsonString(col.key) + ":" + JsonText(row[c]);
  }
  if (!group.empty()) out += "}";
  return out + "}";
}

std::string RenderJson(const Document& d) {
  const std::vector<size_t> shown = Shown(d, d.json_columns);
  if (d.single || d.listing) {
    return (d.rows.empty() ? std::string("null") : JsonObject(d, shown, d.rows.front())) + "\n";
  }
  return base::JsonArray(d.rows, [&](const auto& row) { return JsonObject(d, shown, row); }) + "\n";
}

// A listing's lines: name and value of each column `order` shows, or the flattened JSON.
JsonLines ListingLines(const Document& d, const std::vector<size_t>& order) {
  assert(d.listing && d.rows.size() == 1);
  if (d.listing->flat) {
    std::string json = RenderJson(WithAsOf(d));
    json.pop_back();  // the line end
    return FlattenJson(json);
  }
  JsonLines lines;
  for (size_t c : Shown(d, order)) {
    const Cell& cell = d.rows.front()[c];
    const Column& col = d.columns[c];
    lines.emplace_back(GridName(col),
                       cell.kind == Cell::Kind::kNull ? col.table_null.value_or("") : TableCell(cell, col));
  }
  return lines;
}

std::string RenderCsv(const Document& d, const RenderOptions& options) {
  std::string out = options.bom ? "\xEF\xBB\xBF" : "";
  if (d.listing) {
    out += "field,value\n";
    for (const auto& [name, value] : ListingLines(d, d.csv_columns)) {
      out += CsvField(name) + "," + CsvField(value) + "\n";
    }
    return out;
  }
  const std::vector<size_t> shown = Shown(d, d.csv_columns);
  for (size_t i = 0; i < shown.size(); ++i) out += (i ? "," : "") + CsvField(GridName(d.columns[shown[i]]));
  out += "\n";
  for (const auto& row : d.rows) {
    for (size_t i = 0; i < shown.size(); ++i) {
      out += (i ? "," : "") + CsvField(CsvText(row[shown[i]], d.columns[shown[i]]));
    }
    out += "\n";
  }
  return out;
}

// Info's look: the names padded, two blanks, the values as they are; no rule.
std::string BareTable(const std::string& heading, const JsonLines& lines) {
  size_t width = DisplayWidth(heading);
  for (const auto& line : lines) width = std::max(width, DisplayWidth(line.first));
  std::string out;
  auto line = [&](const std::string& name, const std::string& value) {
    out += name + std::string(width - DisplayWidth(name) + 2, ' ') + value + "\n";
  };
  line(heading, "value");
  for (const auto& [name, value] : lines) line(name, value);
  return out;
}

std::string ListingTable(const Document& d) {
  JsonLines lines = ListingLines(d, d.table_columns);
  if (d.listing->flat) return BareTable(d.listing->heading, lines);
  std::vector<std::vector<std::string>> cells;
  cells.reserve(lines.size());
  for (auto& [name, value] : lines) cells.push_back({std::move(name), std::move(value)});
  return PaddedTable({d.listing->heading, "value"}, cells, {true, !d.listing->numbers});
}

std::string RowsTable(const Document& d) {
  const std::vector<size_t> shown = Shown(d, d.table_columns);
  std::vector<std::string> header;
  std::vector<bool> left;
  for (size_t c : shown) {
    header.push_back(d.columns[c].key);
    left.push_back(d.columns[c].style == Style::kText);
  }
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : d.rows) {
    cells.emplace_back();
    for (size_t c : shown) cells.back().push_back(TableCell(row[c], d.columns[c]));
  }
  return PaddedTable(header, cells, left);
}

std::string RenderTable(const Document& d) {
  std::string out = d.title.empty() ? "" : d.title + "\n";
  out += d.listing ? ListingTable(d) : RowsTable(d);
  for (const auto& more : d.below) out += "\n" + RenderTable(more);
  return out;
}

}  // namespace

std::string TableText(const Cell& cell, Style style) {
  switch (cell.kind) {
    case Cell::Kind::kNull:
      return "-";
    case Cell::Kind::kText:
    case Cell::Kind::kJson:
      return cell.text;
    case Cell::Kind::kList:
      return Joined(cell.items);
    case Cell::Kind::kBool:
      return cell.flag ? "yes" : "no";
    default:
      break;
  }
  double x = cell.kind == Cell::Kind::kInteger ? static_cast<double>(cell.integer) : cell.number;
  switch (style) {
    case Style::kRatio:
      return Significant(x);
    case Style::kAmount:
      return Thousands(Printf("%.*f", x, 2));
    case Style::kPercent:
      return Printf("%.*f", x * 100, 1) + "%";
    default:
      break;
  }
  if (cell.kind == Cell::Kind::kInteger) return std::to_string(cell.integer);
  if (x == std::trunc(x) && std::fabs(x) < 1e15) return Printf("%.*f", x, 0);  // 2000000000, not 2e+09
  return Printf("%.*g", x, 6);
}

Cell JsonCell(const Document& document) {
  std::string json = Render(document, Format::kJson);
  json.pop_back();  // the line end
  return Cell::Json(std::move(json));
}

std::string Render(const Document& document, Format format, const RenderOptions& options) {
  if (format == Format::kTable) return RenderTable(document);
  if (format == Format::kJson && document.json) return Render(*document.json, format, options);
  Document d = WithAsOf(document);
  return format == Format::kCsv ? RenderCsv(d, options) : RenderJson(d);
}

}  // namespace hvpat::report
