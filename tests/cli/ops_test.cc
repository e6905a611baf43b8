// The operator-facing contract of issue #12, checked on the built executable run as a
// subprocess (stdout to /dev/full, a copied binary outside the build tree, environment
// variables) and in-process where a stream is enough. Expected texts come from the
// issue and spec/cli.md: the one-line errors, exit statuses 0/2/3, the rules search order.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/wait.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/cli_runner.h"
#include "support/process.h"

namespace hvpat {
namespace {

namespace fs = std::filesystem;
using testing::Json;
using testing::Process;
using testing::Quote;
using testing::ReadFile;
using testing::RunCli;
using testing::TempDir;

const std::string kBinary = HVPAT_BINARY;
const std::string kSourceDir = HVPAT_SOURCE_DIR;
const std::string kData = std::string(HVPAT_TEST_DATA_DIR) + "/golden.ndjson";
const std::string kRules = std::string(HVPAT_TEST_DATA_DIR) + "/golden_rules";
const std::string kNoSpace = "cannot write the output: No space left on device";

// Runs `binary args...` through the shell with the hvpat variables cleared, then `env`
// (NAME=value words) set; stdout goes to `stdout_path` (default: a file kept in `out`).
Process Spawn(const std::string& binary, const std::vector<std::string>& args, const std::vector<std::string>& env = {},
              const std::string& stdout_path = "") {
  TempDir scratch;
  std::string command = "env -u HVPAT_DB -u HVPAT_RULES -u HVPAT_NO_BUILD_FALLBACK";
  for (const auto& e : env) command += " " + Quote(e);
  command += " " + Quote(binary);
  for (const auto& a : args) command += " " + Quote(a);
  command += " >" + Quote(stdout_path.empty() ? scratch / "out" : stdout_path) + " 2>" + Quote(scratch / "err");
  int raw = std::system(command.c_str());
  Process p;
  p.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  if (stdout_path.empty()) p.out = ReadFile(scratch / "out");
  p.err = ReadFile(scratch / "err");
  return p;
}
Process Hvpat(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
              const std::string& stdout_path = "") {
  return Spawn(kBinary, args, env, stdout_path);
}

size_t Lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

// A database of tests/data/golden.ndjson, built once for the suite.
class OpsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = *dir_ / "db";
    auto result = RunCli({"ingest", "--db", db_, "--rules", kRules, "--as-of", "2023-12-31", "--threads", "2", kData});
    ASSERT_EQ(result.status, 1) << result.err;  // golden.ndjson quarantines three lines
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static TempDir* dir_;
  static std::string db_;
};
TempDir* OpsTest::dir_ = nullptr;
std::string OpsTest::db_;

// ---- 1. where the rules come from ----

// An executable with share/hvpat/rules beside it, as installed: found without --rules,
// HVPAT_RULES or the source tree.
TEST(RulesDirTest, InstalledLayoutFindsItsRulesAlone) {
  TempDir prefix;
  fs::create_directories(prefix.path() / "bin");
  fs::create_directories(prefix.path() / "share" / "hvpat");
  fs::copy_file(kBinary, prefix / "bin/hvpat");
  fs::copy(kSourceDir + "/rules", prefix / "share/hvpat/rules");
  auto p = Spawn(prefix / "bin/hvpat", {"generate", "--records", "3"}, {"HVPAT_NO_BUILD_FALLBACK=1"});
  EXPECT_EQ(p.status, 0) << p.err;
  EXPECT_EQ(Lines(p.out), 3u);
}

// cmake --install puts the four pieces where issue #12 says, and the installed binary
// finds its rules with the build tree fallback off.
TEST(RulesDirTest, CmakeInstallLayoutWorks) {
  TempDir prefix;
  auto install = Spawn(HVPAT_CMAKE_COMMAND, {"--install", HVPAT_BUILD_DIR, "--prefix", prefix.path().string()});
  ASSERT_EQ(install.status, 0) << install.err;
  for (std::string path : {"bin/hvpat", "share/hvpat/rules/high_value.ini", "share/hvpat/rules/sei_ipc.tsv",
                           "share/hvpat/rules/regions.tsv", "share/hvpat/rules/awards.tsv", "share/man/man1/hvpat.1.gz",
                           "share/bash-completion/completions/hvpat"}) {
    EXPECT_TRUE(fs::is_regular_file(prefix.path() / path)) << path;
  }
  auto p = Spawn(prefix / "bin/hvpat", {"generate", "--records", "4"}, {"HVPAT_NO_BUILD_FALLBACK=1"});
  EXPECT_EQ(p.status, 0) << p.err;
  EXPECT_EQ(Lines(p.out), 4u);
}

// Outside the build tree the source tree's rules are never used, even without
// HVPAT_NO_BUILD_FALLBACK: the error names each place tried and both fixes.
TEST(RulesDirTest, NoRulesAnywhereIsOneLineNamingWhatWasTried) {
  TempDir prefix;
  fs::create_directories(prefix.path() / "bin");
  fs::copy_file(kBinary, prefix / "bin/hvpat");
  auto p = Spawn(prefix / "bin/hvpat", {"generate", "--records", "3"});
  EXPECT_EQ(p.status, 3);
  EXPECT_EQ(Lines(p.err), 1u) << p.err;
  EXPECT_EQ(p.err.rfind("hvpat generate: no rules directory found; tried ", 0), 0u) << p.err;
  const std::string installed = (prefix.path() / "share" / "hvpat" / "rules").lexically_normal().string();
  EXPECT_NE(p.err.find(installed), std::string::npos) << p.err;
  EXPECT_NE(p.err.find("HVPAT_RULES"), std::string::npos) << p.err;
  EXPECT_NE(p.err.find("pass --rules DIR or set HVPAT_RULES"), std::string::npos) << p.err;
}

// The build tree's executable falls back to the source rules; HVPAT_NO_BUILD_FALLBACK=1 turns that off.
TEST(RulesDirTest, BuildTreeFallbackCanBeDisabled) {
  EXPECT_EQ(Hvpat({"generate", "--records", "2"}).status, 0);
  auto p = Hvpat({"generate", "--records", "2"}, {"HVPAT_NO_BUILD_FALLBACK=1"});
  EXPECT_EQ(p.status, 3);
  EXPECT_NE(p.err.find("no rules directory found"), std::string::npos) << p.err;
}

// HVPAT_RULES is used when --rules is absent, and --rules wins over it.
TEST(RulesDirTest, EnvironmentThenFlag) {
  TempDir dir;
  const std::string missing = dir / "no-such-rules";
  auto from_env = Hvpat({"generate", "--records", "2"}, {"HVPAT_RULES=" + missing});
  EXPECT_EQ(from_env.status, 3);
  EXPECT_EQ(from_env.err, "hvpat generate: rules directory " + missing + " (from HVPAT_RULES) does not exist\n");
  auto from_flag = Hvpat({"generate", "--records", "2", "--rules", missing});
  EXPECT_EQ(from_flag.status, 3);
  EXPECT_EQ(from_flag.err, "hvpat generate: rules directory " + missing + " (from --rules) does not exist\n");
  auto flag = Hvpat({"generate", "--records", "2", "--rules", kSourceDir + "/rules"}, {"HVPAT_RULES=" + missing});
  EXPECT_EQ(flag.status, 0) << flag.err;
}

// HVPAT_DB is the default of --db for ingest and the queries; the flag wins.
TEST(DbEnvTest, DefaultOfDbForEveryCommandFlagWins) {
  TempDir dir;
  const std::string db = dir / "db";
  auto ingest = Hvpat({"ingest", "--rules", kRules, "--as-of", "2023-12-31", kData}, {"HVPAT_DB=" + db});
  EXPECT_EQ(ingest.status, 1) << ingest.err;  // three quarantined lines
  EXPECT_TRUE(fs::exists(fs::path(db) / "HVPAT"));
  for (std::string command : {"count", "report", "holders", "info"}) {
    auto p = Hvpat({command, "--format", "json"}, {"HVPAT_DB=" + db});
    EXPECT_EQ(p.status, 0) << command << ": " << p.err;
  }
  auto count = Hvpat({"count", "--format", "json"}, {"HVPAT_DB=" + db});
  Json json(count.out);
  ASSERT_TRUE(json.ok()) << count.out;
  EXPECT_EQ(json["valid_inventions"].get_int64().value(), 7);  // golden: 8 valid, one foreign-held
  auto flag = Hvpat({"count", "--db", db, "--format", "json"}, {"HVPAT_DB=" + (dir / "elsewhere")});
  EXPECT_EQ(flag.status, 0) << flag.err;
  auto none = Hvpat({"count"});
  EXPECT_EQ(none.status, 2);
  EXPECT_NE(none.err.find("--db DIR is required (or set HVPAT_DB)"), std::string::npos) << none.err;
}

// ---- 4. help that teaches ----

const std::vector<std::string> kCommands = {"ingest", "count", "report", "show", "holders", "info", "generate"};

TEST(HelpTest, HelpCommandPrintsExactlyWhatDashDashHelpPrints) {
  for (const auto& command : kCommands) {
    auto help = RunCli({"help", command});
    auto dash = RunCli({command, "--help"});
    EXPECT_EQ(help.status, 0) << command;
    EXPECT_EQ(dash.status, 0) << command;
    EXPECT_EQ(help.out, dash.out) << command;
    EXPECT_EQ(help.out.rfind("usage: hvpat " + command, 0), 0u) << help.out;
  }
}

TEST(HelpTest, DefaultsAreReadable) {
  auto help = RunCli({"generate", "--help"});
  EXPECT_NE(help.out.find("--invalid-share arg (=0.005)"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--duplicate-share arg (=0.005)"), std::string::npos) << help.out;
  EXPECT_EQ(help.out.find("0.00500000"), std::string::npos) << help.out;
  auto count = RunCli({"count", "--help"});
  EXPECT_NE(count.out.find("--format F (=table)"), std::string::npos) << count.out;
  EXPECT_NE(count.out.find("HVPAT_DB"), std::string::npos) << count.out;
  auto top = RunCli({"holders", "--help"});
  EXPECT_NE(top.out.find("(=20)"), std::string::npos) << top.out;  // spec: N defaults to 20
}

TEST(HelpTest, UnknownOptionPointsToCommandHelp) {
  auto result = RunCli({"count", "--db", "x", "--regoin", "500000"});
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err, "hvpat count: unknown option '--regoin' (hvpat count --help lists the options)\n");
  auto value = RunCli({"holders", "--db", "x", "--top", "many"});
  EXPECT_EQ(value.status, 2);
  EXPECT_EQ(Lines(value.err), 1u);
  EXPECT_NE(value.err.find("hvpat holders --help"), std::string::npos) << value.err;
}

TEST(HelpTest, UnknownCommandSuggestsTheNearest) {
  auto result = RunCli({"cont"});
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err,
            "hvpat cont: unknown command 'cont'; did you mean 'count'? (hvpat --help lists the commands)\n");
  EXPECT_NE(RunCli({"holdres"}).err.find("did you mean 'holders'?"), std::string::npos);
  EXPECT_NE(RunCli({"help", "shwo"}).err.find("did you mean 'show'?"), std::string::npos);
  auto extra = RunCli({"show", "--db", "x", "CN1B", "CN2B"});
  EXPECT_EQ(extra.status, 2);
  EXPECT_EQ(extra.err,
            "hvpat show: more arguments than the command takes; usage: hvpat show --db DIR [--format F] ID\n");
  auto far = RunCli({"frobnicate"});
  EXPECT_EQ(far.status, 2);
  EXPECT_EQ(far.err, "hvpat frobnicate: unknown command 'frobnicate' (hvpat --help lists the commands)\n");
}

TEST(HelpTest, VersionNamesTheLibrariesBuiltWith) {
  auto result = RunCli({"--version"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out.rfind("hvpat " HVPAT_VERSION "\n", 0), 0u) << result.out;
  const std::string number = "[0-9]+\\.[0-9]+(\\.[0-9]+)?";
  for (std::string library : {"Boost", "RocksDB", "simdjson", "oneTBB"}) {
    EXPECT_TRUE(std::regex_search(result.out, std::regex(library + " " + number))) << library << ": " << result.out;
  }
  EXPECT_NE(result.out.find("simdjson " + std::to_string(simdjson::SIMDJSON_VERSION_MAJOR) + "." +
                            std::to_string(simdjson::SIMDJSON_VERSION_MINOR) + "." +
                            std::to_string(simdjson::SIMDJSON_VERSION_REVISION)),
            std::string::npos)
      << result.out;
}

TEST(HelpTest, ManPageHasEveryCommandAndTheEnvironment) {
  auto man = RunCli({"help", "--man"});
  EXPECT_EQ(man.status, 0);
  EXPECT_EQ(man.out.rfind(".TH HVPAT 1 ", 0), 0u);
  for (const auto& command : kCommands) {
    EXPECT_NE(man.out.find("\n.SS " + command + "\n"), std::string::npos) << command;
  }
  EXPECT_NE(man.out.find("\\fB\\-\\-invalid\\-share\\fR arg (=0.005)"), std::string::npos);
  for (std::string section : {".SH ENVIRONMENT", "HVPAT_DB", "HVPAT_RULES", ".SH EXIT STATUS", ".SH FILES"}) {
    EXPECT_NE(man.out.find(section), std::string::npos) << section;
  }
}

// The build installs the page it generated.
TEST(HelpTest, ManPageIsBuiltGzipped) {
  const std::string page = fs::path(kBinary).parent_path() / "hvpat.1.gz";
  ASSERT_TRUE(fs::exists(page)) << page;
  auto p = Spawn("/bin/sh", {"-c", "gzip -dc " + Quote(page) + " | head -1"});
  EXPECT_EQ(p.out.rfind(".TH HVPAT 1 ", 0), 0u) << p.out;
}

// ---- 3. bash completion ----

std::string Complete(const std::string& line, const std::vector<std::string>& env = {}) {
  // COMP_WORDS from the line; an empty last word when it ends in a space.
  std::string script =
      "source " + Quote(kSourceDir + "/packaging/hvpat.bash-completion") + "; COMP_WORDS=(" + Quote(kBinary);
  std::istringstream words(line);
  std::string word;
  int count = 1;
  while (words >> word) script += " " + Quote(word), ++count;
  if (!line.empty() && line.back() == ' ') script += " ''", ++count;
  script += "); COMP_CWORD=" + std::to_string(count - 1) + "; _hvpat; printf '%s\\n' \"${COMPREPLY[@]}\" | sort";
  auto p = Spawn("/bin/bash", {"-c", script}, env);
  EXPECT_EQ(p.status, 0) << p.err;
  return p.out;
}

TEST(CompletionTest, CommandsOptionsFormatsAndRegions) {
  EXPECT_EQ(Complete("co"), "count\n");
  EXPECT_EQ(Complete("h"), "help\nholder\nholders\n");
  EXPECT_EQ(Complete("count --f"), "--format\n");
  EXPECT_EQ(Complete("holders --t"), "--top\n");
  EXPECT_EQ(Complete("count --format "), "csv\njson\ntable\n");
  EXPECT_EQ(Complete("export --format "), "csv\nndjson\n");
  EXPECT_EQ(Complete("ingest --progress "), "auto\noff\nplain\ntty\n");
  EXPECT_EQ(Complete("ingest --q"), "--quiet\n");
  EXPECT_EQ(Complete("help sh"), "show\n");
  // 500117 合川区 is a line of the shipped regions.tsv (spec/cli.md's example).
  EXPECT_NE(Complete("count --rules " + kSourceDir + "/rules --region 50011").find("500117\n"), std::string::npos);
  EXPECT_NE(Complete("count --region 50011", {"HVPAT_RULES=" + kSourceDir + "/rules"}).find("500117\n"),
            std::string::npos);
}

// ---- 5. write errors ----

TEST_F(OpsTest, EveryPrintingCommandReportsAFullDisk) {
  const std::vector<std::vector<std::string>> commands = {{"count"},
                                                          {"count", "--format", "json"},
                                                          {"count", "--format", "csv"},
                                                          {"count", "--series"},
                                                          {"report"},
                                                          {"report", "--format", "csv"},
                                                          {"report", "--format", "json"},
                                                          {"holders"},
                                                          {"holders", "--format", "csv"},
                                                          {"holders", "--format", "json"},
                                                          {"show", "CN100000001B"},
                                                          {"show", "--format", "json", "CN100000001B"},
                                                          {"info"},
                                                          {"info", "--format", "csv"},
                                                          {"info", "--format", "table"},
                                                          {"industries"},
                                                          {"industries", "--detail", "--format", "json"},
                                                          {"pledges", "--format", "csv"},
                                                          {"outlook"},
                                                          {"targets", "--format", "json"},
                                                          {"holder", "甲公司"},
                                                          {"snapshots"},
                                                          {"snapshots", "--format", "json"},
                                                          {"export"},
                                                          {"export", "--format", "csv"}};
  for (auto args : commands) {
    const std::string command = args[0];
    args.insert(args.begin() + 1, {"--db", db_});
    auto p = Hvpat(args, {}, "/dev/full");
    EXPECT_EQ(p.status, 3) << args.back();
    EXPECT_EQ(p.err, "hvpat " + command + ": " + kNoSpace + "\n") << args.back();
  }
}

TEST(WriteErrorTest, IngestGenerateHelpAndVersionReportAFullDisk) {
  TempDir dir;
  auto ingest =
      Hvpat({"ingest", "--db", dir / "db", "--rules", kRules, "--as-of", "2023-12-31", "--format", "json", kData}, {},
            "/dev/full");
  EXPECT_EQ(ingest.status, 3);  // not 1: the summary was lost
  EXPECT_NE(ingest.err.find("hvpat ingest: " + kNoSpace + "\n"), std::string::npos) << ingest.err;
  // Larger than any buffer: the failure ends the run at once.
  auto generate = Hvpat({"generate", "--records", "20000"}, {}, "/dev/full");
  EXPECT_EQ(generate.status, 3);
  EXPECT_EQ(generate.err, "hvpat generate: " + kNoSpace + "\n");
  for (std::string args : {"--help", "--version"}) {
    auto p = Hvpat({args}, {}, "/dev/full");
    EXPECT_EQ(p.status, 3);
    EXPECT_EQ(p.err, "hvpat " + args + ": " + kNoSpace + "\n");
  }
  auto help = Hvpat({"help", "count"}, {}, "/dev/full");
  EXPECT_EQ(help.status, 3);
  EXPECT_EQ(help.err, "hvpat help: " + kNoSpace + "\n");
}

// A reader that goes away ends hvpat by SIGPIPE, as for any Unix filter: hvpat leaves
// SIGPIPE's disposition alone (when a parent ignores it, the write error is reported).
TEST(WriteErrorTest, ClosedPipeIsSigpipe) {
  auto p = Spawn("/bin/bash", {"-c", Quote(kBinary) + " generate --records 200000 | head -c 100 >/dev/null; "
                                                      "echo ${PIPESTATUS[0]}"});
  struct sigaction current {};
  sigaction(SIGPIPE, nullptr, &current);
  if (current.sa_handler == SIG_IGN) {
    EXPECT_EQ(std::stoi(p.out), 3) << p.err;
    EXPECT_EQ(p.err, "hvpat generate: cannot write the output: Broken pipe\n");
  } else {
    EXPECT_EQ(std::stoi(p.out), 128 + SIGPIPE) << p.err;
    EXPECT_EQ(p.err, "");
  }
}

// ---- 6. errors a person can act on ----

TEST(DatabaseErrorTest, QueriesOnAMissingDatabaseSayRunIngest) {
  TempDir dir;
  const std::string missing = dir / "nothing-here";
  fs::create_directories(dir / "empty");
  for (const std::string& db : {missing, dir / "empty"}) {
    for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
             {"count"}, {"report"}, {"holders"}, {"info"}, {"show", "CN100000001B"}}) {
      const std::string command = args[0];
      args.insert(args.begin() + 1, {"--db", db});
      auto result = RunCli(args);
      EXPECT_EQ(result.status, 3) << command;
      EXPECT_EQ(result.err, "hvpat " + command + ": no hvpat database at " + db + ": run hvpat ingest first\n");
    }
  }
}

