// The ledger's replay: balances at any instant from the movements alone (SPEC §11).
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/parts.hpp"
#include "svc/domain/voids.hpp"

namespace svc::parts {

namespace {

// value * qty / of, rounded half away from zero, in integers (money stays exact).
std::int64_t share(std::int64_t value, std::int64_t qty, std::int64_t of) {
  if (of == 0) return 0;
  std::int64_t n = value * qty * 2, d = of * 2;
  return (n + (n >= 0 ? of : -of)) / d;
}

}  // namespace

bool is_internal(const std::string& location) {
  return location == "store" || location == "old" || location.rfind("store:", 0) == 0 ||
         location.rfind("station:", 0) == 0 || location.rfind("tech:", 0) == 0;
}

Ledger replay(std::vector<Movement> moves, std::optional<Time> until) {
  std::stable_sort(moves.begin(), moves.end(),
                   [](const Movement& a, const Movement& b) { return a.at < b.at; });
  Ledger l;
  for (Movement m : moves) {
    if (until && m.at > *until) break;
    bool fell_back = false;
    if (!m.fallback.empty() && l.holdings[{m.from, m.part}].qty < m.qty) {
      m.from = m.fallback;
      fell_back = true;
    }
    Holding& from = l.holdings[{m.from, m.part}];
    // What leaves: the unit cost a receive names, else the holding's average share.
    std::int64_t value = 0;
    if (m.unit_cost)
      value = *m.unit_cost * m.qty;
    else if (from.qty > 0 && m.qty >= from.qty)
      value = from.value + (m.qty - from.qty) * from.unit_cost;
    else if (from.qty > 0)
      value = share(from.value, m.qty, from.qty);
    else
      value = m.qty * from.unit_cost;
    from.qty -= m.qty;
    from.value -= value;
    if (from.qty > 0) from.unit_cost = share(from.value, 1, from.qty);
    if (from.qty == 0) from.value = 0;
    if (from.qty < 0 && is_internal(m.from))
      l.shortfalls.push_back({m.from, m.part, m.slip, m.at, from.qty});
    Holding& to = l.holdings[{m.to, m.part}];
    to.qty += m.qty;
    to.value += value;
    if (to.qty > 0) to.unit_cost = share(to.value, 1, to.qty);
    l.posted.push_back({m, fell_back, value, from, to});
  }
  return l;
}

std::vector<BalanceRow> balance_rows(const Ledger& l, const std::string& location,
                                     const std::string& part) {
  std::vector<BalanceRow> rows;
  for (const auto& [key, h] : l.holdings) {
    const auto& [where, what] = key;
    bool place = location.empty() || where == location ||
                 (location.back() == ':' && where.rfind(location, 0) == 0);
    if (h.qty == 0 || !place || (!part.empty() && what != part)) continue;
    rows.push_back({what, where, h.qty, h.value});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const BalanceRow& a, const BalanceRow& b) {
    return a.part != b.part ? a.part < b.part : a.location < b.location;
  });
  return rows;
}

Line parse_line(std::string_view text) {
  auto bad = [&](const std::string& why) {
    return usage_error(
        fmt::format("--line '{}': {}; write PART=QTY or PART=QTY@COST, e.g. "
                    "KX-BRG=4@12.50",
                    text, why));
  };
  size_t eq = text.rfind('=');
  if (eq == std::string_view::npos) throw bad("no quantity");
  Line l;
  l.part = std::string(text.substr(0, eq));
  while (!l.part.empty() && l.part.back() == ' ') l.part.pop_back();
  if (l.part.empty()) throw bad("no part");
  std::string_view rest = text.substr(eq + 1);
  size_t at = rest.find('@');
  std::string qty(rest.substr(0, at));
  if (qty.empty() || qty.size() > 9 || qty.find_first_not_of("0123456789") != std::string::npos ||
      std::stoll(qty) == 0)
    throw bad(fmt::format("the quantity '{}' is not a whole number above zero", qty));
  l.qty = std::stoll(qty);
  if (at != std::string_view::npos) {
    auto cost = parse_hundredths(rest.substr(at + 1));
    if (!cost || *cost < 0)
      throw bad(fmt::format("the cost '{}' is not money like 12.50", rest.substr(at + 1)));
    l.unit_cost = *cost;
  }
  return l;
}

std::vector<Movement> ticket_movements(const Record& ticket, int offset_s) {
  std::vector<Movement> out;
  std::string tech;  // the lead technician as the history stands at each event
  for (const Event& e : record::standing(ticket.history)) {
    if (e.action == "assign") tech = e.data.get("assignee");
    if (e.action != "part") continue;
    auto at = parse_time(e.at, offset_s);
    const std::string qty_text = e.data.get("qty");
    char* end = nullptr;
    long long qty = std::strtoll(qty_text.c_str(), &end, 10);
    if (!at || qty_text.empty() || *end != '\0' || qty <= 0) continue;
    Movement used{
        *at,        ticket.id, e.data.get("part"), tech.empty() ? "store" : "tech:" + tech,
        "customer", qty,       std::nullopt,       tech.empty() ? "" : "store"};
    out.push_back(used);
    if (e.data.get("old_returned") == "true")
      out.push_back({*at, ticket.id, used.part, "customer", "old", qty, std::nullopt, ""});
  }
  return out;
}

}  // namespace svc::parts
