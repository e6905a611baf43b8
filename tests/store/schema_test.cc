// The store's byte layout (include/hvpat/store/schema.h): patent values round-trip and
// reject damage, scopes follow rules.md's region prefixes, holder ranking keys sort as
// the holders report ranks (most high-value first, then name bytes).
#include "hvpat/store/schema.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace hvpat::store {
namespace {

using base::Date;
using Strings = std::vector<std::string>;

Date D(const char* iso) {
  auto date = Date::ParseIso(iso);
  EXPECT_TRUE(date.has_value()) << iso;
  return date.value_or(Date{});
}

// Byte order as RocksDB's default comparator sees it (memcmp, unsigned bytes).
bool ByteLess(const std::string& a, const std::string& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
  });
}

model::Patent FullPatent() {
  model::Patent p;
  p.id = "CN102345678B";
  p.office = "CN";
  p.type = model::PatentType::kDesign;
  p.filing_date = D("2011-04-12");
  p.grant_date = D("2014-06-18");
  p.status = model::Status::kInvalidated;
  p.status_date = D("2022-02-28");
  p.ipc = {"G06F16/27", "H04L67/10", "g06f 1/1"};
  p.holders = {{"重庆示例科技有限公司", "CN", "500117"}, {"Example Inc.", "US", ""}, {"", "", ""}};
  p.family_id = "45678901";
  p.family = {{"US9876543B2", "US", true}, {"EP1234567A1", "EP", false}};
  p.pledges = {{30'000'000.25, 3, D("2019-05-01"), std::nullopt},
               {1e-3, 1, std::nullopt, D("2020-01-01")},
               {12'000'000, 1'000'000'000'000, D("1900-01-01"), D("9999-12-31")}};
  p.awards = {{"china_patent", "excellence", 2020}, {"provincial", "bronze", 1985}};
  return p;
}

model::Verdict FullVerdict() {
  model::Verdict v;
  v.valid = true;
  v.high_value = true;
  v.rules = {true, false, true, false, true};
  v.enabled = {true, true, false, true, true};
  v.industries = {"1.1", "4.2", "7.1"};
  return v;
}

void ExpectSamePatent(const model::Patent& a, const model::Patent& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.office, b.office);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.filing_date, b.filing_date);
  EXPECT_EQ(a.grant_date, b.grant_date);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.status_date, b.status_date);
  EXPECT_EQ(a.ipc, b.ipc);
  ASSERT_EQ(a.holders.size(), b.holders.size());
  for (size_t i = 0; i < a.holders.size(); ++i) {
    EXPECT_EQ(a.holders[i].name, b.holders[i].name) << i;
    EXPECT_EQ(a.holders[i].country, b.holders[i].country) << i;
    EXPECT_EQ(a.holders[i].region, b.holders[i].region) << i;
  }
  EXPECT_EQ(a.family_id, b.family_id);
  ASSERT_EQ(a.family.size(), b.family.size());
  for (size_t i = 0; i < a.family.size(); ++i) {
    EXPECT_EQ(a.family[i].id, b.family[i].id) << i;
    EXPECT_EQ(a.family[i].country, b.family[i].country) << i;
    EXPECT_EQ(a.family[i].granted, b.family[i].granted) << i;
  }
  ASSERT_EQ(a.pledges.size(), b.pledges.size());
  for (size_t i = 0; i < a.pledges.size(); ++i) {
    EXPECT_EQ(a.pledges[i].amount, b.pledges[i].amount) << i;  // bit-exact
    EXPECT_EQ(a.pledges[i].patents, b.pledges[i].patents) << i;
    EXPECT_EQ(a.pledges[i].date, b.pledges[i].date) << i;
    EXPECT_EQ(a.pledges[i].released, b.pledges[i].released) << i;
  }
  ASSERT_EQ(a.awards.size(), b.awards.size());
  for (size_t i = 0; i < a.awards.size(); ++i) {
    EXPECT_EQ(a.awards[i].award, b.awards[i].award) << i;
    EXPECT_EQ(a.awards[i].level, b.awards[i].level) << i;
    EXPECT_EQ(a.awards[i].year, b.awards[i].year) << i;
  }
}

void ExpectSameVerdict(const model::Verdict& a, const model::Verdict& b) {
  EXPECT_EQ(a.valid, b.valid);
  EXPECT_EQ(a.high_value, b.high_value);
  EXPECT_EQ(a.rules, b.rules);
  EXPECT_EQ(a.enabled, b.enabled);
  EXPECT_EQ(a.industries, b.industries);
}

