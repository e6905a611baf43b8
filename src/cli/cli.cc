// Subcommand table, options (Boost.Program_options) and the mapping of errors to exit
// statuses (spec/cli.md). Every failure is caught here once and printed as one line.
#include "hvpat/cli/cli.h"

#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <boost/version.hpp>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "hvpat/base/error.h"
#include "hvpat/gen/generator.h"
#include "hvpat/io/reader.h"
#include "hvpat/pipeline/ingest.h"
#include "hvpat/pipeline/library_version.h"
#include "hvpat/query/analytics.h"
#include "hvpat/query/export.h"
#include "hvpat/query/nightly.h"
#include "hvpat/query/query.h"
#include "hvpat/record/library_version.h"
#include "hvpat/report/analytics.h"
#include "hvpat/report/export.h"
#include "hvpat/report/html.h"
#include "hvpat/report/nightly.h"
#include "hvpat/report/records.h"
#include "hvpat/report/render.h"
#include "hvpat/rules/rule_set.h"
#include "hvpat/rules/rule_table.h"
#include "hvpat/store/layout.h"
#include "hvpat/store/library_version.h"
#include "json_member.h"
#include "progress.h"

namespace hvpat::cli {
namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// A usage error: bad flags or arguments (exit 2).
[[noreturn]] void Usage(const std::string& message) { throw Error(ErrorKind::kUsage, message); }

struct Io {
  std::ostream& out;
  std::ostream& err;
};

struct Command {
  const char* name;
  const char* synopsis;
  const char* summary;
  const char* examples;
  std::function<void(po::options_description&, po::positional_options_description&)> declare;
  std::function<int(const po::variables_map&, Io&)> run;
};

// The last day of the previous year: the date national statistics use (rules.md).
base::Date DefaultAsOf() {
  auto today = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  return *base::Date::FromYmd(static_cast<int>(today.year()) - 1, 12, 31);
}

base::Date ParseAsOf(const std::string& text) {
  auto date = base::Date::ParseIso(text);
  if (!date) Usage("--as-of: '" + text + "' is not a YYYY-MM-DD date");
  return *date;
}

// "2021-12-31,2022-12-31,...": ascending and distinct whatever the order given.
std::vector<base::Date> ParseAsOfList(const std::string& text) {
  std::vector<base::Date> dates;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    dates.push_back(ParseAsOf(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  return dates;
}

report::Format FormatOf(const po::variables_map& vm) {
  const std::string name = vm["format"].as<std::string>();
  auto format = report::FormatFromName(name);
  if (!format) Usage("--format: '" + name + "' is not one of table, csv, json");
  return *format;
}

std::optional<std::string> RegionOf(const po::variables_map& vm) {
  if (!vm.count("region")) return std::nullopt;
  const std::string code = vm["region"].as<std::string>();
  if (!model::IsRegionCode(code)) Usage("--region: '" + code + "' is not a six-digit region code");
  if (code == rules::kNationCode) return std::nullopt;  // the nation (analytics.md)
  return code;
}

void AddFormat(po::options_description& o) {
  o.add_options()("format", po::value<std::string>()->default_value("table")->value_name("F"),
                  "output: table, csv or json");
}
void AddDb(po::options_description& o, const char* what = "database directory written by ingest", bool query = true) {
  o.add_options()("db", po::value<std::string>()->required()->value_name("DIR"),
                  (std::string(what) + " (default: $HVPAT_DB)").c_str());
  if (query) {
    o.add_options()("snapshot", po::value<std::string>()->value_name("NAME"),
                    "read this kept snapshot instead of the published one (hvpat snapshots lists them)");
  }
}
void AddRules(po::options_description& o) {
  o.add_options()("rules", po::value<std::string>()->value_name("DIR"),
                  "rules directory (high_value.ini, sei_ipc.tsv, regions.tsv, awards.tsv); default: $HVPAT_RULES, "
                  "else the rules installed with hvpat (<prefix>/share/hvpat/rules)");
}

// An environment variable's value; unset and empty are the same.
std::optional<std::string> Env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

// The directory of the running executable, from /proc/self/exe (Linux).
std::optional<fs::path> ExecutableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return std::nullopt;
  return exe.parent_path();
}

// The rules directory when --rules is not given, in this order: $HVPAT_RULES, the rules
// installed beside the executable (<bindir>/../share/hvpat/rules, so a relocated or
// extracted package finds its own), and for an executable inside the build tree only,
// the source tree's rules/ (HVPAT_BUILD_RULES_DIR; HVPAT_NO_BUILD_FALLBACK=1 disables it,
// which lets the package test prove the installed layout works alone). Nothing found is
// one error naming every place tried.
std::string DefaultRulesDir() {
  if (auto env = Env("HVPAT_RULES")) return *env;  // taken as given: LoadRuleSet names what is wrong
  std::vector<std::string> tried{"--rules (not given)", "$HVPAT_RULES (not set)"};
  auto exe_dir = ExecutableDir();
  if (exe_dir) {
    fs::path installed = (*exe_dir / ".." / "share" / "hvpat" / "rules").lexically_normal();
    std::error_code ec;
    if (fs::is_directory(installed, ec)) return installed.string();
    tried.push_back(installed.string() + " (absent)");
  }
#if defined(HVPAT_BUILD_RULES_DIR) && defined(HVPAT_BUILD_BINARY_DIR)
  if (!Env("HVPAT_NO_BUILD_FALLBACK") && exe_dir) {
    const std::string build_dir = HVPAT_BUILD_BINARY_DIR;
    const std::string here = exe_dir->string() + "/";
    if (here.compare(0, build_dir.size() + 1, build_dir + "/") == 0) {
      std::error_code ec;
      if (fs::is_directory(HVPAT_BUILD_RULES_DIR, ec)) return HVPAT_BUILD_RULES_DIR;
      tried.push_back(std::string(HVPAT_BUILD_RULES_DIR) + " (absent)");
    }
  }
#endif
  std::string message = "no rules directory found; tried ";
  for (size_t i = 0; i < tried.size(); ++i) message += (i ? ", " : "") + tried[i];
  throw Error(ErrorKind::kRules, message + "; pass --rules DIR or set HVPAT_RULES");
}

// Fills the options the environment defaults, before program_options checks required
// ones: --db from $HVPAT_DB (the flag wins) for every command that takes --db, and
// --rules resolved by DefaultRulesDir for every command that takes --rules. Doing it
// here rather than in each command keeps commands added to the table consistent.
void ApplyEnvironmentDefaults(const po::options_description& options, po::variables_map& vm) {
  if (options.find_nothrow("db", false) && !vm.count("db")) {
    if (auto db = Env("HVPAT_DB")) vm.insert({"db", po::variable_value(*db, false)});
  }
  if (options.find_nothrow("rules", false)) {
    std::string origin = "--rules";
    if (!vm.count("rules") || vm["rules"].defaulted()) {
      origin = Env("HVPAT_RULES") ? "HVPAT_RULES" : "";
      vm.erase("rules");
      vm.insert({"rules", po::variable_value(DefaultRulesDir(), false)});
    }
    // Name the directory the person gave, not the first file the loader misses in it.
    const std::string dir = vm["rules"].as<std::string>();
    std::error_code ec;
    if (!origin.empty() && !fs::is_directory(dir, ec)) {
      throw Error(ErrorKind::kRules, "rules directory " + dir + " (from " + origin + ") does not exist");
    }
  }
}

// The line of `file` that sets `key` ("key = value", spaces allowed), for naming it in an error; 0 if none.
size_t ConfigLine(const std::string& file, const std::string& key) {
  std::ifstream in(file);
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    const size_t begin = line.find_first_not_of(" \t");
    if (begin == std::string::npos || line.compare(begin, key.size(), key) != 0) continue;
    const size_t after = line.find_first_not_of(" \t", begin + key.size());
    if (after != std::string::npos && line[after] == '=') return number;
  }
  return 0;
}

// --config FILE: options in program_options' config-file syntax, stored after the command
// line so that its flags win (program_options keeps the first value stored; defaulted
// values are replaced). An unknown key is a usage error naming the file and its line.
void StoreConfigFile(const po::options_description& options, po::variables_map& vm) {
  if (!vm.count("config")) return;
  const std::string file = vm["config"].as<std::string>();
  std::ifstream in(file);
  if (!in) throw Error(ErrorKind::kInput, "--config: cannot read " + file + ": " + std::strerror(errno));
  try {
    po::store(po::parse_config_file(in, options, /*allow_unregistered=*/false), vm);
  } catch (const po::unknown_option& e) {
    const std::string key = e.get_option_name();
    const size_t line = ConfigLine(file, key);
    Usage("--config " + file + (line ? ":" + std::to_string(line) : "") + ": unknown option '" + key +
          "' (hvpat ingest --help lists the options)");
  } catch (const po::error& e) {
    Usage("--config " + file + ": " + e.what());
  }
}

// Ingest creates --db when it is absent: a missing or read-only parent is named as such.
void CheckDbParent(const std::string& db) {
  std::error_code ec;
  fs::path target = fs::absolute(db, ec).lexically_normal();
  if (ec) {
    throw Error(ErrorKind::kStore, "cannot create the database " + db + ": the current directory cannot be read (" +
                                       ec.message() +
                                       "); give --db as an absolute path or cd to an existing directory");
  }
  if (!target.has_filename()) target = target.parent_path();
  const fs::path parent = target.parent_path();
  if (!fs::is_directory(parent, ec)) {
    throw Error(ErrorKind::kStore, "cannot create the database " + db + ": its parent directory " + parent.string() +
                                       " does not exist (create it first)");
  }
  if (::access(parent.c_str(), W_OK | X_OK) != 0) {
    throw Error(ErrorKind::kStore,
                "cannot create the database " + db + " in " + parent.string() + ": " + std::strerror(errno));
  }
}

// "1G", "512M", "64K" or a number of bytes.
size_t ParseBytes(const std::string& option, const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  const std::string suffix = text.substr(digits);
  uint64_t unit = suffix.empty()                     ? 1
                  : suffix == "K" || suffix == "KiB" ? 1ull << 10
                  : suffix == "M" || suffix == "MiB" ? 1ull << 20
                  : suffix == "G" || suffix == "GiB" ? 1ull << 30
                                                     : 0;
  if (digits == 0 || digits > 12 || unit == 0) {
    Usage(option + ": '" + text + "' is not a size such as 1G, 512M or 65536");
  }
  return static_cast<size_t>(std::stoull(text.substr(0, digits)) * unit);
}

// "10%" or "0.1" as a share between 0 and 1.
double ParseShare(const std::string& option, const std::string& text) {
  try {
    size_t used = 0;
    double value = std::stod(text, &used);
    const bool percent = used + 1 == text.size() && text.back() == '%';
    if (percent) value /= 100;
    if ((used == text.size() || percent) && value >= 0 && value <= 1) return value;
  } catch (const std::exception&) {
  }
  Usage(option + ": '" + text + "' is not a share such as 10% or 0.1");
}

// --max-quarantined N|P%: whether the quarantined lines stay within the allowance.
bool WithinAllowance(const std::string& text, const model::RunSummary& s) {
  if (text.ends_with("%")) {
    return static_cast<double>(s.quarantined) <=
           ParseShare("--max-quarantined", text) * static_cast<double>(s.lines_read);
  }
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 18) {
    Usage("--max-quarantined: '" + text + "' is not a number of lines or a share such as 1%");
  }
  return s.quarantined <= std::stoull(text);
}

