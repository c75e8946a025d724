// A team on git (SPEC §9): a bare remote and clones in a temp directory, each running the real
// svc; merges through svc's merge driver, svc sync, and check catching what a hand merge broke.
#include <algorithm>
#include <map>
#include <vector>

#include "team_harness.hpp"

using svc::test::events;
using svc::test::Result;
using svc::test::Sandbox;
using svc::test::slurp;
using svc::test::Team;
namespace fs = std::filesystem;

TEST_CASE("team: a clone with a remote gets a registered site code before it creates records") {
  Team t({"a"});
  t.sh("", "git clone -q remote.git b 2>/dev/null");
  CHECK(t.run("b", "ticket new --customer 甲").err ==
        "svc: error: this clone shares its records through git (remote origin) but has no site "
        "code, so its IDs could collide with another clone's; pick a code no one has "
        "(registered: A) and run: svc init --site CODE\n");
  CHECK(t.run("b", "init --site a").err ==
        "svc: error: site code A is already registered by a on 2026-11-23 (sites/A.yaml); pick "
        "a code no one has (registered: A)\n");
  t.ok("b", "init --site b");
  CHECK(t.ok("b", "ticket new -q --customer 甲") == "T-2611-B-0001\n");
  // A code only in .svc/ (an older clone) is not enough: it must be registered.
  t.sh("", "git clone -q remote.git c 2>/dev/null && mkdir -p c/.svc && echo C > c/.svc/site");
  CHECK(t.run("c", "ticket new --customer 乙").err ==
        "svc: error: the site code C of this clone is not registered in sites/; register it: svc "
        "init --site C\n");
}

// Offline work in three clones, then every clone syncs twice in `order`.
static void offline_then_synced(const std::vector<std::string>& order) {
  CAPTURE(order[0] + order[1] + order[2]);
  std::vector<std::string> names{"a", "b", "c"};
  Team t(names);
  // Every clone works offline: a ticket, a complaint and a return each, and changes the
  // first clone's shared ticket.
  t.ok("a", "ticket new -q --customer 共同客户");
  t.ok("a", "sync");
  for (const auto& c : names) t.ok(c, "sync");
  int minute = 10;
  for (const auto& c : names) {
    t.now = fmt::format("2026-11-23T09:{}", minute++);
    t.ok(c, "ticket new -q --customer 客户" + c);
    t.ok(c, "complaint new -q --customer 客户" + c + " --category quality --description 划伤");
    t.ok(c, "return new -q --customer 客户" + c +
                " --model M1 --purchased 2026-11-20 --want refund --reason defect");
    t.ok(c, "ticket note A-0001 来自" + c);
  }
  t.now = "2026-11-23T18:00";
  for (const auto& c : order) t.ok(c, "sync");
  for (const auto& c : order) t.ok(c, "sync");  // every clone now has everything
  auto first = t.records("a");
  CHECK(first.size() == 10);
  for (const auto& c : names) {
    CHECK(t.records(c) == first);
    t.ok(c, "check");
  }
  std::string shared = first.at("tickets/2026-11/T-2611-A-0001.yaml");
  CHECK(events(shared) == 4);
  for (const auto& c : names) CHECK(shared.find("text: 来自" + c) != std::string::npos);
}

// Every order of the three, two orders to a test, so that ctest runs them side by side.
TEST_CASE(
    "team: offline work in three clones, synced in every order: no ID twice, nothing lost (a "
    "first)") {
  offline_then_synced({"a", "b", "c"});
  offline_then_synced({"a", "c", "b"});
}

TEST_CASE(
    "team: offline work in three clones, synced in every order: no ID twice, nothing lost (b "
    "first)") {
  offline_then_synced({"b", "a", "c"});
  offline_then_synced({"b", "c", "a"});
}

TEST_CASE(
    "team: offline work in three clones, synced in every order: no ID twice, nothing lost (c "
    "first)") {
  offline_then_synced({"c", "a", "b"});
  offline_then_synced({"c", "b", "a"});
}

