// The ingest run (spec/record-format.md "Invalid records" and "Counting"; spec/rules.md
// "overseas"; spec/cli.md "hvpat ingest") on small dumps written into a temp dir, with
// tests/data/golden_rules (D = 2023-12-31, domestic set {CN}, pledge threshold 5,000,000
// CNY, only china_patent:gold accepted; concordance rows 1.1 G06F11* H04L1* minus
// G06F11/14, 4.2 G06F11/14 C08, 7.1 G06N3/04* minus G06N3/045).
#include "hvpat/pipeline/ingest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "hvpat/base/error.h"
#include "hvpat/query/analytics.h"
#include "hvpat/query/query.h"
#include "hvpat/store/schema.h"
#include "hvpat/store/store.h"
#include "support/cli_runner.h"

namespace hvpat::pipeline {
namespace {

namespace fs = std::filesystem;
using hvpat::testing::TempDir;
using model::Rule;

const std::string kRules = std::string(HVPAT_TEST_DATA_DIR) + "/golden_rules";

base::Date D(const char* iso) { return *base::Date::ParseIso(iso); }

const rules::RuleSet& GoldenRules() {
  static const rules::RuleSet rules = rules::LoadRuleSet(kRules);
  return rules;
}

// One dump line. Defaults: a valid CN invention filed 2015-01-10, granted 2018-05-02,
// first holder 甲公司 of 500117, no rule evidence (not maintained at D: 2025 > D).
struct Rec {
  std::string id;
  std::string country;  // empty: absent
  std::string type = "invention";
  std::string filing = "2015-01-10";
  std::string grant = "2018-05-02";  // empty: null
  std::string status = "valid";
  std::string status_date;  // empty: absent
  std::string ipc;          // a JSON array's contents, e.g. "\"C08K3/00\""
  std::string holder = "甲公司";
  std::string holder_country = "CN";
  std::string region = "500117";  // empty: null
  std::string family_id;          // empty: absent
  std::string extra;              // raw members appended to the object, e.g. ",\"pledges\":[...]"

  std::string Json() const {
    std::string s = "{\"id\":\"" + id + "\"";
    if (!country.empty()) s += ",\"country\":\"" + country + "\"";
    s += ",\"type\":\"" + type + "\",\"filing_date\":\"" + filing + "\"";
    s += ",\"grant_date\":" + (grant.empty() ? std::string("null") : "\"" + grant + "\"");
    s += ",\"status\":\"" + status + "\"";
    if (!status_date.empty()) s += ",\"status_date\":\"" + status_date + "\"";
    s += ",\"ipc\":[" + ipc + "]";
    s += ",\"holders\":[{\"name\":\"" + holder + "\",\"country\":\"" + holder_country +
         "\",\"region\":" + (region.empty() ? std::string("null") : "\"" + region + "\"") + "}]";
    if (!family_id.empty()) s += ",\"family_id\":\"" + family_id + "\"";
    return s + extra + "}";
  }
};

Rec Cn(const std::string& id) {
  Rec r;
  r.id = id;
  return r;
}

// A granted US invention of family `family_id`, held abroad.
Rec Us(const std::string& id, const std::string& family_id, const std::string& grant = "2019-01-01") {
  Rec r;
  r.id = id;
  r.country = "US";
  r.grant = grant;
  r.holder = "Acme Corp";
  r.holder_country = "US";
  r.region.clear();
  r.family_id = family_id;
  return r;
}

std::string WriteLines(const TempDir& dir, const std::string& name, const std::vector<std::string>& lines) {
  std::string path = dir / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  for (const auto& line : lines) out << line << "\n";
  return path;
}

IngestOptions Options(const std::vector<std::string>& files, const std::string& db, int threads = 2) {
  IngestOptions options;
  options.files = files;
  options.db_dir = db;
  options.dates = {D("2023-12-31")};
  options.threads = threads;
  return options;
}

void ExpectIdentity(const RunSummary& s) {
  EXPECT_EQ(s.lines_read, s.indexed + s.duplicates_replaced + s.quarantined)
      << "read " << s.lines_read << " indexed " << s.indexed << " replaced " << s.duplicates_replaced << " quarantined "
      << s.quarantined;
}

// A read-only view of a finished database.
class Db {
 public:
  explicit Db(const std::string& dir) : store_(store::Store::OpenReadOnly(dir)), info_(query::ReadRunInfo(*store_)) {}
  query::CountResult Count(const std::optional<std::string>& region = std::nullopt) const {
    return query::Count(*store_, info_, region);
  }
  std::optional<query::PatentView> Show(const std::string& id) const {
    return query::Show(*store_, query::ReadRunInfo(*store_), id);
  }
  std::vector<query::HolderRow> Holders(const std::optional<std::string>& region) const {
    return query::Holders(*store_, info_, region, 1000);
  }
  std::vector<query::HolderPatent> HolderPatents(const std::string& holder) const {
    return query::HolderPatents(*store_, info_, holder);
  }
  query::PledgeResult Pledges(const std::optional<std::string>& region, std::optional<base::Date> from,
                              base::Date to) const {
    return query::Pledges(*store_, region, from, to);
  }

