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

  void Add(std::string_view key, std::string_view value);
  // Sorts what is buffered and bulk-loads it.
  void Flush();
  uint64_t entries() const { return entries_; }

 private:
  store::Store& store_;
  store::Store::Family family_;
  Shared& shared_;
  size_t budget_;
  std::string arena_;
  std::vector<std::pair<uint32_t, uint32_t>> keys_;  // (offset of key in arena_, key size); value follows it
  std::vector<uint32_t> value_sizes_;
  uint64_t entries_ = 0;
};

}  // namespace hvpat::pipeline
