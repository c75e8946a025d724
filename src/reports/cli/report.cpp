// svc report monthly|quarterly|period|technician|recurring|overdue|late (SPEC §8, §10).
#include "svc/domain/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/cli/record_views.hpp"
#include "svc/cli/report_doc.hpp"
#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace {

using report::Builder;
using report::Period;
using report::Ratio;

std::string num(std::int64_t n) { return std::to_string(n); }

Value count_map(const std::map<std::string, std::int64_t>& m) {
  Value v = Value::map();
  for (const auto& [key, n] : m) v.set_plain(key.empty() ? "-" : key, num(n));
  return v;
}

std::string mean_duration(const report::Mean& m) {
  if (m.count == 0) return "—";
  return format_duration((m.sum + m.count / 2) / m.count / 60 * 60);
}

double percent(const Ratio& r) {
  return r.den ? 100.0 * static_cast<double>(r.num) / static_cast<double>(r.den) : 0;
}

// A target's verdict: at least (or, for the complaint rate, below) the target; null when the
// rate has nothing to count.
Value target_value(const Ratio& r, int target, bool below) {
  Value v = Value::map();
  v.set("value", rate_value(r.num, r.den));
  v.set("target", rate_value(target, 100));
  if (r.den == 0)
    v.set_plain("met", "null");
  else
    v.set_plain("met", (below ? r.num * 100 < target * r.den : r.num * 100 >= target * r.den)
                           ? "true"
                           : "false");
  return v;
}

// Streams every record of the kinds a report reads into the builder; files that cannot be
// read are named on stderr and make the report incomplete (exit 3) after it is printed.
int read_all(const Session& s, Builder& b) {
  return for_each_record(
      {&ticket_kind(), &complaint_kind(), &return_kind(), &survey_kind()}, s.dir(),
      [&](const RecordKind& kind, const Record& r) {
        if (&kind == &ticket_kind())
          b.add_ticket(r);
        else if (&kind == &complaint_kind())
          b.add_complaint(r);
        else if (&kind == &return_kind())
          b.add_return(r);
        else
          b.add_survey(r);
      },
      report::counted_in(b.period()));
}

// The figures as SPEC §10 names them; csv is this tree flattened.
Value figures_value(const Builder& b, const Settings& st) {
  const auto& t = b.tickets();
  Value v = Value::map();
  v.set("period", report::period_value(b.period()));
  Value tickets = Value::map();
  tickets.set_plain("received", num(t.received));
  tickets.set_plain("closed", num(t.closed));
  tickets.set_plain("cancelled", num(t.cancelled));
  tickets.set("by_kind", count_map(t.by_kind));
  tickets.set("by_class", count_map(t.by_class));
  Value on_time = Value::map(), deadlines = Value::map(), means = Value::map();
  for (auto [step, r, m] : {std::tuple{"respond", &t.respond, &t.respond_s},
                            std::tuple{"arrive", &t.arrive, &t.arrive_s},
                            std::tuple{"resolve", &t.resolve, &t.resolve_s}}) {
    on_time.set(step, rate_value(r->num, r->den));
    Value d = Value::map();
    d.set_plain("due", num(r->den));
    d.set_plain("met", num(r->num));
    deadlines.set(step, std::move(d));
    means.set(step, mean_value(m->sum, m->count, 60));
  }
  tickets.set("on_time", std::move(on_time));
  tickets.set("deadlines", std::move(deadlines));
  tickets.set("mean_minutes", std::move(means));
  tickets.set_plain("backlog", num(t.backlog));
  tickets.set_plain("overdue", num(t.overdue));
  v.set("tickets", std::move(tickets));

  const auto& c = b.complaints();
  Value complaints = Value::map();
  complaints.set_plain("received", num(c.received));
  complaints.set_plain("closed", num(c.closed));
  complaints.set_plain("substantiated", num(c.substantiated));
  complaints.set("by_category", count_map(c.by_category));
  complaints.set("by_dept", count_map(c.by_dept));
  complaints.set("closed_in_time", rate_value(c.closed_in_time.num, c.closed_in_time.den));
  complaints.set("mean_handling_days", mean_value(c.handling_s.sum, c.handling_s.count, 86400));
  v.set("complaints", std::move(complaints));

  const auto& r = b.returns();
  Value returns = Value::map();
  returns.set_plain("received", num(r.received));
  returns.set("by_outcome", count_map(r.by_outcome));
  returns.set_text("credited", format_money(r.credited_cents));  // money: a string in JSON
  v.set("returns", std::move(returns));

  const auto& sv = b.surveys();
  auto all = sv.overall();
  Value surveys = Value::map();
  surveys.set_plain("created", num(sv.created()));
  surveys.set_plain("responses", num(sv.responses()));
  surveys.set("response_rate", rate_value(sv.created_recorded(), sv.created()));
  surveys.set_plain("answers", num(all.answers));
  surveys.set_plain("positive", num(all.positive));
  surveys.set("satisfaction_rate", rate_value(all.positive, all.answers));
  Value items = Value::list(), techs = Value::list();
  for (const auto* ts : sv.templates()) {
    for (size_t i = 0; i < ts->tmpl->items.size(); ++i) {
      const auto& tally = ts->items[i];
      if (tally.answers == 0) continue;
      Value item = Value::map();
      item.set_plain("item", ts->tmpl->name + "." + ts->tmpl->items[i].key);
      item.set_text("label", ts->tmpl->items[i].label);
      item.set_plain("answers", num(tally.answers));
      item.set("satisfaction_rate", rate_value(tally.positive, tally.answers));
      item.set("mean", mean_value(tally.sum, tally.answers, 1));
      items.push(std::move(item));
    }
    for (const auto& [who, f] : ts->technicians) {
      Value w = Value::map();
      w.set_text("technician", who);
      w.set_plain("template", ts->tmpl->name);
      w.set_plain("responses", num(f.first));
      w.set_plain("answers", num(f.second.answers));
      w.set("satisfaction_rate", rate_value(f.second.positive, f.second.answers));
      w.set("mean", mean_value(f.second.sum, f.second.answers, 1));
      techs.push(std::move(w));
    }
  }
  surveys.set("items", std::move(items));
  surveys.set("technicians", std::move(techs));
  v.set("surveys", std::move(surveys));

  Value targets = Value::map();
  targets.set("on_time", target_value(t.arrive, st.targets.on_time, false));
  targets.set("satisfaction",
              target_value({all.positive, all.answers}, st.targets.satisfaction, false));
  targets.set("complaint_rate", target_value(b.complaint_rate(), st.targets.complaint_rate, true));
  v.set("targets", std::move(targets));
  return v;
}

