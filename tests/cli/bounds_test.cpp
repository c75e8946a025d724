// Settings within bounds: svc.yaml's own size limit, lists of a sensible length, a working-time
// search that gives up instead of guessing; and survey stats that carry on past a bad file
// (trustworthy records, items 8 and 9).
#include <algorithm>
#include <vector>

#include "harness.hpp"

using svc::test::Sandbox;

namespace {

// svc.yaml's own text with `lines` added at its end.
void append_settings(Sandbox& box, const std::string& lines) {
  svc::test::spit(box.data() / "svc.yaml", box.file("svc.yaml") + lines);
}

std::string oversized_message(size_t bytes) {
  return fmt::format(
      "svc: error: svc.yaml: the file is {} bytes; svc.yaml may have at most 262144 (256 KiB): "
      "settings, not records\n",
      bytes);
}

// A svc.yaml whose holidays cover 2026 to 2126, each year as `ranges_of` lists its ranges, with
// no make-up working day.
template <typename Ranges>
std::string century_of_holidays(Ranges ranges_of) {
  std::string text = "calendar:\n  workdays: []\n  holidays:\n";
  for (int year = 2026; year <= 2126; ++year)
    for (const auto& range : ranges_of(year)) text += "    - " + range + "\n";
  return text;
}

int days_in_month(int y, int m) {
  if (m == 2) return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

}  // namespace

TEST_CASE("an oversized svc.yaml is refused by its own limit, with words naming svc.yaml") {
  Sandbox box;
  box.init();
  // Over svc.yaml's limit but under a record's: accepted before, whatever it held.
  append_settings(box, "# " + std::string(300 * 1024, 'x') + "\n");
  size_t bytes = box.file("svc.yaml").size();
  box.fails("ticket list", 3, oversized_message(bytes));
  box.fails("ticket new -q --customer 甲", 3, oversized_message(bytes));
  CHECK_FALSE(std::filesystem::exists(box.data() / "tickets" / "2026-11"));
  // Far over: told by its size, in the same words.
  std::filesystem::resize_file(box.data() / "svc.yaml", std::uintmax_t{64} << 20);
  box.fails("ticket list", 3, oversized_message(std::uintmax_t{64} << 20));
}

TEST_CASE("74 000 complaint categories are refused at once, and more than 1000 by their count") {
  Sandbox box;
  box.init();
  std::string many = "complaints:\n  categories:\n";
  for (int i = 0; i < 74000; ++i) many += fmt::format("   c{}: x\n", i);
  svc::test::spit(box.data() / "svc.yaml", many);
  box.fails("ticket list", 3, oversized_message(many.size()));
  box.fails("complaint list", 3, oversized_message(many.size()));

  // Under the size limit, a list longer than svc.yaml's own limit for it (the shipped 13 count).
  std::string some = "complaints:\n  categories:\n";
  for (int i = 0; i < 5000; ++i) some += fmt::format("    c{}: x\n", i);
  svc::test::spit(box.data() / "svc.yaml", some);
  box.fails("ticket list", 3,
            "svc: error: svc.yaml:3:5: complaints.categories holds 5013 categories; svc.yaml may "
            "hold at most 1000\n");
  // 987 and the shipped 13 load.
  std::string thousand = "complaints:\n  categories:\n";
  for (int i = 0; i < 987; ++i) thousand += fmt::format("    c{}: 类别{}\n", i, i);
  svc::test::spit(box.data() / "svc.yaml", thousand);
  CHECK(box.ok("ticket list") == "编号  状态  类别  客户  技术员  下一期限  逾期\n");
}

TEST_CASE("a survey scale of 50 000 levels is refused, by size or by its count of levels") {
  Sandbox box;
  box.init();
  auto scale_of = [](int levels, bool block) {
    std::string text = "surveys:\n  templates:\n    visit:\n      label: 评价\n      scale:";
    for (int i = levels; i >= 1; --i)
      text += block ? fmt::format("\n        {}: 级{}", i, i)
                    : fmt::format("{}{}: l", i == levels ? " {" : ", ", i);
    text += block ? "\n" : "}\n";
    return text + "      positive: [2]\n      sections:\n        s:\n          items: {a: 问}\n";
  };
  std::string huge = scale_of(50000, true);
  svc::test::spit(box.data() / "svc.yaml", huge);
  box.fails("ticket list", 3, oversized_message(huge.size()));
  svc::test::spit(box.data() / "svc.yaml", scale_of(20000, false));
  box.fails("survey list", 3,
            "svc: error: svc.yaml:5:14: surveys.templates.visit.scale holds 20000 levels; svc.yaml "
            "may hold at most 9\n");
  svc::test::spit(box.data() / "svc.yaml", scale_of(9, true));
  CHECK(box.ok("survey list").find("编号") == 0);
}

TEST_CASE("survey stats carry on past a bad survey file in every format, and exit 3") {
  Sandbox box;
  box.init();
  box.ok("survey new -q --template visit --customer 华东机械厂 --technician 李四");
  box.ok("survey new -q --template visit --customer 宏达纺织 --technician 张三");
  box.ok("survey record 0001 attitude=4 skill=3 arrival=2 promise=4");
  box.patch("surveys/2026-11/S-2611-0002.yaml", "status: pending", "status: [pending");
  const std::string warned_prefix = "svc: warning: surveys/2026-11/S-2611-0002.yaml:";
  const std::string incomplete = "svc: error: 1 file could not be read; the list is incomplete\n";
  for (const char* format : {"json", "yaml", "csv", "md", "table"}) {
    auto r = box.run(std::string("survey stats --format ") + format);
    INFO(format << "\n" << r.out << r.err);
    CHECK(r.code == 3);
    CHECK(r.err.rfind(warned_prefix, 0) == 0);
    CHECK(r.err.ends_with(incomplete));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 2);  // one warning, one error
    CHECK_FALSE(r.out.empty());
  }
  auto r = box.run("survey stats --format json");
  CHECK(r.out.find("\n  \"created\": 1,\n  \"created_recorded\": 1,\n") != std::string::npos);
  CHECK(r.out.find("\n  \"answers\": 4,\n  \"positive\": 3,\n") != std::string::npos);
  svc::test::spit(box.root() / "stats.json", r.out);
  std::string check = "python3 -c 'import json,sys; json.load(open(sys.argv[1]))' '" +
                      (box.root() / "stats.json").string() + "'";
  CHECK(std::system(check.c_str()) == 0);  // the JSON whole, as a script reads it
}

