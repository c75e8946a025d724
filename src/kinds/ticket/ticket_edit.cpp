// A hand edit: what it may change, and how the deadlines and the service class follow it.
#include <fmt/format.h>

#include "svc/domain/error.hpp"
#include "svc/domain/ticket.hpp"
#include "svc/domain/voids.hpp"

namespace svc::ticket {

namespace {

// Only actions change these: the state machine, deadlines and what happened.
const char* const kOwnedByActions[] = {"id",           "status",    "history",    "due",
                                       "due_original", "done",      "registered", "extensions",
                                       "waiting",      "workshop",  "sign_off",   "closed",
                                       "cancelled",    "follow_up", "survey"};
// Keys whose values svc writes plain (enums, numbers, dates); everything else is free text.
const std::vector<std::string> kPlainKeys = {
    "kind",           "priority",           "channel",         "zone",
    "distance_km",    "purchased",          "warranty_months", "warranty_until",
    "contract_until", "caused_by_customer", "internal",        "qty",
    "price",          "old_returned",       "labour_hours",    "amount",
    "settled"};

Value merged_with(const Value& fields, const Value& changes) {
  return record::merged_with(rules(), fields, changes);
}

// What the service class is decided from (seed 004 Ⅷ (六)).
NewTicket class_inputs(const Value& f) {
  NewTicket t;
  t.internal = f.get("internal") == "true";
  t.caused_by_customer = f.get("caused_by_customer") == "true";
  if (const Value* p = f.find("product")) {
    t.purchased = p->get("purchased");
    t.warranty_until = p->get("warranty_until");
    t.contract = p->get("contract");
    t.contract_until = p->get("contract_until");
  }
  return t;
}

bool same_class_inputs(const NewTicket& a, const NewTicket& b) {
  return a.internal == b.internal && a.caused_by_customer == b.caused_by_customer &&
         a.purchased == b.purchased && a.warranty_until == b.warranty_until &&
         a.contract == b.contract && a.contract_until == b.contract_until;
}

// Every finished wait, as (since, until), replayed from the history.
std::vector<std::pair<Time, Time>> finished_waits(const Record& r, int offset) {
  std::vector<std::pair<Time, Time>> out;
  Value fields = Value::map();
  std::optional<Time> since;
  for (const auto& e : record::standing(r.history)) {
    bool was_waiting = fields.get("status") == "waiting";
    record::apply_event(rules(), fields, e);
    bool waiting = fields.get("status") == "waiting";
    auto at = parse_time(e.at, offset);
    if (!at) continue;
    if (!was_waiting && waiting) since = at;
    if (was_waiting && !waiting && since) out.emplace_back(*since, *at);
  }
  return out;
}

// Deadlines not yet met are counted again from their start with the edited facts; a deadline
// moved by an approved extension stands as approved.
void recompute_deadlines(const Record& r, const Facts& facts, Event& e, const Context& ctx) {
  const Value* due = r.fields.find("due");
  if (!due) return;
  const Value* done = r.fields.find("done");
  const Value* original = r.fields.find("due_original");
  const auto& cal = ctx.settings.calendar;
  int offset = cal.utc_offset_s;
  for (const auto& [step, when] : due->entries) {
    if ((done && done->find(step)) || (original && original->find(step))) continue;
    std::string rule_step = step.starts_with("workshop") ? "workshop" : step;
    auto start = step_start(r, step, offset);
    auto dl = start ? compute_deadline(cal, ctx.settings.sla_of("ticket"), rule_step, facts, *start)
                    : std::nullopt;
    if (!dl) continue;
    Time t = dl->due;
    if (step == "resolve")
      for (auto [since, until] : finished_waits(r, offset))
        t = pause_deadline(cal, *dl->rule, t, since, until).due;
    if (format_time(t, offset) != when.scalar) record::set_due(e, step, t, ctx);
  }
}

}  // namespace

std::optional<Time> step_start(const Record& r, const std::string& step, int offset) {
  if (step.starts_with("workshop")) {  // the trip whose `workshop in` set this deadline
    for (const auto& e : record::standing(r.history))
      if (const Value* due = e.data.find("due");
          e.action == "workshop_in" && due && due->find(step))
        return parse_time(e.at, offset);
    return std::nullopt;
  }
  if (step == "follow_up")
    return parse_time(r.fields.find("done") ? r.fields.find("done")->get("resolve") : "", offset);
  return parse_time(r.fields.get("registered"), offset);
}

Event decide_edit(const Record& r, const Value& asked, const Context& ctx) {
  for (const char* fixed : kOwnedByActions)
    if (asked.find(fixed))
      throw refused(fmt::format(
          "'{}' cannot be edited by hand; use the ticket's actions (svc ticket --help)", fixed));
  if (asked.find("service_class"))
    throw refused(
        "'service_class' cannot be edited by hand; use: svc ticket reclass ID --to X "
        "--reason TEXT");
  Value changes = asked;
  record::keep_text(changes, kPlainKeys);
  Value merged = merged_with(r.fields, changes);

  // The warranty's end follows its purchase date and months.
  if (const Value* p = merged.find("product"); p && !p->get("warranty_months").empty()) {
    NewTicket t;
    t.purchased = p->get("purchased");
    t.warranty_months = std::atoi(p->get("warranty_months").c_str());
    auto end = t.purchased.empty() ? std::nullopt : warranty_end(t);
    if (end && format_date(*end) != p->get("warranty_until")) {
      Value* product = changes.find("product");
      if (!product) product = &changes.set("product", Value::map(true));
      product->set_plain("warranty_until", format_date(*end));
      merged = merged_with(r.fields, changes);
    }
  }
  Record candidate{r.id, merged, {}};
  if (auto found = validate(candidate); !found.empty()) throw refused(found.front().message);

  // The service class follows what it is decided from, as on the day of registration.
  if (!same_class_inputs(class_inputs(r.fields), class_inputs(merged))) {
    auto registered = parse_time(r.fields.get("registered"), ctx.settings.calendar.utc_offset_s);
    Day day = registered ? local_day(*registered, ctx.settings.calendar.utc_offset_s) : 0;
    std::string cls = service_class(class_inputs(merged), day);
    if (cls != r.fields.get("service_class")) {
      changes.set_plain("service_class", cls);
      merged = merged_with(r.fields, changes);
    }
  }
  Event e = record::new_event("edit", ctx);
  Value c = changes;
  c.flow = true;
  e.data.set("changes", std::move(c));
  // And so do the deadlines, when a fact a rule matches on changed.
  if (facts_of(merged) != facts_of(r.fields)) recompute_deadlines(r, facts_of(merged), e, ctx);
  return e;
}

}  // namespace svc::ticket
