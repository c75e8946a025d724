// svc survey list|show|stats: surveys presented, and their rates (SPEC §5).
#include <fmt/format.h>

#include <algorithm>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/cli/record_views.hpp"
#include "svc/cli/xlsx.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/survey.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace {

const SurveyTemplate* template_of(const Session& s, const Record& r) {
  return s.settings().surveys.find(r.fields.get("template"));
}

// The record surveyed about: "T-2611-0007".
std::string link_of(const Record& r) {
  const Value* links = r.fields.find("links");
  if (!links) return "";
  for (const char* key : {"ticket", "complaint", "return"})
    if (!links->get(key).empty()) return links->get(key);
  return "";
}

// How many answers were given and how many of them at a positive level.
std::pair<int, int> score(const Record& r, const SurveyTemplate* t) {
  int answered = 0, positive = 0;
  if (const Value* answers = r.fields.find("answers"); answers && t)
    for (const auto& [item, level] : answers->entries) {
      ++answered;
      positive += level.scalar.size() == 1 && t->is_positive(level.scalar[0] - '0') ? 1 : 0;
    }
  return {answered, positive};
}

// The survey list's and stats' filters: the shared ones (--status, --customer) and the
// template, the technician rated, and when it was created.
struct Filter {
  ListFilters common;
  std::string template_name, technician, month, from, to;
  bool pending = false, unhappy = false;
};

using Period = std::pair<std::string, std::string>;

// A period typed as --month or --from/--to, as inclusive local dates; empty: no bound.
Period period_of(const Filter& f) {
  if (!f.month.empty() && (!f.from.empty() || !f.to.empty()))
    throw usage_error("give --month or --from/--to, not both");
  for (const auto* d : {&f.from, &f.to})
    if (!d->empty() && !parse_date(*d))
      throw usage_error(fmt::format("'{}' is not a date (YYYY-MM-DD)", *d));
  if (!f.from.empty() && !f.to.empty() && f.to < f.from)
    throw usage_error(fmt::format("--to {} is before --from {}", f.to, f.from));
  if (!f.month.empty()) {
    Date first = *parse_date(f.month + "-01");
    return {format_date(first), format_date(day_from_date(add_months(first, 1)) - 1)};
  }
  return {f.from, f.to};
}

// Whether a timestamp's local day falls in the period (an empty bound is open).
bool in_period(const std::string& timestamp, const Period& period) {
  if (timestamp.empty()) return false;
  const std::string day = timestamp.substr(0, 10);
  return (period.first.empty() || day >= period.first) &&
         (period.second.empty() || day <= period.second);
}

bool keep(const Record& r, const Filter& f, const Period& period, const Session& s) {
  const Value& x = r.fields;
  if (!f.common.keep(survey_kind(), r, s)) return false;
  if (f.pending && x.get("status") != "pending") return false;
  if (!f.template_name.empty() && x.get("template") != f.template_name) return false;
  if (!f.technician.empty() && x.get("technician").find(f.technician) == std::string::npos)
    return false;
  if (!in_period(x.get("registered"), period)) return false;
  if (f.unhappy) {
    const SurveyTemplate* t = template_of(s, r);
    if (!t || !survey::needs_call_back(x, *t)) return false;
  }
  return true;
}

void check_template(const Session& s, const std::string& name) {
  if (name.empty() || s.settings().surveys.find(name)) return;
  std::vector<std::string> names;
  for (const auto& t : s.settings().surveys.templates) names.push_back(t.name);
  throw usage_error(fmt::format("--template '{}' is not one of: {}", name, fmt::join(names, ", ")));
}

void add_filters(CLI::App* cmd, Filter& f) {
  cmd->add_option("--template", f.template_name, "only this template");
  cmd->add_option("--tech", f.technician, "only surveys rating this technician: name contains");
  cmd->add_option("--month", f.month, "created in YYYY-MM");
  cmd->add_option("--from", f.from, "created on or after YYYY-MM-DD");
  cmd->add_option("--to", f.to, "created on or before YYYY-MM-DD");
}

