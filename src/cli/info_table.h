// `hvpat info` as rows: the run's metadata (one JSON object) flattened to field/value pairs.
#pragma once

#include <optional>
#include <string>

namespace hvpat::cli {

// Renders the JSON object `json` as one row per scalar: nested objects as dotted paths
// (summary.lines_read), arrays of scalars joined by ", " in one row, arrays holding
// objects as path[i].field. A table aligns the two columns; csv has the header
// field,value. Throws Error(kStore) when `json` is not valid JSON.
std::string RenderInfoTable(const std::string& json, bool csv);

// The raw text of the member `key` of the top-level JSON object `json` (an object, array,
// string or number as written); nullopt when absent or when `json` is not an object.
std::optional<std::string> TopLevelMember(const std::string& json, const std::string& key);

}  // namespace hvpat::cli
