// The machinery every kind shares: transitions, replay, step states, history checks.
#include "svc/domain/record_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "svc/calendar/time.hpp"
#include "svc/domain/checks.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/links.hpp"
#include "svc/domain/text.hpp"
#include "svc/domain/voids.hpp"

namespace svc::record {

namespace {

const Transition* find_transition(const KindRules& k, const std::string& action) {
  for (const auto& t : k.transitions)
    if (action == t.action) return &t;
  return nullptr;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool allows(const KindRules& k, const Transition& t, const Value& fields) {
  bool from = t.from.empty() || contains(t.from, fields.get("status"));
  return from && (!k.guard || k.guard(t.action, fields));
}

Value unflow(Value v) {
  v.flow = false;
  return v;
}

// Steps in display order, each recurrence right after its first occurrence.
std::vector<std::string> steps_of(const KindRules& k, const Value& due) {
  std::vector<std::string> out;
  for (const auto& step : k.steps) {
    if (due.find(step)) out.push_back(step);
    if (contains(k.repeatable, step))
      for (const auto& [name, value] : due.entries)
        if (occurrence(name, step) >= 2) out.push_back(name);
  }
  return out;
}

bool known_key(const KindRules& k, const std::string& key) {
  return key == kConflicts || contains(k.key_order, key);
}

Value strip_unknown(const KindRules& k, const Value& v) {
  if (!v.is_map()) return v;
  Value out = Value::map();
  for (const auto& [key, value] : v.entries)
    if (known_key(k, key)) out.entries.emplace_back(key, strip_unknown(k, value));
  return out;
}

std::optional<Time> time_of(const Event& e) { return parse_time(e.at, 0); }

// Whether `settle` (a settle event) takes the conflict of the event at `at` out of the summary:
// it names the event's time.
bool settles(const Event& settle, const std::string& at) {
  if (const Value* list = settle.data.find("settles"))
    for (const auto& named : list->items)
      if (named.scalar == at) return true;
  return false;
}

// Folds an event the state machine allows here; one it refuses is listed under `conflicts`
// (time, actor, action and the status that refused it) and changes nothing else.
void fold_checked(const KindRules& k, Value& fields, const Event& e) {
  if (action_allowed(k, fields, e.action)) return apply_event(k, fields, e);
  Value c = Value::map(true);
  c.set_plain("at", e.at);
  c.set_text("by", e.by);
  c.set_plain("do", e.action);
  c.set_plain("status", fields.get("status").empty() ? "~" : fields.get("status"));
  child_list(fields, kConflicts.data()).push(std::move(c));
}

// The replay of `history` leaving out the events `voids` takes back.
Value replay_standing(const KindRules& k, const std::string& id, const std::vector<Event>& history,
                      const Voids& voids) {
  Value fields = Value::map();
  fields.set_plain("id", id);
  for (size_t i = 0; i < history.size(); ++i)
    if (!voids.voided(i)) fold_checked(k, fields, history[i]);
  canonical_order(k, fields);
  money_as_text(k, fields);
  return fields;
}

std::string render(const Value& v) {
  if (v.is_scalar()) return v.scalar;
  std::string out;
  for (const auto& [k, x] : v.entries) out += (out.empty() ? "" : ", ") + k + ": " + render(x);
  for (const auto& x : v.items) out += (out.empty() ? "" : ", ") + render(x);
  return (v.is_map() ? "{" : "[") + out + (v.is_map() ? "}" : "]");
}

}  // namespace

std::string spoken(const KindRules& k, const std::string& action) {
  return k.spoken ? k.spoken(action) : action;
}

bool is_action(const KindRules& k, const std::string& action) {
  return action == "new" || action == kSettle || action == kRenumber || action == kRelink ||
         action == kVoid || find_transition(k, action);
}

bool is_open(const KindRules& k, std::string_view status) { return contains(k.open, status); }

bool open_at(const KindRules& k, const Record& r, Time t) {
  if (r.history.empty()) return false;
  auto first = time_of(r.history.front());
  if (!first || *first > t) return false;
  if (!changed_after(r, t)) return is_open(k, r.fields.view("status"));
  return is_open(k, as_at(k, r, t).fields.view("status"));
}

bool action_allowed(const KindRules& k, const Value& fields, const std::string& action) {
  if (action == "new") return fields.get("status").empty();
  if (action == kSettle) return fields.find(kConflicts) != nullptr;
  if (action == kRenumber || action == kRelink || action == kVoid)
    return !fields.get("status").empty();
  const Transition* t = find_transition(k, action);
  return t && allows(k, *t, fields);
}

std::vector<std::string> allowed_actions(const KindRules& k, const Value& fields) {
  std::vector<std::string> out;
  for (const auto& t : k.transitions)
    if (!contains(k.quiet, t.action) && allows(k, t, fields)) out.push_back(spoken(k, t.action));
  return out;
}

void require_allowed(const KindRules& k, const Record& r, const std::string& action) {
  // A backfilled action earlier than the record itself (decided on the record as it stood
  // then), even one allowed in every status (a note).
  if (r.status().empty())
    throw refused(
        fmt::format("cannot {} {} then: it was not registered yet", spoken(k, action), r.id));
  const Transition* t = find_transition(k, action);
  if (!t || allows(k, *t, r.fields)) return;
  auto next = allowed_actions(k, r.fields);
  throw refused(fmt::format("cannot {} {}: it is {}; allowed now: {}", spoken(k, action), r.id,
                            r.status(),
                            next.empty() ? "note" : fmt::format("{}", fmt::join(next, ", "))));
}

void apply_event(const KindRules& k, Value& fields, const Event& e) {
  const Value& d = e.data;
  // The actions every kind has: none changes what the kind's own fields say, but a relink
  // points the record's links at a renumbered record (a void's effect is the replay's: it
  // leaves its event out).
  if (e.action == kRenumber || e.action == kVoid) return;
  if (e.action == kRelink) return apply_relink(k, fields, e);
  if (e.action == kSettle) {
    if (Value* list = fields.find(kConflicts)) {
      std::erase_if(list->items, [&](const Value& c) { return settles(e, c.get("at")); });
      if (list->items.empty()) fields.erase(kConflicts);
    }
    return;
  }
  const std::string previous = fields.get("status");
  if (const Value* due = d.find("due")) merge_into(child_map(fields, "due"), *due);
  if (e.action == "new") {
    for (const auto& [key, value] : d.entries)
      if (key != "due") fields.set(key, unflow(value));
    fields.set_plain("registered", e.at);
  } else if (e.action == "edit") {
    if (const Value* changes = d.find("changes")) merge_into(fields, *changes);
  }
  // A kind may start some records elsewhere than first_status (a claim slip is sent).
  std::string status = k.status_after ? k.status_after(fields, e) : "";
  if (status.empty() && e.action == "new") status = k.first_status;
  if (const Transition* t = find_transition(k, e.action); status.empty() && t) status = t->to;
  if (!status.empty()) fields.set_plain("status", status);
  if (k.fold) k.fold(fields, e, previous);
}

void commit_event(const KindRules& k, Record& r, Event e) {
  money_as_text(k, e);
  // History is oldest first: a backfilled action goes after every event of its time or before.
  auto at = time_of(e);
  size_t pos = r.history.size();
  while (at && pos > 0 && time_of(r.history[pos - 1]) > at) --pos;
  if (pos == r.history.size() && e.action != kVoid) {
    apply_event(k, r.fields, e);
    canonical_order(k, r.fields);
    money_as_text(k, r.fields);
    r.history.push_back(std::move(e));
    return;
  }
  std::vector<Event> history = r.history;
  history.insert(history.begin() + static_cast<std::ptrdiff_t>(pos), std::move(e));
  Value fields = with_unknown_keys(k, replay(k, r.id, history), r.fields);
  // Refused when it adds a conflict: either it cannot happen then, or a later event no longer can.
  const Value* had = r.fields.find(kConflicts);
  if (const Value* now = fields.find(kConflicts))
    for (const Value& c : now->items) {
      if (had && std::find(had->items.begin(), had->items.end(), c) != had->items.end()) continue;
      const Event& added = history[pos];
      if (c.get("at") == added.at && c.get("do") == added.action)
        throw refused(fmt::format("cannot {} {} at {}: it was {} then", spoken(k, added.action),
                                  r.id, added.at,
                                  c.get("status") == "~" ? "not registered" : c.get("status")));
      if (added.action == kVoid) throw refused(void_breaks(k, r, added, c));
      throw refused(fmt::format(
          "{} at {} would come before {} of {} at {}, which could then no longer happen; record "
          "it at a later time, or undo the later action first",
          spoken(k, added.action), added.at, spoken(k, c.get("do")), r.id, c.get("at")));
    }
  r.fields = std::move(fields);
  r.history = std::move(history);
}

Value replay(const KindRules& k, const std::string& id, const std::vector<Event>& history) {
  return replay_standing(k, id, history, voids_of(history));
}

bool changed_after(const Record& r, Time t) {
  return !r.history.empty() && time_of(r.history.back()) > t;
}

Record as_at(const KindRules& k, const Record& r, Time t) {
  // Nothing happened after t: the record as it is (its summary is its replay).
  if (!changed_after(r, t)) return r;
  Record then{r.id, Value::map(), {}};
  const Voids all = voids_of(r.history);
  Voids before;  // which of the events kept a void takes back, wherever the void is
  for (size_t i = 0; i < r.history.size(); ++i)
    if (auto at = time_of(r.history[i]); at && *at <= t) {
      then.history.push_back(r.history[i]);
      if (!all.by.empty()) before.by.push_back(all.by[i]);
    }
  then.fields = with_unknown_keys(k, replay_standing(k, r.id, then.history, before), r.fields);
  return then;
}

Value with_unknown_keys(const KindRules& k, Value replayed, const Value& from) {
  for (const auto& [key, value] : from.entries)
    if (!known_key(k, key) && !replayed.find(key)) replayed.entries.emplace_back(key, value);
  return replayed;
}

size_t conflict_count(const Value& fields) {
  const Value* c = fields.find(kConflicts);
  return c ? c->items.size() : 0;
}

void canonical_order(const KindRules& k, Value& fields) {
  auto rank_of = [&](const std::string& key) {
    // Conflicts after every key of the kind, unknown keys after them.
    if (key == kConflicts) return k.key_order.size();
    auto it = std::find(k.key_order.begin(), k.key_order.end(), key);
    return static_cast<size_t>(it - k.key_order.begin()) + (it == k.key_order.end());
  };
  if (fields.is_map()) {
    // Each key ranked once, then the entries moved into the order of their ranks.
    std::vector<std::pair<size_t, size_t>> order;  // rank, place
    order.reserve(fields.entries.size());
    for (size_t i = 0; i < fields.entries.size(); ++i)
      order.emplace_back(rank_of(fields.entries[i].first), i);
    if (!std::is_sorted(order.begin(), order.end())) {
      std::stable_sort(order.begin(), order.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      std::vector<Entry> sorted;
      sorted.reserve(order.size());
      for (const auto& [rank, i] : order) sorted.push_back(std::move(fields.entries[i]));
      fields.entries = std::move(sorted);
    }
    for (auto& [key, value] : fields.entries)
      if (key != kConflicts) canonical_order(k, value);
  } else if (fields.is_list()) {
    for (auto& item : fields.items) canonical_order(k, item);
  }
}

std::string repeat_step(const std::string& step, int n) {
  return n <= 1 ? step : fmt::format("{}_{}", step, n);
}

int occurrence(std::string_view name, std::string_view base) {
  if (name == base) return 1;
  if (!name.starts_with(base) || name.size() < base.size() + 2 || name[base.size()] != '_')
    return 0;
  std::string_view n = name.substr(base.size() + 1);
  if (n.size() > 3 || n[0] < '2' || n[0] > '9' ||
      n.find_first_not_of("0123456789") != std::string_view::npos)
    return 0;
  return std::atoi(std::string(n).c_str());
}

bool is_step(const KindRules& k, std::string_view name) {
  for (const auto& step : k.steps)
    if (name == step || (contains(k.repeatable, step) && occurrence(name, step) >= 2)) return true;
  return false;
}

std::optional<Time> due_in_force(const Value& fields, const std::string& step, int offset_s) {
  const Value* due = fields.find("due");
  if (!due || !due->find(step)) return std::nullopt;
  // The first extension approved once the deadline it moved had passed fixes the deadline in
  // force at the one before it: later extensions cannot make up for it (SPEC §3).
  if (const Value* exts = fields.find("extensions"))
    for (const auto& x : exts->items)
      if (x.view("deadline") == step && x.view("approved") == "after_due")
        if (auto from = parse_time(x.view("from"), offset_s)) return from;
  return parse_time(due->view(step), offset_s);
}

std::vector<StepState> step_states(const KindRules& k, const Value& fields, Time now,
                                   int offset_s) {
  std::vector<StepState> out;
  const Value* due = fields.find("due");
  if (!due) return out;
  const Value* done = fields.find("done");
  const bool open = is_open(k, fields.view("status"));
  std::vector<std::string> steps = steps_of(k, *due);
  out.reserve(steps.size());
  for (std::string& step : steps) {
    auto planned = parse_time(due->view(step), offset_s);
    if (!planned) continue;
    auto in_force = due_in_force(fields, step, offset_s);
    StepState& s = out.emplace_back(
        StepState{std::move(step), in_force.value_or(*planned), *planned, std::nullopt, ""});
    if (done) s.done = parse_time(done->view(s.step), offset_s);
    if (s.done) {
      s.state = *s.done <= s.due ? "met" : "late";
      continue;
    }
    if (!(k.step_applies ? k.step_applies(s.step, fields) : open)) {
      // No longer to do: a miss when its deadline had passed by the time it stopped being
      // possible (a call cancelled late keeps the miss; cancelling never improves a rate).
      auto ended = k.step_ended ? k.step_ended(s.step, fields) : std::nullopt;
      s.state = ended && *ended > s.due ? "missed" : "n/a";
    } else if (k.step_paused && k.step_paused(s.step, fields)) {
      s.state = "paused";
    } else {
      s.state = now > s.due ? "overdue" : "pending";
    }
  }
  return out;
}

std::string base_step(const KindRules& k, const std::string& step) {
  for (const auto& r : k.repeatable)
    if (occurrence(step, r) >= 1) return r;
  return step;
}

const SlaRule* step_rule(const KindRules& k, const std::string& step, const Value& fields,
                         const Settings& st) {
  if (k.sla_facts.empty() || !k.facts) return nullptr;
  return find_rule(st.sla_of(k.noun), base_step(k, step), k.facts(fields));
}

std::int64_t lateness(const Calendar& cal, const SlaRule* rule, Time due, Time when, Clock* clock) {
  Clock c = rule ? rule->clock : Clock::wall;
  if (clock) *clock = c;
  if (when <= due) return 0;
  // A workdays rule counts working time between the two instants, as a business rule does.
  return c == Clock::wall ? when - due : elapsed_on_clock(cal, Clock::business, due, when);
}

std::vector<std::string> overdue_steps(const std::vector<StepState>& states) {
  std::vector<std::string> out;
  for (const auto& s : states)
    if (s.state == "overdue") out.push_back(s.step);
  return out;
}

const StepState* next_due(const std::vector<StepState>& states) {
  const StepState* next = nullptr;
  for (const auto& s : states)
    if ((s.state == "pending" || s.state == "overdue") && (!next || s.due < next->due)) next = &s;
  return next;
}

std::vector<Finding> check_history(const KindRules& k, const Record& r) {
  std::vector<Finding> found;
  auto add = [&](const Event& e, std::string m) {
    found.push_back({e.data.line, e.data.column, std::move(m)});
  };
  // An event the state machine refused stays a problem until a later `settle` names it.
  auto settled_later = [&](size_t i) {
    for (size_t j = i + 1; j < r.history.size(); ++j)
      if (r.history[j].action == kSettle && settles(r.history[j], r.history[i].at)) return true;
    return false;
  };
  Value fields = Value::map();
  fields.set_plain("id", r.id);
  std::optional<Time> previous;
  const Voids voids = voids_of(r.history);
  for (size_t i = 0; i < r.history.size(); ++i) {
    const Event& e = r.history[i];
    auto at = parse_time(e.at, 0);
    if (at && previous && *at < *previous)
      add(e, fmt::format("event {} ({}) at {} is earlier than the event before it; the history "
                         "must be in time order",
                         i + 1, e.action, e.at));
    if (at) previous = at;
    if (i == 0 && e.action != "new")
      add(e, fmt::format("the first event is '{}', not 'new'", e.action));
    else if (i > 0 && e.action == "new")
      add(e, fmt::format("event {} is a second 'new'", i + 1));
    else if (voids.voided(i))
      continue;  // taken back: never happened, whatever it would have been
    else if (!action_allowed(k, fields, e.action) && !settled_later(i))
      found.push_back(
          {e.data.line, e.data.column,
           fmt::format("event {} ({} by {}) is not allowed when the {} is {}; it is kept but "
                       "left out of the summary until settled: svc {} settle {}",
                       i + 1, spoken(k, e.action), e.by, k.noun, fields.get("status"), k.noun,
                       r.id),
           true});
    fold_checked(k, fields, e);
  }
  for (auto& f : check_voids(k, r)) found.push_back(std::move(f));
  return found;
}

std::optional<Finding> ahead_of_clock(const Record& r, Time now, Time skew) {
  for (size_t i = 0; i < r.history.size(); ++i) {
    const Event& e = r.history[i];
    auto at = parse_time(e.at, 0);
    if (!at || *at <= now + skew) continue;
    // The site is the one the ID names (the clone that created the record), when it names one.
    auto parts = split_lines(r.id, '-');
    std::string site =
        parts.size() == 4 ? fmt::format("; {} is site {}'s record", r.id, parts[2]) : "";
    return Finding{e.data.line, e.data.column,
                   fmt::format("warning: event {} ({} by {}) at {} is {} ahead of this clock, "
                               "more than team.clock_skew ({}): the clock of the clone that "
                               "wrote it runs fast{}; it is kept and counted as written",
                               i + 1, e.action, e.by, e.at, format_duration(*at - now),
                               format_duration(skew), site)};
  }
  return std::nullopt;
}

std::vector<Finding> compare_with_replay(const KindRules& k, const Record& r) {
  std::vector<Finding> found;
  Value replayed = strip_unknown(k, replay(k, r.id, r.history));
  Value stored = strip_unknown(k, r.fields);
  for (const auto& [key, value] : replayed.entries) {
    const Value* mine = stored.find(key);
    if (!mine)
      found.push_back(
          {0, 0, fmt::format("'{}' is missing; the history gives {}", key, render(value))});
    else if (!(*mine == value))
      found.push_back(
          {r.fields.find(key)->line, r.fields.find(key)->column,
           fmt::format("'{}' is {} but the history gives {}", key, render(*mine), render(value))});
  }
  for (const auto& [key, value] : stored.entries)
    if (!replayed.find(key))
      found.push_back({value.line, value.column,
                       fmt::format("'{}' is not given by any event in the history", key)});
  return found;
}

Event new_event(const char* action, const Context& ctx) {
  Event e;
  e.at = format_time(ctx.actor.now, ctx.settings.calendar.utc_offset_s);
  e.by = ctx.actor.name;
  e.action = action;
  return e;
}

Event decide_settle(const KindRules& k, const Record& r, const std::string& note,
                    const Context& ctx) {
  const Value* conflicts = r.fields.find(kConflicts);
  if (!conflicts)
    throw refused(fmt::format(
        "{} has nothing to settle: no event of its history was left out of its summary", r.id));
  Event e = new_event(kSettle.data(), ctx);
  Value& list = e.data.set("settles", Value::list(true));
  for (const auto& c : conflicts->items) list.push(Value::plain(c.get("at")));
  if (!note.empty()) e.data.set_text("note", note);
  (void)k;
  return e;
}

Event renumber_event(const std::string& from, const Context& ctx) {
  Event e = new_event(kRenumber.data(), ctx);
  e.data.set_plain("from", from);
  return e;
}

Event plain_event(const KindRules& k, const Record& r, const char* action, const Context& ctx) {
  require_allowed(k, r, action);
  return new_event(action, ctx);
}

Event text_event(const KindRules& k, const Record& r, const char* action, const char* option,
                 const char* key, const std::string& text, const Context& ctx) {
  require_text(option, text);
  require_allowed(k, r, action);
  Event e = new_event(action, ctx);
  e.data.set_text(key, text);
  return e;
}

void refuse_owned(const KindRules& k, const Value& changes, const std::vector<std::string>& owned) {
  for (const auto& key : owned)
    if (changes.find(key))
      throw refused(
          fmt::format("'{}' cannot be edited by hand; use the {}'s actions (svc {} --help)", key,
                      k.noun, k.noun));
}

Event edit_event(Value changes, const Context& ctx) {
  Event e = new_event("edit", ctx);
  changes.flow = true;
  e.data.set("changes", std::move(changes));
  return e;
}

void set_due(Event& e, const std::string& step, Time when, const Context& ctx) {
  Value* due = e.data.find("due");
  if (!due) due = &e.data.set("due", Value::map(true));
  due->set_plain(step, format_time(when, ctx.settings.calendar.utc_offset_s));
}

void add_deadline(Event& e, const SlaTable& table, const std::string& rule_step,
                  const std::string& stored_as, const Facts& facts, Time start,
                  const Context& ctx) {
  if (auto dl = compute_deadline(ctx.settings.calendar, table, rule_step, facts, start))
    set_due(e, stored_as, dl->due, ctx);
}

void keep_text(Value& v, const std::vector<std::string>& plain_keys, const std::string& key) {
  if (v.is_scalar()) {
    bool removal = v.scalar == "~" || v.scalar == "null";
    if (v.kind == Value::Kind::plain && !removal && !contains(plain_keys, key))
      v.kind = Value::Kind::text;
    return;
  }
  for (auto& [k, x] : v.entries) keep_text(x, plain_keys, k);
  for (auto& x : v.items) keep_text(x, plain_keys, key);
}

Value merged_with(const KindRules& k, const Value& fields, const Value& changes) {
  Value merged = fields;
  Event e;
  e.action = "edit";
  e.data.set("changes", changes);
  apply_event(k, merged, e);
  return merged;
}

void merge_into(Value& into, const Value& changes) {
  for (const auto& [key, value] : changes.entries) {
    if (value.kind == Value::Kind::plain && (value.scalar == "~" || value.scalar == "null")) {
      into.erase(key);
    } else if (value.is_map() && into.find(key) && into.find(key)->is_map()) {
      merge_into(*into.find(key), value);
    } else {
      Value copy = value;
      copy.flow = value.is_list() && std::all_of(value.items.begin(), value.items.end(),
                                                 [](const Value& v) { return v.is_scalar(); });
      if (copy.is_map()) copy.flow = false;
      into.set(key, std::move(copy));
    }
  }
}

Value& child_map(Value& fields, const char* key) {
  Value* v = fields.find(key);
  if (!v || !v->is_map()) v = &fields.set(key, Value::map());
  return *v;
}

Value& child_list(Value& fields, const char* key) {
  Value* v = fields.find(key);
  if (!v || !v->is_list()) v = &fields.set(key, Value::list());
  return *v;
}

void erase_path(Value& fields, const char* map, const std::string& key) {
  if (Value* m = fields.find(map)) {
    m->erase(key);
    if (m->empty()) fields.erase(map);
  }
}

int counter(const Value& fields, const char* key) {
  std::string n = fields.get(key);
  return n.empty() ? 0 : std::atoi(n.c_str());
}

void mark_done(Value& fields, const std::string& step, const Event& e) {
  child_map(fields, "done").set_plain(step, e.at);
}

}  // namespace svc::record
