// What svc writes reads back as the very same string in svc, PyYAML (YAML 1.1) and libfyaml
// (YAML 1.2), for adversarial and random strings (issue: trustworthy records, item 1).
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

using namespace svc;

namespace {

std::string utf8(char32_t cp) {
  std::string s;
  append_utf8(s, cp);
  return s;
}

std::vector<std::string> adversarial() {
  std::vector<std::string> v = {"",
                                " ",
                                "  lead",
                                "trail ",
                                " both ",
                                "123",
                                "-7",
                                "+3",
                                "0x1F",
                                "0o17",
                                "0b101",
                                "017",
                                "0777",
                                "1:20",
                                "190:20:30",
                                "1_000",
                                ".5",
                                "._",
                                "._5",
                                "1.",
                                "1e3",
                                "-.inf",
                                ".NaN",
                                "yes",
                                "No",
                                "on",
                                "OFF",
                                "y",
                                "N",
                                "~",
                                "null",
                                "NULL",
                                "true",
                                "False",
                                "2026-11-23",
                                "2026-1-5",
                                "2026-11-23T09:15:00+08:00",
                                "2026-11-23 09:15",
                                "2026-11-23t09:15:00z",
                                "- a",
                                "-",
                                "--",
                                "---",
                                "...",
                                "? b",
                                "?",
                                ": c",
                                ":",
                                "a: b",
                                "a:b",
                                "a #b",
                                "#c",
                                "a#",
                                "&anchor",
                                "*alias",
                                "!tag",
                                "!!str x",
                                "!",
                                "|",
                                "|-",
                                ">",
                                ">+",
                                "%YAML 1.2",
                                "@x",
                                "`x`",
                                "'q'",
                                "\"dq\"",
                                "it's",
                                "{a: 1}",
                                "[1, 2]",
                                "a,b",
                                "a]b",
                                "a}b",
                                "{",
                                "=",
                                "<<",
                                "\t",
                                "a\tb",
                                "\ta",
                                "a\t",
                                "a\nb",
                                "\n",
                                "a\n",
                                "a\r\nb",
                                "\r",
                                "a\\b",
                                "\\",
                                "\\n",
                                "\\u2028",
                                "null\n",
                                "é",
                                "ß",
                                "中文：冒号",
                                "中文: 冒号",
                                "华东机械厂",
                                "V带 A-1200",
                                "emoji 🙂👍🏽",
                                "👨‍👩‍👧",
                                "\xC2\xA0nbsp",
                                "\xE3\x80\x80全角空格",
                                "x\xE3\x80\x80"};
  for (char32_t cp :
       {0x00, 0x01, 0x07,   0x08,   0x0b,   0x0c,   0x1b,   0x1f,   0x7f,     0x80,  0x85,
        0x9f, 0xa0, 0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff, 0xfffd, 0x10ffff, 0xe000})
    for (const char* frame : {"%s", "a%sb", "%sa", "a%s"}) {
      std::string f = frame, c = utf8(cp);
      v.push_back(f.replace(f.find("%s"), 2, c));
    }
  v.push_back("\x1b[31mred\x1b[0m");
  return v;
}

std::vector<std::string> random_strings(size_t n) {
  std::mt19937 rng(20261123);
  const std::string ascii = " -?:,[]{}#&*!|>'\"%@`~=<.+_0123456789abcxyzTtEeNnYyOo\\/";
  std::vector<char32_t> special = {0x00, 0x09,   0x0a,   0x0d,   0x1b,   0x7f,   0x85,   0x9b,
                                   0xa0, 0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff, 0x3000, 0x1f642};
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    size_t len = rng() % 16;
    std::string s;
    for (size_t k = 0; k < len; ++k) {
      switch (rng() % 6) {
        case 0:
        case 1:
          s += ascii[rng() % ascii.size()];
          break;
        case 2:
          s += utf8(special[rng() % special.size()]);
          break;
        case 3:
          s += utf8(0x4e00 + rng() % 0x5000);  // CJK
          break;
        case 4: {
          char32_t cp = 0x80 + rng() % (0x10ffff - 0x80);
          if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x4e2d;
          s += utf8(cp);
          break;
        }
        default:
          s += static_cast<char>('0' + rng() % 10);
      }
    }
    out.push_back(s);
  }
  return out;
}

std::string hex(const std::string& s) {
  std::string h;
  for (unsigned char c : s) h += fmt::format("{:02x}", c);
  return h;
}

}  // namespace

