// svc report technician|recurring|overdue|late: the reports that list people, things and steps.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/cli/record_views.hpp"
#include "svc/cli/report_doc.hpp"
#include "svc/cli/xlsx.hpp"
#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/report.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace {

using report::Period;

std::string num(std::int64_t n) { return std::to_string(n); }

struct PeriodOptions {
  std::string month, from, to;
};

void add_period(CLI::App* cmd, PeriodOptions& p) {
  cmd->add_option("--month", p.month, "YYYY-MM (default: the previous month)");
  cmd->add_option("--from", p.from, "first day YYYY-MM-DD");
  cmd->add_option("--to", p.to, "last day YYYY-MM-DD");
}

// --month, or --from and --to together; else the fallback.
Period period_of(const PeriodOptions& p, const Session& s,
                 const std::function<Period()>& fallback) {
  if (!p.month.empty() && (!p.from.empty() || !p.to.empty()))
    throw usage_error("give --month or --from/--to, not both");
  if (p.from.empty() != p.to.empty()) throw usage_error("--from and --to go together");
  if (!p.month.empty()) return report::month(p.month, s.offset());
  if (!p.from.empty()) return report::span(p.from, p.to, s.offset());
  return fallback();
}

// Scalars of a tree of maps as dotted keys: {arrive: {due: 12}} -> arrive.due = 12.
void flatten_item(const Value& v, const std::string& prefix,
                  std::vector<std::pair<std::string, std::string>>& out) {
  for (const auto& [key, child] : v.entries) {
    std::string name = prefix.empty() ? key : prefix + "." + key;
    if (child.is_scalar())
      out.emplace_back(name, child.scalar == "null" ? "" : child.scalar);
    else
      flatten_item(child, name, out);
  }
}

// A list of records for scripts as one csv: a column per dotted key, in order first seen.
Table flat_table(const Value& items) {
  Table t;
  std::vector<std::vector<std::pair<std::string, std::string>>> flat;
  for (const auto& item : items.items) {
    flat.emplace_back();
    flatten_item(item, "", flat.back());
    for (const auto& [key, value] : flat.back())
      if (std::find(t.headers.begin(), t.headers.end(), key) == t.headers.end())
        t.headers.push_back(key);
  }
  for (const auto& row : flat) {
    t.rows.emplace_back(t.headers.size());
    for (const auto& [key, value] : row)
      t.rows.back()[static_cast<size_t>(std::find(t.headers.begin(), t.headers.end(), key) -
                                        t.headers.begin())] = value;
  }
  return t;
}

void print_doc(const Globals& g, const Value& figures, const ReportDoc& doc) {
  if (g.format == "json") return out(store::emit_json(figures));
  if (g.format == "yaml") return out(store::emit_yaml(figures));
  if (g.format == "md") return out(render_markdown(doc));
  if (g.format == "html") return out(render_html(doc));
  if (g.format == "xlsx") return out_xlsx(sheets_of(doc));
  // The technicians as scripts read them: English keys, plain values, as every other csv.
  if (const Value* people = figures.find("technicians"); g.format == "csv" && people)
    return people->items.empty() ? void()
                                 : out(flat_table(*people).render_csv(g.csv_formulas == "quote"));
  if (g.format == "csv") {
    Table t;
    for (const auto& block : doc.blocks)
      if (!block.heads.empty()) {
        if (t.headers.empty()) t.headers = block.heads;
        for (const auto& row : block.rows) t.rows.push_back(row);
      }
    return out(t.render_csv(g.csv_formulas == "quote"));
  }
  out(render_terminal(doc, page_width()));
}

// --- technician ------------------------------------------------------------------------------

