// The RocksDB database of one run: written once by ingest, then read by the queries.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hvpat::store {

// Options for the bulk write of an ingest run.
struct WriteOptions {
  size_t batch_bytes = 8 << 20;       // a write batch is committed past this size
  size_t memtable_budget = 64 << 20;  // all column families' memtables together
  size_t memtable_bytes = 16 << 20;   // one memtable: larger ones mean fewer, larger L0 files
  size_t cache_bytes = 64 << 20;      // block cache, holding index and filter blocks too
  bool compact = false;               // compact every family at the end: slower ingest, one
                                      // sorted run per family for queries
};

// A database handle. Writes go through batches committed by Flush or when large;
// not thread-safe for writes (one writer, the pipeline's serial stages); reads from a
// read-only handle may be shared.
class Store {
 public:
  // Creates a new, empty database at `dir` (which must not exist) for writing.
  static std::unique_ptr<Store> Create(const std::string& dir, const WriteOptions& options = {});
  // Opens read-only the published snapshot of the database at `dir` (store/layout.h), or
  // the snapshot whose directory `dir` is. Throws Error(kStore) when absent or unreadable.
  static std::unique_ptr<Store> OpenReadOnly(const std::string& dir);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  enum class Family : uint8_t { kMeta, kPatents, kTallies, kHolderRank, kHolder, kStagedTally };
  // The same, opening only meta and the families in `only`: reading another one throws
  // Error(kStore).
  static std::unique_ptr<Store> OpenReadOnly(const std::string& dir, std::initializer_list<Family> only);

  // Buffered write; committed by Flush() or when the batch is large.
  void Put(Family family, std::string_view key, std::string_view value);
  // Buffered addition to a staged_tally value (see schema.h).
  void Merge(Family family, std::string_view key, std::string_view value);
  void Flush();

  // Writes gathered apart from the store (in the pipeline's parallel stage, one per
  // chunk) and committed with Write. A batch may be filled on any thread; one batch is
  // not shared between threads.
  class Batch {
   public:
    Batch();
    ~Batch();
    Batch(Batch&&) noexcept;
    Batch& operator=(Batch&&) noexcept;
    void Put(const Store& store, Family family, std::string_view key, std::string_view value);
    void Merge(const Store& store, Family family, std::string_view key, std::string_view value);
    void Clear();
    size_t bytes() const;

   private:
    friend class Store;
    struct Impl;
    std::unique_ptr<Impl> impl_;
  };
  // Commits `batch` (which is left empty).
  void Write(Batch& batch);
  // Commits `batch` from any thread; unordered with respect to Put, Merge and Write.
  void WriteConcurrent(Batch& batch) const;

  // Bulk load (RocksDB's SstFileWriter and IngestExternalFile): one family's entries in
  // strictly ascending key order, written to a file on any thread, then ingested. One
  // file is not shared between threads.
  class SortedFile {
   public:
    ~SortedFile();
    SortedFile(const SortedFile&) = delete;
    SortedFile& operator=(const SortedFile&) = delete;
    // REQUIRES: key greater than every key added before.
    void Add(std::string_view key, std::string_view value);
    // Completes the file; false when it holds no entry (then there is no file).
    [[nodiscard]] bool Finish();
    const std::string& path() const;

   private:
    friend class Store;
    struct Impl;
    explicit SortedFile(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
  };
  std::unique_ptr<SortedFile> NewSortedFile(Family family, const std::string& path) const;
  // Moves finished files of `family`, whose key ranges do not overlap one another, into
  // the database. Their entries win over entries of earlier writes and ingests.
  void IngestSorted(Family family, const std::vector<std::string>& paths);

  [[nodiscard]] std::optional<std::string> Get(Family family, std::string_view key) const;
  // Visits the keys that begin with `prefix`, in key order, until `each` returns false.
  void Scan(Family family, std::string_view prefix,
            const std::function<bool(std::string_view key, std::string_view value)>& each) const;

  // Walks one family in key order (a merge of two stores' scans needs both open at once).
  class Cursor {
   public:
    virtual ~Cursor() = default;
    virtual bool Valid() const = 0;
    virtual std::string_view key() const = 0;
    virtual std::string_view value() const = 0;
    virtual void Next() = 0;
  };
  // Positioned at the first key; throws Error(kStore) when the scan fails.
  std::unique_ptr<Cursor> NewCursor(Family family) const;

  // Commits pending writes and flushes a family's memtable, so that it can be scanned
  // (the ingest memtables are write-optimised and unsorted).
  void Seal(Family family);

  // Drops the ingest-only column families (staged_tally), flushes, and compacts
  // the small families (end of ingest).
  void FinishIngest();

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hvpat::store