Value list_item(const Session& s, const Record& r, const std::vector<std::string>& overdue) {
  const SurveyTemplate* t = template_of(s, r);
  auto [answered, positive] = score(r, t);
  Value item = Value::map();
  item.set_plain("id", r.id);
  item.set_plain("status", r.fields.get("status"));
  item.set_plain("template", r.fields.get("template"));
  item.set_text("customer", customer_name(r));
  item.set_text("technician", r.fields.get("technician"));
  item.set_plain("link", link_of(r));
  item.set_plain("registered", r.fields.get("registered"));
  item.set_plain("recorded", r.fields.get("recorded"));
  item.set_plain("answered", std::to_string(answered));
  item.set_plain("positive", std::to_string(positive));
  Value unhappy = Value::list(true);
  if (t)
    for (const auto& key : survey::unhappy_items(r.fields, *t)) unhappy.push(Value::plain(key));
  item.set("unhappy", std::move(unhappy));
  item.set("answers", r.fields.find("answers") ? *r.fields.find("answers") : Value::map());
  item.set_plain("called_back",
                 r.fields.find("called_back") ? r.fields.find("called_back")->get("at") : "");
  add_deadlines(item, r, overdue);
  return item;
}

void setup_list(CLI::App& parent, Globals& g) {
  auto* cmd = parent.add_subcommand("list", "list surveys");
  cmd->footer(
      "Examples:\n  svc survey list --pending\n  svc survey list --unhappy   (to call back: "
      "seed 004 Ⅷ 二十八)\n  svc survey list --template visit --month 2026-11 --format json\n"
      "JSON/YAML: a list of {id, status, template, customer, technician, link, registered,\n"
      "recorded, answered, positive, unhappy, answers, called_back, due, done, overdue};\n"
      "CSV: id to positive.");
  auto f = std::make_shared<Filter>();
  f->common.add_to(*cmd, survey_kind(), {.month = false, .deadlines = false});
  cmd->add_flag("--pending", f->pending, "only surveys still to be answered");
  cmd->add_flag("--unhappy", f->unhappy,
                "recorded with an answer below the satisfied levels, not yet called back");
  add_filters(cmd, *f);
  accept_formats(*cmd, {"table", "json", "csv", "yaml", "md", "xlsx"});
  cmd->callback([f, cmd, &g] {
    check_filters(*cmd, survey_kind(), f->common.status, f->month);
    require_format(g, *cmd);
    auto period = period_of(*f);
    Session s(g);
    check_template(s, f->template_name);
    const Settings& st = s.settings();
    ListSpec spec;
    spec.heads = {"id",    "status", "template", "customer",  "assignee",
                  "links", "score",  "unhappy",  "registered"};
    spec.free_text = {false, false, true, true, true, false, false, true, false};
    spec.drop = {"links", "registered", "template", "assignee", "unhappy", "status"};
    spec.alert_column = 7;
    spec.csv_leading = 10;
    spec.item = [&](const Record& r, const std::vector<std::string>& overdue) {
      return list_item(s, r, overdue);
    };
    spec.row = [&](const Record& r, const std::vector<StepState>&) {
      const SurveyTemplate* t = template_of(s, r);
      auto [answered, positive] = score(r, t);
      std::vector<std::string> unhappy;
      if (t)
        for (const auto& key : survey::unhappy_items(r.fields, *t))
          unhappy.push_back(t->item(key) ? t->item(key)->label : key);
      auto at = parse_time(r.fields.get("registered"), s.offset());
      return std::vector<std::string>{r.id,
                                      status_label(st, "survey", r.status()),
                                      t ? t->label : r.fields.get("template"),
                                      customer_name(r),
                                      r.fields.get("technician"),
                                      link_of(r),
                                      answered ? fmt::format("{}/{}", positive, answered) : "",
                                      fmt::format("{}", fmt::join(unhappy, " ")),
                                      at ? format_time_short(*at, s.offset()).substr(0, 10) : ""};
    };
    ListOutput list(survey_kind(), spec, s);
    int bad = for_each_record(survey_kind(), s.dir(), [&](const Record& r) {
      if (keep(r, *f, period, s)) list.add(r);
    });
    list.print();
    require_complete(bad);
  });
}

