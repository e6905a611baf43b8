// simdjson On-Demand record parser (spec/record-format.md, "Fields" and "Invalid records").
//
// On-Demand validates only what it touches, so every value of the line is visited:
// defined fields are read and type-checked, unknown fields are walked to the end, and
// the document must end after the object. Errors are codes and reasons, never exceptions.
#include "hvpat/record/parser.h"

#include <simdjson.h>

#include <array>
#include <cassert>
#include <cctype>
#include <cfloat>
#include <cstdlib>
#include <cstring>

#include "hvpat/io/reader.h"
#include "hvpat/record/ipc.h"

namespace hvpat::record {
namespace od = simdjson::ondemand;
using model::Date;

static_assert(io::kPadding >= simdjson::SIMDJSON_PADDING, "chunks must carry simdjson's padding after their last line");

namespace {

std::string_view TypeName(od::json_type type) {
  switch (type) {
    case od::json_type::array:
      return "array";
    case od::json_type::object:
      return "object";
    case od::json_type::number:
      return "number";
    case od::json_type::string:
      return "string";
    case od::json_type::boolean:
      return "boolean";
    case od::json_type::null:
      return "null";
  }
  return "unknown";
}

// A holder's `region` as found, judged once the record's office is known.
struct RawRegion {
  enum Kind : uint8_t { kAbsent, kString, kOther } kind = kAbsent;
  std::string text;
};

// RFC 8259's number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, trailing blanks allowed
// (simdjson's raw token runs up to the next structural character).
bool IsJsonNumber(std::string_view t) {
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\n' || t.back() == '\r')) {
    t.remove_suffix(1);
  }
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i - start;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && t[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == t.size();
}

std::string_view TrimBlanks(std::string_view t) {
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\n' || t.back() == '\r')) {
    t.remove_suffix(1);
  }
  return t;
}

// A JSON number token without fraction or exponent, read with saturation: an integer
// beyond 64 bits is still an integer, read as the nearest end of int64's range. False
// when the token has a fraction or exponent. REQUIRES: IsJsonNumber(token).
bool SaturatingInteger(std::string_view token, int64_t& out) {
  assert(IsJsonNumber(token));
  token = TrimBlanks(token);
  if (token.find_first_of(".eE") != std::string_view::npos) return false;
  const bool negative = token.front() == '-';
  if (negative) token.remove_prefix(1);
  const uint64_t limit = negative ? uint64_t{1} << 63 : uint64_t{INT64_MAX};
  uint64_t n = 0;
  for (char c : token) {
    const auto digit = static_cast<uint64_t>(c - '0');
    if (n > (limit - digit) / 10) {
      n = limit;
      break;
    }
    n = n * 10 + digit;
  }
  out = !negative ? static_cast<int64_t>(n) : n == limit ? INT64_MIN : -static_cast<int64_t>(n);
  return true;
}

// The first `count` UTF-8 characters of `text` (bytes of a broken sequence count alone).
std::string_view FirstCharacters(std::string_view text, size_t count) {
  size_t end = 0;
  for (size_t n = 0; n < count && end < text.size(); ++n) {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  return text.substr(0, end);
}

// Where a line stops being well-formed UTF-8 (Unicode 15, table 3-7), or npos.
size_t InvalidUtf8At(std::string_view t) {
  size_t i = 0;
  while (i < t.size()) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t more = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      more = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      more = 2;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      more = 3;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    for (size_t k = 1; k <= more; ++k) {
      if (i + k >= t.size()) return i;
      const auto b = static_cast<unsigned char>(t[i + k]);
      if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) return i;
    }
    i += more + 1;
  }
  return std::string_view::npos;
}

// "'x'" for a printable ASCII byte, else "byte 0x00", for reasons.
std::string ShowByte(char c) {
  if (c > 0x20 && c < 0x7F) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  const auto b = static_cast<unsigned char>(c);
  return std::string(c == 0 ? "a NUL byte" : "byte 0x") + (c == 0 ? "" : std::string{kHex[b >> 4], kHex[b & 15]});
}