// csv: one tidy table (section, metric, dimension, value). Maps nest into the dimension; a
// list's items are named by their first value.
void flatten(const Value& v, const std::string& section, const std::string& metric,
             const std::string& dimension, Table& t) {
  auto join = [](const std::string& a, const std::string& b) {
    return a.empty() ? b : b.empty() ? a : a + "." + b;
  };
  if (v.is_scalar()) {
    t.rows.push_back({section, metric, dimension, v.scalar == "null" ? "" : v.scalar});
    return;
  }
  if (v.is_map()) {
    for (const auto& [key, child] : v.entries)
      if (metric.empty())
        flatten(child, section, key, "", t);
      else
        flatten(child, section, metric, join(dimension, key), t);
    return;
  }
  for (const auto& item : v.items) {
    if (!item.is_map() || item.entries.empty()) continue;
    std::string name = join(dimension, item.entries.front().second.scalar);
    for (size_t i = 1; i < item.entries.size(); ++i)
      flatten(item.entries[i].second, section, metric, join(name, item.entries[i].first), t);
  }
}

std::string render_csv(const Value& v, const Globals& g) {
  Table t;
  t.headers = {"section", "metric", "dimension", "value"};
  for (const auto& [section, child] : v.entries) flatten(child, section, "", "", t);
  return t.render_csv(g.csv_formulas == "quote");
}

std::string pct(const Ratio& r) { return rate_text(r.num, r.den); }

