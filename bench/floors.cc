// The hardware floors an ingest run is measured against (bench/README.md): how fast the
// same machine can merely decompress the input, merely parse it, and merely write the
// same number of keys of the same sizes to RocksDB. Prints one JSON object.
//
//   hvpat_floor decompress FILE...
//   hvpat_floor parse --threads N FILE...
//   hvpat_floor store --records N --value-bytes B --index-entries M --dir DIR
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "hvpat/io/reader.h"
#include "hvpat/record/parser.h"
#include "hvpat/store/schema.h"
#include "hvpat/store/store.h"

namespace {

using Clock = std::chrono::steady_clock;
using hvpat::store::Store;

double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// (a) The same reader and decompressor as ingest, discarding the bytes.
int Decompress(const std::vector<std::string>& files) {
  auto start = Clock::now();
  hvpat::io::ChunkReader reader(files, {});
  hvpat::io::Chunk chunk;
  uint64_t lines = 0;
  while (reader.Next(chunk)) lines += static_cast<uint64_t>(std::count(chunk.text.begin(),
                                                                       chunk.text.begin() + static_cast<long>(chunk.size), '\n'));
  double seconds = Since(start);
  std::printf("{\"floor\":\"decompress\",\"seconds\":%.6f,\"bytes\":%llu,\"lines\":%llu}\n", seconds,
              static_cast<unsigned long long>(reader.decoded_bytes()), static_cast<unsigned long long>(lines));
  return 0;
}

// (b) The same chunks parsed with the same simdjson On-Demand parser on the same threads,
// reading and checking every field the rules need: no rules, no storage.
int Parse(const std::vector<std::string>& files, int threads) {
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  auto start = Clock::now();
  hvpat::io::ChunkReader reader(files, {});
  const size_t tokens = static_cast<size_t>(threads) * 3;
  std::vector<std::unique_ptr<hvpat::io::Chunk>> pool;
  for (size_t i = 0; i < tokens; ++i) pool.push_back(std::make_unique<hvpat::io::Chunk>());
  size_t next = 0;
  struct Worker {
    hvpat::record::LineParser parser;
    hvpat::model::Patent patent;
    std::string reason;
  };
  tbb::enumerable_thread_specific<Worker> workers;
  std::atomic<uint64_t> records{0};
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, hvpat::io::Chunk*>(tbb::filter_mode::serial_in_order,
                                                [&](tbb::flow_control& flow) -> hvpat::io::Chunk* {
                                                  hvpat::io::Chunk* chunk = pool[next++ % tokens].get();
                                                  if (!reader.Next(*chunk)) {
                                                    flow.stop();
                                                    return nullptr;
                                                  }
                                                  return chunk;
                                                }) &
          tbb::make_filter<hvpat::io::Chunk*, void>(tbb::filter_mode::parallel, [&](hvpat::io::Chunk* chunk) {
            Worker& w = workers.local();
            std::string_view text = chunk->lines();
            uint64_t ok = 0;
            for (size_t pos = 0; pos < text.size();) {
              size_t end = text.find('\n', pos);
              std::string_view line = text.substr(pos, end - pos);
              pos = end + 1;
              if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
              if (!line.empty() && w.parser.Parse(line, w.patent, w.reason)) ++ok;
            }
            records += ok;
          }));
  double seconds = Since(start);
  std::printf("{\"floor\":\"parse\",\"threads\":%d,\"seconds\":%.6f,\"bytes\":%llu,\"records\":%llu}\n", threads,
              seconds, static_cast<unsigned long long>(reader.decoded_bytes()),
              static_cast<unsigned long long>(records.load()));
  return 0;
}

// (c) The writes an ingest makes, with keys and values of the same sizes and no parsing:
// each record staged under a random id, the stage scanned once in key order, each record
// written to `patents` in that order, and the index entries written.
int StoreFloor(uint64_t records, size_t value_bytes, uint64_t index_entries, const std::string& dir) {
  std::filesystem::remove_all(dir);
  auto start = Clock::now();
  {
    auto store = Store::Create(dir);
    std::mt19937_64 random(7);
    std::string value(value_bytes, 'v');
    Store::Batch batch;
    for (uint64_t i = 0; i < records; ++i) {
      std::string id = "CN" + std::to_string(100000000 + random() % 900000000) + "B";
      batch.Put(*store, Store::Family::kStage, hvpat::store::StageKey(id, i), value);
      if (batch.bytes() > (4 << 20)) store->Write(batch);
    }
    store->Write(batch);
    store->Seal(Store::Family::kStage);
    uint64_t written = 0;
    store->Scan(Store::Family::kStage, "", "", [&](std::string_view key, std::string_view v) {
      store->Put(Store::Family::kPatents, hvpat::store::StageKeyId(key), v);
      ++written;
      return true;
    });
    for (uint64_t i = 0; i < index_entries; ++i) {
      std::string holder = "holder-" + std::to_string(random() % 200000);
      store->Put(Store::Family::kHolder, hvpat::store::HolderKey(holder, std::to_string(i)), "500117");
    }
    store->FinishIngest();
  }
  double seconds = Since(start);
  std::filesystem::remove_all(dir);
  std::printf("{\"floor\":\"store\",\"seconds\":%.6f,\"records\":%llu,\"value_bytes\":%zu,\"index_entries\":%llu}\n",
              seconds, static_cast<unsigned long long>(records), value_bytes,
              static_cast<unsigned long long>(index_entries));
  return 0;
}

int Usage() {
  std::fprintf(stderr,
               "usage: hvpat_floor decompress FILE...\n"
               "       hvpat_floor parse --threads N FILE...\n"
               "       hvpat_floor store --records N --value-bytes B --index-entries M --dir DIR\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return Usage();
  try {
    if (args[0] == "decompress" && args.size() > 1) return Decompress({args.begin() + 1, args.end()});
    if (args[0] == "parse" && args.size() > 3 && args[1] == "--threads") {
      return Parse({args.begin() + 3, args.end()}, std::stoi(args[2]));
    }
    if (args[0] == "store" && args.size() == 9) {
      return StoreFloor(std::stoull(args[2]), std::stoull(args[4]), std::stoull(args[6]), args[8]);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hvpat_floor: %s\n", e.what());
    return 3;
  }
  return Usage();
}
