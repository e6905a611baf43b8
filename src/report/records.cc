// Builders of the one-record Documents (records.h). JSON members and their order are
// spec/cli.md's, hvpat's own after them.
#include "hvpat/report/records.h"

#include <cassert>
#include <initializer_list>
#include <numeric>
#include <string_view>
#include <utility>

#include "hvpat/base/json.h"
#include "hvpat/rules/rule_table.h"
#include "json_reader.h"

namespace hvpat::report {
namespace {

using base::JsonString;

// An empty record listed as `listing` says.
Document Record(Listing listing) {
  Document d;
  d.single = true;
  d.listing = std::move(listing);
  d.rows.emplace_back();
  return d;
}

// Adds a column and its value to a record; returns the column's index, for the orders.
size_t Add(Document& d, Column column, Cell value) {
  d.columns.push_back(std::move(column));
  d.rows.front().push_back(std::move(value));
  return d.columns.size() - 1;
}

size_t Add(Document& d, std::string key, Cell value, Style style = Style::kText, int decimals = -1) {
  return Add(d, Column{std::move(key), style, "", decimals}, std::move(value));
}

Cell Count(uint64_t n) { return Cell::Integer(static_cast<int64_t>(n)); }

Cell DateCell(const std::optional<base::Date>& d) { return d ? Cell::Text(d->ToString()) : Cell::Null(); }

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
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

// show's JSON members: spec/cli.md's, then hvpat's own, the evidence last.
void AddShowJson(Document& d, const query::PatentView& view, const query::RunInfo& info,
                 const std::optional<std::string>& region, const std::vector<std::string>& holders) {
  const model::Patent& p = view.patent;
  const model::Verdict& v = view.verdict;
  Add(d, "id", Cell::Text(p.id));
  Add(d, "region", Cell::Text(region));
  Add(d, "holders", Cell::List(holders));
  Add(d, "valid", Cell::Bool(v.valid));
  Add(d, "high_value", Cell::Bool(v.high_value));
  for (auto rule : model::kAllRules) {
    const int r = static_cast<int>(rule);
    Add(d, {std::string(rules::RuleName(rule)), Style::kText, "rules"},
        v.enabled[r] ? Cell::Bool(v.rules[r]) : Cell::Null());
  }
  Add(d, "industries", Cell::List(v.TopIndustries()));
  Add(d, "as_of", Cell::Text(info.as_of.ToString()));
  Add(d, "office", Cell::Text(p.office));
  Add(d, "type", Cell::Text(std::string(model::PatentTypeName(p.type))));
  Add(d, "status", Cell::Text(std::string(model::StatusName(p.status))));
  Add(d, "filing_date", Cell::Text(p.filing_date.ToString()));
  Add(d, "grant_date", DateCell(p.grant_date));
  Add(d, "status_date", DateCell(p.status_date));
  Add(d, "ipc", Cell::List(p.ipc));
  Add(d, "industry_codes", Cell::List(v.industries));
  Add(d, "family_id", p.family_id.empty() ? Cell::Null() : Cell::Text(p.family_id));
  Add(d, "evidence", Cell::Json(EvidenceJson(view.evidence)));
}

// The first column named `key`.
size_t Find(const Document& d, std::string_view key) {
  size_t c = 0;
  while (c < d.columns.size() && d.columns[c].key != key) ++c;
  assert(c < d.columns.size());
  return c;
}

// A table of the run's figures at each of its dates.
Document DatesDocument(const std::vector<model::DateFigures>& dates) {
  Document d;
  d.columns = {{"as_of", Style::kText, ""},
               {"valid_inventions", Style::kNumber, ""},
               {"high_value", Style::kNumber, ""},
               {"valid_domestic", Style::kNumber, ""},
               {"high_value_domestic", Style::kNumber, ""}};
  for (const auto& f : dates) {
    d.rows.push_back({Cell::Text(f.as_of.ToString()), Count(f.valid_inventions), Count(f.high_value),
                      Count(f.valid_inventions_domestic), Count(f.high_value_domestic)});
  }
  return d;
}

}  // namespace

Document ShowDocument(const query::PatentView& view, const query::RunInfo& info) {
  const model::Patent& p = view.patent;
  const model::Verdict& v = view.verdict;
  std::vector<std::string> holders;
  for (const auto& h : p.holders) holders.push_back(h.name);
  std::optional<std::string> region;
  if (p.FirstHolderDomestic() && !p.Region().empty()) region = std::string(p.Region());
  Document d = Record({});
  AddShowJson(d, view, info, region, holders);
  d.json_columns.resize(d.columns.size());
  std::iota(d.json_columns.begin(), d.json_columns.end(), size_t{0});
  // The listing: JSON's fields where they read the same, the holders on one line (a name
  // may hold blanks) and the industry codes, then each rule's outcome and why.
  auto shared = [&d](std::initializer_list<std::string_view> keys) {
    for (auto key : keys) d.table_columns.push_back(Find(d, key));
  };
  shared({"id", "as_of", "office", "type", "status", "filing_date", "grant_date", "status_date", "region"});
  d.table_columns.push_back(Add(d, "holders", Cell::Text(Join(holders, "; "))));
  shared({"ipc"});
  d.table_columns.push_back(Add(d, "industries", Cell::List(v.industries)));  // JSON's industry_codes
  shared({"family_id", "valid", "high_value"});
  for (auto rule : model::kAllRules) {
    const int r = static_cast<int>(rule);
    const char* outcome = !v.enabled[r] ? "disabled" : v.rules[r] ? "yes" : "no";
    d.table_columns.push_back(Add(d, "rule " + std::string(rules::RuleName(rule)), Cell::Text(outcome)));
  }
  for (auto& [name, why] : EvidenceLines(view.evidence)) d.table_columns.push_back(Add(d, name, Cell::Text(why)));
  d.csv_columns = d.table_columns;
  return d;
}

Document SummaryDocument(const model::RunSummary& s) {
  Document d = Record({"run", /*numbers=*/true});
  // JSON: the summary as hvpat stores it, member by member.
  for (auto& [key, json] : JsonMembers(model::SummaryJson(s))) d.json_columns.push_back(Add(d, key, Cell::Json(json)));
  // The listing: numbers without units (issue #12 item 6), named as in the JSON.
  auto figure = [&d](const char* key, Cell value, int decimals = -1) {
    d.table_columns.push_back(Add(d, key, std::move(value), Style::kNumber, decimals));
  };
  d.table_columns.push_back(Add(d, "as_of", Cell::Text(s.as_of.ToString())));
  figure("lines_read", Count(s.lines_read));
  figure("indexed", Count(s.indexed));
  figure("quarantined", Count(s.quarantined));
  figure("duplicates_replaced", Count(s.duplicates_replaced));
  figure("valid_inventions", Count(s.valid_inventions));
  figure("high_value", Count(s.high_value));
  figure("valid_inventions_domestic", Count(s.valid_inventions_domestic));
  figure("high_value_domestic", Count(s.high_value_domestic));
  figure("bytes_read", Count(s.bytes_read));
  figure("bytes_decoded", Count(s.bytes_decoded));
  figure("threads", Cell::Integer(s.threads));
  figure("seconds", Cell::Double(s.seconds), 3);
  const double rate = s.seconds > 0 ? 1.0 / s.seconds : 0;
  figure("mb_per_second", Cell::Double(static_cast<double>(s.bytes_decoded) / 1e6 * rate), 1);
  figure("records_per_second", Cell::Double(static_cast<double>(s.lines_read) * rate), 0);
  d.csv_columns = d.table_columns;
  // The figures per date: in CSV as dotted fields (as info does), so that one CSV keeps
  // them all; in tables as a table below when there are several (one date's are the run's).
  for (const auto& f : s.dates) {
    const std::string key = "dates." + f.as_of.ToString() + ".";
    for (auto [member, n] : {std::pair{"valid_inventions", f.valid_inventions}, std::pair{"high_value", f.high_value},
                             std::pair{"valid_inventions_domestic", f.valid_inventions_domestic},
                             std::pair{"high_value_domestic", f.high_value_domestic}}) {
      d.csv_columns.push_back(Add(d, key + member, Count(n), Style::kNumber));
    }
  }
  if (s.dates.size() > 1) d.below.push_back(DatesDocument(s.dates));
  return d;
}

Document InfoDocument(const query::RunInfo& info) {
  Document d = Record({.heading = "field", .numbers = false, .flat = true});
  std::vector<std::string> dates;
  for (auto date : info.dates) dates.push_back(date.ToString());
  Add(d, "as_of", Cell::Text(info.as_of.ToString()));
  Add(d, "dates", Cell::List(dates));
  Add(d, "summary", Cell::Json(info.summary_json));
  Add(d, "rules", Cell::Json(info.rules_json));
  Add(d, "inputs", Cell::Json(info.inputs_json));
  return d;
}

}  // namespace hvpat::report
