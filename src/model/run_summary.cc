// The run summary as JSON (spec/cli.md, ingest --format json).
#include "hvpat/model/run_summary.h"

#include "hvpat/base/json.h"

namespace hvpat::model {
namespace {

std::string DatesJson(const std::vector<DateFigures>& dates) {
  return base::JsonArray(dates, [](const DateFigures& d) {
    return "{\"as_of\":\"" + d.as_of.ToString() + "\",\"valid_inventions\":" + std::to_string(d.valid_inventions) +
           ",\"high_value\":" + std::to_string(d.high_value) +
           ",\"valid_inventions_domestic\":" + std::to_string(d.valid_inventions_domestic) +
           ",\"high_value_domestic\":" + std::to_string(d.high_value_domestic) + "}";
  });
}

std::string UnknownRegionsJson(const std::vector<std::pair<std::string, uint64_t>>& codes) {
  return base::JsonArray(codes, [](const std::pair<std::string, uint64_t>& code) {
    return "{\"code\":" + base::JsonString(code.first) + ",\"patents\":" + std::to_string(code.second) + "}";
  });
}

std::string LaterIpcJson(const std::vector<RunSummary::LaterIpcCount>& rows) {
  return base::JsonArray(rows, [](const RunSummary::LaterIpcCount& r) {
    return "{\"code\":" + base::JsonString(r.code) + ",\"edition\":" + base::JsonString(r.edition) +
           ",\"moved_from\":" + base::JsonString(r.moved_from) +
           ",\"valid_inventions\":" + std::to_string(r.valid_inventions) + "}";
  });
}

std::string StringsJson(const std::vector<std::string>& texts) { return base::JsonStringArray(texts); }

}  // namespace

std::string SummaryJson(const RunSummary& s) {
  auto n = [](uint64_t v) { return std::to_string(v); };
  double mb = static_cast<double>(s.bytes_decoded) / 1e6;
  return "{\"as_of\":\"" + s.as_of.ToString() + "\",\"lines_read\":" + n(s.lines_read) +
         ",\"indexed\":" + n(s.indexed) + ",\"quarantined\":" + n(s.quarantined) +
         ",\"duplicates_replaced\":" + n(s.duplicates_replaced) + ",\"valid_inventions\":" + n(s.valid_inventions) +
         ",\"high_value\":" + n(s.high_value) + ",\"seconds\":" + base::JsonNumber(s.seconds) +
         ",\"bytes_read\":" + n(s.bytes_read) + ",\"valid_inventions_domestic\":" + n(s.valid_inventions_domestic) +
         ",\"high_value_domestic\":" + n(s.high_value_domestic) + ",\"bytes_decoded\":" + n(s.bytes_decoded) +
         ",\"staged_bytes\":" + n(s.staged_bytes) + ",\"index_entries\":" + n(s.index_entries) +
         ",\"runs\":" + n(s.runs) + ",\"spilled_bytes\":" + n(s.spilled_bytes) +
         ",\"threads\":" + std::to_string(s.threads) + ",\"pipeline_seconds\":" + base::JsonNumber(s.pipeline_seconds) +
         ",\"read_seconds\":" + base::JsonNumber(s.read_seconds) +
         ",\"parse_seconds\":" + base::JsonNumber(s.parse_seconds) +
         ",\"write_seconds\":" + base::JsonNumber(s.write_seconds) +
         ",\"finalize_seconds\":" + base::JsonNumber(s.finalize_seconds) +
         ",\"publish_seconds\":" + base::JsonNumber(s.publish_seconds) +
         ",\"mb_per_second\":" + base::JsonNumber(s.seconds > 0 ? mb / s.seconds : 0) + ",\"records_per_second\":" +
         base::JsonNumber(s.seconds > 0 ? static_cast<double>(s.lines_read) / s.seconds : 0) +
         ",\"unknown_regions\":" + UnknownRegionsJson(s.unknown_regions) +
         ",\"unreadable_ipc\":" + n(s.unreadable_ipc) +
         ",\"unreadable_ipc_examples\":" + StringsJson(s.unreadable_ipc_examples) +
         ",\"later_edition_ipc\":" + LaterIpcJson(s.later_ipc) + ",\"snapshot\":" + base::JsonString(s.snapshot) +
         ",\"created\":" + base::JsonString(s.created) + ",\"published\":" + (s.published ? "true" : "false") +
         ",\"held\":" + (s.held.empty() ? std::string("null") : base::JsonString(s.held)) +
         ",\"dates\":" + DatesJson(s.dates) + "}";
}

std::optional<uint64_t> SummaryNumber(const std::string& json, const std::string& member) {
  const std::string key = "\"" + member + "\":";
  size_t at = json.find(key);
  if (at == std::string::npos) return std::nullopt;
  at += key.size();
  uint64_t n = 0;
  size_t digits = 0;
  for (; at < json.size() && json[at] >= '0' && json[at] <= '9'; ++at, ++digits) n = n * 10 + (json[at] - '0');
  if (digits == 0) return std::nullopt;
  return n;
}

void RunSummary::SelectLatest() {
  if (dates.empty()) return;
  const DateFigures& latest = dates.back();
  as_of = latest.as_of;
  valid_inventions = latest.valid_inventions;
  high_value = latest.high_value;
  valid_inventions_domestic = latest.valid_inventions_domestic;
  high_value_domestic = latest.high_value_domestic;
}

}  // namespace hvpat::model
