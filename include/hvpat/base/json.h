// Writing JSON text: string escaping and a small object/array builder for output.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hvpat::base {

// Appends `text` as a JSON string literal (quotes included). Invalid UTF-8 bytes are
// replaced by U+FFFD so the output is always valid JSON.
void AppendJsonString(std::string& out, std::string_view text);
std::string JsonString(std::string_view text);
// A double as JSON (shortest round-trip form; never NaN or infinity).
std::string JsonNumber(double value);

// "[e1,e2,...]" with each element the JSON text `encode(item)` gives.
template <typename Range, typename Encode>
std::string JsonArray(const Range& items, Encode encode) {
  std::string out = "[";
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += ',';
    first = false;
    out += encode(item);
  }
  return out + "]";
}
// An array of JSON strings.
inline std::string JsonStringArray(const std::vector<std::string>& items) {
  return JsonArray(items, [](const std::string& item) { return JsonString(item); });
}

// An object built field by field, in the order written: JsonObject().Add("a", "1").Text().
// Values are JSON text already (JsonString, JsonNumber, another builder's Text()).
class JsonObject {
 public:
  JsonObject& Add(std::string_view key, std::string_view json_value) {
    out_ += out_.size() > 1 ? "," : "";
    AppendJsonString(out_, key);
    out_ += ':';
    out_ += json_value;
    return *this;
  }
  std::string Text() const { return out_ + "}"; }

 private:
  std::string out_ = "{";
};

}  // namespace hvpat::base
