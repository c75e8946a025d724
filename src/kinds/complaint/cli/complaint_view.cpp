// svc complaint list|show|log: complaints presented, major cases first.
#include <fmt/format.h>

#include <algorithm>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/cli/record_views.hpp"
#include "svc/cli/xlsx.hpp"
#include "svc/domain/complaint.hpp"
#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"
#include "svc/domain/voids.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace {

// The complaint list's filters: the shared ones and where a case stands.
struct Filter {
  ListFilters common;
  std::string dept, category, region;
  bool major = false;
};

bool keep(const Record& r, const Filter& f, const Session& s) {
  const Value& x = r.fields;
  if (!f.dept.empty() && x.get("dept") != f.dept) return false;
  // A category selects its whole subtree: quality takes quality/production too.
  const std::string cat = x.get("category");
  if (!f.category.empty() && cat != f.category && !cat.starts_with(f.category + "/")) return false;
  if (!f.region.empty() && x.get("region") != f.region) return false;
  if (f.major && x.get("severity") != "major") return false;
  return f.common.keep(complaint_kind(), r, s);
}

Value list_item(const Record& r, const std::vector<std::string>& overdue) {
  Value item = Value::map();
  for (const char* key : {"id", "status", "type", "severity", "category", "region"})
    item.set_plain(key, r.fields.get(key));
  item.set_text("customer", customer_name(r));
  item.set_text("dept", r.fields.get("dept"));
  item.set_plain("registered", r.fields.get("registered"));
  add_deadlines(item, r, overdue);
  return item;
}

void setup_list(CLI::App& parent, Globals& g) {
  auto* cmd = parent.add_subcommand("list", "list complaints, major cases first");
  cmd->footer(
      "Examples:\n  svc complaint list --open --dept 质量部\n  svc complaint list --overdue "
      "--format json\n"
      "JSON/YAML: a list of {id, status, type, severity, category, region, customer, dept,\n"
      "registered, due, done, overdue}; CSV: the same, due and done as one column per step.");
  auto f = std::make_shared<Filter>();
  f->common.add_to(*cmd, complaint_kind(), {});
  cmd->add_option("--dept", f->dept, "the department it was routed to");
  cmd->add_option("--category", f->category, "a category path, with everything below it");
  cmd->add_option("--region", f->region, "domestic|foreign")
      ->check(CLI::IsMember({"domestic", "foreign"}));
  cmd->add_flag("--major", f->major, "only major complaints");
  accept_formats(*cmd, {"table", "json", "csv", "yaml", "md", "xlsx"});
  cmd->callback([f, cmd, &g] {
    f->common.check(*cmd, complaint_kind());
    require_format(g, *cmd);
    Session s(g);
    const Settings& st = s.settings();
    ListSpec spec;
    spec.heads = {"id", "status", "severity", "category", "customer", "dept", "next", "overdue"};
    spec.free_text = {false, false, false, true, true, true, false, false};
    spec.drop = {"dept", "category", "severity", "next", "status"};
    spec.alert_column = 7;
    spec.csv_leading = 9;
    spec.item = list_item;
    spec.row = [&](const Record& r, const std::vector<StepState>& states) {
      return std::vector<std::string>{r.id,
                                      label(st, "status", r.status()),
                                      label(st, "severity", r.fields.get("severity")),
                                      complaint::category_label(st, r.fields.get("category")),
                                      customer_name(r),
                                      r.fields.get("dept"),
                                      next_cell(states, s),
                                      overdue_cell(states, s)};
    };
    // Major complaints first (seed 000 第五條 2(3)), each group in ID order.
    spec.first = [](const Record& r) { return r.fields.get("severity") == "major"; };
    ListOutput list(complaint_kind(), spec, s);
    int bad = for_each_record(
        complaint_kind(), s.dir(),
        [&](const Record& r) {
          if (keep(r, *f, s)) list.add(r);
        },
        f->common.wanted(complaint_kind()));
    list.print();
    require_complete(bad);
  });
}

