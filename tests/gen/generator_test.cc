// The dump generator (include/hvpat/gen/generator.h): the same options give the same
// bytes, another seed other bytes; a clean dump is all valid spec/record-format.md
// records, `records` of them of the office CN plus a few foreign family members; the
// count it returns is the lines it wrote. With the shipped rules/ (real region codes).
// The corrupt lines of a messy dump are checked by tests/pipeline/corrupt_test.cc.
#include "hvpat/gen/generator.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "hvpat/base/date.h"
#include "hvpat/model/patent.h"
#include "hvpat/record/parser.h"
#include "hvpat/rules/rule_set.h"

namespace hvpat::gen {
namespace {

const rules::RuleSet& ShippedRules() {
  static const rules::RuleSet rules = rules::LoadRuleSet(HVPAT_SOURCE_RULES_DIR);
  return rules;
}

struct Dump {
  std::string bytes;
  uint64_t returned = 0;
};

Dump Generated(const GenerateOptions& options) {
  std::ostringstream out;
  Dump dump;
  dump.returned = Generate(options, ShippedRules(), out);
  dump.bytes = out.str();
  return dump;
}

GenerateOptions Clean(uint64_t records, uint64_t seed) {
  GenerateOptions options;
  options.records = records;
  options.seed = seed;
  options.invalid_share = 0;
  options.duplicate_share = 0;
  return options;
}

// Lines without their LF; a CR before it is kept, for the caller to see.
std::vector<std::string> Lines(const std::string& bytes) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl = bytes.find('\n'); nl != std::string::npos; nl = bytes.find('\n', start)) {
    lines.push_back(bytes.substr(start, nl - start));
    start = nl + 1;
  }
  EXPECT_EQ(start, bytes.size()) << "the last line has no LF";
  return lines;
}

TEST(GeneratorTest, SameSeedGivesTheSameBytes) {
  for (const GenerateOptions& options : {Clean(400, 7), GenerateOptions{}}) {
    Dump a = Generated(options);
    Dump b = Generated(options);
    ASSERT_FALSE(a.bytes.empty());
    EXPECT_EQ(a.bytes, b.bytes);
    EXPECT_EQ(a.returned, b.returned);
  }
}

TEST(GeneratorTest, AnotherSeedGivesOtherBytes) {
  Dump a = Generated(Clean(400, 7));
  Dump b = Generated(Clean(400, 8));
  EXPECT_NE(a.bytes, b.bytes);
  // Not merely one line apart: the ids themselves differ.
  auto first_a = Lines(a.bytes).front(), first_b = Lines(b.bytes).front();
  EXPECT_NE(first_a.substr(0, 25), first_b.substr(0, 25));
}

TEST(GeneratorTest, NoRecordsWritesNothing) {
  Dump dump = Generated(Clean(0, 1));
  EXPECT_EQ(dump.returned, 0u);
  EXPECT_EQ(dump.bytes, "");
}

// A clean dump: every line a valid record, `records` of the office CN with distinct ids,
// the rest foreign members; no empty lines, LF ends only.
TEST(GeneratorTest, CleanDumpIsValidRecordsOfTheRequestedCount) {
  const uint64_t kRecords = 1500;
  Dump dump = Generated(Clean(kRecords, 3));
  std::vector<std::string> lines = Lines(dump.bytes);
  EXPECT_EQ(dump.returned, lines.size());

  const base::Date dump_date = *base::Date::FromYmd(2026, 3, 31);  // no date lies after it
  record::LineParser parser;
  model::Patent patent;
  std::string reason;
  std::set<std::string> ids;
  uint64_t cn = 0, foreign = 0, domestic_first = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    ASSERT_FALSE(line.empty()) << "line " << i + 1;
    ASSERT_NE(line.back(), '\r') << "line " << i + 1;
    ASSERT_TRUE(parser.ParseUnpadded(line, patent, reason)) << "line " << i + 1 << ": " << reason << "\n" << line;
    EXPECT_TRUE(ids.insert(patent.id).second) << "id " << patent.id << " twice";
    EXPECT_LE(patent.filing_date, dump_date) << patent.id;
    if (patent.grant_date) {
      EXPECT_LE(*patent.grant_date, dump_date) << patent.id;
      EXPECT_LE(patent.filing_date, *patent.grant_date) << patent.id;
    }
    if (patent.status_date) {
      EXPECT_LE(*patent.status_date, dump_date) << patent.id;
    }
    if (patent.office == "CN") {
      ++cn;
      EXPECT_EQ(patent.id.substr(0, 2), "CN");
      if (patent.FirstHolderDomestic()) {
        ++domestic_first;
        // Real codes: the region is one of the rules' regions.tsv lines.
        EXPECT_EQ(ShippedRules().regions.count(patent.holders.front().region), 1u)
            << patent.id << " region " << patent.holders.front().region;
      }
    } else {
      ++foreign;
      EXPECT_FALSE(patent.family_id.empty()) << patent.id << ": a foreign member is linked by family_id";
    }
  }
  EXPECT_EQ(cn, kRecords);
  EXPECT_LT(foreign, kRecords / 10);  // "a few foreign family members"
  EXPECT_GT(domestic_first, kRecords / 2);
}

// A messy dump: every record slot is one line, valid (a fresh record or a duplicate of an
// earlier id) or deliberately invalid; foreign members come on top. Returned: the
// non-empty lines written (the empty lines it adds are not records).
TEST(GeneratorTest, MessyDumpCountsEveryRecordSlotOnce) {
  GenerateOptions options;
  options.records = 2000;
  options.seed = 11;
  options.invalid_share = 0.1;
  options.duplicate_share = 0.1;
  Dump dump = Generated(options);
  record::LineParser parser;
  model::Patent patent;
  std::string reason;
  uint64_t non_empty = 0, invalid = 0, cn = 0, repeated = 0;
  std::set<std::string> ids;
  for (std::string line : Lines(dump.bytes)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    ++non_empty;
    if (!parser.ParseUnpadded(line, patent, reason)) {
      ++invalid;
      continue;
    }
    if (patent.office != "CN") continue;
    ++cn;
    if (!ids.insert(patent.id).second) ++repeated;
  }
  EXPECT_EQ(dump.returned, non_empty);
  EXPECT_EQ(cn + invalid, options.records);
  // About a tenth each (binomial, sd about 13 of 2000); the seed fixes the outcome.
  EXPECT_GT(invalid, 140u);
  EXPECT_LT(invalid, 260u);
  EXPECT_GT(repeated, 140u);
  EXPECT_LT(repeated, 260u);
}

TEST(GeneratorTest, BulkyRecordsAreAboutOneAndAHalfKilobytes) {
  GenerateOptions options = Clean(200, 5);
  options.bulky = true;
  Dump dump = Generated(options);
  std::vector<std::string> lines = Lines(dump.bytes);
  ASSERT_FALSE(lines.empty());
  const double average = static_cast<double>(dump.bytes.size()) / static_cast<double>(lines.size());
  EXPECT_GT(average, 1000);
  EXPECT_LT(average, 2500);
  // The extra fields are ignored: the records still parse, and the record count holds.
  record::LineParser parser;
  model::Patent patent;
  std::string reason;
  uint64_t cn = 0;
  for (const auto& line : lines) {
    ASSERT_TRUE(parser.ParseUnpadded(line, patent, reason)) << reason;
    cn += patent.office == "CN";
  }
  EXPECT_EQ(cn, options.records);
}

}  // namespace
}  // namespace hvpat::gen