TEST_CASE("team: the same record changed in two clones merges for every kind") {
  Team t({"a", "b"});
  t.ok("a", "ticket new -q --customer 甲");
  t.ok("a", "complaint new -q --customer 甲 --category quality --description 划伤");
  t.ok("a",
       "return new -q --customer 甲 --model M1 --purchased 2026-11-20 --want refund "
       "--reason defect");
  t.ok("a", "survey new -q --template visit --customer 甲");
  t.ok("a", "sync");
  t.ok("b", "sync");
  // Clone a: assign and note; clone b: assign, arrive and note; and so on for each kind.
  t.now = "2026-11-23T09:10";
  t.ok("a", "ticket assign A-0001 --to 李四");
  t.ok("a", "complaint ack A-001");
  t.ok("a", "return note A-001 --text 客户寄回");
  t.ok("a", "survey note A-0001 --text 电话未接");
  t.now = "2026-11-23T09:20";
  t.ok("b", "ticket assign A-0001 --to 李四");
  t.ok("b", "complaint note A-001 客户再次来电");
  t.ok("b", "return approve A-001");
  t.ok("b", "survey record A-0001 attitude=4 skill=4 arrival=3 promise=4");
  t.now = "2026-11-23T09:40";
  t.ok("a", "ticket note A-0001 已联系");
  t.now = "2026-11-23T10:30";
  t.ok("b", "ticket arrive A-0001");
  t.now = "2026-11-23T18:00";
  t.ok("a", "sync");
  std::string said = t.ok("b", "sync");
  CHECK(said.find("merged the team's changes from origin/master") != std::string::npos);
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  t.ok("a", "check");
  std::string log = t.ok("b", "ticket log A-0001");
  CHECK(log.find("09:10  a") != std::string::npos);
  CHECK(log.find("10:30  b") != std::string::npos);
  CHECK(t.file("b", "tickets/2026-11/T-2611-A-0001.yaml")
            .rfind("id: T-2611-A-0001\nstatus: on_site", 0) == 0);
  CHECK(events(t.file("b", "tickets/2026-11/T-2611-A-0001.yaml")) == 5);
  CHECK(events(t.file("b", "complaints/2026-11/C-2611-A-001.yaml")) == 3);
  CHECK(events(t.file("b", "returns/2026-11/R-2611-A-001.yaml")) == 3);
  CHECK(t.file("b", "returns/2026-11/R-2611-A-001.yaml").find("\nstatus: approved") !=
        std::string::npos);
  CHECK(events(t.file("b", "surveys/2026-11/S-2611-A-0001.yaml")) == 3);
}

TEST_CASE("team: a merge that makes an event impossible keeps it, flags it, and settle ends it") {
  Team t({"a", "b"});
  t.ok("a", "ticket new -q --customer 甲");
  t.ok("a", "ticket assign 1 --to 李四");
  t.ok("a", "sync");
  t.ok("b", "sync");
  t.now = "2026-11-23T10:00";
  t.ok("a", "ticket cancel 1 --reason 客户已自行修好");
  t.now = "2026-11-23T10:30";
  t.ok("b", "ticket arrive 1");
  t.now = "2026-11-23T18:00";
  t.ok("a", "sync");
  Result r = t.run("b", "sync");
  CHECK(r.code == 3);
  CHECK(r.err ==
        "tickets/2026-11/T-2611-A-0001.yaml:24:5: event 4 (arrive by b) is not allowed when the "
        "ticket is cancelled; it is kept but left out of the summary until settled: svc ticket "
        "settle T-2611-A-0001\nsvc: error: not pushed: svc check found 1 problem in what is "
        "not pushed yet\n");
  std::string file = t.file("b", "tickets/2026-11/T-2611-A-0001.yaml");
  CHECK(file.find("status: cancelled\n") != std::string::npos);
  CHECK(file.find("conflicts:\n  - {at: 2026-11-23T10:30:00+08:00, by: b, do: arrive, status: "
                  "cancelled}\nhistory:") != std::string::npos);
  CHECK(t.ok("b", "ticket show 1")
            .find("  2026-11-23 10:30  b  arrive  (已取消)\n  核实后确认: "
                  "svc ticket settle T-2611-A-0001\n") != std::string::npos);
  t.ok("b", "ticket settle 1 --note 客户确认取消");
  t.ok("b", "check");
  t.ok("b", "sync");
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  CHECK(events(t.file("a", "tickets/2026-11/T-2611-A-0001.yaml")) == 5);
}

TEST_CASE("team: two records under one ID are never folded together, renumber keeps both") {
  Team t({"a", "b"});
  // Clone b misuses clone a's code (copied .svc by hand).
  t.sh("b", "echo A > .svc/site");
  t.ok("a", "ticket new -q --customer 甲公司");
  t.now = "2026-11-23T09:30";
  t.ok("b", "ticket new -q --customer 乙公司");
  t.now = "2026-11-23T18:00";
  t.ok("a", "sync");
  Result r = t.run("b", "sync");
  CHECK(r.code == 3);
  CHECK(r.err.find("svc: error: tickets/2026-11/T-2611-A-0001.yaml: ") == std::string::npos);
  CHECK(r.err.find("T-2611-A-0001 was created twice, in two clones (by b at "
                   "2026-11-23T09:30:00+08:00, customer 乙公司; by a at "
                   "2026-11-23T09:00:00+08:00, customer 甲公司); they are kept apart: give this "
                   "clone's a new ID with: svc ticket renumber T-2611-A-0001") !=
        std::string::npos);
  CHECK(r.err.find("svc: error: the pull needs a person: tickets/2026-11/T-2611-A-0001.yaml") !=
        std::string::npos);
  CHECK(t.ok("b", "ticket renumber T-2611-A-0001") ==
        "T-2611-A-0001 is now T-2611-A-0002; T-2611-A-0001 is the other clone's. Finish the "
        "merge: git commit (or svc sync)\n");
  t.ok("b", "sync");
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  CHECK(t.file("a", "tickets/2026-11/T-2611-A-0001.yaml").find("甲公司") != std::string::npos);
  std::string moved = t.file("a", "tickets/2026-11/T-2611-A-0002.yaml");
  CHECK(moved.find("乙公司") != std::string::npos);
  CHECK(moved.find("do: renumber, from: T-2611-A-0001}") != std::string::npos);
  t.ok("a", "check");
}

