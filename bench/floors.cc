// The hardware floors an ingest run is measured against (bench/README.md): how fast the
// same machine can merely decompress the input, merely parse it, and merely write the
// bytes the finished database holds. Standalone: the libraries (simdjson, RocksDB, TBB)
// used directly; of hvpat only its chunk reader, so that decompression is the same.
// Prints one JSON object.
//
//   hvpat_floor decompress FILE...
//   hvpat_floor parse --threads N [--fields rules|all] FILE...
//   hvpat_floor store --from-db DB --dir DIR --threads N
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "hvpat/io/reader.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace od = simdjson::ondemand;

double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// (a) The same reader and decompressor as ingest, discarding the bytes.
int Decompress(const std::vector<std::string>& files) {
  auto start = Clock::now();
  hvpat::io::ChunkReader reader(files, {});
  hvpat::io::Chunk chunk;
  uint64_t lines = 0;
  while (reader.Next(chunk))
    lines +=
        static_cast<uint64_t>(std::count(chunk.text.begin(), chunk.text.begin() + static_cast<long>(chunk.size), '\n'));
  double seconds = Since(start);
  std::printf("{\"floor\":\"decompress\",\"seconds\":%.6f,\"bytes\":%llu,\"lines\":%llu}\n", seconds,
              static_cast<unsigned long long>(reader.decoded_bytes()), static_cast<unsigned long long>(lines));
  return 0;
}

// Touching a value: its bytes are read (strings unescaped, numbers converted).
struct Sink {
  uint64_t sum = 0;
  void Str(od::value v) {
    std::string_view s;
    if (v.get_string().get(s) == simdjson::SUCCESS) sum += s.size();
  }
  void Date(od::value v) {  // "YYYY-MM-DD", YYYYMMDD, 0 or null
    od::json_type t;
    if (v.type().get(t) != simdjson::SUCCESS) return;
    if (t == od::json_type::string) {
      Str(v);
    } else if (t == od::json_type::number) {
      int64_t n;
      if (v.get_int64().get(n) == simdjson::SUCCESS) sum += static_cast<uint64_t>(n);
    }
  }
  void Num(od::value v) {
    double d;
    if (v.get_double().get(d) == simdjson::SUCCESS) sum += static_cast<uint64_t>(d);
  }
  void Bool(od::value v) {
    bool b;
    if (v.get_bool().get(b) == simdjson::SUCCESS) sum += b;
  }
};

// One record: with `all`, every field of the record format and every member of its
// nested objects, as the parser reads them; else the fields the rules and the region
// need (no holder names but the first, no family member ids, no release dates).
bool ParseLine(od::parser& parser, std::string_view line, size_t capacity, bool all, Sink& sink) {
  od::document doc;
  if (parser.iterate(simdjson::padded_string_view(line.data(), line.size(), capacity)).get(doc)) return false;
  od::object obj;
  if (doc.get_object().get(obj)) return false;
  for (auto field : obj) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    od::value v = field.value();
    if (key == "id" || key == "country" || key == "type" || key == "status" || key == "family_id") {
      sink.Str(v);
    } else if (key == "filing_date" || key == "grant_date" || key == "status_date") {
      sink.Date(v);
    } else if (key == "ipc") {
      od::array a;
      if (v.get_array().get(a)) continue;
      for (auto e : a) sink.Str(e.value());
    } else if (key == "holders") {
      od::array a;
      if (v.get_array().get(a)) continue;
      bool first = true;
      for (auto e : a) {
        od::object h;
        if (e.get_object().get(h)) continue;
        for (auto hf : h) {
          std::string_view hk;
          if (hf.unescaped_key().get(hk)) break;
          if (hk == "name" ? (all || first) : (hk == "country" || hk == "region")) {
            od::value hv = hf.value();
            od::json_type t;
            if (hv.type().get(t) == simdjson::SUCCESS && t == od::json_type::string) sink.Str(hv);
          }
        }
        first = false;
      }
    } else if (key == "family" || key == "pledges" || key == "awards") {
      od::array a;
      if (v.get_array().get(a)) continue;
      for (auto e : a) {
        od::object m;
        if (e.get_object().get(m)) continue;
        for (auto mf : m) {
          std::string_view mk;
          if (mf.unescaped_key().get(mk)) break;
          od::value mv = mf.value();
          if (mk == "country" || mk == "award" || mk == "level" || (all && mk == "id")) {
            sink.Str(mv);
          } else if (mk == "granted") {
            sink.Bool(mv);
          } else if (mk == "amount" || mk == "patents" || mk == "year") {
            sink.Num(mv);
          } else if (mk == "date" || (all && mk == "released")) {
            sink.Date(mv);
          }
        }
      }
    }
  }
  return true;
}

