// svc survey: from a closed ticket to a recorded survey to the rates, and the refusals.
#include "harness.hpp"

using svc::test::Sandbox;

namespace {

// A class C (warranty) call taken, done and signed by `tech`; returns its ID.
std::string closed_ticket(Sandbox& box, const std::string& customer, const std::string& tech) {
  std::string id = box.ok("ticket new -q --customer " + customer +
                          " --zone urban --purchased 2026-06-01 --warranty-months 12 "
                          "--description 异响");
  id.pop_back();
  box.ok("ticket assign " + id + " --to " + tech);
  box.ok("ticket arrive " + id);
  box.ok("ticket resolve " + id + " --resolution 更换轴承");
  box.ok("ticket sign " + id + " --by 陈工");
  return id;
}

}  // namespace

TEST_CASE(
    "survey: a closed ticket's visit survey is recorded, counts as its follow-up, and rated") {
  Sandbox box;
  box.init();
  std::string t1 = closed_ticket(box, "华东机械厂", "李四");
  CHECK(box.ok("ticket close " + t1) == t1 + ": 已关闭\nS-2611-0001: 待回收 · 技术员服务评价\n");
  CHECK(box.file("surveys/2026-11/S-2611-0001.yaml") ==
        "id: S-2611-0001\nstatus: pending\ntemplate: visit\ncustomer:\n  name: 华东机械厂\n"
        "technician: 李四\nlinks:\n  ticket: T-2611-0001\nregistered: 2026-11-23T09:00:00+08:00\n"
        "history:\n  - {at: 2026-11-23T09:00:00+08:00, by: 前台小王, do: new, template: visit, "
        "customer: {name: 华东机械厂}, technician: 李四, links: {ticket: T-2611-0001}}\n");
  std::string t2 = closed_ticket(box, "宏达纺织", "张三");
  box.ok("ticket close " + t2);
  std::string t3 = closed_ticket(box, "远东食品", "李四");
  box.ok("ticket close " + t3);
  CHECK(box.ok("survey list --pending --format csv") ==
        "id,status,template,customer,technician,link,registered,recorded,answered,positive,"
        "overdue\n"
        "S-2611-0001,pending,visit,华东机械厂,李四,T-2611-0001,2026-11-23T09:00:00+08:00,,0,0,\n"
        "S-2611-0002,pending,visit,宏达纺织,张三,T-2611-0002,2026-11-23T09:00:00+08:00,,0,0,\n"
        "S-2611-0003,pending,visit,远东食品,李四,T-2611-0003,2026-11-23T09:00:00+08:00,,0,0,\n");

  box.now = "2026-11-24T10:00";
  // Recording is the ticket's follow-up call (回访): nobody enters the same call twice.
  CHECK(box.ok("survey record 0001 attitude=4 skill=4 arrival=3 promise=很满意 --comment "
               "'师傅很专业'") == "S-2611-0001: 已回收\nT-2611-0001: 回访 按时\n");
  std::string ticket = box.file("tickets/2026-11/T-2611-0001.yaml");
  CHECK(ticket.find("  - {at: 2026-11-24T10:00:00+08:00, by: 前台小王, do: follow_up, result: "
                    "\"满意度调查 S-2611-0001: 师傅很专业\", survey: S-2611-0001}\n") !=
        std::string::npos);
  CHECK(ticket.find("follow_up:\n  at: 2026-11-24T10:00:00+08:00\n  result: \"满意度调查 "
                    "S-2611-0001: 师傅很专业\"\n  survey: S-2611-0001\n") != std::string::npos);
  // A follow-up made by hand first is left alone.
  box.ok("ticket follow-up " + t2 + " --result 电话回访正常");
  const std::string before = box.file("tickets/2026-11/T-2611-0002.yaml");
  CHECK(box.ok("survey record 0002 attitude=3 skill=2 arrival=1") == "S-2611-0002: 已回收\n");
  CHECK(box.file("tickets/2026-11/T-2611-0002.yaml") == before);
  box.ok("survey drop 0003 --reason 三次联系不上");

  CHECK(box.ok("survey stats --format json") ==
        R"({
  "period": {
    "from": null,
    "to": null
  },
  "created": 3,
  "created_recorded": 2,
  "response_rate": 0.6666666666666666,
  "responses": 2,
  "answers": 7,
  "positive": 5,
  "satisfaction_rate": 0.7142857142857143,
  "templates": [
    {
      "template": "visit",
      "label": "技术员服务评价",
      "created": 3,
      "created_recorded": 2,
      "response_rate": 0.6666666666666666,
      "responses": 2,
      "answers": 7,
      "positive": 5,
      "satisfaction_rate": 0.7142857142857143,
      "mean": 3,
      "items": [
        {
          "item": "attitude",
          "label": "服务态度",
          "section": "technician",
          "answers": 2,
          "positive": 2,
          "satisfaction_rate": 1,
          "mean": 3.5
        },
        {
          "item": "skill",
          "label": "技术水平",
          "section": "technician",
          "answers": 2,
          "positive": 1,
          "satisfaction_rate": 0.5,
          "mean": 3
        },
        {
          "item": "arrival",
          "label": "到达时间",
          "section": "technician",
          "answers": 2,
          "positive": 1,
          "satisfaction_rate": 0.5,
          "mean": 2
        },
        {
          "item": "promise",
          "label": "答应事项的办理",
          "section": "technician",
          "answers": 1,
          "positive": 1,
          "satisfaction_rate": 1,
          "mean": 4
        }
      ],
      "sections": [
        {
          "section": "technician",
          "label": "对技术员的评价",
          "answers": 7,
          "positive": 5,
          "satisfaction_rate": 0.7142857142857143,
          "mean": 3
        }
      ],
      "technicians": [
        {
          "technician": "张三",
          "responses": 1,
          "answers": 3,
          "positive": 1,
          "satisfaction_rate": 0.3333333333333333,
          "mean": 2
        },
        {
          "technician": "李四",
          "responses": 1,
          "answers": 4,
          "positive": 4,
          "satisfaction_rate": 1,
          "mean": 3.75
        }
      ],
      "comments": [
        {
          "id": "S-2611-0001",
          "customer": "华东机械厂",
          "technician": "李四",
          "comment": "师傅很专业"
        }
      ]
    }
  ]
}
)");
  CHECK(box.ok("survey stats --template visit") ==
        "满意度统计 全部\n"
        "本期发出 3  本期回收 2  本期发出的回收率 66.7% (2/3)  满意率 71.4% (5/7)\n"
        "\n"
        "技术员服务评价 (visit)\n"
        "本期发出 3  本期回收 2  本期发出的回收率 66.7% (2/3)  满意率 71.4% (5/7)  均分 3.00\n"
        "项目            分组            回答  满意率        均分\n"
        "服务态度        对技术员的评价  2     100.0% (2/2)  3.50\n"
        "技术水平        对技术员的评价  2     50.0% (1/2)   3.00\n"
        "到达时间        对技术员的评价  2     50.0% (1/2)   2.00\n"
        "答应事项的办理  对技术员的评价  1     100.0% (1/1)  4.00\n"
        "\n"
        "技术员  本期回收  回答  满意率        均分\n"
        "张三    1         3     33.3% (1/3)   2.00\n"
        "李四    1         4     100.0% (4/4)  3.75\n"
        "\n"
        "意见\n"
        "  S-2611-0001 华东机械厂 / 李四: 师傅很专业\n");
  // The technician filter, and a month with no survey at all.
  CHECK(box.ok("survey stats --tech 张三 --format csv")
            .find("\n,all,,,1,1,1,3,1,0.3333333333333333,\n") != std::string::npos);
  CHECK(
      box.ok("survey stats --month 2026-02 --format json")
          .find("\"from\": \"2026-02-01\",\n    \"to\": \"2026-02-28\"\n  },\n  \"created\": 0,\n  "
                "\"created_recorded\": 0,\n  \"response_rate\": null,\n  \"responses\": 0,") !=
      std::string::npos);
  box.fails("survey stats --month 2026-11 --from 2026-11-01", 2,
            "svc: error: give --month or --from/--to, not both\n");

  // Unhappy answers wait for the personal call back (seed 004 Ⅷ 二十八).
  CHECK(box.ok("survey list --unhappy --format csv") ==
        "id,status,template,customer,technician,link,registered,recorded,answered,positive,"
        "overdue\n"
        "S-2611-0002,recorded,visit,宏达纺织,张三,T-2611-0002,2026-11-23T09:00:00+08:00,"
        "2026-11-24T10:00:00+08:00,3,1,\n");
  box.fails("survey call-back 0001 --note 回访", 1,
            "svc: error: every answer of S-2611-0001 is satisfied; there is nothing to call back "
            "about\n");
  box.ok("survey call-back 0002 --note '服务主任上门致歉'");
  CHECK(box.ok("survey list --unhappy --format csv").find("S-2611") == std::string::npos);
  CHECK(box.run("check").code == 0);
}

