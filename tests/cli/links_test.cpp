// References between records (SPEC §9, issue 23.2 and 23.4): renumber takes the records made
// with the renumbered one along, in a merge, a stopped rebase and outside both; check names
// links to no record and ends that disagree; one call closed in two clones keeps one survey.
#include <string>
#include <tuple>

#include "team_harness.hpp"

using svc::test::Result;
using svc::test::Sandbox;
using svc::test::Team;

namespace {

const char* const kComplaint =
    "complaint new -q --customer 乙公司 --category quality --description 划伤";
const char* const kReturn =
    "return new -q --customer 乙公司 --model M1 --purchased 2026-11-20 --want refund --reason "
    "defect";

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Clone b misuses clone a's site code (copied .svc by hand): both create T-2611-A-0001, and b
// a complaint, a return and a survey made with its own.
Team clash() {
  Team t({"a", "b"});
  t.sh("b", "echo A > .svc/site");
  t.ok("a", "ticket new -q --customer 甲公司");
  t.now = "2026-11-23T09:30";
  t.ok("b", "ticket new -q --customer 乙公司");
  t.ok("b", std::string(kComplaint) + " --ticket A-0001");
  t.ok("b", std::string(kReturn) + " --ticket A-0001");
  t.ok("b", "survey new -q --template visit --ticket A-0001");
  t.now = "2026-11-23T18:00";
  return t;
}

void links_follow(const Team& t, const std::string& clone) {
  CHECK(has(t.file(clone, "complaints/2026-11/C-2611-A-001.yaml"),
            "links:\n  ticket: T-2611-A-0002\n"));
  CHECK(
      has(t.file(clone, "returns/2026-11/R-2611-A-001.yaml"), "links:\n  ticket: T-2611-A-0002\n"));
  CHECK(has(t.file(clone, "surveys/2026-11/S-2611-A-0001.yaml"),
            "links:\n  ticket: T-2611-A-0002\n"));
  CHECK(has(t.file(clone, "surveys/2026-11/S-2611-A-0001.yaml"),
            "do: relink, from: T-2611-A-0001, to: T-2611-A-0002}"));
}

// One call closed in both clones, in a at 10:00 and in b at 10:20, each clone then answering
// its own survey when told; a syncs first, so b's sync is the merge that meets both closes.
Team closed_in_both(const std::string& answer_a = "", const std::string& answer_b = "") {
  Team t({"a", "b"});
  t.ok("a", "ticket new -q --customer 甲 --internal");
  t.ok("a", "ticket assign 1 --to 李四");
  t.ok("a", "ticket resolve 1 --resolution 远程重启 --remote");
  t.ok("a", "ticket sign 1 --by 甲");
  t.ok("a", "sync");
  t.ok("b", "sync");
  for (const auto& [clone, when, answer] : {std::tuple{"a", "2026-11-23T10:00", answer_a},
                                            std::tuple{"b", "2026-11-23T10:20", answer_b}}) {
    t.now = when;
    t.ok(clone, "ticket close 1");
    if (!answer.empty()) t.ok(clone, "survey record " + answer);
  }
  t.now = "2026-11-23T18:00";
  t.ok("a", "sync");
  return t;
}

std::string sent(const Team& t, const std::string& clone) {
  std::string json = t.ok(clone, "survey stats --format json");
  size_t at = json.find("\"created\": ");
  return at == std::string::npos ? "" : json.substr(at, json.find(',', at) - at);
}

}  // namespace

TEST_CASE("links: renumber in a merge takes the records made with this clone's ticket along") {
  Team t = clash();
  t.ok("a", "sync");
  CHECK(t.run("b", "sync").code == 3);
  CHECK(t.ok("b", "ticket renumber T-2611-A-0001") ==
        "T-2611-A-0001 is now T-2611-A-0002; T-2611-A-0001 is the other clone's. Finish the "
        "merge: git commit (or svc sync)\n"
        "C-2611-A-001: links to T-2611-A-0002 now\n"
        "R-2611-A-001: links to T-2611-A-0002 now\n"
        "S-2611-A-0001: links to T-2611-A-0002 now\n");
  t.ok("b", "sync");
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  for (const char* c : {"a", "b"}) {
    links_follow(t, c);
    t.ok(c, "check");
  }
  std::string theirs = t.ok("a", "ticket show A-0001");
  CHECK(has(theirs, "甲公司"));
  CHECK(!has(theirs, "C-2611-A-001"));
  CHECK(!has(theirs, "R-2611-A-001"));
  CHECK(has(t.ok("a", "ticket show A-0002"), "投诉 C-2611-A-001  退换货 R-2611-A-001"));
}

