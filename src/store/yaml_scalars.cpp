// The scalars of the accepted subset (SPEC §9): which unquoted text every YAML 1.1 and 1.2
// reader reads alike, and how svc writes a scalar so that it reads back as itself.
#include <fmt/format.h>

#include <regex>
#include <string>

#include "svc/domain/text.hpp"
#include "svc/store/yaml.hpp"

namespace svc::store {

namespace {

constexpr CharSet kDigits("0123456789");
constexpr CharSet kRawTyped(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+-.:_~=<");
constexpr CharSet kHexDigits("0123456789abcdefABCDEF_");
constexpr CharSet kOctDigits("01234567_");
constexpr CharSet kBinDigits("01_");
constexpr CharSet kNumberish("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.:+-");

// What YAML 1.1 or 1.2 reads as a number: 12, -1.5, 1e3, 1_000, 0x1f, 0o17, 0b101, .5, .inf.
bool is_number(std::string_view s) {
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  std::string_view t = s;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  if (t == ".inf" || t == ".Inf" || t == ".INF") return true;
  if (t.size() > 2 && t[0] == '0' && t[1] == 'x') return kHexDigits.all(t.substr(2));
  if (t.size() > 2 && t[0] == '0' && t[1] == 'o') return kOctDigits.all(t.substr(2));
  if (t.size() > 2 && t[0] == '0' && t[1] == 'b') return kBinDigits.all(t.substr(2));
  bool digits = false, dot = false, exponent = false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '_' && digits && !exponent) {
    } else if (c == '.' && !dot && !exponent) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits && !exponent) {
      exponent = true;
      if (i + 1 < t.size() && (t[i + 1] == '+' || t[i + 1] == '-')) ++i;
      if (i + 1 >= t.size()) return false;
    } else {
      return false;
    }
  }
  return digits;
}

// Wider than is_number on purpose: whatever some YAML 1.1 or 1.2 resolver might take for a
// number (sexagesimal 1:20, 0b1_0, ._5, 1__, 12e3, 0777) starts like one, and is always quoted.
bool looks_numeric(std::string_view s) {
  std::string_view t = s;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  if (t.empty() || !((t[0] >= '0' && t[0] <= '9') || t[0] == '.')) return false;
  return kNumberish.all(t);
}

bool is_reserved_word(std::string_view s) {
  // Every reading svc cares for is short and starts with one of these (and this is read often).
  if (s.empty() || s.size() > 5 || std::string_view("nNtTfFyYoO~=<").find(s[0]) == s.npos)
    return false;
  static constexpr std::string_view words[] = {
      "null", "Null", "NULL", "~",  "true", "True", "TRUE", "false", "False", "FALSE",
      "yes",  "Yes",  "YES",  "no", "No",   "NO",   "on",   "On",    "ON",    "off",
      "Off",  "OFF",  "y",    "Y",  "n",    "N",    "=",    "<<"};
  for (std::string_view w : words)
    if (s == w) return true;
  return false;
}

// Dates and timestamps stay plain when svc writes them, but free text that looks like one is
// quoted so that no reader turns it into a date: YYYY-M[M]-D[D], then nothing or T/t/space.
bool looks_like_date(std::string_view s) {
  auto digits = [&](size_t from, size_t n) {
    return s.size() >= from + n && kDigits.all(s.substr(from, n));
  };
  if (!digits(0, 4) || s.size() < 8 || s[4] != '-') return false;
  size_t i = 5, month = digits(5, 2) ? 2 : digits(5, 1) ? 1 : 0;
  if (!month || s.size() <= i + month || s[i + month] != '-') return false;
  i += month + 1;
  size_t day = digits(i, 2) ? 2 : digits(i, 1) ? 1 : 0;
  if (!day) return false;
  i += day;
  return i == s.size() || s[i] == 'T' || s[i] == 't' || s[i] == ' ';
}

bool typed_plain(std::string_view s) {
  return is_number(s) || is_reserved_word(s) || looks_like_date(s);
}

bool all_digits(std::string_view s) { return !s.empty() && kDigits.all(s); }

// -?(0|[1-9][0-9]*): the integers every reader (and JSON) reads alike.
bool canonical_integer(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  return all_digits(s) && (s.size() == 1 || s[0] != '0');
}

// A number of two digits at `s[at]` between lo and hi.
bool two_digits(std::string_view s, size_t at, int lo, int hi) {
  if (at + 2 > s.size() || !all_digits(s.substr(at, 2))) return false;
  int n = (s[at] - '0') * 10 + (s[at + 1] - '0');
  return n >= lo && n <= hi;
}

bool canonical_date(std::string_view s) {
  if (s.size() != 10 || !all_digits(s.substr(0, 4)) || s[4] != '-' || s[7] != '-' ||
      !two_digits(s, 5, 1, 12) || !two_digits(s, 8, 1, 31))
    return false;
  int year = 0;
  for (char c : s.substr(0, 4)) year = year * 10 + (c - '0');
  int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return year >= 1 && day <= (month == 2 && !leap ? 28 : kDays[month - 1]);
}

// 2026-11-23T09:15:00, with an offset (+08:00) or none: what a YAML 1.1 reader gives back as
// the same text (isoformat), as 1.2 readers keep it.
bool canonical_timestamp(std::string_view s) {
  if (s.size() < 19 || !canonical_date(s.substr(0, 10)) || s[10] != 'T' ||
      !two_digits(s, 11, 0, 23) || s[13] != ':' || !two_digits(s, 14, 0, 59) || s[16] != ':' ||
      !two_digits(s, 17, 0, 59))
    return false;
  std::string_view rest = s.substr(19);
  if (rest.empty()) return true;
  return rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && two_digits(rest, 1, 0, 23) &&
         rest[3] == ':' && two_digits(rest, 4, 0, 59);
}

