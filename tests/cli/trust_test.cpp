// svc stays inside its data directory, keeps time sane, and answers every mistake with the exit
// code of SPEC §2 (trustworthy records, items 3, 4 and 8).
#include <sys/stat.h>

#include "harness.hpp"

using svc::test::Result;
using svc::test::Sandbox;
namespace fs = std::filesystem;

namespace {
const std::string kFile = "tickets/2026-11/T-2611-0001.yaml";
}  // namespace

TEST_CASE("a record file that is a symlink is never read or written through") {
  Sandbox box;
  box.init();
  box.ok("ticket new -q --customer 甲");
  svc::test::spit(box.root() / "outside.yaml", "secret: 1\n");
  fs::remove(box.data() / kFile);
  fs::create_symlink(box.root() / "outside.yaml", box.data() / kFile);
  box.fails("check", 3,
            kFile +
                ": is a symbolic link; svc does not follow links in its data directory\n"
                "svc: error: 1 problem found\n");
  auto list = box.run("ticket list");
  CHECK(list.code == 3);
  box.fails("ticket show T-2611-0001", 3,
            "svc: error: " + (box.data() / kFile).string() +
                " is a symbolic link; svc does not follow links in its data directory\n");
  CHECK(box.run("ticket note T-2611-0001 x").code == 3);
  CHECK(svc::test::slurp(box.root() / "outside.yaml") == "secret: 1\n");
}

TEST_CASE("a month folder or the lock that is a symlink leads nowhere outside") {
  Sandbox box;
  box.init();
  fs::create_directories(box.root() / "elsewhere");
  fs::create_directory_symlink(box.root() / "elsewhere", box.data() / "tickets/2026-11");
  auto r = box.run("ticket new --customer 甲");
  CHECK(r.code == 4);
  CHECK(r.err == "svc: error: " + (box.data() / "tickets/2026-11").string() +
                     " is a symbolic link; svc does not follow links in its data directory\n");
  CHECK(fs::is_empty(box.root() / "elsewhere"));
  fs::remove(box.data() / "tickets/2026-11");

  // .svc/lock pointing at a file outside: the lock is refused, the file untouched.
  svc::test::spit(box.root() / "victim", "keep me\n");
  fs::create_directories(box.data() / ".svc");
  fs::remove(box.data() / ".svc/lock");
  fs::create_symlink(box.root() / "victim", box.data() / ".svc/lock");
  CHECK(box.run("ticket new --customer 甲").code == 4);
  CHECK(svc::test::slurp(box.root() / "victim") == "keep me\n");
  fs::remove(box.data() / ".svc/lock");

  // .svc itself a link to a folder outside.
  fs::remove_all(box.data() / ".svc");
  fs::create_directories(box.root() / "other");
  fs::create_directory_symlink(box.root() / "other", box.data() / ".svc");
  CHECK(box.run("ticket new --customer 甲").code == 4);
  CHECK(fs::is_empty(box.root() / "other"));
}

TEST_CASE("a data directory whose path holds quotes, spaces and Chinese works, edit included") {
  Sandbox box;
  fs::path odd = box.root() / "服务 部's \"data\" $(touch pwned)";
  fs::create_directories(odd);
  std::string quoted = "'" + svc::test::replaced(odd.string(), "'", "'\\''") + "'";
  box.ok("init " + quoted + "/d");
  box.ok("--data " + quoted + "/d ticket new --customer 甲 --phone 111");
  CHECK(box.ok("--data " + quoted + "/d ticket edit 1",
               "EDITOR=\"sed -i 's/^  phone: .111./  phone: \\\"222\\\"/'\"") ==
        "T-2611-0001: edited\n");
  CHECK(svc::test::slurp(odd / "d" / kFile).find("phone: \"222\"") != std::string::npos);
  CHECK_FALSE(fs::exists(box.root() / "pwned"));
  CHECK_FALSE(fs::exists(fs::current_path() / "pwned"));
}

