#include "svc/calendar/ical.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "svc/domain/error.hpp"

namespace svc {

namespace {

// RFC 5545 3.1: a line starting with a space or tab continues the previous one.
std::vector<std::pair<int, std::string>> unfolded_lines(const std::string& text) {
  std::vector<std::pair<int, std::string>> lines;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !lines.empty())
      lines.back().second += line.substr(1);
    else
      lines.emplace_back(number, line);
  }
  return lines;
}

// "DTSTART;VALUE=DATE:20270101" -> the day; a date-time keeps its date part.
std::optional<Day> date_value(const std::string& value) {
  if (value.size() < 8) return std::nullopt;
  auto d = parse_date(
      fmt::format("{}-{}-{}", value.substr(0, 4), value.substr(4, 2), value.substr(6, 2)));
  if (!d) return std::nullopt;
  return day_from_date(*d);
}

bool says_workday(const std::string& summary) {
  std::string lower = summary;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return summary.find("上班") != std::string::npos || summary.find("补班") != std::string::npos ||
         summary.find("補班") != std::string::npos || lower.find("workday") != std::string::npos;
}

}  // namespace

std::vector<CalendarSpan> parse_ical(const std::string& text) {
  std::vector<CalendarSpan> out;
  bool in_event = false;
  int event_line = 0;
  std::optional<Day> start, end;
  std::string summary;
  for (const auto& [number, line] : unfolded_lines(text)) {
    size_t colon = line.find(':');
    std::string name = line.substr(0, std::min(colon, line.find(';')));
    std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
    if (line == "BEGIN:VEVENT") {
      in_event = true;
      event_line = number;
      start = end = std::nullopt;
      summary.clear();
    } else if (in_event && name == "DTSTART") {
      start = date_value(value);
      if (!start) throw data_error(fmt::format("line {}: '{}' is not a date", number, value));
    } else if (in_event && name == "DTEND") {
      end = date_value(value);
      if (!end) throw data_error(fmt::format("line {}: '{}' is not a date", number, value));
    } else if (in_event && name == "SUMMARY") {
      summary = value;
    } else if (line == "END:VEVENT") {
      in_event = false;
      if (!start) throw data_error(fmt::format("line {}: an event without DTSTART", event_line));
      Day last = end ? *end - 1 : *start;  // DTEND is exclusive
      if (last < *start)
        throw data_error(fmt::format("line {}: the event ends before it starts", event_line));
      out.push_back({*start, last, says_workday(summary), summary});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const CalendarSpan& a, const CalendarSpan& b) { return a.first < b.first; });
  return out;
}

}  // namespace svc