TEST(DatabaseErrorTest, IngestNamesAMissingParentOfDb) {
  TempDir dir;
  const std::string parent = dir / "no/such";
  auto result = RunCli({"ingest", "--db", parent + "/db", "--rules", kRules, kData});
  EXPECT_EQ(result.status, 3);
  EXPECT_EQ(Lines(result.err), 1u);
  EXPECT_NE(result.err.find("parent directory " + parent + " does not exist"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(".hvpat-new"), std::string::npos) << result.err;
}

// A failing filesystem call (here: resolving a relative --db against a current directory
// that was deleted) is one line naming the database and what to do, exit 3, never the
// standard library's "filesystem error: ..." text.
TEST(DatabaseErrorTest, FilesystemErrorIsOneLineSayingWhatToDo) {
  TempDir dir;
  const std::string gone = dir / "gone";
  fs::create_directories(gone);
  const std::string err_path = dir / "err";
  const std::string command = "cd " + Quote(gone) + " && rmdir " + Quote(gone) + " && env -u HVPAT_DB -u HVPAT_RULES " +
                              Quote(kBinary) + " ingest --db db --rules " + Quote(kRules) + " " + Quote(kData) +
                              " >/dev/null 2>" + Quote(err_path);
  const int raw = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(raw));
  EXPECT_EQ(WEXITSTATUS(raw), 3);
  const std::string err = ReadFile(err_path);
  EXPECT_EQ(Lines(err), 1u) << err;
  EXPECT_TRUE(err.starts_with("hvpat ingest: cannot create the database db: the current directory cannot be read ("))
      << err;
  EXPECT_NE(err.find("give --db as an absolute path or cd to an existing directory\n"), std::string::npos) << err;
  EXPECT_EQ(err.find("filesystem error"), std::string::npos) << err;
}

