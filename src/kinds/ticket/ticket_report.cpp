// The tickets' part of the reports: the period's calls, deadlines, backlog (SPEC §8) and each
// technician's month (seed 004 Ⅷ 二十三).
#include <fmt/format.h>

#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/schema.hpp"
#include "svc/domain/ticket.hpp"

namespace svc::ticket {

namespace {

using report::Ratio;

std::optional<Time> time_of(const Value& fields, const char* key, int offset_s) {
  const std::string s = fields.get(key);
  return s.empty() ? std::nullopt : parse_time(s, offset_s);
}

const StepState* state_of(const std::vector<StepState>& states, std::string_view step) {
  for (const auto& s : states)
    if (s.step == step) return &s;
  return nullptr;
}

// The steps the reports count, with their figures.
struct Counted {
  const char* step;
  Ratio PeriodFigures::*on_time;
  report::Mean PeriodFigures::*mean;
};
constexpr Counted kCounted[] = {
    {"respond", &PeriodFigures::respond, &PeriodFigures::respond_s},
    {"arrive", &PeriodFigures::arrive, &PeriodFigures::arrive_s},
    {"resolve", &PeriodFigures::resolve, &PeriodFigures::resolve_s},
};

}  // namespace

Report::Report(const Settings& s, report::Period p) : settings_(s), period_(std::move(p)) {}

void Report::add(const Record& r) {
  const Value& f = r.fields;
  const int off = settings_.calendar.utc_offset_s;
  auto registered = time_of(f, "registered", off);
  if (!registered) return;
  const std::string status = f.get("status");
  const std::string tech = f.get("assignee");
  const KindRules& k = rules();
  // Every step judged once, by the one function every view uses, at the period's end (a step
  // still to do then is not met); a step the call never had (no visit) or that it left before
  // its deadline came is not counted at all.
  const auto states = record::step_states(k, f, period_.end, off);
  for (const Counted& c : kCounted) {
    const StepState* st = state_of(states, c.step);
    if (!st || !st->counted() || !period_.contains(st->due)) continue;
    (totals_.*c.on_time).add(st->on_time());
    if (std::string_view(c.step) == "arrive" && !tech.empty())
      technicians_[tech].arrive.add(st->on_time());
  }
  // Open at the end of the period, and overdue then: the history replayed up to that instant.
  if (*registered < period_.end && record::open_at(k, r, period_.end - 1)) {
    ++totals_.backlog;
    Value replayed;
    const Value& then = record::changed_after(r, period_.end - 1)
                            ? (replayed = report::as_of(k, r, period_.end))
                            : f;
    if (!record::overdue_steps(record::step_states(k, then, period_.end, off)).empty())
      ++totals_.overdue;
  }
  if (!period_.contains(*registered)) return;
  ++totals_.received;
  ++totals_.by_kind[f.get("kind")];
  ++totals_.by_class[f.get("service_class")];
  ++totals_.per_day[format_date(local_day(*registered, off))];
  if (status == "closed") ++totals_.closed;
  if (status == "cancelled") ++totals_.cancelled;
  for (const Counted& c : kCounted)
    if (const StepState* st = state_of(states, c.step); st && st->done)
      (totals_.*c.mean).add(*st->done - *registered);
  if (tech.empty()) return;
  TechnicianFigures& t = technicians_[tech];
  ++t.calls;
  if (status == "closed") ++t.closed;
  if (auto hours = parse_hundredths(f.get("labour_hours"))) t.labour_hundredths += *hours;
  // A record is only added once validated: every value here is of its type (SPEC §1).
  if (const Value* parts = f.find("parts"))
    for (const auto& part : parts->items) {
      std::int64_t qty = parse_whole(part.get("qty")).value_or(0);
      auto pieces = plus(t.parts, qty);
      auto price = parse_hundredths(part.get("price"));
      auto amount = price ? times(*price, qty) : std::optional<std::int64_t>(0);
      auto total = amount ? plus(t.parts_cents, *amount) : std::nullopt;
      if (!pieces || !total)
        throw data_error(fmt::format("{}: its parts come to more than svc can count ({} at most)",
                                     r.id, format_money(kMaxCents)));
      t.parts = *pieces;
      t.parts_cents = *total;
    }
}

Value Report::figures() const {
  using report::num;
  const PeriodFigures& t = totals_;
  Value v = Value::map();
  v.set_plain("received", num(t.received));
  v.set_plain("closed", num(t.closed));
  v.set_plain("cancelled", num(t.cancelled));
  v.set("by_kind", report::count_map(t.by_kind));
  v.set("by_class", report::count_map(t.by_class));
  Value on_time = Value::map(), deadlines = Value::map(), means = Value::map();
  for (const Counted& c : kCounted) {
    const Ratio& r = t.*c.on_time;
    on_time.set(c.step, report::rate_value(r.num, r.den));
    Value d = Value::map();
    d.set_plain("due", num(r.den));
    d.set_plain("met", num(r.num));
    deadlines.set(c.step, std::move(d));
    means.set(c.step, report::mean_value((t.*c.mean).sum, (t.*c.mean).count, 60));
  }
  v.set("on_time", std::move(on_time));
  v.set("deadlines", std::move(deadlines));
  v.set("mean_minutes", std::move(means));
  v.set_plain("backlog", num(t.backlog));
  v.set_plain("overdue", num(t.overdue));
  return v;
}

report::Block Report::block(const report::Labeler& L) const {
  using report::num;
  const PeriodFigures& t = totals_;
  auto head = [&](const char* key) { return L("head", key); };
  auto pct = [](const Ratio& r) { return report::rate_text(r.num, r.den); };
  report::Block b;
  b.title = head("tickets");
  b.lines.push_back(fmt::format("{} {}  {} {}  {} {}  {} {}  {} {}", head("received_count"),
                                t.received, head("closed_count"), t.closed, head("cancelled"),
                                t.cancelled, head("backlog"), t.backlog, head("overdue_end"),
                                t.overdue));
  b.heads = {head("deadline"), head("due_in_period"), head("met"), head("on_time"),
             head("mean_time")};
  for (const Counted& c : kCounted) {
    const Ratio& r = t.*c.on_time;
    b.rows.push_back(
        {L("step", c.step), num(r.den), num(r.num), pct(r), report::mean_duration(t.*c.mean, L)});
  }
  report::Chart per_day{head("per_day"), {}, std::nullopt, 0};
  for (const auto& [day, n] : t.per_day) per_day.bars.push_back({day.substr(5), double(n), num(n)});
  report::Chart on_time{head("on_time_vs_target"), {}, double(settings_.targets.on_time), 100};
  for (const Counted& c : kCounted) {
    const Ratio& r = t.*c.on_time;
    on_time.bars.push_back(
        {L("step", c.step), r.den ? 100.0 * double(r.num) / double(r.den) : 0, pct(r)});
  }
  auto kinds = report::count_chart(head("by_kind"), t.by_kind,
                                   [&](const std::string& k) { return L("kind", k); });
  auto classes = report::count_chart(head("by_class"), t.by_class,
                                     [&](const std::string& k) { return L("class", k); });
  for (report::Chart* c : {&per_day, &on_time, &kinds, &classes})
    if (!c->bars.empty()) b.charts.push_back(*c);
  return b;
}

void Report::measure(report::Measures& m) const {
  m.shares["on_time"] = totals_.arrive;
  m.counts["tickets.received"] = totals_.received;
}

std::vector<std::string> Report::people() const {
  std::vector<std::string> out;
  for (const auto& [who, f] : technicians_) out.push_back(who);
  return out;
}

std::vector<std::string> Report::heads(const report::Labeler& L) const {
  std::vector<std::string> out;
  for (const char* key : {"calls", "closed_count", "arrive_on_time", "labour_hours", "parts"})
    out.push_back(L("head", key));
  return out;
}

void Report::person(const std::string& who, Value& v, std::vector<std::string>& row) const {
  using report::num;
  TechnicianFigures f;
  if (auto it = technicians_.find(who); it != technicians_.end()) f = it->second;
  v.set_plain("calls", num(f.calls));
  v.set_plain("closed", num(f.closed));
  Value arrive = Value::map();
  arrive.set_plain("due", num(f.arrive.den));
  arrive.set_plain("met", num(f.arrive.num));
  arrive.set("rate", report::rate_value(f.arrive.num, f.arrive.den));
  v.set("arrive", std::move(arrive));
  v.set_plain("labour_hours", format_money(f.labour_hundredths));
  v.set_plain("parts", num(f.parts));
  v.set_text("parts_amount", format_money(f.parts_cents));  // money: a string in JSON
  for (std::string cell :
       {num(f.calls), num(f.closed), report::rate_text(f.arrive.num, f.arrive.den),
        format_money(f.labour_hundredths), num(f.parts)})
    row.push_back(std::move(cell));
}

}  // namespace svc::ticket
