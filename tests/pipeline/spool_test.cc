// Spool: whatever order entries arrive in, with or without groups, the family holds every
// key once, in byte order, with the value added last; also when the groups are not
// prefix-free (a name with a NUL byte) and when the budget forces several files.
#include "pipeline/spool.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "hvpat/store/schema.h"
#include "support/cli_runner.h"

namespace hvpat::pipeline {
namespace {

using Family = store::Store::Family;
using testing::TempDir;
using Entries = std::vector<std::pair<std::string, std::string>>;

// The family's entries in scan order.
Entries Scan(const store::Store& store) {
  Entries out;
  store.Scan(Family::kHolder, "", [&](std::string_view key, std::string_view value) {
    out.emplace_back(key, value);
    return true;
  });
  return out;
}

// What the family must hold after adding `added` in order: a std::map keeps keys in byte
// order, and assigning in order leaves the last value of each key.
Entries Expected(const std::vector<std::pair<std::string, std::string>>& added) {
  std::map<std::string, std::string> last;
  for (const auto& [key, value] : added) last[key] = value;
  return Entries(last.begin(), last.end());
}

struct Added {
  std::string group;
  std::string rest;
  std::string value;
};

Entries Spooled(const std::vector<Added>& added, size_t budget) {
  TempDir dir;
  auto store = store::Store::Create(dir / "db");
  Spool::Shared shared;
  shared.dir = dir / "work";
  std::filesystem::create_directories(shared.dir);
  Spool spool(*store, Family::kHolder, shared, budget);
  for (const auto& a : added) spool.Add(a.group + a.rest, a.value, a.group.size());
  spool.Flush();
  return Scan(*store);
}

std::vector<std::pair<std::string, std::string>> Pairs(const std::vector<Added>& added) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& a : added) out.emplace_back(a.group + a.rest, a.value);
  return out;
}

// Holder-index-like entries: names sharing long beginnings (the same company prefix),
// ids that differ late, some (name, id) pairs added twice with another value.
std::vector<Added> HolderLike(size_t n, unsigned seed) {
  std::mt19937 random(seed);
  const std::vector<std::string> names = {
      std::string("\xE5\x8C\x97\xE4\xBA\xAC\xE7\xA7\x91\xE6\x8A\x80\xE6\x9C\x89\xE9\x99\x90\xE5\x85\xAC\xE5\x8F\xB8"),
      std::string("\xE5\x8C\x97\xE4\xBA\xAC\xE7\xA7\x91\xE6\x8A\x80\xE6\x9C\x89\xE9\x99\x90"),
      std::string("\xE5\x8C\x97\xE4\xBA\xAC\xE7\xA7\x91\xE6\x8A\x80\xE6\x9C\x89\xE9\x99\x90\xE5\x85\xAC\xE5\x8F\xB8X"),
      "Acme Corporation International Holdings",
      "Acme Corporation International",
      "Acme",
      ""};
  std::vector<Added> out;
  for (size_t i = 0; i < n; ++i) {
    std::string group = names[random() % names.size()] + std::string(1, '\0');
    std::string id = "CN1" + std::to_string(100000000 + random() % 5000) + (random() % 2 ? "B" : "A");
    out.push_back({group, id, "v" + std::to_string(i)});
  }
  return out;
}

TEST(SpoolTest, GroupedKeysComeOutInByteOrderWithTheLastValue) {
  const auto added = HolderLike(5000, 1);
  EXPECT_EQ(Spooled(added, 64 << 20), Expected(Pairs(added)));
}

TEST(SpoolTest, UngroupedKeysComeOutInByteOrderWithTheLastValue) {
  auto added = HolderLike(3000, 2);
  for (auto& a : added) {
    a.rest = a.group + a.rest;
    a.group.clear();
  }
  EXPECT_EQ(Spooled(added, 64 << 20), Expected(Pairs(added)));
}

