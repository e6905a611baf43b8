// The ingest run: a oneTBB parallel_pipeline (serial_in_order read -> parallel parse,
// classify and encode -> serial_in_order gather into sorted runs), then finalize on all
// threads (finalize.h), then publish. In-order stages give exact line numbers and a
// deterministic last-one-wins for duplicate ids (spec/record-format.md, "Invalid records").
#include "hvpat/pipeline/ingest.h"

#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>

#include "facts.h"
#include "finalize.h"
#include "hvpat/base/error.h"
#include "hvpat/base/fault.h"
#include "hvpat/base/json.h"
#include "hvpat/record/parser.h"
#include "hvpat/rules/classify.h"
#include "hvpat/rules/rule_table.h"
#include "hvpat/store/layout.h"
#include "hvpat/store/schema.h"
#include "publish.h"
#include "quarantine.h"
#include "runs.h"

namespace hvpat::pipeline {
namespace fs = std::filesystem;
using store::Store;

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// A chunk travelling through the pipeline with what the parallel stage made of it.
struct Work {
  io::Chunk chunk;
  Staged staged;
  std::vector<record::Rejection> rejections;
  uint64_t lines = 0;
};

// Per-thread parsing state: a simdjson parser and reusable records.
struct Worker {
  explicit Worker(record::ParseOptions options) : parser(options) {}
  record::LineParser parser;
  model::Patent patent;
  Facts facts;
  std::string encoded_facts;
  Staged unsorted;  // the chunk's records in input order; its pages are reused chunk after chunk
  std::string reason;
};

// Parses, classifies and encodes one valid record into the chunk's output.
void StageRecord(Worker& worker, const rules::RuleSet& rules, std::span<const base::Date> dates, uint64_t sequence,
                 Staged& out) {
  model::Assessment assessment = rules::Assess(worker.patent, dates, rules);
  MakeFacts(worker.patent, assessment, dates, rules, sequence, worker.facts);
  worker.encoded_facts.clear();
  EncodeFacts(worker.facts, worker.encoded_facts);
  out.Add(store::EncodePatent(worker.patent, assessment), worker.encoded_facts);
}

void ParseChunk(Work& work, Worker& worker, const rules::RuleSet& rules, std::span<const base::Date> dates,
                size_t max_line_bytes) {
  worker.unsorted.Clear();
  work.rejections.clear();
  work.lines = 0;
  const io::Chunk& chunk = work.chunk;
  std::string_view text = chunk.lines();
  auto long_line = chunk.long_lines.begin();
  uint64_t line_number = chunk.first_line;
  uint64_t index_in_chunk = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    const uint64_t number = line_number++;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (long_line != chunk.long_lines.end() && long_line->line == number) {
      ++work.lines;
      work.rejections.push_back({chunk.file_index, number, record::LongLineReason(max_line_bytes),
                                 long_line->prefix.substr(0, record::kRejectedTextBytes)});
      ++long_line;
      continue;
    }
    if (line.empty()) continue;  // empty lines are not records
    ++work.lines;
    if (!worker.parser.Parse(line, worker.patent, worker.reason)) {
      work.rejections.push_back(
          {chunk.file_index, number, worker.reason, std::string(line.substr(0, record::kRejectedTextBytes))});
      continue;
    }
    // The sequence orders records as the input does: chunk, then position in the chunk.
    StageRecord(worker, rules, dates, (chunk.sequence << 32) | index_in_chunk++, worker.unsorted);
  }
  worker.unsorted.SortInto(work.staged);
}

// The chunks in flight: `tokens` of them, each handed from the read stage through the
// pipeline and back to the queue, which the read and gather stages share.
class WorkPool {
 public:
  explicit WorkPool(size_t tokens) {
    for (size_t i = 0; i < tokens; ++i) Give(Add());
  }
  // A free chunk: at most `tokens` are in flight, so one is always there. Read stage only.
  Work* Take() {
    Work* work = nullptr;
    const bool popped = free_.try_pop(work);
    assert(popped && "more chunks in flight than the pipeline has tokens");
    return popped ? work : Add();
  }
  void Give(Work* work) { free_.push(work); }

