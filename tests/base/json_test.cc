// JSON text as hvpat writes it (include/hvpat/base/json.h): string escaping by RFC 8259,
// invalid UTF-8 replaced byte by byte with U+FFFD so the output is always valid JSON, and
// numbers in their shortest round-trip form, integers without an exponent. Expected texts
// are worked out from RFC 8259 and the header's contract.
#include "hvpat/base/json.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <regex>
#include <string>

namespace hvpat::base {
namespace {

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

std::string Quoted(const std::string& inner) { return "\"" + inner + "\""; }

// The string a JSON parser reads back from `json`, or "<not a JSON string>".
std::string ReadBack(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  std::string_view text;
  if (parser.parse(padded).get_string().get(text) != simdjson::SUCCESS) return "<not a JSON string>";
  return std::string(text);
}

TEST(JsonStringTest, PlainTextIsQuotedAsIs) {
  EXPECT_EQ(JsonString(""), "\"\"");
  EXPECT_EQ(JsonString("abc 123"), "\"abc 123\"");
  EXPECT_EQ(JsonString("a/b"), "\"a/b\"");    // '/' may stay unescaped
  EXPECT_EQ(JsonString("\x7F"), "\"\x7F\"");  // DEL is no control character in JSON
}

TEST(JsonStringTest, QuotesAndBackslashesAreEscaped) {
  EXPECT_EQ(JsonString("\""), Quoted("\\\""));
  EXPECT_EQ(JsonString("\\"), Quoted("\\\\"));
  EXPECT_EQ(JsonString("Acme \"Quantum\" Labs"), Quoted("Acme \\\"Quantum\\\" Labs"));
  EXPECT_EQ(JsonString("C:\\dir\\\"x\""), Quoted("C:\\\\dir\\\\\\\"x\\\""));
}

TEST(JsonStringTest, LineEndsAndTabUseTheirShortEscapes) {
  EXPECT_EQ(JsonString("a\nb"), Quoted("a\\nb"));
  EXPECT_EQ(JsonString("a\r\nb"), Quoted("a\\r\\nb"));
  EXPECT_EQ(JsonString("\t"), Quoted("\\t"));
}

TEST(JsonStringTest, OtherControlCharactersAreUnicodeEscapesInLowerCaseHex) {
  EXPECT_EQ(JsonString(std::string(1, '\0')), Quoted("\\u0000"));
  EXPECT_EQ(JsonString("\x01"), Quoted("\\u0001"));
  EXPECT_EQ(JsonString("\b"), Quoted("\\u0008"));
  EXPECT_EQ(JsonString("\f"), Quoted("\\u000c"));
  EXPECT_EQ(JsonString("\x0b"), Quoted("\\u000b"));
  EXPECT_EQ(JsonString("\x1b[0m"), Quoted("\\u001b[0m"));
  EXPECT_EQ(JsonString("\x1f"), Quoted("\\u001f"));
  EXPECT_EQ(JsonString(std::string("a\0b", 3)), Quoted("a\\u0000b"));
}

TEST(JsonStringTest, ValidUtf8IsCopied) {
  EXPECT_EQ(JsonString("重庆示例科技有限公司"), Quoted("重庆示例科技有限公司"));
  EXPECT_EQ(JsonString("caf\xC3\xA9"), Quoted("caf\xC3\xA9"));            // U+00E9, two bytes
  EXPECT_EQ(JsonString("\xE2\x82\xAC"), Quoted("\xE2\x82\xAC"));          // U+20AC, three bytes
  EXPECT_EQ(JsonString("\xF0\x9F\x98\x80"), Quoted("\xF0\x9F\x98\x80"));  // U+1F600, four bytes
  EXPECT_EQ(JsonString("\xF4\x8F\xBF\xBF"), Quoted("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last
  EXPECT_EQ(JsonString("\xEF\xBF\xBD"), Quoted(kReplacement));            // U+FFFD itself
}

// Each byte that does not start a valid sequence becomes one U+FFFD; the scan resumes at
// the next byte (the header: "Invalid UTF-8 bytes are replaced").
TEST(JsonStringTest, EachInvalidByteBecomesOneReplacementCharacter) {
  EXPECT_EQ(JsonString("\x80"), Quoted(kReplacement));  // a lone continuation byte
  EXPECT_EQ(JsonString("\xFF"), Quoted(kReplacement));
  EXPECT_EQ(JsonString("a\xFE"
                       "b"),
            Quoted("a" + kReplacement + "b"));
  EXPECT_EQ(JsonString("\xC3"), Quoted(kReplacement));  // cut at the end of the text
  // A three-byte sequence cut short by 'x': the lead and its one continuation, each.
  EXPECT_EQ(JsonString("\xE4\xB8x"), Quoted(kReplacement + kReplacement + "x"));
  // A valid character right after a bad byte survives.
  EXPECT_EQ(JsonString("\x80\xE4\xB8\xAD"), Quoted(kReplacement + "\xE4\xB8\xAD"));
}

TEST(JsonStringTest, OverlongSurrogateAndOutOfRangeSequencesAreInvalid) {
  // Overlong '/' (C0 AF): neither byte is valid.
  EXPECT_EQ(JsonString("\xC0\xAF"), Quoted(kReplacement + kReplacement));
  // Overlong U+0000 in three bytes.
  EXPECT_EQ(JsonString("\xE0\x80\x80"), Quoted(kReplacement + kReplacement + kReplacement));
  // U+D800, a surrogate, is no character in UTF-8.
  EXPECT_EQ(JsonString("\xED\xA0\x80"), Quoted(kReplacement + kReplacement + kReplacement));
  // U+110000, beyond the last code point.
  EXPECT_EQ(JsonString("\xF4\x90\x80\x80"), Quoted(kReplacement + kReplacement + kReplacement + kReplacement));
  EXPECT_EQ(JsonString("\xF5\x80\x80\x80"), Quoted(kReplacement + kReplacement + kReplacement + kReplacement));
}

TEST(JsonStringTest, AppendKeepsWhatIsAlreadyThere) {
  std::string out = "{\"name\":";
  AppendJsonString(out, "甲\"");
  out += "}";
  EXPECT_EQ(out, "{\"name\":\"甲\\\"\"}");
}

// Whatever the bytes, the output is one valid JSON string; text that is valid UTF-8
// reads back unchanged.
TEST(JsonStringTest, AnyBytesGiveValidJsonAndUtf8RoundTrips) {
  std::mt19937 random(20240601);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(random() % 24, '\0');
    for (char& c : bytes) c = static_cast<char>(random() & 0xFF);
    std::string json = JsonString(bytes);
    std::string back = ReadBack(json);
    ASSERT_NE(back, "<not a JSON string>") << json;
    if (simdjson::validate_utf8(bytes.data(), bytes.size())) {
      EXPECT_EQ(back, bytes);
    }
  }
  const std::string mixed = "甲\"\\\n\t\x01 乙😀";
  EXPECT_EQ(ReadBack(JsonString(mixed)), mixed);
}

TEST(JsonNumberTest, IntegralValuesHaveNoFractionOrExponent) {
  EXPECT_EQ(JsonNumber(0), "0");
  EXPECT_EQ(JsonNumber(-0.0), "0");
  EXPECT_EQ(JsonNumber(3), "3");
  EXPECT_EQ(JsonNumber(-3), "-3");
  EXPECT_EQ(JsonNumber(10000000), "10000000");  // an amount in CNY, not 1e+07
  EXPECT_EQ(JsonNumber(999999999999999), "999999999999999");
}

TEST(JsonNumberTest, FractionsAreTheShortestRoundTripForm) {
  EXPECT_EQ(JsonNumber(1.5), "1.5");
  EXPECT_EQ(JsonNumber(0.1), "0.1");
  EXPECT_EQ(JsonNumber(-2.25), "-2.25");
  EXPECT_EQ(JsonNumber(0.001), "0.001");
  EXPECT_EQ(JsonNumber(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(JsonNumber(2.0 / 3), "0.6666666666666666");
  EXPECT_EQ(JsonNumber(4999999.5), "4999999.5");
}

TEST(JsonNumberTest, VeryLargeAndVerySmallUseAnExponent) {
  EXPECT_EQ(JsonNumber(1e15), "1e+15");
  EXPECT_EQ(JsonNumber(-1e15), "-1e+15");
  EXPECT_EQ(JsonNumber(1e300), "1e+300");
  EXPECT_EQ(JsonNumber(1e-7), "1e-07");
  EXPECT_EQ(JsonNumber(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
}

TEST(JsonNumberTest, NotFiniteIsNull) {
  EXPECT_EQ(JsonNumber(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(JsonNumber(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(JsonNumber(-std::numeric_limits<double>::infinity()), "null");
}

// Every finite double is written as a number of RFC 8259's grammar that reads back as the
// same double. (Not checked with simdjson: it refuses integers beyond 64 bits, which the
// grammar allows and JsonNumber writes for integral values from 1e15 up to about 1e22.)
TEST(JsonNumberTest, FiniteValuesRoundTrip) {
  static const std::regex grammar(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?)");
  std::mt19937_64 random(7);
  for (int round = 0; round < 5000; ++round) {
    uint64_t bits = random();
    double value;
    std::memcpy(&value, &bits, sizeof value);
    if (!std::isfinite(value)) continue;
    std::string text = JsonNumber(value);
    ASSERT_TRUE(std::regex_match(text, grammar)) << text;
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), value) << text;
  }
  for (double value : {1e15, 4334270042473571549184.0, 1e22, 1e23, -123456789012345678.0}) {
    std::string text = JsonNumber(value);
    EXPECT_TRUE(std::regex_match(text, grammar)) << text;
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), value) << text;
  }
}

TEST(JsonBuilderTest, ArraysJoinTheirEncodedElements) {
  EXPECT_EQ(JsonArray(std::vector<int>{}, [](int n) { return std::to_string(n); }), "[]");
  EXPECT_EQ(JsonArray(std::vector<int>{1, 2, 3}, [](int n) { return std::to_string(n * 10); }), "[10,20,30]");
  EXPECT_EQ(JsonStringArray({"a", "\"b\"", ""}), R"(["a","\"b\"",""])");
  EXPECT_EQ(JsonStringArray({}), "[]");
}

TEST(JsonBuilderTest, ObjectsKeepTheOrderFieldsAreAdded) {
  EXPECT_EQ(JsonObject().Text(), "{}");
  EXPECT_EQ(JsonObject().Add("b", "1").Add("a", JsonString("x")).Add("k\"", "null").Text(),
            R"({"b":1,"a":"x","k\"":null})");
  const std::string nested = JsonObject().Add("list", JsonStringArray({"p"})).Add("o", JsonObject().Text()).Text();
  EXPECT_EQ(nested, R"({"list":["p"],"o":{}})");
  simdjson::dom::parser parser;
  EXPECT_FALSE(parser.parse(simdjson::padded_string(nested)).error());
}

}  // namespace
}  // namespace hvpat::base
