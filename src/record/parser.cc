// simdjson On-Demand record parser (spec/record-format.md, "Fields" and "Invalid records").
//
// On-Demand validates only what it touches, so every value of the line is visited:
// defined fields are read and type-checked, unknown fields are walked to the end, and
// the document must end after the object. Errors are codes and reasons, never exceptions.
#include "hvpat/record/parser.h"

#include <simdjson.h>

#include <array>
#include <cstring>

#include "hvpat/io/reader.h"
#include "hvpat/record/ipc.h"

namespace hvpat::record {
namespace od = simdjson::ondemand;
using model::Date;

static_assert(io::kPadding >= simdjson::SIMDJSON_PADDING,
              "chunks must carry simdjson's padding after their last line");

namespace {

std::string_view TypeName(od::json_type type) {
  switch (type) {
    case od::json_type::array: return "array";
    case od::json_type::object: return "object";
    case od::json_type::number: return "number";
    case od::json_type::string: return "string";
    case od::json_type::boolean: return "boolean";
    case od::json_type::null: return "null";
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

// The first `count` UTF-8 characters of `text` (bytes of a broken sequence count alone).
std::string_view FirstCharacters(std::string_view text, size_t count) {
  size_t end = 0;
  for (size_t n = 0; n < count && end < text.size(); ++n) {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  return text.substr(0, end);
}

// Reads one line; the first problem found is kept in `reason`.
class RecordReader {
 public:
  RecordReader(model::Patent& out, std::vector<RawRegion>& regions, std::string& reason)
      : out_(out), regions_(regions), reason_(reason) {}

  bool Read(od::parser& parser, const char* data, size_t len, size_t capacity);

 private:
  bool Fail(std::string message) {
    reason_ = std::move(message);
    return false;
  }
  bool JsonError(simdjson::error_code error) {
    return Fail(std::string("not JSON: ") + simdjson::error_message(error));
  }
  bool WrongType(std::string_view field, std::string_view expected, od::json_type got) {
    return Fail(std::string(field) + ": expected " + std::string(expected) + ", got " +
                std::string(TypeName(got)));
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
  // Walks a value of no interest to the end, so that the whole line is checked.
  bool Skim(od::value v, int depth = 0);
  bool SkimObject(od::object object, int depth);

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
  // Calls `each(value)` for every element; `field` names the array in reasons.
  template <typename Each>
  bool Array(od::value& v, std::string_view field, Each&& each);
  // Iterates an object's members, calling each(index, value) for the `names` it defines
  // and rejecting their repeats; then requires those whose bit is set in `required`.
  template <size_t N, typename Each>
  bool Members(od::value& v, std::string_view field, const std::array<std::string_view, N>& names,
               uint32_t required, Each&& each);

  bool Holders(od::value& v);
  bool Family(od::value& v);
  bool Pledges(od::value& v);
  bool Awards(od::value& v);
  bool Finish(uint32_t seen);

  model::Patent& out_;
  std::vector<RawRegion>& regions_;
  std::string& reason_;
};

constexpr int kMaxDepth = 512;

bool RecordReader::SkimObject(od::object object, int depth) {
  for (auto member : object) {
    od::field field;
    if (auto error = std::move(member).get(field)) return JsonError(error);
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return JsonError(error);
    if (!Skim(field.value(), depth + 1)) return false;
  }
  return true;
}

bool RecordReader::Skim(od::value v, int depth) {
  if (depth > kMaxDepth) return Fail("not JSON: nested too deeply");
  od::json_type type{};
  if (!TypeOf(v, type)) return false;
  switch (type) {
    case od::json_type::object: {
      od::object object;
      if (auto error = v.get_object().get(object)) return JsonError(error);
      return SkimObject(object, depth);
    }
    case od::json_type::array: {
      od::array array;
      if (auto error = v.get_array().get(array)) return JsonError(error);
      for (auto element : array) {
        od::value item;
        if (auto error = std::move(element).get(item)) return JsonError(error);
        if (!Skim(item, depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::string: {
      std::string_view s;
      if (auto error = v.get_string().get(s)) return JsonError(error);
      return true;
    }
    case od::json_type::number: {
      // Checked by the JSON grammar, not converted: an unknown field may hold a number
      // beyond 64 bits or doubles, which is still JSON.
      std::string_view token;
      token = v.raw_json_token();
      if (!IsJsonNumber(token)) return Fail("not JSON: bad number");
      return true;
    }
    case od::json_type::boolean: {
      bool b;
      if (auto error = v.get_bool().get(b)) return JsonError(error);
      return true;
    }
    case od::json_type::null:
      return ConsumeNull(v);
  }
  return Fail("not JSON: unknown value");
}

bool RecordReader::String(od::value& v, std::string_view field, std::string_view& out) {
  od::json_type type{};
  if (!TypeOf(v, type)) return false;
  if (type != od::json_type::string) {
    return WrongType(field, "string", type);
  }
  if (auto error = v.get_string().get(out)) return JsonError(error);
  return true;
}

bool RecordReader::Integer(od::value& v, std::string_view field, int64_t& out) {
  od::json_type type{};
  if (!TypeOf(v, type)) return false;
  if (type != od::json_type::number) return WrongType(field, "integer", type);
  od::number n;
  if (auto error = v.get_number().get(n)) return JsonError(error);
  switch (n.get_number_type()) {
    case od::number_type::signed_integer:
      out = n.get_int64();
      return true;
    case od::number_type::unsigned_integer:
      out = INT64_MAX;  // beyond any year or patent count we compare with
      return true;
    case od::number_type::floating_point_number:
      break;
  }
  return Fail(std::string(field) + ": expected an integer without fraction or exponent");
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
      od::number n;
      if (auto error = v.get_number().get(n)) return JsonError(error);
      if (n.get_number_type() != od::number_type::signed_integer) {
        return Fail(std::string(field) + ": a date number must be an eight-digit integer");
      }
      int64_t number = n.get_int64();
      if (number == 0) return true;  // 0 means no date
      out = Date::FromNumber(number);
      if (out) return true;
      if (number >= 10000000 && number <= 99999999) {
        return Fail(std::string(field) + ": " + std::to_string(number) + " is not a real calendar date");
      }
      return Fail(std::string(field) + ": " + std::to_string(number) + " is not an eight-digit YYYYMMDD date");
    }
    default:
      return Fail(std::string(field) + ": a date must be a string or an integer, got " +
                  std::string(TypeName(type)));
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
      if (!Skim(value)) return false;
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
          return Skim(value);
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
          if (auto error = value.get_double().get(pledge.amount)) return JsonError(error);
          return true;
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

enum Field : uint32_t {
  kId, kCountry, kType, kFilingDate, kGrantDate, kStatus, kStatusDate, kIpc, kHolders,
  kFamilyId, kFamily, kPledges, kAwards, kFieldCount
};
constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "id", "country", "type", "filing_date", "grant_date", "status", "status_date",
    "ipc", "holders", "family_id", "family", "pledges", "awards"};

bool RecordReader::Read(od::parser& parser, const char* data, size_t len, size_t capacity) {
  od::document doc;
  if (auto error = parser.iterate(data, len, capacity).get(doc)) return JsonError(error);
  od::json_type root;
  if (auto error = doc.type().get(root)) return JsonError(error);
  if (root != od::json_type::object) return Fail("not a JSON object but " + std::string(TypeName(root)));
  od::object object;
  if (auto error = doc.get_object().get(object)) return JsonError(error);

  uint32_t seen = 0;
  bool has_country = false, has_filing = false;
  for (auto member : object) {
    od::field field;
    if (auto error = std::move(member).get(field)) return JsonError(error);
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return JsonError(error);
    od::value v = field.value();
    uint32_t index = 0;
    while (index < kFieldCount && kFieldNames[index] != key) ++index;
    if (index == kFieldCount) {
      if (!Skim(v)) return false;
      continue;
    }
    if (seen & (1u << index)) return Fail("field '" + std::string(key) + "' given twice");
    seen |= 1u << index;

    std::string_view text;
    bool present = false;
    std::optional<Date> date;
    switch (static_cast<Field>(index)) {
      case kId:
        if (!String(v, "id", text)) return false;
        if (text.empty()) return Fail("id is empty");
        out_.id.assign(text);
        break;
      case kCountry:
        if (!Optional(v, present)) return false;
        if (present) {
          if (!String(v, "country", text)) return false;
          out_.office.assign(text);
          has_country = true;
        }
        break;
      case kType: {
        if (!String(v, "type", text)) return false;
        auto type = model::PatentTypeFromName(text);
        if (!type) return Fail("type: '" + std::string(text) + "' is not one of invention, utility_model, design");
        out_.type = *type;
        break;
      }
      case kFilingDate:
        if (!DateValue(v, "filing_date", date)) return false;
        if (!date) return Fail("filing_date: no date given for a required date");
        out_.filing_date = *date;
        has_filing = true;
        break;
      case kGrantDate:
        if (!DateValue(v, "grant_date", out_.grant_date)) return false;
        break;
      case kStatus: {
        if (!String(v, "status", text)) return false;
        auto status = model::StatusFromName(text);
        if (!status) {
          return Fail("status: '" + std::string(text) +
                      "' is not one of valid, lapsed, expired, invalidated, withdrawn, rejected, pending");
        }
        out_.status = *status;
        break;
      }
      case kStatusDate:
        if (!DateValue(v, "status_date", out_.status_date)) return false;
        break;
      case kIpc:
        if (!Array(v, "ipc", [&](od::value& item) {
              std::string_view symbol;
              if (!String(item, "ipc element", symbol)) return false;
              out_.ipc.push_back(CanonicalIpc(symbol));
              return true;
            })) {
          return false;
        }
        break;
      case kHolders:
        if (!Holders(v)) return false;
        break;
      case kFamilyId:
        if (!Optional(v, present)) return false;
        if (present) {
          if (!String(v, "family_id", text)) return false;
          out_.family_id.assign(text);
        }
        break;
      case kFamily:
        if (!Optional(v, present)) return false;
        if (present && !Family(v)) return false;
        break;
      case kPledges:
        if (!Optional(v, present)) return false;
        if (present && !Pledges(v)) return false;
        break;
      case kAwards:
        if (!Optional(v, present)) return false;
        if (present && !Awards(v)) return false;
        break;
      case kFieldCount:
        break;
    }
  }
  // Whatever follows the object's closing brace is trailing content (3.0.1 has no at_end).
  if (!doc.current_location().error()) return Fail("not JSON: more data after the object");
  (void)has_filing;
  if (!has_country) out_.office = FirstCharacters(out_.id, 2);  // "whatever they are"
  return Finish(seen);
}

bool RecordReader::Finish(uint32_t seen) {
  for (Field required : {kId, kType, kFilingDate, kStatus, kIpc, kHolders}) {
    if (!(seen & (1u << required))) {
      return Fail("missing required field " + std::string(kFieldNames[required]));
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
        std::string got = raw.kind == RawRegion::kString ? "'" + raw.text + "'"
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
    reason = "not well-formed UTF-8";
    return false;
  }
  RecordReader reader(out, impl_->regions, reason);
  return reader.Read(impl_->parser, line.data(), line.size(), line.size() + io::kPadding);
}

bool LineParser::ParseUnpadded(std::string_view line, model::Patent& out, std::string& reason) {
  impl_->scratch.assign(line);
  impl_->scratch.append(io::kPadding, '\0');
  return Parse(std::string_view(impl_->scratch.data(), line.size()), out, reason);
}

}  // namespace hvpat::record