// Whether PyYAML (YAML 1.1) or a YAML 1.2 reader (core or JSON schema) reads the unquoted
// scalar as anything but text: their resolvers' own patterns.
bool typed_by_some_reader(std::string_view s) {
  using std::regex;
  static const regex yaml11_bool(
      "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  static const regex yaml11_float(
      "[-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+][0-9]+)?|\\.[0-9][0-9_]*([eE][-+][0-9]+)?|"
      "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  static const regex yaml11_int(
      "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|"
      "[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+");
  static const regex yaml11_null("~|null|Null|NULL|");
  static const regex yaml11_timestamp(
      "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:"
      "[0-9]{2}(\\.[0-9]*)?([ \\t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?");
  static const regex core_null("null|Null|NULL|~|");
  static const regex core_bool("true|True|TRUE|false|False|FALSE");
  static const regex core_int("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  static const regex core_float(
      "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|"
      "NAN)");
  static const regex json_number("-?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][-+]?[0-9]+)?");
  // The patterns are matched by std::regex, whose depth grows with the text: a long scalar that
  // looks typed at all is taken for one (long numbers and dates svc writes never reach here).
  if (s.size() > 64) return true;
  const std::string text(s);
  if (text == "=" || text == "<<") return true;  // YAML 1.1's value and merge keys
  for (const regex* r : {&yaml11_bool, &yaml11_float, &yaml11_int, &yaml11_null, &yaml11_timestamp,
                         &core_null, &core_bool, &core_int, &core_float, &json_number})
    if (std::regex_match(text, *r)) return true;
  return text == "null" || text == "true" || text == "false";
}

}  // namespace

PlainReading plain_reading(std::string_view s) {
  return plain_safe(s) ? PlainReading::text : typed_reading(s);
}

PlainReading typed_reading(std::string_view s) {
  // Only the spellings a JSON-schema reader (YAML 1.2) shares with YAML 1.1: not ~, True, NULL.
  if (s == "null") return PlainReading::null;
  if (s == "true" || s == "false") return PlainReading::boolean;
  if (canonical_integer(s)) return PlainReading::integer;
  if (auto dot = s.find('.'); dot != std::string_view::npos &&
                              canonical_integer(s.substr(0, dot)) && all_digits(s.substr(dot + 1)))
    return PlainReading::decimal;
  if (canonical_date(s)) return PlainReading::date;
  if (canonical_timestamp(s)) return PlainReading::timestamp;
  // Anything else is text only where no reader types it: YAML 1.1 as PyYAML resolves it, and
  // YAML 1.2's core and JSON schemas. 09:00-17:30 or 2025-01-28..2025-02-04 are text to all;
  // yes, on, 1_000, 0x1F, 017, 1:20, 1e3, .5, +5, .inf, ~, True, 2026-13-01, = and << are not
  // (or are refused by one).
  return typed_by_some_reader(s) ? PlainReading::differs : PlainReading::text;
}

std::string differs_message(std::string_view s) {
  std::string number;
  if (s.starts_with('+') && canonical_integer(s.substr(1)))
    number = fmt::format(", or {} for the number", s.substr(1));
  else if (s.starts_with('.') && all_digits(s.substr(1)))
    number = fmt::format(", or 0{} for the number", s);
  return fmt::format(
      "'{}' unquoted is read differently by YAML readers (1.1 and 1.2 disagree on such numbers, "
      "dates and words, or refuse it); write {} if it is text{}",
      s, json_string(s),
      !number.empty()                ? number
      : s == "True" || s == "TRUE"   ? std::string(", or true")
      : s == "False" || s == "FALSE" ? std::string(", or false")
                                     : std::string());
}

bool plain_safe(std::string_view s) {
  if (s.empty() || typed_plain(s) || looks_numeric(s)) return false;
  if (s.front() == ' ' || s.back() == ' ') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos)
    return false;
  // ASCII through a table (this runs for every scalar of every file); the rest by code point.
  static constexpr CharSet kSpecial(",[]{}#:?\"'\x7f", 0x20);
  for (size_t i = 0; i < s.size();) {
    auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      if (kSpecial(s[i])) return false;
      ++i;
    } else if (size_t skip = harmless_sequence(s, i)) {
      i += skip;
    } else if (must_escape(next_code_point(s, i))) {
      return false;
    }
  }
  return true;
}

std::string yaml_scalar(const Value& v) {
  // A plain value is written as it is when it reads back as itself anywhere, flow or block:
  // numbers, dates, booleans, and text that needs no quotes. Anything else a person wrote
  // unquoted (a,b in a block, say) is quoted so it survives a one-line event.
  // svc never writes what it would refuse to read: null as `null`, a value readers would read
  // differently quoted.
  if (v.kind == Value::Kind::plain) {
    const std::string& s = v.scalar;
    if (s == "~") return "null";
    PlainReading reading = plain_reading(s);
    // Text that only looks typed (09:00-17:30, y) stays unquoted, as a person wrote it.
    bool raw = reading == PlainReading::text
                   ? plain_safe(s) || ((typed_plain(s) || looks_numeric(s)) && kRawTyped.all(s))
                   : reading != PlainReading::differs;
    return raw ? s : json_string(s);
  }
  return plain_safe(v.scalar) ? v.scalar : json_string(v.scalar);
}

}  // namespace svc::store
