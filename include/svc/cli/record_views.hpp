#pragma once
// What list, show and log do alike for every kind of record.
#include <functional>
#include <initializer_list>
#include <string>

#include "svc/cli/common.hpp"
#include "svc/domain/report.hpp"

namespace svc::cli {

/// Declares the --format values `cmd` prints (completion offers these, not every global one).
void accept_formats(CLI::App& cmd, std::initializer_list<const char*> allowed);
/// What `cmd` declared with accept_formats; nullptr: it takes every global --format.
const std::vector<std::string>* accepted_formats(const CLI::App& cmd);
/// Refuses a --format `cmd` did not declare, before any file is read.
void require_format(const Globals& g, const CLI::App& cmd);
/// The filters lists share: --status, --customer, and where the kind says so --month, --since
/// and --until (registered in), --overdue and --open. A kind's own filters come beside them.
struct ListFilters {
  std::vector<std::string> status;
  std::string customer, month, since, until;
  bool open = false, overdue = false;
  /// Which of them a kind's list has.
  struct Spec {
    bool month = true;         ///< --month: registered in YYYY-MM
    bool since_until = false;  ///< --since, --until: registered on or after, on or before
    bool deadlines = true;     ///< --overdue and --open
  };
  /// Adds them to `list`; the kind's noun names them in --help.
  void add_to(CLI::App& list, const RecordKind& kind, Spec spec);
  /// Checks them as typed (and every option of `list`): no empty value (`--tech ""` is a
  /// mistake, not "everyone"), known statuses of the kind, a month like 2026-11, dates
  /// YYYY-MM-DD. Throws usage errors.
  void check(const CLI::App& list, const RecordKind& kind) const;
  /// Whether a record passes them.
  bool keep(const RecordKind& kind, const Record& r, const Session& s) const;
  /// What the list need read (for_each_record): the statuses --status and --open leave, and no
  /// history; keep() must still be applied.
  Wanted wanted(const RecordKind& kind) const;
};
/// A list's filters as typed: no empty value, known statuses of the kind, a month like 2026-11
/// (ListFilters::check, for a list with filters of its own). Throws usage errors.
void check_filters(const CLI::App& list, const RecordKind& kind,
                   const std::vector<std::string>& statuses, const std::string& month);
/// Calls `visit` with every readable record of a kind, one at a time; each bad file or link is
/// one warning line. Returns how many could not be read.
/// Only records `wanted` passes are visited (scan_records).
int for_each_record(const RecordKind& kind, const store::DataDir& dir,
                    const std::function<void(const Record&)>& visit, const Wanted& wanted = {});
/// The same over several kinds in turn, each listed while the one before is read.
int for_each_record(const std::vector<const RecordKind*>& kinds, const store::DataDir& dir,
                    const std::function<void(const RecordKind&, const Record&)>& visit,
                    const Wanted& wanted = {});
/// Every record of the kinds `readers` read whole (RecordKind::report_reads), each handed to
/// `visit` with the reader it is for (a ledger is the replay of its whole history). Returns how
/// many files could not be read; those of kinds in `told` (read by the command already) are
/// neither told nor counted again.
int for_each_read_whole(
    const std::vector<const RecordKind*>& readers, const store::DataDir& dir,
    const std::function<void(const RecordKind& reader, const RecordKind& kind, const Record& r)>&
        visit,
    const std::vector<const RecordKind*>& told = {});
/// Throws the "list (or report) is incomplete" data error when files could not be read.
void require_complete(int bad, const char* what = "list");
/// What a kind's `list` shows: its columns and the item scripts get.
struct ListSpec {
  std::vector<std::string> heads;  ///< table and md headings, label keys of group "head"
  std::vector<bool> free_text;     ///< columns cut first on a narrow terminal
  std::vector<std::string> drop;   ///< heads left out, in this order, when cutting is not enough
  int alert_column = -1;           ///< painted red on a terminal (the overdue steps)
  size_t csv_leading = 0;          ///< how many of the item's first keys lead each csv row
  /// The json/yaml item of a record (its first `csv_leading` keys are scalars).
  std::function<Value(const Record&, const std::vector<std::string>& overdue)> item;
  /// The table row of a record, given its step states.
  std::function<std::vector<std::string>(const Record&, const std::vector<StepState>&)> row;
  /// Records for which this holds come first (major complaints); else file order.
  std::function<bool(const Record&)> first;
};

/// Adds what every list item ends with: `due`, `done` and the `overdue` steps.
void add_deadlines(Value& item, const Record& r, const std::vector<std::string>& overdue);

/// Collects a list's rows as records stream past (holding rows, not records) and prints them in
/// the chosen format: table, md, csv (leading item keys, then due_/done_ per step, overdue),
/// json, yaml.
/// A list's output: csv, json and yaml stream out as records come (those the spec puts first
/// ahead, the rest kept as text until print); a table or md keeps its cells to size columns.
class ListOutput {
 public:
  ListOutput(const RecordKind& kind, const ListSpec& spec, const Session& s);
  void add(const Record& r);
  void print();

