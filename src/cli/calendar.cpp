// svc calendar [show | import FILE.ics]: the working calendar in force, and next year's schedule.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "svc/calendar/ical.hpp"
#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/domain/error.hpp"
#include "svc/store/calendar_io.hpp"
#include "svc/store/settings_io.hpp"

namespace svc::cli {

namespace {

// "2026-10-01..2026-10-07, 2026-12-25": runs of consecutive days folded.
std::string day_runs(const std::set<Day>& days, int year) {
  std::vector<std::string> runs;
  for (auto it = days.begin(); it != days.end();) {
    Day first = *it, last = *it;
    while (++it != days.end() && *it == last + 1) last = *it;
    if (date_from_day(first).year != year) continue;
    runs.push_back(first == last ? format_date(first)
                                 : fmt::format("{}..{}", format_date(first), format_date(last)));
  }
  return runs.empty() ? "-" : fmt::format("{}", fmt::join(runs, ", "));
}

std::string calendar_text(const Settings& st) {
  const Calendar& cal = st.calendar;
  static const char* names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  std::vector<std::string> week, hours, years;
  for (size_t i = 0; i < 7; ++i)
    if (cal.workweek[i]) week.push_back(label(st, "weekday", names[i]));
  for (auto [from, to] : cal.hours)
    hours.push_back(fmt::format("{:02}:{:02}-{:02}:{:02}", from / 60, from % 60, to / 60, to % 60));
  for (int y : cal.years) years.push_back(std::to_string(y));
  int off = cal.utc_offset_s;
  // Labels line up in every language, as in show.
  int width = 0;
  for (const char* key : {"utc_offset", "workweek", "hours", "years", "holidays", "make_up"})
    width = std::max(width, display_width(label(st, "head", key)) + 2);
  auto h = [&](const char* key) { return pad_right(label(st, "head", key), width + 2); };
  std::string t = fmt::format(
      "{}{}{:02}:{:02}\n{}{}\n{}{}\n{}{}\n", h("utc_offset"), off < 0 ? '-' : '+',
      std::abs(off) / 3600, std::abs(off) % 3600 / 60, h("workweek"), fmt::join(week, " "),
      h("hours"), fmt::join(hours, " "), h("years"),
      years.empty() ? label(st, "head", "none") : fmt::format("{}", fmt::join(years, " ")));
  t += std::string(static_cast<size_t>(width + 2), ' ') + label(st, "say", "years_note") + "\n";
  for (int y : cal.years)
    t += fmt::format("{}\n  {}{}\n  {}{}\n", y, pad_right(label(st, "head", "holidays"), width),
                     day_runs(cal.holidays, y), pad_right(label(st, "head", "make_up"), width),
                     day_runs(cal.workdays, y));
  return t;
}

void import_schedule(const Session& s, const std::string& file, bool quiet) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw data_error(fmt::format("cannot read {}", file));
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::vector<CalendarSpan> spans;
  try {
    spans = parse_ical(buffer.str());
  } catch (const Error& e) {
    throw data_error(fmt::format("{}:{}", file, e.what()));
  }
  if (spans.empty()) throw data_error(fmt::format("{} holds no all-day events", file));
  std::set<int> years;
  for (const auto& span : spans) years.insert(date_from_day(span.first).year);
  for (int y : years)
    if (s.settings().calendar.years.count(y))
      throw refused(
          fmt::format("svc.yaml already lists the holidays of {}; remove them to import "
                      "the year again",
                      y));
  store::WriterLock lock(s.dir().root());
  auto path = s.dir().root() / "svc.yaml";
  std::string text = store::add_official_days(s.dir().read(path), spans);
  store::load_settings(text, s.dir().display(path),
                       kind_rules());  // never write settings svc cannot read
  store::atomic_write(s.dir().root(), path, text);
  int holidays = 0, workdays = 0;
  for (const auto& span : spans)
    (span.workday ? workdays : holidays) += int(span.last - span.first + 1);
  if (!quiet)
    out(fmt::format("imported {}: {} holidays and {} make-up working days into svc.yaml\n",
                    fmt::join(years, ", "), holidays, workdays));
}

}  // namespace

void setup_calendar(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("calendar", "the working calendar: show it, import a year");
  cmd->footer(
      "Examples:\n  svc calendar show\n  svc calendar import 2027.ics   (a State Council schedule "
      "as published each November, e.g. by the holiday-cn feeds)");
  auto* show = cmd->add_subcommand("show", "the calendar in force and the years it covers");
  show->callback([&g] { out(calendar_text(Session(g).settings())); });
  auto* import = cmd->add_subcommand("import", "add a year's holidays and make-up days from .ics");
  auto file = std::make_shared<std::string>();
  import->add_option("FILE", *file, "an iCalendar file of all-day events")->required();
  import->callback([file, &g] { import_schedule(Session(g), *file, g.quiet);
});
cmd->callback([cmd, &g] {
  if (cmd->get_subcommands().empty()) out(calendar_text(Session(g).settings()));
});
}  // namespace svc::cli

}  // namespace svc::cli
