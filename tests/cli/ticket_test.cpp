#include <sys/wait.h>

#include <map>
#include <set>
#include <vector>

#include "harness.hpp"

using svc::test::Sandbox;

namespace {

const char* kNew =
    "ticket new --customer 华东机械厂 --contact 陈工 --phone 13800138000 --zone urban --model "
    "KX-200 "
    "--serial SN0042 --purchased 2026-03-01 --warranty-months 12 --description '主轴异响: "
    "需要检查'";

}  // namespace

TEST_CASE("ticket new writes the record deterministically") {
  Sandbox box;
  box.init();
  box.now = "2026-09-24T16:00";
  CHECK(box.ok(kNew) ==
        "T-2609-0001\n"
        "  类别   C 免费\n"
        "  响应   2026-09-24 17:00\n"
        "  到场   2026-09-28 14:30\n"
        "  解决   2026-09-30 17:30\n");
  CHECK(box.file("tickets/2026-09/T-2609-0001.yaml") ==
        "id: T-2609-0001\n"
        "status: new\n"
        "kind: repair\n"
        "priority: normal\n"
        "channel: phone\n"
        "service_class: C\n"
        "customer:\n"
        "  name: 华东机械厂\n"
        "  contact: 陈工\n"
        "  phone: \"13800138000\"\n"
        "location:\n"
        "  zone: urban\n"
        "product:\n"
        "  model: KX-200\n"
        "  serial: SN0042\n"
        "  purchased: 2026-03-01\n"
        "  warranty_months: 12\n"
        "  warranty_until: 2027-03-01\n"
        "description: \"主轴异响: 需要检查\"\n"
        "registered: 2026-09-24T16:00:00+08:00\n"
        "due:\n"
        "  respond: 2026-09-24T17:00:00+08:00\n"
        "  arrive: 2026-09-28T14:30:00+08:00\n"
        "  resolve: 2026-09-30T17:30:00+08:00\n"
        "history:\n"
        "  - {at: 2026-09-24T16:00:00+08:00, by: 前台小王, do: new, kind: repair, priority: "
        "normal, channel: phone, "
        "service_class: C, customer: {name: 华东机械厂, contact: 陈工, phone: \"13800138000\"}, "
        "location: {zone: urban}, "
        "product: {model: KX-200, serial: SN0042, purchased: 2026-03-01, warranty_months: 12, "
        "warranty_until: 2027-03-01}, "
        "description: \"主轴异响: 需要检查\", due: {respond: 2026-09-24T17:00:00+08:00, arrive: "
        "2026-09-28T14:30:00+08:00, "
        "resolve: 2026-09-30T17:30:00+08:00}}\n");
  CHECK(box.ok("ticket new -q --customer 乙") == "T-2609-0002\n");
  CHECK(box.ok("check").empty());
}

