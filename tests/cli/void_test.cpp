// `svc KIND void ID --event N --reason TEXT` (issue 23.5): an event taken back stays in the
// history, voided, out of the summary; the same action for every kind, and across clones.
#include "team_harness.hpp"

using svc::test::Sandbox;
using svc::test::Team;

namespace {

// A ticket assigned to 李四 at 09:10, then by mistake to 王五 at 09:20: events 1 to 3.
void assigned_twice(Sandbox& box) {
  box.init();
  box.ok("ticket new -q --customer 甲");
  box.now = "2026-11-23T09:10";
  box.ok("ticket assign 1 --to 李四");
  box.now = "2026-11-23T09:20";
  box.ok("ticket assign 1 --to 王五");
  box.now = "2026-11-23T09:30";
}

const char* const kTicket = "tickets/2026-11/T-2611-0001.yaml";

}  // namespace

TEST_CASE("void: a ticket's wrong assignment taken back, the history keeps both events") {
  Sandbox box;
  assigned_twice(box);
  CHECK(box.ok("ticket log 1").find("3  2026-11-23 09:20  前台小王  assign  assignee=王五\n") !=
        std::string::npos);
  CHECK(box.ok("ticket void 1 --event 3 --reason 派错人") == "T-2611-0001: 已派工\n");
  std::string file = box.file(kTicket);
  CHECK(file.find("assignee: 李四\n") != std::string::npos);
  CHECK(file.find("  - {at: 2026-11-23T09:20:00+08:00, by: 前台小王, do: assign, assignee: 王五}\n"
                  "  - {at: 2026-11-23T09:30:00+08:00, by: 前台小王, do: void, event: {at: "
                  "2026-11-23T09:20:00+08:00, by: 前台小王, do: assign, assignee: 王五}, reason: "
                  "派错人}\n") != std::string::npos);
  std::string show = box.ok("ticket show 1");
  CHECK(show.find("技术员    李四\n") != std::string::npos);
  CHECK(
      show.find("已作废的事件：保留在历史中，未计入摘要\n  3  2026-11-23 09:20  前台小王  assign  "
                "assignee=王五  (voided by 前台小王 at 2026-11-23 09:30: 派错人)\n") !=
      std::string::npos);
  std::string log = box.ok("ticket log 1");
  CHECK(log.find("\n2  2026-11-23 09:10  前台小王  assign  assignee=李四\n3  2026-11-23 09:20  "
                 "前台小王  assign  assignee=王五  (voided by 前台小王 at 2026-11-23 09:30: "
                 "派错人)\n4  2026-11-23 09:30  前台小王  void  event=3  reason=派错人\n") !=
        std::string::npos);
  CHECK(box.ok("check").empty());
  CHECK(box.ok("ticket list --tech 李四 --format csv").find("T-2611-0001") != std::string::npos);
  // By its time as well, when one event has it; backfilled, it goes where its time is.
  box.now = "2026-11-23T09:40";
  box.ok("ticket note 1 改派");
  box.now = "2026-11-23T09:50";
  box.ok("ticket note 1 客户来电");
  box.ok("ticket void 1 --event 2026-11-23T09:40 --reason 重复 --at 2026-11-23T09:45");
  CHECK(box.ok("ticket log 1")
            .find("5  2026-11-23 09:40  前台小王  note  text=改派  (voided by 前台小王 at "
                  "2026-11-23 09:45: 重复)\n6  2026-11-23 09:45  前台小王  void  event=5  "
                  "reason=重复\n7  2026-11-23 09:50  前台小王  note  text=客户来电\n") !=
        std::string::npos);
  CHECK(box.ok("check").empty());
}

TEST_CASE("void: the same action for a complaint, a return and a survey") {
  Sandbox box;
  box.init();
  box.ok("complaint new -q --customer 甲 --category quality --description 交货延迟");
  box.ok(
      "return new -q --customer 乙 --model KX --qty 1 --price 10 --purchased 2026-11-20 --want "
      "refund --reason none --condition "
      "resaleable,packaging_intact,accessories_complete,warranty_card");
  box.ok("survey new -q --template property --customer 丙");
  box.now = "2026-11-23T09:10";
  box.ok("complaint investigate 1");
  box.ok("return approve 1");
  box.ok("survey drop 1 --reason 未接通");
  box.now = "2026-11-23T09:20";
  CHECK(box.ok("complaint void 1 --event 2 --reason 点错") == "C-2611-001: 已受理\n");
  CHECK(box.ok("return void 1 --event 2 --reason 点错") == "R-2611-001: 已申请\n");
  CHECK(box.ok("survey void 1 --event 2 --reason 其实接通了") == "S-2611-0001: 待回收\n");
  CHECK(box.file("complaints/2026-11/C-2611-001.yaml").find("status: received\n") !=
        std::string::npos);
  CHECK(box.file("returns/2026-11/R-2611-001.yaml").find("status: requested\n") !=
        std::string::npos);
  std::string survey = box.file("surveys/2026-11/S-2611-0001.yaml");
  CHECK(survey.find("status: pending\n") != std::string::npos);
  CHECK(survey.find("dropped:") == std::string::npos);
  for (const char* kind : {"complaint", "return", "survey"}) {
    CAPTURE(kind);
    CHECK(box.ok(fmt::format("{} log 1", kind)).find("(voided by 前台小王 at 2026-11-23 09:20: ") !=
          std::string::npos);
    CHECK(box.ok(fmt::format("{} show 1", kind)).find("已作废的事件") != std::string::npos);
  }
  // The survey can be recorded again as if it had never been dropped.
  box.ok("survey drop 1 --reason 再次未接通");
  CHECK(box.ok("check").empty());
}

