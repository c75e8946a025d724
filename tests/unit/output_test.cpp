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