TEST_CASE("a clock earlier than a record's history: the action goes after it, and says so") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");  // 2026-11-23 09:00
  box.now = "2026-11-22T09:00";
  // Another clone's clock ran fast, or this one is slow: the file is sound, the action is
  // recorded after the history (issue 23.7), and a warning says at what time.
  Result r = box.run("ticket assign 1 --to 李四");
  CHECK(r.code == 0);
  CHECK(r.err ==
        "svc: warning: T-2611-0001's history runs to 2026-11-23 09:00, later than this clock "
        "(2026-11-22 09:00; a clone's clock runs fast?): the action is recorded at that time, "
        "after it\n");
  CHECK(box.ok("ticket log 1").find("2  2026-11-23 09:00  前台小王  assign") != std::string::npos);
  // Beyond team.clock_skew the file is still sound: check warns, exit 0.
  Result check = box.run("check");
  CHECK(check.code == 0);
  CHECK(check.err.find("warning: event 1 (new by 前台小王) at 2026-11-23T09:00:00+08:00 is 1d "
                       "ahead of this clock") != std::string::npos);
  // --at is a backfill: it cannot come before the registration.
  box.fails("ticket note 1 x --at 2026-11-22T08:00", 1,
            "svc: error: cannot note T-2611-0001 then: it was not registered yet\n");
}

TEST_CASE("time is sane: no action in the future, none outside the years IDs can name") {
  Sandbox box;
  box.init();
  box.fails("ticket new --customer 甲 --at 2026-11-23T09:30", 2,
            "svc: error: --at 2026-11-23 09:30 is later than now (2026-11-23 09:00); an action is "
            "recorded when it happens, not before\n");
  box.ok("ticket new --customer 甲 --at 2026-11-23T09:04");  // clock skew of a few minutes
  box.fails("ticket new --customer 甲 --at 1999-12-31", 2,
            "svc: error: --at '1999-12-31' is outside the years svc can file (2000-2099)\n");
  box.now = "2100-01-01T09:00";
  box.fails("ticket list", 2,
            "svc: error: $SVC_NOW '2100-01-01T09:00' is outside the years svc can file "
            "(2000-2099)\n");
  CHECK_FALSE(fs::exists(box.data() / "tickets/2099-12"));
}

TEST_CASE("every bad option value exits 2 naming the option, refusals by the rules exit 1") {
  Sandbox box;
  box.init();
  box.fails("ticket new --customer 甲 --purchased 2026-02-30 --warranty-months 12", 2,
            "svc: error: --purchased '2026-02-30' is not a date (YYYY-MM-DD)\n");
  box.fails("ticket new --customer 甲 --distance -3", 2,
            "svc: error: --distance '-3' is not a number of kilometres\n");
  box.fails("ticket new --customer 甲 --purchased 2026-01-01 --warranty-months -1", 2,
            "svc: error: --warranty-months must be between 0 and 1200\n");
  box.fails("ticket new --customer ''", 2, "svc: error: --customer must not be empty\n");
  box.ok("ticket new -q --customer 甲 --zone urban");
  box.fails("ticket part 1 --part 轴承 --qty -2", 2,
            "svc: error: --qty must be a positive whole number\n");
  box.fails("ticket part 1 --part 轴承 --qty 2 --price 1,5", 2,
            "svc: error: --price '1,5' is not an amount like 12.50\n");
  CHECK(box.run("ticket part 1 --part 轴承 --qty two").code == 2);
  box.fails("ticket fee 1 --amount -5 --settled paid", 2,
            "svc: error: --amount '-5' is not an amount like 120.00\n");
  box.fails("ticket resolve 1 --resolution 好 --hours 1h", 2,
            "svc: error: --hours '1h' is not a number of hours like 1.5\n");
  box.fails("ticket extend 1 --deadline arrive --to 2026-02-30 --reason x --approved-by y", 2,
            "svc: error: --to '2026-02-30' is not a time like 2026-11-23T09:15 or 2026-11-23\n");
  box.fails("ticket list --tech ''", 2, "svc: error: --tech needs a value\n");
  box.fails("ticket list --since 2026-13-01", 2,
            "svc: error: --since '2026-13-01' is not a date YYYY-MM-DD\n");
  // The rules say no: exit 1 with the allowed next steps.
  box.fails("ticket close 1", 1,
            "svc: error: cannot close T-2611-0001: it is new; allowed now: assign, respond, "
            "cancel, extend, reclass\n");
}

