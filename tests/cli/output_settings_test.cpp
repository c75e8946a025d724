// Output a terminal and a spreadsheet can trust; settings checked on load; the calendar; shell
// completion and the man page (trustworthy records, items 5, 7 and 9).
#include <algorithm>

#include "harness.hpp"

using svc::test::Sandbox;
namespace fs = std::filesystem;

TEST_CASE("escape sequences in stored text are shown escaped in tables, md, show and log") {
  Sandbox box;
  box.init();
  box.ok(
      "ticket new -q --customer \"$(printf 'evil\\033[2J\\nco')\" --description \"$(printf "
      "'a\\nb|c')\"");
  std::string table = box.ok("ticket list");
  CHECK(table.find('\033') == std::string::npos);
  CHECK(table.find("evil\\u001b[2J\\nco") != std::string::npos);
  std::string md = box.ok("ticket list --format md");
  CHECK(md.find("| evil\\u001b[2J<br>co |") != std::string::npos);
  CHECK(std::count(md.begin(), md.end(), '\n') == 3);  // header, rule, one row
  std::string shown = box.ok("ticket show 1");
  CHECK(shown.find('\033') == std::string::npos);
  CHECK(shown.find("a\\nb|c") != std::string::npos);
  CHECK(box.ok("ticket log 1").find('\033') == std::string::npos);
  // The file keeps the text exactly, escaped the YAML way.
  CHECK(box.file("tickets/2026-11/T-2611-0001.yaml").find("name: \"evil\\u001b[2J\\nco\"") !=
        std::string::npos);
}

