// The store handle: buffered writes, scans, the holder-figure merge operator, bulk loads
// of sorted files, and the refusal of a database of another schema version.
#include "hvpat/store/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "hvpat/base/error.h"
#include "hvpat/query/query.h"
#include "hvpat/store/layout.h"
#include "hvpat/store/schema.h"
#include "support/cli_runner.h"

namespace hvpat::store {
namespace {

using testing::RunCli;
using testing::TempDir;
using Family = Store::Family;
namespace fs = std::filesystem;

std::vector<std::string> ScanKeys(const Store& store, Family family, std::string_view prefix) {
  std::vector<std::string> keys;
  store.Scan(family, prefix, [&](std::string_view key, std::string_view) {
    keys.emplace_back(key);
    return true;
  });
  return keys;
}

TEST(StoreTest, ScanVisitsThePrefixInKeyOrderAndStopsWhenAsked) {
  TempDir dir;
  {
    auto store = Store::Create(dir / "db");
    for (const char* key : {"b2", "a1", "b1", "c1", "b10"}) store->Put(Family::kTallies, key, "v");
    store->Seal(Family::kTallies);
    EXPECT_EQ(ScanKeys(*store, Family::kTallies, "b"), (std::vector<std::string>{"b1", "b10", "b2"}));
    int seen = 0;
    store->Scan(Family::kTallies, "", [&](std::string_view, std::string_view) { return ++seen < 2; });
    EXPECT_EQ(seen, 2);
  }
  auto read = Store::OpenReadOnly(dir / "db");
  EXPECT_EQ(read->Get(Family::kTallies, "c1"), "v");
  EXPECT_FALSE(read->Get(Family::kTallies, "c").has_value());
}

TEST(StoreTest, MergeOperatorSumsHolderFigures) {
  TempDir dir;
  auto store = Store::Create(dir / "db");
  HolderFigures one;
  one.high_value = 1;
  one.valid = 2;
  one.by_rule[0] = 1;
  HolderFigures two;
  two.high_value = 3;
  two.valid = 4;
  two.by_rule[4] = 2;
  const std::string key = HolderTallyKey(*base::Date::ParseIso("2025-12-31"), "N", "甲");
  store->Merge(Family::kStagedTally, key, EncodeHolderValue(one));
  store->Merge(Family::kStagedTally, key, EncodeHolderValue(two));
  store->Flush();
  store->Merge(Family::kStagedTally, key, EncodeHolderValue(one));
  store->Seal(Family::kStagedTally);
  auto value = store->Get(Family::kStagedTally, key);
  ASSERT_TRUE(value.has_value());
  auto tally = DecodeHolderTally(key, *value);
  ASSERT_TRUE(tally.has_value());
  EXPECT_EQ(tally->figures.high_value, 5u);
  EXPECT_EQ(tally->figures.valid, 8u);
  EXPECT_EQ(tally->figures.by_rule, (std::array<uint64_t, model::kRuleCount>{2, 0, 0, 0, 2}));
}

TEST(StoreTest, SortedFilesAreIngestedAndLaterOnesWin) {
  TempDir dir;
  auto store = Store::Create(dir / "db");
  store->Put(Family::kPatents, "CN1B", "written");
  store->Flush();
  auto first = store->NewSortedFile(Family::kPatents, dir / "one.sst");
  first->Add("CN1B", "first");
  first->Add("CN2B", "first");
  ASSERT_TRUE(first->Finish());
  store->IngestSorted(Family::kPatents, {first->path()});
  auto second = store->NewSortedFile(Family::kPatents, dir / "two.sst");
  second->Add("CN2B", "second");
  second->Add("CN3B", "second");
  ASSERT_TRUE(second->Finish());
  store->IngestSorted(Family::kPatents, {second->path()});
  EXPECT_EQ(store->Get(Family::kPatents, "CN1B"), "first");
  EXPECT_EQ(store->Get(Family::kPatents, "CN2B"), "second");
  EXPECT_EQ(store->Get(Family::kPatents, "CN3B"), "second");
  auto empty = store->NewSortedFile(Family::kPatents, dir / "empty.sst");
  EXPECT_FALSE(empty->Finish());
}

TEST(StoreTest, ADatabaseOfAnotherSchemaVersionIsRefused) {
  TempDir dir;
  // A database as store/layout.h lays it out, whose published snapshot is of version 2
  // (one holder index key per patent, before the blocks of version 3).
  fs::create_directories(fs::path(dir / "db") / "snapshots");
  std::ofstream(dir / "db/HVPAT") << "hvpat\n";
  {
    auto store = Store::Create(dir / "db/snapshots/old");
    store->Put(Family::kMeta, kMetaSchema, "2");
    store->Put(Family::kMeta, kMetaAsOf, "2025-12-31");
    store->FinishIngest();
  }
  fs::create_symlink("snapshots/old", dir / "db/current");
  auto store = Store::OpenReadOnly(dir / "db");
  try {
    (void)query::ReadRunInfo(*store);
    FAIL() << "a version-2 database was read";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "the database has schema version 2, this hvpat reads version 4: rebuild it with hvpat ingest");
  }
  auto result = RunCli({"count", "--db", dir / "db"});
  EXPECT_EQ(result.status, 3);
  EXPECT_NE(result.err.find("schema version 2"), std::string::npos) << result.err;
}

// ----- prefix scans, binary keys, cursors ----------------------------------

std::vector<std::string> ScanPrefix(const Store& store, std::string_view prefix) {
  std::vector<std::string> keys;
  store.Scan(Family::kTallies, prefix, [&](std::string_view key, std::string_view value) {
    EXPECT_EQ(value, "v" + std::string(key));
    keys.emplace_back(key);
    return true;
  });
  return keys;
}

std::unique_ptr<Store> WithKeys(const TempDir& dir, const std::vector<std::string>& keys) {
  auto store = Store::Create(dir / "db");
  for (const auto& key : keys) store->Put(Family::kTallies, key, "v" + key);
  store->Seal(Family::kTallies);
  return store;
}

TEST(StoreTest, ScanVisitsExactlyTheKeysOfThePrefixInByteOrder) {
  TempDir dir;
  auto store = WithKeys(dir, {"a1", "b1", "b10", "b2", "b3", "c1"});
  EXPECT_EQ(ScanPrefix(*store, "b"), (std::vector<std::string>{"b1", "b10", "b2", "b3"}));
  EXPECT_EQ(ScanPrefix(*store, ""), (std::vector<std::string>{"a1", "b1", "b10", "b2", "b3", "c1"}));
  EXPECT_EQ(ScanPrefix(*store, "d"), (std::vector<std::string>{}));
  EXPECT_EQ(ScanPrefix(*store, "b1"), (std::vector<std::string>{"b1", "b10"}));
}

// staged_tally and holder keys hold 0x00 separators, names any bytes >= 0x80.
TEST(StoreTest, ScanComparesKeysAsBytes) {
  TempDir dir;
  const std::string nul(1, '\0');
  auto store = WithKeys(dir, {"b", "b" + nul + "x", "b" + nul + "y", "b\x01", "b\xE7\x94\xB2", "b\xFF"});
  EXPECT_EQ(ScanPrefix(*store, "b" + nul), (std::vector<std::string>{"b" + nul + "x", "b" + nul + "y"}));
  EXPECT_EQ(ScanPrefix(*store, "b\xE7"), (std::vector<std::string>{"b\xE7\x94\xB2"}));
  // Unsigned order: 0x00 < 0x01 < 0xE7 < 0xFF, and "b" itself first.
  EXPECT_EQ(ScanPrefix(*store, "b"),
            (std::vector<std::string>{"b", "b" + nul + "x", "b" + nul + "y", "b\x01", "b\xE7\x94\xB2", "b\xFF"}));
}

TEST(StoreTest, CursorWalksOneFamilyInKeyOrder) {
  TempDir dir;
  auto store = WithKeys(dir, {"k3", "k1", "k2"});
  store->Put(Family::kPatents, "CN1B", "other family");
  store->Seal(Family::kPatents);
  auto cursor = store->NewCursor(Family::kTallies);
  std::vector<std::pair<std::string, std::string>> seen;
  for (; cursor->Valid(); cursor->Next()) seen.emplace_back(cursor->key(), cursor->value());
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, std::string>>{{"k1", "vk1"}, {"k2", "vk2"}, {"k3", "vk3"}}));
  EXPECT_FALSE(store->NewCursor(Family::kHolder)->Valid());  // an empty family
}

