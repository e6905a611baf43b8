// Sorted runs (runs.h). A facts section is a sequence of [varint length][Facts bytes] in
// id order; the patents of a run go straight from the chunk buffers into sorted files.
#include "runs.h"

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_sort.h>

#include <algorithm>
#include <cassert>
#include <filesystem>

#include "facts.h"
#include "hvpat/base/error.h"

namespace hvpat::pipeline {
namespace {

void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Where an item's bytes begin: where the one before it ended.
std::string_view ItemValue(const Staged& s, uint32_t i) {
  uint32_t begin = i == 0 ? 0 : s.items[i - 1].value_end;
  return std::string_view(s.values).substr(begin, s.items[i].value_end - begin);
}
std::string_view ItemFacts(const Staged& s, uint32_t i) {
  uint32_t begin = i == 0 ? 0 : s.items[i - 1].facts_end;
  return std::string_view(s.facts).substr(begin, s.items[i].facts_end - begin);
}

}  // namespace

struct RunSet::Key {
  std::string_view id;
  uint64_t sequence;
  uint32_t chunk;
  uint32_t item;
};

RunSet::RunSet(store::Store& store, std::string work_dir, size_t partitions)
    : store_(store), work_dir_(std::move(work_dir)), wanted_partitions_(std::max<size_t>(1, partitions)) {}

void RunSet::Add(Staged& staged) {
  if (staged.items.empty()) return;
  buffered_bytes_ += staged.bytes();
  chunks_.push_back(std::move(staged));
  staged = Staged{};
}

void RunSet::ChooseSplits(const std::vector<Key>& keys, const std::vector<uint32_t>& winners) {
  splits_chosen_ = true;
  const size_t n = winners.size();
  size_t parts = n >= 64 * wanted_partitions_ ? wanted_partitions_ : 1;
  for (size_t j = 1; j < parts; ++j) {
    std::string split(keys[winners[j * n / parts]].id);
    if (splits_.empty() || split > splits_.back()) splits_.push_back(std::move(split));
  }
}

void RunSet::Flush(bool spill) {
  if (chunks_.empty()) return;
  std::vector<Key> keys;
  for (uint32_t c = 0; c < chunks_.size(); ++c) {
    for (uint32_t i = 0; i < chunks_[c].items.size(); ++i) {
      std::string_view facts = ItemFacts(chunks_[c], i);
      keys.push_back({FactsId(facts), FactsSequence(facts), c, i});
    }
  }
  tbb::parallel_sort(keys.begin(), keys.end(),
                     [](const Key& a, const Key& b) { return a.id != b.id ? a.id < b.id : a.sequence < b.sequence; });
  std::vector<uint32_t> winners;
  winners.reserve(keys.size());
  for (uint32_t i = 0; i < keys.size(); ++i) {
    if (i + 1 < keys.size() && keys[i + 1].id == keys[i].id) {
      ++replaced_;  // a later occurrence in this run wins (record-format.md)
      continue;
    }
    winners.push_back(i);
  }
  if (!splits_chosen_) ChooseSplits(keys, winners);
  const size_t parts = partitions();
  std::vector<size_t> bounds{0};
  for (const auto& split : splits_) {
    auto at = std::lower_bound(winners.begin() + static_cast<std::ptrdiff_t>(bounds.back()), winners.end(), split,
                               [&](uint32_t k, const std::string& s) { return keys[k].id < s; });
    bounds.push_back(static_cast<size_t>(at - winners.begin()));
  }
  bounds.push_back(winners.size());
  Run run;
  run.memory.resize(parts);
  run.files.resize(parts);
  std::vector<std::string> ssts(parts);
  tbb::parallel_for(size_t{0}, parts,
                    [&](size_t p) { WritePartition(keys, winners, bounds[p], bounds[p + 1], p, spill, run, ssts[p]); });
  std::vector<std::string> written;
  for (auto& path : ssts) {
    if (!path.empty()) written.push_back(std::move(path));
  }
  store_.IngestSorted(store::Store::Family::kPatents, written);
  runs_.push_back(std::move(run));
  chunks_.clear();
  buffered_bytes_ = 0;
}

void RunSet::WritePartition(const std::vector<Key>& keys, const std::vector<uint32_t>& winners, size_t begin,
                            size_t end, size_t p, bool spill, Run& run, std::string& sst) {
  if (begin == end) return;
  const std::string stem = work_dir_ + "/run" + std::to_string(runs_.size()) + "-part" + std::to_string(p);
  auto file = store_.NewSortedFile(store::Store::Family::kPatents, stem + ".sst");
  std::string& section = run.memory[p];
  uint64_t value_bytes = 0;
  for (size_t w = begin; w < end; ++w) {
    const Key& key = keys[winners[w]];
    const Staged& chunk = chunks_[key.chunk];
    std::string_view value = ItemValue(chunk, key.item);
    file->Add(key.id, value);
    value_bytes += value.size();
    std::string_view facts = ItemFacts(chunk, key.item);
    PutVarint(section, facts.size());
    section.append(facts);
  }
  if (file->Finish()) sst = file->path();
  __atomic_add_fetch(&value_bytes_, value_bytes, __ATOMIC_RELAXED);
  if (!spill) return;
  run.files[p] = stem + ".facts";
  std::ofstream out(run.files[p], std::ios::binary | std::ios::trunc);
  out.write(section.data(), static_cast<std::streamsize>(section.size()));
  out.close();
  if (!out) throw Error(ErrorKind::kStore, "cannot write " + run.files[p] + " (is the disk full?)");
  __atomic_add_fetch(&spilled_bytes_, section.size(), __ATOMIC_RELAXED);
  std::string().swap(section);
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
