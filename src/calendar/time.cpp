#include "svc/calendar/time.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace svc {

// Howard Hinnant's days_from_civil / civil_from_days.
Day day_from_date(const Date& d) {
  int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(d.month > 2 ? d.month - 3 : d.month + 9);
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Day{era} * 146097 + Day{doe} - 719468;
}

Date date_from_day(Day z) {
  z += 719468;
  const Day era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(Day{yoe} + era * 400) + (m <= 2 ? 1 : 0);
  return {y, m, d};
}

int weekday(Day day) {  // 1970-01-01 was a Thursday (3).
  return static_cast<int>(((day % 7) + 7 + 3) % 7);
}

static int days_in_month(int y, int m) {
  static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : len[m - 1];
}

bool valid_date(const Date& d) {
  return d.year >= 1900 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

Date add_months(const Date& d, int months) {
  int index = d.year * 12 + (d.month - 1) + months;
  Date r{index / 12, index % 12 + 1, d.day};
  r.day = std::min(r.day, days_in_month(r.year, r.month));
  return r;
}

namespace {
// Exactly `len` ASCII digits at `pos` (a report reads a few hundred thousand of these).
bool read_int(std::string_view s, size_t pos, size_t len, int& out) {
  if (pos + len > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    const unsigned digit = static_cast<unsigned char>(s[i]) - unsigned{'0'};
    if (digit > 9) return false;
    v = v * 10 + static_cast<int>(digit);
  }
  out = v;
  return true;
}
}  // namespace

std::optional<Date> parse_date(std::string_view s) {
  Date d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!read_int(s, 0, 4, d.year) || !read_int(s, 5, 2, d.month) || !read_int(s, 8, 2, d.day))
    return std::nullopt;
  if (!valid_date(d)) return std::nullopt;
  return d;
}

std::string format_date(const Date& d) {
  if (d.year < 0 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31)
    return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  // YYYY-MM-DD by hand: a report writes one per record it counts.
  std::string out = "0000-00-00";
  auto put = [&](size_t end, int v) {
    for (size_t i = end; v > 0; --i, v /= 10) out[i] = static_cast<char>('0' + v % 10);
  };
  put(3, d.year);
  put(6, d.month);
  put(9, d.day);
  return out;
}
std::string format_date(Day day) { return format_date(date_from_day(day)); }

std::optional<int> parse_utc_offset(std::string_view s) {
  if (s == "Z" || s == "z") return 0;
  int h = 0, m = 0;
  if (s.size() == 6 && (s[0] == '+' || s[0] == '-') && s[3] == ':' && read_int(s, 1, 2, h) &&
      read_int(s, 4, 2, m) && h <= 14 && m < 60) {
    int v = h * 3600 + m * 60;
    return s[0] == '-' ? -v : v;
  }
  return std::nullopt;
}

std::optional<Time> parse_time(std::string_view s, int offset_s) {
  auto date = parse_date(s.substr(0, 10));
  if (!date) return std::nullopt;
  Day day = day_from_date(*date);
  if (s.size() == 10) return at_local(day, 0, offset_s);
  if (s[10] != 'T' && s[10] != ' ' && s[10] != 't') return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!read_int(s, 11, 2, hh) || s.size() < 16 || s[13] != ':' || !read_int(s, 14, 2, mm))
    return std::nullopt;
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!read_int(s, pos + 1, 2, ss)) return std::nullopt;
    pos += 3;
  }
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  int offset = offset_s;
  if (pos < s.size()) {
    auto parsed = parse_utc_offset(s.substr(pos));
    if (!parsed) return std::nullopt;
    offset = *parsed;
  }
  return day * 86400 + hh * 3600 + mm * 60 + ss - offset;
}

std::string format_time(Time t, int offset_s) {
  Time local = t + offset_s;
  Day day = local_day(t, offset_s);
  int secs = static_cast<int>(local - day * 86400);
  int off = offset_s < 0 ? -offset_s : offset_s;
  return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", format_date(day), secs / 3600,
                     secs / 60 % 60, secs % 60, offset_s < 0 ? '-' : '+', off / 3600,
                     off / 60 % 60);
}

std::string format_time_short(Time t, int offset_s) {
  // By hand: a reminder prints one for every line.
  const int minute = local_minute(t, offset_s);
  std::string out = format_date(local_day(t, offset_s));
  const char hhmm[] = {
      ' ', static_cast<char>('0' + minute / 600),     static_cast<char>('0' + minute / 60 % 10),
      ':', static_cast<char>('0' + minute % 60 / 10), static_cast<char>('0' + minute % 10)};
  out.append(hhmm, sizeof hhmm);
  return out;
}

std::optional<std::int64_t> parse_duration(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::int64_t total = 0;
  size_t i = 0;
  bool any = false;
  while (i < s.size()) {
    size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start || i - start > 9) return std::nullopt;
    std::int64_t n = 0;
    std::from_chars(s.data() + start, s.data() + i, n);
    char unit = i < s.size() ? s[i++] : 'm';
    if (unit == 'd')
      total += n * 86400;
    else if (unit == 'h')
      total += n * 3600;
    else if (unit == 'm')
      total += n * 60;
    else
      return std::nullopt;
    any = true;
  }
  return any ? std::optional<std::int64_t>(total) : std::nullopt;
}

std::string format_duration(std::int64_t seconds) { return format_duration(seconds, {}); }

std::string format_duration(std::int64_t seconds, const DurationWords& w) {
  if (seconds < 0) return fmt::format("-{}", format_duration(-seconds, w));
  std::int64_t m = seconds / 60, d = m / 1440, h = m / 60 % 24;
  m %= 60;
  std::string out;
  if (d) out += fmt::format("{}{}", d, w.day);
  if (h) out += fmt::format("{}{}{}", out.empty() ? "" : w.gap, h, w.hour);
  if (m || out.empty()) out += fmt::format("{}{}{}", out.empty() ? "" : w.gap, m, w.minute);
  return out;
}

}  // namespace svc
