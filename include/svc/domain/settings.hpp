#pragma once
// The settings of a data directory (svc.yaml) as the domain needs them.
#include <any>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "svc/calendar/calendar.hpp"
#include "svc/domain/return_policy.hpp"
#include "svc/domain/sla.hpp"
#include "svc/domain/value.hpp"

namespace svc {

/// The penalty scale of seed 004 處罰准則 and the month's bonus it is capped by (SPEC §4).
struct PenaltyScale {
  std::int64_t warning = 40000;  ///< cents, at least, per warning
  std::int64_t minor = 80000;    ///< cents, at least, per base point (基點)
  int cap_percent = 50;          ///< of the month's bonus deducted at most; the rest carries on
  std::int64_t bonus = 300000;   ///< cents: the month's bonus of anyone not listed
  std::map<std::string, std::int64_t> bonus_of;  ///< person -> cents
  /// department -> its members and their base points (基點數), to split a department's share.
  std::map<std::string, std::vector<std::pair<std::string, int>>> base_points;
};

/// One question of a survey template, in the section it belongs to.
struct SurveyItem {
  std::string key, label, section;
};

/// A questionnaire (SPEC §5): sections of items answered on one scale, some of whose levels
/// count as satisfied.
struct SurveyTemplate {
  std::string name, label;
  std::vector<std::pair<int, std::string>> scale;  ///< level -> label, as listed (highest first)
  std::vector<int> positive;                       ///< levels that count as satisfied
  std::vector<std::pair<std::string, std::string>> sections;  ///< key -> label, in order
  std::vector<SurveyItem> items;                              ///< in questionnaire order

  const SurveyItem* item(std::string_view key) const {
    for (const auto& i : items)
      if (i.key == key) return &i;
    return nullptr;
  }
  bool has_level(int level) const {
    for (const auto& [l, name] : scale)
      if (l == level) return true;
    return false;
  }
  bool is_positive(int level) const {
    for (int p : positive)
      if (p == level) return true;
    return false;
  }
};

/// surveys: in svc.yaml.
struct SurveySettings {
  bool auto_create = true;   ///< closing a ticket or a return creates a pending survey
  std::string after_ticket;  ///< template of that survey; "" for none
  std::string after_return;
  std::vector<SurveyTemplate> templates;

  const SurveyTemplate* find(std::string_view name) const {
    for (const auto& t : templates)
      if (t.name == name) return &t;
    return nullptr;
  }
};

/// The service targets reports judge against (seed 001 公司售后服务管理制度 3.2.1), in %.
struct ReportTargets {
  int on_time = 90;        ///< arrival deadlines met, at least
  int satisfaction = 85;   ///< satisfied answers, at least
  int complaint_rate = 3;  ///< substantiated complaints per ticket, below
};

struct Settings {
  std::string locale = "zh-CN";  ///< zh-CN, zh-TW, en
  std::string office;            ///< the office's name, at the head of the HTML report
  Calendar calendar;
  /// Each kind's SLA table (svc.yaml `sla.<noun>`), by noun.
  std::map<std::string, SlaTable, std::less<>> sla;
  /// The SLA table of a kind; an empty one when it has none.
  const SlaTable& sla_of(std::string_view noun) const {
    static const SlaTable none;
    auto it = sla.find(noun);
    return it == sla.end() ? none : it->second;
  }
  /// Each kind's own settings, by noun, as its `read_settings` hook read them: a kind added to
  /// the list keeps its section here, under a type of its own, not in a member of Settings.
  std::map<std::string, std::any, std::less<>> sections;
  /// A kind's settings of type T (read into `sections`); T's defaults when it has none.
  template <class T>
  const T& section(std::string_view noun) const {
    static const T none{};
    auto it = sections.find(noun);
    const T* found = it == sections.end() ? nullptr : std::any_cast<T>(&it->second);
    return found ? *found : none;
  }
  SurveySettings surveys;
  ReportTargets targets;  ///< reports.targets
  /// Complaint categories (SPEC §4): path -> display label, in the order svc.yaml lists them.
  std::vector<std::pair<std::string, std::string>> complaint_categories;
  PenaltyScale penalties;
  ReturnPolicy return_policy;  ///< windows of seed 004 Ⅸ (svc.yaml returns.policy)
  bool autocommit = false;     ///< sync.autocommit: every action is its own git commit
  /// team.clock_skew: how far another clone's events may lie ahead of this clock unremarked.
  std::int64_t clock_skew = 3600;
  Value document;  ///< the whole merged svc.yaml, for sections other capabilities read
  /// svc.yaml holds conflict markers: where, and which keys differ ("" when it does not). This
  /// clone's side is read meanwhile; check counts it a problem, so sync shares nothing.
  std::string conflict;
  /// Mistakes that do not stop svc (an unknown key, a step no rule always decides), each
  /// "path:line:col: ...", for the command to print on stderr.
  std::vector<std::string> warnings;
};

}  // namespace svc
