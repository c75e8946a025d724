// Hostile or broken record files are refused with path:line:column and exit 3, quickly, by
// check, list, show and every action; nothing stored is rewritten (trustworthy records, item 2).
#include <chrono>

#include "harness.hpp"

using svc::test::Sandbox;

namespace {

const std::string kFile = "tickets/2026-11/T-2611-0001.yaml";

// A data directory with one sound ticket, then `text` written over its file.
Sandbox with_record(const std::string& text) {
  Sandbox box;
  box.init();
  box.ok("ticket new -q --customer 甲");
  svc::test::spit(box.data() / kFile, text);
  return box;
}

// check, list, show and an action all refuse the file with exit 3 and `message`, and the file is
// untouched. `check` must finish within 5 s even in the sanitizer build on a loaded CI machine:
// a guard against exponential parsing (an alias bomb takes minutes), not a speed target.
void refused_everywhere(const std::string& text, const std::string& message) {
  Sandbox box = with_record(text);
  INFO(message);
  auto start = std::chrono::steady_clock::now();
  box.fails("check", 3, message + "\nsvc: error: 1 problem found\n");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  box.fails("ticket list", 3,
            "svc: warning: " + message +
                "\nsvc: error: 1 file could not be read; the list is incomplete\n");
  box.fails("ticket show T-2611-0001", 3, "svc: error: " + message + "\n");
  box.fails("ticket assign T-2611-0001 --to 李四", 3,
            "svc: error: " + message +
                "; nothing was changed: run `svc check` and mend the file first\n");
  CHECK(box.file(kFile) == text);
}

const std::string kEvent = "  - {at: 2026-11-23T09:00:00+08:00, by: 甲, do: new}\n";

}  // namespace

TEST_CASE("hostile file: an alias") {
  refused_everywhere("id: T-2611-0001\nname: &n 甲\nother: *n\nhistory:\n" + kEvent,
                     kFile + ":2:7: anchors (&n) are not allowed in svc files");
}

