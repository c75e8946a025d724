// The ledger's replay: balances at any instant from the movements alone (SPEC §11).
#include <algorithm>
#include <cstdlib>

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
