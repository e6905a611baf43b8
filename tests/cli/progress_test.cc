// What ingest tells operators (issue #12 items 2-4): the progress line (absent when stderr
// is not a terminal, live under a pseudo-terminal made by util-linux `script`, plain
// timestamped lines on request), --quiet, log records on stderr and in --log-file,
// --max-quarantined, and --config combined with flags. Runs the built hvpat as a process.
// Expected figures: tests/data/golden.ndjson read as of 2023-12-31 gives 18 lines, 3 of
// them quarantined (golden_test.cc).
#include "../../src/cli/progress.h"  // private to cli/: its formatting is checked directly

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "support/cli_runner.h"

namespace hvpat {
namespace {

namespace fs = std::filesystem;
using testing::Json;
using testing::TempDir;

const std::string kBinary = HVPAT_BINARY;
const std::string kGolden = std::string(HVPAT_TEST_DATA_DIR) + "/golden.ndjson";
const std::string kGoldenRules = std::string(HVPAT_TEST_DATA_DIR) + "/golden_rules";
const std::regex kLogLine(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (INFO|WARNING|ERROR) .*)");

std::string Quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

struct Process {
  int status = -1;
  std::string out;
  std::string err;
};

class IngestOpsTest : public ::testing::Test {
 protected:
  // `hvpat ingest --db DB --rules golden_rules ARGS... golden.ndjson`, stdout and stderr to files.
  Process Ingest(const std::vector<std::string>& args, const std::string& input = kGolden) {
    std::string command = "env -u HVPAT_DB -u HVPAT_RULES " + Quote(kBinary) + " ingest --db " + Quote(db_) +
                          " --rules " + Quote(kGoldenRules);
    for (const auto& a : args) command += " " + Quote(a);
    command += " " + Quote(input) + " >" + Quote(dir_ / "out") + " 2>" + Quote(dir_ / "err");
    int raw = std::system(command.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw), ReadFile(dir_ / "out"), ReadFile(dir_ / "err")};
  }
  std::string Quarantined(size_t n) const {
    return "hvpat ingest: " + std::to_string(n) + " line(s) quarantined, see " + db_ + "/quarantine.ndjson\n";
  }
  TempDir dir_;
  std::string db_ = dir_ / "db";
};

TEST_F(IngestOpsTest, NoProgressWhenStderrIsNotATerminal) {
  Process p = Ingest({"--as-of", "2023-12-31"});
  EXPECT_EQ(p.status, 1);
  EXPECT_EQ(p.err, Quarantined(3));  // the warning only: no \r, no progress line
}

TEST_F(IngestOpsTest, LiveProgressLineUnderAPseudoTerminal) {
  if (std::system("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "util-linux script not installed";
  const std::string dump = dir_ / "dump.jsonl";
  ASSERT_EQ(std::system((Quote(kBinary) + " generate --records 20000 --rules " + Quote(kGoldenRules) + " --output " +
                         Quote(dump))
                            .c_str()),
            0);
  // script runs the command on a new pty: stderr is a terminal; stdout (the summary) goes to a file.
  const std::string inner = Quote(kBinary) + " ingest --db " + Quote(db_) + " --rules " + Quote(kGoldenRules) +
                            " --as-of 2023-12-31 --threads 1 " + Quote(dump) + " >" + Quote(dir_ / "summary");
  const std::string command = "script -qfec " + Quote(inner) + " /dev/null >" + Quote(dir_ / "tty") + " 2>&1";
  int raw = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(raw));
  EXPECT_EQ(WEXITSTATUS(raw), 1);  // the dump has invalid lines
  const std::string tty = ReadFile(dir_ / "tty");
  // Every update rewrites the line: \r, the figures, clear to the end of line.
  const std::regex update(
      R"(\r([0-9.]+ [KMG]?B) of ([0-9.]+ [KMG]?B) \((\d+)%\), (\d+) records/s, ([0-9.]+) MB/s, (\d+) quarantined(, ETA \w+|, finalizing|, publishing)?\x1b\[K)");
  size_t updates = 0;
  uint64_t last_quarantined = 0;
  int last_percent = 0;
  for (auto it = std::sregex_iterator(tty.begin(), tty.end(), update); it != std::sregex_iterator(); ++it) {
    ++updates;
    EXPECT_LE(std::stoi((*it)[3]), 100);
    EXPECT_GE(std::stoi((*it)[3]), last_percent);  // the reading advances
    last_percent = std::stoi((*it)[3]);
    EXPECT_GE(std::stoull((*it)[6]), last_quarantined);  // never goes back
    last_quarantined = std::stoull((*it)[6]);
  }
  EXPECT_GE(updates, 1u) << tty;
  // The last update shows the final quarantine count, and the line is ended by a newline.
  EXPECT_EQ(last_quarantined, SplitLines(ReadFile(db_ + "/quarantine.ndjson")).size());
  EXPECT_NE(tty.find("\x1b[K\r\n"), std::string::npos) << "progress line not ended by a newline";
  EXPECT_NE(tty.find("line(s) quarantined"), std::string::npos);
}

TEST_F(IngestOpsTest, PlainProgressPrintsTimestampedLines) {
  Process p = Ingest({"--as-of", "2023-12-31", "--progress=plain"});
  EXPECT_EQ(p.status, 1);
  auto lines = SplitLines(p.err);
  ASSERT_GE(lines.size(), 2u) << p.err;
  // At least the phase change to finalizing, then the warning.
  const std::regex plain(
      R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ progress 3\.9 KB of 3\.9 KB \(100%\), \d+ records/s, [0-9.]+ MB/s, 3 quarantined, finalizing)");
  EXPECT_TRUE(std::regex_match(lines[lines.size() - 2], plain)) << lines[lines.size() - 2];
  EXPECT_EQ(lines.back() + "\n", Quarantined(3));
  EXPECT_EQ(p.err.find('\r'), std::string::npos);
}

TEST_F(IngestOpsTest, QuietSilencesAllButErrors) {
  Process p = Ingest({"--as-of", "2023-12-31", "--quiet", "--progress=tty", "--verbose"});
  EXPECT_EQ(p.status, 1);  // the exit status still says lines were quarantined
  EXPECT_EQ(p.err, "");
  Process bad = Ingest({"--quiet"}, dir_ / "missing.jsonl");
  EXPECT_EQ(bad.status, 3);
  EXPECT_NE(bad.err.find("hvpat ingest: "), std::string::npos);
}

TEST_F(IngestOpsTest, VerboseAndLogFileWriteTimestampedRecords) {
  const std::string log = dir_ / "ingest.log";
  Process p = Ingest({"--as-of", "2023-12-31", "--verbose", "--log-file", log, "--threads", "2"});
  EXPECT_EQ(p.status, 1);
  const auto records = SplitLines(ReadFile(log));
  ASSERT_EQ(records.size(), 4u) << ReadFile(log);
  for (const auto& r : records) EXPECT_TRUE(std::regex_match(r, kLogLine)) << r;
  EXPECT_NE(records[0].find("INFO ingest start: db " + db_ + ", 1 input file(s), as_of 2023-12-31, rules " +
                            kGoldenRules + ", threads 2"),
            std::string::npos)
      << records[0];
  EXPECT_NE(
      records[1].find("INFO input " + kGolden + ": " + std::to_string(fs::file_size(kGolden)) + " bytes as stored"),
      std::string::npos)
      << records[1];
  EXPECT_NE(records[2].find("WARNING 3 line(s) quarantined, see " + db_ + "/quarantine.ndjson"), std::string::npos);
  EXPECT_NE(records[3].find("INFO ingest done: snapshot "), std::string::npos);
  EXPECT_NE(records[3].find("lines_read 18, indexed 14, quarantined 3, valid_inventions 8, high_value 6"),
            std::string::npos)
      << records[3];
  // --verbose: the same records on stderr, then the warning.
  EXPECT_EQ(p.err, ReadFile(log) + Quarantined(3));
  // Appended, never truncated. The second run is held back by the guard (3 of 18 lines
  // quarantined, more than 10% of the published snapshot's): an ERROR record says so.
  EXPECT_EQ(Ingest({"--as-of", "2023-12-31", "--log-file", log, "--threads", "2"}).status, 3);
  const auto all = SplitLines(ReadFile(log));
  ASSERT_EQ(all.size(), 9u);
  EXPECT_NE(all[7].find("kept unpublished"), std::string::npos) << all[7];
  EXPECT_NE(all[8].find(" ERROR the new snapshot "), std::string::npos) << all[8];
  EXPECT_NE(all[8].find("was kept unpublished: 3 of 18 lines quarantined, more than 10%"), std::string::npos);
}

TEST_F(IngestOpsTest, MaxQuarantinedTurnsAFewBadLinesIntoSuccess) {
  // 3 of 18 lines quarantined (16.7%); the guard is relaxed so that reruns publish.
  auto run = [&](const std::string& allowance) {
    return Ingest({"--as-of", "2023-12-31", "--guard-quarantined", "50%", "--max-quarantined", allowance});
  };
  Process three = run("3");
  EXPECT_EQ(three.status, 0);
  EXPECT_EQ(three.err, "");
  Process two = run("2");
  EXPECT_EQ(two.status, 1);
  EXPECT_EQ(two.err, Quarantined(3));
  EXPECT_EQ(run("17%").status, 0);
  EXPECT_EQ(run("16%").status, 1);
  EXPECT_EQ(run("0").status, 1);
  Process bad = Ingest({"--max-quarantined", "many"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.err, "hvpat ingest: --max-quarantined: 'many' is not a number of lines or a share such as 1%\n");
}

TEST_F(IngestOpsTest, ConfigFileOptionsWithFlagsWinning) {
  const std::string config = dir_ / "ingest.conf";
  std::ofstream(config) << "# nightly\nthreads = 1\nas-of = 2022-12-31\nmemory-limit = 512M\nmax-quarantined = 3\n";
  Process from_file = Ingest({"--config", config, "--format", "json"});
  EXPECT_EQ(from_file.status, 0) << from_file.err;  // max-quarantined from the file
  Json a(from_file.out);
  ASSERT_TRUE(a.ok()) << from_file.out;
  EXPECT_EQ(std::string_view(a["as_of"]), "2022-12-31");
  EXPECT_EQ(int64_t(a["threads"]), 1);
  Process flags = Ingest({"--config", config, "--format", "json", "--as-of", "2023-12-31", "--threads", "2"});
  Json b(flags.out);
  ASSERT_TRUE(b.ok()) << flags.out << flags.err;
  EXPECT_EQ(std::string_view(b["as_of"]), "2023-12-31");
  EXPECT_EQ(int64_t(b["threads"]), 2);
}

TEST_F(IngestOpsTest, ConfigFileUnknownKeyNamesFileAndLine) {
  const std::string config = dir_ / "ingest.conf";
  std::ofstream(config) << "threads = 1\n\n  thraeds = 2\n";
  Process p = Ingest({"--config", config});
  EXPECT_EQ(p.status, 2);
  EXPECT_EQ(p.err, "hvpat ingest: --config " + config +
                       ":3: unknown option 'thraeds' (hvpat ingest --help lists "
                       "the options)\n");
  Process missing = Ingest({"--config", std::string(dir_ / "none.conf")});
  EXPECT_EQ(missing.status, 3);
  EXPECT_EQ(missing.err,
            "hvpat ingest: --config: cannot read " + std::string(dir_ / "none.conf") + ": No such file or directory\n");
}

// Issue #12 item 6: figures are numbers, every CSV and JSON result carries its as_of, the
// multi-date CSV keeps the per-date figures, and info prints the summary ingest printed.
TEST_F(IngestOpsTest, SummaryCsvHasNumbersAndEveryDate) {
  Process p = Ingest({"--as-of", "2023-12-31,2022-12-31", "--format", "csv"});
  EXPECT_EQ(p.status, 1);
  std::map<std::string, std::string> fields;
  for (const auto& line : SplitLines(p.out)) {
    const size_t comma = line.find(',');
    ASSERT_NE(comma, std::string::npos) << line;
    fields[line.substr(0, comma)] = line.substr(comma + 1);
  }
  EXPECT_EQ(fields["field"], "value");  // the header
  EXPECT_EQ(fields.count("throughput"), 0u);
  const std::regex number(R"(\d+(\.\d+)?)");
  EXPECT_TRUE(std::regex_match(fields["mb_per_second"], number)) << fields["mb_per_second"];
  EXPECT_TRUE(std::regex_match(fields["records_per_second"], number)) << fields["records_per_second"];
  EXPECT_EQ(fields["as_of"], "2023-12-31");
  // golden_test.cc: at 2023-12-31, 8 valid inventions (7 domestic), 6 high-value (5 domestic).
  EXPECT_EQ(fields["dates.2023-12-31.valid_inventions"], "8");
  EXPECT_EQ(fields["dates.2023-12-31.high_value"], "6");
  EXPECT_EQ(fields["dates.2023-12-31.valid_inventions_domestic"], "7");
  EXPECT_EQ(fields["dates.2023-12-31.high_value_domestic"], "5");
  EXPECT_EQ(fields.count("dates.2022-12-31.valid_inventions"), 1u);
}

TEST_F(IngestOpsTest, InfoPrintsTheSummaryIngestPrinted) {
  Process p = Ingest({"--as-of", "2023-12-31", "--format", "json"});
  Json printed(p.out);
  ASSERT_TRUE(printed.ok()) << p.out;
  const std::string command = Quote(kBinary) + " info --db " + Quote(db_) + " >" + Quote(dir_ / "info");
  ASSERT_EQ(std::system(command.c_str()), 0);
  Json info(ReadFile(dir_ / "info"));
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(double(info["summary"]["seconds"]), double(printed["seconds"]));
  EXPECT_EQ(double(info["summary"]["publish_seconds"]), double(printed["publish_seconds"]));
  EXPECT_EQ(std::string_view(info["summary"]["snapshot"]), std::string_view(printed["snapshot"]));
  EXPECT_EQ(std::string_view(info["as_of"]), "2023-12-31");
}

TEST_F(IngestOpsTest, CsvAndJsonResultsCarryAsOf) {
  ASSERT_EQ(Ingest({"--as-of", "2023-12-31"}).status, 1);
  auto query = [&](const std::string& args) {
    const std::string command =
        "env -u HVPAT_DB " + Quote(kBinary) + " " + args + " --db " + Quote(db_) + " >" + Quote(dir_ / "q");
    EXPECT_EQ(std::system(command.c_str()), 0) << args;
    return ReadFile(dir_ / "q");
  };
  for (const char* command : {"count --format csv", "report --format csv", "holders --format csv"}) {
    auto lines = SplitLines(query(command));  // header, then the rows
    ASSERT_GE(lines.size(), 2u) << command;
    EXPECT_TRUE(lines[0].ends_with(",as_of")) << command << ": " << lines[0];
    for (size_t i = 1; i < lines.size(); ++i) EXPECT_TRUE(lines[i].ends_with(",2023-12-31")) << lines[i];
  }
  Json holders(query("holders --format json"));
  ASSERT_TRUE(holders.ok());
  EXPECT_EQ(int64_t(holders.root().at(0)["rank"]), 1);
  EXPECT_EQ(std::string_view(holders.root().at(0)["as_of"]), "2023-12-31");
  EXPECT_NE(query("show --format csv CN100000001B").find("\nas_of,2023-12-31\n"), std::string::npos);
  EXPECT_NE(query("info --format csv").find("\nas_of,2023-12-31\n"), std::string::npos);
}

TEST_F(IngestOpsTest, ExportToAFullDiskIsExitThree) {
  ASSERT_EQ(Ingest({"--as-of", "2023-12-31"}).status, 1);
  for (const char* format : {"ndjson", "csv"}) {
    const std::string command =
        Quote(kBinary) + " export --db " + Quote(db_) + " --format " + format + " >/dev/full 2>" + Quote(dir_ / "err");
    int raw = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(raw));
    EXPECT_EQ(WEXITSTATUS(raw), 3) << format;
    EXPECT_EQ(ReadFile(dir_ / "err"), "hvpat export: cannot write the output: No space left on device\n");
  }
}

// The line's figures, worked out by hand: 412.3 MB of 1.2 GB after 24 s is 17.2 MB/s and
// 55750 records/s for 1,338,000 lines; the 787.7 MB left at that rate take 45.85 s.
TEST(ProgressLineTest, DescribesShareRatesQuarantineAndEta) {
  pipeline::Progress p;
  p.bytes_read = 412'300'000;
  p.bytes_total = 1'200'000'000;
  p.lines_read = 1'338'000;
  p.quarantined = 3;
  p.seconds = 24;
  EXPECT_EQ(cli::DescribeProgress(p), "412.3 MB of 1.2 GB (34%), 55750 records/s, 17.2 MB/s, 3 quarantined, ETA 46s");
  p.seconds = 240;  // ten times slower: 458.52 s left, rounded to 459
  EXPECT_EQ(cli::DescribeProgress(p), "412.3 MB of 1.2 GB (34%), 5575 records/s, 1.7 MB/s, 3 quarantined, ETA 7m39s");
  p.bytes_total = 0;  // a pipe: no share, no ETA
  EXPECT_EQ(cli::DescribeProgress(p), "412.3 MB, 5575 records/s, 1.7 MB/s, 3 quarantined");
  p.phase = "finalizing";
  EXPECT_EQ(cli::DescribeProgress(p), "412.3 MB, 5575 records/s, 1.7 MB/s, 3 quarantined, finalizing");
}

TEST(ProgressLineTest, ModesFollowTheTerminalAndQuiet) {
  using cli::ProgressMode;
  EXPECT_EQ(cli::ResolveProgressMode("auto", false, true), ProgressMode::kTty);
  EXPECT_EQ(cli::ResolveProgressMode("auto", false, false), ProgressMode::kOff);
  EXPECT_EQ(cli::ResolveProgressMode("plain", false, false), ProgressMode::kPlain);
  EXPECT_EQ(cli::ResolveProgressMode("tty", false, false), ProgressMode::kTty);
  EXPECT_EQ(cli::ResolveProgressMode("tty", true, true), ProgressMode::kOff);
  EXPECT_EQ(cli::ResolveProgressMode("always", false, true), std::nullopt);
}

TEST(ProgressLineTest, TtyLineIsRewrittenAndEndedByANewline) {
  std::ostringstream err;
  cli::ProgressLine line(cli::ProgressMode::kTty, err);
  pipeline::Progress p;
  p.bytes_read = 500;
  p.seconds = 1;
  line.Show(p);
  line.Show(p);
  line.Finish();
  const std::string once = "\r500 B, 0 records/s, 0.0 MB/s, 0 quarantined\x1b[K";
  EXPECT_EQ(err.str(), once + once + "\n");
}

}  // namespace
}  // namespace hvpat
