#include "svc/calendar/calendar.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace svc {

std::optional<Clock> parse_clock(std::string_view s) {
  if (s == "wall") return Clock::wall;
  if (s == "business") return Clock::business;
  if (s == "workdays") return Clock::workdays;
  return std::nullopt;
}

const char* clock_name(Clock c) {
  switch (c) {
    case Clock::wall:
      return "wall";
    case Clock::business:
      return "business";
    case Clock::workdays:
      return "workdays";
  }
  return "wall";
}

bool Calendar::is_working_day(Day day) const {
  if (workdays.count(day)) return true;
  if (holidays.count(day)) return false;
  return workweek[static_cast<size_t>(weekday(day))];
}

Time Calendar::close_of_business(Day day) const {
  int end = hours.empty() ? 24 * 60 : hours.back().second;
  return at_local(day, end, utc_offset_s);
}

namespace {

// Counts the days the working-time search walks and says when it must give up: past the
// horizon, or after a year of days in a row without working time.
class Search {
 public:
  bool exhausted() const { return walked_ >= kMaxDaysSearched || idle_ >= kMaxIdleDays; }
  void walked(bool worked) {
    ++walked_;
    idle_ = worked ? 0 : idle_ + 1;
  }

 private:
  Day walked_ = 0;
  Day idle_ = 0;
};

std::optional<Time> add_business(const Calendar& cal, Time start, std::int64_t remaining) {
  Search search;
  for (Day day = local_day(start, cal.utc_offset_s); !search.exhausted(); ++day) {
    bool worked = false;
    if (cal.is_working_day(day))
      for (auto [open, close] : cal.hours) {
        Time from = std::max(start, at_local(day, open, cal.utc_offset_s));
        Time until = at_local(day, close, cal.utc_offset_s);
        if (from >= until) continue;
        if (remaining <= until - from) return from + remaining;
        remaining -= until - from;
        worked = true;
      }
    search.walked(worked);
  }
  return std::nullopt;
}

std::optional<Time> add_workdays(const Calendar& cal, Time start, std::int64_t n) {
  Day day = local_day(start, cal.utc_offset_s);
  if (n <= 0) return std::max(start, cal.close_of_business(day));
  for (Search search; !search.exhausted();) {
    bool worked = cal.is_working_day(++day);
    if (worked && --n == 0) return cal.close_of_business(day);
    search.walked(worked);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Time> add_on_clock(const Calendar& cal, Clock clock, Time start,
                                 std::int64_t amount) {
  switch (clock) {
    case Clock::wall:
      return start + amount;
    case Clock::business:
      return add_business(cal, start, amount);
    case Clock::workdays:
      return add_workdays(cal, start, amount);
  }
  return start + amount;
}

// Working days in [from, to), without walking them: the workweek's days, less the holidays on
// them, plus the make-up days off it (a make-up day always works, then a holiday never does).
static std::int64_t working_days(const Calendar& cal, Day from, Day to) {
  if (to <= from) return 0;
  std::int64_t per_week = std::count(cal.workweek.begin(), cal.workweek.end(), true);
  std::int64_t n = (to - from) / 7 * per_week;
  for (Day d = from + (to - from) / 7 * 7; d < to; ++d)
    n += cal.workweek[static_cast<size_t>(weekday(d))] ? 1 : 0;
  for (auto it = cal.holidays.lower_bound(from); it != cal.holidays.end() && *it < to; ++it)
    if (cal.workweek[static_cast<size_t>(weekday(*it))] && !cal.workdays.count(*it)) --n;
  for (auto it = cal.workdays.lower_bound(from); it != cal.workdays.end() && *it < to; ++it)
    if (!cal.workweek[static_cast<size_t>(weekday(*it))]) ++n;
  return n;
}

static std::int64_t business_between(const Calendar& cal, Time from, Time to) {
  auto on = [&](Day day) {  // the working time of one day within [from, to)
    std::int64_t total = 0;
    if (!cal.is_working_day(day)) return total;
    for (auto [open, close] : cal.hours) {
      Time a = std::max(from, at_local(day, open, cal.utc_offset_s));
      Time b = std::min(to, at_local(day, close, cal.utc_offset_s));
      if (b > a) total += b - a;
    }
    return total;
  };
  Day first = local_day(from, cal.utc_offset_s), last = local_day(to, cal.utc_offset_s);
  if (first == last) return on(first);
  // The days between are whole working days, each its full hours.
  std::int64_t day = 0;
  for (auto [open, close] : cal.hours) day += std::max(0, close - open) * std::int64_t{60};
  return on(first) + working_days(cal, first + 1, last) * day + on(last);
}

std::int64_t elapsed_on_clock(const Calendar& cal, Clock clock, Time from, Time to) {
  if (to <= from) return 0;
  switch (clock) {
    case Clock::wall:
      return to - from;
    case Clock::business:
      return business_between(cal, from, to);
    case Clock::workdays:
      return working_days(cal, local_day(from, cal.utc_offset_s), local_day(to, cal.utc_offset_s));
  }
  return 0;
}

std::vector<DayNote> days_stepped_over(const Calendar& cal, Time from, Time to) {
  std::vector<DayNote> notes;
  Day last = local_day(to, cal.utc_offset_s);
  for (Day day = local_day(from, cal.utc_offset_s); day <= last; ++day) {
    bool in_week = cal.workweek[static_cast<size_t>(weekday(day))];
    if (cal.workdays.count(day) && !in_week)
      notes.push_back({day, "make-up working day"});
    else if (cal.holidays.count(day) && !cal.workdays.count(day))
      notes.push_back({day, "holiday"});
    else if (!in_week && !cal.workdays.count(day))
      notes.push_back({day, "weekend"});
  }
  return notes;
}

std::string format_amount(Clock clock, std::int64_t amount) {
  if (clock == Clock::workdays)
    return fmt::format("{} working day{}", amount, amount == 1 ? "" : "s");
  return format_duration(amount);
}

}  // namespace svc
