#include "svc/store/settings_io.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <future>
#include <unordered_map>

#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/settings_read.hpp"
#include "svc/store/defaults.hpp"
#include "svc/store/yaml.hpp"

namespace svc::store {

namespace fs = std::filesystem;

using settings::bad;
using settings::kMaxCalendarEntries;
using settings::kMaxHours;
using settings::kMaxRules;
using settings::kMaxUnknownWarnings;
using settings::require_at_most;

namespace {

// Maps merge key by key, anything else replaces; each key found through an index, so that a
// long map costs its length, not its length squared.
void overlay(Value& base, const Value& over) {
  base.entries.reserve(base.entries.size() + over.entries.size());  // the index stays valid
  std::unordered_map<std::string_view, Value*> mine;
  for (auto& [key, value] : base.entries) mine.emplace(key, &value);
  for (const auto& [key, value] : over.entries) {  // keys are unique: the reader refuses twins
    auto it = mine.find(key);
    if (it == mine.end())
      base.entries.emplace_back(key, value);
    else if (it->second->is_map() && value.is_map()) {
      overlay(*it->second, value);
      it->second->line = value.line;  // messages about the map point into the office's file
      it->second->column = value.column;
    } else
      *it->second = value;
  }
}

std::vector<std::string> scalars(const Value& v) {
  std::vector<std::string> out;
  if (v.is_scalar()) out.push_back(v.scalar);
  for (const auto& item : v.items)
    if (item.is_scalar()) out.push_back(item.scalar);
  return out;
}

// "2026-10-01" or "2026-10-01..2026-10-07".
void add_days(std::set<Day>& days, const Value& list, const std::string& where,
              const std::string& path) {
  if (!list.is_list()) bad(path, list, "must be a list of dates or ranges DATE..DATE");
  require_at_most(list, kMaxCalendarEntries, where, "dates and ranges", path);
  for (const auto& item : list.items) {
    std::string s = item.scalar;
    size_t dots = s.find("..");
    auto first = parse_date(s.substr(0, dots));
    auto last = dots == std::string::npos ? first : parse_date(s.substr(dots + 2));
    if (!item.is_scalar() || !first || !last)
      bad(path, item, fmt::format("'{}' is not a date or a range DATE..DATE", s));
    if (day_from_date(*last) < day_from_date(*first))
      bad(path, item, fmt::format("the range '{}' ends before it starts", s));
    if (day_from_date(*last) - day_from_date(*first) > 366)
      bad(path, item, fmt::format("the range '{}' is longer than a year", s));
    for (Day d = day_from_date(*first); d <= day_from_date(*last); ++d) days.insert(d);
  }
}

// "08:30-12:00": two times of day, the first before the second.
std::optional<std::pair<int, int>> parse_hours(const std::string& s) {
  auto minute = [](std::string_view t) -> std::optional<int> {
    if (t.size() != 5 || t[2] != ':' || !std::isdigit(static_cast<unsigned char>(t[0])) ||
        !std::isdigit(static_cast<unsigned char>(t[1])) ||
        !std::isdigit(static_cast<unsigned char>(t[3])) ||
        !std::isdigit(static_cast<unsigned char>(t[4])))
      return std::nullopt;
    int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m > 0)) return std::nullopt;
    return h * 60 + m;
  };
  if (s.size() != 11 || s[5] != '-') return std::nullopt;
  auto from = minute(std::string_view(s).substr(0, 5)), to = minute(std::string_view(s).substr(6));
  if (!from || !to || *from >= *to) return std::nullopt;
  return std::make_pair(*from, *to);
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
    if (std::none_of(cal.workweek.begin(), cal.workweek.end(), [](bool b) { return b; }))
      bad(path, *week, "calendar.workweek has no working day");
  }
  if (const Value* hours = c->find("hours")) {
    cal.hours.clear();
    require_at_most(*hours, kMaxHours, "calendar.hours", "spans", path);
    for (const auto& item : hours->items) {
      auto span = parse_hours(item.scalar);
      if (!span)
        bad(path, item, fmt::format("working hours '{}' are not like 08:30-12:00", item.scalar));
      if (!cal.hours.empty() && span->first < cal.hours.back().second)
        bad(path, item,
            fmt::format("working hours '{}' overlap or come before the ones above", item.scalar));
      cal.hours.push_back(*span);
    }
    if (cal.hours.empty()) bad(path, *hours, "calendar.hours lists no working hours");
  }
  if (const Value* h = c->find("holidays")) add_days(cal.holidays, *h, "calendar.holidays", path);
  if (const Value* w = c->find("workdays")) add_days(cal.workdays, *w, "calendar.workdays", path);
  for (Day d : cal.holidays) cal.years.insert(date_from_day(d).year);
  return cal;
}