void setup_technician(CLI::App& parent, Globals& g) {
  auto* cmd = parent.add_subcommand("technician",
                                    "per technician: calls, on time, hours, parts, "
                                    "visit-survey scores (monthly review)");
  cmd->footer(
      "Examples:\n  svc report technician                (the previous month)\n"
      "  svc report technician --month 2026-10 --format csv\n"
      "Calls are those registered in the period and assigned to the person; arrival on time\n"
      "counts the arrival deadlines that fell in the period; scores are the visit surveys\n"
      "recorded in the period (seed 004 Ⅷ 二十三). JSON: {period, technicians: [{technician,\n"
      "calls, closed, arrive: {due, met, rate}, labour_hours, parts, parts_amount, surveys:\n"
      "{responses, answers, satisfaction_rate, items: {ITEM: mean}}}]}; CSV: the table.");
  auto p = std::make_shared<PeriodOptions>();
  add_period(cmd, *p);
  accept_formats(*cmd, {"table", "json", "yaml", "csv", "md", "html", "xlsx"});
  cmd->callback([p, cmd, &g] {
    require_format(g, *cmd);
    Session s(g);
    s.dir().keep_listings();  // a report writes no record: each kind listed once
    const Settings& st = s.settings();
    const Period period =
        period_of(*p, s, [&] { return report::previous_month(s.now(), s.offset()); });
    const auto kinds =
        kinds_where([](const RecordKind& k) { return k.technician_columns != nullptr; });
    std::vector<std::unique_ptr<report::PersonColumns>> columns;
    for (const RecordKind* kind : kinds) columns.push_back(kind->technician_columns(st, period));
    std::vector<const RecordKind*> counted, whole;
    for (const RecordKind* kind : kinds)
      (kind->report_reads.empty() ? counted : whole).push_back(kind);
    auto column = [&](const RecordKind& kind) -> report::PersonColumns& {
      return *columns[std::find(kinds.begin(), kinds.end(), &kind) - kinds.begin()];
    };
    int bad = for_each_record(
        counted, s.dir(), [&](const RecordKind& kind, const Record& r) { column(kind).add(r); },
        report::counted_in(period));
    // A ledger's columns read the whole history of the kinds they read.
    bad += for_each_read_whole(
        whole, s.dir(),
        [&](const RecordKind& reader, const RecordKind& kind, const Record& r) {
          if (&kind == &reader)
            column(reader).add(r);
          else
            column(reader).add_other(kind.rules, r);
        },
        counted);
    auto L = [&st](std::string_view group, std::string_view key) { return label(st, group, key); };
    report::Review review =
        report::technician_review(period, columns, label(st, "head", "technician_report"), L);
    print_doc(g, review.figures, review.doc);
    require_complete(bad, "report");
  });
}

// --- recurring -------------------------------------------------------------------------------