TEST_CASE("survey: refusals leave every file as it was") {
  Sandbox box;
  box.init();
  std::string t = closed_ticket(box, "华东机械厂", "李四");
  box.ok("ticket close " + t);
  const std::string survey = box.file("surveys/2026-11/S-2611-0001.yaml");
  box.fails("survey record 1 attitud=4", 1,
            "svc: error: 'attitud' is not an item of the visit survey; items: attitude, skill, "
            "arrival, promise\n");
  box.fails("survey record 1 attitude=5", 1,
            "svc: error: attitude=5: the visit survey's levels are 4 (很满意), 3 (满意), 2 "
            "(不太满意), 1 (不满意)\n");
  box.fails("survey record 1 attitude", 2,
            "svc: error: 'attitude' is not an answer like attitude=4 (ITEM=LEVEL)\n");
  box.fails("survey record 1", 2,
            "svc: error: give the answers as ITEM=LEVEL (items: attitude, skill, arrival, "
            "promise) or a --comment\n");
  box.fails("survey record 1 skill=3 --amend", 1,
            "svc: error: S-2611-0001 is not recorded yet; record it without --amend\n");
  box.fails("survey new --template weekly --customer x", 2,
            "svc: error: --template 'weekly' is not one of: visit, complaint, return, property, "
            "annual\n");
  box.fails("survey new --template visit", 2,
            "svc: error: --customer is required (or --ticket, --complaint, --return)\n");
  box.fails("survey new --template visit --ticket 0009", 3,
            "svc: error: no ticket matches '0009'\n");
  CHECK(box.file("surveys/2026-11/S-2611-0001.yaml") == survey);
  // A broken ticket stops the recording: nothing is half-written.
  box.patch("tickets/2026-11/T-2611-0001.yaml", "status: closed", "status: closd");
  auto r = box.run("survey record 1 attitude=4");
  CHECK(r.code == 3);
  CHECK(r.err.find("nothing was changed: run `svc check`") != std::string::npos);
  CHECK(box.file("surveys/2026-11/S-2611-0001.yaml") == survey);
  box.patch("tickets/2026-11/T-2611-0001.yaml", "status: closd", "status: closed");
  // Two of the four items left out: recorded, and the office is told which.
  auto partial = box.run("survey record 1 attitude=4 arrival=2");
  CHECK(partial.code == 0);
  CHECK(partial.out == "S-2611-0001: 已回收\nT-2611-0001: 回访 按时\n");
  CHECK(partial.err ==
        "svc: warning: S-2611-0001 has 2 items unanswered (skill, promise); add them: svc survey "
        "record S-2611-0001 ITEM=LEVEL --amend\n");
  box.fails("survey record 1 skill=4", 1,
            "svc: error: S-2611-0001 was recorded on 2026-11-23; to change answers: svc survey "
            "record S-2611-0001 ITEM=LEVEL... --amend\n");
  box.fails("survey record 1 attitude=4 --amend", 1,
            "svc: error: S-2611-0001 already holds these answers; nothing to amend\n");
  CHECK(box.ok("survey record 1 arrival=3 --amend") == "S-2611-0001: 已回收\n");
  CHECK(box.file("surveys/2026-11/S-2611-0001.yaml")
            .find("answers:\n  attitude: 4\n  arrival: 3\n") != std::string::npos);
  // The rest given: no warning.
  auto whole = box.run("survey record 1 skill=3 promise=满意 --amend");
  CHECK(whole.code == 0);
  CHECK(whole.err.empty());
  // A level changed by hand to one the template does not have is caught by check.
  box.patch("surveys/2026-11/S-2611-0001.yaml", "  attitude: 4\n", "  attitude: 6\n");
  r = box.run("check");
  CHECK(r.code == 3);
  CHECK(r.err.find("surveys/2026-11/S-2611-0001.yaml:11:13: answers.attitude '6' is not a level "
                   "of the visit survey") != std::string::npos);
  r = box.run("survey stats");
  CHECK(r.code == 3);
  CHECK(r.err.find("1 file could not be read; the list is incomplete") != std::string::npos);
}

