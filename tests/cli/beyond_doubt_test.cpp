// Records beyond doubt (issue 21): a stray name never makes a new record overwrite another,
// every name under a kind's folder is accounted for, the merge driver never leaves git a torn
// file, and what svc accepts reads alike in every reader: refused with the quoted form else.
#include <algorithm>
#include <set>
#include <vector>

#include "harness.hpp"

using svc::test::Sandbox;

namespace {

const std::string kFile = "tickets/2026-11/T-2611-0001.yaml";

std::string new_ticket(const Sandbox& box) {
  std::string id = box.ok("ticket new -q --customer 甲 --description 漏水");
  return id.substr(0, id.size() - 1);
}

// Whether Python's json module reads `text` whole.
bool valid_json(const Sandbox& box, const std::string& text) {
  svc::test::spit(box.root() / "out.json", text);
  std::string cmd = fmt::format(
      "python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding=\"utf-8\"))' '{}'",
      (box.root() / "out.json").string());
  return std::system(cmd.c_str()) == 0;
}

}  // namespace

TEST_CASE("a stray name of any width, ending or kind never makes ticket new overwrite a record") {
  // The case: T-2611-99999999.orig, then three new tickets; and an empty file, a folder
  // and a serial wider than any number, each named like a record.
  for (const char* stray : {"T-2611-99999999.orig", "T-2611-0007", "T-2611-0007.yaml.bak",
                            "T-2611-000000000000000000000000000041~"}) {
    Sandbox box;
    box.init();
    INFO(stray);
    svc::test::spit(box.data() / "tickets/2026-11" / stray, "");
    std::set<std::string> ids;
    for (int i = 0; i < 3; ++i) ids.insert(new_ticket(box));
    CHECK(ids.size() == 3);
    for (const auto& id : ids) {
      // Every new ticket is still there, whole, and is no stray's serial.
      CHECK(box.file("tickets/2026-11/" + id + ".yaml").find("id: " + id + "\n") == 0);
      CHECK(std::string(stray).find(id.substr(7)) == std::string::npos);
    }
    CHECK(box.file(std::string("tickets/2026-11/") + stray).empty());
  }
  Sandbox box;
  box.init();
  svc::test::spit(box.data() / "tickets/2026-11/T-2611-99999999.orig", "");
  CHECK(new_ticket(box) == "T-2611-100000000");
  CHECK(new_ticket(box) == "T-2611-100000001");
  // A folder named like the next record: never written over, never taken.
  std::filesystem::create_directories(box.data() / "tickets/2026-11/T-2611-100000002.yaml");
  CHECK(new_ticket(box) == "T-2611-100000003");
  // A record put by hand where no month folder is, or in a folder that is no month's, still
  // holds its ID.
  svc::test::spit(box.data() / "tickets/T-2611-200000000.yaml", "");
  CHECK(new_ticket(box) == "T-2611-200000001");
  svc::test::spit(box.data() / "tickets/2026-11-old/T-2611-300000000.yaml", "");
  CHECK(new_ticket(box) == "T-2611-300000001");
}