TEST_CASE("team: a clone without the merge driver is reported, and sync sets it up") {
  Team t({"a"});
  t.sh("a", "git config --remove-section merge.svc");
  Result r = t.run("a", "check");
  CHECK(r.code == 3);
  CHECK(r.err ==
        "this clone has no merge driver configured for record files (merge.svc.driver), so git "
        "would merge them as text; run: svc sync\nsvc: error: 1 problem found\n");
  CHECK(t.ok("a", "sync") == "set up svc's merge driver in this clone\npushed to origin/master\n");
  t.ok("a", "check");
}

TEST_CASE("team: a hand resolution with --ours is caught by check --since") {
  Team t({"a", "b"});
  t.ok("a", "ticket new -q --customer 甲");
  t.ok("a", "sync");
  t.ok("b", "sync");
  t.ok("a", "ticket note 1 a的记录");
  t.ok("a", "sync");
  t.ok("b", "ticket note 1 b的记录");
  t.ok("b", "sync --help");
  // b merges by hand, without svc's driver, and keeps its own side.
  t.sh("b", "git config --remove-section merge.svc && git add -A && git commit -qm mine");
  t.sh("b", "git pull -q --no-rebase --no-edit >/dev/null 2>&1");
  // git merged the file as text: conflict markers, which check names.
  Result markers = t.run("b", "check");
  CHECK(markers.code == 3);
  CHECK(markers.err.find("tickets/2026-11/T-2611-A-0001.yaml:16:1: a git conflict marker: a merge "
                         "was left unfinished; svc resolve unites the file through svc's merge "
                         "driver, then svc sync\n") != std::string::npos);
  t.sh("b", "git checkout --ours tickets && git add -A && git commit -qm merged");
  Result plain = t.run("b", "check");
  CHECK(plain.code == 3);  // the driver is missing
  // sync sets the driver up, then finds the loss in the hand merge (a commit it did not make)
  // and pushes nothing (issue 23.1: it used to say "pushed", exit 0).
  Result sync = t.run("b", "sync");
  CHECK(sync.code == 3);
  CHECK(sync.err.find("tickets/2026-11/T-2611-A-0001.yaml: 1 event of T-2611-A-0001 lost in "
                      "commit ") != std::string::npos);
  CHECK(sync.err.find("svc: error: not pushed: svc check found 1 problem in what is not pushed "
                      "yet; put the lost events back") != std::string::npos);
  CHECK(sync.out.find("pushed") == std::string::npos);
  // The team's copy still has a's note.
  t.ok("a", "sync");
  CHECK(t.ok("a", "ticket log 1").find("a的记录") != std::string::npos);
  Result r = t.run("b", "check --since HEAD~2");
  CHECK(r.code == 3);
  CHECK(
      r.err.find("tickets/2026-11/T-2611-A-0001.yaml: 1 event of T-2611-A-0001 lost in commit ") !=
      std::string::npos);
  CHECK(r.err.find("(first: 2026-11-23T09:00:00+08:00 a note)") != std::string::npos);
}

TEST_CASE("team: autocommit makes each action its own commit, its message naming the action") {
  Team t({"a"});
  t.sh("a", "sed -i s/autocommit:.false/autocommit:\\ true/ svc.yaml && git commit -qam auto");
  t.ok("a", "ticket new -q --customer 甲");
  t.ok("a", "ticket assign 1 --to 王五");
  CHECK(t.sh("a", "git log --format=%s -2").out ==
        "T-2611-A-0001 assign 王五\nT-2611-A-0001 new 甲\n");
  CHECK(t.sh("a", "git status --porcelain").out == "");
}

TEST_CASE("team: sync offline keeps the work committed and says so") {
  Team t({"a"});
  t.ok("a", "ticket new -q --customer 甲");
  t.sh("", "mv remote.git gone.git");
  Result r = t.run("a", "sync");
  CHECK(r.code == 4);
  CHECK(r.err ==
        "svc: error: could not reach origin (offline?): your work is committed here; "
        "run svc sync again when online\n");
  CHECK(t.sh("a", "git log --format=%s -1").out == "T-2611-A-0001 new 甲\n");
}

