// Civil date arithmetic on std::chrono's calendar types.
#include "hvpat/base/date.h"

#include <chrono>
#include <cstdio>

namespace hvpat::base {
namespace {

namespace chr = std::chrono;

chr::year_month_day ToYmd(int32_t days) { return chr::year_month_day{chr::sys_days{chr::days{days}}}; }

}  // namespace

std::optional<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                          chr::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return Date(chr::sys_days{ymd}.time_since_epoch().count());
}

std::optional<Date> Date::ParseIso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      char c = text[starts[p] + i];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  return FromYmd(parts[0], parts[1], parts[2]);
}

std::optional<Date> Date::FromNumber(int64_t number) {
  if (number < 10000000 || number > 99999999) return std::nullopt;
  return FromYmd(static_cast<int>(number / 10000), static_cast<int>(number / 100 % 100),
                 static_cast<int>(number % 100));
}

int Date::year() const { return static_cast<int>(ToYmd(days_).year()); }

std::string Date::ToString() const {
  auto ymd = ToYmd(days_);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

uint32_t Date::ToNumber() const {
  auto ymd = ToYmd(days_);
  return static_cast<uint32_t>(static_cast<int>(ymd.year())) * 10000 + static_cast<unsigned>(ymd.month()) * 100 +
         static_cast<unsigned>(ymd.day());
}

Date Date::AddYears(int years) const {
  auto ymd = ToYmd(days_);
  auto moved = ymd + chr::years{years};
  if (!moved.ok()) {  // only 29 February in a common year
    moved = moved.year() / moved.month() / chr::day{28};
  }
  return Date(chr::sys_days{moved}.time_since_epoch().count());
}

}  // namespace hvpat::base
