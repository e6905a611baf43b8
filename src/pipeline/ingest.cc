// The ingest run: a oneTBB parallel_pipeline (serial_in_order read -> parallel parse and
// classify -> serial_in_order stage write), then a single-threaded finalize over the
// staged records in id order. In-order stages give exact line numbers and a
// deterministic last-one-wins for duplicate ids (spec/record-format.md, "Invalid records").
#include "hvpat/pipeline/ingest.h"

#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <span>
#include <unistd.h>
#include <unordered_map>

#include "hvpat/base/error.h"
#include "hvpat/base/json.h"
#include "hvpat/record/parser.h"
#include "hvpat/rules/classify.h"
#include "hvpat/store/schema.h"

namespace hvpat::pipeline {
namespace fs = std::filesystem;
using store::Store;

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A chunk travelling through the pipeline with what the parallel stage made of it: its
// valid records already encoded into a write batch for the stage column family, so the
// serial stage only commits it.
struct Work {
  io::Chunk chunk;
  Store::Batch staged;
  uint64_t staged_bytes = 0;
  std::vector<record::Rejection> rejections;
  uint64_t lines = 0;
};

// Per-thread parsing state: a simdjson parser and a reusable record.
struct Worker {
  explicit Worker(record::ParseOptions options) : parser(options) {}
  record::LineParser parser;
  model::Patent patent;
  std::string reason;
  std::string key;
  std::string value;
};

void ParseChunk(Work& work, Worker& worker, const Store& store, const rules::RuleSet& rules,
                std::span<const base::Date> dates, size_t max_line_bytes) {
  work.staged.Clear();
  work.staged_bytes = 0;
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
      work.rejections.push_back({chunk.file_index, number, worker.reason,
                                 std::string(line.substr(0, record::kRejectedTextBytes))});
      continue;
    }
    model::Assessment assessment = rules::Assess(worker.patent, dates, rules);
    // The sequence orders records as the input does: chunk, then position in the chunk.
    worker.key = store::StageKey(worker.patent.id, (chunk.sequence << 32) | index_in_chunk++);
    worker.value = store::EncodePatent(worker.patent, assessment);
    work.staged.Put(store, Store::Family::kStage, worker.key, worker.value);
    work.staged_bytes += worker.key.size() + worker.value.size();
  }
}

// Writes DIR/quarantine.ndjson: one JSON object per invalid line (spec/cli.md).
class Quarantine {
 public:
  Quarantine(const std::string& path, const std::vector<std::string>& files)
      : out_(path, std::ios::binary | std::ios::trunc), path_(path), files_(files) {
    if (!out_) throw Error(ErrorKind::kStore, "cannot write " + path);
  }
  void Add(const record::Rejection& r) {
    line_.clear();
    line_ += "{\"file\":";
    base::AppendJsonString(line_, files_[r.file_index]);
    line_ += ",\"line\":" + std::to_string(r.line) + ",\"reason\":";
    base::AppendJsonString(line_, r.reason);
    line_ += ",\"text\":";
    base::AppendJsonString(line_, r.text);
    line_ += "}\n";
    out_ << line_;
  }
  void Close() {
    out_.close();
    if (!out_) throw Error(ErrorKind::kStore, "cannot write " + path_);
  }

 private:
  std::ofstream out_;
  std::string path_;
  const std::vector<std::string>& files_;
  std::string line_;
};

// Calls `each(id, value)` for the last staged occurrence of every id, in id order;
// returns how many earlier occurrences were replaced.
uint64_t ForEachWinner(const Store& store, const std::function<void(std::string_view, std::string_view)>& each) {
  uint64_t replaced = 0;
  std::string last_id, last_value;
  bool have = false;
  store.Scan(Store::Family::kStage, "", "", [&](std::string_view key, std::string_view value) {
    std::string_view id = store::StageKeyId(key);
    if (have && id == last_id) {
      ++replaced;
    } else if (have) {
      each(last_id, last_value);
    }
    last_id.assign(id);
    last_value.assign(value);
    have = true;
    return true;
  });
  if (have) each(last_id, last_value);
  return replaced;
}

// For each family id, the records of other offices that can be granted members abroad
// (rules.md, "overseas"): the earliest-granted kMaxLinks of them, enough to decide at
// any date whether a record has a member other than itself, and to show them.
// Memory is proportional to the number of such family ids.
class FamilyIndex {
 public:
  static constexpr size_t kMaxLinks = 8;