 private:
  std::unique_ptr<store::Store> store_;
  query::RunInfo info_;
};

// ----- counting and duplicates -----------------------------------------------------

TEST(IngestTest, EveryLineIsIndexedReplacedOrQuarantined) {
  TempDir dir;
  Rec a = Cn("CN1B");
  Rec a_again = Cn("CN1B");
  a_again.status = "withdrawn";
  a_again.status_date = "2020-01-01";
  Rec bad_date = Cn("CN3B");
  bad_date.filing = "2021-02-30";
  Rec utility = Cn("CN3U");
  utility.type = "utility_model";
  std::string file = WriteLines(
      dir, "dump.ndjson",
      {a.Json(), Cn("CN2B").Json(), "", a_again.Json(), "{\"id\":\"CN9B\",", bad_date.Json(), "\r", utility.Json()});
  RunSummary s = Ingest(Options({file}, dir / "db"), GoldenRules());
  EXPECT_EQ(s.lines_read, 6u);  // eight lines, two empty (one of them just CR)
  EXPECT_EQ(s.indexed, 3u);     // CN1B CN2B CN3U
  EXPECT_EQ(s.duplicates_replaced, 1u);
  EXPECT_EQ(s.quarantined, 2u);
  ExpectIdentity(s);
  EXPECT_EQ(s.valid_inventions, 1u);  // CN2B; CN1B withdrawn 2020; CN3U a utility model
  EXPECT_EQ(s.high_value, 0u);

  std::ifstream quarantine(fs::path(dir / "db") / "quarantine.ndjson");
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(quarantine, line)) lines.push_back(line);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find("\"line\":5"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("\"line\":6"), std::string::npos) << lines[1];
}

TEST(IngestTest, LastValidOccurrenceWins) {
  TempDir dir;
  Rec first = Cn("CN1B");
  Rec second = Cn("CN1B");
  second.holder = "乙大学";
  second.region = "510104";
  second.status = "lapsed";
  second.status_date = "2023-06-30";
  Rec invalid_third = Cn("CN1B");  // a later line, but invalid: never replaces
  invalid_third.grant = "2018-13-01";
  invalid_third.holder = "丙科技";

  Rec kept = Cn("CN2B");
  kept.ipc = "\"C08K3/00\"";
  Rec invalid_later = Cn("CN2B");  // "status" given twice: invalid, so CN2B stays as first read
  invalid_later.status = "lapsed";
  invalid_later.extra = ",\"status\":\"valid\"";

  Rec only_invalid = Cn("CN3B");
  only_invalid.region = "5001";  // not six digits on a CN record

  std::string file = WriteLines(
      dir, "dump.ndjson",
      {first.Json(), kept.Json(), second.Json(), invalid_third.Json(), invalid_later.Json(), only_invalid.Json()});
  RunSummary s = Ingest(Options({file}, dir / "db"), GoldenRules());
  EXPECT_EQ(s.lines_read, 6u);
  EXPECT_EQ(s.indexed, 2u);
  EXPECT_EQ(s.duplicates_replaced, 1u);
  EXPECT_EQ(s.quarantined, 3u);
  ExpectIdentity(s);

  Db db(dir / "db");
  auto one = db.Show("CN1B");
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->patent.status, model::Status::kLapsed);
  ASSERT_EQ(one->patent.holders.size(), 1u);
  EXPECT_EQ(one->patent.holders[0].name, "乙大学");
  EXPECT_FALSE(one->verdict.valid);  // lapsed 2023-06-30 <= D

