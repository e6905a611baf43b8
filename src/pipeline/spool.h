// A bounded buffer of one family's entries that reach the store as sorted files: entries
// are gathered in any order, sorted when the buffer is full or closed, written with
// SstFileWriter and ingested. Files from several spools (or several flushes) may overlap:
// each is ingested by its own call, and later files win for equal keys. One spool per
// thread; the ingest calls of all spools are serialised by a shared mutex.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "hvpat/base/huge_pages.h"
#include "hvpat/base/string_map.h"
#include "hvpat/store/store.h"

namespace hvpat::pipeline {

class Spool {
 public:
  struct Shared {
    std::mutex ingest;
    std::atomic<uint64_t> files{0};
    std::string dir;  // where the files are written before they are moved in
  };
  Spool(store::Store& store, store::Store::Family family, Shared& shared, size_t budget_bytes);

  // `group_bytes`: how many of the key's first bytes many keys share (a holder's name in
  // the holder index). Keys are then sorted by the rank of that group among the spool's
  // groups, and by the rest: a long shared beginning is compared once per group when the
  // buffer is sorted, not in every comparison. The order written is the keys' byte
  // order either way.
  void Add(std::string_view key, std::string_view value, size_t group_bytes = 0);
  // Sorts what is buffered and bulk-loads it.
  void Flush();
  uint64_t entries() const { return entries_; }

 private:
  struct Entry {
    uint32_t offset;  // of the key in arena_; the value follows it
    uint32_t key_size;
    uint32_t value_size;
    uint32_t group_size;
    uint32_t group;  // index in groups_
  };
  std::vector<uint32_t> GroupRanks() const;

  store::Store& store_;
  store::Store::Family family_;
  Shared& shared_;
  size_t budget_;
  base::HugeBytes arena_;                     // up to the budget, reused by every flush (base/huge_pages.h)
  base::HugeVector<Entry> entries_buffered_;  // likewise: a million entries at 1M records
  base::StringMap<uint32_t> group_ids_;
  std::vector<std::string_view> groups_;  // by index; views of group_ids_'s keys (stable nodes)
  uint64_t entries_ = 0;
};

// The holder index (store/schema.h): a block per kHolderBlockEntries of a holder's
// patents, written through a Spool. Ids must come in ascending order (a finalize
// partition yields its winners so), so each holder's block fills in id order. A block goes
// to the spool when it is full, at Finish(), and, with every other pending block, when the
// pending blocks outgrow their budget (many holders with few patents each): a holder's
// blocks then cover shorter ranges, still disjoint.
class HolderBlocks {
 public:
  HolderBlocks(Spool& spool, size_t budget_bytes) : spool_(spool), budget_(budget_bytes) {}
  void Add(std::string_view name, std::string_view id, std::string_view region);
  // Hands every pending block to the spool (which the caller flushes).
  void Finish();
  uint64_t entries() const { return entries_; }  // (holder, patent) pairs added

 private:
  struct Block {
    std::string first_id;
    std::string last_id;
    std::string bytes;
    size_t count = 0;
  };
  void Emit(const std::string& name, Block& block);

  Spool& spool_;
  size_t budget_;
  base::StringMap<Block> pending_;
  size_t pending_bytes_ = 0;
  uint64_t entries_ = 0;
};

}  // namespace hvpat::pipeline