// ----- buffered writes and batches -----------------------------------------------------

TEST(StoreTest, PutIsInvisibleUntilFlushedUnlessTheBatchIsLarge) {
  TempDir dir;
  auto store = Store::Create(dir / "db");  // batch_bytes 8 MiB
  store->Put(Family::kPatents, "CN1B", "one");
  EXPECT_FALSE(store->Get(Family::kPatents, "CN1B").has_value());
  store->Flush();
  EXPECT_EQ(store->Get(Family::kPatents, "CN1B"), "one");

  WriteOptions small;
  small.batch_bytes = 64;
  auto eager = Store::Create(dir / "eager", small);
  eager->Put(Family::kPatents, "CN2B", std::string(100, 'x'));  // past 64 bytes: committed at once
  EXPECT_EQ(eager->Get(Family::kPatents, "CN2B"), std::string(100, 'x'));
}

TEST(StoreTest, WriteCommitsABatchAfterTheBufferedWritesAndEmptiesIt) {
  TempDir dir;
  auto store = Store::Create(dir / "db");
  Store::Batch batch;
  const size_t empty_bytes = batch.bytes();
  batch.Put(*store, Family::kPatents, "CN1B", "from batch");
  batch.Put(*store, Family::kPatents, "CN2B", "from batch");
  EXPECT_GT(batch.bytes(), empty_bytes);
  store->Put(Family::kPatents, "CN1B", "buffered");  // earlier than the batch: the batch wins
  store->Write(batch);
  EXPECT_EQ(store->Get(Family::kPatents, "CN1B"), "from batch");
  EXPECT_EQ(store->Get(Family::kPatents, "CN2B"), "from batch");
  EXPECT_EQ(batch.bytes(), empty_bytes);

  // The batch was left empty: writing it again changes nothing.
  store->Put(Family::kPatents, "CN2B", "later");
  store->Flush();
  store->Write(batch);
  EXPECT_EQ(store->Get(Family::kPatents, "CN2B"), "later");
}

