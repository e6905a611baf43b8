// Flattening the info JSON into rows (a small recursive-descent reader: simdjson's home is
// record/, and the metadata is a few kilobytes written by hvpat itself).
#include "info_table.h"

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "hvpat/base/error.h"
#include "hvpat/report/render.h"

namespace hvpat::cli {
namespace {

using Rows = std::vector<std::pair<std::string, std::string>>;

class Flattener {
 public:
  explicit Flattener(std::string_view text) : text_(text) {}

  Rows Run() {
    Value("", /*in_array=*/false);
    Space();
    if (pos_ != text_.size()) Fail();
    return std::move(rows_);
  }

 private:
  [[noreturn]] void Fail() const {
    throw Error(ErrorKind::kStore, "the database's metadata is not valid JSON (at byte " + std::to_string(pos_) + ")");
  }
  void Space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\t' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  char Peek() {
    Space();
    if (pos_ >= text_.size()) Fail();
    return text_[pos_];
  }
  void Expect(char c) {
    if (Peek() != c) Fail();
    ++pos_;
  }

  // One value at `path`; scalars become rows.
  void Value(const std::string& path, bool) {
    char c = Peek();
    if (c == '{') {
      ++pos_;
      if (Peek() == '}') {
        ++pos_;
        return;
      }
      while (true) {
        std::string key = String();
        Expect(':');
        Value(path.empty() ? key : path + "." + key, false);
        if (Peek() == ',') {
          ++pos_;
          continue;
        }
        Expect('}');
        return;
      }
    }
    if (c == '[') {
      Array(path);
      return;
    }
    rows_.emplace_back(path, Scalar());
  }

  // Arrays of scalars are one row; an array holding an object or array is one path per element.
  void Array(const std::string& path) {
    size_t start = pos_;
    ++pos_;
    std::string joined;
    bool nested = false;
    if (Peek() == ']') {
      ++pos_;
      rows_.emplace_back(path, "");
      return;
    }
    while (true) {
      char c = Peek();
      if (c == '{' || c == '[') {
        nested = true;
        break;
      }
      joined += (joined.empty() ? "" : ", ") + Scalar();
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      Expect(']');
      rows_.emplace_back(path, joined);
      return;
    }
    if (nested) {
      pos_ = start + 1;
      for (size_t i = 0;; ++i) {
        Value(path + "[" + std::to_string(i) + "]", true);
        if (Peek() == ',') {
          ++pos_;
          continue;
        }
        Expect(']');
        return;
      }
    }
  }

  std::string Scalar() {
    char c = Peek();
    if (c == '"') return String();
    size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}' && text_[pos_] != ']' &&
           text_[pos_] != ' ' && text_[pos_] != '\n') {
      ++pos_;
    }
    if (pos_ == start) Fail();
    return std::string(text_.substr(start, pos_ - start));
  }

  static void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  uint32_t Hex4() {
    if (pos_ + 4 > text_.size()) Fail();
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      char h = text_[pos_++];
      value <<= 4;
      if (h >= '0' && h <= '9') {
        value |= static_cast<uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        value |= static_cast<uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        value |= static_cast<uint32_t>(h - 'A' + 10);
      } else {
        Fail();
      }
    }
    return value;
  }
  std::string String() {
    Expect('"');
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) Fail();
      char c = text_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) Fail();
      char e = text_[pos_++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          uint32_t cp = Hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && pos_ + 1 < text_.size() && text_[pos_] == '\\' && text_[pos_ + 1] == 'u') {
            pos_ += 2;
            uint32_t low = Hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          AppendUtf8(out, cp);
          break;
        }
        default:
          out += e;  // \" \\ \/
      }
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  Rows rows_;
};

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string RenderInfoTable(const std::string& json, bool csv) {
  Rows rows = Flattener(json).Run();
  std::string out;
  if (csv) {
    out = "field,value\n";
    for (const auto& [field, value] : rows) out += CsvField(field) + "," + CsvField(value) + "\n";
    return out;
  }
  size_t width = 5;  // "field"
  for (const auto& row : rows) width = std::max(width, report::DisplayWidth(row.first));
  auto line = [&](const std::string& field, const std::string& value) {
    out += field + std::string(width - report::DisplayWidth(field) + 2, ' ') + value + "\n";
  };
  line("field", "value");
  for (const auto& [field, value] : rows) line(field, value);
  return out;
}

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
