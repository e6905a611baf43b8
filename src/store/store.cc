// RocksDB: the only file that includes it. Bulk-load settings for ingest (no WAL: a run
// builds a fresh directory that is published only when complete), read-only for queries.
#include "hvpat/store/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/memtablerep.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <cassert>

#include "hvpat/base/error.h"
#include "hvpat/store/layout.h"
#include "hvpat/store/schema.h"

namespace hvpat::store {
namespace {

const std::vector<std::string>& FamilyNames() {
  static const std::vector<std::string> names = {rocksdb::kDefaultColumnFamilyName,
                                                 kPatentsFamily,
                                                 kTalliesFamily,
                                                 kHolderRankFamily,
                                                 kHolderFamily,
                                                 kStagedTallyFamily};
  return names;
}

void Check(const rocksdb::Status& status, const std::string& what) {
  if (!status.ok()) throw Error(ErrorKind::kStore, what + ": " + status.ToString());
}

// Sums staged_tally values, so finalize adds to a holder's figures, or to a pledge tally,
// without holding them.
class AddStagedValuesOperator : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& key, const rocksdb::Slice* existing, const rocksdb::Slice& value,
             std::string* new_value, rocksdb::Logger*) const override {
    if (!existing) {
      new_value->assign(value.data(), value.size());
      return true;
    }
    auto sum =
        AddStagedValues(std::string_view(key.data(), key.size()), std::string_view(existing->data(), existing->size()),
                        std::string_view(value.data(), value.size()));
    if (!sum) return false;
    *new_value = std::move(*sum);
    return true;
  }
  const char* Name() const override { return "hvpat.AddStagedValues"; }
};

// A query's block cache: index, filter and data blocks of the tables it reads.
constexpr size_t kQueryCacheBytes = 64 << 20;

// `cache`: when set, index and filter blocks are kept in it rather than beside every open
// table, so the memory they take is bounded however many files a large ingest writes.
rocksdb::ColumnFamilyOptions FamilyOptions(const std::string& name, size_t memtable_bytes = 64 << 20,
                                           const std::shared_ptr<rocksdb::Cache>& cache = nullptr) {
  rocksdb::ColumnFamilyOptions options;
  options.compression = rocksdb::kLZ4Compression;
  options.write_buffer_size = memtable_bytes;
  rocksdb::BlockBasedTableOptions table;
  // Bloom filters where a lookup may miss: a patent id, a meta key. Tallies are read by
  // keys that exist and by prefix scans: a filter over their million keys (mostly
  // pledge tallies) would only be read in whole by each query that opens the file.
  if (name == kPatentsFamily || name == rocksdb::kDefaultColumnFamilyName) {
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  }
  // A query reads a family's whole index block before its first key: with 4 KiB blocks,
  // the 17 MB tallies file of 10M records has a 230 KB index, several times the bytes of
  // the keys `count` or `report` read. 64 KiB blocks cut it sixteenfold; a query reads a
  // few of them whole either way.
  if (name == kTalliesFamily || name == kHolderRankFamily) table.block_size = 64 << 10;
  if (cache) {
    table.block_cache = cache;
    table.cache_index_and_filter_blocks = true;
  }
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

}  // namespace

struct Store::Impl {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::WriteBatch batch;
  size_t batch_bytes = 0;
  bool compact = false;
  bool read_only = false;
  std::string dir;

