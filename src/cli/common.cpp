#include "svc/cli/common.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <thread>

#include "svc/cli/output.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/scan.hpp"
#include "svc/store/settings_io.hpp"
#include "svc/store/threads.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

Session::Session(const Globals& g) : g_(g) {
  std::optional<std::string> flag;
  if (!g.data.empty()) flag = g.data;
  auto root = store::find_data_dir(flag, std::getenv("SVC_DATA"), store::fs::current_path());
  dir_ = std::make_unique<store::DataDir>(root, kind_rules());
  dir_->use_cache(!g.no_cache);
  for (const auto& w : settings().warnings) warn(w);
  // A long read's progress line in the display language: "svc：正在读取工单 512/198000".
  // (The words only: the line may be shown after this session is gone.)
  Settings words;
  words.locale = settings().locale;
  store::set_progress_words([words](const std::string& folder, size_t done, size_t total) {
    return say(words, "reading", label(words, "head", folder), done, total);
  });
  now_ = current_time(g, offset());
  clock_ = g.at.empty() ? now_ : clock_time(offset());
}

bool Session::color() const {
  if (g_.color == "always") return true;
  if (g_.color == "never" || std::getenv("NO_COLOR")) return false;
  return ::isatty(STDOUT_FILENO) != 0;
}

bool Session::follow_history(Time latest) {
  if (!g_.at.empty() || latest <= now_) return false;
  now_ = latest;
  return true;
}

svc::Context Session::context() const {
  if (!actor_) actor_ = current_actor(g_);
  return {{now_, *actor_}, settings()};
}

Time parse_user_time(const std::string& s, int offset_s, const char* option) {
  auto t = parse_time(s, offset_s);
  if (!t)
    throw usage_error(
        fmt::format("{} '{}' is not a time like 2026-11-23T09:15 or 2026-11-23", option, s));
  return *t;
}

namespace {

// IDs name the year with two digits (T-2611-...): times outside 2000-2099 cannot be filed.
void require_filable_year(Time t, int offset_s, const char* option, const std::string& typed) {
  int year = date_from_day(local_day(t, offset_s)).year;
  if (year < 2000 || year > 2099)
    throw usage_error(
        fmt::format("{} '{}' is outside the years svc can file (2000-2099)", option, typed));
}

}  // namespace

Time clock_time(int offset_s) {
  using namespace std::chrono;
  Time clock = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
  if (const char* env = std::getenv("SVC_NOW"); env && *env) {
    clock = parse_user_time(env, offset_s, "$SVC_NOW");
    require_filable_year(clock, offset_s, "$SVC_NOW", env);
  }
  return clock;
}

Time current_time(const Globals& g, int offset_s) {
  Time clock = clock_time(offset_s);
  if (g.at.empty()) return clock;
  Time at = parse_user_time(g.at, offset_s, "--at");
  require_filable_year(at, offset_s, "--at", g.at);
  // A call is logged late, never early: the future is refused (a few minutes of clock skew
  // between two machines are allowed).
  if (at > clock + svc::kClockSkew)
    throw usage_error(
        fmt::format("--at {} is later than now ({}); an action is recorded when it "
                    "happens, not before",
                    format_time_short(at, offset_s), format_time_short(clock, offset_s)));
  return at;
}

void warn_uncovered_years(const Settings& s, const Event& e) {
  const Value* due = e.data.find("due");
  auto from = parse_time(e.at, s.calendar.utc_offset_s);
  if (!due || !from) return;
  int first = date_from_day(local_day(*from, s.calendar.utc_offset_s)).year;
  for (const auto& [step, when] : due->entries) {
    auto t = parse_time(when.scalar, s.calendar.utc_offset_s);
    if (!t) continue;
    for (int y = first; y <= date_from_day(local_day(*t, s.calendar.utc_offset_s)).year; ++y)
      if (!s.calendar.years.count(y))
        return warn(fmt::format(
            "the {} deadline is counted through {}, for which svc.yaml lists no official holidays: "
            "Monday to Friday were counted as working days; import the schedule with: svc "
            "calendar import FILE.ics",
            step, y));
  }
}

void print_saved(const std::string& id, const std::string& text) {
  try {
    out(text);
  } catch (const Error& e) {
    // The record is on disk: say so, so nobody repeats the command and files it twice.
    throw write_error(
        fmt::format("{} was saved, but the output could not be printed ({}); do not "
                    "run the command again",
                    id, e.what()));
  }
}

static std::string git_user_name() {
  std::array<char, 256> buf{};
  std::string name;
  if (FILE* p = ::popen("git config user.name 2>/dev/null", "r")) {
    while (std::fgets(buf.data(), buf.size(), p)) name += buf.data();
    ::pclose(p);
  }
  while (!name.empty() && (name.back() == '\n' || name.back() == '\r')) name.pop_back();
  return name;
}

std::string current_actor(const Globals& g) {
  if (!g.as.empty()) return g.as;
  if (const char* env = std::getenv("SVC_USER"); env && *env) return env;
  if (std::string git = git_user_name(); !git.empty()) return git;
  if (const char* env = std::getenv("USER"); env && *env) return env;
  return "unknown";
}

