// svc report: a month of activity entered through the CLI, its figures checked by hand, and
// every report in every format against golden files (tests/golden/report/), rerun to the byte,
// on that month with October and December around it (a quarter whose months differ).
#include <vector>

#include "harness.hpp"

using svc::test::Sandbox;
namespace fs = svc::test::fs;

namespace {

// Runs one action at the given time; the actions of a data set, in time order.
struct Entry {
  Sandbox& box;
  void operator()(const std::string& when, const std::string& args) const {
    box.now = when;
    box.ok(args);
  }
};

const std::string kCall =
    "ticket new -q --zone urban --model KX-200 --purchased 2026-06-01 --warranty-months 12 ";

// November 2026, small enough to count by hand:
//   T1 is answered and visited on time, is closed, its visit survey says 4 4 3 4;
//   T2 arrives a day late, is closed, its survey says 3 2 1 3 with a comment;
//   T3 is assigned and never visited (open and overdue at the end of the month);
//   T4 is cancelled; C1 is routed to 质量部 (substantiated), C2 rejected;
//   R1 is refunded 3 x 12.80 = 38.40.
// Full IDs: the golden data set has the same serials in October and December.
void november(Sandbox& box) {
  Entry at{box};
  at("2026-11-02T09:00", kCall + "--customer 华东机械厂 --description 主轴异响");
  at("2026-11-02T09:10", "ticket assign T-2611-0001 --to 李四");
  at("2026-11-02T09:20", "ticket respond T-2611-0001");
  at("2026-11-02T11:00", "ticket arrive T-2611-0001");
  at("2026-11-02T14:00", "ticket resolve T-2611-0001 --resolution 更换轴承 --hours 2.5");
  at("2026-11-02T14:05", "ticket sign T-2611-0001 --by 陈工");
  at("2026-11-02T15:00", "ticket close T-2611-0001");
  at("2026-11-03T09:00", kCall + "--customer 宏达纺织 --description 皮带打滑");
  at("2026-11-03T09:10", "ticket assign T-2611-0002 --to 王五");
  at("2026-11-04T09:00", "ticket arrive T-2611-0002");
  at("2026-11-04T09:30", "ticket part T-2611-0002 --part V带 --qty 2 --price 18");
  at("2026-11-04T11:00", "ticket resolve T-2611-0002 --resolution 更换V带 --hours 1");
  at("2026-11-04T11:05", "ticket sign T-2611-0002 --by 王厂长");
  at("2026-11-04T15:00", "ticket close T-2611-0002");
  at("2026-11-04T09:00", kCall + "--customer 华东机械厂 --description 控制柜报警");
  at("2026-11-04T09:10", "ticket assign T-2611-0003 --to 李四");
  at("2026-11-05T09:00", kCall + "--customer 滨江水厂 --description 漏油");
  at("2026-11-05T09:30", "ticket cancel T-2611-0004 --reason 客户自行解决");
  at("2026-11-03T10:00", "survey record S-2611-0001 attitude=4 skill=4 arrival=3 promise=4");
  at("2026-11-05T10:00",
     "survey record S-2611-0002 attitude=3 skill=2 arrival=1 promise=3 --comment 来得太晚");
  at("2026-11-06T10:00",
     "complaint new -q --customer 华东机械厂 --category quality/production --part-no KX-200 "
     "--description 轴承异响");
  at("2026-11-06T11:00", "complaint investigate C-2611-001");
  at("2026-11-06T14:00", "complaint route C-2611-001 --dept 质量部");
  at("2026-11-09T10:00",
     "complaint new -q --customer 宏达纺织 --category other/attitude --description 态度生硬");
  at("2026-11-09T11:00", "complaint investigate C-2611-002");
  at("2026-11-09T15:00", "complaint reject C-2611-002 --finding 沟通误会 --reply 已致歉");
  at("2026-11-10T09:00",
     "return new -q --customer 华东机械厂 --model KX-200 --qty 3 --price 12.80 --purchased "
     "2026-11-01 --want refund --reason defect --condition "
     "resaleable,packaging_intact,accessories_complete,warranty_card");
  at("2026-11-10T10:00", "return approve R-2611-001");
  at("2026-11-11T09:00", "return receive R-2611-001 --qty 3");
  at("2026-11-11T10:00", "return inspect R-2611-001 --verdict restock");
  at("2026-11-11T11:00", "return credit R-2611-001 --note-no CN-2611-01");
}

// October 2026, all of it ended within the month (November's figures stay as counted above):
//   T-2610-0001 on time throughout, closed, its survey 4 4 4 4; T-2610-0002 (suburban) arrives
//   two days on, its follow-up is late and its survey dropped; T-2610-0003 a paid consultation
//   resolved by phone (no arrival step), its survey left pending; C-2610-001 substantiated,
//   carried out and closed; R-2610-001 exchanged and closed, its survey 4 3 4.
void october(Sandbox& box) {
  Entry at{box};
  at("2026-10-12T09:00", kCall + "--customer 华东机械厂 --description 主轴异响");
  at("2026-10-12T09:10", "ticket assign T-2610-0001 --to 王五");
  at("2026-10-12T09:30", "ticket respond T-2610-0001");
  at("2026-10-12T13:00", "ticket arrive T-2610-0001");
  at("2026-10-12T15:00", "ticket resolve T-2610-0001 --resolution 调整主轴间隙 --hours 1.5");
  at("2026-10-12T15:10", "ticket sign T-2610-0001 --by 陈工");
  at("2026-10-12T16:00", "ticket close T-2610-0001");
  at("2026-10-13T09:00", "survey record S-2610-0001 attitude=4 skill=4 arrival=4 promise=4");
  at("2026-10-13T10:00",
     "complaint new -q --customer 滨江水厂 --category quality/production --part-no KX-300 "
     "--description 新换油管渗油");
  at("2026-10-13T11:00", "complaint investigate C-2610-001");
  at("2026-10-13T15:00", "complaint route C-2610-001 --dept 质量部");
  at("2026-10-14T10:00",
     "ticket new -q --zone suburban --model KX-300 --purchased 2026-01-10 --warranty-months 12 "
     "--customer 滨江水厂 --description 液压站漏油");
  at("2026-10-14T10:20", "ticket assign T-2610-0002 --to 李四");
  at("2026-10-14T10:30", "ticket respond T-2610-0002");
  at("2026-10-15T10:00", "complaint plan C-2610-001 --text 更换同批次油管");
  at("2026-10-15T11:00", "complaint propose C-2610-001");
  at("2026-10-15T14:00", "complaint accept C-2610-001");
  at("2026-10-16T09:00", "complaint implement C-2610-001");
  at("2026-10-16T10:00", "ticket arrive T-2610-0002");
  at("2026-10-16T10:30", "ticket part T-2610-0002 --part 密封圈 --qty 4 --price 6.50");
  at("2026-10-16T14:00", "ticket resolve T-2610-0002 --resolution 更换密封圈 --hours 3");
  at("2026-10-16T14:10", "ticket sign T-2610-0002 --by 赵科长");
  at("2026-10-19T09:00", "ticket close T-2610-0002");
  at("2026-10-19T16:00", "complaint implemented C-2610-001");
  at("2026-10-20T09:00",
     "ticket new -q --kind consult --customer 宏达纺织 --description 咨询保养周期");
  at("2026-10-20T09:05", "ticket assign T-2610-0003 --to 王五");
  at("2026-10-20T09:06", "ticket respond T-2610-0003");
  at("2026-10-20T09:30", "ticket resolve T-2610-0003 --resolution 电话说明保养周期 --remote");
  at("2026-10-20T09:35", "ticket sign T-2610-0003 --by 周主任");
  at("2026-10-20T09:38", "ticket fee T-2610-0003 --amount 150 --settled paid");
  at("2026-10-20T09:40", "ticket close T-2610-0003");
  at("2026-10-21T10:00", "survey drop S-2610-0002 --reason 三次联系不上");
  at("2026-10-22T10:00", "complaint follow-up C-2610-001 --satisfaction satisfied");
  at("2026-10-22T10:30", "complaint close C-2610-001");
  at("2026-10-26T09:00",
     "return new -q --customer 宏达纺织 --model KX-100 --qty 1 --price 980 --purchased "
     "2026-10-20 --want exchange --reason defect --condition "
     "packaging_intact,accessories_complete,warranty_card");
  at("2026-10-26T10:00", "return approve R-2610-001");
  at("2026-10-27T09:00", "return receive R-2610-001 --qty 1");
  at("2026-10-27T10:00", "return inspect R-2610-001 --verdict supplier");
  at("2026-10-28T09:00", "return exchange R-2610-001 --serial KX1-0456");
  at("2026-10-29T09:00", "return close R-2610-001");
  at("2026-10-30T10:00", "survey record S-2610-0004 result=4 speed=3 attitude=4");
}

// December 2026 up to the 16th: T-2612-0001 (华东机械厂's third call of the quarter) on time,
// closed, its survey 4 3 4 4; T-2612-0002 (remote zone, out of warranty) visited and never
// resolved; T-2612-0003 never assigned; C-2612-001 routed (a third 轴承 complaint); R-2612-001
// refunded 2 x 45.50 = 91.00.
void december(Sandbox& box) {
  Entry at{box};
  at("2026-12-07T09:00", kCall + "--customer 华东机械厂 --description 主轴又响");
  at("2026-12-07T09:05", "ticket assign T-2612-0001 --to 李四");
  at("2026-12-07T09:15", "ticket respond T-2612-0001");
  at("2026-12-07T10:30", "ticket arrive T-2612-0001");
  at("2026-12-07T11:00", "ticket part T-2612-0001 --part 轴承 --qty 1 --price 120");
  at("2026-12-07T12:00", "ticket resolve T-2612-0001 --resolution 更换轴承并校准 --hours 2");
  at("2026-12-07T12:10", "ticket sign T-2612-0001 --by 陈工");
  at("2026-12-07T13:00", "ticket close T-2612-0001");
  at("2026-12-08T09:00", "survey record S-2612-0001 attitude=4 skill=3 arrival=4 promise=4");
  at("2026-12-08T10:00",
     "complaint new -q --customer 华东机械厂 --category quality/production --part-no KX-200 "
     "--description 轴承又响");
  at("2026-12-08T11:00", "complaint investigate C-2612-001");
  at("2026-12-08T15:00", "complaint route C-2612-001 --dept 质量部");
  at("2026-12-09T09:00",
     "ticket new -q --kind maintenance --zone remote --model KX-300 --purchased 2025-05-01 "
     "--warranty-months 12 --customer 宏达纺织 --description 年度保养");
  at("2026-12-09T09:30", "ticket assign T-2612-0002 --to 王五");
  at("2026-12-09T10:00", "ticket respond T-2612-0002");
  at("2026-12-11T15:00", "ticket arrive T-2612-0002");
  at("2026-12-14T10:00", kCall + "--customer 滨江水厂 --description 压力不稳");
  at("2026-12-15T09:00",
     "return new -q --customer 华东机械厂 --model KX-200 --qty 2 --price 45.50 --purchased "
     "2026-12-01 --want refund --reason defect --condition "
     "resaleable,packaging_intact,accessories_complete,warranty_card");
  at("2026-12-15T10:00", "return approve R-2612-001");
  at("2026-12-16T09:00", "return receive R-2612-001 --qty 2");
  at("2026-12-16T10:00", "return inspect R-2612-001 --verdict restock");
  at("2026-12-16T11:00", "return credit R-2612-001 --note-no CN-2612-01");
}

const fs::path kGolden = fs::path(SVC_TEST_DATA).parent_path() / "golden" / "report";

// Compares with the golden file; SVC_UPDATE_GOLDEN=1 writes it instead (then review the diff).
// Columns a line takes on a terminal: CJK and other wide scripts two, the rest one (block
// and box characters, dashes included).
int columns(const std::string& line) {
  int width = 0;
  for (size_t i = 0; i < line.size();) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xff >> (n + 1));
    for (size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(line[i + k]) & 0x3f);
    width += cp >= 0x2e80 && !(cp >= 0xff61 && cp <= 0xffdc) ? 2 : 1;
    i += n;
  }
  return width;
}