TEST_CASE("a record saved whose output cannot be printed says so, so nobody files it twice") {
  Sandbox box;
  box.init();
  std::string cmd = "cd '" + box.data().string() + "' && SVC_NOW=2026-11-23T09:00 '" +
                    std::string(SVC_BINARY) +
                    "' ticket new -q --customer 甲 >/dev/full 2>err.txt; echo $? > rc.txt";
  (void)std::system(cmd.c_str());
  CHECK(box.file("rc.txt") == "4\n");
  CHECK(box.file("err.txt") ==
        "svc: error: T-2611-0001 was saved, but the output could not be printed (could not write "
        "to standard output); do not run the command again\n");
  CHECK(fs::exists(box.data() / kFile));
}

TEST_CASE("a temp file left by a killed writer is cleared by the next writer and never in git") {
  Sandbox box;
  box.init();
  // A writer that died: its process (pid 2^22-1 is above any pid the kernel hands out here) is
  // gone, its temp file is left.
  svc::test::spit(box.data() / ".svc/tmp/4194303-0.tmp", "half a record");
  box.ok("ticket new -q --customer 甲");
  CHECK_FALSE(fs::exists(box.data() / ".svc/tmp/4194303-0.tmp"));
  // Temp files live in .svc/, which the .gitignore svc init wrote leaves out of git.
  CHECK(box.file(".gitignore") == ".svc/\n");
  for (const auto& e : fs::recursive_directory_iterator(box.data() / "tickets"))
    CHECK(e.path().filename().string().find("tmp") == std::string::npos);
}

TEST_CASE("without a thread to be had (a process limit), every read gives what threads give") {
  Sandbox box;
  box.now = "2026-12-03T08:00";
  fs::copy(fs::path(SVC_TEST_DATA).parent_path().parent_path() / "examples" / "demo", box.data(),
           fs::copy_options::recursive);
  // A limit of one process for a user who already runs one: starting a thread fails with
  // EAGAIN. Root is not bound by it, so as root the limited runs are nobody's (setpriv).
  const std::string as =
      ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : std::string();
  // A copy of the binary in the sandbox: the build tree may be closed to nobody.
  const fs::path binary = box.root() / "svc";
  fs::copy_file(SVC_BINARY, binary);
  if (!as.empty())
    std::system(fmt::format("chown -R 65534:65534 '{}'", box.root().string()).c_str());
  auto limited = [&](const std::string& command) {
    std::system(fmt::format("cd '{}' && {}prlimit --nproc=1 {} >'{}/lim' 2>&1 </dev/null; "
                            "echo $? >>'{}/lim'",
                            box.data().string(), as, command, box.root().string(),
                            box.root().string())
                    .c_str());
    return svc::test::slurp(box.root() / "lim");
  };
  // The limit binds: no process can be started under it.
  REQUIRE(limited("sh -c 'sh -c true 2>/dev/null; echo $?'") != "0\n0\n");
  for (const std::string cmd :
       {"ticket list --open --format csv", "report monthly --month 2026-11 --format json",
        "report overdue", "complaint list --format json", "ticket show T-2611-0001", "check"}) {
    INFO(cmd);
    svc::test::Result r = box.run(cmd + " --no-cache");
    const std::string expected = r.out + r.err + std::to_string(r.code) + "\n";
    const std::string svc =
        // LeakSanitizer needs a thread of its own at exit: not under this limit.
        fmt::format("env ASAN_OPTIONS=detect_leaks=0 SVC_NOW='{}' SVC_USER=t '{}' {}", box.now,
                    binary.string(), cmd);
    std::filesystem::remove(box.data() / ".svc" / "cache.sqlite");
    CHECK(limited(svc + " --no-cache") == expected);
    CHECK(limited(svc) == expected);  // the cache made
    CHECK(limited(svc) == expected);  // and read
  }
}