std::string show_text(const Record& r, const Session& s) {
  const Settings& st = s.settings();
  const Value f = escaped(r.fields);
  static const char* heads[] = {"customer",    "category",   "order",     "request", "links",
                                "description", "registered", "dept",      "finding", "reply",
                                "plan",        "follow_up",  "next_steps"};
  int width = 0;
  for (const char* key : heads) width = std::max(width, display_width(label(st, "head", key)));
  auto h = [&](const char* key) { return pad_right(label(st, "head", key), width + 2); };
  std::string t =
      fmt::format("{}  {}  {} · {} · {}\n", r.id, label(st, "status", r.status()),
                  label(st, "type", f.get("type")), label(st, "severity", f.get("severity")),
                  label(st, "region", f.get("region")));
  t += h("customer") + escape_controls(customer_name(r));
  if (const Value* c = f.find("customer"); c && !c->get("phone").empty())
    t += "  " + c->get("phone");
  t += "\n" + h("category") + complaint::category_label(st, f.get("category")) + "\n";
  auto line = [&](const char* head, const Value* map) {
    if (!map || map->empty()) return;
    t += h(head) + fields_text(st, s.offset(), *map) + "\n";
  };
  line("order", f.find("order"));
  if (!f.get("request").empty()) t += h("request") + label(st, "request", f.get("request")) + "\n";
  // Links both ways: what this case names, and the later cases that name it as their parent.
  Value links = f.find("links") ? *f.find("links") : Value::map();
  auto children = linked_from(complaint_kind(), s.dir(), "parent", r.id);
  if (!children.empty())
    links.set_plain("followed_by", fmt::format("{}", fmt::join(children, " ")));
  if (auto rets = linked_from(return_kind(), s.dir(), "complaint", r.id); !rets.empty())
    links.set_plain("returns", fmt::format("{}", fmt::join(rets, " ")));
  line("links", &links);
  t += h("description") + f.get("description") + "\n";
  auto reg = parse_time(f.get("registered"), s.offset());
  t += h("registered") + (reg ? format_time_short(*reg, s.offset()) : f.get("registered")) + "\n";
  for (const char* key : {"dept", "finding", "reply", "plan"})
    if (!f.get(key).empty()) t += h(key) + f.get(key) + "\n";
  if (const Value* fu = f.find("follow_up"))
    t += h("follow_up") + label(st, "satisfaction", fu->get("satisfaction")) + "  " +
         time_text(fu->get("at"), s.offset()) +
         (fu->get("note").empty() ? "" : "  " + fu->get("note")) + "\n";
  return t + deadlines_text(complaint_kind(), r, s, width + 2);
}

// --explain: each deadline's rule, from when it counts, and why the whole case's moved.
std::string explain(const Record& r, const Session& s) {
  const Settings& st = s.settings();
  const int off = s.offset();
  const Facts facts = complaint::facts_of(r.fields);
  std::string text;
  for (const auto& state : record::step_states(complaint_kind().rules, r.fields, s.now(), off)) {
    text += fmt::format("  {}\n", label(st, "step", state.step));
    // The event that set the deadline: the latest one whose due names the step.
    const Event* origin = nullptr;
    const std::vector<Event> standing = record::standing(r.history);
    for (const auto& e : standing)
      if (const Value* due = e.data.find("due"); due && due->find(state.step)) origin = &e;
    auto start = origin ? parse_time(origin->at, off) : std::nullopt;
    const std::string stored = origin ? origin->data.find("due")->get(state.step) : "";
    std::optional<Time> computed;
    if (start && state.step == "close") {
      if (auto whole = complaint::case_deadline(st, facts, *start)) {
        text += rule_line(whole->rule, st, off);
        if (whole->moved())
          text += say(st, "moved_to_first", format_time_short(whole->due, off),
                      whole->acknowledge->rule->name);
        computed = whole->due;
      }
    } else if (start) {
      const std::string rule_step = record::base_step(complaint_kind().rules, state.step);
      if (auto dl =
              compute_deadline(st.calendar, st.sla_of("complaint"), rule_step, facts, *start)) {
        text += rule_line(*dl, st, off);
        computed = dl->due;
      }
    }
    if (!computed)
      text += say(st, "no_rule", label(st, "noun", "complaint"));
    else if (!stored.empty() && stored != format_time(*computed, off))
      text += say(st, "set_when_computed_kept", time_text(stored, off));
    text += say(st, "due_verdict", format_time_short(state.due, off), verdict_label(st, state));
  }
  return text;
}

