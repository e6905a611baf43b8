// The one-record documents of include/hvpat/report/records.h: JSON in the spec's order
// with hvpat's members after, tables and CSV listing them field by field in their own
// order. Every expected text is worked out by hand from spec/cli.md and the header.
#include "hvpat/report/records.h"

#include <gtest/gtest.h>

#include <string>

namespace hvpat::report {
namespace {

base::Date D(const char* iso) { return *base::Date::ParseIso(iso); }
std::string Spaces(size_t n) { return std::string(n, ' '); }

// Two dates; 3,000,000 bytes decoded in 1.5 s: 2.0 MB/s, 20 lines: 13.3 lines/s.
model::RunSummary Summary() {
  model::RunSummary s;
  s.as_of = D("2025-12-31");
  s.dates = {{D("2021-12-31"), 10, 4, 8, 3}, {D("2025-12-31"), 12, 5, 9, 4}};
  s.lines_read = 20;
  s.indexed = 17;
  s.quarantined = 1;
  s.duplicates_replaced = 2;
  s.valid_inventions = 12;
  s.high_value = 5;
  s.valid_inventions_domestic = 9;
  s.high_value_domestic = 4;
  s.bytes_read = 1000;
  s.bytes_decoded = 3'000'000;
  s.threads = 2;
  s.seconds = 1.5;
  s.unknown_regions = {{"990000", 3}};
  s.unreadable_ipc = 1;
  s.unreadable_ipc_examples = {"A01B  1/00"};
  s.later_ipc = {{"H10B", "2023.01", "H01L", 0}};
  s.snapshot = "20251231T000000Z";
  s.created = "2025-12-31T00:00:00Z";
  s.published = true;
  return s;
}

TEST(SummaryDocumentTest, JsonIsTheStoredSummaryAsWritten) {
  EXPECT_EQ(Render(SummaryDocument(Summary()), Format::kJson), model::SummaryJson(Summary()) + "\n");
}

TEST(SummaryDocumentTest, CsvListsTheFiguresThenEachDates) {
  EXPECT_EQ(Render(SummaryDocument(Summary()), Format::kCsv),
            "field,value\n"
            "as_of,2025-12-31\nlines_read,20\nindexed,17\nquarantined,1\nduplicates_replaced,2\n"
            "valid_inventions,12\nhigh_value,5\nvalid_inventions_domestic,9\nhigh_value_domestic,4\n"
            "bytes_read,1000\nbytes_decoded,3000000\nthreads,2\nseconds,1.500\nmb_per_second,2.0\n"
            "records_per_second,13\n"
            "dates.2021-12-31.valid_inventions,10\ndates.2021-12-31.high_value,4\n"
            "dates.2021-12-31.valid_inventions_domestic,8\ndates.2021-12-31.high_value_domestic,3\n"
            "dates.2025-12-31.valid_inventions,12\ndates.2025-12-31.high_value,5\n"
            "dates.2025-12-31.valid_inventions_domestic,9\ndates.2025-12-31.high_value_domestic,4\n");
}

// The listing: names 25 wide (valid_inventions_domestic), values right-aligned 10 wide
// (the date). Below, a blank line and the dates: as_of 10, valid_inventions 16,
// high_value 10, valid_domestic 14, high_value_domestic 19.
TEST(SummaryDocumentTest, TableListsTheFiguresAndTheDatesBelow) {
  auto line = [](const std::string& name, const std::string& value) {
    return name + Spaces(25 - name.size() + 2 + 10 - value.size()) + value + "\n";
  };
  const std::string listing =
      line("run", "value") + std::string(25 + 2 + 10, '-') + "\n" + line("as_of", "2025-12-31") +
      line("lines_read", "20") + line("indexed", "17") + line("quarantined", "1") + line("duplicates_replaced", "2") +
      line("valid_inventions", "12") + line("high_value", "5") + line("valid_inventions_domestic", "9") +
      line("high_value_domestic", "4") + line("bytes_read", "1000") + line("bytes_decoded", "3000000") +
      line("threads", "2") + line("seconds", "1.500") + line("mb_per_second", "2.0") + line("records_per_second", "13");
  const std::string dates =
      "as_of" + Spaces(5 + 2) + "valid_inventions  high_value  valid_domestic  high_value_domestic\n" +
      std::string(10 + 2 + 16 + 2 + 10 + 2 + 14 + 2 + 19, '-') + "\n" + "2021-12-31" + Spaces(2 + 14) + "10" +
      Spaces(2 + 9) + "4" + Spaces(2 + 13) + "8" + Spaces(2 + 18) + "3\n" + "2025-12-31" + Spaces(2 + 14) + "12" +
      Spaces(2 + 9) + "5" + Spaces(2 + 13) + "9" + Spaces(2 + 18) + "4\n";
  EXPECT_EQ(Render(SummaryDocument(Summary()), Format::kTable), listing + "\n" + dates);
  // One date: its figures are the run's, so no table below; CSV keeps its dotted lines.
  model::RunSummary one = Summary();
  one.dates.erase(one.dates.begin());
  EXPECT_EQ(Render(SummaryDocument(one), Format::kTable), listing);
  EXPECT_NE(Render(SummaryDocument(one), Format::kCsv).find("\ndates.2025-12-31.high_value_domestic,4\n"),
            std::string::npos);
}

query::RunInfo Info() {
  query::RunInfo info;
  info.dates = {D("2021-12-31"), D("2025-12-31")};
  info.as_of = D("2025-12-31");
  info.summary_json = "{\"lines_read\":5,\"unknown_regions\":[]}";
  info.rules_json = "{\"fingerprint\":\"ab\"}";
  info.inputs_json = "[{\"path\":\"a,b.gz\",\"bytes\":3}]";
  return info;
}

TEST(InfoDocumentTest, JsonHoldsTheStoredDocumentsAsWritten) {
  EXPECT_EQ(
      Render(InfoDocument(Info()), Format::kJson),
      "{\"as_of\":\"2025-12-31\",\"dates\":[\"2021-12-31\",\"2025-12-31\"],\"summary\":{\"lines_read\":5,"
      "\"unknown_regions\":[]},\"rules\":{\"fingerprint\":\"ab\"},\"inputs\":[{\"path\":\"a,b.gz\",\"bytes\":3}]}\n");
}

// Names 23 wide (summary.unknown_regions), no rule, values as they are.
TEST(InfoDocumentTest, TablesAndCsvListTheJsonFlattened) {
  auto line = [](const std::string& name, const std::string& value) {
    return name + Spaces(23 - name.size() + 2) + value + "\n";
  };
  EXPECT_EQ(Render(InfoDocument(Info()), Format::kTable),
            line("field", "value") + line("as_of", "2025-12-31") + line("dates", "2021-12-31, 2025-12-31") +
                line("summary.lines_read", "5") + line("summary.unknown_regions", "") +
                line("rules.fingerprint", "ab") + line("inputs[0].path", "a,b.gz") + line("inputs[0].bytes", "3"));
  EXPECT_EQ(Render(InfoDocument(Info()), Format::kCsv),
            "field,value\nas_of,2025-12-31\ndates,\"2021-12-31, 2025-12-31\"\nsummary.lines_read,5\n"
            "summary.unknown_regions,\nrules.fingerprint,ab\ninputs[0].path,\"a,b.gz\"\ninputs[0].bytes,3\n");
}

// A domestic invention of two holders, not yet granted, the pledge rule disabled.
query::PatentView View() {
  query::PatentView view;
  model::Patent& p = view.patent;
  p.id = "CN1B";
  p.office = "CN";
  p.filing_date = D("2010-01-02");
  p.status = model::Status::kValid;
  p.ipc = {"A01B1/00", "G06F3/01"};
  p.holders = {{"甲, 公司", "CN", "500117"}, {"Acme Inc", "US", ""}};
  model::Verdict& v = view.verdict;
  v.valid = v.high_value = true;
  v.rules = {true, false, false, false, false};
  v.enabled = {true, true, true, false, true};
  v.industries = {"1.2", "3.1"};
  return view;
}

TEST(ShowDocumentTest, JsonHasTheSpecsMembersFirstAndTheEvidenceLast) {
  query::RunInfo info;
  info.as_of = D("2025-12-31");
  const std::string json = Render(ShowDocument(View(), info), Format::kJson);
  const std::string head =
      "{\"id\":\"CN1B\",\"region\":\"500117\",\"holders\":[\"甲, 公司\",\"Acme Inc\"],\"valid\":true,"
      "\"high_value\":true,\"rules\":{\"sei\":true,\"overseas\":false,\"maintained\":false,\"pledge\":null,"
      "\"award\":false},\"industries\":[\"1\",\"3\"],\"as_of\":\"2025-12-31\",\"office\":\"CN\",\"type\":"
      "\"invention\",\"status\":\"valid\",\"filing_date\":\"2010-01-02\",\"grant_date\":null,\"status_date\":null,"
      "\"ipc\":[\"A01B1/00\",\"G06F3/01\"],\"industry_codes\":[\"1.2\",\"3.1\"],\"family_id\":null,"
      "\"evidence\":{\"validity\":{";
  EXPECT_EQ(json.substr(0, head.size()), head);
  EXPECT_EQ(json.substr(json.size() - 3), "}}\n");
}

// The listing's order: the record's fields, the verdict, each rule, then why (the lines
// the rules write, not asserted here). Absent values are left empty.
TEST(ShowDocumentTest, CsvListsFieldsThenRulesThenWhy) {
  query::RunInfo info;
  info.as_of = D("2025-12-31");
  const std::string csv = Render(ShowDocument(View(), info), Format::kCsv);
  const std::string head =
      "field,value\nid,CN1B\nas_of,2025-12-31\noffice,CN\ntype,invention\nstatus,valid\nfiling_date,2010-01-02\n"
      "grant_date,\nstatus_date,\nregion,500117\nholders,\"甲, 公司; Acme Inc\"\nipc,A01B1/00 G06F3/01\n"
      "industries,1.2 3.1\nfamily_id,\nvalid,yes\nhigh_value,yes\nrule sei,yes\nrule overseas,no\n"
      "rule maintained,no\nrule pledge,disabled\nrule award,no\nwhy valid,";
  EXPECT_EQ(csv.substr(0, head.size()), head);
}

}  // namespace
}  // namespace hvpat::report
