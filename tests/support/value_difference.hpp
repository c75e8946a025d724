#pragma once
// Two values compared in every part a reader gives, for the tests and the fuzz target.
#include <fmt/format.h>

#include <string>

#include "svc/domain/value.hpp"

namespace svc::test {

/// "" when `a` and `b` are alike in kind, flow mark (of collections; of scalars too with
/// `scalar_flow`: the full reader leaves a scalar's to chance), text, line and column, keys in
/// order and items; else where they first differ.
inline std::string difference(const Value& a, const Value& b, bool scalar_flow = false,
                              const std::string& at = "/") {
  if (a.kind != b.kind) return at + ": kind";
  if (a.flow != b.flow && (scalar_flow || !a.is_scalar())) return at + ": flow";
  if (a.line != b.line || a.column != b.column)
    return fmt::format("{}: at {}:{} vs {}:{}", at, a.line, a.column, b.line, b.column);
  if (a.scalar != b.scalar) return at + ": text '" + a.scalar + "' vs '" + b.scalar + "'";
  if (a.entries.size() != b.entries.size() || a.items.size() != b.items.size())
    return at + ": size";
  for (size_t i = 0; i < a.entries.size(); ++i) {
    if (a.entries[i].first != b.entries[i].first) return at + ": key " + a.entries[i].first;
    auto d = difference(a.entries[i].second, b.entries[i].second, scalar_flow,
                        at + a.entries[i].first + "/");
    if (!d.empty()) return d;
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    auto d = difference(a.items[i], b.items[i], scalar_flow, at + std::to_string(i) + "/");
    if (!d.empty()) return d;
  }
  return "";
}

}  // namespace svc::test
