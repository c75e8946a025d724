// The figures of the periodic reports (SPEC §8).
#include "svc/domain/report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "svc/calendar/time.hpp"
#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"

namespace svc::report {

namespace {

Period from_days(std::string name, Day first, Day last, int offset_s) {
  Period p;
  p.name = std::move(name);
  p.first = format_date(first);
  p.last = format_date(last);
  p.start = at_local(first, 0, offset_s);
  p.end = at_local(last + 1, 0, offset_s);
  return p;
}

}  // namespace

Value period_value(const Period& p) {
  Value v = Value::map();
  v.set_plain("name", p.name);
  v.set_plain("from", p.first);
  v.set_plain("to", p.last);
  return v;
}

Period month(const std::string& yyyy_mm, int offset_s) {
  auto first = yyyy_mm.size() == 7 ? parse_date(yyyy_mm + "-01") : std::nullopt;
  if (!first) throw usage_error(fmt::format("--month '{}' is not like 2026-11", yyyy_mm));
  return from_days(yyyy_mm, day_from_date(*first), day_from_date(add_months(*first, 1)) - 1,
                   offset_s);
}

Period quarter(const std::string& q, int offset_s) {
  auto first = q.size() == 6 && (q[4] == 'Q' || q[4] == 'q') && q[5] >= '1' && q[5] <= '4'
                   ? parse_date(fmt::format("{}-{:02}-01", q.substr(0, 4), (q[5] - '1') * 3 + 1))
                   : std::nullopt;
  if (!first) throw usage_error(fmt::format("--quarter '{}' is not like 2026Q4", q));
  return from_days(q.substr(0, 4) + "Q" + q[5], day_from_date(*first),
                   day_from_date(add_months(*first, 3)) - 1, offset_s);
}

Period previous_quarter(Time now, int offset_s) {
  Date today = date_from_day(local_day(now, offset_s));
  Date first = add_months({today.year, (today.month - 1) / 3 * 3 + 1, 1}, -3);
  return quarter(fmt::format("{:04}Q{}", first.year, (first.month - 1) / 3 + 1), offset_s);
}

Period span(const std::string& from, const std::string& to, int offset_s) {
  auto a = parse_date(from), b = parse_date(to);
  if (!a) throw usage_error(fmt::format("--from '{}' is not a date (YYYY-MM-DD)", from));
  if (!b) throw usage_error(fmt::format("--to '{}' is not a date (YYYY-MM-DD)", to));
  if (day_from_date(*b) < day_from_date(*a))
    throw usage_error(fmt::format("--to {} is before --from {}", to, from));
  return from_days(fmt::format("{}..{}", from, to), day_from_date(*a), day_from_date(*b), offset_s);
}

Period previous_month(Time now, int offset_s) {
  Date today = date_from_day(local_day(now, offset_s));
  Date first = add_months({today.year, today.month, 1}, -1);
  return month(fmt::format("{:04}-{:02}", first.year, first.month), offset_s);
}

Value as_of(const KindRules& k, const Record& r, Time t) {
  return record::as_at(k, r, t - 1).fields;
}

std::string rate_text(std::int64_t num, std::int64_t den) {
  if (den == 0) return "—";
  std::int64_t tenths = (num * 2000 + den) / (2 * den);
  return fmt::format("{}.{}% ({}/{})", tenths / 10, tenths % 10, num, den);
}

Value rate_value(std::int64_t num, std::int64_t den) {
  if (den == 0) return Value::plain("null");
  return Value::plain(fmt::format("{}", static_cast<double>(num) / static_cast<double>(den)));
}

std::string mean_text(std::int64_t sum, std::int64_t count) {
  if (count == 0) return "—";
  std::int64_t hundredths = (sum * 200 + count) / (2 * count);
  return fmt::format("{}.{:02}", hundredths / 100, hundredths % 100);
}

Value mean_value(std::int64_t sum, std::int64_t count, double unit) {
  if (count == 0) return Value::plain("null");
  return Value::plain(
      fmt::format("{}", static_cast<double>(sum) / unit / static_cast<double>(count)));
}

std::string mean_duration(const Mean& m,
                          const std::function<std::string(std::string_view, std::string_view)>& L) {
  if (m.count == 0) return "—";
  std::string d = L("unit", "d"), h = L("unit", "h"), mi = L("unit", "m"), gap = L("unit", "gap");
  return format_duration((m.sum + m.count / 2) / m.count / 60 * 60,
                         {d, h, mi, gap == "gap" ? " " : gap});
}

Value count_map(const std::map<std::string, std::int64_t>& m) {
  Value v = Value::map();
  for (const auto& [key, n] : m) v.set_plain(key.empty() ? "-" : key, num(n));
  return v;
}

Chart count_chart(std::string title, const std::map<std::string, std::int64_t>& m,
                  const std::function<std::string(const std::string&)>& name) {
  Chart c{std::move(title), {}, std::nullopt, 0};
  for (const auto& [key, n] : m) c.bars.push_back({name(key), double(n), num(n)});
  return c;
}

Ratio complaint_rate(const Measures& m) {
  auto count = [&](const char* key) {
    auto it = m.counts.find(key);
    return it == m.counts.end() ? std::int64_t{0} : it->second;
  };
  return {count("complaints.substantiated"), count("tickets.received")};
}

namespace {

// The targets (SPEC §8): each a share the sections measured, at least (or, for the complaint
// rate, below) its target in %.
struct Target {
  const char* key;    ///< in the figures
  const char* label;  ///< its head label
  Ratio value;
  int target;
  bool below;
  /// Met; nullopt when the share has nothing to count.
  std::optional<bool> met() const {
    if (value.den == 0) return std::nullopt;
    return below ? value.num * 100 < target * value.den : value.num * 100 >= target * value.den;
  }
};

std::vector<Target> targets_of(const Sections& sections, const Settings& s) {
  Measures m;
  for (const auto& section : sections) section->measure(m);
  auto share = [&](const char* key) {
    auto it = m.shares.find(key);
    return it == m.shares.end() ? Ratio{} : it->second;
  };
  return {
      {"on_time", "on_time", share("on_time"), s.targets.on_time, false},
      {"satisfaction", "satisfaction_rate", share("satisfaction"), s.targets.satisfaction, false},
      {"complaint_rate", "complaint_rate", complaint_rate(m), s.targets.complaint_rate, true}};
}

}  // namespace

Value figures_value(const Period& p, const Sections& sections, const Settings& s) {
  Value v = Value::map();
  v.set("period", period_value(p));
  for (const auto& section : sections) v.set(section->key(), section->figures());
  Value targets = Value::map();
  for (const Target& t : targets_of(sections, s)) {
    Value tv = Value::map();
    tv.set("value", rate_value(t.value.num, t.value.den));
    tv.set("target", rate_value(t.target, 100));
    auto met = t.met();
    tv.set_plain("met", !met ? "null" : *met ? "true" : "false");
    targets.set(t.key, std::move(tv));
  }
  v.set("targets", std::move(targets));
  return v;
}

namespace {

// "+2.5" percentage points from `before` to `now`; "—" when either has nothing to count.
std::string change_text(const Ratio& now, const Ratio& before, const Labeler& L) {
  if (now.den == 0 || before.den == 0) return "—";
  double points = 100.0 * (static_cast<double>(now.num) / static_cast<double>(now.den) -
                           static_cast<double>(before.num) / static_cast<double>(before.den));
  std::string shown = fmt::format("{:+.1f}", points);
  if (shown == "-0.0") shown = "+0.0";
  return fmt::format("{} {}", shown, L("head", "points"));
}

}  // namespace

ReportDoc figures_doc(const Period& p, const Sections& sections, const Settings& s,
                      const std::string& title, const Labeler& L, const Sections* before) {
  ReportDoc doc;
  doc.title = fmt::format("{} {}", title, p.name);
  doc.subtitle = fmt::format("{} – {}", p.first, p.last);
  doc.office = s.office;
  for (const auto& section : sections) doc.blocks.push_back(section->block(L));
  Block targets;
  targets.title = L("head", "targets");
  targets.heads = {L("head", "metric"), L("head", "value")};
  if (before) targets.heads.push_back(L("head", "before"));
  targets.heads.push_back(L("head", "target"));
  targets.heads.push_back(L("head", "verdict"));
  const std::vector<Target> now = targets_of(sections, s);
  const std::vector<Target> then = before ? targets_of(*before, s) : std::vector<Target>{};
  for (size_t i = 0; i < now.size(); ++i) {
    const Target& t = now[i];
    auto met = t.met();
    std::string verdict =
        !met ? std::string("—") : L("head", *met ? "target_met" : "target_missed");
    std::string target = fmt::format("{} {}%", t.below ? "<" : "≥", t.target);
    std::vector<std::string> row = {L("head", t.label), rate_text(t.value.num, t.value.den)};
    if (before) {
      row.push_back(rate_text(then[i].value.num, then[i].value.den));
      doc.headline.push_back({L("head", t.label), rate_text(t.value.num, t.value.den), row.back(),
                              change_text(t.value, then[i].value, L), target, verdict, met});
    }
    row.push_back(target);
    row.push_back(verdict);
    targets.rows.push_back(std::move(row));
  }
  doc.blocks.push_back(std::move(targets));
  if (before)
    doc.headline_heads = {L("head", "metric"), L("head", "value"),  L("head", "before"),
                          L("head", "change"), L("head", "target"), L("head", "verdict")};
  doc.target_line = L("head", "target_line");
  return doc;
}

void add_trends(ReportDoc& doc, const std::vector<std::pair<Period, const Sections*>>& history,
                const Settings& s, const Labeler& L) {
  doc.trends_title = L("head", "trend");
  for (size_t i = 0; !history.empty() && i < targets_of(*history.back().second, s).size(); ++i) {
    Trend trend;
    for (const auto& [period, sections] : history) {
      const Target t = targets_of(*sections, s)[i];
      trend.title = L("head", t.label);
      trend.target = t.target;
      trend.periods.push_back(period.name);
      trend.values.push_back(t.value.den
                                 ? std::optional<double>(100.0 * static_cast<double>(t.value.num) /
                                                         static_cast<double>(t.value.den))
                                 : std::nullopt);
    }
    doc.trends.push_back(std::move(trend));
  }
}

Review technician_review(const Period& p,
                         const std::vector<std::unique_ptr<PersonColumns>>& columns,
                         const std::string& title, const Labeler& L) {
  // Everyone with a figure in any kind's columns, by name.
  std::vector<std::string> people;
  for (const auto& c : columns)
    for (auto& who : c->people()) people.push_back(std::move(who));
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  Block table;
  table.title = L("head", "assignee");
  table.heads = {L("head", "assignee")};
  for (const auto& c : columns)
    for (auto& head : c->heads(L)) table.heads.push_back(std::move(head));
  Value list = Value::list();
  for (const auto& who : people) {
    Value v = Value::map();
    v.set_text("technician", who);
    std::vector<std::string> row = {who};
    for (const auto& c : columns) c->person(who, v, row);
    list.push(std::move(v));
    table.rows.push_back(std::move(row));
  }
  for (const auto& c : columns)
    for (auto& chart : c->charts(people, L)) table.charts.push_back(std::move(chart));
  Review r;
  r.doc.title = fmt::format("{} {}", title, p.name);
  r.doc.subtitle = fmt::format("{} – {}", p.first, p.last);
  r.doc.blocks.push_back(std::move(table));
  r.figures = Value::map();
  r.figures.set("period", period_value(p));
  r.figures.set("technicians", std::move(list));
  return r;
}

std::vector<Recurrence> ranked(const std::map<std::string, Recurrence>& seen) {
  std::vector<Recurrence> out;
  for (const auto& [key, r] : seen)
    if (r.total >= 2) out.push_back(r);
  std::stable_sort(out.begin(), out.end(),
                   [](const Recurrence& a, const Recurrence& b) { return a.total > b.total; });
  return out;
}

}  // namespace svc::report