pipeline::IngestOptions IngestOptionsOf(const po::variables_map& vm) {
  pipeline::IngestOptions options;
  options.db_dir = vm["db"].as<std::string>();
  options.files = io::ExpandInputs(vm["file"].as<std::vector<std::string>>());  // directories: files by name
  options.dates =
      vm.count("as-of") ? ParseAsOfList(vm["as-of"].as<std::string>()) : std::vector<base::Date>{DefaultAsOf()};
  options.threads = vm["threads"].as<int>();
  if (options.threads < 0) Usage("--threads: must be 0 (all cores) or more");
  options.reader.chunk_bytes = vm["chunk-kib"].as<size_t>() << 10;
  options.reader.max_line_bytes = vm["max-line-mib"].as<size_t>() << 20;
  options.tokens_per_thread = vm["tokens-per-thread"].as<int>();
  options.reader.decode_threads = vm["decode-threads"].as<size_t>();
  options.write.batch_bytes = vm["write-batch-mib"].as<size_t>() << 20;
  options.write.memtable_bytes = vm["memtable-mib"].as<size_t>() << 20;
  options.write.memtable_budget = 4 * options.write.memtable_bytes;  // all families together
  options.write.compact = vm.count("compact") > 0;
  options.memory_limit = ParseBytes("--memory-limit", vm["memory-limit"].as<std::string>());
  options.keep = vm["keep"].as<size_t>();
  if (options.keep == 0) Usage("--keep: at least 1 (the published snapshot)");
  options.force = vm.count("force") > 0;
  options.max_quarantined_share = ParseShare("--guard-quarantined", vm["guard-quarantined"].as<std::string>());
  options.min_indexed_share = ParseShare("--guard-indexed", vm["guard-indexed"].as<std::string>());
  if (options.write.batch_bytes == 0 || options.write.memtable_bytes == 0) {
    Usage("--write-batch-mib and --memtable-mib must be positive");
  }
  if (options.reader.chunk_bytes == 0 || options.reader.max_line_bytes == 0 || options.tokens_per_thread < 1) {
    Usage("--chunk-kib, --max-line-mib and --tokens-per-thread must be positive");
  }
  return options;
}

// The run's start as log records: what it reads, for which dates, with which rules.
void LogStart(Log& log, const pipeline::IngestOptions& options, const std::string& rules_dir) {
  std::string dates;
  for (auto date : options.dates) dates += (dates.empty() ? "" : ",") + date.ToString();
  log.Info("ingest start: db " + options.db_dir + ", " + std::to_string(options.files.size()) +
           " input file(s), as_of " + dates + ", rules " + rules_dir + ", threads " +
           (options.threads == 0 ? std::string("all cores") : std::to_string(options.threads)));
  for (const auto& file : options.files) {
    std::error_code ec;
    const bool sized = fs::is_regular_file(file, ec);
    const uintmax_t size = sized ? fs::file_size(file, ec) : 0;
    log.Info("input " + file + ": " +
             (sized && !ec ? std::to_string(size) + " bytes as stored" : "not a regular file, size unknown"));
  }
}