  ~Impl() {
    for (auto* handle : handles) {
      if (handle && db) db->DestroyColumnFamilyHandle(handle);
    }
  }
  std::vector<bool> unopened;  // families a read-only open left out on request
  // nullptr for a family the database does not have (read as empty).
  rocksdb::ColumnFamilyHandle* Handle(Family family) const {
    const auto i = static_cast<size_t>(family);
    if (i < unopened.size() && unopened[i]) {
      throw Error(ErrorKind::kStore, "column family " + FamilyNames()[i] + " of " + dir + " was not opened");
    }
    return handles.at(i);
  }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() {
  if (impl_ && !impl_->read_only && impl_->db) {
    if (impl_->batch.Count() > 0) (void)impl_->db->Write(rocksdb::WriteOptions(), &impl_->batch);
  }
}

std::unique_ptr<Store> Store::Create(const std::string& dir, const WriteOptions& write) {
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.error_if_exists = true;
  options.create_missing_column_families = true;
  options.db_write_buffer_size = write.memtable_budget;
  options.max_background_jobs = 2;
  options.IncreaseParallelism(2);
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  // Ingest only writes each family and reads one (stage) after sealing it: an unsorted
  // vector memtable appends in O(1) where the default skiplist pays a sorted insert per
  // key, and background compaction would only rewrite data that is read once or never
  // rewritten again. Sorting happens once, when a memtable is flushed.
  options.allow_concurrent_memtable_write = false;
  auto cache = rocksdb::NewLRUCache(write.cache_bytes);
  for (const auto& name : FamilyNames()) {
    auto cf = FamilyOptions(name, write.memtable_bytes, cache);
    if (name == kStagedTallyFamily) cf.compression = rocksdb::kNoCompression;
    if (name == kStagedTallyFamily) cf.merge_operator = std::make_shared<AddStagedValuesOperator>();
    cf.memtable_factory = std::make_shared<rocksdb::VectorRepFactory>();
    cf.disable_auto_compactions = true;
    cf.level0_slowdown_writes_trigger = 1 << 20;
    cf.level0_stop_writes_trigger = 1 << 20;
    families.emplace_back(name, cf);
  }
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  rocksdb::DB* db = nullptr;
  Check(rocksdb::DB::Open(options, dir, families, &impl->handles, &db), "cannot create database " + dir);
  impl->db.reset(db);
  impl->batch_bytes = write.batch_bytes;
  impl->compact = write.compact;
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

std::unique_ptr<Store> Store::OpenReadOnly(const std::string& database) {
  return OpenReadOnly(database,
                      {Family::kPatents, Family::kTallies, Family::kHolderRank, Family::kHolder, Family::kStagedTally});
}

std::unique_ptr<Store> Store::OpenReadOnly(const std::string& database, std::initializer_list<Family> only) {
  // A database directory reads its published snapshot; a snapshot's directory, itself.
  const std::string dir =
      layout::Inspect(database) == layout::DirState::kDatabase ? layout::SnapshotPath(database) : database;
  rocksdb::DBOptions options;
  options.max_open_files = 64;
  // A query touches a handful of keys: don't read every table's statistics or size at open.
  options.skip_stats_update_on_db_open = true;
  options.skip_checking_sst_file_sizes_on_db_open = true;
  // RocksDB opens each family's table files on up to 16 new threads by default: some 80
  // thread starts for a command that reads a handful of keys.
  options.max_file_opening_threads = 1;
  std::vector<std::string> existing;
  auto listed = rocksdb::DB::ListColumnFamilies(options, dir, &existing);
  if (!listed.ok()) {
    throw Error(ErrorKind::kStore,
                "cannot open database " + dir + ": not an hvpat database (" + listed.ToString() + ")");
  }
  // RocksDB opens up to 16 table files when it opens a database; without a block cache
  // for their index and filter blocks, it reads those blocks whole into each table
  // reader then (over a megabyte for 1M patents), whether the command reads that family
  // or not. In the cache they are read on a table's first lookup instead.
  // One shard: a query reads on one thread, and a block larger than a shard's share of
  // the cache (the index of a large file) would be dropped as soon as it is read, then
  // read again by the lookup that wanted it.
  auto cache = rocksdb::NewLRUCache(kQueryCacheBytes, /*num_shard_bits=*/0);
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& name : FamilyNames()) {
    families.emplace_back(name, FamilyOptions(name, 64 << 20, cache));
  }
  // Open what exists (the staging family is dropped at the end of ingest) of what the
  // command reads: each family opened costs its setup and the opening of its tables.
  std::vector<rocksdb::ColumnFamilyDescriptor> present;
  std::vector<size_t> slots;
  std::vector<bool> unopened(families.size());
  for (size_t i = 0; i < families.size(); ++i) {
    unopened[i] = i != static_cast<size_t>(Family::kMeta) &&
                  std::find(only.begin(), only.end(), static_cast<Family>(i)) == only.end();
    if (!unopened[i] && std::find(existing.begin(), existing.end(), families[i].name) != existing.end()) {
      present.push_back(families[i]);
      slots.push_back(i);
    }
  }
  auto impl = std::make_unique<Impl>();
  impl->read_only = true;
  impl->dir = dir;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  Check(rocksdb::DB::OpenForReadOnly(options, dir, present, &handles, &db), "cannot open database " + dir);
  impl->db.reset(db);
  impl->handles.assign(families.size(), nullptr);
  for (size_t i = 0; i < slots.size(); ++i) impl->handles[slots[i]] = handles[i];
  impl->unopened = std::move(unopened);
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

void Store::Put(Family family, std::string_view key, std::string_view value) {
  Check(impl_->batch.Put(impl_->Handle(family), rocksdb::Slice(key.data(), key.size()),
                         rocksdb::Slice(value.data(), value.size())),
        "write batch");
  if (impl_->batch.GetDataSize() >= impl_->batch_bytes) Flush();
}

struct Store::Batch::Impl {
  rocksdb::WriteBatch batch;
};

Store::Batch::Batch() : impl_(std::make_unique<Impl>()) {}
Store::Batch::~Batch() = default;
Store::Batch::Batch(Batch&&) noexcept = default;
Store::Batch& Store::Batch::operator=(Batch&&) noexcept = default;

void Store::Batch::Put(const Store& store, Family family, std::string_view key, std::string_view value) {
  Check(impl_->batch.Put(store.impl_->Handle(family), rocksdb::Slice(key.data(), key.size()),
                         rocksdb::Slice(value.data(), value.size())),
        "write batch");
}

void Store::Batch::Merge(const Store& store, Family family, std::string_view key, std::string_view value) {
  Check(impl_->batch.Merge(store.impl_->Handle(family), rocksdb::Slice(key.data(), key.size()),
                           rocksdb::Slice(value.data(), value.size())),
        "write batch");
}

void Store::Batch::Clear() { impl_->batch.Clear(); }
size_t Store::Batch::bytes() const { return impl_->batch.GetDataSize(); }

void Store::Write(Batch& batch) {
  Flush();  // keep the order of writes
  if (batch.impl_->batch.Count() == 0) return;
  rocksdb::WriteOptions options;
  options.disableWAL = true;
  Check(impl_->db->Write(options, &batch.impl_->batch), "write to " + impl_->dir);
  batch.Clear();
}

void Store::WriteConcurrent(Batch& batch) const {
  if (batch.impl_->batch.Count() == 0) return;
  rocksdb::WriteOptions options;
  options.disableWAL = true;
  Check(impl_->db->Write(options, &batch.impl_->batch), "write to " + impl_->dir);
  batch.Clear();
}

struct Store::SortedFile::Impl {
  Impl(const rocksdb::Options& options, std::string file)
      : writer(rocksdb::EnvOptions(), options), path(std::move(file)) {}
  rocksdb::SstFileWriter writer;
  std::string path;
  bool any = false;
#ifndef NDEBUG
  std::string last_key;  // for the assert of Add's REQUIRES
#endif
};

Store::SortedFile::SortedFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::SortedFile::~SortedFile() = default;

void Store::SortedFile::Add(std::string_view key, std::string_view value) {
  assert((!impl_->any || key > impl_->last_key) && "SortedFile::Add: keys must ascend");
#ifndef NDEBUG
  impl_->last_key.assign(key);
#endif
  Check(impl_->writer.Put(rocksdb::Slice(key.data(), key.size()), rocksdb::Slice(value.data(), value.size())),
        "write " + impl_->path);
  impl_->any = true;
}

bool Store::SortedFile::Finish() {
  if (!impl_->any) return false;
  Check(impl_->writer.Finish(), "write " + impl_->path);
  return true;
}

const std::string& Store::SortedFile::path() const { return impl_->path; }

std::unique_ptr<Store::SortedFile> Store::NewSortedFile(Family family, const std::string& path) const {
  auto* handle = impl_->Handle(family);
  rocksdb::ColumnFamilyDescriptor descriptor;
  Check(handle->GetDescriptor(&descriptor), "describe " + impl_->dir);
  rocksdb::Options options(impl_->db->GetDBOptions(), descriptor.options);
  auto impl = std::make_unique<SortedFile::Impl>(options, path);
  Check(impl->writer.Open(path), "create " + path);
  return std::unique_ptr<SortedFile>(new SortedFile(std::move(impl)));
}

void Store::IngestSorted(Family family, const std::vector<std::string>& paths) {
  if (paths.empty()) return;
  Flush();
  rocksdb::IngestExternalFileOptions options;
  options.move_files = true;
  options.snapshot_consistency = false;
  Check(impl_->db->IngestExternalFile(impl_->Handle(family), paths, options), "bulk load into " + impl_->dir);
}

void Store::Merge(Family family, std::string_view key, std::string_view value) {
  Check(impl_->batch.Merge(impl_->Handle(family), rocksdb::Slice(key.data(), key.size()),
                           rocksdb::Slice(value.data(), value.size())),
        "write batch");
  if (impl_->batch.GetDataSize() >= impl_->batch_bytes) Flush();
}

void Store::Flush() {
  if (impl_->batch.Count() == 0) return;
  rocksdb::WriteOptions options;
  options.disableWAL = true;
  Check(impl_->db->Write(options, &impl_->batch), "write to " + impl_->dir);
  impl_->batch.Clear();
}

std::optional<std::string> Store::Get(Family family, std::string_view key) const {
  auto* handle = impl_->Handle(family);
  if (!handle) return std::nullopt;
  std::string value;
  auto status = impl_->db->Get(rocksdb::ReadOptions(), handle, rocksdb::Slice(key.data(), key.size()), &value);
  if (status.IsNotFound()) return std::nullopt;
  Check(status, "read from " + impl_->dir);
  return value;
}

void Store::Scan(Family family, std::string_view prefix,
                 const std::function<bool(std::string_view, std::string_view)>& each) const {
  auto* handle = impl_->Handle(family);
  if (!handle) return;
  rocksdb::ReadOptions options;
  // Automatic readahead (growing to 256 KiB per table): a fixed 2 MiB buffer per open
  // table added up to hundreds of MiB over the stage's many L0 files.
  options.readahead_size = 0;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(options, handle));
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (key.substr(0, prefix.size()) != prefix) break;
    if (!each(key, std::string_view(it->value().data(), it->value().size()))) break;
  }
  Check(it->status(), "scan of " + impl_->dir);
}

