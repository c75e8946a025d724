// A hand-edited typed value or event key that svc cannot trust is named by check with
// path:line:column, refused by every action, and never counted as zero by a report (issue 21).
#include <algorithm>
#include <vector>

#include "harness.hpp"

using svc::test::Sandbox;

namespace {

const std::string kFile = "tickets/2026-11/T-2611-0001.yaml";

// Two resolved calls of 李四 in November: 0001 with a part and 7.5 h, 0002 with 2 h.
Sandbox two_calls() {
  Sandbox box;
  box.init();
  box.ok("ticket new -q --customer 甲 --zone urban");
  box.ok("ticket new -q --customer 乙 --zone urban");
  for (const char* id : {"0001", "0002"}) {
    box.ok(fmt::format("ticket assign {} --to 李四 -q", id));
    box.ok(fmt::format("ticket arrive {} -q", id));
  }
  box.ok("ticket part 0001 --part 轴承 --qty 2 --price 35.5 -q");
  box.ok("ticket resolve 0001 --resolution 换 --hours 7.5 -q");
  box.ok("ticket resolve 0002 --resolution 换 --hours 2 -q");
  return box;
}

// "path:line:column" of the n-th `needle` in the file (columns in bytes, as the reader counts).
std::string at(const Sandbox& box, const std::string& needle, int n = 1) {
  const std::string text = box.file(kFile);
  size_t p = std::string::npos;
  for (int i = 0; i < n; ++i) p = text.find(needle, p == std::string::npos ? 0 : p + 1);
  REQUIRE(p != std::string::npos);
  size_t line_start = text.rfind('\n', p) + 1;
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + p, '\n'));
  return fmt::format("{}:{}:{}", kFile, line, p - line_start + 1);
}

// check lists `problems`; a report warns with the first, leaves the file out and exits 3; an
// action on the record exits 3 and changes nothing.
void refused(const Sandbox& box, const std::vector<std::string>& problems,
             const std::string& technician_row) {
  std::string listed;
  for (const auto& p : problems) listed += p + "\n";
  box.fails("check", 3,
            fmt::format("{}svc: error: {} problem{} found\n", listed, problems.size(),
                        problems.size() == 1 ? "" : "s"));
  svc::test::Result report = box.run("report technician --month 2026-11 --format csv");
  CHECK(report.code == 3);
  CHECK(report.err == "svc: warning: " + problems.front() +
                          "\nsvc: error: 1 file could not be read; the report is incomplete\n");
  CHECK_MESSAGE(report.out.find("\n" + technician_row + "\n") != std::string::npos, report.out);
  const std::string before = box.file(kFile);
  box.fails("ticket note 0001 来电", 3,
            "svc: error: " + problems.front() +
                "; nothing was changed: run `svc check` and mend the file first\n");
  CHECK(box.file(kFile) == before);
}

}  // namespace

TEST_CASE("labour_hours: 1_5 is refused, not counted as 0 h (nor as 15 h)") {
  Sandbox box = two_calls();
  box.ok("check");  // sound, both calls count: 7.5 h + 2 h
  CHECK(box.ok("report technician --month 2026-11 --format csv").find("\n李四,2,0,2,2,1,9.50,2,") !=
        std::string::npos);
  // Unquoted, YAML 1.1 reads 1_5 as 15 and YAML 1.2 as text: refused before it is a number.
  const std::string before = box.file(kFile);
  box.patch(kFile, "labour_hours: 7.5", "labour_hours: 1_5");
  refused(box,
          {at(box, "1_5") + ": '1_5' unquoted is read differently by YAML readers (1.1 and 1.2 "
                            "disagree on such numbers, dates and words, or refuse it); write "
                            "\"1_5\" if it is text"},
          "李四,1,0,1,1,1,2.00,0,0.00,0,0,,,,,,0,0.00");
  // Quoted, every reader reads the text 1_5, and it is no number of hours.
  svc::test::spit(box.data() / kFile, before);
  box.patch(kFile, "labour_hours: 7.5", "labour_hours: \"1_5\"");
  const std::string allowed = "is not a number of hours like 1.5 (no sign, at most two decimals)";
  refused(box,
          {at(box, "\"1_5\"") + ": labour_hours '1_5' " + allowed,
           at(box, "\"1_5\"", 2) + ": event 'resolve': labour_hours '1_5' " + allowed},
          "李四,1,0,1,1,1,2.00,0,0.00,0,0,,,,,,0,0.00");
}

TEST_CASE("qty: abc in a part is refused, not counted as 0 parts") {
  Sandbox box = two_calls();
  box.patch(kFile, "qty: 2,", "qty: abc,");
  refused(box,
          {at(box, "abc") + ": parts.qty 'abc' is not a positive whole number like 2",
           at(box, "abc", 2) + ": event 'part': qty 'abc' is not a positive whole number like 2"},
          "李四,1,0,1,1,1,2.00,0,0.00,0,0,,,,,,0,0.00");
}

TEST_CASE("an event with b: for by: is refused: who did it is not known") {
  Sandbox box = two_calls();
  box.patch(kFile, "by: 前台小王, do: arrive", "b: 前台小王, do: arrive");
  refused(
      box,
      {at(box, "{at: 2026-11-23T09:00:00+08:00, b:") + ": event 'arrive' has no 'by' (who did it)",
       at(box, "前台小王, do: arrive") +
           ": event 'arrive': unknown key 'b'; it holds only at, by, do, paused, due"},
      "李四,1,0,1,1,1,2.00,0,0.00,0,0,,,,,,0,0.00");
}