TEST(StoreTest, BatchesFilledOnOtherThreadsAreCommittedConcurrently) {
  TempDir dir;
  auto store = Store::Create(dir / "db");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&store, t] {
      Store::Batch batch;
      for (int i = 0; i < 50; ++i) {
        batch.Put(*store, Family::kHolder, "t" + std::to_string(t) + "/" + std::to_string(100 + i), "x");
      }
      store->WriteConcurrent(batch);
    });
  }
  for (auto& thread : threads) thread.join();
  store->Seal(Family::kHolder);
  size_t n = 0;
  store->Scan(Family::kHolder, "t", [&](std::string_view, std::string_view) { return ++n > 0; });
  EXPECT_EQ(n, 200u);
  EXPECT_EQ(ScanKeys(*store, Family::kHolder, "t2/").size(), 50u);
}

// ----- the staged_tally merge operator -------------------------------------------------

HolderFigures Figures(uint64_t high_value, uint64_t valid, int rule = -1) {
  HolderFigures f;
  f.high_value = high_value;
  f.valid = valid;
  if (rule >= 0) f.by_rule[rule] = high_value;
  return f;
}

std::optional<HolderFigures> Tally(const Store& store, const std::string& key) {
  auto value = store.Get(Family::kStagedTally, key);
  if (!value) return std::nullopt;
  auto tally = DecodeHolderTally(key, *value);
  if (!tally) return std::nullopt;
  return tally->figures;
}

TEST(StoreTest, MergeAddsToAPutValueAndBatchMergesToo) {
  TempDir dir;
  auto store = Store::Create(dir / "db");
  const std::string key = HolderTallyKey(*base::Date::ParseIso("2025-12-31"), "R500117", "乙大学");
  store->Put(Family::kStagedTally, key, EncodeHolderValue(Figures(1, 1, 0)));
  store->Flush();
  Store::Batch batch;
  batch.Merge(*store, Family::kStagedTally, key, EncodeHolderValue(Figures(2, 5, 3)));
  batch.Merge(*store, Family::kStagedTally, key, EncodeHolderValue(Figures(0, 4)));
  store->Write(batch);
  auto figures = Tally(*store, key);
  ASSERT_TRUE(figures.has_value());
  EXPECT_EQ(figures->name, "乙大学");
  EXPECT_EQ(figures->high_value, 3u);  // 1 + 2 + 0
  EXPECT_EQ(figures->valid, 10u);      // 1 + 5 + 4
  EXPECT_EQ(figures->by_rule, (std::array<uint64_t, model::kRuleCount>{1, 0, 0, 2, 0}));
  // Sealing (a flush of the memtable, where merges are combined) keeps the sum.
  store->Seal(Family::kStagedTally);
  EXPECT_EQ(Tally(*store, key)->valid, 10u);
  // A later Put replaces the sum.
  store->Put(Family::kStagedTally, key, EncodeHolderValue(Figures(0, 1)));
  store->Flush();
  EXPECT_EQ(Tally(*store, key)->valid, 1u);
}

