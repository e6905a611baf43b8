// One member of a JSON object, found by scanning its text: info reads the run summary out of
// snapshot.json this way.
#pragma once

#include <optional>
#include <string>

namespace hvpat::cli {

// The raw text of the member `key` of the top-level JSON object `json` (an object, array,
// string or number as written); nullopt when absent or when `json` is not an object.
std::optional<std::string> TopLevelMember(const std::string& json, const std::string& key);

}  // namespace hvpat::cli
