// high_value.ini through Boost.Program_options (spec/rules.md, "Files under rules/").
#include <algorithm>
#include <array>
#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <sstream>

#include "hvpat/base/error.h"
#include "hvpat/rules/rule_set.h"
#include "hvpat/rules/rule_table.h"
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

namespace {

// The keys of one file, parsed: each value by option name, and where it was written, for
// messages that name the line.
class Values {
 public:
  Values(const std::string& path, const IniText& ini, po::variables_map vm)
      : path_(path), ini_(ini), vm_(std::move(vm)) {}

  bool Has(const char* key) const { return vm_.count(key) != 0; }
  std::string Text(const char* key) const { return vm_[key].as<std::string>(); }
  std::vector<std::string> List(const char* key) const { return vm_[key].as<std::vector<std::string>>(); }

  [[noreturn]] void Bad(const char* key, const std::string& value, const std::string& why) const {
    auto lines = ini_.LinesOf(key, &value);
    RulesFileError(path_, lines.empty() ? 0 : lines.front(), std::string(key) + " = " + value + ": " + why);
  }
  int Integer(const char* key, int minimum) const {
    const std::string value = Text(key);
    int n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty())
      Bad(key, value, "expected an integer");
    if (n < minimum) Bad(key, value, "must be at least " + std::to_string(minimum));
    return n;
  }
  double Amount(const char* key) const {
    const std::string value = Text(key);
    double amount = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), amount);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty() || !std::isfinite(amount)) {
      Bad(key, value, "expected a number of CNY");
    }
    if (amount < 0) Bad(key, value, "must not be negative");
    return amount;
  }
  // The value, one of `words`.
  std::string Word(const char* key, std::initializer_list<std::string_view> words) const {
    std::string value = Text(key);
    if (std::find(words.begin(), words.end(), value) == words.end()) {
      std::string list;
      for (auto w : words) list += (list.empty() ? "" : ", ") + std::string(w);
      Bad(key, value, "expected one of " + list);
    }
    return value;
  }

 private:
  const std::string& path_;
  const IniText& ini_;
  po::variables_map vm_;
};

// One key of high_value.ini (spec/rules.md): its option, whether it is a list (written
// once per value) and how its value sets the configuration. A key that is absent keeps
// Config's default.
struct Key {
  const char* option;
  bool list;
  void (*apply)(const Values& values, Config& config);
};

void ApplyEnabled(const Values& v, Config& config) {
  config.enabled.fill(false);
  for (const auto& name : v.List("rules.enabled")) {
    auto rule = RuleFromName(name);
    if (!rule) v.Bad("rules.enabled", name, "unknown rule (" + RuleNames() + ")");
    config.enabled[static_cast<int>(*rule)] = true;
  }
}
void ApplyTermYears(const Values& v, Config& config) { config.term_years = v.Integer("validity.term_years", 1); }
void ApplyMaintainedYears(const Values& v, Config& config) {
  config.maintained_years = v.Integer("maintained.years", 0);
}
void ApplyAnchor(const Values& v, Config& config) {
  if (v.Word("maintained.anchor", {"filing", "grant"}) == "grant") config.anchor = Config::Anchor::kGrant;
}
void ApplyThreshold(const Values& v, Config& config) { config.pledge_threshold_cny = v.Amount("pledge.threshold_cny"); }
void ApplyApportion(const Values& v, Config& config) {
  if (v.Word("pledge.apportion", {"share", "whole"}) == "whole") config.apportion = Config::Apportion::kWhole;
}
void ApplyDomestic(const Values& v, Config& config) {
  config.domestic = v.List("overseas.domestic");
  for (const auto& country : config.domestic) {
    if (country.empty()) v.Bad("overseas.domestic", country, "expected a country code");
  }
}
void ApplyAccept(const Values& v, Config& config) {
  config.accepted_awards = v.List("award.accept");
  for (const auto& accept : config.accepted_awards) {
    auto colon = accept.find(':');
    if (colon == std::string::npos || !IsKnownAward(accept.substr(0, colon), accept.substr(colon + 1))) {
      v.Bad("award.accept", accept, "expected award:level, e.g. china_patent:gold");
    }
  }
}

// Every key, in the order they are applied. A rule's keys sit in the section its
// rule-table entry names.
constexpr std::array<Key, 8> kKeys = {{
    {"rules.enabled", true, ApplyEnabled},
    {"validity.term_years", false, ApplyTermYears},
    {"maintained.years", false, ApplyMaintainedYears},
    {"maintained.anchor", false, ApplyAnchor},
    {"pledge.threshold_cny", false, ApplyThreshold},
    {"pledge.apportion", false, ApplyApportion},
    {"overseas.domestic", true, ApplyDomestic},
    {"award.accept", true, ApplyAccept},
}};

// "rules", "validity" and the section of every rule that has one.
std::vector<std::string> Sections() {
  std::vector<std::string> sections = {"rules", "validity"};
  for (const RuleDef& rule : RuleTable()) {
    if (!rule.section.empty()) sections.emplace_back(rule.section);
  }
  return sections;
}

// Unknown sections and keys are named here, before program_options sees them: an
// unknown section is malformed even when it holds no key (program_options only sees
// keys), and program_options' error text substitutes placeholders such as
// %canonical_option% in the key itself and never ends on a key that contains one (found
// by the rules fuzzer, fuzz/findings/).
void RefuseUnknown(const std::string& path, const IniText& ini) {
  const std::vector<std::string> sections = Sections();
  for (const auto& [line, section] : ini.sections) {
    if (std::find(sections.begin(), sections.end(), section) == sections.end()) {
      RulesFileError(path, line, "unknown section [" + section + "]");
    }
  }
  for (const auto& k : ini.keys) {
    auto known = std::find_if(kKeys.begin(), kKeys.end(), [&](const Key& key) { return k.option == key.option; });
    if (known == kKeys.end()) RulesFileError(path, k.number, "unknown key '" + k.option + "'");
  }
}

// The file as program_options reads it, its errors given the line they are on.
po::variables_map ReadKeys(const std::string& path, const std::string& text, const IniText& ini) {
  po::options_description keys;
  for (const Key& key : kKeys) {
    if (key.list) {
      keys.add_options()(key.option, po::value<std::vector<std::string>>());
    } else {
      keys.add_options()(key.option, po::value<std::string>());
    }
  }
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
  return vm;
}

}  // namespace

Config ParseConfig(const std::string& path, const std::string& text) {
  const IniText ini(text);
  RefuseUnknown(path, ini);
  const Values values(path, ini, ReadKeys(path, text, ini));
  Config config;
  for (const Key& key : kKeys) {
    if (values.Has(key.option)) key.apply(values, config);
  }
  return config;
}

}  // namespace hvpat::rules