// Pledge keys hold PledgeTallies, summed field by field; a holder key beside them keeps
// its own sum.
TEST(StoreTest, MergeSumsPledgeTalliesByTheirKey) {
  TempDir dir;
  auto store = Store::Create(dir / "db");
  const auto d = [](const char* iso) { return *base::Date::ParseIso(iso); };
  const std::string pledge = PledgeKey("R500117", d("2024-03-01"), d("2023-01-05"));
  const std::string holder = HolderTallyKey(d("2025-12-31"), "R500117", "乙大学");
  store->Merge(Family::kStagedTally, pledge, EncodePledgeTally({2, 1, 1500000.5}));
  store->Merge(Family::kStagedTally, holder, EncodeHolderValue(Figures(1, 2)));
  Store::Batch batch;
  batch.Merge(*store, Family::kStagedTally, pledge, EncodePledgeTally({1, 1, 250000.25}));
  store->Write(batch);
  store->Seal(Family::kStagedTally);
  store->Merge(Family::kStagedTally, pledge, EncodePledgeTally({3, 1, 4}));
  store->Seal(Family::kStagedTally);
  auto value = store->Get(Family::kStagedTally, pledge);
  ASSERT_TRUE(value.has_value());
  auto sum = DecodePledgeTally(*value);
  ASSERT_TRUE(sum.has_value());
  EXPECT_EQ(sum->pledges, 6u);             // 2 + 1 + 3
  EXPECT_EQ(sum->patents, 3u);             // 1 + 1 + 1
  EXPECT_EQ(sum->amount_cny, 1750004.75);  // 1500000.5 + 250000.25 + 4, exact in binary
  EXPECT_EQ(Tally(*store, holder)->valid, 2u);
  // A pledge value where a holder value belongs (or the other way) is malformed.
  store->Merge(Family::kStagedTally, pledge, EncodeHolderValue(Figures(1, 1)));
  store->Flush();
  EXPECT_THROW((void)store->Get(Family::kStagedTally, pledge), Error);
}

TEST(StoreTest, AMalformedMergeOperandIsAStoreError) {
  TempDir dir;
  auto store = Store::Create(dir / "db");
  const std::string key = HolderTallyKey(*base::Date::ParseIso("2025-12-31"), "N", "甲");
  store->Merge(Family::kStagedTally, key, EncodeHolderValue(Figures(1, 1)));
  store->Merge(Family::kStagedTally, key, "not a holder value");
  store->Flush();
  try {
    (void)store->Get(Family::kStagedTally, key);
    ADD_FAILURE() << "a corrupt sum was read";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kStore) << e.what();
  }
}

TEST(StoreTest, FinishIngestDropsTheStagedTallyFamilyOnly) {
  TempDir dir;
  const std::string key = HolderTallyKey(*base::Date::ParseIso("2025-12-31"), "N", "甲");
  {
    auto store = Store::Create(dir / "db");
    store->Merge(Family::kStagedTally, key, EncodeHolderValue(Figures(1, 1)));
    store->Put(Family::kMeta, kMetaSchema, "2");
    store->Put(Family::kHolderRank, "r1", "x");
    store->FinishIngest();
    EXPECT_FALSE(store->Get(Family::kStagedTally, key).has_value());
    EXPECT_EQ(ScanKeys(*store, Family::kStagedTally, ""), (std::vector<std::string>{}));
  }
  auto read = Store::OpenReadOnly(dir / "db");
  EXPECT_EQ(read->Get(Family::kMeta, kMetaSchema), "2");
  EXPECT_EQ(read->Get(Family::kHolderRank, "r1"), "x");
  EXPECT_FALSE(read->Get(Family::kStagedTally, key).has_value());
}

// ----- bulk loads and opening ------------------------------------------------------------

