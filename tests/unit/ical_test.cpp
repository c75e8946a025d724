#include "svc/calendar/ical.hpp"

#include <doctest/doctest.h>

#include "svc/domain/error.hpp"
#include "svc/store/calendar_io.hpp"

using namespace svc;

TEST_CASE("an iCalendar schedule: all-day events, DTEND exclusive, folded lines, 上班 days") {
  auto spans = parse_ical(
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:上班(补春节\r\n 假期)\r\n"
      "DTSTART;VALUE=DATE:20270207\r\nDTEND;VALUE=DATE:20270208\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nSUMMARY:元旦假期\r\nDTSTART;VALUE=DATE:20270101\r\n"
      "DTEND;VALUE=DATE:20270104\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  REQUIRE(spans.size() == 2);
  CHECK(format_date(spans[0].first) == "2027-01-01");
  CHECK(format_date(spans[0].last) == "2027-01-03");
  CHECK_FALSE(spans[0].workday);
  CHECK(spans[1].workday);
  CHECK(spans[1].name == "上班(补春节假期)");
  CHECK_THROWS_WITH(parse_ical("BEGIN:VEVENT\nDTSTART:2027\nEND:VEVENT\n"),
                    "line 2: '2027' is not a date");
  CHECK_THROWS_WITH(parse_ical("BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n"),
                    "line 1: an event without DTSTART");
}

TEST_CASE("imported days go at the end of svc.yaml's lists, every other line kept") {
  std::string yaml =
      "# my office\ncalendar:\n  holidays:\n    - 2026-01-01   # 元旦\n  # make-up days:\n"
      "  workdays:\n    - 2026-01-04\nsla: {}\n";
  std::vector<CalendarSpan> spans = {
      {day_from_date({2027, 1, 1}), day_from_date({2027, 1, 3}), false, "元旦假期"},
      {day_from_date({2027, 2, 7}), day_from_date({2027, 2, 7}), true, "上班\x1b"}};
  CHECK(store::add_official_days(yaml, spans) ==
        "# my office\ncalendar:\n  holidays:\n    - 2026-01-01   # 元旦\n"
        "    - 2027-01-01..2027-01-03    # 元旦假期\n  # make-up days:\n"
        "  workdays:\n    - 2026-01-04\n    - 2027-02-07                # 上班\\u001b\nsla: {}\n");
  CHECK_THROWS_WITH(store::add_official_days("calendar:\n  holidays: [2026-01-01]\n", spans),
                    "svc.yaml has no block list calendar.holidays: to add; write the days there "
                    "by hand (svc calendar show lists the ones in force)");
}