// ---- 7. info formats ----

TEST_F(OpsTest, InfoAsTableCsvAndJson) {
  // golden.ndjson: 19 lines, one empty, so lines_read 18; 14 indexed (golden_test.cc).
  auto json = RunCli({"info", "--db", db_, "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  Json parsed(json.out);
  ASSERT_TRUE(parsed.ok()) << json.out;
  EXPECT_EQ(parsed["summary"]["lines_read"].get_int64().value(), 18);
  // Without --format info keeps printing JSON, as it did before it had --format.
  EXPECT_EQ(RunCli({"info", "--db", db_}).out, json.out);

  auto csv = RunCli({"info", "--db", db_, "--format", "csv"});
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("field,value\nas_of,2023-12-31\ndates,2023-12-31\n", 0), 0u) << csv.out;
  EXPECT_NE(csv.out.find("\nsummary.lines_read,18\n"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("\nsummary.indexed,14\n"), std::string::npos) << csv.out;

  auto table = RunCli({"info", "--db", db_, "--format", "table"});
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_TRUE(std::regex_search(table.out, std::regex("\nsummary\\.lines_read +18\n"))) << table.out;
  EXPECT_TRUE(std::regex_search(table.out, std::regex("^field +value\nas_of +2023-12-31\n"))) << table.out;
  EXPECT_EQ(RunCli({"info", "--db", db_, "--format", "xml"}).status, 2);
}

}  // namespace
}  // namespace hvpat