TEST_CASE("every name under a kind's folder is accounted for by check, lists and reports") {
  Sandbox box;
  box.init();
  new_ticket(box);
  const std::string record = box.file(kFile);
  auto put = [&](const std::string& rel) { svc::test::spit(box.data() / rel, record); };
  put("tickets/2026-11/C-2611-001.yaml");      // another kind's name
  put("tickets/2026-11/t-2611-0902.yaml");     // wrong case
  put("tickets/2026-11/T-2611-0903.YAML");     // wrong extension
  put("tickets/T-2611-0905.yaml");             // no month folder
  put("tickets/2026-13/T-2613-0001.yaml");     // no such month
  put("complaints/2026-11/T-2611-0906.yaml");  // a ticket among complaints
  std::filesystem::create_directories(box.data() / "tickets/2026-11/T-2611-0907.yaml");
  REQUIRE(
      std::system(("mkfifo '" + (box.data() / "tickets/2026-11/T-2611-0908.yaml").string() + "'")
                      .c_str()) == 0);
  const std::string lines =
      "complaints/2026-11/T-2611-0906.yaml: is not named like a record file; complaint files are "
      "complaints/YYYY-MM/C-YYMM-NNN.yaml, so svc reads it as no complaint\n"
      "tickets/2026-11/C-2611-001.yaml: is not named like a record file; ticket files are "
      "tickets/YYYY-MM/T-YYMM-NNNN.yaml, so svc reads it as no ticket\n"
      "tickets/2026-11/T-2611-0903.YAML: is not named like a record file; ticket files are "
      "tickets/YYYY-MM/T-YYMM-NNNN.yaml, so svc reads it as no ticket\n"
      "tickets/2026-11/T-2611-0907.yaml: is a folder inside a month folder; ticket files are "
      "tickets/YYYY-MM/T-YYMM-NNNN.yaml, so svc reads nothing in it\n"
      "tickets/2026-11/T-2611-0908.yaml: is not a regular file; ticket files are "
      "tickets/YYYY-MM/T-YYMM-NNNN.yaml, so svc reads it as no ticket\n"
      "tickets/2026-11/t-2611-0902.yaml: is not named like a record file; ticket files are "
      "tickets/YYYY-MM/T-YYMM-NNNN.yaml, so svc reads it as no ticket\n"
      "tickets/2026-13: is a folder but no month folder; ticket files are "
      "tickets/YYYY-MM/T-YYMM-NNNN.yaml, so svc reads nothing in it\n"
      "tickets/T-2611-0905.yaml: is not in a month folder; ticket files are "
      "tickets/YYYY-MM/T-YYMM-NNNN.yaml, so svc reads it as no ticket\n";
  // check: tickets first, then complaints (the order of the kinds).
  auto check = box.run("check");
  CHECK(check.code == 3);
  std::string ticket_lines = lines.substr(lines.find("tickets/"));
  std::string complaint_line = lines.substr(0, lines.find("tickets/"));
  CHECK(check.err == ticket_lines + complaint_line + "svc: error: 8 problems found\n");
  // A list names each with the warning of a bad file and exits 3, the good ticket listed.
  auto list = box.run("ticket list --format csv");
  CHECK(list.code == 3);
  CHECK(list.out.find("T-2611-0001,") != std::string::npos);
  CHECK(list.out.find("T-2613") == std::string::npos);
  std::string warned;
  for (size_t at = 0, end; (end = ticket_lines.find('\n', at)) != std::string::npos; at = end + 1)
    warned += "svc: warning: " + ticket_lines.substr(at, end - at + 1);
  CHECK(list.err == warned + "svc: error: 7 files could not be read; the list is incomplete\n");
  auto monthly = box.run("report monthly --month 2026-11 --format json");
  CHECK(monthly.code == 3);
  CHECK(monthly.err.find("svc: warning: tickets/2026-13: is a folder but no month folder") !=
        std::string::npos);
  CHECK(valid_json(box, monthly.out));
}

TEST_CASE("the merge driver leaves git's file as it was when it cannot write the merge") {
  Sandbox box;
  box.init();
  new_ticket(box);
  const std::string base = box.file(kFile);
  box.ok("ticket note 1 " + std::string(3000, 'x'));
  const std::string ours = box.file(kFile);
  svc::test::spit(box.data() / kFile, base);
  box.ok("ticket note 1 " + std::string(3000, 'y'));
  const std::string theirs = box.file(kFile);
  for (auto [name, text] : {std::pair{"base", base}, {"ours", ours}, {"theirs", theirs}})
    svc::test::spit(box.root() / name, text);
  // A full disk, as a file size limit gives it: every write past 4 KiB fails (SIGXFSZ ignored,
  // so write() returns EFBIG as it returns ENOSPC on a full disk).
  std::string driver = fmt::format("merge-driver '{0}/base' '{0}/ours' '{0}/theirs' {1}",
                                   box.root().string(), kFile);
  std::string cmd = fmt::format(
      "cd '{}' && trap '' XFSZ && ulimit -f 4 && SVC_NOW=2026-11-23T09:00 '{}' {} 2>'{}/err'",
      box.data().string(), SVC_BINARY, driver, box.root().string());
  int status = std::system(("bash -c \"" + svc::test::replaced(cmd, "\"", "\\\"") + "\"").c_str());
  CHECK(WEXITSTATUS(status) == 4);
  CHECK(svc::test::slurp(box.root() / "ours") == ours);  // untouched, not cut short
  CHECK(svc::test::slurp(box.root() / "err").find("svc: error: could not write") == 0);
  // Without the limit the same merge is written whole: both notes, once each.
  box.ok(driver);
  std::string merged = svc::test::slurp(box.root() / "ours");
  CHECK(merged.find(std::string(3000, 'x')) != std::string::npos);
  CHECK(merged.find(std::string(3000, 'y')) != std::string::npos);
  for (const auto& entry : std::filesystem::directory_iterator(box.root()))
    CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
}

