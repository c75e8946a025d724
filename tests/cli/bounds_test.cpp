// Settings within bounds: svc.yaml's own size limit, lists of a sensible length, a working-time
// search that gives up instead of guessing; and survey stats that carry on past a bad file
// (trustworthy records, items 8 and 9).
#include <algorithm>
#include <vector>

#include "harness.hpp"

using svc::test::Sandbox;

namespace {

// A svc.yaml whose holidays cover 2026 to 2126, each year as `ranges_of` lists its ranges, with
// no make-up working day.
template <typename Ranges>
std::string century_of_holidays(Ranges ranges_of) {
  std::string text = "calendar:\n  workdays: []\n  holidays:\n";
  for (int year = 2026; year <= 2126; ++year)
    for (const auto& range : ranges_of(year)) text += "    - " + range + "\n";
  return text;
}

int days_in_month(int y, int m) {
  if (m == 2) return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

}  // namespace

TEST_CASE("a century of holidays: a deadline is never on a holiday, and none found is refused") {
  Sandbox box;
  box.init();
  // Every day a holiday from 2026 to 2126: no working time to count a deadline in.
  svc::test::spit(box.data() / "svc.yaml", century_of_holidays([](int y) {
                    return std::vector<std::string>{fmt::format("{}-01-01..{}-12-31", y, y)};
                  }));
  box.fails("ticket new -q --customer 甲 --zone urban", 3,
            "svc: error: svc.yaml: the calendar has no working time for the respond deadline from "
            "2026-11-23 (a year on end without a working day, or the deadline over ten years "
            "ahead); check calendar.holidays\n");
  CHECK_FALSE(std::filesystem::exists(box.data() / "tickets" / "2026-11"));

  // Every day a holiday but the first of each month: deadlines land on those firsts.
  svc::test::spit(box.data() / "svc.yaml", century_of_holidays([](int y) {
                    std::vector<std::string> ranges;
                    for (int m = 1; m <= 12; ++m)
                      ranges.push_back(fmt::format("{}-{:02}-02..{}-{:02}-{:02}", y, m, y, m,
                                                   days_in_month(y, m)));
                    return ranges;
                  }));
  CHECK(box.ok("ticket new -q --customer 甲 --zone urban") == "T-2611-0001\n");
  std::string ticket = box.file("tickets/2026-11/T-2611-0001.yaml");
  INFO(ticket);
  // 1 business hour: Tuesday 1 December; 3 working days: 1 Dec, Friday 1 Jan, Monday 1 Feb.
  CHECK(ticket.find("respond: 2026-12-01T09:30:00+08:00") != std::string::npos);
  CHECK(ticket.find("resolve: 2027-02-01T17:30:00+08:00") != std::string::npos);
}
