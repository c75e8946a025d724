#pragma once
// The figures of the periodic reports (SPEC §8), computed from records streamed past one at a
// time: no I/O, no clock. A record belongs to the period it was registered in; on-time rates
// count the deadlines that fell in the period; satisfaction counts the surveys recorded in it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "svc/domain/reach.hpp"
#include "svc/domain/record_rules.hpp"
#include "svc/domain/survey.hpp"

namespace svc::report {

/// Inclusive local days, and the instants that bound them: [start, end).
struct Period {
  std::string name;  ///< 2026-11, 2026Q4, 2026-11-01..2026-11-15
  std::string first, last;
  Time start = 0, end = 0;
  bool contains(Time t) const { return t >= start && t < end; }
};

/// The records a report over `p` may count (Wanted::period).
inline Wanted counted_in(const Period& p) {
  Wanted w;
  w.period = std::pair{p.start, p.end};
  w.data_from = p.end;  // the summary is the state at the period's end unless changed since
  return w;
}

/// `{name, from, to}`, as every report's JSON starts.
Value period_value(const Period& p);

/// Throws usage errors naming the option for what is not a month, quarter or date.
Period month(const std::string& yyyy_mm, int offset_s);
Period quarter(const std::string& yyyy_qn, int offset_s);
Period span(const std::string& from, const std::string& to, int offset_s);
/// The calendar month before the one `now` falls in: cron on the 1st–10th needs no date.
Period previous_month(Time now, int offset_s);

/// A share: num of den; no value when den is 0.
struct Ratio {
  std::int64_t num = 0, den = 0;
  void add(bool yes) {
    ++den;
    num += yes ? 1 : 0;
  }
};

/// A sum and a count, for means.
struct Mean {
  std::int64_t sum = 0, count = 0;
  void add(std::int64_t v) {
    sum += v;
    ++count;
  }
};

struct TicketFigures {
  std::int64_t received = 0, closed = 0, cancelled = 0;
  std::map<std::string, std::int64_t> by_kind, by_class;
  Ratio respond, arrive, resolve;         ///< deadlines that fell in the period, met
  Mean respond_s, arrive_s, resolve_s;    ///< seconds from registration, received tickets
  std::int64_t backlog = 0, overdue = 0;  ///< open, and open with a passed deadline, at the end
  std::map<std::string, std::int64_t> per_day;  ///< received per local day (YYYY-MM-DD)
};

struct ComplaintFigures {
  std::int64_t received = 0, closed = 0, substantiated = 0;
  std::map<std::string, std::int64_t> by_category, by_dept;
  Ratio closed_in_time;  ///< of the closed, within the whole-case deadline
  Mean handling_s;       ///< registration to close, closed ones
};

struct ReturnFigures {
  std::int64_t received = 0;
  std::map<std::string, std::int64_t> by_outcome;
  std::int64_t credited_cents = 0;
};

/// One technician's month (seed 004 Ⅷ 二十三).
struct TechnicianFigures {
  std::int64_t calls = 0, closed = 0;
  Ratio arrive;                        ///< arrival deadlines in the period, met
  std::int64_t labour_hundredths = 0;  ///< hours x 100
  std::int64_t parts = 0;              ///< pieces fitted
  std::int64_t parts_cents = 0;
};

/// The state of a record at an instant: its history up to then, replayed.
Value as_of(const KindRules& k, const Record& r, Time t);

class Builder {
 public:
  Builder(const Settings& s, Period p);
  void add_ticket(const Record& r);
  void add_complaint(const Record& r);
  void add_return(const Record& r);
  void add_survey(const Record& r);

  const Period& period() const { return period_; }
  const TicketFigures& tickets() const { return tickets_; }
  const ComplaintFigures& complaints() const { return complaints_; }
  const ReturnFigures& returns() const { return returns_; }
  const survey::Stats& surveys() const { return surveys_; }
  const std::map<std::string, TechnicianFigures>& technicians() const { return technicians_; }
  /// Substantiated complaints ÷ tickets, both registered in the period.
  Ratio complaint_rate() const { return {complaints_.substantiated, tickets_.received}; }

 private:
  const Settings& settings_;
  Period period_;
  TicketFigures tickets_;
  ComplaintFigures complaints_;
  ReturnFigures returns_;
  survey::Stats surveys_;
  std::map<std::string, TechnicianFigures> technicians_;
};

/// Whether a deadline step was met: done, and no later than due.
bool met(const Value& fields, const std::string& step);

/// What keeps coming back over a span (seed 004 Ⅱ 六): a thing, how often per month.
struct Recurrence {
  std::string key;
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> per_month;  ///< YYYY-MM -> count
};
/// Ranks by total, then key; only things seen at least twice.
std::vector<Recurrence> ranked(const std::map<std::string, Recurrence>& seen);

}  // namespace svc::report
