// Table, CSV and JSON renderings. JSON field names and types follow spec/cli.md exactly;
// fields beyond the spec's are added after them.
#include "hvpat/report/render.h"

#include <uniwidth.h>

#include <algorithm>
#include <cstdio>

#include "hvpat/base/json.h"
#include "hvpat/report/analytics.h"
#include "hvpat/report/document.h"
#include "hvpat/rules/rule_table.h"

namespace hvpat::report {
namespace {

using base::JsonNumber;
using base::JsonString;

std::string Optional(const std::optional<std::string>& text) { return text ? JsonString(*text) : "null"; }

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + CsvField(fields[i]);
  return out + "\n";
}

// A padded table whose first `text_columns` columns are left-aligned, the rest right-aligned.
std::string Table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                  size_t text_columns) {
  std::vector<bool> left(header.size());
  for (size_t c = 0; c < left.size(); ++c) left[c] = c < text_columns;
  return PaddedTable(header, rows, left);
}

// A grid as CSV (header, then rows) or as a padded table.
std::string Grid(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& cells,
                 size_t text_columns, Format format) {
  if (format != Format::kCsv) return Table(header, cells, text_columns);
  std::string out = CsvLine(header);
  for (const auto& c : cells) out += CsvLine(c);
  return out;
}

std::string RulesObject(const std::array<bool, model::kRuleCount>& enabled,
                        const std::array<uint64_t, model::kRuleCount>& counts) {
  std::string out = "{";
  for (auto rule : model::kAllRules) {
    int r = static_cast<int>(rule);
    out += (r ? "," : "") + JsonString(rules::RuleName(rule)) + ":" + (enabled[r] ? std::to_string(counts[r]) : "null");
  }
  return out + "}";
}

std::string RuleCell(const query::CountResult& r, int rule) {
  return r.enabled[rule] ? std::to_string(r.counts.by_rule[rule]) : "-";
}

std::string CountJson(const query::CountResult& r) {
  auto per10k = r.PerTenThousand();
  auto valid10k = r.ValidPerTenThousand();
  return "{\"region\":" + Optional(r.region) + ",\"name\":" + Optional(r.name) + ",\"as_of\":\"" + r.as_of.ToString() +
         "\",\"valid_inventions\":" + std::to_string(r.counts.valid) +
         ",\"high_value\":" + std::to_string(r.counts.high_value) +
         ",\"by_rule\":" + RulesObject(r.enabled, r.counts.by_rule) +
         ",\"population\":" + (r.population ? std::to_string(*r.population) : "null") +
         ",\"high_value_per_10k\":" + (per10k ? JsonNumber(*per10k) : "null") +
         ",\"population_year\":" + (r.population_year ? std::to_string(*r.population_year) : "null") +
         ",\"valid_per_10k\":" + (valid10k ? JsonNumber(*valid10k) : "null") + "}";
}

// Tables show per-10k figures with significant digits (0.00362 is not 0); CSV unrounded.
std::vector<std::string> CountCells(const query::CountResult& r, Format format) {
  auto per10k = r.PerTenThousand();
  std::vector<std::string> cells{r.region.value_or(""), r.name.value_or(""), std::to_string(r.counts.valid),
                                 std::to_string(r.counts.high_value)};
  for (int rule = 0; rule < model::kRuleCount; ++rule) cells.push_back(RuleCell(r, rule));
  cells.push_back(r.population ? std::to_string(*r.population) : "");
  auto ratio = [&](std::optional<double> x) {
    if (!x) return std::string();
    return format == Format::kCsv ? JsonNumber(*x) : TableText(Cell::Double(*x), Style::kRatio);
  };
  cells.push_back(ratio(per10k));
  cells.push_back(r.population_year ? std::to_string(*r.population_year) : "");
  cells.push_back(ratio(r.ValidPerTenThousand()));
  return cells;
}

const std::vector<std::string>& CountHeader() {
  static const std::vector<std::string> header = [] {
    std::vector<std::string> h{"region", "name", "valid_inventions", "high_value"};
    for (const rules::RuleDef& rule : rules::RuleTable()) h.emplace_back(rule.name);
    for (const char* column : {"population", "high_value_per_10k", "population_year", "valid_per_10k"}) {
      h.emplace_back(column);
    }
    return h;
  }();
  return header;
}

