// Validity at D and the five rules (spec/rules.md, "In force at D" and "The five
// rules"), on hand-built records and a rule set built in code. Each expected value is
// the spec's clause applied by hand; the boundaries are one day either side.
#include "hvpat/rules/classify.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hvpat/rules/rule_set.h"

namespace hvpat::rules {
namespace {

using base::Date;
using model::PatentType;
using model::Rule;
using model::Status;

Date D(const char* iso) {
  auto date = Date::ParseIso(iso);
  EXPECT_TRUE(date.has_value()) << iso;
  return date.value_or(Date{});
}

// A CN invention filed 2010-03-01, granted 2014-06-18, valid, with no rule evidence.
model::Patent Valid() {
  model::Patent p;
  p.id = "CN100000001B";
  p.office = "CN";
  p.type = PatentType::kInvention;
  p.filing_date = D("2010-03-01");
  p.grant_date = D("2014-06-18");
  p.status = Status::kValid;
  p.holders.push_back({"甲公司", "CN", "500117"});
  return p;
}

// Filed 2015-01-10, so never maintained in the tests below unless they say so.
model::Patent Young() {
  model::Patent p = Valid();
  p.filing_date = D("2015-01-10");
  p.grant_date = D("2018-05-02");
  return p;
}

RuleSet DefaultRules() {
  RuleSet rules;
  rules.concordance.AddRow({"1.1", "IT", "1.1#1", {"G06F11*", "H04L1*"}, {"G06F11/14"}});
  rules.concordance.AddRow({"4.2", "materials", "4.2#1", {"G06F11/14", "C08"}, {}});
  return rules;
}

bool Holds(const model::Patent& p, Date d, const RuleSet& rules, Rule rule) {
  return Classify(p, d, rules).Holds(rule);
}

// ----- In force at D ---------------------------------------------------------------

TEST(ClassifierValidityTest, PlainGrantedInventionIsValid) {
  EXPECT_TRUE(IsValidAt(Valid(), D("2023-12-31"), Config{}));
}

TEST(ClassifierValidityTest, OnlyTheCnOfficeIsEverValid) {
  for (const char* office : {"US", "EP", "HK", "TW", "cn", ""}) {
    model::Patent p = Valid();
    p.office = office;
    EXPECT_FALSE(IsValidAt(p, D("2023-12-31"), Config{})) << "'" << office << "'";
  }
}

TEST(ClassifierValidityTest, OnlyInventionsAreValid) {
  for (PatentType type : {PatentType::kUtilityModel, PatentType::kDesign}) {
    model::Patent p = Valid();
    p.type = type;
    EXPECT_FALSE(IsValidAt(p, D("2023-12-31"), Config{})) << model::PatentTypeName(type);
  }
}

TEST(ClassifierValidityTest, GrantDateOnDIsValidDayAfterIsNot) {
  model::Patent p = Valid();
  p.grant_date = D("2023-12-31");
  EXPECT_TRUE(IsValidAt(p, D("2023-12-31"), Config{}));
  p.grant_date = D("2024-01-01");
  EXPECT_FALSE(IsValidAt(p, D("2023-12-31"), Config{}));
  p.grant_date.reset();
  EXPECT_FALSE(IsValidAt(p, D("2023-12-31"), Config{}));
}

TEST(ClassifierValidityTest, TermRunsOutOnItsTwentiethAnniversary) {
  model::Patent p = Valid();
  p.filing_date = D("2003-12-31");
  p.grant_date = D("2008-01-15");
  EXPECT_TRUE(IsValidAt(p, D("2023-12-30"), Config{}));   // D < filing + 20 years
  EXPECT_FALSE(IsValidAt(p, D("2023-12-31"), Config{}));  // D == filing + 20 years
  EXPECT_FALSE(IsValidAt(p, D("2024-01-01"), Config{}));
}

TEST(ClassifierValidityTest, TermFromTwentyNinthFebruaryEndsOnTwentyEighth) {
  Config config;
  config.term_years = 21;  // 2000-02-29 + 21 years = 2021-02-28 (2021 has no 29 February)
  model::Patent p = Valid();
  p.filing_date = D("2000-02-29");
  p.grant_date = D("2004-01-01");
  EXPECT_TRUE(IsValidAt(p, D("2021-02-27"), config));
  EXPECT_FALSE(IsValidAt(p, D("2021-02-28"), config));
  config.term_years = 20;  // 2020-02-29 exists
  EXPECT_TRUE(IsValidAt(p, D("2020-02-28"), config));
  EXPECT_FALSE(IsValidAt(p, D("2020-02-29"), config));
}

TEST(ClassifierValidityTest, EndedStatusCountsFromItsStatusDate) {
  for (Status status : {Status::kLapsed, Status::kExpired, Status::kInvalidated, Status::kWithdrawn}) {
    model::Patent p = Valid();
    p.status = status;
    p.status_date = D("2024-01-01");
    EXPECT_TRUE(IsValidAt(p, D("2023-12-31"), Config{})) << model::StatusName(status);  // status_date > D
    p.status_date = D("2023-12-31");
    EXPECT_FALSE(IsValidAt(p, D("2023-12-31"), Config{})) << model::StatusName(status);  // == D
    p.status_date = D("2020-05-05");
    EXPECT_FALSE(IsValidAt(p, D("2023-12-31"), Config{})) << model::StatusName(status);
    p.status_date.reset();  // ended at every D
    EXPECT_FALSE(IsValidAt(p, D("2023-12-31"), Config{})) << model::StatusName(status);
    EXPECT_FALSE(IsValidAt(p, D("2015-01-01"), Config{})) << model::StatusName(status);
  }
}

TEST(ClassifierValidityTest, PendingAndRejectedAreNeverValid) {
  for (Status status : {Status::kPending, Status::kRejected}) {
    model::Patent p = Valid();
    p.status = status;
    EXPECT_FALSE(IsValidAt(p, D("2023-12-31"), Config{})) << model::StatusName(status);
    p.status_date = D("2030-01-01");
    EXPECT_FALSE(IsValidAt(p, D("2023-12-31"), Config{})) << model::StatusName(status);
  }
}

TEST(ClassifierValidityTest, StatusDateOfAValidPatentDoesNotEndIt) {
  model::Patent p = Valid();
  p.status_date = D("2015-01-01");
  EXPECT_TRUE(IsValidAt(p, D("2023-12-31"), Config{}));
}

// ----- maintained ------------------------------------------------------------------

TEST(ClassifierTest, MaintainedNeedsMoreThanTenYears) {
  RuleSet rules = DefaultRules();
  model::Patent p = Valid();
  p.filing_date = D("2013-12-31");
  p.grant_date = D("2016-03-03");
  EXPECT_FALSE(Holds(p, D("2023-12-30"), rules, Rule::kMaintained));
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kMaintained));  // D == filing + 10 years
  EXPECT_TRUE(Holds(p, D("2024-01-01"), rules, Rule::kMaintained));
  EXPECT_TRUE(Classify(p, D("2024-01-01"), rules).high_value);
  EXPECT_FALSE(Classify(p, D("2023-12-31"), rules).high_value);
}

