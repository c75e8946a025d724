#include "svc/domain/schema.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "svc/calendar/time.hpp"
#include "svc/domain/decimal.hpp"

namespace svc {

namespace {

// svc's own form: seconds shown, the offset as +HH:MM (what format_time writes).
bool is_timestamp(std::string_view s) {
  if (s.size() != 25 || s[10] != 'T') return false;
  auto t = parse_time(s, 0);
  auto offset = parse_utc_offset(s.substr(19));
  return t && offset && format_time(*t, *offset) == s;
}

bool is_month(std::string_view s) {
  return s.size() == 7 && parse_date(std::string(s) + "-01").has_value();
}

bool holds_form(Form form, std::string_view s) {
  switch (form) {
    case Form::quantity: {
      auto n = parse_whole(s);
      return n && *n > 0;
    }
    case Form::count:
      return parse_whole(s).has_value();
    case Form::money:
    case Form::hours:
    case Form::number:
      return parse_hundredths(s).has_value();
    case Form::date:
      return parse_date(s).has_value();
    case Form::month:
      return is_month(s);
    case Form::timestamp:
      return is_timestamp(s);
    case Form::one_of:
      return false;
  }
  return false;
}

const char* form_text(Form form) {
  switch (form) {
    case Form::quantity:
      return "a positive whole number like 2";
    case Form::count:
      return "a whole number";
    case Form::money:
      return "an amount like 12.50 (no sign, at most two decimals)";
    case Form::hours:
      return "a number of hours like 1.5 (no sign, at most two decimals)";
    case Form::number:
      return "a number like 12.5 (no sign, at most two decimals)";
    case Form::date:
      return "a date YYYY-MM-DD";
    case Form::month:
      return "a month YYYY-MM";
    case Form::timestamp:
      return "a timestamp like 2026-11-23T09:15:00+08:00";
    case Form::one_of:
      return "one of:";
  }
  return "";
}

}  // namespace

std::optional<std::int64_t> parse_whole(std::string_view s) {
  if (s.empty() || s.size() > 9 || (s[0] == '0' && s.size() > 1)) return std::nullopt;
  std::int64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

bool holds(const FieldType& t, std::string_view s) {
  return std::find(t.words.begin(), t.words.end(), s) != t.words.end() || holds_form(t.form, s);
}

std::string allowed(const FieldType& t) {
  if (t.form == Form::one_of) return fmt::format("one of: {}", fmt::join(t.words, ", "));
  if (t.words.empty()) return form_text(t.form);
  return fmt::format("{} or {}", form_text(t.form), fmt::join(t.words, " or "));
}

}  // namespace svc
