// svc ticket list|show|log|edit: reading and presenting tickets.
#include "svc/cli/ticket_view.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <functional>

#include "svc/cli/output.hpp"
#include "svc/cli/record_views.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"
#include "svc/domain/voids.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace {

// The ticket list's filters: the shared ones and a technician.
struct ListFilter {
  ListFilters common;
  std::string tech;
};

// The lead technician's or a helper's name contains `who`, as --customer matches a customer.
bool has_name(const Value& fields, const std::string& who) {
  if (fields.get("assignee").find(who) != std::string::npos) return true;
  if (const Value* helpers = fields.find("helpers"))
    for (const auto& h : helpers->items)
      if (h.scalar.find(who) != std::string::npos) return true;
  return false;
}

bool keep(const Record& r, const ListFilter& f, const Session& s) {
  return (f.tech.empty() || has_name(r.fields, f.tech)) && f.common.keep(ticket_kind(), r, s);
}

Value list_item(const Record& r, const std::vector<std::string>& overdue_steps) {
  Value item = Value::map();
  for (const char* key : {"id", "status", "kind", "priority", "service_class"})
    item.set_plain(key, r.fields.get(key));
  item.set_text("customer",
                r.fields.find("customer") ? r.fields.find("customer")->get("name") : "");
  item.set_text("assignee", r.fields.get("assignee"));
  item.set_plain("registered", r.fields.get("registered"));
  add_deadlines(item, r, overdue_steps);
  return item;
}

// The ticket's list: columns for people at a terminal, an item for scripts.
ListSpec ticket_list(const Session& s) {
  ListSpec spec;
  spec.heads = {"id", "status", "class", "customer", "assignee", "next", "overdue"};
  spec.free_text = {false, false, false, true, true, false, false};
  spec.drop = {"class", "assignee", "next", "status"};
  spec.alert_column = 6;
  spec.csv_leading = 8;
  spec.item = list_item;
  spec.row = [&s](const Record& r, const std::vector<StepState>& states) {
    const Settings& st = s.settings();
    const Value* customer = r.fields.find("customer");
    return std::vector<std::string>{r.id,
                                    label(st, "status", r.status()),
                                    label(st, "class", r.fields.get("service_class")),
                                    customer ? customer->get("name") : "",
                                    r.fields.get("assignee"),
                                    next_cell(states, s),
                                    overdue_cell(states, s)};
  };
  return spec;
}

void setup_list(CLI::App& ticket, Globals& g) {
  auto* cmd = ticket.add_subcommand("list", "list tickets, filtered");
  cmd->footer(
      "Examples:\n  svc ticket list --open --tech 李四\n  svc ticket list --overdue --format json\n"
      "  svc ticket list --month 2026-11 --format csv > 2026-11.csv\n"
      "JSON/YAML: a list of {id, status, kind, priority, service_class, customer, assignee,\n"
      "registered, due, done, overdue}; CSV: the same with due_*/done_* columns.");
  auto f = std::make_shared<ListFilter>();
  f->common.add_to(*cmd, ticket_kind(), {.since_until = true});
  cmd->add_option("--tech", f->tech, "lead technician or helper: name contains");
  accept_formats(*cmd, {"table", "json", "csv", "yaml", "md", "xlsx"});
  cmd->callback([f, cmd, &g] {
    f->common.check(*cmd, ticket_kind());
    require_format(g, *cmd);
    Session s(g);
    ListSpec spec = ticket_list(s);
    ListOutput list(ticket_kind(), spec, s);
    int bad = for_each_record(
        ticket_kind(), s.dir(),
        [&](const Record& r) {
          if (keep(r, *f, s)) list.add(r);
        },
        f->common.wanted(ticket_kind()));
    list.print();
    require_complete(bad);
  });
}