void LogSummary(Log& log, const model::RunSummary& s) {
  char figures[160];
  std::snprintf(figures, sizeof figures, "%.3f s, %.1f MB/s, %.0f records/s", s.seconds,
                s.seconds > 0 ? static_cast<double>(s.bytes_decoded) / 1e6 / s.seconds : 0.0,
                s.seconds > 0 ? static_cast<double>(s.lines_read) / s.seconds : 0.0);
  log.Info("ingest done: snapshot " + s.snapshot + (s.published ? " published" : " kept unpublished") +
           ", lines_read " + std::to_string(s.lines_read) + ", indexed " + std::to_string(s.indexed) +
           ", quarantined " + std::to_string(s.quarantined) + ", valid_inventions " +
           std::to_string(s.valid_inventions) + ", high_value " + std::to_string(s.high_value) + ", " + figures);
}

// Runs the ingest with its progress line and log records; an error is logged, then rethrown.
model::RunSummary IngestReporting(pipeline::IngestOptions& options, const rules::RuleSet& rules, ProgressLine& progress,
                                  Log& log) {
  if (progress.mode() != ProgressMode::kOff) {
    options.progress = [&progress](const pipeline::Progress& p) { progress.Show(p); };
  }
  try {
    model::RunSummary summary = pipeline::Ingest(options, rules);
    progress.Finish();
    return summary;
  } catch (const std::exception& e) {
    progress.Finish();
    log.Write(LogLevel::kError, std::string("ingest failed: ") + e.what());
    throw;
  }
}

int RunIngest(const po::variables_map& vm, Io& io) {
  pipeline::IngestOptions options = IngestOptionsOf(vm);
  const std::string allowance = vm.count("max-quarantined") ? vm["max-quarantined"].as<std::string>() : "";
  if (!allowance.empty()) (void)WithinAllowance(allowance, {});  // a usage error before the run, not after
  report::Format format = FormatOf(vm);
  const bool quiet = vm.count("quiet") > 0;
  auto mode = ResolveProgressMode(vm["progress"].as<std::string>(), quiet, ::isatty(STDERR_FILENO) == 1);
  if (!mode) Usage("--progress: '" + vm["progress"].as<std::string>() + "' is not one of auto, off, plain, tty");
  const double interval = vm["progress-interval"].as<double>();
  if (!(interval > 0)) Usage("--progress-interval: must be a positive number of seconds");
  options.progress_seconds = *mode == ProgressMode::kPlain ? interval : 0.25;
  ProgressLine progress(*mode, io.err);
  Log log(vm.count("verbose") && !quiet ? &io.err : nullptr,
          vm.count("log-file") ? vm["log-file"].as<std::string>() : "", &progress);
  CheckDbParent(options.db_dir);
  const std::string rules_dir = vm["rules"].as<std::string>();
  rules::RuleSet rules = rules::LoadRuleSet(rules_dir);
  LogStart(log, options, rules_dir);
  model::RunSummary summary = IngestReporting(options, rules, progress, log);
  if (summary.quarantined > 0) {
    log.Warning(std::to_string(summary.quarantined) + " line(s) quarantined, see " + options.db_dir +
                "/quarantine.ndjson");
  }
  LogSummary(log, summary);
  io.out << report::Render(report::SummaryDocument(summary), format);
  if (!summary.published) {
    const std::string held = "the new snapshot " + summary.snapshot + " was kept unpublished: " + summary.held +
                             "; the published figures are unchanged (check the input, then rerun with --force to "
                             "publish it)";
    log.Write(LogLevel::kError, held);
    io.err << "hvpat ingest: " << held << "\n";
    return kExitFailure;
  }
  if (summary.quarantined > 0 && (allowance.empty() || !WithinAllowance(allowance, summary))) {
    if (!quiet) {
      io.err << "hvpat ingest: " << summary.quarantined << " line(s) quarantined, see " << options.db_dir
             << "/quarantine.ndjson\n";
    }
    return kExitQuarantined;
  }
  return kExitOk;
}

struct OpenDb {
  std::unique_ptr<store::Store> store;
  query::RunInfo info;
};
// Opens the database with meta and the column families the command reads (`families`).
OpenDb Open(const po::variables_map& vm, std::initializer_list<store::Store::Family> families) {
  OpenDb db;
  std::optional<base::Date> as_of;
  if (vm.count("as-of")) as_of = ParseAsOf(vm["as-of"].as<std::string>());
  const std::string dir = vm["db"].as<std::string>();
  std::optional<std::string> snapshot;
  if (vm.count("snapshot")) snapshot = vm["snapshot"].as<std::string>();
  // Names what to do when there is no database, no published snapshot or no such one.
  db.store = store::Store::OpenReadOnly(store::layout::SnapshotPath(dir, snapshot), families);
  db.info = query::ReadRunInfo(*db.store, as_of);
  return db;
}

// --- analytics (spec/analytics.md) ---

report::RenderOptions RenderOptionsOf(const po::variables_map& vm) {
  report::RenderOptions options;
  options.bom = vm.count("bom") > 0;
  return options;
}

void AddBom(po::options_description& o) {
  o.add_options()("bom", "CSV: start with a UTF-8 byte order mark, for spreadsheets that need one");
}

std::optional<base::Date> OptionalDate(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) return std::nullopt;
  auto date = base::Date::ParseIso(vm[name].as<std::string>());
  if (!date) Usage(std::string("--") + name + ": '" + vm[name].as<std::string>() + "' is not a YYYY-MM-DD date");
  return date;
}

// The name a command shows for a region: its regions.tsv line's, or 全国 for the nation.
std::optional<std::string> RegionName(const OpenDb& db, const std::optional<std::string>& region) {
  if (!region) return std::string("全国");
  auto line = query::LookupRegion(*db.store, *region);
  return line ? std::optional<std::string>(line->name) : std::nullopt;
}

// Everything the report page shows, read from the database (report/html.h draws it).
report::PageData GatherPage(const OpenDb& db, const std::optional<std::string>& region,
                            std::vector<query::CountResult> rows) {
  report::PageData page;
  page.headline = rows.front();
  page.children.assign(rows.begin() + 1, rows.end());
  page.fingerprint = db.info.Rules().fingerprint;
  page.industries = query::Industries(*db.store, db.info, region, false);
  page.holders = query::Holders(*db.store, db.info, region, 10);
  page.targets = query::Targets(*db.store, db.info, region);
  page.outlook = query::Outlook(*db.store, db.info, region, 5);
  page.pledges = query::Pledges(*db.store, region, std::nullopt, db.info.as_of);
  query::RunInfo at = db.info;
  for (auto date : db.info.dates) {
    at.as_of = date;
    page.series.push_back(query::Count(*db.store, at, region));
    auto year_start = base::Date::FromYmd(date.year(), 1, 1);
    page.pledges_by_year.push_back(query::Pledges(*db.store, region, year_start, date));
  }
  return page;
}

