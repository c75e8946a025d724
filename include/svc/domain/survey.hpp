#pragma once
// Satisfaction surveys (滿意度調查, 回訪; SPEC §5) as a kind of record, and their scoring. A
// survey is created pending (by hand, or by closing a ticket or a return), recorded once with
// the customer's answers on its template's scale, amended if need be, or dropped when the
// customer cannot be reached. Unhappy answers wait for the personal call back of seed 004 Ⅷ
// (二十八).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "svc/domain/record_rules.hpp"
#include "svc/domain/report.hpp"

namespace svc::survey {

const KindRules& rules();

struct NewSurvey {
  std::string template_name, customer, phone, technician;
  std::string ticket, complaint, return_id;  ///< the record surveyed about (whole IDs)
};

/// A pending survey: the template must exist in the settings, a customer is required.
Event decide_new(const NewSurvey& n, const Context& ctx);
/// The customer's answers, each typed ITEM=LEVEL (the level's number or its label) and checked
/// against the template; refused when the survey is already recorded unless `amend`, which
/// changes the items given (and the comment when one is given) and keeps the rest.
Event decide_record(const Record& r, const std::vector<std::string>& answers,
                    const std::string& comment, bool amend, const Context& ctx);
/// The customer could not be reached or declined: the survey counts as sent, not answered.
Event decide_drop(const Record& r, const std::string& reason, const Context& ctx);
/// A pending survey that duplicates `kept` (the second of a call closed in two clones): dropped
/// with `why` as its reason and naming the survey kept, so no figure counts it as sent.
Event decide_duplicate(const Record& r, const std::string& kept, const std::string& why,
                       const Context& ctx);
/// Dropped as another survey's duplicate.
bool is_duplicate(const Value& fields);
/// The personal call on an unhappy customer (seed 004 Ⅷ (二十八)).
Event decide_call_back(const Record& r, const std::string& note, const Context& ctx);
Event decide_note(const Record& r, const std::string& text, const Context& ctx);
Event decide_edit(const Record& r, const Value& changes, const Context& ctx);
/// Its section of svc.yaml, read and checked into the settings (KindRules::read_settings).
void read_settings(const Value& doc, const Value& mine, const std::string& path, Settings& s);

/// The file's schema, the template's items and levels included.
std::vector<Finding> validate(const Record& r, const Settings& s);

/// The level a complaint follow-up's satisfaction stands for on the `complaint` template:
/// very_satisfied 4, satisfied 3, neutral 2, unsatisfied 1.
std::string complaint_level(const std::string& satisfaction);

/// Items answered below the template's positive levels, in the order answered.
std::vector<std::string> unhappy_items(const Value& fields, const SurveyTemplate& t);
/// The template's items the answers leave out, in questionnaire order.
std::vector<std::string> unanswered_items(const Value& fields, const SurveyTemplate& t);
/// Recorded, with an unhappy answer, and nobody has called the customer back yet.
bool needs_call_back(const Value& fields, const SurveyTemplate& t);

/// Answers counted: how many, how many at a positive level, the sum of their levels.
struct Tally {
  std::int64_t answers = 0, positive = 0, sum = 0;
  void add(int level, bool is_positive);
  void add(const Tally& t);
};

/// What `stats` reports of one template.
struct TemplateStats {
  const SurveyTemplate* tmpl = nullptr;
  /// Created in the period, and how many of those have been recorded (whenever).
  std::int64_t created = 0, created_recorded = 0;
  /// Recorded in the period: their answers are the ones counted.
  std::int64_t responses = 0;
  Tally overall;
  std::vector<Tally> items;     ///< parallel to tmpl->items
  std::vector<Tally> sections;  ///< parallel to tmpl->sections
  /// technician -> responses and answers (visit surveys carry the technician of the call).
  std::map<std::string, std::pair<std::int64_t, Tally>> technicians;
  /// technician -> a tally per item (parallel to tmpl->items), for the monthly review.
  std::map<std::string, std::vector<Tally>> technician_items;
  struct Comment {
    std::string id, customer, technician, text;
  };
  std::vector<Comment> comments;
};

/// Streams surveys into per-template figures (SPEC §8): a survey created in the period counts
/// as sent (not one dropped as the duplicate of another: a call closed in two clones is asked
/// once), and toward the response rate (created ones recorded ÷ created); a survey recorded
/// in the period counts as a response, with its answers, technician and comment. A survey of a
/// template the settings do not hold is refused (check reports it first).
class Stats {
 public:
  explicit Stats(const Settings& s) : settings_(s) {}
  void add(const Value& fields, bool created_in_period = true, bool recorded_in_period = true);
  std::int64_t created() const;
  std::int64_t created_recorded() const;
  std::int64_t responses() const;
  Tally overall() const;
  /// Per template, in svc.yaml order, only templates with a survey.
  std::vector<const TemplateStats*> templates() const;

 private:
  const Settings& settings_;
  std::map<std::string, TemplateStats> by_template_;
};

/// The surveys' section of the periodic reports (sent in the period, answered in it, their
/// satisfaction per item and technician) and their columns of the technician review: the visit
/// surveys recorded in the period, per technician.
class Report final : public report::Section, public report::PersonColumns {
 public:
  Report(const Settings& s, report::Period p);
  void add(const Record& r) override;
  const Stats& stats() const { return stats_; }

  std::string key() const override { return "surveys"; }
  Value figures() const override;
  report::Block block(const report::Labeler& L) const override;
  void measure(report::Measures& m) const override;
  std::vector<std::string> people() const override;
  std::vector<std::string> heads(const report::Labeler& L) const override;
  void person(const std::string& who, Value& figures, std::vector<std::string>& row) const override;
  std::vector<report::Chart> charts(const std::vector<std::string>& people,
                                    const report::Labeler& L) const override;

 private:
  const TemplateStats* visits() const;
  const Settings& settings_;
  report::Period period_;
  Stats stats_;
};

}  // namespace svc::survey
