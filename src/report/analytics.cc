// Builders of the analytics Documents (spec/analytics.md output shapes; cli.md for report).
#include "hvpat/report/analytics.h"

#include <algorithm>

#include "hvpat/rules/rule_table.h"

namespace hvpat::report {
namespace {

Cell Count(uint64_t n) { return Cell::Integer(static_cast<int64_t>(n)); }

Cell RuleCount(const query::CountResult& r, int rule) {
  return r.enabled[rule] ? Count(r.counts.by_rule[rule]) : Cell::Null();
}

std::vector<Column> ReportHeader() {
  std::vector<Column> columns{{"region", Style::kText, ""},
                              {"name", Style::kText, ""},
                              {"valid_inventions", Style::kNumber, ""},
                              {"high_value", Style::kNumber, ""}};
  for (auto rule : model::kAllRules) columns.push_back({std::string(rules::RuleName(rule)), Style::kNumber, "by_rule"});
  columns.insert(columns.end(), {{"population", Style::kNumber, ""},
                                 {"population_year", Style::kText, ""},
                                 {"high_value_per_10k", Style::kRatio, ""},
                                 {"valid_per_10k", Style::kRatio, ""}});
  return columns;
}

std::vector<Cell> ReportRow(const query::CountResult& r) {
  std::vector<Cell> row{Cell::Text(r.region), Cell::Text(r.name), Count(r.counts.valid), Count(r.counts.high_value)};
  for (int rule = 0; rule < model::kRuleCount; ++rule) row.push_back(RuleCount(r, rule));
  row.push_back(Cell::Integer(r.population));
  row.push_back(r.population_year ? Cell::Integer(*r.population_year) : Cell::Null());
  row.push_back(Cell::Double(r.PerTenThousand()));
  row.push_back(Cell::Double(r.ValidPerTenThousand()));
  return row;
}

// Numbers descending, text ascending, nulls last (a report is read "who leads").
bool CellBefore(const Cell& a, const Cell& b) {
  if (a.kind == Cell::Kind::kNull || b.kind == Cell::Kind::kNull) {
    return a.kind != Cell::Kind::kNull && b.kind == Cell::Kind::kNull;
  }
  if (a.kind == Cell::Kind::kText) return a.text < b.text;
  auto value = [](const Cell& c) { return c.kind == Cell::Kind::kInteger ? static_cast<double>(c.integer) : c.number; };
  return value(a) > value(b);
}

std::string Name(const std::optional<std::string>& n) { return n.value_or(""); }

}  // namespace

std::vector<std::string> ReportColumns() {
  std::vector<std::string> keys;
  for (const auto& c : ReportHeader()) keys.push_back(c.key);
  return keys;
}

Document ReportDocument(const std::vector<query::CountResult>& rows, const std::string& sort) {
  Document d;
  d.columns = ReportHeader();
  for (const auto& r : rows) d.rows.push_back(ReportRow(r));
  if (!rows.empty()) {
    d.as_of = rows.front().as_of.ToString();
    d.title = Name(rows.front().name) + " as of " + d.as_of;
  }
  auto column = std::find_if(d.columns.begin(), d.columns.end(), [&](const Column& c) { return c.key == sort; });
  if (!sort.empty() && column != d.columns.end() && d.rows.size() > 2) {
    size_t c = static_cast<size_t>(column - d.columns.begin());
    std::stable_sort(d.rows.begin() + 1, d.rows.end(),
                     [c](const auto& a, const auto& b) { return CellBefore(a[c], b[c]); });
  }
  return d;
}

Document IndustriesDocument(const std::vector<query::IndustryRow>& rows, const query::RunInfo& info) {
  Document d;
  d.columns = {{"industry", Style::kText, ""}, {"name", Style::kText, ""}, {"valid_inventions", Style::kNumber, ""}};
  for (const auto& r : rows) d.rows.push_back({Cell::Text(r.industry), Cell::Text(r.name), Count(r.valid_inventions)});
  d.as_of = info.as_of.ToString();
  d.title = "valid inventions by strategic emerging industry, as of " + d.as_of;
  return d;
}

Document PledgesDocument(const query::PledgeResult& p, const std::optional<std::string>& region,
                         const std::optional<std::string>& name) {
  Document d;
  d.single = true;
  d.columns = {{"region", Style::kText, ""},      {"name", Style::kText, ""},      {"from", Style::kText, ""},
               {"to", Style::kText, ""},          {"pledges", Style::kNumber, ""}, {"patents", Style::kNumber, ""},
               {"amount_cny", Style::kAmount, ""}};
  d.rows.push_back({Cell::Text(region), Cell::Text(name), p.from ? Cell::Text(p.from->ToString()) : Cell::Null(),
                    Cell::Text(p.to.ToString()), Count(p.tally.pledges), Count(p.tally.patents),
                    Cell::Double(p.tally.amount_cny)});
  d.as_of = p.to.ToString();
  d.title = "pledge financing registered " + (p.from ? p.from->ToString() : std::string("(any date)")) + " to " +
            d.as_of + ", CNY";
  return d;
}

Document OutlookDocument(const std::vector<query::OutlookRow>& rows, const query::RunInfo& info) {
  // `as_of` is the future date D + k years (analytics.md); the statistics date D itself is
  // `statistics_date`.
  Document d;
  d.columns = {{"years", Style::kNumber, ""},
               {"as_of", Style::kText, ""},
               {"patents", Style::kNumber, ""},
               {"statistics_date", Style::kText, ""}};
  for (const auto& r : rows) {
    d.rows.push_back(
        {Cell::Integer(r.years), Cell::Text(r.as_of.ToString()), Count(r.patents), Cell::Text(info.as_of.ToString())});
  }
  d.title = "valid, not yet high-value inventions first passing the maintenance line, from " + info.as_of.ToString();
  return d;
}

Document TargetsDocument(const std::vector<query::TargetRow>& rows) {
  Document d;
  d.columns = {{"region", Style::kText, ""},   {"name", Style::kText, ""},       {"metric", Style::kText, ""},
               {"target", Style::kNumber, ""}, {"due", Style::kText, ""},        {"base", Style::kText, ""},
               {"as_of", Style::kText, ""},    {"current", Style::kRatio, ""},   {"share", Style::kPercent, ""},
               {"met", Style::kText, ""},      {"projected", Style::kRatio, ""}, {"source", Style::kText, ""}};
  for (const auto& r : rows) {
    const auto& t = r.target;
    d.rows.push_back({Cell::Text(t.region), Cell::Text(r.name), Cell::Text(std::string(rules::MetricName(t.metric))),
                      Cell::Double(t.target), Cell::Text(t.due.ToString()),
                      t.base ? Cell::Text(t.base->ToString()) : Cell::Null(), Cell::Text(r.as_of.ToString()),
                      Cell::Double(r.current), Cell::Double(r.share), Cell::Bool(r.met), Cell::Double(r.projected),
                      Cell::Text(t.source)});
  }
  return d;
}

Document HoldersDocument(const std::vector<query::HolderRow>& rows, const query::RunInfo& info) {
  Document d;
  d.columns = {{"rank", Style::kNumber, ""},
               {"holder", Style::kText, ""},
               {"high_value", Style::kNumber, ""},
               {"valid_inventions", Style::kNumber, ""},
               {"share", Style::kPercent, ""}};
  for (auto rule : model::kAllRules)
    d.columns.push_back({std::string(rules::RuleName(rule)), Style::kNumber, "by_rule"});
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    std::vector<Cell> row{Cell::Integer(static_cast<int64_t>(i + 1)), Cell::Text(r.holder), Count(r.high_value),
                          Count(r.valid_inventions), Cell::Double(r.share)};
    for (int rule = 0; rule < model::kRuleCount; ++rule) {
      row.push_back(info.enabled[rule] ? Count(r.by_rule[rule]) : Cell::Null());
    }
    d.rows.push_back(std::move(row));
  }
  // JSON: the spec's members (holder, high_value, valid_inventions), then rank and the rest;
  // tables and CSV rank first.
  d.json_columns = {1, 2, 3, 0};
  for (size_t c = 4; c < d.columns.size(); ++c) d.json_columns.push_back(c);
  d.as_of = info.as_of.ToString();
  return d;
}

