// base::Date: the two input forms of spec/record-format.md ("A date string is exactly
// YYYY-MM-DD in ASCII digits; a date number is exactly eight digits") and adding years
// with the 29 February rule of spec/rules.md.
#include "hvpat/base/date.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace hvpat::base {
namespace {

Date Ymd(int year, int month, int day) {
  std::optional<Date> date = Date::FromYmd(year, month, day);
  EXPECT_TRUE(date.has_value()) << year << "-" << month << "-" << day;
  return date.value_or(Date());
}

TEST(DateTest, ParseIsoReadsExactForm) {
  std::optional<Date> date = Date::ParseIso("2021-02-03");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(*date, Ymd(2021, 2, 3));
  EXPECT_EQ(date->year(), 2021);
  EXPECT_EQ(date->ToString(), "2021-02-03");
  EXPECT_EQ(date->ToNumber(), 20210203u);
}

TEST(DateTest, ParseIsoRejectsOtherShapes) {
  EXPECT_FALSE(Date::ParseIso("20210203"));
  EXPECT_FALSE(Date::ParseIso("2021/02/03"));
  EXPECT_FALSE(Date::ParseIso("2021-2-3"));
  EXPECT_FALSE(Date::ParseIso("2021-02-3"));
  EXPECT_FALSE(Date::ParseIso(" 2021-02-03"));
  EXPECT_FALSE(Date::ParseIso("2021-02-03 "));
  EXPECT_FALSE(Date::ParseIso("2021-02-03T00:00"));
  EXPECT_FALSE(Date::ParseIso("+021-02-03"));
  EXPECT_FALSE(Date::ParseIso("2021-0a-03"));
  EXPECT_FALSE(Date::ParseIso(""));
}

TEST(DateTest, ParseIsoRejectsDatesNotOnTheCalendar) {
  EXPECT_FALSE(Date::ParseIso("2021-02-30"));
  EXPECT_FALSE(Date::ParseIso("2021-02-29"));  // 2021 is a common year
  EXPECT_FALSE(Date::ParseIso("2021-13-01"));
  EXPECT_FALSE(Date::ParseIso("2021-00-10"));
  EXPECT_FALSE(Date::ParseIso("2021-04-31"));
  EXPECT_FALSE(Date::ParseIso("2021-01-00"));
  EXPECT_FALSE(Date::ParseIso("0000-01-01"));
  EXPECT_FALSE(Date::ParseIso("1900-02-29"));  // divisible by 100, not by 400
  EXPECT_TRUE(Date::ParseIso("2000-02-29"));   // divisible by 400
  EXPECT_TRUE(Date::ParseIso("2020-02-29"));
  EXPECT_TRUE(Date::ParseIso("0001-01-01"));
  EXPECT_TRUE(Date::ParseIso("9999-12-31"));
}

TEST(DateTest, FromNumberReadsEightDigits) {
  std::optional<Date> date = Date::FromNumber(20210203);
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(*date, Ymd(2021, 2, 3));
  EXPECT_EQ(*date, Date::ParseIso("2021-02-03"));
}

TEST(DateTest, FromNumberRejectsUnrealDatesAndOtherLengths) {
  EXPECT_FALSE(Date::FromNumber(20210230));   // 30 February
  EXPECT_FALSE(Date::FromNumber(20211301));   // month 13
  EXPECT_FALSE(Date::FromNumber(2021023));    // seven digits
  EXPECT_FALSE(Date::FromNumber(202102030));  // nine digits
  EXPECT_FALSE(Date::FromNumber(0));
  EXPECT_FALSE(Date::FromNumber(-20210203));
  EXPECT_FALSE(Date::FromNumber(101));  // 0000-01-01 would need leading zeros
}

TEST(DateTest, FromYmdChecksTheCalendar) {
  EXPECT_TRUE(Date::FromYmd(2024, 2, 29));
  EXPECT_FALSE(Date::FromYmd(2023, 2, 29));
  EXPECT_FALSE(Date::FromYmd(0, 1, 1));
  EXPECT_FALSE(Date::FromYmd(10000, 1, 1));
  EXPECT_FALSE(Date::FromYmd(2021, 0, 1));
  EXPECT_FALSE(Date::FromYmd(2021, 1, 32));
}

TEST(DateTest, AddYearsMapsLeapDayToFebruary28) {
  const Date leap_day = Ymd(2012, 2, 29);
  EXPECT_EQ(leap_day.AddYears(10), Ymd(2022, 2, 28));
  EXPECT_EQ(leap_day.AddYears(1), Ymd(2013, 2, 28));
  EXPECT_EQ(Ymd(2096, 2, 29).AddYears(4), Ymd(2100, 2, 28));  // 2100 is a common year
}

TEST(DateTest, AddYearsKeepsLeapDayInLeapYears) {
  const Date leap_day = Ymd(2012, 2, 29);
  EXPECT_EQ(leap_day.AddYears(4), Ymd(2016, 2, 29));
  EXPECT_EQ(leap_day.AddYears(8), Ymd(2020, 2, 29));
  EXPECT_EQ(Ymd(1996, 2, 29).AddYears(4), Ymd(2000, 2, 29));
}

TEST(DateTest, AddYearsKeepsMonthAndDay) {
  EXPECT_EQ(Ymd(2010, 3, 1).AddYears(10), Ymd(2020, 3, 1));
  EXPECT_EQ(Ymd(2011, 2, 28).AddYears(1), Ymd(2012, 2, 28));
  EXPECT_EQ(Ymd(2010, 12, 31).AddYears(13), Ymd(2023, 12, 31));
  EXPECT_EQ(Ymd(2020, 6, 15).AddYears(-3), Ymd(2017, 6, 15));
  EXPECT_EQ(Ymd(2020, 6, 15).AddYears(0), Ymd(2020, 6, 15));
}

TEST(DateTest, OrdersChronologically) {
  const Date a = Ymd(2020, 12, 31);
  const Date b = Ymd(2021, 1, 1);
  const Date c = Ymd(2021, 2, 1);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_LT(a, c);
  EXPECT_GT(c, a);
  EXPECT_LE(b, Ymd(2021, 1, 1));
  EXPECT_EQ(b, Ymd(2021, 1, 1));
  EXPECT_NE(a, b);
  EXPECT_EQ(b.days() - a.days(), 1);
  EXPECT_LT(Ymd(1969, 12, 31), Ymd(1970, 1, 1));
  EXPECT_EQ(Ymd(1970, 1, 1).days(), 0);
}

TEST(DateTest, ToStringAndToNumberRoundTrip) {
  for (const char* text :
       {"1000-01-01", "1969-12-31", "1970-01-01", "2000-02-29", "2021-02-03", "2023-12-31", "9999-12-31"}) {
    std::optional<Date> date = Date::ParseIso(text);
    ASSERT_TRUE(date.has_value()) << text;
    EXPECT_EQ(date->ToString(), text);
    std::optional<Date> again = Date::FromNumber(date->ToNumber());
    ASSERT_TRUE(again.has_value()) << text;
    EXPECT_EQ(*again, *date) << text;
    EXPECT_EQ(Date::FromDays(date->days()), *date) << text;
  }
  // Years before 1000 print with leading zeros but have no eight-digit number form.
  EXPECT_EQ(Ymd(1, 1, 1).ToString(), "0001-01-01");
  EXPECT_EQ(Ymd(1, 1, 1).ToNumber(), 10101u);
  EXPECT_EQ(Ymd(9999, 12, 31).ToNumber(), 99991231u);
}

}  // namespace
}  // namespace hvpat::base