void setup_recurring(CLI::App& parent, Globals& g) {
  auto* cmd = parent.add_subcommand(
      "recurring", "complaint causes, products and customers that come back, worst first");
  cmd->footer(
      "Examples:\n  svc report recurring                 (the six months before this one)\n"
      "  svc report recurring --from 2026-01-01 --to 2026-12-31 --format md\n"
      "Counts records registered in the span: complaint categories; products (model) of\n"
      "tickets, complaints' part numbers and returns; customers of all three. Only what came\n"
      "twice or more is listed (seed 004 Ⅱ 六: half-year and year-end analysis). JSON: {period,\n"
      "categories, products, customers: [{key, total, per_month: {YYYY-MM: n}}]}.");
  auto p = std::make_shared<PeriodOptions>();
  add_period(cmd, *p);
  accept_formats(*cmd, {"table", "json", "yaml", "csv", "md", "html", "xlsx"});
  cmd->callback([p, cmd, &g] {
    require_format(g, *cmd);
    Session s(g);
    s.dir().keep_listings();  // a report writes no record: each kind listed once
    const Settings& st = s.settings();
    Period period = period_of(*p, s, [&] {
      Date today = date_from_day(local_day(s.now(), s.offset()));
      Date first = add_months({today.year, today.month, 1}, -6);
      Date last = {today.year, today.month, 1};
      return report::span(format_date(first), format_date(day_from_date(last) - 1), s.offset());
    });
    auto count = [&](std::map<std::string, report::Recurrence>& into, const std::string& key,
                     const std::string& month) {
      if (key.empty()) return;
      auto& r = into[key];
      r.key = key;
      ++r.total;
      ++r.per_month[month];
    };
    Wanted wanted = report::counted_in(period);
    wanted.events = 0;  // counts by the summary alone
    // Each kind counted by where it names its product, by its own group if it has one
    // (complaints by category), and by customer.
    const auto kinds = kinds_where([](const RecordKind& k) { return k.recurring.map != nullptr; });
    std::vector<std::pair<std::string, std::map<std::string, report::Recurrence>>> groups;
    std::map<std::string, std::string (*)(const Settings&, const std::string&)> shown_by;
    for (const RecordKind* k : kinds)
      if (k->recurring.group && !shown_by.count(k->recurring.group)) {
        groups.push_back({k->recurring.group, {}});
        shown_by[k->recurring.group] = k->recurring.shown;
      }
    groups.push_back({"products", {}});
    groups.push_back({"customers", {}});
    auto group = [&](const std::string& name) -> std::map<std::string, report::Recurrence>& {
      for (auto& [n, seen] : groups)
        if (n == name) return seen;
      throw std::logic_error("no recurring group " + name);
    };
    int bad = for_each_record(
        kinds, s.dir(),
        [&](const RecordKind& kind, const Record& r) {
          auto at = parse_time(r.fields.get("registered"), s.offset());
          if (!at || !period.contains(*at)) return;
          std::string month = format_date(local_day(*at, s.offset())).substr(0, 7);
          const auto& rc = kind.recurring;
          if (rc.group) count(group(rc.group), r.fields.get(rc.field), month);
          const Value* product = r.fields.find(rc.map);
          count(group("products"), product ? product->get(rc.key) : "", month);
          const Value* customer = r.fields.find("customer");
          count(group("customers"), customer ? customer->get("name") : "", month);
        },
        wanted);
    // Every month of the span, as columns.
    std::vector<std::string> months;
    for (Date d = *parse_date(period.first); format_date(d) <= period.last;
         d = add_months({d.year, d.month, 1}, 1))
      months.push_back(format_date(d).substr(0, 7));
    Value figures = Value::map();
    figures.set("period", report::period_value(period));
    ReportDoc doc;
    doc.title = fmt::format("{} {}", label(st, "head", "recurring_report"), period.name);
    for (const auto& [key, seen] : groups) {
      Block block;
      block.title = label(st, "head", key);
      block.heads = {label(st, "head", key), label(st, "head", "total")};
      for (const auto& m : months) block.heads.push_back(m);
      Value list = Value::list();
      auto shown_as = shown_by.count(key) ? shown_by.at(key) : nullptr;
      for (const auto& r : report::ranked(seen)) {
        std::string shown = shown_as ? shown_as(st, r.key) : r.key;
        std::vector<std::string> row = {shown, num(r.total)};
        Value v = Value::map();
        v.set_text("key", r.key);
        v.set_plain("total", num(r.total));
        Value per = Value::map();
        for (const auto& m : months) {
          auto it = r.per_month.find(m);
          std::int64_t n = it == r.per_month.end() ? 0 : it->second;
          row.push_back(num(n));
          per.set_plain(m, num(n));
        }
        v.set("per_month", std::move(per));
        list.push(std::move(v));
        block.rows.push_back(std::move(row));
      }
      if (block.rows.empty()) {
        block.heads.clear();
        block.lines.push_back(label(st, "head", "nothing_recurring"));
      }
      figures.set(key, std::move(list));
      doc.blocks.push_back(std::move(block));
    }
    if (g.format == "csv") {
      Table t;
      t.headers = {"group", "key", "total"};
      for (const auto& m : months) t.headers.push_back(m);
      for (const auto& [key, seen] : groups)
        for (const auto& item : figures.find(key)->items) {
          std::vector<std::string> row = {key, item.get("key"), item.get("total")};
          for (const auto& [m, n] : item.find("per_month")->entries) row.push_back(n.scalar);
          t.rows.push_back(std::move(row));
        }
      out(t.render_csv(g.csv_formulas == "quote"));
    } else {
      print_doc(g, figures, doc);
    }
    require_complete(bad, "report");
  });
}