SlaRule read_rule(const Value& item, const std::string& path,
                  const std::vector<std::string>& facts) {
  SlaRule rule;
  if (!item.is_map()) bad(path, item, "a rule must be a map {name, when, clock, within}");
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
      if (std::find(facts.begin(), facts.end(), fact) == facts.end())
        bad(path, value,
            fmt::format("'{}' is not a fact rules can test; use one of: {}", fact,
                        fmt::join(facts, ", ")));
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

SlaTable read_sla(const Value* table, const std::string& path,
                  const std::vector<std::string>& steps, const std::vector<std::string>& facts,
                  const std::string& where, std::vector<std::string>& warnings) {
  SlaTable out;
  if (!table) return out;
  if (!table->is_map())
    bad(path, *table, fmt::format("{} must map steps to lists of rules", where));
  require_at_most(*table, kMaxRules, where, "steps", path);
  for (const auto& [step, rules] : table->entries) {
    if (!rules.is_list())
      bad(path, rules, fmt::format("sla step '{}' must be a list of rules", step));
    require_at_most(rules, kMaxRules, where + "." + step, "rules", path);
    if (std::find(steps.begin(), steps.end(), step) == steps.end())
      warnings.push_back(fmt::format("{}:{}:{}: {}.{} is not a step svc knows ({}); a typo?", path,
                                     rules.line, rules.column, where, step,
                                     fmt::join(steps, ", ")));
    for (const auto& item : rules.items) out[step].push_back(read_rule(item, path, facts));
    // A call no rule matches gets no deadline at all for that step: say so.
    if (!out[step].empty() && !out[step].back().when.empty())
      warnings.push_back(fmt::format(
          "{}:{}:{}: {}.{}: no rule matches every record (the last one has a 'when'); a record "
          "none matches gets no {} deadline",
          path, rules.line, rules.column, where, step, step));
  }
  return out;
}

// The keys svc.yaml may hold, as "a.b": the machinery's own, then each kind's section; a map of
// another capability's settings is read there.
std::vector<std::string> known_settings(const Kinds& kinds) {
  std::vector<std::string> keys = {"locale",
                                   "office",
                                   "utc_offset",
                                   "calendar",
                                   "calendar.workweek",
                                   "calendar.hours",
                                   "calendar.holidays",
                                   "calendar.workdays",
                                   "sla",
                                   "reports",
                                   "reports.targets",
                                   "reports.targets.on_time",
                                   "reports.targets.satisfaction",
                                   "reports.targets.complaint_rate",
                                   "sync",
                                   "sync.autocommit",
                                   "team",
                                   "team.clock_skew"};
  for (const KindRules* k : kinds) {
    if (!k->sla_facts.empty()) keys.push_back("sla." + k->noun);
    keys.insert(keys.end(), k->settings.begin(), k->settings.end());
  }
  return keys;
}

// Maps whose keys are names the office gives (steps checked by read_sla, categories, people).
bool free_map(const Kinds& kinds, const std::string& name) {
  for (const KindRules* k : kinds) {
    if (!k->sla_facts.empty() && name == "sla." + k->noun) return true;
    if (std::find(k->free_maps.begin(), k->free_maps.end(), name) != k->free_maps.end())
      return true;
  }
  return false;
}

void warn_unknown_keys(const Value& v, const std::string& prefix, const std::string& path,
                       const std::vector<std::string>& known, const Kinds& kinds,
                       std::vector<std::string>& warnings) {
  for (const auto& [key, value] : v.entries) {
    std::string name = prefix.empty() ? key : prefix + "." + key;
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      warnings.push_back(fmt::format("{}:{}:{}: unknown setting '{}' (a typo?); it is ignored",
                                     path, value.line, value.column, name));
      continue;
    }
    if (value.is_map() && !free_map(kinds, name))
      warn_unknown_keys(value, name, path, known, kinds, warnings);
  }
}

// Keeps the first few warnings about unknown keys, so that a file of typos is not a page of them.
void cap_unknown_warnings(std::vector<std::string>& warnings, const std::string& path) {
  size_t unknown = warnings.size();
  if (unknown <= kMaxUnknownWarnings) return;
  warnings.resize(kMaxUnknownWarnings);
  warnings.push_back(
      fmt::format("{}: {} more unknown settings are ignored", path, unknown - kMaxUnknownWarnings));
}

}  // namespace

void require_settings_size(std::uintmax_t bytes, const std::string& path) {
  if (bytes > kMaxSettingsBytes)
    throw data_error(fmt::format(
        "{}: the file is {} bytes; svc.yaml may have at most {} ({} KiB): settings, not records",
        path, bytes, kMaxSettingsBytes, kMaxSettingsBytes / 1024));
}

namespace {

// The settings paths whose values differ between two sides ("reports.targets.on_time 90 | 80"),
// at most a few.
void differing(const Value& a, const Value& b, const std::string& at,
               std::vector<std::string>& out) {
  if (out.size() > 3) return;
  if (a.is_map() && b.is_map()) {
    for (const auto& [key, value] : a.entries) {
      std::string path = at.empty() ? key : at + "." + key;
      if (const Value* other = b.find(key))
        differing(value, *other, path, out);
      else
        out.push_back(path);
    }
    for (const auto& [key, value] : b.entries)
      if (!a.find(key)) out.push_back(at.empty() ? key : at + "." + key);
  } else if (a.is_scalar() && b.is_scalar()) {
    if (a.scalar != b.scalar) out.push_back(fmt::format("{} {} | {}", at, a.scalar, b.scalar));
  } else if (!(a == b)) {
    out.push_back(at);
  }
}

}  // namespace

