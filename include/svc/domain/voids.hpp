#pragma once
// `void`: an event taken back, for every kind. The event stays in the history and so does the
// void that names it; replay leaves the voided event out, as if it had never happened. A void
// names its event by content (its at, by, do and data, a copy of the whole event), never by
// position: a merge may put events before it, and every clone must find the same event.
#include <optional>
#include <string>
#include <vector>

#include "svc/domain/record.hpp"
#include "svc/domain/record_rules.hpp"

namespace svc::record {

/// Which events of a history voids take back: `by[i]` lists the voids naming event i, in
/// history order (two clones may void one event; both voids are kept and change nothing more).
/// `by` is empty when the history holds no void at all.
struct Voids {
  std::vector<std::vector<size_t>> by;
  bool voided(size_t i) const { return i < by.size() && !by[i].empty(); }
};

/// The voids of `history`. A void takes back every event equal to the one it names (identical
/// copies cannot be told apart); never a `new` or another void.
Voids voids_of(const std::vector<Event>& history);
/// The event a void names, rebuilt from its copy; nullopt when the void names none.
std::optional<Event> voided_event(const Event& void_event);
/// The history without the events voids take back (the voids stay: they change nothing).
std::vector<Event> standing(const std::vector<Event>& history);

/// `void`: takes back event `which` of the record, its 1-based number as `log` shows it, or
/// its time when one event has that time. Decided on the whole record, also when backfilled
/// (then refused for an event later than the void). The reason is required. Refused for the
/// `new` event (naming what ends the record instead), a void, and an event already voided;
/// whether the rest still replays without it is commit_event's check (`void_breaks`).
Event decide_void(const KindRules& k, const Record& r, const std::string& which,
                  const std::string& reason, const Context& ctx);
/// The refusal of void `v` when the record without its event would leave `conflict` (an event
/// of the history, as `conflicts` lists it) no longer possible.
std::string void_breaks(const KindRules& k, const Record& r, const Event& v, const Value& conflict);
/// Voids that name no event of the history, the `new` event or another void.
std::vector<Finding> check_voids(const KindRules& k, const Record& r);
/// "" when a void event's `event` holds at least at, by and do; else what is wrong with it.
std::string void_shape_problem(const Event& e);

}  // namespace svc::record
