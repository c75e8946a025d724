#include "svc/store/yaml.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/record_io.hpp"

using namespace svc;
using namespace svc::store;

TEST_CASE("free text is quoted only when it would read back as something else") {
  CHECK(yaml_scalar(Value::text("张三")) == "张三");
  CHECK(yaml_scalar(Value::text("13800138000")) == "\"13800138000\"");
  CHECK(yaml_scalar(Value::text("true")) == "\"true\"");
  CHECK(yaml_scalar(Value::text("no")) == "\"no\"");
  CHECK(yaml_scalar(Value::text("1.5")) == "\"1.5\"");
  CHECK(yaml_scalar(Value::text("2026-11-23")) == "\"2026-11-23\"");
  CHECK(yaml_scalar(Value::text("")) == "\"\"");
  CHECK(yaml_scalar(Value::text("a: b")) == "\"a: b\"");
  CHECK(yaml_scalar(Value::text("- x")) == "\"- x\"");
  CHECK(yaml_scalar(Value::text("say \"hi\"\n")) == "\"say \\\"hi\\\"\\n\"");
  CHECK(yaml_scalar(Value::text("主轴异响，漏油")) == "主轴异响，漏油");
  CHECK(yaml_scalar(Value::text("3 working days")) == "3 working days");
  CHECK(yaml_scalar(Value::text("+86 138 0013 8000")) == "+86 138 0013 8000");
  CHECK(yaml_scalar(Value::text("+86")) == "\"+86\"");
  CHECK(yaml_scalar(Value::text(".5")) == "\".5\"");
  CHECK(yaml_scalar(Value::plain("2026-11-23")) == "2026-11-23");
}

TEST_CASE("a record round-trips byte for byte, unknown keys included") {
  const std::string text =
      "id: T-2611-0001\n"
      "status: new\n"
      "customer:\n"
      "  name: 张三\n"
      "  phone: \"007\"\n"
      "  wechat: zs_2026\n"
      "description: \"yes\"\n"
      "count: 12\n"
      "helpers: [王五, \"123\"]\n"
      "x_future:\n"
      "  - a: 1\n"
      "    b: [x, y]\n"
      "  - plain\n"
      "history:\n"
      "  - {at: 2026-11-23T09:15:00+08:00, by: 张三, do: new, customer: {name: 张三, phone: "
      "\"007\"}, note: \"a, b\"}\n";
  std::vector<Problem> problems;
  Record r = record_from_value(parse_yaml(text, "t.yaml"), "t.yaml", problems);
  CHECK(problems.empty());
  CHECK(r.fields.find("customer")->get("phone") == "007");
  CHECK(r.fields.get("description") == "yes");
  REQUIRE(r.history.size() == 1);
  CHECK(r.history[0].data.get("note") == "a, b");
  CHECK(record_text(r) == text);
}

TEST_CASE("syntax errors carry path, line and column") {
  CHECK_THROWS_WITH(parse_yaml("id: T-1\nstatus: [new\n", "tickets/2026-11/T-1.yaml"),
                    "tickets/2026-11/T-1.yaml:2:9: a flow collection ({…} or […]) that does not "
                    "end on its line; svc writes each on one line");
  try {
    parse_yaml("a: 1\n b: 2\n", "x.yaml");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::data);
  }
}

TEST_CASE("structural problems are named") {
  std::vector<Problem> problems;
  record_from_value(parse_yaml("id: T-2611-0001\nstatus: new\n", "t.yaml"), "t.yaml", problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].text() == "t.yaml:1:1: missing 'history' (a list of events)");
  problems.clear();
  record_from_value(parse_yaml("id: T\nhistory:\n  - {by: x}\n", "t.yaml"), "t.yaml", problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].text() == "t.yaml:3:5: a history event needs 'at' and 'do'");
}

TEST_CASE("JSON keeps numbers and booleans, quotes everything else") {
  Value v = Value::map();
  v.set_plain("qty", "2");
  v.set_plain("old_returned", "true");
  v.set_text("phone", "007");
  v.set_plain("serial", "0012");
  v.set_text("name", "张\"三\"");
  CHECK(emit_json(v, 0) ==
        "{\"qty\":2,\"old_returned\":true,\"phone\":\"007\",\"serial\":\"0012\",\"name\":"
        "\"张\\\"三\\\"\"}\n");
}

TEST_CASE("what YAML would read as a number, boolean or date is quoted — the rest is not") {
  for (const char* typed :
       {"12", "-1.5", "+3", "1e3", "1E-2", "1_000", "0x1F", "0o17", ".5", "12.", ".inf", "-.Inf",
        ".nan", "true", "Off", "~", "null", "2026-11-23", "2026-1-5", "2026-11-23T09:15",
        "2026-11-23 09:15",
        // YAML 1.1 readers (PyYAML) resolve these too: binary, sexagesimal,
        // octal, and '._' which PyYAML takes for a float and then fails on.
        "0b101", "-0b1_0", "1:20", "0777", "._", "._5",
        // Anything that starts like a number is quoted: harmless, and no
        // reader's resolver can surprise us.
        "12a", "1e", "1.2.3", "0x", "1-2", "2026-11", "13800138000x", "1_000abc", "..5"})
    CHECK_MESSAGE(!plain_safe(typed), typed);
  for (const char* text :
       {"e3", "KX-200", "V带 A-1200", "3 working days", "2号楼 3层", "a.b", "x-1", "华东机械厂"})
    CHECK_MESSAGE(plain_safe(text), text);
}

TEST_CASE("history problems point at the event's line") {
  std::vector<Problem> problems;
  Record r = record_from_value(
      parse_yaml("id: T\nhistory:\n  - {at: x, do: new}\n  - {at: y, do: teleport}\n", "t.yaml"),
      "t.yaml", problems);
  REQUIRE(r.history.size() == 2);
  CHECK(r.history[1].data.line == 4);
  CHECK(r.history[1].data.column == 5);
}

