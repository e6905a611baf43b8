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

std::string Fixed(double value, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, value);
  return buf;
}

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

// Field/value pairs as a two-column grid; `numbers` right-aligns the values.
std::string KeyValues(const char* key_header, const std::vector<std::pair<std::string, std::string>>& rows,
                      Format format, bool numbers) {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size());
  for (const auto& [k, v] : rows) cells.push_back({k, v});
  return Grid({format == Format::kCsv ? "field" : key_header, "value"}, cells, numbers ? 1 : 2, format);
}

std::string RulesObject(const std::array<bool, model::kRuleCount>& enabled,
                        const std::array<uint64_t, model::kRuleCount>* counts,
                        const std::array<bool, model::kRuleCount>* flags) {
  std::string out = "{";
  for (auto rule : model::kAllRules) {
    int r = static_cast<int>(rule);
    out += (r ? "," : "") + JsonString(rules::RuleName(rule)) + ":";
    if (!enabled[r]) {
      out += "null";
    } else if (counts) {
      out += std::to_string((*counts)[r]);
    } else {
      out += (*flags)[r] ? "true" : "false";
    }
  }
  return out + "}";
}

std::string StringArray(const std::vector<std::string>& items) { return base::JsonStringArray(items); }

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
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
         ",\"by_rule\":" + RulesObject(r.enabled, &r.counts.by_rule, nullptr) +
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

std::string OptionalDate(const std::optional<base::Date>& d) { return d ? JsonString(d->ToString()) : "null"; }
const char* Bool(bool b) { return b ? "true" : "false"; }

std::string EvidenceJson(const model::Evidence& e) {
  const auto& v = e.validity;
  std::string out =
      "{\"validity\":{\"valid\":" + std::string(Bool(v.valid)) + ",\"office_cn\":" + Bool(v.cn_office) +
      ",\"invention\":" + Bool(v.invention) + ",\"grant_date\":" + OptionalDate(v.grant_date) +
      ",\"granted_by_as_of\":" + Bool(v.granted_by_as_of) + ",\"term_end\":" + JsonString(v.term_end.ToString()) +
      ",\"in_term\":" + Bool(v.in_term) + ",\"status\":" + JsonString(model::StatusName(v.status)) +
      ",\"status_date\":" + OptionalDate(v.status_date) + ",\"status_allows\":" + Bool(v.status_allows) + "}";
  for (const rules::RuleDef& rule : rules::RuleTable()) {
    out += ",\"" + std::string(rule.name) + "\":" + rule.evidence_json(e);
  }
  const auto& r = e.region;
  out += ",\"region\":{\"first_holder\":" + JsonString(r.first_holder) + ",\"country\":" + JsonString(r.country) +
         ",\"region\":" + (r.region.empty() ? std::string("null") : JsonString(r.region)) +
         ",\"reason\":" + JsonString(r.why) + "}}";
  return out;
}

