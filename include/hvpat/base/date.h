// Civil dates: the two input forms of spec/record-format.md and adding years (spec/rules.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hvpat::base {

// A proleptic Gregorian calendar date, stored as days since 1970-01-01. Plain value.
class Date {
 public:
  Date() = default;
  // REQUIRES: the triple is a real calendar date (see FromYmd for checking).
  static Date FromDays(int32_t days) { return Date(days); }
  // A real calendar date with year 1..9999, or nullopt.
  static std::optional<Date> FromYmd(int year, int month, int day);
  // Exactly "YYYY-MM-DD" in ASCII digits and a real date, or nullopt.
  static std::optional<Date> ParseIso(std::string_view text);
  // Exactly eight digits YYYYMMDD forming a real date, or nullopt.
  static std::optional<Date> FromNumber(int64_t number);

  int32_t days() const { return days_; }
  int year() const;
  // "YYYY-MM-DD".
  std::string ToString() const;
  // YYYYMMDD as an integer, handy for fixed-width keys.
  uint32_t ToNumber() const;
  // Adds whole years keeping month and day; 29 February becomes 28 February in a
  // year that has none (spec/rules.md, "In force at D").
  Date AddYears(int years) const;

  friend auto operator<=>(Date, Date) = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads it

 private:
  explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

}  // namespace hvpat::base
