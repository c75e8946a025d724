// What each ticket action checks and which event it writes.
#include <fmt/format.h>

#include <algorithm>

#include "svc/domain/checks.hpp"
#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/ticket.hpp"
#include "svc/domain/voids.hpp"

namespace svc::ticket {

namespace {

Day parse_day_or_refuse(const char* what, const std::string& s) {
  auto d = parse_date(s);
  if (!d) throw usage_error(fmt::format("{} '{}' is not a date (YYYY-MM-DD)", what, s));
  return day_from_date(*d);
}

// A timestamp from a map of the fields (`due`, `done`), or 0 when absent.
Time stored_time(const Value& fields, const char* map, const std::string& key, const Context& ctx) {
  const Value* m = fields.find(map);
  auto t = m ? parse_time(m->get(key), ctx.settings.calendar.utc_offset_s) : std::nullopt;
  return t ? *t : 0;
}

// The deadline of `step` counted from now, when a rule in svc.yaml decides it; `stored_as`
// names it in the record when it differs (a second workshop trip is `workshop_2`).
void add_deadline(Event& e, const char* step, const Facts& facts, const Context& ctx,
                  const std::string& stored_as = "") {
  record::add_deadline(e, ctx.settings.sla_of("ticket"), step, stored_as.empty() ? step : stored_as,
                       facts, ctx.actor.now, ctx);
}
// While a ticket waits, its resolve deadline runs on by the time waited so far, on the rule's
// own clock (SPEC §6); the move is written when the wait ends. Nothing when it is not waiting,
// or the wait began once the deadline had passed. A new date approved during the wait already
// allows for the wait until then: only the time waited since the approval moves it.
std::optional<Pause> pause_so_far(const Record& r, const Context& ctx) {
  if (r.status() != "waiting") return std::nullopt;
  const Value* w = r.fields.find("waiting");
  const auto& cal = ctx.settings.calendar;
  auto since = w ? parse_time(w->get("since"), cal.utc_offset_s) : std::nullopt;
  Time due = stored_time(r.fields, "due", "resolve", ctx);
  const SlaRule* rule = find_rule(ctx.settings.sla_of("ticket"), "resolve", facts_of(r.fields));
  if (!since || !due || !rule) return std::nullopt;
  if (const Value* exts = r.fields.find("extensions"))
    for (const auto& x : exts->items)
      if (auto approved = parse_time(x.view("at"), cal.utc_offset_s);
          x.view("deadline") == "resolve" && approved && *approved > *since)
        since = approved;
  Pause p = pause_deadline(cal, *rule, due, *since, ctx.actor.now);
  return p.applies ? std::optional<Pause>(p) : std::nullopt;
}

// Leaving `waiting` writes the move of the resolve deadline into the event.
void add_pause(const Record& r, Event& e, const Context& ctx) {
  auto p = pause_so_far(r, ctx);
  if (!p) return;
  e.data.set_plain("paused", format_amount(p->clock, p->amount));
  if (p->due != stored_time(r.fields, "due", "resolve", ctx))
    record::set_due(e, "resolve", p->due, ctx);
}

}  // namespace

std::optional<Day> warranty_end(const NewTicket& t) {
  if (!t.warranty_until.empty()) return parse_day_or_refuse("--warranty-until", t.warranty_until);
  if (t.purchased.empty() || !t.warranty_months) return std::nullopt;
  // PRC Civil Code art. 201-202: the period ends on the same day number N months on, or on
  // the month's last day when it has none (2026-01-31 + 1 month -> 2026-02-28).
  Date bought = date_from_day(parse_day_or_refuse("--purchased", t.purchased));
  return day_from_date(add_months(bought, *t.warranty_months));
}

std::string service_class(const NewTicket& t, Day today) {
  if (t.internal) return "D";
  auto end = warranty_end(t);
  if (end && today <= *end && !t.caused_by_customer) return "C";
  if (!t.contract.empty() && !t.contract_until.empty() &&
      today <= parse_day_or_refuse("--contract-until", t.contract_until))
    return "B";
  return "A";
}

Facts facts_of(const Value& fields) {
  Facts f;
  for (const char* key : {"kind", "priority", "channel", "service_class"}) f[key] = fields.get(key);
  if (const Value* loc = fields.find("location")) {
    f["zone"] = loc->get("zone");
    f["distance_km"] = loc->get("distance_km");
  }
  return f;
}

Event decide_new(const NewTicket& t, const Context& ctx) {
  require_text("--customer", t.customer);
  require_member("--kind", t.kind, kKinds);
  require_member("--priority", t.priority, kPriorities);
  require_member("--channel", t.channel, kChannels);
  if (!t.zone.empty()) require_member("--zone", t.zone, kZones);
  if (!t.distance_km.empty() && !parse_hundredths(t.distance_km))
    throw usage_error(fmt::format("--distance '{}' is not a number of kilometres", t.distance_km));
  if (t.contract.empty() != t.contract_until.empty())
    throw usage_error("--contract and --contract-until go together");
  if (t.warranty_months && (*t.warranty_months < 0 || *t.warranty_months > 1200))
    throw usage_error("--warranty-months must be between 0 and 1200");
  if (t.warranty_months && !t.warranty_until.empty())
    throw usage_error("give --warranty-months or --warranty-until, not both");
  if (t.warranty_months && t.purchased.empty())
    throw usage_error("--warranty-months needs --purchased");
  const auto& cal = ctx.settings.calendar;
  Day today = local_day(ctx.actor.now, cal.utc_offset_s);
  if (!t.purchased.empty() && parse_day_or_refuse("--purchased", t.purchased) > today)
    throw usage_error(fmt::format("--purchased {} is in the future", t.purchased));

  Event e = record::new_event("new", ctx);
  Value& d = e.data;
  d.set_plain("kind", t.kind);
  d.set_plain("priority", t.priority);
  d.set_plain("channel", t.channel);
  d.set_plain("service_class", service_class(t, today));
  if (t.caused_by_customer) d.set_plain("caused_by_customer", "true");
  if (t.internal) d.set_plain("internal", "true");
  Value customer = Value::map(true);
  customer.set_text("name", t.customer);
  if (!t.contact.empty()) customer.set_text("contact", t.contact);
  if (!t.phone.empty()) customer.set_text("phone", t.phone);
  if (!t.address.empty()) customer.set_text("address", t.address);
  d.set("customer", std::move(customer));
  Value location = Value::map(true);
  if (!t.zone.empty()) location.set_plain("zone", t.zone);
  if (!t.distance_km.empty()) location.set_plain("distance_km", t.distance_km);
  if (!location.empty()) d.set("location", std::move(location));
  Value product = Value::map(true);
  if (!t.model.empty()) product.set_text("model", t.model);
  if (!t.serial.empty()) product.set_text("serial", t.serial);
  if (!t.purchased.empty()) product.set_plain("purchased", t.purchased);
  if (t.warranty_months) product.set_plain("warranty_months", std::to_string(*t.warranty_months));
  if (auto end = warranty_end(t)) product.set_plain("warranty_until", format_date(*end));
  if (!t.contract.empty()) product.set_text("contract", t.contract);
  if (!t.contract_until.empty()) product.set_plain("contract_until", t.contract_until);
  if (!product.empty()) d.set("product", std::move(product));
  if (!t.description.empty()) d.set_text("description", t.description);

  Facts facts = facts_of(d);
  for (const char* step : {"respond", "arrive", "resolve"}) add_deadline(e, step, facts, ctx);
  return e;
}

Event decide_assign(const Record& r, const std::string& to, const std::vector<std::string>& helpers,
                    const Context& ctx) {
  require_text("--to", to);
  record::require_allowed(rules(), r, "assign");
  Event e = record::new_event("assign", ctx);
  e.data.set_text("assignee", to);
  if (!helpers.empty()) {
    Value list = Value::list(true);
    for (const auto& h : helpers) {
      require_text("--helper", h);
      list.push(Value::text(h));
    }
    e.data.set("helpers", std::move(list));
  }
  add_pause(r, e, ctx);
  return e;
}

Event decide_respond(const Record& r, const Context& ctx) {
  record::require_allowed(rules(), r, "respond");
  if (const Value* done = r.fields.find("done"); done && done->find("respond"))
    throw refused(fmt::format("{} was already responded to at {}", r.id, done->get("respond")));
  return record::new_event("respond", ctx);
}

Event decide_arrive(const Record& r, const Context& ctx) {
  record::require_allowed(rules(), r, "arrive");
  Event e = record::new_event("arrive", ctx);
  add_pause(r, e, ctx);
  return e;
}

Event decide_note(const Record& r, const std::string& text, const Context& ctx) {
  return record::text_event(rules(), r, "note", "note", "text", text, ctx);
}

Event decide_part(const Record& r, const std::string& part, int qty, const std::string& price,
                  bool old_returned, const Context& ctx) {
  return decide_part(r, part, qty, price, old_returned, "", "", ctx);
}

Event decide_part(const Record& r, const std::string& part, int qty, const std::string& price,
                  bool old_returned, const std::string& serial_out, const std::string& serial_in,
                  const Context& ctx) {
  require_text("--part", part);
  if (qty <= 0) throw usage_error("--qty must be a positive whole number");
  auto cents = price.empty() ? std::nullopt : parse_hundredths(price);
  if (!price.empty() && !cents)
    throw usage_error(fmt::format("--price '{}' is not an amount like 12.50", price));
  if (cents && !times(*cents, qty))
    throw usage_error(
        fmt::format("--qty {} x --price {} is more than the largest amount svc "
                    "keeps ({})",
                    qty, price, format_money(kMaxCents)));
  record::require_allowed(rules(), r, "part");
  Event e = record::new_event("part", ctx);
  e.data.set_text("part", part);
  e.data.set_plain("qty", std::to_string(qty));
  if (cents) e.data.set_plain("price", format_money(*cents));
  e.data.set_plain("old_returned", old_returned ? "true" : "false");
  if (!serial_out.empty()) e.data.set_text("serial_out", serial_out);
  if (!serial_in.empty()) e.data.set_text("serial_in", serial_in);
  return e;
}

Event decide_workshop(const Record& r, const std::string& direction, const std::string& receipt,
                      const Context& ctx) {
  if (direction != "in" && direction != "out")
    throw usage_error(fmt::format("workshop takes 'in' or 'out', not '{}'", direction));
  std::string action = "workshop_" + direction;
  record::require_allowed(rules(), r, action);
  Event e = record::new_event(action.c_str(), ctx);
  add_pause(r, e, ctx);
  if (direction == "in") {
    if (!receipt.empty()) e.data.set_text("receipt", receipt);
    // Each trip to the workshop has its own deadline and its own met/late state.
    int trip = 1;
    for (const auto& past : record::standing(r.history)) trip += past.action == "workshop_in";
    add_deadline(e, "workshop", facts_of(r.fields), ctx, workshop_step(trip));
  }
  return e;
}

Event decide_wait(const Record& r, const std::string& reason, const Context& ctx) {
  return record::text_event(rules(), r, "wait", "--reason", "reason", reason, ctx);
}

Event decide_resume(const Record& r, const Context& ctx) {
  record::require_allowed(rules(), r, "resume");
  Event e = record::new_event("resume", ctx);
  add_pause(r, e, ctx);
  return e;
}

Event decide_resolve(const Record& r, const std::string& resolution, const std::string& hours,
                     const Context& ctx, bool remote) {
  require_text("--resolution", resolution);
  auto h = hours.empty() ? std::nullopt : parse_hundredths(hours);
  if (!hours.empty() && !h)
    throw usage_error(fmt::format("--hours '{}' is not a number of hours like 1.5", hours));
  record::require_allowed(rules(), r, "resolve");
  // A call is fixed on site (its arrival recorded) or without a visit (--remote); a resolution
  // that says neither would leave the arrival step neither met nor gone.
  const Value* done = r.fields.find("done");
  const bool arrived = done && done->find("arrive");
  const Value* due = r.fields.find("due");
  if (remote && arrived)
    throw refused(
        fmt::format("{} had a visit (arrived {}): --remote is for a call fixed without one", r.id,
                    done->get("arrive")));
  if (!remote && !arrived && due && due->find("arrive"))
    throw refused(
        fmt::format("{} has no arrival on site: record `svc ticket arrive` first, or "
                    "resolve with --remote for a call fixed by phone or remotely",
                    r.id));
  Event e = record::new_event("resolve", ctx);
  e.data.set_text("resolution", resolution);
  if (h) e.data.set_plain("labour_hours", format_hours(*h));
  if (remote) e.data.set_plain("remote", "true");
  add_pause(r, e, ctx);
  add_deadline(e, "follow_up", facts_of(r.fields), ctx);
  return e;
}

Event decide_fee(const Record& r, const std::string& amount, const std::string& settled,
                 const Context& ctx) {
  auto cents = parse_hundredths(amount);
  if (!cents) throw usage_error(fmt::format("--amount '{}' is not an amount like 120.00", amount));
  if (settled != "paid" && settled != "invoiced")
    throw usage_error(fmt::format("--settled '{}' is not one of: paid, invoiced", settled));
  record::require_allowed(rules(), r, "fee");
  Event e = record::new_event("fee", ctx);
  e.data.set_plain("amount", format_money(*cents));
  e.data.set_plain("settled", settled);
  return e;
}

Event decide_sign(const Record& r, const std::string& by, const Context& ctx) {
  require_text("--by", by);
  record::require_allowed(rules(), r, "sign");
  Event e = record::new_event("sign", ctx);
  e.data.set_text("signer", by);  // "by" is the actor of every event
  return e;
}

Event decide_close(const Record& r, const Context& ctx) {
  record::require_allowed(rules(), r, "close");
  if (!r.fields.find("sign_off"))
    throw refused(fmt::format(
        "cannot close {}: the customer has not signed off; run: svc ticket sign {} --by NAME", r.id,
        r.id));
  if (r.fields.get("service_class") == "A" && !r.fields.find("fee"))
    throw refused(
        fmt::format("cannot close {}: class A (paid) needs the fee settled; run: svc ticket fee {} "
                    "--amount X --settled paid|invoiced",
                    r.id, r.id));
  return record::new_event("close", ctx);
}

Event decide_cancel(const Record& r, const std::string& reason, const Context& ctx) {
  return record::text_event(rules(), r, "cancel", "--reason", "reason", reason, ctx);
}

Event decide_reopen(const Record& r, const std::string& reason, const Context& ctx) {
  return record::text_event(rules(), r, "reopen", "--reason", "reason", reason, ctx);
}

Event decide_extend(const Record& r, const std::string& asked, Time to, const std::string& reason,
                    const std::string& approved_by, const Context& ctx) {
  // "workshop" means the current trip's deadline.
  const std::string step = asked == "workshop" ? current_workshop_step(r.fields) : asked;
  if (asked != "respond" && asked != "arrive" && asked != "resolve" && asked != "workshop")
    throw usage_error(
        fmt::format("--deadline '{}' is not one of: respond, arrive, resolve, workshop", asked));
  require_text("--reason", reason);
  require_text("--approved-by", approved_by);
  record::require_allowed(rules(), r, "extend");
  const Value* due = r.fields.find("due");
  if (!due || !due->find(step))
    throw refused(fmt::format("{} has no {} deadline to extend", r.id, step));
  if (const Value* done = r.fields.find("done"); done && done->find(step))
    throw refused(fmt::format("{} of {} was already done at {}", step, r.id, done->get(step)));
  Time current = stored_time(r.fields, "due", step, ctx);
  if (to <= current)
    throw refused(fmt::format("the new {} deadline must be later than {}", step, due->get(step)));
  // A wait that stopped the resolve clock moves the deadline on: the approval is in time when
  // it comes before the deadline so moved.
  Time in_force = current;
  if (auto p = step == "resolve" ? pause_so_far(r, ctx) : std::nullopt) in_force = p->due;
  int offset = ctx.settings.calendar.utc_offset_s;
  Event e = record::new_event("extend", ctx);
  e.data.set_plain("deadline", step);
  e.data.set_plain("from", due->get(step));
  e.data.set_plain("to", format_time(to, offset));
  e.data.set_plain("approved", ctx.actor.now <= in_force ? "before_due" : "after_due");
  e.data.set_text("approved_by", approved_by);
  e.data.set_text("reason", reason);
  return e;
}

Event decide_follow_up(const Record& r, const std::string& result, const Context& ctx,
                       const std::string& survey) {
  require_text("--result", result);
  record::require_allowed(rules(), r, "follow_up");
  Event e = record::new_event("follow_up", ctx);
  e.data.set_text("result", result);
  if (!survey.empty()) e.data.set_plain("survey", survey);
  return e;
}

Event decide_reclass(const Record& r, const std::string& cls, const std::string& reason,
                     const Context& ctx) {
  if (cls != "A" && cls != "B" && cls != "C" && cls != "D")
    throw usage_error(fmt::format("service class '{}' is not one of: A, B, C, D", cls));
  require_text("--reason", reason);
  if (cls == r.fields.get("service_class"))
    throw refused(fmt::format("{} is already class {}", r.id, cls));
  record::require_allowed(rules(), r, "reclass");
  Event e = record::new_event("reclass", ctx);
  e.data.set_plain("service_class", cls);
  e.data.set_text("reason", reason);
  return e;
}

}  // namespace svc::ticket
