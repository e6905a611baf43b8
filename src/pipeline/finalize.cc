// Finalize (finalize.h): two passes over the partitions of the runs, each partition on
// its own task. Pass one gathers the records that can be granted family members abroad;
// pass two applies the links, tallies and indexes every winner.
#include "finalize.h"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "facts.h"
#include "hvpat/base/error.h"
#include "hvpat/rules/classify.h"
#include "hvpat/store/schema.h"
#include "spool.h"
#include "tallies.h"

namespace hvpat::pipeline {
namespace {

using Family = store::Store::Family;

// For each family id, the records of other offices that can be granted members abroad
// (rules.md, "overseas"): the earliest-granted kMaxLinks of them, enough to decide at any
// date whether a record has a member other than itself, and to show them. Memory is
// proportional to the number of such family ids.
class FamilyIndex {
 public:
  static constexpr size_t kMaxLinks = 8;

  void Add(const std::string& family_id, const model::FamilyLink& link) {
    auto& links = links_[family_id];
    auto later = std::find_if(links.begin(), links.end(), [&](const model::FamilyLink& l) {
      return l.grant_date != link.grant_date ? l.grant_date > link.grant_date : l.id > link.id;
    });
    links.insert(later, link);
    if (links.size() > kMaxLinks) links.pop_back();
  }
  void Merge(const FamilyIndex& other) {
    for (const auto& [family_id, links] : other.links_) {
      for (const auto& link : links) Add(family_id, link);
    }
  }
  bool empty() const { return links_.empty(); }
  // The links of `family_id` other than `id` itself.
  std::vector<model::FamilyLink> LinksFor(const std::string& family_id, const std::string& id) const {
    std::vector<model::FamilyLink> out;
    auto it = links_.find(family_id);
    if (it == links_.end()) return out;
    for (const auto& link : it->second) {
      if (link.id != id) out.push_back(link);
    }
    return out;
  }

 private:
  std::unordered_map<std::string, std::vector<model::FamilyLink>> links_;
};

void Decode(std::string_view bytes, Facts& facts) {
  if (!DecodeFacts(bytes, facts)) throw Error(ErrorKind::kStore, "corrupt run buffer");
}

FamilyIndex GatherMembers(const RunSet& runs) {
  std::vector<FamilyIndex> parts(runs.partitions());
  tbb::parallel_for(size_t{0}, runs.partitions(), [&](size_t p) {
    RunSet::Cursor cursor(runs, p);
    Facts facts;
    uint64_t replaced = 0;
    while (auto bytes = cursor.Next(replaced)) {
      if (!(FactsFlags(*bytes) & Facts::kMember)) continue;  // most records: no decode
      Decode(*bytes, facts);
      parts[p].Add(facts.family_id, {facts.id, facts.office, facts.grant_date});
    }
  });
  FamilyIndex all;
  for (const auto& part : parts) all.Merge(part);
  return all;
}

// Whether some linked member was granted by `date` (rules.md, overseas).
bool MemberGrantedBy(const std::vector<model::FamilyLink>& links, base::Date date) {
  return std::any_of(links.begin(), links.end(), [&](const auto& l) { return l.grant_date <= date; });
}

// The overseas rule met through a linked member granted by D (rules.md): the verdict
// flags change as rules::AddFamilyMember changes a stored verdict.
void ApplyLinks(const std::vector<model::FamilyLink>& links, std::span<const base::Date> dates,
                const rules::Config& config, Facts& facts) {
  if (!config.Enabled(model::Rule::kOverseas)) return;
  for (size_t i = 0; i < dates.size(); ++i) {
    if (!MemberGrantedBy(links, dates[i])) continue;
    Facts::AtDate& at = facts.dates[i];
    at.rules |= static_cast<uint8_t>(1 << static_cast<int>(model::Rule::kOverseas));
    if (at.valid()) {
      at.flags |= 2;
      at.outlook = 0;  // high-value now: not in the outlook
    }
  }
}

struct Partition {
  std::unique_ptr<Tallies> tallies;
  uint64_t linked = 0;
  uint64_t indexed = 0;
  uint64_t replaced = 0;
  uint64_t index_entries = 0;
};

// Linked records of one partition, in id order: read back and given their links and
// verdicts in batches (a batch's reads stay close together in the patents files and their
// index blocks in the CPU's caches; reads interleaved with settling took twice as long).
// The few records whose verdict a family member changes are the only ones written twice;
// the new values go to sorted files (a Spool), never to a memtable a later read would meet.
class LinkedRewrites {
 public:
  static constexpr size_t kBatch = 4096;