namespace {
class RocksCursor : public Store::Cursor {
 public:
  RocksCursor(rocksdb::Iterator* it, std::string dir) : it_(it), dir_(std::move(dir)) {
    it_->SeekToFirst();
    Check();
  }
  bool Valid() const override { return it_->Valid(); }
  std::string_view key() const override { return {it_->key().data(), it_->key().size()}; }
  std::string_view value() const override { return {it_->value().data(), it_->value().size()}; }
  void Next() override {
    it_->Next();
    Check();
  }

 private:
  void Check() {
    if (!it_->Valid() && !it_->status().ok()) {
      throw Error(ErrorKind::kStore, "scan of " + dir_ + ": " + it_->status().ToString());
    }
  }
  std::unique_ptr<rocksdb::Iterator> it_;
  std::string dir_;
};
}  // namespace

std::unique_ptr<Store::Cursor> Store::NewCursor(Family family) const {
  rocksdb::ReadOptions options;
  options.readahead_size = 2 << 20;  // one long sequential scan
  return std::make_unique<RocksCursor>(impl_->db->NewIterator(options, impl_->Handle(family)), impl_->dir);
}

void Store::Seal(Family family) {
  Flush();
  Check(impl_->db->Flush(rocksdb::FlushOptions(), impl_->Handle(family)), "flush " + impl_->dir);
}

void Store::FinishIngest() {
  Flush();
  for (Family family : {Family::kStagedTally}) {
    auto& handle = impl_->handles[static_cast<size_t>(family)];
    Check(impl_->db->DropColumnFamily(handle), "drop staging data");
    Check(impl_->db->DestroyColumnFamilyHandle(handle), "drop staging data");
    handle = nullptr;
  }
  rocksdb::FlushOptions flush;
  for (auto* handle : impl_->handles) {
    if (handle) Check(impl_->db->Flush(flush, handle), "flush " + impl_->dir);
  }
  // The small families are read by prefix scans: one sorted run each (all, on request).
  std::vector<Family> to_compact{Family::kMeta, Family::kTallies, Family::kHolderRank};
  if (impl_->compact) to_compact.insert(to_compact.end(), {Family::kPatents, Family::kHolder});
  for (Family family : to_compact) {
    Check(impl_->db->CompactRange(rocksdb::CompactRangeOptions(), impl_->Handle(family), nullptr, nullptr),
          "compact " + impl_->dir);
  }
}

}  // namespace hvpat::store