ReportDoc figures_doc(const Builder& b, const Session& s, const std::string& title) {
  const Settings& st = s.settings();
  auto L = [&](const char* key) { return label(st, "head", key); };
  const auto& t = b.tickets();
  ReportDoc doc;
  doc.title = fmt::format("{} {}", title, b.period().name);
  doc.subtitle = fmt::format("{} – {}", b.period().first, b.period().last);

  Block tickets;
  tickets.title = L("tickets");
  tickets.lines.push_back(fmt::format(
      "{} {}  {} {}  {} {}  {} {}  {} {}", L("received_count"), t.received, L("closed_count"),
      t.closed, L("cancelled"), t.cancelled, L("backlog"), t.backlog, L("overdue_end"), t.overdue));
  tickets.heads = {L("deadline"), L("due_in_period"), L("met"), L("on_time"), L("mean_time")};
  for (auto [step, r, m] : {std::tuple{"respond", &t.respond, &t.respond_s},
                            std::tuple{"arrive", &t.arrive, &t.arrive_s},
                            std::tuple{"resolve", &t.resolve, &t.resolve_s}})
    tickets.rows.push_back(
        {label(st, "step", step), num(r->den), num(r->num), pct(*r), mean_duration(*m)});
  Chart per_day{L("per_day"), {}, std::nullopt, 0};
  for (const auto& [day, n] : t.per_day) per_day.bars.push_back({day.substr(5), double(n), num(n)});
  Chart on_time{L("on_time_vs_target"), {}, double(st.targets.on_time), 100};
  for (auto [step, r] : {std::pair{"respond", &t.respond}, std::pair{"arrive", &t.arrive},
                         std::pair{"resolve", &t.resolve}})
    on_time.bars.push_back({label(st, "step", step), percent(*r), pct(*r)});
  Chart kinds{L("by_kind"), {}, std::nullopt, 0};
  for (const auto& [k, n] : t.by_kind)
    kinds.bars.push_back({label(st, "kind", k), double(n), num(n)});
  Chart classes{L("by_class"), {}, std::nullopt, 0};
  for (const auto& [k, n] : t.by_class)
    classes.bars.push_back({label(st, "class", k), double(n), num(n)});
  for (Chart* c : {&per_day, &on_time, &kinds, &classes})
    if (!c->bars.empty()) tickets.charts.push_back(*c);
  doc.blocks.push_back(std::move(tickets));

  const auto& c = b.complaints();
  Block complaints;
  complaints.title = L("complaints");
  complaints.lines.push_back(fmt::format(
      "{} {}  {} {}  {} {}  {} {}  {} {}", L("received_count"), c.received, L("closed_count"),
      c.closed, L("substantiated"), c.substantiated, L("closed_in_time"), pct(c.closed_in_time),
      L("mean_handling"), mean_duration(c.handling_s)));
  Chart cats{L("by_category"), {}, std::nullopt, 0};
  for (const auto& [k, n] : c.by_category)
    cats.bars.push_back({category_label(st, k), double(n), num(n)});
  Chart depts{L("by_dept"), {}, std::nullopt, 0};
  for (const auto& [k, n] : c.by_dept) depts.bars.push_back({k, double(n), num(n)});
  for (Chart* ch : {&cats, &depts})
    if (!ch->bars.empty()) complaints.charts.push_back(*ch);
  doc.blocks.push_back(std::move(complaints));

  const auto& r = b.returns();
  Block returns;
  returns.title = L("returns");
  returns.lines.push_back(fmt::format("{} {}  {} {}", L("received_count"), r.received,
                                      L("credited"), format_money(r.credited_cents)));
  Chart outcomes{L("by_outcome"), {}, std::nullopt, 0};
  for (const auto& [k, n] : r.by_outcome)
    outcomes.bars.push_back({label(st, "outcome", k), double(n), num(n)});
  if (!outcomes.bars.empty()) returns.charts.push_back(outcomes);
  doc.blocks.push_back(std::move(returns));

  const auto& sv = b.surveys();
  auto all = sv.overall();
  Block surveys;
  surveys.title = L("survey");
  surveys.lines.push_back(fmt::format(
      "{} {}  {} {}  {} {}  {} {}", L("created"), sv.created(), L("responses"), sv.responses(),
      L("response_rate"), rate_text(sv.created_recorded(), sv.created()), L("satisfaction_rate"),
      rate_text(all.positive, all.answers)));
  Chart items{L("satisfaction_per_item"), {}, double(st.targets.satisfaction), 100};
  surveys.heads = {L("assignee"), L("responses"), L("answers"), L("satisfaction_rate"), L("mean")};
  for (const auto* ts : sv.templates()) {
    for (size_t i = 0; i < ts->tmpl->items.size(); ++i)
      if (ts->items[i].answers)
        items.bars.push_back({sv.templates().size() > 1
                                  ? ts->tmpl->label + " · " + ts->tmpl->items[i].label
                                  : ts->tmpl->items[i].label,
                              percent({ts->items[i].positive, ts->items[i].answers}),
                              rate_text(ts->items[i].positive, ts->items[i].answers)});
    for (const auto& [who, f] : ts->technicians)
      surveys.rows.push_back({who, num(f.first), num(f.second.answers),
                              rate_text(f.second.positive, f.second.answers),
                              mean_text(f.second.sum, f.second.answers)});
  }
  if (surveys.rows.empty()) surveys.heads.clear();
  if (!items.bars.empty()) surveys.charts.push_back(items);
  doc.blocks.push_back(std::move(surveys));

  Block targets;
  targets.title = L("targets");
  targets.heads = {L("metric"), L("value"), L("target"), L("verdict")};
  auto verdict = [&](const Ratio& rt, int target, bool below) {
    if (rt.den == 0) return std::string("—");
    bool ok = below ? rt.num * 100 < target * rt.den : rt.num * 100 >= target * rt.den;
    return L(ok ? "target_met" : "target_missed");
  };
  targets.rows.push_back({L("on_time"), pct(t.arrive), fmt::format("≥ {}%", st.targets.on_time),
                          verdict(t.arrive, st.targets.on_time, false)});
  Ratio sat{all.positive, all.answers};
  targets.rows.push_back({L("satisfaction_rate"), pct(sat),
                          fmt::format("≥ {}%", st.targets.satisfaction),
                          verdict(sat, st.targets.satisfaction, false)});
  targets.rows.push_back({L("complaint_rate"), pct(b.complaint_rate()),
                          fmt::format("< {}%", st.targets.complaint_rate),
                          verdict(b.complaint_rate(), st.targets.complaint_rate, true)});
  doc.blocks.push_back(std::move(targets));
  return doc;
}

