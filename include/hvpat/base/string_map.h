// A hash map keyed by strings that is also looked up by std::string_view (C++20
// heterogeneous lookup), so a lookup by a view into a buffer builds no std::string.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hvpat::base {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace hvpat::base
