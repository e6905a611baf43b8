// record::LineParser: one NDJSON line -> Patent or the reason it is invalid
// (spec/record-format.md, "Fields", "Example" and "Invalid records"). Each rejection test
// asserts the exact reason the parser reports; reasons that carry simdjson's own message
// are asserted up to the parser's "not JSON: " prefix.
#include "hvpat/record/parser.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hvpat/io/reader.h"
#include "hvpat/record/ipc.h"

namespace hvpat::record {
namespace {

using model::Date;
using model::Patent;
using model::PatentType;
using model::Status;

// The example record of the spec, verbatim.
constexpr std::string_view kExample =
    R"({"id":"CN102345678B","type":"invention","filing_date":"2011-04-12","grant_date":"2014-06-18",)"
    R"("status":"valid","ipc":["G06F 16/27","H04L 67/10"],)"
    R"("holders":[{"name":"重庆示例科技有限公司","country":"CN","region":"500117"}],)"
    R"("family_id":"45678901","family":[{"id":"US9876543B2","country":"US","granted":true}],)"
    R"("pledges":[{"amount":30000000,"patents":3,"date":"2019-05-01","released":null}],)"
    R"("awards":[{"award":"china_patent","level":"excellence","year":2020}]})";

constexpr std::string_view kHolderName = "重庆示例科技有限公司";

Date D(const char* text) { return Date::ParseIso(text).value(); }

// The example record as (name, raw JSON value) members, to vary one at a time.
class Rec {
 public:
  Rec()
      : members_{
            {"id", R"("CN102345678B")"},
            {"type", R"("invention")"},
            {"filing_date", R"("2011-04-12")"},
            {"grant_date", R"("2014-06-18")"},
            {"status", R"("valid")"},
            {"ipc", R"(["G06F 16/27","H04L 67/10"])"},
            {"holders", R"([{"name":"重庆示例科技有限公司","country":"CN","region":"500117"}])"},
            {"family_id", R"("45678901")"},
            {"family", R"([{"id":"US9876543B2","country":"US","granted":true}])"},
            {"pledges", R"([{"amount":30000000,"patents":3,"date":"2019-05-01","released":null}])"},
            {"awards", R"([{"award":"china_patent","level":"excellence","year":2020}])"},
        } {}

  // Replaces the member's value, or appends the member when absent.
  Rec& Set(const std::string& name, const std::string& raw) {
    for (auto& [key, value] : members_) {
      if (key == name) {
        value = raw;
        return *this;
      }
    }
    return Add(name, raw);
  }
  // Appends a member, even one already there.
  Rec& Add(const std::string& name, const std::string& raw) {
    members_.emplace_back(name, raw);
    return *this;
  }
  Rec& Drop(const std::string& name) {
    std::erase_if(members_, [&](const auto& member) { return member.first == name; });
    return *this;
  }
  std::string str() const {
    std::string out = "{";
    for (const auto& [key, value] : members_) {
      if (out.size() > 1) out += ",";
      out += "\"" + key + "\":" + value;
    }
    return out + "}";
  }

 private:
  std::vector<std::pair<std::string, std::string>> members_;
};

class LineParserTest : public ::testing::Test {
 protected:
  // Parses `line`, expecting it to be valid.
  bool Accepts(std::string_view line) {
    reason_.clear();
    bool ok = parser_.ParseUnpadded(line, patent_, reason_);
    EXPECT_TRUE(ok) << "rejected: " << reason_ << "\n  line: " << line;
    return ok;
  }
  bool Accepts(const Rec& rec) { return Accepts(rec.str()); }
  // Parses `line`, expecting it to be invalid; returns the reason.
  std::string Rejects(std::string_view line) {
    reason_.clear();
    if (parser_.ParseUnpadded(line, patent_, reason_)) {
      ADD_FAILURE() << "accepted: " << line;
      return "<accepted>";
    }
    EXPECT_FALSE(reason_.empty());
    return reason_;
  }
  std::string Rejects(const Rec& rec) { return Rejects(rec.str()); }

