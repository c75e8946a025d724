#include "svc/calendar/calendar.hpp"

#include <doctest/doctest.h>

#include "helpers.hpp"

using namespace svc;
using svc::test::local;
using svc::test::show;

namespace {
const Calendar& cal() { return test::shipped().calendar; }
Day day(int y, int m, int d) { return day_from_date({y, m, d}); }
}  // namespace

TEST_CASE("the shipped calendar knows the 2026 holidays and make-up days") {
  CHECK_FALSE(cal().is_working_day(day(2026, 1, 1)));
  CHECK(cal().is_working_day(day(2026, 1, 4)));   // Sunday, make-up day
  CHECK(cal().is_working_day(day(2026, 2, 14)));  // Saturday, make-up day
  CHECK_FALSE(cal().is_working_day(day(2026, 2, 23)));
  CHECK(cal().is_working_day(day(2026, 2, 28)));
  CHECK(cal().is_working_day(day(2026, 5, 9)));
  CHECK_FALSE(cal().is_working_day(day(2026, 6, 19)));
  CHECK_FALSE(cal().is_working_day(day(2026, 9, 25)));  // 中秋节, a Friday
  CHECK(cal().is_working_day(day(2026, 9, 20)));        // Sunday, make-up day
  for (int d = 1; d <= 7; ++d) CHECK_FALSE(cal().is_working_day(day(2026, 10, d)));
  CHECK(cal().is_working_day(day(2026, 10, 8)));
  CHECK(cal().is_working_day(day(2026, 10, 10)));  // Saturday, make-up day
  CHECK_FALSE(cal().is_working_day(day(2026, 10, 11)));
}

TEST_CASE("the shipped calendar knows the 2025 holidays and make-up days") {
  CHECK_FALSE(cal().is_working_day(day(2025, 1, 28)));
  CHECK_FALSE(cal().is_working_day(day(2025, 2, 4)));
  CHECK(cal().is_working_day(day(2025, 1, 26)));
  CHECK(cal().is_working_day(day(2025, 2, 8)));
  CHECK(cal().is_working_day(day(2025, 4, 27)));
  CHECK_FALSE(cal().is_working_day(day(2025, 10, 8)));
  CHECK(cal().is_working_day(day(2025, 9, 28)));
  CHECK(cal().is_working_day(day(2025, 10, 11)));
}

TEST_CASE("business clock counts only working hours") {
  auto add = [](const char* start, int minutes) {
    return show(add_on_clock(cal(), Clock::business, local(start), minutes * 60));
  };
  CHECK(add("2026-11-23 09:00", 60) == "2026-11-23 10:00");
  CHECK(add("2026-11-23 11:30", 60) == "2026-11-23 14:00");   // over lunch
  CHECK(add("2026-11-23 11:00", 60) == "2026-11-23 12:00");   // ends exactly at noon
  CHECK(add("2026-11-23 07:00", 60) == "2026-11-23 09:30");   // starts before hours
  CHECK(add("2026-11-23 12:30", 30) == "2026-11-23 14:00");   // starts at lunch
  CHECK(add("2026-11-23 19:00", 60) == "2026-11-24 09:30");   // starts after hours
  CHECK(add("2026-11-27 17:00", 60) == "2026-11-30 09:00");   // Friday over the weekend
  CHECK(add("2026-11-28 10:00", 360) == "2026-11-30 16:00");  // starts on a Saturday
}

TEST_CASE("business clock steps over holiday runs and works make-up days") {
  auto add = [](const char* start, int minutes) {
    return show(add_on_clock(cal(), Clock::business, local(start), minutes * 60));
  };
  // Mid-Autumn: Thu 24 Sep 16:00 + 6 h: 1.5 h Thursday, 25-27 off, Mon 28 Sep.
  CHECK(add("2026-09-24 16:00", 360) == "2026-09-28 14:30");
  // National Day: Wed 30 Sep 16:00 + 7 h: 1.5 h, 1-7 Oct off, Thu 8 Oct.
  CHECK(add("2026-09-30 16:00", 420) == "2026-10-08 15:30");
  // Friday 9 Oct 17:00 + 1 h: Saturday 10 Oct is a make-up working day.
  CHECK(add("2026-10-09 17:00", 60) == "2026-10-10 09:00");
  // Saturday 19 Sep + 1 h: Sunday 20 Sep works.
  CHECK(add("2026-09-19 10:00", 60) == "2026-09-20 09:30");
}