TEST(ClassifierTest, MaintainedFromTwentyNinthFebruary) {
  RuleSet rules = DefaultRules();
  model::Patent p = Valid();
  p.filing_date = D("2012-02-29");  // + 10 years = 2022-02-28
  p.grant_date = D("2015-07-01");
  EXPECT_FALSE(Holds(p, D("2022-02-27"), rules, Rule::kMaintained));
  EXPECT_FALSE(Holds(p, D("2022-02-28"), rules, Rule::kMaintained));
  EXPECT_TRUE(Holds(p, D("2022-03-01"), rules, Rule::kMaintained));
}

TEST(ClassifierTest, MaintainedCanCountFromTheGrant) {
  RuleSet rules = DefaultRules();
  rules.config.anchor = Config::Anchor::kGrant;
  model::Patent p = Valid();
  p.filing_date = D("2005-01-01");
  p.grant_date = D("2014-06-30");
  EXPECT_FALSE(Holds(p, D("2024-06-30"), rules, Rule::kMaintained));  // D == grant + 10 years
  EXPECT_TRUE(Holds(p, D("2024-07-01"), rules, Rule::kMaintained));
  rules.config.anchor = Config::Anchor::kFiling;  // filing + 10 years = 2015-01-01
  EXPECT_TRUE(Holds(p, D("2024-06-30"), rules, Rule::kMaintained));
}

