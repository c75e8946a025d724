// A fast reader for exactly the YAML svc writes (block maps and lists at two-space steps, flow
// maps and lists on one line, plain scalars that read back as themselves, JSON-style double
// quotes). Anything else, or any doubt, is declined and the full reader takes the file; a test
// proves both give the same tree, positions included, on every file svc ships, generates and
// is fuzzed with.
#include <array>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include "svc/domain/text.hpp"
#include "svc/store/yaml.hpp"

namespace svc::store {

namespace {

struct Decline {};

// A number, date, timestamp, boolean or null as svc writes them: a ':' only between digits
// (2026-11-23T09:15:00+08:00), where no reader takes it for a key's colon.
bool plain_chars(std::string_view s) {
  static constexpr CharSet kPlain(
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+-.:_~");
  if (!kPlain.all(s)) return false;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (size_t i = s.find(':'); i != std::string_view::npos; i = s.find(':', i + 1))
    if (i == 0 || i + 1 >= s.size() || !digit(s[i - 1]) || !digit(s[i + 1])) return false;
  return true;
}

class Fast {
 public:
  explicit Fast(std::string_view text) : t_(text) {}

  Value document() {
    if (t_.empty() || t_.back() != '\n') throw Decline{};
    Value root = block(0);
    if (pos_ != t_.size()) throw Decline{};
    return root;
  }

 private:
  std::string_view t_;
  size_t pos_ = 0;  // start of the current line
  int line_ = 1;    // of pos_
  size_t cur_ = 0;  // within a line
  int col_ = 1;     // of cur_, in bytes (as the full reader counts)
  int depth_ = 0;   // nesting: deep files are the full reader's to refuse

  static constexpr int kMaxDepth = 16;
  struct Deeper {
    explicit Deeper(int& d) : d_(d) {
      if (++d_ > kMaxDepth) throw Decline{};
    }
    ~Deeper() { --d_; }
    int& d_;
  };

  // The entries and items of the collections being read, gathered in one vector per depth kept
  // from file to file on each reading thread, then moved into their collection at its size: one
  // allocation each instead of one per doubling.
  struct Gathered {
    std::array<std::vector<Entry>, kMaxDepth + 1> entries;
    std::array<std::vector<Value>, kMaxDepth + 1> items;
  };
  static Gathered& gathered() {
    thread_local Gathered g;
    return g;
  }
  std::vector<Entry>& entries_here() const {
    auto& e = gathered().entries[static_cast<size_t>(depth_)];
    e.clear();
    return e;
  }
  std::vector<Value>& items_here() const {
    auto& i = gathered().items[static_cast<size_t>(depth_)];
    i.clear();
    return i;
  }
  template <class T>
  static void settle(std::vector<T>& into, std::vector<T>& from) {
    into.assign(std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    from.clear();
  }

  // Indentation of the line at pos_ (-1 at the end); tabs and blank lines decline.
  int indent_here() const {
    if (pos_ >= t_.size()) return -1;
    size_t i = pos_;
    while (i < t_.size() && t_[i] == ' ') ++i;
    if (i >= t_.size() || t_[i] == '\n' || t_[i] == '\t' || t_[i] == '#') throw Decline{};
    // A line that may be a git conflict marker is the full reader's to refuse.
    if (i == pos_ && (t_[i] == '<' || t_[i] == '=' || t_[i] == '>')) throw Decline{};
    return static_cast<int>(i - pos_);
  }
  void to(size_t at) {  // move cur_ forward within the line; columns count bytes, as yaml-cpp's
    col_ += static_cast<int>(at - cur_);
    cur_ = at;
  }
  void next_line() {
    size_t end = t_.find('\n', pos_);
    pos_ = end + 1;
    ++line_;
  }
  char at() const { return cur_ < t_.size() ? t_[cur_] : '\n'; }

  // A map's keys are few (svc writes at most about thirty): a second one of a name, or a map
  // so wide that looking through it would cost, is the full reader's.
  static void add_key(const std::vector<Entry>& entries, const std::string& key) {
    if (entries.size() >= 64) throw Decline{};
    for (const auto& [k, v] : entries)
      if (k == key) throw Decline{};
  }

  // A key longer than svc reads is the full reader's to refuse.
  static void long_key(std::string_view key) {
    if (key.size() > kMaxKeyChars) throw Decline{};
  }

  // A block collection whose lines start at `indent`.
  Value block(int indent) {
    Deeper deeper(depth_);
    if (indent_here() != indent) throw Decline{};
    cur_ = pos_;
    col_ = 1;
    to(pos_ + static_cast<size_t>(indent));
    bool list = at() == '-';
    Value v = list ? Value::list() : Value::map();
    v.line = line_;
    v.column = col_;
    auto& entries = entries_here();
    auto& items = items_here();
    while (indent_here() == indent) {
      cur_ = pos_;
      col_ = 1;
      to(pos_ + static_cast<size_t>(indent));
      if (list) {
        if (at() != '-' || cur_ + 1 >= t_.size() || (t_[cur_ + 1] != ' ' && t_[cur_ + 1] != '\n'))
          throw Decline{};
        if (t_[cur_ + 1] == '\n') throw Decline{};  // a nested block item: svc never writes it
        to(cur_ + 2);
        if (at() == '{' || at() == '[' || at() == '"' || !looks_like_key()) {
          items.push_back(line_value());
        } else {
          // "- key: value" opens a block map whose keys sit at indent + 2.
          items.push_back(item_map(indent + 2));
        }
      } else {
        if (at() == '-') throw Decline{};
        entry(entries, indent);
      }
    }
    if (indent_here() > indent) throw Decline{};
    settle(v.entries, entries);
    settle(v.items, items);
    return v;
  }

  bool looks_like_key() const {
    size_t end = t_.find('\n', cur_);
    std::string_view rest = t_.substr(cur_, end - cur_);
    return rest.find(": ") != std::string_view::npos || rest.ends_with(":");
  }

  Value item_map(int indent) {
    Deeper deeper(depth_);
    Value m = Value::map();
    m.line = line_;
    m.column = col_;
    auto& entries = entries_here();
    entry(entries, indent);  // the first entry, after "- "
    while (indent_here() == indent) {
      cur_ = pos_;
      col_ = 1;
      to(pos_ + static_cast<size_t>(indent));
      if (at() == '-') throw Decline{};
      entry(entries, indent);
    }
    settle(m.entries, entries);
    return m;
  }

  // "key: value" or "key:" with a block below, at cur_; consumes the line(s).
  void entry(std::vector<Entry>& entries, int indent) {
    std::string key = scalar_text(true).text;
    long_key(key);
    if (at() != ':') throw Decline{};
    to(cur_ + 1);
    add_key(entries, key);
    if (at() == '\n') {
      next_line();
      int below = indent_here();
      if (below != indent + 2) throw Decline{};  // svc writes empty values as {} or []
      entries.emplace_back(std::move(key), block(indent + 2));
      return;
    }
    if (at() != ' ') throw Decline{};
    to(cur_ + 1);
    entries.emplace_back(std::move(key), line_value());
  }

  // A scalar or flow collection that ends the line.
  Value line_value() {
    Value v = flow_value(false);
    if (at() != '\n') throw Decline{};
    next_line();
    return v;
  }

  Value flow_value(bool in_flow) {
    Deeper deeper(depth_);
    if (at() == '{' || at() == '[') {
      bool map = at() == '{';
      Value v = map ? Value::map(true) : Value::list(true);
      v.line = line_;
      v.column = col_;
      to(cur_ + 1);
      char close = map ? '}' : ']';
      if (at() == close) {
        to(cur_ + 1);
        return v;
      }
      auto& entries = entries_here();
      auto& items = items_here();
      for (;;) {
        if (map) {
          std::string key = scalar_text(true).text;
          long_key(key);
          if (at() != ':' || cur_ + 1 >= t_.size() || t_[cur_ + 1] != ' ') throw Decline{};
          to(cur_ + 2);
          add_key(entries, key);
          entries.emplace_back(std::move(key), flow_value(true));
        } else {
          items.push_back(flow_value(true));
        }
        if (at() == close) {
          to(cur_ + 1);
          settle(v.entries, entries);
          settle(v.items, items);
          return v;
        }
        if (at() != ',' || cur_ + 1 >= t_.size() || t_[cur_ + 1] != ' ') throw Decline{};
        to(cur_ + 2);
      }
    }
    int line = line_, column = col_;
    bool quoted = at() == '"';
    Scalar s = scalar_text(false, in_flow);
    // YAML's nulls read as the full reader gives them (svc writes `null`).
    if (!quoted && (s.text == "null" || s.text == "Null" || s.text == "NULL"))
      s.text.assign(1, '~');
    Value v = quoted || s.safe ? Value::text(std::move(s.text)) : Value::plain(std::move(s.text));
    v.line = line;
    v.column = column;
    return v;
  }

  // A double-quoted or plain scalar at cur_. A key ends at ':'; a plain value at the end of the
  // line, or in a flow at ',', '}' or ']'.
  struct Scalar {
    std::string text;
    bool safe = false;  ///< plain_safe: text that reads back as itself
  };
  Scalar scalar_text(bool key, bool in_flow = false) {
    if (at() == '"') return {quoted(), false};
    static constexpr CharSet kKeyEnd(":\n"), kFlowEnd(",}]\n"), kLineEnd("\n");
    const CharSet& stop = key ? kKeyEnd : in_flow ? kFlowEnd : kLineEnd;
    size_t start = cur_;
    size_t end = start;
    while (end < t_.size() && !stop(t_[end])) ++end;
    std::string_view s = t_.substr(start, end - start);
    // Only what the writer writes unquoted: text that reads back as itself, or a number, date,
    // timestamp, boolean or null.
    const bool safe = plain_safe(s);
    if (!safe) {
      // What readers read differently is the full reader's to refuse.
      if (key || !plain_chars(s) || typed_reading(s) == PlainReading::differs) throw Decline{};
      // An indicator alone or before a non-number ("-" opens a list entry, "-x", ":"): YAML's
      // business; the full reader's.
      if ((s.front() == ':' || s.front() == '-') &&
          (s.size() == 1 || (!(s[1] >= '0' && s[1] <= '9') && s[1] != '.')))
        throw Decline{};
    }
    to(end);
    return {std::string(s), safe};
  }

  std::string quoted() {
    size_t i = cur_ + 1;
    std::string out;
    static constexpr CharSet kSpecial("\"\\\n");
    for (;;) {
      size_t run = i;
      while (run < t_.size() && !kSpecial(t_[run])) ++run;
      out.append(t_.substr(i, run - i));
      i = run;
      if (i >= t_.size() || t_[i] == '\n') throw Decline{};
      if (t_[i] == '"') break;
      if (i + 1 >= t_.size()) throw Decline{};
      char e = t_[i + 1];
      i += 2;
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'u': {
          if (i + 4 > t_.size()) throw Decline{};
          unsigned cp = 0;
          for (int k = 0; k < 4; ++k) {
            char h = t_[i + static_cast<size_t>(k)];
            cp <<= 4;
            if (h >= '0' && h <= '9')
              cp |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f')
              cp |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
              cp |= static_cast<unsigned>(h - 'A' + 10);
            else
              throw Decline{};
          }
          i += 4;
          if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) throw Decline{};
          append_utf8(out, cp);
          break;
        }
        default:
          throw Decline{};
      }
    }
    to(i + 1);
    return out;
  }
};

}  // namespace

std::optional<Value> parse_written_form(std::string_view text) {
  try {
    return Fast(text).document();
  } catch (const Decline&) {
    return std::nullopt;
  }
}

}  // namespace svc::store
