// KeyPrefix: comparing prefixes never contradicts comparing the strings, and equal
// prefixes happen only when the first 16 bytes agree (zero padding aside).
#include "hvpat/base/bytes.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace hvpat::base {
namespace {

// Strings over a small alphabet with NUL and 0xFF, of lengths 0-20, so that shared
// beginnings, padding against real NULs and the 16-byte boundary all occur often.
std::vector<std::string> Strings(size_t n) {
  std::mt19937 random(11);
  const std::string alphabet("\0\1AB\xFF", 5);
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    std::string s;
    const size_t length = random() % 21;
    for (size_t j = 0; j < length; ++j) s.push_back(alphabet[random() % alphabet.size()]);
    out.push_back(s);
  }
  return out;
}

TEST(KeyPrefixTest, OrderNeverContradictsTheStrings) {
  const auto strings = Strings(400);
  for (const auto& a : strings) {
    for (const auto& b : strings) {
      const KeyPrefix pa = KeyPrefix::Of(a);
      const KeyPrefix pb = KeyPrefix::Of(b);
      if (pa < pb) {
        EXPECT_LT(a, b);
      }
      if (pa > pb) {
        EXPECT_GT(a, b);
      }
      // Equal prefixes: the first 16 bytes agree once both are padded with NULs.
      std::string ha = a.substr(0, 16), hb = b.substr(0, 16);
      ha.resize(16, '\0');
      hb.resize(16, '\0');
      EXPECT_EQ(pa == pb, ha == hb);
    }
  }
}

TEST(KeyPrefixTest, BigEndianHalves) {
  const KeyPrefix p = KeyPrefix::Of("AB");
  EXPECT_EQ(p.high, 0x4142000000000000u);
  EXPECT_EQ(p.low, 0u);
  const KeyPrefix q = KeyPrefix::Of("0123456789abcdefXYZ");  // bytes past 16 are ignored
  EXPECT_EQ(q.high, 0x3031323334353637u);
  EXPECT_EQ(q.low, 0x3839616263646566u);
  EXPECT_EQ(KeyPrefix::Of(""), KeyPrefix{});
}

}  // namespace
}  // namespace hvpat::base