std::string show_text(const Record& r, const Session& s) {
  const Settings& st = s.settings();
  const Value f = escaped(r.fields);
  const SurveyTemplate* t = template_of(s, r);
  static const char* heads[] = {"customer", "assignee", "links",       "recorded",
                                "comment",  "dropped",  "called_back", "next_steps"};
  int width = 0;
  for (const char* key : heads) width = std::max(width, display_width(label(st, "head", key)));
  auto h = [&](const char* key) { return pad_right(label(st, "head", key), width + 2); };
  auto when = [&](const std::string& at) { return time_text(at, s.offset()); };
  std::string text = fmt::format("{}  {}  {}\n", r.id, status_label(st, "survey", r.status()),
                                 t ? t->label : f.get("template"));
  const Value* c = f.find("customer");
  text += h("customer") + (c ? c->get("name") : "") +
          (c && !c->get("phone").empty() ? "  " + c->get("phone") : "") + "\n";
  if (!f.get("technician").empty()) text += h("assignee") + f.get("technician") + "\n";
  if (!link_of(r).empty()) text += h("links") + link_of(r) + "\n";
  if (!f.get("recorded").empty()) text += h("recorded") + when(f.get("recorded")) + "\n";
  if (t) {
    // Every item, answered or not, under its section, with the scale's label.
    const Value* answers = f.find("answers");
    auto unhappy = survey::unhappy_items(r.fields, *t);
    int item_width = 0;
    for (const auto& item : t->items) item_width = std::max(item_width, display_width(item.label));
    for (const auto& [section, section_label] : t->sections) {
      text += section_label + "\n";
      for (const auto& item : t->items) {
        if (item.section != section) continue;
        std::string level = answers ? answers->get(item.key) : "";
        std::string shown = "—";
        for (const auto& [n, name] : t->scale)
          if (level == std::to_string(n)) shown = fmt::format("{} {}", n, name);
        if (std::find(unhappy.begin(), unhappy.end(), item.key) != unhappy.end())
          shown = alert(shown, s.color());
        // The item's key (attitude=) is for the command line: completion offers it.
        text += fmt::format("  {}  {}\n", pad_right(item.label, item_width), shown);
      }
    }
  }
  if (!f.get("comment").empty()) text += h("comment") + f.get("comment") + "\n";
  if (const Value* d = f.find("dropped"))
    text += h("dropped") + when(d->get("at")) + "  " + d->get("reason") + "\n";
  if (const Value* cb = f.find("called_back"))
    text += h("called_back") + when(cb->get("at")) + "  " + cb->get("by") + "  " + cb->get("note") +
            "\n";
  return text + deadlines_text(survey_kind(), r, s, width + 2);
}

// --- stats ----------------------------------------------------------------------------------

Value tally_value(const survey::Tally& t) {
  Value v = Value::map();
  v.set_plain("answers", std::to_string(t.answers));
  v.set_plain("positive", std::to_string(t.positive));
  v.set("satisfaction_rate", rate_value(t.positive, t.answers));
  v.set("mean", mean_value(t.sum, t.answers));
  return v;
}

