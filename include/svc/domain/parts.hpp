#pragma once
// The spare-parts ledger (SPEC §11): balances are never stored, they are the replay of every
// movement in time order. Plain data and pure functions: the slips and the tickets' part events
// become Movements elsewhere.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "svc/calendar/time.hpp"
#include "svc/domain/record.hpp"

namespace svc::parts {

/// One line of a slip (or a ticket's part event): `qty` of `part` from one location to another.
struct Movement {
  Time at = 0;
  std::string slip;  ///< the slip's or the ticket's ID
  std::string part;
  std::string from, to;
  std::int64_t qty = 0;
  std::optional<std::int64_t> unit_cost;  ///< cents, on a receive: what one unit cost
  /// Where it comes from instead when `from` holds less than `qty` then: a part a technician
  /// uses with none in hand comes from the store (SPEC §11).
  std::string fallback;
};

/// Whether a location holds stock of its own (store, station:, tech:, old), as opposed to the
/// world outside (supplier:, customer, scrap), which may give or take without limit.
bool is_internal(const std::string& location);

/// What a location holds of a part: the quantity and its value at moving-average cost.
struct Holding {
  std::int64_t qty = 0;
  std::int64_t value = 0;      ///< cents
  std::int64_t unit_cost = 0;  ///< cents, the last average while qty was above zero
};

/// A location that went below zero, and the movement that took it there.
struct Shortfall {
  std::string location, part, slip;
  Time at = 0;
  std::int64_t qty = 0;  ///< the quantity it fell to
};

/// A movement as the replay saw it: the quantity and value it moved, and the part's balance in
/// the location it left and the one it reached, after it.
struct Posted {
  Movement move;  ///< its `from` the location it came from in the end
  bool fell_back = false;
  std::int64_t value = 0;
  Holding from_after, to_after;
};

struct Ledger {
  std::map<std::pair<std::string, std::string>, Holding> holdings;  ///< (location, part)
  std::vector<Shortfall> shortfalls;
  std::vector<Posted> posted;  ///< in the order replayed
};

/// Replays `moves` in time order, the given order for equal times (a backdated slip goes where
/// its time puts it), up to and including `until`. Value follows moving-average cost to the
/// cent: a receive brings qty x unit cost; a move out takes the holding's share, all of what is
/// left when it empties the holding.
Ledger replay(std::vector<Movement> moves, std::optional<Time> until = std::nullopt);

/// One row of `parts balance`: a part a location holds (quantity not zero), by part then
/// location; `location` and `part` filter when not empty (a location `tech:` takes every
/// technician, as a prefix ending in ':' does).
struct BalanceRow {
  std::string part, location;
  std::int64_t qty = 0, value = 0;
};
std::vector<BalanceRow> balance_rows(const Ledger& l, const std::string& location = "",
                                     const std::string& part = "");

/// A slip's line as typed: `PART=QTY[@COST]`, "KX-BRG=4@12.50".
struct Line {
  std::string part;
  std::int64_t qty = 0;
  std::optional<std::int64_t> unit_cost;  ///< cents
};
/// Reads one `--line`; throws a usage error naming it: no part, a quantity that is not a whole
/// number above zero, a cost that is not money (at most two decimals, not negative).
Line parse_line(std::string_view text);

/// What a ticket's part events post (`ticket part` is the consumption): each from the hands of
/// the lead technician it was assigned to then (the store when they hold none, or when it had
/// none) to the customer; with old_returned, as many old parts from the customer into `old`.
/// Voided events post nothing; an event whose time or quantity does not read posts nothing.
std::vector<Movement> ticket_movements(const Record& ticket, int offset_s);

}  // namespace svc::parts
