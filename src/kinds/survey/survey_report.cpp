// The surveys' part of the reports: sent, answered and satisfaction in the periodic reports
// (SPEC §8), and each technician's visit-survey scores in the monthly review.
#include <fmt/format.h>

#include <algorithm>

#include "svc/domain/survey.hpp"

namespace svc::survey {

namespace {

std::optional<Time> time_of(const Value& fields, const char* key, int offset_s) {
  const std::string s = fields.get(key);
  return s.empty() ? std::nullopt : parse_time(s, offset_s);
}

}  // namespace

Report::Report(const Settings& s, report::Period p)
    : settings_(s), period_(std::move(p)), stats_(s) {}

void Report::add(const Record& r) {
  const int off = settings_.calendar.utc_offset_s;
  auto registered = time_of(r.fields, "registered", off);
  auto recorded = time_of(r.fields, "recorded", off);
  stats_.add(r.fields, registered && period_.contains(*registered),
             recorded && period_.contains(*recorded));
}

Value Report::figures() const {
  using report::mean_value;
  using report::num;
  using report::rate_value;
  auto all = stats_.overall();
  Value v = Value::map();
  v.set_plain("created", num(stats_.created()));
  v.set_plain("responses", num(stats_.responses()));
  v.set("response_rate", rate_value(stats_.created_recorded(), stats_.created()));
  v.set_plain("answers", num(all.answers));
  v.set_plain("positive", num(all.positive));
  v.set("satisfaction_rate", rate_value(all.positive, all.answers));
  Value items = Value::list(), techs = Value::list();
  for (const auto* ts : stats_.templates()) {
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
  v.set("items", std::move(items));
  v.set("technicians", std::move(techs));
  return v;
}

report::Block Report::block(const report::Labeler& L) const {
  using report::num;
  using report::rate_text;
  auto head = [&](const char* key) { return L("head", key); };
  auto all = stats_.overall();
  report::Block b;
  b.title = head("surveys");
  b.lines.push_back(fmt::format("{} {}  {} {}  {} {}  {} {}", head("created"), stats_.created(),
                                head("responses"), stats_.responses(), head("response_rate"),
                                rate_text(stats_.created_recorded(), stats_.created()),
                                head("satisfaction_rate"), rate_text(all.positive, all.answers)));
  report::Chart items{
      head("satisfaction_per_item"), {}, double(settings_.targets.satisfaction), 100};
  b.heads = {head("assignee"), head("responses"), head("answers"), head("satisfaction_rate"),
             head("mean")};
  const auto templates = stats_.templates();
  // An item is named with its template only when the chart holds items of two templates.
  size_t charted = 0;
  for (const auto* ts : templates)
    charted += std::any_of(ts->items.begin(), ts->items.end(),
                           [](const Tally& t) { return t.answers > 0; });
  for (const auto* ts : templates) {
    for (size_t i = 0; i < ts->tmpl->items.size(); ++i)
      if (const Tally& t = ts->items[i]; t.answers)
        items.bars.push_back({charted > 1 ? ts->tmpl->label + " · " + ts->tmpl->items[i].label
                                          : ts->tmpl->items[i].label,
                              100.0 * double(t.positive) / double(t.answers),
                              rate_text(t.positive, t.answers)});
    for (const auto& [who, f] : ts->technicians)
      b.rows.push_back({who, num(f.first), num(f.second.answers),
                        rate_text(f.second.positive, f.second.answers),
                        report::mean_text(f.second.sum, f.second.answers)});
  }
  if (b.rows.empty()) b.heads.clear();
  if (!items.bars.empty()) b.charts.push_back(items);
  return b;
}

void Report::measure(report::Measures& m) const {
  auto all = stats_.overall();
  m.shares["satisfaction"] = {all.positive, all.answers};
}

const TemplateStats* Report::visits() const {
  const SurveyTemplate* visit = settings_.surveys.find("visit");
  for (const auto* ts : stats_.templates())
    if (ts->tmpl == visit) return ts;
  return nullptr;
}

std::vector<std::string> Report::people() const {
  std::vector<std::string> out;
  if (const TemplateStats* vs = visits())
    for (const auto& [who, f] : vs->technicians) out.push_back(who);
  return out;
}

std::vector<std::string> Report::heads(const report::Labeler& L) const {
  std::vector<std::string> out = {L("head", "responses"), L("head", "satisfaction_rate")};
  if (const SurveyTemplate* visit = settings_.surveys.find("visit"))
    for (const auto& item : visit->items) out.push_back(item.label);
  return out;
}

void Report::person(const std::string& who, Value& v, std::vector<std::string>& row) const {
  const SurveyTemplate* visit = settings_.surveys.find("visit");
  std::pair<std::int64_t, Tally> rated;
  std::vector<Tally> items(visit ? visit->items.size() : 0);
  if (const TemplateStats* vs = visits()) {
    if (auto it = vs->technicians.find(who); it != vs->technicians.end()) rated = it->second;
    if (auto it = vs->technician_items.find(who); it != vs->technician_items.end())
      items = it->second;
  }
  Value sv = Value::map();
  sv.set_plain("responses", report::num(rated.first));
  sv.set_plain("answers", report::num(rated.second.answers));
  sv.set("satisfaction_rate", report::rate_value(rated.second.positive, rated.second.answers));
  row.push_back(report::num(rated.first));
  row.push_back(report::rate_text(rated.second.positive, rated.second.answers));
  Value means = Value::map();
  for (size_t i = 0; i < items.size(); ++i) {
    means.set(visit->items[i].key, report::mean_value(items[i].sum, items[i].answers));
    row.push_back(report::mean_text(items[i].sum, items[i].answers));
  }
  sv.set("items", std::move(means));
  v.set("surveys", std::move(sv));
}

std::vector<report::Chart> Report::charts(const std::vector<std::string>& people,
                                          const report::Labeler& L) const {
  report::Chart scores{
      L("head", "satisfaction_rate"), {}, double(settings_.targets.satisfaction), 100};
  const TemplateStats* vs = visits();
  for (const auto& who : people) {
    auto it = vs ? vs->technicians.find(who)
                 : std::map<std::string, std::pair<std::int64_t, Tally>>::const_iterator{};
    if (!vs || it == vs->technicians.end() || it->second.second.answers == 0) continue;
    const Tally& t = it->second.second;
    scores.bars.push_back({who, 100.0 * double(t.positive) / double(t.answers),
                           report::rate_text(t.positive, t.answers)});
  }
  if (scores.bars.empty()) return {};
  return {scores};
}

}  // namespace svc::survey