TEST(ClassifierTest, MaintainedYearsAreConfigurable) {
  RuleSet rules = DefaultRules();
  rules.config.maintained_years = 5;
  model::Patent p = Young();  // filed 2015-01-10
  EXPECT_FALSE(Holds(p, D("2020-01-10"), rules, Rule::kMaintained));
  EXPECT_TRUE(Holds(p, D("2020-01-11"), rules, Rule::kMaintained));
}

TEST(ClassifierTest, MaintainedNeedsValidity) {
  RuleSet rules = DefaultRules();
  model::Patent p = Valid();  // filed 2010: more than ten years by 2023
  p.status = Status::kLapsed;
  p.status_date = D("2023-06-30");
  EXPECT_TRUE(Holds(p, D("2023-06-29"), rules, Rule::kMaintained));
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kMaintained));
}

// ----- pledge ----------------------------------------------------------------------

model::Pledge MakePledge(double amount, int64_t patents, const char* date, const char* released = nullptr) {
  model::Pledge pledge;
  pledge.amount = amount;
  pledge.patents = patents;
  if (date) pledge.date = D(date);
  if (released) pledge.released = D(released);
  return pledge;
}

TEST(ClassifierTest, PledgeShareReachesThresholdExactly) {
  RuleSet rules = DefaultRules();  // 10,000,000 CNY, share
  model::Patent p = Young();
  p.pledges = {MakePledge(30'000'000, 3, "2019-05-01")};  // share 10,000,000 >= threshold
  EXPECT_TRUE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
  EXPECT_TRUE(Classify(p, D("2023-12-31"), rules).high_value);
  p.pledges = {MakePledge(29'999'999, 3, "2019-05-01")};  // share just under
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
  p.pledges = {MakePledge(10'000'000, 1, "2019-05-01")};
  EXPECT_TRUE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
  p.pledges = {MakePledge(9'999'999.99, 1, "2019-05-01")};
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
}

TEST(ClassifierTest, PledgeWholeContractWhenConfigured) {
  RuleSet rules = DefaultRules();
  model::Patent p = Young();
  p.pledges = {MakePledge(12'000'000, 3, "2019-05-01")};  // share 4,000,000; whole 12,000,000
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
  rules.config.apportion = Config::Apportion::kWhole;
  EXPECT_TRUE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
  rules.config.pledge_threshold_cny = 12'000'001;
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
}

TEST(ClassifierTest, PledgeCountsFromItsRegistrationDate) {
  RuleSet rules = DefaultRules();
  model::Patent p = Young();
  p.pledges = {MakePledge(20'000'000, 1, "2024-01-01")};  // registered after D
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
  p.pledges = {MakePledge(20'000'000, 1, "2023-12-31")};  // registered on D
  EXPECT_TRUE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
  p.pledges = {MakePledge(20'000'000, 1, nullptr)};  // no date: never counts
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
}

TEST(ClassifierTest, ReleasedPledgeStillCounts) {
  RuleSet rules = DefaultRules();
  model::Patent p = Young();
  p.pledges = {MakePledge(20'000'000, 2, "2019-05-01", "2020-05-01")};
  EXPECT_TRUE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
}

