// `void` for every kind: which events voids take back, the decision and its refusals.
#include "svc/domain/voids.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "svc/domain/checks.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/merge.hpp"

namespace svc::record {

namespace {

bool voidable(const Event& e) { return e.action != "new" && e.action != kVoid; }

bool has_void(const std::vector<Event>& history) {
  return std::any_of(history.begin(), history.end(),
                     [](const Event& e) { return e.action == kVoid; });
}

// The 1-based numbers of the events equal to `e`, as `log` numbers them.
std::vector<size_t> numbers_of(const std::vector<Event>& history, const Event& e) {
  std::vector<size_t> out;
  for (size_t i = 0; i < history.size(); ++i)
    if (same_event(history[i], e)) out.push_back(i + 1);
  return out;
}

// The event's number from what was typed: its number, or its time when one event has it.
size_t event_number(const KindRules& k, const Record& r, const std::string& which, int offset_s) {
  const std::string log = fmt::format("svc {} log {}", k.noun, r.id);
  if (!which.empty() && which.find_first_not_of("0123456789") == std::string::npos) {
    size_t n = which.size() > 9 ? 0 : std::stoul(which);
    if (n < 1 || n > r.history.size())
      throw usage_error(fmt::format("{} has no event {}; {} numbers its events 1 to {}", r.id,
                                    which, log, r.history.size()));
    return n;
  }
  auto t = parse_time(which, offset_s);
  if (!t)
    throw usage_error(
        fmt::format("--event '{}' is neither an event's number nor its time; {} numbers the events",
                    which, log));
  std::vector<size_t> at;
  for (size_t i = 0; i < r.history.size(); ++i)
    if (parse_time(r.history[i].at, 0) == t) at.push_back(i + 1);
  if (at.empty())
    throw usage_error(
        fmt::format("{} has no event at {}; {} shows every event's time", r.id, which, log));
  if (at.size() > 1)
    throw usage_error(fmt::format("{} has {} events at {} (numbers {}); give the number", r.id,
                                  at.size(), which, fmt::join(at, ", ")));
  return at.front();
}

// What to do instead of voiding the `new` event: the kind's action that takes a record back,
// when it has one and the record allows it now; else say what was wrong in a note.
std::string instead_of_voiding_new(const KindRules& k, const Record& r) {
  if (!k.withdraw.empty() && action_allowed(k, r.fields, k.withdraw))
    return fmt::format("end it instead: svc {} {} {}", k.noun, spoken(k, k.withdraw), r.id);
  return fmt::format("say what was wrong in a note instead: svc {} note {} TEXT", k.noun, r.id);
}

// "event 3 (assign)" of the history, by the voided event's copy; "assign" when none matches.
std::string named(const KindRules& k, const Record& r, const Event& e) {
  auto n = numbers_of(r.history, e);
  return n.empty() ? spoken(k, e.action)
                   : fmt::format("event {} ({})", n.front(), spoken(k, e.action));
}

// The void's copy of `e`: its at, by and do, then its data (the same_event identity).
Value copy_of(const Event& e) {
  Value ref = Value::map(true);
  ref.set_plain("at", e.at);
  ref.set_text("by", e.by);
  ref.set_plain("do", e.action);
  for (const auto& entry : e.data.entries) ref.entries.push_back(entry);
  return ref;
}

}  // namespace

std::optional<Event> voided_event(const Event& void_event) {
  const Value* ref = void_event.data.find("event");
  if (void_event.action != kVoid || !ref || !ref->is_map()) return std::nullopt;
  Event e;
  e.at = ref->get("at");
  e.by = ref->get("by");
  e.action = ref->get("do");
  if (e.at.empty() || e.by.empty() || e.action.empty()) return std::nullopt;
  for (const auto& entry : ref->entries)
    if (entry.first != "at" && entry.first != "by" && entry.first != "do")
      e.data.entries.push_back(entry);
  return e;
}

Voids voids_of(const std::vector<Event>& history) {
  Voids out;
  if (!has_void(history)) return out;  // the common case: nothing to look for
  out.by.resize(history.size());
  for (size_t j = 0; j < history.size(); ++j) {
    auto target = voided_event(history[j]);
    if (!target) continue;
    for (size_t i = 0; i < history.size(); ++i)
      if (voidable(history[i]) && same_event(history[i], *target)) out.by[i].push_back(j);
  }
  return out;
}

std::vector<Event> standing(const std::vector<Event>& history) {
  Voids voids = voids_of(history);
  if (voids.by.empty()) return history;
  std::vector<Event> out;
  for (size_t i = 0; i < history.size(); ++i)
    if (!voids.voided(i)) out.push_back(history[i]);
  return out;
}

Event decide_void(const KindRules& k, const Record& r, const std::string& which,
                  const std::string& reason, const Context& ctx) {
  require_text("--reason", reason);
  const size_t n = event_number(k, r, which, ctx.settings.calendar.utc_offset_s);
  const Event& target = r.history[n - 1];
  // A backfilled void (--at) comes after its event, never before it.
  if (auto t = parse_time(target.at, 0); t && *t > ctx.actor.now)
    throw refused(fmt::format("cannot void event {} of {} at {}: it happened later, at {}", n, r.id,
                              format_time(ctx.actor.now, ctx.settings.calendar.utc_offset_s),
                              target.at));
  if (target.action == "new")
    throw refused(fmt::format("the record itself cannot be voided (event {} registered {}); {}", n,
                              r.id, instead_of_voiding_new(k, r)));
  if (target.action == kVoid) {
    auto of = voided_event(target);
    throw refused(fmt::format(
        "event {} of {} is a void, which cannot be voided; to have {} back, record it again", n,
        r.id, of ? named(k, r, *of) : "the event it took back"));
  }
  if (Voids voids = voids_of(r.history); voids.voided(n - 1)) {
    const Event& by = r.history[voids.by[n - 1].front()];
    throw refused(fmt::format("event {} ({}) of {} is already voided (by {} at {}: {})", n,
                              spoken(k, target.action), r.id, by.by, by.at, by.data.get("reason")));
  }
  Event e = new_event(kVoid.data(), ctx);
  e.data.set("event", copy_of(target));
  e.data.set_text("reason", reason);
  return e;
}

std::string void_breaks(const KindRules& k, const Record& r, const Event& v,
                        const Value& conflict) {
  auto target = voided_event(v);
  std::string what = target ? named(k, r, *target) : "the event";
  size_t later = 0;
  for (size_t i = 0; i < r.history.size() && !later; ++i)
    if (r.history[i].at == conflict.get("at") && r.history[i].action == conflict.get("do") &&
        r.history[i].by == conflict.get("by"))
      later = i + 1;
  return fmt::format(
      "cannot void {} of {}: event {} ({} at {}) could then no longer happen; void event {} first",
      what, r.id, later, spoken(k, conflict.get("do")), conflict.get("at"), later);
}

std::vector<Finding> check_voids(const KindRules& k, const Record& r) {
  std::vector<Finding> found;
  for (size_t j = 0; j < r.history.size(); ++j) {
    auto target = voided_event(r.history[j]);
    if (!target) continue;  // its shape is validate_common's to report
    const Value& at = *r.history[j].data.find("event");
    auto add = [&](const std::string& why) {
      found.push_back({at.line, at.column,
                       fmt::format("event {} (void by {}) {}", j + 1, r.history[j].by, why)});
    };
    auto n = numbers_of(r.history, *target);
    if (n.empty())
      add(fmt::format("names no event of the history ({} by {} at {})", spoken(k, target->action),
                      target->by, target->at));
    else if (!voidable(r.history[n.front() - 1]))
      add(fmt::format("names event {} ({}), which cannot be voided", n.front(), target->action));
  }
  return found;
}

std::string void_shape_problem(const Event& e) {
  const Value* ref = e.data.find("event");
  if (!ref) return "event 'void': no 'event' (the event it takes back)";
  if (!ref->is_map()) return "event 'void': event is not {at: ..., by: ..., do: ...}";
  for (const char* key : {"at", "by", "do"})
    if (ref->get(key).empty())
      return fmt::format("event 'void': event has no '{}' (the voided event's {})", key,
                         std::string(key) == "at"   ? "time"
                         : std::string(key) == "by" ? "actor"
                                                    : "action");
  return "";
}

}  // namespace svc::record