// Two dates with different verdicts (same industries and enabled rules, as a run gives)
// and a family link.
model::Assessment FullAssessment() {
  model::Assessment a;
  a.dates = {D("2021-12-31"), D("2025-12-31")};
  model::Verdict later = FullVerdict();
  later.valid = false;
  later.high_value = false;
  later.rules = {false, true, false, true, false};
  a.verdicts = {FullVerdict(), later};
  a.links = {{"US10234567B2", "US", D("2019-03-05")}, {"EP3000000B1", "EP", D("1960-01-01")}};
  return a;
}

void ExpectSameAssessment(const model::Assessment& a, const model::Assessment& b) {
  EXPECT_EQ(a.dates, b.dates);
  EXPECT_EQ(a.links, b.links);
  ASSERT_EQ(a.verdicts.size(), b.verdicts.size());
  for (size_t i = 0; i < a.verdicts.size(); ++i) ExpectSameVerdict(a.verdicts[i], b.verdicts[i]);
}

TEST(SchemaTest, PatentWithEveryFieldRoundTrips) {
  const model::Patent patent = FullPatent();
  const model::Assessment assessment = FullAssessment();
  std::string bytes = EncodePatent(patent, assessment);

  model::Patent decoded;
  model::Assessment decoded_assessment;
  ASSERT_TRUE(DecodePatent(bytes, decoded, decoded_assessment));
  ExpectSamePatent(patent, decoded);
  ExpectSameAssessment(assessment, decoded_assessment);
  EXPECT_EQ(EncodePatent(decoded, decoded_assessment), bytes);
}

TEST(SchemaTest, EmptyPatentRoundTrips) {
  model::Patent patent;  // every list empty, every optional date absent
  patent.id = "X";
  patent.filing_date = D("1970-01-01");
  model::Assessment assessment;          // no dates, no links
  model::Patent decoded = FullPatent();  // decoding replaces whatever was there
  model::Assessment decoded_assessment = FullAssessment();
  ASSERT_TRUE(DecodePatent(EncodePatent(patent, assessment), decoded, decoded_assessment));
  ExpectSamePatent(patent, decoded);
  ExpectSameAssessment(assessment, decoded_assessment);
}

TEST(SchemaTest, DatesBeforeTheEpochRoundTrip) {
  model::Patent patent = FullPatent();
  patent.filing_date = D("0001-01-01");
  patent.grant_date = D("1969-12-31");
  model::Patent decoded;
  model::Assessment assessment;
  ASSERT_TRUE(DecodePatent(EncodePatent(patent, FullAssessment()), decoded, assessment));
  EXPECT_EQ(decoded.filing_date, patent.filing_date);
  EXPECT_EQ(decoded.grant_date, patent.grant_date);
}

TEST(SchemaTest, DecodeRejectsTruncatedBytes) {
  const std::string bytes = EncodePatent(FullPatent(), FullAssessment());
  for (size_t size = 0; size < bytes.size(); ++size) {
    model::Patent patent;
    model::Assessment assessment;
    EXPECT_FALSE(DecodePatent(std::string_view(bytes).substr(0, size), patent, assessment)) << "size " << size;
  }
}

TEST(SchemaTest, DecodeRejectsTrailingBytesAndOtherVersions) {
  std::string bytes = EncodePatent(FullPatent(), FullAssessment());
  model::Patent patent;
  model::Assessment assessment;
  EXPECT_FALSE(DecodePatent(bytes + std::string(1, '\0'), patent, assessment));
  bytes[0] = static_cast<char>(bytes[0] + 1);
  EXPECT_FALSE(DecodePatent(bytes, patent, assessment));
}

TEST(SchemaTest, CountyCountsInNationProvinceCityAndItself) {
  EXPECT_EQ(ScopesOf("500117"), (Strings{"N", "R500000", "R500100", "R500117"}));
  EXPECT_EQ(ScopesOf("510104"), (Strings{"N", "R510000", "R510100", "R510104"}));
}

TEST(SchemaTest, CityAndProvinceScopesAreNotRepeated) {
  EXPECT_EQ(ScopesOf("500100"), (Strings{"N", "R500000", "R500100"}));
  EXPECT_EQ(ScopesOf("500000"), (Strings{"N", "R500000"}));
}

TEST(SchemaTest, NoRegionCountsForTheNationOnly) { EXPECT_EQ(ScopesOf(""), (Strings{"N"})); }

