#pragma once
// Two versions of one record file, united (SPEC §9): the histories are merged event by event,
// in time order, and the summary is replayed from the result. Works for every kind through its
// KindRules; a kind adds no merge code of its own.
#include <string>
#include <vector>

#include "svc/domain/record.hpp"
#include "svc/domain/record_rules.hpp"

namespace svc::record {

/// The same action: same time, actor, action and data (the order keys were written in aside).
bool same_event(const Event& a, const Event& b);

/// Both histories as one, in time order: an event both hold appears once, every other event of
/// either side is kept, each side's own order of events at the same instant is kept, and events
/// of the two sides at the same instant are ordered by their content. The result is the same
/// whichever side is `a`, and whichever order several sides are united in.
std::vector<Event> unite(std::vector<Event> a, std::vector<Event> b);

/// "" when the two versions are the same record; else why not: they were created apart (their
/// `new` events differ), so uniting them would fold two customers' calls into one.
std::string different_records(const Record& a, const Record& b);

/// The united record: histories united, the summary replayed (events the state machine cannot
/// apply in the merged order are kept and listed under `conflicts`), keys this version does not
/// know kept from `ours`, then from `theirs`.
Record merge(const KindRules& k, const Record& ours, const Record& theirs);

/// Events of `before` that `after` lacks (counting repeats): what a bad merge or hand edit lost.
std::vector<Event> lost_events(const std::vector<Event>& before, const std::vector<Event>& after);

/// One line for an event, as a commit message lists it: "assign 王五", "route 质量部"; a void
/// by the event it takes back, "void (assign 王五)".
std::string event_gist(const KindRules& k, const Event& e);

}  // namespace svc::record