TEST_CASE("every string svc writes reads back the same in svc, PyYAML and a YAML 1.2 reader") {
  std::vector<std::string> strings = adversarial();
  auto more = random_strings(4000);
  strings.insert(strings.end(), more.begin(), more.end());

  Record r;
  r.id = "T-2611-0001";
  r.fields.set_plain("id", r.id);
  Value map = Value::map(), list = Value::list();
  for (size_t i = 0; i < strings.size(); ++i) {
    map.set_text(fmt::format("s{}", i), strings[i]);
    list.push(Value::text(strings[i]));
  }
  r.fields.set("strings", map);
  r.fields.set("listed", list);
  r.history.push_back({"2026-11-23T09:00:00+08:00", "前台", "new", Value::map(true)});
  for (const auto& s : strings) {
    Event e{"2026-11-23T09:00:00+08:00", s, "note", Value::map(true)};
    e.data.set_text("text", s);
    r.history.push_back(e);
  }
  const std::string text = store::record_text(r);

  // The file is kept on disk for the outside readers (and for a look when this fails).
  std::string dir = (std::filesystem::temp_directory_path() / "svc-roundtrip-XXXXXX").string();
  REQUIRE(::mkdtemp(dir.data()) != nullptr);
  std::ofstream(dir + "/rt.yaml", std::ios::binary) << text;
  {
    std::ofstream hexes(dir + "/expected.hex");
    for (const auto& s : strings) hexes << hex(s) << "\n";
  }
  // svc itself.
  std::vector<store::Problem> problems;
  Record back = store::record_from_value(store::parse_yaml(text, "rt.yaml"), "rt.yaml", problems);
  REQUIRE(problems.empty());
  REQUIRE(back.history.size() == strings.size() + 1);
  size_t mismatches = 0;
  for (size_t i = 0; i < strings.size(); ++i) {
    bool same = back.fields.find("strings")->get(fmt::format("s{}", i)) == strings[i] &&
                back.fields.find("listed")->items[i].scalar == strings[i] &&
                back.history[i + 1].data.get("text") == strings[i] &&
                back.history[i + 1].by == strings[i];
    if (!same && ++mismatches < 10) FAIL_CHECK("svc reads back string " << i << " differently");
  }
  CHECK(mismatches == 0);
  CHECK(store::record_text(back) == text);  // and re-saving changes no byte

  // PyYAML and fy-tool, through a script that knows the strings only as hex bytes.
  std::string cmd =
      fmt::format("/usr/bin/python3 '{}' '{}/rt.yaml' '{}/expected.hex' > '{}/out' 2>&1",
                  SVC_TEST_TOOLS "/roundtrip_check.py", dir, dir, dir);
  int status = std::system(cmd.c_str());
  std::ifstream report(dir + "/out");
  std::string output((std::istreambuf_iterator<char>(report)), std::istreambuf_iterator<char>());
  INFO(output);
  CHECK(status == 0);
  CHECK(output.find(fmt::format("{} strings: 0 mismatches", strings.size())) != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a raw control character in a file is refused wherever it sits, and nothing else is") {
  // Every code point below U+3000 and from U+FE00 on to U+FFFF, and a spread of the rest: the
  // check that skips what it need not decode refuses exactly what must_escape names.
  std::vector<char32_t> points;
  for (char32_t cp = 0; cp < 0x3000; ++cp) points.push_back(cp);
  for (char32_t cp = 0xfe00; cp < 0x10000; ++cp) points.push_back(cp);
  for (char32_t cp = 0x3000; cp < 0x110000; cp += 97) points.push_back(cp);
  size_t refused = 0;
  for (char32_t cp : points) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    // After ASCII, after a CJK character, and at the start of a value.
    for (const std::string& before : {std::string("x"), std::string("中"), std::string()}) {
      const std::string text = "a: " + before + utf8(cp) + "y\n";
      std::string error;
      try {
        (void)store::parse_yaml(text, "f.yaml");
      } catch (const Error& e) {
        error = e.what();
      }
      const bool named = error.find(fmt::format("raw control character U+{:04X}",
                                                static_cast<unsigned>(cp))) != std::string::npos;
      INFO("U+" << fmt::format("{:04X}", static_cast<unsigned>(cp)) << " after '" << before
                << "': " << error);
      REQUIRE(named == must_escape(cp));
      refused += named;
    }
  }
  CHECK(refused == 3 * (30 + 1 + 32 + 2 + 3));  // C0 but tab and LF, DEL, C1, U+2028/9, 3 more
}

TEST_CASE("an ASCII control character is refused at every place within eight bytes") {
  // The check looks at eight bytes of printable ASCII at once: each ASCII byte at each offset of
  // a long value is refused exactly when must_escape names it.
  size_t refused = 0;
  for (int b = 0; b < 0x80; ++b)
    for (size_t at = 0; at < 16; ++at) {
      std::string value(24, 'x');
      value[at] = static_cast<char>(b);
      std::string error;
      try {
        (void)store::parse_yaml("a: " + value + "\n", "f.yaml");
      } catch (const Error& e) {
        error = e.what();
      }
      const bool named = error.find("raw control character") != std::string::npos;
      INFO("byte " << b << " at " << at << ": " << error);
      REQUIRE(named == must_escape(static_cast<char32_t>(b)));
      refused += named;
    }
  CHECK(refused == 16 * (30 + 1));  // C0 but tab and LF, and DEL
}