TEST_CASE("an unquoted value a person wrote reads back the same after svc rewrites it in flow") {
  // Found by the fuzzer: block-context text with flow indicators, inside a one-line event.
  const std::string text =
      "id: T\nhistory:\n  - at: 2026-11-23T09:00:00+08:00\n    do: note\n"
      "    text: 2026-11-25T17:30\n    other: a,b [c] {d}\n";
  std::vector<Problem> problems;
  Record r = record_from_value(parse_yaml(text, "t.yaml"), "t.yaml", problems);
  REQUIRE(problems.empty());
  CHECK(r.history[0].data.get("text") == "2026-11-25T17:30");
  std::string written = record_text(r);
  CHECK(written.find("text: 2026-11-25T17:30, other: \"a,b [c] {d}\"}") != std::string::npos);
  Record back = record_from_value(parse_yaml(written, "t.yaml"), "t.yaml", problems);
  CHECK(back.history[0].data.get("text") == "2026-11-25T17:30");
  CHECK(back.history[0].data.get("other") == "a,b [c] {d}");
  CHECK(record_text(back) == written);
  // A plain scalar that goes on over a second line folds differently in different readers (and
  // a blank line inside it is a line break to some): refused where it goes on.
  CHECK_THROWS_WITH(parse_yaml("id: T\ntext: 2026-11-25T17:30\n\n  more\n", "t.yaml"),
                    "t.yaml:4:3: a line that is neither `key: value` nor `- item`; svc writes "
                    "text that goes on over several lines in double quotes with \\n");
}

namespace {

// plain_safe as it was before it stepped over sequences undecoded, for text that starts with a
// letter (so no number, date or indicator): every character decoded.
bool plain_safe_decoding_all(std::string_view s) {
  if (s.empty() || s.back() == ' ') return false;
  const std::string_view special = ",[]{}#:?\"'\x7f";
  for (size_t i = 0; i < s.size();) {
    auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      if (byte < 0x20 || special.find(static_cast<char>(byte)) != std::string_view::npos)
        return false;
      ++i;
    } else if (must_escape(next_code_point(s, i))) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("a sequence skipped undecoded is never one that must be escaped, valid or not") {
  // Every lead byte, with every second byte, a spread of third and fourth bytes, and cut short.
  const unsigned char more[] = {0x00, 0x41, 0x80, 0x85, 0x9f, 0xa0, 0xbf, 0xc0, 0xe2, 0xff};
  size_t skipped = 0;
  for (int lead = 0x80; lead < 0x100; ++lead)
    for (int second = 0; second < 0x100; ++second)
      for (unsigned char third : more)
        for (unsigned char fourth : more) {
          // Views into one buffer: 13 million cuts, no string made for any (the test's time).
          const char with_a[] = {'a', static_cast<char>(lead), static_cast<char>(second),
                                 static_cast<char>(third), static_cast<char>(fourth)};
          for (size_t cut = 1; cut <= 4; ++cut) {
            const std::string_view a_s(with_a, cut + 1);
            const std::string_view s = a_s.substr(1);
            // Asserted only on a difference, where the bytes are named: a scope per cut is time.
            auto where = [&] {
              return fmt::format("bytes {:02x} {:02x} {:02x} {:02x} cut at {}", lead, second, third,
                                 fourth, cut);
            };
            if (plain_safe(a_s) != plain_safe_decoding_all(a_s)) {
              INFO(where());
              REQUIRE(plain_safe(a_s) == plain_safe_decoding_all(a_s));
            }
            const size_t n = harmless_sequence(s, 0);
            if (n == 0) continue;
            size_t i = 0;
            const char32_t cp = next_code_point(s, i);
            if (i != n || must_escape(cp)) {
              INFO(where());
              REQUIRE(i == n);
              REQUIRE_FALSE(must_escape(cp));
            }
            ++skipped;
          }
        }
  // Leads C3-DF whole at cuts 2-4, E1 and E3-EE at 3-4, F1-F7 at 4; the rest always decoded.
  CHECK(skipped == (29 * 3 + 13 * 2 + 7 * 1) * 256 * 10 * 10);
  CHECK(harmless_sequence("中", 0) == 3);
  CHECK(harmless_sequence(std::string("\xe4\xb8"), 0) == 0);  // cut short: decoded byte by byte
  CHECK(harmless_sequence("\u2028", 0) == 0);
  CHECK(harmless_sequence("\u0085", 0) == 0);
  CHECK(harmless_sequence("\ufeff", 0) == 0);
}

TEST_CASE("plain_safe refuses the same characters as a scan that decodes every one") {
  std::vector<std::string> texts = {"张三",
                                    "V带 A-1200",
                                    "2号楼 3层",
                                    "ok",
                                    "a\u2028b",
                                    "a\u0085b",
                                    "a\ufeffb",
                                    "a\ufffeb",
                                    "中\x85",
                                    "中\xe4\xb8",
                                    "x\xc2",
                                    "x\xc0\x81",
                                    "x\xe0\x80\x85",
                                    "x\xf0\x80\x80\x85",
                                    "x\xf4\x8f\xbf\xbf",
                                    "x\xe2\x80"};
  for (char32_t cp = 0x80; cp < 0x3000; cp += 7) {
    std::string t = "ab";
    append_utf8(t, cp);
    texts.push_back(t + "cd");
  }
  size_t refused = 0;
  for (const auto& t : texts) {
    INFO(t);
    CHECK(plain_safe(t) == plain_safe_decoding_all(t));
    refused += !plain_safe(t);
  }
  CHECK(refused > 10);
}
