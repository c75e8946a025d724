#include "svc/store/settings_io.hpp"

#include <fmt/format.h>

#include "svc/domain/error.hpp"
#include "svc/store/defaults.hpp"
#include "svc/store/yaml.hpp"

namespace svc::store {

namespace {

void overlay(Value& base, const Value& over) {
  for (const auto& [key, value] : over.entries) {
    Value* mine = base.find(key);
    if (mine && mine->is_map() && value.is_map())
      overlay(*mine, value);
    else
      base.set(key, value);
  }
}

[[noreturn]] void bad(const std::string& path, const Value& at, const std::string& what) {
  throw data_error(fmt::format("{}:{}:{}: {}", path, at.line, at.column, what));
}

std::vector<std::string> scalars(const Value& v) {
  std::vector<std::string> out;
  if (v.is_scalar()) out.push_back(v.scalar);
  for (const auto& item : v.items)
    if (item.is_scalar()) out.push_back(item.scalar);
  return out;
}

// "2026-10-01" or "2026-10-01..2026-10-07".
void add_days(std::set<Day>& days, const Value& list, const std::string& path) {
  for (const auto& item : list.items) {
    std::string s = item.scalar;
    size_t dots = s.find("..");
    auto first = parse_date(s.substr(0, dots));
    auto last = dots == std::string::npos ? first : parse_date(s.substr(dots + 2));
    if (!item.is_scalar() || !first || !last)
      bad(path, item, fmt::format("'{}' is not a date or a range DATE..DATE", s));
    for (Day d = day_from_date(*first); d <= day_from_date(*last); ++d) days.insert(d);
  }
}

Calendar read_calendar(const Value& doc, const std::string& path) {
  Calendar cal;
  if (const Value* off = doc.find("utc_offset")) {
    auto parsed = parse_utc_offset(off->scalar);
    if (!parsed) bad(path, *off, fmt::format("utc_offset '{}' is not like +08:00", off->scalar));
    cal.utc_offset_s = *parsed;
  }
  const Value* c = doc.find("calendar");
  if (!c) return cal;
  if (const Value* week = c->find("workweek")) {
    static const char* names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    cal.workweek.fill(false);
    for (const auto& item : week->items) {
      bool found = false;
      for (size_t i = 0; i < 7; ++i)
        if (item.scalar == names[i]) cal.workweek[i] = found = true;
      if (!found) bad(path, item, fmt::format("'{}' is not a weekday (mon..sun)", item.scalar));
    }
  }
  if (const Value* hours = c->find("hours")) {
    cal.hours.clear();
    for (const auto& item : hours->items) {
      const std::string& s = item.scalar;
      int h1, m1, h2, m2;
      if (std::sscanf(s.c_str(), "%d:%d-%d:%d", &h1, &m1, &h2, &m2) != 4 ||
          h1 * 60 + m1 >= h2 * 60 + m2 || h2 * 60 + m2 > 24 * 60 ||
          (!cal.hours.empty() && h1 * 60 + m1 < cal.hours.back().second))
        bad(path, item, fmt::format("working hours '{}' are not like 08:30-12:00 in order", s));
      cal.hours.emplace_back(h1 * 60 + m1, h2 * 60 + m2);
    }
  }
  if (const Value* h = c->find("holidays")) add_days(cal.holidays, *h, path);
  if (const Value* w = c->find("workdays")) add_days(cal.workdays, *w, path);
  return cal;
}

SlaRule read_rule(const Value& item, const std::string& path) {
  SlaRule rule;
  rule.name = item.get("name");
  auto clock = parse_clock(item.get("clock"));
  if (!clock)
    bad(path, item, fmt::format("clock '{}' is not wall, business or workdays", item.get("clock")));
  rule.clock = *clock;
  std::string within = item.get("within");
  if (rule.clock == Clock::workdays) {
    std::string digits =
        within.size() > 1 && within.back() == 'd' ? within.substr(0, within.size() - 1) : within;
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
        digits.size() > 4)
      bad(path, item, fmt::format("within '{}' must be a number of working days", within));
    rule.amount = std::stoll(digits);
  } else {
    auto d = parse_duration(within);
    if (!d)
      bad(path, item, fmt::format("within '{}' is not a duration like 30m, 6h or 7d", within));
    rule.amount = *d;
  }
  if (const Value* when = item.find("when")) {
    for (const auto& [fact, value] : when->entries) {
      auto c = parse_condition(fact, scalars(value));
      if (!c)
        bad(path, value,
            fmt::format("condition '{}' is not a value, a list or a comparison like \"<=300\"",
                        fact));
      rule.when.push_back(*c);
    }
  }
  if (rule.name.empty()) rule.name = describe_conditions(rule);
  return rule;
}

SlaTable read_sla(const Value* table, const std::string& path) {
  SlaTable out;
  if (!table) return out;
  for (const auto& [step, rules] : table->entries) {
    if (!rules.is_list())
      bad(path, rules, fmt::format("sla step '{}' must be a list of rules", step));
    for (const auto& item : rules.items) out[step].push_back(read_rule(item, path));
  }
  return out;
}

}  // namespace

Settings load_settings(const std::string& text, const std::string& path) {
  Value doc = parse_yaml(std::string(default_settings_text()), "data/svc.yaml");
  Value mine = parse_yaml(text, path);
  if (!mine.is_map()) bad(path, mine, "svc.yaml must be a YAML map");
  // Rule lists replace the shipped ones whole, so a list given per step wins as a unit.
  overlay(doc, mine);
  Settings s;
  s.calendar = read_calendar(doc, path);
  s.locale = doc.get("locale");
  if (s.locale != "zh-CN" && s.locale != "zh-TW" && s.locale != "en")
    bad(path, *doc.find("locale"), fmt::format("locale '{}' is not zh-CN, zh-TW or en", s.locale));
  if (const Value* sla = doc.find("sla")) {
    s.ticket_sla = read_sla(sla->find("ticket"), path);
    s.complaint_sla = read_sla(sla->find("complaint"), path);
  }
  if (const Value* surveys = doc.find("surveys")) s.surveys_auto = surveys->get("auto") != "false";
  s.document = std::move(doc);
  return s;
}

}  // namespace svc::store
