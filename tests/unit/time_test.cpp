#include "svc/calendar/time.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace svc;

TEST_CASE("civil dates round-trip through day numbers") {
  for (Day d = day_from_date({1999, 12, 31}); d < day_from_date({2031, 1, 1}); d += 17)
    CHECK(day_from_date(date_from_day(d)) == d);
  CHECK(day_from_date({1970, 1, 1}) == 0);
  CHECK(weekday(day_from_date({2026, 11, 23})) == 0);  // a Monday
  CHECK(weekday(day_from_date({2026, 10, 10})) == 5);  // a Saturday
}

TEST_CASE("dates are validated strictly") {
  CHECK(parse_date("2026-02-28"));
  CHECK_FALSE(parse_date("2026-02-29"));
  CHECK(parse_date("2028-02-29"));
  CHECK_FALSE(parse_date("2026-13-01"));
  CHECK_FALSE(parse_date("2026-1-01"));
  CHECK_FALSE(parse_date("26-11-01"));
  CHECK_FALSE(parse_date("2026-1a-01"));
  CHECK_FALSE(parse_date("2026-11-0 "));
  CHECK_FALSE(parse_date("+026-11-01"));
  CHECK_FALSE(parse_date("２026-11-01"));
}

TEST_CASE("dates print as YYYY-MM-DD, zero-padded, every day of two centuries") {
  CHECK(format_date(Date{2026, 11, 26}) == "2026-11-26");
  CHECK(format_date(Date{999, 1, 5}) == "0999-01-05");
  CHECK(format_date(Date{10000, 1, 1}) == "10000-01-01");
  for (Day d = day_from_date({1950, 1, 1}); d < day_from_date({2150, 1, 1}); ++d) {
    const Date date = date_from_day(d);
    const std::string printed = format_date(d);
    REQUIRE(printed.size() == 10);
    REQUIRE(parse_date(printed) == std::optional<Date>(date));
  }
}

TEST_CASE("months add with the day clamped to the month") {
  CHECK(add_months({2026, 1, 31}, 1) == Date{2026, 2, 28});
  CHECK(add_months({2025, 11, 30}, 3) == Date{2026, 2, 28});
  CHECK(add_months({2026, 3, 1}, 12) == Date{2027, 3, 1});
}

TEST_CASE("times parse with and without an offset and print in ISO 8601") {
  const int cst = 8 * 3600;
  Time t = *parse_time("2026-11-23T09:15", cst);
  CHECK(format_time(t, cst) == "2026-11-23T09:15:00+08:00");
  CHECK(*parse_time("2026-11-23T01:15:00Z", cst) == t);
  CHECK(*parse_time("2026-11-23 09:15:00+08:00", 0) == t);
  CHECK(format_time(*parse_time("2026-11-23", cst), cst) == "2026-11-23T00:00:00+08:00");
  CHECK(format_time(t, -5 * 3600 - 1800) == "2026-11-22T19:45:00-05:30");
  CHECK_FALSE(parse_time("2026-11-23T25:00", cst));
  CHECK_FALSE(parse_time("2026-11-23T09:15+8", cst));
  CHECK_FALSE(parse_time("2026-11-23T09:15+08:3x", cst));
  CHECK_FALSE(parse_time("2026-11-23T0-:15", cst));
  CHECK_FALSE(parse_time("yesterday", cst));
}

TEST_CASE("short times print the local date, hours and minutes, every minute of a day") {
  CHECK(format_time_short(*parse_time("2026-11-23T09:05:59+08:00", 0), 8 * 3600) ==
        "2026-11-23 09:05");
  CHECK(format_time_short(*parse_time("2026-11-23T01:15:00Z", 0), -5 * 3600 - 1800) ==
        "2026-11-22 19:45");
  for (int offset : {8 * 3600, 0, -5 * 3600 - 1800}) {
    const Time midnight = *parse_time("2026-12-31", offset);
    for (int minute = 0; minute < 24 * 60; ++minute) {
      const std::string printed = format_time_short(midnight + minute * 60 + 59, offset);
      REQUIRE(printed == fmt::format("2026-12-31 {:02}:{:02}", minute / 60, minute % 60));
    }
  }
}

TEST_CASE("durations") {
  CHECK(*parse_duration("30m") == 1800);
  CHECK(*parse_duration("1h30m") == 5400);
  CHECK(*parse_duration("7d") == 7 * 86400);
  CHECK(*parse_duration("90") == 5400);
  CHECK_FALSE(parse_duration("1w"));
  CHECK_FALSE(parse_duration(""));
  CHECK(format_duration(93784) == "1d 2h 3m");
  CHECK(format_duration(0) == "0m");
  CHECK(format_duration(93784, {"天", "小时", "分", ""}) == "1天2小时3分");
  CHECK(format_duration(7200, {"天", "小時", "分", ""}) == "2小時");
  CHECK(format_duration(-60, {"天", "小时", "分", ""}) == "-1分");
}
