// The ledger's replay: balances at any instant from the movements alone (SPEC §11).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>

#include "svc/calendar/time.hpp"
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

namespace {

// At one instant: what comes in from outside first, moves between own locations next, what
// goes out last; so no order of reading makes a holding dip below zero in between.
// An old part comes back after the new one went in (a call's two movements, in that order).
int rank(const Movement& m) {
  if (m.from == "customer") return 3;
  return is_internal(m.from) ? is_internal(m.to) ? 1 : 2 : 0;
}

}  // namespace

bool earlier(const Movement& a, const Movement& b) {
  if (a.at != b.at) return a.at < b.at;
  return rank(a) < rank(b);
}

std::vector<std::uint32_t> replay_order(const Movements& moves) {
  // Each movement's rank worked out once, then plain integers sorted: the same order as a
  // stable sort by earlier(), at a fraction of the string comparisons.
  struct Key {
    Time at;
    int rank;
    std::uint32_t index;
    bool operator<(const Key& o) const {
      if (at != o.at) return at < o.at;
      if (rank != o.rank) return rank < o.rank;
      return index < o.index;
    }
  };
  std::vector<Key> keys;
  keys.reserve(moves.size());
  for (std::uint32_t i = 0; i < moves.size(); ++i) keys.push_back({moves[i].at, rank(moves[i]), i});
  std::sort(keys.begin(), keys.end());
  std::vector<std::uint32_t> order;
  order.reserve(keys.size());
  for (const Key& k : keys) order.push_back(k.index);
  return order;
}

bool is_internal(const std::string& location) {
  return location == "store" || location == "old" || location.rfind("store:", 0) == 0 ||
         location.rfind("station:", 0) == 0 || location.rfind("tech:", 0) == 0;
}

bool is_location(std::string_view location) {
  for (std::string_view whole : {"store", "customer", "old", "scrap", "head-office", "stocktake"})
    if (location == whole) return true;
  for (std::string_view prefix : {"store:", "station:", "tech:", "supplier:"})
    if (location.size() > prefix.size() && location.starts_with(prefix) &&
        location.substr(prefix.size()).find_first_of(" \t\r\n") == std::string_view::npos)
      return true;
  return false;
}

Holding Ledger::held(const std::string& location, const std::string& part) const {
  auto it = holdings.find({location, part});
  return it == holdings.end() ? Holding{} : it->second;
}

void Ledger::post(Movement m) {
  bool fell_back = false;
  if (!m.fallback.empty()) {
    // What the hands hold goes first; the rest comes from where it falls back to.
    std::int64_t in_hand = std::max<std::int64_t>(0, held(m.from, m.part).qty);
    if (in_hand < m.qty) {
      if (in_hand > 0) {
        Movement first = m;
        first.qty = in_hand;
        first.fallback.clear();
        post(std::move(first));
        m.qty -= in_hand;
      }
      m.from = m.fallback;
      fell_back = true;
    }
  }
  Holding& from = holdings[{m.from, m.part}];
  Holding& to = holdings[{m.to, m.part}];
  // What leaves: the unit cost a receive names, else the holding's average share (a
  // stocktake's gain: the average where it is found).
  std::int64_t value = 0;
  if (m.unit_cost)
    value = *m.unit_cost * m.qty;
  else if (m.at_average_of_to)
    value = m.qty * to.unit_cost;
  else if (from.qty > 0 && m.qty >= from.qty)
    value = from.value + (m.qty - from.qty) * from.unit_cost;
  else if (from.qty > 0)
    value = share(from.value, m.qty, from.qty);
  else
    value = m.qty * from.unit_cost;
  const bool was_short = from.qty < 0;
  from.qty -= m.qty;
  from.value -= value;
  if (from.qty > 0) from.unit_cost = share(from.value, 1, from.qty);
  if (from.qty == 0 && is_internal(m.from)) from.value = 0;
  if (is_internal(m.from)) {
    // Who took the last units: every movement out since the holding last had some left.
    auto& took = takers[{m.from, m.part}];
    if (from.qty > 0)
      took.clear();
    else if (took.empty() || took.back() != m.slip)
      took.push_back(m.slip);
    if (m.by_slip) kept.insert(m.part);
    // Once when it goes below zero, not again for every movement while it stays there.
    if (from.qty < 0 && !was_short && kept.count(m.part))
      shortfalls.push_back({m.from, m.part, m.slip, m.at, from.qty, took});
  }
  if (m.by_slip) kept.insert(m.part);
  if (is_internal(m.to) && to.qty > 0) takers.erase({m.to, m.part});
  to.qty += m.qty;
  to.value += value;
  if (to.qty > 0) to.unit_cost = share(to.value, 1, to.qty);
  // Old parts wait in lots, taken first in first out.
  if (m.from == "old") {
    auto& lots = old[m.part];
    for (std::int64_t left = m.qty; left > 0 && !lots.empty();) {
      std::int64_t take = std::min(left, lots.front().qty);
      lots.front().qty -= take;
      left -= take;
      if (lots.front().qty == 0) lots.pop_front();
    }
  }
  if (m.to == "old") old[m.part].push_back({m.at, m.slip, m.part, m.qty});
  if (each)
    each({std::move(m), fell_back, value, from, to});
  else if (keep_posted)
    posted.push_back({std::move(m), fell_back, value, from, to});
}

