#include "svc/store/yaml.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <cstring>
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
constexpr CharSet kHexDigits("0123456789abcdefABCDEF_");
constexpr CharSet kOctDigits("01234567_");
constexpr CharSet kBinDigits("01_");
constexpr CharSet kNumberish("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.:+-");
constexpr CharSet kRawTyped(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+-.:_~=<");

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
    if (lead < 0x80 && ((lead >= 0x20 && lead != 0x7f) || lead == '\t' || lead == '\n')) {
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

// Builds a Value straight from the parser's events, refusing what svc never writes: anchors,
// aliases, tags, complex keys, duplicate keys, deep nesting. No node tree, no alias expansion.
class Builder : public YAML::EventHandler {
 public:
  explicit Builder(const std::string& path) : path_(path) {}
  Value take() { return std::move(root_); }
  bool has_root() const { return has_root_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    no_anchor(mark, anchor);
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
    // plain, so re-saving writes it back exactly as it was.
    bool quoted = tag == "!";
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
    if (v.kind == Value::Kind::plain && (s == "true" || s == "false"))
      out += s;
    else if (v.kind == Value::Kind::plain && (s == "~" || s == "null"))
      out += "null";
    else if (v.kind == Value::Kind::plain && is_number(s) &&
             s.find_first_of("xo_") == std::string::npos &&
             (s.size() == 1 || s[0] != '0' || s[1] == '.'))
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

Value parse_yaml(const std::string& text, const std::string& path) {
  check_bytes(text, path);
  if (auto fast = parse_written_form(text)) return std::move(*fast);
  return parse_yaml_full(text, path);
}

Value parse_yaml_full(const std::string& text, const std::string& path) {
  check_bytes(text, path);
  // Never in what svc writes (the fast reader declines them): a merge left unfinished.
  if (auto line = conflict_marker_line(text))
    refuse_at(path, {*line, 1},
              "a git conflict marker: a merge was left unfinished; let svc's merge driver unite "
              "the file (svc sync sets it up), or resolve it by hand");
  std::istringstream in(text);
  Builder builder(path);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder)) return Value::map();
    Value root = builder.take();
    Builder second(path);
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
  if (v.kind == Value::Kind::plain) {
    const std::string& s = v.scalar;
    bool raw = plain_safe(s) || ((typed_plain(s) || looks_numeric(s)) && kRawTyped.all(s));
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
