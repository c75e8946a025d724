#pragma once
// Which records a command needs: each record's reach (the instants it spans, its earliest
// running deadline, open or not) and the Wanted filter a command reads by. A plain function of
// the record, so the cache (from what it keeps of each file) and a full read leave out exactly
// the same records.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "svc/domain/record_rules.hpp"

namespace svc {

/// What a command needs to know of a record to pass over it unread: kept beside each record in
/// the cache (docs/CACHE.md) and worked out alike on a full read, so both visit the same records.
struct Reach {
  /// Earliest and latest instant among the top-level fields, `due`, `done` and the events: every
  /// time a period report counts by.
  std::optional<Time> first, last;
  std::optional<Time> undone;  ///< earliest deadline in `due` without a time in `done`
  bool open = false;           ///< the summary's status is one the kind counts open
  bool posts = false;          ///< it moves parts in a ledger (KindRules::posts)
  bool operator==(const Reach&) const = default;
};

/// Which records a command needs; whatever it could count passes, the rest may be left unread.
struct Wanted {
  std::vector<std::string> statuses;  ///< empty: any
  /// Counted in [start, end): a record with a time before `end` that is open, or that has a time
  /// at or after `start` (a closed record's state at `end` is its summary; SPEC §8).
  std::optional<std::pair<Time, Time>> period;
  std::optional<Time> due_by;  ///< with a deadline undone no later than this (reminders)
  bool posting = false;        ///< only records that move parts (a ledger's whole read)
  /// How many events of the history, from the first, the visit reads: the cache need not
  /// decode the rest.
  std::size_t events = SIZE_MAX;
  /// Of those events, the data only of records with an instant at or after this; the others'
  /// events are when, by whom and what. A period report replays a record only when it changed
  /// after the period's end; `report overdue` reads no event's data.
  Time data_from = std::numeric_limits<Time>::min();
  bool passes(std::string_view status, const Reach& r) const;
  bool needs_data(const Reach& r) const {
    return data_from == std::numeric_limits<Time>::min() || (r.last && *r.last >= data_from);
  }
};

namespace record {
/// A record's reach, by the kind's meaning of open and of a running deadline.
Reach reach(const KindRules& k, const Record& r, int offset_s);
/// What a ledger's read takes of a record (KindRules::ledger_view); the record itself when the
/// kind's view is the whole record.
Record ledger_view(const KindRules& k, const Record& r);
}  // namespace record

}  // namespace svc
