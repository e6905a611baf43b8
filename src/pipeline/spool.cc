// Spool (spool.h).
#include "spool.h"

#include <algorithm>
#include <cassert>
#include <numeric>

#include "hvpat/base/bytes.h"
#include "hvpat/store/schema.h"

namespace hvpat::pipeline {

Spool::Spool(store::Store& store, store::Store::Family family, Shared& shared, size_t budget_bytes)
    : store_(store), family_(family), shared_(shared), budget_(std::max<size_t>(budget_bytes, 1 << 16)) {}

void Spool::Add(std::string_view key, std::string_view value, size_t group_bytes) {
  assert(group_bytes <= key.size() && "REQUIRES: the group is a beginning of the key");
  if (arena_.size() + key.size() + value.size() > budget_ || arena_.size() + key.size() + value.size() > (1u << 31)) {
    Flush();
  }
  std::string_view group = key.substr(0, group_bytes);
  auto it = group_ids_.find(group);
  if (it == group_ids_.end()) {
    it = group_ids_.emplace(std::string(group), static_cast<uint32_t>(groups_.size())).first;
    groups_.push_back(it->first);
  }
  entries_buffered_.push_back({static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(key.size()),
                               static_cast<uint32_t>(value.size()), static_cast<uint32_t>(group_bytes), it->second});
  arena_.append(key);
  arena_.append(value);
  ++entries_;
}

// Each group's rank in byte order; empty when some group is a proper beginning of another
// (a name holding a NUL byte), where ordering by (group, rest) could differ from the
// keys' byte order. In sorted order it is enough to look at neighbours: every group
// between a group and one it begins also begins with it.
std::vector<uint32_t> Spool::GroupRanks() const {
  std::vector<uint32_t> order(groups_.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return groups_[a] < groups_[b]; });
  std::vector<uint32_t> rank(groups_.size());
  for (uint32_t r = 0; r < order.size(); ++r) {
    if (r > 0 && groups_[order[r]].starts_with(groups_[order[r - 1]])) return {};
    rank[order[r]] = r;
  }
  return rank;
}

void Spool::Flush() {
  if (entries_buffered_.empty()) return;
  const std::vector<uint32_t> rank = GroupRanks();
  const bool ranked = !rank.empty();
  // What is compared after the rank: the key past its group, or the whole key.
  auto tail = [&](const Entry& e) {
    const uint32_t skip = ranked ? e.group_size : 0;
    return std::string_view(arena_).substr(e.offset + skip, e.key_size - skip);
  };
  struct Sorted {
    uint32_t rank;
    base::KeyPrefix prefix;  // of the tail
    uint32_t index;
  };
  base::HugeVector<Sorted> order(entries_buffered_.size());
  for (uint32_t i = 0; i < order.size(); ++i) {
    const Entry& e = entries_buffered_[i];
    order[i] = {ranked ? rank[e.group] : 0, base::KeyPrefix::Of(tail(e)), i};
  }
  auto same_key = [&](const Sorted& a, const Sorted& b) {
    return a.rank == b.rank && a.prefix == b.prefix &&
           tail(entries_buffered_[a.index]) == tail(entries_buffered_[b.index]);
  };
  // Of equal keys the last added is written (SstFileWriter takes each key once): the
  // index breaks ties, so the sort need not be stable.
  std::sort(order.begin(), order.end(), [&](const Sorted& a, const Sorted& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    const int c = tail(entries_buffered_[a.index]).compare(tail(entries_buffered_[b.index]));
    return c != 0 ? c < 0 : a.index < b.index;
  });
  const std::string path = shared_.dir + "/spool" + std::to_string(shared_.files++) + ".sst";
  auto file = store_.NewSortedFile(family_, path);
  for (size_t j = 0; j < order.size(); ++j) {
    if (j + 1 < order.size() && same_key(order[j], order[j + 1])) continue;
    const Entry& e = entries_buffered_[order[j].index];
    std::string_view bytes = std::string_view(arena_).substr(e.offset, e.key_size + e.value_size);
    file->Add(bytes.substr(0, e.key_size), bytes.substr(e.key_size));
  }
  if (file->Finish()) {
    std::lock_guard<std::mutex> lock(shared_.ingest);
    store_.IngestSorted(family_, {path});
  }
  arena_.clear();
  entries_buffered_.clear();
  group_ids_.clear();
  groups_.clear();
}

void HolderBlocks::Add(std::string_view name, std::string_view id, std::string_view region) {
  auto it = pending_.find(name);
  if (it == pending_.end()) it = pending_.emplace(std::string(name), Block{}).first;
  Block& block = it->second;
  if (block.count > 0 && block.last_id == id) return;  // a holder named twice on one record
  assert((block.count == 0 || block.last_id < id) && "REQUIRES: ids in ascending order");
  if (block.count == 0) block.first_id.assign(id);
  block.last_id.assign(id);
  const size_t before = block.bytes.size();
  store::AppendHolderEntry(block.bytes, id, region);
  pending_bytes_ += block.bytes.size() - before;
  ++block.count;
  ++entries_;
  if (block.count == store::kHolderBlockEntries) Emit(it->first, block);
  if (pending_bytes_ > budget_) {
    Finish();
    pending_.clear();
  }
}

void HolderBlocks::Finish() {
  for (auto& [name, block] : pending_) Emit(name, block);
}

void HolderBlocks::Emit(const std::string& name, Block& block) {
  if (block.count == 0) return;
  // The key begins with the holder's prefix, which all of the holder's blocks share.
  spool_.Add(store::HolderKey(name, block.first_id), block.bytes, store::HolderPrefix(name).size());
  pending_bytes_ -= block.bytes.size();
  block.bytes.clear();
  block.count = 0;
}

}  // namespace hvpat::pipeline