 private:
  Work* Add() {
    pool_.push_back(std::make_unique<Work>());
    return pool_.back().get();
  }
  std::vector<std::unique_ptr<Work>> pool_;
  tbb::concurrent_queue<Work*> free_;
};

// Time spent in each stage; the parallel stage's is summed over its threads.
struct StageTimes {
  std::atomic<int64_t> read_ns{0}, parse_ns{0}, write_ns{0};

  template <typename Body>
  static void Timed(std::atomic<int64_t>& total, Body&& body) {
    auto begin = Clock::now();
    body();
    total += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - begin).count();
  }
  void Store(RunSummary& summary) const {
    summary.read_seconds = static_cast<double>(read_ns) / 1e9;
    summary.parse_seconds = static_cast<double>(parse_ns) / 1e9;
    summary.write_seconds = static_cast<double>(write_ns) / 1e9;
  }
};

// The reading part's progress, shown through options.progress (when set) from the gather
// stage at most every progress_seconds, and once more when finalize starts.
class ProgressReporter {
 public:
  explicit ProgressReporter(const IngestOptions& options)
      : options_(options), run_start_(Clock::now()), last_report_(run_start_) {
    for (const auto& file : options.files) {
      std::error_code ec;
      if (fs::is_regular_file(file, ec)) progress_.bytes_total += fs::file_size(file, ec);
    }
  }
  // Read stage: stored_bytes counts a file whole once opened, while for a plain file the
  // bytes decoded so far are its position; the smaller follows the reading.
  void Read(const io::ChunkReader& reader) {
    bytes_read_.store(std::min(reader.stored_bytes(), reader.decoded_bytes()), std::memory_order_relaxed);
  }
  // Gather stage, after each chunk.
  void Gathered(const RunSummary& summary) {
    if (!options_.progress) return;
    const auto now = Clock::now();
    if (std::chrono::duration<double>(now - last_report_).count() < options_.progress_seconds) return;
    last_report_ = now;
    Show(bytes_read_.load(std::memory_order_relaxed), summary, std::chrono::duration<double>(now - run_start_).count());
  }
  void Finalizing(const io::ChunkReader& reader, const RunSummary& summary) {
    if (!options_.progress) return;
    progress_.phase = "finalizing";
    Show(reader.stored_bytes(), summary, SecondsSince(run_start_));
  }

 private:
  void Show(uint64_t bytes_read, const RunSummary& summary, double seconds) {
    progress_.bytes_read = bytes_read;
    progress_.lines_read = summary.lines_read;
    progress_.quarantined = summary.quarantined;
    progress_.seconds = seconds;
    options_.progress(progress_);
  }

  const IngestOptions& options_;
  Progress progress_;
  std::atomic<uint64_t> bytes_read_{0};
  const Clock::time_point run_start_;
  Clock::time_point last_report_;
};

// Gather stage: one chunk's records into the sorted runs (spilled past the budget), its
// rejections into the quarantine, its figures into the summary.
void Gather(Work& work, RunSet& runs, Quarantine& quarantine, size_t run_budget, RunSummary& summary) {
  summary.lines_read += work.lines;
  summary.quarantined += work.rejections.size();
  summary.staged_bytes += work.staged.bytes();
  runs.Add(work.staged);
  for (const auto& rejection : work.rejections) quarantine.Add(rejection);
  if (runs.buffered_bytes() >= run_budget) runs.Flush(/*spill=*/true);
}

