// `hvpat info` as rows: the run's metadata (one JSON object) flattened to field/value pairs.
#pragma once

#include <string>

namespace hvpat::cli {

// Renders the JSON object `json` as one row per scalar: nested objects as dotted paths
// (summary.lines_read), arrays of scalars joined by ", " in one row, arrays holding
// objects as path[i].field. A table aligns the two columns; csv has the header
// field,value. Throws Error(kStore) when `json` is not valid JSON.
std::string RenderInfoTable(const std::string& json, bool csv);

}  // namespace hvpat::cli
