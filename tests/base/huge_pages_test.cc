// HugePageAllocator: small and large blocks both hold what is written, across growth
// past the 2 MiB line where blocks start to be mapped on their own.
#include "hvpat/base/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace hvpat::base {
namespace {

TEST(HugePagesTest, BytesKeepTheirContentWhileGrowingPastTheLine) {
  HugeBytes bytes;
  std::string expected;
  for (uint32_t i = 0; expected.size() < 3 * kHugePage; ++i) {
    const std::string piece = std::to_string(i) + ",";
    bytes.append(piece);
    expected.append(piece);
  }
  EXPECT_GT(bytes.capacity(), kHugePage);
  EXPECT_EQ(std::string(bytes.data(), bytes.size()), expected);
  HugeBytes copy = bytes;  // a second mapping, not shared
  copy[0] = 'x';
  EXPECT_EQ(bytes[0], '0');
}

TEST(HugePagesTest, LargeMappingsAreAlignedToHugePages) {
  HugeVector<uint64_t> numbers(kHugePage / sizeof(uint64_t) + 1);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(numbers.data()) % kHugePage, 0u);
  for (size_t i = 0; i < numbers.size(); ++i) numbers[i] = i * 3;
  EXPECT_EQ(numbers.back(), (numbers.size() - 1) * 3);
  HugeVector<uint64_t> small(10, 7);  // from the ordinary heap
  EXPECT_EQ(small[9], 7u);
}

}  // namespace
}  // namespace hvpat::base
