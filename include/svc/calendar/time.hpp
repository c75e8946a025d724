#pragma once
// Civil dates and instants. Instants are seconds since the Unix epoch (UTC); local wall time
// is the instant plus a fixed UTC offset from settings (no time-zone database, by design).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace svc {

using Time = std::int64_t;  ///< seconds since 1970-01-01T00:00:00Z
using Day = std::int64_t;   ///< days since 1970-01-01 (a local calendar day)

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
  friend bool operator==(const Date&, const Date&) = default;
};

Day day_from_date(const Date& d);
Date date_from_day(Day day);
/// 0 = Monday ... 6 = Sunday.
int weekday(Day day);
bool valid_date(const Date& d);
/// Adds calendar months, clamping the day to the month's length (Jan 31 + 1 month = Feb 28).
Date add_months(const Date& d, int months);

/// Parses YYYY-MM-DD; nullopt on anything else, including impossible dates.
std::optional<Date> parse_date(std::string_view s);
std::string format_date(const Date& d);
std::string format_date(Day day);

/// Parses "YYYY-MM-DD[(T| )HH:MM[:SS]][Z|±HH:MM]"; without an offset the time is local at
/// `offset_s`. A bare date is midnight local.
std::optional<Time> parse_time(std::string_view s, int offset_s);
/// ISO 8601 with offset, seconds always shown: 2026-11-23T09:15:00+08:00.
std::string format_time(Time t, int offset_s);
/// Short local form for tables: 2026-11-23 09:15.
std::string format_time_short(Time t, int offset_s);
/// Parses "+08:00" / "-05:30" / "Z" into seconds east of UTC.
std::optional<int> parse_utc_offset(std::string_view s);

/// Local calendar day of an instant.
inline Day local_day(Time t, int offset_s) {
  Time local = t + offset_s;
  return local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
}
/// Instant of local midnight of a day plus `minute` minutes.
inline Time at_local(Day day, int minute, int offset_s) {
  return day * 86400 + Time{minute} * 60 - offset_s;
}
/// Minutes since local midnight.
inline int local_minute(Time t, int offset_s) {
  return static_cast<int>((t + offset_s - local_day(t, offset_s) * 86400) / 60);
}

/// Parses a duration: "30m", "1h", "1h30m", "7d", "90" (minutes). Returns seconds.
std::optional<std::int64_t> parse_duration(std::string_view s);
/// "2d 3h 5m" style, for humans; "0m" for zero.
std::string format_duration(std::int64_t seconds);
/// The units a duration is told in: "d", "h", "m" apart by " "; or 天, 小时, 分 with nothing
/// between.
struct DurationWords {
  std::string_view day = "d", hour = "h", minute = "m", gap = " ";
};
/// A duration in a display language's words: "4天2小时20分", "4d 2h 20m"; minutes for zero.
std::string format_duration(std::int64_t seconds, const DurationWords& words);

}  // namespace svc
