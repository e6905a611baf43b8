// Finding one member of a JSON object by scanning its text (snapshot.json's summary).
#include "json_member.h"

namespace hvpat::cli {
namespace {

// The end of the string literal opening at `pos` (one past its closing quote).
size_t StringEnd(const std::string& json, size_t pos) {
  for (++pos; pos < json.size(); ++pos) {
    if (json[pos] == '\\') {
      ++pos;
    } else if (json[pos] == '"') {
      return pos + 1;
    }
  }
  return std::string::npos;
}

// json[start, end) without the blanks before `end`.
std::string Trimmed(const std::string& json, size_t start, size_t end) {
  return json.substr(start, json.find_last_not_of(" \t\r\n", end - 1) + 1 - start);
}

}  // namespace

std::optional<std::string> TopLevelMember(const std::string& json, const std::string& key) {
  int depth = 0;
  size_t value_start = std::string::npos;
  for (size_t pos = 0; pos < json.size(); ++pos) {
    const char c = json[pos];
    if (c == '"') {
      const size_t end = StringEnd(json, pos);
      if (end == std::string::npos) return std::nullopt;
      const size_t colon = json.find_first_not_of(" \t\r\n", end);
      if (depth == 1 && value_start == std::string::npos && colon != std::string::npos && json[colon] == ':' &&
          json.compare(pos + 1, end - pos - 2, key) == 0 && end - pos - 2 == key.size()) {
        value_start = json.find_first_not_of(" \t\r\n", colon + 1);
        pos = value_start - 1;
        continue;
      }
      pos = end - 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0 && value_start != std::string::npos) return Trimmed(json, value_start, pos);  // object ends
    } else if (c == ',' && depth == 1 && value_start != std::string::npos) {
      return Trimmed(json, value_start, pos);  // the next field follows
    }
  }
  return std::nullopt;
}

}  // namespace hvpat::cli
