#pragma once
// A small ordered document tree: what records and events are made of on their way to and from
// YAML. Order is kept, so files are written in a stable key order; `text` scalars are free
// text (quoted when they would read back as anything else), `plain` scalars are numbers,
// dates, booleans and enum values written as they are.
#include <string>
#include <utility>
#include <vector>

namespace svc {

struct Entry;

struct Value {
  enum class Kind { text, plain, map, list };
  Kind kind = Kind::map;
  bool flow = false;  ///< written on one line: `{a: 1}` / `[a, b]`
  std::string scalar;
  std::vector<Entry> entries;  ///< map, in the order written
  std::vector<Value> items;    ///< list
  int line = 0;  ///< 1-based position in the file it was read from; 0 when made in memory
  int column = 0;

  // Declared here, defaulted below once Entry is complete.
  Value();
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;
  ~Value();

  static Value text(std::string s);
  static Value plain(std::string s);
  static Value map(bool flow = false);
  static Value list(bool flow = false);

  bool is_scalar() const { return kind == Kind::text || kind == Kind::plain; }
  bool is_map() const { return kind == Kind::map; }
  bool is_list() const { return kind == Kind::list; }
  bool empty() const;

  /// Map lookup; nullptr when absent or not a map.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  /// Scalar at key, or "" when absent.
  std::string get(std::string_view key) const;
  /// The same without a copy: valid while this value is unchanged.
  std::string_view view(std::string_view key) const;
  /// Sets (replacing in place, or appending) and returns the stored value.
  Value& set(std::string_view key, Value v);
  Value& set_text(std::string_view key, std::string s) { return set(key, text(std::move(s))); }
  Value& set_plain(std::string_view key, std::string s) { return set(key, plain(std::move(s))); }
  bool erase(std::string_view key);
  Value& push(Value v);

  friend bool operator==(const Value& a, const Value& b);
};

/// One key of a map and its value (a struct of its own, not std::pair: a pair of an incomplete
/// Value cannot be named inside Value with every standard library).
struct Entry {
  Entry(std::string k, Value v) : first(std::move(k)), second(std::move(v)) {}
  explicit Entry(std::string_view k) : first(k) {}  ///< the value to be filled in place
  std::string first;
  Value second;
};

// Defined once Value is complete.
inline Value::Value() = default;
inline Value::Value(const Value&) = default;
inline Value::Value(Value&&) noexcept = default;
inline Value& Value::operator=(const Value&) = default;
inline Value& Value::operator=(Value&&) noexcept = default;
inline Value::~Value() = default;

inline Value Value::text(std::string s) {
  Value v;
  v.kind = Kind::text;
  v.scalar = std::move(s);
  return v;
}
inline Value Value::plain(std::string s) {
  Value v;
  v.kind = Kind::plain;
  v.scalar = std::move(s);
  return v;
}
inline Value Value::map(bool flow) {
  Value v;
  v.flow = flow;
  return v;
}
inline Value Value::list(bool flow) {
  Value v;
  v.kind = Kind::list;
  v.flow = flow;
  return v;
}
inline bool Value::empty() const {
  return is_map() ? entries.empty() : is_list() ? items.empty() : false;
}
inline Value& Value::push(Value v) {
  items.push_back(std::move(v));
  return items.back();
}

}  // namespace svc
