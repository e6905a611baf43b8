// Snapshots and diff renderings (nightly.h). JSON fields as spec/nightly.md names them.
#include "hvpat/report/nightly.h"

#include "hvpat/base/json.h"
#include "hvpat/rules/rule_table.h"

namespace hvpat::report {
namespace {

using base::JsonString;

std::string DatesJson(const std::vector<base::Date>& dates) {
  return base::JsonArray(dates, [](base::Date d) { return JsonString(d.ToString()); });
}

std::string DatesText(const std::vector<base::Date>& dates) {
  std::string out;
  for (size_t i = 0; i < dates.size(); ++i) out += (i ? " " : "") + dates[i].ToString();
  return out;
}

// As in show: each rule's flag, null when disabled; null for an absent record.
std::string RulesJson(const std::optional<model::Verdict>& v) {
  if (!v) return "null";
  std::string out = "{";
  for (auto rule : model::kAllRules) {
    int r = static_cast<int>(rule);
    out += (r ? "," : "") + JsonString(rules::RuleName(rule)) + ":" +
           (!v->enabled[r] ? "null"
            : v->rules[r]  ? "true"
                           : "false");
  }
  return out + "}";
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

std::string EntriesJson(const std::vector<query::DiffEntry>& entries) {
  return base::JsonArray(entries, [](const query::DiffEntry& e) {
    return "{\"id\":" + JsonString(e.id) + ",\"region\":" + (e.region.empty() ? "null" : JsonString(e.region)) +
           ",\"rules_from\":" + RulesJson(e.from) + ",\"rules_to\":" + RulesJson(e.to) + "}";
  });
}

}  // namespace

std::string RenderSnapshots(const std::vector<query::SnapshotInfo>& snapshots, Format format) {
  if (format == Format::kJson) {
    std::string out = "[";
    for (size_t i = 0; i < snapshots.size(); ++i) {
      const auto& s = snapshots[i];
      out += std::string(i ? "," : "") + "{\"name\":" + JsonString(s.name) +
             ",\"published\":" + (s.published ? "true" : "false") + ",\"created\":" + JsonString(s.created) +
             ",\"as_of\":" + DatesJson(s.as_of) + ",\"rules_fingerprint\":" + JsonString(s.rules_fingerprint) +
             ",\"lines_read\":" + std::to_string(s.lines_read) + ",\"indexed\":" + std::to_string(s.indexed) +
             ",\"quarantined\":" + std::to_string(s.quarantined) + "}";
    }
    return out + "]\n";
  }
  std::vector<std::vector<std::string>> rows;
  rows.reserve(snapshots.size());
  for (const auto& s : snapshots) {
    rows.push_back({s.name, s.published ? "yes" : "no", s.created, DatesText(s.as_of),
                    s.rules_fingerprint.substr(0, 12), std::to_string(s.lines_read), std::to_string(s.indexed),
                    std::to_string(s.quarantined)});
  }
  return RenderGrid({"name", "published", "created", "as_of", "rules", "lines_read", "indexed", "quarantined"}, rows, 5,
                    format);
}

std::string RenderDiff(const query::DiffResult& d, Format format) {
  if (format == Format::kJson) {
    return "{\"from\":" + JsonString(d.from) + ",\"to\":" + JsonString(d.to) +
           ",\"as_of\":" + JsonString(d.as_of.ToString()) +
           ",\"region\":" + (d.region ? JsonString(*d.region) : "null") +
           ",\"high_value_from\":" + std::to_string(d.high_value_from) +
           ",\"high_value_to\":" + std::to_string(d.high_value_to) + ",\"entered\":" + EntriesJson(d.entered) +
           ",\"left\":" + EntriesJson(d.left) + ",\"added\":" + std::to_string(d.added) +
           ",\"removed\":" + std::to_string(d.removed) + "}\n";
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto* list : {&d.entered, &d.left}) {
    for (const auto& e : *list) {
      rows.push_back({list == &d.entered ? "entered" : "left", e.id, e.region, RulesText(e.from), RulesText(e.to),
                      d.as_of.ToString()});
    }
  }
  std::string out;
  if (format == Format::kTable) {
    out = "from " + d.from + " to " + d.to + ", as of " + d.as_of.ToString() + ", " +
          (d.region ? "region " + *d.region : std::string("the nation")) + "\n" + "high-value " +
          std::to_string(d.high_value_from) + " -> " + std::to_string(d.high_value_to) + " (" +
          std::to_string(d.entered.size()) + " entered, " + std::to_string(d.left.size()) + " left); patents added " +
          std::to_string(d.added) + ", removed " + std::to_string(d.removed) + "\n\n";
  }
  return out + RenderGrid({"change", "id", "region", "rules_from", "rules_to", "as_of"}, rows, 6, format);
}

}  // namespace hvpat::report
