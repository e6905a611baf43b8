// The strategic-emerging-industry concordance (rules/sei_ipc.tsv) compiled into hash
// lookups: a symbol is matched with a few probes, never against every pattern.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hvpat/record/ipc.h"

namespace hvpat::rules {

// One pattern of the table (spec/rules.md, "Patterns").
struct Pattern {
  enum class Kind : uint8_t { kClass, kSubclass, kMainGroup, kSubgroup, kSubgroupPrefix };
  Kind kind = Kind::kClass;
  std::string subclass;  // "C08" for a class, else the four-character subclass
  uint32_t main_group = 0;
  std::string subgroup;  // digits (trimmed for kSubgroup, as given for kSubgroupPrefix)

  // Reads `C08`, `B41J*`, `G06F11*`, `G06F9/445`, `G06N3/04*`; nullopt otherwise.
  static std::optional<Pattern> Parse(std::string_view text);
  bool Matches(const record::IpcSymbol& symbol) const;
};

struct ConcordanceRow {
  std::string industry_code;  // "1.5"
  std::string industry_name;
  std::string row_id;                // "1.5#2"
  std::vector<std::string> include;  // patterns as written, for evidence
  std::vector<std::string> exclude;
};

// Immutable after Build; safe to share between threads.
class Concordance {
 public:
  // Adds a row; REQUIRES: every pattern text parses (the loader checks).
  void AddRow(ConcordanceRow row);
  size_t row_count() const { return rows_.size(); }
  const ConcordanceRow& row(size_t index) const { return rows_[index]; }

  // A row matched by a symbol, with the index (in the row's `include`) of a pattern that
  // matched it.
  struct Match {
    uint32_t row;
    uint32_t pattern;
  };
  // Rows matched by one symbol: matched by an include pattern of the row and by none of
  // that row's exclude patterns. Ascending row indices appended to `rows`; with `why`,
  // the matches themselves appended too.
  void MatchSymbol(const record::IpcSymbol& symbol, std::vector<uint32_t>& rows,
                   std::vector<Match>* why = nullptr) const;
  // Distinct industry codes ("1.5") matched by any of the symbols (canonical strings;
  // unreadable ones match nothing), ascending. Each thread keeps the rows of the symbols
  // it met last (a few thousand): symbols repeat from record to record, so most are
  // neither read nor matched again.
  std::vector<std::string> Industries(const std::vector<std::string>& symbols) const;

 private:
  struct Entry {
    uint32_t row;
    uint32_t pattern;  // index in the row's include or exclude list
    bool exclude;
  };
  struct PrefixEntry {
    std::string prefix;
    Entry entry;
  };
  void Index(const Pattern& pattern, Entry entry);
  static uint64_t NewVersion();

  // Names this table's contents for the per-thread cache of Industries: a new value at
  // every change, never reused, so no cache outlives what it was filled from.
  uint64_t version_ = NewVersion();

  // Lookup keys packed into integers, so that a probe hashes and compares no string.
  // Subclasses are [A-H][0-9]{2}[A-Z] (both patterns and read symbols are), which packs
  // into 15 bits; main groups of up to four digits into 14; a subgroup of up to six
  // digits into its length (3 bits) and value (20). nullopt: the symbol's main group or
  // subgroup is longer than any pattern's, so no pattern of that kind can match it.
  using Key = uint64_t;
  static Key ClassKey(std::string_view subclass);
  static Key SubclassKey(std::string_view subclass);
  static std::optional<Key> MainKey(std::string_view subclass, uint32_t main_group);
  static std::optional<Key> ExactKey(std::string_view subclass, uint32_t main_group, std::string_view subgroup);

  std::vector<ConcordanceRow> rows_;
  std::unordered_map<Key, std::vector<Entry>> by_class_;
  std::unordered_map<Key, std::vector<Entry>> by_subclass_;
  std::unordered_map<Key, std::vector<Entry>> by_main_;          // G06F11
  std::unordered_map<Key, std::vector<Entry>> by_exact_;         // G06F11/14
  std::unordered_map<Key, std::vector<PrefixEntry>> by_prefix_;  // G06N3, then the prefix digits
};

}  // namespace hvpat::rules
