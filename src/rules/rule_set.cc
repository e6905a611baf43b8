// Loading a whole rules/ directory (spec/rules.md, "Files under rules/").
#include "hvpat/rules/rule_set.h"

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "hvpat/base/error.h"
#include "hvpat/base/json.h"
#include "hvpat/rules/rule_table.h"
#include "tsv.h"

namespace hvpat::rules {
namespace {

std::vector<std::string> SplitSpaces(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

Concordance ParseConcordance(const std::string& path, const std::string& text) {
  Concordance concordance;
  ReadTsv(path, text, {"industry_code", "industry_name", "row", "include", "exclude"},
          [&](uint64_t line, const std::vector<std::string>& f) {
            ConcordanceRow row{f[0], f[1], f[2], SplitSpaces(f[3]), SplitSpaces(f[4])};
            if (row.industry_code.empty()) RulesFileError(path, line, "industry_code is empty");
            if (row.include.empty()) RulesFileError(path, line, "include is empty");
            for (const auto* list : {&row.include, &row.exclude}) {
              for (const auto& text : *list) {
                if (!Pattern::Parse(text)) RulesFileError(path, line, "'" + text + "' is not an IPC pattern");
              }
            }
            concordance.AddRow(std::move(row));
          });
  return concordance;
}

// FNV-1a, 64 bits: a content fingerprint to tell rules directories apart, not a security hash.
void Fnv(uint64_t& hash, std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
}

}  // namespace

std::unordered_map<std::string, Region> LoadRegions(const std::string& path) {
  return ParseRegions(path, ReadRulesFile(path));
}

std::unordered_map<std::string, Region> ParseRegions(const std::string& path, const std::string& text) {
  std::unordered_map<std::string, Region> regions;
  ReadTsv(path, text, {"code", "name", "population"}, [&](uint64_t line, const std::vector<std::string>& f) {
    if (!model::IsRegionCode(f[0])) RulesFileError(path, line, "code '" + f[0] + "' is not six digits");
    Region region{f[1], std::nullopt};
    if (!f[2].empty()) {
      int64_t population = 0;
      auto [end, ec] = std::from_chars(f[2].data(), f[2].data() + f[2].size(), population);
      if (ec != std::errc() || end != f[2].data() + f[2].size() || population <= 0) {
        RulesFileError(path, line, "population '" + f[2] + "' is not a positive integer");
      }
      region.population = population;
    }
    if (!regions.emplace(f[0], std::move(region)).second) {
      RulesFileError(path, line, "code " + f[0] + " is given twice");
    }
  });
  return regions;
}

AwardTable LoadAwards(const std::string& path) { return ParseAwards(path, ReadRulesFile(path)); }

AwardTable ParseAwards(const std::string& path, const std::string& text) {
  AwardTable awards;
  ReadTsv(path, text, {"id", "award", "level", "year"}, [&](uint64_t line, const std::vector<std::string>& f) {
    if (f[0].empty()) RulesFileError(path, line, "id is empty");
    if (!IsKnownAward(f[1], f[2])) {
      RulesFileError(path, line, "unknown award or level '" + f[1] + ":" + f[2] + "'");
    }
    if (f[3].size() != 4 || f[3].find_first_not_of("0123456789") != std::string::npos) {
      RulesFileError(path, line, "year '" + f[3] + "' is not four digits");
    }
    awards[f[0]].push_back(model::Award{f[1], f[2], std::stoll(f[3])});
  });
  return awards;
}

RuleTexts ReadRuleTexts(const std::string& directory) {
  RuleTexts texts;
  texts.directory = directory;
  for (size_t i = 0; i < kRuleFiles.size(); ++i) {
    std::string path = directory + "/" + kRuleFiles[i];
    if (i >= kRequiredRuleFiles && !std::filesystem::exists(path)) continue;  // optional: no such file
    texts.files[i] = ReadRulesFile(path);
  }
  return texts;
}

RuleSet ParseRuleSet(const RuleTexts& texts) {
  RuleSet set;
  set.directory = texts.directory;
  auto path = [&](size_t i) { return texts.directory + "/" + kRuleFiles[i]; };
  set.config = ParseConfig(path(0), texts.files[0]);
  set.concordance = ParseConcordance(path(1), texts.files[1]);
  set.regions = ParseRegions(path(2), texts.files[2]);
  set.awards = ParseAwards(path(3), texts.files[3]);
  // Optional files: empty text is an absent file (analytics.md), no header needed.
  if (!texts.files[4].empty()) set.population = ParsePopulation(path(4), texts.files[4], set.regions);
  if (!texts.files[5].empty()) set.industry_names = ParseIndustryNames(path(5), texts.files[5]);
  if (!texts.files[6].empty()) set.targets = ParseTargets(path(6), texts.files[6]);
  if (!texts.files[7].empty()) set.later_ipc = ParseIpcEditions(path(7), texts.files[7]);
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < kRuleFiles.size(); ++i) {
    // Absent optional files leave the fingerprint of a directory without them unchanged.
    if (i >= kRequiredRuleFiles && texts.files[i].empty()) continue;
    Fnv(hash, kRuleFiles[i]);
    Fnv(hash, texts.files[i]);
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  set.fingerprint = hex;
  set.texts = texts;
  return set;
}

RuleSet LoadRuleSet(const std::string& directory) { return ParseRuleSet(ReadRuleTexts(directory)); }

std::string DescribeJson(const RuleSet& rules) {
  const Config& c = rules.config;
  auto list = base::JsonStringArray;
  std::vector<std::string> enabled;
  for (auto rule : model::kAllRules) {
    if (c.Enabled(rule)) enabled.emplace_back(RuleName(rule));
  }
  return "{\"directory\":" + base::JsonString(rules.directory) +
         ",\"fingerprint\":" + base::JsonString(rules.fingerprint) + ",\"enabled\":" + list(enabled) +
         ",\"term_years\":" + std::to_string(c.term_years) +
         ",\"maintained_years\":" + std::to_string(c.maintained_years) + ",\"maintained_anchor\":\"" +
         (c.anchor == Config::Anchor::kFiling ? "filing" : "grant") +
         "\",\"pledge_threshold_cny\":" + base::JsonNumber(c.pledge_threshold_cny) + ",\"pledge_apportion\":\"" +
         (c.apportion == Config::Apportion::kShare ? "share" : "whole") + "\",\"domestic\":" + list(c.domestic) +
         ",\"accepted_awards\":" + list(c.accepted_awards) +
         ",\"concordance_rows\":" + std::to_string(rules.concordance.row_count()) +
         ",\"regions\":" + std::to_string(rules.regions.size()) + "}";
}

}  // namespace hvpat::rules
