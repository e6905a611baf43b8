// Concordance patterns and rows (spec/rules.md, "sei" and "Patterns"): field-wise
// matching on the canonical form, never raw string prefixes, and exclusions that reach
// only their own row. Expected values are read off the spec's wording.
#include "hvpat/rules/concordance.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hvpat/record/ipc.h"
#include "hvpat/rules/rule_set.h"

namespace hvpat::rules {
namespace {

using Strings = std::vector<std::string>;

// Whether `pattern` (which must parse) matches `symbol` (which must be readable).
bool PatternMatches(const std::string& pattern, const std::string& symbol) {
  auto p = Pattern::Parse(pattern);
  auto s = record::ReadIpc(symbol);
  EXPECT_TRUE(p.has_value()) << pattern;
  EXPECT_TRUE(s.has_value()) << symbol;
  return p && s && p->Matches(*s);
}

// A concordance with a single row, to check a pattern through the compiled lookup too.
Concordance OneRow(const Strings& include, const Strings& exclude = {}) {
  Concordance concordance;
  concordance.AddRow({"1.1", "industry", "1.1#1", include, exclude});
  return concordance;
}

bool RowMatches(const Concordance& concordance, const std::string& symbol) {
  return !concordance.Industries({symbol}).empty();
}

TEST(PatternTest, ParsesEachKind) {
  auto class_pattern = Pattern::Parse("C08");
  ASSERT_TRUE(class_pattern);
  EXPECT_EQ(class_pattern->kind, Pattern::Kind::kClass);
  EXPECT_EQ(class_pattern->subclass, "C08");

  for (const char* text : {"B41J", "B41J*"}) {
    auto p = Pattern::Parse(text);
    ASSERT_TRUE(p) << text;
    EXPECT_EQ(p->kind, Pattern::Kind::kSubclass) << text;
    EXPECT_EQ(p->subclass, "B41J") << text;
  }

  for (const char* text : {"G06F11", "G06F11*"}) {
    auto p = Pattern::Parse(text);
    ASSERT_TRUE(p) << text;
    EXPECT_EQ(p->kind, Pattern::Kind::kMainGroup) << text;
    EXPECT_EQ(p->subclass, "G06F") << text;
    EXPECT_EQ(p->main_group, 11u) << text;
  }

  auto subgroup = Pattern::Parse("G06F9/445");
  ASSERT_TRUE(subgroup);
  EXPECT_EQ(subgroup->kind, Pattern::Kind::kSubgroup);
  EXPECT_EQ(subgroup->main_group, 9u);
  EXPECT_EQ(subgroup->subgroup, "445");

  auto prefix = Pattern::Parse("G06N3/04*");
  ASSERT_TRUE(prefix);
  EXPECT_EQ(prefix->kind, Pattern::Kind::kSubgroupPrefix);
  EXPECT_EQ(prefix->subclass, "G06N");
  EXPECT_EQ(prefix->main_group, 3u);
  EXPECT_EQ(prefix->subgroup, "04");
}

TEST(PatternTest, RejectsInvalidTexts) {
  for (const char* text : {"",          "*",       "C0",         "C08K/",   "I01F",    "c08",         "g06f11*",
                           "G06F11**",  "G06F*11", "G06F 11/14", "G06F11/", "G06F/14", "G06F11/14/2", "G06F11/1234567",
                           "G06F12345", "G06Fx",   "G06F11/1a",  " G06F11", "G06F11 ", "G06F11/14 *"}) {
    EXPECT_FALSE(Pattern::Parse(text).has_value()) << "'" << text << "'";
  }
}

TEST(PatternTest, MainGroupComparesNumbersNotPrefixes) {
  EXPECT_TRUE(PatternMatches("G06F11*", "G06F11/14"));
  EXPECT_TRUE(PatternMatches("G06F11*", "G06F11/3668"));
  EXPECT_TRUE(PatternMatches("G06F11*", "G06F11/00"));
  EXPECT_FALSE(PatternMatches("G06F11*", "G06F110/00"));
  EXPECT_FALSE(PatternMatches("G06F11*", "G06F1/14"));
  EXPECT_TRUE(PatternMatches("G06F11", "G06F11/3668"));
  EXPECT_FALSE(PatternMatches("G06F11", "G06F110/00"));

  EXPECT_TRUE(PatternMatches("H04L1*", "H04L1/00"));
  EXPECT_TRUE(PatternMatches("H04L1*", "H04L1/1607"));
  EXPECT_FALSE(PatternMatches("H04L1*", "H04L12/40"));
  EXPECT_FALSE(PatternMatches("H04L1*", "H04L101/00"));
}

TEST(PatternTest, MainGroupMatchesEverySpellingOfItsSymbols) {
  EXPECT_TRUE(PatternMatches("G06F11*", "G06F 11/14"));
  EXPECT_TRUE(PatternMatches("G06F11*", "G06F0011140000"));
  EXPECT_FALSE(PatternMatches("G06F11*", "G06F0110000000"));  // main group 110
}

TEST(PatternTest, ClassMatchesEverySubclassInside) {
  EXPECT_TRUE(PatternMatches("C08", "C08K3/00"));
  EXPECT_TRUE(PatternMatches("C08", "C08L101/12"));
  EXPECT_TRUE(PatternMatches("C08*", "C08G18/00"));
  EXPECT_FALSE(PatternMatches("C08", "C09K3/00"));
  EXPECT_FALSE(PatternMatches("C08", "A08K3/00"));
}

TEST(PatternTest, SubclassMatchesEveryGroupInside) {
  for (const char* pattern : {"B41J", "B41J*"}) {
    EXPECT_TRUE(PatternMatches(pattern, "B41J2/01")) << pattern;
    EXPECT_TRUE(PatternMatches(pattern, "B41J29/393")) << pattern;
    EXPECT_FALSE(PatternMatches(pattern, "B41K2/01")) << pattern;
    EXPECT_FALSE(PatternMatches(pattern, "B42J2/01")) << pattern;
  }
}

TEST(PatternTest, SubgroupMatchesThatSymbolOnly) {
  EXPECT_TRUE(PatternMatches("G06F9/445", "G06F9/445"));
  EXPECT_TRUE(PatternMatches("G06F9/445", "G06F 9/4450"));     // same symbol, canonicalised
  EXPECT_TRUE(PatternMatches("G06F9/445", "G06F0009445000"));  // fixed form
  EXPECT_FALSE(PatternMatches("G06F9/445", "G06F9/4451"));
  EXPECT_FALSE(PatternMatches("G06F9/445", "G06F9/44"));
  EXPECT_FALSE(PatternMatches("G06F9/445", "G06F9/45"));
  EXPECT_FALSE(PatternMatches("G06F9/445", "G06F19/445"));
  EXPECT_FALSE(PatternMatches("G06F9/445", "G06N9/445"));
}

TEST(PatternTest, SubgroupWrittenWithTrailingZeroIsTheSameSymbol) {
  EXPECT_TRUE(PatternMatches("G06F9/4450", "G06F9/445"));
  EXPECT_TRUE(PatternMatches("G06F16/00", "G06F0016000000"));
  EXPECT_FALSE(PatternMatches("G06F16/00", "G06F16/001"));
}

TEST(PatternTest, SubgroupPrefixMatchesSubgroupsStartingWithItsDigits) {
  EXPECT_TRUE(PatternMatches("G06N3/04*", "G06N3/04"));
  EXPECT_TRUE(PatternMatches("G06N3/04*", "G06N3/045"));
  EXPECT_TRUE(PatternMatches("G06N3/04*", "G06N3/0464"));
  EXPECT_TRUE(PatternMatches("G06N3/04*", "G06N0003046400"));
  EXPECT_FALSE(PatternMatches("G06N3/04*", "G06N3/05"));
  EXPECT_FALSE(PatternMatches("G06N3/04*", "G06N3/40"));
  EXPECT_FALSE(PatternMatches("G06N3/04*", "G06N3/00"));
  EXPECT_FALSE(PatternMatches("G06N3/04*", "G06N30/04"));
  EXPECT_FALSE(PatternMatches("G06N3/04*", "G06N13/04"));
}

// The hand-worked cases hold for Pattern::Matches and for the compiled lookup alike.
TEST(ConcordanceTest, CompiledLookupAndPatternsGiveTheHandWorkedAnswers) {
  struct Case {
    std::string pattern;
    std::string symbol;
    bool matches;
  };
  const std::vector<Case> cases = {
      {"G06F11*", "G06F11/14", true},     {"G06F11*", "G06F11/3668", true},  {"G06F11*", "G06F110/00", false},
      {"H04L1*", "H04L1/00", true},       {"H04L1*", "H04L12/40", false},    {"C08", "C08K3/00", true},
      {"C08", "C09K3/00", false},         {"B41J", "B41J2/01", true},        {"B41J*", "B41J2/01", true},
      {"B41J*", "B41K2/01", false},       {"G06F9/445", "G06F9/445", true},  {"G06F9/445", "G06F9/4450", true},
      {"G06F9/445", "G06F9/4451", false}, {"G06F9/445", "G06F9/44", false},  {"G06N3/04*", "G06N3/04", true},
      {"G06N3/04*", "G06N3/045", true},   {"G06N3/04*", "G06N3/0464", true}, {"G06N3/04*", "G06N3/05", false},
      {"G06N3/04*", "G06N3/40", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(PatternMatches(c.pattern, c.symbol), c.matches) << c.pattern << " vs " << c.symbol;
    EXPECT_EQ(RowMatches(OneRow({c.pattern}), c.symbol), c.matches) << c.pattern << " vs " << c.symbol;
  }
}

// The hash lookup must answer as Pattern::Matches does for every pattern kind, over a
// grid of symbols that are the patterns' near misses: neighbouring classes, subclasses,
// main groups that share leading digits (1, 11, 110), subgroups that extend or shorten
// the pattern's digits.
TEST(ConcordanceTest, CompiledLookupAgreesWithPatterns) {
  const Strings patterns = {"C08",       "G06",       "H04",       "B41J",       "G06F",     "G06F1*",
                            "G06F11*",   "G06F110*",  "H04L1*",    "H04L12*",    "G06F9/44", "G06F9/445",
                            "G06F11/14", "G06F11/00", "G06N3/04*", "G06N3/045*", "G06N3/0*", "H04L12/40*"};
  const Strings subclasses = {"C08K", "C08G", "C09K", "G06F", "G06N", "G07F", "H04L", "H04W", "B41J", "B41K"};
  const std::vector<uint32_t> mains = {1, 3, 9, 11, 12, 30, 110, 1100};
  const Strings subgroups = {"00", "01",  "04", "045", "0451", "0464", "05",
                             "14", "141", "40", "402", "44",   "445",  "4451"};

  Concordance all;  // one row per pattern, so that one symbol probes every index at once
  std::vector<Pattern> parsed;
  for (size_t i = 0; i < patterns.size(); ++i) {
    auto p = Pattern::Parse(patterns[i]);
    ASSERT_TRUE(p.has_value()) << patterns[i];
    parsed.push_back(*p);
    all.AddRow({"1." + std::to_string(i), "industry", "1." + std::to_string(i) + "#1", {patterns[i]}, {}});
  }
  size_t matched = 0, missed = 0;
  for (const auto& subclass : subclasses) {
    for (uint32_t main : mains) {
      for (const auto& subgroup : subgroups) {
        const std::string text = subclass + std::to_string(main) + "/" + subgroup;
        auto symbol = record::ReadIpc(text);
        ASSERT_TRUE(symbol.has_value()) << text;
        std::vector<uint32_t> want;
        for (size_t i = 0; i < parsed.size(); ++i) {
          const bool by_pattern = parsed[i].Matches(*symbol);
          EXPECT_EQ(RowMatches(OneRow({patterns[i]}), text), by_pattern) << patterns[i] << " vs " << text;
          if (by_pattern) want.push_back(static_cast<uint32_t>(i));
          ++(by_pattern ? matched : missed);
        }
        std::vector<uint32_t> got;
        all.MatchSymbol(*symbol, got);
        EXPECT_EQ(got, want) << text;
      }
    }
  }
  // The grid is not one-sided: both answers occur many times.
  EXPECT_GT(matched, 100u);
  EXPECT_GT(missed, 100u);
}

TEST(ConcordanceTest, ExclusionRemovesMatchesOfItsRow) {
  Concordance c = OneRow({"G06F11*"}, {"G06F11/14"});
  EXPECT_TRUE(RowMatches(c, "G06F11/30"));
  EXPECT_FALSE(RowMatches(c, "G06F11/14"));
  EXPECT_FALSE(RowMatches(c, "G06F 11/1400"));  // same symbol, another spelling
  EXPECT_TRUE(RowMatches(c, "G06F11/141"));     // a different subgroup

  Concordance by_prefix = OneRow({"G06N3/04*"}, {"G06N3/045"});
  EXPECT_TRUE(RowMatches(by_prefix, "G06N3/04"));
  EXPECT_TRUE(RowMatches(by_prefix, "G06N3/0464"));
  EXPECT_FALSE(RowMatches(by_prefix, "G06N3/045"));

  Concordance by_main = OneRow({"B41J*"}, {"B41J2*"});
  EXPECT_TRUE(RowMatches(by_main, "B41J29/00"));
  EXPECT_FALSE(RowMatches(by_main, "B41J2/01"));
}

// rules.md: "none of **that row's** exclusion patterns (an exclusion never reaches
// other rows)".
TEST(ConcordanceTest, ExclusionAppliesOnlyToItsOwnRow) {
  Concordance c;
  c.AddRow({"1.1", "next-generation IT", "1.1#1", {"G06F11*", "H04L1*"}, {"G06F11/14"}});
  c.AddRow({"4.2", "new materials", "4.2#1", {"G06F11/14", "C08"}, {}});
  c.AddRow({"7.1", "AI", "7.1#1", {"G06N3/04*"}, {"G06N3/045"}});

  EXPECT_EQ(c.Industries({"G06F11/14"}), (Strings{"4.2"}));  // excluded by 1.1, included by 4.2
  EXPECT_EQ(c.Industries({"G06F11/30"}), (Strings{"1.1"}));
  std::vector<uint32_t> rows;
  c.MatchSymbol(*record::ReadIpc("G06F11/14"), rows);
  EXPECT_EQ(rows, (std::vector<uint32_t>{1}));
}

// A row that includes a symbol through two of its patterns and excludes it through a
// third does not match it: the symbol matches an inclusion but also an exclusion of the
// row (rules.md, "sei"). The shipped table has such rows (its header comment).
TEST(ConcordanceTest, ExclusionWinsWhenSeveralInclusionsMatch) {
  Concordance c = OneRow({"G01S1*", "G01S1/02"}, {"G01S1/02"});
  EXPECT_TRUE(RowMatches(c, "G01S1/04"));
  EXPECT_FALSE(RowMatches(c, "G01S1/02"));

  Concordance three = OneRow({"G06F", "G06F11*", "G06F11/14"}, {"G06F11/14"});
  EXPECT_FALSE(RowMatches(three, "G06F11/14"));
  std::vector<uint32_t> rows;
  three.MatchSymbol(*record::ReadIpc("G06F11/14"), rows);
  EXPECT_TRUE(rows.empty());
}

TEST(ConcordanceTest, IndustriesAreSortedAndUnique) {
  Concordance c;
  c.AddRow({"7.1", "AI", "7.1#1", {"G06N3/04*"}, {}});
  c.AddRow({"1.1", "IT", "1.1#1", {"G06F11*"}, {}});
  c.AddRow({"4.2", "materials", "4.2#1", {"C08"}, {}});
  c.AddRow({"1.1", "IT", "1.1#2", {"H04L1*"}, {}});
  c.AddRow({"1.10", "IT", "1.10#1", {"H04L1/00"}, {}});

  EXPECT_EQ(c.Industries({"G06N3/0464", "H04L1/00", "C08K3/00", "G06F11/14", "G06F11/30", "H04L1/02"}),
            (Strings{"1.1", "1.10", "4.2", "7.1"}));
  EXPECT_EQ(c.Industries({"G06F11/14", "G06F11/30"}), (Strings{"1.1"}));
  EXPECT_EQ(c.Industries({}), Strings{});
  EXPECT_EQ(c.Industries({"A01B1/00"}), Strings{});
}

// Industries keeps each thread's recent symbols: what it remembers of one table, or of
// the same table before a row was added, must not answer for another.
TEST(ConcordanceTest, IndustriesOfOneTableAreNotRememberedForAnother) {
  Concordance it;
  it.AddRow({"1.1", "IT", "1.1#1", {"G06F11*"}, {}});
  Concordance materials;
  materials.AddRow({"4.2", "materials", "4.2#1", {"G06F"}, {}});
  EXPECT_EQ(it.Industries({"G06F11/14"}), (Strings{"1.1"}));
  EXPECT_EQ(materials.Industries({"G06F11/14"}), (Strings{"4.2"}));
  EXPECT_EQ(it.Industries({"G06F11/14"}), (Strings{"1.1"}));
  it.AddRow({"7.1", "AI", "7.1#1", {"G06F11/14"}, {}});
  EXPECT_EQ(it.Industries({"G06F11/14"}), (Strings{"1.1", "7.1"}));
  Concordance copy = it;  // same rows: same answers
  EXPECT_EQ(copy.Industries({"G06F11/14", "G06F11/14"}), (Strings{"1.1", "7.1"}));
}

TEST(ConcordanceTest, SymbolMatchedByTwoPatternsOfOneRowCountsOnce) {
  Concordance c = OneRow({"G06F", "G06F11*", "G06F11/14"});
  std::vector<uint32_t> rows;
  c.MatchSymbol(*record::ReadIpc("G06F11/14"), rows);
  EXPECT_EQ(rows, (std::vector<uint32_t>{0}));
}

TEST(ConcordanceTest, UnreadableSymbolsMatchNothing) {
  Concordance c;
  c.AddRow({"1.1", "IT", "1.1#1", {"G06F11*"}, {}});
  c.AddRow({"4.2", "materials", "4.2#1", {"C08"}, {}});
  // Each of these is kept as written by the parser and matches no pattern.
  EXPECT_EQ(c.Industries(
                {"g06f11/14", "G06F  11/14", " G06F11/14", "G06F11/14 ", "G06F11", "C08", "C08K3/0", "G06F11-14", ""}),
            Strings{});
  EXPECT_EQ(c.Industries({"g06f11/14", "G06F11/14"}), (Strings{"1.1"}));
}

TEST(ConcordanceTest, ShippedTableLoads) {
  RuleSet rules = LoadRuleSet(HVPAT_SOURCE_RULES_DIR);
  EXPECT_EQ(rules.concordance.row_count(), 303u);
  EXPECT_EQ(rules.concordance.row(0).row_id, "1.1#1");
  EXPECT_EQ(rules.concordance.row(0).industry_code, "1.1");
}

// Row 1.1#3 of the shipped table includes G01S1* and G01S1/02 and excludes G01S1/02; no
// other row reaches G01S1 (2.3#1 has G01S19*, main group 19).
TEST(ConcordanceTest, ShippedTableHonoursExclusionOfAnIncludedCode) {
  RuleSet rules = LoadRuleSet(HVPAT_SOURCE_RULES_DIR);
  EXPECT_EQ(rules.concordance.Industries({"G01S1/04"}), (Strings{"1.1"}));
  EXPECT_EQ(rules.concordance.Industries({"G01S1/02"}), Strings{});
}

}  // namespace
}  // namespace hvpat::rules