TEST_CASE("a backfilled action goes into the history in time order, for every kind") {
  Sandbox box;
  box.init();
  box.now = "2026-11-23T12:00";
  box.ok("ticket new -q --customer 甲 --at 2026-11-23T09:00");
  box.ok("ticket assign 1 --to 李四 --at 2026-11-23T09:10");
  box.ok("ticket note 1 客户来电 --at 2026-11-23T11:00");
  CHECK(box.ok("ticket arrive 1 --at 2026-11-23T10:00") == "T-2611-0001: 已到场\n");
  CHECK(box.ok("ticket log 1")
            .find("09:10  前台小王  assign  assignee=李四\n3  2026-11-23 10:00  "
                  "前台小王  arrive\n4  2026-11-23 11:00") != std::string::npos);
  box.fails("ticket cancel 1 --reason 撤销 --at 2026-11-23T09:30", 1,
            "svc: error: cancel at 2026-11-23T09:30:00+08:00 would come before arrive of "
            "T-2611-0001 at 2026-11-23T10:00:00+08:00, which could then no longer happen; record "
            "it at a later time, or undo the later action first\n");
  box.fails("ticket arrive 1 --at 2026-11-23T08:00", 1,
            "svc: error: cannot arrive T-2611-0001 then: it was not registered yet\n");
  box.ok(
      "complaint new -q --customer 乙 --category quality --description 划伤 --at "
      "2026-11-23T09:00");
  box.ok("complaint note 1 回访 --at 2026-11-23T11:00");
  box.ok("complaint ack 1 --at 2026-11-23T09:30");
  CHECK(box.ok("complaint log 1").find("09:30  前台小王  ack") <
        box.ok("complaint log 1").find("11:00"));
  box.ok("check");
}

TEST_CASE("team: sync pushes only to the branch's upstream, and refuses another branch") {
  Team t({"a"});
  t.ok("a", "ticket new -q --customer 甲");
  CHECK(t.ok("a", "sync").find("pushed to origin/master\n") != std::string::npos);
  t.sh("a", "git switch -q -c experiment");
  t.ok("a", "ticket new -q --customer 乙");
  Result r = t.run("a", "sync");
  CHECK(r.code == 2);
  CHECK(r.err ==
        "svc: error: the branch experiment shares with no branch of origin (the team's work is "
        "on origin/master): switch to the team's branch (git switch master), or make this one "
        "track it (git branch --set-upstream-to=origin/master)\n");
  CHECK(t.sh("", "git --git-dir=remote.git branch --list").out == "* master\n");
  t.sh("a", "git branch -q --set-upstream-to=origin/master");
  CHECK(t.ok("a", "sync").find("pushed to origin/master\n") != std::string::npos);
}

TEST_CASE("team: sync refuses in the middle of a rebase, naming the next step") {
  Team t({"a", "b"});
  t.ok("a", "ticket new -q --customer 甲");
  t.ok("a", "sync");
  t.ok("b", "sync");
  t.ok("a", "ticket note 1 a的记录");
  t.ok("a", "sync");
  t.ok("b", "ticket note 1 b的记录");
  t.sh("b", "git add -A && git commit -qm mine");
  // A rebase without svc's driver stops at the record.
  t.sh("b", "git config --remove-section merge.svc; git pull -q --rebase >/dev/null 2>&1");
  Result r = t.run("b", "sync");
  CHECK(r.code == 1);
  CHECK(r.err ==
        "svc: error: not synced: a rebase is in progress: finish it (git status says how; git "
        "rebase --continue) or undo it (git rebase --abort); then run svc sync again\n");
  t.sh("b", "git rebase --abort");
  CHECK(t.ok("b", "sync").find("pushed to origin/master\n") != std::string::npos);
  t.ok("a", "sync");
  std::string log = t.ok("a", "ticket log 1");
  CHECK(log.find("a的记录") != std::string::npos);
  CHECK(log.find("b的记录") != std::string::npos);
}

