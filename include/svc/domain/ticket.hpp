#pragma once
// Tickets: service classes, the lifecycle, deadlines and every action of SPEC §3 / §10.
// Each `decide_*` checks the rules and returns the event to append (or throws `refused`);
// `apply_event` folds an event into the summary fields, so `replay(history)` rebuilds them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "svc/domain/checks.hpp"
#include "svc/domain/record.hpp"
#include "svc/domain/record_rules.hpp"
#include "svc/domain/settings.hpp"

namespace svc::ticket {

inline constexpr const char* kSteps[] = {"respond", "arrive", "resolve", "workshop", "follow_up"};
inline constexpr const char* kStatuses[] = {"new",      "assigned", "on_site", "waiting",
                                            "workshop", "resolved", "closed",  "cancelled"};
inline constexpr const char* kKinds[] = {"repair", "install", "maintenance", "inspection",
                                         "consult"};
inline constexpr const char* kPriorities[] = {"normal", "urgent", "emergency"};
inline constexpr const char* kChannels[] = {"phone", "visit", "letter", "fax", "email", "web"};
inline constexpr const char* kZones[] = {"urban", "suburban", "remote"};

/// True when `value` is one of the names in `list` (the enum tables above).
template <size_t N>
bool contains(const char* const (&list)[N], std::string_view value) {
  return member(list, value);
}

struct NewTicket {
  std::string customer, contact, phone, address;
  std::string kind = "repair", priority = "normal", channel = "phone";
  std::string zone, distance_km;
  std::string model, serial, purchased, warranty_until, contract, contract_until;
  std::optional<int> warranty_months;
  bool caused_by_customer = false;
  bool internal = false;
  std::string description;
};

using svc::Context;

/// Last day of warranty: `warranty_until`, else purchase date + months - 1 day; nullopt if unknown.
std::optional<Day> warranty_end(const NewTicket& t);
/// Service class (seed 004 Ⅷ (六)): D internal; C inside warranty and not the customer's fault;
/// B a maintenance contract in force; A paid otherwise.
std::string service_class(const NewTicket& t, Day today);
/// The facts SLA rules match on, read from a ticket's fields.
Facts facts_of(const Value& fields);

Event decide_new(const NewTicket& t, const Context& ctx);
Event decide_assign(const Record& r, const std::string& to, const std::vector<std::string>& helpers,
                    const Context& ctx);
Event decide_respond(const Record& r, const Context& ctx);
Event decide_arrive(const Record& r, const Context& ctx);
Event decide_note(const Record& r, const std::string& text, const Context& ctx);
Event decide_part(const Record& r, const std::string& part, int qty, const std::string& price,
                  bool old_returned, const Context& ctx);
Event decide_workshop(const Record& r, const std::string& direction, const std::string& receipt,
                      const Context& ctx);
Event decide_wait(const Record& r, const std::string& reason, const Context& ctx);
Event decide_resume(const Record& r, const Context& ctx);
/// `remote`: fixed by phone or remotely, without a visit: the call has no arrival step.
Event decide_resolve(const Record& r, const std::string& resolution, const std::string& hours,
                     const Context& ctx, bool remote = false);
Event decide_fee(const Record& r, const std::string& amount, const std::string& settled,
                 const Context& ctx);
Event decide_sign(const Record& r, const std::string& by, const Context& ctx);
Event decide_close(const Record& r, const Context& ctx);
Event decide_cancel(const Record& r, const std::string& reason, const Context& ctx);
Event decide_reopen(const Record& r, const std::string& reason, const Context& ctx);
Event decide_extend(const Record& r, const std::string& step, Time to, const std::string& reason,
                    const std::string& approved_by, const Context& ctx);
/// The follow-up call (回访); `survey` names the survey whose recording it was.
Event decide_follow_up(const Record& r, const std::string& result, const Context& ctx,
                       const std::string& survey = "");
Event decide_reclass(const Record& r, const std::string& service_class, const std::string& reason,
                     const Context& ctx);
/// An edit made by hand: `changes` holds the changed subtrees (a `~` plain scalar removes a key).
Event decide_edit(const Record& r, const Value& changes, const Context& ctx);

/// The step name of a workshop trip: "workshop", then "workshop_2", "workshop_3" ...
std::string workshop_step(int trip);
/// The step of the product's current (or last) trip to the workshop.
std::string current_workshop_step(const Value& fields);
/// The instant a step's deadline is counted from: registration, the trip's `workshop in`, or
/// the resolution for the follow-up; nullopt when that has not happened.
std::optional<Time> step_start(const Record& r, const std::string& step, int offset);
/// A step name `due:` and `done:` may hold.
bool is_step(std::string_view name);

/// True for the `do:` of any event this version can replay ("new" and every action).
bool is_action(const std::string& action);
/// Actions the ticket's status allows next, for refusals and `show`.
std::vector<std::string> allowed_actions(const Value& fields);
bool is_open(const std::string& status);
/// True when a ticket in this state may take `action` ("new" only as the first event).
bool action_allowed(const Value& fields, const std::string& action);
/// Throws `refused` naming the allowed next steps when the status does not allow `action`.
void require_allowed(const Record& r, const std::string& action);

/// Folds one event into the summary fields.
void apply_event(Value& fields, const Event& e);
/// Appends the event and folds it in.
void commit_event(Record& r, Event e);
/// The summary fields that replaying `history` gives, in canonical key order.
Value replay(const std::string& id, const std::vector<Event>& history);
/// Puts keys into the fixed order files are written in; unknown keys keep their place at the end.
void canonical_order(Value& fields);
using svc::StepState;
/// Every step with a deadline, in step order, judged at `now`.
std::vector<StepState> step_states(const Value& fields, Time now, int offset_s);
/// Steps whose deadline has passed undone.
std::vector<std::string> overdue_steps(const std::vector<StepState>& states);
/// The earliest deadline still to meet (pending or overdue); nullptr when none is.
const StepState* next_due(const std::vector<StepState>& states);

using svc::Finding;
/// Schema: ID form, enums, timestamps, known actions in the history.
std::vector<Finding> validate(const Record& r);
/// Fields above the history that differ from what replaying the history gives.
std::vector<Finding> compare_with_replay(const Record& r);
/// The history as a sequence: in time order, nothing later than `now` (plus a little clock
/// skew), and every event one the state machine allows at that point of the replay.
std::vector<Finding> check_history(const Record& r);
using svc::kClockSkew;
/// Tickets as a kind of record: their tables and hooks for the shared machinery.
const KindRules& rules();

/// Every key this version writes, at any depth (the rest are kept as they were on rewrite).
const std::vector<std::string>& known_keys();

}  // namespace svc::ticket