TEST_CASE("an unquoted value YAML readers read differently is refused with the quoted form") {
  Sandbox box;
  box.init();
  new_ticket(box);
  const std::string good = box.file(kFile);
  const std::string line = fmt::format(
      ":{}:",
      1 + std::count(good.begin(),
                     good.begin() + static_cast<std::ptrdiff_t>(good.find("description:")), '\n'));
  struct Case {
    std::string from, to, message;
  };
  const std::vector<Case> cases = {
      {"description: 漏水", "description: yes",
       ":5:14: 'yes' unquoted is read differently by YAML readers (1.1 and 1.2 disagree on such "
       "numbers, dates and words, or refuse it); write \"yes\" if it is text"},
      {"description: 漏水", "description: 1_000",
       ":5:14: '1_000' unquoted is read differently by YAML readers (1.1 and 1.2 disagree on such "
       "numbers, dates and words, or refuse it); write \"1_000\" if it is text"},
      {"description: 漏水", "description: .5",
       ":5:14: '.5' unquoted is read differently by YAML readers (1.1 and 1.2 disagree on such "
       "numbers, dates and words, or refuse it); write \".5\" if it is text, or 0.5 for the "
       "number"},
      {"description: 漏水", "description: +5",
       ":5:14: '+5' unquoted is read differently by YAML readers (1.1 and 1.2 disagree on such "
       "numbers, dates and words, or refuse it); write \"+5\" if it is text, or 5 for the number"},
      {"description: 漏水", "description: 2026-13-01",
       ":5:14: '2026-13-01' unquoted is read differently by YAML readers (1.1 and 1.2 disagree "
       "on such numbers, dates and words, or refuse it); write \"2026-13-01\" if it is text"},
      {"description: 漏水", "description: \"a\\_b\"",
       ":5:16: the escape \\_ is not read alike by every YAML reader; write the character itself, "
       "or \\u and its four hex digits"},
      {"description: 漏水", "description: \"\\'\"",
       ":5:15: the escape \\' is not read alike by every YAML reader; write the character itself, "
       "or \\u and its four hex digits"},
      {"description: 漏水", "description:\t漏水",
       ":5:13: a tab character; svc files indent with spaces, and a tab inside text is written "
       "\\t in double quotes (YAML readers disagree on tabs around : and #)"},
      {"description: 漏水", "description: \"漏水",
       ":5:14: quoted text that does not end on its line; svc writes line breaks as \\n inside "
       "double quotes"},
      {"description: 漏水", "description: 漏水\n漏水",
       ":6:1: a line that is neither `key: value` nor `- item`; svc writes text that goes on "
       "over several lines in double quotes with \\n"},
      {"description: 漏水", std::string(1100, 'k') + ": 漏水",
       ":5:1: a key of 1100 characters; svc reads keys of at most 128"},
      {"description: 漏水", "description: ~",
       ":5:14: '~' unquoted is read differently by YAML readers (1.1 and 1.2 disagree on such "
       "numbers, dates and words, or refuse it); write \"~\" if it is text, or null"},
      {"description: 漏水", "1: 漏水",
       ":5:1: the key '1' unquoted is not text to every YAML reader; write \"1\""},
  };
  for (const auto& c : cases) {
    INFO(c.to);
    std::string text = svc::test::replaced(good, c.from, c.to);
    // The bare word on the last line, and the unterminated quote at the end of the file, too.
    svc::test::spit(box.data() / kFile, text);
    const std::string message =
        svc::test::replaced(c.message.substr(0, 3), ":5:", line) + c.message.substr(3);
    const std::string where = svc::test::replaced(
        c.message.substr(0, 3), ":6:", fmt::format(":{}:", std::stoi(line.substr(1)) + 1));
    const std::string shown = c.message.starts_with(":6:") ? where + c.message.substr(3) : message;
    box.fails("check", 3, kFile + shown + "\nsvc: error: 1 problem found\n");
    box.fails("ticket note 1 x", 3,
              "svc: error: " + kFile + shown +
                  "; nothing was changed: run `svc check` and mend the file first\n");
    CHECK(box.file(kFile) == text);
  }
  svc::test::spit(box.data() / kFile, good + "描述");
  CHECK(box.run("check").err.find(":" +
                                  std::to_string(std::count(good.begin(), good.end(), '\n') + 1) +
                                  ":1: a line that is neither") != std::string::npos);
  svc::test::spit(box.data() / kFile, good + "note: \"unterminated");
  CHECK(box.run("check").err.find("quoted text that does not end on its line") !=
        std::string::npos);
}

