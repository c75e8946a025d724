#pragma once
// What every command shares: global options, the data directory and clock of this run, output.
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "svc/cli/kinds.hpp"
#include "svc/domain/reach.hpp"
#include "svc/domain/record.hpp"
#include "svc/domain/ticket.hpp"
#include "svc/store/datadir.hpp"
#include "svc/store/scan.hpp"

namespace svc::cli {

struct Globals {
  std::string data;
  std::string at;
  std::string as;
  std::string format = "table";
  std::string color = "auto";
  std::string csv_formulas = "quote";  ///< quote|keep: guard csv cells a spreadsheet would run
  bool quiet = false;
  bool no_cache = false;  ///< --no-cache: read every file, leave the cache alone
  bool no_pager = false;  ///< --no-pager: a terminal gets the text straight, however long
  bool bom = false;       ///< --bom: csv starts with a UTF-8 byte order mark (for Excel)
};

/// One run against one data directory: settings loaded once, the clock read once.
class Session {
 public:
  explicit Session(const Globals& g);
  const store::DataDir& dir() const { return *dir_; }
  const Settings& settings() const { return dir_->settings(); }
  int offset() const { return settings().calendar.utc_offset_s; }
  /// When the action happened: --at, else the clock.
  Time now() const { return now_; }
  /// The clock ($SVC_NOW, else the system's), whatever --at says: what "in the future" means.
  Time clock() const { return clock_; }
  /// An action on a record whose history runs later than this clock (another clone's clock
  /// runs fast) is recorded after it, at its latest event's time, unless --at says when; true
  /// when the time moved.
  bool follow_history(Time latest);
  /// The actor is looked up on first use: read-only commands never ask git.
  svc::Context context() const;
  const Globals& globals() const { return g_; }
  /// --color always, or auto on a terminal without NO_COLOR.
  bool color() const;

