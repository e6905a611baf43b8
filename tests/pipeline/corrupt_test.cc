// A generated dump with 1% corrupt lines of every kind the generator makes (issue: hostile
// and broken input): lines read = indexed + duplicates replaced + quarantined exactly, and
// each quarantined line's reason is the one its fault calls for. The fault is read back
// from the dump's own line, by features of its text, independently of the parser.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "hvpat/base/date.h"
#include "hvpat/gen/generator.h"
#include "hvpat/pipeline/ingest.h"
#include "hvpat/rules/rule_set.h"
#include "support/cli_runner.h"

namespace hvpat::pipeline {
namespace {

using testing::Json;
using testing::TempDir;

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A filing date as record-format.md allows it: "YYYY-MM-DD" or YYYYMMDD, a real date.
bool GoodFilingDate(const std::string& line) {
  static const std::regex member(R"re("filing_date":("[^"]*"|[^,}]*))re");
  std::smatch m;
  if (!std::regex_search(line, m, member)) return false;
  const std::string raw = m[1];
  if (raw.size() == 12 && raw.front() == '"') return base::Date::ParseIso(raw.substr(1, 10)).has_value();
  if (raw.size() == 8 && raw.find_first_not_of("0123456789") == std::string::npos) {
    return base::Date::FromNumber(std::stoll(raw)).has_value();
  }
  return false;
}

// The fault of a line the generator wrote invalid, and how its reason must begin.
std::pair<std::string, std::string> Fault(const std::string& line) {
  static const std::regex short_region(R"re("country":"CN","region":"\d{5}")re");
  if (line.front() == '[') return {"array", "not a JSON object"};
  if (line.front() != '{') return {"text", "not JSON"};
  if (line.back() != '}') return {"cut", "not JSON"};
  if (line.find("\"id\":\"\"") != std::string::npos) return {"empty id", "id is empty"};
  if (line.find("\"holders\":[]") != std::string::npos) return {"no holder", "holders is empty"};
  if (Count(line, "\"status\":") == 2) return {"repeated status", "field 'status' given twice"};
  if (Count(line, "\"status\":") == 0) return {"no status", "missing required field status"};
  if (line.find("\"type\":\"utility-model\"") != std::string::npos) return {"bad type", "type: "};
  if (line.find("\"patents\":0") != std::string::npos) return {"no patents", "pledges.patents: must be at least 1"};
  if (!GoodFilingDate(line)) return {"bad date", "filing_date: "};
  if (std::regex_search(line, short_region)) return {"short region", "holders: domestic holder "};
  // grant_date null, 0 (no date) or absent (record-format.md: required for granted patents).
  const bool no_grant = line.find("\"grant_date\":null") != std::string::npos ||
                        line.find("\"grant_date\":0,") != std::string::npos ||
                        line.find("\"grant_date\":") == std::string::npos;
  if (line.find("\"status\":\"valid\"") != std::string::npos && no_grant) {
    return {"no grant", "status valid without a grant_date"};
  }
  return {"unknown", "?"};
}

TEST(CorruptDumpTest, EveryKindOfCorruptLineIsQuarantinedWithItsReason) {
  TempDir dir;
  const rules::RuleSet rules = rules::LoadRuleSet(HVPAT_SOURCE_RULES_DIR);
  gen::GenerateOptions options;
  options.records = 20000;
  options.seed = 5;
  options.invalid_share = 0.01;
  const std::string dump = dir / "dump.ndjson";
  {
    std::ofstream out(dump, std::ios::binary);
    gen::Generate(options, rules, out);
  }
  std::vector<std::string> lines{""};  // numbered from 1
  {
    std::ifstream in(dump, std::ios::binary);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(line);
    }
  }
  IngestOptions ingest;
  ingest.files = {dump};
  ingest.db_dir = dir / "db";
  ingest.dates = {*base::Date::ParseIso("2025-12-31")};
  RunSummary s = Ingest(ingest, rules);
  EXPECT_EQ(s.lines_read, s.indexed + s.duplicates_replaced + s.quarantined);
  EXPECT_GT(s.quarantined, 150u);  // 1% of 20,000 records
  std::map<std::string, int> kinds;
  std::ifstream quarantine(dir / "db/quarantine.ndjson");
  uint64_t entries = 0;
  for (std::string text; std::getline(quarantine, text); ++entries) {
    Json entry(text);
    ASSERT_TRUE(entry.ok()) << text;
    const auto number = static_cast<size_t>(entry.root()["line"].get_int64().value());
    ASSERT_LT(number, lines.size());
    const std::string reason(entry.root()["reason"].get_string().value());
    auto [kind, expected] = Fault(lines[number]);
    ++kinds[kind];
    EXPECT_EQ(reason.substr(0, expected.size()), expected) << "line " << number << " (" << kind << "): " << reason;
  }
  EXPECT_EQ(entries, s.quarantined);
  for (const char* kind : {"array", "text", "cut", "empty id", "no holder", "repeated status", "no status", "bad type",
                           "no patents", "bad date", "short region", "no grant"}) {
    EXPECT_GT(kinds[kind], 0) << "no corrupt line of kind " << kind;
  }
  EXPECT_EQ(kinds["unknown"], 0);
}

}  // namespace
}  // namespace hvpat::pipeline