// --- overdue and late ------------------------------------------------------------------------

// The kinds whose records have deadline steps.
std::vector<const RecordKind*> with_deadlines() {
  return kinds_where([](const RecordKind& k) { return !k.rules.steps.empty(); });
}

struct Due {
  std::string who, id, step, text;
  Time due = 0;
  std::string extra;  ///< overdue: the state; late: when it was done ("" never)
};

// The steps as data, {waits_on, id, step, due, KEY}, in json, yaml or csv; false for the other
// formats. An empty csv prints nothing when `silent` (cron mails only when there is something).
bool print_steps(const Globals& g, const std::vector<Due>& lines, const char* key, const Session& s,
                 bool silent) {
  if (g.format != "json" && g.format != "yaml" && g.format != "csv" && g.format != "xlsx")
    return false;
  Value list = Value::list();
  Table t;
  t.headers = {"waits_on", "id", "step", "due", key};
  for (const auto& l : lines) {
    Value v = Value::map();
    v.set_text("waits_on", l.who);
    v.set_plain("id", l.id);
    v.set_plain("step", l.step);
    v.set_plain("due", format_time(l.due, s.offset()));
    v.set_plain(key, l.extra.empty() ? "null" : l.extra);
    list.push(std::move(v));
    // A spreadsheet's date cells take the local time as it reads, not the offset form.
    auto time = [&](const std::string& iso) {
      auto parsed = parse_time(iso, s.offset());
      return g.format == "xlsx" && parsed ? format_time_short(*parsed, s.offset()) : iso;
    };
    t.rows.push_back({l.who, l.id, l.step, time(format_time(l.due, s.offset())), time(l.extra)});
  }
  if (g.format == "json")
    out(store::emit_json(list));
  else if (g.format == "yaml")
    out(store::emit_yaml(list));
  else if (g.format == "xlsx")
    out_xlsx({sheet_of(t, key)});
  else if (!silent || !lines.empty())
    out(t.render_csv(g.csv_formulas == "quote"));
  return true;
}

// Lines grouped by whom they wait on, people in name order, each group by deadline.
// One line per step under whom it waits on, each broken to fit `width` (0: never).
std::string grouped(const std::vector<Due>& lines, int width) {
  std::vector<const Due*> order;
  order.reserve(lines.size());
  for (const auto& l : lines) order.push_back(&l);
  std::stable_sort(order.begin(), order.end(), [](const Due* a, const Due* b) {
    return a->who != b->who ? a->who < b->who : a->due < b->due;
  });
  std::string text, who = "\x01";
  for (const Due* p : order) {
    const Due& l = *p;
    if (l.who != who) {
      who = l.who;
      text += escape_controls(who.empty() ? "-" : who) + "\n";
    }
    text += wrap_facts(l.text, width, 2);
  }
  return text;
}

