#include "svc/store/yaml.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <cstring>
#include <regex>
#include <set>
#include <sstream>

#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"

namespace svc::store {

namespace {

// Whether the eight bytes at `p` are all printable ASCII (0x20-0x7E), tested as one word: no
// high bit, no byte below 0x20, none equal to 0x7F.
bool printable_ascii8(const char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
  const std::uint64_t del = x ^ (ones * 0x7f);
  return ((x & highs) | ((x - ones * 0x20) & ~x & highs) | ((del - ones) & ~del & highs)) == 0;
}

constexpr CharSet kDigits("0123456789");
constexpr CharSet kRawTyped(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+-.:_~=<");
constexpr CharSet kHexDigits("0123456789abcdefABCDEF_");
constexpr CharSet kOctDigits("01234567_");
constexpr CharSet kBinDigits("01_");
constexpr CharSet kNumberish("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.:+-");

// What YAML 1.1 or 1.2 reads as a number: 12, -1.5, 1e3, 1_000, 0x1f, 0o17, 0b101, .5, .inf.
bool is_number(std::string_view s) {
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  std::string_view t = s;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  if (t == ".inf" || t == ".Inf" || t == ".INF") return true;
  if (t.size() > 2 && t[0] == '0' && t[1] == 'x') return kHexDigits.all(t.substr(2));
  if (t.size() > 2 && t[0] == '0' && t[1] == 'o') return kOctDigits.all(t.substr(2));
  if (t.size() > 2 && t[0] == '0' && t[1] == 'b') return kBinDigits.all(t.substr(2));
  bool digits = false, dot = false, exponent = false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '_' && digits && !exponent) {
    } else if (c == '.' && !dot && !exponent) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits && !exponent) {
      exponent = true;
      if (i + 1 < t.size() && (t[i + 1] == '+' || t[i + 1] == '-')) ++i;
      if (i + 1 >= t.size()) return false;
    } else {
      return false;
    }
  }
  return digits;
}

// Wider than is_number on purpose: whatever some YAML 1.1 or 1.2 resolver might take for a
// number (sexagesimal 1:20, 0b1_0, ._5, 1__, 12e3, 0777) starts like one, and is always quoted.
bool looks_numeric(std::string_view s) {
  std::string_view t = s;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  if (t.empty() || !((t[0] >= '0' && t[0] <= '9') || t[0] == '.')) return false;
  return kNumberish.all(t);
}

bool is_reserved_word(std::string_view s) {
  // Every reading svc cares for is short and starts with one of these (and this is read often).
  if (s.empty() || s.size() > 5 || std::string_view("nNtTfFyYoO~=<").find(s[0]) == s.npos)
    return false;
  static constexpr std::string_view words[] = {
      "null", "Null", "NULL", "~",  "true", "True", "TRUE", "false", "False", "FALSE",
      "yes",  "Yes",  "YES",  "no", "No",   "NO",   "on",   "On",    "ON",    "off",
      "Off",  "OFF",  "y",    "Y",  "n",    "N",    "=",    "<<"};
  for (std::string_view w : words)
    if (s == w) return true;
  return false;
}

// Dates and timestamps stay plain when svc writes them, but free text that looks like one is
// quoted so that no reader turns it into a date: YYYY-M[M]-D[D], then nothing or T/t/space.
bool looks_like_date(std::string_view s) {
  auto digits = [&](size_t from, size_t n) {
    return s.size() >= from + n && kDigits.all(s.substr(from, n));
  };
  if (!digits(0, 4) || s.size() < 8 || s[4] != '-') return false;
  size_t i = 5, month = digits(5, 2) ? 2 : digits(5, 1) ? 1 : 0;
  if (!month || s.size() <= i + month || s[i + month] != '-') return false;
  i += month + 1;
  size_t day = digits(i, 2) ? 2 : digits(i, 1) ? 1 : 0;
  if (!day) return false;
  i += day;
  return i == s.size() || s[i] == 'T' || s[i] == 't' || s[i] == ' ';
}

bool typed_plain(std::string_view s) {
  return is_number(s) || is_reserved_word(s) || looks_like_date(s);
}

bool all_digits(std::string_view s) { return !s.empty() && kDigits.all(s); }