// A checker of RFC 8259's grammar, byte by byte and without recursion: one bit per open
// container, so a value nested as deep as the line allows costs a bit a level, never the
// stack. simdjson On-Demand validates only what it is asked for; this gives unknown
// members their check and turns simdjson's errors into reasons that say where and what.
class JsonChecker {
 public:
  explicit JsonChecker(std::string_view text) : t_(text) {}

  // Checks the one value starting at `pos` (after blanks); on success `pos` is past it
  // and the result is empty, else it says what is wrong where.
  std::string Value(size_t& pos);
  // The whole text as one JSON object or value followed only by blanks.
  std::string Document();
  // After blanks from `pos`, one of the bytes `allowed` (named `expected`) or an error.
  std::string Followed(size_t pos, std::string_view allowed, std::string_view expected) {
    SkipBlanks(pos);
    if (pos < t_.size() && allowed.find(t_[pos]) != std::string_view::npos) return {};
    return Unexpected(pos, expected);
  }

 private:
  static bool Blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  void SkipBlanks(size_t& pos) const {
    while (pos < t_.size() && Blank(t_[pos])) ++pos;
  }
  std::string At(size_t pos, const std::string& what) const { return what + " at byte " + std::to_string(pos + 1); }
  std::string Unexpected(size_t pos, std::string_view expected) const {
    if (pos >= t_.size()) {
      if (open_.empty()) return "the line ends early";
      return "the line ends inside " + std::string(open_.back() ? "an array" : "an object");
    }
    return At(pos, ShowByte(t_[pos]) + " where " + std::string(expected) + " was expected");
  }
  std::string String(size_t& pos) const;
  std::string Scalar(size_t& pos) const;
  // A member's name and its ':', at `pos`.
  std::string MemberName(size_t& pos) const {
    if (pos >= t_.size() || t_[pos] != '"') return Unexpected(pos, "a member name");
    if (auto e = String(pos); !e.empty()) return e;
    SkipBlanks(pos);
    if (pos >= t_.size() || t_[pos] != ':') return Unexpected(pos, "':'");
    ++pos;
    return {};
  }

  std::string_view t_;
  std::vector<bool> open_;  // the open containers, true for an array
};

std::string JsonChecker::String(size_t& pos) const {
  const size_t start = pos++;  // the opening quote
  while (pos < t_.size()) {
    const char c = t_[pos];
    if (c == '"') {
      ++pos;
      return {};
    }
    if (static_cast<unsigned char>(c) < 0x20)
      return At(pos, "unescaped control character (" + ShowByte(c) + ") in a string");
    if (c == '\\') {
      const char e = pos + 1 < t_.size() ? t_[pos + 1] : '\0';
      if (e == 'u') {
        for (size_t k = 2; k < 6; ++k) {
          if (pos + k >= t_.size() || !std::isxdigit(static_cast<unsigned char>(t_[pos + k]))) {
            return At(pos, "\\u escape without four hex digits");
          }
        }
        pos += 6;
        continue;
      }
      if (std::strchr("\"\\/bfnrt", e) == nullptr || e == '\0') return At(pos, "invalid escape in a string");
      pos += 2;
      continue;
    }
    ++pos;
  }
  return At(start, "string without its closing quote");
}

std::string JsonChecker::Scalar(size_t& pos) const {
  const char c = t_[pos];
  if (c == '"') return String(pos);
  for (std::string_view word : {"true", "false", "null"}) {
    if (t_.substr(pos, word.size()) == word) {
      pos += word.size();
      return {};
    }
  }
  if (c == '-' || (c >= '0' && c <= '9')) {
    const size_t start = pos;
    while (pos < t_.size() && std::strchr("+-.eE0123456789", t_[pos]) != nullptr && t_[pos] != '\0') ++pos;
    if (!IsJsonNumber(t_.substr(start, pos - start))) return At(start, "malformed number");
    return {};
  }
  return Unexpected(pos, "a value");
}