  auto two = db.Show("CN2B");
  ASSERT_TRUE(two.has_value());
  EXPECT_EQ(two->patent.status, model::Status::kValid);
  EXPECT_TRUE(two->verdict.valid);
  EXPECT_TRUE(two->verdict.Holds(Rule::kSei));  // C08 -> 4.2
  EXPECT_TRUE(two->verdict.high_value);

  EXPECT_FALSE(db.Show("CN3B").has_value());

  // Only CN2B counts: CN1B's replaced occurrence (甲公司, 500117, valid) left no trace.
  auto nation = db.Count();
  EXPECT_EQ(nation.counts.valid, 1u);
  EXPECT_EQ(nation.counts.high_value, 1u);
  EXPECT_EQ(db.Count(std::string("510104")).counts.valid, 0u);
  auto holders = db.Holders(std::nullopt);
  ASSERT_EQ(holders.size(), 1u);
  EXPECT_EQ(holders[0].holder, "甲公司");
  EXPECT_EQ(holders[0].valid_inventions, 1u);
}

TEST(IngestTest, DuplicatesAcrossFilesFollowFileOrder) {
  TempDir dir;
  Rec early = Cn("CN1B");
  early.ipc = "\"C08K3/00\"";
  Rec late = Cn("CN1B");  // no symbol: not high-value
  std::string f1 = WriteLines(dir, "a.ndjson", {early.Json()});
  std::string f2 = WriteLines(dir, "b.ndjson", {late.Json()});
  {
    RunSummary s = Ingest(Options({f1, f2}, dir / "db1"), GoldenRules());
    EXPECT_EQ(s.duplicates_replaced, 1u);
    EXPECT_EQ(s.high_value, 0u);
  }
  {
    RunSummary s = Ingest(Options({f2, f1}, dir / "db2"), GoldenRules());
    EXPECT_EQ(s.duplicates_replaced, 1u);
    EXPECT_EQ(s.high_value, 1u);
  }
}

// ----- families through family_id --------------------------------------------------

// The CN record has no `family` list and no other evidence: only a foreign record with
// its family_id can make it high-value.
void ExpectOverseasThroughFamilyId(const std::vector<std::vector<std::string>>& files_lines) {
  TempDir dir;
  std::vector<std::string> files;
  for (size_t i = 0; i < files_lines.size(); ++i) {
    files.push_back(WriteLines(dir, "dump" + std::to_string(i) + ".ndjson", files_lines[i]));
  }
  RunSummary s = Ingest(Options(files, dir / "db"), GoldenRules());
  EXPECT_EQ(s.indexed, 2u);
  EXPECT_EQ(s.high_value, 1u);
  Db db(dir / "db");
  auto cn = db.Show("CN1B");
  ASSERT_TRUE(cn.has_value());
  EXPECT_TRUE(cn->verdict.Holds(Rule::kOverseas));
  EXPECT_TRUE(cn->verdict.high_value);
  auto us = db.Show("US1B2");
  ASSERT_TRUE(us.has_value());
  EXPECT_FALSE(us->verdict.valid);                   // not the CN office
  EXPECT_FALSE(us->verdict.Holds(Rule::kOverseas));  // never its own member
  EXPECT_EQ(db.Count().counts.by_rule[static_cast<int>(Rule::kOverseas)], 1u);
}

TEST(IngestTest, FamilyMemberFoundWhenItComesBefore) {
  Rec cn = Cn("CN1B");
  cn.family_id = "F1";
  ExpectOverseasThroughFamilyId({{Us("US1B2", "F1").Json(), cn.Json()}});
}

TEST(IngestTest, FamilyMemberFoundWhenItComesAfter) {
  Rec cn = Cn("CN1B");
  cn.family_id = "F1";
  ExpectOverseasThroughFamilyId({{cn.Json(), Us("US1B2", "F1").Json()}});
}

