// Sorted runs: the parallel stage's output, each chunk sorted by (id, input position),
// gathered in input order until the memory budget is reached, then merged, the last
// occurrence of each id kept, and written once: stored values as sorted files bulk-loaded into `patents`, the
// records' facts into per-partition sections (kept in memory for the last run, spilled to
// files beside the database otherwise). Partitions are id ranges, the same for every run,
// so finalize merges partition p of every run on its own thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hvpat/base/bytes.h"
#include "hvpat/base/huge_pages.h"
#include "hvpat/store/store.h"

namespace hvpat::pipeline {

// What the parallel stage made of one chunk: each valid record's stored value and facts.
struct Staged {
  // Each record's stored value, then its facts, back to back. Huge pages: a run buffer is
  // hundreds of MiB, touched once (base/huge_pages.h); in one buffer the facts share them
  // (apart, a chunk's facts, about 1.3 MB, were under a huge page and took a page fault
  // per 4 KiB: 25,000 at 1M records).
  base::HugeBytes data;
  struct Item {
    base::KeyPrefix prefix;  // of the record's id
    uint32_t value_end;      // the value runs from the last item's facts_end to here,
    uint32_t facts_end;      // then the facts to here
  };
  base::HugeVector<Item> items;

  void Clear() {
    data.clear();
    items.clear();
  }
  size_t bytes() const { return data.size() + items.size() * sizeof(Item); }
  // Appends a record; `facts` encoded by EncodeFacts.
  void Add(std::string_view value, std::string_view facts);
  // Replaces `out` with these items in (id, input order) order, their bytes with them:
  // done in the parallel stage, so that a run is written by merging its chunks, each
  // read front to back, instead of gathering records from all over the run buffer.
  void SortInto(Staged& out) const;
};

class RunSet {
 public:
  // Files go to `work_dir`, which must exist; `partitions` >= 1.
  RunSet(store::Store& store, std::string work_dir, size_t partitions);

  // Takes a chunk's output (left empty) in input order.
  void Add(Staged& staged);
  size_t buffered_bytes() const { return buffered_bytes_; }
  // Sorts and writes the buffered records as one run; `spill`: its facts go to files.
  void Flush(bool spill);

  size_t partitions() const { return splits_.size() + 1; }
  size_t runs() const { return runs_.size(); }
  uint64_t replaced_within_runs() const { return replaced_; }
  uint64_t spilled_bytes() const { return spilled_bytes_; }
  uint64_t value_bytes() const { return value_bytes_; }

  // Reads partition `p` of every run as one stream in id order: for each id, the facts of
  // its last occurrence, with how many earlier occurrences it replaced. Not thread-safe;
  // one cursor per thread.
  class Cursor {
   public:
    Cursor(const RunSet& set, size_t partition);
    ~Cursor();
    // The next id's winning facts (bytes valid until the next call), or nullopt at the end.
    std::optional<std::string_view> Next(uint64_t& replaced);

   private:
    struct Source;
    std::vector<std::unique_ptr<Source>> sources_;
    std::string current_;
  };

 private:
  struct Run {
    std::vector<base::HugeBytes> memory;  // per partition: in-memory facts section
    std::vector<std::string> files;       // per partition: spill file ("" when empty or in memory)
  };
  void ChooseSplits();
  // Merges the chunks' items of partition `p`, writes the winners; returns the
  // occurrences they replaced.
  uint64_t WritePartition(size_t p, bool spill, Run& run, std::string& sst);
  void SpillSection(const std::string& path, Run& run, size_t p);

  store::Store& store_;
  std::string work_dir_;
  size_t wanted_partitions_;
  std::vector<std::string> splits_;  // partition p holds ids in [splits_[p-1], splits_[p])
  bool splits_chosen_ = false;
  std::vector<Staged> chunks_;
  size_t buffered_bytes_ = 0;
  std::vector<Run> runs_;
  uint64_t replaced_ = 0;
  std::atomic<uint64_t> spilled_bytes_{0};
  std::atomic<uint64_t> value_bytes_{0};
};

}  // namespace hvpat::pipeline