// The holders ranking of spec/cli.md: JSON the spec's members, tables and CSV rank first
// (left-aligned, read as a label).
Document RankingDocument(const std::vector<query::HolderRow>& rows) {
  Document d;
  d.columns = {{"rank", Style::kText, ""},
               {"holder", Style::kText, ""},
               {"high_value", Style::kNumber, ""},
               {"valid_inventions", Style::kNumber, ""}};
  for (size_t i = 0; i < rows.size(); ++i) {
    d.rows.push_back({Cell::Integer(static_cast<int64_t>(i + 1)), Cell::Text(rows[i].holder),
                      Cell::Integer(static_cast<int64_t>(rows[i].high_value)),
                      Cell::Integer(static_cast<int64_t>(rows[i].valid_inventions))});
  }
  d.json_columns = {1, 2, 3};
  return d;
}

}  // namespace

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string PaddedTable(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                        const std::vector<bool>& left) {
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) width[c] = DisplayWidth(header[c]);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], DisplayWidth(row[c]));
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t c = 0; c < cells.size(); ++c) {
      std::string pad(width[c] - DisplayWidth(cells[c]), ' ');
      out += left[c] ? cells[c] + pad : pad + cells[c];
      out += c + 1 < cells.size() ? "  " : "";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "\n";
  };
  line(header);
  size_t total = 0;
  for (size_t w : width) total += w + 2;
  out += std::string(total > 2 ? total - 2 : 0, '-') + "\n";
  for (const auto& row : rows) line(row);
  return out;
}

size_t DisplayWidth(const std::string& text) {
  // GNU libunistring's East Asian Width tables: wide and full-width characters take two
  // columns, everything else printable one (a hand-made byte rule had Vietnamese letters
  // and half-width katakana two wide).
  int width = u8_width(reinterpret_cast<const uint8_t*>(text.data()), text.size(), "UTF-8");
  return width > 0 ? static_cast<size_t>(width) : 0;
}

std::optional<Format> FormatFromName(const std::string& name) {
  if (name == "table") return Format::kTable;
  if (name == "csv") return Format::kCsv;
  if (name == "json") return Format::kJson;
  return std::nullopt;
}

std::string RenderCount(const query::CountResult& r, Format format) {
  if (format == Format::kJson) return CountJson(r) + "\n";
  return Render(ReportDocument({r}), format);
}

std::string RenderCountTable(const std::vector<query::CountResult>& rows, Format format) {
  if (format == Format::kJson) {
    return base::JsonArray(rows, CountJson) + "\n";
  }
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size());
  for (const auto& r : rows) cells.push_back(CountCells(r, format));
  std::string title = rows.empty() || format == Format::kCsv ? "" : "as of " + rows.front().as_of.ToString() + "\n";
  return title + Grid(CountHeader(), cells, 2, format);
}

std::string RenderCountSeries(const std::vector<query::CountResult>& rows, Format format) {
  if (format == Format::kJson) return RenderCountTable(rows, format);
  std::vector<std::string> header = CountHeader();
  header.insert(header.begin(), "as_of");
  std::vector<std::vector<std::string>> cells;
  for (const auto& r : rows) {
    cells.push_back(CountCells(r, format));
    cells.back().insert(cells.back().begin(), r.as_of.ToString());
  }
  return Grid(header, cells, 3, format);
}

std::string RenderHolders(const std::vector<query::HolderRow>& rows, Format format) {
  return Render(RankingDocument(rows), format);
}

std::string RenderHolders(const std::vector<query::HolderRow>& rows, Format format, base::Date as_of) {
  Document d = RankingDocument(rows);
  d.json_columns.push_back(0);  // rank, after the spec's members
  d.as_of = as_of.ToString();
  d.title = "as of " + d.as_of;
  return Render(d, format);
}

std::string RenderGrid(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& cells,
                       size_t text_columns, Format format) {
  return Grid(header, cells, text_columns, format);
}

}  // namespace hvpat::report