TEST(IngestTest, FamilyMemberFoundInAnotherFile) {
  Rec cn = Cn("CN1B");
  cn.family_id = "F1";
  ExpectOverseasThroughFamilyId({{cn.Json()}, {"", Us("US1B2", "F1").Json()}});
  ExpectOverseasThroughFamilyId({{Us("US1B2", "F1").Json()}, {cn.Json()}});
}

TEST(IngestTest, FamilyMemberMustBeAGrantedForeignInvention) {
  TempDir dir;
  std::vector<std::string> lines;
  auto cn_of = [](const std::string& id, const std::string& family) {
    Rec r = Cn(id);
    r.family_id = family;
    return r.Json();
  };
  // F1: the US member is granted after D.
  lines.push_back(cn_of("CN1B", "F1"));
  lines.push_back(Us("US1B2", "F1", "2024-01-02").Json());
  // F2: the foreign member is a utility model.
  lines.push_back(cn_of("CN2B", "F2"));
  Rec utility = Us("DE2U", "F2");
  utility.country = "DE";
  utility.type = "utility_model";
  lines.push_back(utility.Json());
  // F3: two CN records only.
  lines.push_back(cn_of("CN3B", "F3"));
  lines.push_back(cn_of("CN4B", "F3"));
  // F4: an HK member, abroad with the golden domestic set {CN}.
  lines.push_back(cn_of("CN5B", "F4"));
  Rec hk = Us("HK5A", "F4");
  hk.country = "HK";
  lines.push_back(hk.Json());
  // F5: a member granted on D, without a family_id on the CN side (no link).
  lines.push_back(Cn("CN6B").Json());
  lines.push_back(Us("US6B2", "F5", "2023-12-31").Json());
  // F6: a member granted on D.
  lines.push_back(cn_of("CN7B", "F6"));
  lines.push_back(Us("US7B2", "F6", "2023-12-31").Json());
  std::string file = WriteLines(dir, "dump.ndjson", lines);
  RunSummary s = Ingest(Options({file}, dir / "db"), GoldenRules());
  EXPECT_EQ(s.indexed, 12u);
  Db db(dir / "db");
  auto overseas = [&](const std::string& id) {
    auto view = db.Show(id);
    EXPECT_TRUE(view.has_value()) << id;
    return view && view->verdict.Holds(Rule::kOverseas);
  };
  EXPECT_FALSE(overseas("CN1B"));
  EXPECT_FALSE(overseas("CN2B"));
  EXPECT_FALSE(overseas("CN3B"));
  EXPECT_FALSE(overseas("CN4B"));
  EXPECT_TRUE(overseas("CN5B"));
  EXPECT_FALSE(overseas("CN6B"));
  EXPECT_TRUE(overseas("CN7B"));
  EXPECT_EQ(s.high_value, 2u);
}

// ----- failures leave the database alone -------------------------------------------

TEST(IngestTest, MissingFileLeavesPreviousDatabaseUnchanged) {
  TempDir dir;
  Rec sei = Cn("CN1B");
  sei.ipc = "\"C08K3/00\"";
  std::string first = WriteLines(dir, "first.ndjson", {sei.Json(), Cn("CN2B").Json()});
  RunSummary before = Ingest(Options({first}, dir / "db"), GoldenRules());
  EXPECT_EQ(before.valid_inventions, 2u);
  EXPECT_EQ(before.high_value, 1u);

  std::string second = WriteLines(dir, "second.ndjson", {Cn("CN3B").Json(), Cn("CN4B").Json(), Cn("CN5B").Json()});
  try {
    (void)Ingest(Options({second, dir / "missing.ndjson"}, dir / "db"), GoldenRules());
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput) << e.what();
    EXPECT_NE(std::string(e.what()).find("missing.ndjson"), std::string::npos) << e.what();
  }

  Db db(dir / "db");
  auto nation = db.Count();
  EXPECT_EQ(nation.counts.valid, 2u);
  EXPECT_EQ(nation.counts.high_value, 1u);
  EXPECT_EQ(nation.counts.by_rule[static_cast<int>(Rule::kSei)], 1u);
  EXPECT_TRUE(db.Show("CN1B").has_value());
  EXPECT_FALSE(db.Show("CN3B").has_value());

  // Nothing of the failed run is left beside the database.
  std::set<std::string> entries;
  for (const auto& entry : fs::directory_iterator(dir.path())) entries.insert(entry.path().filename().string());
  EXPECT_EQ(entries, (std::set<std::string>{"db", "first.ndjson", "second.ndjson"}));
}