namespace {

// Output held for the pager: only when stdout is a terminal, so a script's pipe or file gets
// every line as it comes and a write error at once.
struct Paging {
  const Globals* g = nullptr;  // --no-pager, --bom
  bool started = false;        // anything written yet
  bool decided = false, on = false;
  std::string pager;  // the command, found once
  std::string held;
};
Paging& paging() {
  static Paging p;
  return p;
}

void write_out(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (std::fflush(stdout) != 0) throw write_error("could not write to standard output");
}

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  for (std::string_view rest = path ? path : ""; !rest.empty();) {
    size_t colon = std::min(rest.find(':'), rest.size());
    std::string dir(rest.substr(0, colon));
    if (!dir.empty() && ::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    rest.remove_prefix(std::min(colon + 1, rest.size()));
  }
  return false;
}

// The pager to run: $PAGER as set (empty or `cat`: none), else less when it is installed.
std::string pager_command() {
  if (const char* env = std::getenv("PAGER")) {
    std::string p = env;
    return p == "cat" ? "" : p;
  }
  return on_path("less") ? "less" : "";
}

}  // namespace

void out(const std::string& text) {
  Paging& p = paging();
  if (!p.decided) {
    p.decided = true;
    if (!(p.g && p.g->no_pager) && ::isatty(STDOUT_FILENO)) p.pager = pager_command();
    p.on = !p.pager.empty();
  }
  // Excel reads a csv as the local code page unless it starts with a byte order mark.
  if (!p.started && p.g && p.g->bom && p.g->format == "csv") {
    p.started = true;
    return out("\xEF\xBB\xBF" + text);
  }
  p.started = true;
  if (p.on)
    p.held += text;
  else
    write_out(text);
}

void finish_output() {
  Paging& p = paging();
  if (!p.on) return;
  p.on = false;
  std::string text = std::move(p.held);
  winsize ws{};
  int rows = ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 ? ws.ws_row : 24;
  if (std::count(text.begin(), text.end(), '\n') < rows - 1) return write_out(text);
  // As git does: less quits when the text fits (F), keeps colour (R), leaves it on screen (X).
  ::setenv("LESS", "FRX", 0);
  std::fflush(stdout);
  ::signal(SIGPIPE, SIG_IGN);  // quitting the pager early is not a write error
  FILE* pipe = ::popen(p.pager.c_str(), "w");
  if (!pipe) return write_out(text);
  std::fwrite(text.data(), 1, text.size(), pipe);
  int status = ::pclose(pipe);
  // The pager could not be run (sh says why): the text still reaches the terminal.
  if (status == -1 || (WIFEXITED(status) && WEXITSTATUS(status) == 127)) write_out(text);
}

void warn(const std::string& text) {
  std::fprintf(stderr, "svc: warning: %s\n", escape_controls(text).c_str());
}

store::fs::path resolve_id(const store::DataDir& dir, const RecordKind& kind,
                           const std::string& typed) {
  return dir.resolve(kind.rules, typed, [&](const store::fs::path& path) {
    RecordFile f = store::read_record(kind.rules, dir, path);
    return f.parsed && record::is_open(kind.rules, f.record.fields.view("status"));
  });
}

Record load_for_change(const RecordKind& kind, const store::DataDir& dir,
                       const store::fs::path& path, Time now) {
  auto unsound = [](const RecordFile& f) -> const std::string* {
    for (const auto& p : f.problems)
      if (std::find(f.conflicts.begin(), f.conflicts.end(), p) == f.conflicts.end()) return &p;
    return nullptr;
  };
  RecordFile f = store::read_record(kind.rules, dir, path, now);
  // Events ahead of this clock are none of this: another clone's clock may run fast (a
  // warning of check's), and an action here goes in before them, in time order.
  if (const std::string* p = unsound(f))
    throw data_error(
        fmt::format("{}; nothing was changed: run `svc check` and mend the file first", *p));
  return std::move(f.record);
}

void add_global_options(CLI::App& app, Globals& g) {
  app.add_option("--data", g.data,
                 "data directory (else $SVC_DATA, else the nearest with svc.yaml)");
  app.add_option("--at", g.at, "time the action happened, for calls logged late (else $SVC_NOW)");
  app.add_option("--as", g.as, "actor written into history (else $SVC_USER, git user.name, $USER)");
  app.add_option("--format", g.format, "output format")
      ->check(CLI::IsMember({"table", "yaml", "json", "csv", "md", "html", "xlsx", "hledger"}));
  app.add_option("--csv-formulas", g.csv_formulas,
                 "csv cells starting with = + - @ get a leading ' (quote, default) or not (keep)")
      ->check(CLI::IsMember({"quote", "keep"}));
  app.add_flag("-q,--quiet", g.quiet, "print only what scripts need (the new ID)");
  app.add_flag("--no-pager", g.no_pager,
               "on a terminal, print long output straight rather than through $PAGER (less)");
  app.add_flag("--bom", g.bom, "csv: start with a UTF-8 byte order mark, for Excel");
  paging().g = &g;
  app.add_flag("--no-cache", g.no_cache,
               "read every record file, not the cache in .svc/ (check always does)");
  app.add_option("--color", g.color, "colour: auto, always, never (honours NO_COLOR)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

}  // namespace svc::cli