// One human line per rule: the facts that decided it.
std::vector<std::pair<std::string, std::string>> EvidenceLines(const model::Evidence& e) {
  std::vector<std::pair<std::string, std::string>> lines;
  const auto& v = e.validity;
  std::string validity =
      std::string(v.valid ? "valid" : "not valid") + ": office " + (v.cn_office ? "CN" : "not CN") + ", " +
      (v.invention ? "invention" : "not an invention") + ", " +
      (v.grant_date ? "granted " + v.grant_date->ToString() + (v.granted_by_as_of ? " <= " : " > ") + e.as_of.ToString()
                    : std::string("not granted")) +
      ", term ends " + v.term_end.ToString() + (v.in_term ? " (in term)" : " (term over)") + ", status " +
      std::string(model::StatusName(v.status)) +
      (v.status_date ? " since " + v.status_date->ToString() : std::string()) +
      (v.status_allows ? "" : " (not in force)");
  lines.emplace_back("why valid", validity);
  for (const rules::RuleDef& rule : rules::RuleTable()) {
    lines.emplace_back("why " + std::string(rule.name), rule.why_line(e));
  }
  lines.emplace_back("why region", e.region.first_holder + ": " + e.region.why);
  return lines;
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

std::string RenderSummary(const model::RunSummary& s, Format format) {
  if (format == Format::kJson) return model::SummaryJson(s) + "\n";
  double mb = static_cast<double>(s.bytes_decoded) / 1e6;
  double rate = s.seconds > 0 ? 1.0 / s.seconds : 0;
  std::vector<std::pair<std::string, std::string>> rows{
      {"as_of", s.as_of.ToString()},
      {"lines_read", std::to_string(s.lines_read)},
      {"indexed", std::to_string(s.indexed)},
      {"quarantined", std::to_string(s.quarantined)},
      {"duplicates_replaced", std::to_string(s.duplicates_replaced)},
      {"valid_inventions", std::to_string(s.valid_inventions)},
      {"high_value", std::to_string(s.high_value)},
      {"valid_inventions_domestic", std::to_string(s.valid_inventions_domestic)},
      {"high_value_domestic", std::to_string(s.high_value_domestic)},
      {"bytes_read", std::to_string(s.bytes_read)},
      {"bytes_decoded", std::to_string(s.bytes_decoded)},
      {"threads", std::to_string(s.threads)},
      {"seconds", Fixed(s.seconds, 3)},
      // Numbers without units (issue #12 item 6), named as in the JSON summary.
      {"mb_per_second", Fixed(mb * rate, 1)},
      {"records_per_second", Fixed(static_cast<double>(s.lines_read) * rate, 0)}};
  if (format == Format::kCsv) {
    // The per-date figures as dotted fields (as info does), so that one CSV keeps them all.
    for (const auto& d : s.dates) {
      const std::string key = "dates." + d.as_of.ToString() + ".";
      rows.insert(rows.end(), {{key + "valid_inventions", std::to_string(d.valid_inventions)},
                               {key + "high_value", std::to_string(d.high_value)},
                               {key + "valid_inventions_domestic", std::to_string(d.valid_inventions_domestic)},
                               {key + "high_value_domestic", std::to_string(d.high_value_domestic)}});
    }
  }
  std::string out = KeyValues("run", rows, format, /*numbers=*/true);
  if (format == Format::kTable && s.dates.size() > 1) {
    std::vector<std::vector<std::string>> by_date;
    for (const auto& d : s.dates) {
      by_date.push_back({d.as_of.ToString(), std::to_string(d.valid_inventions), std::to_string(d.high_value),
                         std::to_string(d.valid_inventions_domestic), std::to_string(d.high_value_domestic)});
    }
    out +=
        "\n" + Table({"as_of", "valid_inventions", "high_value", "valid_domestic", "high_value_domestic"}, by_date, 1);
  }
  return out;
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

std::string RenderShow(const query::PatentView& view, const query::RunInfo& info, Format format) {
  const model::Patent& p = view.patent;
  const model::Verdict& v = view.verdict;
  std::vector<std::string> holders;
  for (const auto& h : p.holders) holders.push_back(h.name);
  std::optional<std::string> region;
  if (p.FirstHolderDomestic() && !p.Region().empty()) region = std::string(p.Region());
  auto date = [](const std::optional<base::Date>& d) { return d ? d->ToString() : std::string(); };
  if (format == Format::kJson) {
    auto optional_date = OptionalDate;
    return "{\"id\":" + JsonString(p.id) + ",\"region\":" + Optional(region) + ",\"holders\":" + StringArray(holders) +
           ",\"valid\":" + (v.valid ? "true" : "false") + ",\"high_value\":" + (v.high_value ? "true" : "false") +
           ",\"rules\":" + RulesObject(v.enabled, nullptr, &v.rules) +
           ",\"industries\":" + StringArray(v.TopIndustries()) + ",\"as_of\":\"" + info.as_of.ToString() +
           "\",\"office\":" + JsonString(p.office) + ",\"type\":" + JsonString(model::PatentTypeName(p.type)) +
           ",\"status\":" + JsonString(model::StatusName(p.status)) +
           ",\"filing_date\":" + JsonString(p.filing_date.ToString()) +
           ",\"grant_date\":" + optional_date(p.grant_date) + ",\"status_date\":" + optional_date(p.status_date) +
           ",\"ipc\":" + StringArray(p.ipc) + ",\"industry_codes\":" + StringArray(v.industries) +
           ",\"family_id\":" + (p.family_id.empty() ? "null" : JsonString(p.family_id)) +
           ",\"evidence\":" + EvidenceJson(view.evidence) + "}\n";
  }
  std::vector<std::pair<std::string, std::string>> rows{{"id", p.id},
                                                        {"as_of", info.as_of.ToString()},
                                                        {"office", p.office},
                                                        {"type", std::string(model::PatentTypeName(p.type))},
                                                        {"status", std::string(model::StatusName(p.status))},
                                                        {"filing_date", p.filing_date.ToString()},
                                                        {"grant_date", date(p.grant_date)},
                                                        {"status_date", date(p.status_date)},
                                                        {"region", region.value_or("")},
                                                        {"holders", Join(holders, "; ")},
                                                        {"ipc", Join(p.ipc, " ")},
                                                        {"industries", Join(v.industries, " ")},
                                                        {"family_id", p.family_id},
                                                        {"valid", v.valid ? "yes" : "no"},
                                                        {"high_value", v.high_value ? "yes" : "no"}};
  for (auto rule : model::kAllRules) {
    int r = static_cast<int>(rule);
    rows.emplace_back("rule " + std::string(rules::RuleName(rule)), !v.enabled[r] ? "disabled"
                                                                    : v.rules[r]  ? "yes"
                                                                                  : "no");
  }
  for (auto& line : EvidenceLines(view.evidence)) rows.push_back(std::move(line));
  return KeyValues("field", rows, format, /*numbers=*/false);
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