TEST(IngestTest, MissingOnlyFileCreatesNoDatabase) {
  TempDir dir;
  EXPECT_THROW((void)Ingest(Options({dir / "missing.ndjson"}, dir / "db"), GoldenRules()), Error);
  EXPECT_FALSE(fs::exists(dir / "db"));
}

TEST(IngestTest, RefusesToReplaceADirectoryThatIsNotADatabase) {
  TempDir dir;
  fs::create_directories(dir / "db");
  {
    std::ofstream notes(dir / "db/notes.txt");
    notes << "keep me\n";
  }
  std::string file = WriteLines(dir, "dump.ndjson", {Cn("CN1B").Json()});
  try {
    (void)Ingest(Options({file}, dir / "db"), GoldenRules());
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kStore) << e.what();
  }
  std::vector<std::string> entries;
  for (const auto& entry : fs::directory_iterator(dir / "db")) entries.push_back(entry.path().filename().string());
  EXPECT_EQ(entries, (std::vector<std::string>{"notes.txt"}));
  std::ifstream notes(dir / "db/notes.txt");
  std::stringstream text;
  text << notes.rdbuf();
  EXPECT_EQ(text.str(), "keep me\n");
}

TEST(IngestTest, RefusesToReplaceARegularFile) {
  TempDir dir;
  {
    std::ofstream out(dir / "db");
    out << "not a database\n";
  }
  std::string file = WriteLines(dir, "dump.ndjson", {Cn("CN1B").Json()});
  EXPECT_THROW((void)Ingest(Options({file}, dir / "db"), GoldenRules()), Error);
  ASSERT_TRUE(fs::is_regular_file(dir / "db"));
  EXPECT_EQ(fs::file_size(dir / "db"), std::string("not a database\n").size());
}

TEST(IngestTest, NewRunReplacesThePreviousDatabase) {
  TempDir dir;
  std::string first = WriteLines(dir, "first.ndjson", {Cn("CN1B").Json(), Cn("CN2B").Json()});
  std::string second = WriteLines(dir, "second.ndjson", {Cn("CN3B").Json()});
  (void)Ingest(Options({first}, dir / "db"), GoldenRules());
  (void)Ingest(Options({second}, dir / "db"), GoldenRules());
  Db db(dir / "db");
  EXPECT_EQ(db.Count().counts.valid, 1u);
  EXPECT_FALSE(db.Show("CN1B").has_value());
  EXPECT_TRUE(db.Show("CN3B").has_value());
}

// ----- determinism -----------------------------------------------------------------

struct Generated {
  std::vector<std::string> files;
  uint64_t lines_read = 0;
  uint64_t quarantined = 0;
  uint64_t indexed = 0;
  uint64_t duplicates = 0;
};