// -?(0|[1-9][0-9]*): the integers every reader (and JSON) reads alike.
bool canonical_integer(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  return all_digits(s) && (s.size() == 1 || s[0] != '0');
}

// A number of two digits at `s[at]` between lo and hi.
bool two_digits(std::string_view s, size_t at, int lo, int hi) {
  if (at + 2 > s.size() || !all_digits(s.substr(at, 2))) return false;
  int n = (s[at] - '0') * 10 + (s[at + 1] - '0');
  return n >= lo && n <= hi;
}

bool canonical_date(std::string_view s) {
  if (s.size() != 10 || !all_digits(s.substr(0, 4)) || s[4] != '-' || s[7] != '-' ||
      !two_digits(s, 5, 1, 12) || !two_digits(s, 8, 1, 31))
    return false;
  int year = std::stoi(std::string(s.substr(0, 4)));
  int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return year >= 1 && day <= (month == 2 && !leap ? 28 : kDays[month - 1]);
}

// 2026-11-23T09:15:00, with an offset (+08:00) or none: what a YAML 1.1 reader gives back as
// the same text (isoformat), as 1.2 readers keep it.
bool canonical_timestamp(std::string_view s) {
  if (s.size() < 19 || !canonical_date(s.substr(0, 10)) || s[10] != 'T' ||
      !two_digits(s, 11, 0, 23) || s[13] != ':' || !two_digits(s, 14, 0, 59) || s[16] != ':' ||
      !two_digits(s, 17, 0, 59))
    return false;
  std::string_view rest = s.substr(19);
  if (rest.empty()) return true;
  return rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && two_digits(rest, 1, 0, 23) &&
         rest[3] == ':' && two_digits(rest, 4, 0, 59);
}

constexpr size_t kMaxFileBytes = 1 << 20;  // a record is ~1.5 KB; a year of events is far less
constexpr size_t kMaxDepth = 32;           // svc writes 4 levels at most

struct Position {
  int line = 0;
  int column = 0;
};

// Line and column (1-based, in characters) of byte `offset`.
Position position_of(std::string_view text, size_t offset) {
  Position p{1, 1};
  for (size_t i = 0; i < offset && i < text.size();) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
      ++i;
    } else {
      next_code_point(text, i);
      ++p.column;
    }
  }
  return p;
}

[[noreturn]] void refuse_at(const std::string& path, Position p, const std::string& what) {
  throw data_error(fmt::format("{}:{}:{}: {}", path, p.line, p.column, what));
}

// Bytes no record file svc writes contains: caught before the parser sees them.
void check_bytes(std::string_view text, const std::string& path) {
  if (text.size() > kMaxFileBytes)
    throw data_error(fmt::format("{}: the file is {} bytes; a record file may have at most {}",
                                 path, text.size(), kMaxFileBytes));
  if (auto bad = first_invalid_utf8(text))
    refuse_at(path, position_of(text, *bad), "the file is not valid UTF-8 text");
  if (text.substr(0, 3) == "\xEF\xBB\xBF")
    refuse_at(path, {1, 1},
              "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM");
  for (size_t i = 0; i < text.size();) {
    // Fast past what can never need a look: eight bytes of printable ASCII at a time, tab and
    // newline, and a sequence whose lead byte starts none of the characters must_escape names.
    if (i + 8 <= text.size() && printable_ascii8(text.data() + i)) {
      i += 8;
      continue;
    }
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead == '\t')
      refuse_at(path, position_of(text, i),
                "a tab character; svc files indent with spaces, and a tab inside text is written "
                "\\t in double quotes (YAML readers disagree on tabs around : and #)");
    if (lead < 0x80 && ((lead >= 0x20 && lead != 0x7f) || lead == '\n')) {
      ++i;
      continue;
    }
    if (size_t skip = harmless_sequence(text, i)) {
      i += skip;
      continue;
    }
    size_t at = i;
    char32_t cp = next_code_point(text, i);
    if (cp == '\r' && i < text.size() && text[i] == '\n')
      refuse_at(path, position_of(text, at),
                "Windows line ending (CR LF); svc files use LF line endings");
    if (must_escape(cp))
      refuse_at(path, position_of(text, at),
                fmt::format("raw control character U+{:04X}; write it as \\u{:04x} inside double "
                            "quotes",
                            static_cast<unsigned>(cp), static_cast<unsigned>(cp)));
  }
}

