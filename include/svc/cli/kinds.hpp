#pragma once
// A kind of record as the command line knows it: one descriptor, declared in the kind's own
// files (cli/<kind>_kind.cpp), and one list of them (all_kinds()). Everything that is done for
// every kind (init's folders, .gitattributes, the settings' sections, check, merge, settle,
// renumber, void, completion, the cache, the man page) is derived from that list.
#include <array>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "svc/domain/record_rules.hpp"
#include "svc/domain/report.hpp"

namespace CLI {
class App;
}

namespace svc::cli {

struct Globals;

/// A label in the three locales svc speaks, by key ("status.new"): zh-CN, zh-TW, en.
struct Label {
  std::string_view key;
  std::array<const char*, 3> names;
};

struct RecordKind;
class Session;

/// A deadline that follows from the records and is stored in none (old parts to handle by the
/// end of the month after they came back): `report overdue` lists it beside the steps.
struct DerivedDue {
  std::string who;   ///< whom it waits on
  std::string id;    ///< the record it is about
  std::string step;  ///< a label key of group "step"
  std::string what;  ///< what is due, for people ("KX-BRG x2")
  Time due = 0;
};

/// What a kind checks across records once every file is read (the parts ledger's balances over
/// slips and calls): `check` shows it every sound record of every kind as it reads them.
class CrossCheck {
 public:
  virtual ~CrossCheck() = default;
  /// A sound record, and its file as check names it.
  virtual void add(const RecordKind& kind, const Record& r, const std::string& shown) = 0;
  /// Its problems, one line each, naming the file they are about.
  virtual std::vector<std::string> problems() const = 0;
};

struct RecordKind {
  /// Where it lives (folder, prefix, width), its statuses, transitions, steps, key order, links,
  /// schema, settings section and hooks (domain, pure).
  const KindRules& rules;
  /// A hand edit: what it may change, and what follows from the change.
  Event (*decide_edit)(const Record&, const Value& changes, const Context&);
  /// Its commands, `svc <noun> ...`: new, its actions, list, show, and what every kind has
  /// (setup_record_actions).
  void (*setup)(CLI::App& app, Globals& g);
  /// Its labels: every status and step, and the headings of its views.
  const std::vector<Label>& labels;
  /// Whom a step waits on (reports overdue and late), `office` being the person who registered
  /// the record; empty: always the office.
  std::function<std::string(const Record& r, const std::string& step, const std::string& office)>
      waits_on;
  /// Its section of the periodic reports (monthly, quarterly, period); null: it has none.
  report::SectionMaker report_section = nullptr;
  /// Kinds whose every record its section is given, whatever the period (its own noun: its own
  /// records all, not only the period's): a ledger is the replay of its whole history.
  std::vector<std::string> report_reads = {};
  /// Its section as a report of its own, `svc report <noun>`: the help line; null: none.
  const char* own_report = nullptr;
  /// Its columns of the technician review; null: it has none.
  report::ColumnsMaker technician_columns = nullptr;
  /// What `report recurring` counts it by: where it names its product (a map and its key), and
  /// a group of its own (a `field`, listed as `group` and shown by `shown`); null: nothing.
  struct Recurring {
    const char* map = nullptr;
    const char* key = nullptr;
    const char* group = nullptr;
    const char* field = nullptr;
    std::string (*shown)(const Settings&, const std::string&) = nullptr;
  };
  Recurring recurring = {};
  /// Its deadlines derived from the records, still to meet at the end of the session's time;
  /// null: none.
  std::vector<DerivedDue> (*derived_due)(const Session&) = nullptr;
  /// Its check across records, given the settings; null: none.
  std::unique_ptr<CrossCheck> (*cross_check)(const Settings&) = nullptr;
};

/// Every kind, in the order `check` reads them: the one list.
const std::vector<const RecordKind*>& all_kinds();
/// The kinds `which` holds for, in the list's order.
std::vector<const RecordKind*> kinds_where(const std::function<bool(const RecordKind&)>& which);
/// The same kinds' rules, for the store and the settings.
const Kinds& kind_rules();
/// Adds a kind declared outside the list (the tests' toy kind); before any command runs.
void register_kind(const RecordKind& kind);
/// The kind of this noun ("ticket"); nullptr for none.
const RecordKind* kind_named(std::string_view noun);
/// The kind a record file holds, from its place: tickets/2026-11/T-....yaml; nullptr for none.
const RecordKind* kind_of_file(const std::filesystem::path& path);

const RecordKind& ticket_kind();
const RecordKind& complaint_kind();
const RecordKind& return_kind();
const RecordKind& survey_kind();
const RecordKind& parts_kind();

}  // namespace svc::cli