std::string JsonChecker::Value(size_t& pos) {
  open_.clear();
  bool need_value = true;  // else a value has just ended
  while (true) {
    SkipBlanks(pos);
    if (need_value) {
      if (pos >= t_.size()) return open_.empty() ? "the line ends where a value was expected" : Unexpected(pos, "");
      const char c = t_[pos];
      if (c == '[' || c == '{') {
        open_.push_back(c == '[');
        ++pos;
        SkipBlanks(pos);
        if (pos < t_.size() && t_[pos] == (c == '[' ? ']' : '}')) {
          ++pos;
          open_.pop_back();
          need_value = false;
        } else if (c == '{') {
          if (auto e = MemberName(pos); !e.empty()) return e;
        }
        continue;
      }
      if (auto e = Scalar(pos); !e.empty()) return e;
      need_value = false;
      continue;
    }
    if (open_.empty()) return {};
    const bool array = open_.back();
    if (pos < t_.size() && t_[pos] == (array ? ']' : '}')) {
      ++pos;
      open_.pop_back();
      continue;
    }
    if (pos >= t_.size() || t_[pos] != ',') return Unexpected(pos, array ? "',' or ']'" : "',' or '}'");
    ++pos;
    need_value = true;
    if (!array) {
      SkipBlanks(pos);
      if (auto e = MemberName(pos); !e.empty()) return e;
    }
  }
}

std::string JsonChecker::Document() {
  size_t pos = 0;
  if (auto e = Value(pos); !e.empty()) return e;
  SkipBlanks(pos);
  if (pos < t_.size()) return At(pos, "trailing characters after the JSON object (" + ShowByte(t_[pos]) + ")");
  return {};
}

// Reads one line; the first problem found is kept in `reason`.
class RecordReader {
 public:
  RecordReader(std::string_view line, model::Patent& out, std::vector<RawRegion>& regions, std::string& reason)
      : line_(line), out_(out), regions_(regions), reason_(reason) {}

  // REQUIRES: `capacity` - line.size() >= SIMDJSON_PADDING readable bytes after the line.
  bool Read(od::parser& parser, size_t capacity);

 private:
  bool Fail(std::string message) {
    reason_ = std::move(message);
    return false;
  }
  // simdjson stopped at `error`: the reason says what in the line is not JSON and where;
  // on a line that is JSON (a \u escape that is no character, say) it names `field`.
  bool JsonError(simdjson::error_code error, std::string_view field = {}) {
    if (std::string problem = JsonChecker(line_).Document(); !problem.empty()) return Fail("not JSON: " + problem);
    if (error == simdjson::STRING_ERROR) {  // JSON's grammar allows "\ud800"; UTF-8 cannot hold it
      return Fail((field.empty() ? std::string("a member name") : std::string(field)) +
                  ": a \\u escape that is not a Unicode character (a lone surrogate)");
    }
    return Fail((field.empty() ? std::string("not JSON") : std::string(field)) + ": " + simdjson::error_message(error));
  }
  bool WrongType(std::string_view field, std::string_view expected, od::json_type got) {
    return Fail(std::string(field) + ": expected " + std::string(expected) + ", got " + std::string(TypeName(got)));
  }

  // The value's type; false (with a reason) when it cannot be told.
  bool TypeOf(od::value& v, od::json_type& type) {
    if (auto error = v.type().get(type)) return JsonError(error);
    return true;
  }
  // Consumes a null; false when the token is not a well-formed `null`.
  bool ConsumeNull(od::value& v) {
    bool is_null = false;
    if (auto error = v.is_null().get(is_null)) return JsonError(error);
    if (!is_null) return Fail("not JSON: invalid literal");
    return true;
  }
  // Checks a value of no interest (of member `field`) to its end without consuming it:
  // simdjson then skips it whatever its depth.
  bool Skim(od::value& v, std::string_view field);
  // A JSON number token of `field`; false (with a reason) when it is malformed.
  bool NumberToken(od::value& v, std::string_view field, std::string_view& token) {
    token = v.raw_json_token();
    if (!IsJsonNumber(token)) return JsonError(simdjson::NUMBER_ERROR, field);
    token = TrimBlanks(token);
    return true;
  }