TEST(SchemaTest, ScopesAreNationOrRegionCode) {
  EXPECT_EQ(RegionScope("500117"), "R500117");
  EXPECT_EQ(RegionScope("500000"), "R500000");
  EXPECT_EQ(NationalScope(), "N");
}

// What `count --region X` reads (the scope RegionScope(X)) is written for a patent of
// region r exactly when r lies in X's subtree (rules.md: a province XX0000 holds every
// XX...., a city XXYY00 every XXYY..), and the nation's scope for every patent.
TEST(SchemaTest, QueryScopeIsWrittenExactlyForCodesInItsSubtree) {
  auto written_for = [](const std::string& query, const std::string& patent_region) {
    auto scopes = ScopesOf(patent_region);
    return std::find(scopes.begin(), scopes.end(), RegionScope(query)) != scopes.end();
  };
  EXPECT_TRUE(written_for("500000", "500117"));
  EXPECT_TRUE(written_for("500000", "500100"));
  EXPECT_TRUE(written_for("500000", "500000"));
  EXPECT_TRUE(written_for("500100", "500117"));
  EXPECT_TRUE(written_for("500117", "500117"));
  EXPECT_FALSE(written_for("500117", "500100"));  // a county holds nothing of its city
  EXPECT_FALSE(written_for("500100", "500000"));
  EXPECT_FALSE(written_for("500100", "500200"));
  EXPECT_FALSE(written_for("510000", "500117"));
  EXPECT_FALSE(written_for("500117", "510117"));
  for (const char* region : {"500117", "500100", "510000", ""}) {
    auto scopes = ScopesOf(region);
    EXPECT_EQ(std::count(scopes.begin(), scopes.end(), NationalScope()), 1) << region;
  }
}

HolderFigures Figures(uint64_t high_value, uint64_t valid) {
  HolderFigures f;
  f.high_value = high_value;
  f.valid = valid;
  return f;
}

TEST(SchemaTest, HolderRankKeysSortMostHighValueFirst) {
  const Date d = D("2023-12-31");
  const std::string scope = RegionScope("500117");
  auto key = [&](uint64_t n, const char* name) { return HolderRankKey(d, scope, kRankByHighValue, n, name); };
  EXPECT_TRUE(ByteLess(key(2, "乙"), key(1, "甲")));
  EXPECT_TRUE(ByteLess(key(256, "z"), key(255, "a")));
  EXPECT_TRUE(ByteLess(key(1, "zzz"), key(0, "a")));
  EXPECT_TRUE(ByteLess(key(uint64_t{1} << 40, "b"), key(3, "a")));
}

TEST(SchemaTest, HolderRankTiesSortByNameBytes) {
  const Date d = D("2023-12-31");
  const std::string scope = NationalScope();
  // UTF-8: 丁 E4 B8 81, 乙 E4 B9 99, 甲 E7 94 B2; ASCII bytes sort before all of them.
  std::vector<std::string> names{"甲公司", "乙大学", "ABC", "AB", "丁研究院", "abc"};
  std::vector<std::string> keys;
  for (const auto& name : names) keys.push_back(HolderRankKey(d, scope, kRankByHighValue, 1, name));
  std::sort(keys.begin(), keys.end(), ByteLess);
  std::vector<std::string> sorted_names;
  const std::string prefix = HolderRankPrefix(d, scope);
  for (const auto& key : keys) {
    auto figures = DecodeHolderRank(prefix, key, EncodeHolderValue(Figures(1, 2)));
    ASSERT_TRUE(figures.has_value());
    EXPECT_EQ(figures->high_value, 1u);
    EXPECT_EQ(figures->valid, 2u);
    sorted_names.push_back(figures->name);
  }
  std::vector<std::string> expected = names;
  std::sort(expected.begin(), expected.end(), ByteLess);
  EXPECT_EQ(sorted_names, expected);
  EXPECT_EQ(expected, (Strings{"AB", "ABC", "abc", "丁研究院", "乙大学", "甲公司"}));
}

