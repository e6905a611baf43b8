// Spool: whatever order entries arrive in, with or without groups, the family holds every
// key once, in byte order, with the value added last; also when the groups are not
// prefix-free (a name with a NUL byte) and when the budget forces several files.
#include "pipeline/spool.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

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

}  // namespace
}  // namespace hvpat::pipeline
