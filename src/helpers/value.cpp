#include "svc/domain/value.hpp"

#include <algorithm>

namespace svc {

const Value* Value::find(std::string_view key) const {
  if (!is_map()) return nullptr;
  for (const auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

Value* Value::find(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value*>(this)->find(key));
}

std::string Value::get(std::string_view key) const { return std::string(view(key)); }

std::string_view Value::view(std::string_view key) const {
  const Value* v = find(key);
  return v && v->is_scalar() ? std::string_view(v->scalar) : std::string_view();
}

Value& Value::set(std::string_view key, Value v) {
  kind = Kind::map;
  if (Value* existing = find(key)) {
    *existing = std::move(v);
    return *existing;
  }
  entries.emplace_back(std::string(key), std::move(v));
  return entries.back().second;
}

bool Value::erase(std::string_view key) {
  auto it = std::find_if(entries.begin(), entries.end(), [&](auto& e) { return e.first == key; });
  if (it == entries.end()) return false;
  entries.erase(it);
  return true;
}

bool operator==(const Value& a, const Value& b) {
  if (a.is_scalar() && b.is_scalar()) return a.scalar == b.scalar;
  if (a.kind != b.kind) return false;
  if (a.is_list()) return a.items == b.items;
  // Maps are equal whatever order their keys were written in.
  if (a.entries.size() != b.entries.size()) return false;
  for (const auto& [key, value] : a.entries) {
    const Value* other = b.find(key);
    if (!other || !(*other == value)) return false;
  }
  return true;
}

}  // namespace svc
