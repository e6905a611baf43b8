// Tallies (tallies.h): what each winning record adds, at each date, to each scope it
// counts in (store/schema.h: a patent of region r counts for the nation, r's province,
// r's city and r).
#include "tallies.h"

#include <algorithm>

namespace hvpat::pipeline {

Tallies::Tallies(const store::Store& store, std::span<const base::Date> dates, size_t holder_limit)
    : store_(store), dates_(dates.begin(), dates.end()), holder_limit_(holder_limit) {
  figures_.resize(dates_.size());
  for (size_t i = 0; i < dates_.size(); ++i) figures_[i].as_of = dates_[i];
}

const std::vector<std::string>& Tallies::ScopesOf(const std::string& region) {
  auto it = scopes_.find(region);
  if (it == scopes_.end()) it = scopes_.emplace(region, store::ScopesOf(region)).first;
  return it->second;
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
  const std::vector<std::string>& scopes = ScopesOf(f.region);
  for (size_t i = 0; i < dates_.size(); ++i) {
    if (f.dates[i].valid()) AddAtDate(f, i, scopes);
  }
  AddPledges(f, scopes);
  if (holders_.size() >= holder_limit_) SpillHolders();
}

void Tallies::AddAtDate(const Facts& f, size_t date, const std::vector<std::string>& scopes) {
  const Facts::AtDate& at = f.dates[date];
  const base::Date d = dates_[date];
  std::vector<std::string> tops;
  for (const auto& code : f.industries) {
    std::string top = code.substr(0, code.find('.'));
    if (std::find(tops.begin(), tops.end(), top) == tops.end()) tops.push_back(std::move(top));
  }
  for (const auto& scope : scopes) {
    store::Counts& c = counts_[store::CountsKey(d, scope)];
    ++c.valid;
    c.high_value += at.high_value();
    for (int r = 0; r < model::kRuleCount; ++r) c.by_rule[r] += (at.rules >> r) & 1;
    for (const auto& code : f.industries) ++figures_by_key_[store::IndustryKey(d, scope, true, code)];
    for (const auto& top : tops) ++figures_by_key_[store::IndustryKey(d, scope, false, top)];
    if (at.outlook && !at.high_value()) ++figures_by_key_[store::OutlookKey(d, scope, at.outlook)];
    for (const auto& name : f.holders) {
      store::HolderFigures& h = holders_[store::HolderTallyKey(d, scope, name)];
      ++h.valid;
      h.high_value += at.high_value();
      for (int r = 0; r < model::kRuleCount; ++r) h.by_rule[r] += (at.rules >> r) & 1;
    }
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
    for (const auto& scope : scopes) {
      store::PledgeTally& t = pledges_[store::PledgeKey(scope, date, previous)];
      t.pledges += add.pledges;
      t.patents += add.patents;
      t.amount_cny += add.amount_cny;
    }
    previous = date;
  }
}

void Tallies::SpillHolders() {
  if (holders_.empty()) return;
  store::Store::Batch batch;
  for (const auto& [key, figures] : holders_) {
    batch.Merge(store_, store::Store::Family::kHolderTally, key, store::EncodeHolderValue(figures));
  }
  store_.WriteConcurrent(batch);
  holders_.clear();
  spilled_ = true;
}

void Tallies::CombineHolders(Tallies& other) {
  for (auto& [key, f] : other.holders_) {
    store::HolderFigures& mine = holders_[key];
    mine.high_value += f.high_value;
    mine.valid += f.valid;
    for (int r = 0; r < model::kRuleCount; ++r) mine.by_rule[r] += f.by_rule[r];
  }
  other.holders_.clear();
}

void Tallies::Combine(const Tallies& other) {
  for (size_t i = 0; i < figures_.size(); ++i) {
    figures_[i].valid_inventions += other.figures_[i].valid_inventions;
    figures_[i].high_value += other.figures_[i].high_value;
    figures_[i].valid_inventions_domestic += other.figures_[i].valid_inventions_domestic;
    figures_[i].high_value_domestic += other.figures_[i].high_value_domestic;
  }
  for (const auto& [key, c] : other.counts_) {
    store::Counts& mine = counts_[key];
    mine.valid += c.valid;
    mine.high_value += c.high_value;
    for (int r = 0; r < model::kRuleCount; ++r) mine.by_rule[r] += c.by_rule[r];
  }
  for (const auto& [key, n] : other.figures_by_key_) figures_by_key_[key] += n;
  for (const auto& [code, n] : other.unknown_regions_) unknown_regions_[code] += n;
  unreadable_ipc_ += other.unreadable_ipc_;
  for (const auto& text : other.unreadable_examples_) AddExample(unreadable_examples_, text);
  for (const auto& [key, t] : other.pledges_) {
    store::PledgeTally& mine = pledges_[key];
    mine.pledges += t.pledges;
    mine.patents += t.patents;
    mine.amount_cny += t.amount_cny;
  }
}

void Tallies::Write(store::Store& store) const {
  using Family = store::Store::Family;
  // The nation always has its counters, even when no patent counts for it.
  for (auto d : dates_) {
    if (!counts_.count(store::CountsKey(d, store::NationalScope()))) {
      store.Put(Family::kTallies, store::CountsKey(d, store::NationalScope()), store::EncodeCounts({}));
    }
  }
  for (const auto& [key, c] : counts_) store.Put(Family::kTallies, key, store::EncodeCounts(c));
  for (const auto& [key, n] : figures_by_key_) store.Put(Family::kTallies, key, store::EncodeFigure(n));
  for (const auto& [key, t] : pledges_) store.Put(Family::kTallies, key, store::EncodePledgeTally(t));
}

}  // namespace hvpat::pipeline