TEST_CASE("a day at the service office around National Day") {
  Sandbox box;
  box.init();
  box.now = "2026-09-30T16:00";
  std::string id = box.ok(
      "ticket new -q --customer 宏达纺织 --zone suburban --contract HT-2026-07 --contract-until "
      "2026-12-31");
  CHECK(id == "T-2609-0001\n");
  std::string shown = box.ok("ticket show 0001");
  CHECK(shown.find("B 合同") != std::string::npos);
  CHECK(shown.find("到场    2026-10-08 15:30  待办") != std::string::npos);
  CHECK(shown.find("解决    2026-10-10 17:30  待办") !=
        std::string::npos);  // Sat 10 Oct is a make-up working day
  box.ok("ticket assign 0001 --to 李四 --helper 王五 --helper 赵六", "");
  box.now = "2026-09-30T16:30";  // backfilled: the call was made ten minutes ago
  box.ok("ticket respond 0001 --at 2026-09-30T16:20");
  box.now = "2026-10-08T14:00";
  CHECK(box.ok("ticket arrive 0001") == "T-2609-0001: 已到场\n");
  box.ok("ticket part 0001 --part 'V带 A-1200' --qty 2 --price 18 --old-returned");
  box.now = "2026-10-08T15:00";
  box.ok("ticket wait 0001 --reason 等配件");
  box.now = "2026-10-12T09:00";
  // Waited 8 Oct 15:00 to 12 Oct 09:00: 2.5 + 7.5 + 7.5 (Sat 10 Oct works) + 0.5 = 18 working
  // hours, so the resolve deadline of 10 Oct 17:30 moves on 18 working hours to 14 Oct 11:30.
  CHECK(box.ok("ticket resume 0001") == "T-2609-0001: 已到场\n  解决   2026-10-14 11:30\n");
  box.now = "2026-10-12T11:00";
  CHECK(box.ok("ticket resolve 0001 --resolution 更换V带 --hours 1.5") ==
        "T-2609-0001: 已解决\n  回访   2026-10-14 11:00\n");
  box.ok("ticket sign 0001 --by 宏达王厂长");
  CHECK(box.ok("ticket close 0001") ==
        "T-2609-0001: 已关闭\nS-2610-0001: 待回收 · 技术员服务评价\n");
  box.now = "2026-10-13T10:00";
  box.ok("ticket follow-up 0001 --result 运行正常");
  std::string file = box.file("tickets/2026-09/T-2609-0001.yaml");
  INFO(file);
  CHECK(file.find("status: closed\n") != std::string::npos);
  CHECK(
      file.find("due:\n  respond: 2026-09-30T17:00:00+08:00\n  arrive: 2026-10-08T15:30:00+08:00\n"
                "  resolve: 2026-10-14T11:30:00+08:00\n  follow_up: 2026-10-14T11:00:00+08:00\n") !=
      std::string::npos);
  CHECK(
      file.find("done:\n  respond: 2026-09-30T16:20:00+08:00\n  arrive: 2026-10-08T14:00:00+08:00\n"
                "  resolve: 2026-10-12T11:00:00+08:00\n  follow_up: 2026-10-13T10:00:00+08:00\n") !=
      std::string::npos);
  CHECK(file.find("  - {at: 2026-10-12T09:00:00+08:00, by: 前台小王, do: resume, paused: 18h, "
                  "due: {resolve: 2026-10-14T11:30:00+08:00}}\n") != std::string::npos);
  CHECK(file.find("helpers: [王五, 赵六]\n") != std::string::npos);
  CHECK(box.ok("check").empty());
  std::string log = box.ok("ticket log 0001");
  CHECK(log.find("2026-10-12 11:00  前台小王  resolve  resolution=更换V带  labour_hours=1.5") !=
        std::string::npos);
}

TEST_CASE("illegal moves exit 1 and name the allowed next steps") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  box.fails(
      "ticket close 0001", 1,
      "svc: error: cannot close T-2611-0001: it is new; allowed now: assign, respond, cancel, "
      "extend, reclass\n");
  box.ok("ticket assign 1 --to 李四");
  box.fails("ticket resolve 1 --resolution 电话指导", 1,
            "svc: error: T-2611-0001 has no arrival on site: record `svc ticket arrive` first, "
            "or resolve with --remote for a call fixed by phone or remotely\n");
  box.ok("ticket resolve 1 --resolution 电话指导 --remote");
  box.fails(
      "ticket close 1", 1,
      "svc: error: cannot close T-2611-0001: the customer has not signed off; run: svc ticket "
      "sign T-2611-0001 --by NAME\n");
  box.ok("ticket sign 1 --by 甲");
  box.fails("ticket close 1", 1,
            "svc: error: cannot close T-2611-0001: class A (paid) needs the fee settled; run: svc "
            "ticket fee T-2611-0001 --amount X --settled paid|invoiced\n");
}

