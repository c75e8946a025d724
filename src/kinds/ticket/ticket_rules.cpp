// Tickets as a kind: their tables, and the hooks the shared record machinery calls.
#include <fmt/format.h>

#include <algorithm>

#include "svc/domain/record_rules.hpp"
#include "svc/domain/ticket.hpp"

namespace svc::ticket {

namespace {

using record::child_list;
using record::child_map;
using record::erase_path;

// Before the call is resolved: the statuses work on it can still happen in.
const std::vector<std::string> kActive = {"new", "assigned", "on_site", "waiting", "workshop"};
// Open means not closed and not cancelled (SPEC §3): a resolved call waiting for its sign-off
// is open, in `list --open` and in every report's backlog.
const std::vector<std::string> kOpen = {"new",     "assigned", "on_site",
                                        "waiting", "workshop", "resolved"};

bool active(const std::string& status) {
  return std::find(kActive.begin(), kActive.end(), status) != kActive.end();
}

bool in_workshop(const Value& fields) {
  const Value* w = fields.find("workshop");
  return w && w->find("in") && !w->find("out");
}

// What each event means for a ticket beyond the status and the deadlines it set.
void fold(Value& fields, const Event& e, const std::string& previous) {
  const Value& d = e.data;
  const std::string& a = e.action;
  auto done = [&](const std::string& step) { record::mark_done(fields, step, e); };
  auto undone = [&](const char* step) {
    return !fields.find("done") || !fields.find("done")->find(step);
  };
  if (a == "assign") {
    fields.set_text("assignee", d.get("assignee"));
    if (const Value* helpers = d.find("helpers"))
      fields.set("helpers", *helpers);
    else
      fields.erase("helpers");
  } else if (a == "respond") {
    done("respond");
  } else if (a == "arrive") {
    if (undone("respond")) done("respond");  // arriving is the first contact, too
    if (undone("arrive")) done("arrive");
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
    done(current_workshop_step(fields));
  } else if (a == "wait") {
    Value& w = fields.set("waiting", Value::map());
    w.set_plain("since", e.at);
    w.set_text("reason", d.get("reason"));
    w.set_plain("from", previous);
  } else if (a == "resolve") {
    done("resolve");
    // Fixed by phone or remotely: the call has no arrival step (SPEC §3), and the fix was a
    // contact with the customer, so it is the response when none came before.
    if (d.get("remote") == "true") {
      if (undone("respond")) done("respond");
      fields.set_plain("remote", "true");
    }
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
    // The survey the close created; the ticket keeps it through a reopen, so it gets one only.
    if (d.find("survey")) fields.set_plain("survey", d.get("survey"));
  } else if (a == "cancel") {
    Value& c = fields.set("cancelled", Value::map());
    c.set_plain("at", e.at);
    c.set_text("reason", d.get("reason"));
  } else if (a == "reopen") {
    for (const char* key : {"resolve", "follow_up"}) erase_path(fields, "done", key);
    erase_path(fields, "due", "follow_up");
    for (const char* key :
         {"resolution", "labour_hours", "remote", "sign_off", "closed", "follow_up"})
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
    if (d.find("survey")) f.set_plain("survey", d.get("survey"));
  } else if (a == "reclass") {
    fields.set_plain("service_class", d.get("service_class"));
  }
  if (fields.get("status") != "waiting") fields.erase("waiting");
}

KindRules make_rules() {
  KindRules k;
  k.noun = "ticket";
  k.prefix = 'T';
  k.width = 4;
  k.folder = "tickets";
  k.first_status = "new";
  k.statuses = {std::begin(kStatuses), std::end(kStatuses)};
  k.open = kOpen;
  k.steps = {std::begin(kSteps), std::end(kSteps)};
  k.repeatable = {"workshop"};
  // The lifecycle of SPEC §3; "resume" returns to the status the ticket was waiting in.
  k.transitions = {
      {"assign", {"new", "assigned", "on_site", "waiting"}, "assigned"},
      {"respond", {"new", "assigned"}, ""},
      {"arrive", {"assigned", "waiting"}, "on_site"},
      {"note", {}, ""},
      {"part", {"assigned", "on_site", "waiting", "workshop", "resolved"}, ""},
      {"workshop_in", {"on_site", "waiting"}, "workshop"},
      {"workshop_out", {"workshop", "waiting"}, "on_site"},
      {"wait", {"assigned", "on_site", "workshop"}, "waiting"},
      {"resume", {"waiting"}, ""},
      {"resolve", {"assigned", "on_site", "waiting"}, "resolved"},
      {"sign", {"on_site", "resolved"}, ""},
      {"fee", {"assigned", "on_site", "waiting", "workshop", "resolved"}, ""},
      {"close", {"resolved"}, "closed"},
      {"cancel", kActive, "cancelled"},
      {"reopen", {"resolved", "closed"}, "assigned"},
      {"extend", kActive, ""},
      {"follow_up", {"resolved", "closed"}, ""},
      {"reclass", {"new", "assigned", "on_site", "waiting", "workshop", "resolved"}, ""},
      {"edit", {}, ""},
  };
  k.quiet = {"note", "edit"};
  k.withdraw = "cancel";
  // Also the order keys are written in, at every depth.
  k.key_order = {"id",
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
                 "serial_out",
                 "serial_in",
                 "labour_hours",
                 "resolution",
                 "remote",
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
                 "survey",
                 "cancelled",
                 "history"};
  const FieldType timestamp{Form::timestamp, {}}, yes_no{Form::one_of, {"true", "false"}};
  k.typed = {{"kind", one_of(kKinds)},
             {"priority", one_of(kPriorities)},
             {"channel", one_of(kChannels)},
             {"service_class", {Form::one_of, {"A", "B", "C", "D"}}},
             {"caused_by_customer", yes_no},
             {"internal", yes_no},
             {"location.zone", one_of(kZones)},
             {"location.distance_km", {Form::number, {}}},
             {"product.purchased", {Form::date, {}}},
             {"product.warranty_months", {Form::count, {}}},
             {"product.warranty_until", {Form::date, {}}},
             {"product.contract_until", {Form::date, {}}},
             {"waiting.since", timestamp},
             {"waiting.from", one_of(kStatuses)},
             {"workshop.trip", {Form::quantity, {}}},
             {"workshop.in", timestamp},
             {"workshop.out", timestamp},
             {"parts.qty", {Form::quantity, {}}},
             {"parts.price", {Form::money, {}}},
             {"parts.old_returned", yes_no},
             {"labour_hours", {Form::hours, {}}},
             {"remote", yes_no},
             {"fee.amount", {Form::money, {}}},
             {"fee.settled", {Form::one_of, {"paid", "invoiced"}}},
             {"sign_off.at", timestamp},
             {"extensions.from", timestamp},
             {"extensions.to", timestamp},
             {"extensions.at", timestamp},
             {"extensions.approved", {Form::one_of, {"before_due", "after_due"}}},
             {"follow_up.at", timestamp},
             {"closed", timestamp},
             {"cancelled.at", timestamp}};
  // What each action's event holds besides at, by and do (decide_* in ticket_actions.cpp).
  k.events = {
      {"new",
       {"kind", "priority", "channel", "service_class", "caused_by_customer", "internal",
        "customer", "location", "product", "description", "due"},
       ""},
      {"assign", {"assignee", "helpers", "paused", "due"}, ""},
      {"respond", {}, ""},
      {"arrive", {"paused", "due"}, ""},
      {"note", {"text"}, ""},
      {"part", {"part", "qty", "price", "old_returned", "serial_out", "serial_in"}, "parts"},
      {"workshop_in", {"paused", "due", "receipt"}, "workshop"},
      {"workshop_out", {"paused", "due"}, "workshop"},
      {"wait", {"reason"}, "waiting"},
      {"resume", {"paused", "due"}, ""},
      {"resolve", {"resolution", "labour_hours", "remote", "paused", "due"}, ""},
      {"sign", {"signer"}, ""},
      {"fee", {"amount", "settled"}, "fee"},
      {"close", {"survey"}, ""},
      {"cancel", {"reason"}, "cancelled"},
      {"reopen", {"reason"}, ""},
      {"extend", {"deadline", "from", "to", "approved", "approved_by", "reason"}, "extensions"},
      {"follow_up", {"result", "survey"}, "follow_up"},
      {"reclass", {"service_class", "reason"}, ""},
  };
  // The survey its close created and the one its follow-up recorded each link back to the call.
  k.links = {{"survey", "survey", "links.ticket"}, {"follow_up.survey", "survey", "links.ticket"}};
  // The workshop moves are guarded by where the product is, too.
  k.guard = [](const std::string& action, const Value& fields) {
    if (action == "workshop_in") return !in_workshop(fields);
    if (action == "workshop_out") return in_workshop(fields);
    return true;
  };
  k.fold = fold;
  // Its part events are the parts ledger's consumption postings.
  k.posts = [](const Record& r) {
    return std::any_of(r.history.begin(), r.history.end(),
                       [](const Event& e) { return e.action == "part"; });
  };
  // What the ledger reads of a call: who holds the parts (assign), the parts, and its class.
  k.ledger_view = {{"service_class"}, {"assign", "part"}};
  k.status_after = [](const Value& fields, const Event& e) -> std::string {
    if (e.action != "resume") return "";
    const Value* w = fields.find("waiting");
    return w && !w->get("from").empty() ? w->get("from") : "assigned";
  };
  k.step_applies = [](const std::string& step, const Value& fields) {
    const std::string status = fields.get("status");
    if (step == "follow_up") return status == "resolved" || status == "closed";
    if (step.starts_with("workshop"))
      return in_workshop(fields) && step == current_workshop_step(fields);
    // Resolved without a visit: no arrival step until a reopen takes the resolution back.
    if (step == "arrive" && fields.get("remote") == "true") return false;
    return active(status);
  };
  // Respond, arrive and resolve end with the resolution or the cancellation; a workshop trip or
  // a follow-up call ends with a cancellation only (it can still be made after the close).
  k.step_ended = [](const std::string& step, const Value& fields) -> std::optional<Time> {
    if (step == "arrive" && fields.get("remote") == "true") return std::nullopt;  // never had one
    if (const Value* c = fields.find("cancelled")) return parse_time(c->view("at"), 0);
    if (step == "respond" || step == "arrive") {
      const Value* done = fields.find("done");
      if (done && done->find("resolve")) return parse_time(done->view("resolve"), 0);
    }
    return std::nullopt;
  };
  // A wait that began after the resolve deadline had passed does not stop its clock (SPEC §6).
  k.step_paused = [](const std::string& step, const Value& fields) {
    if (step != "resolve" || fields.get("status") != "waiting") return false;
    const Value* w = fields.find("waiting");
    auto since = w ? parse_time(w->view("since"), 0) : std::nullopt;
    auto by = record::due_in_force(fields, "resolve", 0);  // not a late extension's new date
    return !since || !by || *since < *by;
  };
  k.sla_facts = {"priority", "kind", "zone", "distance_km", "channel", "service_class"};
  k.facts = facts_of;
  k.spoken = [](const std::string& action) -> std::string {
    if (action == "workshop_in") return "workshop in";
    if (action == "workshop_out") return "workshop out";
    if (action == "follow_up") return "follow-up";
    return action;
  };
  k.validate = [](const Record& r, const Settings&) { return validate(r); };
  return k;
}

}  // namespace

const KindRules& rules() {
  static const KindRules k = make_rules();
  return k;
}

std::string workshop_step(int trip) { return record::repeat_step("workshop", trip); }

std::string current_workshop_step(const Value& fields) {
  const Value* w = fields.find("workshop");
  std::string trip = w ? w->get("trip") : "";
  return workshop_step(trip.empty() ? 1 : std::atoi(trip.c_str()));
}

}  // namespace svc::ticket
