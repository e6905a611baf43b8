// Publishing a run (publish.h).
#include "publish.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "hvpat/base/error.h"
#include "hvpat/base/json.h"
#include "hvpat/rules/rule_table.h"
#include "hvpat/store/layout.h"
#include "hvpat/store/schema.h"

namespace hvpat::pipeline {
namespace fs = std::filesystem;
using model::RunSummary;
using store::Store;

namespace {

std::string InputsJson(const std::vector<std::string>& files) {
  std::string out = "[";
  for (const auto& file : files) {
    std::error_code ec;
    auto size = fs::file_size(file, ec);
    if (out.size() > 1) out += ",";
    out += "{\"file\":" + base::JsonString(file) + ",\"bytes\":" + std::to_string(ec ? 0 : size) + "}";
  }
  return out + "]";
}

}  // namespace

void WriteMeta(store::Store& store, const IngestOptions& options, const rules::RuleSet& rules,
               const RunSummary& summary) {
  store.Put(Store::Family::kMeta, store::kMetaSchema, store::kSchemaVersion);
  store.Put(Store::Family::kMeta, store::kMetaRuleTable, rules::RuleNames(","));
  std::string dates;
  for (auto date : options.dates) dates += (dates.empty() ? "" : ",") + date.ToString();
  store.Put(Store::Family::kMeta, store::kMetaAsOf, dates);
  for (size_t i = 0; i < rules::kRuleFiles.size(); ++i) {
    store.Put(Store::Family::kMeta, std::string(store::kMetaRuleFilePrefix) + rules::kRuleFiles[i],
              rules.texts.files[i]);
  }
  store.Put(Store::Family::kMeta, store::kMetaRules, rules::DescribeJson(rules));
  std::string enabled;
  for (auto rule : model::kAllRules) {
    if (rules.config.Enabled(rule)) enabled += (enabled.empty() ? "" : ",") + std::string(rules::RuleName(rule));
  }
  store.Put(Store::Family::kMeta, store::kMetaEnabled, enabled);
  store.Put(Store::Family::kMeta, store::kMetaInputs, InputsJson(options.files));
  store.Put(Store::Family::kMeta, store::kMetaSummary, model::SummaryJson(summary));
  store.Put(Store::Family::kMeta, store::kMetaSnapshot,
            summary.snapshot + "\t" + summary.created + "\t" + rules.fingerprint);
  for (const auto& [code, region] : rules.regions) {
    store::RegionValue value{region.name, region.population, {}};
    if (auto rows = rules.population.find(code); rows != rules.population.end()) value.yearly = rows->second;
    store.Put(Store::Family::kMeta, store::RegionMetaKey(code), store::EncodeRegionValue(value));
  }
}

void Verify(const std::string& path, const RunSummary& summary) {
  auto store = Store::OpenReadOnly(path);
  auto fail = [&](const std::string& what) {
    throw Error(ErrorKind::kStore, "the new snapshot failed verification (" + what + "); nothing was published");
  };
  if (store->Get(Store::Family::kMeta, store::kMetaSchema) != std::string(store::kSchemaVersion)) fail("schema");
  for (const model::DateFigures& d : summary.dates) {
    auto value = store->Get(Store::Family::kTallies, store::CountsKey(d.as_of, store::NationalScope()));
    auto counts = value ? store::DecodeCounts(*value) : std::nullopt;
    if (!counts) fail("no national counters at " + d.as_of.ToString());
    if (counts->valid != d.valid_inventions_domestic || counts->high_value != d.high_value_domestic) {
      fail("national counters at " + d.as_of.ToString() + " differ from the run's count");
    }
  }
}

std::string SnapshotJson(const RunSummary& s, const rules::RuleSet& rules) {
  std::string dates;
  for (const auto& d : s.dates) dates += (dates.empty() ? "\"" : ",\"") + d.as_of.ToString() + "\"";
  return "{\"name\":" + base::JsonString(s.snapshot) + ",\"created\":" + base::JsonString(s.created) + ",\"as_of\":[" +
         dates + "],\"rules_fingerprint\":" + base::JsonString(rules.fingerprint) +
         ",\"lines_read\":" + std::to_string(s.lines_read) + ",\"indexed\":" + std::to_string(s.indexed) +
         ",\"quarantined\":" + std::to_string(s.quarantined) + ",\"summary\":" + model::SummaryJson(s) + "}\n";
}

std::string GuardReason(const IngestOptions& options, const RunSummary& s, const std::string& db_dir) {
  auto published = store::layout::PublishedName(db_dir);
  if (!published) return "";
  if (s.lines_read > 0 &&
      static_cast<double>(s.quarantined) > options.max_quarantined_share * static_cast<double>(s.lines_read)) {
    return std::to_string(s.quarantined) + " of " + std::to_string(s.lines_read) + " lines quarantined, more than " +
           base::JsonNumber(options.max_quarantined_share * 100) + "%";
  }
  std::ifstream in(fs::path(db_dir) / "snapshots" / *published / "snapshot.json", std::ios::binary);
  std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto previous = model::SummaryNumber(json, "indexed");
  if (previous && static_cast<double>(s.indexed) < options.min_indexed_share * static_cast<double>(*previous)) {
    return std::to_string(s.indexed) + " patents indexed, fewer than " +
           base::JsonNumber(options.min_indexed_share * 100) + "% of the " + std::to_string(*previous) +
           " of the published snapshot " + *published;
  }
  return "";
}

void CheckFreeSpace(const std::string& dir) {
  std::error_code ec;
  const fs::space_info space = fs::space(dir, ec);
  if (ec || space.available >= kMinFreeBytes) return;
  throw Error(ErrorKind::kStore, "no space left for a new snapshot in " + dir + ": " +
                                     std::to_string(space.available >> 20) + " MiB free, at least " +
                                     std::to_string(kMinFreeBytes >> 20) + " MiB needed; free some space");
}

void ReplaceQuarantine(const std::string& db_dir, const std::string& snapshot_path) {
  const fs::path top = fs::path(db_dir);
  std::error_code ec;
  fs::remove(top / ".tmp-quarantine.ndjson", ec);
  fs::create_hard_link(fs::path(snapshot_path) / "quarantine.ndjson", top / ".tmp-quarantine.ndjson", ec);
  if (!ec) fs::rename(top / ".tmp-quarantine.ndjson", top / "quarantine.ndjson", ec);
  if (ec) throw Error(ErrorKind::kStore, "cannot write " + (top / "quarantine.ndjson").string() + ": " + ec.message());
}

}  // namespace hvpat::pipeline