TEST_CASE(
    "team: sync stages only svc's files, keeps svc.yaml's local changes back, names a stale lock") {
  Team t({"a", "b"});
  t.ok("a", "ticket new -q --customer 甲");
  // A merge's temp file and an editor's backup never go to the team.
  t.sh("a", "echo x > .merge_file_AbC123 && echo y > svc.yaml~");
  t.sh("a", "sed -i s/on_time:\\ 90/on_time:\\ 80/ svc.yaml");
  CHECK(t.ok("a", "sync") ==
        "svc.yaml has local changes, kept here: svc sync --settings shares them\n"
        "committed: T-2611-A-0001 new 甲\nmerged the team's changes from origin/master\n"
        "pushed to origin/master\n");
  std::string pushed = t.sh("", "git --git-dir=remote.git ls-tree -r --name-only master").out;
  CHECK(pushed.find("merge_file") == std::string::npos);
  CHECK(pushed.find("svc.yaml~") == std::string::npos);
  CHECK(t.sh("", "git --git-dir=remote.git show master:svc.yaml").out.find("on_time: 90") !=
        std::string::npos);
  // Asked for, the change is shared.
  CHECK(t.ok("a", "sync --settings").find("pushed to origin/master\n") != std::string::npos);
  CHECK(t.sh("", "git --git-dir=remote.git show master:svc.yaml").out.find("on_time: 80") !=
        std::string::npos);
  // A lock left by a killed git: one line, the command that removes it.
  t.ok("b", "ticket new -q --customer 乙");
  t.sh("b", "touch .git/index.lock");
  Result r = t.run("b", "sync");
  CHECK(r.code == 4);
  CHECK(r.err ==
        "svc: error: git's index is locked (index.lock); when no git command is running "
        "any more (an interrupted one left it), remove it: rm -f '.git/index.lock', then "
        "run svc sync again\n");
  t.sh("b", "rm -f .git/index.lock");
  CHECK(t.ok("b", "sync").find("pushed to origin/master\n") != std::string::npos);
}

TEST_CASE("team: a hand merge's loss is put back by check --restore, then sync pushes") {
  Team t({"a", "b"});
  t.ok("a", "ticket new -q --customer 甲");
  t.ok("a", "sync");
  t.ok("b", "sync");
  t.ok("a", "ticket note 1 a的记录");
  t.ok("a", "sync");
  t.ok("b", "ticket note 1 b的记录");
  t.sh("b", "git add -A && git commit -qm mine");
  // The binary the driver names was moved: git leaves our side and says it conflicted.
  t.sh("b", "git config merge.svc.driver \"/gone/svc merge-driver %O %A %B %P\"");
  t.sh("b", "git pull -q --no-rebase --no-edit >/dev/null 2>&1; git add -A; git commit -qm merged");
  Result sync = t.run("b", "sync");
  CHECK(sync.code == 3);
  CHECK(sync.err.find("tickets/2026-11/T-2611-A-0001.yaml: 1 event of T-2611-A-0001 lost in "
                      "commit ") != std::string::npos);
  CHECK(sync.err.find("svc: error: not pushed: svc check found 1 problem in what is not pushed "
                      "yet; put the lost events back as a new commit with svc check --since "
                      "origin/master --restore, then run svc sync again\n") != std::string::npos);
  CHECK(t.ok("b", "check --since origin/master --restore") ==
        "put back 1 event of T-2611-A-0001\ncommitted: restored: T-2611-A-0001 note a的记录\n");
  // Put back, it is no loss any more, though the merge commit still lacks it.
  t.ok("b", "check --since origin/master");
  CHECK(t.ok("b", "check --since origin/master --restore") ==
        "nothing to put back: no event is lost since origin/master\n");
  CHECK(t.ok("b", "sync").find("pushed to origin/master\n") != std::string::npos);
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  std::string log = t.ok("a", "ticket log 1");
  CHECK(log.find("a的记录") != std::string::npos);
  CHECK(log.find("b的记录") != std::string::npos);
}

TEST_CASE("team: copies of one clone, a ticket each, kept with --ours: restore keeps both") {
  Team t({"a"});
  // b is a copy of a's clone (cp -a): the same site code.
  t.sh("", "cp -a a b");
  t.ok("a", "ticket new -q --customer 甲公司");
  t.now = "2026-11-23T09:30";
  t.ok("b", "ticket new -q --customer 乙公司");
  t.now = "2026-11-23T18:00";
  t.ok("a", "sync");
  CHECK(t.run("b", "sync").code == 3);  // created twice
  t.sh("b", "git checkout --ours tickets/2026-11/T-2611-A-0001.yaml && git add -A");
  Result sync = t.run("b", "sync");
  CHECK(sync.code == 3);
  CHECK(sync.err.find("9 events of T-2611-A-0001 lost in commit ") == std::string::npos);
  CHECK(sync.err.find("1 event of T-2611-A-0001 lost in commit ") != std::string::npos);
  CHECK(t.sh("", "git --git-dir=remote.git log --format=%s -1 master").out ==
        "T-2611-A-0001 new 甲公司\n");
  // The ticket the team has keeps its ID; the one made here is renumbered.
  CHECK(t.ok("b", "check --since origin/master --restore") ==
        "put back T-2611-A-0001; the one created here is now T-2611-A-0002\n"
        "committed: restored: T-2611-A-0001 new 甲公司; T-2611-A-0002 new 乙公司; and 1 more\n");
  CHECK(t.ok("b", "sync").find("pushed to origin/master\n") != std::string::npos);
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  CHECK(t.file("a", "tickets/2026-11/T-2611-A-0001.yaml").find("甲公司") != std::string::npos);
  CHECK(t.file("a", "tickets/2026-11/T-2611-A-0002.yaml").find("乙公司") != std::string::npos);
  t.ok("a", "check");
}

