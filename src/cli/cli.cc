// Subcommand table, options (Boost.Program_options) and the mapping of errors to exit
// statuses (spec/cli.md). Every failure is caught here once and printed as one line.
#include "hvpat/cli/cli.h"

#include <boost/program_options.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>

#include "hvpat/base/error.h"
#include "hvpat/gen/generator.h"
#include "hvpat/io/reader.h"
#include "hvpat/pipeline/ingest.h"
#include "hvpat/query/query.h"
#include "hvpat/report/render.h"
#include "hvpat/rules/rule_set.h"

namespace hvpat::cli {
namespace po = boost::program_options;

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
  return code;
}

void AddFormat(po::options_description& o) {
  o.add_options()("format", po::value<std::string>()->default_value("table"), "output: table, csv or json");
}
void AddDb(po::options_description& o) {
  o.add_options()("db", po::value<std::string>()->required(), "database directory written by ingest");
}
void AddRules(po::options_description& o) {
  o.add_options()("rules", po::value<std::string>()->default_value(HVPAT_DEFAULT_RULES_DIR),
                  "rules directory (high_value.ini, sei_ipc.tsv, regions.tsv, awards.tsv)");
}

int RunIngest(const po::variables_map& vm, Io& io) {
  pipeline::IngestOptions options;
  options.db_dir = vm["db"].as<std::string>();
  options.files = io::ExpandInputs(vm["file"].as<std::vector<std::string>>());  // directories: files by name
  options.dates = vm.count("as-of") ? ParseAsOfList(vm["as-of"].as<std::string>())
                                    : std::vector<base::Date>{DefaultAsOf()};
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
  if (options.write.batch_bytes == 0 || options.write.memtable_bytes == 0) {
    Usage("--write-batch-mib and --memtable-mib must be positive");
  }
  if (options.reader.chunk_bytes == 0 || options.reader.max_line_bytes == 0 || options.tokens_per_thread < 1) {
    Usage("--chunk-kib, --max-line-mib and --tokens-per-thread must be positive");
  }
  report::Format format = FormatOf(vm);
  rules::RuleSet rules = rules::LoadRuleSet(vm["rules"].as<std::string>());
  model::RunSummary summary = pipeline::Ingest(options, rules);
  io.out << report::RenderSummary(summary, format);
  if (summary.quarantined > 0) {
    io.err << "hvpat ingest: " << summary.quarantined << " line(s) quarantined, see " << options.db_dir
           << "/quarantine.ndjson\n";
    return kExitQuarantined;
  }
  return kExitOk;
}

struct OpenDb {
  std::unique_ptr<store::Store> store;
  query::RunInfo info;
};
OpenDb Open(const po::variables_map& vm) {
  OpenDb db;
  std::optional<base::Date> as_of;
  if (vm.count("as-of")) as_of = ParseAsOf(vm["as-of"].as<std::string>());
  db.store = store::Store::OpenReadOnly(vm["db"].as<std::string>());
  db.info = query::ReadRunInfo(*db.store, as_of);
  return db;
}

int RunCount(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  auto region = RegionOf(vm);
  auto db = Open(vm);
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
  auto db = Open(vm);
  std::vector<query::CountResult> rows{query::Count(*db.store, db.info, region)};
  for (auto& child : query::Children(*db.store, db.info, region)) rows.push_back(std::move(child));
  io.out << report::RenderCountTable(rows, format);
  return kExitOk;
}

int RunShow(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  const std::string id = vm["id"].as<std::string>();
  auto db = Open(vm);
  auto view = query::Show(*db.store, db.info, id);
  if (!view) throw Error(ErrorKind::kStore, "patent " + id + " is not in the database");
  io.out << report::RenderShow(*view, db.info, format);
  return kExitOk;
}

int RunHolders(const po::variables_map& vm, Io& io) {
  auto format = FormatOf(vm);
  auto region = RegionOf(vm);
  int top = vm["top"].as<int>();
  if (top < 0) Usage("--top: must not be negative");
  auto db = Open(vm);
  io.out << report::RenderHolders(query::Holders(*db.store, db.info, region, static_cast<size_t>(top)), format);
  return kExitOk;
}

