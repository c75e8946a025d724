// svc report monthly|quarterly|period|technician|recurring|overdue|late (SPEC §8, §10).
#include "svc/domain/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/cli/record_views.hpp"
#include "svc/cli/report_doc.hpp"
#include "svc/cli/xlsx.hpp"
#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace {

using report::Period;

// The kinds that have a section in the periodic reports, each given the period's records.
std::vector<const RecordKind*> reported() {
  return kinds_where([](const RecordKind& k) { return k.report_section != nullptr; });
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
  else if (g.format == "xlsx")
    out_xlsx(sheets_of(doc));
  else
    out(render_terminal(doc, page_width()));
  require_complete(bad, "report");
}

const char* const kFormats = "table, md, csv, json, yaml, html, xlsx";

// The period before a month or a quarter, for the comparison; none for a span of days.
using Prior = std::function<Period(const Period&, int offset_s)>;

// Every period's sections of `kinds`, read from the files once; returns how many could not be
// read. A kind whose section reads whole histories (a ledger) is given every record of the
// kinds it reads, in a read of their own; the others only what the periods may count.
int read_sections(const Session& s, const std::vector<const RecordKind*>& kinds,
                  const std::vector<Period>& periods, std::vector<report::Sections>& sections,
                  std::map<const RecordKind*, size_t>& index) {
  const Settings& st = s.settings();
  const Period& p = periods.front();
  sections.clear();
  sections.resize(periods.size());
  for (const RecordKind* kind : kinds) {
    index[kind] = sections[0].size();
    for (size_t i = 0; i < periods.size(); ++i)
      sections[i].push_back(kind->report_section(st, periods[i]));
  }
  Wanted wanted = report::counted_in(p);
  wanted.period = std::pair{periods.back().start, p.end};
  wanted.data_from = periods.back().end;
  std::vector<const RecordKind*> counted, whole;
  for (const RecordKind* kind : kinds)
    (kind->report_reads.empty() ? counted : whole).push_back(kind);
  // Files that cannot be read are named on stderr and make the report incomplete (exit 3)
  // after it is printed.
  int bad = for_each_record(
      counted, s.dir(),
      [&](const RecordKind& kind, const Record& r) {
        for (auto& each : sections) each[index.at(&kind)]->add(r);
      },
      wanted);
  bad += for_each_read_whole(
      whole, s.dir(),
      [&](const RecordKind& reader, const RecordKind& kind, const Record& r) {
        for (auto& each : sections) {
          auto& section = *each[index.at(&reader)];
          if (&kind == &reader)
            section.add(r);
          else
            section.add_other(kind.rules, r);
        }
      },
      counted);
  return bad;
}

void run_figures(const Globals& g, const std::function<Period(const Session&)>& period,
                 const char* title_key, const Prior& prior = nullptr) {
  Session s(g);
  s.dir().keep_listings();  // a report writes no record: each kind listed once
  const Settings& st = s.settings();
  const Period p = period(s);
  // The period, then (for people) the one before, and for the HTML report the twelve months
  // up to it for the trends: one read of the files feeds every period's sections.
  std::vector<Period> periods = {p};
  bool people = g.format != "json" && g.format != "yaml" && g.format != "csv";
  if (prior && people) {
    size_t back = g.format == "html" ? 11 : 1;
    while (periods.size() <= back) periods.push_back(prior(periods.back(), s.offset()));
  }
  std::map<const RecordKind*, size_t> index;
  std::vector<report::Sections> sections;
  int bad = read_sections(s, reported(), periods, sections, index);
  auto L = [&st](std::string_view group, std::string_view key) { return label(st, group, key); };
  ReportDoc doc = report::figures_doc(p, sections[0], st, label(st, "head", title_key), L,
                                      periods.size() > 1 ? &sections[1] : nullptr);
  if (periods.size() > 2) {
    std::vector<std::pair<Period, const report::Sections*>> history;
    for (size_t i = periods.size(); i-- > 0;) history.emplace_back(periods[i], &sections[i]);
    report::add_trends(doc, history, st, L);
  }
  print_report(g, report::figures_value(p, sections[0], st), doc, bad);
}