TEST_CASE("links: renumber outside a merge takes every link along, both ways") {
  Sandbox box;
  box.init();
  box.ok("ticket new -q --customer 甲 --internal");
  box.ok(std::string(kComplaint) + " --ticket 0001");
  box.ok(std::string(kReturn) + " --ticket 0001 --complaint 001");
  box.ok("ticket assign 1 --to 李四");
  box.ok("ticket resolve 1 --resolution 远程重启 --remote");
  box.ok("ticket sign 1 --by 甲");
  CHECK(box.ok("ticket close 1") == "T-2611-0001: 已关闭\nS-2611-0001: 待回收 · 技术员服务评价\n");
  CHECK(box.ok("ticket renumber T-2611-0001") ==
        "T-2611-0001 is now T-2611-0002\n"
        "C-2611-001: links to T-2611-0002 now\n"
        "R-2611-001: links to T-2611-0002 now\n"
        "S-2611-0001: links to T-2611-0002 now\n");
  CHECK(box.ok("survey renumber S-2611-0001") ==
        "S-2611-0001 is now S-2611-0002\nT-2611-0002: links to S-2611-0002 now\n");
  CHECK(box.ok("complaint renumber C-2611-001") ==
        "C-2611-001 is now C-2611-002\nR-2611-001: links to C-2611-002 now\n");
  CHECK(has(box.file("tickets/2026-11/T-2611-0002.yaml"), "\nsurvey: S-2611-0002\n"));
  CHECK(has(box.file("surveys/2026-11/S-2611-0002.yaml"), "links:\n  ticket: T-2611-0002\n"));
  CHECK(has(box.file("returns/2026-11/R-2611-001.yaml"),
            "links:\n  complaint: C-2611-002\n  ticket: T-2611-0002\n"));
  box.ok("check");
}

TEST_CASE("links: renumber in a stopped pull --rebase renumbers our ticket, the pushed one stays") {
  Team t = clash();
  t.ok("a", "sync");
  t.sh("b", "git add -A && git commit -qm mine");
  Result pull = t.sh("b", "git pull -q --rebase");
  CHECK(pull.code != 0);
  CHECK(has(pull.err, "T-2611-A-0001 was created twice"));
  CHECK(t.ok("b", "ticket renumber T-2611-A-0001") ==
        "T-2611-A-0001 is now T-2611-A-0002; T-2611-A-0001 is the upstream's, pushed first. "
        "Finish the rebase: git rebase --continue, then svc sync\n"
        "C-2611-A-001: links to T-2611-A-0002 now\n"
        "R-2611-A-001: links to T-2611-A-0002 now\n"
        "S-2611-A-0001: links to T-2611-A-0002 now\n");
  CHECK(t.sh("b", "git add -A && GIT_EDITOR=true git rebase --continue").code == 0);
  t.ok("b", "sync");
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  CHECK(has(t.file("a", "tickets/2026-11/T-2611-A-0001.yaml"), "甲公司"));
  std::string moved = t.file("a", "tickets/2026-11/T-2611-A-0002.yaml");
  CHECK(has(moved, "乙公司"));
  CHECK(has(moved, "do: renumber, from: T-2611-A-0001}"));
  for (const char* c : {"a", "b"}) {
    links_follow(t, c);
    t.ok(c, "check");
  }
}

TEST_CASE("links: check names a link to no record and two ends that disagree, exit 3") {
  Sandbox box;
  box.init();
  box.ok("ticket new -q --customer 甲 --internal");
  box.ok("ticket new -q --customer 乙 --internal");
  box.ok(std::string(kComplaint) + " --ticket 0001");
  box.ok("ticket assign 1 --to 李四");
  box.ok("ticket resolve 1 --resolution 远程重启 --remote");
  box.ok("ticket sign 1 --by 甲");
  box.ok("ticket close 1");  // S-2611-0001, its survey
  box.ok("survey new -q --template visit --ticket 0002");
  box.ok("check");
  box.ok("survey new -q --template visit --ticket 0001");  // S-2611-0003, a second one
  // A hand edit: the complaint names a call that is not there, the close's survey another call.
  box.patch("complaints/2026-11/C-2611-001.yaml", "T-2611-0001", "T-2611-0009");
  box.patch("surveys/2026-11/S-2611-0001.yaml", "T-2611-0001", "T-2611-0002");
  box.fails("check", 3,
            "T-2611-0001: survey S-2611-0001, but S-2611-0001's links.ticket is T-2611-0002\n"
            "C-2611-001: links.ticket T-2611-0009 is no record\n"
            "S-2611-0003: links.ticket T-2611-0001, but T-2611-0001's survey is S-2611-0001\n"
            "svc: error: 3 problems found\n");
}

