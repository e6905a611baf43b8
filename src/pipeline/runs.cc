// Sorted runs (runs.h). A facts section is a sequence of [varint length][Facts bytes] in
// id order; the patents of a run go straight from the chunk buffers into sorted files.
#include "runs.h"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <filesystem>

#include "facts.h"
#include "hvpat/base/bytes.h"
#include "hvpat/base/error.h"

namespace hvpat::pipeline {
namespace {

// Where an item's bytes begin: where the one before it ended.
std::string_view ItemValue(const Staged& s, uint32_t i) {
  uint32_t begin = i == 0 ? 0 : s.items[i - 1].facts_end;
  return std::string_view(s.data).substr(begin, s.items[i].value_end - begin);
}
std::string_view ItemFacts(const Staged& s, uint32_t i) {
  const Staged::Item& item = s.items[i];
  return std::string_view(s.data).substr(item.value_end, item.facts_end - item.value_end);
}
std::string_view ItemId(const Staged& s, uint32_t i) { return FactsId(ItemFacts(s, i)); }

// The first item of a sorted chunk whose id is not below `id`.
uint32_t LowerBound(const Staged& s, const std::string& id) {
  const base::KeyPrefix prefix = base::KeyPrefix::Of(id);
  auto below = [&](const Staged::Item& item) {
    const auto i = static_cast<uint32_t>(&item - s.items.data());
    return item.prefix != prefix ? item.prefix < prefix : ItemId(s, i) < id;
  };
  return static_cast<uint32_t>(std::partition_point(s.items.begin(), s.items.end(), below) - s.items.begin());
}

}  // namespace

void Staged::Add(std::string_view value, std::string_view record_facts) {
  data.append(value);
  const auto value_end = static_cast<uint32_t>(data.size());
  data.append(record_facts);
  items.push_back({base::KeyPrefix::Of(FactsId(record_facts)), value_end, static_cast<uint32_t>(data.size())});
}

void Staged::SortInto(Staged& out) const {
  std::vector<uint32_t> order(items.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  // Ties (one id twice in the chunk) keep input order: the later occurrence comes after.
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (items[a].prefix != items[b].prefix) return items[a].prefix < items[b].prefix;
    const int c = ItemId(*this, a).compare(ItemId(*this, b));
    return c != 0 ? c < 0 : a < b;
  });
  out.Clear();
  out.data.reserve(data.size());
  out.items.reserve(items.size());
  for (uint32_t i : order) out.Add(ItemValue(*this, i), ItemFacts(*this, i));
}

RunSet::RunSet(store::Store& store, std::string work_dir, size_t partitions)
    : store_(store), work_dir_(std::move(work_dir)), wanted_partitions_(std::max<size_t>(1, partitions)) {}

void RunSet::Add(Staged& staged) {
  if (staged.items.empty()) return;
  buffered_bytes_ += staged.bytes();
  chunks_.push_back(std::move(staged));
  staged = Staged{};
}

// Id ranges of about equal size, from ids sampled evenly in every chunk of the first run.
void RunSet::ChooseSplits() {
  splits_chosen_ = true;
  constexpr size_t kSamplesPerChunk = 64;
  size_t n = 0;
  std::vector<std::string_view> samples;
  for (const Staged& chunk : chunks_) {
    const size_t items = chunk.items.size();
    n += items;
    for (size_t k = 0; k < std::min(items, kSamplesPerChunk); ++k) {
      samples.push_back(ItemId(chunk, static_cast<uint32_t>(k * items / std::min(items, kSamplesPerChunk))));
    }
  }
  std::sort(samples.begin(), samples.end());
  const size_t parts = n >= 64 * wanted_partitions_ ? wanted_partitions_ : 1;
  for (size_t j = 1; j < parts; ++j) {
    std::string split(samples[j * samples.size() / parts]);
    if (splits_.empty() || split > splits_.back()) splits_.push_back(std::move(split));
  }
}

void RunSet::Flush(bool spill) {
  if (chunks_.empty()) return;
  if (!splits_chosen_) ChooseSplits();
  const size_t parts = partitions();
  Run run;
  run.memory.resize(parts);
  run.files.resize(parts);
  std::vector<std::string> ssts(parts);
  std::vector<uint64_t> replaced(parts);
  tbb::parallel_for(size_t{0}, parts, [&](size_t p) { replaced[p] = WritePartition(p, spill, run, ssts[p]); });
  std::vector<std::string> written;
  for (auto& path : ssts) {
    if (!path.empty()) written.push_back(std::move(path));
  }
  store_.IngestSorted(store::Store::Family::kPatents, written);
  for (uint64_t r : replaced) replaced_ += r;  // a later occurrence in this run won (record-format.md)
  runs_.push_back(std::move(run));
  chunks_.clear();
  buffered_bytes_ = 0;
}