// The first line (1-based) that is a git conflict marker (<<<<<<<, =======, >>>>>>>).
std::optional<int> conflict_marker_line(std::string_view text) {
  int line = 1;
  for (size_t i = 0; i < text.size(); ++line) {
    size_t end = text.find('\n', i);
    std::string_view l = text.substr(i, end == std::string_view::npos ? end : end - i);
    if (l.starts_with("<<<<<<< ") || l == "<<<<<<<" || l == "=======" ||
        l.starts_with(">>>>>>> ") || l == ">>>>>>>")
      return line;
    if (end == std::string_view::npos) break;
    i = end + 1;
  }
  return std::nullopt;
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The shape of every line of a file the fast reader declined (hand edits, other tools): one
// thing a line, as svc writes it (`key: value`, `key:` with a block below, `- item`, a
// comment), every quoted text and flow collection ending on its line, and only the escapes
// every reader reads alike. Beyond that YAML's readers part ways: a word alone on the last
// line is a key to yaml-cpp and an error to PyYAML, an unterminated quote at the end of the
// file is text to one, `\'` and `\_` mean different things or nothing; svc refuses such a line.
class LineShape {
 public:
  LineShape(std::string_view text, const std::string& path) : t_(text), path_(path) {}

  void check() {
    for (size_t start = 0; start < t_.size();) {
      size_t end = t_.find('\n', start);
      if (end == std::string_view::npos) end = t_.size();
      begin_ = start;
      end_ = end;
      line(start);
      start = end + 1;
    }
  }

 private:
  std::string_view t_;
  const std::string& path_;
  size_t begin_ = 0, end_ = 0;  // the line being checked: [begin_, end_)
  bool seen_ = false;           // a line with a node came before

  [[noreturn]] void fail(size_t at, const std::string& what) const {
    refuse_at(path_, position_of(t_, at), what);
  }
  size_t spaces(size_t i) const {
    while (i < end_ && t_[i] == ' ') ++i;
    return i;
  }
  bool ends(size_t i) const {  // nothing but spaces and a comment (after a space) from i on
    i = spaces(i);
    return i >= end_ || (t_[i] == '#' && (i == begin_ || t_[i - 1] == ' '));
  }
  bool blank_after(size_t i) const { return i + 1 >= end_ || t_[i + 1] == ' '; }
  // Any tag: yaml-cpp reads `!` alone as "quoted" and takes names PyYAML and libfyaml refuse.
  static constexpr const char* kTag = "tags (!) are not allowed in svc files";
  static constexpr const char* kBlockScalar =
      "block scalars (| and >) are not allowed in svc files; write the text in double quotes "
      "with \\n for each line break";
  bool comment_at(size_t i) const { return t_[i] == '#' && i > begin_ && t_[i - 1] == ' '; }

  void line(size_t i) {
    i = spaces(i);
    if (i >= end_ || t_[i] == '#') return;
    std::string_view whole = t_.substr(begin_, end_ - begin_);
    // One document: a `---` alone on the first line is as good as none; anything else that
    // starts or ends a document (`...`, `--- x`, a second `---`) readers take differently.
    if (i == begin_ && whole == "---" && begin_ == 0) return;
    if (i == begin_ && (whole.starts_with("---") || whole.starts_with("...")))
      fail(i, "a document marker (--- or ...) other than one --- on the first line; svc files "
              "are one document");
    if (t_[i] == '%') fail(i, "directives (%YAML, %TAG) are not allowed in svc files");
    bool item = false;
    while (t_[i] == '-' && blank_after(i)) {
      item = true;
      i = spaces(i + 1);
      if (ends(i)) return;
    }
    if (t_[i] == '?' && blank_after(i))
      fail(i, "complex keys (? key) are not allowed in svc files");
    if (t_[i] == ':' && blank_after(i)) fail(i, "a map entry has no key");
    if (t_[i] == '!') fail(i, kTag);
    if (t_[i] == '|' || t_[i] == '>') fail(i, kBlockScalar);
    size_t after = 0;
    if (t_[i] == '"' || t_[i] == '\'') {
      after = spaces(quoted_end(i));
    } else if (t_[i] == '{' || t_[i] == '[') {
      after = spaces(flow_end(i));
    } else {
      after = i;
      while (after < end_ && !(t_[after] == ':' && blank_after(after)) && !comment_at(after))
        ++after;
    }
    if (after < end_ && t_[after] == ':' && blank_after(after)) {
      if (t_[i] == '{' || t_[i] == '[') fail(i, "a key must be plain text, not a list or map");
      // Said here, before a reader's own limit (1024) speaks of an "illegal map value".
      if (t_[i] != '"' && t_[i] != '\'') {
        std::string_view key = t_.substr(i, after - i);
        while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
        if (code_points(key) > kMaxKeyChars)
          fail(i, fmt::format("a key of {} characters; svc reads keys of at most {}",
                              code_points(key), kMaxKeyChars));
      }
      seen_ = true;
      return value(after + 1);
    }
    if (!ends(after)) fail(after, "unexpected text after the value");
    // A document that is one flow collection ({} for an empty one) is the reader's to judge.
    const bool lone = !seen_ && i == begin_ && (t_[i] == '{' || t_[i] == '[');
    seen_ = true;
    if (!item && !lone)
      fail(i,
           "a line that is neither `key: value` nor `- item`; svc writes text that goes on "
           "over several lines in double quotes with \\n");
  }

  // What follows `key:` on its line.
  void value(size_t i) {
    i = spaces(i);
    if (i >= end_ || t_[i] == '#') return;  // a block below, or nothing
    char c = t_[i];
    size_t after;
    if (c == '"' || c == '\'') {
      after = quoted_end(i);
    } else if (c == '{' || c == '[') {
      after = flow_end(i);
    } else if (c == '!') {
      fail(i, kTag);
    } else if (c == '&' || c == '*') {
      return;  // an anchor or alias: the reader refuses it by name
    } else if (c == '|' || c == '>') {
      fail(i, kBlockScalar);
    } else if ((c == '-' || c == '?' || c == ':') && blank_after(i)) {
      fail(i, fmt::format("'{}' cannot start a value on its key's line", c));
    } else {
      for (after = i; after < end_ && !comment_at(after); ++after)
        if (t_[after] == ':' && blank_after(after))
          fail(after, "a second `: ` on one line; quote the value if it is text");
      return;
    }
    if (!ends(after)) fail(spaces(after), "unexpected text after the value");
  }

  // The end of the quoted text at i, on its line; refuses escapes not every reader reads alike.
  size_t quoted_end(size_t i) const {
    const char q = t_[i];
    for (size_t k = i + 1; k < end_; ++k) {
      if (q == '\'' && t_[k] == '\'') {
        // libfyaml 0.7 misreads runs of '' (the quote written twice): one reader, one reading.
        if (k + 1 < end_ && t_[k + 1] == '\'')
          fail(k, "'' (a quote inside single quotes) is not read alike by every YAML reader; "
                  "write the text in double quotes");
        return k + 1;
      }
      if (q == '"' && t_[k] == '"') return k + 1;
      if (q == '"' && t_[k] == '\\') {
        char e = k + 1 < end_ ? t_[k + 1] : '\n';
        if (e == 'u' && k + 6 <= end_ && kHexDigits.all(t_.substr(k + 2, 4)) &&
            t_.substr(k + 2, 4).find('_') == std::string_view::npos) {
          k += 5;
        } else if (e == '"' || e == '\\' || e == 'n' || e == 't' || e == 'r') {
          ++k;
        } else {
          fail(k, fmt::format("the escape \\{} is not read alike by every YAML reader; write the "
                              "character itself, or \\u and its four hex digits",
                              e == '\n' ? std::string() : std::string(1, e)));
        }
      }
    }
    fail(i, "quoted text that does not end on its line; svc writes line breaks as \\n inside "
            "double quotes");
  }

  // The end of the flow collection at i, on its line.
  size_t flow_end(size_t i) const {
    std::string open;
    bool token_start = true;  // where a quote opens quoted text (not inside plain text: it's)
    char last = 0;            // the last character that is not a space
    for (size_t k = i; k < end_; ++k) {
      char c = t_[k];
      if ((c == '"' || c == '\'') && token_start) {
        k = quoted_end(k) - 1;
        token_start = false;
        last = '"';
        continue;
      }
      if (c == '!' && token_start) fail(k, kTag);
      // An indicator alone is text to one reader and an error to another: {at: -}.
      if ((c == '-' || c == '?' || c == ':') && token_start &&
          (k + 1 >= end_ || std::string_view(" ,]}").find(t_[k + 1]) != std::string_view::npos))
        fail(k, fmt::format("'{}' alone cannot be a value; write \"{}\" if it is text", c, c));
      // An empty entry ([,] or [a,,b]) or a comma before the end ([a,]): readers part on it.
      if ((c == ',' && (last == '[' || last == '{' || last == ',')) ||
          ((c == '}' || c == ']') && last == ','))
        fail(k, "an empty entry in a flow collection; write each entry, with no comma before "
                "the end");
      if (c != ' ') last = c;
      if (c == '{' || c == '[') {
        open += c;
      } else if (c == '}' || c == ']') {
        if (open.empty() || open.back() != (c == '}' ? '{' : '['))
          fail(k, fmt::format("'{}' closes nothing here", c));
        open.pop_back();
        if (open.empty()) return k + 1;
      } else if (comment_at(k)) {
        break;
      }
      if (c != ' ') token_start = c == '{' || c == '[' || c == ',' || c == ':';
    }
    fail(i, "a flow collection ({…} or […]) that does not end on its line; svc writes each on "
            "one line");
  }
};

// Builds a Value straight from the parser's events, refusing what svc never writes: anchors,
// aliases, tags, complex keys, duplicate keys, deep nesting. No node tree, no alias expansion.
class Builder : public YAML::EventHandler {
 public:
  Builder(const std::string& path, std::string_view text, Keys keys)
      : path_(path), text_(text), keys_(keys) {}
  Value take() { return std::move(root_); }
  bool has_root() const { return has_root_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    no_anchor(mark, anchor);
    // Nothing, or `null`: null to every reader; ~, Null and NULL are text to a JSON-schema one.
    if (mark.pos >= 0 && static_cast<size_t>(mark.pos) < text_.size()) {
      std::string_view at = text_.substr(static_cast<size_t>(mark.pos));
      for (std::string_view word : {"~", "Null", "NULL"})
        if (at.starts_with(word) &&
            (at.size() == word.size() || std::string_view(" \n,]}").find(at[word.size()]) !=
                                             std::string_view::npos))
          fail(mark, differs_message(word) + ", or null");
    }
    add(mark, Value::plain("~"), "");
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    fail(mark, "aliases (*name) are not allowed in svc files");
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    no_anchor(mark, anchor);
    if (tag != "?" && tag != "!")
      fail(mark, fmt::format("tags ({}) are not allowed in svc files", tag));
    // An unquoted scalar the writer would have to quote as text (a number, a date, 15h) stays
    // plain, so re-saving writes it back exactly as it was; one that YAML readers read
    // differently is refused.
    bool quoted = tag == "!";
    bool key = !stack_.empty() && stack_.back().value.is_map() && stack_.back().want_key;
    if (key && code_points(value) > kMaxKeyChars)
      fail(mark, fmt::format("a key of {} characters; svc reads keys of at most {}",
                             code_points(value), kMaxKeyChars));
    if (!quoted) {
      PlainReading reading = plain_reading(value);
      if (reading == PlainReading::differs) fail(mark, differs_message(value));
      if (key && reading != PlainReading::text &&
          !(keys_ == Keys::levels_too && reading == PlainReading::integer))
        fail(mark, fmt::format("the key '{}' unquoted is not text to every YAML reader; write {}",
                               value, json_string(value)));
    }
    add(mark, !quoted && !plain_safe(value) ? Value::plain(value) : Value::text(value), value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(mark, tag, anchor, Value::list(style == YAML::EmitterStyle::Flow));
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(mark, tag, anchor, Value::map(style == YAML::EmitterStyle::Flow));
  }
  void OnMapEnd() override { close(); }
  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    fail(mark, fmt::format("anchors (&{}) are not allowed in svc files", name));
  }

 private:
  struct Frame {
    Value value;
    bool want_key = true;  ///< maps: the next scalar is a key
    std::string key;
    std::set<std::string> keys;
  };

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& what) {
    refuse_at(path_, {mark.line + 1, mark.column + 1}, what);
  }
  void no_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) fail(mark, "anchors (&name) are not allowed in svc files");
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, Value v) {
    no_anchor(mark, anchor);
    if (tag != "?") fail(mark, fmt::format("tags ({}) are not allowed in svc files", tag));
    if (!stack_.empty() && stack_.back().value.is_map() && stack_.back().want_key)
      fail(mark, "a key must be plain text, not a list or map");
    if (stack_.size() >= kMaxDepth)
      fail(mark, fmt::format("nested more than {} levels deep", kMaxDepth));
    v.line = mark.line + 1;
    v.column = mark.column + 1;
    stack_.push_back({std::move(v), true, {}, {}});
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    place(std::move(f.value));
  }

  void add(const YAML::Mark& mark, Value v, const std::string& raw) {
    v.line = mark.line + 1;
    v.column = mark.column + 1;
    if (!stack_.empty() && stack_.back().value.is_map() && stack_.back().want_key) {
      Frame& f = stack_.back();
      if (v.kind == Value::Kind::plain && v.scalar == "~" && raw.empty())
        fail(mark, "a map entry has no key");
      if (!f.keys.insert(v.scalar).second) fail(mark, fmt::format("duplicate key '{}'", v.scalar));
      f.key = v.scalar;
      f.want_key = false;
      return;
    }
    place(std::move(v));
  }

  void place(Value v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      has_root_ = true;
      return;
    }
    Frame& f = stack_.back();
    if (f.value.is_list()) {
      f.value.items.push_back(std::move(v));
    } else {
      f.value.entries.emplace_back(std::move(f.key), std::move(v));
      f.want_key = true;
    }
  }

  const std::string& path_;
  std::string_view text_;
  Keys keys_;
  std::vector<Frame> stack_;
  Value root_ = Value::map();
  bool has_root_ = false;
};

