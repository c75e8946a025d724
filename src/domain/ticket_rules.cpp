// The ticket state machine and how events fold into the summary fields.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "svc/domain/error.hpp"
#include "svc/domain/ticket.hpp"

namespace svc::ticket {

namespace {

struct Transition {
  const char* action;
  std::vector<std::string> from;  ///< empty: any status
  const char* to;                 ///< nullptr: status unchanged
};

const std::vector<std::string> kOpenStatuses = {"new", "assigned", "on_site", "waiting",
                                                "workshop"};

// The lifecycle of SPEC §3; "resume" returns to the status the ticket was waiting in.
const std::vector<Transition>& transitions() {
  static const std::vector<Transition> table = {
      {"assign", {"new", "assigned", "on_site", "waiting"}, "assigned"},
      {"respond", {"new", "assigned"}, nullptr},
      {"arrive", {"assigned", "waiting"}, "on_site"},
      {"note", {}, nullptr},
      {"part", {"assigned", "on_site", "waiting", "workshop", "resolved"}, nullptr},
      {"workshop_in", {"on_site", "waiting"}, "workshop"},
      {"workshop_out", {"workshop", "waiting"}, "on_site"},
      {"wait", {"assigned", "on_site", "workshop"}, "waiting"},
      {"resume", {"waiting"}, nullptr},
      {"resolve", {"assigned", "on_site", "waiting"}, "resolved"},
      {"sign", {"on_site", "resolved"}, nullptr},
      {"fee", {"assigned", "on_site", "waiting", "workshop", "resolved"}, nullptr},
      {"close", {"resolved"}, "closed"},
      {"cancel", kOpenStatuses, "cancelled"},
      {"reopen", {"resolved", "closed"}, "assigned"},
      {"extend", kOpenStatuses, nullptr},
      {"follow_up", {"resolved", "closed"}, nullptr},
      {"reclass", {"new", "assigned", "on_site", "waiting", "workshop", "resolved"}, nullptr},
      {"edit", {}, nullptr},
  };
  return table;
}

const Transition* find_transition(const std::string& action) {
  for (const auto& t : transitions())
    if (action == t.action) return &t;
  return nullptr;
}

}  // namespace

std::string workshop_step(int trip) {
  return trip <= 1 ? "workshop" : fmt::format("workshop_{}", trip);
}

std::string current_workshop_step(const Value& fields) {
  const Value* w = fields.find("workshop");
  std::string trip = w ? w->get("trip") : "";
  return workshop_step(trip.empty() ? 1 : std::atoi(trip.c_str()));
}

bool is_step(std::string_view name) {
  if (contains(kSteps, name)) return true;
  if (!name.starts_with("workshop_") || name.size() < 10 || name[9] < '2' || name[9] > '9')
    return false;
  return name.substr(9).find_first_not_of("0123456789") == std::string_view::npos &&
         name.size() < 13;
}

namespace {

bool in_workshop(const Value& fields) {
  const Value* w = fields.find("workshop");
  return w && w->find("in") && !w->find("out");
}

// The status decides, and for the workshop also where the product is.
bool allows(const Transition& t, const Value& fields) {
  const std::string status = fields.get("status");
  bool from = t.from.empty() || std::find(t.from.begin(), t.from.end(), status) != t.from.end();
  std::string action = t.action;
  if (action == "workshop_in") return from && !in_workshop(fields);
  if (action == "workshop_out") return from && in_workshop(fields);
  return from;
}

// How an action is typed on the command line.
std::string spoken(const std::string& action) {
  if (action == "workshop_in") return "workshop in";
  if (action == "workshop_out") return "workshop out";
  if (action == "follow_up") return "follow-up";
  return action;
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

void erase_path(Value& fields, const char* map, const char* key) {
  if (Value* m = fields.find(map)) {
    m->erase(key);
    if (m->empty()) fields.erase(map);
  }
}

Value unflow(Value v) {
  v.flow = false;
  return v;
}

}  // namespace

bool is_action(const std::string& action) { return action == "new" || find_transition(action); }

bool is_open(const std::string& status) {
  return std::find(kOpenStatuses.begin(), kOpenStatuses.end(), status) != kOpenStatuses.end();
}

std::vector<std::string> allowed_actions(const Value& fields) {
  std::vector<std::string> out;
  for (const auto& t : transitions()) {
    std::string name = t.action;
    if (name == "edit" || name == "note") continue;
    if (allows(t, fields)) out.push_back(spoken(name));
  }
  return out;
}

bool action_allowed(const Value& fields, const std::string& action) {
  if (action == "new") return fields.get("status").empty();
  const Transition* t = find_transition(action);
  return t && allows(*t, fields);
}

void require_allowed(const Record& r, const std::string& action) {
  const Transition* t = find_transition(action);
  if (!t || allows(*t, r.fields)) return;
  auto next = allowed_actions(r.fields);
  throw refused(fmt::format("cannot {} {}: it is {}; allowed now: {}", spoken(action), r.id,
                            r.status(),
                            next.empty() ? "note" : fmt::format("{}", fmt::join(next, ", "))));
}

void apply_event(Value& fields, const Event& e) {
  const Value& d = e.data;
  const std::string previous = fields.get("status");
  const std::string& a = e.action;
  auto done = [&](const char* step) { child_map(fields, "done").set_plain(step, e.at); };
  if (const Value* due = d.find("due")) merge_into(child_map(fields, "due"), *due);

  if (a == "new") {
    for (const auto& [key, value] : d.entries)
      if (key != "due") fields.set(key, unflow(value));
    fields.set_plain("registered", e.at);
  } else if (a == "assign") {
    fields.set_text("assignee", d.get("assignee"));
    if (const Value* helpers = d.find("helpers"))
      fields.set("helpers", *helpers);
    else
      fields.erase("helpers");
  } else if (a == "respond") {
    done("respond");
  } else if (a == "arrive") {
    if (!fields.find("done") || !fields.find("done")->find("respond")) done("respond");
    if (!fields.find("done") || !fields.find("done")->find("arrive")) done("arrive");
  } else if (a == "part") {
    child_list(fields, "parts").push(d);
  } else if (a == "workshop_in") {
    // The trip number follows the last trip's; the summary keeps the current trip.
    std::string trip = fields.find("workshop") ? fields.find("workshop")->get("trip") : "";
    int n = fields.find("workshop") ? (trip.empty() ? 1 : std::atoi(trip.c_str())) + 1 : 1;
    Value& w = fields.set("workshop", Value::map());
    if (n > 1) w.set_plain("trip", std::to_string(n));
    if (const Value* receipt = d.find("receipt")) w.set("receipt", *receipt);
    w.set_plain("in", e.at);
  } else if (a == "workshop_out") {
    child_map(fields, "workshop").set_plain("out", e.at);
    child_map(fields, "done").set_plain(current_workshop_step(fields), e.at);
  } else if (a == "wait") {
    Value& w = fields.set("waiting", Value::map());
    w.set_plain("since", e.at);
    w.set_text("reason", d.get("reason"));
    w.set_plain("from", previous);
  } else if (a == "resolve") {
    done("resolve");
    fields.set_text("resolution", d.get("resolution"));
    if (d.find("labour_hours")) fields.set_plain("labour_hours", d.get("labour_hours"));
  } else if (a == "fee") {
    Value& f = fields.set("fee", Value::map());
    f.set_plain("amount", d.get("amount"));
    f.set_plain("settled", d.get("settled"));
  } else if (a == "sign") {
    Value& s = fields.set("sign_off", Value::map());
    s.set_text("by", d.get("signer"));
    s.set_plain("at", e.at);
  } else if (a == "close") {
    fields.set_plain("closed", e.at);
  } else if (a == "cancel") {
    Value& c = fields.set("cancelled", Value::map());
    c.set_plain("at", e.at);
    c.set_text("reason", d.get("reason"));
  } else if (a == "reopen") {
    for (const char* key : {"resolve", "follow_up"}) erase_path(fields, "done", key);
    erase_path(fields, "due", "follow_up");
    for (const char* key : {"resolution", "labour_hours", "sign_off", "closed", "follow_up"})
      fields.erase(key);
  } else if (a == "extend") {
    std::string step = d.get("deadline");
    Value& original = child_map(fields, "due_original");
    if (!original.find(step)) original.set_plain(step, d.get("from"));
    child_map(fields, "due").set_plain(step, d.get("to"));
    Value ext = d;
    ext.erase("reason");
    ext.set_plain("at", e.at);
    child_list(fields, "extensions").push(std::move(ext));
  } else if (a == "follow_up") {
    done("follow_up");
    Value& f = fields.set("follow_up", Value::map());
    f.set_plain("at", e.at);
    f.set_text("result", d.get("result"));
  } else if (a == "reclass") {
    fields.set_plain("service_class", d.get("service_class"));
  } else if (a == "edit") {
    if (const Value* changes = d.find("changes")) merge_into(fields, *changes);
  }

  const Transition* t = find_transition(a);
  if (a == "new") {
    fields.set_plain("status", "new");
  } else if (a == "resume") {
    const Value* w = fields.find("waiting");
    fields.set_plain("status", w && !w->get("from").empty() ? w->get("from") : "assigned");
  } else if (t && t->to) {
    fields.set_plain("status", t->to);
  }
  if (fields.get("status") != "waiting") fields.erase("waiting");
}

void commit_event(Record& r, Event e) {
  // History is oldest first: a backfilled action may not go before the last one recorded.
  if (!r.history.empty()) {
    auto last = parse_time(r.history.back().at, 0), now = parse_time(e.at, 0);
    if (last && now && *now < *last)
      throw refused(
          fmt::format("{} is earlier than the last event of {} ({}); history stays in time order",
                      e.at, r.id, r.history.back().at));
  }
  apply_event(r.fields, e);
  canonical_order(r.fields);
  r.history.push_back(std::move(e));
}

Value replay(const std::string& id, const std::vector<Event>& history) {
  Value fields = Value::map();
  fields.set_plain("id", id);
  for (const auto& e : history) apply_event(fields, e);
  canonical_order(fields);
  return fields;
}

const std::vector<std::string>& known_keys() {
  // Also the order keys are written in, at every depth.
  static const std::vector<std::string> keys = {"id",
                                                "status",
                                                "kind",
                                                "priority",
                                                "channel",
                                                "service_class",
                                                "caused_by_customer",
                                                "internal",
                                                "customer",
                                                "name",
                                                "contact",
                                                "phone",
                                                "address",
                                                "location",
                                                "zone",
                                                "distance_km",
                                                "product",
                                                "model",
                                                "serial",
                                                "purchased",
                                                "warranty_months",
                                                "warranty_until",
                                                "contract",
                                                "contract_until",
                                                "description",
                                                "registered",
                                                "assignee",
                                                "helpers",
                                                "due",
                                                "due_original",
                                                "done",
                                                "respond",
                                                "arrive",
                                                "resolve",
                                                "since",
                                                "reason",
                                                "waiting",
                                                "receipt",
                                                "trip",
                                                "in",
                                                "out",
                                                "workshop",
                                                "parts",
                                                "part",
                                                "qty",
                                                "price",
                                                "old_returned",
                                                "labour_hours",
                                                "resolution",
                                                "fee",
                                                "amount",
                                                "settled",
                                                "sign_off",
                                                "deadline",
                                                "from",
                                                "to",
                                                "at",
                                                "by",
                                                "result",
                                                "approved",
                                                "approved_by",
                                                "follow_up",
                                                "extensions",
                                                "closed",
                                                "cancelled",
                                                "history"};
  return keys;
}

void canonical_order(Value& fields) {
  static const std::map<std::string, size_t> rank = [] {
    std::map<std::string, size_t> m;
    for (size_t i = 0; i < known_keys().size(); ++i) m.emplace(known_keys()[i], i);
    return m;
  }();
  auto rank_of = [&](const std::string& k) {
    auto it = rank.find(k);
    return it == rank.end() ? rank.size() : it->second;
  };
  if (fields.is_map()) {
    std::stable_sort(
        fields.entries.begin(), fields.entries.end(),
        [&](const auto& a, const auto& b) { return rank_of(a.first) < rank_of(b.first); });
    for (auto& [key, value] : fields.entries) canonical_order(value);
  } else if (fields.is_list()) {
    for (auto& item : fields.items) canonical_order(item);
  }
}

}  // namespace svc::ticket

namespace svc::ticket {

namespace {

// An extension approved once the deadline had passed leaves the step late (SPEC §3).
bool extended_after_due(const Value& fields, const std::string& step) {
  if (const Value* exts = fields.find("extensions"))
    for (const auto& x : exts->items)
      if (x.get("deadline") == step && x.get("approved") == "after_due") return true;
  return false;
}

// Steps in display order: the fixed ones, each later workshop trip right after the first.
std::vector<std::string> steps_of(const Value& due) {
  std::vector<std::string> out;
  for (const char* step : kSteps) {
    if (due.find(step)) out.emplace_back(step);
    if (std::string(step) == "workshop")
      for (const auto& [name, value] : due.entries)
        if (name.starts_with("workshop_") && is_step(name)) out.push_back(name);
  }
  return out;
}

}  // namespace

std::vector<StepState> step_states(const Value& fields, Time now, int offset_s) {
  std::vector<StepState> out;
  const Value* due = fields.find("due");
  if (!due) return out;
  const Value* done = fields.find("done");
  const std::string status = fields.get("status");
  for (const std::string& step : steps_of(*due)) {
    auto when = parse_time(due->get(step), offset_s);
    if (!when) continue;
    StepState s{step, *when, std::nullopt, ""};
    if (done) s.done = parse_time(done->get(step), offset_s);
    bool applies = step == "follow_up" ? (status == "resolved" || status == "closed")
                   : step.starts_with("workshop")
                       ? in_workshop(fields) && step == current_workshop_step(fields)
                       : is_open(status);
    bool late_anyway = extended_after_due(fields, step);
    if (s.done)
      s.state = *s.done <= s.due && !late_anyway ? "met" : "late";
    else if (!applies)
      s.state = "n/a";
    else if (step == "resolve" && status == "waiting")
      s.state = "paused";
    else
      s.state = now > s.due ? "overdue" : late_anyway ? "late" : "pending";
    out.push_back(s);
  }
  return out;
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
    if ((s.state == "pending" || s.state == "overdue" || (s.state == "late" && !s.done)) &&
        (!next || s.due < next->due))
      next = &s;
  return next;
}

}  // namespace svc::ticket