int WriteReportPage(const po::variables_map& vm, const OpenDb& db, const std::optional<std::string>& region,
                    std::vector<query::CountResult> rows, Io& io) {
  const std::string path = vm["html"].as<std::string>();
  std::string html = report::RenderReportPage(GatherPage(db, region, std::move(rows)));
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) throw Error(ErrorKind::kInput, path + ": cannot write");
  file << html;
  file.close();
  if (!file) throw Error(ErrorKind::kInput, path + ": write failed");
  io.err << "hvpat report: wrote " << path << "\n";
  return kExitOk;
}

int RunIndustries(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  auto region = RegionOf(vm);
  auto db = Open(vm, {store::Store::Family::kTallies});
  auto rows = query::Industries(*db.store, db.info, region, vm.count("detail") > 0);
  io.out << report::Render(report::IndustriesDocument(rows, db.info), format, RenderOptionsOf(vm));
  return kExitOk;
}

int RunPledges(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  auto region = RegionOf(vm);
  auto from = OptionalDate(vm, "from");
  auto to = OptionalDate(vm, "to");
  auto db = Open(vm, {store::Store::Family::kTallies});
  auto result = query::Pledges(*db.store, region, from, to.value_or(db.info.dates.back()));
  io.out << report::Render(report::PledgesDocument(result, region, RegionName(db, region)), format,
                           RenderOptionsOf(vm));
  return kExitOk;
}

int RunOutlook(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  auto region = RegionOf(vm);
  int years = vm["years"].as<int>();
  if (years < 1 || years > 100) Usage("--years: must be between 1 and 100");
  auto db = Open(vm, {store::Store::Family::kTallies});
  auto rows = query::Outlook(*db.store, db.info, region, years);
  io.out << report::Render(report::OutlookDocument(rows, db.info), format, RenderOptionsOf(vm));
  return kExitOk;
}

int RunTargets(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  auto region = RegionOf(vm);
  auto db = Open(vm, {store::Store::Family::kTallies});
  io.out << report::Render(report::TargetsDocument(query::Targets(*db.store, db.info, region)), format,
                           RenderOptionsOf(vm));
  return kExitOk;
}

int RunHolder(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  const std::string name = vm["name"].as<std::string>();
  auto db = Open(vm, {store::Store::Family::kHolder, store::Store::Family::kPatents});
  auto rows = query::HolderPatents(*db.store, db.info, name);
  if (rows.empty()) throw Error(ErrorKind::kStore, "holder '" + name + "' holds no patent in the database");
  io.out << report::Render(report::HolderDocument(rows, db.info), format, RenderOptionsOf(vm));
  return kExitOk;
}

int RunCount(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  auto region = RegionOf(vm);
  auto db = Open(vm, {store::Store::Family::kTallies});
  if (vm.count("series")) {
    std::vector<query::CountResult> rows;
    for (auto date : db.info.dates) {
      db.info.as_of = date;
      rows.push_back(query::Count(*db.store, db.info, region));
    }
    io.out << report::RenderCountSeries(rows, format);
    return kExitOk;
  }
  io.out << report::RenderCount(query::Count(*db.store, db.info, region), format);
  return kExitOk;
}

int RunReport(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  auto region = RegionOf(vm);
  std::string sort = vm.count("sort") ? vm["sort"].as<std::string>() : "";
  auto columns = report::ReportColumns();
  if (!sort.empty() && std::find(columns.begin(), columns.end(), sort) == columns.end()) {
    Usage("--sort: '" + sort + "' is not a column of the report");
  }
  // The page (--html) lists the largest holders too.
  auto db = vm.count("html") ? Open(vm, {store::Store::Family::kTallies, store::Store::Family::kHolderRank})
                             : Open(vm, {store::Store::Family::kTallies});
  std::vector<query::CountResult> rows{query::Count(*db.store, db.info, region)};
  for (auto& child : query::Children(*db.store, db.info, region)) rows.push_back(std::move(child));
  if (vm.count("html")) return WriteReportPage(vm, db, region, rows, io);
  io.out << report::Render(report::ReportDocument(rows, sort), format, RenderOptionsOf(vm));
  return kExitOk;
}

int RunShow(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  const std::string id = vm["id"].as<std::string>();
  auto db = Open(vm, {store::Store::Family::kPatents});
  auto view = query::Show(*db.store, db.info, id);
  if (!view) throw Error(ErrorKind::kStore, "patent " + id + " is not in the database");
  io.out << report::Render(report::ShowDocument(*view, db.info), format);
  return kExitOk;
}

int RunHolders(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  auto region = RegionOf(vm);
  int top = vm["top"].as<int>();
  if (top < 0) Usage("--top: must not be negative");
  std::optional<model::Rule> rule;
  if (vm.count("rule")) {
    rule = rules::RuleFromName(vm["rule"].as<std::string>());
    if (!rule)
      Usage("--rule: '" + vm["rule"].as<std::string>() + "' is not one of sei, overseas, maintained, pledge, award");
  }
  auto db = Open(vm, {store::Store::Family::kHolderRank, store::Store::Family::kTallies});
  auto rows = query::Holders(*db.store, db.info, region, static_cast<size_t>(top), rule);
  io.out << report::Render(report::HoldersDocument(rows, db.info), format, RenderOptionsOf(vm));
  return kExitOk;
}

int RunSnapshots(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  io.out << report::RenderSnapshots(query::Snapshots(vm["db"].as<std::string>()), format);
  return kExitOk;
}

int RunDiff(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  query::DiffRequest request;
  if (vm.count("from")) request.from = vm["from"].as<std::string>();
  if (vm.count("to")) request.to = vm["to"].as<std::string>();
  if (vm.count("as-of")) request.as_of = ParseAsOf(vm["as-of"].as<std::string>());
  request.region = RegionOf(vm);
  io.out << report::RenderDiff(query::Diff(vm["db"].as<std::string>(), request), format);
  return kExitOk;
}

