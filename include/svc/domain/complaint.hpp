#pragma once
// Complaints (客戶投訴, 舉報): the lifecycle of SPEC §4 as a kind of record, its deadlines and the
// decision behind every action. Each `decide_*` checks the rules and returns the event to append.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "svc/domain/record_rules.hpp"
#include "svc/domain/report.hpp"

namespace svc::complaint {

inline constexpr const char* kTypes[] = {"complaint", "report", "suggestion"};
inline constexpr const char* kRegions[] = {"domestic", "foreign"};
inline constexpr const char* kSeverities[] = {"general", "major"};
inline constexpr const char* kRequests[] = {"return", "exchange", "discount", "compensation",
                                            "repair", "apology",  "other"};
inline constexpr const char* kSatisfaction[] = {"very_satisfied", "satisfied", "neutral",
                                                "unsatisfied"};

/// Complaints as a kind of record: their tables and hooks for the shared machinery.
const KindRules& rules();
/// A category's display label from svc.yaml; the path itself when it has none.
std::string category_label(const Settings& s, const std::string& path);

/// The complaints registered in a period (SPEC §8).
struct PeriodFigures {
  std::int64_t received = 0, closed = 0, substantiated = 0;
  std::map<std::string, std::int64_t> by_category, by_dept;
  report::Ratio closed_in_time;  ///< of the closed, within the whole-case deadline
  report::Mean handling_s;       ///< registration to close, closed ones
};

/// The complaints' section of the periodic reports: substantiated ones are routed to a
/// department and not rejected; they give the complaint rate its numerator.
class Report final : public report::Section {
 public:
  Report(const Settings& s, report::Period p);
  void add(const Record& r) override;
  const PeriodFigures& totals() const { return totals_; }
  std::string key() const override { return "complaints"; }
  Value figures() const override;
  report::Block block(const report::Labeler& L) const override;
  void measure(report::Measures& m) const override;

 private:
  const Settings& settings_;
  report::Period period_;
  PeriodFigures totals_;
};

struct NewComplaint {
  std::string customer, phone;
  bool anonymous = false;
  std::string type = "complaint", channel = "phone", region = "domestic", category;
  std::string severity = "general";
  std::string order, part_no, qty, defect_qty, delivered, amount, request;
  std::string ticket, return_id, parent;
  std::string description;
};

/// The facts complaint deadline rules match on: type, region, severity, category, channel.
Facts facts_of(const Value& fields);
/// The step of the current routing to a department: dept_response, dept_response_2 ...
std::string current_routing_step(const Value& fields);
/// The step of the current follow-up visit: follow_up, follow_up_2 ...
std::string current_follow_up_step(const Value& fields);

/// The whole-case deadline counted from registration (SPEC §4): the close rule's (13 days
/// domestic, 17 foreign), moved on to the acknowledgement deadline (a report's answer, 10
/// working days) when that falls later, so no case is overdue before its first step is due.
/// Computed once, at registration: a file keeps the deadline it was given.
struct CaseDeadline {
  Deadline rule;                        ///< as the close rule counts it
  std::optional<Deadline> acknowledge;  ///< the first step's, when a rule matches
  Time due = 0;                         ///< the later of the two
  bool moved() const { return due != rule.due; }
};
std::optional<CaseDeadline> case_deadline(const Settings& settings, const Facts& facts,
                                          Time registered);

/// Registration: the first event, with the acknowledgement and whole-case deadlines.
Event decide_new(const NewComplaint& c, const Context& ctx);
Event decide_ack(const Record& r, const Context& ctx);
Event decide_investigate(const Record& r, const Context& ctx);
Event decide_reject(const Record& r, const std::string& finding, const std::string& reply,
                    const Context& ctx);
Event decide_route(const Record& r, const std::string& dept, const std::string& finding,
                   const Context& ctx);
Event decide_plan(const Record& r, const std::string& text, const Context& ctx);
Event decide_propose(const Record& r, const Context& ctx);
Event decide_decline(const Record& r, const std::string& reason, const Context& ctx);
Event decide_accept(const Record& r, const Context& ctx);
Event decide_implement(const Record& r, const Context& ctx);
Event decide_implemented(const Record& r, const Context& ctx);
Event decide_follow_up(const Record& r, const std::string& satisfaction, const std::string& note,
                       const Context& ctx);
Event decide_close(const Record& r, const Context& ctx);
Event decide_note(const Record& r, const std::string& text, const Context& ctx);

inline constexpr const char* kPenaltyLevels[] = {"warning", "minor", "major"};

/// A part of a whole as an exact fraction: weight / per.
struct Portion {
  std::int64_t weight = 0, per = 1;
};
/// Splits `total` (cents, hundredths of a percent) in proportion to the exact portions, rounded
/// once by largest remainders, so the parts always add up to `total`. Equal remainders: the
/// earlier portion gets the unit first (the order of --party, then svc.yaml's member order).
std::vector<std::int64_t> split_exact(std::int64_t total, const std::vector<Portion>& portions);

/// Responsibility (seed 004 Ⅷ (九)7): `parties` as typed, "DEPT" or "DEPT/PERSON" = share in %;
/// shares must total 100 and name each party once (a repeat, or a member of a department also
/// named whole, is a usage error). The loss is split by share to the cent; a department's share
/// is split among its members by their base points when svc.yaml lists them, each member's loss
/// from the exact share: loss x share x points / total points, rounded once (split_exact).
Event decide_blame(const Record& r, const std::vector<std::string>& parties,
                   const std::string& loss, const Context& ctx);
/// A penalty on a person the responsibility names: warning (at least the scale's amount), minor
/// (at least the scale's amount per base point), major (the person's month's bonus).
Event decide_penalty(const Record& r, const std::string& person, const std::string& level,
                     const std::string& amount, const Context& ctx);

/// One penalty as the month's deductions see it.
struct Penalty {
  std::string person;
  std::string month;  ///< YYYY-MM of the penalty
  std::int64_t cents = 0;
  std::string complaint;
};
/// A person's deductions in one month: what was new, what carried in, what was deducted (at
/// most the cap of the month's bonus), what carries on.
struct MonthlyDeduction {
  std::string person;
  std::int64_t bonus = 0, fresh = 0, carried_in = 0, deducted = 0, carried_out = 0;
};
/// The deductions of `month` for every person with a penalty in it or carried into it, worked
/// out from the first penalty month on, so the same records always give the same figures.
std::vector<MonthlyDeduction> deductions(const std::vector<Penalty>& penalties,
                                         const PenaltyScale& scale, const std::string& month);

/// A hand edit: customer details, order facts, request, description, category and severity;
/// what only actions change, and the facts the deadlines were counted from (type, region), are
/// refused, and an anonymous case never gains an identity.
Event decide_edit(const Record& r, const Value& changes, const Context& ctx);
/// Its section of svc.yaml, read and checked into the settings (KindRules::read_settings).
void read_settings(const Value& doc, const Value& mine, const std::string& path, Settings& s);

/// Schema: the common checks, then the complaint's own enums and what anonymity forbids.
std::vector<Finding> validate(const Record& r);

}  // namespace svc::complaint