Settings load_settings(const std::string& given, const std::string& path, const Kinds& kinds) {
  require_settings_size(given.size(), path);
  // A merge both clones' changes met in (conflict markers): this clone's side holds until a
  // person chooses, and no command stops for it; check and sync name the choice.
  std::string conflicted;
  const std::string* chosen = &given;
  std::optional<ConflictSides> sides;
  if (auto line = conflict_marker_line(given); line && (sides = conflict_sides(given))) {
    std::vector<std::string> keys;
    try {
      differing(parse_yaml(sides->ours, path, Keys::levels_too),
                parse_yaml(sides->theirs, path, Keys::levels_too), "", keys);
    } catch (const Error&) {
    }
    conflicted = fmt::format(
        "{}:{}: both clones changed the settings ({}): this clone's side holds until the merge is "
        "resolved (svc check says how)",
        path, *line,
        keys.empty() ? "see the marked lines" : fmt::format("{}", fmt::join(keys, "; ")));
    chosen = &sides->ours;
  }
  const std::string& text = *chosen;
  // The shipped defaults parsed beside the office's copy (yaml-cpp reads each in some 3 ms,
  // before any command can begin); here, after it, when no thread can be had.
  auto defaults = std::async(std::launch::async | std::launch::deferred, [] {
    return parse_yaml(std::string(default_settings_text()), "data/svc.yaml", Keys::levels_too);
  });
  Value mine = parse_yaml(
      text, path, Keys::levels_too);  // when it throws, the future's end waits for the other
  Value doc = defaults.get();
  if (!mine.is_map()) bad(path, mine, "svc.yaml must be a YAML map");
  // Rule lists replace the shipped ones whole, so a list given per step wins as a unit.
  overlay(doc, mine);
  Settings s;
  s.calendar = read_calendar(doc, path);
  s.locale = doc.get("locale");
  s.office = doc.get("office");
  if (s.locale != "zh-CN" && s.locale != "zh-TW" && s.locale != "en")
    bad(path, *doc.find("locale"), fmt::format("locale '{}' is not zh-CN, zh-TW or en", s.locale));
  warn_unknown_keys(mine, "", path, known_settings(kinds), kinds,
                    s.warnings);  // the first warnings: capped alone
  cap_unknown_warnings(s.warnings, path);
  if (const Value* sla = doc.find("sla"))
    for (const KindRules* k : kinds)
      if (!k->sla_facts.empty())
        s.sla[k->noun] =
            read_sla(sla->find(k->noun), path, k->sla_steps.empty() ? k->steps : k->sla_steps,
                     k->sla_facts, "sla." + k->noun, s.warnings);
  if (const Value* r = doc.find("reports"); r && r->find("targets")) {
    const Value& t = *r->find("targets");
    for (auto [key, into] : {std::pair{"on_time", &s.targets.on_time},
                             std::pair{"satisfaction", &s.targets.satisfaction},
                             std::pair{"complaint_rate", &s.targets.complaint_rate}}) {
      const Value* v = t.find(key);
      if (!v) continue;
      int n = std::atoi(v->scalar.c_str());
      if (v->scalar.empty() || v->scalar.size() > 3 ||
          v->scalar.find_first_not_of("0123456789") != std::string::npos || n > 100)
        bad(path, *v,
            fmt::format("reports.targets.{} '{}' is not a percentage 0-100", key, v->scalar));
      *into = n;
    }
  }
  if (const Value* sync = doc.find("sync"); sync && sync->find("autocommit")) {
    const Value& v = *sync->find("autocommit");
    if (v.scalar != "true" && v.scalar != "false")
      bad(path, v, fmt::format("sync.autocommit '{}' is not true or false", v.scalar));
    s.autocommit = v.scalar == "true";
  }
  if (const Value* team = doc.find("team"); team && team->find("clock_skew")) {
    const Value& v = *team->find("clock_skew");
    auto d = parse_duration(v.scalar);
    if (!d || *d > 7 * 86400)
      bad(path, v,
          fmt::format("team.clock_skew '{}' is not a duration like 30m or 2h (at most 7d)",
                      v.scalar));
    s.clock_skew = *d;
  }
  // Each kind's own section (complaints' categories and penalties, the return policy, the
  // survey templates), read by the kind.
  for (const KindRules* k : kinds)
    if (k->read_settings) k->read_settings(doc, mine, path, s);
  s.document = std::move(doc);
  if (!conflicted.empty()) s.warnings.insert(s.warnings.begin(), conflicted);
  s.conflict = conflicted;
  return s;
}

}  // namespace svc::store
