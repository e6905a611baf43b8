// Every figure a query reads, summed over the winning records (spec/cli.md count and
// holders; spec/analytics.md industries, outlook, pledges): one Tallies per finalize
// thread, combined once at the end, as DuckDB's sinks combine partial aggregates. Not
// thread-safe: each thread has its own.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "facts.h"
#include "hvpat/base/string_map.h"
#include "hvpat/model/run_summary.h"
#include "hvpat/store/schema.h"
#include "hvpat/store/store.h"

namespace hvpat::pipeline {

class Tallies {
 public:
  // What is kept in memory before it is spilled to staged_tally, where its merge operator
  // sums it: the figures that grow with the input, not with the regions.
  struct Limits {
    size_t holders = 1 << 16;  // holder figures (one per holder, date and scope)
    size_t pledges = 1 << 16;  // pledge tallies (one per scope, pledge date and the date before)
  };
  Tallies(store::Store& store, std::span<const base::Date> dates, Limits limits);

  // A winning record with its verdicts at every date (family links applied).
  void Add(const Facts& facts);
  // Adds `other`'s figures, holder figures apart, and frees its pledge tallies (those
  // held here past the limit spill).
  void Combine(Tallies& other);
  // The tallies that gather every partition's take the whole of the partitions' shares.
  void set_limits(Limits limits) { limits_ = limits; }
  // Adds `other`'s holder figures to those held here.
  void CombineHolders(Tallies& other);
  // Spills the holder figures held to staged_tally.
  void SpillHolders();
  // True once some holder figures went to staged_tally.
  bool spilled() const { return spilled_; }
  // Spills the pledge tallies held to staged_tally. Their amounts are then summed in the
  // order the merge operator meets them, which may differ from run to run in the last
  // bits of a double (the spec compares amounts within a relative 1e-9).
  void SpillPledges();
  // Every holder figure held, with its staged_tally key.
  void ForEachHolder(const std::function<void(const std::string& key, const store::HolderFigures&)>& each) const;
  // Hands every counter, industry, outlook and pledge tally to `put` as a `tallies` entry
  // (store/schema.h), each key once, in no particular order. Once pledge tallies have
  // spilled, all of them are handed over from staged_tally, summed there (so no other
  // Tallies of the store may spill while this writes).
  void Write(const std::function<void(std::string_view key, std::string_view value)>& put);

  const std::vector<model::DateFigures>& dates() const { return figures_; }
  // Indexed patents by first-holder region code that regions.tsv does not know.
  const std::unordered_map<std::string, uint64_t>& unknown_regions() const { return unknown_regions_; }
  // Strings of `ipc` that are not IPC symbols, over indexed patents, and a few of them.
  uint64_t unreadable_ipc() const { return unreadable_ipc_; }
  const std::vector<std::string>& unreadable_examples() const { return unreadable_examples_; }
  // Valid inventions at the latest date by ipc_editions.tsv code their symbols fall in.
  const std::unordered_map<std::string, uint64_t>& later_ipc() const { return later_ipc_; }

 private:
  // Counters by string, looked up by a view: no string is built per record and scope.
  using CountsByCode = base::StringMap<uint64_t>;
  // Everything counted for one scope at one date, holders apart.
  struct ScopeTally {
    store::Counts counts;
    CountsByCode detailed, top;       // industries
    std::map<int, uint64_t> outlook;  // by years
  };
  // A region's scopes, and their tallies at every date (nodes of scopes_by_date_: stable,
  // so the key's address names the scope at that date).
  using ScopeNode = std::pair<const std::string, ScopeTally>;
  struct RegionScopes {
    std::vector<std::string> scopes;
    std::vector<std::vector<ScopeNode*>> at;  // [date][scope]
  };
  // One holder's figures in each (date, scope) it counts in. Most holders' patents share
  // a region: a handful of entries, found by a scan after one lookup by name. A holder in
  // many regions (a national company) gets an index by scope once it has more than
  // kScannedEntries, so its patents do not scan hundreds of entries each.
  struct HolderAt {
    uint32_t date;
    const std::string* scope;  // a key of scopes_by_date_[date]: names the date too
    store::HolderFigures figures;
  };
  struct HolderEntries {
    static constexpr size_t kScannedEntries = 16;
    std::vector<HolderAt> at;
    std::unordered_map<const std::string*, uint32_t> index;  // scope -> position in `at`, past kScannedEntries
  };
  const RegionScopes& ScopesOf(const std::string& region);
  void AddAtDate(const Facts& f, const Facts::AtDate& at, const std::vector<ScopeNode*>& tallies);
  void AddHolders(const Facts& f, const RegionScopes& region);
  store::HolderFigures& HolderFiguresAt(HolderEntries& entries, uint32_t date, const std::string* scope);
  void AddPledges(const Facts& f, const std::vector<std::string>& scopes);

  store::Store& store_;
  std::vector<base::Date> dates_;
  Limits limits_;
  size_t holder_entries_ = 0;
  std::vector<model::DateFigures> figures_;
  std::vector<std::unordered_map<std::string, ScopeTally>> scopes_by_date_;
  std::unordered_map<std::string, RegionScopes> regions_;
  std::unordered_map<std::string, HolderEntries> holders_;
  std::unordered_map<std::string, store::PledgeTally> pledges_;
  bool spilled_ = false;
  bool pledges_spilled_ = false;  // here, or in a Tallies combined here
  std::unordered_map<std::string, uint64_t> unknown_regions_;
  uint64_t unreadable_ipc_ = 0;
  std::vector<std::string> unreadable_examples_;
  std::unordered_map<std::string, uint64_t> later_ipc_;
  std::vector<std::string_view> tops_;  // AddAtDate's top-level industries, reused
};

}  // namespace hvpat::pipeline