// A mixed dump over two files: duplicates (also across files), invalid and empty lines,
// families linked through family_id, several regions and holders. Its counting figures
// are tallied as it is written.
Generated Generate(const TempDir& dir) {
  const std::vector<std::string> regions{"500117", "500100", "510104", "500000", "110105"};
  const std::vector<std::string> holders{"甲公司", "乙大学", "丙科技", "丁研究院"};
  const std::vector<std::string> ipcs{"\"C08K3/00\"",   "\"G06F11/14\"", "\"H04L12/00\"",
                                      "\"G06N3/0464\"", "\"A01B1/00\"",  "\"G06F 11/30\",\"G06N3/045\""};
  Generated g;
  std::set<std::string> ids;
  uint64_t valid_lines = 0;
  for (int part = 0; part < 2; ++part) {
    std::vector<std::string> lines;
    for (int i = part * 150; i < (part + 1) * 150; ++i) {
      if (i % 23 == 7) lines.emplace_back();  // an empty line, not counted
      const int n = i % 120;                  // ids 0..59 appear three times, 60..119 twice
      if (i % 17 == 5) {
        Rec bad = Cn("CN" + std::to_string(100000 + n) + "B");
        bad.grant = "2019-02-29";
        lines.push_back(bad.Json());
        ++g.lines_read;
        ++g.quarantined;
        continue;
      }
      Rec r;
      if (n % 10 == 9) {
        r = Us("US" + std::to_string(200000 + n) + "B2", "F" + std::to_string(n % 7),
               std::to_string(2016 + i % 10) + "-03-01");
      } else {
        r = Cn("CN" + std::to_string(100000 + n) + "B");
        r.region = regions[static_cast<size_t>(i) % regions.size()];
        r.holder = holders[static_cast<size_t>(i * 7 + part) % holders.size()];
        r.filing = std::to_string(2004 + i % 16) + "-02-29";
        if ((2004 + i % 16) % 4 != 0) r.filing = std::to_string(2004 + i % 16) + "-03-01";
        r.grant = std::to_string(2012 + i % 13) + "-06-15";
        r.ipc = ipcs[static_cast<size_t>(i) % ipcs.size()];
        if (i % 5 == 1) {
          r.status = "lapsed";
          r.status_date = std::to_string(2020 + i % 6) + "-06-30";
        }
        if (i % 4 == 0) r.family_id = "F" + std::to_string(n % 7);
        if (i % 9 == 2) {  // pledges on many dates, some patents on two: many pledge tallies
          const std::string first = std::to_string(2015 + i % 7) + "-0" + std::to_string(1 + i / 9 % 9) + "-01";
          r.extra = ",\"pledges\":[{\"amount\":12000000,\"patents\":2,\"date\":\"" + first + "\"}";
          if (i % 2)
            r.extra += ",{\"amount\":3000000,\"patents\":4,\"date\":\"2022-11-0" + std::to_string(1 + i % 5) + "\"}";
          r.extra += "]";
        }
        if (i % 11 == 3) r.extra += ",\"awards\":[{\"award\":\"china_patent\",\"level\":\"gold\",\"year\":2020}]";
      }
      lines.push_back(r.Json());
      ++g.lines_read;
      ++valid_lines;
      ids.insert(r.id);
    }
    g.files.push_back(WriteLines(dir, "part" + std::to_string(part) + ".ndjson", lines));
  }
  g.indexed = ids.size();
  g.duplicates = valid_lines - g.indexed;
  return g;
}

struct Outcome {
  RunSummary summary;
  std::vector<std::string> counts;          // encoded counts of the nation and each region
  std::vector<std::string> holders;         // national ranking, one line per holder
  std::vector<std::string> holder_patents;  // each holder's listing (holder index), in order
  std::vector<std::string> patents;         // encoded patent value of every id, in id order
  std::vector<std::string> pledges;         // pledge financing of the nation and each region, two windows
  std::string quarantine;
};

Outcome IngestGenerated(const Generated& g, const std::string& db_dir, int threads, size_t chunk_bytes,
                        size_t memory_limit = 0) {
  IngestOptions options = Options(g.files, db_dir, threads);
  if (chunk_bytes) options.reader.chunk_bytes = chunk_bytes;
  if (chunk_bytes) options.reader.read_block_bytes = chunk_bytes;
  if (memory_limit) options.memory_limit = memory_limit;
  Outcome o;
  o.summary = Ingest(options, GoldenRules());
  Db db(db_dir);
  o.counts.push_back(store::EncodeCounts(db.Count().counts));
  for (const char* region : {"500000", "500100", "500117", "510000", "510100", "510104", "110000", "110105"}) {
    o.counts.push_back(store::EncodeCounts(db.Count(std::string(region)).counts));
  }
  for (const auto& row : db.Holders(std::nullopt)) {
    o.holders.push_back(row.holder + " " + std::to_string(row.high_value) + " " + std::to_string(row.valid_inventions));
  }
  for (const char* region : {"", "500000", "500100", "500117", "510000", "510104", "110105"}) {
    const auto scope = *region ? std::optional<std::string>(region) : std::nullopt;
    for (const auto& from : {std::optional<base::Date>(), std::optional<base::Date>(D("2018-01-01"))}) {
      const auto p = db.Pledges(scope, from, D("2022-11-03")).tally;
      // Amounts are whole yuan: their sums are exact in any order.
      o.pledges.push_back(std::string(region) + " " + std::to_string(p.pledges) + " " + std::to_string(p.patents) +
                          " " + std::to_string(p.amount_cny));
    }
  }
  for (const char* holder : {"甲公司", "乙大学", "丙科技", "丁研究院"}) {
    for (const auto& row : db.HolderPatents(holder)) {
      o.holder_patents.push_back(std::string(holder) + " " + row.id + " " + row.region + " " +
                                 (row.verdict.valid ? "valid" : "-"));
    }
  }
  for (int n = 0; n < 120; ++n) {
    for (std::string id : {"CN" + std::to_string(100000 + n) + "B", "US" + std::to_string(200000 + n) + "B2"}) {
      auto view = db.Show(id);
      model::Assessment one{{}, {}, view ? view->links : std::vector<model::FamilyLink>{}};
      if (view) {
        one.dates = {D("2023-12-31")};
        one.verdicts = {view->verdict};
      }
      o.patents.push_back(view ? id + ":" + store::EncodePatent(view->patent, one) : id + ": absent");
    }
  }
  std::ifstream quarantine(fs::path(db_dir) / "quarantine.ndjson", std::ios::binary);
  std::stringstream text;
  text << quarantine.rdbuf();
  o.quarantine = text.str();
  return o;
}

