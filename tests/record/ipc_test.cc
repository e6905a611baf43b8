// record::ReadIpc / CanonicalIpc: the three spellings of an IPC symbol and the canonical
// form (spec/record-format.md, "IPC symbols arrive in three spellings" and "An IPC symbol
// is read only as ...").
#include "hvpat/record/ipc.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace hvpat::record {
namespace {

TEST(IpcTest, ThreeSpellingsGiveOneCanonicalForm) {
  EXPECT_EQ(CanonicalIpc("G06F 16/27"), "G06F16/27");
  EXPECT_EQ(CanonicalIpc("G06F16/27"), "G06F16/27");
  EXPECT_EQ(CanonicalIpc("G06F0016270000"), "G06F16/27");
  const IpcSymbol expected{"G06F", 16, "27"};
  EXPECT_EQ(ReadIpc("G06F 16/27"), expected);
  EXPECT_EQ(ReadIpc("G06F16/27"), expected);
  EXPECT_EQ(ReadIpc("G06F0016270000"), expected);
}

TEST(IpcTest, FixedFormDropsSubgroupZerosBeyondTwoDigits) {
  EXPECT_EQ(CanonicalIpc("G06F0016000000"), "G06F16/00");
  EXPECT_EQ(CanonicalIpc("A61K0031045000"), "A61K31/045");
  EXPECT_EQ(CanonicalIpc("H04L0067100000"), "H04L67/10");
  EXPECT_EQ(CanonicalIpc("G06N0003046400"), "G06N3/0464");
  EXPECT_EQ(CanonicalIpc("C08L0001123456"), "C08L1/123456");
  EXPECT_EQ(CanonicalIpc("A01B9999990000"), "A01B9999/99");
  EXPECT_EQ(ReadIpc("A61K0031045000"), (IpcSymbol{"A61K", 31, "045"}));
}

TEST(IpcTest, SlashFormIsCanonicalisedToo) {
  // Main group without leading zeros, subgroup without trailing zeros beyond two digits.
  EXPECT_EQ(CanonicalIpc("G06F 0016/27"), "G06F16/27");
  EXPECT_EQ(CanonicalIpc("G06F16/270000"), "G06F16/27");
  EXPECT_EQ(CanonicalIpc("A61K 31/0450"), "A61K31/045");
  EXPECT_EQ(CanonicalIpc("G06F16/00"), "G06F16/00");
  EXPECT_EQ(CanonicalIpc("G06N3/04"), "G06N3/04");
  EXPECT_EQ(CanonicalIpc("H01M 4/131"), "H01M4/131");
  EXPECT_EQ(CanonicalIpc("A01B1/123456"), "A01B1/123456");  // six-digit subgroup
  EXPECT_EQ(CanonicalIpc("A01B1234/12"), "A01B1234/12");    // four-digit main group
}

TEST(IpcTest, OtherStringsAreNotSymbolsAndKeptAsWritten) {
  for (const char* text : {
           "G06F  16/27",      // two spaces
           "g06f16/27",        // lower case
           "G06f16/27",        // lower-case subclass letter
           " G06F16/27",       // leading space
           "G06F16/27 ",       // trailing space
           "G06F16/2",         // one-digit subgroup
           "G06F16/1234567",   // seven-digit subgroup
           "G06F12345/27",     // five-digit main group
           "G06F/27",          // no main group
           "G06F16/",          // no subgroup
           "G06F16",           // no slash
           "G06F 16 /27",      // space before the slash
           "G06F\t16/27",      // a tab is not the one space
           "G06F16-27",        // wrong separator
           "I06F16/27",        // section beyond H
           "G6F16/27",         // one-digit class
           "G06F001627000",    // 13 characters
           "G06F00162700000",  // 15 characters
           "G06F 016270000",   // fixed form with a space
           "G06",              // too short
           "",
       }) {
    EXPECT_EQ(ReadIpc(text), std::nullopt) << "'" << text << "'";
    EXPECT_EQ(CanonicalIpc(text), text) << "'" << text << "'";
  }
}

TEST(IpcTest, TrimSubgroupKeepsTwoDigits) {
  EXPECT_EQ(TrimSubgroup("270000"), "27");
  EXPECT_EQ(TrimSubgroup("000000"), "00");
  EXPECT_EQ(TrimSubgroup("045000"), "045");
  EXPECT_EQ(TrimSubgroup("10"), "10");
  EXPECT_EQ(TrimSubgroup("100"), "10");
  EXPECT_EQ(TrimSubgroup("0464"), "0464");
}

TEST(IpcTest, SubclassIsSectionTwoDigitsAndLetter) {
  EXPECT_TRUE(IsSubclass("A01B"));
  EXPECT_TRUE(IsSubclass("H99Z"));
  EXPECT_TRUE(IsSubclass("G06F"));
  EXPECT_FALSE(IsSubclass("I01B"));
  EXPECT_FALSE(IsSubclass("a01b"));
  EXPECT_FALSE(IsSubclass("G06f"));
  EXPECT_FALSE(IsSubclass("G0AF"));
  EXPECT_FALSE(IsSubclass("G06"));
  EXPECT_FALSE(IsSubclass("G06FF"));
}

TEST(IpcTest, CanonicalJoinsFields) {
  EXPECT_EQ((IpcSymbol{"G06F", 16, "27"}).Canonical(), "G06F16/27");
  EXPECT_EQ((IpcSymbol{"G06N", 3, "0464"}).Canonical(), "G06N3/0464");
}

// record-format.md: "Any of them may carry the edition suffix that WIPO and CNIPA print
// after a symbol ... it is dropped, and the symbol before it is read as if it stood alone."
TEST(IpcTest, EditionSuffixIsDropped) {
  EXPECT_EQ(CanonicalIpc("G06F 16/27 (2019.01)"), "G06F16/27");
  EXPECT_EQ(CanonicalIpc("H01B7/18(2006.01)I"), "H01B7/18");
  EXPECT_EQ(CanonicalIpc("G01L3/00（2006.01）I"), "G01L3/00");
  EXPECT_EQ(ReadIpc("G06F 16/27 (2019.01)"), (IpcSymbol{"G06F", 16, "27"}));
  // Every spelling, any number of ASCII spaces (or none), either paren, level I, N or none.
  EXPECT_EQ(CanonicalIpc("G06F0016270000 (2019.01)"), "G06F16/27");
  EXPECT_EQ(CanonicalIpc("G06F0016270000(2019.01)N"), "G06F16/27");
  EXPECT_EQ(CanonicalIpc("G06F16/27   (2019.01)"), "G06F16/27");
  EXPECT_EQ(CanonicalIpc("G06F16/27(2019.01)N"), "G06F16/27");
  EXPECT_EQ(CanonicalIpc("A61K 31/0450（2006.01）"), "A61K31/045");
  EXPECT_EQ(CanonicalIpc("A61K31/045（2006.01)I"), "A61K31/045");  // `（` ... `)`: each paren either way
  EXPECT_EQ(CanonicalIpc("A61K31/045 (0000.00)"), "A61K31/045");   // four digits, '.', two digits
}

TEST(IpcTest, MalformedSuffixMakesTheStringNoSymbol) {
  for (const char* text : {
           "G06F16/27(2019.1)",      // one-digit month
           "G06F16/27 (2019.01) I",  // a space before the level
           "G06F16/27;",             // anything else after the symbol
           "G06F16/27 (2019.01)II",  // two levels
           "G06F16/27 (2019.01)i",   // lower-case level
           "G06F16/27 (2019.01)A",   // a level other than I or N
           "G06F16/27 (19.01)",      // two-digit year
           "G06F16/27 (2019-01)",    // not a dot
           "G06F16/27 2019.01",      // no parens
           "G06F16/27 (2019.01",     // no closing paren
           "G06F16/27 2019.01)",     // no opening paren
           "G06F16/27\t(2019.01)",   // a tab is not a space
           "G06F16/27　(2019.01)",   // nor is the full-width space U+3000
           "G06F16/27 (2019.01) ",   // trailing space
           "G06F16/27(2019.01)(2019.01)",
           "G06F16/27I",  // a level without an edition
           "(2019.01)",
           "G06F  16/27 (2019.01)",  // the symbol itself is no symbol
           "g06f16/27 (2019.01)",
           " G06F16/27(2019.01)",
       }) {
    EXPECT_EQ(ReadIpc(text), std::nullopt) << "'" << text << "'";
    EXPECT_EQ(CanonicalIpc(text), text) << "'" << text << "'";
  }
}

// The stored string of every symbol is canonical; any string kept as written is not.
TEST(IpcTest, IsCanonicalTellsSymbolsFromStringsKeptAsWritten) {
  for (const char* text : {"G06F16/27", "A61K31/045", "G06F16/00", "G06F0/00", "A01B9999/123456", "H01B7/18"}) {
    EXPECT_TRUE(IsCanonicalIpc(text)) << text;
  }
  for (const char* text : {"G06F 16/27", "G06F0016270000", "G06F016/27", "G06F16/270", "G06F16/2", "G06F16/1234567",
                           "G06F16/27(2019.01)", "g06f16/27", "G06F16/27;", "", "G06F", "G06F/27", "G06F16/"}) {
    EXPECT_FALSE(IsCanonicalIpc(text)) << text;
  }
  // Whatever a string is, its stored form is canonical exactly when it was read as a symbol.
  for (const char* text : {"G06F 16/27 (2019.01)", "H01B7/18(2006.01)I", "G01L3/00（2006.01）I", "G06F0016000000",
                           "A61K0031045000", "G06F16/27(2019.1)", "G06F16/27 (2019.01) I", "x", "G06F  16/27"}) {
    EXPECT_EQ(IsCanonicalIpc(CanonicalIpc(text)), ReadIpc(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace hvpat::record