TEST_CASE("IDs: case-insensitive, unambiguous endings, errors for the rest") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  box.now = "2026-12-01T09:00";
  box.ok("ticket new --customer 乙");
  CHECK(box.ok("ticket show t-2612-0001 --format yaml").rfind("id: T-2612-0001\n", 0) == 0);
  CHECK(box.ok("ticket show 2611-0001 --format yaml").rfind("id: T-2611-0001\n", 0) == 0);
  box.fails(
      "ticket show 0001", 3,
      "svc: error: '0001' matches 2 tickets (2 open), newest first: T-2612-0001, T-2611-0001; "
      "type more of the ID\n");
  // An ending several share names the one of them still open (SPEC §1).
  box.ok("ticket cancel 2611-0001 --reason 重复报修");
  CHECK(box.ok("ticket show 0001 --format yaml").rfind("id: T-2612-0001\n", 0) == 0);
  box.ok("ticket cancel 0001 --reason 客户撤回");
  CHECK(box.ok("ticket show 2612-0001 --format yaml").find("status: cancelled\n") !=
        std::string::npos);
  box.fails("ticket show 0001", 3,
            "svc: error: '0001' matches 2 tickets (0 open), newest first: T-2612-0001, "
            "T-2611-0001; type more of the ID\n");
  box.fails("ticket show T-2611-0099", 3, "svc: error: no ticket matches 'T-2611-0099'\n");
  box.fails("ticket show ../../etc/passwd", 2,
            "svc: error: '../../etc/passwd' is not a record ID (letters, digits and '-', like "
            "T-2611-0001)\n");
}

TEST_CASE("a malformed file is named with line and column — list goes on and exits 3") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  box.ok("ticket new --customer 乙");
  svc::test::spit(box.data() / "tickets/2026-11/T-2611-0002.yaml",
                  "id: T-2611-0002\nstatus: [new\n");
  auto list = box.run("ticket list --format csv");
  CHECK(list.code == 3);
  CHECK(list.out.find("T-2611-0001,new,repair") != std::string::npos);
  CHECK(list.out.find("T-2611-0002") == std::string::npos);
  CHECK(list.err ==
        "svc: warning: tickets/2026-11/T-2611-0002.yaml:2:9: a flow collection ({…} or […]) that "
        "does not end on its line; svc writes each on one line\n"
        "svc: error: 1 file could not be read; the list is incomplete\n");
  box.fails("ticket show 0002", 3,
            "svc: error: tickets/2026-11/T-2611-0002.yaml:2:9: a flow collection ({…} or […]) that "
            "does not end on its line; svc writes each on one line\n");
  box.fails("check", 3,
            "tickets/2026-11/T-2611-0002.yaml:2:9: a flow collection ({…} or […]) that does not "
            "end on its line; svc writes each on one line\nsvc: error: 1 "
            "problem found\n");
}

TEST_CASE("check finds a summary that no longer matches its history, and invalid values") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  const std::string file = "tickets/2026-11/T-2611-0001.yaml";
  box.patch(file, "status: new", "status: closed");
  box.fails(
      "check", 3,
      "tickets/2026-11/T-2611-0001.yaml:2:9: 'status' is closed but the history gives new\nsvc: "
      "error: 1 problem found\n");
  box.patch(file, "status: closed", "status: gone");
  auto bad = box.run("ticket list");
  CHECK(bad.code == 3);
  CHECK(bad.err.find(
            "tickets/2026-11/T-2611-0001.yaml:2:9: status 'gone' is not one of: new, assigned") !=
        std::string::npos);
}