  void Add(const std::string& family_id, model::FamilyLink link) {
    auto& links = links_[family_id];
    auto later = std::find_if(links.begin(), links.end(), [&](const model::FamilyLink& l) {
      return l.grant_date != link.grant_date ? l.grant_date > link.grant_date : l.id > link.id;
    });
    links.insert(later, std::move(link));
    if (links.size() > kMaxLinks) links.pop_back();
  }
  // The links of `family_id` other than `id` itself.
  std::vector<model::FamilyLink> LinksFor(const std::string& family_id, const std::string& id) const {
    std::vector<model::FamilyLink> out;
    auto it = links_.find(family_id);
    if (it == links_.end()) return out;
    for (const auto& link : it->second) {
      if (link.id != id) out.push_back(link);
    }
    return out;
  }

 private:
  std::unordered_map<std::string, std::vector<model::FamilyLink>> links_;
};

// Counters accumulated during finalize. Region counts are few (bounded by the regions
// and dates) and kept here; holder figures are added in the store's holder_tally family
// by its merge operator, so memory does not grow with the number of holders.
class Tallies {
 public:
  Tallies(Store& store, const std::vector<base::Date>& dates) : store_(store), dates_(dates) {
    for (size_t i = 0; i < dates.size(); ++i) counts_[{i, store::NationalScope()}];  // the nation always has a line
  }

  void Add(size_t date, const model::Patent& p, const model::Verdict& v) {
    const std::vector<std::string> scopes = store::ScopesOf(p.Region());
    for (const auto& scope : scopes) {
      store::Counts& c = counts_[{date, scope}];
      ++c.valid;
      c.high_value += v.high_value;
      for (int r = 0; r < model::kRuleCount; ++r) c.by_rule[r] += v.rules[r];
    }
    names_.clear();
    for (const auto& h : p.holders) {
      if (std::find(names_.begin(), names_.end(), h.name) == names_.end()) names_.push_back(h.name);
    }
    for (const auto& scope : scopes) {
      for (auto name : names_) {
        auto& figures = pending_[store::HolderTallyKey(dates_[date], scope, name)];
        figures.high_value += v.high_value;
        ++figures.valid;
        for (int r = 0; r < model::kRuleCount; ++r) figures.by_rule[r] += v.rules[r];
      }
    }
    if (pending_.size() >= kPendingLimit) Spill();
  }

  // Writes the counts and turns the holder tallies into the holder_rank ranking.
  void Write() {
    for (const auto& [key, counts] : counts_) {
      store_.Put(Store::Family::kTallies, store::CountsKey(dates_[key.first], key.second), store::EncodeCounts(counts));
    }
    Spill();
    store_.Seal(Store::Family::kHolderTally);
    store_.Scan(Store::Family::kHolderTally, "", "", [&](std::string_view key, std::string_view value) {
      auto tally = store::DecodeHolderTally(key, value);
      if (!tally) throw Error(ErrorKind::kStore, "corrupt holder tally");
      store_.Put(Store::Family::kHolderRank, store::RankKeyOf(*tally, store::kRankByHighValue), value);
      for (auto rule : model::kAllRules) {
        store_.Put(Store::Family::kHolderRank, store::RankKeyOf(*tally, store::RankByRule(rule)), value);
      }
      return true;
    });
  }

 private:
  Store& store_;
  const std::vector<base::Date>& dates_;
  // Holder figures are summed here first, up to a bounded number of keys, then spilled
  // to the store as merge operands: most (scope, holder) pairs recur, so this saves most
  // merges while memory stays bounded.
  static constexpr size_t kPendingLimit = 1 << 16;
  void Spill() {
    for (const auto& [key, figures] : pending_) {
      store_.Merge(Store::Family::kHolderTally, key, store::EncodeHolderValue(figures));
    }
    pending_.clear();
  }

  std::map<std::pair<size_t, std::string>, store::Counts> counts_;  // (date, scope)
  std::unordered_map<std::string, store::HolderFigures> pending_;  // tally key -> figures
  std::vector<std::string_view> names_;
};

std::string InputsJson(const std::vector<std::string>& files) {
  std::string out = "[";
  for (const auto& file : files) {
    std::error_code ec;
    auto size = fs::file_size(file, ec);
    if (out.size() > 1) out += ",";
    out += "{\"file\":" + base::JsonString(file) + ",\"bytes\":" + std::to_string(ec ? 0 : size) + "}";
  }
  return out + "]";
}