void emit_flow(const Value& v, std::string& out) {
  if (v.is_scalar()) {
    out += yaml_scalar(v);
  } else if (v.is_map()) {
    out += '{';
    bool first = true;
    for (const auto& [key, value] : v.entries) {
      if (!first) out += ", ";
      first = false;
      out += yaml_scalar(Value::text(key)) + ": ";
      emit_flow(value, out);
    }
    out += '}';
  } else {
    out += '[';
    for (size_t i = 0; i < v.items.size(); ++i) {
      if (i) out += ", ";
      emit_flow(v.items[i], out);
    }
    out += ']';
  }
}

void emit_block(const Value& v, int indent, std::string& out);

// Writes what follows "key:" or "- ": a scalar or flow collection on the same line, a block
// collection on the next lines.
void emit_after_colon(const Value& v, int indent, std::string& out) {
  if (v.is_scalar() || v.flow || v.empty()) {
    out += ' ';
    emit_flow(v, out);
    out += '\n';
  } else {
    out += '\n';
    emit_block(v, indent, out);
  }
}

void emit_block(const Value& v, int indent, std::string& out) {
  std::string pad(static_cast<size_t>(indent), ' ');
  if (v.is_map()) {
    for (const auto& [key, value] : v.entries) {
      out += pad + yaml_scalar(Value::text(key)) + ':';
      emit_after_colon(value, indent + 2, out);
    }
  } else if (v.is_list()) {
    for (const auto& item : v.items) {
      if (item.is_map() && !item.flow && !item.empty()) {
        std::string nested;
        emit_block(item, indent + 2, nested);
        out += pad + "- " + nested.substr(static_cast<size_t>(indent) + 2);
      } else {
        out += pad + '-';
        emit_after_colon(item, indent + 2, out);
      }
    }
  }
}