 private:
  const Globals& g_;
  std::unique_ptr<store::DataDir> dir_;
  Time now_ = 0;
  Time clock_ = 0;
  mutable std::optional<std::string> actor_;
};

/// $SVC_NOW, else the system clock; a usage error when it falls outside the years IDs name.
Time clock_time(int offset_s);
/// --at, else $SVC_NOW, else the system clock. --at may not be later than $SVC_NOW or the
/// clock, and both must fall in the years IDs can name; else a usage error.
Time current_time(const Globals& g, int offset_s);
/// --as, else $SVC_USER, else git's user.name, else $USER.
std::string current_actor(const Globals& g);
/// Parses a time typed by a user; throws usage_error naming the option.
Time parse_user_time(const std::string& s, int offset_s, const char* option);

/// Prints to stdout; a broken pipe or full disk on stdout becomes a write error. On a terminal
/// (unless --no-pager) the text is held for finish_output.
void out(const std::string& text);
/// Writes what out() held: through $PAGER (`less` with LESS=FRX when unset) when it is longer
/// than the terminal, else straight. Called once, before the run's last word.
void finish_output();
void warn(const std::string& text);
/// Warns when a deadline the event set was counted through a year the calendar has no official
/// holidays for (SPEC §6): those days were counted Monday to Friday.
void warn_uncovered_years(const Settings& s, const Event& e);
/// Prints what a command that wrote `id` has to say; a failure says the record was saved.
void print_saved(const std::string& id, const std::string& text);

using store::RecordFile;
/// The file of the record `typed` names: its ID or an ending of it; an ending several records
/// share names the one of them that is open, when exactly one is (SPEC §1).
store::fs::path resolve_id(const store::DataDir& dir, const RecordKind& kind,
                           const std::string& typed);
/// Reads a record an action will rewrite: anything `check` rejects is refused (exit 3), so no
/// action ever rewrites a broken file.
Record load_for_change(const RecordKind& kind, const store::DataDir& dir,
                       const store::fs::path& path, Time now);

/// A decision on a record: the event to append, or a refusal.
using Decide = std::function<Event(const Record&, const Context&)>;
/// "  响应   2026-11-23 10:00" per deadline an event set.
std::string due_summary(const Settings& s, const Value& due, int offset);
/// The deadlines an event set, to print after it is written.
Value due_of(const Event& e);
/// Loads the record under the writer lock (refusing one `check` rejects), decides, commits,
/// writes atomically and prints the new status and the deadlines the event set.
void change(const Globals& g, const RecordKind& kind, const std::string& typed_id,
            const Decide& decide);
/// A decision that also changes or creates a linked record, through the session, under the
/// same lock (closing a ticket creates its survey; recording a survey is the ticket's
/// follow-up). It writes those before returning the event of the record it was given, and puts
/// what they did into `also`, printed after the record's own line.
using DecideLinked =
    std::function<Event(const Session&, const Record&, const Context&, std::string& also)>;
void change_linked(const Globals& g, const RecordKind& kind, const std::string& typed_id,
                   const DecideLinked& decide);
/// `change` deciding on the whole record even with --at before its last event (a void names its
/// event by its number in the whole history, as `log` shows it).
void change_whole(const Globals& g, const RecordKind& kind, const std::string& typed_id,
                  const Decide& decide);
/// A record written alongside another: its ID, and the line that says so.
struct Linked {
  std::string id, line;
};
/// Writes a new record under the lock the caller holds: the next ID, then `fill` commits its
/// events. Returns the record as written.
Record add_record(const Session& session, const RecordKind& kind,
                  const std::function<void(Record&)>& fill);
/// Registers a new record: the next ID under the lock, the decision, the write; prints the ID,
/// what `more` adds, and its deadlines (only the ID with -q). Returns the ID.
std::string create(const Globals& g, const RecordKind& kind,
                   const std::function<Event(const Session&, const Context&)>& decide,
                   const std::function<std::string(const Record&, const Session&)>& more = {});

/// Adds the global options to an app or subcommand so they are accepted anywhere on the line.
void add_global_options(CLI::App& app, Globals& g);

void setup_init(CLI::App& app, Globals& g);
void setup_check(CLI::App& app, Globals& g);
/// What `svc check` finds: every problem of every record file, and a merge driver not set up.
/// Warnings (another clone's events ahead of this clock) go to `warnings`: they block nothing.
/// What holds across records (the parts ledger below zero) goes to `across_records` when given:
/// true of the world, not of a file, it is told without stopping a sync.
std::vector<std::string> check_problems(const Session& session,
                                        std::vector<std::string>* warnings = nullptr,
                                        std::vector<std::string>* across_records = nullptr);
/// Events of a record that a commit lost: its parent had them, the commit lacks them, and the
/// working tree still lacks them (put back, they are no loss any more).
struct Loss {
  const RecordKind* kind = nullptr;
  std::string path;  ///< below the clone's top
  Record before;     ///< the record as the parent has it
  std::vector<Event> events;
  std::string commit, parent;
  std::string reverted;  ///< the commit a `git revert` commit takes back, else ""
  bool pushed = false;   ///< the parent is on REV already (the team has its version)
};
/// For every commit since REV and each of its parents, what is still lost.
std::vector<Loss> losses_since(const store::DataDir& dir, const std::string& since);
/// `check --since REV`: the losses, one line each, naming the way back.
std::vector<std::string> lost_since(const store::DataDir& dir, const std::string& since);
/// `check --since REV --restore`: writes each lost record's events back into its file (a
/// record created twice under one ID: the one the team has keeps the ID, the other is
/// renumbered), under the caller's lock; returns a line per record.
std::vector<std::string> restore_losses(const Session& s, const std::vector<Loss>& losses,
                                        const std::string& since);
/// Commits what is staged below `root`, the message listing its actions (prefixed with
/// `prefix`, when given); false when nothing is staged.
bool commit_staged(const store::fs::path& top, const store::fs::path& root,
                   const std::string& actor, const std::string& prefix = "");
/// The merge driver git runs on record files (`svc merge-driver`, hidden).
void setup_team(CLI::App& app, Globals& g);
/// svc sync.
void setup_sync(CLI::App& app, Globals& g);
/// Two sides of one record file united as svc's merge driver unites them (a warning names the
/// events kept aside); a data error when they are two records created under one ID.
Record unite_records(const RecordKind& kind, const Record& ours, const Record& theirs);
/// `renumber` of the record in `path` (under the caller's lock): the next free ID with this
/// clone's code, the records made with it relinked; in a stopped merge or rebase the other
/// clone's record back under the ID, both staged. The new ID, and what to print.
struct Renumbered {
  std::string id, text;
};
Renumbered renumber_record(const Session& s, const RecordKind& kind, const store::fs::path& path);
/// After `moved` took a new ID in place of `old`: the records made with it link to its new ID
/// (relink events, written under the caller's lock), except those that link to `old` in the
/// commit `other` too ("" : every one). A line per record.
std::vector<std::string> relink_renumbered(const Session& s, const RecordKind& kind,
                                           const std::string& old, const Record& moved,
                                           const std::string& other);
/// svc resolve: every record file with conflict markers re-merged through the driver.
void setup_merge_resolve(CLI::App& app, Globals& g);
/// After a merge (svc sync calls it; the caller holds the writer lock): every record the merge
/// changed in which two clones did one act twice (a call closed in both, each close creating a
/// survey) keeps one survey, the other dropped as its duplicate, and the repeat settled; two
/// answered surveys are left for check to name. What it writes is committed. Returns a line
/// per record tidied.
std::vector<std::string> tidy_after_merge(const Session& s);
/// The same for one record (settle calls it), under the caller's lock, not committed.
std::vector<std::string> tidy_record(const Session& s, const RecordKind& kind,
                                     const store::fs::path& path);
/// With sync.autocommit, commits the files this run wrote, the message naming the actions;
/// a failure is a warning (the record is saved).
void autocommit(const Session& s);
void setup_ticket(CLI::App& app, Globals& g);
void setup_completion(CLI::App& app, Globals& g);
/// `svc __complete SHELL WORDS...`: the completions of the last word for bash, zsh or fish, one
/// per line, as the scripts of `svc completion` read them (completion.cpp says how).
std::string complete_words(const CLI::App& app, const std::vector<std::string>& args);
void setup_calendar(CLI::App& app, Globals& g);
void setup_complaint(CLI::App& app, Globals& g);
void setup_return(CLI::App& app, Globals& g);
void setup_survey(CLI::App& app, Globals& g);
void setup_parts(CLI::App& app, Globals& g);
void setup_report(CLI::App& app, Globals& g);
/// report technician, recurring, overdue and late.
void setup_report_lists(CLI::App& report, Globals& g);
/// `svc KIND close ID` for tickets and returns: the kind's decision, and the pending survey the
/// close creates when surveys.after names a template for the kind and the record has none yet;
/// its ID is written into the close event.
void setup_close(CLI::App& parent, Globals& g, const RecordKind& kind, const char* help,
                 const char* example, Event (*decide)(const Record&, const Context&));
/// The `complaint` survey a complaint follow-up records (`--survey`): `result` from the
/// satisfaction, more items from `rates` (ITEM=LEVEL), the note as its comment; written under
/// the caller's lock.
Linked survey_of_follow_up(const Session& s, const Record& complaint,
                           const std::string& satisfaction, const std::vector<std::string>& rates,
                           const std::string& note);
/// list, show and stats of surveys.
void setup_survey_views(CLI::App& survey, Globals& g);
/// list, show and log of complaints.
void setup_complaint_views(CLI::App& complaint, Globals& g);

}  // namespace svc::cli
