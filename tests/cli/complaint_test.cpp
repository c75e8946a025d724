// svc complaint end to end: a whole case, a rejected case, an anonymous case, the reminders.
#include "harness.hpp"

using svc::test::Sandbox;

namespace {
const char* kNew =
    "complaint new --customer 华东机械厂 --phone 021-5555-0101 --category quality/production "
    "--order SO-2609-17 --qty 200 --defect-qty 12 --request exchange --description 轴承批量异响";
}  // namespace

TEST_CASE("complaint: a whole case with a declined plan and an unsatisfied follow-up") {
  Sandbox box;
  box.init();
  box.now = "2026-09-28T09:00";
  CHECK(box.ok(kNew) == "C-2609-001\n  受理   2026-10-10 17:30\n  结案   2026-10-11 09:00\n");
  box.now = "2026-09-29T09:00";
  box.fails("complaint close 001", 1,
            "svc: error: cannot close C-2609-001: it is received; allowed now: ack, investigate\n");
  CHECK(box.ok("complaint investigate 001") == "C-2609-001: 调查中\n");
  CHECK(box.ok("complaint route 001 --dept 质量部 --finding 热处理不足") ==
        "C-2609-001: 已转部门\n  部门答复 2026-10-09 17:30\n");
  box.now = "2026-10-08T09:00";
  box.ok("complaint plan 001 --text 更换同批次轴承");
  box.ok("complaint propose 001");
  box.now = "2026-10-08T15:00";
  CHECK(box.ok("complaint decline 001 --reason 要求退货") ==
        "C-2609-001: 已转部门\n  部门答复#2 2026-10-12 17:30\n");
  box.now = "2026-10-09T09:00";
  for (const char* step :
       {"plan 001 --text 全数退货", "propose 001", "accept 001", "implement 001"})
    box.ok(std::string("complaint ") + step);
  box.now = "2026-10-12T09:00";
  CHECK(box.ok("complaint implemented 001") == "C-2609-001: 已执行\n  回访   2026-10-19 17:30\n");
  box.fails("complaint close 001", 1,
            "svc: error: cannot close C-2609-001: the customer is not yet satisfied; record the "
            "follow-up visit: svc complaint follow-up C-2609-001 --satisfaction LEVEL\n");
  box.fails("complaint follow-up 001 --satisfaction happy", 2,
            "svc: error: --satisfaction 'happy' is not one of: very_satisfied, satisfied, neutral, "
            "unsatisfied\n");
  box.now = "2026-10-13T09:00";
  CHECK(box.ok("complaint follow-up 001 --satisfaction unsatisfied --note 退款未到账") ==
        "C-2609-001: 已转部门\n  部门答复#3 2026-10-16 17:30\n");
  for (const char* step : {"plan 001 --text 加急退款", "propose 001", "accept 001", "implement 001",
                           "implemented 001"})
    box.ok(std::string("complaint ") + step);
  box.now = "2026-10-14T09:00";
  box.ok("complaint follow-up 001 --satisfaction satisfied");
  CHECK(box.ok("complaint close 001") == "C-2609-001: 已关闭\n");
  std::string file = box.file("complaints/2026-09/C-2609-001.yaml");
  CHECK(file.find("status: closed\n") != std::string::npos);
  CHECK(file.find("routing: 3\n") != std::string::npos);
  CHECK(file.find("round: 2\n") != std::string::npos);
  CHECK(file.find("  dept_response_3: 2026-10-16T17:30:00+08:00\n") != std::string::npos);
  CHECK(file.find("  close: 2026-10-14T09:00:00+08:00\n") != std::string::npos);  // done late
  CHECK(box.ok("check").empty());
  std::string shown = box.ok("complaint show 001");
  CHECK(shown.find("2026-10-11 09:00  超时  2026-10-14 09:00  3天\n") != std::string::npos);
}

TEST_CASE("complaint: a rejected case, its reply recorded, then closed") {
  Sandbox box;
  box.init();
  box.ok(kNew);
  box.ok("complaint ack 1");
  box.ok("complaint investigate 1");
  box.fails("complaint reject 1 --finding 使用不当", 2,
            "svc: error: --reply is required (see svc complaint reject --help)\n");
  CHECK(box.ok("complaint reject 1 --finding 使用不当 --reply 已书面答复") ==
        "C-2611-001: 不成立\n");
  CHECK(box.ok("complaint close 1") == "C-2611-001: 已关闭\n");
  CHECK(box.file("complaints/2026-11/C-2611-001.yaml").find("reply: 已书面答复\n") !=
        std::string::npos);
  CHECK(box.ok("check").empty());
}