Document HolderDocument(const std::vector<query::HolderPatent>& rows, const query::RunInfo& info) {
  Document d;
  d.columns = {{"id", Style::kText, ""},
               {"region", Style::kText, ""},
               {"type", Style::kText, ""},
               {"valid", Style::kText, ""},
               {"high_value", Style::kText, ""}};
  for (auto rule : model::kAllRules) d.columns.push_back({std::string(rules::RuleName(rule)), Style::kText, "rules"});
  d.columns.push_back({"industries", Style::kText, ""});
  for (const auto& r : rows) {
    const auto& v = r.verdict;
    std::vector<Cell> row{Cell::Text(r.id), r.region.empty() ? Cell::Null() : Cell::Text(r.region),
                          Cell::Text(std::string(model::PatentTypeName(r.patent.type))), Cell::Bool(v.valid),
                          Cell::Bool(v.high_value)};
    for (int rule = 0; rule < model::kRuleCount; ++rule) {
      row.push_back(v.enabled[rule] ? Cell::Bool(v.rules[rule]) : Cell::Null());
    }
    row.push_back(Cell::List(v.TopIndustries()));  // as `show` lists them
    d.rows.push_back(std::move(row));
  }
  d.as_of = info.as_of.ToString();
  return d;
}

}  // namespace hvpat::report