TEST_CASE("business clock crosses the year end") {
  CHECK(show(add_on_clock(cal(), Clock::business, local("2025-12-31 17:00"), 3600)) ==
        "2026-01-04 09:00");  // Sunday make-up day
  // 2026-01-04 is a Sunday make-up day.
  CHECK(show(add_on_clock(cal(), Clock::business, local("2026-01-03 10:00"), 3600)) ==
        "2026-01-04 09:30");
}

TEST_CASE("workdays clock: close of business of the N-th working day after the start day") {
  auto add = [](const char* start, int days) {
    return show(add_on_clock(cal(), Clock::workdays, local(start), days));
  };
  CHECK(add("2026-11-23 09:00", 3) == "2026-11-26 17:30");
  CHECK(add("2026-11-23 20:00", 3) == "2026-11-26 17:30");
  CHECK(add("2026-11-27 09:00", 1) == "2026-11-30 17:30");
  CHECK(add("2026-09-24 16:00", 3) == "2026-09-30 17:30");
  CHECK(add("2026-09-29 10:00", 3) == "2026-10-09 17:30");  // over National Day
  CHECK(add("2026-09-30 10:00", 2) == "2026-10-09 17:30");
  CHECK(add("2026-12-30 10:00", 3) == "2027-01-04 17:30");  // no 2027 holidays shipped
}

TEST_CASE("wall clock ignores the calendar") {
  CHECK(show(add_on_clock(cal(), Clock::wall, local("2026-09-30 16:00"), 24 * 3600)) ==
        "2026-10-01 16:00");
}

TEST_CASE("elapsed time on each clock") {
  CHECK(elapsed_on_clock(cal(), Clock::business, local("2026-11-23 11:00"),
                         local("2026-11-23 14:00")) == 90 * 60);
  CHECK(elapsed_on_clock(cal(), Clock::business, local("2026-09-24 16:00"),
                         local("2026-09-28 09:00")) == 120 * 60);
  CHECK(elapsed_on_clock(cal(), Clock::workdays, local("2026-11-23 10:00"),
                         local("2026-11-23 16:00")) == 0);
  CHECK(elapsed_on_clock(cal(), Clock::workdays, local("2026-09-28 10:00"),
                         local("2026-10-09 10:00")) == 4);
  CHECK(elapsed_on_clock(cal(), Clock::wall, local("2026-11-23 10:00"),
                         local("2026-11-22 10:00")) == 0);
}

TEST_CASE("days stepped over are named") {
  auto notes = days_stepped_over(cal(), local("2026-10-09 10:00"), local("2026-10-12 10:00"));
  REQUIRE(notes.size() == 2);
  CHECK(format_date(notes[0].day) == "2026-10-10");
  CHECK(notes[0].what == "make-up working day");
  CHECK(notes[1].what == "weekend");
}

