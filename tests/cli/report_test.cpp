// svc report: a month of activity entered through the CLI, its figures checked by hand, and
// every report in every format against golden files (tests/golden/report/), rerun to the byte.
#include <vector>

#include "harness.hpp"

using svc::test::Sandbox;
namespace fs = svc::test::fs;

namespace {

// November 2026, small enough to count by hand:
//   T1 is answered and visited on time, is closed, its visit survey says 4 4 3 4;
//   T2 arrives a day late, is closed, its survey says 3 2 1 3 with a comment;
//   T3 is assigned and never visited (open and overdue at the end of the month);
//   T4 is cancelled; C1 is routed to 质量部 (substantiated), C2 rejected;
//   R1 is refunded 3 x 12.80 = 38.40.
void november(Sandbox& box) {
  box.init();
  auto at = [&](const std::string& when, const std::string& args) {
    box.now = when;
    return box.ok(args);
  };
  const std::string call =
      "ticket new -q --zone urban --model KX-200 --purchased 2026-06-01 --warranty-months 12 ";
  at("2026-11-02T09:00", call + "--customer 华东机械厂 --description 主轴异响");
  at("2026-11-02T09:10", "ticket assign 1 --to 李四");
  at("2026-11-02T09:20", "ticket respond 1");
  at("2026-11-02T11:00", "ticket arrive 1");
  at("2026-11-02T14:00", "ticket resolve 1 --resolution 更换轴承 --hours 2.5");
  at("2026-11-02T14:05", "ticket sign 1 --by 陈工");
  at("2026-11-02T15:00", "ticket close 1");
  at("2026-11-03T09:00", call + "--customer 宏达纺织 --description 皮带打滑");
  at("2026-11-03T09:10", "ticket assign 2 --to 王五");
  at("2026-11-04T09:00", "ticket arrive 2");
  at("2026-11-04T09:30", "ticket part 2 --part V带 --qty 2 --price 18");
  at("2026-11-04T11:00", "ticket resolve 2 --resolution 更换V带 --hours 1");
  at("2026-11-04T11:05", "ticket sign 2 --by 王厂长");
  at("2026-11-04T15:00", "ticket close 2");
  at("2026-11-04T09:00", call + "--customer 华东机械厂 --description 控制柜报警");
  at("2026-11-04T09:10", "ticket assign 3 --to 李四");
  at("2026-11-05T09:00", call + "--customer 滨江水厂 --description 漏油");
  at("2026-11-05T09:30", "ticket cancel 4 --reason 客户自行解决");
  at("2026-11-03T10:00", "survey record 1 attitude=4 skill=4 arrival=3 promise=4");
  at("2026-11-05T10:00",
     "survey record 2 attitude=3 skill=2 arrival=1 promise=3 --comment 来得太晚");
  at("2026-11-06T10:00",
     "complaint new -q --customer 华东机械厂 --category quality/production --part-no KX-200 "
     "--description 轴承异响");
  at("2026-11-06T11:00", "complaint investigate 1");
  at("2026-11-06T14:00", "complaint route 1 --dept 质量部");
  at("2026-11-09T10:00",
     "complaint new -q --customer 宏达纺织 --category other/attitude --description 态度生硬");
  at("2026-11-09T11:00", "complaint investigate 2");
  at("2026-11-09T15:00", "complaint reject 2 --finding 沟通误会 --reply 已致歉");
  at("2026-11-10T09:00",
     "return new -q --customer 华东机械厂 --model KX-200 --qty 3 --price 12.80 --purchased "
     "2026-11-01 --want refund --reason defect --condition "
     "resaleable,packaging_intact,accessories_complete,warranty_card");
  at("2026-11-10T10:00", "return approve 1");
  at("2026-11-11T09:00", "return receive 1 --qty 3");
  at("2026-11-11T10:00", "return inspect 1 --verdict restock");
  at("2026-11-11T11:00", "return credit 1 --note-no CN-2611-01");
  box.now = "2026-12-03T08:00";
}

const fs::path kGolden = fs::path(SVC_TEST_DATA).parent_path() / "golden" / "report";

// Compares with the golden file; SVC_UPDATE_GOLDEN=1 writes it instead (then review the diff).
void golden(const std::string& name, const std::string& text) {
  const fs::path file = kGolden / name;
  if (const char* update = std::getenv("SVC_UPDATE_GOLDEN"); update && std::string(update) == "1")
    svc::test::spit(file, text);
  INFO("golden file " << file.string());
  REQUIRE(fs::exists(file));
  CHECK(svc::test::slurp(file) == text);
}

}  // namespace