TEST_CASE("list filters and formats") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 华东机械厂 --zone urban");
  box.ok("ticket new --customer 乙 --priority emergency");
  box.ok("ticket assign 0002 --to 李四");
  box.now = "2026-11-23T15:00";
  CHECK(box.ok("ticket list") ==
        "编号         状态    类别    客户        技术员  下一期限               逾期\n"
        "T-2611-0001  新建    A 有偿  华东机械厂          响应 2026-11-23 10:00  响应\n"
        "T-2611-0002  已派工  A 有偿  乙          李四    响应 2026-11-23 09:30  响应 到场\n");
  CHECK(box.ok("ticket list --tech 李四 --format csv").find("\nT-2611-0002,assigned,") !=
        std::string::npos);
  CHECK(box.ok("ticket list --status assigned --format json").find("\"id\": \"T-2611-0002\"") !=
        std::string::npos);
  CHECK(box.ok("ticket list --status new --format json").find("T-2611-0002") == std::string::npos);
  CHECK(box.ok("ticket list --month 2026-10 --format json") == "[]\n");
  CHECK(box.ok("ticket list --customer 华东 --format md") ==
        "| 编号 | 状态 | 类别 | 客户 | 技术员 | 下一期限 | 逾期 |\n|---|---|---|---|---|---|---|\n"
        "| T-2611-0001 | 新建 | A 有偿 | 华东机械厂 |  | 响应 2026-11-23 10:00 | 响应 |\n");
  CHECK(box.run("ticket list --status sleeping").code == 2);
}

TEST_CASE("global options are accepted after the action") {
  Sandbox box;
  box.init();
  std::string id = box.ok("ticket new --customer 甲 -q --as 张三 --at 2026-11-20T10:00");
  CHECK(id == "T-2611-0001\n");
  CHECK(box.file("tickets/2026-11/T-2611-0001.yaml")
            .find("- {at: 2026-11-20T10:00:00+08:00, by: 张三, do: new") != std::string::npos);
}

TEST_CASE("show --format json is the file as JSON") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲 --phone 007");
  std::string json = box.ok("ticket show 1 --format json");
  CHECK(json.find("\"phone\": \"007\"") != std::string::npos);
  CHECK(json.find("\"history\": [") != std::string::npos);
}

TEST_CASE("extend keeps the original deadline and needs an approver") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  CHECK(box.run("ticket extend 1 --deadline resolve --to 2026-11-30 --reason 等配件").code == 2);
  CHECK(box.ok("ticket extend 1 --deadline resolve --to 2026-11-30 --reason 等配件 --approved-by "
               "王经理") == "T-2611-0001: 新建\n");
  std::string file = box.file("tickets/2026-11/T-2611-0001.yaml");
  CHECK(file.find("due_original:\n  resolve: 2026-11-26T17:30:00+08:00\n") != std::string::npos);
  CHECK(file.find("  resolve: 2026-11-30T17:30:00+08:00\n") != std::string::npos);
  CHECK(box.ok("ticket show 1 --explain")
            .find("前台小王 延期 2026-11-26 17:30 → 2026-11-30 17:30（王经理 批准，期限前）") !=
        std::string::npos);
}

TEST_CASE("edit through $EDITOR is one validated event") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲 --phone 111");
  std::string before = box.file("tickets/2026-11/T-2611-0001.yaml");
  CHECK(box.ok("ticket edit 1", "EDITOR=true") == "T-2611-0001: no changes\n");
  CHECK(box.file("tickets/2026-11/T-2611-0001.yaml") == before);
  CHECK(box.ok("ticket edit 1", "EDITOR=\"sed -i 's/^  phone: .111./  phone: \\\"222\\\"/'\"") ==
        "T-2611-0001: edited\n");
  std::string after = box.file("tickets/2026-11/T-2611-0001.yaml");
  CHECK(after.find("  - {at: 2026-11-23T09:00:00+08:00, by: 前台小王, do: edit, changes: "
                   "{customer: {phone: \"222\"}}}\n") != std::string::npos);
  CHECK(box.ok("check").empty());
  auto broken = box.run("ticket edit 1", "EDITOR=\"sed -i 's/^status: new/status: [/'\"");
  CHECK(broken.code == 1);
  CHECK(broken.err.find("your edit is kept in") != std::string::npos);
  CHECK(box.file("tickets/2026-11/T-2611-0001.yaml") == after);
  // The kept draft is never overwritten: a new edit must resume or discard it.
  box.fails("ticket edit 1", 1,
            "svc: error: a kept edit of T-2611-0001 is waiting in " + box.data().string() +
                "/.svc/edit/T-2611-0001.yaml; go on with it: svc ticket edit T-2611-0001 "
                "--resume, or drop it: svc ticket edit T-2611-0001 --discard\n",
            "EDITOR=true");
  // --discard drops the draft and opens no editor (an editor that runs would fail here).
  CHECK(box.ok("ticket edit 1 --discard", "EDITOR=false") ==
        "T-2611-0001: dropped the kept edit; the record is as it was\n");
  CHECK(!std::filesystem::exists(box.data() / ".svc/edit/T-2611-0001.yaml"));
  CHECK(!std::filesystem::exists(box.data() / ".svc/edit/T-2611-0001.base"));
  CHECK(box.file("tickets/2026-11/T-2611-0001.yaml") == after);
  box.fails("ticket edit 1 --discard", 1, "svc: error: no kept edit of T-2611-0001 to drop\n");
  auto status = box.run("ticket edit 1", "EDITOR=\"sed -i 's/^status: new/status: closed/'\"");
  CHECK(status.code == 1);
  CHECK(status.err.rfind("svc: error: 'status' cannot be edited by hand", 0) == 0);
}

