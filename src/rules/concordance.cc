// Concordance patterns and their compiled lookup (spec/rules.md, "sei" and "Patterns").
#include "hvpat/rules/concordance.h"

#include <algorithm>
#include <atomic>
#include <cassert>

#include "hvpat/base/ascii.h"

namespace hvpat::rules {
namespace {

using base::AllAsciiDigits;
using base::IsAsciiDigit;

bool IsClass(std::string_view s) {
  return s.size() == 3 && s[0] >= 'A' && s[0] <= 'H' && IsAsciiDigit(s[1]) && IsAsciiDigit(s[2]);
}

}  // namespace

std::optional<Pattern> Pattern::Parse(std::string_view text) {
  bool star = !text.empty() && text.back() == '*';
  if (star) text.remove_suffix(1);
  Pattern p;
  if (IsClass(text)) {
    p.kind = Kind::kClass;
    p.subclass = text;
    return p;
  }
  if (text.size() < 4 || !record::IsSubclass(text.substr(0, 4))) return std::nullopt;
  p.subclass = text.substr(0, 4);
  std::string_view rest = text.substr(4);
  if (rest.empty()) {
    p.kind = Kind::kSubclass;
    return p;
  }
  auto slash = rest.find('/');
  std::string_view main = rest.substr(0, slash);
  if (main.empty() || main.size() > 4 || !AllAsciiDigits(main)) return std::nullopt;
  p.main_group = static_cast<uint32_t>(std::stoul(std::string(main)));
  if (slash == std::string_view::npos) {
    p.kind = Kind::kMainGroup;
    return p;
  }
  std::string_view sub = rest.substr(slash + 1);
  if (sub.empty() || sub.size() > 6 || !AllAsciiDigits(sub)) return std::nullopt;
  if (star) {
    p.kind = Kind::kSubgroupPrefix;
    p.subgroup = sub;
  } else {
    p.kind = Kind::kSubgroup;
    p.subgroup = record::TrimSubgroup(sub);
  }
  return p;
}

bool Pattern::Matches(const record::IpcSymbol& s) const {
  switch (kind) {
    case Kind::kClass:
      return s.subclass.compare(0, 3, subclass) == 0;
    case Kind::kSubclass:
      return s.subclass == subclass;
    case Kind::kMainGroup:
      return s.subclass == subclass && s.main_group == main_group;
    case Kind::kSubgroup:
      return s.subclass == subclass && s.main_group == main_group && s.subgroup == subgroup;
    case Kind::kSubgroupPrefix:
      return s.subclass == subclass && s.main_group == main_group &&
             s.subgroup.compare(0, subgroup.size(), subgroup) == 0;
  }
  return false;
}

Concordance::Key Concordance::ClassKey(std::string_view subclass) {
  assert(subclass.size() >= 3 && subclass[0] >= 'A' && subclass[0] <= 'H' && "REQUIRES: a class or subclass");
  return static_cast<Key>(subclass[0] - 'A') * 100 + static_cast<Key>(subclass[1] - '0') * 10 +
         static_cast<Key>(subclass[2] - '0');
}

Concordance::Key Concordance::SubclassKey(std::string_view subclass) {
  assert(record::IsSubclass(subclass) && "REQUIRES: a subclass");
  return ClassKey(subclass) * 26 + static_cast<Key>(subclass[3] - 'A');  // < 8 * 100 * 26 = 20800 < 2^15
}

std::optional<Concordance::Key> Concordance::MainKey(std::string_view subclass, uint32_t main_group) {
  if (main_group > 9999) return std::nullopt;  // patterns give at most four digits
  return SubclassKey(subclass) << 14 | main_group;
}

std::optional<Concordance::Key> Concordance::ExactKey(std::string_view subclass, uint32_t main_group,
                                                      std::string_view subgroup) {
  auto main = MainKey(subclass, main_group);
  if (!main || subgroup.size() > 6) return std::nullopt;  // patterns give at most six digits
  Key digits = 0;
  for (char c : subgroup) digits = digits * 10 + static_cast<Key>(c - '0');
  return *main << 23 | static_cast<Key>(subgroup.size()) << 20 | digits;
}

void Concordance::Index(const Pattern& p, Entry entry) {
  switch (p.kind) {
    case Pattern::Kind::kClass:
      by_class_[ClassKey(p.subclass)].push_back(entry);
      break;
    case Pattern::Kind::kSubclass:
      by_subclass_[SubclassKey(p.subclass)].push_back(entry);
      break;
    case Pattern::Kind::kMainGroup:
      by_main_[*MainKey(p.subclass, p.main_group)].push_back(entry);
      break;
    case Pattern::Kind::kSubgroup:
      by_exact_[*ExactKey(p.subclass, p.main_group, p.subgroup)].push_back(entry);
      break;
    case Pattern::Kind::kSubgroupPrefix:
      by_prefix_[*MainKey(p.subclass, p.main_group)].push_back({p.subgroup, entry});
      break;
  }
}

void Concordance::AddRow(ConcordanceRow row) {
  version_ = NewVersion();
  const auto index = static_cast<uint32_t>(rows_.size());
  auto index_patterns = [&](const std::vector<std::string>& texts, bool exclude) {
    for (uint32_t i = 0; i < texts.size(); ++i) {
      std::optional<Pattern> pattern = Pattern::Parse(texts[i]);
      assert(pattern && "Concordance::AddRow: the loader lets only patterns that parse through");
      if (pattern) Index(*pattern, {index, i, exclude});  // release build: an unparsed one matches nothing
    }
  };
  index_patterns(row.include, false);
  index_patterns(row.exclude, true);
  rows_.push_back(std::move(row));
}

void Concordance::MatchSymbol(const record::IpcSymbol& s, std::vector<uint32_t>& rows, std::vector<Match>* why) const {
  // Gather include and exclude hits; an exclusion only removes its own row.
  thread_local std::vector<Entry> included;
  thread_local std::vector<uint32_t> excluded;
  included.clear();
  excluded.clear();
  auto add = [&](const Entry& e) {
    if (e.exclude) {
      excluded.push_back(e.row);
    } else {
      included.push_back(e);
    }
  };
  auto probe = [&](const auto& map, std::optional<Key> key) {
    if (!key) return;
    auto it = map.find(*key);
    if (it == map.end()) return;
    for (const Entry& e : it->second) add(e);
  };
  probe(by_class_, ClassKey(s.subclass));
  probe(by_subclass_, SubclassKey(s.subclass));
  const std::optional<Key> main = MainKey(s.subclass, s.main_group);
  probe(by_main_, main);
  probe(by_exact_, ExactKey(s.subclass, s.main_group, s.subgroup));
  if (auto it = main ? by_prefix_.find(*main) : by_prefix_.end(); it != by_prefix_.end()) {
    for (const PrefixEntry& e : it->second) {
      if (s.subgroup.compare(0, e.prefix.size(), e.prefix) == 0) add(e.entry);
    }
  }
  if (included.empty()) return;
  // Rows as sets: a row included by two patterns and excluded by one is excluded.
  std::sort(included.begin(), included.end(),
            [](const Entry& a, const Entry& b) { return a.row != b.row ? a.row < b.row : a.pattern < b.pattern; });
  std::sort(excluded.begin(), excluded.end());
  uint32_t last = UINT32_MAX;
  for (const Entry& e : included) {
    if (e.row == last || std::binary_search(excluded.begin(), excluded.end(), e.row)) continue;
    last = e.row;
    if (rows.empty() || rows.back() < e.row || std::find(rows.begin(), rows.end(), e.row) == rows.end()) {
      rows.push_back(e.row);
    }
    if (why) why->push_back({e.row, e.pattern});
  }
}

uint64_t Concordance::NewVersion() {
  static std::atomic<uint64_t> next{1};
  return next++;
}

namespace {
// The rows of recently met symbol texts, direct-mapped by the text's hash.
struct SymbolRows {
  static constexpr size_t kSlots = 4096;
  struct Slot {
    uint64_t version = 0;  // the Concordance's; 0: empty
    std::string text;
    std::vector<uint32_t> rows;
  };
  std::vector<Slot> slots = std::vector<Slot>(kSlots);
};
}  // namespace

std::vector<std::string> Concordance::Industries(const std::vector<std::string>& symbols) const {
  thread_local SymbolRows cache;
  std::vector<uint32_t> rows;
  for (const auto& text : symbols) {
    SymbolRows::Slot& slot = cache.slots[std::hash<std::string>{}(text) % SymbolRows::kSlots];
    if (slot.version != version_ || slot.text != text) {
      slot.version = version_;
      slot.text = text;
      slot.rows.clear();
      if (auto symbol = record::ReadIpc(text)) MatchSymbol(*symbol, slot.rows);
    }
    for (uint32_t row : slot.rows) {
      if (std::find(rows.begin(), rows.end(), row) == rows.end()) rows.push_back(row);
    }
  }
  std::vector<std::string> codes;
  codes.reserve(rows.size());
  for (uint32_t row : rows) codes.push_back(rows_[row].industry_code);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

}  // namespace hvpat::rules
