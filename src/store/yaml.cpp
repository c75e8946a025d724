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
#include "svc/store/safe_fs.hpp"

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

constexpr CharSet kHexDigits("0123456789abcdefABCDEF");

constexpr size_t kMaxDepth = 32;  // svc writes 4 levels at most

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
  if (text.size() > kMaxRecordBytes) record_too_big(text.size(), path);
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
      fail(i,
           "a document marker (--- or ...) other than one --- on the first line; svc files "
           "are one document");
    if (t_[i] == '%') fail(i, "directives (%YAML, %TAG) are not allowed in svc files");
    bool item = false;
    while (t_[i] == '-' && blank_after(i)) {
      item = true;
      size_t dash = i;
      i = spaces(i + 1);
      // An item with nothing on its line (a null, or a block below): libfyaml refuses one at
      // its key's own indent, the others read null; svc writes every item on its dash's line.
      if (ends(i)) fail(dash, "a list item with nothing after its '-'; write the item on its line");
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
          fail(k,
               "'' (a quote inside single quotes) is not read alike by every YAML reader; "
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
    fail(i,
         "quoted text that does not end on its line; svc writes line breaks as \\n inside "
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
        fail(k,
             "an empty entry in a flow collection; write each entry, with no comma before "
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
    fail(i,
         "a flow collection ({…} or […]) that does not end on its line; svc writes each on "
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
            (at.size() == word.size() ||
             std::string_view(" \n,]}").find(at[word.size()]) != std::string_view::npos))
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
    const bool safe = quoted || plain_safe(value);
    if (!safe) {
      PlainReading reading = typed_reading(value);
      if (reading == PlainReading::differs) fail(mark, differs_message(value));
      if (key && reading != PlainReading::text &&
          !(keys_ == Keys::levels_too && reading == PlainReading::integer))
        fail(mark, fmt::format("the key '{}' unquoted is not text to every YAML reader; write {}",
                               value, json_string(value)));
    }
    add(mark, safe ? Value::text(value) : Value::plain(value), value);
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

}  // namespace

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

std::optional<ConflictSides> conflict_sides(const std::string& text) {
  enum { both, ours, base, theirs } in = both;
  ConflictSides out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find('\n', i);
    end = end == std::string::npos ? text.size() : end + 1;
    std::string_view line(text.data() + i, end - i);
    std::string_view bare = line.substr(0, line.find('\n'));
    i = end;
    if (bare.starts_with("<<<<<<<")) {
      if (in != both) return std::nullopt;
      in = ours;
    } else if (bare.starts_with("|||||||") && in == ours) {
      in = base;
    } else if (bare == "=======" && (in == ours || in == base)) {
      in = theirs;
    } else if (bare.starts_with(">>>>>>>")) {
      if (in != theirs) return std::nullopt;
      in = both;
    } else {
      if (in == both || in == ours) out.ours += line;
      if (in == both || in == theirs) out.theirs += line;
    }
  }
  if (in != both) return std::nullopt;
  return out;
}

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
              "a git conflict marker: a merge was left unfinished; svc resolve unites the file "
              "through svc's merge driver, then svc sync");
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

}  // namespace svc::store
