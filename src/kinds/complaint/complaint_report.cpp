// The complaints' part of the periodic reports (SPEC §8): received, substantiated, closed in
// time, by category and department.
#include <fmt/format.h>

#include "svc/domain/complaint.hpp"

namespace svc::complaint {

namespace {

std::optional<Time> time_of(const Value& fields, const char* key, int offset_s) {
  const std::string s = fields.get(key);
  return s.empty() ? std::nullopt : parse_time(s, offset_s);
}

}  // namespace

Report::Report(const Settings& s, report::Period p) : settings_(s), period_(std::move(p)) {}

void Report::add(const Record& r) {
  const Value& f = r.fields;
  const int off = settings_.calendar.utc_offset_s;
  auto registered = time_of(f, "registered", off);
  if (!registered || !period_.contains(*registered)) return;
  ++totals_.received;
  ++totals_.by_category[f.get("category")];
  const std::string status = f.get("status");
  // Substantiated: routed to a department and not rejected (SPEC §8).
  if (!f.get("dept").empty() && status != "rejected") {
    ++totals_.substantiated;
    ++totals_.by_dept[f.get("dept")];
  }
  if (status != "closed") return;
  ++totals_.closed;
  bool in_time = false;
  for (const auto& st : record::step_states(rules(), f, period_.end, off))
    if (st.step == "close") in_time = st.on_time();
  totals_.closed_in_time.add(in_time);
  if (auto closed = time_of(f, "closed", off)) totals_.handling_s.add(*closed - *registered);
}

Value Report::figures() const {
  using report::num;
  const PeriodFigures& c = totals_;
  Value v = Value::map();
  v.set_plain("received", num(c.received));
  v.set_plain("closed", num(c.closed));
  v.set_plain("substantiated", num(c.substantiated));
  v.set("by_category", report::count_map(c.by_category));
  v.set("by_dept", report::count_map(c.by_dept));
  v.set("closed_in_time", report::rate_value(c.closed_in_time.num, c.closed_in_time.den));
  v.set("mean_handling_days", report::mean_value(c.handling_s.sum, c.handling_s.count, 86400));
  return v;
}

report::Block Report::block(const report::Labeler& L) const {
  const PeriodFigures& c = totals_;
  auto head = [&](const char* key) { return L("head", key); };
  report::Block b;
  b.title = head("complaints");
  b.lines.push_back(fmt::format("{} {}  {} {}  {} {}  {} {}  {} {}", head("received_count"),
                                c.received, head("closed_count"), c.closed, head("substantiated"),
                                c.substantiated, head("closed_in_time"),
                                report::rate_text(c.closed_in_time.num, c.closed_in_time.den),
                                head("mean_handling"), report::mean_duration(c.handling_s, L)));
  auto cats = report::count_chart(head("by_category"), c.by_category, [&](const std::string& k) {
    return category_label(settings_, k);
  });
  auto depts =
      report::count_chart(head("by_dept"), c.by_dept, [](const std::string& k) { return k; });
  for (report::Chart* ch : {&cats, &depts})
    if (!ch->bars.empty()) b.charts.push_back(*ch);
  return b;
}

void Report::measure(report::Measures& m) const {
  m.counts["complaints.substantiated"] = totals_.substantiated;
}

}  // namespace svc::complaint
