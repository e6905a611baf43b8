// The JSON reader of json_reader.h. Its error names the database's metadata: the JSON
// read here that hvpat did not just write is what it stored there (info).
#include "json_reader.h"

#include <cstdint>

#include "hvpat/base/error.h"

namespace hvpat::report {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  JsonLines Flatten() {
    Value("");
    End();
    return std::move(rows_);
  }

  // The object's members, each value's text as written (its scalars flattened on the way
  // and dropped).
  JsonLines Members() {
    JsonLines members;
    Expect('{');
    if (Peek() == '}') {
      ++pos_;
    } else {
      while (true) {
        std::string key = String();
        Expect(':');
        Space();
        const size_t start = pos_;
        Value(key);
        members.emplace_back(std::move(key), std::string(text_.substr(start, pos_ - start)));
        if (Peek() != ',') break;
        ++pos_;
      }
      Expect('}');
    }
    End();
    return members;
  }

 private:
  void End() {
    Space();
    if (pos_ != text_.size()) Fail();
  }
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
  void Value(const std::string& path) {
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
        Value(path.empty() ? key : path + "." + key);
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
        Value(path + "[" + std::to_string(i) + "]");
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
  JsonLines rows_;
};

}  // namespace

JsonLines FlattenJson(std::string_view json) { return Reader(json).Flatten(); }

JsonLines JsonMembers(std::string_view json) { return Reader(json).Members(); }

}  // namespace hvpat::report