Value stats_value(const survey::Stats& stats, const std::pair<std::string, std::string>& period) {
  Value v = Value::map();
  Value p = Value::map();
  p.set_plain("from", period.first.empty() ? "null" : period.first);
  p.set_plain("to", period.second.empty() ? "null" : period.second);
  v.set("period", std::move(p));
  v.set_plain("created", std::to_string(stats.created()));
  v.set_plain("created_recorded", std::to_string(stats.created_recorded()));
  v.set("response_rate", rate_value(stats.created_recorded(), stats.created()));
  v.set_plain("responses", std::to_string(stats.responses()));
  survey::Tally all = stats.overall();
  v.set_plain("answers", std::to_string(all.answers));
  v.set_plain("positive", std::to_string(all.positive));
  v.set("satisfaction_rate", rate_value(all.positive, all.answers));
  Value templates = Value::list();
  for (const auto* ts : stats.templates()) {
    const SurveyTemplate& t = *ts->tmpl;
    Value tv = Value::map();
    tv.set_plain("template", t.name);
    tv.set_text("label", t.label);
    tv.set_plain("created", std::to_string(ts->created));
    tv.set_plain("created_recorded", std::to_string(ts->created_recorded));
    tv.set("response_rate", rate_value(ts->created_recorded, ts->created));
    tv.set_plain("responses", std::to_string(ts->responses));
    for (auto& [key, value] : tally_value(ts->overall).entries) tv.set(key, std::move(value));
    Value items = Value::list();
    for (size_t i = 0; i < t.items.size(); ++i) {
      Value iv = Value::map();
      iv.set_plain("item", t.items[i].key);
      iv.set_text("label", t.items[i].label);
      iv.set_plain("section", t.items[i].section);
      for (auto& [key, value] : tally_value(ts->items[i]).entries) iv.set(key, std::move(value));
      items.push(std::move(iv));
    }
    tv.set("items", std::move(items));
    Value sections = Value::list();
    for (size_t i = 0; i < t.sections.size(); ++i) {
      Value sv = Value::map();
      sv.set_plain("section", t.sections[i].first);
      sv.set_text("label", t.sections[i].second);
      for (auto& [key, value] : tally_value(ts->sections[i]).entries) sv.set(key, std::move(value));
      sections.push(std::move(sv));
    }
    tv.set("sections", std::move(sections));
    Value technicians = Value::list();
    for (const auto& [who, figures] : ts->technicians) {
      Value w = Value::map();
      w.set_text("technician", who);
      w.set_plain("responses", std::to_string(figures.first));
      for (auto& [key, value] : tally_value(figures.second).entries) w.set(key, std::move(value));
      technicians.push(std::move(w));
    }
    tv.set("technicians", std::move(technicians));
    Value comments = Value::list();
    for (const auto& c : ts->comments) {
      Value cv = Value::map();
      cv.set_plain("id", c.id);
      cv.set_text("customer", c.customer);
      cv.set_text("technician", c.technician);
      cv.set_text("comment", c.text);
      comments.push(std::move(cv));
    }
    tv.set("comments", std::move(comments));
    templates.push(std::move(tv));
  }
  v.set("templates", std::move(templates));
  return v;
}

// One table for csv: a row per figure, scope saying what it counts.
Table stats_csv(const survey::Stats& stats) {
  Table table;
  table.headers = {"template",  "scope",   "key",      "label", "created", "created_recorded",
                   "responses", "answers", "positive", "rate",  "mean"};
  auto number = [](const Value& v) { return v.scalar == "null" ? std::string() : v.scalar; };
  // Counts that do not apply to a row (an item is not sent) stay empty.
  auto row = [&](const std::string& tmpl, const char* scope, const std::string& key,
                 const std::string& lbl, std::vector<std::string> counts, const survey::Tally& t,
                 bool mean) {
    counts.resize(3);
    table.rows.push_back({tmpl, scope, key, lbl, counts[0], counts[1], counts[2],
                          std::to_string(t.answers), std::to_string(t.positive),
                          number(rate_value(t.positive, t.answers)),
                          mean ? number(mean_value(t.sum, t.answers)) : ""});
  };
  row("", "all", "", "",
      {std::to_string(stats.created()), std::to_string(stats.created_recorded()),
       std::to_string(stats.responses())},
      stats.overall(), false);
  for (const auto* ts : stats.templates()) {
    const SurveyTemplate& t = *ts->tmpl;
    row(t.name, "template", t.name, t.label,
        {std::to_string(ts->created), std::to_string(ts->created_recorded),
         std::to_string(ts->responses)},
        ts->overall, true);
    for (size_t i = 0; i < t.sections.size(); ++i)
      row(t.name, "section", t.sections[i].first, t.sections[i].second, {}, ts->sections[i], true);
    for (size_t i = 0; i < t.items.size(); ++i)
      row(t.name, "item", t.items[i].key, t.items[i].label, {}, ts->items[i], true);
    for (const auto& [who, figures] : ts->technicians)
      row(t.name, "technician", who, who, {"", "", std::to_string(figures.first)}, figures.second,
          true);
    for (const auto& c : ts->comments)
      table.rows.push_back({t.name, "comment", c.id, c.text, "", "", "", "", "", "", ""});
  }
  return table;
}