std::string footer(const char* examples) {
  return fmt::format(
      "{}\nFormats: {} (--format). JSON: {{period, tickets, complaints, returns, surveys,\n"
      "targets}}, documented in docs/REPORTS.md; CSV: section, metric, dimension, value.",
      examples, kFormats);
}

// `svc report <noun>`: one kind's section alone over a month, a quarter or a span of days.
void setup_own_report(CLI::App& parent, Globals& g, const RecordKind& kind) {
  const std::string noun = kind.rules.noun;
  auto* cmd = parent.add_subcommand(noun, kind.own_report);
  cmd->footer(
      fmt::format("Examples:\n  svc report {}                   (the previous month)\n"
                  "  svc report {} --quarter 2026Q4 --format json\n"
                  "Formats: {} (--format). JSON: {{period, ...the figures}}, documented in "
                  "docs/REPORTS.md.",
                  noun, noun, kFormats));
  struct Options {
    std::string month, quarter, from, to;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--month", o->month, "YYYY-MM (default: the previous month)");
  cmd->add_option("--quarter", o->quarter, "YYYYQn, e.g. 2026Q4");
  cmd->add_option("--from", o->from, "first day YYYY-MM-DD");
  cmd->add_option("--to", o->to, "last day YYYY-MM-DD");
  cmd->callback([o, &kind, &g] {
    if (!o->month.empty() + !o->quarter.empty() + !o->from.empty() > 1)
      throw usage_error("give one of --month, --quarter or --from/--to");
    if (o->from.empty() != o->to.empty()) throw usage_error("--from and --to go together");
    Session s(g);
    s.dir().keep_listings();  // a report writes no record: each kind listed once
    const Settings& st = s.settings();
    const Period p = !o->month.empty()     ? report::month(o->month, s.offset())
                     : !o->quarter.empty() ? report::quarter(o->quarter, s.offset())
                     : !o->from.empty()    ? report::span(o->from, o->to, s.offset())
                                           : report::previous_month(s.now(), s.offset());
    std::map<const RecordKind*, size_t> index;
    std::vector<report::Sections> sections;
    int bad = read_sections(s, {&kind}, {p}, sections, index);
    const report::Section& section = *sections[0][0];
    Value figures = Value::map();
    figures.set("period", report::period_value(p));
    for (auto& [key, v] : section.figures().entries) figures.set(key, v);
    auto L = [&st](std::string_view group, std::string_view key) { return label(st, group, key); };
    ReportDoc doc;
    report::Block block = section.block(L);
    doc.title = block.title + " " + p.name;
    doc.subtitle = fmt::format("{} – {}", p.first, p.last);
    doc.office = st.office;
    doc.blocks.push_back(std::move(block));
    print_report(g, figures, doc, bad);
  });
}

void setup_figures(CLI::App& parent, Globals& g) {
  for (const RecordKind* kind : kinds_where([](const RecordKind& k) { return k.own_report; }))
    setup_own_report(parent, g, *kind);
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
        "monthly_report",
        [](const Period& p, int off) { return report::previous_month(p.start, off); });
  });
  auto* quarterly = parent.add_subcommand("quarterly", "a quarter's figures and targets");
  quarterly->footer(footer(
      "Examples:\n  svc report quarterly               (the previous quarter: cron needs no date)\n"
      "  svc report quarterly --quarter 2026q4 --format md"));
  auto q = std::make_shared<std::string>();
  quarterly->add_option("--quarter", *q, "YYYYQn, e.g. 2026Q4 (default: the previous quarter)");
  quarterly->callback([q, &g] {
    run_figures(
        g,
        [q](const Session& s) {
          return q->empty() ? report::previous_quarter(s.now(), s.offset())
                            : report::quarter(*q, s.offset());
        },
        "quarterly_report",
        [](const Period& p, int off) { return report::previous_quarter(p.start, off); });
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
