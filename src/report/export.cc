// NDJSON and CSV records of hvpat export. Field names follow show's JSON (spec/cli.md,
// hvpat show) so that one reader handles both; the CSV carries the same columns.
#include "hvpat/report/export.h"

#include <algorithm>

#include "hvpat/base/json.h"
#include "hvpat/rules/rule_table.h"

namespace hvpat::report {
namespace {

using base::AppendJsonString;

const char* Bool(bool b) { return b ? "true" : "false"; }

void AppendCsvField(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// Top-level industry codes ("1") of the detailed ones ("1.5"), which are sorted.
std::vector<std::string_view> TopCodes(const std::vector<std::string>& detailed) {
  std::vector<std::string_view> top;
  for (const auto& code : detailed) {
    std::string_view t = std::string_view(code).substr(0, code.find('.'));
    bool seen = false;
    for (auto s : top) seen = seen || s == t;
    if (!seen) top.push_back(t);
  }
  std::sort(top.begin(), top.end());
  return top;
}

template <typename Strings>
void AppendJsonArray(std::string& out, const Strings& items) {
  out += '[';
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(out, item);
  }
  out += ']';
}

void AppendNdjson(std::string& out, const query::ExportRecord& r) {
  const model::Patent& p = r.patent;
  const model::Verdict& v = r.verdict;
  out += "{\"id\":";
  AppendJsonString(out, p.id);
  out += ",\"office\":";
  AppendJsonString(out, p.office);
  out += ",\"type\":";
  AppendJsonString(out, model::PatentTypeName(p.type));
  out += ",\"region\":";
  if (p.FirstHolderDomestic() && !p.Region().empty()) {
    AppendJsonString(out, p.Region());
  } else {
    out += "null";
  }
  out += ",\"domestic\":";
  out += Bool(p.FirstHolderDomestic());
  out += ",\"holders\":[";
  for (size_t i = 0; i < p.holders.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, p.holders[i].name);
  }
  out += "],\"industries\":";
  AppendJsonArray(out, TopCodes(v.industries));
  out += ",\"industry_codes\":";
  AppendJsonArray(out, v.industries);
  out += ",\"valid\":";
  out += Bool(v.valid);
  out += ",\"high_value\":";
  out += Bool(v.high_value);
  out += ",\"rules\":{";
  for (auto rule : model::kAllRules) {
    const int i = static_cast<int>(rule);
    if (i) out += ',';
    out += '"';
    out += rules::RuleName(rule);
    out += "\":";
    out += v.enabled[i] ? Bool(v.rules[i]) : "null";
  }
  out += "},\"as_of\":\"";
  out += r.as_of_text;
  out += "\"}\n";
}

template <typename Strings>
void AppendJoined(std::string& out, const Strings& items, std::string_view separator) {
  std::string joined;
  bool first = true;
  for (const auto& item : items) {
    if (!first) joined += separator;
    first = false;
    joined += item;
  }
  AppendCsvField(out, joined);
}

void AppendCsv(std::string& out, const query::ExportRecord& r) {
  const model::Patent& p = r.patent;
  const model::Verdict& v = r.verdict;
  AppendCsvField(out, p.id);
  out += ',';
  AppendCsvField(out, p.office);
  out += ',';
  out += model::PatentTypeName(p.type);
  out += ',';
  if (p.FirstHolderDomestic()) out += p.Region();
  out += ',';
  out += Bool(p.FirstHolderDomestic());
  out += ',';
  std::vector<std::string_view> names;
  for (const auto& h : p.holders) names.push_back(h.name);
  AppendJoined(out, names, "; ");
  out += ',';
  AppendJoined(out, TopCodes(v.industries), " ");
  out += ',';
  AppendJoined(out, v.industries, " ");
  out += ',';
  out += Bool(v.valid);
  out += ',';
  out += Bool(v.high_value);
  for (auto rule : model::kAllRules) {
    const int i = static_cast<int>(rule);
    out += ',';
    if (v.enabled[i]) out += Bool(v.rules[i]);
  }
  out += ',';
  out += r.as_of_text;
  out += '\n';
}

}  // namespace

std::optional<ExportFormat> ExportFormatFromName(const std::string& name) {
  if (name == "ndjson" || name == "json") return ExportFormat::kNdjson;
  if (name == "csv") return ExportFormat::kCsv;
  return std::nullopt;
}

std::string ExportHeader(ExportFormat format) {
  if (format == ExportFormat::kNdjson) return "";
  std::string header = "id,office,type,region,domestic,holders,industries,industry_codes,valid,high_value";
  for (auto rule : model::kAllRules) header += "," + std::string(rules::RuleName(rule));
  return header + ",as_of\n";
}

void AppendExportRecord(std::string& out, const query::ExportRecord& record, ExportFormat format) {
  if (format == ExportFormat::kNdjson) {
    AppendNdjson(out, record);
  } else {
    AppendCsv(out, record);
  }
}

}  // namespace hvpat::report
