#include "svc/cli/output.hpp"

#include <doctest/doctest.h>

#include "svc/domain/text.hpp"

using namespace svc::cli;
using svc::valid_utf8;

TEST_CASE("display width counts CJK as two columns") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("华东机械厂") == 10);
  CHECK(display_width("V带 A") == 5);
  CHECK(display_width("（全角）") == 8);
  CHECK(pad_right("李四", 6) == "李四  ");
  CHECK(truncate_to_width("华东机械厂", 7) == "华东机…");
  CHECK(truncate_to_width("abc", 3) == "abc");
}

TEST_CASE("UTF-8 validation") {
  CHECK(valid_utf8("华东 abc 🙂"));
  CHECK_FALSE(valid_utf8("bad\xff"));
  CHECK_FALSE(valid_utf8("\xe5\x8d"));      // cut short
  CHECK_FALSE(valid_utf8("\xc0\xaf"));      // overlong '/'
  CHECK_FALSE(valid_utf8("\xed\xa0\x80"));  // surrogate
}

TEST_CASE("tables line up Chinese text") {
  Table t;
  t.headers = {"编号", "客户"};
  t.rows = {{"T-1", "华东机械厂"}, {"T-22", "乙"}};
  CHECK(t.render(0) == "编号  客户\nT-1   华东机械厂\nT-22  乙\n");
  CHECK(t.render_csv(true) == "编号,客户\nT-1,华东机械厂\nT-22,乙\n");
}

TEST_CASE("a narrow table cuts free text to a floor, then drops columns in order, never the ID") {
  Table t;
  t.headers = {"ID", "status", "customer", "next"};
  t.rows = {{"T-2611-0001", "new", "Huadong Machinery Works", "resolve 11-19 17:30"}};
  t.free_text = {false, false, true, false};
  t.drop_order = {1, 3};
  CHECK(t.render(65) ==
        "ID           status  customer                 next\n"
        "T-2611-0001  new     Huadong Machinery Works  resolve 11-19 17:30\n");
  // 15 columns too many: the customer gives them up, down to its floor of 8.
  CHECK(t.render(50) ==
        "ID           status  customer  next\n"
        "T-2611-0001  new     Huadong…  resolve 11-19 17:30\n");
  // Still 2 too many at the floor: status goes, then next; the name is whole again.
  CHECK(t.render(40) == "ID           customer\nT-2611-0001  Huadong Machinery Works\n");
  // Nothing left to drop: the rest is cut, the ID never.
  CHECK(t.render(20) == "ID           custom…\nT-2611-0001  Huadon…\n");
  CHECK(t.render(5) == "ID           cus…\nT-2611-0001  Hua…\n");
}

TEST_CASE("display width follows the Unicode East Asian Width tables, emoji included") {
  CHECK(display_width("🙂") == 2);
  CHECK(display_width("👍🏽") == 4);  // thumbs up + skin tone: two wide code points
  CHECK(display_width("é") == 1);         // precomposed
  CHECK(display_width("e\u0301") == 1);   // e + combining acute
  CHECK(display_width("ｈｉ") == 4);      // fullwidth Latin
  CHECK(display_width("ｶﾅ") == 2);        // halfwidth katakana
  CHECK(display_width("한국어") == 6);
  CHECK(display_width("\u200b") == 0);  // zero-width space
  CHECK(truncate_to_width("🙂🙂🙂", 5) == "🙂🙂…");
}

TEST_CASE("control characters are shown escaped, never raw") {
  CHECK(svc::escape_controls("a\x1b[31mb\nc\td\r") == "a\\u001b[31mb\\nc\\td\\r");
  CHECK(svc::escape_controls("\xc2\x85\xe2\x80\xa8") == "\\u0085\\u2028");
  CHECK(svc::escape_controls("华东 🙂") == "华东 🙂");
  CHECK(markdown_cell("a|b\nc") == "a\\|b<br>c");
  Table t;
  t.headers = {"x"};
  t.rows = {{"=1+2"}, {"-3.5"}, {"@cmd"}, {"+86 21"}};
  CHECK(t.render_csv(true) == "x\n'=1+2\n-3.5\n'@cmd\n'+86 21\n");
  CHECK(t.render_csv(false) == "x\n=1+2\n-3.5\n@cmd\n+86 21\n");
}

TEST_CASE("edit distance: insertions, deletions, substitutions and swapped neighbours count one") {
  CHECK(svc::edit_distance("lsit", "list") == 1);
  CHECK(svc::edit_distance("tiket", "ticket") == 1);
  CHECK(svc::edit_distance("tickets", "ticket") == 1);
  CHECK(svc::edit_distance("", "abc") == 3);
  CHECK(svc::edit_distance("客户", "客服") == 1);  // code points, not bytes
  CHECK(svc::edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("closest: the nearest candidate within a third of the word, the earlier on a tie") {
  std::vector<std::string> actions = {"new", "assign", "list", "show", "log"};
  CHECK(svc::closest("lsit", actions) == "list");
  CHECK(svc::closest("shwo", actions) == "show");
  CHECK(svc::closest("lo", actions) == "log");
  CHECK(svc::closest("frobnicate", actions) == "");
  CHECK(svc::closest("sow", {"show", "sow2"}) == "show");
}

TEST_CASE("words in the display language: durations, the progress line, a sentence's blanks") {
  svc::Settings zh, tw, en;
  tw.locale = "zh-TW";
  en.locale = "en";
  CHECK(duration_text(zh, 4 * 86400 + 2 * 3600 + 20 * 60) == "4天2小时20分");
  CHECK(duration_text(tw, 2 * 3600) == "2小時");
  CHECK(duration_text(en, 4 * 86400 + 2 * 3600 + 20 * 60) == "4d 2h 20m");
  CHECK(duration_text(zh, 0) == "0分");
  CHECK(say(zh, "reading", label(zh, "head", "tickets"), 512, 198000) ==
        "svc：正在读取工单 512/198000");
  CHECK(say(en, "reading", label(en, "head", "complaints"), 1, 2) == "svc: reading Complaints 1/2");
  CHECK(say(zh, "since", "2026-11-20 11:00") == "（自 2026-11-20 11:00 起）");
}