void ExpectSameOutcome(const Outcome& a, const Outcome& b) {
  EXPECT_EQ(a.summary.lines_read, b.summary.lines_read);
  EXPECT_EQ(a.summary.indexed, b.summary.indexed);
  EXPECT_EQ(a.summary.quarantined, b.summary.quarantined);
  EXPECT_EQ(a.summary.duplicates_replaced, b.summary.duplicates_replaced);
  EXPECT_EQ(a.summary.valid_inventions, b.summary.valid_inventions);
  EXPECT_EQ(a.summary.high_value, b.summary.high_value);
  EXPECT_EQ(a.summary.valid_inventions_domestic, b.summary.valid_inventions_domestic);
  EXPECT_EQ(a.summary.high_value_domestic, b.summary.high_value_domestic);
  EXPECT_EQ(a.counts, b.counts);
  EXPECT_EQ(a.holders, b.holders);
  EXPECT_EQ(a.holder_patents, b.holder_patents);
  EXPECT_EQ(a.patents, b.patents);
  EXPECT_EQ(a.pledges, b.pledges);
  EXPECT_EQ(a.quarantine, b.quarantine);
}

TEST(IngestTest, SameResultsWhateverThreadsAndChunks) {
  TempDir dir;
  Generated g = Generate(dir);
  Outcome one = IngestGenerated(g, dir / "db1", 1, 0);
  EXPECT_EQ(one.summary.lines_read, g.lines_read);
  EXPECT_EQ(one.summary.quarantined, g.quarantined);
  EXPECT_EQ(one.summary.indexed, g.indexed);
  EXPECT_EQ(one.summary.duplicates_replaced, g.duplicates);
  ExpectIdentity(one.summary);
  EXPECT_GT(one.summary.high_value, 0u);
  EXPECT_GT(one.summary.valid_inventions, one.summary.high_value);

  Outcome two = IngestGenerated(g, dir / "db2", 2, 0);
  ExpectSameOutcome(one, two);
  Outcome tiny_chunks = IngestGenerated(g, dir / "db3", 2, 64);
  ExpectSameOutcome(one, tiny_chunks);
  Outcome tiny_serial = IngestGenerated(g, dir / "db4", 1, 64);
  ExpectSameOutcome(one, tiny_serial);
}

// A budget far below the dump's size: the records are gathered in many sorted runs whose
// facts spill to files, duplicates and family links span runs, and nothing changes.
TEST(IngestTest, SameResultsWhenRunsSpillToDisk) {
  TempDir dir;
  Generated g = Generate(dir);
  Outcome whole = IngestGenerated(g, dir / "db1", 2, 0);
  EXPECT_EQ(whole.summary.runs, 1u);
  EXPECT_EQ(whole.summary.spilled_bytes, 0u);
  EXPECT_NE(whole.pledges.front(), " 0 0 0.000000");  // pledge tallies spill too, so have some
  for (int threads : {1, 2}) {
    Outcome spilled = IngestGenerated(g, dir / ("spill" + std::to_string(threads)), threads, 256, 1);
    EXPECT_GT(spilled.summary.runs, 3u);
    EXPECT_GT(spilled.summary.spilled_bytes, 0u);
    ExpectIdentity(spilled.summary);
    ExpectSameOutcome(whole, spilled);
  }
  // The run's work files are gone from the published database.
  EXPECT_FALSE(fs::exists(fs::path(dir / "spill2") / "work"));
}

}  // namespace
}  // namespace hvpat::pipeline

