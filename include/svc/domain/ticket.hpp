#pragma once
// Tickets: service classes, the lifecycle, deadlines and every action of SPEC §3 / §10.
// Each `decide_*` checks the rules and returns the event to append (or throws `refused`);
// `rules()` gives the shared machinery (record::) the ticket's tables and hooks.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "svc/domain/checks.hpp"
#include "svc/domain/record.hpp"
#include "svc/domain/record_rules.hpp"
#include "svc/domain/report.hpp"
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
/// A part used on the call (the ledger's consumption posting, SPEC §11): with the faulty part's
/// serial taken out and the replacement's put in, when given.
Event decide_part(const Record& r, const std::string& part, int qty, const std::string& price,
                  bool old_returned, const std::string& serial_out, const std::string& serial_in,
                  const Context& ctx);
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
/// Schema: ID form, enums, timestamps, known actions in the history, and what a ticket needs.
std::vector<Finding> validate(const Record& r);
/// Tickets as a kind of record: their tables and hooks for the shared machinery.
const KindRules& rules();

/// The tickets of a period (SPEC §8).
struct PeriodFigures {
  std::int64_t received = 0, closed = 0, cancelled = 0;
  std::map<std::string, std::int64_t> by_kind, by_class;
  report::Ratio respond, arrive, resolve;       ///< deadlines that fell in the period, met
  report::Mean respond_s, arrive_s, resolve_s;  ///< seconds from registration, received tickets
  std::int64_t backlog = 0, overdue = 0;  ///< open, and open with a passed deadline, at the end
  std::map<std::string, std::int64_t> per_day;  ///< received per local day (YYYY-MM-DD)
};

/// One technician's month (seed 004 Ⅷ 二十三).
struct TechnicianFigures {
  std::int64_t calls = 0, closed = 0;
  report::Ratio arrive;                ///< arrival deadlines in the period, met
  std::int64_t labour_hundredths = 0;  ///< hours x 100
  std::int64_t parts = 0;              ///< pieces fitted
  std::int64_t parts_cents = 0;
};

/// The tickets' section of the periodic reports and their columns of the technician review:
/// received, closed and cancelled calls of the period, the deadlines that fell in it, the
/// backlog and overdue calls at its end; per technician the calls, arrivals, hours and parts.
class Report final : public report::Section, public report::PersonColumns {
 public:
  Report(const Settings& s, report::Period p);
  void add(const Record& r) override;
  const PeriodFigures& totals() const { return totals_; }
  const std::map<std::string, TechnicianFigures>& technicians() const { return technicians_; }

  std::string key() const override { return "tickets"; }
  Value figures() const override;
  report::Block block(const report::Labeler& L) const override;
  void measure(report::Measures& m) const override;
  std::vector<std::string> people() const override;
  std::vector<std::string> heads(const report::Labeler& L) const override;
  void person(const std::string& who, Value& figures, std::vector<std::string>& row) const override;

 private:
  const Settings& settings_;
  report::Period period_;
  PeriodFigures totals_;
  std::map<std::string, TechnicianFigures> technicians_;
};

}  // namespace svc::ticket