  // `null` counts as absent for optional fields; sets `present`.
  bool Optional(od::value& v, bool& present) {
    od::json_type type{};
    if (!TypeOf(v, type)) return false;
    if (type == od::json_type::null) {
      present = false;
      return ConsumeNull(v);
    }
    present = true;
    return true;
  }
  bool String(od::value& v, std::string_view field, std::string_view& out);
  bool Integer(od::value& v, std::string_view field, int64_t& out);
  bool DateValue(od::value& v, std::string_view field, std::optional<Date>& out);
  bool Bool(od::value& v, std::string_view field, bool& out);
  // A pledge's amount: beyond a double's range it is the largest double of its sign.
  bool Amount(od::value& v, double& out);
  // Calls `each(value)` for every element; `field` names the array in reasons.
  template <typename Each>
  bool Array(od::value& v, std::string_view field, Each&& each);
  // Iterates an object's members, calling each(index, value) for the `names` it defines
  // and rejecting their repeats; then requires those whose bit is set in `required`.
  template <size_t N, typename Each>
  bool Members(od::value& v, std::string_view field, const std::array<std::string_view, N>& names, uint32_t required,
               Each&& each);

  // The element arrays of the fields holders, family, pledges and awards.
  bool Holders(od::value& v);
  bool Family(od::value& v);
  bool Pledges(od::value& v);
  bool Awards(od::value& v);

  // One reader per top-level field, listed with its name in kFields.
  bool ReadId(od::value& v);
  bool ReadCountry(od::value& v);
  bool ReadType(od::value& v);
  bool ReadFilingDate(od::value& v);
  bool ReadGrantDate(od::value& v);
  bool ReadStatus(od::value& v);
  bool ReadStatusDate(od::value& v);
  bool ReadIpc(od::value& v);
  bool ReadFamilyId(od::value& v);
  bool ReadFamily(od::value& v);
  bool ReadPledges(od::value& v);
  bool ReadAwards(od::value& v);
  struct FieldEntry {
    std::string_view name;
    bool (RecordReader::*read)(od::value&);
    bool required;
  };
  static const std::array<FieldEntry, 13> kFields;

  // The steps of Read: the line as a JSON object; its members, each by its reader (a bit
  // of `seen` set for each field given); then the checks across fields.
  bool OpenObject(od::parser& parser, size_t capacity, od::document& doc, od::object& object);
  bool ReadFields(od::object& object, uint32_t& seen);
  bool Finish(uint32_t seen);

  std::string_view line_;
  model::Patent& out_;
  std::vector<RawRegion>& regions_;
  std::string& reason_;
  bool has_country_ = false;  // else the office is the id's first two characters
};

bool RecordReader::Skim(od::value& v, std::string_view field) {
  // Unknown members are ignored whatever they hold (record-format.md), so no depth limit.
  const std::string_view token = v.raw_json_token();
  size_t pos = static_cast<size_t>(token.data() - line_.data());
  JsonChecker checker(line_);
  std::string problem = checker.Value(pos);
  // simdjson reads "null\x0f" as one token up to the next ',' or '}': the value must end there.
  if (problem.empty()) problem = checker.Followed(pos, ",}", "',' or '}'");
  if (!problem.empty()) return Fail("not JSON: " + problem + " (in member '" + std::string(field) + "')");
  return true;
}

bool RecordReader::String(od::value& v, std::string_view field, std::string_view& out) {
  od::json_type type{};
  if (!TypeOf(v, type)) return false;
  if (type != od::json_type::string) {
    return WrongType(field, "string", type);
  }
  if (auto error = v.get_string().get(out)) return JsonError(error, field);
  return true;
}

bool RecordReader::Integer(od::value& v, std::string_view field, int64_t& out) {
  od::json_type type{};
  if (!TypeOf(v, type)) return false;
  if (type != od::json_type::number) return WrongType(field, "integer", type);
  std::string_view token;
  if (!NumberToken(v, field, token)) return false;
  if (SaturatingInteger(token, out)) return true;  // beyond 64 bits: the nearest end
  return Fail(std::string(field) + ": expected an integer without fraction or exponent");
}

bool RecordReader::Amount(od::value& v, double& out) {
  std::string_view token;
  if (!NumberToken(v, "pledges.amount", token)) return false;
  if (!v.get_double().get(out)) return true;
  // simdjson refuses only a JSON number too large for a double (a tiny one reads as 0).
  out = token.front() == '-' ? -DBL_MAX : DBL_MAX;
  return true;
}