void golden(const std::string& name, const std::string& text) {
  // A report on the terminal, in a file or in mail fits 80 columns.
  if (name.size() > 6 && name.substr(name.size() - 6) == ".table")
    for (size_t p = 0, q; p < text.size(); p = q + 1) {
      q = text.find('\n', p);
      std::string line = text.substr(p, q - p);
      INFO(name << ": " << line);
      CHECK(columns(line) <= 80);
    }
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
  box.init();
  november(box);
  box.now = "2026-12-03T08:00";
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
  CHECK(box.ok("report monthly --month 2026-09").find("  投诉率  —     —     < 3%   —\n") !=
        std::string::npos);
  box.fails("report monthly --month 2026-13", 2,
            "svc: error: --month '2026-13' is not like 2026-11\n");
  box.fails("report quarterly --quarter 2026Q5", 2,
            "svc: error: --quarter '2026Q5' is not like 2026Q4\n");
}

TEST_CASE("report: every report in every format, byte for byte, whatever the day it runs") {
  // A quarter: the monthly report (November, by default on 21 December), the quarter and a
  // period across three months each count other records.
  Sandbox box;
  box.init();
  october(box);
  november(box);
  december(box);
  box.now = "2026-12-21T08:00";
  const std::vector<std::string> all = {"table", "md", "csv", "json", "yaml", "html"};
  const std::vector<std::pair<std::string, std::vector<std::string>>> reports = {
      {"report monthly", all},
      {"report quarterly --quarter 2026Q4", all},
      {"report period --from 2026-10-16 --to 2026-12-15", all},
      {"report technician --month 2026-11", all},
      {"report recurring --from 2026-10-01 --to 2026-12-31", all},
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
      box.now = "2026-12-21T08:00";
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
        "李四\n  T-2611-0001  响应  剩余 1小时  (期限 2026-11-02 10:00)  华东机械厂\n");
  box.now = "2026-11-02T10:30";
  CHECK(box.ok("report overdue") ==
        "李四\n  T-2611-0001  响应  逾期 30分 工作时间  (期限 2026-11-02 10:00)  华东机械厂\n");
  box.fails("report overdue --within soon", 2,
            "svc: error: --within 'soon' is not a span like 4h, 24h or 2d\n");
}
