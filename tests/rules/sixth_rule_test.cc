// A sixth rule by one rule-table entry (issue #10). This file is built into its own test
// binary against a core compiled with HVPAT_TEST_RULE, which adds model::Rule::kTestRule
// and the entry kTestRuleDef below to the table; nothing else in the engine knows of it.
// The test checks that the rule is decided, counted, stored and rendered in every format.
//
// The rule, "many_ipc": the record lists at least three IPC strings.
//
// Records, D = 2023-12-31, rules tests/data/golden_rules (whose concordance matches none
// of the A01 symbols used here, so no other rule holds):
//   CN200000001B 500117 甲公司  valid, 3 IPC strings         -> high-value by many_ipc only
//   CN200000002B 500117 乙大学  valid, 2 IPC strings         -> not high-value
//   CN200000003B 510104 丙科技  valid, 4 IPC strings         -> high-value by many_ipc only
//   CN200000004B 510104 丙科技  lapsed 2022-01-01, 3 strings -> not valid: the condition
//                                                               holds but is not counted
// So the nation counts valid 3, high_value 2, by_rule.many_ipc 2 and every other rule 0;
// 500117 counts 2, 1, 1; 510104 counts 1, 1, 1.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "hvpat/model/evidence.h"
#include "hvpat/rules/classify.h"
#include "hvpat/rules/rule_table.h"
#include "hvpat/store/schema.h"
#include "hvpat/store/store.h"
#include "support/cli_runner.h"

namespace hvpat::rules {

namespace {

constexpr size_t kNeeded = 3;

bool DecideManyIpc(const RuleInput& in, model::Evidence* why) {
  if (why) why->notes["many_ipc"] = std::to_string(in.patent.ipc.size());
  return in.patent.ipc.size() >= kNeeded;
}
std::string ManyIpcLine(const model::Evidence& e) {
  return e.notes.at("many_ipc") + " IPC strings (needs " + std::to_string(kNeeded) + ")";
}
std::string ManyIpcJson(const model::Evidence& e) {
  return "{\"ipc_strings\":" + e.notes.at("many_ipc") + ",\"needs\":" + std::to_string(kNeeded) + "}";
}

}  // namespace

// The one entry: registered in the table of this test build.
const RuleDef kTestRuleDef{
    model::Rule::kTestRule, "many_ipc", "at least three IPC strings", "", DecideManyIpc, ManyIpcLine, ManyIpcJson};

namespace {

using hvpat::testing::Json;
using hvpat::testing::RunCli;
using hvpat::testing::TempDir;

const std::string kRules = std::string(HVPAT_TEST_DATA_DIR) + "/golden_rules";

std::string Record(const std::string& id, const std::string& region, const std::string& holder, int ipc_count,
                   const std::string& status = "\"status\":\"valid\"") {
  const char* symbols[] = {"\"A01B 1/00\"", "\"A01B 3/00\"", "\"A01C 1/00\"", "\"A01D 1/00\""};
  std::string ipc;
  for (int i = 0; i < ipc_count; ++i) ipc += std::string(i ? "," : "") + symbols[i];
  return "{\"id\":\"" + id + "\",\"type\":\"invention\",\"filing_date\":\"2020-01-01\",\"grant_date\":\"2022-01-01\"," +
         status + ",\"ipc\":[" + ipc + "],\"holders\":[{\"name\":\"" + holder + "\",\"country\":\"CN\",\"region\":\"" +
         region + "\"}]}\n";
}

class SixthRuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "dump.ndjson") << Record("CN200000001B", "500117", "甲公司", 3)
                                        << Record("CN200000002B", "500117", "乙大学", 2)
                                        << Record("CN200000003B", "510104", "丙科技", 4)
                                        << Record("CN200000004B", "510104", "丙科技", 3,
                                                  "\"status\":\"lapsed\",\"status_date\":\"2022-01-01\"");
  }
  // Ingests the dump with `rules` into a fresh database; returns its directory.
  std::string Ingest(const std::string& rules) {
    const std::string db = dir_ / ("db" + std::to_string(++databases_));
    auto r = RunCli({"ingest", "--db", db, "--rules", rules, "--as-of", "2023-12-31", dir_ / "dump.ndjson"});
    EXPECT_EQ(r.status, 0) << r.err;
    return db;
  }
  TempDir dir_;
  int databases_ = 0;
};

TEST_F(SixthRuleTest, TheTableHasTheEntryAfterTheFive) {
  ASSERT_EQ(model::kRuleCount, 6);
  EXPECT_EQ(RuleTable().size(), 6u);
  EXPECT_EQ(RuleName(model::Rule::kTestRule), "many_ipc");
  EXPECT_EQ(RuleFromName("many_ipc"), model::Rule::kTestRule);
  EXPECT_EQ(RuleNames(), "sei, overseas, maintained, pledge, award, many_ipc");
}

TEST_F(SixthRuleTest, IsDecidedAndMakesAValidRecordHighValue) {
  const RuleSet rules = LoadRuleSet(kRules);
  model::Patent p;
  p.id = "CN200000001B";
  p.office = "CN";
  p.filing_date = *base::Date::ParseIso("2020-01-01");
  p.grant_date = base::Date::ParseIso("2022-01-01");
  p.status = model::Status::kValid;
  p.ipc = {"A01B1/00", "A01B3/00"};
  const base::Date d = *base::Date::ParseIso("2023-12-31");
  model::Verdict two = Classify(p, d, rules);
  EXPECT_TRUE(two.valid);
  EXPECT_FALSE(two.Holds(model::Rule::kTestRule));
  EXPECT_FALSE(two.high_value);
  p.ipc.push_back("A01C1/00");
  model::Verdict three = Classify(p, d, rules);
  EXPECT_TRUE(three.Holds(model::Rule::kTestRule));
  EXPECT_TRUE(three.high_value);
  model::Evidence why = Explain(p, {}, d, rules);
  EXPECT_EQ(why.notes.at("many_ipc"), "3");
}

