// Spool (spool.h).
#include "spool.h"

#include <algorithm>
#include <numeric>

namespace hvpat::pipeline {

Spool::Spool(store::Store& store, store::Store::Family family, Shared& shared, size_t budget_bytes)
    : store_(store), family_(family), shared_(shared), budget_(std::max<size_t>(budget_bytes, 1 << 16)) {}

void Spool::Add(std::string_view key, std::string_view value) {
  if (arena_.size() + key.size() + value.size() > budget_ || arena_.size() + key.size() + value.size() > (1u << 31)) {
    Flush();
  }
  keys_.emplace_back(static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(key.size()));
  value_sizes_.push_back(static_cast<uint32_t>(value.size()));
  arena_.append(key);
  arena_.append(value);
  ++entries_;
}

void Spool::Flush() {
  if (keys_.empty()) return;
  std::vector<uint32_t> order(keys_.size());
  std::iota(order.begin(), order.end(), 0);
  auto key = [&](uint32_t i) { return std::string_view(arena_).substr(keys_[i].first, keys_[i].second); };
  // Stable: of equal keys the last added is written (SstFileWriter takes each key once).
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
  const std::string path = shared_.dir + "/spool" + std::to_string(shared_.files++) + ".sst";
  auto file = store_.NewSortedFile(family_, path);
  for (size_t j = 0; j < order.size(); ++j) {
    if (j + 1 < order.size() && key(order[j + 1]) == key(order[j])) continue;
    const uint32_t i = order[j];
    file->Add(key(i), std::string_view(arena_).substr(keys_[i].first + keys_[i].second, value_sizes_[i]));
  }
  if (file->Finish()) {
    std::lock_guard<std::mutex> lock(shared_.ingest);
    store_.IngestSorted(family_, {path});
  }
  arena_.clear();
  keys_.clear();
  value_sizes_.clear();
}

}  // namespace hvpat::pipeline