TEST_CASE("20 concurrent ticket new get 20 different IDs") {
  Sandbox box;
  box.init();
  std::string cmd =
      "cd '" + box.data().string() + "' && for i in $(seq 1 20); do SVC_NOW=2026-11-23T09:00 '" +
      std::string(SVC_BINARY) + "' ticket new -q --customer 客户$i >> ids.txt & done; wait";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::string ids = box.file("ids.txt");
  std::set<std::string> unique;
  std::stringstream lines(ids);
  for (std::string line; std::getline(lines, line);) unique.insert(line);
  CHECK(unique.size() == 20);
  CHECK(unique.count("T-2611-0001") == 1);
  CHECK(unique.count("T-2611-0020") == 1);
  CHECK(box.ok("check").empty());
}

TEST_CASE("could not write: exit 4 and nothing stored is lost") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  std::string before = box.file("tickets/2026-11/T-2611-0001.yaml");
  // A file where the lock folder should be: svc cannot take the writer lock, even as root.
  std::filesystem::remove_all(box.data() / ".svc");
  svc::test::spit(box.data() / ".svc", "not a folder");
  auto r = box.run("ticket assign 1 --to 李四");
  CHECK(r.code == 4);
  CHECK(r.err.rfind("svc: error: could not create", 0) == 0);
  CHECK(box.file("tickets/2026-11/T-2611-0001.yaml") == before);
}

// Every file under the data directory with its bytes (the lock and the cache left out).
static std::map<std::string, std::string> stored(const Sandbox& box) {
  std::map<std::string, std::string> all;
  for (const auto& f : std::filesystem::recursive_directory_iterator(box.data())) {
    std::string relative = f.path().lexically_relative(box.data()).string();
    if (f.is_regular_file() && relative != ".svc/lock" && !relative.starts_with(".svc/cache"))
      all[relative] = svc::test::slurp(f.path());
  }
  return all;
}

TEST_CASE("a read-only data directory refuses writes with exit 4") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  const std::filesystem::path month = box.data() / "tickets/2026-11";
  // Root is not bound by permissions: as root, svc runs as nobody, who owns the data directory
  // (so the lock and the temp file can be made) and finds its month folder read-only.
  if (::geteuid() == 0) {
    REQUIRE_MESSAGE(std::system("command -v setpriv >/dev/null") == 0,
                    "setpriv (util-linux) is needed to run svc as nobody");
    box.runner = "setpriv --reuid=nobody --regid=nogroup --clear-groups";
    std::filesystem::permissions(box.root(), std::filesystem::perms::all ^
                                                 std::filesystem::perms::others_write ^
                                                 std::filesystem::perms::group_write);
    REQUIRE(std::system(("chown -R nobody:nogroup '" + box.data().string() + "'").c_str()) == 0);
  }
  std::filesystem::permissions(month, std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::remove);
  // The permission binds the user svc runs as, and that user can run svc at all.
  REQUIRE(box.run("ticket show 1").code == 0);
  REQUIRE(std::system(fmt::format("{} test -w '{}'", box.runner, month.string()).c_str()) != 0);
  const auto before = stored(box);
  auto r = box.run("ticket assign 1 --to 李四");
  CHECK(r.code == 4);
  CHECK(r.err == "svc: error: could not write " + (month / "T-2611-0001.yaml").string() +
                     ": Permission denied\n");
  CHECK(r.out == "");
  CHECK(stored(box) == before);
  std::filesystem::permissions(month, std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::add);
  CHECK(box.ok("check").empty());
}

