// A kind declared only in a test (tests/toy/loan_kind.cpp: tools lent from the store) gets every
// command of the machinery by its descriptor alone: the proof that the seam holds. The binary is
// svc with that one kind registered; nothing in src/ names it.
#include <doctest/doctest.h>

#include "harness.hpp"
#include "team_harness.hpp"

namespace svc::test {

namespace {

const std::string kToyBin = fs::path(SVC_TOY_BINARY).parent_path().string();

const char* kSettings =
    "sla:\n"
    "  loan:\n"
    "    back:\n"
    "      - {name: meter, when: {tool: 万用表}, clock: workdays, within: 2}\n"
    "      - {name: any, clock: wall, within: 7d}\n"
    "loans:\n"
    "  desk: 工具房\n";

}  // namespace

TEST_CASE("toy kind: init, settings, new, action, list, show, log, note, edit, void, check") {
  Sandbox box;
  box.binary = SVC_TOY_BINARY;
  box.init();
  // init makes its folder and names it for git's merge driver.
  CHECK(fs::is_directory(box.data() / "loans"));
  CHECK(box.file(".gitattributes").find("loans/**/*.yaml merge=svc\n") != std::string::npos);
  spit(box.data() / "svc.yaml", kSettings);

  // Its SLA table and section are read from the descriptor: no warning for them.
  Result made = box.run("loan new --tool 万用表 --to 李四");
  CHECK(made.code == 0);
  CHECK(made.err == "");
  // Monday 09:00 + 2 working days (09:00-17:30) by the meter rule; a wrench: 7 days of wall time.
  CHECK(made.out == "L-2611-001\n  归还   2026-11-25 17:30\n");
  CHECK(box.ok("loan new --tool 扳手 --to 王五") == "L-2611-002\n  归还   2026-11-30 09:00\n");

  box.now = "2026-11-24T10:00";
  CHECK(box.ok("loan back 001") == "L-2611-001: 已归还\n");
  box.fails("loan back 001", 1,
            "svc: error: cannot back L-2611-001: it is back; allowed now: note\n");

  CHECK(box.ok("loan list") ==
        "编号        状态    工具    下一期限\n"
        "L-2611-001  已归还  万用表\n"
        "L-2611-002  借出    扳手    归还 2026-11-30 09:00\n");
  CHECK(box.ok("loan list --format csv") ==
        "id,status,tool,due_back,done_back,overdue\n"
        "L-2611-001,back,万用表,2026-11-25T17:30:00+08:00,2026-11-24T10:00:00+08:00,\n"
        "L-2611-002,out,扳手,2026-11-30T09:00:00+08:00,,\n");
  // The filters every list shares, from the descriptor: --open keeps what is still out.
  CHECK(box.ok("loan list --open --format csv") ==
        "id,status,tool,due_back,done_back,overdue\n"
        "L-2611-002,out,扳手,2026-11-30T09:00:00+08:00,,\n");
  box.fails("loan list --status lost", 2, "svc: error: --status 'lost' is not one of: out, back\n");
  // Its section of the periodic reports, after the tickets', complaints', returns' and
  // surveys', before the targets.
  CHECK(box.ok("report monthly --month 2026-11 --format json")
            .find("  \"loans\": {\n    \"lent\": 2,\n    \"back\": 1\n  },\n  \"targets\"") !=
        std::string::npos);
  CHECK(box.ok("report monthly --month 2026-11 --format md")
            .find("## 借用工具\n\n- 借出 2  已归还 50.0% (1/2)\n") != std::string::npos);
  CHECK(box.ok("loan show 002") ==
        "L-2611-002  借出  扳手 -> 王五\n"
        "期限\n"
        "  归还    2026-11-30 09:00  待办\n"
        "可执行  back\n");
  CHECK(box.ok("loan log 001") ==
        "1  2026-11-23 09:00  前台小王  new  tool=万用表  borrower=李四  desk=工具房  due={back: "
        "2026-11-25T17:30:00+08:00}\n"
        "2  2026-11-24 10:00  前台小王  back\n");

  CHECK(box.ok("loan note 002 借用人出差") == "L-2611-002: 借出\n");
  spit(box.root() / "ed.sh",
       "#!/bin/sh\nsed -i 's/^borrower: 王五$/borrower: 王五（维修部）/' \"$1\"\n");
  fs::permissions(box.root() / "ed.sh", fs::perms::owner_all);
  CHECK(box.ok("loan edit 002", "VISUAL=" + (box.root() / "ed.sh").string()) ==
        "L-2611-002: edited\n");
  // Its own section of svc.yaml, read by its hook into the settings' slot for kinds.
  CHECK(box.file("loans/2026-11/L-2611-002.yaml").find("desk: 工具房\n") != std::string::npos);
  CHECK(box.file("loans/2026-11/L-2611-002.yaml").find("borrower: 王五（维修部）\n") !=
        std::string::npos);
  // The machinery's own actions.
  CHECK(box.ok("loan void 001 --event 2 --reason 登记错了") == "L-2611-001: 借出\n");
  box.fails("loan settle 001", 1,
            "svc: error: L-2611-001 has nothing to settle: no event of its history was left out "
            "of its summary\n");
  CHECK(box.ok("check") == "");

  // The cache holds its files like any kind's; a second list reads from it alike.
  std::string listed = box.ok("loan list --format csv");
  CHECK(box.ok("loan list --format csv") == listed);
  CHECK(std::system(("test \"$(sqlite3 '" + (box.data() / ".svc/cache.sqlite").string() +
                     "' \"select count(*) from files where folder = 'loans'\")\" = 2")
                        .c_str()) == 0);

  // Completion: the command, its actions, its IDs.
  CHECK(box.ok("__complete bash ''").find("survey\nparts\nloan\nreport\n") != std::string::npos);
  CHECK(box.ok("__complete bash loan ''") ==
        "new\nback\nlist\nshow\nnote\nlog\nedit\nsettle\nrenumber\nvoid\n");
  CHECK(box.ok("__complete bash loan show ''") == "L-2611-001\nL-2611-002\n");

  // Renumber: a new ID under the same month, the file moved.
  CHECK(box.ok("loan renumber 002") == "L-2611-002 is now L-2611-003\n");
  CHECK(fs::exists(box.data() / "loans/2026-11/L-2611-003.yaml"));
  CHECK_FALSE(fs::exists(box.data() / "loans/2026-11/L-2611-002.yaml"));

  // A typo in its section or its SLA table is named, from the descriptor's keys and steps.
  spit(box.data() / "svc.yaml",
       "sla:\n  loan:\n    bak:\n      - {clock: wall, within: 7d}\nloans:\n  desk: 工具房\n  "
       "typo: 1\n");
  Result warned = box.run("loan list --format csv");
  CHECK(warned.code == 0);
  CHECK(warned.err ==
        "svc: warning: svc.yaml:7:9: unknown setting 'loans.typo' (a typo?); it is ignored\n"
        "svc: warning: svc.yaml:4:7: sla.loan.bak is not a step svc knows (back); a typo?\n");
  // A bad value in its section is refused by its own reader, naming where.
  spit(box.data() / "svc.yaml", "loans:\n  desk: [甲, 乙]\n");
  box.fails("loan list", 3, "svc: error: svc.yaml:2:9: loans.desk must be the name of a desk\n");
}

TEST_CASE("toy kind: two clones act on one loan and git's merge driver unites the histories") {
  Team team({"bj", "sh"}, kToyBin);
  spit(team.box.root() / "bj" / "svc.yaml", kSettings);
  spit(team.box.root() / "sh" / "svc.yaml", kSettings);
  std::string id = "L-2611-BJ-001";  // -q prints the ID alone, for scripts
  CHECK(team.ok("bj", "loan new -q --tool 万用表 --to 李四") == id + "\n");
  team.ok("bj", "sync");
  team.ok("sh", "sync");
  std::string path = "loans/2026-11/" + id + ".yaml";
  REQUIRE(fs::exists(team.box.root() / "sh" / path));
  team.now = "2026-11-23T10:00";
  team.ok("bj", "loan note " + id + " 北京备注");
  team.ok("bj", "sync");
  team.now = "2026-11-23T11:00";
  team.ok("sh", "loan back " + id);
  team.ok("sh", "sync");  // pulls bj's note: both changed the file, the driver unites them
  team.ok("bj", "sync");
  CHECK(events(team.file("sh", path)) == 3);
  CHECK(team.file("bj", path) == team.file("sh", path));
  CHECK(team.file("bj", path).find("status: back\n") != std::string::npos);
  CHECK(team.file("bj", path).find("do: note, text: 北京备注") != std::string::npos);
  CHECK(team.ok("bj", "check") == "");
}

}  // namespace svc::test
