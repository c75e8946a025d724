#pragma once
// Official holiday schedules from iCalendar files, such as the feeds holiday-cn publishes from
// the State Council's notice each November: all-day events, DTEND exclusive.
#include <string>
#include <vector>

#include "svc/calendar/time.hpp"

namespace svc {

struct CalendarSpan {
  Day first = 0;
  Day last = 0;          ///< inclusive
  bool workday = false;  ///< a make-up working day (调休上班), else a holiday
  std::string name;      ///< the event's SUMMARY
};

/// The all-day events of an .ics text, oldest first. An event whose SUMMARY says 上班 or 补班
/// (or "workday") is a make-up working day. Throws data_error "LINE: ..." on a malformed event.
std::vector<CalendarSpan> parse_ical(const std::string& text);

}  // namespace svc
