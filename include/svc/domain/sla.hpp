#pragma once
// SLA rules from svc.yaml, matched first-to-last, and the one deadline engine every kind of
// record uses (SPEC §6).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "svc/calendar/calendar.hpp"

namespace svc {

/// One test on a fact: `priority: emergency`, `zone: [urban, suburban]`, `distance_km: "<=300"`.
struct Condition {
  std::string fact;
  std::string op;  ///< "in", "<=", "<", ">=", ">"
  std::vector<std::string> values;
};

struct SlaRule {
  std::string name;  ///< as written in svc.yaml, or generated from the conditions
  std::vector<Condition> when;
  Clock clock = Clock::wall;
  std::int64_t amount = 0;  ///< seconds, or working days for the workdays clock
};

/// step name -> rules in the order they are tried
using SlaTable = std::map<std::string, std::vector<SlaRule>>;
/// What a rule can look at: priority, kind, zone, distance_km, channel, service_class, ...
using Facts = std::map<std::string, std::string>;

/// Parses a condition from its svc.yaml form; nullopt when it is malformed.
std::optional<Condition> parse_condition(const std::string& fact,
                                         const std::vector<std::string>& values);
bool condition_holds(const Condition& c, const Facts& facts);
/// The first rule whose every condition holds; nullptr when none does.
const SlaRule* match_rule(const std::vector<SlaRule>& rules, const Facts& facts);
/// "priority=emergency" or "(always)" - for --explain.
std::string describe_conditions(const SlaRule& rule);

/// The rule that decides `step` for these facts; nullptr when the step has none that matches.
const SlaRule* find_rule(const SlaTable& table, const std::string& step, const Facts& facts);

struct Deadline {
  std::string step;
  Time start = 0;
  Time due = 0;
  const SlaRule* rule = nullptr;
};

/// Deadline of `step` counted from `start`; nullopt when the table has no rule that matches.
/// Throws data_error when the calendar has no working time to count it in (add_on_clock's bounds).
std::optional<Deadline> compute_deadline(const Calendar& cal, const SlaTable& table,
                                         const std::string& step, const Facts& facts, Time start);

/// What a wait from `since` to `until` does to a deadline `due` decided by `rule` (SPEC §6):
/// nothing when the wait began at or after the deadline; else the deadline moves on by the time
/// waited, working time for business and workdays rules (not whole days), wall time for wall.
/// Throws as compute_deadline does.
struct Pause {
  bool applies = false;
  Clock clock = Clock::wall;  ///< the clock the pause was measured on
  std::int64_t amount = 0;    ///< seconds on that clock
  Time due = 0;               ///< the moved deadline
};
Pause pause_deadline(const Calendar& cal, const SlaRule& rule, Time due, Time since, Time until);

}  // namespace svc