TEST(SchemaTest, HolderRankKeysOfOneScopeShareItsPrefix) {
  const Date d = D("2023-12-31");
  std::string prefix = HolderRankPrefix(d, RegionScope("500100"));
  std::string key = HolderRankKey(d, RegionScope("500100"), kRankByHighValue, 7, "丙科技");
  EXPECT_EQ(key.compare(0, prefix.size(), prefix), 0);
  // Another scope whose code extends this one's is not under its prefix.
  std::string other = HolderRankKey(d, RegionScope("500117"), kRankByHighValue, 7, "丙科技");
  EXPECT_NE(other.compare(0, prefix.size(), prefix), 0);
  std::string other_date = HolderRankKey(D("2024-12-31"), RegionScope("500100"), kRankByHighValue, 7, "丙科技");
  EXPECT_NE(other_date.compare(0, prefix.size(), prefix), 0);
  // The ranking by one rule is apart from the ranking by high-value patents.
  std::string by_rule = HolderRankKey(d, RegionScope("500100"), RankByRule(model::Rule::kPledge), 7, "丙科技");
  EXPECT_NE(by_rule.compare(0, prefix.size(), prefix), 0);
  auto figures = DecodeHolderRank(prefix, key, EncodeHolderValue(Figures(7, 9)));
  ASSERT_TRUE(figures.has_value());
  EXPECT_EQ(figures->name, "丙科技");
  EXPECT_EQ(figures->high_value, 7u);
  EXPECT_EQ(figures->valid, 9u);
}

TEST(SchemaTest, HolderTalliesAddEveryFigureAndRankByEachOrder) {
  HolderFigures a = Figures(2, 5), b = Figures(1, 1);
  a.by_rule = {1, 0, 2, 0, 0};
  b.by_rule = {0, 1, 1, 0, 3};
  auto sum = AddHolderValues(EncodeHolderValue(a), EncodeHolderValue(b));
  ASSERT_TRUE(sum.has_value());
  const Date d = D("2025-12-31");
  auto tally = DecodeHolderTally(HolderTallyKey(d, "R500117", "甲"), *sum);
  ASSERT_TRUE(tally.has_value());
  EXPECT_EQ(tally->date_scope, "20251231R500117");
  EXPECT_EQ(tally->figures.name, "甲");
  EXPECT_EQ(tally->figures.high_value, 3u);
  EXPECT_EQ(tally->figures.valid, 6u);
  EXPECT_EQ(tally->figures.by_rule, (std::array<uint64_t, model::kRuleCount>{1, 1, 3, 0, 3}));
  EXPECT_EQ(RankKeyOf(*tally, kRankByHighValue), HolderRankKey(d, "R500117", kRankByHighValue, 3, "甲"));
  uint8_t award = RankByRule(model::Rule::kAward);
  EXPECT_EQ(RankKeyOf(*tally, award), HolderRankKey(d, "R500117", award, 3, "甲"));
  EXPECT_FALSE(AddHolderValues(*sum, "short").has_value());
}

TEST(SchemaTest, PledgeKeysSortByDateAndKeepThePreviousDate) {
  const std::string prefix = PledgePrefix("R500117");
  std::string first = PledgeKey("R500117", D("2021-03-01"), std::nullopt);
  std::string later = PledgeKey("R500117", D("2022-01-05"), D("2021-03-01"));
  EXPECT_EQ(first, "PR500117/2021030100000000");
  EXPECT_TRUE(ByteLess(first, later));
  auto parts = DecodePledgeKey(prefix, later);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->date, D("2022-01-05"));
  EXPECT_EQ(parts->previous, D("2021-03-01"));
  parts = DecodePledgeKey(prefix, first);
  ASSERT_TRUE(parts.has_value());
  EXPECT_FALSE(parts->previous.has_value());
  EXPECT_FALSE(DecodePledgeKey(PledgePrefix("N"), first).has_value());
  PledgeTally tally{3, 2, 1234.5};
  auto decoded = DecodePledgeTally(EncodePledgeTally(tally));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->pledges, 3u);
  EXPECT_EQ(decoded->patents, 2u);
  EXPECT_EQ(decoded->amount_cny, 1234.5);
}

TEST(SchemaTest, OutlookAndIndustryKeysLiveUnderTheirPrefixes) {
  const Date d = D("2025-12-31");
  std::string prefix = OutlookPrefix(d, "N");
  EXPECT_EQ(DecodeOutlookYears(prefix, OutlookKey(d, "N", 3)), 3);
  EXPECT_EQ(DecodeOutlookYears(prefix, OutlookKey(d, "N", 300)), 300);
  EXPECT_TRUE(ByteLess(OutlookKey(d, "N", 2), OutlookKey(d, "N", 10)));
  EXPECT_FALSE(DecodeOutlookYears(OutlookPrefix(d, "R500117"), OutlookKey(d, "N", 1)).has_value());
  EXPECT_EQ(IndustryKey(d, "N", false, "1"), "I20251231NT1");
  EXPECT_EQ(IndustryKey(d, "R500117", true, "1.5"), "I20251231R500117D1.5");
  EXPECT_EQ(DecodeFigure(EncodeFigure(42)), 42u);
  EXPECT_FALSE(DecodeFigure("1234567").has_value());
}

