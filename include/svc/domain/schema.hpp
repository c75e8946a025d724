#pragma once
// The typed values of records (SPEC §1): one check per type, shared by every kind, and the same
// one for what is typed on the command line and what is read from a file.
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svc {

/// What a typed value may hold.
enum class Form {
  quantity,   ///< a positive whole number: 1, 12 (no sign, no leading zero, no `_`, no hex)
  count,      ///< a whole number, zero too: 0, 3
  money,      ///< a decimal of at most two decimals, bare or quoted: 12, 12.5, "12.50"
  hours,      ///< the same, in hours
  number,     ///< the same, of anything else (kilometres, a percentage)
  date,       ///< YYYY-MM-DD, a day of the calendar
  month,      ///< YYYY-MM
  timestamp,  ///< as svc writes them: 2026-11-23T09:15:00+08:00
  one_of,     ///< one of `words`
};

struct FieldType {
  Form form = Form::one_of;
  /// one_of: the values; any other form: words it allows besides ("pending").
  std::vector<std::string> words;
};

/// "0", or a whole number without a leading zero, of at most 9 digits; nullopt on anything else.
std::optional<std::int64_t> parse_whole(std::string_view s);
/// True when `s` is a value of type `t`.
bool holds(const FieldType& t, std::string_view s);
/// What `t` allows, for messages: "a positive whole number", "one of: a, b".
std::string allowed(const FieldType& t);

/// A one_of type of an enum table.
template <size_t N>
FieldType one_of(const char* const (&list)[N]) {
  return {Form::one_of, {std::begin(list), std::end(list)}};
}

}  // namespace svc
