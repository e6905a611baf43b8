// Table, CSV and JSON renderings. JSON field names and types follow spec/cli.md exactly;
// fields beyond the spec's are added after them.
#include "hvpat/report/render.h"

#include <uniwidth.h>

#include <algorithm>
#include <memory>
#include <utility>

#include "hvpat/report/analytics.h"
#include "hvpat/report/document.h"
#include "hvpat/rules/rule_table.h"

namespace hvpat::report {
namespace {

Cell Count(uint64_t n) { return Cell::Integer(static_cast<int64_t>(n)); }

// Counts as spec/cli.md gives them: JSON each row the count object (region, name, as_of,
// the figures, by_rule, population, per-10k figures; a switched-off rule null). Tables and
// CSV show the columns their orders list (the callers choose where the date goes): the
// rules named bare, a switched-off rule "-" in CSV too, unknown figures blank in tables.
Document CountsDocument(const std::vector<query::CountResult>& rows) {
  Document d;
  d.columns = {{.key = "region", .table_null = ""},
               {.key = "name", .table_null = ""},
               {.key = "as_of"},
               {.key = "valid_inventions", .style = Style::kNumber},
               {.key = "high_value", .style = Style::kNumber}};
  for (const rules::RuleDef& rule : rules::RuleTable()) {
    const std::string name(rule.name);
    d.columns.push_back(
        {.key = name, .style = Style::kNumber, .group = "by_rule", .csv_null = "-", .csv_header = name});
  }
  d.columns.insert(d.columns.end(), {{.key = "population", .style = Style::kNumber, .table_null = ""},
                                     {.key = "high_value_per_10k", .style = Style::kRatio, .table_null = ""},
                                     {.key = "population_year", .style = Style::kNumber, .table_null = ""},
                                     {.key = "valid_per_10k", .style = Style::kRatio, .table_null = ""}});
  for (const auto& r : rows) {
    std::vector<Cell> row{Cell::Text(r.region), Cell::Text(r.name), Cell::Text(r.as_of.ToString()),
                          Count(r.counts.valid), Count(r.counts.high_value)};
    for (int rule = 0; rule < model::kRuleCount; ++rule) {
      row.push_back(r.enabled[rule] ? Count(r.counts.by_rule[rule]) : Cell::Null());
    }
    row.push_back(Cell::Integer(r.population));
    row.push_back(Cell::Double(r.PerTenThousand()));
    row.push_back(r.population_year ? Cell::Integer(*r.population_year) : Cell::Null());
    row.push_back(Cell::Double(r.ValidPerTenThousand()));
    d.rows.push_back(std::move(row));
  }
  return d;
}

// Every column of `d` in order, save `date`: put first when `first`, else left out.
std::vector<size_t> DateFirst(const Document& d, size_t date, bool first) {
  std::vector<size_t> order;
  if (first) order.push_back(date);
  for (size_t c = 0; c < d.columns.size(); ++c) {
    if (c != date) order.push_back(c);
  }
  return order;
}

constexpr size_t kCountDate = 2;  // the as_of column of CountsDocument

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
  // Tables and CSV: the region's row of the report; JSON: the spec's count object.
  Document d = ReportDocument({r});
  Document json = CountsDocument({r});
  json.single = true;
  d.json = std::make_shared<const Document>(std::move(json));
  return Render(d, format);
}

std::string RenderCountTable(const std::vector<query::CountResult>& rows, Format format) {
  Document d = CountsDocument(rows);
  d.table_columns = d.csv_columns = DateFirst(d, kCountDate, false);
  if (!rows.empty()) d.title = "as of " + rows.front().as_of.ToString();
  return Render(d, format);
}

std::string RenderCountSeries(const std::vector<query::CountResult>& rows, Format format) {
  Document d = CountsDocument(rows);
  d.table_columns = d.csv_columns = DateFirst(d, kCountDate, true);
  return Render(d, format);
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
  Document d;
  for (size_t c = 0; c < header.size(); ++c) {
    d.columns.push_back({.key = header[c], .style = c < text_columns ? Style::kText : Style::kNumber});
  }
  for (const auto& line : cells) {
    d.rows.emplace_back();
    for (const auto& text : line) d.rows.back().push_back(Cell::Text(text));
  }
  return Render(d, format);
}

}  // namespace hvpat::report