  LinkedRewrites(const store::Store& store, std::span<const base::Date> dates, Spool& rewrites)
      : store_(store), dates_(dates), rewrites_(rewrites) {}
  void Add(const std::string& id, std::vector<model::FamilyLink> links) {
    pending_.emplace_back(id, std::move(links));
    if (pending_.size() >= kBatch) Finish();
  }
  // Rewrites what is pending (the caller flushes the spool).
  void Finish() {
    model::Patent patent;
    model::Assessment assessment;
    for (auto& [id, links] : pending_) {
      auto value = store_.Get(Family::kPatents, id);
      if (!value || !store::DecodePatent(*value, patent, assessment)) {
        throw Error(ErrorKind::kStore, "stored record " + id + " is missing or corrupt");
      }
      for (size_t i = 0; i < dates_.size(); ++i) {
        if (MemberGrantedBy(links, dates_[i])) rules::AddFamilyMember(assessment.verdicts[i]);
      }
      assessment.links = std::move(links);
      rewrites_.Add(id, store::EncodePatent(patent, assessment));
    }
    pending_.clear();
  }

 private:
  const store::Store& store_;
  std::span<const base::Date> dates_;
  Spool& rewrites_;
  std::vector<std::pair<std::string, std::vector<model::FamilyLink>>> pending_;
};

void SettlePartition(const RunSet& runs, size_t p, const FamilyIndex& families, std::span<const base::Date> dates,
                     const rules::RuleSet& rules, HolderBlocks& holder_index, LinkedRewrites& linked, Partition& out) {
  RunSet::Cursor cursor(runs, p);
  Facts facts;
  while (auto bytes = cursor.Next(out.replaced)) {
    Decode(*bytes, facts);
    ++out.indexed;
    if (facts.Has(Facts::kNeedsLinks) && !families.empty()) {
      auto links = families.LinksFor(facts.family_id, facts.id);
      if (!links.empty()) {
        ApplyLinks(links, dates, rules.config, facts);
        linked.Add(facts.id, std::move(links));
        ++out.linked;
      }
    }
    out.tallies->Add(facts);
    for (const auto& name : facts.holders) holder_index.Add(name, facts.id, facts.region);
  }
  holder_index.Finish();
  linked.Finish();
}

std::vector<uint8_t> RankOrders(const rules::Config& config) {
  std::vector<uint8_t> orders{store::kRankByHighValue};
  for (auto rule : model::kAllRules) {
    if (config.Enabled(rule)) orders.push_back(store::RankByRule(rule));
  }
  return orders;
}

// Every holder's figures become one ranking entry per order: from memory when they all
// fit, else from staged_tally, where the spilled figures were summed by its merge operator.
void WriteRankings(store::Store& store, std::vector<Partition>& parts, const rules::Config& config, Spool& ranks) {
  const std::vector<uint8_t> orders = RankOrders(config);
  auto rank = [&](std::string_view key, const std::string& value) {
    auto tally = store::DecodeHolderTally(key, value);
    if (!tally) throw Error(ErrorKind::kStore, "corrupt holder tally");
    // Grouped by DATE SCOPE 0x00 ORDER: the sort then compares the figure and name only.
    const size_t group = tally->date_scope.size() + 2;
    ranks.Add(store::RankKeyOf(*tally, store::kRankByHighValue), value, group);
    // A ranking by one rule lists only the holders that have some patent meeting it.
    for (size_t o = 1; o < orders.size(); ++o) {
      if (tally->figures.by_rule[orders[o] - 1] > 0) ranks.Add(store::RankKeyOf(*tally, orders[o]), value, group);
    }
  };
  const bool spilled = std::any_of(parts.begin(), parts.end(), [](const auto& p) { return p.tallies->spilled(); });
  if (spilled) {
    for (auto& part : parts) part.tallies->SpillHolders();
    store.Seal(Family::kStagedTally);
    store.Scan(Family::kStagedTally, "", [&](std::string_view key, std::string_view value) {
      if (key.front() == store::kPledgeTag) return false;  // pledge keys sort after every DATE
      rank(key, std::string(value));
      return true;
    });
  } else {
    Tallies& all = *parts.front().tallies;
    for (size_t p = 1; p < parts.size(); ++p) all.CombineHolders(*parts[p].tallies);
    all.ForEachHolder([&](const std::string& key, const store::HolderFigures& figures) {
      rank(key, store::EncodeHolderValue(figures));
    });
  }
  ranks.Flush();
}

}  // namespace

FinalizeResult Finalize(store::Store& store, const RunSet& runs, std::span<const base::Date> dates,
                        const rules::RuleSet& rules, const FinalizeOptions& options) {
  const FamilyIndex families = GatherMembers(runs);
  std::vector<Partition> parts(runs.partitions());
  for (auto& part : parts) part.tallies = std::make_unique<Tallies>(store, dates, options.limits);
  Spool::Shared shared;
  shared.dir = options.work_dir;
  tbb::parallel_for(size_t{0}, parts.size(), [&](size_t p) {
    // Of the spool budget, a quarter for the holder blocks being filled, five eighths to
    // sort them, an eighth for the rewritten values of linked records.
    const size_t eighth = options.spool_bytes / 8;
    Spool spool(store, Family::kHolder, shared, options.spool_bytes - 3 * eighth);
    HolderBlocks holder_index(spool, 2 * eighth);
    Spool rewrites(store, Family::kPatents, shared, eighth);
    LinkedRewrites linked(store, dates, rewrites);
    SettlePartition(runs, p, families, dates, rules, holder_index, linked, parts[p]);
    spool.Flush();
    rewrites.Flush();
    parts[p].index_entries = holder_index.entries();
  });
  FinalizeResult result;
  Tallies& all = *parts.front().tallies;
  // Holder figures are combined apart (WriteRankings), and only when no partition spilled.
  Tallies::Limits whole = options.limits;
  whole.pledges *= parts.size();
  all.set_limits(whole);
  for (size_t p = 0; p < parts.size(); ++p) {
    if (p > 0) all.Combine(*parts[p].tallies);
    result.indexed += parts[p].indexed;
    result.replaced_across_runs += parts[p].replaced;
    result.index_entries += parts[p].index_entries;
    result.linked += parts[p].linked;
  }
  {  // One sorted file bulk-loaded, as the other families: no memtable to sort and flush.
    // Its buffer is freed before the rankings take theirs.
    Spool tally_file(store, Family::kTallies, shared, options.spool_bytes * parts.size());
    all.Write([&](std::string_view key, std::string_view value) { tally_file.Add(key, value); });
    tally_file.Flush();
  }
  result.dates = all.dates();
  result.unknown_regions.assign(all.unknown_regions().begin(), all.unknown_regions().end());
  std::sort(result.unknown_regions.begin(), result.unknown_regions.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  result.unreadable_ipc = all.unreadable_ipc();
  result.unreadable_examples = all.unreadable_examples();
  result.later_ipc = all.later_ipc();
  Spool ranks(store, Family::kHolderRank, shared, options.spool_bytes * parts.size());
  WriteRankings(store, parts, rules.config, ranks);
  return result;
}

}  // namespace hvpat::pipeline