void setup_remind(CLI::App& parent, Globals& g) {
  auto* cmd =
      parent.add_subcommand("remind", "催办单: one line per overdue step, major cases first");
  cmd->footer(
      "Prints nothing and exits 0 when nothing is overdue, so cron mails only when there is "
      "something to chase.\nExample (crontab):\n  45 8 * * 1-5  cd /srv/service && svc complaint "
      "remind | mail -E -s 催办单 office@example.com");
  accept_formats(*cmd, {"table"});
  cmd->callback([cmd, &g] {
    require_format(g, *cmd);
    Session s(g);
    const Settings& st = s.settings();
    std::vector<std::pair<bool, std::string>> lines;  // (major, line)
    int bad = for_each_record(complaint_kind(), s.dir(), [&](const Record& r) {
      for (const auto& state :
           record::step_states(complaint_kind().rules, r.fields, s.now(), s.offset())) {
        if (state.state != "overdue") continue;
        bool major = r.fields.get("severity") == "major";
        lines.emplace_back(
            major, fmt::format("{}  {}  {}  {}  {} {}  ({} {})", r.id,
                               label(st, "severity", r.fields.get("severity")),
                               label(st, "step", state.step),
                               escape_controls(waits_on(complaint_kind(), r, state.step)),
                               label(st, "head", "late"),
                               how_late(st, complaint_kind().rules, r, state, s.now()),
                               label(st, "head", "due"), format_time_short(state.due, s.offset())));
      }
    });
    std::stable_partition(lines.begin(), lines.end(), [](const auto& l) { return l.first; });
    std::string text;
    for (const auto& [major, line] : lines) text += line + "\n";
    out(text);
    require_complete(bad);
  });
}

void setup_penalties(CLI::App& parent, Globals& g) {
  auto* cmd = parent.add_subcommand(
      "penalties", "a month's deductions per person: capped at half the bonus, the rest carried");
  cmd->footer(
      "Without --month: the previous month, so cron on the 1st-10th needs no date arithmetic.\n"
      "Example:\n  svc complaint penalties --month 2026-11 --format csv\n"
      "JSON/CSV: person, bonus, new, carried_in, deducted, carried_out (yuan).");
  auto month = std::make_shared<std::string>();
  cmd->add_option("--month", *month, "YYYY-MM");
  accept_formats(*cmd, {"table", "json", "csv", "md", "xlsx"});
  cmd->callback([month, cmd, &g] {
    require_format(g, *cmd);
    Session s(g);
    std::string m = *month;
    if (m.empty()) {
      Date today = date_from_day(local_day(s.now(), s.offset()));
      m = format_date(add_months({today.year, today.month, 1}, -1)).substr(0, 7);
    } else if (!parse_date(m + "-01") || m.size() != 7) {
      throw usage_error(fmt::format("--month '{}' is not like 2026-11", m));
    }
    std::vector<complaint::Penalty> all;
    int bad = for_each_record(complaint_kind(), s.dir(), [&](const Record& r) {
      if (const Value* list = r.fields.find("penalties"))
        for (const auto& p : list->items)
          all.push_back({p.get("person"), p.get("month"),
                         parse_hundredths(p.get("amount")).value_or(0), r.id});
    });
    auto rows = complaint::deductions(all, s.settings().penalties, m);
    Table t;
    t.headers = {"person", "bonus", "new", "carried_in", "deducted", "carried_out"};
    Value items = Value::list();
    for (const auto& d : rows) {
      t.rows.push_back({d.person, format_money(d.bonus), format_money(d.fresh),
                        format_money(d.carried_in), format_money(d.deducted),
                        format_money(d.carried_out)});
      Value item = Value::map();
      item.set_text("person", d.person);
      for (auto [key, cents] :
           {std::pair{"bonus", d.bonus}, std::pair{"new", d.fresh},
            std::pair{"carried_in", d.carried_in}, std::pair{"deducted", d.deducted},
            std::pair{"carried_out", d.carried_out}})
        item.set_text(key, format_money(cents));
      items.push(std::move(item));
    }
    if (g.format == "json")
      out(store::emit_json(items));
    else if (g.format == "csv")
      out(t.render_csv(g.csv_formulas == "quote"));
    else if (g.format == "md")
      out(t.render_markdown());
    else if (g.format == "xlsx")
      out_xlsx({sheet_of(t, "penalties")});
    else if (!rows.empty())
      out(t.render(terminal_width()));
    require_complete(bad);
  });
}

}  // namespace

void setup_complaint_views(CLI::App& complaint, Globals& g) {
  setup_penalties(complaint, g);
  setup_remind(complaint, g);
  setup_list(complaint, g);
  auto why = std::make_shared<bool>(false);
  setup_show(complaint, g, complaint_kind(), "print one complaint",
             "  svc complaint show 2611-001\n  svc complaint show 001 --explain   (how every "
             "deadline was reached)",
             [why](const Record& r, const Session& s) {
               return show_text(r, s) + (*why ? "\n" + explain(r, s) : "");
             })
      ->add_flag("--explain", *why, "tell how every deadline was reached");
  setup_record_actions(complaint, g, complaint_kind());
}

}  // namespace svc::cli