TEST(ClassifierTest, PledgeAmountsAreNeverAdded) {
  RuleSet rules = DefaultRules();
  model::Patent p = Young();
  p.pledges = {MakePledge(6'000'000, 1, "2019-05-01"), MakePledge(6'000'000, 1, "2020-05-01"),
               MakePledge(30'000'000, 6, "2021-05-01")};  // 6M, 6M, 5M: none reaches 10M
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
  p.pledges.push_back(MakePledge(50'000'000, 1, "2024-02-01"));  // after D
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
  p.pledges.push_back(MakePledge(11'000'000, 1, "2022-02-01"));  // the largest counts
  EXPECT_TRUE(Holds(p, D("2023-12-31"), rules, Rule::kPledge));
}

// ----- award -----------------------------------------------------------------------

TEST(ClassifierTest, AwardYearUpToYearOfD) {
  RuleSet rules = DefaultRules();
  model::Patent p = Young();
  p.awards = {{"china_patent", "excellence", 2023}};
  EXPECT_TRUE(Holds(p, D("2023-01-01"), rules, Rule::kAward));  // year <= year(D)
  EXPECT_TRUE(Holds(p, D("2023-12-31"), rules, Rule::kAward));
  EXPECT_FALSE(Holds(p, D("2022-12-31"), rules, Rule::kAward));
  p.awards = {{"national_sci_tech", "special", 2024}};
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kAward));
  EXPECT_TRUE(Holds(p, D("2024-01-01"), rules, Rule::kAward));
}

TEST(ClassifierTest, AwardFromTheSideTable) {
  RuleSet rules = DefaultRules();
  model::Patent p = Young();
  rules.awards["CN999B"] = {{"china_patent", "gold", 2020}};  // another patent's award
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kAward));
  rules.awards[p.id] = {{"national_sci_tech", "first", 2025}, {"national_sci_tech", "second", 2021}};
  EXPECT_TRUE(Holds(p, D("2023-12-31"), rules, Rule::kAward));
  EXPECT_TRUE(Classify(p, D("2023-12-31"), rules).high_value);
  rules.awards[p.id] = {{"national_sci_tech", "first", 2025}};
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kAward));
}

TEST(ClassifierTest, AwardNeedsAnAcceptedLevel) {
  RuleSet rules = DefaultRules();
  rules.config.accepted_awards = {"china_patent:gold"};
  model::Patent p = Young();
  p.awards = {{"china_patent", "silver", 2020}};
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kAward));
  rules.awards[p.id] = {{"china_patent", "excellence", 2020}};
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kAward));
  p.awards.push_back({"china_patent", "gold", 2021});
  EXPECT_TRUE(Holds(p, D("2023-12-31"), rules, Rule::kAward));
}

TEST(ClassifierTest, UnknownAwardWordsAreNeverAccepted) {
  RuleSet rules = DefaultRules();
  model::Patent p = Young();
  p.awards = {{"provincial", "first", 2020},
              {"china_patent", "bronze", 2020},
              {"China_patent", "gold", 2020},
              {"national_sci_tech", "gold", 2020}};
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kAward));
}

// ----- overseas --------------------------------------------------------------------

TEST(ClassifierTest, OverseasNeedsAGrantedMemberAbroad) {
  RuleSet rules = DefaultRules();
  model::Patent p = Young();
  p.family = {{"US1B2", "US", false}, {"CN2A", "CN", true}};
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kOverseas));
  p.family.push_back({"EP3B1", "EP", true});
  EXPECT_TRUE(Holds(p, D("2023-12-31"), rules, Rule::kOverseas));
  EXPECT_TRUE(Holds(p, D("2000-01-01"), rules, Rule::kOverseas));  // the flags count at every D
  EXPECT_TRUE(Classify(p, D("2023-12-31"), rules).high_value);
}