 private:
  void put(bool first, std::string text);  ///< one rendered item, now or after the first ones
  void write(std::string_view text, bool flush = false);
  const RecordKind& kind_;
  const ListSpec& spec_;
  const Session& s_;
  std::string format_;
  bool guard_;                      ///< csv cells starting with = + - @ get a leading '
  size_t written_ = 0;              ///< items written so far
  std::string buffer_;              ///< output not yet on stdout
  std::vector<std::string> later_;  ///< rendered items that go after the first ones
  std::vector<std::pair<bool, std::vector<std::string>>> rows_;
};

/// "响应 2026-11-23 10:00": the next deadline to meet, for a list's table.
std::string next_cell(const std::vector<StepState>& states, const Session& s);
/// The overdue steps' labels, for a list's table.
std::string overdue_cell(const std::vector<StepState>& states, const Session& s);

/// The deadlines block of `show`: each step, its due time, its state, when it was done; then
/// the actions allowed next. `head_width` lines the heading up with the rest of `show`.
std::string deadlines_text(const RecordKind& kind, const Record& r, const Session& s,
                           int head_width);
/// The history, one numbered line per event, oldest first, stored text escaped; a voided event
/// says by whom, when and why, a void names its event's number.
std::string log_text(const Record& r, const Session& s);
/// `show`'s block of the events voids took back, as `log` prints them; "" when none.
std::string voided_events_text(const Record& r, const Session& s);
/// Records of `kind` whose `links.<field>` names `id`: the other side of a link, for `show`.
std::vector<std::string> linked_from(const RecordKind& kind, const store::DataDir& dir,
                                     const std::string& field, const std::string& id);
/// `svc KIND edit ID [--resume|--discard]`: the draft in $EDITOR, never overwritten once kept;
/// the kind's decide_edit says what may change; nothing `check` would reject is written.
void setup_edit(CLI::App& parent, Globals& g, const RecordKind& kind);
/// Whom a step waits on: a ticket's technician (its follow-up call: the office); a complaint's
/// department for its answer (and
/// for the case while it holds it); else the office person who registered the record.
std::string waits_on(const RecordKind& kind, const Record& r, const std::string& step);
/// How late `when` is after the step's deadline in force, in the step's own clock (SPEC §8): a
/// wall-clock step in hours and minutes of wall time ("7h 31m"); a working-time step in working
/// time, whole working days first once a full working day has gone by ("1 个工作日 2h 工作时间").
std::string how_late(const Settings& st, const KindRules& k, const Record& r, const StepState& step,
                     Time when);
/// `show --explain`'s line for the rule that computed a deadline: its name, conditions, amount,
/// clock, start and due.
std::string rule_line(const Deadline& dl, const Settings& st, int offset_s);
/// A stored time in the short local form ("2026-11-17 17:00"); as stored when it does not read.
std::string time_text(const std::string& stored, int offset_s);
/// A stored value as a reader sees it: a time in the short local form, a boolean as 是/否, an
/// enum by its label (its group the key it is stored under), a list joined with ", ", a map as
/// its fields. Never a raw timestamp or key=value.
std::string value_text(const Settings& st, int offset_s, std::string_view key, const Value& v);
/// A map's non-empty entries as "label value" pairs, two spaces apart: "型号 KX-300  数量 2".
std::string fields_text(const Settings& st, int offset_s, const Value& map);
/// A step's verdict as every view prints it: its state's label, "-" for a step not to do.
std::string verdict_label(const Settings& st, const StepState& step);
using report::mean_text;
using report::mean_value;
using report::rate_text;
using report::rate_value;
/// The customer's name as lists and reports show it; an anonymous complaint shows "(匿名)".
std::string customer_name(const Record& r);
/// An action subcommand whose --help ends with an example.
CLI::App* add_action(CLI::App& parent, const char* name, const char* help, const char* example);
/// `svc KIND show ID`: `text` for the terminal, the file as stored for --format yaml, its
/// content as JSON for --format json. Returns the subcommand, for options of its own.
CLI::App* setup_show(CLI::App& parent, Globals& g, const RecordKind& kind, const char* help,
                     const char* examples,
                     std::function<std::string(const Record&, const Session&)> text);
/// `svc KIND log ID`.
void setup_log(CLI::App& parent, Globals& g, const RecordKind& kind);
/// What every kind has besides its own actions: log, edit, settle (events a merge could not
/// apply) and renumber (two records created under one ID).
void setup_record_actions(CLI::App& parent, Globals& g, const RecordKind& kind);
/// The block of `show` that lists events left out of the summary after a merge; "" when none.
std::string conflicts_text(const RecordKind& kind, const Record& r, const Session& s);

}  // namespace svc::cli
