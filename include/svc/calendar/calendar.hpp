#pragma once
// Working days, working hours and the three clocks deadlines are counted on (SPEC §6).
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "svc/calendar/time.hpp"

namespace svc {

enum class Clock { wall, business, workdays };
std::optional<Clock> parse_clock(std::string_view s);
const char* clock_name(Clock c);

struct Calendar {
  std::array<bool, 7> workweek{true, true, true, true, true, false, false};  ///< Mon..Sun
  std::vector<std::pair<int, int>> hours{{8 * 60 + 30, 12 * 60}, {13 * 60 + 30, 17 * 60 + 30}};
  std::set<Day> holidays;
  std::set<Day> workdays;  ///< make-up working days (調休上班)
  std::set<int> years;     ///< years whose official holidays are listed; others count Mon-Fri
  int utc_offset_s = 8 * 3600;

  /// A make-up day always works; a holiday never does; otherwise the workweek decides.
  bool is_working_day(Day day) const;
  /// Instant the last working interval of `day` ends (close of business).
  Time close_of_business(Day day) const;
};

/// How a non-working or make-up day was treated, for `show --explain`.
struct DayNote {
  Day day;
  std::string what;  ///< "holiday", "weekend", "make-up working day"
};

/// How far add_on_clock walks the calendar for working time: ten years of days at most, and
/// never past a year of days in a row without any (a calendar like that is broken, not busy).
constexpr Day kMaxDaysSearched = 3660;
constexpr Day kMaxIdleDays = 366;

/// Adds `amount` on `clock` to `start`: seconds for wall and business, working days for workdays.
/// workdays: due at the close of business of the N-th working day after the day of `start`.
/// nullopt when the working time is not found within the bounds above; a time found is always
/// within working hours of a working day (for business and workdays).
std::optional<Time> add_on_clock(const Calendar& cal, Clock clock, Time start, std::int64_t amount);
/// Time elapsed from `from` to `to` on `clock`, in the unit add_on_clock takes. For workdays
/// it counts the working days in [day of from, day of to), so a pause within one day moves nothing.
std::int64_t elapsed_on_clock(const Calendar& cal, Clock clock, Time from, Time to);
/// Holidays, weekends and make-up days between two instants (inclusive days), oldest first.
std::vector<DayNote> days_stepped_over(const Calendar& cal, Time from, Time to);
/// "1h", "3 working days", "30m" - the amount as people say it.
std::string format_amount(Clock clock, std::int64_t amount);

}  // namespace svc