TEST(ClassifierTest, HongKongMacaoTaiwanAreDomesticByDefault) {
  RuleSet rules = DefaultRules();
  model::Patent p = Young();
  p.family = {{"HK1", "HK", true}, {"MO1", "MO", true}, {"TW1", "TW", true}};
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kOverseas));
  rules.config.domestic = {"CN"};
  EXPECT_TRUE(Holds(p, D("2023-12-31"), rules, Rule::kOverseas));
  rules.config.domestic = {"CN", "HK", "MO", "TW", "US"};
  p.family.push_back({"US1", "US", true});
  EXPECT_FALSE(Holds(p, D("2023-12-31"), rules, Rule::kOverseas));
}

TEST(ClassifierTest, WhichRecordsCanBeFamilyMembersAbroad) {
  Config config;
  model::Patent us = Young();
  us.id = "US2000000001B2";
  us.office = "US";
  us.family_id = "F1";
  us.grant_date = D("2019-03-05");
  us.holders = {{"Example Inc.", "US", ""}};
  EXPECT_TRUE(CanBeFamilyMember(us, config));
  // As a link of a CN record it counts at D from its grant date on.
  const RuleSet rules = DefaultRules();
  auto overseas_at = [&](const char* d) {
    const std::vector<base::Date> dates{D(d)};
    return Assess(Young(), dates, rules, {{us.id, "US", *us.grant_date}}).verdicts[0].Holds(Rule::kOverseas);
  };
  EXPECT_TRUE(overseas_at("2023-12-31"));
  EXPECT_TRUE(overseas_at("2019-03-05"));   // granted on D
  EXPECT_FALSE(overseas_at("2019-03-04"));  // granted after D
  // Its own validity does not matter: a lapsed or old member was still granted.
  us.status = Status::kLapsed;
  us.status_date.reset();
  EXPECT_TRUE(CanBeFamilyMember(us, config));

  model::Patent no_grant = us;
  no_grant.grant_date.reset();
  no_grant.status = Status::kPending;
  EXPECT_FALSE(CanBeFamilyMember(no_grant, config));

  model::Patent utility = us;
  utility.type = PatentType::kUtilityModel;
  EXPECT_FALSE(CanBeFamilyMember(utility, config));

  model::Patent cn = us;
  cn.office = "CN";
  EXPECT_FALSE(CanBeFamilyMember(cn, config));

  model::Patent no_family = us;
  no_family.family_id.clear();
  EXPECT_FALSE(CanBeFamilyMember(no_family, config));

  model::Patent hk = us;
  hk.office = "HK";
  EXPECT_FALSE(CanBeFamilyMember(hk, config));
  config.domestic = {"CN"};
  EXPECT_TRUE(CanBeFamilyMember(hk, config));
}

TEST(ClassifierTest, FamilyMemberSettlesHighValue) {
  RuleSet rules = DefaultRules();
  model::Verdict v = Classify(Young(), D("2023-12-31"), rules);
  EXPECT_TRUE(v.valid);
  EXPECT_FALSE(v.high_value);
  AddFamilyMember(v);
  EXPECT_TRUE(v.Holds(Rule::kOverseas));
  EXPECT_TRUE(v.high_value);

  rules.config.enabled[static_cast<int>(Rule::kOverseas)] = false;
  model::Verdict off = Classify(Young(), D("2023-12-31"), rules);
  AddFamilyMember(off);
  EXPECT_FALSE(off.Holds(Rule::kOverseas));
  EXPECT_FALSE(off.high_value);
}

// ----- sei -------------------------------------------------------------------------

TEST(ClassifierTest, SeiLooksAtEverySymbol) {
  RuleSet rules = DefaultRules();
  model::Patent p = Young();
  p.ipc = {"A01B1/00", "G06F11/14"};  // the second symbol: excluded from 1.1, included by 4.2
  model::Verdict v = Classify(p, D("2023-12-31"), rules);
  EXPECT_TRUE(v.Holds(Rule::kSei));
  EXPECT_EQ(v.industries, (std::vector<std::string>{"4.2"}));
  EXPECT_TRUE(v.high_value);

  p.ipc = {"H04L12/00", "g06f11/30"};  // main group 12 is not H04L1*; the other is not a symbol
  v = Classify(p, D("2023-12-31"), rules);
  EXPECT_FALSE(v.Holds(Rule::kSei));
  EXPECT_TRUE(v.industries.empty());
  EXPECT_FALSE(v.high_value);
}

