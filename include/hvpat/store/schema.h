// The store's byte layout: the only code that knows how keys and values are spelled.
//
// Column families and their keys (all integers big-endian in keys, little-endian varints
// or fixed64 in values; DATE is a date as eight ASCII digits YYYYMMDD):
//
//   default        "meta/..." keys, see the kMeta* constants below
//                  "region/" CODE6          -> RegionValue: NAME '\t' CENSUS '\t' YEAR ':' PERSONS
//                                              ',' ... (regions.tsv's line, CENSUS "" when
//                                              unknown, then its population.tsv rows by year)
//   patents        ID                       -> PatentValue: the record, its family links and
//                                              its verdict at every date of the run
//   tallies        every figure a query reads, summed over the patents counted for a scope:
//     'C' DATE SCOPE                        -> Counts: (2 + kRuleCount) x fixed64 (valid,
//                                              high_value, then one per rule in Rule order)
//     'I' DATE SCOPE 'T'|'D' CODE           -> fixed64: valid inventions at DATE in the
//                                              industry CODE ('T' top-level "1", 'D' detailed "1.5")
//     'O' DATE SCOPE YEARS(2)               -> fixed64: valid, not high-value inventions at DATE that
//                                              first meet `maintained` at DATE + YEARS years
//     'P' SCOPE '/' PDATE PREV              -> PledgeTally (see below); not by statistics date
//   holder_rank    DATE SCOPE ORDER(1) INV(8) NAME -> HolderValue: fixed64 high_value, fixed64
//                                              valid, kRuleCount x fixed64 (one per rule).
//                                              ORDER 0 ranks by high_value (every holder with a
//                                              valid invention), 1 + r by rule r (only those with
//                                              a patent meeting rule r);
//                                              INV = ~figure, so a prefix scan yields the
//                                              ranking: largest first, then name bytes
//   holder         NAME 0x00 FIRSTID        -> HolderBlock: up to kHolderBlockEntries of the
//                                              holder's patents (any region) in id order, FIRSTID
//                                              the first; per patent: varint length + ID, varint
//                                              length + CODE6 (or ""). A holder's blocks cover
//                                              disjoint id ranges, so a prefix scan reads its
//                                              patents in id order
//   staged_tally   ingest only, dropped at its end: figures finalize could not hold in
//                  memory, summed by a merge operator (AddStagedValues):
//     DATE SCOPE 0x00 NAME                  -> HolderValue; becomes holder_rank
//     'P' SCOPE '/' PDATE PREV              -> PledgeTally; copied to tallies
//
// SCOPE is "N" for the nation (patents with a domestic first holder) or "R" CODE6 for a
// province (CODE ends 0000), city (ends 00) or county-level code: a patent of region r
// adds to N, R(province of r), R(city of r) and R(r), each scope once.
//
// Pledge tallies (spec/analytics.md, hvpat pledges): for each record of the office CN
// whose first holder is domestic (any type, any status), its pledges that have a date
// are grouped by date; with u1 < u2 < ... its distinct pledge dates, the entry
// (PDATE = uj, PREV = u(j-1), or "00000000" for u1) adds: pledges = the pledge objects
// dated uj, patents = 1, amount = the sum of their shares amount / patents. A window
// [from, to] sums pledges and amount over the entries with from <= PDATE <= to, and
// patents over those of them with PREV < from (no from: PREV "00000000"), which counts
// each patent once, at its first pledge date in the window.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hvpat/base/date.h"
#include "hvpat/model/patent.h"