// The final run summary, as ingest printed it, from the snapshot's snapshot.json (written
// at the end of the run); the summary stored inside the database is taken when it is absent.
std::string PrintedSummary(const po::variables_map& vm, const std::string& stored) {
  std::optional<std::string> snapshot;
  if (vm.count("snapshot")) snapshot = vm["snapshot"].as<std::string>();
  std::ifstream in(store::layout::SnapshotPath(vm["db"].as<std::string>(), snapshot) + "/snapshot.json",
                   std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return TopLevelMember(text, "summary").value_or(stored);
}

int RunInfo(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  auto db = Open(vm, {});
  db.info.summary_json = PrintedSummary(vm, db.info.summary_json);
  io.out << report::Render(report::InfoDocument(db.info), format);
  return kExitOk;
}

// Streams the patents through one buffer flushed every megabyte: constant memory, and a
// full disk or closed pipe stops the scan at the next flush (the stream throws).
int RunExport(const po::variables_map& vm, Io& io) {
  const std::string name = vm["format"].as<std::string>();
  auto format = report::ExportFormatFromName(name);
  if (!format) Usage("--format: '" + name + "' is not one of ndjson, csv");
  auto region = RegionOf(vm);
  auto db = Open(vm, {store::Store::Family::kPatents});
  std::string buffer = report::ExportHeader(*format);
  constexpr size_t kFlushBytes = 1 << 20;
  buffer.reserve(kFlushBytes + (64 << 10));
  query::ExportPatents(*db.store, db.info, region, [&](const query::ExportRecord& record) {
    report::AppendExportRecord(buffer, record, *format);
    if (buffer.size() >= kFlushBytes) {
      io.out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  });
  io.out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  io.out.flush();
  return kExitOk;
}

int RunGenerate(const po::variables_map& vm, Io& io) {
  gen::GenerateOptions options;
  options.records = vm["records"].as<uint64_t>();
  options.seed = vm["seed"].as<uint64_t>();
  options.invalid_share = vm["invalid-share"].as<double>();
  options.duplicate_share = vm["duplicate-share"].as<double>();
  options.bulky = vm.count("bulky") > 0;
  if (options.invalid_share < 0 || options.invalid_share > 1 || options.duplicate_share < 0 ||
      options.duplicate_share > 1) {
    Usage("--invalid-share and --duplicate-share must be between 0 and 1");
  }
  rules::RuleSet rules = rules::LoadRuleSet(vm["rules"].as<std::string>());
  if (vm.count("output")) {
    const std::string path = vm["output"].as<std::string>();
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) throw Error(ErrorKind::kInput, "cannot write " + path + ": " + std::strerror(errno));
    gen::Generate(options, rules, file);
    file.close();
    if (!file) throw Error(ErrorKind::kInput, "cannot write " + path + ": " + std::strerror(errno));
  } else {
    gen::Generate(options, rules, io.out);
  }
  return kExitOk;
}

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"ingest", "hvpat ingest --db DIR [--rules DIR] [--as-of YYYY-MM-DD] [--threads N] [--format F] FILE...",
       "Read dump files (plain, gzip, zstd, bzip2), apply the rules as of a date, and build the database at DIR "
       "(replacing what DIR held). Exit 1 when some lines were quarantined (DIR/quarantine.ndjson).",
       "  hvpat ingest --db /tmp/hv --as-of 2025-12-31 sample_data/sample.jsonl.gz\n"
       "  hvpat ingest --db /tmp/hv --as-of 2021-12-31,2023-12-31,2025-12-31 sample_data/sample.jsonl.gz\n"
       "  zcat sample_data/sample.jsonl.gz | hvpat ingest --db /tmp/hv --rules rules --threads 2 --format json -\n",
       [](po::options_description& o, po::positional_options_description& p) {
         AddDb(o, "database directory to add a snapshot to", false);
         o.add_options()(
             "as-of", po::value<std::string>(),
             "statistics date, or several separated by commas, evaluated in one pass (default: 31 December of "
             "last year)")("threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
             "chunk-kib", po::value<size_t>()->default_value(4096), "bytes of whole lines per pipeline chunk, KiB")(
             "tokens-per-thread", po::value<int>()->default_value(3), "chunks in flight per thread")(
             "max-line-mib", po::value<size_t>()->default_value(64), "longer lines are quarantined, MiB")(
             "decode-threads", po::value<size_t>()->default_value(0),
             "input files decompressed at once (0: one per worker thread; several files only)")(
             "write-batch-mib", po::value<size_t>()->default_value(8),
             "finalize commits writes in batches of this size, MiB")(
             "memtable-mib", po::value<size_t>()->default_value(16),
             "RocksDB memtable size per column family, MiB (all together: four times this)")(
             "compact", "compact every column family at the end (slower ingest, one sorted run for queries)")(
             "memory-limit", po::value<std::string>()->default_value("1G"),
             "memory budget of the run (1G, 512M, ...); past it, sorted runs spill to disk beside the database")(
             "keep", po::value<size_t>()->default_value(2), "snapshots to keep (the published one always among them)")(
             "force", "publish the new snapshot even when the guard would hold it back")(
             "guard-quarantined", po::value<std::string>()->default_value("10%"),
             "hold the snapshot back when more than this share of lines is quarantined")(
             "guard-indexed", po::value<std::string>()->default_value("50%"),
             "hold it back when it indexes fewer than this share of the published snapshot's patents")(
             "max-quarantined", po::value<std::string>()->value_name("N|P%"),
             "exit 0 (not 1) when at most N lines, or P% of lines, were quarantined")(
             "file", po::value<std::vector<std::string>>()->required(), "dump files, in input order")(
             "progress", po::value<std::string>()->default_value("auto")->value_name("MODE"),
             "progress on stderr: auto (a live line when stderr is a terminal), off, plain (a timestamped line "
             "every --progress-interval seconds, for log files) or tty")(
             "progress-interval", po::value<double>()->default_value(10, "10")->value_name("S"),
             "seconds between plain progress lines")(
             "quiet,q", "print nothing on stderr but errors (no progress, no quarantine warning)")(
             "verbose,v", "write the log records (start, inputs, warnings, summary) to stderr")(
             "log-file", po::value<std::string>()->value_name("FILE"), "append the log records to FILE")(
             "config", po::value<std::string>()->value_name("FILE"),
             "read ingest options from FILE (lines such as threads = 2, as-of = 2025-12-31); flags win");
         AddRules(o);
         AddFormat(o);
         p.add("file", -1);
       },
       RunIngest},
      {"count", "hvpat count --db DIR [--region CODE] [--format F]",
       "Counts of valid and high-value invention patents for a region's subtree (province, city or county), or "
       "the nation, with the per-rule breakdown and the figure per 10,000 residents.",
       "  hvpat count --db /tmp/hv\n  hvpat count --db /tmp/hv --region 500000 --format json\n"
       "  hvpat count --db /tmp/hv --region 500000 --series      (one row per statistics date)\n",
       [](po::options_description& o, po::positional_options_description&) {
         AddDb(o);
         o.add_options()("region", po::value<std::string>(), "six-digit GB/T 2260 code")(
             "as-of", po::value<std::string>(), "which of the database's dates (default: the latest)")(
             "series", "one row per statistics date of the database");
         AddFormat(o);
       },
       RunCount},
      {"report", "hvpat report --db DIR [--region CODE] [--as-of D] [--sort COLUMN] [--html FILE] [--format F]",
       "The region report: a region (default: the nation) and the regions one level below it with patents, "
       "their counts, per-rule figures and per-10,000 figures.",
       "  hvpat report --db /tmp/hv\n  hvpat report --db /tmp/hv --region 510000 --format csv\n",
       [](po::options_description& o, po::positional_options_description&) {
         AddDb(o);
         o.add_options()("region", po::value<std::string>(), "six-digit GB/T 2260 code")(
             "as-of", po::value<std::string>(), "which of the database's dates (default: the latest)")(
             "sort", po::value<std::string>(), "order the sub-regions by this column (numbers: largest first)")(
             "html", po::value<std::string>(), "write a self-contained HTML report page to this file");
         AddFormat(o);
         AddBom(o);
       },
       RunReport},
      {"show", "hvpat show --db DIR [--format F] ID",
       "One patent as indexed: its region, holders, validity, each rule's outcome and its industries, with the "
       "evidence behind each verdict (dates checked, matching IPC rows and patterns, family members, the deciding "
       "pledge, awards, the first holder's region).",
       "  hvpat show --db /tmp/hv CN158248916B\n  hvpat show --db /tmp/hv --format json CN158248916B\n",
       [](po::options_description& o, po::positional_options_description& p) {
         AddDb(o);
         o.add_options()("id", po::value<std::string>()->required(), "publication number")(
             "as-of", po::value<std::string>(), "which of the database's dates (default: the latest)");
         AddFormat(o);
         p.add("id", 1);
       },
       RunShow},
      {"holders", "hvpat holders --db DIR [--region CODE] [--top N] [--format F]",
       "Holders ranked by high-value patents attributed to the region (ties by name), as first holder or "
       "co-holder.",
       "  hvpat holders --db /tmp/hv --top 10\n  hvpat holders --db /tmp/hv --region 500117 --format json\n",
       [](po::options_description& o, po::positional_options_description&) {
         AddDb(o);
         o.add_options()("region", po::value<std::string>(), "six-digit GB/T 2260 code")(
             "top", po::value<int>()->default_value(20), "how many holders")(
             "rule", po::value<std::string>(), "rank by the patents meeting this rule instead")(
             "as-of", po::value<std::string>(), "which of the database's dates (default: the latest)");
         AddFormat(o);
         AddBom(o);
       },
       RunHolders},
      {"snapshots", "hvpat snapshots --db DIR [--format F]",
       "The snapshots the database keeps, newest first: which one queries read (published), when each was made, "
       "its statistics dates, rules fingerprint and line counts.",
       "  hvpat snapshots --db /tmp/hv\n  hvpat snapshots --db /tmp/hv --format json\n",
       [](po::options_description& o, po::positional_options_description&) {
         AddDb(o, "database directory written by ingest", false);
         AddFormat(o);
       },
       RunSnapshots},
      {"diff", "hvpat diff --db DIR [--from NAME] [--to NAME] [--as-of D] [--region CODE] [--format F]",
       "What changed between two snapshots at one statistics date: the patents that became high-value and those "
       "that stopped being, with the rules before and after, patents added and removed, and the high-value count "
       "of each. Default: the published snapshot against the one kept before it.",
       "  hvpat diff --db /tmp/hv\n  hvpat diff --db /tmp/hv --region 500000 --format json\n",
       [](po::options_description& o, po::positional_options_description&) {
         AddDb(o, "database directory written by ingest", false);
         o.add_options()("from", po::value<std::string>()->value_name("NAME"),
                         "older snapshot (default: the one kept before --to)")(
             "to", po::value<std::string>()->value_name("NAME"), "newer snapshot (default: the published one)")(
             "as-of", po::value<std::string>(), "a statistics date both hold (default: the latest such date)")(
             "region", po::value<std::string>(), "six-digit GB/T 2260 code (default: the nation)");
         AddFormat(o);
       },
       RunDiff},
      {"industries", "hvpat industries --db DIR [--region CODE] [--as-of D] [--detail] [--format F]",
       "Valid invention patents per strategic emerging industry (top-level codes, or with --detail the codes of "
       "sei_ipc.tsv), every industry listed, zeros included.",
       "  hvpat industries --db /tmp/hv\n  hvpat industries --db /tmp/hv --region 500117 --detail --format csv\n",
       [](po::options_description& o, po::positional_options_description&) {
         AddDb(o);
         o.add_options()("region", po::value<std::string>(), "six-digit GB/T 2260 code (000000: the nation)")(
             "as-of", po::value<std::string>(), "which of the database's dates (default: the latest)")(
             "detail", "the detailed codes (1.5) instead of the nine top-level industries");
         AddFormat(o);
         AddBom(o);
       },
       RunIndustries},
      {"pledges", "hvpat pledges --db DIR [--region CODE] [--from D1] [--to D2] [--format F]",
       "Pledge financing registered from D1 to D2 (both inclusive; default: from the first pledge to the latest "
       "statistics date) on the region's patents of any type and status: pledges, patents and amount in CNY.",
       "  hvpat pledges --db /tmp/hv --region 320612 --from 2022-01-01\n",
       [](po::options_description& o, po::positional_options_description&) {
         AddDb(o);
         o.add_options()("region", po::value<std::string>(), "six-digit GB/T 2260 code (000000: the nation)")(
             "from", po::value<std::string>(), "first registration date counted, YYYY-MM-DD")(
             "to", po::value<std::string>(), "last registration date counted (default: the latest statistics date)");
         AddFormat(o);
         AddBom(o);
       },
       RunPledges},
      {"outlook", "hvpat outlook --db DIR [--region CODE] [--as-of D] [--years N] [--format F]",
       "The valid inventions that are not high-value at D but pass the maintenance line in each of the next N "
       "years if kept in force: what an office can still win.",
       "  hvpat outlook --db /tmp/hv --region 500117 --years 5\n",
       [](po::options_description& o, po::positional_options_description&) {
         AddDb(o);
         o.add_options()("region", po::value<std::string>(), "six-digit GB/T 2260 code (000000: the nation)")(
             "as-of", po::value<std::string>(), "which of the database's dates (default: the latest)")(
             "years", po::value<int>()->default_value(5), "how many years ahead");
         AddFormat(o);
         AddBom(o);
       },
       RunOutlook},
      {"targets", "hvpat targets --db DIR [--region CODE] [--format F]",
       "The plan targets of rules/targets.tsv for the region's subtree, at the latest statistics date: current "
       "value, share reached, met, and the straight-line projection to the due date.",
       "  hvpat targets --db /tmp/hv\n  hvpat targets --db /tmp/hv --region 500000 --format json\n",
       [](po::options_description& o, po::positional_options_description&) {
         AddDb(o);
         o.add_options()("region", po::value<std::string>(), "six-digit GB/T 2260 code (000000: the nation)");
         AddFormat(o);
         AddBom(o);
       },
       RunTargets},
      {"holder", "hvpat holder --db DIR [--as-of D] [--format F] NAME",
       "One holder's patents (as first holder or co-holder, any region) with their verdicts at D.",
       "  hvpat holder --db /tmp/hv 重庆理工大学\n",
       [](po::options_description& o, po::positional_options_description& p) {
         AddDb(o);
         o.add_options()("name", po::value<std::string>()->required(), "holder name, exactly as in the records")(
             "as-of", po::value<std::string>(), "which of the database's dates (default: the latest)");
         AddFormat(o);
         AddBom(o);
         p.add("name", 1);
       },
       RunHolder},
      {"info", "hvpat info --db DIR [--format F]      (F defaults to json)",
       "What a database was built from: the run summary, the rules (fingerprint and values) and the input files, "
       "as JSON by default; as table or csv one field per row (nested fields as dotted paths).",
       "  hvpat info --db /tmp/hv\n  hvpat info --db /tmp/hv --format table\n",
       [](po::options_description& o, po::positional_options_description&) {
         AddDb(o);
         o.add_options()("as-of", po::value<std::string>(), "which of the database's dates (default: the latest)");
         // json stays the default: info printed only JSON before --format, and scripts read it.
         o.add_options()("format", po::value<std::string>()->default_value("json")->value_name("F"),
                         "output: table, csv or json");
       },
       RunInfo},
      {"export", "hvpat export --db DIR [--snapshot NAME] [--as-of D] [--region CODE] [--format ndjson|csv]",
       "Every indexed patent, in id order, with its office, type, region, holders, industries (top-level and "
       "detailed), validity, high-value verdict and each rule's verdict at D (null when the rule is disabled), and "
       "as_of: one JSON object a line, or CSV with a header, for DuckDB, Spark or a spreadsheet. With --region, "
       "only the patents count counts for that region.",
       "  hvpat export --db /tmp/hv > patents.ndjson\n"
       "  hvpat export --db /tmp/hv --region 500000 --format csv > chongqing.csv\n",
       [](po::options_description& o, po::positional_options_description&) {
         AddDb(o);
         o.add_options()("region", po::value<std::string>(), "six-digit GB/T 2260 code (default: every patent)")(
             "as-of", po::value<std::string>(), "which of the database's dates (default: the latest)")(
             "format", po::value<std::string>()->default_value("ndjson")->value_name("F"), "output: ndjson or csv");
       },
       RunExport},
      {"generate", "hvpat generate [--records N] [--seed S] [--rules DIR] [--output FILE]",
       "Write a deterministic, realistic dump (NDJSON) exercising every rule, for demos, tests and benchmarks.",
       "  hvpat generate --records 5000 --seed 7 | gzip > sample.jsonl.gz\n"
       "  hvpat generate --records 100000 --bulky --invalid-share 0 --output big.jsonl\n",
       [](po::options_description& o, po::positional_options_description&) {
         o.add_options()("records", po::value<uint64_t>()->default_value(1000), "records to write")(
             "seed", po::value<uint64_t>()->default_value(1), "random seed")(
             "invalid-share", po::value<double>()->default_value(0.005, "0.005"), "share of invalid lines")(
             "duplicate-share", po::value<double>()->default_value(0.005, "0.005"), "share of duplicate ids")(
             "bulky", "add the fields real dumps carry and hvpat ignores (~1.5 KB a record)")(
             "output", po::value<std::string>(), "file to write (default: stdout)");
         AddRules(o);
       },
       RunGenerate},
  };
  return commands;
}