TEST_CASE("team: sync holds no writer lock while it talks to the remote") {
  Team t({"a"});
  t.ok("a", "ticket new -q --customer 甲");
  t.ok("a", "sync");
  // A slow network: the remote answers after three seconds.
  t.sh("a", "git config remote.origin.uploadpack \"sleep 3; git-upload-pack\"");
  Result r = t.sh("a",
                  "(svc sync >sync.out 2>&1; touch synced) & sleep 1; "
                  "SVC_LOCK_TIMEOUT_MS=300 svc ticket note 1 网络慢也能记; echo $?; "
                  "test -e synced && echo after || echo during; wait");
  CHECK(r.out == "T-2611-A-0001: 新建\n0\nduring\n");
  t.sh("a", "git config --unset remote.origin.uploadpack");
  t.ok("a", "sync");
  CHECK(t.sh("", "git --git-dir=remote.git show master:tickets/2026-11/T-2611-A-0001.yaml")
            .out.find("网络慢也能记") != std::string::npos);
}

TEST_CASE("team: a clone with a fast clock blocks no one, and beyond team.clock_skew check warns") {
  Team t({"a", "b"});
  t.ok("a", "ticket new -q --customer 甲");
  t.ok("a", "sync");
  t.ok("b", "sync");
  // b's clock runs 40 minutes fast: within the default skew of 1h, nobody hears of it.
  t.now = "2026-11-23T09:50";
  t.ok("b", "ticket note 1 快了四十分钟");
  t.ok("b", "sync");
  t.now = "2026-11-23T09:10";
  t.ok("a", "sync");
  Result quiet = t.run("a", "check");
  CHECK(quiet.code == 0);
  CHECK(quiet.err == "");
  // Now three hours fast: a new ticket and a note on a's.
  t.now = "2026-11-23T12:15";
  t.ok("b", "ticket new -q --customer 乙");
  t.ok("b", "ticket note T-2611-A-0001 快了三个小时");
  t.ok("b", "sync");
  t.now = "2026-11-23T09:15";
  Result sync = t.run("a", "sync");
  CHECK(sync.code == 0);
  CHECK(sync.out.find("pushed to origin/master\n") != std::string::npos);
  const std::string warning =
      ": warning: event 1 (new by b) at 2026-11-23T12:15:00+08:00 is 3h ahead of this clock, more "
      "than team.clock_skew (1h): the clock of the clone that wrote it runs fast; T-2611-B-0001 "
      "is site B's record; it is kept and counted as written\n";
  CHECK(sync.err.find("tickets/2026-11/T-2611-B-0001.yaml:15:5" + warning) != std::string::npos);
  // Actions on those records go on: recorded after the history, at its latest time.
  Result assign = t.run("a", "ticket assign B-0001 --to 王五");
  CHECK(assign.code == 0);
  CHECK(assign.err.find("svc: warning: T-2611-B-0001's history runs to 2026-11-23 12:15, later "
                        "than this clock (2026-11-23 09:15; a clone's clock runs fast?): the "
                        "action is recorded at that time, after it\n") != std::string::npos);
  t.ok("a", "ticket note A-0001 a在九点一刻");
  std::string log = t.ok("a", "ticket log A-0001");
  CHECK(log.find("快了三个小时") < log.find("a在九点一刻"));
  // An explicit --at is a backfill: in time order, refused when it cannot be.
  CHECK(t.run("a", "ticket resolve B-0001 --at 2026-11-23T09:15 --resolution x").err ==
        "svc: error: cannot resolve T-2611-B-0001 then: it was not registered yet\n");
  Result check = t.run("a", "check");
  CHECK(check.code == 0);
  CHECK(check.err.find(warning) != std::string::npos);
  // A tighter team setting is read from svc.yaml.
  t.sh("a", "sed -i s/clock_skew:\\ 1h/clock_skew:\\ 4h/ svc.yaml");
  CHECK(t.run("a", "check").err == "");
  t.ok("a", "sync --settings");
  t.ok("b", "sync");
  CHECK(t.records("a") == t.records("b"));
}