TEST_CASE("report monthly: the figures of a month entered by hand, counted by SPEC §8") {
  Sandbox box;
  november(box);
  std::string json = box.ok("report monthly --format json");  // 3 Dec: November by default
  auto has = [&](const std::string& s) {
    INFO(s);
    CHECK(json.find(s) != std::string::npos);
  };
  has("\"period\": {\n    \"name\": \"2026-11\",\n    \"from\": \"2026-11-01\",\n    \"to\": "
      "\"2026-11-30\"\n  },");
  has("\"received\": 4,\n    \"closed\": 2,\n    \"cancelled\": 1,");
  // Deadlines in November: T1 met, T2 late, T3 never; T4's are left out (cancelled).
  has("\"on_time\": {\n      \"respond\": 0.3333333333333333,\n      \"arrive\": "
      "0.3333333333333333,\n      \"resolve\": 0.6666666666666666\n    },");
  has("\"backlog\": 1,\n    \"overdue\": 1\n");
  has("\"received\": 2,\n    \"closed\": 0,\n    \"substantiated\": 1,");
  has("\"by_outcome\": {\n      \"refund\": 1\n    },\n    \"credited\": \"38.40\"");
  has("\"responses\": 2,\n    \"response_rate\": 1,\n    \"answers\": 8,\n    \"positive\": 6,\n"
      "    \"satisfaction_rate\": 0.75,");
  has("\"targets\": {\n    \"on_time\": {\n      \"value\": 0.3333333333333333,\n      \"target\": "
      "0.9,\n      \"met\": false\n    },\n    \"satisfaction\": {\n      \"value\": 0.75,\n      "
      "\"target\": 0.85,\n      \"met\": false\n    },\n    \"complaint_rate\": {\n      "
      "\"value\": "
      "0.25,\n      \"target\": 0.03,\n      \"met\": false\n    }\n  }");
  // The same month named, on another day: the same bytes.
  box.now = "2027-03-15T10:00";
  CHECK(box.ok("report monthly --month 2026-11 --format json") == json);
  // An empty month: no rates, not zero ones.
  std::string empty = box.ok("report monthly --month 2026-09 --format json");
  CHECK(empty.find("\"arrive\": null") != std::string::npos);
  CHECK(empty.find("\"complaint_rate\": {\n      \"value\": null,\n      \"target\": 0.03,\n      "
                   "\"met\": null\n    }") != std::string::npos);
  CHECK(box.ok("report monthly --month 2026-09").find("  投诉率  —     < 3%   —\n") !=
        std::string::npos);
  box.fails("report monthly --month 2026-13", 2,
            "svc: error: --month '2026-13' is not like 2026-11\n");
  box.fails("report quarterly --quarter 2026Q5", 2,
            "svc: error: --quarter '2026Q5' is not like 2026Q4\n");
}

TEST_CASE("report: every report in every format, byte for byte, whatever the day it runs") {
  Sandbox box;
  november(box);
  const std::vector<std::string> all = {"table", "md", "csv", "json", "yaml", "html"};
  const std::vector<std::pair<std::string, std::vector<std::string>>> reports = {
      {"report monthly", all},
      {"report quarterly --quarter 2026Q4", all},
      {"report period --from 2026-11-01 --to 2026-11-15", all},
      {"report technician --month 2026-11", all},
      {"report recurring --from 2026-11-01 --to 2026-11-30", all},
      {"report late --month 2026-11", {"table", "md", "csv", "json", "yaml"}},
      {"report overdue", {"table", "csv", "json", "yaml"}},
  };
  for (const auto& [command, formats] : reports)
    for (const auto& format : formats) {
      std::string name = command.substr(7, command.find(' ', 7) - 7) + "." + format;
      std::string text = box.ok(command + " --format " + format);
      golden(name, text);
      if (command.find("overdue") != std::string::npos) continue;  // "as of" now, by design
      box.now = "2027-01-20T16:00";
      std::string later = box.ok(command.find("monthly") != std::string::npos
                                     ? command + " --month 2026-11 --format " + format
                                     : command + " --format " + format);
      INFO(command << " --format " << format);
      CHECK(later == text);
      box.now = "2026-12-03T08:00";
    }
}

TEST_CASE("report overdue is silent when nothing is due, then names what is") {
  Sandbox box;
  box.init();
  box.now = "2026-11-02T09:00";
  box.ok("ticket new -q --customer 华东机械厂 --zone urban --description 异响");
  box.ok("ticket assign 1 --to 李四");
  CHECK(box.ok("report overdue") == "");
  CHECK(box.ok("report overdue --format json") == "[]\n");
  // Respond is due at 10:00: within the next two hours, not yet overdue.
  CHECK(box.ok("report overdue --within 2h") ==
        "李四\n  T-2611-0001  响应  剩余 1h  (期限 2026-11-02 10:00)  华东机械厂\n");
  box.now = "2026-11-02T10:30";
  CHECK(box.ok("report overdue") ==
        "李四\n  T-2611-0001  响应  逾期 30m 工作时间  (期限 2026-11-02 10:00)  华东机械厂\n");
  box.fails("report overdue --within soon", 2,
            "svc: error: --within 'soon' is not a span like 4h, 24h or 2d\n");
}
