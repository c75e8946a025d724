// The accepted YAML subset (SPEC §9): one reading in every reader, or a refusal that says what
// to write; and a new record's file never replaces another.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "svc/domain/error.hpp"
#include "svc/store/safe_fs.hpp"
#include "svc/store/yaml.hpp"

using namespace svc;
using store::PlainReading;
namespace fs = std::filesystem;

TEST_CASE("an unquoted scalar is one reading to YAML 1.1 and 1.2, or it differs") {
  // Text to PyYAML's resolver and to YAML 1.2's core and JSON schemas alike.
  for (const char* text :
       {"漏水", "KX-200", "y", "n", "Y", "09:00-17:30", "2025-01-28..2025-02-04", "1.2.3", "12ab",
        "2026-1-5", "2026-11-23T09:15", "a,b", "1-2", "e3", "0b", "x:y"})
    CHECK_MESSAGE(store::plain_reading(text) == PlainReading::text, text);
  // The spellings every reader types alike.
  CHECK(store::plain_reading("null") == PlainReading::null);
  CHECK(store::plain_reading("true") == PlainReading::boolean);
  CHECK(store::plain_reading("false") == PlainReading::boolean);
  for (const char* n : {"0", "-0", "12", "-7", "12345678901234567890"})
    CHECK_MESSAGE(store::plain_reading(n) == PlainReading::integer, n);
  for (const char* n : {"0.5", "1.50", "-2.25", "35.50"})
    CHECK_MESSAGE(store::plain_reading(n) == PlainReading::decimal, n);
  CHECK(store::plain_reading("2026-11-23") == PlainReading::date);
  CHECK(store::plain_reading("2024-02-29") == PlainReading::date);
  CHECK(store::plain_reading("2026-11-23T09:15:00+08:00") == PlainReading::timestamp);
  CHECK(store::plain_reading("2026-11-23T09:15:00") == PlainReading::timestamp);
  // What one reader types and another does not, or refuses (issue 21's list and more).
  for (const char* odd : {"yes",
                          "no",
                          "on",
                          "off",
                          "Yes",
                          "OFF",
                          "True",
                          "TRUE",
                          "False",
                          "~",
                          "Null",
                          "NULL",
                          "1_000",
                          "0x1F",
                          "017",
                          "-05",
                          "00",
                          "08",
                          "1:20",
                          "1e3",
                          "1.5e3",
                          "12e3",
                          ".5",
                          "5.",
                          "+5",
                          ".inf",
                          "-.inf",
                          ".NaN",
                          "0o17",
                          "0b101",
                          "2026-13-01",
                          "2026-02-30",
                          "2025-02-29",
                          "0000-01-01",
                          "2026-11-23 09:15:00",
                          "2026-11-23t09:15:00",
                          "2026-11-23T09:15:00Z",
                          "2026-11-23T09:15:00.5+08:00",
                          "2026-11-23T25:00:00",
                          "=",
                          "<<"})
    CHECK_MESSAGE(store::plain_reading(odd) == PlainReading::differs, odd);
}

TEST_CASE("a long scalar that looks typed is judged without a deep regex match") {
  // std::regex recurses as deep as the text is long: 200,000 characters would end the process.
  const std::string long_one = "2-" + std::string(200000, 'a');
  CHECK(store::plain_reading(long_one) == PlainReading::differs);
  CHECK(store::plain_reading(std::string(200000, '7')) == PlainReading::integer);
  CHECK_THROWS_AS(store::parse_yaml("a: " + long_one + "\n", "f.yaml"), Error);
}

TEST_CASE("a refusal names the quoted form to write, and the number where one was meant") {
  CHECK(store::differs_message("yes") ==
        "'yes' unquoted is read differently by YAML readers (1.1 and 1.2 disagree on such "
        "numbers, dates and words, or refuse it); write \"yes\" if it is text");
  CHECK(
      store::differs_message(".5").ends_with("write \".5\" if it is text, or 0.5 for the number"));
  CHECK(store::differs_message("+5").ends_with("write \"+5\" if it is text, or 5 for the number"));
  CHECK(store::differs_message("True").ends_with("write \"True\" if it is text, or true"));
}