// "stepped over 2026-10-01..2026-10-07: holiday" - one line per run of alike days.
std::string stepped_over(const Settings& st, const Calendar& cal, Time from, Time to) {
  std::string text;
  auto notes = days_stepped_over(cal, from, to);
  for (size_t i = 0; i < notes.size();) {
    size_t j = i;
    while (j + 1 < notes.size() && notes[j + 1].day == notes[j].day + 1 &&
           notes[j + 1].what == notes[i].what)
      ++j;
    std::string span =
        i == j ? format_date(notes[i].day)
               : fmt::format("{}..{}", format_date(notes[i].day), format_date(notes[j].day));
    text += say(st, "stepped_over", span, label(st, "day", notes[i].what));
    i = j + 1;
  }
  return text;
}

std::string explain(const Record& r, const Session& s) {
  const Settings& st = s.settings();
  int off = s.offset();
  std::string text;
  Facts facts = ticket::facts_of(r.fields);
  for (const auto& state : record::step_states(ticket::rules(), r.fields, s.now(), off)) {
    text += fmt::format("  {}\n", label(st, "step", state.step));
    auto start = ticket::step_start(r, state.step, off);
    const std::string rule_step = record::base_step(ticket::rules(), state.step);
    auto dl = start ? compute_deadline(st.calendar, st.sla_of("ticket"), rule_step, facts, *start)
                    : std::nullopt;
    if (!dl) {
      text += say(st, "no_rule", label(st, "noun", "ticket"));
      continue;
    }
    text += rule_line(*dl, st, off);
    if (dl->rule->clock != Clock::wall) text += stepped_over(st, st.calendar, *start, dl->due);
    // The deadline as first computed: written by the event the step starts from (the latest
    // one, as a reopened ticket is resolved again); pauses and extensions come after it.
    const char* origin = rule_step == "workshop"     ? "workshop_in"
                         : state.step == "follow_up" ? "resolve"
                                                     : "new";
    std::string first;
    for (const auto& e : record::standing(r.history)) {
      if (const Value* due = e.data.find("due"); e.action == origin && due && due->find(state.step))
        first = due->get(state.step);
      // Any action that ended a wait says how long it paused the resolve clock.
      if (state.step == "resolve" && e.data.find("paused")) {
        std::string typed = e.data.get("paused");  // "20h 30m"
        typed.erase(std::remove(typed.begin(), typed.end(), ' '), typed.end());
        auto paused = parse_duration(typed);
        const Value* due = e.data.find("due");
        text += say(st, "paused", paused ? duration_text(st, *paused) : e.data.get("paused"),
                    time_text(e.at, off),
                    due ? time_text(due->get("resolve"), off) : label(st, "say", "unchanged"));
      }
      if (e.action == "extend" && e.data.get("deadline") == state.step)
        text += say(
            st, "extended", time_text(e.data.get("from"), off), time_text(e.data.get("to"), off),
            e.by, e.data.get("approved_by"),
            label(st, "say", e.data.get("approved") == "before_due" ? "before_due" : "after_due"),
            e.data.get("reason"));
    }
    if (!first.empty() && first != format_time(dl->due, off))
      text += say(st, "set_when_computed", time_text(first, off));
    if (state.planned != state.due)
      text += say(st, "judged_against", format_time_short(state.due, off));
    text += say(st, "due_verdict", format_time_short(state.due, off), verdict_label(st, state));
  }
  return text;
}