void emit_json_value(const Value& v, int indent, int depth, std::string& out) {
  std::string nl = indent ? "\n" : "";
  std::string pad(static_cast<size_t>(indent * (depth + 1)), ' ');
  std::string end_pad(static_cast<size_t>(indent * depth), ' ');
  if (v.is_scalar()) {
    const std::string& s = v.scalar;
    // Only what JSON reads as the same number, boolean or null goes out bare.
    PlainReading reading = v.kind == Value::Kind::plain ? plain_reading(s) : PlainReading::text;
    if (reading == PlainReading::boolean)
      out += s;
    else if (reading == PlainReading::null || (v.kind == Value::Kind::plain && s == "~"))
      out += "null";
    else if (reading == PlainReading::integer || reading == PlainReading::decimal)
      out += s;
    else
      out += json_string(s);
  } else if (v.is_map()) {
    if (v.entries.empty()) {
      out += "{}";
      return;
    }
    out += "{" + nl;
    for (size_t i = 0; i < v.entries.size(); ++i) {
      out += pad + json_string(v.entries[i].first) + (indent ? ": " : ":");
      emit_json_value(v.entries[i].second, indent, depth + 1, out);
      out += (i + 1 < v.entries.size() ? "," : "") + nl;
    }
    out += end_pad + "}";
  } else {
    if (v.items.empty()) {
      out += "[]";
      return;
    }
    out += "[" + nl;
    for (size_t i = 0; i < v.items.size(); ++i) {
      out += pad;
      emit_json_value(v.items[i], indent, depth + 1, out);
      out += (i + 1 < v.items.size() ? "," : "") + nl;
    }
    out += end_pad + "]";
  }
}

}  // namespace