// Prints the report in the chosen format; a report with unreadable files is incomplete.
void print_report(const Globals& g, const Value& figures, const ReportDoc& doc, int bad) {
  if (g.format == "json")
    out(store::emit_json(figures));
  else if (g.format == "yaml")
    out(store::emit_yaml(figures));
  else if (g.format == "csv")
    out(render_csv(figures, g));
  else if (g.format == "md")
    out(render_markdown(doc));
  else if (g.format == "html")
    out(render_html(doc));
  else
    out(render_terminal(doc, terminal_width()));
  require_complete(bad, "report");
}

const char* const kFormats = "table, md, csv, json, yaml, html";

void run_figures(const Globals& g, const std::function<Period(const Session&)>& period,
                 const char* title_key) {
  Session s(g);
  Builder b(s.settings(), period(s));
  int bad = read_all(s, b);
  print_report(g, figures_value(b, s.settings()),
               figures_doc(b, s, label(s.settings(), "head", title_key)), bad);
}

std::string footer(const char* examples) {
  return fmt::format(
      "{}\nFormats: {} (--format). JSON: {{period, tickets, complaints, returns, surveys,\n"
      "targets}}, documented in docs/REPORTS.md; CSV: section, metric, dimension, value.",
      examples, kFormats);
}

void setup_figures(CLI::App& parent, Globals& g) {
  auto* monthly = parent.add_subcommand("monthly", "the month's figures and targets (服务月报)");
  monthly->footer(footer(
      "Examples:\n  svc report monthly                 (the previous month: cron needs no date)\n"
      "  svc report monthly --month 2026-10 --format html > 2026-10.html"));
  auto m = std::make_shared<std::string>();
  monthly->add_option("--month", *m, "YYYY-MM (default: the previous month)");
  monthly->callback([m, &g] {
    run_figures(
        g,
        [m](const Session& s) {
          return m->empty() ? report::previous_month(s.now(), s.offset())
                            : report::month(*m, s.offset());
        },
        "monthly_report");
  });
  auto* quarterly = parent.add_subcommand("quarterly", "a quarter's figures and targets");
  quarterly->footer(footer("Example:\n  svc report quarterly --quarter 2026Q4"));
  auto q = std::make_shared<std::string>();
  quarterly->add_option("--quarter", *q, "YYYYQn, e.g. 2026Q4")->required();
  quarterly->callback([q, &g] {
    run_figures(
        g, [q](const Session& s) { return report::quarter(*q, s.offset()); }, "quarterly_report");
  });
  auto* period = parent.add_subcommand("period", "the figures of any span of days");
  period->footer(footer("Example:\n  svc report period --from 2026-07-01 --to 2026-12-31"));
  auto from = std::make_shared<std::string>(), to = std::make_shared<std::string>();
  period->add_option("--from", *from, "first day YYYY-MM-DD")->required();
  period->add_option("--to", *to, "last day YYYY-MM-DD")->required();
  period->callback([from, to, &g] {
    run_figures(
        g, [from, to](const Session& s) { return report::span(*from, *to, s.offset()); },
        "period_report");
  });
}

}  // namespace

void setup_report(CLI::App& app, Globals& g) {
  auto* r = app.add_subcommand("report", "monthly and periodic reports, reminders for cron");
  r->footer("Run `svc report ACTION --help` for an action's options and an example.");
  setup_figures(*r, g);
  setup_report_lists(*r, g);
}

}  // namespace svc::cli