// A command opens meta and the families it names: those read as written, the others
// refuse with a store error instead of reading as empty.
TEST(StoreTest, AReadOnlyOpenOfSomeFamiliesReadsThoseAndRefusesTheOthers) {
  TempDir dir;
  {
    auto store = Store::Create(dir / "db");
    store->Put(Family::kMeta, kMetaSchema, "3");
    store->Put(Family::kTallies, "t", "1");
    store->Put(Family::kPatents, "CN1B", "p");
    store->FinishIngest();
  }
  auto read = Store::OpenReadOnly(dir / "db", {Family::kTallies});
  EXPECT_EQ(read->Get(Family::kMeta, kMetaSchema), "3");
  EXPECT_EQ(read->Get(Family::kTallies, "t"), "1");
  try {
    (void)read->Get(Family::kPatents, "CN1B");
    ADD_FAILURE() << "a family that was not opened was read";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kStore);
    EXPECT_NE(std::string(e.what()).find("patents"), std::string::npos) << e.what();
  }
  EXPECT_THROW(ScanKeys(*read, Family::kHolder, ""), Error);
  // Opening them all reads every family.
  EXPECT_EQ(Store::OpenReadOnly(dir / "db")->Get(Family::kPatents, "CN1B"), "p");
}

TEST(StoreTest, SeveralDisjointSortedFilesAreIngestedAtOnce) {
  TempDir dir;
  auto store = Store::Create(dir / "db");
  std::vector<std::string> paths;
  for (int f = 0; f < 3; ++f) {
    auto file = store->NewSortedFile(Family::kHolder, dir / ("part" + std::to_string(f) + ".sst"));
    for (int i = 0; i < 10; ++i) file->Add("h" + std::to_string(f) + "/" + std::to_string(10 + i), "x");
    ASSERT_TRUE(file->Finish());
    paths.push_back(file->path());
  }
  store->IngestSorted(Family::kHolder, paths);
  auto keys = ScanKeys(*store, Family::kHolder, "h");
  ASSERT_EQ(keys.size(), 30u);
  EXPECT_EQ(keys.front(), "h0/10");
  EXPECT_EQ(keys.back(), "h2/19");
  EXPECT_FALSE(fs::exists(paths[0]));        // moved into the database
  store->IngestSorted(Family::kHolder, {});  // nothing to do
}

TEST(StoreTest, CreateRefusesAnExistingDatabaseAndOpenAMissingOne) {
  TempDir dir;
  { auto store = Store::Create(dir / "db"); }
  EXPECT_THROW((void)Store::Create(dir / "db"), Error);
  try {
    (void)Store::OpenReadOnly(dir / "missing");
    ADD_FAILURE() << "a missing database was opened";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kStore) << e.what();
    EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace hvpat::store

namespace hvpat::store {
namespace {

namespace fs = std::filesystem;

// Snapshot names order by creation, also past nine in one second ("...Z-10" after
// "...Z-9", though it sorts before it as text).
TEST(LayoutTest, SnapshotsAreListedNewestFirstWhateverTheirNumber) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  { layout::Writer first(db); }  // makes the database directory and its marker
  for (const char* name : {"20261207T115959Z", "20261207T120000Z", "20261207T120000Z-9", "20261207T120000Z-10"}) {
    fs::create_directories(fs::path(db) / "snapshots" / name);
  }
  std::vector<std::string> names;
  for (const auto& entry : layout::ListSnapshots(db)) names.push_back(entry.name);
  EXPECT_EQ(names, (std::vector<std::string>{"20261207T120000Z-10", "20261207T120000Z-9", "20261207T120000Z",
                                             "20261207T115959Z"}));
}

// A run in the same second as kept snapshots is named after all of them, even when
// --keep removed the first of that second: reusing its name would list the new
// snapshot as the oldest, and --keep would then remove the wrong ones.
TEST(LayoutTest, ANewSnapshotIsNamedAfterEveryKeptOneOfItsSecond) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  { layout::Writer first(db); }
  for (int attempt = 0; attempt < 3; ++attempt) {  // the clock may tick between the two reads
    std::string second;
    {
      layout::Writer probe(db);
      second = probe.name();
    }
    fs::remove_all(fs::path(db) / "snapshots");
    fs::create_directories(fs::path(db) / "snapshots" / (second + "-2"));
    fs::create_directories(fs::path(db) / "snapshots" / (second + "-3"));
    layout::Writer writer(db);
    if (writer.created().substr(0, 4) != second.substr(0, 4) || writer.name().substr(0, second.size()) != second) {
      continue;
    }
    EXPECT_EQ(writer.name(), second + "-4");
    return;
  }
  FAIL() << "the clock moved on at every attempt";
}

}  // namespace
}  // namespace hvpat::store
