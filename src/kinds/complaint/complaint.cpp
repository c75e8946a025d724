// Complaints as a kind (SPEC §4, seed 004 Ⅲ and Ⅷ): tables, hooks and every decision.
#include "svc/domain/complaint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "svc/domain/checks.hpp"
#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/ticket.hpp"

namespace svc::complaint {

namespace {

using record::counter;

using record::child_map;

// A quantity of the order, or "pending" while the customer still processes it.
const FieldType kOrderQty{Form::count, {"pending"}};

bool positive(const std::string& satisfaction) {
  return satisfaction == "very_satisfied" || satisfaction == "satisfied";
}

void set_counter(Value& fields, const char* key, int n) {
  if (n > 1)
    fields.set_plain(key, std::to_string(n));
  else
    fields.erase(key);
}

// How many routings and implementation rounds the case has had. Each routing (route, a declined
// plan, an unsatisfied follow-up) has its own answer deadline, 3 working days after it (seed 004
// Ⅷ (十)), and each implementation its own follow-up visit; the event that starts one carries
// its number from the second on.
int routings(const Value& fields) {
  return fields.find("dept") ? std::max(1, counter(fields, "routing")) : 0;
}

int rounds(const Value& fields) {
  return fields.find("round")                                          ? counter(fields, "round")
         : fields.find("due") && fields.find("due")->find("follow_up") ? 1
                                                                       : 0;
}

void fold(Value& fields, const Event& e, const std::string& /*previous*/) {
  const Value& d = e.data;
  const std::string& a = e.action;
  auto done = [&](const std::string& step) { record::mark_done(fields, step, e); };
  auto undone = [&](const std::string& step) {
    return !fields.find("done") || !fields.find("done")->find(step);
  };
  if ((a == "ack" || a == "investigate" || a == "reject" || a == "route") && undone("acknowledge"))
    done("acknowledge");  // any answer to the customer acknowledges the complaint
  if (d.find("routing")) set_counter(fields, "routing", std::atoi(d.get("routing").c_str()));
  // A new routing (route, a declined plan, an unsatisfied follow-up) is answered afresh.
  if (fields.get("status") == "routed" && (a == "route" || a == "decline" || a == "follow_up"))
    fields.erase("plan");
  if (a == "reject") {
    fields.set_text("finding", d.get("finding"));
    fields.set_text("reply", d.get("reply"));
  } else if (a == "route") {
    fields.set_text("dept", d.get("dept"));
    if (d.find("finding")) fields.set_text("finding", d.get("finding"));
  } else if (a == "plan") {
    fields.set_text("plan", d.get("text"));
    done(current_routing_step(fields));
  } else if (a == "implemented") {
    if (d.find("round")) set_counter(fields, "round", std::atoi(d.get("round").c_str()));
    fields.erase("follow_up");
  } else if (a == "follow_up") {
    done(current_follow_up_step(fields));
    Value& f = fields.set("follow_up", Value::map());
    f.set_plain("at", e.at);
    f.set_plain("satisfaction", d.get("satisfaction"));
    if (d.find("note")) f.set_text("note", d.get("note"));
    if (d.find("survey")) f.set_plain("survey", d.get("survey"));
  } else if (a == "blame") {
    Value resp = d;
    resp.flow = false;
    fields.set("responsibility", std::move(resp));
  } else if (a == "penalty") {
    record::child_list(fields, "penalties").push(d);
  } else if (a == "close") {
    done("close");
    fields.set_plain("closed", e.at);
  }
}

// Once the case is routed it is substantiated: responsibility and penalties may be decided.
const std::vector<std::string> kDecided = {"routed",       "proposed",    "accepted",
                                           "implementing", "implemented", "closed"};

KindRules make_rules() {
  KindRules k;
  k.noun = "complaint";
  k.prefix = 'C';
  k.width = 3;
  k.folder = "complaints";
  k.first_status = "received";
  k.statuses = {"received", "investigating", "rejected",    "routed", "proposed",
                "accepted", "implementing",  "implemented", "closed"};
  k.open = {"received", "investigating", "rejected",     "routed",
            "proposed", "accepted",      "implementing", "implemented"};
  k.steps = {"acknowledge", "dept_response", "follow_up", "close"};
  k.repeatable = {"dept_response", "follow_up"};
  // The lifecycle of SPEC §4 (seed 004 Ⅲ): every refusal names what is allowed instead.
  k.transitions = {
      {"ack", {"received"}, ""},
      {"investigate", {"received"}, "investigating"},
      {"reject", {"investigating"}, "rejected"},
      {"route", {"investigating", "routed"}, "routed"},
      {"plan", {"routed"}, ""},
      {"propose", {"routed"}, "proposed"},
      {"decline", {"proposed"}, "routed"},
      {"accept", {"proposed"}, "accepted"},
      {"implement", {"accepted"}, "implementing"},
      {"implemented", {"implementing"}, "implemented"},
      {"follow_up", {"implemented"}, ""},
      {"close", {"rejected", "implemented"}, "closed"},
      {"blame", kDecided, ""},
      {"penalty", kDecided, ""},
      {"note", {}, ""},
      {"edit", {}, ""},
  };
  // Side decisions, not steps of the lifecycle: never listed as "allowed now".
  k.quiet = {"note", "edit", "blame", "penalty"};
  k.key_order = {"id",          "status",        "type",      "severity",     "channel",
                 "region",      "category",      "anonymous", "customer",     "name",
                 "phone",       "address",       "order",     "no",           "part_no",
                 "qty",         "defect_qty",    "delivered", "amount",       "request",
                 "links",       "ticket",        "return",    "parent",       "description",
                 "registered",  "dept",          "routing",   "finding",      "reply",
                 "plan",        "round",         "follow_up", "at",           "satisfaction",
                 "note",        "survey",        "due",       "due_original", "done",
                 "acknowledge", "dept_response", "close",     "closed",       "history"};
  const FieldType timestamp{Form::timestamp, {}}, money{Form::money, {}};
  k.typed = {{"type", one_of(kTypes)},
             {"severity", one_of(kSeverities)},
             {"channel", one_of(ticket::kChannels)},
             {"region", one_of(kRegions)},
             {"anonymous", {Form::one_of, {"true", "false"}}},
             {"order.qty", kOrderQty},
             {"order.defect_qty", kOrderQty},
             {"order.delivered", {Form::date, {}}},
             {"order.amount", money},
             {"request", one_of(kRequests)},
             {"routing", {Form::quantity, {}}},
             {"round", {Form::quantity, {}}},
             {"follow_up.at", timestamp},
             {"follow_up.satisfaction", one_of(kSatisfaction)},
             {"responsibility.loss", money},
             {"responsibility.parties.share", {Form::number, {}}},
             {"responsibility.parties.loss", money},
             {"penalties.level", one_of(kPenaltyLevels)},
             {"penalties.amount", money},
             {"penalties.month", {Form::month, {}}},
             {"closed", timestamp}};
  // What each action's event holds besides at, by and do.
  k.events = {
      {"new",
       {"type", "severity", "channel", "region", "category", "anonymous", "customer", "order",
        "request", "links", "description", "due"},
       ""},
      {"ack", {}, ""},
      {"investigate", {}, ""},
      {"reject", {"finding", "reply"}, ""},
      {"route", {"routing", "due", "dept", "finding"}, ""},
      {"plan", {"text"}, ""},
      {"propose", {}, ""},
      {"decline", {"routing", "due", "reason"}, ""},
      {"accept", {}, ""},
      {"implement", {}, ""},
      {"implemented", {"round", "due"}, ""},
      {"follow_up", {"routing", "due", "satisfaction", "note", "survey"}, "follow_up"},
      {"close", {}, ""},
      {"blame", {"loss", "parties"}, "responsibility"},
      {"penalty", {"person", "level", "amount", "month"}, "penalties"},
      {"note", {"text"}, ""},
  };
  // A case may have several returns and follow-up rounds: only its follow-up's survey names it
  // back for sure.
  k.links = {{"links.ticket", "ticket", ""},
             {"links.return", "return", ""},
             {"links.parent", "complaint", ""},
             {"follow_up.survey", "survey", "links.complaint"}};
  k.guard = [](const std::string& action, const Value& fields) {
    if (action == "plan") return fields.find("plan") == nullptr;  // one answer per routing
    if (action == "propose") return fields.find("plan") != nullptr;
    if (action == "close" && fields.get("status") == "implemented") {
      const Value* f = fields.find("follow_up");
      return f && positive(f->get("satisfaction"));
    }
    if (action == "follow_up") {
      const Value* f = fields.find("follow_up");
      return !f || !positive(f->get("satisfaction"));
    }
    return true;
  };
  k.fold = fold;
  // An unsatisfied customer sends the case back to the department (SPEC §4).
  k.status_after = [](const Value&, const Event& e) -> std::string {
    if (e.action == "follow_up" && !positive(e.data.get("satisfaction"))) return "routed";
    return "";
  };
  k.step_applies = [](const std::string& step, const Value& fields) {
    const std::string status = fields.get("status");
    if (step.starts_with("dept_response"))
      return status == "routed" && step == current_routing_step(fields);
    if (step.starts_with("follow_up"))
      return status == "implemented" && step == current_follow_up_step(fields);
    return status != "closed";
  };
  k.sla_facts = {"type", "region", "severity", "category", "channel"};
  k.settings = {"complaints",
                "complaints.categories",
                "complaints.penalties",
                "complaints.penalties.warning",
                "complaints.penalties.minor",
                "complaints.penalties.cap",
                "complaints.penalties.bonus",
                "complaints.base_points"};
  k.free_maps = {"complaints.categories", "complaints.penalties.bonus", "complaints.base_points"};
  k.read_settings = read_settings;
  k.facts = facts_of;
  k.spoken = [](const std::string& action) -> std::string {
    return action == "follow_up" ? "follow-up" : action;
  };
  k.validate = [](const Record& r, const Settings&) { return validate(r); };
  return k;
}

// An event that sends the case to a department: a routing of its own, with its deadline.
Event routed_event(const char* action, const Record& r, const Context& ctx) {
  Event e = record::new_event(action, ctx);
  int n = routings(r.fields) + 1;
  if (n > 1) e.data.set_plain("routing", std::to_string(n));
  record::add_deadline(e, ctx.settings.sla_of("complaint"), "dept_response",
                       record::repeat_step("dept_response", n), facts_of(r.fields), ctx.actor.now,
                       ctx);
  return e;
}

}  // namespace

const KindRules& rules() {
  static const KindRules k = make_rules();
  return k;
}

std::string category_label(const Settings& s, const std::string& path) {
  for (const auto& [p, name] : s.complaint_categories)
    if (p == path) return name;
  return path;
}

Facts facts_of(const Value& fields) {
  Facts f;
  for (const char* key : {"type", "region", "severity", "category", "channel"})
    f[key] = fields.get(key);
  return f;
}

std::string current_routing_step(const Value& fields) {
  return record::repeat_step("dept_response", std::max(1, counter(fields, "routing")));
}

std::string current_follow_up_step(const Value& fields) {
  return record::repeat_step("follow_up", std::max(1, counter(fields, "round")));
}

std::optional<CaseDeadline> case_deadline(const Settings& settings, const Facts& facts,
                                          Time registered) {
  auto close =
      compute_deadline(settings.calendar, settings.sla_of("complaint"), "close", facts, registered);
  if (!close) return std::nullopt;
  CaseDeadline c{*close,
                 compute_deadline(settings.calendar, settings.sla_of("complaint"), "acknowledge",
                                  facts, registered),
                 close->due};
  // A report's 10 working days, or 5 over Spring Festival, can outrun the 13 calendar days.
  if (c.acknowledge && c.acknowledge->due > c.due) c.due = c.acknowledge->due;
  return c;
}

Event decide_new(const NewComplaint& c, const Context& ctx) {
  // Anonymous means no identity anywhere on disk (seed 003 十一(十)).
  if (c.anonymous && (!c.customer.empty() || !c.phone.empty()))
    throw usage_error(
        "an anonymous complaint keeps no name, phone or address: drop --customer and --phone, "
        "or drop --anonymous");
  if (!c.anonymous) require_text("--customer", c.customer);
  require_member("--type", c.type, kTypes);
  require_member("--region", c.region, kRegions);
  require_member("--severity", c.severity, kSeverities);
  if (!c.request.empty()) require_member("--request", c.request, kRequests);
  require_text("--description", c.description);
  const auto& categories = ctx.settings.complaint_categories;
  if (std::none_of(categories.begin(), categories.end(),
                   [&](const auto& entry) { return entry.first == c.category; })) {
    std::vector<std::string> paths;
    for (const auto& [path, label] : categories) paths.push_back(path);
    throw usage_error(
        fmt::format("--category '{}' is not one of: {}", c.category, fmt::join(paths, ", ")));
  }
  for (auto [option, value] : {std::pair{"--qty", c.qty}, std::pair{"--defect-qty", c.defect_qty}})
    if (!value.empty() && !holds(kOrderQty, value))
      throw usage_error(fmt::format(
          "{} '{}' is not a whole number (or 'pending' while the customer still processes)", option,
          value));
  if (!c.delivered.empty() && !parse_date(c.delivered))
    throw usage_error(fmt::format("--delivered '{}' is not a date (YYYY-MM-DD)", c.delivered));
  auto cents = c.amount.empty() ? std::nullopt : parse_hundredths(c.amount);
  if (!c.amount.empty() && !cents)
    throw usage_error(fmt::format("--amount '{}' is not an amount like 1200.00", c.amount));

  Event e = record::new_event("new", ctx);
  Value& d = e.data;
  d.set_plain("type", c.type);
  d.set_plain("severity", c.severity);
  d.set_plain("channel", c.channel);
  d.set_plain("region", c.region);
  d.set_text("category", c.category);
  if (c.anonymous) {
    d.set_plain("anonymous", "true");
  } else {
    Value customer = Value::map(true);
    customer.set_text("name", c.customer);
    if (!c.phone.empty()) customer.set_text("phone", c.phone);
    d.set("customer", std::move(customer));
  }
  Value order = Value::map(true);
  if (!c.order.empty()) order.set_text("no", c.order);
  if (!c.part_no.empty()) order.set_text("part_no", c.part_no);
  if (!c.qty.empty()) order.set_plain("qty", c.qty);
  if (!c.defect_qty.empty()) order.set_plain("defect_qty", c.defect_qty);
  if (!c.delivered.empty()) order.set_plain("delivered", c.delivered);
  if (cents) order.set_plain("amount", format_money(*cents));
  if (!order.empty()) d.set("order", std::move(order));
  if (!c.request.empty()) d.set_plain("request", c.request);
  Value links = Value::map(true);
  if (!c.ticket.empty()) links.set_plain("ticket", c.ticket);
  if (!c.return_id.empty()) links.set_plain("return", c.return_id);
  if (!c.parent.empty()) links.set_plain("parent", c.parent);
  if (!links.empty()) d.set("links", std::move(links));
  d.set_text("description", c.description);
  Facts facts = facts_of(d);
  record::add_deadline(e, ctx.settings.sla_of("complaint"), "acknowledge", "acknowledge", facts,
                       ctx.actor.now, ctx);
  if (auto whole = case_deadline(ctx.settings, facts, ctx.actor.now))
    record::set_due(e, "close", whole->due, ctx);
  return e;
}

Event decide_ack(const Record& r, const Context& ctx) {
  record::require_allowed(rules(), r, "ack");
  if (const Value* done = r.fields.find("done"); done && done->find("acknowledge"))
    throw refused(fmt::format("{} was already acknowledged at {}", r.id, done->get("acknowledge")));
  return record::new_event("ack", ctx);
}

Event decide_investigate(const Record& r, const Context& ctx) {
  return record::plain_event(rules(), r, "investigate", ctx);
}

Event decide_reject(const Record& r, const std::string& finding, const std::string& reply,
                    const Context& ctx) {
  require_text("--finding", finding);
  require_text("--reply", reply);
  record::require_allowed(rules(), r, "reject");
  Event e = record::new_event("reject", ctx);
  e.data.set_text("finding", finding);
  e.data.set_text("reply", reply);
  return e;
}

Event decide_route(const Record& r, const std::string& dept, const std::string& finding,
                   const Context& ctx) {
  require_text("--dept", dept);
  record::require_allowed(rules(), r, "route");
  Event e = routed_event("route", r, ctx);
  e.data.set_text("dept", dept);
  if (!finding.empty()) e.data.set_text("finding", finding);
  return e;
}

Event decide_plan(const Record& r, const std::string& text, const Context& ctx) {
  return record::text_event(rules(), r, "plan", "--text", "text", text, ctx);
}

Event decide_propose(const Record& r, const Context& ctx) {
  return record::plain_event(rules(), r, "propose", ctx);
}

Event decide_decline(const Record& r, const std::string& reason, const Context& ctx) {
  require_text("--reason", reason);
  record::require_allowed(rules(), r, "decline");
  Event e = routed_event("decline", r, ctx);
  e.data.set_text("reason", reason);
  return e;
}

Event decide_accept(const Record& r, const Context& ctx) {
  return record::plain_event(rules(), r, "accept", ctx);
}

Event decide_implement(const Record& r, const Context& ctx) {
  return record::plain_event(rules(), r, "implement", ctx);
}

Event decide_implemented(const Record& r, const Context& ctx) {
  record::require_allowed(rules(), r, "implemented");
  Event e = record::new_event("implemented", ctx);
  // The follow-up visit is due 5 working days after each implementation.
  int n = rounds(r.fields) + 1;
  if (n > 1) e.data.set_plain("round", std::to_string(n));
  record::add_deadline(e, ctx.settings.sla_of("complaint"), "follow_up",
                       record::repeat_step("follow_up", n), facts_of(r.fields), ctx.actor.now, ctx);
  return e;
}

Event decide_follow_up(const Record& r, const std::string& satisfaction, const std::string& note,
                       const Context& ctx) {
  require_member("--satisfaction", satisfaction, kSatisfaction);
  record::require_allowed(rules(), r, "follow_up");
  // Unsatisfied: back to the department, which answers again within its deadline.
  Event e = positive(satisfaction) ? record::new_event("follow_up", ctx)
                                   : routed_event("follow_up", r, ctx);
  e.data.set_plain("satisfaction", satisfaction);
  if (!note.empty()) e.data.set_text("note", note);
  return e;
}

Event decide_close(const Record& r, const Context& ctx) {
  if (r.status() == "implemented" && record::action_allowed(rules(), r.fields, "follow_up"))
    throw refused(fmt::format(
        "cannot close {}: the customer is not yet satisfied; record the follow-up visit: svc "
        "complaint follow-up {} --satisfaction LEVEL",
        r.id, r.id));
  record::require_allowed(rules(), r, "close");
  return record::new_event("close", ctx);
}

Event decide_note(const Record& r, const std::string& text, const Context& ctx) {
  return record::text_event(rules(), r, "note", "note", "text", text, ctx);
}

Event decide_edit(const Record& r, const Value& asked, const Context& ctx) {
  static const char* const owned[] = {"id",           "status",    "history",        "due",
                                      "due_original", "done",      "registered",     "dept",
                                      "routing",      "round",     "plan",           "finding",
                                      "reply",        "follow_up", "responsibility", "penalties",
                                      "closed",       "anonymous", "type",           "region"};
  record::refuse_owned(rules(), asked, {std::begin(owned), std::end(owned)});
  if (r.fields.get("anonymous") == "true" && asked.find("customer"))
    throw refused("an anonymous complaint keeps no name, phone or address");
  Value changes = asked;
  record::keep_text(changes,
                    {"qty", "defect_qty", "delivered", "amount", "request", "severity", "channel"});
  Value merged = record::merged_with(rules(), r.fields, changes);
  if (auto found = validate(Record{r.id, merged, {}}); !found.empty())
    throw refused(found.front().message);
  const auto& categories = ctx.settings.complaint_categories;
  if (std::none_of(categories.begin(), categories.end(),
                   [&](const auto& c) { return c.first == merged.get("category"); }))
    throw refused(fmt::format("category '{}' is not in svc.yaml", merged.get("category")));
  return record::edit_event(std::move(changes), ctx);
}

std::vector<Finding> validate(const Record& r) {
  std::vector<Finding> found = record::validate_common(rules(), r);
  const Value& f = r.fields;
  auto add = [&](const Value* at, std::string message) {
    found.push_back({at ? at->line : 0, at ? at->column : 0, std::move(message)});
  };
  for (const char* key : {"type", "region", "severity"})
    if (!f.find(key)) add(nullptr, fmt::format("missing '{}'", key));
  if (f.get("category").empty()) add(f.find("category"), "missing 'category'");
  bool anonymous = f.get("anonymous") == "true";
  const Value* customer = f.find("customer");
  if (anonymous && customer) add(customer, "an anonymous complaint must keep no customer identity");
  if (!anonymous && (!customer || customer->get("name").empty()))
    add(customer, "missing customer name (or anonymous: true)");
  // Each party once (SPEC §4), also in a file edited by hand.
  if (const Value* resp = f.find("responsibility"); resp && resp->find("parties")) {
    const auto& items = resp->find("parties")->items;
    for (size_t i = 0; i < items.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (items[i].get("dept") == items[j].get("dept") &&
            items[i].get("person") == items[j].get("person")) {
          std::string who = items[i].get("dept") +
                            (items[i].get("person").empty() ? "" : "/" + items[i].get("person"));
          add(&items[i], fmt::format("responsibility names {} twice; name each party once", who));
          break;
        }
  }
  return found;
}

std::vector<std::int64_t> split_exact(std::int64_t total, const std::vector<Portion>& portions) {
  // Each part is total x weight / (per x sum of weight / per), kept as a fraction over a common
  // denominator in 128 bits (a loss of 12 digits times a share times base points overflows 64).
  __extension__ using Wide = __int128;
  auto gcd = [](Wide a, Wide b) {
    while (b != 0) a = std::exchange(b, a % b);
    return a;
  };
  Wide common = 1;
  for (const auto& p : portions)
    if (p.per > 0) common = common / gcd(common, p.per) * p.per;
  Wide sum = 0;
  std::vector<Wide> weights;
  for (const auto& p : portions) {
    weights.push_back(p.per > 0 ? Wide(p.weight) * (common / p.per) : 0);
    sum += weights.back();
  }
  std::vector<std::int64_t> parts(portions.size());
  std::vector<std::pair<Wide, size_t>> remainders;
  std::int64_t given = 0;
  for (size_t i = 0; i < portions.size(); ++i) {
    parts[i] = sum ? static_cast<std::int64_t>(Wide(total) * weights[i] / sum) : 0;
    given += parts[i];
    remainders.emplace_back(sum ? Wide(total) * weights[i] % sum : 0, i);
  }
  // Largest remainders first; equal remainders in the order the parts are listed.
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = 0; given < total && i < remainders.size(); ++i, ++given)
    ++parts[remainders[i].second];
  return parts;
}

namespace {

// Share in hundredths of a percent: "60" -> 6000, "33.33" -> 3333.
std::string format_share(std::int64_t hundredths) { return format_hours(hundredths); }

int base_points_of(const PenaltyScale& scale, const std::string& person) {
  for (const auto& [dept, members] : scale.base_points)
    for (const auto& [who, points] : members)
      if (who == person) return points;
  return 1;
}

std::int64_t bonus_of(const PenaltyScale& scale, const std::string& person) {
  auto it = scale.bonus_of.find(person);
  return it == scale.bonus_of.end() ? scale.bonus : it->second;
}

}  // namespace

Event decide_blame(const Record& r, const std::vector<std::string>& typed, const std::string& loss,
                   const Context& ctx) {
  if (typed.empty()) throw usage_error("--party needs at least one DEPT[/PERSON]=SHARE");
  struct Party {
    std::string dept, person;
    std::int64_t share = 0;  // hundredths of a percent, as typed
  };
  std::vector<Party> parties;
  for (const auto& p : typed) {
    size_t eq = p.rfind('=');
    std::optional<std::int64_t> share;
    if (eq != std::string::npos) share = parse_hundredths(p.substr(eq + 1));
    std::string who = eq == std::string::npos ? "" : p.substr(0, eq);
    size_t slash = who.find('/');
    std::string dept = who.substr(0, slash);
    std::string person = slash == std::string::npos ? "" : who.substr(slash + 1);
    if (!share || dept.empty() || (slash != std::string::npos && person.empty()) || *share == 0)
      throw usage_error(
          fmt::format("--party '{}' is not DEPT=SHARE or DEPT/PERSON=SHARE (a "
                      "percentage such as 60)",
                      p));
    // Each party once (SPEC §4): two shares for one party are a typing mistake, not a sum.
    for (const auto& q : parties)
      if (q.dept == dept && q.person == person)
        throw usage_error(fmt::format("--party {} is named twice; name each party once", who));
    parties.push_back({dept, person, share.value_or(0)});
  }
  const auto& base_points = ctx.settings.penalties.base_points;
  // A person named on their own whose department is also named whole, with base points that
  // give them part of its share, would be named twice.
  for (const auto& p : parties) {
    auto members = base_points.find(p.dept);
    if (p.person.empty() || members == base_points.end()) continue;
    bool whole_dept = std::any_of(parties.begin(), parties.end(), [&](const Party& q) {
      return q.dept == p.dept && q.person.empty();
    });
    bool member = std::any_of(members->second.begin(), members->second.end(),
                              [&](const auto& m) { return m.first == p.person; });
    if (whole_dept && member)
      throw usage_error(fmt::format(
          "--party {}/{} is named twice: {}'s share already goes to {} by base points; name "
          "each party once",
          p.dept, p.person, p.dept, p.person));
  }
  std::int64_t total = 0;
  for (const auto& p : parties) total += p.share;
  auto cents = loss.empty() ? std::optional<std::int64_t>(0) : parse_hundredths(loss);
  if (!cents) throw usage_error(fmt::format("--loss '{}' is not an amount like 1200.00", loss));
  record::require_allowed(rules(), r, "blame");
  if (total != 10000)
    throw refused(fmt::format("the shares add up to {} %, not 100 %", format_share(total)));
  // A share given to a whole department goes to its members by base points, where listed:
  // each member's part of the loss is loss x share x points / the department's points, exact.
  std::vector<Party> split_parties;
  std::vector<Portion> portions;
  for (const auto& p : parties) {
    auto members = base_points.find(p.dept);
    if (!p.person.empty() || members == base_points.end() || members->second.empty()) {
      split_parties.push_back(p);
      portions.push_back({p.share, 1});
      continue;
    }
    std::int64_t points_total = 0;
    std::vector<Portion> points;
    for (const auto& [who, n] : members->second) {
      points_total += n;
      points.push_back({n, 1});
    }
    // The share shown for each member (to a hundredth of a percent) adds up to the
    // department's; the loss below is split from the exact share, not from this one.
    auto shares = split_exact(p.share, points);
    for (size_t i = 0; i < shares.size(); ++i) {
      split_parties.push_back({p.dept, members->second[i].first, shares[i]});
      portions.push_back({p.share * members->second[i].second, points_total});
    }
  }
  auto losses = split_exact(*cents, portions);
  Event e = record::new_event("blame", ctx);
  e.data.set_plain("loss", format_money(*cents));
  Value list = Value::list(false);
  for (size_t i = 0; i < split_parties.size(); ++i) {
    Value party = Value::map(true);
    party.set_text("dept", split_parties[i].dept);
    if (!split_parties[i].person.empty()) party.set_text("person", split_parties[i].person);
    party.set_plain("share", format_share(split_parties[i].share));
    party.set_plain("loss", format_money(losses[i]));
    list.push(std::move(party));
  }
  e.data.set("parties", std::move(list));
  return e;
}

Event decide_penalty(const Record& r, const std::string& person, const std::string& level,
                     const std::string& amount, const Context& ctx) {
  require_text("--person", person);
  require_member("--level", level, kPenaltyLevels);
  auto given = amount.empty() ? std::nullopt : parse_hundredths(amount);
  if (!amount.empty() && !given)
    throw usage_error(fmt::format("--amount '{}' is not an amount like 800.00", amount));
  record::require_allowed(rules(), r, "penalty");
  const Value* resp = r.fields.find("responsibility");
  if (!resp)
    throw refused(
        fmt::format("{} has no responsibility yet; first: svc complaint blame {} "
                    "--party DEPT/PERSON=SHARE",
                    r.id, r.id));
  bool named = false;
  if (const Value* parties = resp->find("parties"))
    for (const auto& p : parties->items) named = named || p.get("person") == person;
  if (!named)
    throw refused(fmt::format("{} is not among the persons responsible for {}", person, r.id));
  const PenaltyScale& scale = ctx.settings.penalties;
  // The scale (seed 004 處罰准則): the least each level costs.
  std::int64_t least = level == "warning" ? scale.warning
                       : level == "minor" ? scale.minor * base_points_of(scale, person)
                                          : bonus_of(scale, person);
  std::int64_t cents = given ? *given : least;
  if (cents < least)
    throw refused(fmt::format("a {} penalty for {} is at least {} (svc.yaml complaints.penalties)",
                              level, person, format_money(least)));
  Event e = record::new_event("penalty", ctx);
  e.data.set_text("person", person);
  e.data.set_plain("level", level);
  e.data.set_plain("amount", format_money(cents));
  e.data.set_plain("month", e.at.substr(0, 7));
  return e;
}

std::vector<MonthlyDeduction> deductions(const std::vector<Penalty>& penalties,
                                         const PenaltyScale& scale, const std::string& month) {
  std::map<std::string, std::map<std::string, std::int64_t>> by_person;  // person -> month -> cents
  for (const auto& p : penalties)
    if (p.month <= month) by_person[p.person][p.month] += p.cents;
  std::vector<MonthlyDeduction> out;
  for (const auto& [person, months] : by_person) {
    std::int64_t bonus = bonus_of(scale, person), cap = bonus * scale.cap_percent / 100;
    // Walk every month from the first penalty to `month`, carrying what the cap left over.
    Date d{std::atoi(months.begin()->first.substr(0, 4).c_str()),
           std::atoi(months.begin()->first.substr(5, 2).c_str()), 1};
    MonthlyDeduction m{person, bonus, 0, 0, 0, 0};
    for (std::int64_t carried = 0;; d = add_months(d, 1)) {
      std::string key = format_date(d).substr(0, 7);
      auto it = months.find(key);
      m.fresh = it == months.end() ? 0 : it->second;
      m.carried_in = carried;
      m.deducted = std::min(cap, m.fresh + carried);
      m.carried_out = m.fresh + carried - m.deducted;
      carried = m.carried_out;
      if (key >= month) break;
    }
    if (m.fresh || m.carried_in) out.push_back(m);
  }
  return out;
}

}  // namespace svc::complaint