TEST_CASE("complaint: an anonymous case keeps no identity on disk") {
  Sandbox box;
  box.init();
  box.fails("complaint new --anonymous --customer 张三 --category other/attitude --description x",
            2, "svc: error: --customer excludes --anonymous (see svc complaint new --help)\n");
  box.fails(
      "complaint new --anonymous --phone 13800138000 --category other/attitude "
      "--description x",
      2,
      "svc: error: an anonymous complaint keeps no name, phone or address: drop --customer "
      "and --phone, or drop --anonymous\n");
  CHECK(box.ok("complaint new -q --anonymous --type report --category other/attitude "
               "--severity major --description 技术员索要好处费") == "C-2611-001\n");
  std::string file = box.file("complaints/2026-11/C-2611-001.yaml");
  CHECK(file.find("anonymous: true\n") != std::string::npos);
  CHECK(file.find("customer") == std::string::npos);
  CHECK(file.find("phone:") == std::string::npos);
  CHECK(file.find("13800138000") == std::string::npos);
  CHECK(file.find("name:") == std::string::npos);
  CHECK(file.find("address") == std::string::npos);
  CHECK(file.find("  acknowledge: 2026-12-07T17:30:00+08:00\n") != std::string::npos);  // 10 wd
  CHECK(box.ok("complaint list").find("(匿名)") != std::string::npos);
}

TEST_CASE("complaint remind: silent when nothing is overdue, major cases first when something is") {
  Sandbox box;
  box.init();
  box.now = "2026-11-02T09:00";
  box.ok(kNew);
  box.ok(
      "complaint new --anonymous --category other/attitude --severity major --description "
      "索要好处费");
  box.ok("complaint investigate 1");
  box.ok("complaint route 1 --dept 质量部");
  auto quiet = box.run("complaint remind");
  CHECK(quiet.code == 0);
  CHECK(quiet.out.empty());
  CHECK(quiet.err.empty());
  box.now = "2026-11-10T10:00";
  CHECK(box.ok("complaint remind") ==
        "C-2611-002  重大  受理  前台小王  逾期 1小时30分 工作时间  (期限 2026-11-09 17:30)\n"
        "C-2611-001  一般  部门答复  质量部  逾期 2 个工作日 1小时30分 工作时间  (期限 2026-11-05 "
        "17:30)\n");
  CHECK(box.ok("complaint list --overdue --format csv").find("C-2611-002,received") !=
        std::string::npos);
  CHECK(box.ok("complaint list --major").find("C-2611-001") == std::string::npos);
}

TEST_CASE("complaint: responsibility, penalties and the month's capped deductions") {
  Sandbox box;
  box.init();
  box.now = "2026-10-12T09:00";
  box.ok(kNew);
  box.ok("complaint investigate 1");
  box.fails(
      "complaint blame 1 --party 质量部/张三=60", 1,
      "svc: error: cannot blame C-2610-001: it is investigating; allowed now: reject, route\n");
  box.ok("complaint route 1 --dept 质量部");
  box.fails("complaint blame 1 --party 质量部/张三=60 --party 生产部/王五=30", 1,
            "svc: error: the shares add up to 90 %, not 100 %\n");
  box.ok("complaint blame 1 --party 质量部/张三=60 --party 生产部/王五=40 --loss 1000");
  box.ok("complaint penalty 1 --person 张三 --level minor");
  box.ok("complaint penalty 1 --person 王五 --level major");
  std::string file = box.file("complaints/2026-10/C-2610-001.yaml");
  CHECK(
      file.find("  parties:\n    - {dept: 质量部, person: 张三, share: 60, loss: \"600.00\"}\n") !=
      std::string::npos);
  CHECK(file.find("  - {amount: \"3000.00\", person: 王五, level: major, month: 2026-10}\n") !=
        std::string::npos);
  CHECK(box.ok("check").empty());
  box.now = "2026-11-03T09:00";  // the previous month by default
  CHECK(box.ok("complaint penalties --format csv") ==
        "person,bonus,new,carried_in,deducted,carried_out\n"
        "张三,3000.00,800.00,0.00,800.00,0.00\n"
        "王五,3000.00,3000.00,0.00,1500.00,1500.00\n");
  CHECK(box.ok("complaint penalties --month 2026-11 --format csv") ==
        "person,bonus,new,carried_in,deducted,carried_out\n"
        "王五,3000.00,0.00,1500.00,1500.00,0.00\n");
  // Links both ways.
  box.ok(
      "complaint new --customer 华东机械厂 --parent 1 --category quality/production "
      "--description 不接受处理结果");
  CHECK(box.ok("complaint show C-2610-001").find("后续投诉 C-2611-001") != std::string::npos);
}

