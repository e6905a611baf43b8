// Tallies (tallies.h): what each winning record adds, at each date, to each scope it
// counts in (store/schema.h: a patent of region r counts for the nation, r's province,
// r's city and r).
#include "tallies.h"

#include <algorithm>

namespace hvpat::pipeline {

Tallies::Tallies(store::Store& store, std::span<const base::Date> dates, Limits limits)
    : store_(store), dates_(dates.begin(), dates.end()), limits_(limits) {
  figures_.resize(dates_.size());
  scopes_by_date_.resize(dates_.size());
  for (size_t i = 0; i < dates_.size(); ++i) {
    figures_[i].as_of = dates_[i];
    scopes_by_date_[i][store::NationalScope()];  // the nation always has its counters
  }
}

const Tallies::RegionScopes& Tallies::ScopesOf(const std::string& region) {
  auto it = regions_.find(region);
  if (it != regions_.end()) return it->second;
  RegionScopes r;
  r.scopes = store::ScopesOf(region);
  r.at.resize(dates_.size());
  for (size_t i = 0; i < dates_.size(); ++i) {
    for (const auto& scope : r.scopes) r.at[i].push_back(&*scopes_by_date_[i].try_emplace(scope).first);
  }
  return regions_.emplace(region, std::move(r)).first->second;
}

namespace {
constexpr size_t kExamples = 5;
void AddExample(std::vector<std::string>& examples, const std::string& text) {
  if (examples.size() < kExamples && std::find(examples.begin(), examples.end(), text) == examples.end()) {
    examples.push_back(text);
  }
}
}  // namespace

void Tallies::Add(const Facts& f) {
  if (f.Has(Facts::kUnknownRegion)) ++unknown_regions_[f.region];
  if (f.unreadable_ipc) {
    unreadable_ipc_ += f.unreadable_ipc;
    AddExample(unreadable_examples_, f.unreadable_example);
  }
  if (!f.dates.empty() && f.dates.back().valid()) {
    for (const auto& code : f.later_ipc) ++later_ipc_[code];
  }
  for (size_t i = 0; i < dates_.size(); ++i) {
    const Facts::AtDate& at = f.dates[i];
    if (!at.valid()) continue;
    model::DateFigures& figures = figures_[i];
    ++figures.valid_inventions;
    figures.high_value += at.high_value();
    if (!f.Has(Facts::kDomesticFirst)) continue;
    ++figures.valid_inventions_domestic;
    figures.high_value_domestic += at.high_value();
  }
  if (!f.Has(Facts::kDomesticFirst)) return;  // counted for no region, nor the nation
  const RegionScopes& region = ScopesOf(f.region);
  for (size_t i = 0; i < dates_.size(); ++i) {
    if (f.dates[i].valid()) AddAtDate(f, f.dates[i], region.at[i]);
  }
  AddHolders(f, region);
  AddPledges(f, region.scopes);
  if (holder_entries_ >= limits_.holders) SpillHolders();
  if (pledges_.size() >= limits_.pledges) SpillPledges();
}

store::HolderFigures& Tallies::HolderFiguresAt(HolderEntries& entries, uint32_t date, const std::string* scope) {
  std::vector<HolderAt>& at = entries.at;
  if (entries.index.empty()) {
    for (HolderAt& e : at) {
      if (e.scope == scope) return e.figures;
    }
  } else if (auto it = entries.index.find(scope); it != entries.index.end()) {
    return at[it->second].figures;
  }
  ++holder_entries_;
  at.push_back({date, scope, {}});
  if (at.size() > HolderEntries::kScannedEntries) {
    if (entries.index.empty()) {
      for (uint32_t i = 0; i < at.size(); ++i) entries.index.emplace(at[i].scope, i);
    } else {
      entries.index.emplace(scope, static_cast<uint32_t>(at.size() - 1));
    }
  }
  return at.back().figures;
}

void Tallies::AddHolders(const Facts& f, const RegionScopes& region) {
  for (const auto& name : f.holders) {
    HolderEntries& entries = holders_[name];
    for (uint32_t i = 0; i < dates_.size(); ++i) {
      const Facts::AtDate& at = f.dates[i];
      if (!at.valid()) continue;
      for (ScopeNode* node : region.at[i]) {
        store::HolderFigures& h = HolderFiguresAt(entries, i, &node->first);
        ++h.valid;
        h.high_value += at.high_value();
        for (int r = 0; r < model::kRuleCount; ++r) h.by_rule[r] += (at.rules >> r) & 1;
      }
    }
  }
}

void Tallies::AddAtDate(const Facts& f, const Facts::AtDate& at, const std::vector<ScopeNode*>& tallies) {
  auto increment = [](CountsByCode& counts, std::string_view code) {
    auto it = counts.find(code);
    if (it == counts.end()) it = counts.emplace(std::string(code), 0).first;
    ++it->second;
  };
  std::vector<std::string_view>& tops = tops_;
  tops.clear();
  for (const auto& code : f.industries) {
    std::string_view top = std::string_view(code).substr(0, code.find('.'));
    if (std::find(tops.begin(), tops.end(), top) == tops.end()) tops.push_back(top);
  }
  for (ScopeNode* node : tallies) {
    ScopeTally* t = &node->second;
    store::Counts& c = t->counts;
    ++c.valid;
    c.high_value += at.high_value();
    for (int r = 0; r < model::kRuleCount; ++r) c.by_rule[r] += (at.rules >> r) & 1;
    for (const auto& code : f.industries) increment(t->detailed, code);
    for (auto top : tops) increment(t->top, top);
    if (at.outlook && !at.high_value()) ++t->outlook[at.outlook];
  }
}

// store/schema.h, pledge tallies: one entry per distinct pledge date, with the date before it.
void Tallies::AddPledges(const Facts& f, const std::vector<std::string>& scopes) {
  std::optional<base::Date> previous;
  for (size_t i = 0; i < f.pledges.size();) {
    const base::Date date = f.pledges[i].first;
    store::PledgeTally add;
    add.patents = 1;
    for (; i < f.pledges.size() && f.pledges[i].first == date; ++i) {
      ++add.pledges;
      add.amount_cny += f.pledges[i].second;
    }
    for (const auto& scope : scopes) pledges_[store::PledgeKey(scope, date, previous)].Add(add);
    previous = date;
  }
}

void Tallies::ForEachHolder(
    const std::function<void(const std::string& key, const store::HolderFigures&)>& each) const {
  for (const auto& [name, entries] : holders_) {
    for (const HolderAt& e : entries.at) each(store::HolderTallyKey(dates_[e.date], *e.scope, name), e.figures);
  }
}

void Tallies::SpillHolders() {
  if (holder_entries_ == 0) return;
  store::Store::Batch batch;
  ForEachHolder([&](const std::string& key, const store::HolderFigures& figures) {
    batch.Merge(store_, store::Store::Family::kStagedTally, key, store::EncodeHolderValue(figures));
  });
  store_.WriteConcurrent(batch);
  holders_.clear();
  holder_entries_ = 0;
  spilled_ = true;
}

void Tallies::SpillPledges() {
  if (pledges_.empty()) return;
  store::Store::Batch batch;
  for (const auto& [key, t] : pledges_) {
    batch.Merge(store_, store::Store::Family::kStagedTally, key, store::EncodePledgeTally(t));
  }
  store_.WriteConcurrent(batch);
  pledges_.clear();
  pledges_spilled_ = true;
}

void Tallies::CombineHolders(Tallies& other) {
  for (auto& [name, theirs] : other.holders_) {
    HolderEntries& mine = holders_[name];
    for (const HolderAt& e : theirs.at) {
      const std::string* scope = &scopes_by_date_[e.date].try_emplace(*e.scope).first->first;
      store::HolderFigures& h = HolderFiguresAt(mine, e.date, scope);
      h.high_value += e.figures.high_value;
      h.valid += e.figures.valid;
      for (int r = 0; r < model::kRuleCount; ++r) h.by_rule[r] += e.figures.by_rule[r];
    }
  }
  other.holders_.clear();
  other.holder_entries_ = 0;
}

void Tallies::Combine(Tallies& other) {
  for (size_t i = 0; i < figures_.size(); ++i) {
    figures_[i].valid_inventions += other.figures_[i].valid_inventions;
    figures_[i].high_value += other.figures_[i].high_value;
    figures_[i].valid_inventions_domestic += other.figures_[i].valid_inventions_domestic;
    figures_[i].high_value_domestic += other.figures_[i].high_value_domestic;
    for (const auto& [scope, theirs] : other.scopes_by_date_[i]) {
      ScopeTally& mine = scopes_by_date_[i][scope];
      mine.counts.valid += theirs.counts.valid;
      mine.counts.high_value += theirs.counts.high_value;
      for (int r = 0; r < model::kRuleCount; ++r) mine.counts.by_rule[r] += theirs.counts.by_rule[r];
      for (const auto& [code, n] : theirs.detailed) mine.detailed[code] += n;
      for (const auto& [code, n] : theirs.top) mine.top[code] += n;
      for (const auto& [years, n] : theirs.outlook) mine.outlook[years] += n;
    }
  }
  for (const auto& [key, t] : other.pledges_) pledges_[key].Add(t);
  other.pledges_ = {};  // its memory returns as this map grows
  pledges_spilled_ |= other.pledges_spilled_;
  if (pledges_.size() >= limits_.pledges) SpillPledges();
  for (const auto& [code, n] : other.unknown_regions_) unknown_regions_[code] += n;
  unreadable_ipc_ += other.unreadable_ipc_;
  for (const auto& text : other.unreadable_examples_) AddExample(unreadable_examples_, text);
  for (const auto& [code, n] : other.later_ipc_) later_ipc_[code] += n;
}

void Tallies::Write(const std::function<void(std::string_view key, std::string_view value)>& put) {
  for (size_t i = 0; i < dates_.size(); ++i) {
    const base::Date d = dates_[i];
    for (const auto& [scope, t] : scopes_by_date_[i]) {
      put(store::CountsKey(d, scope), store::EncodeCounts(t.counts));
      for (const auto& [code, n] : t.detailed) put(store::IndustryKey(d, scope, true, code), store::EncodeFigure(n));
      for (const auto& [code, n] : t.top) put(store::IndustryKey(d, scope, false, code), store::EncodeFigure(n));
      for (const auto& [years, n] : t.outlook) put(store::OutlookKey(d, scope, years), store::EncodeFigure(n));
    }
  }
  if (!pledges_spilled_) {
    for (const auto& [key, t] : pledges_) put(key, store::EncodePledgeTally(t));
    return;
  }
  SpillPledges();
  store_.Seal(store::Store::Family::kStagedTally);
  store_.Scan(store::Store::Family::kStagedTally, std::string(1, store::kPledgeTag),
              [&](std::string_view key, std::string_view value) {
                put(key, value);
                return true;
              });
}

}  // namespace hvpat::pipeline
