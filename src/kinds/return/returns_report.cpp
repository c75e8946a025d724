// The returns' part of the periodic reports (SPEC §8): received, by outcome, credited.
#include <fmt/format.h>

#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/returns.hpp"

namespace svc::returns {

Report::Report(const Settings& s, report::Period p) : settings_(s), period_(std::move(p)) {}

void Report::add(const Record& r) {
  const Value& f = r.fields;
  const std::string at = f.get("registered");
  auto registered = at.empty() ? std::nullopt : parse_time(at, settings_.calendar.utc_offset_s);
  if (!registered || !period_.contains(*registered)) return;
  ++totals_.received;
  const Value* o = f.find("override");
  const Value* d = f.find("decision");
  ++totals_.by_outcome[o ? o->get("outcome") : d ? d->get("outcome") : ""];
  if (const Value* c = f.find("credit"))
    if (auto cents = parse_hundredths(c->get("amount"))) {
      auto total = plus(totals_.credited_cents, *cents);
      if (!total)
        throw data_error(fmt::format("{}: credits add up to more than svc can count", r.id));
      totals_.credited_cents = *total;
    }
}

Value Report::figures() const {
  Value v = Value::map();
  v.set_plain("received", report::num(totals_.received));
  v.set("by_outcome", report::count_map(totals_.by_outcome));
  v.set_text("credited", format_money(totals_.credited_cents));  // money: a string in JSON
  return v;
}

report::Block Report::block(const report::Labeler& L) const {
  report::Block b;
  b.title = L("head", "returns");
  b.lines.push_back(fmt::format("{} {}  {} {}", L("head", "received_count"), totals_.received,
                                L("head", "credited"), format_money(totals_.credited_cents)));
  auto outcomes = report::count_chart(L("head", "by_outcome"), totals_.by_outcome,
                                      [&](const std::string& k) { return L("outcome", k); });
  if (!outcomes.bars.empty()) b.charts.push_back(outcomes);
  return b;
}

}  // namespace svc::returns