bool RecordReader::Bool(od::value& v, std::string_view field, bool& out) {
  od::json_type type{};
  if (!TypeOf(v, type)) return false;
  if (type != od::json_type::boolean) return WrongType(field, "boolean", type);
  if (auto error = v.get_bool().get(out)) return JsonError(error);
  return true;
}

bool RecordReader::DateValue(od::value& v, std::string_view field, std::optional<Date>& out) {
  out.reset();
  od::json_type type{};
  if (!TypeOf(v, type)) return false;
  switch (type) {
    case od::json_type::null:
      return ConsumeNull(v);
    case od::json_type::string: {
      std::string_view text;
      if (auto error = v.get_string().get(text)) return JsonError(error);
      out = Date::ParseIso(text);
      if (out) return true;
      bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
      for (size_t i = 0; shaped && i < text.size(); ++i) {
        shaped = i == 4 || i == 7 || (text[i] >= '0' && text[i] <= '9');
      }
      return Fail(std::string(field) + ": '" + std::string(text) + "' is " +
                  (shaped ? "not a real calendar date" : "not a YYYY-MM-DD date"));
    }
    case od::json_type::number: {
      std::string_view token;
      if (!NumberToken(v, field, token)) return false;
      int64_t number = 0;
      if (!SaturatingInteger(token, number)) {
        return Fail(std::string(field) + ": a date number must be an eight-digit integer");
      }
      if (number == 0) return true;  // 0 means no date
      out = Date::FromNumber(number);
      if (out) return true;
      if (number >= 10000000 && number <= 99999999) {
        return Fail(std::string(field) + ": " + std::string(token) + " is not a real calendar date");
      }
      return Fail(std::string(field) + ": " + std::string(token) + " is not an eight-digit YYYYMMDD date");
    }
    default:
      return Fail(std::string(field) + ": a date must be a string or an integer, got " + std::string(TypeName(type)));
  }
}

template <typename Each>
bool RecordReader::Array(od::value& v, std::string_view field, Each&& each) {
  od::json_type type{};
  if (!TypeOf(v, type)) return false;
  if (type != od::json_type::array) return WrongType(field, "array", type);
  od::array array;
  if (auto error = v.get_array().get(array)) return JsonError(error);
  for (auto element : array) {
    od::value item;
    // NOLINTNEXTLINE(performance-move-const-arg): simdjson_result::get is &&-qualified
    if (auto error = std::move(element).get(item)) return JsonError(error);
    if (!each(item)) return false;
  }
  return true;
}

template <size_t N, typename Each>
bool RecordReader::Members(od::value& v, std::string_view field, const std::array<std::string_view, N>& names,
                           uint32_t required, Each&& each) {
  od::json_type type{};
  if (!TypeOf(v, type)) return false;
  if (type != od::json_type::object) {
    return Fail(std::string(field) + ": elements must be objects, got " + std::string(TypeName(type)));
  }
  od::object object;
  if (auto error = v.get_object().get(object)) return JsonError(error);
  uint32_t seen = 0;
  for (auto member : object) {
    od::field f;
    if (auto error = std::move(member).get(f)) return JsonError(error);
    std::string_view key;
    if (auto error = f.unescaped_key().get(key)) return JsonError(error);
    od::value value = f.value();
    size_t index = 0;
    while (index < N && names[index] != key) ++index;
    if (index == N) {
      if (!Skim(value, key)) return false;
      continue;
    }
    if (seen & (1u << index)) {
      return Fail(std::string(field) + ": member '" + std::string(key) + "' given twice");
    }
    seen |= 1u << index;
    if (!each(index, value)) return false;
  }
  for (size_t index = 0; index < N; ++index) {
    if ((required & (1u << index)) && !(seen & (1u << index))) {
      return Fail(std::string(field) + ": missing required field " + std::string(names[index]));
    }
  }
  return true;
}