uint64_t RunSet::WritePartition(size_t p, bool spill, Run& run, std::string& sst) {
  // One cursor per chunk over its items in this partition's id range; a heap gives the
  // least (id, chunk, item), so equal ids come out together, the latest last.
  struct Cursor {
    uint32_t chunk;
    uint32_t item;
    uint32_t end;
  };
  std::vector<Cursor> heap;
  size_t facts_bytes = 0;
  for (uint32_t c = 0; c < chunks_.size(); ++c) {
    const Staged& chunk = chunks_[c];
    const uint32_t begin = p == 0 ? 0 : LowerBound(chunk, splits_[p - 1]);
    const uint32_t end =
        p + 1 == partitions() ? static_cast<uint32_t>(chunk.items.size()) : LowerBound(chunk, splits_[p]);
    if (begin == end) continue;
    heap.push_back({c, begin, end});
    for (uint32_t i = begin; i < end; ++i) facts_bytes += chunk.items[i].facts_end - chunk.items[i].value_end;
  }
  if (heap.empty()) return 0;
  auto id = [&](const Cursor& k) { return ItemId(chunks_[k.chunk], k.item); };
  auto after = [&](const Cursor& a, const Cursor& b) {  // std heaps keep the greatest on top
    const auto& pa = chunks_[a.chunk].items[a.item].prefix;
    const auto& pb = chunks_[b.chunk].items[b.item].prefix;
    if (pa != pb) return pa > pb;
    const int c = id(a).compare(id(b));
    return c != 0 ? c > 0 : (a.chunk != b.chunk ? a.chunk > b.chunk : a.item > b.item);
  };
  std::make_heap(heap.begin(), heap.end(), after);

  const std::string stem = work_dir_ + "/run" + std::to_string(runs_.size()) + "-part" + std::to_string(p);
  auto file = store_.NewSortedFile(store::Store::Family::kPatents, stem + ".sst");
  base::HugeBytes& section = run.memory[p];
  section.reserve(facts_bytes + facts_bytes / 8);
  uint64_t value_bytes = 0;
  uint64_t replaced = 0;
  auto write = [&](const Cursor& k) {
    const Staged& chunk = chunks_[k.chunk];
    std::string_view value = ItemValue(chunk, k.item);
    file->Add(id(k), value);
    value_bytes += value.size();
    std::string_view facts = ItemFacts(chunk, k.item);
    base::PutVarint(section, facts.size());
    section.append(facts);
  };
  std::optional<Cursor> pending;  // the latest occurrence so far of the current id
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), after);
    const Cursor least = heap.back();
    if (least.item + 1 < least.end) {
      ++heap.back().item;
      std::push_heap(heap.begin(), heap.end(), after);
    } else {
      heap.pop_back();
    }
    if (pending && id(*pending) == id(least)) {
      ++replaced;
    } else if (pending) {
      write(*pending);
    }
    pending = least;
  }
  write(*pending);
  if (file->Finish()) sst = file->path();
  value_bytes_ += value_bytes;
  if (spill) SpillSection(stem + ".facts", run, p);
  return replaced;
}

// Moves partition p's facts section of `run` to a file beside the database.
void RunSet::SpillSection(const std::string& path, Run& run, size_t p) {
  base::HugeBytes& section = run.memory[p];
  run.files[p] = path;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(section.data(), static_cast<std::streamsize>(section.size()));
  out.close();
  if (!out) throw Error(ErrorKind::kStore, "cannot write " + path + " (is the disk full?)");
  spilled_bytes_ += section.size();
  base::HugeBytes().swap(section);
}

// One run's section of a partition, read from memory or from its spill file.
struct RunSet::Cursor::Source {
  std::string_view memory;
  std::ifstream file;
  std::vector<char> buffer;
  std::string record;  // the current facts, when read from a file
  std::string_view current;
  std::string_view id;
  bool valid = false;

  bool ReadVarint(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int c;
      if (file.is_open()) {
        c = file.get();
        if (c == EOF) return false;
      } else {
        if (memory.empty()) return false;
        c = static_cast<unsigned char>(memory.front());
        memory.remove_prefix(1);
      }
      v |= static_cast<uint64_t>(c & 0x7F) << shift;
      if (!(c & 0x80)) return true;
    }
    return false;
  }
  void Advance() {
    uint64_t n = 0;
    valid = ReadVarint(n);
    if (!valid) return;
    if (file.is_open()) {
      record.resize(n);
      file.read(record.data(), static_cast<std::streamsize>(n));
      if (static_cast<uint64_t>(file.gcount()) != n) throw Error(ErrorKind::kStore, "spill file ended early");
      current = record;
    } else {
      if (n > memory.size()) throw Error(ErrorKind::kStore, "corrupt run buffer");
      current = memory.substr(0, n);
      memory.remove_prefix(n);
    }
    id = FactsId(current);
  }
};

RunSet::Cursor::Cursor(const RunSet& set, size_t partition) {
  for (const Run& run : set.runs_) {
    auto source = std::make_unique<Source>();
    if (!run.files[partition].empty()) {
      source->buffer.resize(1 << 18);
      source->file.rdbuf()->pubsetbuf(source->buffer.data(), static_cast<std::streamsize>(source->buffer.size()));
      source->file.open(run.files[partition], std::ios::binary);
      if (!source->file) throw Error(ErrorKind::kStore, "cannot read " + run.files[partition]);
    } else {
      source->memory = run.memory[partition];
    }
    source->Advance();
    sources_.push_back(std::move(source));
  }
}

RunSet::Cursor::~Cursor() = default;

std::optional<std::string_view> RunSet::Cursor::Next(uint64_t& replaced) {
  Source* winner = nullptr;
  std::string_view least;
  for (auto& s : sources_) {
    if (s->valid && (!winner || s->id < least)) {
      winner = s.get();
      least = s->id;
    }
  }
  if (!winner) return std::nullopt;
  // Runs are in input order: among equal ids the last run's occurrence wins.
  std::vector<Source*> same;
  for (auto& s : sources_) {
    if (s->valid && s->id == least) same.push_back(s.get());
  }
  replaced += same.size() - 1;
  winner = same.back();
  current_.assign(winner->current);
  for (Source* s : same) s->Advance();
  return std::string_view(current_);
}

}  // namespace hvpat::pipeline
