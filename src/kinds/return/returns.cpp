// Returns as a kind (SPEC §7): tables, hooks and every decision.
#include "svc/domain/returns.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "svc/domain/checks.hpp"
#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"

namespace svc::returns {

namespace {

using record::counter;

const char* const kOutcomes[] = {"refund", "exchange", "free_repair", "paid_repair", "refused"};

int whole(const char* option, const std::string& value) {
  auto n = parse_whole(value);
  if (!n || *n <= 0)
    throw usage_error(fmt::format("{} '{}' is not a positive whole number", option, value));
  return static_cast<int>(*n);
}

// The outcome in force: a manager's override, else the policy's decision.
std::string outcome(const Value& fields) {
  if (const Value* o = fields.find("override")) return o->get("outcome");
  const Value* d = fields.find("decision");
  return d ? d->get("outcome") : "";
}

bool is_repair(const Value& fields) { return outcome(fields).ends_with("repair"); }

void fold(Value& fields, const Event& e, const std::string&) {
  const Value& d = e.data;
  const std::string& a = e.action;
  auto done = [&](const std::string& step) { record::mark_done(fields, step, e); };
  if ((a == "approve" || a == "refuse") && d.find("override")) {
    Value o = *d.find("override");
    o.flow = false;
    fields.set("override", std::move(o));
  } else if (a == "receive") {
    Value& got = fields.set("received", Value::map());
    got.set_plain("qty", d.get("qty"));
    got.set_plain("at", e.at);
    if (d.find("held")) got.set_plain("held", "true");
  } else if (a == "inspect") {
    fields.set_plain("verdict", d.get("verdict"));
  } else if (a == "credit") {
    Value& c = fields.set("credit", Value::map());
    c.set_text("note_no", d.get("note_no"));
    c.set_plain("amount", d.get("amount"));
  } else if (a == "exchange") {
    fields.set_text("new_serial", d.get("serial"));
  } else if (a == "repaired") {
    done("repair");
  } else if (a == "unrepairable") {
    done("repair");
    fields.set_text("agreed", d.get("agreed"));
  } else if (a == "notify") {
    int n = counter(fields, "notices") + 1;
    done(record::repeat_step("notice", n));
    fields.set_plain("notices", std::to_string(n));
  } else if (a == "close") {
    fields.set_plain("closed", e.at);
    if (d.find("survey")) fields.set_plain("survey", d.get("survey"));
  }
  if (a == "approve" && fields.find("received")) fields.find("received")->erase("held");
}

Facts facts_of(const Value& fields);

KindRules make_rules() {
  KindRules k;
  k.noun = "return";
  k.prefix = 'R';
  k.width = 3;
  k.folder = "returns";
  k.first_status = "requested";
  k.statuses = {"requested", "approved",  "refused",  "held",         "received", "inspected",
                "credited",  "exchanged", "repaired", "unrepairable", "closed"};
  k.open = {"requested", "approved", "refused",   "held",     "received",
            "inspected", "credited", "exchanged", "repaired", "unrepairable"};
  k.steps = {"repair", "notice", "post"};
  k.repeatable = {"notice"};
  k.transitions = {
      {"approve", {"requested", "held"}, "approved"},
      {"refuse", {"requested"}, "refused"},
      {"receive", {"approved"}, "received"},
      {"inspect", {"received"}, "inspected"},
      {"credit", {"inspected"}, "credited"},
      {"exchange", {"inspected"}, "exchanged"},
      {"repaired", {"inspected"}, "repaired"},
      {"unrepairable", {"inspected"}, "unrepairable"},
      {"notify", {"repaired"}, ""},
      {"close", {"credited", "exchanged", "repaired", "unrepairable", "refused"}, "closed"},
      {"note", {}, ""},
      {"edit", {}, ""},
  };
  k.quiet = {"note", "edit"};
  k.key_order = {"id",         "status",    "customer",    "name",       "order",       "item",
                 "model",      "serial",    "qty",         "price",      "purchased",   "requested",
                 "want",       "reason",    "condition",   "photos",     "decision",    "outcome",
                 "rule",       "days",      "explanation", "override",   "approved_by", "policy",
                 "links",      "complaint", "ticket",      "registered", "received",    "at",
                 "held",       "tolerance", "verdict",     "credit",     "note_no",     "amount",
                 "new_serial", "agreed",    "notices",     "due",        "done",        "repair",
                 "notice",     "post",      "closed",      "survey",     "history"};
  const FieldType timestamp{Form::timestamp, {}}, outcomes = one_of(kOutcomes);
  k.typed = {{"item.qty", {Form::quantity, {}}},
             {"item.price", {Form::money, {}}},
             {"purchased", {Form::date, {}}},
             {"requested", {Form::date, {}}},
             {"want", one_of(kReturnWants)},
             {"reason", one_of(kReturnReasons)},
             {"condition", one_of(kReturnConditions)},
             {"decision.outcome", outcomes},
             {"decision.days", {Form::count, {}}},
             {"override.outcome", outcomes},
             {"override.policy", outcomes},
             {"received.qty", {Form::quantity, {}}},
             {"received.at", timestamp},
             {"received.held", {Form::one_of, {"true", "false"}}},
             {"received.tolerance", {Form::count, {}}},
             {"verdict", one_of(kVerdicts)},
             {"credit.amount", {Form::money, {}}},
             {"notices", {Form::quantity, {}}},
             {"closed", timestamp}};
  // What each action's event holds besides at, by and do.
  k.events = {
      {"new",
       {"customer", "order", "item", "purchased", "requested", "want", "reason", "condition",
        "photos", "decision", "links"},
       ""},
      {"approve", {"override"}, ""},
      {"refuse", {"override"}, ""},
      {"receive", {"qty", "tolerance", "held", "due"}, "received"},
      {"inspect", {"verdict"}, ""},
      {"credit", {"note_no", "amount"}, "credit"},
      {"exchange", {"serial"}, ""},
      {"repaired", {"due"}, ""},
      {"unrepairable", {"agreed"}, ""},
      {"notify", {"note", "due"}, ""},
      {"close", {"survey"}, ""},
      {"note", {"text"}, ""},
  };
  k.links = {{"links.complaint", "complaint", ""},
             {"links.ticket", "ticket", ""},
             {"survey", "survey", "links.return"}};
  // Credit, exchange and repair follow the outcome in force; a held return waits for approval.
  k.guard = [](const std::string& action, const Value& fields) {
    if (action == "credit") return outcome(fields) == "refund";
    if (action == "exchange") return outcome(fields) == "exchange";
    if (action == "repaired" || action == "unrepairable") return is_repair(fields);
    if (action == "notify") return counter(fields, "notices") < 3;
    if (action == "inspect")
      return !fields.find("received") || !fields.find("received")->find("held");
    return true;
  };
  k.fold = fold;
  k.status_after = [](const Value& fields, const Event& e) -> std::string {
    if (e.action == "receive" && e.data.find("held")) return "held";
    if (e.action == "approve" && fields.get("status") == "held") return "received";
    return "";
  };
  k.step_applies = [](const std::string& step, const Value& fields) {
    const std::string status = fields.get("status");
    if (step == "repair") return status == "received" || status == "inspected";
    if (step.starts_with("notice"))
      return status == "repaired" &&
             record::occurrence(step, "notice") == counter(fields, "notices") + 1;
    if (step == "post") return status == "repaired" && counter(fields, "notices") >= 3;
    return status != "closed";
  };
  k.sla_facts = {"want", "reason", "outcome"};
  k.sla_steps = {"repair", "notice", "renotice"};
  k.settings = {"returns",
                "returns.tolerance",
                "returns.policy",
                "returns.policy.no_reason_days",
                "returns.policy.refund_days",
                "returns.policy.exchange_days",
                "returns.policy.free_repair_months",
                "returns.policy.photos_per_spot",
                "returns.policy.exclusions"};
  k.free_maps = {"returns.tolerance"};
  k.read_settings = read_settings;
  k.facts = facts_of;
  k.validate = [](const Record& r, const Settings&) { return validate(r); };
  return k;
}

Facts facts_of(const Value& fields) {
  Facts f;
  f["want"] = fields.get("want");
  f["reason"] = fields.get("reason");
  f["outcome"] = outcome(fields);
  return f;
}

Event with_override(const char* action, const Record& r, bool override, const std::string& by,
                    const std::string& reason, const std::string& to, const Context& ctx) {
  Event e = record::new_event(action, ctx);
  if (override) {
    require_text("--approved-by", by);
    require_text("--reason", reason);
    Value o = Value::map(true);
    o.set_plain("outcome", to);
    o.set_text("approved_by", by);
    o.set_text("reason", reason);
    o.set_plain("policy",
                r.fields.find("decision") ? r.fields.find("decision")->get("outcome") : "");
    e.data.set("override", std::move(o));
  }
  return e;
}

}  // namespace

const KindRules& rules() {
  static const KindRules k = make_rules();
  return k;
}

Event decide_new(const NewReturn& n, const Context& ctx) {
  require_text("--customer", n.customer);
  require_text("--model", n.model);
  require_member("--want", n.want, kReturnWants);
  require_member("--reason", n.reason, kReturnReasons);
  for (const auto& c : n.condition) require_member("--condition", c, kReturnConditions);
  int qty = whole("--qty", n.qty);
  auto price = n.price.empty() ? std::nullopt : parse_hundredths(n.price);
  if (!n.price.empty() && !price)
    throw usage_error(fmt::format("--price '{}' is not an amount like 128.00", n.price));
  auto bought = parse_date(n.purchased);
  if (!bought)
    throw usage_error(fmt::format("--purchased '{}' is not a date (YYYY-MM-DD)", n.purchased));
  const ReturnPolicy& policy = ctx.settings.return_policy;
  // Transport damage is proven by photos, three or more per damaged spot (seed 001).
  if (n.reason == "transport" && static_cast<int>(n.photos.size()) < policy.photos_per_spot)
    throw refused(
        fmt::format("transport damage needs at least {} photos (--photo PATH, one per "
                    "photo); {} given",
                    policy.photos_per_spot, n.photos.size()));
  Day today = local_day(ctx.actor.now, ctx.settings.calendar.utc_offset_s);
  ReturnDecision d = decide_return_policy(
      {day_from_date(*bought), today, n.reason, n.want, n.condition}, policy, ctx.settings.locale);
  Event e = record::new_event("new", ctx);
  Value customer = Value::map(true);
  customer.set_text("name", n.customer);
  e.data.set("customer", std::move(customer));
  if (!n.order.empty()) e.data.set_text("order", n.order);
  Value item = Value::map(true);
  item.set_text("model", n.model);
  if (!n.serial.empty()) item.set_text("serial", n.serial);
  item.set_plain("qty", std::to_string(qty));
  if (price) item.set_plain("price", format_money(*price));
  e.data.set("item", std::move(item));
  e.data.set_plain("purchased", format_date(*bought));
  e.data.set_plain("requested", format_date(today));
  e.data.set_plain("want", n.want);
  e.data.set_plain("reason", n.reason);
  Value condition = Value::list(true);
  for (const auto& c : n.condition) condition.push(Value::plain(c));
  e.data.set("condition", std::move(condition));
  if (!n.photos.empty()) {
    Value photos = Value::list(true);
    for (const auto& p : n.photos) photos.push(Value::text(p));
    e.data.set("photos", std::move(photos));
  }
  Value decision = Value::map(true);
  decision.set_plain("outcome", d.outcome);
  decision.set_plain("rule", d.rule);
  decision.set_plain("days", std::to_string(d.days));
  decision.set_text("explanation", d.explanation);
  e.data.set("decision", std::move(decision));
  Value links = Value::map(true);
  if (!n.complaint.empty()) links.set_plain("complaint", n.complaint);
  if (!n.ticket.empty()) links.set_plain("ticket", n.ticket);
  if (!links.empty()) e.data.set("links", std::move(links));
  return e;
}

Event decide_approve(const Record& r, bool override, const std::string& approved_by,
                     const std::string& reason, const Context& ctx) {
  record::require_allowed(rules(), r, "approve");
  const std::string policy = outcome(r.fields);
  if (r.status() == "held" && !override)
    throw refused(
        fmt::format("{} was received beyond the quantity tolerance; releasing it needs "
                    "--override --approved-by NAME --reason TEXT",
                    r.id));
  if (r.status() == "requested" && policy == "refused" && !override)
    throw refused(
        fmt::format("the policy refused {} ({}); approving it needs --override "
                    "--approved-by NAME --reason TEXT",
                    r.id, r.fields.find("decision")->get("rule")));
  std::string to = r.status() == "held" ? policy
                   : policy == "refused"
                       ? r.fields.get("want") == "repair" ? "paid_repair" : r.fields.get("want")
                       : policy;
  return with_override("approve", r, override, approved_by, reason, to, ctx);
}

Event decide_refuse(const Record& r, bool override, const std::string& approved_by,
                    const std::string& reason, const Context& ctx) {
  record::require_allowed(rules(), r, "refuse");
  if (outcome(r.fields) != "refused" && !override)
    throw refused(
        fmt::format("the policy allows {} ({}); refusing it needs --override "
                    "--approved-by NAME --reason TEXT",
                    r.id, outcome(r.fields)));
  return with_override("refuse", r, override, approved_by, reason, "refused", ctx);
}

Event decide_receive(const Record& r, const std::string& qty_typed, const Context& ctx) {
  int qty = whole("--qty", qty_typed);
  record::require_allowed(rules(), r, "receive");
  const Value* item = r.fields.find("item");
  int approved = item ? std::max(1, std::atoi(item->get("qty").c_str())) : 1;
  const ReturnPolicy& p = ctx.settings.return_policy;
  std::string customer = r.fields.find("customer") ? r.fields.find("customer")->get("name") : "";
  auto it = p.tolerance_of.find(customer);
  int tolerance = it == p.tolerance_of.end() ? p.tolerance : it->second;
  Event e = record::new_event("receive", ctx);
  e.data.set_plain("qty", std::to_string(qty));
  e.data.set_plain("tolerance", std::to_string(tolerance));
  // Seed 004 Ⅷ (十三)2: fewer than approved is booked and credited as received, no approval
  // needed; more is accepted up to the tolerance, and beyond it the return stops for a manager.
  if (qty > approved && static_cast<std::int64_t>(qty - approved) * 100 >
                            static_cast<std::int64_t>(tolerance) * approved)
    e.data.set_plain("held", "true");
  if (is_repair(r.fields))
    record::add_deadline(e, ctx.settings.sla_of("return"), "repair", "repair", facts_of(r.fields),
                         ctx.actor.now, ctx);
  return e;
}

Event decide_inspect(const Record& r, const std::string& verdict, const Context& ctx) {
  require_member("--verdict", verdict, kVerdicts);
  record::require_allowed(rules(), r, "inspect");
  Event e = record::new_event("inspect", ctx);
  e.data.set_plain("verdict", verdict);
  return e;
}

Event decide_credit(const Record& r, const std::string& note_no, const std::string& amount,
                    const Context& ctx) {
  require_text("--note-no", note_no);
  auto given = amount.empty() ? std::nullopt : parse_hundredths(amount);
  if (!amount.empty() && !given)
    throw usage_error(fmt::format("--amount '{}' is not an amount like 1280.00", amount));
  record::require_allowed(rules(), r, "credit");
  const Value* item = r.fields.find("item");
  const Value* got = r.fields.find("received");
  auto price = item ? parse_hundredths(item->get("price")) : std::nullopt;
  if (!given && !price)
    throw refused(fmt::format("{} has no unit price; give the credit: --amount X", r.id));
  const std::string qty = got ? got->get("qty") : "0";
  auto computed = given ? given : times(*price, parse_whole(qty).value_or(0));
  if (!computed)
    throw refused(
        fmt::format("{}: {} x {} is more than the largest amount svc keeps ({}); give the "
                    "credit: --amount X",
                    r.id, qty, item->get("price"), format_money(kMaxCents)));
  std::int64_t cents = *computed;
  Event e = record::new_event("credit", ctx);
  e.data.set_text("note_no", note_no);
  e.data.set_plain("amount", format_money(cents));
  return e;
}

Event decide_exchange(const Record& r, const std::string& serial, const Context& ctx) {
  return record::text_event(rules(), r, "exchange", "--serial", "serial", serial, ctx);
}

Event decide_repaired(const Record& r, const Context& ctx) {
  record::require_allowed(rules(), r, "repaired");
  Event e = record::new_event("repaired", ctx);
  // The customer is told the item is ready (seed 004 Ⅸ 第二十六條).
  record::add_deadline(e, ctx.settings.sla_of("return"), "notice", "notice", facts_of(r.fields),
                       ctx.actor.now, ctx);
  return e;
}

Event decide_unrepairable(const Record& r, const std::string& agreed, const Context& ctx) {
  return record::text_event(rules(), r, "unrepairable", "--agreed", "agreed", agreed, ctx);
}

Event decide_notify(const Record& r, const std::string& note, const Context& ctx) {
  record::require_allowed(rules(), r, "notify");
  int n = counter(r.fields, "notices") + 1;
  Event e = record::new_event("notify", ctx);
  if (!note.empty()) e.data.set_text("note", note);
  // Told again after 3 days uncollected; after the third notice it goes back by post.
  std::string next = n < 3 ? record::repeat_step("notice", n + 1) : "post";
  record::add_deadline(e, ctx.settings.sla_of("return"), "renotice", next, facts_of(r.fields),
                       ctx.actor.now, ctx);
  return e;
}

Event decide_close(const Record& r, const Context& ctx) {
  return record::plain_event(rules(), r, "close", ctx);
}

Event decide_note(const Record& r, const std::string& text, const Context& ctx) {
  return record::text_event(rules(), r, "note", "note", "text", text, ctx);
}

Event decide_edit(const Record& r, const Value& asked, const Context& ctx) {
  static const char* const owned[] = {
      "id",       "status",    "history",   "due",    "done",       "registered", "decision",
      "override", "received",  "verdict",   "credit", "new_serial", "agreed",     "notices",
      "closed",   "purchased", "requested", "want",   "reason",     "condition",  "survey"};
  record::refuse_owned(rules(), asked, {std::begin(owned), std::end(owned)});
  Value changes = asked;
  record::keep_text(changes, {"qty", "price"});
  if (auto found = validate(Record{r.id, record::merged_with(rules(), r.fields, changes), {}});
      !found.empty())
    throw refused(found.front().message);
  return record::edit_event(std::move(changes), ctx);
}

std::vector<Finding> validate(const Record& r) {
  std::vector<Finding> found = record::validate_common(rules(), r);
  const Value& f = r.fields;
  auto add = [&](const Value* at, std::string message) {
    found.push_back({at ? at->line : 0, at ? at->column : 0, std::move(message)});
  };
  if (!f.find("customer") || f.find("customer")->get("name").empty())
    add(f.find("customer"), "missing customer name");
  for (const char* key : {"want", "reason", "purchased"})
    if (!f.find(key)) add(nullptr, fmt::format("missing '{}'", key));
  const Value* d = f.find("decision");
  if (!d || !d->find("outcome")) add(d, "missing decision.outcome");
  return found;
}

}  // namespace svc::returns