TEST_CASE("a held lock times out with exit 4") {
  Sandbox box;
  box.init();
  std::string cmd = "cd '" + box.data().string() +
                    "' && mkdir -p .svc && (flock .svc/lock sleep 2 &) && sleep 0.3 && "
                    "SVC_LOCK_TIMEOUT_MS=200 '" +
                    std::string(SVC_BINARY) +
                    "' ticket new --customer 甲 2>err.txt; echo $? > rc.txt";
  std::system(cmd.c_str());
  CHECK(box.file("rc.txt") == "4\n");
  CHECK(box.file("err.txt").find("another svc is writing") != std::string::npos);
}

TEST_CASE("a lock held over a second is named while svc waits, and the write goes on after") {
  Sandbox box;
  box.init();
  std::string cmd = "cd '" + box.data().string() +
                    "' && mkdir -p .svc && (flock .svc/lock sh -c 'echo $$ > pid.txt; echo $$ > "
                    ".svc/lock; exec sleep 2' &) && sleep 0.3 && SVC_LOCK_TIMEOUT_MS=5000 '" +
                    std::string(SVC_BINARY) +
                    "' ticket new -q --customer 甲 2>err.txt; echo $? > rc.txt";
  std::system(cmd.c_str());
  CHECK(box.file("rc.txt") == "0\n");
  std::string pid = box.file("pid.txt");
  pid.pop_back();
  CHECK(box.file("err.txt") == "svc: waiting for another svc (pid " + pid +
                                   ": sleep 2) writing in " + box.data().string() +
                                   " (up to 5s)\n");
  CHECK(box.ok("check").empty());
}

TEST_CASE("keys written by a newer version survive an action") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  const std::string file = "tickets/2026-11/T-2611-0001.yaml";
  box.patch(file, "\nhistory:", "\nx_region: 华东\nhistory:");
  box.patch(file, "\n  name: 甲\n", "\n  name: 甲\n  wechat: \"007\"\n");
  box.ok("ticket assign 1 --to 李四");
  std::string after = box.file("tickets/2026-11/T-2611-0001.yaml");
  CHECK(after.find("  wechat: \"007\"\n") != std::string::npos);
  CHECK(after.find("x_region: 华东\nhistory:\n") != std::string::npos);
  CHECK(box.ok("check").empty());
}

TEST_CASE("the serial widens instead of failing") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  svc::test::spit(box.data() / "tickets/2026-11/T-2611-9999.yaml",
                  svc::test::replaced(box.file("tickets/2026-11/T-2611-0001.yaml"), "T-2611-0001",
                                      "T-2611-9999"));
  CHECK(box.ok("ticket new -q --customer 乙") == "T-2611-10000\n");
  CHECK(box.ok("check").empty());
}

TEST_CASE("check lists duplicate IDs") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  std::filesystem::create_directories(box.data() / "tickets/2026-12");
  std::filesystem::copy(box.data() / "tickets/2026-11/T-2611-0001.yaml",
                        box.data() / "tickets/2026-12/T-2611-0001.yaml");
  box.fails("check", 3,
            "tickets/2026-12/T-2611-0001.yaml: is in the wrong folder: T-2611-0001 belongs in "
            "tickets/2026-11\n"
            "tickets/2026-12/T-2611-0001.yaml: duplicate ID T-2611-0001: also in "
            "tickets/2026-11/T-2611-0001.yaml\n"
            "svc: error: 2 problems found\n");
}

