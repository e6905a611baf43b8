// The three levels of a six-digit GB/T 2260 region code (spec/rules.md, "Region and
// holder"): XX0000 is a province, XXYY00 a city (prefecture), any other code a county;
// a code's province and city are its first two and four digits padded with zeros.
#pragma once

#include <cassert>
#include <cstdint>
#include <string>
#include <string_view>

namespace hvpat::base {

enum class RegionLevel : uint8_t { kProvince, kCity, kCounty };

// REQUIRES: `code6` is six characters (a region code).
inline RegionLevel RegionLevelOf(std::string_view code6) {
  assert(code6.size() == 6);
  if (code6.ends_with("0000")) return RegionLevel::kProvince;
  if (code6.ends_with("00")) return RegionLevel::kCity;
  return RegionLevel::kCounty;
}

// "500117" -> "500000". REQUIRES: `code6` is six characters.
inline std::string ProvinceOf(std::string_view code6) {
  assert(code6.size() == 6);
  return std::string(code6.substr(0, 2)) + "0000";
}

// "500117" -> "500100"; a province is its own city ("500000" -> "500000"). REQUIRES:
// `code6` is six characters.
inline std::string CityOf(std::string_view code6) {
  assert(code6.size() == 6);
  return std::string(code6.substr(0, 4)) + "00";
}

}  // namespace hvpat::base