bool RecordReader::Holders(od::value& v) {
  static constexpr std::array<std::string_view, 3> kNames = {"name", "country", "region"};
  return Array(v, "holders", [&](od::value& item) {
    model::Holder& holder = out_.holders.emplace_back();
    RawRegion& region = regions_.emplace_back();
    return Members(item, "holders", kNames, 0b011, [&](size_t index, od::value& value) {
      std::string_view text;
      switch (index) {
        case 0:
          if (!String(value, "holders.name", text)) return false;
          holder.name.assign(text);
          return true;
        case 1:
          if (!String(value, "holders.country", text)) return false;
          holder.country.assign(text);
          return true;
        default: {  // region: judged once the office is known (Finish)
          od::json_type type{};
          if (!TypeOf(value, type)) return false;
          if (type == od::json_type::null) return ConsumeNull(value);
          if (type == od::json_type::string) {
            if (auto error = value.get_string().get(text)) return JsonError(error);
            region.kind = RawRegion::kString;
            region.text.assign(text);
            return true;
          }
          region.kind = RawRegion::kOther;
          return Skim(value, "holders.region");
        }
      }
    });
  });
}

bool RecordReader::Family(od::value& v) {
  static constexpr std::array<std::string_view, 3> kNames = {"id", "country", "granted"};
  return Array(v, "family", [&](od::value& item) {
    model::FamilyMember& member = out_.family.emplace_back();
    return Members(item, "family", kNames, 0b111, [&](size_t index, od::value& value) {
      std::string_view text;
      switch (index) {
        case 0:
          if (!String(value, "family.id", text)) return false;
          member.id.assign(text);
          return true;
        case 1:
          if (!String(value, "family.country", text)) return false;
          member.country.assign(text);
          return true;
        default:
          return Bool(value, "family.granted", member.granted);
      }
    });
  });
}

bool RecordReader::Pledges(od::value& v) {
  static constexpr std::array<std::string_view, 4> kNames = {"amount", "patents", "date", "released"};
  return Array(v, "pledges", [&](od::value& item) {
    model::Pledge& pledge = out_.pledges.emplace_back();
    return Members(item, "pledges", kNames, 0b0001, [&](size_t index, od::value& value) {
      bool present = false;
      switch (index) {
        case 0: {
          od::json_type type{};
          if (!TypeOf(value, type)) return false;
          if (type != od::json_type::number) return WrongType("pledges.amount", "number", type);
          return Amount(value, pledge.amount);
        }
        case 1:
          if (!Optional(value, present)) return false;
          if (!present) return true;
          if (!Integer(value, "pledges.patents", pledge.patents)) return false;
          if (pledge.patents < 1) return Fail("pledges.patents: must be at least 1");
          return true;
        case 2:
          return DateValue(value, "pledges.date", pledge.date);
        default:
          return DateValue(value, "pledges.released", pledge.released);
      }
    });
  });
}

bool RecordReader::Awards(od::value& v) {
  static constexpr std::array<std::string_view, 3> kNames = {"award", "level", "year"};
  return Array(v, "awards", [&](od::value& item) {
    model::Award& award = out_.awards.emplace_back();
    return Members(item, "awards", kNames, 0b111, [&](size_t index, od::value& value) {
      std::string_view text;
      switch (index) {
        case 0:
          if (!String(value, "awards.award", text)) return false;
          award.award.assign(text);
          return true;
        case 1:
          if (!String(value, "awards.level", text)) return false;
          award.level.assign(text);
          return true;
        default:
          return Integer(value, "awards.year", award.year);
      }
    });
  });
}

// The record's top-level fields (record-format.md, "Fields"): each name with its reader
// and whether a record must have it. A bit of `seen` per entry, so at most 32.
const std::array<RecordReader::FieldEntry, 13> RecordReader::kFields = {{
    {"id", &RecordReader::ReadId, true},
    {"country", &RecordReader::ReadCountry, false},
    {"type", &RecordReader::ReadType, true},
    {"filing_date", &RecordReader::ReadFilingDate, true},
    {"grant_date", &RecordReader::ReadGrantDate, false},
    {"status", &RecordReader::ReadStatus, true},
    {"status_date", &RecordReader::ReadStatusDate, false},
    {"ipc", &RecordReader::ReadIpc, true},
    {"holders", &RecordReader::Holders, true},
    {"family_id", &RecordReader::ReadFamilyId, false},
    {"family", &RecordReader::ReadFamily, false},
    {"pledges", &RecordReader::ReadPledges, false},
    {"awards", &RecordReader::ReadAwards, false},
}};