std::string MainUsage() {
  std::ostringstream text;
  text << "hvpat " << HVPAT_VERSION
       << ": high-value invention patents per 10,000 people, from national patent dumps.\n\n"
          "usage: hvpat COMMAND [OPTIONS]    (hvpat help COMMAND, or hvpat COMMAND --help, for its options)\n\n"
          "commands:\n";
  for (const auto& c : Commands()) text << "  " << c.synopsis << "\n";
  text << "\nenvironment: HVPAT_DB is the default of --db, HVPAT_RULES of --rules\n"
          "exit status: 0 success, 1 ingest quarantined lines, 2 usage error, 3 any other failure\n";
  return text.str();
}

std::string VersionText() {
  std::ostringstream text;
  text << "hvpat " << HVPAT_VERSION << "\nbuilt with Boost " << BOOST_VERSION / 100000 << "."
       << BOOST_VERSION / 100 % 1000 << "." << BOOST_VERSION % 100 << ", RocksDB " << store::LibraryVersion()
       << ", simdjson " << record::LibraryVersion() << ", oneTBB " << pipeline::LibraryVersion() << "\n";
  return text.str();
}

// A command's options as program_options declares them, with --help first.
struct Declared {
  po::options_description options;
  po::positional_options_description positional;
};
Declared Declare(const Command& command) {
  Declared d{po::options_description(std::string("options of hvpat ") + command.name), {}};
  d.options.add_options()("help,h", "show this help");
  command.declare(d.options, d.positional);
  return d;
}