void Finalize(Store& store, const rules::RuleSet& rules, const std::vector<base::Date>& dates, RunSummary& summary) {
  // Pass 1: the records of other offices that can be members abroad, by family id.
  FamilyIndex families;
  model::Patent patent;
  model::Assessment assessment;
  auto decode = [&](std::string_view value) {
    if (!store::DecodePatent(value, patent, assessment)) throw Error(ErrorKind::kStore, "corrupt staged record");
  };
  ForEachWinner(store, [&](std::string_view, std::string_view value) {
    decode(value);
    if (rules::CanBeFamilyMember(patent, rules.config)) {
      families.Add(patent.family_id, {patent.id, patent.office, *patent.grant_date});
    }
  });

  // Pass 2: settle each verdict and write the patent, its index entries and tallies.
  Tallies tallies(store, dates);
  summary.dates.assign(dates.size(), {});
  for (size_t i = 0; i < dates.size(); ++i) summary.dates[i].as_of = dates[i];
  summary.duplicates_replaced = ForEachWinner(store, [&](std::string_view id, std::string_view value) {
    decode(value);
    if (!patent.family_id.empty()) {
      assessment.links = families.LinksFor(patent.family_id, patent.id);
      for (size_t i = 0; i < dates.size(); ++i) {
        bool member = std::any_of(assessment.links.begin(), assessment.links.end(),
                                  [&](const model::FamilyLink& l) { return l.grant_date <= dates[i]; });
        if (member) rules::AddFamilyMember(assessment.verdicts[i]);
      }
    }
    ++summary.indexed;
    for (size_t i = 0; i < dates.size(); ++i) {
      const model::Verdict& verdict = assessment.verdicts[i];
      if (!verdict.valid) continue;
      model::DateFigures& figures = summary.dates[i];
      ++figures.valid_inventions;
      figures.high_value += verdict.high_value;
      if (patent.FirstHolderDomestic()) {
        ++figures.valid_inventions_domestic;
        figures.high_value_domestic += verdict.high_value;
        tallies.Add(i, patent, verdict);
      }
    }
    std::string_view region = patent.Region();
    store.Put(Store::Family::kPatents, id, store::EncodePatent(patent, assessment));
    summary.index_entries += patent.holders.size();
    for (const auto& holder : patent.holders) {
      store.Put(Store::Family::kHolder, store::HolderKey(holder.name, id), region);
    }
  });

  tallies.Write();
  summary.SelectLatest();
}

bool LooksLikeDatabase(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  if (!fs::is_directory(dir, ec)) return false;
  if (fs::is_empty(dir, ec)) return true;
  return fs::exists(dir / "CURRENT", ec);
}

// Replaces `target` by `built` with two renames, so that a reader sees the old or the
// new database, never a mixture.
void Publish(const fs::path& built, const fs::path& target) {
  fs::path old = target;
  old += ".hvpat-old-" + std::to_string(::getpid());
  std::error_code ec;
  bool had = fs::exists(target, ec);
  if (had) fs::rename(target, old);
  fs::rename(built, target);
  if (had) fs::remove_all(old, ec);
}

}  // namespace