Value parse_yaml(const std::string& text, const std::string& path, Keys keys) {
  check_bytes(text, path);
  if (auto fast = parse_written_form(text)) return std::move(*fast);
  return parse_yaml_full(text, path, keys);
}

Value parse_yaml_full(const std::string& text, const std::string& path, Keys keys) {
  check_bytes(text, path);
  // Never in what svc writes (the fast reader declines them): a merge left unfinished.
  if (auto line = conflict_marker_line(text))
    refuse_at(path, {*line, 1},
              "a git conflict marker: a merge was left unfinished; let svc's merge driver unite "
              "the file (svc sync sets it up), or resolve it by hand");
  LineShape(text, path).check();
  std::istringstream in(text);
  Builder builder(path, text, keys);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder)) return Value::map();
    Value root = builder.take();
    Builder second(path, text, keys);
    if (parser.HandleNextDocument(second))
      throw data_error(
          fmt::format("{}: a second YAML document (after --- or ...) is not allowed", path));
    if (!builder.has_root() || (root.kind == Value::Kind::plain && root.scalar == "~"))
      return Value::map();
    return root;
  } catch (const YAML::Exception& e) {
    throw data_error(fmt::format("{}:{}:{}: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
}

namespace {

// Whether PyYAML (YAML 1.1) or a YAML 1.2 reader (core or JSON schema) reads the unquoted
// scalar as anything but text: their resolvers' own patterns.
bool typed_by_some_reader(std::string_view s) {
  using std::regex;
  static const regex yaml11_bool("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  static const regex yaml11_float(
      "[-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+][0-9]+)?|\\.[0-9][0-9_]*([eE][-+][0-9]+)?|"
      "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  static const regex yaml11_int(
      "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|"
      "[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+");
  static const regex yaml11_null("~|null|Null|NULL|");
  static const regex yaml11_timestamp(
      "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:"
      "[0-9]{2}(\\.[0-9]*)?([ \\t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?");
  static const regex core_null("null|Null|NULL|~|");
  static const regex core_bool("true|True|TRUE|false|False|FALSE");
  static const regex core_int("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  static const regex core_float(
      "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  static const regex json_number("-?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][-+]?[0-9]+)?");
  // The patterns are matched by std::regex, whose depth grows with the text: a long scalar that
  // looks typed at all is taken for one (long numbers and dates svc writes never reach here).
  if (s.size() > 64) return true;
  const std::string text(s);
  if (text == "=" || text == "<<") return true;  // YAML 1.1's value and merge keys
  for (const regex* r : {&yaml11_bool, &yaml11_float, &yaml11_int, &yaml11_null, &yaml11_timestamp,
                         &core_null, &core_bool, &core_int, &core_float, &json_number})
    if (std::regex_match(text, *r)) return true;
  return text == "null" || text == "true" || text == "false";
}

}  // namespace

PlainReading plain_reading(std::string_view s) {
  if (plain_safe(s)) return PlainReading::text;
  // Only the spellings a JSON-schema reader (YAML 1.2) shares with YAML 1.1: not ~, True, NULL.
  if (s == "null") return PlainReading::null;
  if (s == "true" || s == "false") return PlainReading::boolean;
  if (canonical_integer(s)) return PlainReading::integer;
  if (auto dot = s.find('.'); dot != std::string_view::npos && canonical_integer(s.substr(0, dot)) &&
                              all_digits(s.substr(dot + 1)))
    return PlainReading::decimal;
  if (canonical_date(s)) return PlainReading::date;
  if (canonical_timestamp(s)) return PlainReading::timestamp;
  // Anything else is text only where no reader types it: YAML 1.1 as PyYAML resolves it, and
  // YAML 1.2's core and JSON schemas. 09:00-17:30 or 2025-01-28..2025-02-04 are text to all;
  // yes, on, 1_000, 0x1F, 017, 1:20, 1e3, .5, +5, .inf, ~, True, 2026-13-01, = and << are not
  // (or are refused by one).
  return typed_by_some_reader(s) ? PlainReading::differs : PlainReading::text;
}

std::string differs_message(std::string_view s) {
  std::string number;
  if (s.starts_with('+') && canonical_integer(s.substr(1)))
    number = fmt::format(", or {} for the number", s.substr(1));
  else if (s.starts_with('.') && all_digits(s.substr(1)))
    number = fmt::format(", or 0{} for the number", s);
  return fmt::format(
      "'{}' unquoted is read differently by YAML readers (1.1 and 1.2 disagree on such numbers, "
      "dates and words, or refuse it); write {} if it is text{}",
      s, json_string(s),
      !number.empty()                                         ? number
      : s == "True" || s == "TRUE"                             ? std::string(", or true")
      : s == "False" || s == "FALSE"                           ? std::string(", or false")
                                                              : std::string());
}

bool plain_safe(std::string_view s) {
  if (s.empty() || typed_plain(s) || looks_numeric(s)) return false;
  if (s.front() == ' ' || s.back() == ' ') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos)
    return false;
  // ASCII through a table (this runs for every scalar of every file); the rest by code point.
  static constexpr CharSet kSpecial(",[]{}#:?\"'\x7f", 0x20);
  for (size_t i = 0; i < s.size();) {
    auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      if (kSpecial(s[i])) return false;
      ++i;
    } else if (size_t skip = harmless_sequence(s, i)) {
      i += skip;
    } else if (must_escape(next_code_point(s, i))) {
      return false;
    }
  }
  return true;
}