TEST_CASE("every show, list and report prints valid JSON for the values a record may hold") {
  Sandbox box;
  box.init();
  // Text that a careless writer would emit raw into JSON: quotes, backslashes, controls,
  // U+2028, a lone 'y', numbers as text, and unknown keys holding numbers, booleans and nulls.
  box.ok(
      "ticket new -q --customer '甲\"\\'\"'\"'\\u2028' --description \"$(printf 'a\\tb\\001c')\"");
  box.patch(kFile, "history:",
            "x_num: -0\nx_big: 12345678901234567890\nx_dec: 0.10\nx_bool: false\nx_null: null\n"
            "x_y: y\nx_text: \"1e3\"\nx_list: [1, 2.5, true, null, \"\\u2028\"]\nhistory:");
  REQUIRE(box.run("check").code == 0);
  for (const char* cmd :
       {"ticket show 1 --format json", "ticket list --format json",
        "ticket list --open --format json", "report monthly --month 2026-11 --format json",
        "report technician --month 2026-11 --format json", "report overdue --format json",
        "report late --month 2026-11 --format json",
        "report quarterly --quarter 2026Q4 --format json", "complaint list --format json",
        "return list --format json", "survey list --format json", "survey stats --format json"}) {
    INFO(cmd);
    auto r = box.run(cmd);
    CHECK(r.code == 0);
    CHECK(valid_json(box, r.out));
  }
  std::string shown = box.ok("ticket show 1 --format json");
  CHECK(shown.find("\"x_big\": 12345678901234567890") != std::string::npos);
  CHECK(shown.find("\"x_dec\": 0.10") != std::string::npos);
  CHECK(shown.find("\"x_null\": null") != std::string::npos);
  CHECK(shown.find("\"x_y\": \"y\"") != std::string::npos);
  CHECK(shown.find("\"x_text\": \"1e3\"") != std::string::npos);
}

TEST_CASE("a quantity typed on the command line is read as the files read it") {
  Sandbox box;
  box.init();
  new_ticket(box);
  box.ok("ticket assign 1 --to 李四");
  for (const char* qty : {"010", "0x2", "-3", "1_5", "abc", "0"})
    box.fails(fmt::format("ticket part 1 --part 滤芯 --qty {}", qty), 2,
              "svc: error: --qty must be a positive whole number\n");
  box.ok("ticket part 1 --part 滤芯 --qty 12");
  CHECK(box.file(kFile).find("qty: 12") != std::string::npos);
}