RunSummary Ingest(const IngestOptions& options, const rules::RuleSet& rules) {
  const auto start = Clock::now();
  const fs::path target = fs::absolute(options.db_dir);
  if (!LooksLikeDatabase(target)) {
    throw Error(ErrorKind::kStore, options.db_dir + ": exists and is not an hvpat database; not replacing it");
  }
  fs::path building = target;
  building += ".hvpat-new-" + std::to_string(::getpid());
  std::error_code ec;
  fs::remove_all(building, ec);

  if (options.dates.empty()) throw Error(ErrorKind::kUsage, "no statistics date given");
  RunSummary summary;
  summary.as_of = options.dates.back();
  summary.threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  try {
    tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                    static_cast<size_t>(summary.threads));
    auto store = Store::Create(building.string(), options.write);
    Quarantine quarantine((building / "quarantine.ndjson").string(), options.files);

    io::ReaderOptions reader_options = options.reader;
    if (reader_options.decode_threads == 0) reader_options.decode_threads = static_cast<size_t>(summary.threads);
    io::ChunkReader reader(options.files, reader_options);
    const size_t tokens = static_cast<size_t>(summary.threads * std::max(1, options.tokens_per_thread));
    std::vector<std::unique_ptr<Work>> pool;
    tbb::concurrent_queue<Work*> free_work;
    for (size_t i = 0; i < tokens; ++i) {
      pool.push_back(std::make_unique<Work>());
      free_work.push(pool.back().get());
    }
    record::ParseOptions parse_options{options.reader.max_line_bytes};
    tbb::enumerable_thread_specific<Worker> workers([&] { return Worker(parse_options); });

    // Time spent in each stage; the parallel stage's is summed over its threads.
    std::atomic<int64_t> read_ns{0}, parse_ns{0}, write_ns{0};
    auto timed = [](std::atomic<int64_t>& total, auto&& body) {
      auto begin = Clock::now();
      body();
      total += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - begin).count();
    };
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, Work*>(tbb::filter_mode::serial_in_order,
                                      [&](tbb::flow_control& flow) -> Work* {
                                        Work* work = nullptr;
                                        free_work.try_pop(work);
                                        bool more = false;
                                        timed(read_ns, [&] { more = reader.Next(work->chunk); });
                                        if (!more) {
                                          free_work.push(work);
                                          flow.stop();
                                          return nullptr;
                                        }
                                        return work;
                                      }) &
            tbb::make_filter<Work*, Work*>(tbb::filter_mode::parallel,
                                           [&](Work* work) {
                                             timed(parse_ns, [&] {
                                               ParseChunk(*work, workers.local(), *store, rules, options.dates,
                                                          options.reader.max_line_bytes);
                                             });
                                             return work;
                                           }) &
            tbb::make_filter<Work*, void>(tbb::filter_mode::serial_in_order, [&](Work* work) {
              timed(write_ns, [&] {
                summary.lines_read += work->lines;
                summary.quarantined += work->rejections.size();
                summary.staged_bytes += work->staged_bytes;
                store->Write(work->staged);
                for (const auto& rejection : work->rejections) quarantine.Add(rejection);
              });
              free_work.push(work);
            }));
    summary.read_seconds = static_cast<double>(read_ns) / 1e9;
    summary.parse_seconds = static_cast<double>(parse_ns) / 1e9;
    summary.write_seconds = static_cast<double>(write_ns) / 1e9;
    store->Seal(Store::Family::kStage);
    quarantine.Close();
    summary.bytes_read = reader.stored_bytes();
    summary.bytes_decoded = reader.decoded_bytes();
    summary.pipeline_seconds = SecondsSince(start);

    const auto finalize_start = Clock::now();
    Finalize(*store, rules, options.dates, summary);
    summary.finalize_seconds = SecondsSince(finalize_start);
    summary.seconds = SecondsSince(start);

    store->Put(Store::Family::kMeta, store::kMetaSchema, store::kSchemaVersion);
    std::string dates;
    for (auto date : options.dates) dates += (dates.empty() ? "" : ",") + date.ToString();
    store->Put(Store::Family::kMeta, store::kMetaAsOf, dates);
    for (size_t i = 0; i < rules::kRuleFiles.size(); ++i) {
      store->Put(Store::Family::kMeta, std::string(store::kMetaRuleFilePrefix) + rules::kRuleFiles[i], rules.texts.files[i]);
    }
    store->Put(Store::Family::kMeta, store::kMetaRules, rules::DescribeJson(rules));
    std::string enabled;
    for (auto rule : model::kAllRules) {
      if (rules.config.Enabled(rule)) enabled += (enabled.empty() ? "" : ",") + std::string(model::RuleName(rule));
    }
    store->Put(Store::Family::kMeta, store::kMetaEnabled, enabled);
    store->Put(Store::Family::kMeta, store::kMetaInputs, InputsJson(options.files));
    store->Put(Store::Family::kMeta, store::kMetaSummary, model::SummaryJson(summary));
    for (const auto& [code, region] : rules.regions) {
      store->Put(Store::Family::kMeta, store::RegionMetaKey(code),
                 region.name + "\t" + (region.population ? std::to_string(*region.population) : ""));
    }
    store->FinishIngest();
    store.reset();
    Publish(building, target);
    summary.seconds = SecondsSince(start);
    summary.publish_seconds = summary.seconds - summary.pipeline_seconds - summary.finalize_seconds;
  } catch (...) {
    fs::remove_all(building, ec);
    throw;
  }
  return summary;
}

}  // namespace hvpat::pipeline