// "X\0" begins "X\0Y\0": ordered by group first, "X\0" "Z1" would precede "X\0Y\0" "A1",
// but in byte order 'Y' < 'Z' puts it after. The spool must notice and order whole keys.
TEST(SpoolTest, GroupsThatBeginOtherGroupsStillGiveByteOrder) {
  const std::vector<Added> added = {{std::string("X\0", 2), "Z1", "a"},
                                    {std::string("X\0Y\0", 4), "A1", "b"},
                                    {std::string("X\0", 2), "A1", "c"},
                                    {std::string("W\0", 2), "Q", "d"}};
  const Entries expected = {{std::string("W\0Q", 3), "d"},
                            {std::string("X\0A1", 4), "c"},
                            {std::string("X\0Y\0A1", 6), "b"},
                            {std::string("X\0Z1", 4), "a"}};
  EXPECT_EQ(Expected(Pairs(added)), expected);
  EXPECT_EQ(Spooled(added, 64 << 20), expected);
}

// The smallest budget (64 KiB) over ~300 KB of entries: several files, and a key added
// again in a later file keeps the later value.
TEST(SpoolTest, SeveralFlushesKeepTheLastValueOfEachKey) {
  const auto added = HolderLike(8000, 3);
  EXPECT_EQ(Spooled(added, 1), Expected(Pairs(added)));
}

// HolderBlocks: every (holder, id) pair added is listed once under its holder, in id
// order, in blocks of at most kHolderBlockEntries keyed by their first id; whether the
// blocks fill up or a tiny budget hands them over early.
struct HolderListing {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> patents;  // by holder
  size_t blocks = 0;
  bool keys_name_first_ids = true;
  bool blocks_within_limit = true;
};

HolderListing BlocksOf(const Entries& family) {
  HolderListing out;
  for (const auto& [key, value] : family) {
    const size_t nul = key.find('\0');
    const std::string holder = key.substr(0, nul);
    auto entries = store::DecodeHolderBlock(value);
    EXPECT_TRUE(entries) << holder;
    if (!entries) continue;
    ++out.blocks;
    if (key.substr(nul + 1) != (*entries)[0].id) out.keys_name_first_ids = false;
    if (entries->size() > store::kHolderBlockEntries) out.blocks_within_limit = false;
    for (const auto& e : *entries) out.patents[holder].emplace_back(e.id, e.region);
  }
  return out;
}

TEST(HolderBlocksTest, ListsEachHoldersPatentsOnceInIdOrder) {
  for (size_t budget : {size_t{64}, size_t{1} << 20}) {
    TempDir dir;
    auto store = store::Store::Create(dir / "db");
    Spool::Shared shared;
    shared.dir = dir / "work";
    std::filesystem::create_directories(shared.dir);
    Spool spool(*store, Family::kHolder, shared, 1 << 20);
    HolderBlocks blocks(spool, budget);
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> expected;
    uint64_t pairs = 0;
    for (int i = 0; i < 200; ++i) {  // ids in ascending order, as a partition yields them
      const std::string id = "CN" + std::to_string(1000 + i) + "B";
      const std::string region = i % 3 == 0 ? "" : "5001" + std::to_string(10 + i % 7);
      std::vector<std::string> names{"甲公司"};       // on every record: several blocks
      if (i % 50 == 0) names.emplace_back("乙大学");  // on a few
      if (i == 7) names.emplace_back("甲公司");       // named twice on one record: listed once
      for (const auto& name : names) blocks.Add(name, id, region);
      for (const auto& name : std::set<std::string>(names.begin(), names.end())) {
        expected[name].emplace_back(id, region);
        ++pairs;
      }
    }
    blocks.Finish();
    spool.Flush();
    EXPECT_EQ(blocks.entries(), pairs);
    HolderListing got = BlocksOf(Scan(*store));
    EXPECT_EQ(got.patents, expected) << "budget " << budget;
    EXPECT_TRUE(got.keys_name_first_ids);
    EXPECT_TRUE(got.blocks_within_limit);
    // 200 patents of 甲公司 need at least 4 blocks of 64, 乙大学's one more; an entry
    // takes at least 9 bytes here, so a 64-byte budget hands the blocks over after at
    // most 8 entries.
    EXPECT_GE(got.blocks, budget == 64 ? 200u / 8 : 4u + 1);
  }
}

}  // namespace
}  // namespace hvpat::pipeline
