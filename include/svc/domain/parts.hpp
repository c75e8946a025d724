#pragma once
// The spare-parts ledger (SPEC §11, seed 004 Ⅳ 3.6–3.8) as a kind of record: every movement is
// a slip file (P-2611-0001), and balances are never stored: they are the replay of every slip
// and every ticket's part events in time order. Plain data and pure functions.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "svc/calendar/time.hpp"
#include "svc/domain/record.hpp"
#include "svc/domain/record_rules.hpp"
#include "svc/domain/report.hpp"

namespace svc::parts {

/// One line of a slip (or a ticket's part event): `qty` of `part` from one location to another.
struct Movement {
  Time at = 0;
  std::string slip;  ///< the slip's or the ticket's ID
  std::string part;
  std::string from, to;
  std::int64_t qty = 0;
  std::optional<std::int64_t> unit_cost = std::nullopt;  ///< cents, on a receive: one unit
  /// Where what `from` lacks then comes from: a technician uses what he holds, and the rest
  /// comes from the store (SPEC §11); the replay posts the two parts apart.
  std::string fallback = {};
  /// Valued at the average cost of the location it reaches (a stocktake's gain), not of the one
  /// it leaves.
  bool at_average_of_to = false;
  /// The technician whose call used it (a ticket's part event), whichever hands it came from.
  std::string person = {};
  /// A slip's movement, not a call's: the part is kept in the books from its first slip on.
  bool by_slip = false;
};

/// The ledger's movements: a deque, so that a year of them grows without being copied.
using Movements = std::deque<Movement>;

/// Whether a location holds stock of its own (store, station:, tech:, old), as opposed to the
/// world outside (supplier:, customer, scrap, head-office, stocktake), which may give or take
/// without limit.
bool is_internal(const std::string& location);
/// Whether `location` is one SPEC §11 names: store, store:NAME, station:CODE, tech:NAME,
/// customer, old, supplier:NAME, scrap, head-office (and stocktake, the other side of a count).
bool is_location(std::string_view location);

/// What a location holds of a part: the quantity and its value at moving-average cost.
struct Holding {
  std::int64_t qty = 0;
  std::int64_t value = 0;      ///< cents
  std::int64_t unit_cost = 0;  ///< cents, the last average while qty was above zero
};

/// A location that went below zero, and the movement that took it there (a part kept in the
/// books: see Ledger::kept); once each time it goes below, not for every movement while there.
struct Shortfall {
  std::string location, part, slip;
  Time at = 0;
  std::int64_t qty = 0;  ///< the quantity it fell to
  /// Every slip or call that took from it since it last had some left, this one last (two
  /// clones that each issued the last unit).
  std::vector<std::string> takers;
};

/// A movement as the replay saw it: the quantity and value it moved, and the part's balance in
/// the location it left and the one it reached, after it.
struct Posted {
  Movement move;  ///< its `from` the location it came from in the end
  bool fell_back = false;
  std::int64_t value = 0;
  Holding from_after, to_after;
};

/// Old parts that came back together (one ticket's part event): pending in `old` until a
/// dispose or claim slip takes them, first in first out.
struct OldLot {
  Time at = 0;
  std::string slip, part;
  std::int64_t qty = 0;
};

struct Ledger {
  std::map<std::pair<std::string, std::string>, Holding> holdings;  ///< (location, part)
  std::vector<Shortfall> shortfalls;
  std::vector<Posted> posted;                     ///< in the order replayed
  std::map<std::string, std::deque<OldLot>> old;  ///< part -> lots still in `old`, oldest first
  /// Parts kept in the books: those a slip has moved by now. What calls used of a part before
  /// its first slip (an office that starts its ledger with svc) is counted, never a shortfall.
  std::set<std::string> kept;
  /// (location, part) -> what took from it since it last had some left.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> takers;
  /// Whether post() keeps each movement in `posted` (a balance needs only the holdings).
  bool keep_posted = true;
  /// When set, each movement as posted is handed to it (and `posted` stays empty): a report
  /// that sums the period's movements keeps none of the year's.
  std::function<void(const Posted&)> each;
  /// Posts one movement (the replay's step): in time order, each after the ones before it.
  void post(Movement m);
  /// What `location` holds of `part` now.
  Holding held(const std::string& location, const std::string& part) const;
};

/// The replay's order: by time; at one instant what comes in from a supplier, head office or a
/// stocktake first, moves between own locations next, what goes out next, old parts back from
/// customers last; else as given. Deciding a slip and checking the books sort alike.
bool earlier(const Movement& a, const Movement& b);

/// Replays `moves` in time order (earlier), the given order for equal ones (a backdated slip goes
/// where its time puts it), up to and including `until`. Value follows moving-average cost to the
/// cent: a receive brings qty x unit cost; a move out takes the holding's share, all of what is
/// left when it empties the holding.
/// `posted` false leaves Ledger::posted empty (holdings, shortfalls and old parts only).
Ledger replay(const Movements& moves, std::optional<Time> until = std::nullopt, bool posted = true);
/// The same, handing each movement as posted to `each` instead of keeping it.
Ledger replay(const Movements& moves, std::optional<Time> until,
              const std::function<void(const Posted&)>& each);
/// The order replay() posts `moves` in (earlier, then as given): indexes into `moves`.
std::vector<std::uint32_t> replay_order(const Movements& moves);

/// One row of `parts balance`: a part a location holds (quantity not zero), by part then
/// location; `location` and `part` filter when not empty (a location `tech:` takes every
/// technician, as a prefix ending in ':' does).
struct BalanceRow {
  std::string part, location;
  std::int64_t qty = 0, value = 0;
};
std::vector<BalanceRow> balance_rows(const Ledger& l, const std::string& location = "",
                                     const std::string& part = "");

/// Whether `s` can be a part number on a slip: not empty, no white space or control character,
/// no '=' or '@' (what a line's PART=QTY@COST is split at), no '"' (hledger quotes it).
bool is_part_number(std::string_view s);

/// A slip's line as typed: `PART=QTY[@COST]`, "KX-BRG=4@12.50".
struct Line {
  std::string part;
  std::int64_t qty = 0;
  std::optional<std::int64_t> unit_cost;  ///< cents
};
/// Reads one `--line`; throws a usage error naming it: no part, a quantity that is not a whole
/// number above zero (zero too for a count's `zero_allowed`), a cost that is not money (at most
/// two decimals, not negative).
Line parse_line(std::string_view text, bool zero_allowed = false);

/// What a ticket's part events post (`ticket part` is the consumption): each from the hands of
/// the lead technician it was assigned to then (what they lack, or all when it had none, from
/// the store) to the customer; with old_returned, as many old parts from the customer into `old`.
/// Voided events post nothing; an event whose time or quantity does not read posts nothing.
std::vector<Movement> ticket_movements(const Record& ticket, int offset_s);

// --- the kind -------------------------------------------------------------------------------

/// A part of the parts list (svc.yaml `parts.list`): its name, unit and standard cost.
struct PartInfo {
  std::string name, unit;
  std::optional<std::int64_t> cost;  ///< cents: what a receive line without @COST is valued at
};

/// svc.yaml `parts:`.
struct Config {
  std::string valuation = "moving_average";
  int claim_days = 30;  ///< a claim unanswered this many days after it was sent is overdue
  std::vector<std::pair<std::string, PartInfo>> list;  ///< in svc.yaml's order
  const PartInfo* find(std::string_view part) const {
    for (const auto& [number, info] : list)
      if (number == part) return &info;
    return nullptr;
  }
};

const KindRules& rules();
/// The parts settings in force (Settings::section).
const Config& config(const Settings& s);
void read_settings(const Value& doc, const Value& mine, const std::string& path, Settings& s);

inline constexpr const char* kTypes[] = {"receive", "issue", "return", "transfer",
                                         "dispose", "claim", "count",  "postage"};
inline constexpr const char* kDisposals[] = {"scrap", "restock", "supplier"};

/// What the ledger holds before a new slip: every movement posted so far (slips and tickets),
/// and the parts it knows (the parts list and every part a receive slip brought).
struct Books {
  Movements moves;
  std::set<std::string> known;
  /// Every location any movement named.
  std::set<std::string> places;
};

/// A slip as typed (SPEC §11's command lines).
struct NewSlip {
  std::string type;
  std::string from, to, location;
  std::vector<std::string> lines;
  std::string ticket, approved_by, slip_no, as, supplier, amount, reason;
  std::vector<std::string> signed_by;
};

/// The `new` event of a slip, checked against the books at its time: usage errors (exit 2)
/// naming the option for what is not well formed or names an unknown part or location; refusals
/// (exit 1) for a movement that would take an internal location below zero at its time or
/// later, a claim or dispose of more than `old` holds. What does not stop it (a part first seen
/// on a receive slip) is added to `warnings`.
Event decide_new(const NewSlip& n, const Books& books, const Context& ctx,
                 std::vector<std::string>& warnings);
/// A claim's answer: `--accepted AMOUNT` (all or part of what was claimed) or `--rejected
/// --reason TEXT`.
Event decide_answer(const Record& r, const std::string& accepted, bool rejected,
                    const std::string& reason, const Context& ctx);
/// The supplier's credit note for an accepted claim: its number and the money recovered.
Event decide_credit(const Record& r, const std::string& note_no, const std::string& amount,
                    const Context& ctx);
Event decide_edit(const Record& r, const Value& changes, const Context& ctx);
std::vector<Finding> validate(const Record& r);

/// What a slip posts: its lines as movements at its time (none once its `new` is voided).
std::vector<Movement> slip_movements(const Record& slip, int offset_s);
/// The parts a receive slip brings into the books (known from it on).
std::vector<std::string> received_parts(const Record& slip);

/// A count slip as the check needs it: when, where, what was counted, what it posted.
struct Count {
  std::string slip, location;
  Time at = 0;
  std::vector<std::pair<std::string, std::int64_t>> counted;  ///< part -> quantity counted
  std::map<std::string, std::int64_t> posted;                 ///< part -> difference posted
};
std::optional<Count> count_of(const Record& slip, int offset_s);

/// A problem of the books as a whole, about one slip (or ticket).
struct BooksProblem {
  std::string slip;
  std::string message;
};
/// Every location that went below zero at any instant, with the movement that took it there,
/// and every count whose difference from the replay at its time was not posted as counted.
std::vector<BooksProblem> books_problems(const Movements& moves, const std::vector<Count>& counts,
                                         int offset_s);

/// An old part pending in `old`, to be disposed of or claimed by the end of the month after it
/// came back (seed 004 Ⅳ 3.7.5).
struct OldDue {
  OldLot lot;
  Time due = 0;  ///< the end of the month after it came back
};
/// The lots `old` holds at the end of `l`'s replay, each with its due; by due, then the ticket.
std::vector<OldDue> old_parts(const Ledger& l, int offset_s);

/// A quantity and its value.
struct Amount {
  std::int64_t qty = 0, value = 0;
};

/// The parts' figures over a period (SPEC §11): received and issued by slips, consumed on calls
/// by service class (三包 class C apart from billable A), old parts past their month at the
/// period's end, claims, and each station's ledger.
struct PeriodFigures {
  Amount received, issued;
  std::map<std::string, Amount> consumed;  ///< service class ("" when the call has none)
  std::int64_t old_pending = 0;            ///< units in old at the end, past their month
  std::int64_t old_held = 0;               ///< units in old at the end
  std::int64_t claims_open = 0, claims_accepted = 0;
  std::int64_t claimed = 0, recovered = 0;  ///< cents: claimed in the period, credited in it
  std::map<std::string, Amount> station_in, station_end;  ///< station code
};

/// The parts' section of the periodic reports: given every slip and every call (whole), it
/// replays the ledger to the period's end.
class Report final : public report::Section {
 public:
  Report(const Settings& s, report::Period p);
  void add(const Record& r) override;
  void add_other(const KindRules& kind, const Record& r) override;
  std::string key() const override { return "parts"; }
  Value figures() const override;
  report::Block block(const report::Labeler& L) const override;
  const PeriodFigures& totals() const;

 private:
  const Settings& settings_;
  report::Period period_;
  Movements moves_;
  std::map<std::string, std::string> class_of_;  ///< ticket -> service class
  std::map<std::string, std::string> type_of_;   ///< slip -> type
  PeriodFigures claims_;                         ///< the claims' figures, as slips come
  mutable std::optional<PeriodFigures> totals_;
};

/// The parts' columns of the technician review, from the ledger: what each technician's calls
/// used in the period and what it was worth at moving-average cost.
class Columns final : public report::PersonColumns {
 public:
  Columns(const Settings& s, report::Period p);
  void add(const Record& r) override;
  void add_other(const KindRules& kind, const Record& r) override;
  std::vector<std::string> people() const override;
  std::vector<std::string> heads(const report::Labeler& L) const override;
  void person(const std::string& who, Value& figures, std::vector<std::string>& row) const override;

 private:
  const std::map<std::string, Amount>& used() const;
  const Settings& settings_;
  report::Period period_;
  Movements moves_;
  mutable std::optional<std::map<std::string, Amount>> used_;
};

}  // namespace svc::parts
