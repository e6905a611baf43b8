// RunSet: chunks sorted in the parallel stage, merged into runs (some spilled), read back
// by partition. Whatever the chunking and the flushes, the last occurrence of each id
// wins, in patents and in the facts finalize reads, and every other one is counted as
// replaced exactly once.
#include "pipeline/runs.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "pipeline/facts.h"
#include "support/cli_runner.h"

namespace hvpat::pipeline {
namespace {

using Family = store::Store::Family;
using testing::TempDir;

struct Occurrence {
  std::string id;
  uint64_t sequence;
};

// `n` occurrences of ids drawn from `distinct` of them, in input order.
std::vector<Occurrence> Input(size_t n, size_t distinct, unsigned seed) {
  std::mt19937 random(seed);
  std::vector<Occurrence> out;
  for (uint64_t s = 0; s < n; ++s) out.push_back({"CN" + std::to_string(1000000 + random() % distinct) + "B", s});
  return out;
}

std::string Value(const Occurrence& o) { return "value of " + o.id + " #" + std::to_string(o.sequence); }

struct Result {
  std::map<std::string, std::string> stored;  // patents family
  std::map<std::string, uint64_t> facts;      // id -> sequence, from the cursors
  std::vector<std::string> order;             // ids as the cursors gave them, partition by partition
  uint64_t replaced = 0;
  size_t runs = 0;
};

// Feeds `input` in chunks of `chunk` occurrences, flushing a spilled run every
// `flush_every` chunks (0: never) and the last run in memory.
Result Feed(const std::vector<Occurrence>& input, size_t chunk, size_t flush_every) {
  TempDir dir;
  auto store = store::Store::Create(dir / "db");
  std::filesystem::create_directories(dir / "work");
  RunSet runs(*store, dir / "work", 4);
  size_t chunks = 0;
  for (size_t begin = 0; begin < input.size(); begin += chunk) {
    Staged staged;
    for (size_t i = begin; i < std::min(input.size(), begin + chunk); ++i) {
      Facts facts;
      facts.id = input[i].id;
      facts.sequence = input[i].sequence;
      std::string encoded;
      EncodeFacts(facts, encoded);
      staged.Add(Value(input[i]), encoded);
    }
    Staged sorted;
    staged.SortInto(sorted);
    runs.Add(sorted);
    if (flush_every && ++chunks % flush_every == 0) runs.Flush(/*spill=*/true);
  }
  runs.Flush(/*spill=*/false);
  Result result;
  result.runs = runs.runs();
  result.replaced = runs.replaced_within_runs();
  for (size_t p = 0; p < runs.partitions(); ++p) {
    RunSet::Cursor cursor(runs, p);
    Facts facts;
    while (auto bytes = cursor.Next(result.replaced)) {
      EXPECT_TRUE(DecodeFacts(*bytes, facts));
      result.facts[facts.id] = facts.sequence;
      result.order.push_back(facts.id);
    }
  }
  store->Scan(Family::kPatents, "", [&](std::string_view key, std::string_view value) {
    result.stored.emplace(key, value);
    return true;
  });
  return result;
}

void ExpectLastOccurrencesWin(const std::vector<Occurrence>& input, const Result& r) {
  std::map<std::string, const Occurrence*> last;
  for (const auto& o : input) last[o.id] = &o;
  ASSERT_EQ(r.stored.size(), last.size());
  ASSERT_EQ(r.facts.size(), last.size());
  for (const auto& [id, o] : last) {
    EXPECT_EQ(r.stored.at(id), Value(*o)) << id;
    EXPECT_EQ(r.facts.at(id), o->sequence) << id;
  }
  EXPECT_EQ(r.replaced, input.size() - last.size());
  // Partitions are ascending id ranges, each read in id order: all ids ascend, once each.
  EXPECT_TRUE(std::is_sorted(r.order.begin(), r.order.end()));
  EXPECT_EQ(std::adjacent_find(r.order.begin(), r.order.end()), r.order.end());
}

TEST(RunSetTest, OneRunInMemory) {
  const auto input = Input(6000, 2500, 1);
  const Result r = Feed(input, 500, 0);
  EXPECT_EQ(r.runs, 1u);
  ExpectLastOccurrencesWin(input, r);
}

TEST(RunSetTest, SpilledRunsWithDuplicatesAcrossRunsAndWithinChunks) {
  const auto input = Input(9000, 1200, 2);  // every id about 7 times
  const Result r = Feed(input, 400, 3);
  EXPECT_GT(r.runs, 5u);
  ExpectLastOccurrencesWin(input, r);
}

TEST(RunSetTest, OneIdOnly) {
  const auto input = Input(700, 1, 3);
  const Result r = Feed(input, 64, 2);
  ExpectLastOccurrencesWin(input, r);
}

}  // namespace
}  // namespace hvpat::pipeline