TEST_CASE("csv guards against formula injection unless asked to keep cells as they are") {
  Sandbox box;
  box.init();
  box.ok("ticket new -q --customer '=HYPERLINK(\"http://x\",\"y\")'");
  box.ok("ticket new -q --customer '-12.50'");
  std::string csv = box.ok("ticket list --format csv");
  CHECK(csv.find("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"") != std::string::npos);
  CHECK(csv.find(",-12.50,") != std::string::npos);  // a plain number is data
  std::string raw = box.ok("ticket list --format csv --csv-formulas keep");
  CHECK(raw.find(",\"=HYPERLINK(") != std::string::npos);
}

TEST_CASE("the en layout of show lines its labels up") {
  Sandbox box;
  box.init();
  box.patch("svc.yaml", "locale: zh-CN", "locale: en");
  box.ok("ticket new -q --customer Acme --description 'noisy spindle' --zone urban");
  std::string shown = box.ok("ticket show 1");
  CHECK(shown.find("\ncustomer     Acme\n") != std::string::npos);
  CHECK(shown.find("\ndescription  noisy spindle\n") != std::string::npos);
  CHECK(shown.find("\nregistered   2026-11-23 09:00\n") != std::string::npos);
}

TEST_CASE("tables shrink free text before IDs and deadlines on a narrow terminal") {
  Sandbox box;
  box.init();
  box.ok("ticket new -q --customer 一家名字非常非常非常长的客户有限公司 --zone urban");
  // script(1) gives svc a terminal 72 columns wide: the ID, status, class and deadline columns
  // need 64 of them, so the customer's name is what gets cut.
  std::string cmd = "cd '" + box.data().string() + "' && SVC_NOW=" + box.now +
                    " script -qec \"stty cols 72; '" + std::string(SVC_BINARY) +
                    "' ticket list --color never\" /dev/null > out.txt";
  if (std::system("command -v script >/dev/null") != 0) return;
  (void)std::system(cmd.c_str());
  std::string out = box.file("out.txt");
  CHECK(out.find("T-2611-0001") != std::string::npos);
  CHECK(out.find("响应 2026-11-23 10:00") != std::string::npos);  // the deadline whole
  CHECK(out.find("  一家名…  ") != std::string::npos);            // the name cut to 8 columns
}

// Runs svc in script(1)'s terminal of COLS x ROWS; its output lands in out.txt.
std::string on_terminal(const Sandbox& box, int cols, int rows, const std::string& args,
                        const std::string& env = "") {
  std::string cmd = "cd '" + box.data().string() + "' && SVC_NOW=" + box.now + " " + env +
                    " script -qec \"stty cols " + std::to_string(cols) + " rows " +
                    std::to_string(rows) + "; '" + std::string(SVC_BINARY) + "' " + args +
                    "\" /dev/null > out.txt";
  (void)std::system(cmd.c_str());
  std::string out = box.file("out.txt");
  std::string plain;  // the terminal's line ends are \r\n
  for (char c : out)
    if (c != '\r') plain += c;
  return plain;
}

TEST_CASE("at 60 columns a list drops columns in the stated order and keeps IDs whole") {
  if (std::system("command -v script >/dev/null") != 0) return;
  Sandbox box;
  box.init();
  box.ok("ticket new -q --customer 一家名字非常非常非常长的客户有限公司 --zone urban");
  box.ok("ticket new -q --customer 乙 --zone urban");
  box.ok("ticket assign 2 --to 李四");
  // 60 columns: the class and the technician give way, and the name is cut to what is left
  // (84 columns wanted: 34 of the name's, less 24); the ID, the status, the next deadline and
  // the overdue steps stay whole.
  CHECK(on_terminal(box, 60, 40, "ticket list --color never") ==
        "编号         状态    客户        下一期限               逾期\n"
        "T-2611-0001  新建    一家名字…   响应 2026-11-23 10:00\n"
        "T-2611-0002  已派工  乙          响应 2026-11-23 10:00\n");
  // 40 columns: the next deadline goes too; the name gets 13 of the 34 columns it wants.
  CHECK(on_terminal(box, 40, 40, "ticket list --color never") ==
        "编号         状态    客户           逾期\n"
        "T-2611-0001  新建    一家名字非常…\n"
        "T-2611-0002  已派工  乙\n");
  // 20 columns: nothing left to drop; the rest is cut to 4 columns, the ID never (23 wide).
  CHECK(on_terminal(box, 20, 40, "ticket list --color never") ==
        "编号         客户  逾期\n"
        "T-2611-0001  一…\n"
        "T-2611-0002  乙\n");
}

TEST_CASE("long output on a terminal goes through $PAGER, short output and --no-pager do not") {
  if (std::system("command -v script >/dev/null") != 0) return;
  Sandbox box;
  box.init();
  for (int i = 0; i < 6; ++i) box.ok("ticket new -q --customer 甲 --zone urban");
  // The pager records what it was given, and the LESS svc sets when it is unset.
  box.sh("printf '#!/bin/sh\\necho \"paged LESS=$LESS\"\\ncat\\n' > pager && chmod +x pager");
  std::string paged =
      on_terminal(box, 120, 5, "ticket list --color never", "env -u LESS PAGER=\"$PWD/pager\"");
  CHECK(paged.rfind("paged LESS=FRX\n编号", 0) == 0);
  CHECK(paged.find("T-2611-0006") != std::string::npos);
  // Seven lines fit a terminal of 20 rows: no pager.
  std::string fits = on_terminal(box, 120, 20, "ticket list --color never", "PAGER=\"$PWD/pager\"");
  CHECK(fits.rfind("编号", 0) == 0);
  std::string straight =
      on_terminal(box, 120, 5, "ticket list --no-pager --color never", "PAGER=\"$PWD/pager\"");
  CHECK(straight.rfind("编号", 0) == 0);
  CHECK(straight.find("T-2611-0006") != std::string::npos);
  // A pager that cannot be run: the text still reaches the terminal, after sh's complaint.
  std::string missing =
      on_terminal(box, 120, 5, "ticket list --color never", "PAGER=no-such-pager");
  CHECK(missing.find("no-such-pager: not found") != std::string::npos);
  CHECK(missing.find("T-2611-0006") != std::string::npos);
}

TEST_CASE("xlsx is refused on a terminal, --bom marks csv for Excel, technicians csv in keys") {
  Sandbox box;
  box.init();
  box.ok("ticket new -q --customer 甲 --zone urban");
  box.ok("ticket assign 1 --to 李四");
  if (std::system("command -v script >/dev/null") == 0)
    CHECK(on_terminal(box, 80, 24, "ticket list --format xlsx; echo rc=\\$?") ==
          "svc: error: --format xlsx writes a binary workbook: send it to a file, e.g. --format "
          "xlsx > report.xlsx\nrc=2\n");
  CHECK(box.ok("ticket list --format csv --bom").rfind("\xEF\xBB\xBFid,status,", 0) == 0);
  CHECK(box.ok("ticket list --format csv").rfind("id,status,", 0) == 0);
  std::string tech = box.ok("report technician --format csv --month 2026-11");
  CHECK(tech.substr(0, tech.find('\n')) ==
        "technician,calls,closed,arrive.due,arrive.met,arrive.rate,labour_hours,parts,parts_amount,"
        "surveys.responses,surveys.answers,surveys.satisfaction_rate,surveys.items.attitude,"
        "surveys.items.skill,surveys.items.arrival,surveys.items.promise,parts_used,parts_cost");
  box.fails("ticket list --format html", 2,
            "svc: error: ticket list prints --format table|json|csv|yaml|md|xlsx, not html\n");
}

TEST_CASE("settings mistakes are errors with path:line:col, typos are warnings") {
  Sandbox box;
  box.init();
  auto bad = [&](const std::string& from, const std::string& to, const std::string& err) {
    std::string before = box.file("svc.yaml");
    box.patch("svc.yaml", from, to);
    box.fails("ticket list", 3, err);
    svc::test::spit(box.data() / "svc.yaml", before);
  };
  bad("    - 2025-01-01                 # 元旦", "    - 2025-01-05..2025-01-01",
      "svc: error: svc.yaml:16:7: the range '2025-01-05..2025-01-01' ends before it starts\n");
  bad("  workweek: [mon, tue, wed, thu, fri]", "  workweek: []",
      "svc: error: svc.yaml:11:13: calendar.workweek has no working day\n");
  bad("  hours: [\"08:30-12:00\", \"13:30-17:30\"]", "  hours: [\"08:30-12:00\", \"11:30-17:30\"]",
      "svc: error: svc.yaml:12:26: working hours '11:30-17:30' overlap or come before the ones "
      "above\n");
  bad("  hours: [\"08:30-12:00\", \"13:30-17:30\"]", "  hours: [\"8:30-12:00\"]",
      "svc: error: svc.yaml:12:11: working hours '8:30-12:00' are not like 08:30-12:00\n");
  bad("when: {zone: urban}", "when: {zoen: urban}",
      "svc: error: svc.yaml:55:36: 'zoen' is not a fact rules can test; use one of: priority, "
      "kind, zone, distance_km, channel, service_class\n");
  box.patch("svc.yaml", "surveys:\n  auto: true", "surveys:\n  atuo: true");
  svc::test::spit(box.data() / "svc.yaml", box.file("svc.yaml") + "local: en\n");
  box.patch("svc.yaml", "      - {name: far, clock: wall, within: 72h}\n", "");
  auto r = box.run("ticket list");
  CHECK(r.code == 0);
  // The line numbers of the typos, wherever svc.yaml has them.
  auto line_of = [&](const std::string& text) {
    std::string yaml = box.file("svc.yaml");
    return std::to_string(1 + std::count(yaml.begin(), yaml.begin() + yaml.find(text), '\n'));
  };
  CHECK(
      r.err ==
      "svc: warning: svc.yaml:" + line_of("  atuo: true") +
          ":9: unknown setting 'surveys.atuo' (a typo?); it is ignored\n"
          "svc: warning: svc.yaml:" +
          line_of("local: en") +
          ":8: unknown setting 'local' (a typo?); it is ignored\n"
          "svc: warning: svc.yaml:54:7: sla.ticket.arrive: no rule matches every record (the last "
          "one has a 'when'); a record none matches gets no arrive deadline\n");
}

TEST_CASE("a deadline in a year without official holidays warns, and calendar import adds one") {
  Sandbox box;
  box.init();
  box.now = "2026-12-30T16:00";
  auto r = box.run("ticket new -q --customer 甲 --zone urban");
  CHECK(r.code == 0);
  CHECK(r.err ==
        "svc: warning: the resolve deadline is counted through 2027, for which svc.yaml lists no "
        "official holidays: Monday to Friday were counted as working days; import the schedule "
        "with: svc calendar import FILE.ics\n");
  CHECK(box.file("tickets/2026-12/T-2612-0001.yaml").find("resolve: 2027-01-04T17:30:00+08:00") !=
        std::string::npos);
  CHECK(box.ok("calendar import '" + std::string(SVC_TEST_DATA) + "/2027-test.ics'") ==
        "imported 2027: 10 holidays and 1 make-up working days into svc.yaml\n");
  std::string settings = box.file("svc.yaml");
  CHECK(settings.find("    - 2027-01-01..2027-01-03    # 元旦假期\n"
                      "    - 2027-02-08..2027-02-14    # 春节假期\n") != std::string::npos);
  CHECK(settings.find("    - 2027-02-07                # 上班(补春节假期)\n") != std::string::npos);
  CHECK(settings.find("# Make-up working days") != std::string::npos);  // comments kept
  std::string shown = box.ok("calendar");
  CHECK(shown.find("年份        2025 2026 2027\n") != std::string::npos);
  CHECK(shown.find("2027\n  节假日    2027-01-01..2027-01-03, 2027-02-08..2027-02-14\n"
                   "  调休上班  2027-02-07\n") != std::string::npos);
  r = box.run("ticket new -q --customer 乙 --zone urban");
  CHECK(r.err.empty());
  CHECK(box.file("tickets/2026-12/T-2612-0002.yaml").find("resolve: 2027-01-05T17:30:00+08:00") !=
        std::string::npos);  // the 3rd working day after 30 Dec: 31 Dec, then 4 and 5 Jan
  box.fails("calendar import '" + std::string(SVC_TEST_DATA) + "/2027-test.ics'", 1,
            "svc: error: svc.yaml already lists the holidays of 2027; remove them to import the "
            "year again\n");
}

TEST_CASE("completion: commands, actions, options, enum values and record IDs in bash, zsh, fish") {
  Sandbox box;
  box.init();
  box.ok("ticket new -q --customer 甲");
  box.ok("ticket new -q --customer 乙");
  CHECK(box.ok("__complete bash ticket re") ==
        "respond\nresume\nresolve\nreopen\nreclass\nrenumber\n");
  CHECK(box.ok("__complete bash ticket new --priority ''") == "normal\nurgent\nemergency\n");
  CHECK(box.ok("__complete bash ticket workshop T-2611-0001 ''").find("in\nout\n") !=
        std::string::npos);
  CHECK(box.ok("__complete bash --format ''") == "table\nyaml\njson\ncsv\nmd\nhtml\nxlsx\n");
  // Record IDs from the data directory, also after global options.
  box.subdir = "";
  CHECK(box.ok("__complete bash --data '" + box.data().string() + "' --as 王 ticket assign T-") ==
        "T-2611-0001\nT-2611-0002\n");
  std::string bin = fs::path(SVC_BINARY).parent_path().string();
  std::string bash = "cd '" + box.data().string() + "' && PATH='" + bin +
                     "':$PATH bash -c 'source <(svc completion bash); COMP_WORDS=(svc --at "
                     "2026-11-23 ticket show T-2611-000); COMP_CWORD=5; _svc; "
                     "printf \"%s\\n\" \"${COMPREPLY[@]}\"' > bash.txt";
  (void)std::system(bash.c_str());
  CHECK(box.file("bash.txt") == "T-2611-0001\nT-2611-0002\n");
  if (std::system("command -v fish >/dev/null") == 0) {
    std::string fish = "cd '" + box.data().string() + "' && PATH='" + bin +
                       "':$PATH fish -c 'svc completion fish | source; complete -C\"svc ticket "
                       "new --kind ins\"' > fish.txt";
    (void)std::system(fish.c_str());
    // fish sorts what it offers, each with its label.
    CHECK(box.file("fish.txt") == "inspection\t巡检\ninstall\t安装\n");
  }
  if (std::system("command -v zsh >/dev/null") == 0) {
    std::string zsh = "cd '" + box.data().string() + "' && '" + std::string(SVC_BINARY) +
                      "' completion zsh | zsh -n && echo ok > zsh.txt";
    (void)std::system(zsh.c_str());
    CHECK(box.file("zsh.txt") == "ok\n");
  }
}