void setup_overdue(CLI::App& parent, Globals& g) {
  auto* cmd = parent.add_subcommand(
      "overdue",
      "every open deadline already past (or passing within a span), by whom it waits on");
  cmd->footer(
      "Prints nothing and exits 0 when nothing is due, so cron mails only when there is\n"
      "something. Covers tickets (follow-up calls included), complaints and returns.\n"
      "Examples:\n  svc report overdue\n  svc report overdue --within 24h | mail -E -s 逾期提醒 "
      "office@example.com\nJSON: a list of {waits_on, id, step, due, state} (state overdue or "
      "soon).");
  auto within = std::make_shared<std::string>();
  cmd->add_option("--within", *within, "also what falls due within this span: 4h, 24h, 2d");
  accept_formats(*cmd, {"table", "json", "yaml", "csv", "xlsx"});
  cmd->callback([within, cmd, &g] {
    require_format(g, *cmd);
    std::int64_t ahead = 0;
    if (!within->empty()) {
      // A span on the command line says its unit: "8" could be minutes, hours or days.
      if (std::isdigit(static_cast<unsigned char>(within->back())))
        throw usage_error(fmt::format("--within '{}' needs a unit: {}m, {}h or {}d", *within,
                                      *within, *within, *within));
      auto d = parse_duration(*within);
      if (!d || *d <= 0)
        throw usage_error(fmt::format("--within '{}' is not a span like 4h, 24h or 2d", *within));
      ahead = *d;
    }
    Session s(g);
    s.dir().keep_listings();  // a report writes no record: each kind listed once
    const Settings& st = s.settings();
    std::vector<Due> lines;
    int bad = 0;
    Wanted wanted;
    wanted.due_by = s.now() + ahead;
    wanted.events = 1;  // whom a step waits on: the assignee, a department or who registered it
    wanted.data_from = std::numeric_limits<Time>::max();
    // The words every line has, looked up once.
    const std::string late_word = label(st, "head", "late"), due_in = label(st, "head", "due_in"),
                      due_word = label(st, "head", "due");
    std::map<std::string, std::string, std::less<>> step_names;
    auto step_name = [&](const std::string& step) -> const std::string& {
      auto it = step_names.find(step);
      if (it == step_names.end()) it = step_names.emplace(step, label(st, "step", step)).first;
      return it->second;
    };
    bad += for_each_record(
        with_deadlines(), s.dir(),
        [&](const RecordKind& kind, const Record& r) {
          for (const auto& state : record::step_states(kind.rules, r.fields, s.now(), s.offset())) {
            bool late = state.state == "overdue";
            bool soon = state.state == "pending" && ahead && state.due <= s.now() + ahead;
            if (!late && !soon) continue;
            std::string when =
                late ? fmt::format("{} {}", late_word, how_late(st, kind.rules, r, state, s.now()))
                     : fmt::format("{} {}", due_in, duration_text(st, state.due - s.now()));
            // A follow-up call is also the pending survey's answer: name it.
            std::string survey = state.step == "follow_up" ? r.fields.get("survey") : "";
            lines.push_back({waits_on(kind, r, state.step), r.id, state.step,
                             fmt::format("{}  {}  {}  ({} {})  {}{}", r.id, step_name(state.step),
                                         when, due_word, format_time_short(state.due, s.offset()),
                                         escape_controls(customer_name(r)),
                                         survey.empty() ? "" : "  " + survey),
                             state.due, late ? "overdue" : "soon"});
          }
        },
        wanted);
    // Deadlines no record stores, derived from the records (old parts to handle).
    for (const RecordKind* kind : kinds_where([](const RecordKind& k) { return k.derived_due; }))
      for (const DerivedDue& d : kind->derived_due(s)) {
        bool late = d.due <= s.now();
        if (!late && d.due > s.now() + ahead) continue;
        std::string when = late
                               ? fmt::format("{} {}", late_word, duration_text(st, s.now() - d.due))
                               : fmt::format("{} {}", due_in, duration_text(st, d.due - s.now()));
        lines.push_back(
            {d.who, d.id, d.step,
             fmt::format("{}  {}  {}  ({} {})  {}", d.id, step_name(d.step), when, due_word,
                         format_time_short(d.due, s.offset()), escape_controls(d.what)),
             d.due, late ? "overdue" : "soon"});
      }
    if (!print_steps(g, lines, "state", s, true)) {
      out(grouped(lines, page_width()));
    }
    require_complete(bad, "report");
  });
}

