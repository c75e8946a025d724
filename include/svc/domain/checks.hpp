#pragma once
// The checks every kind's decisions make on the values they are given: usage errors (exit 2)
// naming the option.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "svc/domain/error.hpp"

namespace svc {

/// True when `value` is one of the names in `list` (the enum tables of each kind).
template <size_t N>
bool member(const char* const (&list)[N], std::string_view value) {
  for (const char* name : list)
    if (value == name) return true;
  return false;
}

/// Throws a usage error naming the option and the allowed values when `value` is not one.
template <size_t N>
void require_member(const char* option, const std::string& value, const char* const (&list)[N]) {
  if (!member(list, value))
    throw usage_error(
        fmt::format("{} '{}' is not one of: {}", option, value, fmt::join(list, ", ")));
}

/// Throws a usage error when `value` is empty or only white space.
inline void require_text(const char* what, const std::string& value) {
  if (value.find_first_not_of(" \t\r\n") == std::string::npos)
    throw usage_error(fmt::format("{} must not be empty", what));
}

}  // namespace svc