TEST_CASE("survey: one survey per ticket, settable off, and after returns and complaints") {
  Sandbox box;
  box.init();
  std::string t = closed_ticket(box, "华东机械厂", "李四");
  box.ok("ticket close " + t);
  box.ok("ticket reopen " + t + " --reason 故障复现");
  box.ok("ticket resolve " + t + " --resolution 更换主轴");
  box.ok("ticket sign " + t + " --by 陈工");
  // The ticket keeps its survey through the reopen: closing again creates none.
  CHECK(box.ok("ticket close " + t) == t + ": 已关闭\n");
  CHECK(box.file("tickets/2026-11/T-2611-0001.yaml").find("\nsurvey: S-2611-0001\n") !=
        std::string::npos);
  box.patch("svc.yaml", "    ticket: visit", "    ticket: none");
  std::string t2 = closed_ticket(box, "宏达纺织", "张三");
  CHECK(box.ok("ticket close " + t2) == t2 + ": 已关闭\n");
  box.patch("svc.yaml", "    ticket: none", "    ticket: visit");
  box.patch("svc.yaml", "  auto: true", "  auto: false");
  std::string t3 = closed_ticket(box, "远东食品", "张三");
  CHECK(box.ok("ticket close " + t3) == t3 + ": 已关闭\n");
  box.patch("svc.yaml", "  auto: false", "  auto: true");

  // A return closed after its repair gets the `return` survey (seed 004 Ⅸ 第三十二條).
  box.ok(
      "return new -q --customer 远东食品 --model KX-200 --purchased 2026-10-01 --want repair "
      "--reason defect");
  box.ok("return approve 1");
  box.ok("return receive 1 --qty 1");
  box.ok("return inspect 1 --verdict repair");
  box.ok("return repaired 1");
  CHECK(box.ok("return close 1") == "R-2611-001: 已关闭\nS-2611-0002: 待回收 · 退换货处理满意度\n");

  // A complaint follow-up may record a complaint survey at once.
  std::string c =
      box.ok("complaint new -q --customer 华东机械厂 --category quality --description 异响");
  c.pop_back();
  for (const char* a : {"investigate", "route 1 --dept 质量部", "plan 1 --text 更换", "propose",
                        "accept", "implement", "implemented"})
    box.ok(std::string("complaint ") + a +
           (std::string(a).find(' ') == std::string::npos ? " 1" : ""));
  box.fails(
      "complaint follow-up 1 --satisfaction satisfied --rate speed=9", 1,
      "svc: error: speed=9: the complaint survey's levels are 4 (很满意), 3 (满意), 2 (一般), "
      "1 (不满意)\n");
  CHECK(!svc::test::fs::exists(box.data() / "surveys/2026-11/S-2611-0003.yaml"));
  CHECK(box.ok("complaint follow-up 1 --satisfaction very_satisfied --rate speed=2 --note 还行") ==
        "C-2611-001: 已执行\nS-2611-0003: 已回收\n");
  std::string s = box.file("surveys/2026-11/S-2611-0003.yaml");
  CHECK(s.find("template: complaint\n") != std::string::npos);
  CHECK(s.find("links:\n  complaint: C-2611-001\n") != std::string::npos);
  CHECK(s.find("answers:\n  result: 4\n  speed: 2\ncomment: 还行\n") != std::string::npos);
  CHECK(box.file("complaints/2026-11/C-2611-001.yaml").find("survey: S-2611-0003}") !=
        std::string::npos);
  CHECK(box.ok("survey stats --template complaint --format csv")
            .find("complaint,item,result,处理结果,,,,1,1,1,4\n") != std::string::npos);
  // By hand: a property questionnaire, levels by label.
  CHECK(box.ok("survey new -q --template property --customer '3栋1202 王女士'") == "S-2611-0004\n");
  box.ok(
      "survey record 4 admin_initiative=满意 patrol=基本满意 parking=不满意 --comment 停车位太少");
  CHECK(box.ok("survey stats --template property --format csv")
            .find("property,section,security,保安部,,,,2,1,0.5,1.5\n") != std::string::npos);
  // By hand about a closed ticket that got none: customer and technician come from the ticket;
  // answered after the 48 hours, the follow-up it stands for is late.
  box.now = "2026-11-26T09:00";
  CHECK(box.ok("survey new -q --template visit --ticket " + t2) == "S-2611-0005\n");
  CHECK(
      box.file("surveys/2026-11/S-2611-0005.yaml")
          .find("customer:\n  name: 宏达纺织\ntechnician: 张三\nlinks:\n  ticket: T-2611-0002\n") !=
      std::string::npos);
  CHECK(box.ok("survey record 5 attitude=4") == "S-2611-0005: 已回收\nT-2611-0002: 回访 超时\n");
  CHECK(box.run("check").code == 0);
}