TEST_CASE("a century of holidays: a deadline is never on a holiday, and none found is refused") {
  Sandbox box;
  box.init();
  // Every day a holiday from 2026 to 2126: no working time to count a deadline in.
  svc::test::spit(box.data() / "svc.yaml", century_of_holidays([](int y) {
                    return std::vector<std::string>{fmt::format("{}-01-01..{}-12-31", y, y)};
                  }));
  box.fails("ticket new -q --customer 甲 --zone urban", 3,
            "svc: error: svc.yaml: the calendar has no working time for the respond deadline from "
            "2026-11-23 (a year on end without a working day, or the deadline over ten years "
            "ahead); check calendar.holidays\n");
  CHECK_FALSE(std::filesystem::exists(box.data() / "tickets" / "2026-11"));

  // Every day a holiday but the first of each month: deadlines land on those firsts.
  svc::test::spit(box.data() / "svc.yaml", century_of_holidays([](int y) {
                    std::vector<std::string> ranges;
                    for (int m = 1; m <= 12; ++m)
                      ranges.push_back(fmt::format("{}-{:02}-02..{}-{:02}-{:02}", y, m, y, m,
                                                   days_in_month(y, m)));
                    return ranges;
                  }));
  CHECK(box.ok("ticket new -q --customer 甲 --zone urban") == "T-2611-0001\n");
  std::string ticket = box.file("tickets/2026-11/T-2611-0001.yaml");
  INFO(ticket);
  // 1 business hour: Tuesday 1 December; 3 working days: 1 Dec, Friday 1 Jan, Monday 1 Feb.
  CHECK(ticket.find("respond: 2026-12-01T09:30:00+08:00") != std::string::npos);
  CHECK(ticket.find("resolve: 2027-02-01T17:30:00+08:00") != std::string::npos);
}
