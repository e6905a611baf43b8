// The patents scan behind hvpat export: one cursor over the patents family, one record
// decoded into reused objects at a time, so memory stays constant whatever the database.
#include "hvpat/query/export.h"

#include <algorithm>
#include <cassert>

#include "hvpat/base/ascii.h"
#include "hvpat/base/error.h"
#include "hvpat/store/schema.h"

namespace hvpat::query {

using store::Store;

bool CountsFor(const model::Patent& patent, const std::optional<std::string>& region) {
  assert(!region || base::IsAsciiDigits(*region, 6));
  if (!region) return true;
  if (!patent.FirstHolderDomestic()) return false;
  const std::vector<std::string> scopes = store::ScopesOf(patent.Region());
  return std::find(scopes.begin(), scopes.end(), store::RegionScope(*region)) != scopes.end();
}

ExportTotals ExportPatents(const Store& store, const RunInfo& info, const std::optional<std::string>& region,
                           const std::function<void(const ExportRecord&)>& each) {
  ExportTotals totals;
  model::Patent patent;
  model::Assessment assessment;
  const std::string as_of_text = info.as_of.ToString();
  std::optional<size_t> index;  // the verdicts of every record share the run's dates
  for (auto cursor = store.NewCursor(Store::Family::kPatents); cursor->Valid(); cursor->Next()) {
    ++totals.scanned;
    totals.bytes += cursor->value().size();
    if (!store::DecodePatent(cursor->value(), patent, assessment)) {
      throw Error(ErrorKind::kStore, "corrupt patent record " + std::string(cursor->key()));
    }
    if (!index || *index >= assessment.dates.size() || assessment.dates[*index] != info.as_of) {
      index = assessment.IndexOf(info.as_of);
    }
    if (!index) {
      throw Error(ErrorKind::kStore, "patent " + patent.id + " has no verdict as of " + info.as_of.ToString());
    }
    if (!CountsFor(patent, region)) continue;
    ++totals.exported;
    each(ExportRecord{patent, assessment.verdicts[*index], info.as_of, as_of_text});
  }
  return totals;
}

}  // namespace hvpat::query