TEST_CASE("hostile file: an alias bomb is refused at its first anchor, not expanded") {
  std::string bomb = "id: T-2611-0001\na: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'k'; ++c)
    bomb += fmt::format("{}: &{} [*{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}]\n", c, c, c - 1,
                        c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
  refused_everywhere(bomb + "history:\n" + kEvent,
                     kFile + ":2:4: anchors (&a) are not allowed in svc files");
}

TEST_CASE("hostile file: a self-reference") {
  refused_everywhere("id: T-2611-0001\nloop: &l {me: *l}\nhistory:\n" + kEvent,
                     kFile + ":2:7: anchors (&l) are not allowed in svc files");
}

TEST_CASE("hostile file: deep nesting") {
  std::string deep = "id: T-2611-0001\nx: " + std::string(5000, '[') + std::string(5000, ']') +
                     "\nhistory:\n" + kEvent;
  refused_everywhere(deep, kFile + ":2:35: nested more than 32 levels deep");
}

TEST_CASE("hostile file: a huge file") {
  std::string huge =
      "id: T-2611-0001\nx: \"" + std::string(2 << 20, 'x') + "\"\nhistory:\n" + kEvent;
  refused_everywhere(huge, kFile + ": the file is " + std::to_string(huge.size()) +
                               " bytes; a record file may have at most 1048576");
}

TEST_CASE("hostile file: a duplicate key, and a second history") {
  refused_everywhere("id: T-2611-0001\nstatus: new\nstatus: closed\nhistory:\n" + kEvent,
                     kFile + ":3:1: duplicate key 'status'");
  refused_everywhere("id: T-2611-0001\nhistory:\n" + kEvent + "history:\n" + kEvent,
                     kFile + ":4:1: duplicate key 'history'");
}

TEST_CASE("hostile file: a second document") {
  refused_everywhere("id: T-2611-0001\nhistory:\n" + kEvent + "---\nid: T-2611-0002\n",
                     kFile +
                         ":4:1: a document marker (--- or ...) other than one --- on the "
                         "first line; svc files are one document");
}

TEST_CASE("hostile file: invalid UTF-8") {
  refused_everywhere("id: T-2611-0001\nname: 甲\xff\nhistory:\n" + kEvent,
                     kFile + ":2:8: the file is not valid UTF-8 text");
}

TEST_CASE("hostile file: a byte-order mark") {
  refused_everywhere("\xEF\xBB\xBFid: T-2611-0001\nhistory:\n" + kEvent,
                     kFile +
                         ":1:1: the file starts with a byte-order mark (BOM); save it as "
                         "UTF-8 without BOM");
}

TEST_CASE("hostile file: CRLF line endings") {
  refused_everywhere("id: T-2611-0001\r\nhistory:\r\n" + kEvent,
                     kFile + ":1:16: Windows line ending (CR LF); svc files use LF line endings");
}

TEST_CASE("hostile file: tags, complex keys and raw control characters") {
  refused_everywhere("id: !!str T-2611-0001\nhistory:\n" + kEvent,
                     kFile + ":1:5: tags (!) are not allowed in svc files");
  refused_everywhere("id: T-2611-0001\n? [a, b]\n: c\nhistory:\n" + kEvent,
                     kFile + ":2:1: complex keys (? key) are not allowed in svc files");
  refused_everywhere("id: T-2611-0001\nname: \"a\x1b[31m\"\nhistory:\n" + kEvent,
                     kFile +
                         ":2:9: raw control character U+001B; write it as \\u001b inside "
                         "double quotes");
}

TEST_CASE("a history the state machine would not allow is found by check and blocks actions") {
  Sandbox box;
  box.init();
  box.ok("ticket new -q --customer 甲");
  box.ok("ticket note 1 x");
  // A hand-made history: closed straight after registration, an event out of order, another
  // in the future; the summary says what the history gives, so only the sequence is wrong.
  box.patch(kFile, "do: note, text: x}",
            "do: close}\n  - {at: 2026-11-23T08:00:00+08:00, by: 乙, do: note, text: y}\n"
            "  - {at: 2026-12-01T08:00:00+08:00, by: 乙, do: note, text: z}");
  box.patch(kFile, "status: new", "status: closed");
  box.patch(kFile, "history:", "closed: 2026-11-23T09:00:00+08:00\nhistory:");
  auto r = box.run("check");
  CHECK(r.code == 3);
  // The close cannot apply, so the history gives a new ticket with the close listed as a
  // conflict: the hand-written summary disagrees on both.
  // The event in the future is a warning: another clone's clock may run fast (issue 23.7).
  CHECK(r.err == kFile +
                     ":19:5: warning: event 4 (note by 乙) at 2026-12-01T08:00:00+08:00 is 7d 23h "
                     "ahead of this clock, more than team.clock_skew (1h): the clock of the clone "
                     "that wrote it runs fast; it is kept and counted as written\n" +
                     kFile +
                     ":17:5: event 2 (close by 前台小王) is not allowed when the ticket is new; it "
                     "is kept but left out of the summary until settled: svc ticket settle "
                     "T-2611-0001\n" +
                     kFile +
                     ":18:5: event 3 (note) at 2026-11-23T08:00:00+08:00 is earlier than the "
                     "event before it; the history must be in time order\n" +
                     kFile + ":2:9: 'status' is closed but the history gives new\n" + kFile +
                     ": 'conflicts' is missing; the history gives [{at: 2026-11-23T09:00:00+08:00, "
                     "by: 前台小王, do: close, status: new}]\n" +
                     kFile +
                     ":14:9: 'closed' is not given by any event in the history\nsvc: error: 5 "
                     "problems found\n");
  CHECK(box.run("ticket note 1 again").code == 3);
}

TEST_CASE("a file in the wrong month folder is reported, and its ID is never given again") {
  Sandbox box;
  box.init();
  box.ok("ticket new -q --customer 甲");
  std::filesystem::create_directories(box.data() / "tickets/2026-10");
  std::filesystem::rename(box.data() / kFile, box.data() / "tickets/2026-10/T-2611-0001.yaml");
  box.fails("check", 3,
            "tickets/2026-10/T-2611-0001.yaml: is in the wrong folder: T-2611-0001 belongs in "
            "tickets/2026-11\nsvc: error: 1 problem found\n");
  CHECK(box.ok("ticket new -q --customer 乙") == "T-2611-0002\n");
}
