// The store handle: buffered writes, scans, the holder-figure merge operator, bulk loads
// of sorted files, and the refusal of a database of another schema version.
#include "hvpat/store/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "hvpat/base/error.h"
#include "hvpat/query/query.h"
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
  store->Merge(Family::kHolderTally, key, EncodeHolderValue(one));
  store->Merge(Family::kHolderTally, key, EncodeHolderValue(two));
  store->Flush();
  store->Merge(Family::kHolderTally, key, EncodeHolderValue(one));
  store->Seal(Family::kHolderTally);
  auto value = store->Get(Family::kHolderTally, key);
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
  // A database as store/layout.h lays it out, whose published snapshot is of version 1.
  fs::create_directories(fs::path(dir / "db") / "snapshots");
  std::ofstream(dir / "db/HVPAT") << "hvpat\n";
  {
    auto store = Store::Create(dir / "db/snapshots/old");
    store->Put(Family::kMeta, kMetaSchema, "1");
    store->Put(Family::kMeta, kMetaAsOf, "2025-12-31");
    store->FinishIngest();
  }
  fs::create_symlink("snapshots/old", dir / "db/current");
  auto store = Store::OpenReadOnly(dir / "db");
  try {
    (void)query::ReadRunInfo(*store);
    FAIL() << "a version-1 database was read";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "the database has schema version 1, this hvpat reads version 2: rebuild it with hvpat ingest");
  }
  auto result = RunCli({"count", "--db", dir / "db"});
  EXPECT_EQ(result.status, 3);
  EXPECT_NE(result.err.find("schema version 1"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace hvpat::store