  LineParser parser_;
  Patent patent_;
  std::string reason_;
};

// ---------------------------------------------------------------------------------------
// A full record

TEST_F(LineParserTest, ReadsEveryFieldOfTheSpecExample) {
  ASSERT_TRUE(Accepts(kExample));
  EXPECT_EQ(patent_.id, "CN102345678B");
  EXPECT_EQ(patent_.office, "CN");  // no `country`: the first two characters of `id`
  EXPECT_EQ(patent_.type, PatentType::kInvention);
  EXPECT_EQ(patent_.filing_date, D("2011-04-12"));
  EXPECT_EQ(patent_.grant_date, D("2014-06-18"));
  EXPECT_EQ(patent_.status, Status::kValid);
  EXPECT_EQ(patent_.status_date, std::nullopt);
  EXPECT_EQ(patent_.ipc, (std::vector<std::string>{"G06F16/27", "H04L67/10"}));
  ASSERT_EQ(patent_.holders.size(), 1u);
  EXPECT_EQ(patent_.holders[0].name, kHolderName);
  EXPECT_EQ(patent_.holders[0].country, "CN");
  EXPECT_EQ(patent_.holders[0].region, "500117");
  EXPECT_TRUE(patent_.FirstHolderDomestic());
  EXPECT_EQ(patent_.Region(), "500117");
  EXPECT_EQ(patent_.family_id, "45678901");
  ASSERT_EQ(patent_.family.size(), 1u);
  EXPECT_EQ(patent_.family[0].id, "US9876543B2");
  EXPECT_EQ(patent_.family[0].country, "US");
  EXPECT_TRUE(patent_.family[0].granted);
  ASSERT_EQ(patent_.pledges.size(), 1u);
  EXPECT_EQ(patent_.pledges[0].amount, 30000000.0);
  EXPECT_EQ(patent_.pledges[0].patents, 3);
  EXPECT_EQ(patent_.pledges[0].date, D("2019-05-01"));
  EXPECT_EQ(patent_.pledges[0].released, std::nullopt);
  ASSERT_EQ(patent_.awards.size(), 1u);
  EXPECT_EQ(patent_.awards[0].award, "china_patent");
  EXPECT_EQ(patent_.awards[0].level, "excellence");
  EXPECT_EQ(patent_.awards[0].year, 2020);
}

TEST_F(LineParserTest, BuilderReproducesTheExample) { EXPECT_EQ(Rec().str(), kExample); }

TEST_F(LineParserTest, ReadsBothDateForms) {
  ASSERT_TRUE(Accepts(Rec()
                          .Set("filing_date", "20110412")
                          .Set("status", R"("lapsed")")
                          .Set("status_date", "20200101")
                          .Set("pledges", R"([{"amount":1.5e6,"date":20190501,"released":"2020-03-04"}])")));
  EXPECT_EQ(patent_.filing_date, D("2011-04-12"));
  EXPECT_EQ(patent_.grant_date, D("2014-06-18"));
  EXPECT_EQ(patent_.status, Status::kLapsed);
  EXPECT_EQ(patent_.status_date, D("2020-01-01"));
  ASSERT_EQ(patent_.pledges.size(), 1u);
  EXPECT_EQ(patent_.pledges[0].amount, 1.5e6);
  EXPECT_EQ(patent_.pledges[0].date, D("2019-05-01"));
  EXPECT_EQ(patent_.pledges[0].released, D("2020-03-04"));
}

TEST_F(LineParserTest, OfficeIsCountryWhenGiven) {
  ASSERT_TRUE(Accepts(Rec().Set("country", R"("EP")")));
  EXPECT_EQ(patent_.office, "EP");
}

TEST_F(LineParserTest, OfficeDefaultsToFirstTwoCharactersOfId) {
  ASSERT_TRUE(Accepts(Rec().Set("id", R"("US2000000001B2")").Set("holders", R"([{"name":"A","country":"US"}])")));
  EXPECT_EQ(patent_.office, "US");
  ASSERT_TRUE(Accepts(Rec().Set("id", R"("wo2020123456")").Set("holders", R"([{"name":"A","country":"US"}])")));
  EXPECT_EQ(patent_.office, "wo");  // whatever they are
  ASSERT_TRUE(Accepts(Rec().Set("id", R"("CN1")").Set("country", "null")));
  EXPECT_EQ(patent_.office, "CN");
}

TEST_F(LineParserTest, OfficeDefaultCountsCharactersNotBytes) {
  // "the first two characters of `id`, whatever they are": of a UTF-8 id, two characters.
  ASSERT_TRUE(Accepts(Rec().Set("id", R"("专利0001")").Set("holders", R"([{"name":"A","country":"US"}])")));
  EXPECT_EQ(patent_.office, "专利");
}

TEST_F(LineParserTest, AcceptsEveryTypeAndStatusWord) {
  for (const auto& [word, type] :
       std::vector<std::pair<std::string, PatentType>>{{"invention", PatentType::kInvention},
                                                       {"utility_model", PatentType::kUtilityModel},
                                                       {"design", PatentType::kDesign}}) {
    ASSERT_TRUE(Accepts(Rec().Set("type", "\"" + word + "\""))) << word;
    EXPECT_EQ(patent_.type, type) << word;
  }
  for (const auto& [word, status] : std::vector<std::pair<std::string, Status>>{{"valid", Status::kValid},
                                                                                {"lapsed", Status::kLapsed},
                                                                                {"expired", Status::kExpired},
                                                                                {"invalidated", Status::kInvalidated},
                                                                                {"withdrawn", Status::kWithdrawn},
                                                                                {"rejected", Status::kRejected},
                                                                                {"pending", Status::kPending}}) {
    ASSERT_TRUE(Accepts(Rec().Set("status", "\"" + word + "\""))) << word;
    EXPECT_EQ(patent_.status, status) << word;
  }
}

TEST_F(LineParserTest, StatusesThatNeedNoGrantDate) {
  for (const char* status : {"withdrawn", "rejected", "pending"}) {
    ASSERT_TRUE(Accepts(Rec().Set("status", std::string("\"") + status + "\"").Drop("grant_date"))) << status;
    EXPECT_EQ(patent_.grant_date, std::nullopt);
    ASSERT_TRUE(Accepts(Rec().Set("status", std::string("\"") + status + "\"").Set("grant_date", "0"))) << status;
    EXPECT_EQ(patent_.grant_date, std::nullopt);
  }
}

TEST_F(LineParserTest, ReusedPatentStartsEmpty) {
  ASSERT_TRUE(Accepts(kExample));
  ASSERT_TRUE(Accepts(Rec()
                          .Set("id", R"("CN2")")
                          .Set("ipc", "[]")
                          .Drop("family_id")
                          .Drop("family")
                          .Drop("pledges")
                          .Drop("awards")
                          .Set("status", R"("pending")")
                          .Drop("grant_date")));
  EXPECT_EQ(patent_.id, "CN2");
  EXPECT_TRUE(patent_.ipc.empty());
  EXPECT_EQ(patent_.holders.size(), 1u);
  EXPECT_EQ(patent_.family_id, "");
  EXPECT_TRUE(patent_.family.empty());
  EXPECT_TRUE(patent_.pledges.empty());
  EXPECT_TRUE(patent_.awards.empty());
  EXPECT_EQ(patent_.grant_date, std::nullopt);
  // A rejected line does not spoil the next one.
  EXPECT_EQ(Rejects("[]"), "not a JSON object but array");
  ASSERT_TRUE(Accepts(kExample));
  EXPECT_EQ(patent_.pledges.size(), 1u);
}

// ---------------------------------------------------------------------------------------
// Invalid records: not a JSON object, not UTF-8, not JSON

TEST_F(LineParserTest, RejectsLineThatIsNotAnObject) {
  EXPECT_EQ(Rejects("[1,2]"), "not a JSON object but array");
  EXPECT_EQ(Rejects(R"("CN102345678B")"), "not a JSON object but string");
  EXPECT_EQ(Rejects("42"), "not a JSON object but number");
  EXPECT_EQ(Rejects("true"), "not a JSON object but boolean");
  EXPECT_EQ(Rejects("null"), "not a JSON object but null");
}

// The reason names the byte (from 1) where the line stops being UTF-8.
std::string Utf8Reason(const std::string& line, std::string_view bad) {
  return "not well-formed UTF-8 (byte " + std::to_string(line.rfind(bad) + 1) + ")";
}

TEST_F(LineParserTest, RejectsMalformedUtf8) {
  const std::string holder =
      Rec().Set("holders", "[{\"name\":\"\xff\xfe\",\"country\":\"CN\",\"region\":\"500117\"}]").str();
  EXPECT_EQ(Rejects(holder), Utf8Reason(holder, "\xff"));
  for (std::string bad : {"\xc0\xaf", "\xed\xa0\x80", "\xe9\x87", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80"}) {
    // overlong, surrogate, cut short, beyond U+10FFFF, five bytes
    const std::string line = Rec().Add("note", "\"" + bad + "\"").str();
    EXPECT_EQ(Rejects(line), Utf8Reason(line, bad));
  }
  const std::string tail = Rec().str() + "\x80";
  EXPECT_EQ(Rejects(tail), "not well-formed UTF-8 (byte " + std::to_string(tail.size()) + ")");
}

TEST_F(LineParserTest, RejectsTrailingDataAfterTheObject) {
  const std::string at = " at byte " + std::to_string(kExample.size() + 1);
  EXPECT_EQ(Rejects(std::string(kExample) + "{}"), "not JSON: trailing characters after the JSON object ('{')" + at);
  EXPECT_EQ(Rejects(std::string(kExample) + std::string(kExample)),
            "not JSON: trailing characters after the JSON object ('{')" + at);
  EXPECT_EQ(Rejects(std::string(kExample) + "[1]"), "not JSON: trailing characters after the JSON object ('[')" + at);
  EXPECT_EQ(Rejects(std::string(kExample) + ",1"), "not JSON: trailing characters after the JSON object (',')" + at);
  EXPECT_EQ(Rejects(std::string(kExample) + "}"), "not JSON: trailing characters after the JSON object ('}')" + at);
  const std::string after_blank = " at byte " + std::to_string(kExample.size() + 2);
  EXPECT_EQ(Rejects(std::string(kExample) + " xyz"),
            "not JSON: trailing characters after the JSON object ('x')" + after_blank);
  EXPECT_EQ(Rejects(std::string(kExample) + " 1"),
            "not JSON: trailing characters after the JSON object ('1')" + after_blank);
  EXPECT_EQ(Rejects(std::string(kExample) + std::string(1, '\0')),
            "not JSON: trailing characters after the JSON object (a NUL byte)" + at);
  EXPECT_EQ(Rejects(std::string(kExample) + "\x01"),
            "not JSON: trailing characters after the JSON object (byte 0x01)" + at);
}

TEST_F(LineParserTest, AcceptsWhitespaceAroundTheObject) {
  EXPECT_TRUE(Accepts("  " + std::string(kExample) + " \t "));
}

TEST_F(LineParserTest, RejectsBrokenJsonInUnknownField) {
  for (const char* raw : {R"({"a":tru})", R"([1,2)", R"({"a" 1})", R"("\x")", "nul", "01", "-", "[1,,2]"}) {
    std::string reason = Rejects(Rec().Add("extra", raw));
    EXPECT_TRUE(reason.starts_with("not JSON: ")) << raw << " -> " << reason;
  }
}

TEST_F(LineParserTest, RejectsBrokenJsonStructure) {
  std::string line(kExample);
  line.pop_back();  // no closing brace
  EXPECT_TRUE(Rejects(line).starts_with("not JSON: ")) << reason_;
  EXPECT_TRUE(Rejects(R"({"id":"CN1" "type":"invention"})").starts_with("not JSON: ")) << reason_;
  EXPECT_TRUE(Rejects("").starts_with("not JSON: ")) << reason_;
}

TEST_F(LineParserTest, RejectsNaN) {
  EXPECT_TRUE(Rejects(Rec().Add("score", "NaN")).starts_with("not JSON: ")) << reason_;
  EXPECT_TRUE(Rejects(Rec().Set("pledges", R"([{"amount":NaN}])")).starts_with("not JSON: ")) << reason_;
  EXPECT_TRUE(Rejects(Rec().Set("pledges", R"([{"amount":Infinity}])")).starts_with("not JSON: ")) << reason_;
}

TEST_F(LineParserTest, RejectsLineOverMaximumLength) {
  const std::string line(kExample);
  LineParser short_parser(ParseOptions{.max_line_bytes = 100});
  std::string reason;
  EXPECT_FALSE(short_parser.ParseUnpadded(line, patent_, reason));
  EXPECT_EQ(reason, "line longer than the maximum of 100 bytes");

  LineParser exact_parser(ParseOptions{.max_line_bytes = line.size()});
  EXPECT_TRUE(exact_parser.ParseUnpadded(line, patent_, reason)) << reason;
  LineParser one_short(ParseOptions{.max_line_bytes = line.size() - 1});
  EXPECT_FALSE(one_short.ParseUnpadded(line, patent_, reason));
  EXPECT_EQ(reason, "line longer than the maximum of " + std::to_string(line.size() - 1) + " bytes");
}

TEST_F(LineParserTest, AcceptsOneMegabyteLine) {
  std::string big(1 << 20, 'a');
  ASSERT_TRUE(Accepts(Rec().Add("padding", "\"" + big + "\"")));
  EXPECT_EQ(patent_.id, "CN102345678B");
}

// ---------------------------------------------------------------------------------------
// Invalid records: required fields

TEST_F(LineParserTest, RejectsMissingRequiredField) {
  for (const char* field : {"id", "type", "filing_date", "status", "ipc", "holders"}) {
    EXPECT_EQ(Rejects(Rec().Drop(field)), std::string("missing required field ") + field);
  }
}

TEST_F(LineParserTest, RejectsRequiredFieldOfWrongType) {
  EXPECT_EQ(Rejects(Rec().Set("id", "102345678")), "id: expected string, got number");
  EXPECT_EQ(Rejects(Rec().Set("id", "null")), "id: expected string, got null");
  EXPECT_EQ(Rejects(Rec().Set("type", R"(["invention"])")), "type: expected string, got array");
  EXPECT_EQ(Rejects(Rec().Set("status", "true")), "status: expected string, got boolean");
  EXPECT_EQ(Rejects(Rec().Set("ipc", R"("G06F 16/27")")), "ipc: expected array, got string");
  EXPECT_EQ(Rejects(Rec().Set("ipc", "null")), "ipc: expected array, got null");
  EXPECT_EQ(Rejects(Rec().Set("ipc", R"(["G06F 16/27",16])")), "ipc element: expected string, got number");
  EXPECT_EQ(Rejects(Rec().Set("holders", R"({"name":"A","country":"CN","region":"500117"})")),
            "holders: expected array, got object");
  EXPECT_EQ(Rejects(Rec().Set("holders", R"(["A"])")), "holders: elements must be objects, got string");
}

TEST_F(LineParserTest, RejectsEmptyId) { EXPECT_EQ(Rejects(Rec().Set("id", R"("")")), "id is empty"); }

TEST_F(LineParserTest, RejectsEmptyHolders) { EXPECT_EQ(Rejects(Rec().Set("holders", "[]")), "holders is empty"); }

TEST_F(LineParserTest, RejectsRequiredDateGivenAsZeroOrNull) {
  EXPECT_EQ(Rejects(Rec().Set("filing_date", "0")), "filing_date: no date given for a required date");
  EXPECT_EQ(Rejects(Rec().Set("filing_date", "null")), "filing_date: no date given for a required date");
}

TEST_F(LineParserTest, RejectsGrantedStatusWithoutGrantDate) {
  for (const char* status : {"valid", "lapsed", "expired", "invalidated"}) {
    const std::string quoted = std::string("\"") + status + "\"";
    const std::string reason = std::string("status ") + status + " without a grant_date";
    EXPECT_EQ(Rejects(Rec().Set("status", quoted).Drop("grant_date")), reason);
    EXPECT_EQ(Rejects(Rec().Set("status", quoted).Set("grant_date", "null")), reason);
    EXPECT_EQ(Rejects(Rec().Set("status", quoted).Set("grant_date", "0")), reason);
  }
}

// ---------------------------------------------------------------------------------------
// Invalid records: members repeated

TEST_F(LineParserTest, RejectsRecordFieldGivenTwice) {
  EXPECT_EQ(Rejects(Rec().Set("status", R"("lapsed")").Add("status", R"("valid")")), "field 'status' given twice");
  EXPECT_EQ(Rejects(Rec().Add("id", R"("CN102345678B")")), "field 'id' given twice");
  EXPECT_EQ(Rejects(Rec().Set("family_id", "null").Add("family_id", R"("F1")")), "field 'family_id' given twice");
  EXPECT_EQ(Rejects(Rec().Add("pledges", "null")), "field 'pledges' given twice");
  // The same name written with an escape is the same member.
  EXPECT_EQ(Rejects(Rec().Add("st\\u0061tus", R"("valid")")), "field 'status' given twice");
}

TEST_F(LineParserTest, RejectsNestedMemberGivenTwice) {
  EXPECT_EQ(Rejects(Rec().Set("holders", R"([{"name":"A","country":"CN","region":"500117","name":"B"}])")),
            "holders: member 'name' given twice");
  EXPECT_EQ(Rejects(Rec().Set("holders", R"([{"name":"A","country":"US","region":null,"region":"500117"}])")),
            "holders: member 'region' given twice");
  EXPECT_EQ(Rejects(Rec().Set("family", R"([{"id":"US1","country":"US","granted":true,"granted":false}])")),
            "family: member 'granted' given twice");
  EXPECT_EQ(Rejects(Rec().Set("pledges", R"([{"amount":1,"amount":2}])")), "pledges: member 'amount' given twice");
  EXPECT_EQ(Rejects(Rec().Set("pledges", R"([{"amount":1,"released":null,"released":null}])")),
            "pledges: member 'released' given twice");
  EXPECT_EQ(Rejects(Rec().Set("awards", R"([{"award":"china_patent","level":"gold","level":"silver","year":2020}])")),
            "awards: member 'level' given twice");
}

TEST_F(LineParserTest, AcceptsUnknownMemberGivenTwice) {
  EXPECT_TRUE(Accepts(Rec().Add("note", "1").Add("note", "2")));
  EXPECT_TRUE(Accepts(Rec().Set("holders", R"([{"name":"A","country":"CN","region":"500117","x":1,"x":2}])")));
}

// ---------------------------------------------------------------------------------------
// Invalid records: nested objects

TEST_F(LineParserTest, RejectsNestedObjectMissingRequiredMember) {
  EXPECT_EQ(Rejects(Rec().Set("holders", R"([{"country":"CN","region":"500117"}])")),
            "holders: missing required field name");
  EXPECT_EQ(Rejects(Rec().Set("holders", R"([{"name":"A","region":"500117"}])")),
            "holders: missing required field country");
  EXPECT_EQ(Rejects(Rec().Set("family", R"([{"id":"US1","country":"US"}])")), "family: missing required field granted");
  EXPECT_EQ(Rejects(Rec().Set("family", R"([{"country":"US","granted":true}])")), "family: missing required field id");
  EXPECT_EQ(Rejects(Rec().Set("pledges", R"([{"patents":2,"date":"2019-05-01"}])")),
            "pledges: missing required field amount");
  EXPECT_EQ(Rejects(Rec().Set("awards", R"([{"award":"china_patent","level":"gold"}])")),
            "awards: missing required field year");
}

TEST_F(LineParserTest, RejectsNestedMemberOfWrongType) {
  EXPECT_EQ(Rejects(Rec().Set("holders", R"([{"name":1,"country":"CN","region":"500117"}])")),
            "holders.name: expected string, got number");
  EXPECT_EQ(Rejects(Rec().Set("holders", R"([{"name":"A","country":null,"region":"500117"}])")),
            "holders.country: expected string, got null");
  EXPECT_EQ(Rejects(Rec().Set("family", R"([{"id":"US1","country":"US","granted":"yes"}])")),
            "family.granted: expected boolean, got string");
  EXPECT_EQ(Rejects(Rec().Set("family", R"(["US1"])")), "family: elements must be objects, got string");
  EXPECT_EQ(Rejects(Rec().Set("pledges", R"([{"amount":"30000000"}])")), "pledges.amount: expected number, got string");
  EXPECT_EQ(Rejects(Rec().Set("awards", R"([{"award":"china_patent","level":"gold","year":"2020"}])")),
            "awards.year: expected integer, got string");
  EXPECT_EQ(Rejects(Rec().Set("awards", R"([{"award":1,"level":"gold","year":2020}])")),
            "awards.award: expected string, got number");
}

// ---------------------------------------------------------------------------------------
// Invalid records: optional fields of the wrong type

TEST_F(LineParserTest, RejectsOptionalFieldOfWrongType) {
  EXPECT_EQ(Rejects(Rec().Set("family_id", "45678901")), "family_id: expected string, got number");
  EXPECT_EQ(Rejects(Rec().Set("pledges", R"({"amount":1})")), "pledges: expected array, got object");
  EXPECT_EQ(Rejects(Rec().Set("family", R"("US9876543B2")")), "family: expected array, got string");
  EXPECT_EQ(Rejects(Rec().Set("awards", "true")), "awards: expected array, got boolean");
  EXPECT_EQ(Rejects(Rec().Set("country", "86")), "country: expected string, got number");
  EXPECT_EQ(Rejects(Rec().Set("status_date", "true")),
            "status_date: a date must be a string or an integer, got boolean");
}

// ---------------------------------------------------------------------------------------
// Invalid records: dates

TEST_F(LineParserTest, RejectsDateNotOnTheCalendar) {
  EXPECT_EQ(Rejects(Rec().Set("filing_date", R"("2021-02-30")")),
            "filing_date: '2021-02-30' is not a real calendar date");
  EXPECT_EQ(Rejects(Rec().Set("filing_date", "20210230")), "filing_date: 20210230 is not a real calendar date");
  EXPECT_EQ(Rejects(Rec().Set("grant_date", R"("2014-13-01")")),
            "grant_date: '2014-13-01' is not a real calendar date");
  EXPECT_EQ(Rejects(Rec().Set("status_date", R"("2019-02-29")")),
            "status_date: '2019-02-29' is not a real calendar date");
  EXPECT_EQ(Rejects(Rec().Set("pledges", R"([{"amount":1,"date":"2019-02-29"}])")),
            "pledges.date: '2019-02-29' is not a real calendar date");
  EXPECT_EQ(Rejects(Rec().Set("filing_date", R"("0000-01-01")")),
            "filing_date: '0000-01-01' is not a real calendar date");
}

TEST_F(LineParserTest, RejectsDateStringNotExactlyIso) {
  for (const char* text : {"20210203", "2021/02/03", "2021-2-3", " 2021-02-03", "2021-02-03T00:00:00", ""}) {
    EXPECT_EQ(Rejects(Rec().Set("filing_date", std::string("\"") + text + "\"")),
              std::string("filing_date: '") + text + "' is not a YYYY-MM-DD date");
  }
}

TEST_F(LineParserTest, RejectsDateNumberNotEightDigits) {
  EXPECT_EQ(Rejects(Rec().Set("filing_date", "2021023")), "filing_date: 2021023 is not an eight-digit YYYYMMDD date");
  EXPECT_EQ(Rejects(Rec().Set("filing_date", "202102030")),
            "filing_date: 202102030 is not an eight-digit YYYYMMDD date");
  EXPECT_EQ(Rejects(Rec().Set("filing_date", "-20210203")),
            "filing_date: -20210203 is not an eight-digit YYYYMMDD date");
}

TEST_F(LineParserTest, RejectsDateAsFloat) {
  EXPECT_EQ(Rejects(Rec().Set("filing_date", "20210203.0")),
            "filing_date: a date number must be an eight-digit integer");
  EXPECT_EQ(Rejects(Rec().Set("filing_date", "2.0210203e7")),
            "filing_date: a date number must be an eight-digit integer");
  EXPECT_EQ(Rejects(Rec().Set("pledges", R"([{"amount":1,"released":20200101.5}])")),
            "pledges.released: a date number must be an eight-digit integer");
}

TEST_F(LineParserTest, RejectsDateAsBoolean) {
  EXPECT_EQ(Rejects(Rec().Set("filing_date", "true")),
            "filing_date: a date must be a string or an integer, got boolean");
  EXPECT_EQ(Rejects(Rec().Set("grant_date", "false")),
            "grant_date: a date must be a string or an integer, got boolean");
  EXPECT_EQ(Rejects(Rec().Set("filing_date", R"({"y":2021})")),
            "filing_date: a date must be a string or an integer, got object");
}

// ---------------------------------------------------------------------------------------
// Invalid records: words

TEST_F(LineParserTest, RejectsTypeNotListedExactly) {
  for (const char* word : {"Invention", "INVENTION", " invention", "invention ", "utility model", ""}) {
    EXPECT_EQ(Rejects(Rec().Set("type", std::string("\"") + word + "\"")),
              std::string("type: '") + word + "' is not one of invention, utility_model, design");
  }
}

TEST_F(LineParserTest, RejectsStatusNotListedExactly) {
  for (const char* word : {"Valid", "valid ", "active", "granted"}) {
    EXPECT_EQ(Rejects(Rec().Set("status", std::string("\"") + word + "\"")),
              std::string("status: '") + word +
                  "' is not one of valid, lapsed, expired, invalidated, withdrawn, rejected, pending");
  }
}

// ---------------------------------------------------------------------------------------
// Invalid records: pledges and awards integers

TEST_F(LineParserTest, RejectsPatentsBelowOne) {
  EXPECT_EQ(Rejects(Rec().Set("pledges", R"([{"amount":1,"patents":0}])")), "pledges.patents: must be at least 1");
  EXPECT_EQ(Rejects(Rec().Set("pledges", R"([{"amount":1,"patents":-3}])")), "pledges.patents: must be at least 1");
}

TEST_F(LineParserTest, RejectsPatentsWithFractionOrExponent) {
  EXPECT_EQ(Rejects(Rec().Set("pledges", R"([{"amount":1,"patents":3.0}])")),
            "pledges.patents: expected an integer without fraction or exponent");
  EXPECT_EQ(Rejects(Rec().Set("pledges", R"([{"amount":1,"patents":3e0}])")),
            "pledges.patents: expected an integer without fraction or exponent");
  EXPECT_EQ(Rejects(Rec().Set("pledges", R"([{"amount":1,"patents":"3"}])")),
            "pledges.patents: expected integer, got string");
}

TEST_F(LineParserTest, RejectsAwardYearWithFraction) {
  EXPECT_EQ(Rejects(Rec().Set("awards", R"([{"award":"china_patent","level":"gold","year":2020.0}])")),
            "awards.year: expected an integer without fraction or exponent");
}

// ---------------------------------------------------------------------------------------
// Invalid records: regions on a record of the office CN

TEST_F(LineParserTest, RejectsDomesticHolderWithBadRegionOnCnRecord) {
  const std::string prefix = "holders: domestic holder '" + std::string(kHolderName) + "' has ";
  auto holder = [](const std::string& region_member) {
    return R"([{"name":"重庆示例科技有限公司","country":"CN")" + region_member + "}]";
  };
  EXPECT_EQ(Rejects(Rec().Set("holders", holder(R"(,"region":"50011")"))), prefix + "region '50011', not six digits");
  EXPECT_EQ(Rejects(Rec().Set("holders", holder(R"(,"region":"5001170")"))),
            prefix + "region '5001170', not six digits");
  EXPECT_EQ(Rejects(Rec().Set("holders", holder(R"(,"region":"50011X")"))), prefix + "region '50011X', not six digits");
  EXPECT_EQ(Rejects(Rec().Set("holders", holder(R"(,"region":"５００１１７")"))),
            prefix + "region '５００１１７', not six digits");
  EXPECT_EQ(Rejects(Rec().Set("holders", holder(R"(,"region":500117)"))),
            prefix + "a non-string value, not six digits");
  EXPECT_EQ(Rejects(Rec().Set("holders", holder(""))), prefix + "no region, not six digits");
  EXPECT_EQ(Rejects(Rec().Set("holders", holder(R"(,"region":null)"))), prefix + "no region, not six digits");
}

TEST_F(LineParserTest, RejectsLaterDomesticHolderWithBadRegion) {
  EXPECT_EQ(Rejects(Rec().Set("holders", R"([{"name":"Acme","country":"US"},{"name":"乙","country":"CN"}])")),
            "holders: domestic holder '乙' has no region, not six digits");
}

TEST_F(LineParserTest, RejectsBadRegionWhenCountryFieldSaysCn) {
  // The office is `country` when given: an id that does not start with CN is still a CN record.
  EXPECT_EQ(
      Rejects(Rec().Set("id", R"("ZZ1")").Set("country", R"("CN")").Set("holders", R"([{"name":"A","country":"CN"}])")),
      "holders: domestic holder 'A' has no region, not six digits");
}

// ---------------------------------------------------------------------------------------
// Accepted records

TEST_F(LineParserTest, IgnoresUnknownFieldsOfAnyType) {
  ASSERT_TRUE(Accepts(Rec()
                          .Add("x_object", R"({"a":[1,{"b":null}],"c":"\u00e9"})")
                          .Add("x_array", "[]")
                          .Add("x_number", "-1.5e300")
                          .Add("x_string", R"("\"quoted\" \\ \n")")
                          .Add("x_true", "true")
                          .Add("x_null", "null")
                          .Add("Status", R"("garbage")")
                          .Add("grant", "7")));
  Patent plain;
  std::string reason;
  LineParser other;
  ASSERT_TRUE(other.ParseUnpadded(kExample, plain, reason)) << reason;
  EXPECT_EQ(patent_.id, plain.id);
  EXPECT_EQ(patent_.status, Status::kValid);
  EXPECT_EQ(patent_.grant_date, plain.grant_date);
  EXPECT_EQ(patent_.ipc, plain.ipc);
  EXPECT_EQ(patent_.holders.size(), 1u);
  // Unknown members of nested objects are ignored too.
  ASSERT_TRUE(Accepts(Rec()
                          .Set("holders", R"([{"name":"A","country":"CN","region":"500117","address":{"city":1}}])")
                          .Set("family", R"([{"id":"US1","country":"US","granted":false,"kind":["B2"]}])")
                          .Set("pledges", R"([{"amount":5,"bank":null}])")
                          .Set("awards", R"([{"award":"china_patent","level":"gold","year":2020,"note":1.5}])")));
  EXPECT_EQ(patent_.holders[0].region, "500117");
  EXPECT_FALSE(patent_.family[0].granted);
  EXPECT_EQ(patent_.pledges[0].amount, 5.0);
  EXPECT_EQ(patent_.awards[0].level, "gold");
}

TEST_F(LineParserTest, IgnoresUnknownFieldsHoldingNumbersBeyondMachineRange) {
  // Valid JSON numbers (RFC 8259 sets no range); "Unknown fields are ignored whatever they hold".
  EXPECT_TRUE(Accepts(Rec().Add("x_big", "123456789012345678901234567890")));
  EXPECT_TRUE(Accepts(Rec().Add("x_big", "-123456789012345678901234567890")));
  EXPECT_TRUE(Accepts(Rec().Add("x_u64", "18446744073709551615")));
  EXPECT_TRUE(Accepts(Rec().Add("x_huge", "1e400")));
}

TEST_F(LineParserTest, NullOptionalFieldsAreAbsent) {
  ASSERT_TRUE(Accepts(Rec()
                          .Set("country", "null")
                          .Set("status_date", "null")
                          .Set("family_id", "null")
                          .Set("family", "null")
                          .Set("pledges", "null")
                          .Set("awards", "null")));
  EXPECT_EQ(patent_.office, "CN");
  EXPECT_EQ(patent_.status_date, std::nullopt);
  EXPECT_EQ(patent_.family_id, "");
  EXPECT_TRUE(patent_.family.empty());
  EXPECT_TRUE(patent_.pledges.empty());
  EXPECT_TRUE(patent_.awards.empty());
  ASSERT_TRUE(Accepts(Rec().Set("status", R"("pending")").Set("grant_date", "null")));
  EXPECT_EQ(patent_.grant_date, std::nullopt);
  ASSERT_TRUE(Accepts(Rec().Set("status_date", "0")));
  EXPECT_EQ(patent_.status_date, std::nullopt);
}

TEST_F(LineParserTest, NullOptionalPledgeMembersAreAbsent) {
  ASSERT_TRUE(Accepts(Rec().Set("pledges", R"([{"amount":1000,"patents":null,"date":null,"released":null}])")));
  ASSERT_EQ(patent_.pledges.size(), 1u);
  EXPECT_EQ(patent_.pledges[0].patents, 1);
  EXPECT_EQ(patent_.pledges[0].date, std::nullopt);
  EXPECT_EQ(patent_.pledges[0].released, std::nullopt);
}

TEST_F(LineParserTest, EmptyFamilyIdIsAbsent) {
  ASSERT_TRUE(Accepts(Rec().Set("family_id", R"("")")));
  EXPECT_EQ(patent_.family_id, "");
}

TEST_F(LineParserTest, PatentsDefaultsToOne) {
  ASSERT_TRUE(Accepts(Rec().Set("pledges", R"([{"amount":2e7},{"amount":1,"patents":2,"date":0}])")));
  ASSERT_EQ(patent_.pledges.size(), 2u);
  EXPECT_EQ(patent_.pledges[0].amount, 2e7);
  EXPECT_EQ(patent_.pledges[0].patents, 1);
  EXPECT_EQ(patent_.pledges[0].date, std::nullopt);
  EXPECT_EQ(patent_.pledges[1].patents, 2);
  EXPECT_EQ(patent_.pledges[1].date, std::nullopt);  // 0 means no date
}

TEST_F(LineParserTest, IgnoresForeignHolderRegionWhateverItHolds) {
  for (const char* region :
       {R"("500117")", R"("abc")", "12", "true", R"({"code":"500117"})", "[1,2]", "null", R"("")"}) {
    ASSERT_TRUE(Accepts(Rec().Set("holders", std::string(R"([{"name":"Acme","country":"US","region":)") + region +
                                                 R"(},{"name":"甲","country":"CN","region":"510104"}])")))
        << region;
    ASSERT_EQ(patent_.holders.size(), 2u);
    EXPECT_EQ(patent_.holders[0].country, "US");
    EXPECT_EQ(patent_.holders[0].region, "") << region;
    EXPECT_EQ(patent_.holders[1].region, "510104");
    EXPECT_FALSE(patent_.FirstHolderDomestic());
    EXPECT_EQ(patent_.Region(), "");
  }
}

TEST_F(LineParserTest, HolderCountryOtherThanCnIsNotDomestic) {
  // `cn` and `CHN` are simply not domestic: no region needed on a CN record.
  ASSERT_TRUE(
      Accepts(Rec().Set("holders", R"([{"name":"A","country":"cn"},{"name":"B","country":"CHN","region":7}])")));
  EXPECT_FALSE(patent_.FirstHolderDomestic());
  EXPECT_EQ(patent_.holders[0].region, "");
  EXPECT_EQ(patent_.holders[1].region, "");
}

TEST_F(LineParserTest, DomesticHolderOnForeignRecordWithBadRegionHasNoRegion) {
  auto foreign = [](const std::string& region_member) {
    return Rec()
        .Set("id", R"("US2000000001B2")")
        .Set("holders", R"([{"name":"甲","country":"CN")" + region_member + "}]");
  };
  for (const char* member : {R"(,"region":"5001")", R"(,"region":500117)", R"(,"region":"50011x")", "",
                             R"(,"region":null)", R"(,"region":[])"}) {
    ASSERT_TRUE(Accepts(foreign(member))) << member;
    EXPECT_EQ(patent_.office, "US");
    EXPECT_TRUE(patent_.FirstHolderDomestic());
    EXPECT_EQ(patent_.holders[0].region, "") << member;
    EXPECT_EQ(patent_.Region(), "") << member;
  }
  ASSERT_TRUE(Accepts(foreign(R"(,"region":"500117")")));
  EXPECT_EQ(patent_.holders[0].region, "500117");
  // The office given by `country` decides, not the id.
  ASSERT_TRUE(
      Accepts(Rec().Set("country", R"("EP")").Set("holders", R"([{"name":"甲","country":"CN","region":"1"}])")));
  EXPECT_EQ(patent_.office, "EP");
  EXPECT_EQ(patent_.holders[0].region, "");
}

TEST_F(LineParserTest, KeepsUnknownAwardWords) {
  ASSERT_TRUE(Accepts(Rec().Set(
      "awards",
      R"([{"award":"nobel","level":"gold","year":2020},{"award":"china_patent","level":"Gold","year":1999}])")));
  ASSERT_EQ(patent_.awards.size(), 2u);
  EXPECT_EQ(patent_.awards[0].award, "nobel");
  EXPECT_EQ(patent_.awards[0].level, "gold");
  EXPECT_EQ(patent_.awards[1].award, "china_patent");
  EXPECT_EQ(patent_.awards[1].level, "Gold");
  EXPECT_EQ(patent_.awards[1].year, 1999);
}

TEST_F(LineParserTest, CanonicalisesIpcAndKeepsMalformedAsWritten) {
  ASSERT_TRUE(Accepts(Rec().Set(
      "ipc", R"(["G06F0016000000","A61K0031045000","G06F16/27","G06F  16/27","g06f16/27"," G06F16/27","G06F16/2"])")));
  EXPECT_EQ(patent_.ipc, (std::vector<std::string>{"G06F16/00", "A61K31/045", "G06F16/27", "G06F  16/27", "g06f16/27",
                                                   " G06F16/27", "G06F16/2"}));
  ASSERT_TRUE(Accepts(Rec().Set("ipc", "[]")));
  EXPECT_TRUE(patent_.ipc.empty());
}

// The edition suffix is dropped; a malformed one keeps the string as written, and
// IsCanonicalIpc tells the two kinds of stored string apart.
TEST_F(LineParserTest, StoresSymbolsWithEditionSuffixCanonical) {
  ASSERT_TRUE(Accepts(
      Rec().Set("ipc", R"j(["G06F 16/27 (2019.01)","H01B7/18(2006.01)I","G01L3/00（2006.01）I","G06F16/27(2019.1)",)j"
                       R"j("G06F16/27 (2019.01) I"])j")));
  EXPECT_EQ(patent_.ipc, (std::vector<std::string>{"G06F16/27", "H01B7/18", "G01L3/00", "G06F16/27(2019.1)",
                                                   "G06F16/27 (2019.01) I"}));
  std::vector<bool> read;
  for (const auto& stored : patent_.ipc) read.push_back(IsCanonicalIpc(stored));
  EXPECT_EQ(read, (std::vector<bool>{true, true, true, false, false}));
}

TEST_F(LineParserTest, ReadsEscapedStrings) {
  ASSERT_TRUE(Accepts(Rec()
                          .Set("id", R"("CN\u0031\"x")")
                          .Set("holders", R"([{"name":"\u7532\n","country":"C\u004e","region":"50011\u0037"}])")));
  EXPECT_EQ(patent_.id, "CN1\"x");
  EXPECT_EQ(patent_.holders[0].name, "甲\n");
  EXPECT_EQ(patent_.holders[0].country, "CN");
  EXPECT_EQ(patent_.holders[0].region, "500117");
}

TEST_F(LineParserTest, ParseReadsPaddedLineInPlace) {
  // Parse() needs io::kPadding readable bytes after the line, as chunks provide.
  std::string buffer = std::string(kExample) + "\n" + std::string(io::kPadding, '\0');
  ASSERT_TRUE(parser_.Parse(std::string_view(buffer.data(), kExample.size()), patent_, reason_)) << reason_;
  EXPECT_EQ(patent_.id, "CN102345678B");
}

// ---------------------------------------------------------------------------------------
// Hostile input: numbers beyond range, deep nesting, trailing bytes, NUL bytes, garbage.
// Each gets a reason that says what and where; none may crash, hang or grow without bound.

// A pledge or award array with one member set to `raw`.
std::string Pledge(const std::string& member, const std::string& raw) {
  return R"([{"amount":30000000,"date":"2019-05-01",")" + member + "\":" + raw + "}]";
}
std::string Award(const std::string& raw_year) {
  return R"([{"award":"china_patent","level":"gold","year":)" + raw_year + "}]";
}

// record-format.md: `patents` and `year` are JSON integers; one beyond 64 bits is still an
// integer, read as the nearest end of int64's range (docs/input.md).
TEST_F(LineParserTest, PatentsBeyond64BitsSaturate) {
  for (const char* raw : {"9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
                          "999999999999999999999999999999"}) {
    ASSERT_TRUE(Accepts(Rec().Set("pledges", Pledge("patents", raw)))) << raw;
    EXPECT_EQ(patent_.pledges.at(0).patents, INT64_MAX) << raw;
  }
  EXPECT_EQ(Rejects(Rec().Set("pledges", Pledge("patents", "-18446744073709551616"))),
            "pledges.patents: must be at least 1");
  EXPECT_EQ(Rejects(Rec().Set("pledges", Pledge("patents", "1e999"))),
            "pledges.patents: expected an integer without fraction or exponent");
  EXPECT_EQ(Rejects(Rec().Set("pledges", Pledge("patents", "3.0"))),
            "pledges.patents: expected an integer without fraction or exponent");
}

TEST_F(LineParserTest, AwardYearBeyond64BitsSaturates) {
  ASSERT_TRUE(Accepts(Rec().Set("awards", Award("18446744073709551616"))));
  EXPECT_EQ(patent_.awards.at(0).year, INT64_MAX);
  ASSERT_TRUE(Accepts(Rec().Set("awards", Award("-99999999999999999999999"))));
  EXPECT_EQ(patent_.awards.at(0).year, INT64_MIN);
  ASSERT_TRUE(Accepts(Rec().Set("awards", Award("-9223372036854775808"))));
  EXPECT_EQ(patent_.awards.at(0).year, INT64_MIN);
  EXPECT_EQ(Rejects(Rec().Set("awards", Award("2.02e3"))),
            "awards.year: expected an integer without fraction or exponent");
}

// `amount` is a number: one beyond a double's range is the largest double of its sign, one
// too small for a double is 0, as the nearest double to it.
TEST_F(LineParserTest, AmountBeyondDoubleRangeSaturates) {
  const std::vector<std::pair<std::string, double>> cases = {
      {"1e999", DBL_MAX}, {"-1e999", -DBL_MAX}, {"1" + std::string(400, '0'), DBL_MAX},
      {"1e-999", 0.0},    {"1e308", 1e308},     {"18446744073709551616", 18446744073709551616.0}};
  for (const auto& [raw, expected] : cases) {
    ASSERT_TRUE(Accepts(Rec().Set("pledges", R"([{"amount":)" + raw + R"(,"date":"2019-05-01"}])"))) << raw;
    EXPECT_EQ(patent_.pledges.at(0).amount, expected) << raw;
  }
}

TEST_F(LineParserTest, DateNumberBeyond64BitsIsNotAnEightDigitDate) {
  EXPECT_EQ(Rejects(Rec().Set("filing_date", "99999999999999999999")),
            "filing_date: 99999999999999999999 is not an eight-digit YYYYMMDD date");
  EXPECT_EQ(Rejects(Rec().Set("grant_date", "-99999999999999999999")),
            "grant_date: -99999999999999999999 is not an eight-digit YYYYMMDD date");
  EXPECT_EQ(Rejects(Rec().Set("filing_date", "1e999")), "filing_date: a date number must be an eight-digit integer");
}

std::string Nested(size_t depth, std::string_view inner = "1") {
  return std::string(depth, '[') + std::string(inner) + std::string(depth, ']');
}
std::string NestedObjects(size_t depth) {
  std::string out;
  for (size_t i = 0; i < depth; ++i) out += "{\"a\":";
  return out + "true" + std::string(depth, '}');
}

// "Unknown fields are ignored whatever they hold": however deep (the line's length is the
// only bound), in the record and in its nested objects.
TEST_F(LineParserTest, IgnoresUnknownMembersNestedAnyDepth) {
  for (size_t depth : {size_t{1000}, size_t{5000}, size_t{200000}}) {
    SCOPED_TRACE(depth);
    EXPECT_TRUE(Accepts(Rec().Add("x", Nested(depth))));
    EXPECT_TRUE(Accepts(Rec().Add("x", NestedObjects(depth))));
    EXPECT_TRUE(Accepts(Rec().Add("x", Nested(depth, NestedObjects(depth)))));
  }
  ASSERT_TRUE(
      Accepts(Rec().Set("holders", R"([{"name":"n","country":"CN","region":"500117","x":)" + Nested(3000) + "}]")));
  EXPECT_EQ(patent_.holders.at(0).region, "500117");
  EXPECT_TRUE(Accepts(Rec().Set("pledges", R"([{"amount":1,"x":)" + NestedObjects(3000) + "}]")));
  // A foreign holder's region is ignored, whatever it holds.
  EXPECT_TRUE(Accepts(Rec().Set("holders", R"([{"name":"n","country":"CN","region":"500117"},)"
                                           R"({"name":"m","country":"US","region":)" +
                                               Nested(3000) + "}]")));
}

TEST_F(LineParserTest, RejectsBrokenJsonDeepInUnknownMember) {
  const std::string line = Rec().Add("x", Nested(2000, "1,")).str();
  const size_t at = line.find("1,]") + 3;  // the ']' where a value must follow the comma
  EXPECT_EQ(Rejects(line),
            "not JSON: ']' where a value was expected at byte " + std::to_string(at) + " (in member 'x')");
  const std::string unclosed = Rec().Add("x", std::string(3000, '[')).str();
  EXPECT_EQ(Rejects(unclosed).substr(0, 10), "not JSON: ");
}

// Known members have a shape; nesting deeper than it is a wrong type, named.
TEST_F(LineParserTest, RejectsNestingInKnownMembersByName) {
  EXPECT_EQ(Rejects(Rec().Set("ipc", Nested(1000, R"("G06F16/27")"))), "ipc element: expected string, got array");
  EXPECT_EQ(Rejects(Rec().Set("holders", Nested(1000, "{}"))), "holders: elements must be objects, got array");
  EXPECT_EQ(Rejects(Rec().Set("pledges", Nested(1000))), "pledges: elements must be objects, got array");
  EXPECT_EQ(Rejects(Rec().Set("awards", Award(Nested(1000)))), "awards.year: expected integer, got array");
  EXPECT_EQ(Rejects(Rec().Set("id", NestedObjects(1000))), "id: expected string, got object");
}

TEST_F(LineParserTest, RejectsNulBytesSayingWhere) {
  const std::string nul(1, '\0');
  const std::string in_id = Rec().Set("id", "\"CN1" + nul + "\"").str();
  EXPECT_EQ(Rejects(in_id), "not JSON: unescaped control character (a NUL byte) in a string at byte " +
                                std::to_string(in_id.find(nul) + 1));
  // simdjson finds this one before the member is looked at: the reason gives the byte.
  const std::string in_unknown = Rec().Add("x", "\"a" + nul + "b\"").str();
  EXPECT_EQ(Rejects(in_unknown), "not JSON: unescaped control character (a NUL byte) in a string at byte " +
                                     std::to_string(in_unknown.find(nul) + 1));
  const std::string between = "{\"id\":\"CN1\"," + nul + "\"type\":\"invention\"}";
  EXPECT_EQ(Rejects(between), "not JSON: a NUL byte where a member name was expected at byte 13");
  EXPECT_EQ(Rejects(nul + std::string(kExample)), "not JSON: a NUL byte where a value was expected at byte 1");
}

TEST_F(LineParserTest, RejectsGarbageSayingWhat) {
  EXPECT_EQ(Rejects(std::string("\x00\x01\x02garbage", 10)),
            "not JSON: a NUL byte where a value was expected at byte 1");
  EXPECT_EQ(Rejects("\x7f\x7f"), "not JSON: byte 0x7f where a value was expected at byte 1");
  EXPECT_EQ(Rejects("garbage"), "not JSON: 'g' where a value was expected at byte 1");
  EXPECT_EQ(Rejects("\x89PNG\r\n\x1a\n"), "not well-formed UTF-8 (byte 1)");
  std::string cut(kExample);
  cut.resize(cut.size() / 2);
  EXPECT_EQ(Rejects(cut).substr(0, 10), "not JSON: ");
  EXPECT_EQ(Rejects(R"({"id":"CN1","x":[1 2]})"),
            "not JSON: '2' where ',' or ']' was expected at byte 20 (in member 'x')");
  EXPECT_EQ(Rejects(R"({"id":"CN1","x":"\q"})"), "not JSON: invalid escape in a string at byte 18 (in member 'x')");
  EXPECT_EQ(Rejects(R"({"id":"CN1","x":"\u12"})"),
            "not JSON: \\u escape without four hex digits at byte 18 (in member 'x')");
  EXPECT_EQ(Rejects(R"({"id":"CN1","x":01})"), "not JSON: malformed number at byte 17 (in member 'x')");
  EXPECT_EQ(Rejects(R"({"id":"CN1","x":1e999})").substr(0, 6), "missin");  // a valid number; the record lacks fields
}

// Found by fuzz_record_parser: simdjson reads "null\x0f\x00" as one token up to the next
// ',' or '}', so bytes right after an ignored value must be caught by the check.
TEST_F(LineParserTest, RejectsBytesGluedToAnUnknownMembersValue) {
  const std::string glued = R"({"id":"CN1","x":null)" + std::string("\x0f\0", 2) + "}";
  EXPECT_EQ(Rejects(glued), "not JSON: byte 0x0f where ',' or '}' was expected at byte 21 (in member 'x')");
  EXPECT_EQ(Rejects(R"({"id":"CN1","x":"a"b})"),
            "not JSON: 'b' where ',' or '}' was expected at byte 20 (in member 'x')");
  EXPECT_EQ(Rejects(R"({"id":"CN1","x":truex})"),
            "not JSON: 'x' where ',' or '}' was expected at byte 21 (in member 'x')");
  EXPECT_EQ(Rejects(R"({"id":"CN1","x":[1]])"),
            "not JSON: ']' where ',' or '}' was expected at byte 20");  // simdjson's find
}

// JSON's grammar admits "\ud800"; it is no character. In an unknown member it is ignored,
// in a string the record uses it is invalid, named.
TEST_F(LineParserTest, LoneSurrogateEscapes) {
  EXPECT_TRUE(Accepts(Rec().Add("x", R"("\ud800")")));
  EXPECT_EQ(Rejects(Rec().Set("holders", R"([{"name":"\udc00","country":"CN","region":"500117"}])")),
            "holders.name: a \\u escape that is not a Unicode character (a lone surrogate)");
}

}  // namespace
}  // namespace hvpat::record