TEST_CASE("show --explain names the rule, the clock and the holidays stepped over") {
  Sandbox box;
  box.init();
  box.now = "2026-09-30T16:00";
  box.ok("ticket new --customer 宏达纺织 --zone suburban");
  std::string text = box.ok("ticket show 1 --explain");
  CHECK(text.find("  到场\n"
                  "    规则“suburban”（区域为郊区）：7小时，按工作时间计，自 2026-09-30 16:00 → "
                  "2026-10-08 15:30\n"
                  "    跳过 2026-10-01..2026-10-07：法定假日\n"
                  "    期限 2026-10-08 15:30：待办\n") != std::string::npos);
  CHECK(text.find("    跳过 2026-10-10：调休上班日\n") != std::string::npos);
}

TEST_CASE("display language follows locale") {
  Sandbox box;
  box.init();
  box.patch("svc.yaml", "locale: zh-CN", "locale: en");
  box.ok("ticket new --customer Acme --zone urban");
  CHECK(box.ok("ticket list") ==
        "ID           status  class   customer  technician  next deadline             overdue\n"
        "T-2611-0001  new     A paid  Acme                  respond 2026-11-23 10:00\n");
  box.patch("svc.yaml", "locale: en", "locale: fr");
  auto r = box.run("ticket list");
  CHECK(r.code == 3);
  CHECK(r.err.find("svc.yaml:") != std::string::npos);
  CHECK(r.err.find(": locale 'fr' is not zh-CN, zh-TW or en\n") != std::string::npos);
}

TEST_CASE("how late a step is reads in the office's language") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲 --zone urban");  // respond by 10:00 Mon 23 Nov
  // A working-time step is late in working time (SPEC §8): 7.5 working hours make a day.
  box.now = "2026-11-24T10:00";  // one working day on
  CHECK(box.ok("report overdue")
            .find("T-2611-0001  响应  逾期 1 个工作日  (期限 2026-11-23 10:00)") !=
        std::string::npos);
  box.now = "2026-11-25T10:30";  // two working days and half an hour
  box.patch("svc.yaml", "locale: zh-CN", "locale: zh-TW");
  CHECK(box.ok("report overdue").find("逾期 2 個工作日 30分 工作時間  (期限 2026-11-23 10:00)") !=
        std::string::npos);
  box.patch("svc.yaml", "locale: zh-TW", "locale: en");
  CHECK(box.ok("report overdue")
            .find("T-2611-0001  respond  late 2 working days 30m working time\n"
                  "    (due 2026-11-23 10:00)") != std::string::npos);  // 80 columns: wrapped
  box.now = "2026-11-24T10:30";
  std::string one_day = box.ok("report overdue");
  INFO(one_day);
  CHECK(one_day.find("late 1 working day 30m working time") != std::string::npos);
  box.now = "2026-11-23T11:15";  // within the day: hours and minutes
  CHECK(box.ok("report overdue").find("late 1h 15m working time  (due") != std::string::npos);
  box.now = "2026-11-23T20:00";  // the evening adds no working time: 6h, not 10h
  CHECK(box.ok("report overdue").find("late 6h working time  (due") != std::string::npos);
}