std::string stats_text(const survey::Stats& stats,
                       const std::pair<std::string, std::string>& period, const Session& s,
                       bool markdown) {
  const Settings& st = s.settings();
  auto L = [&](const char* key) { return label(st, "head", key); };
  auto heading = [&](const std::string& text, int level) {
    return markdown ? std::string(static_cast<size_t>(level), '#') + " " + text + "\n\n"
                    : text + "\n";
  };
  auto render = [&](Table& t) {
    return markdown ? t.render_markdown() + "\n" : t.render(terminal_width());
  };
  std::string span = period.first.empty() && period.second.empty()
                         ? L("all_time")
                         : fmt::format("{} – {}", period.first.empty() ? "…" : period.first,
                                       period.second.empty() ? "…" : period.second);
  // A whole calendar month is named as the month.
  if (auto first = parse_date(period.first);
      first && first->day == 1 &&
      period.second == format_date(day_from_date(add_months(*first, 1)) - 1))
    span = period.first.substr(0, 7);
  survey::Tally all = stats.overall();
  std::string text = heading(fmt::format("{} {}", L("survey_stats"), span), 1);
  text += fmt::format("{} {}  {} {}  {} {}  {} {}\n", L("created"), stats.created(), L("responses"),
                      stats.responses(), L("response_rate"),
                      rate_text(stats.created_recorded(), stats.created()), L("satisfaction_rate"),
                      rate_text(all.positive, all.answers));
  for (const auto* ts : stats.templates()) {
    const SurveyTemplate& t = *ts->tmpl;
    text += "\n" + heading(fmt::format("{} ({})", t.label, t.name), 2);
    text += fmt::format("{} {}  {} {}  {} {}  {} {}  {} {}\n", L("created"), ts->created,
                        L("responses"), ts->responses, L("response_rate"),
                        rate_text(ts->created_recorded, ts->created), L("satisfaction_rate"),
                        rate_text(ts->overall.positive, ts->overall.answers), L("mean"),
                        mean_text(ts->overall.sum, ts->overall.answers));
    if (markdown) text += "\n";
    // name, [responses,] answers, rate with its fraction, mean
    auto figures = [&](std::vector<std::string> row, const survey::Tally& tally) {
      row.insert(row.end(),
                 {std::to_string(tally.answers), rate_text(tally.positive, tally.answers),
                  mean_text(tally.sum, tally.answers)});
      return row;
    };
    Table items;
    items.headers = {L("item"), L("section"), L("answers"), L("satisfaction_rate"), L("mean")};
    items.free_text = {true, true};
    for (size_t i = 0; i < t.items.size(); ++i) {
      std::string section;
      for (const auto& [key, name] : t.sections)
        if (key == t.items[i].section) section = name;
      items.rows.push_back(figures({t.items[i].label, section}, ts->items[i]));
    }
    text += render(items);
    if (t.sections.size() > 1) {
      Table sections;
      sections.headers = {L("section"), L("answers"), L("satisfaction_rate"), L("mean")};
      for (size_t i = 0; i < t.sections.size(); ++i)
        sections.rows.push_back(figures({t.sections[i].second}, ts->sections[i]));
      text += (markdown ? "" : "\n") + render(sections);
    }
    if (!ts->technicians.empty()) {
      Table techs;
      techs.headers = {L("assignee"), L("responses"), L("answers"), L("satisfaction_rate"),
                       L("mean")};
      for (const auto& [who, f] : ts->technicians)
        techs.rows.push_back(figures({who, std::to_string(f.first)}, f.second));
      text += (markdown ? "" : "\n") + render(techs);
    }
    if (!ts->comments.empty()) {
      text += (markdown ? "" : "\n") + heading(L("comment"), 3);
      for (const auto& c : ts->comments) {
        std::string who = c.technician.empty() ? c.customer : c.customer + " / " + c.technician;
        text +=
            markdown
                ? fmt::format("- {} {}: {}\n", c.id, markdown_cell(who), markdown_cell(c.text))
                : fmt::format("  {} {}: {}\n", c.id, escape_controls(who), escape_controls(c.text));
      }
    }
  }
  return text;
}

