// high_value.ini through Boost.Program_options (spec/rules.md, "Files under rules/").
#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <sstream>

#include "hvpat/base/error.h"
#include "hvpat/rules/rule_set.h"
#include "tsv.h"

namespace hvpat::rules {
namespace po = boost::program_options;

namespace {

std::string Trim(std::string s) {
  auto hash = s.find('#');
  if (hash != std::string::npos) s.erase(hash);
  auto b = s.find_first_not_of(" \t\r");
  auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// One `key = value` line of the file, with its section.
struct IniLine {
  uint64_t number;
  std::string option;  // "section.key"
  std::string value;
};

// The file's key lines and section headers. Program_options reports the option but not
// the line, and the spec wants both.
struct IniText {
  std::vector<IniLine> keys;
  std::vector<std::pair<uint64_t, std::string>> sections;

  explicit IniText(const std::string& text) {
    std::istringstream in(text);
    std::string line, section;
    uint64_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      std::string t = Trim(line);
      if (t.empty()) continue;
      if (t.front() == '[' && t.back() == ']') {
        section = Trim(t.substr(1, t.size() - 2));
        sections.emplace_back(number, section);
        continue;
      }
      auto eq = t.find('=');
      if (eq == std::string::npos) continue;
      std::string key = Trim(t.substr(0, eq));
      keys.push_back({number, section.empty() ? key : section + "." + key, Trim(t.substr(eq + 1))});
    }
  }
  // Lines of `option`, in order; with `value`, only those giving that value.
  std::vector<uint64_t> LinesOf(std::string_view option, const std::string* value = nullptr) const {
    std::vector<uint64_t> lines;
    for (const auto& k : keys) {
      if (k.option == option && (!value || k.value == *value)) lines.push_back(k.number);
    }
    return lines;
  }
};

// The first line where the file breaks the config syntax (a line that is neither a
// section, a comment nor key = value), for program_options' syntax errors.
uint64_t FirstBadLine(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    auto b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    line = line.substr(b);
    if (line.front() == '[' ? line.find(']') == std::string::npos : line.find('=') == std::string::npos) {
      return number;
    }
  }
  return 0;
}

template <typename T>
T Single(const po::variables_map& vm, const char* key, T fallback) {
  return vm.count(key) ? vm[key].as<T>() : fallback;
}

}  // namespace

bool Config::IsDomestic(std::string_view country) const {
  return std::find(domestic.begin(), domestic.end(), country) != domestic.end();
}

bool Config::Accepts(std::string_view award, std::string_view level) const {
  for (const auto& word : accepted_awards) {
    if (word.size() == award.size() + 1 + level.size() && word.compare(0, award.size(), award) == 0 &&
        word[award.size()] == ':' && word.compare(award.size() + 1, level.size(), level) == 0) {
      return true;
    }
  }
  return false;
}

bool IsKnownAward(std::string_view award, std::string_view level) {
  if (award == "china_patent") return level == "gold" || level == "silver" || level == "excellence";
  if (award == "national_sci_tech") return level == "special" || level == "first" || level == "second";
  return false;
}

Config LoadConfig(const std::string& path) { return ParseConfig(path, ReadRulesFile(path)); }