bool RecordReader::ReadId(od::value& v) {
  std::string_view text;
  if (!String(v, "id", text)) return false;
  if (text.empty()) return Fail("id is empty");
  out_.id.assign(text);
  return true;
}

bool RecordReader::ReadCountry(od::value& v) {
  bool present = false;
  if (!Optional(v, present)) return false;
  if (!present) return true;
  std::string_view text;
  if (!String(v, "country", text)) return false;
  out_.office.assign(text);
  has_country_ = true;
  return true;
}

bool RecordReader::ReadType(od::value& v) {
  std::string_view text;
  if (!String(v, "type", text)) return false;
  auto type = model::PatentTypeFromName(text);
  if (!type) return Fail("type: '" + std::string(text) + "' is not one of invention, utility_model, design");
  out_.type = *type;
  return true;
}

bool RecordReader::ReadFilingDate(od::value& v) {
  std::optional<Date> date;
  if (!DateValue(v, "filing_date", date)) return false;
  if (!date) return Fail("filing_date: no date given for a required date");
  out_.filing_date = *date;
  return true;
}

bool RecordReader::ReadGrantDate(od::value& v) { return DateValue(v, "grant_date", out_.grant_date); }

bool RecordReader::ReadStatus(od::value& v) {
  std::string_view text;
  if (!String(v, "status", text)) return false;
  auto status = model::StatusFromName(text);
  if (!status) {
    return Fail("status: '" + std::string(text) +
                "' is not one of valid, lapsed, expired, invalidated, withdrawn, rejected, pending");
  }
  out_.status = *status;
  return true;
}

bool RecordReader::ReadStatusDate(od::value& v) { return DateValue(v, "status_date", out_.status_date); }

bool RecordReader::ReadIpc(od::value& v) {
  return Array(v, "ipc", [&](od::value& item) {
    std::string_view symbol;
    if (!String(item, "ipc element", symbol)) return false;
    out_.ipc.push_back(CanonicalIpc(symbol));
    return true;
  });
}

bool RecordReader::ReadFamilyId(od::value& v) {
  bool present = false;
  if (!Optional(v, present)) return false;
  if (!present) return true;
  std::string_view text;
  if (!String(v, "family_id", text)) return false;
  out_.family_id.assign(text);
  return true;
}

bool RecordReader::ReadFamily(od::value& v) {
  bool present = false;
  if (!Optional(v, present)) return false;
  return !present || Family(v);
}

bool RecordReader::ReadPledges(od::value& v) {
  bool present = false;
  if (!Optional(v, present)) return false;
  return !present || Pledges(v);
}

bool RecordReader::ReadAwards(od::value& v) {
  bool present = false;
  if (!Optional(v, present)) return false;
  return !present || Awards(v);
}

bool RecordReader::OpenObject(od::parser& parser, size_t capacity, od::document& doc, od::object& object) {
  if (auto error = parser.iterate(line_.data(), line_.size(), capacity).get(doc)) return JsonError(error);
  od::json_type root;
  if (auto error = doc.type().get(root)) return JsonError(error);
  if (root != od::json_type::object) return Fail("not a JSON object but " + std::string(TypeName(root)));
  if (auto error = doc.get_object().get(object)) return JsonError(error);
  return true;
}

bool RecordReader::ReadFields(od::object& object, uint32_t& seen) {
  for (auto member : object) {
    od::field field;
    if (auto error = std::move(member).get(field)) return JsonError(error);
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return JsonError(error);
    od::value v = field.value();
    size_t index = 0;
    while (index < kFields.size() && kFields[index].name != key) ++index;
    if (index == kFields.size()) {
      if (!Skim(v, key)) return false;
      continue;
    }
    if (seen & (1u << index)) return Fail("field '" + std::string(key) + "' given twice");
    seen |= 1u << index;
    if (!(this->*kFields[index].read)(v)) return false;
  }
  return true;
}