namespace {

Ledger replay_into(Ledger l, const Movements& moves, std::optional<Time> until) {
  for (std::uint32_t i : replay_order(moves)) {
    if (until && moves[i].at > *until) break;
    l.post(moves[i]);
  }
  return l;
}

}  // namespace

Ledger replay(const Movements& moves, std::optional<Time> until, bool posted) {
  Ledger l;
  l.keep_posted = posted;
  return replay_into(std::move(l), moves, until);
}

Ledger replay(const Movements& moves, std::optional<Time> until,
              const std::function<void(const Posted&)>& each) {
  Ledger l;
  l.each = each;
  l = replay_into(std::move(l), moves, until);
  l.each = nullptr;
  return l;
}

std::vector<BooksProblem> books_problems(const Movements& moves, const std::vector<Count>& counts,
                                         int offset_s) {
  Movements sorted;
  for (std::uint32_t i : replay_order(moves)) sorted.push_back(moves[i]);
  std::vector<const Count*> by_time;
  for (const Count& c : counts) by_time.push_back(&c);
  std::stable_sort(by_time.begin(), by_time.end(),
                   [](const Count* a, const Count* b) { return a->at < b->at; });
  std::vector<BooksProblem> out;
  Ledger l;
  size_t next = 0;
  for (const Count* c : by_time) {
    // What the ledger held when the count was taken: every other movement up to its time.
    std::vector<Movement> own;
    for (; next < sorted.size() && sorted[next].at <= c->at; ++next)
      if (sorted[next].slip == c->slip)
        own.push_back(sorted[next]);
      else
        l.post(sorted[next]);
    for (const auto& [part, qty] : c->counted) {
      std::int64_t held = l.held(c->location, part).qty;
      auto it = c->posted.find(part);
      std::int64_t posted = it == c->posted.end() ? 0 : it->second;
      if (qty - held != posted)
        out.push_back(
            {c->slip, fmt::format("counted {} {} at {} on {}, when the ledger held {}: "
                                  "{} posted, the difference is {}; post it with a new "
                                  "count (svc parts count --location {} --line {}={} "
                                  "--reason TEXT)",
                                  qty, part, c->location, format_time_short(c->at, offset_s), held,
                                  posted, qty - held, c->location, part, qty)});
    }
    for (Movement& m : own) l.post(std::move(m));
  }
  for (; next < sorted.size(); ++next) l.post(sorted[next]);
  for (const Shortfall& s : l.shortfalls)
    out.push_back(
        {s.slip,
         fmt::format(
             "{} went below zero: {} {} after this movement on {}{}", s.location, s.qty, s.part,
             format_time_short(s.at, offset_s),
             s.takers.size() < 2
                 ? ""
                 : fmt::format("; the last units went to {}{}",
                               fmt::join(s.takers.end() - std::min<size_t>(s.takers.size(), 5),
                                         s.takers.end(), ", "),
                               s.takers.size() > 5
                                   ? fmt::format(" (and {} before)", s.takers.size() - 5)
                                   : ""))});
  return out;
}

std::vector<OldDue> old_parts(const Ledger& l, int offset_s) {
  std::vector<OldDue> out;
  for (const auto& [part, lots] : l.old)
    for (const OldLot& lot : lots) {
      // Handled within the month after the one it came back in: due at that month's end.
      Date d = date_from_day(local_day(lot.at, offset_s));
      Date first{d.year, d.month, 1};
      Time due = at_local(day_from_date(add_months(first, 2)), 0, offset_s);
      out.push_back({lot, due});
    }
  std::stable_sort(out.begin(), out.end(), [](const OldDue& a, const OldDue& b) {
    return a.due != b.due ? a.due < b.due : a.lot.slip < b.lot.slip;
  });
  return out;
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

bool is_part_number(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (unsigned char c : s)
    if (c <= ' ' || c == 0x7f || c == '=' || c == '@' || c == '"' || c == ';') return false;
  return true;
}

Line parse_line(std::string_view text, bool zero_allowed) {
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
  if (!is_part_number(l.part))
    throw bad(
        fmt::format("'{}' is not a part number (no spaces, quotes, ';', '=' or '@')", l.part));
  std::string_view rest = text.substr(eq + 1);
  size_t at = rest.find('@');
  std::string qty(rest.substr(0, at));
  if (qty.empty() || qty.size() > 9 || qty.find_first_not_of("0123456789") != std::string::npos ||
      (qty.size() > 1 && qty[0] == '0') || (std::stoll(qty) == 0 && !zero_allowed))
    throw bad(fmt::format("the quantity '{}' is not a whole number {}", qty,
                          zero_allowed ? "(0 or more)" : "above zero"));
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
        "customer", qty,       std::nullopt,       tech.empty() ? "" : "store",
        false,      tech};
    out.push_back(used);
    if (e.data.get("old_returned") == "true")
      out.push_back({*at, ticket.id, used.part, "customer", "old", qty, 0, ""});  // worth nothing
  }
  return out;
}

}  // namespace svc::parts
