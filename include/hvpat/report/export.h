// Rendering hvpat export's records: NDJSON (one object a line) or CSV with a header
// (issue #12 item 7). Appends to a caller's buffer so that a stream of millions of records
// reuses one allocation.
#pragma once

#include <optional>
#include <string>

#include "hvpat/query/export.h"

namespace hvpat::report {

enum class ExportFormat { kNdjson, kCsv };
std::optional<ExportFormat> ExportFormatFromName(const std::string& name);

// The CSV header line (with its newline); empty for NDJSON.
std::string ExportHeader(ExportFormat format);

// One record, with its newline. NDJSON fields: id, office, type, region (null unless the
// first holder is domestic and gives one), domestic, holders (names, in order), industries
// (top-level codes), industry_codes (detailed), valid, high_value, rules (per rule true,
// false, or null when disabled), as_of. CSV: the same columns, holders joined by "; ",
// industries by spaces, one column per rule (true, false, or empty when disabled).
void AppendExportRecord(std::string& out, const query::ExportRecord& record, ExportFormat format);

}  // namespace hvpat::report
