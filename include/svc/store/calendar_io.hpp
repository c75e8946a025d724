#pragma once
// Adding a year's official schedule to svc.yaml without disturbing a line a person wrote.
#include <string>
#include <vector>

#include "svc/calendar/ical.hpp"

namespace svc::store {

/// `text` (svc.yaml) with `spans` appended to the block lists calendar.holidays and
/// calendar.workdays, one item per span with its name as a comment. Throws refused when a list
/// is missing or not a block list, saying what to add by hand.
std::string add_official_days(const std::string& text, const std::vector<CalendarSpan>& spans);

}  // namespace svc::store
