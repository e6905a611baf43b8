// ASCII character classes for the hand-written parsers (IPC symbols, concordance
// patterns, region codes, sizes): locale-free, unlike <cctype>.
#pragma once

#include <string_view>

namespace hvpat::base {

constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// True when every byte of `text` is an ASCII digit; true for an empty `text`.
constexpr bool AllAsciiDigits(std::string_view text) {
  for (char c : text) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

// True when `text` is `size` ASCII digits.
constexpr bool IsAsciiDigits(std::string_view text, size_t size) { return text.size() == size && AllAsciiDigits(text); }

}  // namespace hvpat::base