int RunInfo(const po::variables_map& vm, Io& io) {
  auto db = Open(vm);
  std::string dates;
  for (auto date : db.info.dates) dates += (dates.empty() ? "\"" : ",\"") + date.ToString() + "\"";
  io.out << "{\"as_of\":\"" << db.info.as_of.ToString() << "\",\"dates\":[" << dates << "],\"summary\":" << db.info.summary_json
         << ",\"rules\":" << db.info.rules_json << ",\"inputs\":" << db.info.inputs_json << "}\n";
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
    if (!file) throw Error(ErrorKind::kInput, path + ": cannot write");
    gen::Generate(options, rules, file);
    file.close();
    if (!file) throw Error(ErrorKind::kInput, path + ": write failed");
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
       "  hvpat ingest --db /tmp/hv --as-of 2021-12-31,2022-12-31,2023-12-31,2024-12-31,2025-12-31 dump.jsonl.gz\n"
       "  hvpat ingest --db /tmp/hv --rules my_rules --threads 2 --format json part1.jsonl.zst part2.jsonl.gz\n",
       [](po::options_description& o, po::positional_options_description& p) {
         o.add_options()("db", po::value<std::string>()->required(), "database directory to build")(
             "as-of", po::value<std::string>(),
             "statistics date, or several separated by commas, evaluated in one pass (default: 31 December of "
             "last year)")(
             "threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
             "chunk-kib", po::value<size_t>()->default_value(4096), "bytes of whole lines per pipeline chunk, KiB")(
             "tokens-per-thread", po::value<int>()->default_value(3), "chunks in flight per thread")(
             "max-line-mib", po::value<size_t>()->default_value(64), "longer lines are quarantined, MiB")(
             "decode-threads", po::value<size_t>()->default_value(0),
             "input files decompressed at once (0: one per worker thread; several files only)")(
             "write-batch-mib", po::value<size_t>()->default_value(8), "finalize commits writes in batches of this size, MiB")(
             "memtable-mib", po::value<size_t>()->default_value(16),
             "RocksDB memtable size per column family, MiB (all together: four times this)")(
             "compact", "compact every column family at the end (slower ingest, one sorted run for queries)")(
             "file", po::value<std::vector<std::string>>()->required(), "dump files, in input order");
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
      {"report", "hvpat report --db DIR [--region CODE] [--format F]",
       "The region report: a region (default: the nation) and the regions one level below it with patents, "
       "their counts, per-rule figures and per-10,000 figures.",
       "  hvpat report --db /tmp/hv\n  hvpat report --db /tmp/hv --region 510000 --format csv\n",
       [](po::options_description& o, po::positional_options_description&) {
         AddDb(o);
         o.add_options()("region", po::value<std::string>(), "six-digit GB/T 2260 code")(
             "as-of", po::value<std::string>(), "which of the database's dates (default: the latest)");
         AddFormat(o);
       },
       RunReport},
      {"show", "hvpat show --db DIR [--format F] ID",
       "One patent as indexed: its region, holders, validity, each rule's outcome and its industries, with the "
       "evidence behind each verdict (dates checked, matching IPC rows and patterns, family members, the deciding "
       "pledge, awards, the first holder's region).",
       "  hvpat show --db /tmp/hv CN102345678B\n  hvpat show --db /tmp/hv --format json CN102345678B\n",
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
             "as-of", po::value<std::string>(), "which of the database's dates (default: the latest)");
         AddFormat(o);
       },
       RunHolders},
      {"info", "hvpat info --db DIR",
       "What a database was built from: the run summary, the rules (fingerprint and values) and the input files, "
       "as JSON.",
       "  hvpat info --db /tmp/hv\n",
       [](po::options_description& o, po::positional_options_description&) {
         AddDb(o);
         o.add_options()("as-of", po::value<std::string>(), "which of the database's dates (default: the latest)");
       },
       RunInfo},
      {"generate", "hvpat generate [--records N] [--seed S] [--rules DIR] [--output FILE]",
       "Write a deterministic, realistic dump (NDJSON) exercising every rule, for demos, tests and benchmarks.",
       "  hvpat generate --records 5000 --seed 7 | gzip > sample.jsonl.gz\n"
       "  hvpat generate --records 1000000 --bulky --invalid-share 0 --output big.jsonl\n",
       [](po::options_description& o, po::positional_options_description&) {
         o.add_options()("records", po::value<uint64_t>()->default_value(1000), "records to write")(
             "seed", po::value<uint64_t>()->default_value(1), "random seed")(
             "invalid-share", po::value<double>()->default_value(0.005), "share of invalid lines")(
             "duplicate-share", po::value<double>()->default_value(0.005), "share of duplicate ids")(
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
          "usage: hvpat COMMAND [OPTIONS]    (hvpat COMMAND --help for its options)\n\ncommands:\n";
  for (const auto& c : Commands()) text << "  " << c.synopsis << "\n";
  text << "\nexit status: 0 success, 1 ingest quarantined lines, 2 usage error, 3 any other failure\n";
  return text.str();
}

int Dispatch(const std::vector<std::string>& args, Io& io) {
  if (args.empty()) Usage("no command given; try 'hvpat --help'");
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    io.out << MainUsage();
    return kExitOk;
  }
  if (args[0] == "--version") {
    io.out << "hvpat " << HVPAT_VERSION << "\n";
    return kExitOk;
  }
  const Command* command = nullptr;
  for (const auto& c : Commands()) {
    if (args[0] == c.name) command = &c;
  }
  if (!command) Usage("unknown command '" + args[0] + "'; try 'hvpat --help'");

  po::options_description options(std::string("options of hvpat ") + command->name);
  po::positional_options_description positional;
  options.add_options()("help,h", "show this help");
  command->declare(options, positional);
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
      std::find(rest.begin(), rest.end(), "-h") != rest.end()) {
    io.out << "usage: " << command->synopsis << "\n\n" << command->summary << "\n\n" << options
           << "\nexamples:\n" << command->examples;
    return kExitOk;
  }
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(rest).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::required_option& e) {
    // Positional arguments are options to program_options; name them as the synopsis does.
    std::string name = e.get_option_name();
    if (name == "--file") Usage("no dump FILE given; usage: " + std::string(command->synopsis));
    if (name == "--id") Usage("no patent ID given; usage: " + std::string(command->synopsis));
    Usage(e.what());
  } catch (const po::error& e) {
    Usage(std::string(e.what()));
  }
  return command->run(vm, io);
}

}  // namespace

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Io io{out, err};
  std::string command = args.empty() ? "" : " " + args[0];
  try {
    return Dispatch(args, io);
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
  int status = Run(args, std::cout, std::cerr);
  std::cout.flush();
  return status;
}

}  // namespace hvpat::cli