TEST_CASE("team: svc resolve unites what git merged as text, unfinished or committed (a forge)") {
  Team t({"a", "b"});
  t.ok("a", "ticket new -q --customer 甲");
  t.ok("a", "complaint new -q --customer 甲 --category quality --description 划伤");
  t.ok("a", "sync");
  t.ok("b", "sync");
  t.ok("a", "ticket note 1 a的记录");
  t.ok("a", "complaint note 1 a的投诉记录");
  t.ok("a", "sync");
  t.ok("b", "ticket note 1 b的记录");
  t.ok("b", "complaint note 1 b的投诉记录");
  t.sh("b", "git add -A && git commit -qm mine");
  // A pull without svc's driver stops with conflict markers; sync names the way on.
  t.sh("b",
       "git config --remove-section merge.svc; git pull -q --no-rebase --no-edit >/dev/null 2>&1");
  Result waiting = t.run("b", "sync");
  CHECK(waiting.code == 3);
  CHECK(waiting.err ==
        "svc: error: a merge is waiting for a person: complaints/2026-11/C-2611-A-001.yaml "
        "(merged as text: svc resolve); tickets/2026-11/T-2611-A-0001.yaml (merged as text: svc "
        "resolve); then run svc sync again (or give the merge up: git merge --abort)\n");
  CHECK(t.ok("b", "resolve") ==
        "complaints/2026-11/C-2611-A-001.yaml: united (3 events)\n"
        "tickets/2026-11/T-2611-A-0001.yaml: united (3 events)\nthen: svc sync\n");
  CHECK(t.ok("b", "sync").find("pushed to origin/master\n") != std::string::npos);
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  std::string log = t.ok("a", "ticket log 1");
  CHECK(log.find("a的记录") != std::string::npos);
  CHECK(log.find("b的记录") != std::string::npos);
  // The forge case: the markers were committed as they were (git add -A; git commit).
  t.ok("a", "ticket note 1 a又记");
  t.ok("a", "sync");
  t.ok("b", "ticket note 1 b又记");
  t.sh("b", "git add -A && git commit -qm mine2");
  t.sh("b",
       "git config --remove-section merge.svc; git pull -q --no-rebase --no-edit >/dev/null 2>&1; "
       "git add -A; git commit -qm web-merge");
  Result refused = t.run("b", "sync");
  CHECK(refused.code == 3);
  // A file check cannot read is its problem, not a loss (svc resolve, not --restore).
  CHECK(refused.err.find("lost in commit") == std::string::npos);
  CHECK(refused.err.find("tickets/2026-11/T-2611-A-0001.yaml:18:1: a git conflict marker: a merge "
                         "was left unfinished; svc resolve unites the file through svc's merge "
                         "driver, then svc sync\n") != std::string::npos);
  CHECK(t.ok("b", "resolve") ==
        "tickets/2026-11/T-2611-A-0001.yaml: united (5 events)\nthen: svc sync\n");
  CHECK(t.ok("b", "resolve") == "no record file has conflict markers\n");
  CHECK(t.ok("b", "sync").find("pushed to origin/master\n") != std::string::npos);
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
  t.ok("a", "check");
  log = t.ok("a", "ticket log 1");
  CHECK(log.find("a又记") != std::string::npos);
  CHECK(log.find("b又记") != std::string::npos);
}

TEST_CASE("team: both clones change one setting: nothing stops, check and sync name the choice") {
  Team t({"a", "b"});
  t.sh("a", "sed -i s/on_time:\\ 90/on_time:\\ 80/ svc.yaml");
  t.ok("a", "sync --settings");
  t.sh("b", "sed -i s/on_time:\\ 90/on_time:\\ 95/ svc.yaml");
  t.ok("b", "ticket new -q --customer 甲");
  Result sync = t.run("b", "sync --settings");
  CHECK(sync.code == 3);
  CHECK(sync.err.find("svc: error: the pull needs a person: svc.yaml (both clones changed the "
                      "settings: edit the marked lines, or keep one side: git checkout --ours "
                      "svc.yaml or git checkout --theirs svc.yaml; then git add svc.yaml); then "
                      "run svc sync again\n") != std::string::npos);
  // Every command goes on with this clone's side, saying so once.
  Result work = t.run("b", "ticket note 1 照常工作");
  CHECK(work.code == 0);
  const std::string held = "svc: warning: svc.yaml:";
  CHECK(work.err.find(held) == 0);
  CHECK(work.err.find(": both clones changed the settings (reports.targets.on_time 95 | 80): "
                      "this clone's side holds until the merge is resolved (svc check says "
                      "how)\n") != std::string::npos);
  CHECK(t.run("b", "report monthly --month 2026-11").code == 0);
  Result check = t.run("b", "check");
  CHECK(check.code == 3);
  CHECK(check.err.find("both clones changed the settings (reports.targets.on_time 95 | 80); keep "
                       "one side: git checkout --ours svc.yaml or git checkout --theirs svc.yaml "
                       "(while the merge is unfinished), or edit the marked lines; then git add "
                       "svc.yaml and svc sync\n") != std::string::npos);
  t.sh("b", "git checkout --theirs svc.yaml && git add svc.yaml");
  CHECK(t.ok("b", "sync").find("pushed to origin/master\n") != std::string::npos);
  t.ok("a", "sync");
  CHECK(t.file("a", "svc.yaml") == t.file("b", "svc.yaml"));
  CHECK(t.file("b", "svc.yaml").find("on_time: 80") != std::string::npos);
  CHECK(t.records("a") == t.records("b"));
}

