#include "svc/domain/decimal.hpp"

#include <fmt/format.h>

#include <cctype>

namespace svc {

std::optional<std::int64_t> parse_hundredths(std::string_view s) {
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 12 || frac.size() > 2) return std::nullopt;
  // "010" is 8 to a YAML 1.1 reader: no leading zero.
  if (whole.size() > 1 && whole[0] == '0') return std::nullopt;
  if (dot != std::string_view::npos && frac.empty()) return std::nullopt;
  std::int64_t v = 0;
  for (char c : whole) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  std::int64_t f = 0;
  for (size_t i = 0; i < 2; ++i) {
    char c = i < frac.size() ? frac[i] : '0';
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    f = f * 10 + (c - '0');
  }
  return v * 100 + f;
}

std::optional<std::int64_t> times(std::int64_t cents, std::int64_t qty) {
  std::int64_t out = 0;
  if (cents < 0 || qty < 0 || __builtin_mul_overflow(cents, qty, &out) || out > kMaxCents)
    return std::nullopt;
  return out;
}

std::optional<std::int64_t> plus(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::string format_money(std::int64_t h) {
  // A balance may be below zero (what a supplier gave, a shortfall): the sign leads.
  std::uint64_t a = h < 0 ? 0 - static_cast<std::uint64_t>(h) : static_cast<std::uint64_t>(h);
  return fmt::format("{}{}.{:02}", h < 0 ? "-" : "", a / 100, a % 100);
}

std::string format_hours(std::int64_t h) {
  if (h % 100 == 0) return fmt::format("{}", h / 100);
  if (h % 10 == 0) return fmt::format("{}.{}", h / 100, h % 100 / 10);
  return fmt::format("{}.{:02}", h / 100, h % 100);
}

}  // namespace svc
