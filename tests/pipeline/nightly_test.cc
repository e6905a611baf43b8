// The nightly contract (spec/nightly.md, issue: nightly runs that never lose a line or
// break the published figures): snapshots and their publication, the guard, the lock,
// a directory that is not a database, SIGKILL at any moment of a run, queries during
// publishes, a full disk, and the run-to-run diff. Runs the built hvpat as a process, as
// cron does, so that a kill is a real kill.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "hvpat/model/run_summary.h"
#include "support/cli_runner.h"
#include "support/process.h"

namespace hvpat {
namespace {

namespace fs = std::filesystem;
using testing::Process;
using testing::Quote;
using testing::ReadFile;
using testing::TempDir;

const std::string kBinary = HVPAT_BINARY;
const std::string kGolden = std::string(HVPAT_TEST_DATA_DIR) + "/golden.ndjson";
const std::string kGoldenRules = std::string(HVPAT_TEST_DATA_DIR) + "/golden_rules";
const std::string kRules = HVPAT_SOURCE_RULES_DIR;

// Starts hvpat with `args`, stdout and stderr to files in `scratch`; `fault` sets HVPAT_FAULT.
pid_t Start(const std::vector<std::string>& args, const TempDir& scratch, const std::string& fault = "") {
  pid_t pid = fork();
  if (pid == 0) {
    int out = ::open((scratch / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open((scratch / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (!fault.empty()) ::setenv("HVPAT_FAULT", fault.c_str(), 1);
    std::vector<char*> argv{const_cast<char*>(kBinary.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(kBinary.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

Process Wait(pid_t pid, const TempDir& scratch) {
  int raw = 0;
  ::waitpid(pid, &raw, 0);
  Process p;
  p.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  p.out = ReadFile(scratch / "out");
  p.err = ReadFile(scratch / "err");
  return p;
}

Process Hvpat(const std::vector<std::string>& args, const std::string& fault = "") {
  TempDir scratch;
  return Wait(Start(args, scratch, fault), scratch);
}

// What a query answers: the nation's and two regions' counts as JSON.
std::string Figures(const std::string& db) {
  std::string out;
  for (std::string region : {"", "500117", "440000"}) {
    std::vector<std::string> args{"count", "--db", db, "--format", "json"};
    if (!region.empty()) args.insert(args.end(), {"--region", region});
    Process p = Hvpat(args);
    if (p.status != 0) return "count failed: " + p.err;
    out += p.out;
  }
  return out;
}

std::vector<std::string> Snapshots(const std::string& db) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(db) / "snapshots")) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A generated dump of the shipped rules' regions, written once per suite.
class NightlyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    dump_ = *dir_ / "dump.ndjson";
    Process p = Hvpat({"generate", "--records", "6000", "--seed", "3", "--output", dump_});
    ASSERT_EQ(p.status, 0) << p.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::vector<std::string> Ingest(const std::string& db, const std::string& as_of) {
    return {"ingest", "--db", db, "--rules", kRules, "--as-of", as_of, "--max-quarantined", "100%", dump_};
  }
  static TempDir* dir_;
  static std::string dump_;
};
TempDir* NightlyTest::dir_ = nullptr;
std::string NightlyTest::dump_;

TEST_F(NightlyTest, EachRunAddsASnapshotPublishesItAndKeepsTwo) {
  TempDir dir;
  const std::string db = dir / "db";
  for (const char* as_of : {"2023-12-31", "2024-12-31", "2025-12-31"}) {
    ASSERT_EQ(Hvpat(Ingest(db, as_of)).status, 0);
  }
  EXPECT_EQ(Snapshots(db).size(), 2u);  // --keep 2
  Process list = Hvpat({"snapshots", "--db", db, "--format", "json"});
  ASSERT_EQ(list.status, 0) << list.err;
  testing::Json json(list.out);
  ASSERT_TRUE(json.ok()) << list.out;
  auto rows = json.root().get_array().value();
  ASSERT_EQ(rows.size(), 2u);
  auto newest = rows.at(0).value();
  EXPECT_TRUE(newest["published"].get_bool().value());
  EXPECT_EQ(std::string(newest["as_of"].at(0).get_string().value()), "2025-12-31");
  // The figures of the last run, as its summary beside the database gives them.
  const std::string summary = ReadFile(db + "/summary.json");
  EXPECT_EQ(static_cast<uint64_t>(newest["lines_read"].get_int64().value()),
            model::SummaryNumber(summary, "lines_read").value());
  EXPECT_EQ(static_cast<uint64_t>(newest["indexed"].get_int64().value()), model::SummaryNumber(summary, "indexed"));
  auto older = rows.at(1).value();
  EXPECT_FALSE(older["published"].get_bool().value());
  EXPECT_EQ(std::string(older["as_of"].at(0).get_string().value()), "2024-12-31");
  const std::string older_name(older["name"].get_string().value());
  // --snapshot reads a kept, unpublished one.
  Process old = Hvpat({"count", "--db", db, "--snapshot", older_name, "--format", "json"});
  EXPECT_EQ(old.status, 0);
  EXPECT_NE(old.out.find("\"as_of\":\"2024-12-31\""), std::string::npos) << old.out;
  Process missing = Hvpat({"count", "--db", db, "--snapshot", "nope"});
  EXPECT_EQ(missing.status, 3);
  EXPECT_NE(missing.err.find("no snapshot 'nope'"), std::string::npos) << missing.err;
  ASSERT_EQ(Hvpat({"ingest", "--db", db, "--keep", "1", "--rules", kRules, "--as-of", "2025-12-31", "--max-quarantined",
                   "100%", dump_})
                .status,
            0);
  EXPECT_EQ(Snapshots(db).size(), 1u);
}

TEST_F(NightlyTest, TheGuardHoldsBackGarbageAndForcePublishesIt) {
  TempDir dir;
  const std::string db = dir / "db";
  ASSERT_EQ(Hvpat(Ingest(db, "2025-12-31")).status, 0);
  const std::string before = Figures(db);
  std::ofstream(dir / "garbage") << "not json\n\x01\x02\x03\nxyz\n";
  std::ofstream(dir / "empty").flush();
  for (const char* input : {"garbage", "empty"}) {
    Process held = Hvpat({"ingest", "--db", db, "--rules", kRules, "--as-of", "2025-12-31", dir / input});
    EXPECT_EQ(held.status, 3) << input;
    EXPECT_NE(held.err.find("was kept unpublished"), std::string::npos) << held.err;
    EXPECT_EQ(Figures(db), before) << input;
  }
  Process forced = Hvpat({"ingest", "--db", db, "--force", "--rules", kRules, "--as-of", "2025-12-31", dir / "empty"});
  EXPECT_EQ(forced.status, 0) << forced.err;
  EXPECT_NE(Figures(db), before);
  // The thresholds are options: every line quarantined passes at 100%, none indexed at 0%.
  ASSERT_EQ(Hvpat(Ingest(db, "2025-12-31")).status, 0);
  Process lenient = Hvpat({"ingest", "--db", db, "--guard-quarantined", "100%", "--guard-indexed", "0%", "--rules",
                           kRules, "--as-of", "2025-12-31", dir / "garbage"});
  EXPECT_EQ(lenient.status, 1) << lenient.err;  // published, some lines quarantined
}

TEST_F(NightlyTest, ADirectoryThatIsNotADatabaseIsNeverTouched) {
  TempDir dir;
  const std::string db = dir / "d";
  fs::create_directories(db);
  std::ofstream(db + "/CURRENT") << "x\n";
  std::ofstream(db + "/precious.txt") << "p\n";
  Process p = Hvpat(Ingest(db, "2025-12-31"));
  EXPECT_EQ(p.status, 3);
  EXPECT_NE(p.err.find("is not an hvpat database"), std::string::npos) << p.err;
  EXPECT_EQ(ReadFile(db + "/precious.txt"), "p\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(db), fs::directory_iterator()), 2);
  Process query = Hvpat({"count", "--db", db});
  EXPECT_EQ(query.status, 3);
  EXPECT_NE(query.err.find("not an hvpat database"), std::string::npos) << query.err;
}

TEST_F(NightlyTest, ASecondIngestIntoTheSameDatabaseFailsAtOnce) {
  TempDir dir;
  const std::string db = dir / "db";
  ASSERT_EQ(Hvpat(Ingest(db, "2025-12-31")).status, 0);
  int fd = ::open((fs::path(db) / "lock").c_str(), O_RDWR);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);  // as a running ingest holds it
  const std::string before = Figures(db);
  Process second = Hvpat(Ingest(db, "2024-12-31"));
  EXPECT_EQ(second.status, 3);
  EXPECT_NE(second.err.find("another hvpat ingest"), std::string::npos) << second.err;
  EXPECT_EQ(Figures(db), before);
  ::close(fd);
  EXPECT_EQ(Hvpat(Ingest(db, "2024-12-31")).status, 0);
}

// SIGKILL at 16 moments spread over the run (reading, finalize, writing, every step of
// publishing: six named points, then ten times spread evenly over a run's length): a query then answers exactly the
// previous figures, or, once the new snapshot's link is in place, exactly the new ones; a rerun equals an uninterrupted
// run.
TEST_F(NightlyTest, KilledAtAnyMomentTheFiguresAreTheOldOrTheNewWhole) {
  TempDir dir;
  const std::string clean = dir / "clean";
  auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(Hvpat(Ingest(clean, "2024-12-31")).status, 0);
  const auto run = std::chrono::steady_clock::now() - started;
  const std::string fresh = Figures(clean);
  const std::string db = dir / "db";
  ASSERT_EQ(Hvpat(Ingest(db, "2025-12-31")).status, 0);
  const std::string previous = Figures(db);
  ASSERT_NE(previous, fresh);
  int moments = 0;
  for (const char* fault : {"ingest:read", "ingest:finalized", "ingest:written", "publish:completed", "publish:linked",
                            "publish:renamed"}) {
    Process killed = Hvpat(Ingest(db, "2024-12-31"), fault);
    EXPECT_EQ(killed.status, 128 + SIGKILL) << fault;
    const std::string now = Figures(db);
    EXPECT_EQ(now, std::string(fault) == "publish:renamed" ? fresh : previous) << fault;
    ++moments;
    if (std::string(fault) == "publish:renamed") {
      ASSERT_EQ(Hvpat(Ingest(db, "2025-12-31")).status, 0);
    }
  }
  constexpr int kTimed = 10;
  for (int i = 0; i < kTimed; ++i) {
    TempDir scratch;
    pid_t pid = Start(Ingest(db, "2024-12-31"), scratch);
    std::this_thread::sleep_for(run * i / kTimed);
    ::kill(pid, SIGKILL);
    Process p = Wait(pid, scratch);
    const std::string now = Figures(db);
    // Killed once its link was in place (or not killed at all): the new figures, whole.
    EXPECT_TRUE(now == previous || now == fresh) << "moment " << i << " (exit " << p.status << "): " << now;
    ++moments;
    if (now == fresh) {
      ASSERT_EQ(Hvpat(Ingest(db, "2025-12-31")).status, 0);  // back to the old figures
    }
  }
  EXPECT_EQ(moments, 6 + kTimed);
  ASSERT_EQ(Hvpat(Ingest(db, "2024-12-31")).status, 0);
  EXPECT_EQ(Figures(db), fresh);
  for (const auto& name : Snapshots(db)) EXPECT_FALSE(name.starts_with(".")) << name << " left behind";
}

TEST_F(NightlyTest, QueriesDuringPublishesAnswerFromOneSnapshotWhole) {
  TempDir dir;
  const std::string db = dir / "db";
  ASSERT_EQ(Hvpat(Ingest(db, "2024-12-31")).status, 0);
  const std::string a = Figures(db);
  ASSERT_EQ(Hvpat(Ingest(db, "2025-12-31")).status, 0);
  const std::string b = Figures(db);
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 8; ++i) (void)Hvpat(Ingest(db, i % 2 ? "2025-12-31" : "2024-12-31"));
    done = true;
  });
  int queries = 0, bad = 0;
  while (!done) {
    Process p = Hvpat({"count", "--db", db, "--format", "json"});
    ++queries;
    if (p.status != 0 || (p.out != a.substr(0, p.out.size()) && p.out != b.substr(0, p.out.size()))) {
      ++bad;
      ADD_FAILURE() << "query " << queries << " exit " << p.status << ": " << p.out << p.err;
    }
  }
  writer.join();
  EXPECT_GT(queries, 8);
  EXPECT_EQ(bad, 0);
}

// A full disk at the start and in the middle of a run, on a small tmpfs this test mounts
// (skipped where mounting is not allowed).
TEST_F(NightlyTest, AFullDiskEndsTheRunClearlyAndLeavesThePublishedSnapshot) {
  TempDir dir;
  const std::string mount = dir / "small";
  fs::create_directories(mount);
  if (::mount("tmpfs", mount.c_str(), "tmpfs", 0, "size=12m") != 0) {
    GTEST_SKIP() << "cannot mount a tmpfs here (" << std::strerror(errno) << "): needs root";
  }
  const std::string db = mount + "/db";
  ASSERT_EQ(Hvpat({"ingest", "--db", db, "--rules", kGoldenRules, "--as-of", "2025-12-31", kGolden}).status, 1);
  const std::string before = Figures(db);
  const std::string big = dir / "big.ndjson";  // its database needs far more than 12 MB
  ASSERT_EQ(Hvpat({"generate", "--records", "200000", "--seed", "4", "--output", big}).status, 0);
  Process full = Hvpat({"ingest", "--db", db, "--rules", kRules, "--as-of", "2025-12-31", big});
  EXPECT_EQ(full.status, 3);
  EXPECT_NE(full.err.find("space"), std::string::npos) << full.err;
  EXPECT_EQ(full.err.find('\n'), full.err.size() - 1) << full.err;  // one line
  EXPECT_EQ(Figures(db), before);
  EXPECT_EQ(Snapshots(db).size(), 1u);  // the partial snapshot's space is given back
  // Full at the start: the disk is filled before the run begins.
  std::ofstream filler(mount + "/filler", std::ios::binary);
  std::string block(1 << 16, 'x');
  while (filler.write(block.data(), static_cast<std::streamsize>(block.size()))) {
  }
  filler.close();
  Process start = Hvpat({"ingest", "--db", db, "--rules", kGoldenRules, "--as-of", "2025-12-31", kGolden});
  EXPECT_EQ(start.status, 3) << start.err;
  EXPECT_EQ(Figures(db), before);
  ::umount(mount.c_str());
}

// Golden dump, golden rules (pledge threshold 5,000,000, share), then the same dump with
// a threshold of 6,000,000. Worked out from rules.md at 2025-12-31:
// - CN100000006B (甲公司, 500117): its largest share is the 2024 pledge, 5,000,000 / 1;
//   no IPC, no family, filed 2017 (not maintained), no award: high-value only by pledge,
//   so it leaves at 6,000,000.
// - CN100000007B's share is 10,000,000 / 2 = 5,000,000 too, but its first holder is
//   American: it counts for no region nor the nation, so it is not in the diff.
// Nothing else holds the pledge rule; no record is added or removed.
TEST_F(NightlyTest, DiffNamesThePatentsThatChangedAndWhy) {
  TempDir dir;
  const std::string rules = dir / "rules";
  fs::copy(kGoldenRules, rules);
  std::string ini = ReadFile(rules + "/high_value.ini");
  ini.replace(ini.find("5000000"), 7, "6000000");
  std::ofstream(rules + "/high_value.ini", std::ios::trunc) << ini;
  const std::string db = dir / "db";
  ASSERT_EQ(Hvpat({"ingest", "--db", db, "--rules", kGoldenRules, "--as-of", "2025-12-31", kGolden}).status, 1);
  Process second =
      Hvpat({"ingest", "--db", db, "--rules", rules, "--as-of", "2025-12-31", "--guard-quarantined", "50%", kGolden});
  ASSERT_EQ(second.status, 1) << second.err;
  auto names = Snapshots(db);
  ASSERT_EQ(names.size(), 2u);
  Process diff = Hvpat({"diff", "--db", db, "--format", "json"});
  ASSERT_EQ(diff.status, 0) << diff.err;
  testing::Json json(diff.out);
  ASSERT_TRUE(json.ok()) << diff.out;
  auto root = json.root();
  EXPECT_EQ(std::string(root["from"].get_string().value()), names[0]);
  EXPECT_EQ(std::string(root["to"].get_string().value()), names[1]);
  EXPECT_EQ(std::string(root["as_of"].get_string().value()), "2025-12-31");
  EXPECT_TRUE(root["region"].is_null());
  EXPECT_EQ(root["high_value_from"].get_int64().value() - root["high_value_to"].get_int64().value(), 1);
  EXPECT_EQ(root["entered"].get_array().value().size(), 0u);
  auto left = root["left"].get_array().value();
  ASSERT_EQ(left.size(), 1u);
  auto entry = left.at(0).value();
  EXPECT_EQ(std::string(entry["id"].get_string().value()), "CN100000006B");
  EXPECT_EQ(std::string(entry["region"].get_string().value()), "500117");
  EXPECT_TRUE(entry["rules_from"]["pledge"].get_bool().value());
  EXPECT_FALSE(entry["rules_to"]["pledge"].get_bool().value());
  EXPECT_EQ(root["added"].get_int64().value(), 0);
  EXPECT_EQ(root["removed"].get_int64().value(), 0);
  // The same for its region; nothing in another province.
  Process local = Hvpat({"diff", "--db", db, "--region", "500117", "--format", "json"});
  EXPECT_NE(local.out.find("\"left\":[{\"id\":\"CN100000006B\""), std::string::npos) << local.out;
  Process other = Hvpat({"diff", "--db", db, "--region", "510000", "--format", "json"});
  EXPECT_NE(other.out.find("\"entered\":[],\"left\":[]"), std::string::npos) << other.out;
  // No statistics date in common is a usage error.
  Process none = Hvpat({"diff", "--db", db, "--as-of", "2024-12-31"});
  EXPECT_EQ(none.status, 2) << none.err;
}

}  // namespace
}  // namespace hvpat