namespace hvpat::store {

// Bumped whenever a key or value changes; every command refuses another version.
inline constexpr std::string_view kSchemaVersion = "4";

inline constexpr const char* kPatentsFamily = "patents";
inline constexpr const char* kTalliesFamily = "tallies";
inline constexpr const char* kHolderRankFamily = "holder_rank";
inline constexpr const char* kHolderFamily = "holder";
inline constexpr const char* kStagedTallyFamily = "staged_tally";

// Keys of the default (meta) family.
inline constexpr const char* kMetaSchema = "meta/schema";  // kSchemaVersion
// The rule table's names, comma-separated, in rule-bit order; a database without it was
// built with the five rules of spec/rules.md (kFiveRules).
inline constexpr const char* kMetaRuleTable = "meta/rule_table";
inline constexpr std::string_view kFiveRules = "sei,overseas,maintained,pledge,award";
inline constexpr const char* kMetaAsOf = "meta/as_of";             // "YYYY-MM-DD,..." ascending
inline constexpr const char* kMetaEnabled = "meta/enabled";        // enabled rule names, comma-separated
inline constexpr const char* kMetaSummary = "meta/summary";        // the run summary, JSON
inline constexpr const char* kMetaRules = "meta/rules";            // rules directory, fingerprint, values, JSON
inline constexpr const char* kMetaInputs = "meta/inputs";          // the input files with their sizes, JSON
inline constexpr const char* kMetaRuleFilePrefix = "meta/rules/";  // + FILE -> the bytes of that rules file
inline constexpr const char* kMetaSnapshot = "meta/snapshot";      // NAME '\t' CREATED '\t' RULES FINGERPRINT

// Counters of one scope at one date.
struct Counts {
  uint64_t valid = 0;
  uint64_t high_value = 0;
  std::array<uint64_t, model::kRuleCount> by_rule{};
};

std::string DateKey(base::Date date);
std::string NationalScope();
std::string RegionScope(std::string_view code6);
// The scopes a patent of region `code6` counts in: nation, province, city, itself (distinct).
std::vector<std::string> ScopesOf(std::string_view code6);

// tallies: 'C' counters.
std::string CountsKey(base::Date date, std::string_view scope);
// The prefix of every counters key of `date` for regions ("R"), to list the regions.
std::string RegionCountsPrefix(base::Date date);
std::string EncodeCounts(const Counts& counts);
std::optional<Counts> DecodeCounts(std::string_view value);

// tallies: one fixed64 figure ('I' industries, 'O' outlook).
std::string EncodeFigure(uint64_t n);
std::optional<uint64_t> DecodeFigure(std::string_view value);
std::string IndustryPrefix(base::Date date, std::string_view scope, bool detailed);
std::string IndustryKey(base::Date date, std::string_view scope, bool detailed, std::string_view code);
std::string OutlookPrefix(base::Date date, std::string_view scope);
std::string OutlookKey(base::Date date, std::string_view scope, int years);
// The YEARS of an outlook key that starts with `prefix`.
std::optional<int> DecodeOutlookYears(std::string_view prefix, std::string_view key);

// tallies: 'P' pledge financing (see the layout above).
struct PledgeTally {
  uint64_t pledges = 0;
  uint64_t patents = 0;
  double amount_cny = 0;
  void Add(const PledgeTally& other) {
    pledges += other.pledges;
    patents += other.patents;
    amount_cny += other.amount_cny;
  }
};
// The first byte of every pledge key (in tallies and staged_tally).
inline constexpr char kPledgeTag = 'P';
std::string PledgePrefix(std::string_view scope);
std::string PledgeKey(std::string_view scope, base::Date date, std::optional<base::Date> previous);
struct PledgeKeyParts {
  base::Date date;
  std::optional<base::Date> previous;
};
std::optional<PledgeKeyParts> DecodePledgeKey(std::string_view prefix, std::string_view key);
std::string EncodePledgeTally(const PledgeTally& tally);
std::optional<PledgeTally> DecodePledgeTally(std::string_view value);

// holder_rank and staged_tally.
struct HolderFigures {
  std::string name;
  uint64_t high_value = 0;
  uint64_t valid = 0;
  std::array<uint64_t, model::kRuleCount> by_rule{};
};
// ORDER of a ranking: by high-value patents, or by the patents meeting one rule.
inline constexpr uint8_t kRankByHighValue = 0;
inline constexpr uint8_t RankByRule(model::Rule rule) { return static_cast<uint8_t>(1 + static_cast<int>(rule)); }
std::string HolderRankPrefix(base::Date date, std::string_view scope, uint8_t order = kRankByHighValue);
std::string HolderRankKey(base::Date date, std::string_view scope, uint8_t order, uint64_t figure,
                          std::string_view name);
std::string EncodeHolderValue(const HolderFigures& figures);  // the name is not part of it
// The sum of two HolderValues; nullopt when either is malformed.
std::optional<std::string> AddHolderValues(std::string_view a, std::string_view b);
// The staged_tally merge: the sum of two values of `key`, PledgeTallies for a pledge key,
// else HolderValues; nullopt when either is malformed.
std::optional<std::string> AddStagedValues(std::string_view key, std::string_view a, std::string_view b);
std::string HolderTallyKey(base::Date date, std::string_view scope, std::string_view name);
// The figures of a staged_tally holder entry, with the date and scope part of its key.
struct HolderTally {
  std::string date_scope;  // DATE SCOPE
  HolderFigures figures;
};
std::optional<HolderTally> DecodeHolderTally(std::string_view key, std::string_view value);
// The holder_rank key of a tally under `order`.
std::string RankKeyOf(const HolderTally& tally, uint8_t order);
// Name and figures from a holder_rank entry whose key starts with `prefix`.
std::optional<HolderFigures> DecodeHolderRank(std::string_view prefix, std::string_view key, std::string_view value);

// holder: patents by holder, in blocks (one key per block, not per patent: a national
// company holds tens of thousands of patents, and a key per patent made this family the
// costliest write of an ingest).
inline constexpr size_t kHolderBlockEntries = 64;
std::string HolderPrefix(std::string_view holder);
// The key of the block whose first patent is `first_id`.
std::string HolderKey(std::string_view holder, std::string_view first_id);
void AppendHolderEntry(std::string& block, std::string_view id, std::string_view region);
struct HolderEntry {
  std::string_view id;
  std::string_view region;
};
// The entries of a block, views into `value`; nullopt when it is malformed.
std::optional<std::vector<HolderEntry>> DecodeHolderBlock(std::string_view value);
std::string RegionMetaKey(std::string_view code6);
// A region's meta value: what a count needs of the rules (its name and every population it
// may divide by), so a query reads one key instead of parsing the stored rules files.
struct RegionValue {
  std::string name;
  std::optional<int64_t> census;  // regions.tsv's population; nullopt when unknown
  std::map<int, int64_t> yearly;  // population.tsv's rows of the region: year -> persons
};
std::string EncodeRegionValue(const RegionValue& region);
// nullopt when the bytes are not a RegionValue of this schema.
std::optional<RegionValue> DecodeRegionValue(std::string_view bytes);

// A record with its verdicts at every date and its family links, as stored in `stage`
// and `patents`: the record's fields, then the links, the enabled rules and industries
// (shared by all dates), then per date the date and its flag bytes.
std::string EncodePatent(const model::Patent& patent, const model::Assessment& assessment);
// False when the bytes are not a PatentValue of this schema.
[[nodiscard]] bool DecodePatent(std::string_view bytes, model::Patent& patent, model::Assessment& assessment);

}  // namespace hvpat::store
