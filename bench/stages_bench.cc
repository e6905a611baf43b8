// Micro-benchmarks of the ingest stages on data generated once from a fixed seed:
// chunking, record parsing, IPC canonicalisation, concordance matching, classification
// with value encoding, key encoding and batch writes. Results read as MB/s (bytes) and
// records/s (items); sweeps over chunk size, record shape and batch size.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "hvpat/gen/generator.h"
#include "hvpat/io/reader.h"
#include "hvpat/record/ipc.h"
#include "hvpat/record/parser.h"
#include "hvpat/rules/classify.h"
#include "hvpat/store/schema.h"
#include "hvpat/store/store.h"

namespace hvpat {
namespace {

const rules::RuleSet& Rules() {
  static const rules::RuleSet rules = rules::LoadRuleSet(HVPAT_SOURCE_RULES_DIR);
  return rules;
}

// Valid lines of a generated dump, each followed by io::kPadding spare bytes.
struct Lines {
  std::vector<std::string> padded;
  size_t bytes = 0;
};

const Lines& Dump(bool bulky) {
  static Lines plain, large;
  Lines& lines = bulky ? large : plain;
  if (lines.padded.empty()) {
    gen::GenerateOptions options;
    options.records = 20000;
    options.seed = 42;
    options.invalid_share = 0;
    options.duplicate_share = 0;
    options.bulky = bulky;
    std::ostringstream out;
    gen::Generate(options, Rules(), out);
    std::istringstream in(out.str());
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      lines.bytes += line.size() + 1;
      line.append(io::kPadding, '\0');
      lines.padded.push_back(std::move(line));
    }
  }
  return lines;
}

void BM_Parse_Record(benchmark::State& state) {
  const Lines& lines = Dump(state.range(0) != 0);
  record::LineParser parser;
  model::Patent patent;
  std::string reason;
  for (auto _ : state) {
    for (const auto& line : lines.padded) {
      bool ok = parser.Parse(std::string_view(line.data(), line.size() - io::kPadding), patent, reason);
      benchmark::DoNotOptimize(ok);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * lines.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * lines.padded.size()));
}
BENCHMARK(BM_Parse_Record)->ArgName("bulky")->Arg(0)->Arg(1);

void BM_Ipc_Canonicalise(benchmark::State& state) {
  const std::vector<std::string> symbols = {"G06F 16/27",     "G06F16/27",  "G06F0016270000",
                                            "A61K0031045000", "H04L 12/40", "not a symbol"};
  for (auto _ : state) {
    for (const auto& s : symbols) benchmark::DoNotOptimize(record::CanonicalIpc(s));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * symbols.size()));
}
BENCHMARK(BM_Ipc_Canonicalise);

void BM_Concordance_Match(benchmark::State& state) {
  std::vector<std::vector<std::string>> ipc;
  record::LineParser parser;
  model::Patent patent;
  std::string reason;
  for (const auto& line : Dump(false).padded) {
    if (parser.Parse(std::string_view(line.data(), line.size() - io::kPadding), patent, reason)) {
      ipc.push_back(patent.ipc);
    }
  }
  for (auto _ : state) {
    for (const auto& symbols : ipc) benchmark::DoNotOptimize(Rules().concordance.Industries(symbols));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * ipc.size()));
}
BENCHMARK(BM_Concordance_Match);

void BM_Classify_Encode(benchmark::State& state) {
  std::vector<model::Patent> patents;
  record::LineParser parser;
  std::string reason;
  for (const auto& line : Dump(false).padded) {
    model::Patent patent;
    if (parser.Parse(std::string_view(line.data(), line.size() - io::kPadding), patent, reason)) {
      patents.push_back(std::move(patent));
    }
  }
  const std::vector<base::Date> dates = {*base::Date::ParseIso("2025-12-31")};
  for (auto _ : state) {
    for (const auto& p : patents) {
      auto assessment = rules::Assess(p, dates, Rules());
      benchmark::DoNotOptimize(store::EncodePatent(p, assessment));
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * patents.size()));
}
BENCHMARK(BM_Classify_Encode);

// A generated dump written once to a temporary file, for the reader.
const std::string& DumpFile() {
  static const std::string path = [] {
    std::string file = (std::filesystem::temp_directory_path() / "hvpat-bench-chunks.jsonl").string();
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    for (const auto& line : Dump(true).padded) out << std::string_view(line.data(), line.size() - io::kPadding) << '\n';
    return file;
  }();
  return path;
}

// Chunking: the reader cutting a plain file into whole-line chunks, swept over chunk size.
void BM_Reader_Chunk(benchmark::State& state) {
  io::ReaderOptions options;
  options.chunk_bytes = static_cast<size_t>(state.range(0)) << 10;
  uint64_t bytes = 0;
  for (auto _ : state) {
    io::ChunkReader reader({DumpFile()}, options);
    io::Chunk chunk;
    while (reader.Next(chunk)) benchmark::DoNotOptimize(chunk.size);
    bytes = reader.decoded_bytes();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Dump(true).padded.size()));
}
BENCHMARK(BM_Reader_Chunk)->ArgName("chunk_kib")->Arg(256)->Arg(1024)->Arg(4096)->Arg(16384);

// Key encoding: a holder ranking key.
void BM_Keys_Encode(benchmark::State& state) {
  auto date = *base::Date::ParseIso("2025-12-31");
  uint64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(store::HolderRankKey(date, "R500117", 0, i++ % 1000, "重庆示例科技有限公司"));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Keys_Encode);

// Batch writes: records of ~400 bytes committed to `patents` in batches of the given
// size, unsorted ids as in a real dump (the write path before bulk loading).
void BM_Store_BatchWrite(benchmark::State& state) {
  const size_t batch_kib = static_cast<size_t>(state.range(0));
  const std::string value(400, 'v');
  const int kRecords = 100000;
  for (auto _ : state) {
    state.PauseTiming();
    std::string dir = (std::filesystem::temp_directory_path() / "hvpat-bench-store").string();
    std::filesystem::remove_all(dir);
    auto store = store::Store::Create(dir);
    std::mt19937_64 random(1);
    state.ResumeTiming();
    store::Store::Batch batch;
    for (int i = 0; i < kRecords; ++i) {
      batch.Put(*store, store::Store::Family::kPatents, "CN" + std::to_string(random() % 1000000000), value);
      if (batch.bytes() >= batch_kib << 10) store->Write(batch);
    }
    store->Write(batch);
    store->FinishIngest();
    state.PauseTiming();
    store.reset();
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * kRecords * 420);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kRecords);
}
BENCHMARK(BM_Store_BatchWrite)
    ->ArgName("batch_kib")
    ->Arg(64)
    ->Arg(1024)
    ->Arg(8192)
    ->UseRealTime()  // RocksDB flushes on its own threads
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace hvpat
