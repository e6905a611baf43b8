// The three renderers of a Document. CSV is RFC 4180 in UTF-8 (optionally with a BOM);
// JSON numbers are unrounded (shortest round-trip form); tables align numbers right.
#include "hvpat/report/document.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "hvpat/base/json.h"

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
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

std::string CsvText(const Cell& cell) {
  switch (cell.kind) {
    case Cell::Kind::kNull:
      return "";
    case Cell::Kind::kText:
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
    case Cell::Kind::kList:
      return base::JsonStringArray(cell.items);
    case Cell::Kind::kBool:
      return cell.flag ? "true" : "false";
    default:
      return PlainNumber(cell);
  }
}

// The columns and rows with the "as_of" column added where the document needs one.
Document WithAsOf(const Document& d) {
  bool has = std::any_of(d.columns.begin(), d.columns.end(), [](const Column& c) { return c.key == "as_of"; });
  if (has || d.as_of.empty()) return d;
  Document out = d;
  out.columns.push_back({"as_of", Style::kText, ""});
  for (auto& row : out.rows) row.push_back(Cell::Text(d.as_of));
  return out;
}

std::string RenderCsv(const Document& d, const RenderOptions& options) {
  std::string out = options.bom ? "\xEF\xBB\xBF" : "";
  for (size_t c = 0; c < d.columns.size(); ++c) {
    const auto& col = d.columns[c];
    out += (c ? "," : "") + CsvField(col.group.empty() ? col.key : col.group + "." + col.key);
  }
  out += "\n";
  for (const auto& row : d.rows) {
    for (size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + CsvField(CsvText(row[c]));
    out += "\n";
  }
  return out;
}

std::string JsonObject(const Document& d, const std::vector<Cell>& row) {
  std::string out = "{";
  std::string group;
  for (size_t c = 0; c < row.size(); ++c) {
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
  if (d.single) return (d.rows.empty() ? std::string("null") : JsonObject(d, d.rows.front())) + "\n";
  return base::JsonArray(d.rows, [&](const auto& row) { return JsonObject(d, row); }) + "\n";
}

std::string RenderTable(const Document& d) {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> cells;
  for (const auto& col : d.columns) header.push_back(col.key);
  for (const auto& row : d.rows) {
    cells.emplace_back();
    for (size_t c = 0; c < row.size(); ++c) cells.back().push_back(TableText(row[c], d.columns[c].style));
  }
  std::vector<bool> left;
  for (const auto& col : d.columns) left.push_back(col.style == Style::kText);
  return (d.title.empty() ? "" : d.title + "\n") + PaddedTable(header, cells, left);
}

}  // namespace

std::string TableText(const Cell& cell, Style style) {
  switch (cell.kind) {
    case Cell::Kind::kNull:
      return "-";
    case Cell::Kind::kText:
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

std::string Render(const Document& document, Format format, const RenderOptions& options) {
  if (format == Format::kTable) return RenderTable(document);
  Document d = WithAsOf(document);
  return format == Format::kCsv ? RenderCsv(d, options) : RenderJson(d);
}

}  // namespace hvpat::report