TEST_CASE("svc writes no scalar it would refuse to read, and reads back what it wrote") {
  for (const char* s : {"yes", "~", "1_000", "0x1F", ".5", "+5", "2026-13-01", "=", "<<", "True",
                        "09:00-17:30", "y", "12", "1.50", "2026-11-23", "null"}) {
    INFO(s);
    for (Value v : {Value::plain(s), Value::text(s)}) {
      Value doc = Value::map();
      doc.set("a", v);
      Value flow = Value::map(true);
      flow.set("b", v);
      doc.set("h", flow);
      std::string written = store::emit_yaml(doc);
      Value back = store::parse_yaml(written, "w.yaml");
      CHECK(back.get("a") == (v.kind == Value::Kind::plain && v.scalar == "null" ? "~" : v.scalar));
      CHECK(back.find("h")->get("b") == back.get("a"));
    }
  }
  // Null is written `null` (a JSON-schema reader takes ~ for text).
  Value doc = Value::map();
  doc.set_plain("a", "~");
  CHECK(store::emit_yaml(doc) == "a: null\n");
}

TEST_CASE("lines every reader reads alike, and the ones they part on") {
  auto refusal = [](const std::string& text) {
    try {
      (void)store::parse_yaml(text, "f.yaml");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(refusal("a: 1\nb: [x, {c: d}]\n# note\nc:\n  - x\n  - y: 1\n    z: 2\n") == "accepted");
  CHECK(refusal("a: 1\nbare") ==
        "f.yaml:2:1: a line that is neither `key: value` nor `- item`; svc writes text that goes "
        "on over several lines in double quotes with \\n");
  CHECK(refusal("a: \"open") ==
        "f.yaml:1:4: quoted text that does not end on its line; svc writes line breaks as \\n "
        "inside double quotes");
  CHECK(refusal("a: 'it\n  more'\n") ==
        "f.yaml:1:4: quoted text that does not end on its line; svc writes line breaks as \\n "
        "inside double quotes");
  CHECK(refusal("a: 'it''s'\n") ==
        "f.yaml:1:7: '' (a quote inside single quotes) is not read alike by every YAML reader; "
        "write the text in double quotes");
  CHECK(refusal("a: 'single'\n") == "accepted");
  CHECK(refusal("a:\tb\n").starts_with("f.yaml:1:3: a tab character"));
  CHECK(refusal("a: b\t# c\n").starts_with("f.yaml:1:5: a tab character"));
  CHECK(refusal("a: \"\\'\"\n").starts_with("f.yaml:1:5: the escape \\' is not read alike"));
  CHECK(refusal("a: \"\\_\"\n").starts_with("f.yaml:1:5: the escape \\_ is not read alike"));
  CHECK(refusal("a: \"\\x41\"\n").starts_with("f.yaml:1:5: the escape \\x is not read alike"));
  CHECK(refusal("a: |\n  text\n").starts_with("f.yaml:1:4: block scalars (| and >)"));
  CHECK(refusal(")>::\n-") ==
        "f.yaml:2:1: a list item with nothing after its '-'; write the item on its line");
  CHECK(refusal("a:\n  -\n    b: 1\n").starts_with("f.yaml:2:3: a list item with nothing"));
  CHECK(refusal("- >\n").starts_with("f.yaml:1:3: block scalars (| and >)"));
  CHECK(refusal("a: {b: 1,\n  c: 2}\n").starts_with("f.yaml:1:4: a flow collection"));
  CHECK(refusal("h:\n  - {at: -, by: x}\n") ==
        "f.yaml:2:10: '-' alone cannot be a value; write \"-\" if it is text");
  CHECK(refusal("id:x: [,]\n").starts_with("f.yaml:1:8: an empty entry in a flow collection"));
  CHECK(refusal("a: [x, y,]\n").starts_with("f.yaml:1:10: an empty entry in a flow collection"));
  CHECK(refusal("a: {x: 1,, y: 2}\n").starts_with("f.yaml:1:10: an empty entry"));
  CHECK(refusal("a: [\"x\", 'y', {z: 1}]\n") == "accepted");
  CHECK(refusal("a: {x: 1}#c\n") == "f.yaml:1:10: unexpected text after the value");
  CHECK(refusal("a: \"x\"#c\n") == "f.yaml:1:7: unexpected text after the value");
  CHECK(refusal("a: {x: 1} # c\n") == "accepted");
  CHECK(refusal("a: {x: !}\n") == "f.yaml:1:8: tags (!) are not allowed in svc files");
  CHECK(refusal("a: ! text\n") == "f.yaml:1:4: tags (!) are not allowed in svc files");
  CHECK(refusal("%YAML 1.1\n---\na: 1\n").starts_with("f.yaml:1:1: directives"));
  CHECK(refusal(std::string(129, 'k') + ": v\n") ==
        "f.yaml:1:1: a key of 129 characters; svc reads keys of at most 128");
  CHECK(refusal(std::string(128, 'k') + ": v\n") == "accepted");
  CHECK(refusal("1: a\n") ==
        "f.yaml:1:1: the key '1' unquoted is not text to every YAML reader; write \"1\"");
  CHECK(refusal("\"1\": a\n") == "accepted");
  // svc.yaml's survey scales are keyed by their levels.
  CHECK_NOTHROW(
      store::parse_yaml("scale: {4: 很满意, 3: 满意}\n", "svc.yaml", store::Keys::levels_too));
}

TEST_CASE("JSON holds bare only what JSON reads as the same number, boolean or null") {
  Value v = Value::map();
  for (const char* s : {"12", "-0", "0.10", "12345678901234567890"}) v.set_plain(s, s);
  v.set_plain("t", "true");
  v.set_plain("n", "~");
  v.set_plain("d", "2026-11-23");
  v.set_plain("odd", "1_000");  // made in memory: no reader sees it bare
  v.set_text("s", "12");
  CHECK(store::emit_json(v, 0) ==
        "{\"12\":12,\"-0\":-0,\"0.10\":0.10,\"12345678901234567890\":12345678901234567890,"
        "\"t\":true,\"n\":null,\"d\":\"2026-11-23\",\"odd\":\"1_000\",\"s\":\"12\"}\n");
}

TEST_CASE("a new record's file is never written over another file") {
  fs::path root = fs::temp_directory_path() / fmt::format("svc-noreplace-{}", ::getpid());
  fs::remove_all(root);
  fs::create_directories(root / "tickets/2026-11/T-2611-0002.yaml");
  { std::ofstream(root / "tickets/2026-11/T-2611-0001.yaml") << "theirs\n"; }
  auto refused = [&](const char* name) {
    try {
      store::write_inside(root, root / "tickets/2026-11" / name, "ours\n", true);
    } catch (const Error& e) {
      CHECK(e.code() == Exit::write);
      return std::string(e.what()).find("already exists") != std::string::npos;
    }
    return false;
  };
  CHECK(refused("T-2611-0001.yaml"));
  CHECK(refused("T-2611-0002.yaml"));
  std::ifstream in(root / "tickets/2026-11/T-2611-0001.yaml");
  std::string line;
  std::getline(in, line);
  CHECK(line == "theirs");
  CHECK(fs::is_directory(root / "tickets/2026-11/T-2611-0002.yaml"));
  // Where nothing is, it writes; a rewrite (only_new off) replaces as ever.
  store::write_inside(root, root / "tickets/2026-11/T-2611-0003.yaml", "new\n", true);
  store::write_inside(root, root / "tickets/2026-11/T-2611-0003.yaml", "again\n");
  CHECK(fs::file_size(root / "tickets/2026-11/T-2611-0003.yaml") == 6);
  // No temp file is left behind by the refusals.
  CHECK(fs::is_empty(root / ".svc/tmp"));
  fs::remove_all(root);
}