std::string yaml_scalar(const Value& v) {
  // A plain value is written as it is when it reads back as itself anywhere, flow or block:
  // numbers, dates, booleans, and text that needs no quotes. Anything else a person wrote
  // unquoted (a,b in a block, say) is quoted so it survives a one-line event.
  // svc never writes what it would refuse to read: null as `null`, a value readers would read
  // differently quoted.
  if (v.kind == Value::Kind::plain) {
    const std::string& s = v.scalar;
    if (s == "~") return "null";
    PlainReading reading = plain_reading(s);
    // Text that only looks typed (09:00-17:30, y) stays unquoted, as a person wrote it.
    bool raw = reading == PlainReading::text
                   ? plain_safe(s) || ((typed_plain(s) || looks_numeric(s)) && kRawTyped.all(s))
                   : reading != PlainReading::differs;
    return raw ? s : json_string(s);
  }
  return plain_safe(v.scalar) ? v.scalar : json_string(v.scalar);
}

std::string emit_yaml(const Value& doc) {
  std::string out;
  if (doc.is_scalar() || doc.flow) {
    emit_flow(doc, out);
    return out + '\n';
  }
  emit_block(doc, 0, out);
  return out;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  out.reserve(s.size() + 2);
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t cp = next_code_point(s, i);
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        // \uXXXX reads back the same in YAML 1.1, YAML 1.2 double quotes and JSON; raw, a C1
        // control or U+2028 is folded or refused by some readers.
        if (must_escape(cp))
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
        else
          out.append(s.substr(start, i - start));
    }
  }
  return out + "\"";
}

std::string emit_json(const Value& v, int indent) {
  std::string out;
  emit_json_value(v, indent, 0, out);
  return out + "\n";
}

}  // namespace svc::store