bool RecordReader::Read(od::parser& parser, size_t capacity) {
  assert(capacity >= line_.size() + simdjson::SIMDJSON_PADDING);
  od::document doc;
  od::object object;
  if (!OpenObject(parser, capacity, doc, object)) return false;
  uint32_t seen = 0;
  if (!ReadFields(object, seen)) return false;
  // Whatever follows the object's closing brace is trailing content (3.0.1 has no at_end).
  if (!doc.current_location().error()) return JsonError(simdjson::TRAILING_CONTENT);
  if (!has_country_) out_.office = FirstCharacters(out_.id, 2);  // "whatever they are"
  return Finish(seen);
}

bool RecordReader::Finish(uint32_t seen) {
  for (size_t index = 0; index < kFields.size(); ++index) {
    if (kFields[index].required && !(seen & (1u << index))) {
      return Fail("missing required field " + std::string(kFields[index].name));
    }
  }
  if (out_.holders.empty()) return Fail("holders is empty");
  using model::Status;
  switch (out_.status) {
    case Status::kValid:
    case Status::kLapsed:
    case Status::kExpired:
    case Status::kInvalidated:
      if (!out_.grant_date) {
        return Fail("status " + std::string(model::StatusName(out_.status)) + " without a grant_date");
      }
      break;
    default:
      break;
  }
  const bool cn_office = out_.office == "CN";
  for (size_t i = 0; i < out_.holders.size(); ++i) {
    model::Holder& holder = out_.holders[i];
    const RawRegion& raw = regions_[i];
    bool six = raw.kind == RawRegion::kString && model::IsRegionCode(raw.text);
    if (holder.country == "CN") {
      if (cn_office && !six) {
        std::string got = raw.kind == RawRegion::kString  ? "'" + raw.text + "'"
                          : raw.kind == RawRegion::kOther ? std::string("a non-string value")
                                                          : std::string("no region");
        return Fail("holders: domestic holder '" + holder.name + "' has " +
                    (raw.kind == RawRegion::kString ? "region " : "") + got + ", not six digits");
      }
      if (six) holder.region = raw.text;
    }
  }
  return true;
}

void Reset(model::Patent& p) {
  p.id.clear();
  p.office.clear();
  p.type = model::PatentType::kInvention;
  p.filing_date = Date();
  p.grant_date.reset();
  p.status = model::Status::kPending;
  p.status_date.reset();
  p.ipc.clear();
  p.holders.clear();
  p.family_id.clear();
  p.family.clear();
  p.pledges.clear();
  p.awards.clear();
}

}  // namespace

std::string LongLineReason(size_t max_line_bytes) {
  return "line longer than the maximum of " + std::to_string(max_line_bytes) + " bytes";
}

struct LineParser::Impl {
  od::parser parser;
  std::vector<RawRegion> regions;
  std::string scratch;
};

LineParser::LineParser(ParseOptions options) : impl_(std::make_unique<Impl>()), options_(options) {}
LineParser::~LineParser() = default;
LineParser::LineParser(LineParser&&) noexcept = default;
LineParser& LineParser::operator=(LineParser&&) noexcept = default;

bool LineParser::Parse(std::string_view line, model::Patent& out, std::string& reason) {
  Reset(out);
  impl_->regions.clear();
  if (line.size() > options_.max_line_bytes) {
    reason = LongLineReason(options_.max_line_bytes);
    return false;
  }
  if (!simdjson::validate_utf8(line.data(), line.size())) {
    reason = "not well-formed UTF-8 (byte " + std::to_string(InvalidUtf8At(line) + 1) + ")";
    return false;
  }
  RecordReader reader(line, out, impl_->regions, reason);
  return reader.Read(impl_->parser, line.size() + io::kPadding);
}

bool LineParser::ParseUnpadded(std::string_view line, model::Patent& out, std::string& reason) {
  impl_->scratch.assign(line);
  impl_->scratch.append(io::kPadding, '\0');
  return Parse(std::string_view(impl_->scratch.data(), line.size()), out, reason);
}

}  // namespace hvpat::record