TEST_CASE("a full disk: exit 4, the old file intact, no temp file left") {
  Sandbox box;
  auto mnt = box.root() / "tiny";
  std::filesystem::create_directories(mnt);
  std::string mount = "mount -t tmpfs -o size=200k tmpfs '" + mnt.string() + "' 2>/dev/null";
  if (std::system(mount.c_str()) != 0) {
    MESSAGE("skipped: cannot mount a small tmpfs here");
    return;
  }
  struct Unmount {
    std::string cmd;
    ~Unmount() { (void)std::system(cmd.c_str()); }
  } unmount{"umount '" + mnt.string() + "'"};
  std::string svc = SVC_BINARY;
  std::string cmd = "cd '" + mnt.string() + "' && '" + svc +
                    "' init d >/dev/null && cd d && SVC_NOW=2026-11-23T09:00 '" + svc +
                    "' ticket new -q --customer 甲 >/dev/null && dd if=/dev/zero of=filler bs=4k "
                    "count=1000 2>/dev/null; "
                    "SVC_NOW=2026-11-23T10:00 '" +
                    svc + "' ticket note 1 \"$(head -c 60000 /dev/zero | tr '\\0' x)\" 2>'" +
                    box.root().string() + "/err'; echo $? > '" + box.root().string() + "/rc'";
  (void)std::system(cmd.c_str());
  CHECK(svc::test::slurp(box.root() / "rc") == "4\n");
  CHECK(svc::test::slurp(box.root() / "err").find("No space left on device") != std::string::npos);
  std::string file = svc::test::slurp(mnt / "d/tickets/2026-11/T-2611-0001.yaml");
  CHECK(file.find("do: new") != std::string::npos);
  CHECK(file.find("do: note") == std::string::npos);
  int entries = 0;
  for ([[maybe_unused]] const auto& e :
       std::filesystem::directory_iterator(mnt / "d/tickets/2026-11"))
    ++entries;
  CHECK(entries == 1);
}

TEST_CASE("a closed standard output is a write error") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  std::string cmd = "cd '" + box.data().string() + "' && '" + std::string(SVC_BINARY) +
                    "' ticket list >/dev/full 2>err.txt; echo $? > rc.txt";
  (void)std::system(cmd.c_str());
  CHECK(box.file("rc.txt") == "4\n");
  CHECK(box.file("err.txt") == "svc: error: could not write to standard output\n");
}

TEST_CASE("--color always paints overdue steps — pipes and NO_COLOR get plain text") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲 --priority emergency");
  box.now = "2026-11-23T12:00";
  std::string painted = box.ok("ticket list --color always");
  CHECK(painted.find("\033[31m响应 到场 解决\033[0m") ==
        std::string::npos);  // resolve is not due yet
  CHECK(painted.find("\033[31m响应 到场\033[0m\n") != std::string::npos);
  CHECK(box.ok("ticket list").find("\033[") == std::string::npos);
  CHECK(box.ok("ticket list --color auto", "NO_COLOR=1").find("\033[") == std::string::npos);
}

TEST_CASE("a format a view cannot produce is a usage error") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  box.fails("ticket list --format html", 2,
            "svc: error: ticket list prints --format table|json|csv|yaml|md|xlsx, not html\n");
  box.fails("ticket show 1 --format csv", 2,
            "svc: error: ticket show prints --format table|yaml|json, not csv\n");
}

TEST_CASE(
    "edit holds no lock while the editor is open, and refuses if the ticket changed meanwhile") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲 --phone 111");
  // The "editor" assigns the ticket from another process, then changes the phone in the draft.
  std::string other = std::string("SVC_NOW=2026-11-23T09:00 '") + SVC_BINARY +
                      "' ticket assign 1 --to 李四 >/dev/null";
  box.fails("ticket edit 1", 1,
            "svc: error: T-2611-0001 changed while you were editing; your edit is kept in " +
                box.data().string() + "/.svc/edit/T-2611-0001.yaml\n",
            "EDITOR=\"" + other + " && sed -i 's/^  phone: .111./  phone: \\\"222\\\"/'\"");
  std::string file = box.file("tickets/2026-11/T-2611-0001.yaml");
  CHECK(file.find("assignee: 李四") != std::string::npos);
  CHECK(file.find("phone: \"111\"") != std::string::npos);
  CHECK(box.file(".svc/edit/T-2611-0001.yaml").find("phone: \"222\"") != std::string::npos);
}