// What `hvpat COMMAND --help` and `hvpat help COMMAND` print.
std::string CommandHelp(const Command& command) {
  std::ostringstream text;
  text << "usage: " << command.synopsis << "\n\n"
       << command.summary << "\n\n"
       << Declare(command).options << "\nexamples:\n"
       << command.examples;
  return text.str();
}

// Levenshtein distance, for suggesting a command name.
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

const Command& FindCommand(const std::string& name) {
  const Command* nearest = nullptr;
  size_t best = std::string::npos;
  for (const auto& c : Commands()) {
    if (name == c.name) return c;
    size_t distance = EditDistance(name, c.name);
    if (distance < best) best = distance, nearest = &c;
  }
  // Suggest only what is plausibly a typo: at most two edits, and fewer than the name's length.
  std::string hint;
  if (nearest && best <= 2 && best < name.size()) hint = std::string("; did you mean '") + nearest->name + "'?";
  Usage("unknown command '" + name + "'" + hint + " (hvpat --help lists the commands)");
}

// roff text: backslashes escaped, hyphens as \-, a leading . or ' made literal.
std::string Roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

// The man page, hvpat(1), from the same command table and option declarations as --help,
// so the two cannot drift (help2man would see only the top-level --help: the options
// live in each command's help).
std::string ManPage() {
  std::ostringstream man;
  man << ".TH HVPAT 1 \"\" \"hvpat " << HVPAT_VERSION << "\" \"User Commands\"\n"
      << ".SH NAME\nhvpat \\- high-value invention patents per 10,000 people, from national patent dumps\n"
      << ".SH SYNOPSIS\n.B hvpat\n.I COMMAND\n[\\fIOPTIONS\\fR]\n.br\n.B hvpat help\n[\\fICOMMAND\\fR]\n"
      << ".br\n.B hvpat \\-\\-version\n"
      << ".SH DESCRIPTION\n"
      << Roff(
             "hvpat ingests NDJSON patent dumps into a database directory and answers queries on it: the "
             "valid and the high-value invention patents of a region, their per-rule breakdown and the "
             "figure per 10,000 residents. Every command accepts --help, which prints the text of its "
             "section below; commands that print results accept --format table|csv|json.\n")
      << ".SH COMMANDS\n";
  for (const auto& c : Commands()) {
    man << ".SS " << c.name << "\n.nf\n" << Roff(c.synopsis) << "\n.fi\n" << Roff(c.summary) << "\n";
    Declared d = Declare(c);
    for (const auto& option : d.options.options()) {
      if (option->long_name() == "help") continue;
      std::string parameter = option->format_parameter();
      man << ".TP\n\\fB" << Roff("--" + option->long_name()) << "\\fR" << (parameter.empty() ? "" : " ")
          << Roff(parameter) << "\n"
          << Roff(option->description()) << "\n";
    }
    man << ".PP\nExamples:\n.nf\n" << Roff(c.examples) << ".fi\n";
  }
  man << ".SH ENVIRONMENT\n"
      << ".TP\n.B HVPAT_DB\nThe default of \\-\\-db for every command; the flag wins.\n"
      << ".TP\n.B HVPAT_RULES\nThe default of \\-\\-rules; the flag wins.\n"
      << ".TP\n.B HVPAT_NO_BUILD_FALLBACK\n"
      << Roff("When set, an executable inside its build tree does not fall back to the source tree's rules/.\n")
      << ".SH FILES\n.TP\n.I <prefix>/share/hvpat/rules\n"
      << Roff(
             "The rules shipped with hvpat (high_value.ini, sei_ipc.tsv, regions.tsv, awards.tsv), found "
             "relative to the executable (/proc/self/exe) when neither --rules nor HVPAT_RULES is given.\n")
      << ".SH EXIT STATUS\n.TP\n.B 0\nsuccess\n.TP\n.B 1\nthe ingest finished but some lines were quarantined\n"
      << ".TP\n.B 2\n"
      << Roff("usage error (unknown command or option, bad value)\n") << ".TP\n.B 3\n"
      << Roff(
             "any other failure: unreadable input, bad rules, database error, output that cannot be written "
             "(a full disk)\n")
      << ".SH DIAGNOSTICS\nErrors go to standard error as one line: \\fBhvpat \\fICOMMAND\\fB: \\fIwhat failed and "
         "why\\fR.\n"
      << ".SH SEE ALSO\n"
      << Roff("/usr/share/doc/hvpat, the project's docs/operations.md\n");
  return man.str();
}