TEST_CASE("time elapsed on a clock is what walking every day gives, over long spans too") {
  const Calendar& cal = test::shipped().calendar;
  // The plain walk, day by day: what elapsed_on_clock counts without walking.
  auto walked = [&](Clock clock, Time from, Time to) {
    std::int64_t total = 0;
    Day first = local_day(from, cal.utc_offset_s), last = local_day(to, cal.utc_offset_s);
    for (Day day = first; day <= last; ++day) {
      if (!cal.is_working_day(day)) continue;
      if (clock == Clock::workdays) {
        total += day < last ? 1 : 0;
        continue;
      }
      for (auto [open, close] : cal.hours) {
        Time a = std::max(from, at_local(day, open, cal.utc_offset_s));
        Time b = std::min(to, at_local(day, close, cal.utc_offset_s));
        if (b > a) total += b - a;
      }
    }
    return to <= from ? 0 : total;
  };
  std::uint64_t seed = 20261126;
  auto next = [&](std::uint64_t n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<Time>((seed >> 33) % n);
  };
  const Time base = local("2024-12-20 00:00");
  for (int i = 0; i < 3000; ++i) {
    // Spans from minutes to two years, starting and ending at any minute of any day.
    Time from = base + next(800) * 86400 + next(1440) * 60;
    Time to =
        from + (i % 3 == 0 ? next(600) * 60 : next(i % 2 ? 40 : 730) * 86400 + next(1440) * 60);
    INFO(show(from) << " .. " << show(to));
    CHECK(elapsed_on_clock(cal, Clock::business, from, to) == walked(Clock::business, from, to));
    CHECK(elapsed_on_clock(cal, Clock::workdays, from, to) == walked(Clock::workdays, from, to));
  }
}

namespace {
// The shipped calendar with every day from `first` to `last` a holiday.
Calendar holidays_over(Day first, Day last) {
  Calendar c = cal();
  for (Day d = first; d <= last; ++d) c.holidays.insert(d);
  return c;
}
}  // namespace

TEST_CASE("the working-time search gives up on a century of holidays, finds only working days") {
  Calendar c = holidays_over(day(2026, 1, 1), day(2126, 12, 31));
  CHECK(show(add_on_clock(c, Clock::business, local("2026-11-23 09:00"), 3600)) == "none");
  CHECK(show(add_on_clock(c, Clock::workdays, local("2026-11-23 09:00"), 3)) == "none");
  CHECK(show(add_on_clock(c, Clock::wall, local("2026-11-23 09:00"), 3600)) == "2026-11-23 10:00");
  // The same century but every 50th day: the search finds those days and no other.
  Calendar nearly = cal();
  for (Day d = day(2026, 1, 1); d <= day(2126, 12, 31); ++d)
    if (d % 50 != 0) nearly.holidays.insert(d);
  for (auto [clock, amount] : {std::pair{Clock::workdays, 1}, std::pair{Clock::workdays, 10},
                               std::pair{Clock::business, 3600}}) {
    auto due = add_on_clock(nearly, clock, local("2026-11-23 09:00"), amount);
    REQUIRE(due);
    CHECK(nearly.is_working_day(local_day(*due, nearly.utc_offset_s)));
  }
}

TEST_CASE("the working-time search gives up after a year without a working day") {
  // Working days remain past the gap, but 366 days in a row without one mean a broken calendar.
  Calendar c = holidays_over(day(2026, 11, 24), day(2027, 11, 24));
  CHECK(show(add_on_clock(c, Clock::business, local("2026-11-23 17:00"), 3600)) == "none");
  CHECK(show(add_on_clock(c, Clock::workdays, local("2026-11-23 09:00"), 1)) == "none");
  // A gap just short of a year is stepped over, to a working day.
  Calendar shorter = holidays_over(day(2026, 11, 24), day(2027, 11, 21));
  CHECK(show(add_on_clock(shorter, Clock::business, local("2026-11-23 17:00"), 3600)) ==
        "2027-11-22 09:00");
  CHECK(show(add_on_clock(shorter, Clock::workdays, local("2026-11-23 09:00"), 1)) ==
        "2027-11-22 17:30");
}

TEST_CASE("the working-time search looks ten years ahead at most") {
  // 3000 working days are some twelve years of an ordinary calendar.
  CHECK(show(add_on_clock(cal(), Clock::workdays, local("2026-11-23 09:00"), 3000)) == "none");
  CHECK(show(add_on_clock(cal(), Clock::business, local("2026-11-23 09:00"),
                          std::int64_t{3000} * 8 * 3600)) == "none");
  CHECK(show(add_on_clock(cal(), Clock::workdays, local("2026-11-23 09:00"), 2000)) != "none");
}