TEST_CASE("team: a site code registered in two clones: the printed way out works in order") {
  Team t({"a", "b"});
  // Offline, both take the code SH and make records under it.
  t.ok("a", "init --site sh");
  t.ok("a", "ticket new -q --customer 甲");
  t.ok("a",
       "complaint new -q --customer 甲 --category quality --description 划伤 --ticket "
       "T-2611-SH-0001");
  t.ok("a", "ticket new -q --customer 丙");
  t.now = "2026-11-23T09:30";
  t.ok("b", "init --site sh");
  t.ok("b", "ticket new -q --customer 乙");
  t.ok("b", "sync");
  t.now = "2026-11-23T10:00";
  Result sync = t.run("a", "sync");
  CHECK(sync.code == 3);
  CHECK(sync.err.find("site code SH was registered in two clones (b on 2026-11-23; a on "
                      "2026-11-23): it stays with the first, so this clone takes another, which "
                      "also renumbers every record it made under SH: svc init --site OTHER, then "
                      "svc sync") != std::string::npos);
  // No new ID under the lost code.
  CHECK(t.run("a", "ticket new --customer 丁").err ==
        "svc: error: this clone's site code SH was registered first by another clone, so no new "
        "ID is given under it: take another first: svc init --site OTHER (it also renumbers what "
        "this clone made under SH)\n");
  std::string moved = t.ok("a", "init --site sh2");
  CHECK(moved.find("T-2611-SH-0001 is now T-2611-SH2-0001; T-2611-SH-0001 is the other "
                   "clone's.") != std::string::npos);
  CHECK(moved.find("C-2611-SH-001 is now C-2611-SH2-001\n") != std::string::npos);
  CHECK(moved.find("T-2611-SH-0002 is now T-2611-SH2-0002\n") != std::string::npos);
  CHECK(t.ok("a", "sync").find("pushed to origin/master\n") != std::string::npos);
  t.ok("b", "sync");
  CHECK(t.records("a") == t.records("b"));
  t.ok("a", "check");
  t.ok("b", "check");
  CHECK(t.file("b", "tickets/2026-11/T-2611-SH-0001.yaml").find("乙") != std::string::npos);
  CHECK(t.file("b", "tickets/2026-11/T-2611-SH2-0001.yaml").find("甲") != std::string::npos);
  CHECK(t.file("b", "complaints/2026-11/C-2611-SH2-001.yaml").find("ticket: T-2611-SH2-0001") !=
        std::string::npos);
  // The next records of both clones never meet again.
  CHECK(t.ok("a", "ticket new -q --customer 戊") == "T-2611-SH2-0003\n");
  CHECK(t.ok("b", "ticket new -q --customer 己") == "T-2611-SH-0002\n");
  t.ok("a", "sync");
  t.ok("b", "sync");
  t.ok("a", "sync");
  CHECK(t.records("a") == t.records("b"));
}

TEST_CASE("team: git revert of a pushed event is refused as a revert, put back, and voided") {
  Team t({"a", "b"});
  t.ok("a", "ticket new -q --customer 甲");
  t.ok("a", "sync");
  t.ok("a", "ticket assign 1 --to 王五");
  t.ok("a", "sync");
  t.ok("b", "sync");
  t.sh("a", "git revert --no-edit $(git log -1 --format=%H --grep=\"assign 王五\") >/dev/null");
  Result sync = t.run("a", "sync");
  CHECK(sync.code == 3);
  CHECK(sync.err.find("tickets/2026-11/T-2611-A-0001.yaml: 1 event of T-2611-A-0001 taken out by "
                      "commit ") != std::string::npos);
  CHECK(sync.err.find(", a git revert of ") != std::string::npos);
  CHECK(sync.err.find("(first: 2026-11-23T09:00:00+08:00 a assign); git revert does not take "
                      "events back (every clone that has them brings them back): put them back "
                      "with svc check --since origin/master --restore, then take an event back "
                      "with svc ticket void T-2611-A-0001 --event N --reason TEXT\n") !=
        std::string::npos);
  CHECK(t.ok("a", "check --since origin/master --restore") ==
        "put back 1 event of T-2611-A-0001\ncommitted: restored: T-2611-A-0001 assign 王五\n");
  t.ok("a", "ticket void 1 --event 2 --reason 派错人");
  t.ok("a", "sync");
  t.ok("b", "sync");
  CHECK(t.records("a") == t.records("b"));
  CHECK(t.ok("b", "ticket show 1").find("王五") == t.ok("b", "ticket show 1").rfind("王五"));
  CHECK(t.file("b", "tickets/2026-11/T-2611-A-0001.yaml").find("status: new") != std::string::npos);
  t.ok("b", "check");
}
