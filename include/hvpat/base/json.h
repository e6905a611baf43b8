// Writing JSON text: string escaping and a small object/array builder for output.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hvpat::base {

// Appends `text` as a JSON string literal (quotes included). Invalid UTF-8 bytes are
// replaced by U+FFFD so the output is always valid JSON.
void AppendJsonString(std::string& out, std::string_view text);
std::string JsonString(std::string_view text);
// A double as JSON (shortest round-trip form; never NaN or infinity).
std::string JsonNumber(double value);

}  // namespace hvpat::base