void setup_stats(CLI::App& parent, Globals& g) {
  auto* cmd = parent.add_subcommand("stats", "responses, response rate and satisfaction rates");
  cmd->footer(
      "Examples:\n  svc survey stats --month 2026-11\n  svc survey stats --template visit --tech "
      "李四 --format json\n"
      "A survey created in the period counts as sent; response rate = those of them recorded /\n"
      "created. Responses and answers are those recorded in the period (SPEC §8); satisfaction\n"
      "rate = answers at a satisfied level / answers given (SPEC §5). Tables show\n"
      "each rate with its exact fraction; JSON rates are numbers from 0 to 1 beside the counts:\n"
      "{period, created, created_recorded, response_rate, responses, answers, positive,\n"
      " satisfaction_rate, templates: [{template, label, created, created_recorded,\n"
      "  response_rate, responses, answers, positive,\n"
      "  satisfaction_rate, mean, items, sections, technicians, comments}]}.\n"
      "CSV: one row per figure, `scope` all|template|section|item|technician|comment;\n"
      "columns template, scope, key, label, created, created_recorded, responses, answers,\n"
      "positive, rate (satisfaction), mean.");
  auto f = std::make_shared<Filter>();
  add_filters(cmd, *f);
  accept_formats(*cmd, {"table", "json", "csv", "md", "yaml", "xlsx"});
  cmd->callback([f, cmd, &g] {
    check_filters(*cmd, survey_kind(), {}, f->month);
    require_format(g, *cmd);
    auto period = period_of(*f);
    Session s(g);
    check_template(s, f->template_name);
    survey::Stats stats(s.settings());
    int bad = for_each_record(survey_kind(), s.dir(), [&](const Record& r) {
      if (keep(r, *f, {}, s))
        stats.add(r.fields, in_period(r.fields.get("registered"), period),
                  in_period(r.fields.get("recorded"), period));
    });
    // The surveys that could be read, then the refusal: warned above, exit 3 (SPEC §1).
    if (g.format == "json")
      out(store::emit_json(stats_value(stats, period)));
    else if (g.format == "yaml")
      out(store::emit_yaml(stats_value(stats, period)));
    else if (g.format == "csv")
      out(stats_csv(stats).render_csv(g.csv_formulas == "quote"));
    else if (g.format == "xlsx")
      out_xlsx({sheet_of(stats_csv(stats), "survey stats")});
    else
      out(stats_text(stats, period, s, g.format == "md"));
    require_complete(bad);
  });
}

}  // namespace

void setup_survey_views(CLI::App& survey, Globals& g) {
  setup_list(survey, g);
  setup_show(survey, g, survey_kind(), "print one survey with its template's items",
             "  svc survey show 0001", show_text);
  setup_stats(survey, g);
}

}  // namespace svc::cli
