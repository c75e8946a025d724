#include "svc/store/calendar_io.hpp"

#include <fmt/format.h>

#include <sstream>

#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"

namespace svc::store {

namespace {

size_t indent_of(const std::string& line) { return line.find_first_not_of(' '); }

bool blank_or_comment(const std::string& line) {
  size_t i = indent_of(line);
  return i == std::string::npos || line[i] == '#';
}

std::string item_line(const CalendarSpan& s) {
  std::string when = s.first == s.last
                         ? format_date(s.first)
                         : fmt::format("{}..{}", format_date(s.first), format_date(s.last));
  // The event's name becomes a comment: one line, no control characters.
  std::string name = escape_controls(s.name);
  return fmt::format("    - {:<26}# {}", when, name.empty() ? "(imported)" : name);
}

// Index of the line after the last item of `calendar.<key>:`; throws when there is none.
size_t end_of_list(const std::vector<std::string>& lines, const std::string& key) {
  size_t calendar = lines.size();
  for (size_t i = 0; i < lines.size(); ++i)
    if (lines[i].rfind("calendar:", 0) == 0) calendar = i;
  for (size_t i = calendar + 1; i < lines.size(); ++i) {
    if (!blank_or_comment(lines[i]) && indent_of(lines[i]) == 0) break;  // past calendar:
    std::string head = "  " + key + ":";
    if (lines[i].rfind(head, 0) != 0) continue;
    std::string rest = lines[i].substr(head.size());
    if (rest.find_first_not_of(' ') != std::string::npos &&
        rest[rest.find_first_not_of(' ')] != '#')
      break;  // a flow list on the same line
    size_t end = i + 1;
    for (size_t j = i + 1; j < lines.size(); ++j) {
      if (blank_or_comment(lines[j])) continue;
      if (indent_of(lines[j]) <= 2) break;
      end = j + 1;
    }
    return end;
  }
  throw refused(fmt::format(
      "svc.yaml has no block list calendar.{}: to add; write the days there by hand (svc "
      "calendar show lists the ones in force)",
      key));
}

}  // namespace

std::string add_official_days(const std::string& text, const std::vector<CalendarSpan>& spans) {
  std::vector<std::string> lines = split_lines(text);
  for (bool workday : {false, true}) {
    std::vector<std::string> items;
    for (const auto& s : spans)
      if (s.workday == workday) items.push_back(item_line(s));
    if (items.empty()) continue;
    size_t at = end_of_list(lines, workday ? "workdays" : "holidays");
    lines.insert(lines.begin() + static_cast<long>(at), items.begin(), items.end());
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace svc::store