// Words for the bash completion: the commands, or one command's long options.
std::string CompletionWords(const std::vector<std::string>& args) {
  std::string words;
  if (args.empty()) {
    for (const auto& c : Commands()) words += std::string(c.name) + "\n";
    return words;
  }
  Declared d = Declare(FindCommand(args[0]));
  for (const auto& option : d.options.options()) words += "--" + option->long_name() + "\n";
  return words;
}

int Dispatch(const std::vector<std::string>& args, Io& io) {
  if (args.empty()) Usage("no command given (hvpat --help lists the commands)");
  if (args[0] == "--help" || args[0] == "-h" || (args[0] == "help" && args.size() == 1)) {
    io.out << MainUsage();
    return kExitOk;
  }
  if (args[0] == "--version") {
    io.out << VersionText();
    return kExitOk;
  }
  if (args[0] == "help") {
    // Hidden forms, for the build and the bash completion: --man, --complete [COMMAND].
    if (args[1] == "--man") {
      io.out << ManPage();
    } else if (args[1] == "--complete") {
      io.out << CompletionWords(std::vector<std::string>(args.begin() + 2, args.end()));
    } else {
      io.out << CommandHelp(FindCommand(args[1]));
    }
    return kExitOk;
  }
  const Command& command = FindCommand(args[0]);
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
      std::find(rest.begin(), rest.end(), "-h") != rest.end()) {
    io.out << CommandHelp(command);
    return kExitOk;
  }
  Declared d = Declare(command);
  const std::string see = std::string(" (hvpat ") + command.name + " --help lists the options)";
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(rest).options(d.options).positional(d.positional).run(), vm);
    StoreConfigFile(d.options, vm);
    ApplyEnvironmentDefaults(d.options, vm);
    po::notify(vm);
  } catch (const po::required_option& e) {
    // Positional arguments are options to program_options; name them as the synopsis does.
    std::string name = e.get_option_name();
    if (name == "--file") Usage("no dump FILE given; usage: " + std::string(command.synopsis));
    if (name == "--id") Usage("no patent ID given; usage: " + std::string(command.synopsis));
    if (name == "--db") Usage("--db DIR is required (or set HVPAT_DB); usage: " + std::string(command.synopsis));
    Usage(e.what() + see);
  } catch (const po::too_many_positional_options_error&) {
    Usage("more arguments than the command takes; usage: " + std::string(command.synopsis));
  } catch (const po::unknown_option& e) {
    Usage("unknown option '" + e.get_option_name() + "'" + see);
  } catch (const po::error& e) {
    Usage(e.what() + see);
  }
  return command.run(vm, io);
}

// stdout as a stream that remembers why a write failed (errno of the first failed
// write(2)) and throws at once, so a full disk ends the command with one clear line
// instead of a silent exit 0 or a generator writing on into the void. SIGPIPE keeps its
// default: a closed pipe ends the process as usual.
class StdoutBuffer : public std::streambuf {
 public:
  StdoutBuffer() : buffer_(1 << 16) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    Drain();
    if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  int sync() override {
    Drain();
    return 0;
  }

 private:
  void Drain() {
    const char* data = pbase();
    size_t left = static_cast<size_t>(pptr() - pbase());
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    if (error_ != 0) Fail();
    while (left > 0) {
      ssize_t written = ::write(STDOUT_FILENO, data, left);
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        error_ = written < 0 ? errno : EIO;
        Fail();
      }
      data += written;
      left -= static_cast<size_t>(written);
    }
  }
  [[noreturn]] void Fail() const {
    throw Error(ErrorKind::kInput, std::string("cannot write the output: ") + std::strerror(error_));
  }

  std::vector<char> buffer_;
  int error_ = 0;
};

// The standard library's exceptions that calls outside the CLI may let through, as the
// one Error type: a filesystem call names its paths, the system's reason and what to do;
// a failed number conversion (std::stoi and kin) says which data to check.
Error FilesystemError(const fs::filesystem_error& e) {
  std::string paths = e.path1().string();
  if (!e.path2().empty()) paths += (paths.empty() ? "" : ", ") + e.path2().string();
  return Error(ErrorKind::kInput, (paths.empty() ? std::string() : paths + ": ") + e.code().message() +
                                      " (check that it exists and can be read and written, and that the disk has "
                                      "room; then run the command again)");
}
Error ConversionError(const std::logic_error& e) {
  return Error(ErrorKind::kInput, std::string("a value could not be converted (") + e.what() +
                                      "): check the input files, the rules directory and the database (hvpat info "
                                      "shows what it was built from)");
}

// Dispatch, with every exception a command lets through made an Error.
int DispatchChecked(const std::vector<std::string>& args, Io& io) {
  try {
    return Dispatch(args, io);
  } catch (const fs::filesystem_error& e) {
    throw FilesystemError(e);
  } catch (const std::invalid_argument& e) {
    throw ConversionError(e);
  } catch (const std::out_of_range& e) {
    throw ConversionError(e);
  }
}

}  // namespace

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Io io{out, err};
  std::string command = args.empty() ? "" : " " + args[0];
  try {
    return DispatchChecked(args, io);
  } catch (const Error& e) {
    err << "hvpat" << command << ": " << e.what() << "\n";
    return e.kind() == ErrorKind::kUsage ? kExitUsage : kExitFailure;
  } catch (const std::exception& e) {
    err << "hvpat" << command << ": " << e.what() << "\n";
    return kExitFailure;
  }
}

int Run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  StdoutBuffer buffer;
  std::ostream out(&buffer);
  // Rethrow the buffer's exception out of the stream's operators (they would swallow it).
  out.exceptions(std::ios::badbit);
  int status = Run(args, out, std::cerr);
  if (buffer.error() == 0) {
    try {
      out.flush();
    } catch (const std::exception&) {
      // Reported below from buffer.error().
    }
  }
  if (buffer.error() != 0) {
    // Reported once: Run printed it already if the failure came while the command ran.
    if (status == kExitOk || status == kExitQuarantined) {
      std::cerr << "hvpat" << (args.empty() ? "" : " " + args[0])
                << ": cannot write the output: " << std::strerror(buffer.error()) << "\n";
    }
    return kExitFailure;
  }
  return status;
}

}  // namespace hvpat::cli
