// The figures of the periodic reports (SPEC §8).
#include "svc/domain/report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/complaint.hpp"
#include "svc/domain/ticket.hpp"

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

std::optional<Time> time_of(const Value& fields, const char* key, int offset_s) {
  const std::string s = fields.get(key);
  return s.empty() ? std::nullopt : parse_time(s, offset_s);
}

// The verdict of one step, from the one function every view uses (record::step_states).
const StepState* state_of(const std::vector<StepState>& states, std::string_view step) {
  for (const auto& s : states)
    if (s.step == step) return &s;
  return nullptr;
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
  auto first = q.size() == 6 && q[4] == 'Q' && q[5] >= '1' && q[5] <= '4'
                   ? parse_date(fmt::format("{}-{:02}-01", q.substr(0, 4), (q[5] - '1') * 3 + 1))
                   : std::nullopt;
  if (!first) throw usage_error(fmt::format("--quarter '{}' is not like 2026Q4", q));
  return from_days(q, day_from_date(*first), day_from_date(add_months(*first, 3)) - 1, offset_s);
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

Builder::Builder(const Settings& s, Period p) : settings_(s), period_(std::move(p)), surveys_(s) {}

void Builder::add_ticket(const Record& r) {
  const Value& f = r.fields;
  const int off = settings_.calendar.utc_offset_s;
  auto registered = time_of(f, "registered", off);
  if (!registered) return;
  const std::string status = f.get("status");
  const std::string tech = f.get("assignee");
  const KindRules& k = ticket::rules();
  // Every step judged once, by the one function every view uses, at the period's end (a step
  // still to do then is not met); a step the call never had (no visit) or that it left before
  // its deadline came is not counted at all.
  const auto states = record::step_states(k, f, period_.end, off);
  struct Step {
    std::string_view name;
    Ratio& on_time;
    Mean& mean;
  } steps[] = {{"respond", tickets_.respond, tickets_.respond_s},
               {"arrive", tickets_.arrive, tickets_.arrive_s},
               {"resolve", tickets_.resolve, tickets_.resolve_s}};
  for (const Step& s : steps) {
    const StepState* st = state_of(states, s.name);
    if (!st || !st->counted() || !period_.contains(st->due)) continue;
    s.on_time.add(st->on_time());
    if (s.name == "arrive" && !tech.empty()) technicians_[tech].arrive.add(st->on_time());
  }
  // Open at the end of the period, and overdue then: the history replayed up to that instant.
  if (*registered < period_.end && record::open_at(k, r, period_.end - 1)) {
    ++tickets_.backlog;
    Value replayed;
    const Value& then =
        record::changed_after(r, period_.end - 1) ? (replayed = as_of(k, r, period_.end)) : f;
    if (!record::overdue_steps(record::step_states(k, then, period_.end, off)).empty())
      ++tickets_.overdue;
  }
  if (!period_.contains(*registered)) return;
  ++tickets_.received;
  ++tickets_.by_kind[f.get("kind")];
  ++tickets_.by_class[f.get("service_class")];
  ++tickets_.per_day[format_date(local_day(*registered, off))];
  if (status == "closed") ++tickets_.closed;
  if (status == "cancelled") ++tickets_.cancelled;
  for (const Step& s : steps)
    if (const StepState* st = state_of(states, s.name); st && st->done)
      s.mean.add(*st->done - *registered);
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

void Builder::add_complaint(const Record& r) {
  const Value& f = r.fields;
  const int off = settings_.calendar.utc_offset_s;
  auto registered = time_of(f, "registered", off);
  if (!registered || !period_.contains(*registered)) return;
  ++complaints_.received;
  ++complaints_.by_category[f.get("category")];
  const std::string status = f.get("status");
  // Substantiated: routed to a department and not rejected (SPEC §8).
  if (!f.get("dept").empty() && status != "rejected") {
    ++complaints_.substantiated;
    ++complaints_.by_dept[f.get("dept")];
  }
  if (status != "closed") return;
  ++complaints_.closed;
  const auto states = record::step_states(complaint::rules(), f, period_.end, off);
  const StepState* close = state_of(states, "close");
  complaints_.closed_in_time.add(close && close->on_time());
  if (auto closed = time_of(f, "closed", off)) complaints_.handling_s.add(*closed - *registered);
}

void Builder::add_return(const Record& r) {
  const Value& f = r.fields;
  auto registered = time_of(f, "registered", settings_.calendar.utc_offset_s);
  if (!registered || !period_.contains(*registered)) return;
  ++returns_.received;
  const Value* o = f.find("override");
  const Value* d = f.find("decision");
  ++returns_.by_outcome[o ? o->get("outcome") : d ? d->get("outcome") : ""];
  if (const Value* c = f.find("credit"))
    if (auto cents = parse_hundredths(c->get("amount"))) {
      auto total = plus(returns_.credited_cents, *cents);
      if (!total) throw data_error(fmt::format("{}: credits add up to more than svc can count", r.id));
      returns_.credited_cents = *total;
    }
}

void Builder::add_survey(const Record& r) {
  const int off = settings_.calendar.utc_offset_s;
  auto registered = time_of(r.fields, "registered", off);
  auto recorded = time_of(r.fields, "recorded", off);
  surveys_.add(r.fields, registered && period_.contains(*registered),
               recorded && period_.contains(*recorded));
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