// (b) The same chunks parsed by simdjson On-Demand on the same threads: no rules, no
// checks beyond the types, no storage.
int Parse(const std::vector<std::string>& files, int threads, bool all) {
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  auto start = Clock::now();
  hvpat::io::ChunkReader reader(files, {});
  const size_t tokens = static_cast<size_t>(threads) * 3;
  std::vector<std::unique_ptr<hvpat::io::Chunk>> pool;
  for (size_t i = 0; i < tokens; ++i) pool.push_back(std::make_unique<hvpat::io::Chunk>());
  size_t next = 0;
  struct Worker {
    od::parser parser;
    Sink sink;
  };
  tbb::enumerable_thread_specific<Worker> workers;
  std::atomic<uint64_t> records{0};
  tbb::parallel_pipeline(
      tokens, tbb::make_filter<void, hvpat::io::Chunk*>(tbb::filter_mode::serial_in_order,
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
                    if (chunk->text.size() < chunk->size + simdjson::SIMDJSON_PADDING) {
                      chunk->text.resize(chunk->size + simdjson::SIMDJSON_PADDING, ' ');
                    }
                    std::string_view text = chunk->lines();
                    uint64_t ok = 0;
                    for (size_t pos = 0; pos < text.size();) {
                      size_t end = text.find('\n', pos);
                      if (end == std::string_view::npos) end = text.size();
                      std::string_view line = text.substr(pos, end - pos);
                      size_t capacity = chunk->text.size() - pos;
                      pos = end + 1;
                      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
                      if (!line.empty() && ParseLine(w.parser, line, capacity, all, w.sink)) ++ok;
                    }
                    records += ok;
                  }));
  double seconds = Since(start);
  uint64_t sum = 0;
  for (auto& w : workers) sum += w.sink.sum;
  std::printf(
      "{\"floor\":\"parse\",\"fields\":\"%s\",\"threads\":%d,\"seconds\":%.6f,\"bytes\":%llu,"
      "\"records\":%llu,\"checksum\":%llu}\n",
      all ? "all" : "rules", threads, seconds, static_cast<unsigned long long>(reader.decoded_bytes()),
      static_cast<unsigned long long>(records.load()), static_cast<unsigned long long>(sum));
  return 0;
}

void Check(const rocksdb::Status& s, const std::string& what) {
  if (!s.ok()) throw std::runtime_error(what + ": " + s.ToString());
}

