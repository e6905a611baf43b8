// The store's byte layout: the only code that knows how keys and values are spelled.
//
// Column families and their keys (all integers big-endian in keys, little-endian varints
// or fixed64 in values; DATE is the statistics date as eight ASCII digits YYYYMMDD, so a
// database can later hold several dates side by side):
//
//   default        "meta/schema"            -> "1"
//                  "meta/as_of"             -> the statistics dates, "YYYY-MM-DD,..." ascending
//                  "meta/rules/" FILE       -> the bytes of each rules file the run used
//                  "meta/summary"           -> the run summary, JSON
//                  "meta/rules"             -> rules directory, fingerprint and ini values, JSON
//                  "meta/inputs"            -> the input files with their sizes, JSON
//                  "region/" CODE6          -> NAME '\t' POPULATION (from regions.tsv; "" when unknown)
//   stage          ID 0x00 SEQ(8)           -> PatentValue before family resolution; ingest only,
//                                              dropped when the run is finalised
//   patents        ID                       -> PatentValue: the record, its family links and
//                                              its verdict at every date of the run
//   counts         DATE SCOPE               -> CountsValue: 7 x fixed64 (valid, high_value,
//                                              then one per rule in Rule order)
//   holder_rank    DATE SCOPE 0x00 INV_HV(8) NAME -> HolderValue: fixed64 high_value, fixed64 valid
//                                              (INV_HV = ~high_value, so a prefix scan yields the
//                                              ranking: most high-value first, then name bytes)
//   holder_tally   DATE SCOPE 0x00 NAME     -> HolderValue, summed by a merge operator; ingest
//                                              only: it becomes holder_rank, then is dropped
//   region_holder  CODE6 NAME 0x00 ID       -> "" (patents by region, then holder)
//   holder         NAME 0x00 ID             -> CODE6 or "" (patents by holder, any region)
//
// SCOPE is "N" for the nation (patents with a domestic first holder) or "R" CODE6 for a
// province (CODE ends 0000), city (ends 00) or county-level code: a patent of region r
// adds to N, R(province of r), R(city of r) and R(r), each scope once.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hvpat/base/date.h"
#include "hvpat/model/patent.h"

namespace hvpat::store {

inline constexpr std::string_view kSchemaVersion = "1";

inline constexpr const char* kStageFamily = "stage";
inline constexpr const char* kPatentsFamily = "patents";
inline constexpr const char* kCountsFamily = "counts";
inline constexpr const char* kHolderRankFamily = "holder_rank";
inline constexpr const char* kRegionHolderFamily = "region_holder";
inline constexpr const char* kHolderFamily = "holder";
inline constexpr const char* kHolderTallyFamily = "holder_tally";

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
// The scope a query for `code6` reads: the code itself, as province, city or county.
std::string QueryScope(std::string_view code6);

std::string StageKey(std::string_view id, uint64_t sequence);
// The id part of a stage key.
std::string_view StageKeyId(std::string_view key);

std::string CountsKey(base::Date date, std::string_view scope);
std::string EncodeCounts(const Counts& counts);
std::optional<Counts> DecodeCounts(std::string_view value);

std::string HolderRankPrefix(base::Date date, std::string_view scope);
std::string HolderRankKey(base::Date date, std::string_view scope, uint64_t high_value, std::string_view name);
std::string EncodeHolderValue(uint64_t high_value, uint64_t valid);
// The sum of two HolderValues (the holder_tally merge); nullopt when either is malformed.
std::optional<std::string> AddHolderValues(std::string_view a, std::string_view b);
std::string HolderTallyKey(base::Date date, std::string_view scope, std::string_view name);
// The holder_rank entry of a holder_tally entry.
std::optional<std::pair<std::string, std::string>> RankFromTally(std::string_view key, std::string_view value);
// Name and figures from a holder_rank entry whose key starts with `prefix`.
struct HolderFigures {
  std::string name;
  uint64_t high_value = 0;
  uint64_t valid = 0;
};
std::optional<HolderFigures> DecodeHolderRank(std::string_view prefix, std::string_view key,
                                              std::string_view value);

std::string RegionHolderKey(std::string_view code6, std::string_view holder, std::string_view id);
std::string HolderKey(std::string_view holder, std::string_view id);
std::string RegionMetaKey(std::string_view code6);

// A record with its verdicts at every date and its family links, as stored in `stage`
// and `patents`: the record's fields, then the links, the enabled rules and industries
// (shared by all dates), then per date the date and its flag bytes.
std::string EncodePatent(const model::Patent& patent, const model::Assessment& assessment);
// False when the bytes are not a PatentValue of this schema.
[[nodiscard]] bool DecodePatent(std::string_view bytes, model::Patent& patent, model::Assessment& assessment);

}  // namespace hvpat::store