TEST(SchemaTest, CountsRoundTrip) {
  Counts counts;
  counts.valid = 123456789012345;
  counts.high_value = 1;
  counts.by_rule = {0, 2, 300, uint64_t{1} << 63, ~uint64_t{0}};
  auto decoded = DecodeCounts(EncodeCounts(counts));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->valid, counts.valid);
  EXPECT_EQ(decoded->high_value, counts.high_value);
  EXPECT_EQ(decoded->by_rule, counts.by_rule);
  EXPECT_EQ(EncodeCounts(counts).size(), 8u * 7u);  // 7 x fixed64
}

TEST(SchemaTest, CountsRejectWrongSize) {
  std::string bytes = EncodeCounts(Counts{});
  EXPECT_FALSE(DecodeCounts(bytes.substr(0, bytes.size() - 1)).has_value());
  EXPECT_FALSE(DecodeCounts(bytes + "x").has_value());
  EXPECT_FALSE(DecodeCounts("").has_value());
}

TEST(SchemaTest, CountsKeyIsDateThenScope) {
  EXPECT_EQ(CountsKey(D("2023-12-31"), "R500117"), "C20231231R500117");
  EXPECT_EQ(CountsKey(D("2023-12-31"), NationalScope()), "C20231231N");
  EXPECT_TRUE(CountsKey(D("2023-12-31"), "R500117").starts_with(RegionCountsPrefix(D("2023-12-31"))));
}

}  // namespace
}  // namespace hvpat::store

namespace hvpat::store {
namespace {

// A holder block is, per patent, varint length + id, varint length + region.
TEST(SchemaTest, HolderBlockRoundTripsInOrder) {
  std::string block;
  AppendHolderEntry(block, "CN1B", "500117");
  AppendHolderEntry(block, "CN2B", "");
  EXPECT_EQ(block, std::string("\x04"
                               "CN1B"
                               "\x06"
                               "500117"
                               "\x04"
                               "CN2B"
                               "\x00",
                               18));
  auto entries = DecodeHolderBlock(block);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].id, "CN1B");
  EXPECT_EQ((*entries)[0].region, "500117");
  EXPECT_EQ((*entries)[1].id, "CN2B");
  EXPECT_EQ((*entries)[1].region, "");
  EXPECT_EQ(HolderKey("甲公司", "CN1B"), std::string("甲公司\0CN1B", 9 + 1 + 4));
}

TEST(SchemaTest, HolderBlockRejectsTruncatedOrEmpty) {
  std::string block;
  AppendHolderEntry(block, "CN1B", "500117");
  EXPECT_FALSE(DecodeHolderBlock(block.substr(0, block.size() - 1)));
  EXPECT_FALSE(DecodeHolderBlock(""));
  EXPECT_FALSE(DecodeHolderBlock(std::string("\x00\x00", 2)));  // an empty id
}

TEST(SchemaTest, RegionValueRoundTripsWithAndWithoutPopulations) {
  RegionValue full{"合川区", 1245000, {{2021, 1240000}, {2023, 1250000}}};
  EXPECT_EQ(EncodeRegionValue(full), "合川区\t1245000\t2021:1240000,2023:1250000");
  auto back = DecodeRegionValue(EncodeRegionValue(full));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->name, "合川区");
  EXPECT_EQ(back->census, 1245000);
  EXPECT_EQ(back->yearly, full.yearly);
  auto bare = DecodeRegionValue(EncodeRegionValue({"市辖区", std::nullopt, {}}));
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->name, "市辖区");
  EXPECT_FALSE(bare->census);
  EXPECT_TRUE(bare->yearly.empty());
}

TEST(SchemaTest, RegionValueRejectsOtherSpellings) {
  EXPECT_FALSE(DecodeRegionValue("合川区\t1245000"));  // schema 3's two fields
  EXPECT_FALSE(DecodeRegionValue("合川区\tmany\t"));
  EXPECT_FALSE(DecodeRegionValue("合川区\t\t2021"));
  EXPECT_FALSE(DecodeRegionValue("合川区\t\t2021:12x"));
  EXPECT_FALSE(DecodeRegionValue("合川区\t\t2021:1,,2023:2"));
}

}  // namespace
}  // namespace hvpat::store
