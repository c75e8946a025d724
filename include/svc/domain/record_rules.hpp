#pragma once
// The machinery every kind of record shares (tickets, complaints, returns, surveys): a kind is
// its tables (statuses, transitions, steps, key order) plus a few hooks; replay, transitions and
// their refusals, step deadlines and their states, and the history checks are written once here.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "svc/domain/record.hpp"
#include "svc/domain/schema.hpp"
#include "svc/domain/settings.hpp"

namespace svc {

/// What every decision needs besides its own arguments: who, when, and the settings.
struct Context {
  Actor actor;
  const Settings& settings;
};

/// One row of a kind's state machine: `action` is allowed from `from` (empty: any status) and
/// leads to `to` (empty: the status stays).
struct Transition {
  std::string action;
  std::vector<std::string> from;
  std::string to;
};

/// Where one deadline stands at an instant (SPEC §3, one meaning of met everywhere):
///   met      done by the deadline in force;
///   late     done after it;
///   missed   never done, and no longer possible (the call was resolved or cancelled) after the
///            deadline in force had passed: a miss in every figure;
///   overdue  still to do, the deadline in force passed;
///   pending  still to do, the deadline ahead;
///   paused   still to do, its clock stopped (a ticket waiting for parts);
///   n/a      not to do: the record went on, or ended, before the deadline came.
/// The deadline in force is the stored one, unless an extension was approved after the
/// deadline it moved had passed: then the step is judged against the deadline before it.
struct StepState {
  std::string step;
  Time due = 0;      ///< the deadline in force
  Time planned = 0;  ///< the stored deadline (a late extension's new date), else = due
  std::optional<Time> done;
  std::string state;
  /// Whether the step counts in on-time figures: met, late or missed, or still to do.
  bool counted() const { return state != "n/a"; }
  bool on_time() const { return state == "met"; }
};

/// A problem in a record, at the position of the value it is about (0 when unknown).
struct Finding {
  int line = 0;
  int column = 0;
  std::string message;
  bool conflict = false;  ///< an event kept out of the summary, to settle (not a broken file)
};

/// A typed value of a kind's fields, by path: "parts.qty" (maps by key, lists item by item).
struct TypedPath {
  std::string path;
  FieldType type;
};

/// The data keys an action's event holds, and where in the fields it folds them ("parts"; ""
/// for the top): a key is typed as `into.key` there, else as the same key at the top.
struct EventKeys {
  std::string action;
  std::vector<std::string> keys;
  std::string into;
};

/// A field of a kind that names another record (SPEC §9, references between records): its path
/// in the fields ("links.ticket"), the noun of the kind it names, and the field of that record
/// that names this one back when the two ends must agree (a ticket's `survey` and that survey's
/// `links.ticket`; "" when the other end may name several). `duplicate`: the field says which
/// record this one duplicates (a survey taken out of the figures as a call's second).
struct Link {
  std::string path;
  std::string kind;
  std::string back;
  bool duplicate = false;
};

struct KindRules {
  std::string noun;                   ///< "ticket"
  char prefix = 'T';                  ///< of the ID: T-2611-0001
  int width = 4;                      ///< digits of the monthly serial
  std::string folder;                 ///< of the data directory: tickets/2026-11/T-....yaml
  std::string first_status;           ///< the status `new` leads to
  std::vector<std::string> statuses;  ///< every status, in lifecycle order
  std::vector<std::string> open;      ///< statuses in which the record still waits on someone
  std::vector<std::string> steps;     ///< deadline steps, in display order
  /// Steps that recur (a second trip to the workshop, a second routing): `step`, `step_2`, ...
  std::vector<std::string> repeatable;
  std::vector<Transition> transitions;
  std::vector<std::string> quiet;      ///< actions never offered as "allowed now" (note, edit)
  std::vector<std::string> key_order;  ///< every key this kind writes, in file order, any depth
  std::vector<TypedPath> typed;        ///< checked in the fields and in every event
  /// The kind's schema, the common checks (validate_common) included: what a file must hold
  /// before its history is replayed (a survey's answers checked against its template).
  std::function<std::vector<Finding>(const Record&, const Settings&)> validate;
  /// Every action's data keys besides at, by, do (the machinery's own actions excluded).
  std::vector<EventKeys> events;
  /// Every field naming another record: what renumber relinks, check follows, tidy compares.
  std::vector<Link> links;
  /// The action that takes a whole record back (a ticket's cancel), offered when its `new` event
  /// is to be voided; "" when the kind has none.
  std::string withdraw;