TEST_CASE("complaint blame: a department's share split from the exact share, each party once") {
  Sandbox box;
  box.init();
  box.patch("svc.yaml", "  base_points: {}", "  base_points:\n    质量部: {张三: 2, 李四: 1}");
  box.now = "2026-11-02T09:00";
  box.ok(kNew);
  box.ok("complaint investigate 1");
  box.ok("complaint route 1 --dept 质量部");
  // 1000.00 x 2/3 = 666.666..., x 1/3 = 333.333...: rounded once, the cent to the larger remainder.
  box.ok("complaint blame 1 --party 质量部=100 --loss 1000.00");
  const std::string path = "complaints/2026-11/C-2611-001.yaml";
  CHECK(
      box.file(path).find("  parties:\n"
                          "    - {dept: 质量部, person: 张三, share: 66.67, loss: \"666.67\"}\n"
                          "    - {dept: 质量部, person: 李四, share: 33.33, loss: \"333.33\"}\n") !=
      std::string::npos);
  box.fails("complaint blame 1 --party 制造部=60 --party 制造部=40", 2,
            "svc: error: --party 制造部 is named twice; name each party once\n");
  box.fails("complaint blame 1 --party 质量部=60 --party 质量部/张三=40", 2,
            "svc: error: --party 质量部/张三 is named twice: 质量部's share already goes to 张三 "
            "by base points; name each party once\n");
  // A file edited by hand to name a party twice is refused at its line and column.
  box.ok("complaint blame 1 --party 制造部=60 --party 质检部=40");
  CHECK(box.ok("check").empty());
  box.patch(path, "dept: 质检部", "dept: 制造部");
  auto r = box.run("check");
  CHECK(r.code == 3);
  CHECK((r.out + r.err)
            .find(path + ":29:7: responsibility names 制造部 twice; name each party "
                         "once\n") != std::string::npos);
}

TEST_CASE("complaint deadlines: the whole case is due no earlier than its first step") {
  Sandbox box;
  box.init();
  box.now = "2026-11-02T09:00";
  // A report: answered by the 10th working day (3-6, 9-13, 16 Nov) at 17:30; 13 days would
  // end on 15 Nov 09:00.
  CHECK(box.ok("complaint new --anonymous --type report --category other/attitude "
               "--description 索要好处费") ==
        "C-2611-001\n  受理   2026-11-16 17:30\n  结案   2026-11-16 17:30\n");
  box.now = "2026-11-15T12:00";  // past the 13 days, before the answer: nothing is overdue
  CHECK(box.ok("complaint remind").empty());
  CHECK(box.ok("complaint show 1 --explain")
            .ends_with("\n  结案\n"
                       "    规则“domestic”（无条件）：13天，按自然时间计，自 2026-11-02 09:00 → "
                       "2026-11-15 09:00\n"
                       "    移至受理期限 2026-11-16 17:30（规则“report”）：整案期限不早于第一步\n"
                       "    期限 2026-11-16 17:30：待办\n"));
  // Spring Festival 2026 (15-23 Feb off, Saturdays 14 and 28 Feb worked): filed Friday 13 Feb
  // 10:00, acknowledged by 14, 24, 25, 26, 27 Feb 17:30; 13 days end 26 Feb 10:00.
  box.now = "2026-02-13T10:00";
  CHECK(box.ok("complaint new --customer 华东机械厂 --category quality/production "
               "--description 异响") ==
        "C-2602-001\n  受理   2026-02-27 17:30\n  结案   2026-02-27 17:30\n");
  CHECK(box.ok("complaint show 2602-001 --explain")
            .find("    规则“standard”（无条件）：5 个工作日，按工作日计，自 2026-02-13 10:00 → "
                  "2026-02-27 17:30\n") != std::string::npos);
  // A file registered before the rule keeps its deadline, and --explain says so.
  const std::string path = "complaints/2026-11/C-2611-001.yaml";
  box.patch(path, "close: 2026-11-16T17:30:00+08:00", "close: 2026-11-15T09:00:00+08:00");
  box.now = "2026-11-15T12:00";
  CHECK(box.ok("check").empty());
  CHECK(box.ok("complaint show 2611-001").find("  结案    2026-11-15 09:00  已逾期  3小时\n") !=
        std::string::npos);
  CHECK(box.ok("complaint show 2611-001 --explain")
            .find("    计算时为 2026-11-15 09:00：此后 svc.yaml 或 svc "
                  "的规则有改动（文件保留当时的期限）\n") != std::string::npos);
  box.ok("complaint investigate 2611-001");
  CHECK(box.file(path).find("  close: 2026-11-15T09:00:00+08:00\n") != std::string::npos);
}