Config ParseConfig(const std::string& path, const std::string& text) {
  const IniText ini(text);
  // An unknown section is malformed even when it holds no key (program_options only
  // sees keys).
  static const std::vector<std::string> kSections = {"rules", "validity", "maintained", "pledge", "overseas", "award"};
  for (const auto& [line, section] : ini.sections) {
    if (std::find(kSections.begin(), kSections.end(), section) == kSections.end()) {
      RulesFileError(path, line, "unknown section [" + section + "]");
    }
  }
  // Unknown keys are named here, before program_options sees them: its error text
  // substitutes placeholders such as %canonical_option% in the key itself and never ends
  // on a key that contains one (found by the rules fuzzer, fuzz/findings/).
  static const std::vector<std::string> kKeys = {"rules.enabled",     "validity.term_years",  "maintained.years",
                                                 "maintained.anchor", "pledge.threshold_cny", "pledge.apportion",
                                                 "overseas.domestic", "award.accept"};
  for (const auto& k : ini.keys) {
    if (std::find(kKeys.begin(), kKeys.end(), k.option) == kKeys.end()) {
      RulesFileError(path, k.number, "unknown key '" + k.option + "'");
    }
  }
  Config config;
  po::options_description keys;
  keys.add_options()("rules.enabled", po::value<std::vector<std::string>>())(
      "validity.term_years", po::value<std::string>())("maintained.years", po::value<std::string>())(
      "maintained.anchor", po::value<std::string>())("pledge.threshold_cny", po::value<std::string>())(
      "pledge.apportion", po::value<std::string>())("overseas.domestic", po::value<std::vector<std::string>>())(
      "award.accept", po::value<std::vector<std::string>>());
  po::variables_map vm;
  try {
    std::istringstream in(text);
    po::store(po::parse_config_file(in, keys, /*allow_unregistered=*/false), vm);
  } catch (const po::error_with_option_name& e) {
    auto lines = ini.LinesOf(e.get_option_name());
    bool repeated = dynamic_cast<const po::multiple_occurrences*>(&e) != nullptr;
    uint64_t line = lines.empty() ? FirstBadLine(text) : repeated && lines.size() > 1 ? lines[1] : lines[0];
    RulesFileError(path, line, e.what());
  } catch (const po::error& e) {
    RulesFileError(path, FirstBadLine(text), e.what());
  }

  auto bad = [&](const char* key, const std::string& value, const std::string& why) {
    auto lines = ini.LinesOf(key, &value);
    RulesFileError(path, lines.empty() ? 0 : lines.front(), std::string(key) + " = " + value + ": " + why);
  };
  auto integer = [&](const char* key, int fallback, int minimum) {
    if (!vm.count(key)) return fallback;
    const std::string value = vm[key].as<std::string>();
    int n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
      bad(key, value, "expected an integer");
    }
    if (n < minimum) bad(key, value, "must be at least " + std::to_string(minimum));
    return n;
  };
  auto word = [&](const char* key, std::initializer_list<std::string_view> words) -> std::string {
    if (!vm.count(key)) return std::string();
    std::string value = vm[key].as<std::string>();
    if (std::find(words.begin(), words.end(), value) == words.end()) {
      std::string list;
      for (auto w : words) list += (list.empty() ? "" : ", ") + std::string(w);
      bad(key, value, "expected one of " + list);
    }
    return value;
  };

  if (vm.count("rules.enabled")) {
    config.enabled.fill(false);
    for (const auto& name : vm["rules.enabled"].as<std::vector<std::string>>()) {
      auto rule = model::RuleFromName(name);
      if (!rule) bad("rules.enabled", name, "unknown rule (sei, overseas, maintained, pledge, award)");
      config.enabled[static_cast<int>(*rule)] = true;
    }
  }
  config.term_years = integer("validity.term_years", config.term_years, 1);
  config.maintained_years = integer("maintained.years", config.maintained_years, 0);
  if (word("maintained.anchor", {"filing", "grant"}) == "grant") config.anchor = Config::Anchor::kGrant;
  if (vm.count("pledge.threshold_cny")) {
    const std::string value = vm["pledge.threshold_cny"].as<std::string>();
    double amount = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), amount);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty() || !std::isfinite(amount)) {
      bad("pledge.threshold_cny", value, "expected a number of CNY");
    }
    if (amount < 0) bad("pledge.threshold_cny", value, "must not be negative");
    config.pledge_threshold_cny = amount;
  }
  if (word("pledge.apportion", {"share", "whole"}) == "whole") config.apportion = Config::Apportion::kWhole;
  if (vm.count("overseas.domestic")) {
    config.domestic = vm["overseas.domestic"].as<std::vector<std::string>>();
    for (const auto& country : config.domestic) {
      if (country.empty()) bad("overseas.domestic", country, "expected a country code");
    }
  }
  if (vm.count("award.accept")) {
    config.accepted_awards = vm["award.accept"].as<std::vector<std::string>>();
    for (const auto& accept : config.accepted_awards) {
      auto colon = accept.find(':');
      if (colon == std::string::npos || !IsKnownAward(accept.substr(0, colon), accept.substr(colon + 1))) {
        bad("award.accept", accept, "expected award:level, e.g. china_patent:gold");
      }
    }
  }
  return config;
}

}  // namespace hvpat::rules
