// gen::SerializeRecord: a generated record written as its NDJSON line, every spelling
// read from the record (spec/record-format.md), compared with lines written by hand.
#include <gtest/gtest.h>

#include <string>

#include "hvpat/gen/dump_record.h"
#include "hvpat/record/parser.h"

namespace hvpat::gen {
namespace {

base::Date D(int y, int m, int d) { return *base::Date::FromYmd(y, m, d); }

// A granted invention with one of each optional part, dates as strings.
Record FullRecord() {
  Record r;
  r.id = "CN112345678B";
  r.office = "CN";
  r.type = "invention";
  r.status = "valid";
  r.write_country = true;
  r.filing = D(2019, 3, 4);
  r.grant = D(2021, 5, 6);
  r.no_status_date = NoDate::kNull;
  r.ipc = {"G06F 16/27", "H04L67/10"};
  r.holders = {{"重庆某某科技有限公司", "CN", "500117", false}, {"Apple Inc.", "US", "", true}};
  r.family_id = "00001234";
  r.family = {{"US1234567B2", "US", true}};
  r.pledges = {{150000, 1, true, D(2022, 1, 2), std::nullopt, true}};
  r.awards = {{"china_patent", "gold", 2023}};
  return r;
}

TEST(SerializeRecordTest, WritesEveryFieldAsDrawn) {
  EXPECT_EQ(SerializeRecord(FullRecord()),
            R"({"id":"CN112345678B","country":"CN","type":"invention","filing_date":"2019-03-04",)"
            R"("grant_date":"2021-05-06","status":"valid","status_date":null,"ipc":["G06F 16/27","H04L67/10"],)"
            R"("holders":[{"name":"重庆某某科技有限公司","country":"CN","region":"500117"},)"
            R"({"name":"Apple Inc.","country":"US","region":null}],"family_id":"00001234",)"
            R"("family":[{"id":"US1234567B2","country":"US","granted":true}],)"
            R"("pledges":[{"amount":150000,"patents":1,"date":"2022-01-02","released":null}],)"
            R"("awards":[{"award":"china_patent","level":"gold","year":2023}]})");
}

TEST(SerializeRecordTest, NumericDatesAndTheSpellingsOfNoDate) {
  Record r;
  r.id = "CN212345678U";
  r.type = "utility_model";
  r.status = "pending";
  r.numeric_dates = true;
  r.filing = D(2024, 12, 31);
  r.no_grant = NoDate::kZero;                              // "grant_date":0
  r.no_status_date = NoDate::kAbsent;                      // no member
  r.holders = {{"Qualcomm \"Q\" Inc.", "US", "", false}};  // no region member at all
  r.pledges = {{2.5, 3, false, std::nullopt, D(2025, 1, 1), false}};
  EXPECT_EQ(SerializeRecord(r),
            R"({"id":"CN212345678U","type":"utility_model","filing_date":20241231,"grant_date":0,)"
            R"("status":"pending","ipc":[],"holders":[{"name":"Qualcomm \"Q\" Inc.","country":"US"}],)"
            R"("pledges":[{"amount":2.5,"patents":3,"released":20250101}]})");
}

// FullRecord with one holder and no family, pledges or awards.
Record OneHolderNoLists() {
  Record r = FullRecord();
  r.family.clear();
  r.pledges.clear();
  r.awards.clear();
  r.family_id.reset();
  r.holders.resize(1);
  return r;
}

TEST(SerializeRecordTest, FaultsReplaceTheFilingDateAndTheStatus) {
  Record r = OneHolderNoLists();
  Fault fault;
  fault.filing_text = R"("2021/02/03")";
  fault.omit_status = true;
  fault.repeat_status = true;
  EXPECT_EQ(SerializeRecord(r, fault),
            R"({"id":"CN112345678B","country":"CN","type":"invention","filing_date":"2021/02/03",)"
            R"("grant_date":"2021-05-06","status_date":null,"ipc":["G06F 16/27","H04L67/10"],)"
            R"("holders":[{"name":"重庆某某科技有限公司","country":"CN","region":"500117"}],"status":"lapsed"})");
}

TEST(SerializeRecordTest, BulkFieldsComeLast) {
  Record r = OneHolderNoLists();
  r.write_country = false;
  r.ipc.resize(1);
  r.bulk = Bulk{"一种电路板",
                "本发明公开了一种电路板。",
                {"王伟", "李芳娜"},
                "重庆市巴南区创新路8号",
                PriorityClaim{"62/000123", D(2018, 11, 30)}};
  EXPECT_EQ(SerializeRecord(r),
            R"({"id":"CN112345678B","type":"invention","filing_date":"2019-03-04","grant_date":"2021-05-06",)"
            R"("status":"valid","status_date":null,"ipc":["G06F 16/27"],)"
            R"("holders":[{"name":"重庆某某科技有限公司","country":"CN","region":"500117"}],)"
            R"("title":"一种电路板","abstract":"本发明公开了一种电路板。","inventors":["王伟","李芳娜"],)"
            R"("applicant_address":"重庆市巴南区创新路8号",)"
            R"("priority_claims":[{"country":"US","number":"62/000123","date":"2018-11-30"}]})");
  r.bulk->address.reset();
  r.bulk->priority.reset();
  const std::string line = SerializeRecord(r);
  EXPECT_TRUE(line.ends_with(R"("applicant_address":null,"priority_claims":[]})")) << line;
}

TEST(SerializeRecordTest, TheParserAcceptsTheLine) {
  record::LineParser parser;
  model::Patent patent;
  std::string reason;
  ASSERT_TRUE(parser.ParseUnpadded(SerializeRecord(FullRecord()), patent, reason)) << reason;
  EXPECT_EQ(patent.id, "CN112345678B");
  EXPECT_EQ(patent.holders.size(), 2u);
  EXPECT_EQ(patent.pledges.size(), 1u);
}

}  // namespace
}  // namespace hvpat::gen
