// Snapshots and the run-to-run diff (spec/nightly.md). The diff is one merge of the two
// snapshots' patents in id order; records whose stored bytes are equal are equal, so only
// changed, added and removed records are decoded.
#include "hvpat/query/nightly.h"

#include <algorithm>

#include "hvpat/base/error.h"
#include "hvpat/model/run_summary.h"
#include "hvpat/query/analytics.h"
#include "hvpat/query/query.h"
#include "hvpat/store/layout.h"
#include "hvpat/store/schema.h"
#include "hvpat/store/store.h"

namespace hvpat::query {
namespace {

using store::Store;

SnapshotInfo Describe(const store::layout::SnapshotEntry& entry) {
  auto store = Store::OpenReadOnly(entry.path);
  SnapshotInfo info;
  info.name = entry.name;
  info.published = entry.published;
  RunInfo run = ReadRunInfo(*store);
  info.as_of = run.dates;
  info.summary_json = run.summary_json;
  if (auto meta = store->Get(Store::Family::kMeta, store::kMetaSnapshot)) {
    size_t a = meta->find('\t'), b = meta->find('\t', a + 1);
    if (a != std::string::npos && b != std::string::npos) {
      info.created = meta->substr(a + 1, b - a - 1);
      info.rules_fingerprint = meta->substr(b + 1);
    }
  }
  info.lines_read = model::SummaryNumber(run.summary_json, "lines_read").value_or(0);
  info.indexed = model::SummaryNumber(run.summary_json, "indexed").value_or(0);
  info.quarantined = model::SummaryNumber(run.summary_json, "quarantined").value_or(0);
  return info;
}

// Whether a record counts for `region` (its whole subtree) as count counts it.
bool CountsFor(const model::Patent& p, const std::optional<std::string>& region) {
  if (!p.FirstHolderDomestic()) return false;
  if (!region) return true;
  const std::string code(p.Region());
  return code.size() == 6 && InSubtree(code, *region);
}

// One side of the merge: a record decoded on demand, with its verdict at D when it counts.
struct Side {
  std::unique_ptr<Store> store;
  std::unique_ptr<Store::Cursor> cursor;
  model::Patent patent;
  model::Assessment assessment;

  std::optional<model::Verdict> Verdict(base::Date d, const std::optional<std::string>& region) {
    if (!store::DecodePatent(cursor->value(), patent, assessment)) {
      throw Error(ErrorKind::kStore, "corrupt patent record " + std::string(cursor->key()));
    }
    if (!CountsFor(patent, region)) return std::nullopt;
    auto i = assessment.IndexOf(d);
    if (!i) throw Error(ErrorKind::kStore, "patent " + patent.id + " has no verdict as of " + d.ToString());
    return assessment.verdicts[*i];
  }
};

void Compare(DiffEntry entry, DiffResult& out) {
  const bool hv_from = entry.from && entry.from->high_value;
  const bool hv_to = entry.to && entry.to->high_value;
  if (hv_to && !hv_from) {
    out.entered.push_back(std::move(entry));
  } else if (hv_from && !hv_to) {
    out.left.push_back(std::move(entry));
  }
}

void Merge(Side& from, Side& to, base::Date d, const std::optional<std::string>& region, DiffResult& out) {
  while (from.cursor->Valid() || to.cursor->Valid()) {
    int order = !from.cursor->Valid() ? 1 : !to.cursor->Valid() ? -1 : from.cursor->key().compare(to.cursor->key());
    if (order == 0 && from.cursor->value() == to.cursor->value()) {  // unchanged
      from.cursor->Next();
      to.cursor->Next();
      continue;
    }
    DiffEntry entry;
    entry.id = std::string(order <= 0 ? from.cursor->key() : to.cursor->key());
    if (order <= 0) {
      entry.from = from.Verdict(d, region);
      entry.region = std::string(from.patent.Region());
      if (order < 0 && entry.from) ++out.removed;
      from.cursor->Next();
    }
    if (order >= 0) {
      entry.to = to.Verdict(d, region);
      if (entry.to || entry.region.empty()) entry.region = std::string(to.patent.Region());
      if (order > 0 && entry.to) ++out.added;
      to.cursor->Next();
    }
    Compare(std::move(entry), out);
  }
}

base::Date CommonDate(const RunInfo& a, const RunInfo& b, const std::optional<base::Date>& wanted,
                      const DiffResult& r) {
  std::vector<base::Date> common;
  for (auto d : a.dates) {
    if (std::find(b.dates.begin(), b.dates.end(), d) != b.dates.end()) common.push_back(d);
  }
  if (wanted) {
    if (std::find(common.begin(), common.end(), *wanted) == common.end()) {
      throw Error(ErrorKind::kUsage,
                  "--as-of " + wanted->ToString() + " is not a statistics date of both " + r.from + " and " + r.to);
    }
    return *wanted;
  }
  if (common.empty())
    throw Error(ErrorKind::kUsage, "snapshots " + r.from + " and " + r.to + " share no statistics date");
  return common.back();
}

uint64_t HighValue(const Store& store, const RunInfo& info, const std::optional<std::string>& region) {
  return Count(store, info, region).counts.high_value;
}

}  // namespace

std::vector<SnapshotInfo> Snapshots(const std::string& db) {
  (void)store::layout::SnapshotPath(db, std::nullopt);  // names the problem when db is no database
  std::vector<SnapshotInfo> out;
  for (const auto& entry : store::layout::ListSnapshots(db)) out.push_back(Describe(entry));
  return out;
}

DiffResult Diff(const std::string& db, const DiffRequest& request) {
  DiffResult result;
  if (store::layout::Inspect(db) != store::layout::DirState::kDatabase) (void)store::layout::SnapshotPath(db);
  const auto kept = store::layout::ListSnapshots(db);
  result.to = request.to ? *request.to : store::layout::PublishedName(db).value_or("");
  auto at = std::find_if(kept.begin(), kept.end(), [&](const auto& e) { return e.name == result.to; });
  if (at == kept.end()) throw Error(ErrorKind::kStore, "no snapshot '" + result.to + "' in " + db);
  if (request.from) {
    result.from = *request.from;
  } else if (at + 1 != kept.end()) {
    result.from = (at + 1)->name;
  } else {
    throw Error(ErrorKind::kUsage,
                db + " keeps no snapshot older than " + result.to + " to compare with (--from NAME)");
  }
  Side from, to;
  from.store = Store::OpenReadOnly(store::layout::SnapshotPath(db, result.from));
  to.store = Store::OpenReadOnly(store::layout::SnapshotPath(db, result.to));
  RunInfo from_info = ReadRunInfo(*from.store), to_info = ReadRunInfo(*to.store);
  result.as_of = CommonDate(from_info, to_info, request.as_of, result);
  result.region = request.region && *request.region != "000000" ? request.region : std::nullopt;
  from_info.as_of = to_info.as_of = result.as_of;
  result.high_value_from = HighValue(*from.store, from_info, result.region);
  result.high_value_to = HighValue(*to.store, to_info, result.region);
  from.cursor = from.store->NewCursor(Store::Family::kPatents);
  to.cursor = to.store->NewCursor(Store::Family::kPatents);
  Merge(from, to, result.as_of, result.region, result);
  return result;
}

}  // namespace hvpat::query
