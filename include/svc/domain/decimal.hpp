#pragma once
// Money and hours as exact decimals (integer hundredths), never binary floats (SPEC §1).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace svc {

/// "12", "12.5", "12.50" -> 1250. Rejects signs, exponents, `_`, leading zeros, more than two
/// decimals: the one reader of money and hours, typed or read from a file.
std::optional<std::int64_t> parse_hundredths(std::string_view s);
/// The largest amount svc keeps, in hundredths: 999999999999.99 (twelve digits and the cents).
inline constexpr std::int64_t kMaxCents = 99'999'999'999'999;
/// `cents` x `qty` (a unit price times a quantity), or nothing when it is more than kMaxCents.
std::optional<std::int64_t> times(std::int64_t cents, std::int64_t qty);
/// `a` + `b` of two sums of money, or nothing when it would not fit.
std::optional<std::int64_t> plus(std::int64_t a, std::int64_t b);
/// 1250 -> "12.50", -750 -> "-7.50" (money keeps two decimals).
std::string format_money(std::int64_t hundredths);
/// 250 -> "2.5", 200 -> "2" (hours drop trailing zeros).
std::string format_hours(std::int64_t hundredths);

}  // namespace svc
