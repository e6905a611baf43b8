// Every indexed patent with its verdict at one statistics date, streamed in id order for
// other engines (issue #12 item 7, hvpat export). A scan of the patents family: constant
// memory, one record decoded at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "hvpat/model/patent.h"
#include "hvpat/query/query.h"
#include "hvpat/store/store.h"

namespace hvpat::query {

// What the scan hands to its caller. The references are valid during the call only: the
// same objects are reused for the next record.
struct ExportRecord {
  const model::Patent& patent;
  const model::Verdict& verdict;  // at info.as_of
  base::Date as_of;
  std::string_view as_of_text;  // as_of as YYYY-MM-DD, formatted once per scan
};

struct ExportTotals {
  uint64_t scanned = 0;   // patents read
  uint64_t exported = 0;  // patents handed to the callback
  uint64_t bytes = 0;     // bytes of the stored values read
};

// True when a patent counts for `region` as `count` counts it: its first holder is
// domestic and its region lies in the subtree of `region` (the nation when nullopt).
// REQUIRES: region, if given, is six ASCII digits.
bool CountsFor(const model::Patent& patent, const std::optional<std::string>& region);

// Calls `each` for every indexed patent in id order; with `region`, only for those that
// count for it (CountsFor). Throws Error(kStore) on a record this schema cannot decode or
// one with no verdict at info.as_of.
ExportTotals ExportPatents(const store::Store& store, const RunInfo& info, const std::optional<std::string>& region,
                           const std::function<void(const ExportRecord&)>& each);

}  // namespace hvpat::query