TEST_CASE("links: one call closed in two clones keeps one pending survey, counted once") {
  Team t = closed_in_both();
  CHECK(has(t.ok("b", "sync"),
            "T-2611-A-0001: close in two clones: S-2611-A-0001 kept, S-2611-B-0001 dropped as its "
            "second survey\n"));
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  for (const char* c : {"a", "b"}) {
    t.ok(c, "check");
    std::string pending = t.ok(c, "survey list --pending");
    CHECK(has(pending, "S-2611-A-0001"));
    CHECK(!has(pending, "S-2611-B-0001"));
    CHECK(sent(t, c) == "\"created\": 1");
  }
  std::string second = t.file("a", "surveys/2026-11/S-2611-B-0001.yaml");
  CHECK(has(second, "status: dropped\n"));
  CHECK(has(second, "duplicate_of: S-2611-A-0001"));
  CHECK(has(t.file("a", "tickets/2026-11/T-2611-A-0001.yaml"), "do: settle, settles: "));
  CHECK(has(t.ok("a", "survey stats"), "本期发出 1  本期回收 0"));
}

TEST_CASE("links: of a call closed in two clones the answered survey is kept, the call names it") {
  Team t = closed_in_both("", "B-0001 attitude=4 skill=4 arrival=3 promise=4");
  CHECK(has(t.ok("b", "sync"),
            "T-2611-A-0001: close in two clones: S-2611-B-0001 kept, S-2611-A-0001 dropped as its "
            "second survey\n"));
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  CHECK(has(t.file("a", "tickets/2026-11/T-2611-A-0001.yaml"), "\nsurvey: S-2611-B-0001\n"));
  for (const char* c : {"a", "b"}) {
    t.ok(c, "check");
    CHECK(sent(t, c) == "\"created\": 1");
  }
}

TEST_CASE(
    "links: a call closed in two clones, both surveys answered: both kept, check names them") {
  Team t = closed_in_both("A-0001 attitude=4 skill=4 arrival=4 promise=4",
                          "B-0001 attitude=3 skill=3 arrival=3 promise=3");
  Result r = t.run("b", "sync");
  CHECK(r.code == 3);
  CHECK(has(r.err,
            "T-2611-A-0001: two surveys for one ticket: S-2611-A-0001 and S-2611-B-0001, both "
            "recorded; its close was made in two clones and both count in the figures: compare "
            "them (svc survey show ID), amend one if need be, then accept the pair: svc ticket "
            "settle T-2611-A-0001\n"));
  CHECK(has(t.file("b", "surveys/2026-11/S-2611-A-0001.yaml"), "status: recorded\n"));
  CHECK(has(t.file("b", "surveys/2026-11/S-2611-B-0001.yaml"), "status: recorded\n"));
  t.ok("b", "ticket settle A-0001 --note 两份都是客户本人的回答");
  t.ok("b", "check");
  t.ok("b", "sync");
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  t.ok("a", "check");
}

TEST_CASE("links: a hand pull of a call closed in two clones is tidied by settle") {
  Team t = closed_in_both();
  t.sh("b", "git add -A && git commit -qm mine && git pull -q --no-rebase --no-edit");
  CHECK(t.run("b", "check").code == 3);
  CHECK(has(t.ok("b", "ticket settle 1"),
            "T-2611-A-0001: close in two clones: S-2611-A-0001 kept, S-2611-B-0001 dropped as its "
            "second survey\n"));
  t.ok("b", "check");
  CHECK(sent(t, "b") == "\"created\": 1");
}

TEST_CASE("links: a return closed in two clones keeps one survey too") {
  Team t({"a", "b"});
  t.ok("a", kReturn);
  for (const char* step :
       {"approve 1", "receive 1 --qty 1", "inspect 1 --verdict repair", "repaired 1"})
    t.ok("a", std::string("return ") + step);
  t.ok("a", "sync");
  t.ok("b", "sync");
  t.now = "2026-11-23T10:00";
  t.ok("a", "return close 1");
  t.now = "2026-11-23T10:20";
  t.ok("b", "return close 1");
  t.now = "2026-11-23T18:00";
  t.ok("a", "sync");
  CHECK(has(t.ok("b", "sync"),
            "R-2611-A-001: close in two clones: S-2611-A-0001 kept, S-2611-B-0001 dropped as its "
            "second survey\n"));
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  t.ok("a", "check");
  CHECK(sent(t, "a") == "\"created\": 1");
}