TEST_F(SixthRuleTest, IsCountedAndStoredPerRegion) {
  const std::string db = Ingest(kRules);
  struct Expect {
    const char* region;
    int64_t valid, high_value, many_ipc;
  };
  for (const Expect& e : {Expect{"", 3, 2, 2}, Expect{"500117", 2, 1, 1}, Expect{"510104", 1, 1, 1}}) {
    SCOPED_TRACE(e.region);
    std::vector<std::string> args{"count", "--db", db, "--format", "json"};
    if (*e.region) args.insert(args.end(), {"--region", e.region});
    auto r = RunCli(args);
    ASSERT_EQ(r.status, 0) << r.err;
    Json j(r.out);
    ASSERT_TRUE(j.ok()) << r.out;
    EXPECT_EQ(int64_t(j["valid_inventions"]), e.valid);
    EXPECT_EQ(int64_t(j["high_value"]), e.high_value);
    EXPECT_EQ(int64_t(j["by_rule"]["many_ipc"]), e.many_ipc);
    for (const char* other : {"sei", "overseas", "maintained", "pledge", "award"}) {
      EXPECT_EQ(int64_t(j["by_rule"][other]), 0) << other;
    }
  }
  // Ranked by the rule like any other: 甲公司 and 丙科技 one each, 乙大学 none.
  auto holders = RunCli({"holders", "--db", db, "--rule", "many_ipc", "--format", "csv"});
  ASSERT_EQ(holders.status, 0) << holders.err;
  EXPECT_NE(holders.out.find("甲公司"), std::string::npos) << holders.out;
  EXPECT_NE(holders.out.find("丙科技"), std::string::npos) << holders.out;
  EXPECT_EQ(holders.out.find("乙大学"), std::string::npos) << holders.out;
}

TEST_F(SixthRuleTest, IsRenderedInEveryFormat) {
  const std::string db = Ingest(kRules);
  auto csv = RunCli({"count", "--db", db, "--format", "csv"});
  ASSERT_EQ(csv.status, 0) << csv.err;
  const std::string header = csv.out.substr(0, csv.out.find('\n'));
  EXPECT_NE(header.find(",by_rule.award,by_rule.many_ipc,population,"), std::string::npos) << header;
  // The nation's row: valid 3, high-value 2, the five rules 0, many_ipc 2.
  EXPECT_NE(csv.out.find(",3,2,0,0,0,0,0,2,"), std::string::npos) << csv.out;
  auto table = RunCli({"count", "--db", db, "--format", "table"});
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_NE(table.out.find("many_ipc"), std::string::npos) << table.out;

  auto show = RunCli({"show", "--db", db, "--format", "json", "CN200000003B"});
  ASSERT_EQ(show.status, 0) << show.err;
  Json j(show.out);
  ASSERT_TRUE(j.ok()) << show.out;
  EXPECT_TRUE(bool(j["rules"]["many_ipc"]));
  EXPECT_TRUE(bool(j["high_value"]));
  EXPECT_EQ(int64_t(j["evidence"]["many_ipc"]["ipc_strings"]), 4);
  EXPECT_EQ(int64_t(j["evidence"]["many_ipc"]["needs"]), 3);
  auto lines = RunCli({"show", "--db", db, "--format", "table", "CN200000002B"});
  ASSERT_EQ(lines.status, 0) << lines.err;
  EXPECT_NE(lines.out.find("2 IPC strings (needs 3)"), std::string::npos) << lines.out;
}

TEST_F(SixthRuleTest, IsEnabledAndDisabledByName) {
  std::filesystem::copy(kRules, dir_ / "rules", std::filesystem::copy_options::recursive);
  std::ofstream(dir_ / "rules/high_value.ini", std::ios::app) << "\n[rules]\nenabled = sei\nenabled = pledge\n";
  const std::string db = Ingest(dir_ / "rules");
  auto r = RunCli({"count", "--db", db, "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  Json j(r.out);
  EXPECT_EQ(int64_t(j["high_value"]), 0);  // only many_ipc held, and it is disabled
  EXPECT_TRUE(j["by_rule"]["many_ipc"].is_null());
}

// A database of the five-rule table (no meta/rule_table, as every database before the
// table was) has five counters per scope: read by this build it is another version.
TEST_F(SixthRuleTest, ADatabaseOfTheFiveRulesIsAnotherVersion) {
  namespace fs = std::filesystem;
  using store::Store;
  fs::create_directories(fs::path(dir_ / "db") / "snapshots");
  std::ofstream(dir_ / "db/HVPAT") << "hvpat\n";
  {
    auto five = Store::Create(dir_ / "db/snapshots/five");
    five->Put(Store::Family::kMeta, store::kMetaSchema, store::kSchemaVersion);
    five->Put(Store::Family::kMeta, store::kMetaAsOf, "2023-12-31");
    five->FinishIngest();
  }
  fs::create_symlink("snapshots/five", dir_ / "db/current");
  auto r = RunCli({"count", "--db", dir_ / "db", "--format", "json"});
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("the database was built with the rules sei,overseas,maintained,pledge,award, this hvpat "
                       "decides sei,overseas,maintained,pledge,award,many_ipc: rebuild it with hvpat ingest"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace hvpat::rules
