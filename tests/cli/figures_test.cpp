// Figures at their edges (issue 22): a follow-up's month in `report late`, amounts too large to
// keep, a step not to do in `show --explain`.
#include "harness.hpp"

using svc::test::Sandbox;

namespace {

// A call closed on 30 November whose follow-up (48 h after the 15:00 resolution) falls due on
// 2 December and is never made.
void closed_at_months_end(Sandbox& box) {
  box.init();
  box.now = "2026-11-30T16:00";
  box.ok(
      "ticket new --customer 月末 --zone urban --purchased 2026-06-01 --warranty-months 12 "
      "--at 2026-11-30T09:00");
  box.ok("ticket assign 1 --to 李四 --at 2026-11-30T09:05");
  box.ok("ticket arrive 1 --at 2026-11-30T09:30");
  box.ok("ticket resolve 1 --resolution 调整 --at 2026-11-30T15:00");
  box.ok("ticket sign 1 --by 甲 --at 2026-11-30T15:10");
  box.ok("ticket close 1 --at 2026-11-30T15:20");
}

}  // namespace

TEST_CASE("report late: a follow-up never made is in the month it fell due in, once") {
  Sandbox box;
  closed_at_months_end(box);
  box.now = "2026-12-05T09:00";
  // November: the call closed in it on time; its follow-up was not due yet.
  CHECK(box.ok("report late --month 2026-11").empty());  // nothing late: nothing printed
  // December, still running: late until now, on the wall clock of the 48-hour rule.
  CHECK(box.ok("report late --month 2026-12") ==
        "洽办单 2026-12\n前台小王\n  T-2611-0001  回访  未完成, 逾期 2天18小时  (期限 2026-12-02 "
        "15:00)  "
        "月末\n");
  // Once December has ended: as late as at its end.
  box.now = "2027-01-03T09:00";
  CHECK(box.ok("report late --month 2026-12") ==
        "洽办单 2026-12\n前台小王\n  T-2611-0001  回访  未完成, 至期末逾期 29天9小时  (期限 "
        "2026-12-02 "
        "15:00)  月末\n");
}

TEST_CASE("an amount too large to keep is refused, never wrapped") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 大件 --zone urban");
  box.ok("ticket assign 1 --to 李四");
  box.fails("ticket part 1 --part 大件 --qty 100000000 --price 999999999999.99", 2,
            "svc: error: --qty 100000000 x --price 999999999999.99 is more than the largest "
            "amount svc keeps (999999999999.99)\n");
  box.ok("ticket part 1 --part 大件 --qty 2 --price 499999999999.99");  // 999999999999.98
  CHECK(box.ok("check").empty());
}

TEST_CASE("show --explain says '-' for a step not to do, as show does") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲 --zone urban");
  box.ok("ticket cancel 1 --reason 重复报修 --at 2026-11-23T09:05");
  std::string shown = box.ok("ticket show 1");
  CHECK(shown.find("  响应    2026-11-23 10:00  -\n") != std::string::npos);
  std::string explained = box.ok("ticket show 1 --explain");
  CHECK(explained.find("    期限 2026-11-23 10:00：-\n") != std::string::npos);
  CHECK(explained.find("待办") == std::string::npos);
}