namespace hvpat::pipeline {
namespace {

// Golden rules (regions 500000, 500100, 500117, 510000, 510100, 510104) plus an
// ipc_editions.tsv naming G06V and H10B. Worked out by hand:
// - CN1B (500117, G06V10/82, valid at 2023-12-31) and CN2B (500117, H10B12/00 and G06V20/00,
//   valid): G06V counts 2, H10B counts 1;
// - CN3B (region 500199, no line in regions.tsv) and CN4B (region 999999): unknown codes,
//   one patent each; CN5B lapsed in 2020 with a G06V symbol: not valid, so not counted there;
// - "G06F  16/27" (two spaces) and "g06f16/27" are not IPC symbols: 2 strings, in id order.
TEST(IngestTest, SummaryCountsCodesTheRulesDoNotKnow) {
  TempDir dir;
  std::filesystem::copy(std::string(HVPAT_TEST_DATA_DIR) + "/golden_rules", dir / "rules");
  std::ofstream(dir / "rules/ipc_editions.tsv") << "code\tedition\tmoved_from\nG06V\t2022.01\tG06K9\n"
                                                   "H10B\t2023.01\tH01L\n";
  rules::RuleSet rules = rules::LoadRuleSet(dir / "rules");
  ASSERT_EQ(rules.later_ipc.size(), 2u);
  Rec a = Cn("CN1B"), b = Cn("CN2B"), c = Cn("CN3B"), d = Cn("CN4B"), e = Cn("CN5B");
  a.ipc = "\"G06V10/82\",\"G06F  16/27\"";
  b.ipc = "\"H10B 12/00\",\"G06V0020000000\"";
  c.region = "500199";
  c.ipc = "\"g06f16/27\"";
  d.region = "999999";
  e.ipc = "\"G06V10/82\"";
  e.status = "lapsed";
  e.status_date = "2020-01-01";
  std::string file = WriteLines(dir, "d.ndjson", {a.Json(), b.Json(), c.Json(), d.Json(), e.Json()});
  RunSummary s = Ingest(Options({file}, dir / "db"), rules);
  ASSERT_EQ(s.indexed, 5u);
  EXPECT_EQ(s.unknown_regions, (std::vector<std::pair<std::string, uint64_t>>{{"500199", 1}, {"999999", 1}}));
  EXPECT_EQ(s.unreadable_ipc, 2u);
  EXPECT_EQ(s.unreadable_ipc_examples, (std::vector<std::string>{"G06F  16/27", "g06f16/27"}));
  ASSERT_EQ(s.later_ipc.size(), 2u);
  EXPECT_EQ(s.later_ipc[0].code, "G06V");
  EXPECT_EQ(s.later_ipc[0].valid_inventions, 2u);
  EXPECT_EQ(s.later_ipc[1].code, "H10B");
  EXPECT_EQ(s.later_ipc[1].edition, "2023.01");
  EXPECT_EQ(s.later_ipc[1].valid_inventions, 1u);
  const std::string json = model::SummaryJson(s);
  EXPECT_NE(json.find("\"unknown_regions\":[{\"code\":\"500199\",\"patents\":1},{\"code\":\"999999\",\"patents\":1}]"),
            std::string::npos);
}

TEST(IngestTest, IpcEditionsFileErrorsNameTheLine) {
  EXPECT_THROW(rules::ParseIpcEditions("e.tsv", "code\tedition\tmoved_from\nH10\t2023.01\tx\n"), Error);
  EXPECT_THROW(rules::ParseIpcEditions("e.tsv", "code\tedition\tmoved_from\nH10B\t2023\tx\n"), Error);
  try {
    rules::ParseIpcEditions("e.tsv", "code\tedition\tmoved_from\nH10B\t2023.01\t\nH10B\t2023.01\t\n");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "e.tsv:3: code H10B is given twice");
  }
}

}  // namespace
}  // namespace hvpat::pipeline