// ----- disabled rules and high_value -----------------------------------------------

TEST(ClassifierTest, DisabledRuleNeverHolds) {
  RuleSet rules = DefaultRules();
  rules.config.enabled[static_cast<int>(Rule::kPledge)] = false;
  model::Patent p = Young();
  p.pledges = {MakePledge(50'000'000, 1, "2019-05-01")};
  model::Verdict v = Classify(p, D("2023-12-31"), rules);
  EXPECT_TRUE(v.valid);
  EXPECT_FALSE(v.enabled[static_cast<int>(Rule::kPledge)]);
  EXPECT_FALSE(v.Holds(Rule::kPledge));
  EXPECT_FALSE(v.high_value);
}

TEST(ClassifierTest, DisabledSeiStillListsIndustries) {
  RuleSet rules = DefaultRules();
  rules.config.enabled[static_cast<int>(Rule::kSei)] = false;
  model::Patent p = Young();
  p.ipc = {"C08K3/00"};
  model::Verdict v = Classify(p, D("2023-12-31"), rules);
  EXPECT_FALSE(v.Holds(Rule::kSei));
  EXPECT_EQ(v.industries, (std::vector<std::string>{"4.2"}));
  EXPECT_FALSE(v.high_value);
}

TEST(ClassifierTest, InvalidRecordStillReportsItsConditions) {
  RuleSet rules = DefaultRules();
  model::Patent p = Valid();  // filed 2010
  p.status = Status::kLapsed;
  p.status_date = D("2023-06-30");
  p.ipc = {"C08K3/00"};
  p.family = {{"US1B2", "US", true}};
  p.pledges = {MakePledge(20'000'000, 1, "2019-05-01")};
  p.awards = {{"china_patent", "gold", 2020}};
  model::Verdict v = Classify(p, D("2023-12-31"), rules);
  EXPECT_FALSE(v.valid);
  EXPECT_FALSE(v.high_value);
  EXPECT_TRUE(v.Holds(Rule::kSei));
  EXPECT_TRUE(v.Holds(Rule::kOverseas));
  EXPECT_FALSE(v.Holds(Rule::kMaintained));  // includes validity
  EXPECT_TRUE(v.Holds(Rule::kPledge));
  EXPECT_TRUE(v.Holds(Rule::kAward));
}

TEST(ClassifierTest, UtilityModelIsNeverHighValue) {
  RuleSet rules = DefaultRules();
  model::Patent p = Valid();
  p.type = PatentType::kUtilityModel;
  p.ipc = {"C08K3/00"};
  model::Verdict v = Classify(p, D("2023-12-31"), rules);
  EXPECT_FALSE(v.valid);
  EXPECT_TRUE(v.Holds(Rule::kSei));
  EXPECT_FALSE(v.high_value);
}

TEST(ClassifierSettleTest, HighValueNeedsValidityAndAnEnabledRule) {
  model::Verdict v;
  v.enabled = {true, true, true, true, true};
  v.valid = true;
  Settle(v);
  EXPECT_FALSE(v.high_value);  // no rule holds

  v.rules[static_cast<int>(Rule::kAward)] = true;
  Settle(v);
  EXPECT_TRUE(v.high_value);

  v.valid = false;
  v.rules = {true, true, true, true, true};
  Settle(v);
  EXPECT_FALSE(v.high_value);  // only valid patents

  v.valid = true;
  v.enabled = {false, false, false, false, true};
  v.rules = {true, true, true, true, false};
  Settle(v);
  EXPECT_FALSE(v.high_value);  // only disabled rules held
  for (int r = 0; r < model::kRuleCount; ++r) EXPECT_FALSE(v.rules[r]) << r;
}

}  // namespace
}  // namespace hvpat::rules
