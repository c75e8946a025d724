#pragma once
// A small ordered document tree: what records and events are made of on their way to and from
// YAML. Order is kept, so files are written in a stable key order; `text` scalars are free
// text (quoted when they would read back as anything else), `plain` scalars are numbers,
// dates, booleans and enum values written as they are.
#include <string>
#include <utility>
#include <vector>

namespace svc {

struct Value {
  enum class Kind { text, plain, map, list };
  Kind kind = Kind::map;
  bool flow = false;  ///< written on one line: `{a: 1}` / `[a, b]`
  std::string scalar;
  std::vector<std::pair<std::string, Value>> entries;  ///< map
  std::vector<Value> items;                            ///< list
  int line = 0;  ///< 1-based position in the file it was read from; 0 when made in memory
  int column = 0;

  static Value text(std::string s) { return {Kind::text, false, std::move(s), {}, {}, 0, 0}; }
  static Value plain(std::string s) { return {Kind::plain, false, std::move(s), {}, {}, 0, 0}; }
  static Value map(bool flow = false) { return {Kind::map, flow, {}, {}, {}, 0, 0}; }
  static Value list(bool flow = false) { return {Kind::list, flow, {}, {}, {}, 0, 0}; }

  bool is_scalar() const { return kind == Kind::text || kind == Kind::plain; }
  bool is_map() const { return kind == Kind::map; }
  bool is_list() const { return kind == Kind::list; }
  bool empty() const { return is_map() ? entries.empty() : is_list() ? items.empty() : false; }

  /// Map lookup; nullptr when absent or not a map.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  /// Scalar at key, or "" when absent.
  std::string get(std::string_view key) const;
  /// Sets (replacing in place, or appending) and returns the stored value.
  Value& set(std::string_view key, Value v);
  Value& set_text(std::string_view key, std::string s) { return set(key, text(std::move(s))); }
  Value& set_plain(std::string_view key, std::string s) { return set(key, plain(std::move(s))); }
  bool erase(std::string_view key);
  Value& push(Value v) {
    items.push_back(std::move(v));
    return items.back();
  }

  friend bool operator==(const Value& a, const Value& b);
};

}  // namespace svc
