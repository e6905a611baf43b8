// The optional rules files of spec/analytics.md: population.tsv, industries.tsv and
// targets.tsv, and the population of a region at a statistics date.
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "hvpat/record/ipc.h"
#include "hvpat/rules/rule_set.h"
#include "tsv.h"

namespace hvpat::rules {
namespace {

constexpr std::array<std::string_view, 5> kMetricNames = {"high_value", "high_value_per_10k", "valid_per_10k",
                                                          "per_10k_growth", "pledge_cny"};

bool FourDigits(const std::string& text) {
  return text.size() == 4 && text.find_first_not_of("0123456789") == std::string::npos;
}

std::optional<int64_t> PositiveInteger(const std::string& text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// A finite decimal number written in full ("18", "0.5", "2e9"); nothing else on the field.
std::optional<double> Number(const std::string& text) {
  if (text.empty() || std::isspace(static_cast<unsigned char>(text.front()))) return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace

std::string_view MetricName(Metric metric) { return kMetricNames[static_cast<int>(metric)]; }

std::optional<Metric> MetricFromName(std::string_view name) {
  for (size_t i = 0; i < kMetricNames.size(); ++i) {
    if (kMetricNames[i] == name) return static_cast<Metric>(i);
  }
  return std::nullopt;
}

PopulationTable ParsePopulation(const std::string& path, const std::string& text,
                                const std::unordered_map<std::string, Region>& regions) {
  PopulationTable table;
  ReadTsv(path, text, {"code", "year", "population"}, [&](uint64_t line, const std::vector<std::string>& f) {
    if (!regions.contains(f[0])) RulesFileError(path, line, "code '" + f[0] + "' has no line in regions.tsv");
    if (!FourDigits(f[1])) RulesFileError(path, line, "year '" + f[1] + "' is not four digits");
    auto population = PositiveInteger(f[2]);
    if (!population) RulesFileError(path, line, "population '" + f[2] + "' is not a positive integer");
    if (!table[f[0]].emplace(std::stoi(f[1]), *population).second) {
      RulesFileError(path, line, "code " + f[0] + " year " + f[1] + " is given twice");
    }
  });
  return table;
}

std::map<std::string, std::string> ParseIndustryNames(const std::string& path, const std::string& text) {
  std::map<std::string, std::string> names;
  ReadTsv(path, text, {"code", "name"}, [&](uint64_t line, const std::vector<std::string>& f) {
    if (f[0].empty()) RulesFileError(path, line, "code is empty");
    if (!names.emplace(f[0], f[1]).second) RulesFileError(path, line, "code " + f[0] + " is given twice");
  });
  return names;
}

std::vector<Target> ParseTargets(const std::string& path, const std::string& text) {
  std::vector<Target> targets;
  ReadTsv(path, text, {"region", "metric", "target", "due", "base", "source"},
          [&](uint64_t line, const std::vector<std::string>& f) {
            Target t;
            if (!model::IsRegionCode(f[0])) RulesFileError(path, line, "region '" + f[0] + "' is not six digits");
            t.region = f[0];
            auto metric = MetricFromName(f[1]);
            if (!metric) RulesFileError(path, line, "unknown metric '" + f[1] + "'");
            t.metric = *metric;
            auto target = Number(f[2]);
            if (!target) RulesFileError(path, line, "target '" + f[2] + "' is not a number");
            t.target = *target;
            auto due = base::Date::ParseIso(f[3]);
            if (!due) RulesFileError(path, line, "due '" + f[3] + "' is not a YYYY-MM-DD date");
            t.due = *due;
            if (!f[4].empty()) {
              t.base = base::Date::ParseIso(f[4]);
              if (!t.base) RulesFileError(path, line, "base '" + f[4] + "' is not a YYYY-MM-DD date");
            }
            t.source = f[5];
            targets.push_back(std::move(t));
          });
  return targets;
}

PopulationAt PopulationIn(const std::map<int, int64_t>& yearly, std::optional<int64_t> census, base::Date date) {
  if (auto after = yearly.upper_bound(date.year()); after != yearly.begin()) {
    --after;
    return {after->second, after->first};
  }
  return {census, std::nullopt};
}

PopulationAt PopulationOf(const RuleSet& rules, std::string_view code, base::Date date) {
  static const std::map<int, int64_t> kNoRows;
  std::string key(code);
  const auto region = rules.regions.find(key);
  const auto rows = rules.population.find(key);
  return PopulationIn(rows == rules.population.end() ? kNoRows : rows->second,
                      region == rules.regions.end() ? std::nullopt : region->second.population, date);
}

std::vector<LaterIpc> ParseIpcEditions(const std::string& path, const std::string& text) {
  std::vector<LaterIpc> out;
  ReadTsv(path, text, {"code", "edition", "moved_from"}, [&](uint64_t line, const std::vector<std::string>& f) {
    const std::string& code = f[0];
    const bool digits =
        code.size() > 4 && code.size() <= 8 && code.find_first_not_of("0123456789", 4) == std::string::npos;
    if (code.size() < 4 || !record::IsSubclass(code.substr(0, 4)) || (code.size() > 4 && !digits)) {
      RulesFileError(path, line, "code '" + code + "' is not a subclass (H10B) or a main group (H04L67)");
    }
    if (f[1].size() != 7 || f[1][4] != '.') RulesFileError(path, line, "edition '" + f[1] + "' is not YYYY.MM");
    for (const auto& e : out) {
      if (e.code == code) RulesFileError(path, line, "code " + code + " is given twice");
    }
    out.push_back({code, f[1], f[2]});
  });
  return out;
}

const LaterIpc* LaterIpcOf(const RuleSet& rules, std::string_view subclass, uint32_t main_group) {
  const std::string group = std::string(subclass) + std::to_string(main_group);
  for (const auto& e : rules.later_ipc) {
    if (e.code == subclass || e.code == group) return &e;
  }
  return nullptr;
}

}  // namespace hvpat::rules
