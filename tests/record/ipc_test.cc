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

}  // namespace
}  // namespace hvpat::record
