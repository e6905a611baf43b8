// What finalize needs of one record, made once in the parallel stage so that finalize
// never decodes a stored patent again (issue: one decode, one write): its id and input
// position, region and holders, verdict flags at every date, industries, pledges and its
// role in family links. Encoded compactly for the run buffers and spill files.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hvpat/base/date.h"
#include "hvpat/model/patent.h"
#include "hvpat/rules/rule_set.h"

namespace hvpat::pipeline {

static_assert(model::kRuleCount <= 8, "a date's rule flags are one byte");

struct Facts {
  enum Flag : uint8_t {
    kCnOffice = 1,        // office CN
    kDomesticFirst = 2,   // first holder domestic: counted for the nation and its region
    kMember = 4,          // can be a granted family member abroad of records sharing family_id
    kNeedsLinks = 8,      // has a family_id: finalize looks up its links (rules.md, overseas)
    kUnknownRegion = 16,  // domestic first holder whose region has no line in regions.tsv
  };
  struct AtDate {
    uint8_t flags = 0;     // 1 valid, 2 high-value
    uint8_t rules = 0;     // bit r: rule r holds
    uint16_t outlook = 0;  // valid, not high-value: first meets maintained at D + outlook years (0: never)
    bool valid() const { return flags & 1; }
    bool high_value() const { return flags & 2; }
  };

  std::string id;
  uint64_t sequence = 0;  // input order: later occurrences of an id have larger ones
  uint8_t flags = 0;
  std::string region;  // the first holder's six-digit region when domestic, else empty
  std::string family_id;
  std::string office;                                  // members only
  base::Date grant_date;                               // members only
  std::vector<std::string> holders;                    // distinct names, in record order
  std::vector<std::string> industries;                 // detailed codes, sorted, unique
  std::vector<std::pair<base::Date, double>> pledges;  // CN office, domestic first holder: (date, share)
  std::vector<AtDate> dates;
  uint32_t unreadable_ipc = 0;         // strings of `ipc` that are not IPC symbols (record-format.md)
  std::string unreadable_example;      // the first of them
  std::vector<std::string> later_ipc;  // codes of ipc_editions.tsv its symbols fall in, unique

  bool Has(Flag flag) const { return (flags & flag) != 0; }
  // Every field back to its default; strings and vectors keep their capacity, so that a
  // worker's Facts serves record after record without allocating.
  void Clear() {
    id.clear();
    sequence = 0;
    flags = 0;
    region.clear();
    family_id.clear();
    office.clear();
    grant_date = base::Date();
    holders.clear();
    industries.clear();
    pledges.clear();
    dates.clear();
    unreadable_ipc = 0;
    unreadable_example.clear();
    later_ipc.clear();
  }
};

// The facts of a record assessed at `dates` (no family links yet).
void MakeFacts(const model::Patent& patent, const model::Assessment& assessment, std::span<const base::Date> dates,
               const rules::RuleSet& rules, uint64_t sequence, Facts& out);

// Appends the encoding of `facts` to `out`; its first bytes spell the id (see FactsId).
void EncodeFacts(const Facts& facts, std::string& out);
// The id and sequence of an encoded Facts, without decoding the rest.
std::string_view FactsId(std::string_view bytes);
uint64_t FactsSequence(std::string_view bytes);
// The Facts::Flag bits of an encoded Facts, without decoding the rest.
uint8_t FactsFlags(std::string_view bytes);
// False when the bytes are not an encoded Facts.
[[nodiscard]] bool DecodeFacts(std::string_view bytes, Facts& out);

}  // namespace hvpat::pipeline
