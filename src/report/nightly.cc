// Snapshots and diff renderings (nightly.h), as Documents. JSON fields as spec/nightly.md
// names them.
#include "hvpat/report/nightly.h"

#include <memory>
#include <utility>

#include "hvpat/report/document.h"
#include "hvpat/rules/rule_table.h"

namespace hvpat::report {
namespace {

Cell Count(uint64_t n) { return Cell::Integer(static_cast<int64_t>(n)); }

// As in show: each rule's flag, null when disabled; null for an absent record.
Cell RulesCell(const std::optional<model::Verdict>& v) {
  if (!v) return Cell::Null();
  Document d;
  d.single = true;
  d.rows.emplace_back();
  for (auto rule : model::kAllRules) {
    int r = static_cast<int>(rule);
    d.columns.push_back({.key = std::string(rules::RuleName(rule))});
    d.rows.front().push_back(v->enabled[r] ? Cell::Bool(v->rules[r]) : Cell::Null());
  }
  return JsonCell(d);
}

// "sei overseas" for the rules that hold, "-" for none, "absent" for no record.
std::string RulesText(const std::optional<model::Verdict>& v) {
  if (!v) return "absent";
  std::string out;
  for (auto rule : model::kAllRules) {
    if (v->Holds(rule)) out += (out.empty() ? "" : " ") + std::string(rules::RuleName(rule));
  }
  if (!v->valid) out += out.empty() ? "not valid" : " (not valid)";
  return out.empty() ? "-" : out;
}

// The JSON array of entered or left patents.
Cell EntriesCell(const std::vector<query::DiffEntry>& entries) {
  Document d;
  d.columns = {{.key = "id"}, {.key = "region"}, {.key = "rules_from"}, {.key = "rules_to"}};
  for (const auto& e : entries) {
    d.rows.push_back(
        {Cell::Text(e.id), e.region.empty() ? Cell::Null() : Cell::Text(e.region), RulesCell(e.from), RulesCell(e.to)});
  }
  return JsonCell(d);
}

// The diff as spec/nightly.md gives it in JSON: one object, the patents in nested arrays.
Document DiffRecord(const query::DiffResult& d) {
  Document record;
  record.single = true;
  record.columns = {{.key = "from"},
                    {.key = "to"},
                    {.key = "as_of"},
                    {.key = "region"},
                    {.key = "high_value_from", .style = Style::kNumber},
                    {.key = "high_value_to", .style = Style::kNumber},
                    {.key = "entered"},
                    {.key = "left"},
                    {.key = "added", .style = Style::kNumber},
                    {.key = "removed", .style = Style::kNumber}};
  record.rows.push_back({Cell::Text(d.from), Cell::Text(d.to), Cell::Text(d.as_of.ToString()), Cell::Text(d.region),
                         Count(d.high_value_from), Count(d.high_value_to), EntriesCell(d.entered), EntriesCell(d.left),
                         Count(d.added), Count(d.removed)});
  return record;
}

}  // namespace

std::string RenderSnapshots(const std::vector<query::SnapshotInfo>& snapshots, Format format) {
  // Tables and CSV say yes or no and show the fingerprint's first twelve digits; JSON has
  // a boolean and the whole fingerprint.
  Document d;
  d.columns = {{.key = "name"},
               {.key = "published"},
               {.key = "created"},
               {.key = "as_of"},
               {.key = "rules"},
               {.key = "lines_read", .style = Style::kNumber},
               {.key = "indexed", .style = Style::kNumber},
               {.key = "quarantined", .style = Style::kNumber},
               {.key = "published"},
               {.key = "rules_fingerprint"}};
  d.table_columns = d.csv_columns = {0, 1, 2, 3, 4, 5, 6, 7};
  d.json_columns = {0, 8, 2, 3, 9, 5, 6, 7};
  for (const auto& s : snapshots) {
    std::vector<std::string> dates;
    for (base::Date date : s.as_of) dates.push_back(date.ToString());
    d.rows.push_back({Cell::Text(s.name), Cell::Text(s.published ? "yes" : "no"), Cell::Text(s.created),
                      Cell::List(std::move(dates)), Cell::Text(s.rules_fingerprint.substr(0, 12)), Count(s.lines_read),
                      Count(s.indexed), Count(s.quarantined), Cell::Bool(s.published),
                      Cell::Text(s.rules_fingerprint)});
  }
  return Render(d, format);
}

std::string RenderDiff(const query::DiffResult& d, Format format) {
  // Tables and CSV: one row per patent that entered or left, tables under two lines that
  // tell the figures; JSON: the one record of DiffRecord.
  Document rows;
  rows.columns = {{.key = "change"},     {.key = "id"},       {.key = "region"},
                  {.key = "rules_from"}, {.key = "rules_to"}, {.key = "as_of"}};
  for (const auto* list : {&d.entered, &d.left}) {
    for (const auto& e : *list) {
      rows.rows.push_back({Cell::Text(list == &d.entered ? "entered" : "left"), Cell::Text(e.id), Cell::Text(e.region),
                           Cell::Text(RulesText(e.from)), Cell::Text(RulesText(e.to)), Cell::Text(d.as_of.ToString())});
    }
  }
  rows.title = "from " + d.from + " to " + d.to + ", as of " + d.as_of.ToString() + ", " +
               (d.region ? "region " + *d.region : std::string("the nation")) + "\n" + "high-value " +
               std::to_string(d.high_value_from) + " -> " + std::to_string(d.high_value_to) + " (" +
               std::to_string(d.entered.size()) + " entered, " + std::to_string(d.left.size()) +
               " left); patents added " + std::to_string(d.added) + ", removed " + std::to_string(d.removed) + "\n";
  rows.json = std::make_shared<const Document>(DiffRecord(d));
  return Render(rows, format);
}

}  // namespace hvpat::report
