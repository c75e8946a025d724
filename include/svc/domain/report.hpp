#pragma once
// The figures of the periodic reports (SPEC §8), computed from records streamed past one at a
// time: no I/O, no clock. A record belongs to the period it was registered in; on-time rates
// count the deadlines that fell in the period; satisfaction counts the surveys recorded in it.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "svc/domain/reach.hpp"
#include "svc/domain/record_rules.hpp"
#include "svc/domain/report_doc.hpp"

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
/// The calendar quarter before the one `now` falls in (in January: the year before's Q4).
Period previous_quarter(Time now, int offset_s);

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

/// The state of a record at an instant: its history up to then, replayed.
Value as_of(const KindRules& k, const Record& r, Time t);

/// "12.5% (1/8)": a rate to one decimal, rounded half up, with its exact fraction; "—" for 0/0.
std::string rate_text(std::int64_t num, std::int64_t den);
/// A rate for scripts: a number from 0 to 1 (the shortest decimal that reads back as the same
/// double), or null for 0/0.
Value rate_value(std::int64_t num, std::int64_t den);
/// "3.25": a mean to two decimals, rounded half up on exact integers; "—" for none.
std::string mean_text(std::int64_t sum, std::int64_t count);
/// A mean for scripts, in `unit`s (60: minutes of seconds): the shortest decimal, or null.
Value mean_value(std::int64_t sum, std::int64_t count, double unit = 1);
/// A mean duration to the minute in the labels' words ("unit" d, h, m, gap): "2h 20m",
/// "2小时20分"; "—" for none.
std::string mean_duration(const Mean& m,
                          const std::function<std::string(std::string_view, std::string_view)>& L);
/// A count for a figure: "12".
inline std::string num(std::int64_t n) { return std::to_string(n); }
/// Counts by key as a map of figures; an empty key is "-".
Value count_map(const std::map<std::string, std::int64_t>& m);
/// A chart's bars from counts by key, each named by `name(key)`.
Chart count_chart(std::string title, const std::map<std::string, std::int64_t>& m,
                  const std::function<std::string(const std::string&)>& name);

/// The words of a report in the reader's language: a group ("head", "step", "status", "kind",
/// "class", "outcome") and a key, as svc.yaml's locale labels them.
using Labeler = std::function<std::string(std::string_view group, std::string_view key)>;

/// What the targets (SPEC §8) are measured on, as the sections give it.
struct Measures {
  std::map<std::string, Ratio> shares;         ///< "on_time", "satisfaction"
  std::map<std::string, std::int64_t> counts;  ///< "tickets.received", "complaints.substantiated"
};
/// Substantiated complaints ÷ tickets, both registered in the period.
Ratio complaint_rate(const Measures& m);

/// A kind's part of the periodic reports (monthly, quarterly, period): it is given every record
/// of its kind the period may count (counted_in), one at a time, then gives its figures for
/// scripts (its subtree of the JSON, YAML and CSV) and for people (a block of the document).
class Section {
 public:
  virtual ~Section() = default;
  /// Its key among the figures: "tickets".
  virtual std::string key() const = 0;
  virtual void add(const Record& r) = 0;
  /// A record of another kind its kind reads (RecordKind::report_reads): a call's parts.
  virtual void add_other(const KindRules&, const Record&) {}
  virtual Value figures() const = 0;
  virtual Block block(const Labeler& L) const = 0;
  /// What it gives the targets.
  virtual void measure(Measures&) const {}
};
/// A kind's section of a report over the period; a kind without one has none.
using SectionMaker = std::function<std::unique_ptr<Section>(const Settings&, const Period&)>;
using Sections = std::vector<std::unique_ptr<Section>>;

/// The periodic report for scripts: {period, each section under its key, targets}.
Value figures_value(const Period& p, const Sections& sections, const Settings& s);
/// The periodic report for people: a block per section, then the targets; given the sections of
/// the period before, the targets table gains its column and the document its headline.
ReportDoc figures_doc(const Period& p, const Sections& sections, const Settings& s,
                      const std::string& title, const Labeler& L, const Sections* before = nullptr);
/// Adds a trend per target to `doc`: its share in each period of `history`, oldest first.
void add_trends(ReportDoc& doc, const std::vector<std::pair<Period, const Sections*>>& history,
                const Settings& s, const Labeler& L);

/// A kind's columns in the technician review (seed 004 Ⅷ 二十三): figures per person.
class PersonColumns {
 public:
  virtual ~PersonColumns() = default;
  virtual void add(const Record& r) = 0;
  /// A record of another kind its kind reads (RecordKind::report_reads): a call's parts.
  virtual void add_other(const KindRules&, const Record&) {}
  /// Everyone it has figures for.
  virtual std::vector<std::string> people() const = 0;
  virtual std::vector<std::string> heads(const Labeler& L) const = 0;
  /// One person's figures (zero for someone it has none for): entries added to `figures`, cells
  /// added to `row`, in the order of `heads`.
  virtual void person(const std::string& who, Value& figures,
                      std::vector<std::string>& row) const = 0;
  /// Charts over `people`, in that order.
  virtual std::vector<Chart> charts(const std::vector<std::string>&, const Labeler&) const {
    return {};
  }
};
using ColumnsMaker = std::function<std::unique_ptr<PersonColumns>(const Settings&, const Period&)>;

/// A kind's maker of its section or columns `T`, built from the settings and the period.
template <class T>
std::unique_ptr<T> make(const Settings& s, const Period& p) {
  return std::make_unique<T>(s, p);
}

/// The technician review: everyone any kind's columns name, by name, one row each.
struct Review {
  Value figures;  ///< {period, technicians: [{technician, ...each kind's}]}
  ReportDoc doc;
};
Review technician_review(const Period& p,
                         const std::vector<std::unique_ptr<PersonColumns>>& columns,
                         const std::string& title, const Labeler& L);

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