// Read -> parse -> gather. Fills the reading part of the summary.
void RunPipeline(const IngestOptions& options, const rules::RuleSet& rules, RunSet& runs, Quarantine& quarantine,
                 size_t run_budget, RunSummary& summary) {
  io::ReaderOptions reader_options = options.reader;
  if (reader_options.decode_threads == 0) reader_options.decode_threads = static_cast<size_t>(summary.threads);
  io::ChunkReader reader(options.files, reader_options);
  const size_t tokens = static_cast<size_t>(summary.threads * std::max(1, options.tokens_per_thread));
  WorkPool pool(tokens);
  record::ParseOptions parse_options{options.reader.max_line_bytes};
  tbb::enumerable_thread_specific<Worker> workers([&] { return Worker(parse_options); });
  std::span<const base::Date> dates(options.dates);
  ProgressReporter progress(options);
  StageTimes times;

  auto read = [&](tbb::flow_control& flow) -> Work* {
    Work* work = pool.Take();
    bool more = false;
    StageTimes::Timed(times.read_ns, [&] { more = reader.Next(work->chunk); });
    progress.Read(reader);
    if (!more) {
      pool.Give(work);
      flow.stop();
      return nullptr;
    }
    return work;
  };
  auto parse = [&](Work* work) {
    StageTimes::Timed(times.parse_ns,
                      [&] { ParseChunk(*work, workers.local(), rules, dates, options.reader.max_line_bytes); });
    return work;
  };
  auto gather = [&](Work* work) {
    StageTimes::Timed(times.write_ns, [&] { Gather(*work, runs, quarantine, run_budget, summary); });
    progress.Gathered(summary);
    pool.Give(work);
  };
  tbb::parallel_pipeline(tokens, tbb::make_filter<void, Work*>(tbb::filter_mode::serial_in_order, read) &
                                     tbb::make_filter<Work*, Work*>(tbb::filter_mode::parallel, parse) &
                                     tbb::make_filter<Work*, void>(tbb::filter_mode::serial_in_order, gather));
  runs.Flush(/*spill=*/false);  // the last run's facts stay in memory
  progress.Finalizing(reader, summary);
  times.Store(summary);
  summary.bytes_read = reader.stored_bytes();
  summary.bytes_decoded = reader.decoded_bytes();
}

// The smallest run buffer: a budget below it only multiplies the runs.
constexpr size_t kMinRunBytes = 4 << 10;

// The share of the memory budget the run buffers may take: the rest is for chunks in
// flight, the sort's index, RocksDB's memtables and cache, and finalize's tallies.
size_t RunBudget(const IngestOptions& options, size_t tokens) {
  const size_t fixed =
      tokens * 3 * options.reader.chunk_bytes + options.write.memtable_budget + options.write.cache_bytes;
  const size_t usable = options.memory_limit > fixed ? options.memory_limit - fixed : options.memory_limit / 8;
  return std::max<size_t>(usable / 2, kMinRunBytes);
}