rocksdb::Options Lz4Options() {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.compression = rocksdb::kLZ4Compression;
  rocksdb::BlockBasedTableOptions table;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

// (c) The limit of storage: every key and value the finished database DB holds (read
// into memory first, untimed), written as sorted SST files (LZ4, as hvpat writes) on N
// threads, each thread one contiguous key range of each column family, then ingested
// into a new database at DIR with IngestExternalFile and the database closed.
int StoreFloor(const std::string& from, const std::string& dir, int threads) {
  std::vector<std::string> names;
  Check(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), from, &names), "list " + from);
  struct Family {
    std::string name;
    std::vector<std::pair<std::string, std::string>> entries;
  };
  std::vector<Family> families;
  uint64_t bytes = 0, entries = 0;
  {
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const auto& n : names) descriptors.emplace_back(n, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    Check(rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), from, descriptors, &handles, &raw), "open " + from);
    std::unique_ptr<rocksdb::DB> db(raw);
    for (size_t i = 0; i < names.size(); ++i) {
      Family f{names[i], {}};
      std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handles[i]));
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        f.entries.emplace_back(it->key().ToString(), it->value().ToString());
        bytes += it->key().size() + it->value().size();
      }
      Check(it->status(), "scan " + from);
      entries += f.entries.size();
      families.push_back(std::move(f));
    }
    for (auto* h : handles) (void)db->DestroyColumnFamilyHandle(h);
  }
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + ".sst");
  auto start = Clock::now();
  rocksdb::Options options = Lz4Options();
  // One file per (family, thread range), written on `threads` threads.
  struct Job {
    size_t family, begin, end;
    std::string path;
  };
  std::vector<Job> jobs;
  for (size_t f = 0; f < families.size(); ++f) {
    size_t n = families[f].entries.size();
    size_t parts = std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(threads), n));
    for (size_t p = 0; p < parts && n > 0; ++p) {
      jobs.push_back({f, n * p / parts, n * (p + 1) / parts,
                      dir + ".sst/" + std::to_string(f) + "-" + std::to_string(p) + ".sst"});
    }
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  std::vector<std::string> errors(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      try {
        for (size_t j; (j = next++) < jobs.size();) {
          const Job& job = jobs[j];
          rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options);
          Check(writer.Open(job.path), "open " + job.path);
          const auto& e = families[job.family].entries;
          for (size_t i = job.begin; i < job.end; ++i) Check(writer.Put(e[i].first, e[i].second), "put");
          Check(writer.Finish(), "finish " + job.path);
        }
      } catch (const std::exception& e) {
        errors[static_cast<size_t>(t)] = e.what();
      }
    });
  }
  for (auto& th : pool) th.join();
  for (const auto& e : errors) {
    if (!e.empty()) throw std::runtime_error(e);
  }
  double write_seconds = Since(start);
  uint64_t sst_bytes = 0;
  {
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const auto& n : names) descriptors.emplace_back(n, rocksdb::ColumnFamilyOptions(options));
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    Check(rocksdb::DB::Open(rocksdb::DBOptions(options), dir, descriptors, &handles, &raw), "open " + dir);
    std::unique_ptr<rocksdb::DB> db(raw);
    for (size_t f = 0; f < families.size(); ++f) {
      std::vector<std::string> paths;
      for (const auto& job : jobs) {
        if (job.family == f) {
          paths.push_back(job.path);
          sst_bytes += std::filesystem::file_size(job.path);
        }
      }
      if (paths.empty()) continue;
      rocksdb::IngestExternalFileOptions ingest;
      ingest.move_files = true;
      Check(db->IngestExternalFile(handles[f], paths, ingest), "ingest into " + dir);
    }
    for (auto* h : handles) (void)db->DestroyColumnFamilyHandle(h);
    Check(db->Close(), "close " + dir);
  }
  double seconds = Since(start);
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(dir + ".sst");
  std::printf(
      "{\"floor\":\"store\",\"threads\":%d,\"seconds\":%.6f,\"write_seconds\":%.6f,\"families\":%zu,"
      "\"entries\":%llu,\"bytes\":%llu,\"sst_bytes\":%llu}\n",
      threads, seconds, write_seconds, families.size(), static_cast<unsigned long long>(entries),
      static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(sst_bytes));
  return 0;
}

int Usage() {
  std::fprintf(stderr,
               "usage: hvpat_floor decompress FILE...\n"
               "       hvpat_floor parse --threads N [--fields rules|all] FILE...\n"
               "       hvpat_floor store --from-db DB --dir DIR --threads N\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return Usage();
  try {
    if (args[0] == "decompress" && args.size() > 1) return Decompress({args.begin() + 1, args.end()});
    if (args[0] == "parse" && args.size() > 3 && args[1] == "--threads") {
      int threads = std::stoi(args[2]);
      size_t first = 3;
      bool all = false;
      if (args[3] == "--fields" && args.size() > 5) {
        if (args[4] != "rules" && args[4] != "all") return Usage();
        all = args[4] == "all";
        first = 5;
      }
      return Parse({args.begin() + static_cast<long>(first), args.end()}, threads, all);
    }
    if (args[0] == "store" && args.size() == 7 && args[1] == "--from-db" && args[3] == "--dir" &&
        args[5] == "--threads") {
      return StoreFloor(args[2], args[4], std::stoi(args[6]));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hvpat_floor: %s\n", e.what());
    return 3;
  }
  return Usage();
}