TEST_CASE("survey: a survey sent in one month and answered in the next counts in each") {
  Sandbox box;
  box.init();
  box.now = "2026-10-30T09:00";
  std::string t = closed_ticket(box, "华东机械厂", "李四");
  box.ok("ticket close " + t);
  box.now = "2026-11-02T10:00";
  box.ok("survey record 1 attitude=4 skill=2");
  CHECK(box.ok("survey stats --month 2026-10 --format csv") ==
        "template,scope,key,label,created,created_recorded,responses,answers,positive,rate,mean\n"
        ",all,,,1,1,0,0,0,,\n"
        "visit,template,visit,技术员服务评价,1,1,0,0,0,,\n"
        "visit,section,technician,对技术员的评价,,,,0,0,,\n"
        "visit,item,attitude,服务态度,,,,0,0,,\n"
        "visit,item,skill,技术水平,,,,0,0,,\n"
        "visit,item,arrival,到达时间,,,,0,0,,\n"
        "visit,item,promise,答应事项的办理,,,,0,0,,\n");
  CHECK(box.ok("survey stats --month 2026-11") ==
        "满意度统计 2026-11\n"
        "本期发出 0  本期回收 1  本期发出的回收率 —  满意率 50.0% (1/2)\n"
        "\n"
        "技术员服务评价 (visit)\n"
        "本期发出 0  本期回收 1  本期发出的回收率 —  满意率 50.0% (1/2)  均分 3.00\n"
        "项目            分组            回答  满意率        均分\n"
        "服务态度        对技术员的评价  1     100.0% (1/1)  4.00\n"
        "技术水平        对技术员的评价  1     0.0% (0/1)    2.00\n"
        "到达时间        对技术员的评价  0     —             —\n"
        "答应事项的办理  对技术员的评价  0     —             —\n"
        "\n"
        "技术员  本期回收  回答  满意率       均分\n"
        "李四    1         2     50.0% (1/2)  3.00\n");
}