// Reads, finalizes and writes the snapshot at `path`.
void Build(const IngestOptions& options, const rules::RuleSet& rules, const fs::path& path, Clock::time_point start,
           RunSummary& summary) {
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(summary.threads));
  auto store = Store::Create(path.string(), options.write);
  const fs::path work_dir = path / "work";
  std::error_code ec;
  fs::create_directories(work_dir, ec);
  if (ec) {
    throw Error(ErrorKind::kStore, "cannot create " + work_dir.string() + ": " + ec.message() +
                                       " (check the permissions and free space of the database directory)");
  }
  Quarantine quarantine((path / "quarantine.ndjson").string(), options.files);
  RunSet runs(*store, work_dir.string(), static_cast<size_t>(summary.threads) * 4);
  const size_t tokens = static_cast<size_t>(summary.threads * std::max(1, options.tokens_per_thread));
  RunPipeline(options, rules, runs, quarantine, RunBudget(options, tokens), summary);
  quarantine.Close();
  summary.pipeline_seconds = SecondsSince(start);
  summary.runs = runs.runs();
  summary.spilled_bytes = runs.spilled_bytes();
  base::FaultPoint("ingest:read");

  const auto finalize_start = Clock::now();
  FinalizeOptions finalize;
  finalize.work_dir = work_dir.string();
  // A quarter of the budget for holder figures (about 200 bytes each), an eighth for pledge
  // tallies (about 160 bytes each), an eighth for index buffers.
  finalize.limits.holders = std::max<size_t>(16, options.memory_limit / 4 / 200 / runs.partitions());
  finalize.limits.pledges = std::max<size_t>(16, options.memory_limit / 8 / 160 / runs.partitions());
  finalize.spool_bytes = std::max<size_t>(1 << 20, options.memory_limit / 8 / runs.partitions());
  FinalizeResult result = Finalize(*store, runs, options.dates, rules, finalize);
  summary.indexed = result.indexed;
  summary.duplicates_replaced = runs.replaced_within_runs() + result.replaced_across_runs;
  summary.index_entries = result.index_entries;
  summary.dates = result.dates;
  summary.unknown_regions = std::move(result.unknown_regions);
  summary.unreadable_ipc = result.unreadable_ipc;
  summary.unreadable_ipc_examples = std::move(result.unreadable_examples);
  for (const auto& e : rules.later_ipc) {  // in the file's order, every code listed
    auto n = result.later_ipc.find(e.code);
    summary.later_ipc.push_back({e.code, e.edition, e.moved_from, n == result.later_ipc.end() ? 0 : n->second});
  }
  summary.SelectLatest();
  if (summary.lines_read != summary.indexed + summary.duplicates_replaced + summary.quarantined) {
    throw Error(ErrorKind::kStore, "internal error: lines read (" + std::to_string(summary.lines_read) +
                                       ") != indexed + duplicates replaced + quarantined; nothing published");
  }
  summary.finalize_seconds = SecondsSince(finalize_start);
  base::FaultPoint("ingest:finalized");
  summary.seconds = SecondsSince(start);
  WriteMeta(*store, options, rules, summary);
  store->FinishIngest();
  store.reset();
  fs::remove_all(work_dir, ec);
  if (ec) {
    throw Error(ErrorKind::kStore, "cannot remove " + work_dir.string() + ": " + ec.message() +
                                       " (check the permissions of the database directory)");
  }
  base::FaultPoint("ingest:written");
}

}  // namespace

RunSummary Ingest(const IngestOptions& options, const rules::RuleSet& rules) {
  const auto start = Clock::now();
  if (options.dates.empty()) throw Error(ErrorKind::kUsage, "no statistics date given");
  store::layout::Writer writer(options.db_dir);
  CheckFreeSpace(options.db_dir);
  RunSummary summary;
  summary.as_of = options.dates.back();
  summary.threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  summary.snapshot = writer.name();
  summary.created = writer.created();
  const fs::path building = writer.building_path();
  try {
    Build(options, rules, building, start, summary);
    Verify(building.string(), summary);
    summary.held = GuardReason(options, summary, options.db_dir);
    summary.published = summary.held.empty() || options.force;
    summary.seconds = SecondsSince(start);
    summary.publish_seconds = summary.seconds - summary.pipeline_seconds - summary.finalize_seconds;
    std::ofstream((building / "snapshot.json").string(), std::ios::binary) << SnapshotJson(summary, rules);
    writer.Complete();
  } catch (const Error& e) {
    writer.Abandon();
    // A full disk shows through RocksDB as a long message naming a file of the partial
    // snapshot (now removed): say what happened and what to do instead.
    if (std::string(e.what()).find("No space left on device") != std::string::npos) {
      throw Error(ErrorKind::kStore, "the disk holding " + options.db_dir +
                                         " is full (No space left on device): the new snapshot was removed and the "
                                         "published one is unchanged; free some space and run again");
    }
    throw;
  } catch (...) {
    writer.Abandon();
    throw;
  }
  if (summary.published) writer.Publish();
  ReplaceQuarantine(options.db_dir, writer.snapshot_path());
  writer.WriteFile("summary.json", model::SummaryJson(summary) + "\n");
  writer.Prune(options.keep);
  return summary;
}

}  // namespace hvpat::pipeline