void setup_late(CLI::App& parent, Globals& g) {
  auto* cmd = parent.add_subcommand(
      "late", "洽辦單: records closed in the period that missed a deadline, by whom it waited on");
  cmd->footer(
      "Examples:\n  svc report late                      (the previous month)\n"
      "  svc report late --month 2026-10 --format md\n"
      "Lists the records closed in the month with a step done after its deadline in force or\n"
      "never done, and the steps that came due in the month after their record was closed\n"
      "and were never done (a follow-up call never made); seed 004 Ⅷ (十四): the office asks\n"
      "the reason. Lateness is told on the step's own clock. JSON: a list of\n"
      "{waits_on, id, step, due, done} (due: the deadline in force; done: null when never).\n"
      "Prints nothing and exits 0 when nothing was late, so cron mails only when there is "
      "something.");
  auto m = std::make_shared<std::string>();
  cmd->add_option("--month", *m, "YYYY-MM (default: the previous month)");
  accept_formats(*cmd, {"table", "json", "yaml", "csv", "md", "xlsx"});
  cmd->callback([m, cmd, &g] {
    require_format(g, *cmd);
    Session s(g);
    s.dir().keep_listings();  // a report writes no record: each kind listed once
    const Settings& st = s.settings();
    Period period =
        m->empty() ? report::previous_month(s.now(), s.offset()) : report::month(*m, s.offset());
    std::vector<Due> lines;
    int bad = 0;
    bad += for_each_record(
        with_deadlines(), s.dir(),
        [&](const RecordKind& kind, const Record& r) {
          auto closed = parse_time(r.fields.get("closed"), s.offset());
          if (r.status() != "closed" || !closed) return;
          const bool closed_in = period.contains(*closed);
          // The steps as they stand at the report's clock, judged as every view judges them.
          for (const auto& state : record::step_states(kind.rules, r.fields, s.now(), s.offset())) {
            // A step done late or missed belongs to the month the record closed in; one never
            // done to the month of the close when it was due by then, else to the month its
            // deadline fell in after the close (a follow-up call never made), once only.
            const bool never = state.state == "overdue";
            const bool in_month =
                state.state == "late" || state.state == "missed" ? closed_in
                : never ? (state.due <= *closed ? closed_in : period.contains(state.due))
                        : false;
            if (!in_month) continue;
            // A step never done is told as late as it was at the end of the period (or now,
            // while the period runs).
            const bool ended = s.now() >= period.end;
            std::string how =
                state.done ? fmt::format("{} {}", label(st, "head", "done_late"),
                                         how_late(st, kind.rules, r, state, *state.done))
                           : fmt::format(
                                 "{}, {} {}", label(st, "head", "never_done"),
                                 label(st, "head", ended ? "late_at_end" : "late"),
                                 how_late(st, kind.rules, r, state, std::min(s.now(), period.end)));
            lines.push_back(
                {waits_on(kind, r, state.step), r.id, state.step,
                 fmt::format("{}  {}  {}  ({} {})  {}", r.id, label(st, "step", state.step), how,
                             label(st, "head", "due"), format_time_short(state.due, s.offset()),
                             escape_controls(customer_name(r))),
                 state.due, state.done ? format_time(*state.done, s.offset()) : ""});
          }
        },
        report::counted_in(period));
    // Nothing late: nothing printed (but json and yaml's empty list), so cron mails nothing.
    if (!print_steps(g, lines, "done", s, true) && !lines.empty()) {
      std::string head = fmt::format("{} {}\n", label(st, "head", "late_report"), period.name);
      std::string body = grouped(lines, g.format == "md" ? 0 : page_width());
      if (g.format == "md") {
        std::string md = "# " + markdown_cell(head.substr(0, head.size() - 1)) + "\n\n";
        for (size_t p = 0, q; p < body.size(); p = q + 1) {
          q = body.find('\n', p);
          std::string line = body.substr(p, q - p);
          md += line.starts_with("  ") ? "- " + markdown_cell(line.substr(2)) + "\n"
                                       : "\n## " + markdown_cell(line) + "\n\n";
        }
        out(md);
      } else {
        out(head + body);
      }
    }
    require_complete(bad, "report");
  });
}

}  // namespace

void setup_report_lists(CLI::App& report, Globals& g) {
  setup_technician(report, g);
  setup_recurring(report, g);
  setup_overdue(report, g);
  setup_late(report, g);
}

}  // namespace svc::cli
