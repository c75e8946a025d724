// The parts' section of the periodic reports (SPEC §11): the ledger replayed to the period's end.
#include <fmt/format.h>

#include "svc/domain/decimal.hpp"
#include "svc/domain/parts.hpp"
#include "svc/domain/voids.hpp"

namespace svc::parts {

namespace {

std::int64_t money(const Value& v, const char* key) {
  return parse_hundredths(v.get(key)).value_or(0);
}

std::optional<Time> time_of(const std::string& stored, int offset_s) {
  return stored.empty() ? std::nullopt : parse_time(stored, offset_s);
}

}  // namespace

Report::Report(const Settings& s, report::Period p) : settings_(s), period_(std::move(p)) {}

void Report::add(const Record& r) {
  const int off = settings_.calendar.utc_offset_s;
  auto registered = time_of(r.fields.get("registered"), off);
  if (!registered || *registered >= period_.end) return;
  std::vector<Movement> moves = slip_movements(r, off);
  if (record::standing(r.history).empty()) return;
  const std::string type = r.fields.get("type");
  type_of_[r.id] = type;
  moves_.insert(moves_.end(), moves.begin(), moves.end());
  if (type != "claim" || moves.empty()) return;
  // The claim as it stood at the period's end: sent in it, answered, credited.
  const bool sent_in = period_.contains(*registered);
  if (sent_in) claims_.claimed += money(r.fields, "amount");
  std::string status = "sent";
  for (const Event& e : record::standing(r.history)) {
    auto at = time_of(e.at, off);
    if (!at || *at >= period_.end) continue;
    if (e.action == "answer") {
      status = e.data.find("accepted") ? "accepted" : "rejected";
      if (status == "accepted" && period_.contains(*at)) ++claims_.claims_accepted;
    } else if (e.action == "credit") {
      status = "credited";
      if (period_.contains(*at)) claims_.recovered += money(e.data, "amount");
    }
  }
  if (status == "sent" || status == "accepted") ++claims_.claims_open;
}

void Report::add_other(const KindRules& kind, const Record& r) {
  if (kind.noun != "ticket") return;
  std::vector<Movement> moves = ticket_movements(r, settings_.calendar.utc_offset_s);
  if (moves.empty()) return;
  class_of_[r.id] = r.fields.get("service_class");
  moves_.insert(moves_.end(), moves.begin(), moves.end());
}

const PeriodFigures& Report::totals() const {
  if (totals_) return *totals_;
  PeriodFigures t = claims_;
  Ledger l = replay(moves_, period_.end - 1, [&](const Posted& p) {
    const Movement& m = p.move;
    if (!period_.contains(m.at)) return;
    auto add = [&](Amount& a) {
      a.qty += m.qty;
      a.value += p.value;
    };
    auto type = type_of_.find(m.slip);
    if (type != type_of_.end()) {
      if (type->second == "receive") add(t.received);
      if (type->second == "issue") add(t.issued);
    } else if (m.to == "customer") {
      auto cls = class_of_.find(m.slip);
      add(t.consumed[cls == class_of_.end() ? "" : cls->second]);
    }
    if (m.to.starts_with("station:")) add(t.station_in[m.to.substr(8)]);
  });
  for (const auto& [key, h] : l.holdings)
    if (key.first.starts_with("station:") && h.qty != 0) {
      Amount& a = t.station_end[key.first.substr(8)];
      a.qty += h.qty;
      a.value += h.value;
    }
  for (const OldDue& o : old_parts(l, settings_.calendar.utc_offset_s)) {
    t.old_held += o.lot.qty;
    if (o.due <= period_.end) t.old_pending += o.lot.qty;
  }
  totals_ = std::move(t);
  return *totals_;
}

namespace {

Value amount_value(const Amount& a) {
  Value v = Value::map();
  v.set_plain("qty", report::num(a.qty));
  v.set_text("value", format_money(a.value));
  return v;
}

std::string amount_text(const Amount& a) {
  return fmt::format("{} / {}", a.qty, format_money(a.value));
}

}  // namespace

Value Report::figures() const {
  const PeriodFigures& t = totals();
  Value v = Value::map();
  v.set("received", amount_value(t.received));
  v.set("issued", amount_value(t.issued));
  Value consumed = Value::map();
  for (const auto& [cls, a] : t.consumed) consumed.set(cls.empty() ? "-" : cls, amount_value(a));
  v.set("consumed", std::move(consumed));
  v.set_plain("old_pending", report::num(t.old_pending));
  v.set_plain("old_held", report::num(t.old_held));
  Value claims = Value::map();
  claims.set_plain("open", report::num(t.claims_open));
  claims.set_plain("accepted", report::num(t.claims_accepted));
  claims.set_text("claimed", format_money(t.claimed));
  claims.set_text("recovered", format_money(t.recovered));
  v.set("claims", std::move(claims));
  Value stations = Value::list();
  std::set<std::string> codes;
  for (const auto& [code, a] : t.station_in) codes.insert(code);
  for (const auto& [code, a] : t.station_end) codes.insert(code);
  for (const auto& code : codes) {
    Value s = Value::map();
    s.set_text("station", code);
    auto in = t.station_in.find(code);
    auto end = t.station_end.find(code);
    s.set("received", amount_value(in == t.station_in.end() ? Amount{} : in->second));
    s.set("held", amount_value(end == t.station_end.end() ? Amount{} : end->second));
    stations.push(std::move(s));
  }
  v.set("stations", std::move(stations));
  return v;
}

report::Block Report::block(const report::Labeler& L) const {
  const PeriodFigures& t = totals();
  report::Block b;
  b.title = L("head", "parts_report");
  b.lines.push_back(fmt::format("{} {}  {} {}", L("head", "parts_received"),
                                amount_text(t.received), L("head", "parts_issued"),
                                amount_text(t.issued)));
  std::vector<std::string> consumed;
  for (const auto& [cls, a] : t.consumed)
    consumed.push_back(fmt::format("{} {}", cls.empty() ? "-" : L("class", cls), amount_text(a)));
  b.lines.push_back(
      fmt::format("{}  {}", L("head", "parts_consumed"),
                  consumed.empty() ? "0" : fmt::format("{}", fmt::join(consumed, "  "))));
  b.lines.push_back(fmt::format("{} {}  {} {}", L("head", "old_pending"), t.old_pending,
                                L("head", "old_held"), t.old_held));
  b.lines.push_back(fmt::format("{} {}  {} {}  {} {}  {} {}", L("head", "claims_open"),
                                t.claims_open, L("head", "claims_accepted"), t.claims_accepted,
                                L("head", "claimed"), format_money(t.claimed),
                                L("head", "recovered"), format_money(t.recovered)));
  if (!t.station_in.empty() || !t.station_end.empty()) {
    b.heads = {L("head", "station"), L("head", "parts_received"), L("head", "parts_held")};
    std::set<std::string> codes;
    for (const auto& [code, a] : t.station_in) codes.insert(code);
    for (const auto& [code, a] : t.station_end) codes.insert(code);
    for (const auto& code : codes) {
      auto in = t.station_in.find(code);
      auto end = t.station_end.find(code);
      b.rows.push_back({code, amount_text(in == t.station_in.end() ? Amount{} : in->second),
                        amount_text(end == t.station_end.end() ? Amount{} : end->second)});
    }
  }
  return b;
}

Columns::Columns(const Settings& s, report::Period p) : settings_(s), period_(std::move(p)) {}

void Columns::add(const Record& r) {
  auto moves = slip_movements(r, settings_.calendar.utc_offset_s);
  moves_.insert(moves_.end(), moves.begin(), moves.end());
}

void Columns::add_other(const KindRules& kind, const Record& r) {
  if (kind.noun != "ticket") return;
  auto moves = ticket_movements(r, settings_.calendar.utc_offset_s);
  moves_.insert(moves_.end(), moves.begin(), moves.end());
}

const std::map<std::string, Amount>& Columns::used() const {
  if (used_) return *used_;
  std::map<std::string, Amount> out;
  replay(moves_, period_.end - 1, [&](const Posted& p) {
    if (p.move.to == "customer" && !p.move.person.empty() && period_.contains(p.move.at)) {
      Amount& a = out[p.move.person];
      a.qty += p.move.qty;
      a.value += p.value;
    }
  });
  used_ = std::move(out);
  return *used_;
}

std::vector<std::string> Columns::people() const {
  std::vector<std::string> out;
  for (const auto& [who, a] : used()) out.push_back(who);
  return out;
}

std::vector<std::string> Columns::heads(const report::Labeler& L) const {
  return {L("head", "parts_used"), L("head", "parts_cost")};
}

void Columns::person(const std::string& who, Value& figures, std::vector<std::string>& row) const {
  auto it = used().find(who);
  Amount a = it == used().end() ? Amount{} : it->second;
  figures.set_plain("parts_used", report::num(a.qty));
  figures.set_text("parts_cost", format_money(a.value));
  row.push_back(report::num(a.qty));
  row.push_back(format_money(a.value));
}

}  // namespace svc::parts