std::string show_text(const Record& r, const Session& s, bool with_explain) {
  const Settings& st = s.settings();
  int off = s.offset();
  // Stored text never reaches the terminal raw: control characters are shown escaped.
  const Value f = escaped(r.fields);
  // Labels line up in every language: as wide as the widest one, plus two spaces.
  static const char* heads[] = {"customer", "location", "product",   "description", "registered",
                                "assignee", "waiting",  "workshop",  "parts",       "resolution",
                                "fee",      "sign_off", "follow_up", "next_steps"};
  int width = 0;
  for (const char* key : heads) width = std::max(width, display_width(label(st, "head", key)));
  auto h = [&](const char* key) { return pad_right(label(st, "head", key), width + 2); };
  std::string t =
      fmt::format("{}  {}  {}  {} · {}\n", r.id, label(st, "status", r.status()),
                  label(st, "class", f.get("service_class")), label(st, "kind", f.get("kind")),
                  label(st, "priority", f.get("priority")));
  if (const Value* c = f.find("customer")) {
    std::string extra;
    for (const char* key : {"contact", "phone", "address"})
      if (!c->get(key).empty()) extra += "  " + c->get(key);
    t += fmt::format("{}{}{}\n", h("customer"), c->get("name"), extra);
  }
  if (const Value* l = f.find("location"))
    t += fmt::format(
        "{}{}{}\n", h("location"), label(st, "zone", l->get("zone")),
        l->get("distance_km").empty() ? "" : fmt::format(" {} km", l->get("distance_km")));
  if (const Value* p = f.find("product")) t += h("product") + fields_text(st, off, *p) + "\n";
  if (!f.get("description").empty()) t += h("description") + f.get("description") + "\n";
  // The complaints and returns that came from this call (links are stored on them).
  {
    auto complaints = linked_from(complaint_kind(), s.dir(), "ticket", r.id);
    auto rets = linked_from(return_kind(), s.dir(), "ticket", r.id);
    Value links = Value::map();
    if (!complaints.empty())
      links.set_plain("complaints", fmt::format("{}", fmt::join(complaints, " ")));
    if (!rets.empty()) links.set_plain("returns", fmt::format("{}", fmt::join(rets, " ")));
    if (!links.empty()) t += h("links") + fields_text(st, off, links) + "\n";
  }
  auto reg = parse_time(f.get("registered"), off);
  t += h("registered") + (reg ? format_time_short(*reg, off) : f.get("registered")) + "\n";
  if (!f.get("assignee").empty()) {
    std::string helpers;
    if (const Value* hs = f.find("helpers"))
      for (const auto& x : hs->items) helpers += " +" + x.scalar;
    t += h("assignee") + f.get("assignee") + helpers + "\n";
  }
  auto when = [&](const std::string& stored) { return time_text(stored, off); };
  if (const Value* w = f.find("waiting"))
    t += h("waiting") + w->get("reason") + say(st, "since", when(w->get("since"))) + "\n";
  if (const Value* w = f.find("workshop")) t += h("workshop") + fields_text(st, off, *w) + "\n";
  if (const Value* parts = f.find("parts"))
    for (const auto& p : parts->items)
      t += h("parts") +
           fmt::format("{} x{}{}{}{}", p.get("part"), p.get("qty"),
                       p.get("price").empty() ? "" : " @" + p.get("price"),
                       p.get("old_returned") == "true" ? label(st, "say", "old_returned") : "",
                       p.get("serial_out").empty() && p.get("serial_in").empty()
                           ? ""
                           : say(st, "serials", p.get("serial_out").empty() ? "-" : p.get("serial_out"),
                                 p.get("serial_in").empty() ? "-" : p.get("serial_in"))) +
           "\n";
  if (!f.get("resolution").empty())
    t += h("resolution") + f.get("resolution") +
         (f.get("labour_hours").empty() ? "" : fmt::format("  ({} h)", f.get("labour_hours"))) +
         "\n";
  if (const Value* fee = f.find("fee"))
    t += h("fee") + fee->get("amount") + " " + label(st, "settled", fee->get("settled")) + "\n";
  if (const Value* so = f.find("sign_off"))
    t += h("sign_off") + so->get("by") + "  " + when(so->get("at")) + "\n";
  if (const Value* fu = f.find("follow_up"))
    t += h("follow_up") + fu->get("result") + "  " + when(fu->get("at")) + "\n";
  t += deadlines_text(ticket_kind(), r, s, width + 2);
  if (with_explain) t += "\n" + explain(r, s);
  return t;
}

}  // namespace

void setup_ticket_views(CLI::App& ticket, Globals& g) {
  setup_list(ticket, g);
  auto why = std::make_shared<bool>(false);
  setup_show(ticket, g, ticket_kind(), "print one ticket",
             "  svc ticket show 2611-0001\n  svc ticket show 0001 --explain   (how every deadline "
             "was reached)",
             [why](const Record& r, const Session& s) { return show_text(r, s, *why); })
      ->add_flag("--explain", *why, "tell how every deadline was reached");
  setup_record_actions(ticket, g, ticket_kind());
}

}  // namespace svc::cli