TEST_CASE("void: every refusal, its message and exit code") {
  Sandbox box;
  assigned_twice(box);
  box.fails("ticket void 1 --event 3", 2,
            "svc: error: --reason is required (see svc ticket void --help)\n");
  box.fails("ticket void 1 --event 3 --reason ' '", 2, "svc: error: --reason must not be empty\n");
  box.fails("ticket void 1 --event 4 --reason 错", 2,
            "svc: error: T-2611-0001 has no event 4; svc ticket log T-2611-0001 numbers its "
            "events 1 to 3\n");
  box.fails("ticket void 1 --event 0 --reason 错", 2,
            "svc: error: T-2611-0001 has no event 0; svc ticket log T-2611-0001 numbers its "
            "events 1 to 3\n");
  box.fails("ticket void 1 --event last --reason 错", 2,
            "svc: error: --event 'last' is neither an event's number nor its time; svc ticket log "
            "T-2611-0001 numbers the events\n");
  box.fails("ticket void 1 --event 2026-11-23T09:15 --reason 错", 2,
            "svc: error: T-2611-0001 has no event at 2026-11-23T09:15; svc ticket log "
            "T-2611-0001 shows every event's time\n");
  box.fails("ticket void 1 --event 1 --reason 错", 1,
            "svc: error: the record itself cannot be voided (event 1 registered T-2611-0001); "
            "end it instead: svc ticket cancel T-2611-0001\n");
  box.ok("ticket void 1 --event 3 --reason 派错人");
  box.fails("ticket void 1 --event 3 --reason 错", 1,
            "svc: error: event 3 (assign) of T-2611-0001 is already voided (by 前台小王 at "
            "2026-11-23T09:30:00+08:00: 派错人)\n");
  box.fails("ticket void 1 --event 4 --reason 错", 1,
            "svc: error: event 4 of T-2611-0001 is a void, which cannot be voided; to have event "
            "3 (assign) back, record it again\n");
  box.now = "2026-11-23T10:00";
  box.ok("ticket arrive 1");
  std::string before = box.file(kTicket);
  box.fails("ticket void 1 --event 2 --reason 错", 1,
            "svc: error: cannot void event 2 (assign) of T-2611-0001: event 5 (arrive at "
            "2026-11-23T10:00:00+08:00) could then no longer happen; void event 5 first\n");
  CHECK(box.file(kTicket) == before);
  box.fails("ticket void 1 --event 5 --reason 错 --at 2026-11-23T09:50", 1,
            "svc: error: cannot void event 5 of T-2611-0001 at 2026-11-23T09:50:00+08:00: it "
            "happened later, at 2026-11-23T10:00:00+08:00\n");
  // A complaint has no action that ends it from its first status: a note instead.
  box.ok("complaint new -q --customer 甲 --category quality --description 交货延迟");
  box.fails("complaint void 1 --event 1 --reason 错", 1,
            "svc: error: the record itself cannot be voided (event 1 registered C-2611-001); say "
            "what was wrong in a note instead: svc complaint note C-2611-001 TEXT\n");
  box.ok("survey new -q --template property --customer 丙");
  box.fails("survey void 1 --event 1 --reason 错", 1,
            "svc: error: the record itself cannot be voided (event 1 registered S-2611-0001); "
            "end it instead: svc survey drop S-2611-0001\n");
  CHECK(box.ok("check").empty());
}

TEST_CASE("void: check names a void whose event is not in the history") {
  Sandbox box;
  assigned_twice(box);
  box.ok("ticket void 1 --event 3 --reason 派错人");
  box.patch(kTicket, "event: {at: 2026-11-23T09:20:00+08:00, by: 前台小王",
            "event: {at: 2026-11-23T09:20:00+08:00, by: 赵六");
  svc::test::Result r = box.run("check");
  CHECK(r.code == 3);
  CHECK(r.err.find("event 4 (void by 前台小王) names no event of the history (assign by 赵六 at "
                   "2026-11-23T09:20:00+08:00)") != std::string::npos);
}

TEST_CASE("team: a void made in one clone survives in the other, both keep the voided event") {
  Team t({"a", "b"});
  t.ok("a", "ticket new -q --customer 甲");
  t.now = "2026-11-23T09:10";
  t.ok("a", "ticket assign 1 --to 李四");
  t.now = "2026-11-23T09:20";
  t.ok("a", "ticket assign 1 --to 王五");
  t.ok("a", "sync");
  t.ok("b", "sync");
  t.now = "2026-11-23T09:30";
  t.ok("a", "ticket void 1 --event 3 --reason 派错人");
  t.now = "2026-11-23T09:40";
  t.ok("b", "ticket note 1 客户来电");
  t.now = "2026-11-23T10:00";
  CHECK(t.ok("a", "sync").find("committed: T-2611-A-0001 void (assign 王五)\n") !=
        std::string::npos);
  t.ok("b", "sync");
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  const std::string file = t.file("b", "tickets/2026-11/T-2611-A-0001.yaml");
  CHECK(file.find("assignee: 李四\n") != std::string::npos);
  CHECK(file.find("do: assign, assignee: 王五}\n") != std::string::npos);
  CHECK(file.find("do: void, event: {at: 2026-11-23T09:20:00+08:00, by: a, do: assign, "
                  "assignee: 王五}, reason: 派错人}\n") != std::string::npos);
  CHECK(t.ok("b", "ticket show 1").find("技术员    李四\n") != std::string::npos);
  t.ok("a", "check");
  t.ok("b", "check");
}