  // Hooks: each may be empty.
  /// Extra conditions beyond the status (the product is in the workshop).
  std::function<bool(const std::string& action, const Value& fields)> guard;
  /// Folds the kind's own meaning of an event into the fields (status excluded).
  std::function<void(Value& fields, const Event& e, const std::string& previous)> fold;
  /// The status after an event when the table cannot say (resume returns to where it waited);
  /// "" leaves it to the table.
  std::function<std::string(const Value& fields, const Event& e)> status_after;
  /// Whether a step's deadline is running in this state (else it shows n/a).
  std::function<bool(const std::string& step, const Value& fields)> step_applies;
  /// Whether a running step's clock is stopped (a ticket waiting for parts).
  std::function<bool(const std::string& step, const Value& fields)> step_paused;
  /// For a step that no longer applies, undone: the instant it stopped being possible (the call
  /// resolved or cancelled). A deadline that had passed by then is missed; else the step is n/a.
  std::function<std::optional<Time>(const std::string& step, const Value& fields)> step_ended;
  /// Whether a record moves parts in the parts ledger (a ticket with part events; every slip):
  /// kept in its reach, so a ledger's read passes over the rest unread. Empty: none does.
  std::function<bool(const Record& r)> posts;
  /// What a ledger's read (Wanted::posting) takes of a record that posts: its ID, these fields
  /// and its standing events of these actions (voided ones and the voids left out). The cache
  /// keeps it beside the record, so a ledger decodes no more of 45,000 calls than their parts.
  /// Both empty: the whole record.
  struct LedgerView {
    std::vector<std::string> fields, actions;
    bool whole() const { return fields.empty() && actions.empty(); }
  } ledger_view;
  /// The facts the rules of its SLA table (svc.yaml `sla.<noun>`) may look at; none: the kind
  /// has no SLA table. `facts` reads them from a record, so lateness is told on the clock of the
  /// rule that set a step's deadline.
  std::vector<std::string> sla_facts;
  /// The steps its SLA table may hold, when they are not `steps` (a return's renotice).
  std::vector<std::string> sla_steps;
  std::function<Facts(const Value& fields)> facts;
  /// Its section of svc.yaml: every key it may hold ("returns.policy.refund_days"), for the
  /// unknown-key warnings; `free_maps` are maps whose keys the office names (categories, people).
  std::vector<std::string> settings;
  std::vector<std::string> free_maps;
  /// Reads and checks its section from the merged svc.yaml (`doc`; `mine` is the office's own
  /// file) into the settings; throws data_error "PATH:LINE:COL: ..." on a bad value.
  std::function<void(const Value& doc, const Value& mine, const std::string& path, Settings& s)>
      read_settings;
  /// How an action is typed on the command line ("workshop_in" -> "workshop in").
  std::function<std::string(const std::string& action)> spoken;
  /// Takes a record that duplicates `kept` out of the figures, its file and history kept (the
  /// second survey of a call closed in two clones), `why` saying so; refused when the record
  /// can no longer be (answered). Empty: the kind's records are never duplicates.
  std::function<Event(const Record& r, const std::string& kept, const std::string& why,
                      const Context& ctx)>
      retire_duplicate;
};

/// Every kind of record a data directory holds, in the order `check` reads them
/// (cli::all_kinds() is the one list; the store and the settings are given it).
using Kinds = std::vector<const KindRules*>;

namespace record {

/// The actions every kind has besides its table: `settle` takes events a merge could not apply
/// out of `conflicts`; `renumber` records the ID a record had before a clash of IDs; `void`
/// takes an event back (voids.hpp).
inline constexpr std::string_view kSettle = "settle";
inline constexpr std::string_view kRenumber = "renumber";
/// `relink {from: OLD, to: NEW}`: the record's link fields that named OLD name NEW (a renumber).
inline constexpr std::string_view kRelink = "relink";
inline constexpr std::string_view kVoid = "void";
/// The summary key listing events the state machine refused where the history has them.
inline constexpr std::string_view kConflicts = "conflicts";

/// How an action is typed on the command line ("workshop_in" -> "workshop in").
std::string spoken(const KindRules& k, const std::string& action);
bool is_action(const KindRules& k, const std::string& action);
bool is_open(const KindRules& k, std::string_view status);
/// Whether the record was open at instant `t` (registered by then, and its status after the
/// events up to `t` one the kind counts open): the one meaning of open for every view.
bool open_at(const KindRules& k, const Record& r, Time t);
/// True when a record in this state may take `action` ("new" only as the first event).
bool action_allowed(const KindRules& k, const Value& fields, const std::string& action);
/// Actions the state allows next, as typed, for refusals and `show`.
std::vector<std::string> allowed_actions(const KindRules& k, const Value& fields);
/// Throws `refused` naming the allowed next steps when the state does not allow `action`.
void require_allowed(const KindRules& k, const Record& r, const std::string& action);

/// Folds one event into the summary fields: deadlines it set, the kind's own meaning, status.
void apply_event(const KindRules& k, Value& fields, const Event& e);
/// Adds the event in time order, after every event of its time or earlier, and folds it in. An
/// event that goes before later ones (a backfilled action), and a void, replay the record and
/// are refused when they would leave a later event impossible.
void commit_event(const KindRules& k, Record& r, Event e);
/// The summary fields that replaying `history` gives, in canonical key order. An event the state
/// machine does not allow at its place changes nothing and is listed under `conflicts`; an event
/// a void takes back is left out.
Value replay(const KindRules& k, const std::string& id, const std::vector<Event>& history);
/// Whether the last event is later than `t` (else the record stood at `t` as it is now).
bool changed_after(const Record& r, Time t);
/// The record as it stood at `t`: its events at or before `t`, replayed without the events any
/// void of the whole history takes back (a voided event never happened, even before its void).
Record as_at(const KindRules& k, const Record& r, Time t);
/// `replayed` with the keys of `from` that this version does not know, kept after it.
Value with_unknown_keys(const KindRules& k, Value replayed, const Value& from);
/// How many refused events the summary lists.
size_t conflict_count(const Value& fields);
/// Puts keys into the kind's file order at every depth; unknown keys keep their place at the end.
void canonical_order(const KindRules& k, Value& fields);

/// "step" for the first occurrence, then "step_2", "step_3" ...
std::string repeat_step(const std::string& step, int n);
/// Which occurrence a step name is: 1 for "step", 2 for "step_2"; 0 when not of `base`.
int occurrence(std::string_view name, std::string_view base);
/// A step name `due:` and `done:` may hold for this kind.
bool is_step(const KindRules& k, std::string_view name);
/// Every step with a deadline, in step order, judged at `now`: the one function that says
/// whether a step is met, late, missed or still to do (see StepState).
std::vector<StepState> step_states(const KindRules& k, const Value& fields, Time now, int offset_s);
/// The step whose rules decide `step`: its first occurrence for a recurrence ("workshop_2" ->
/// "workshop"), else the step itself.
std::string base_step(const KindRules& k, const std::string& step);
/// The SLA rule that decides `step` (a recurrence by its first occurrence's rules) for the
/// record's facts under today's settings; nullptr when the kind or the settings have none.
const SlaRule* step_rule(const KindRules& k, const std::string& step, const Value& fields,
                         const Settings& st);
/// The deadline of `step` in force: the stored one, or the one a late extension moved.
std::optional<Time> due_in_force(const Value& fields, const std::string& step, int offset_s);
/// How late `done` (or now) is after `due`, in seconds of the step's own clock: wall time for a
/// wall rule, working time for business and workdays rules; `clock` tells which was used.
std::int64_t lateness(const Calendar& cal, const SlaRule* rule, Time due, Time when, Clock* clock);
/// Steps whose deadline has passed undone.
std::vector<std::string> overdue_steps(const std::vector<StepState>& states);
/// The earliest deadline still to meet; nullptr when none is.
const StepState* next_due(const std::vector<StepState>& states);

/// The history as a sequence: in time order, nothing later than `now` plus clock skew, and
/// every event one the state machine allows at that point of the replay, or settled since.
std::vector<Finding> check_history(const KindRules& k, const Record& r);
/// The first event later than `now` + `skew` (team.clock_skew), as a warning: another clone's
/// clock runs fast. Such an event is no problem of the file: it is kept, counted and merged.
std::optional<Finding> ahead_of_clock(const Record& r, Time now, Time skew);
/// Fields above the history that differ from what replaying the history gives.
std::vector<Finding> compare_with_replay(const KindRules& k, const Record& r);
/// What every kind's file must hold: the ID's form, a known status, steps and timestamps in
/// `due`/`done`, a registration time, every typed value of `k.typed`, and in the history known
/// actions with a timestamp, an actor and exactly their keys, each typed value checked.
std::vector<Finding> validate_common(const KindRules& k, const Record& r);
/// Money as svc holds and writes it (SPEC §1): every value of the money form in `k.typed`, in
/// the fields and in each event, becomes text, so the file quotes it ("666.67") and JSON gives
/// the same string. What a file holds keeps its digits: a bare number of an older file reads as
/// before, and is written quoted on the record's next change. A value that is no amount stays
/// as it is, for the checks to name. Every record read goes through this.
void money_as_text(const KindRules& k, Record& r);
/// The same for a new event, with two decimals (12.5 -> "12.50"); commit_event calls it.
void money_as_text(const KindRules& k, Event& e);
/// The same for the fields alone: a kind's fold may set an event's amount as a plain scalar, so
/// commit_event and replay call it after folding.
void money_as_text(const KindRules& k, Value& fields);

// Helpers for a kind's decisions.
/// An event of `action` at the actor's time, by the actor.
Event new_event(const char* action, const Context& ctx);
/// `settle`: takes every event listed under `conflicts` out of it (they stay in the history);
/// refused when there is none.
Event decide_settle(const KindRules& k, const Record& r, const std::string& note,
                    const Context& ctx);
/// `renumber`: the record had ID `from` until now (two clones had created records under it).
Event renumber_event(const std::string& from, const Context& ctx);
/// An action that only moves the record on: the state machine's check, then the event.
Event plain_event(const KindRules& k, const Record& r, const char* action, const Context& ctx);
/// An action with one required text: the text checked (a usage error naming `option`), the
/// state machine's check, then the event carrying it as `key`.
Event text_event(const KindRules& k, const Record& r, const char* action, const char* option,
                 const char* key, const std::string& text, const Context& ctx);
/// Refuses an edit of any key in `owned` (what only actions change), naming the kind's actions.
void refuse_owned(const KindRules& k, const Value& changes, const std::vector<std::string>& owned);
/// The `edit` event carrying `changes` on one line.
Event edit_event(Value changes, const Context& ctx);
/// Puts a deadline into the event's `due:` map, creating the map on first use.
void set_due(Event& e, const std::string& step, Time when, const Context& ctx);
/// The deadline `table` gives `rule_step` for these facts, counted from `start`, written into the
/// event as `stored_as` (a recurrence such as dept_response_2); nothing when no rule matches.
void add_deadline(Event& e, const SlaTable& table, const std::string& rule_step,
                  const std::string& stored_as, const Facts& facts, Time start, const Context& ctx);

/// Hand-edited values stay text unless their key holds a number, date or enum (`plain_keys`),
/// so a phone number typed into an editor never turns into a number. `~` keeps its meaning.
void keep_text(Value& v, const std::vector<std::string>& plain_keys, const std::string& key = "");
/// The fields after applying an edit's changes, to validate before the edit is recorded.
Value merged_with(const KindRules& k, const Value& fields, const Value& changes);

// Helpers for a kind's fold.
/// Merges changed subtrees; a `~` plain scalar removes the key.
void merge_into(Value& into, const Value& changes);
Value& child_map(Value& fields, const char* key);
Value& child_list(Value& fields, const char* key);
/// Removes map.key, and the map when it is left empty.
void erase_path(Value& fields, const char* map, const std::string& key);
/// A whole number kept in the fields (routing, round, notices); 0 when absent.
int counter(const Value& fields, const char* key);
/// Marks a step done at the event's time.
void mark_done(Value& fields, const std::string& step, const Event& e);

}  // namespace record

/// How far ahead of the clock an event or `--at` may be (clocks of two machines differ a bit).
inline constexpr Time kClockSkew = 5 * 60;

}  // namespace svc
