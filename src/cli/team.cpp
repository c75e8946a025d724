// The team over git (SPEC §9), for every kind alike: the merge driver git runs on record files,
// `settle` for events a merge could not apply, `renumber` for two records created under one ID.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/cli/record_views.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/links.hpp"
#include "svc/domain/merge.hpp"
#include "svc/domain/text.hpp"
#include "svc/domain/voids.hpp"
#include "svc/store/git.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/safe_fs.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw data_error(fmt::format("could not read {}", path));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A temp file beside `path` (git's own file for the merge result), removed unless kept.
struct TempBeside {
  std::string path;
  bool kept = false;
  explicit TempBeside(const std::string& of)
      : path(fmt::format("{}.svc-{}.tmp", of, static_cast<long>(::getpid()))) {}
  ~TempBeside() {
    if (!kept) ::unlink(path.c_str());
  }
  // Renames it over `to`: git's file is the old one or the new one, never a part.
  void replace(const std::string& to) {
    if (::rename(path.c_str(), to.c_str()) != 0)
      throw write_error(fmt::format("could not write {}: {}", to, std::strerror(errno)));
    kept = true;
  }
};

void write_whole(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) throw write_error(fmt::format("could not write {}: {}", path, std::strerror(errno)));
  store::DirHandle file(fd);  // closes it
  store::write_all(fd, text, path);
  if (::fsync(fd) != 0)
    throw write_error(fmt::format("could not write {}: {}", path, std::strerror(errno)));
}

// Replaces git's result file whole (temp file, fsync, rename): on any failure, a full disk
// among them, git's file stays as git gave it.
void spit(const std::string& path, const std::string& text) {
  TempBeside temp(path);
  write_whole(temp.path, text);
  temp.replace(path);
}

// What git would have done without svc: a line merge with conflict markers, made in a copy of
// git's file so that a failure leaves that file as it was.
void merge_as_text(const std::string& base, const std::string& ours, const std::string& theirs,
                   const std::string& path, const std::string& why) {
  TempBeside temp(ours);
  write_whole(temp.path, slurp(ours));
  store::GitRun r = store::git(
      ".", {"merge-file", "-L", "ours", "-L", "base", "-L", "theirs", temp.path, base, theirs});
  // merge-file exits with the number of conflicts (at most 127), or negative on an error.
  if (r.code < 0 || r.code > 127)
    throw write_error(fmt::format("{}: git merge-file failed: {}", path, r.err));
  temp.replace(ours);
  if (r.code != 0)
    throw data_error(
        fmt::format("{}: {}; merged as text, with conflict markers to resolve by hand", path, why));
}

// Two registrations of one site code: the same file, or two clones that took the same code.
void merge_site(const std::string& ours_path, const std::string& theirs_path,
                const std::string& path) {
  std::string ours = slurp(ours_path), theirs = slurp(theirs_path);
  if (ours == theirs) return;
  auto who = [&](const std::string& text) {
    Value v = store::parse_yaml(text, path);
    return fmt::format("{} on {}", v.get("by"), v.get("registered").substr(0, 10));
  };
  std::string code = fs::path(path).stem().string();
  std::string first = who(theirs), second = who(ours);
  spit(ours_path, theirs);  // the code stays with the clone that pushed it first
  // Remembered in this clone (git runs the driver at the top of the work tree): no new ID is
  // given under the lost code, and init --site OTHER renumbers what was made under it.
  const fs::path local = fs::path(path).parent_path().parent_path() / ".svc";
  std::error_code ec;
  fs::create_directories(local, ec);
  write_whole((local / "lost-site").string(), code + "\n");
  throw refused(fmt::format(
      "site code {} was registered in two clones ({}; {}): it stays with the first, so this "
      "clone takes another, which also renumbers every record it made under {}: svc init "
      "--site OTHER, then svc sync",
      code, first, second, code));
}

void merge_record(const RecordKind& kind, const std::string& base_path,
                  const std::string& ours_path, const std::string& theirs_path,
                  const std::string& path) {
  std::string ours_text = slurp(ours_path), theirs_text = slurp(theirs_path);
  Record ours, theirs;
  try {
    ours = store::record_from_text(ours_text, path);
    theirs = store::record_from_text(theirs_text, path);
  } catch (const Error& e) {
    return merge_as_text(base_path, ours_path, theirs_path, path,
                         fmt::format("not both readable as svc records ({})", e.what()));
  }
  spit(ours_path, store::record_text(unite_records(kind, ours, theirs)));
}

void setup_merge_driver(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "merge-driver", "git's merge driver for record files (set up by svc init and svc sync)");
  cmd->group("");  // not for people: git runs it
  auto a = std::make_shared<std::array<std::string, 4>>();
  cmd->add_option("BASE", (*a)[0])->required();
  cmd->add_option("OURS", (*a)[1])->required();
  cmd->add_option("THEIRS", (*a)[2])->required();
  cmd->add_option("PATH", (*a)[3])->required();
  cmd->callback([a] {
    const auto& [base, ours, theirs, path] = *a;
    fs::path p(path);
    if (p.parent_path().filename() == "sites") return merge_site(ours, theirs, path);
    if (const RecordKind* kind = kind_of_file(p))
      return merge_record(*kind, base, ours, theirs, path);
    merge_as_text(base, ours, theirs, path, "not a record file");
  });
}

// git's stage of an unmerged file (2 and 3), or "" when the file is not unmerged.
std::string stage(const fs::path& file, int n) {
  fs::path dir = file.parent_path();
  std::string name = "./" + file.filename().string();
  store::GitRun unmerged = store::git(dir, {"ls-files", "-u", "--", name});
  if (!unmerged.ok() || unmerged.out.empty()) return "";
  store::GitRun r = store::git(dir, {"show", fmt::format(":{}:{}", n, name)});
  return r.ok() ? r.out : "";
}

// The two records git stopped on, as this clone's and the other clone's. In a merge stage 2 is
// ours and the other clone's commit is MERGE_HEAD; a rebase replays our commit onto the
// upstream, so there stage 2 and HEAD are the other clone's and stage 3 is ours.
struct Sides {
  fs::path top;
  std::string ours, theirs;  ///< the files' texts; "" outside a merge or rebase
  std::string other;         ///< the other clone's commit
  bool rebase = false;
  bool stopped() const { return !ours.empty() && !theirs.empty(); }
};

Sides sides_of(const store::DataDir& dir, const fs::path& file) {
  Sides s;
  s.top = store::git_top(dir.root());
  if (s.top.empty()) return s;
  s.rebase = store::rebase_in_progress(s.top);
  s.ours = stage(file, s.rebase ? 3 : 2);
  s.theirs = stage(file, s.rebase ? 2 : 3);
  s.other = s.rebase ? "HEAD" : "MERGE_HEAD";
  return s;
}

// A path below the work tree, as git names it.
std::string in_tree(const fs::path& top, const fs::path& p) {
  return fs::weakly_canonical(p).lexically_relative(fs::weakly_canonical(top)).string();
}

struct Relinked {
  const RecordKind* kind;
  fs::path path;
  Record record;
};

// The records made with this clone's record: every record whose links name `old`, except, in a
// stopped merge or rebase, those whose links name it in the other clone's commit too (they were
// made with the other clone's record, which keeps the ID). The records `moved` names through a
// link that must name it back are its own, whatever the other side holds.
std::vector<Relinked> relink(const Session& s, const RecordKind& kind, const std::string& old,
                             const Record& moved, const fs::path& top, const std::string& other) {
  std::vector<std::string> own;
  for (const auto& l : record::links_of(kind.rules, moved.fields))
    if (!l.link->back.empty()) own.push_back(l.id);
  std::vector<Relinked> out;
  for (const RecordKind* k : all_kinds())
    store::scan_records(k->rules, s.dir(), std::nullopt, [&](std::string_view rel, RecordFile& f) {
      if (!f.parsed || !record::links_to(k->rules, f.record.fields, kind.rules.noun, old)) return;
      fs::path path = s.dir().root() / rel;
      bool named = std::find(own.begin(), own.end(), f.record.id) != own.end();
      if (!other.empty() && !named)
        if (auto there = store::record_at(top, other, in_tree(top, path));
            there && record::links_to(k->rules, there->fields, kind.rules.noun, old))
          return;
      out.push_back({k, path, {}});
    });
  // Every one read as an action would before anything is written: a broken file stops it all.
  for (auto& r : out) {
    r.record = load_for_change(*r.kind, s.dir(), r.path, s.clock());
    record::commit_event(r.kind->rules, r.record, record::relink_event(old, moved.id, s.context()));
  }
  return out;
}

// What to do after a renumber in a stopped merge or rebase: what git still waits for.
std::string next_step(const Sides& sides) {
  std::vector<std::string> open;
  for (const auto& f :
       split_lines(store::git(sides.top, {"diff", "--name-only", "--diff-filter=U"}).out))
    if (!f.empty()) open.push_back(f);
  std::string add =
      open.empty() ? "" : fmt::format("resolve and git add {}; ", fmt::join(open, " "));
  return sides.rebase
             ? fmt::format(
                   "the upstream's, pushed first. Finish the rebase: {}git rebase "
                   "--continue, then svc sync",
                   add)
             : fmt::format("the other clone's. Finish the merge: {}git commit (or svc sync)", add);
}

// Writes the renumbered record and the records relinked to it; in a stopped merge or rebase
// also the other clone's record back under the ID, all of them staged, so git waits only for
// what a person must still resolve. Outside one the old file goes (committed with autocommit).
void write_renumbered(const Session& s, const RecordKind& kind, const fs::path& path,
                      const Sides& sides, const Record& ours, const std::vector<Relinked>& linked) {
  fs::path moved = s.dir().path_for(kind.rules, ours.id);
  s.dir().write_new(moved, ours);
  for (const auto& r : linked) s.dir().write(r.path, r.record);
  if (!sides.stopped()) {
    std::error_code ec;
    fs::remove(path, ec);
    s.dir().removed(path);
    return autocommit(s);
  }
  s.dir().write(path, store::record_from_text(sides.theirs, s.dir().display(path)));
  std::vector<std::string> args{"add", "--", path.string(), moved.string()};
  for (const auto& r : linked) args.push_back(r.path.string());
  store::GitRun added = store::git(s.dir().root(), args);
  if (!added.ok()) throw write_error("git add failed: " + added.message());
}

void setup_renumber(CLI::App& parent, Globals& g, const RecordKind& kind) {
  const std::string noun = kind.rules.noun;
  auto* cmd = add_action(
      parent, "renumber",
      "give this clone's record a new ID when two clones created records under one ID; during "
      "a merge or a rebase the other clone's keeps the ID; the records made with this clone's "
      "record link to its new ID",
      fmt::format("svc {} renumber {}-2611-BJ-0003", noun, kind.rules.prefix).c_str());
  auto id = std::make_shared<std::string>();
  cmd->add_option("ID", *id, noun + " ID")->required();
  cmd->callback([id, &kind, &g] {
    Session s(g);
    store::WriterLock lock(s.dir().root());
    Renumbered done = renumber_record(s, kind, resolve_id(s.dir(), kind, *id));
    if (g.quiet) return out(done.id + "\n");
    print_saved(done.id, done.text);
  });
}

void setup_settle(CLI::App& parent, Globals& g, const RecordKind& kind) {
  const std::string noun = kind.rules.noun;
  auto* cmd = add_action(
      parent, "settle",
      "accept the record as it is after a merge: events it could not apply stay in the history, "
      "out of the summary",
      fmt::format("svc {} settle 0003 --note \"已与师傅核实\"", noun).c_str());
  auto id = std::make_shared<std::string>();
  auto note = std::make_shared<std::string>();
  cmd->add_option("ID", *id, noun + " ID or an unambiguous ending")->required();
  cmd->add_option("--note", *note, "why this is right");
  cmd->callback([id, note, &kind, &g] {
    change(g, kind, *id, [&kind, note](const Record& r, const Context& ctx) {
      return record::decide_settle(kind.rules, r, *note, ctx);
    });
    // What a merge made two of (a call closed in two clones: its second survey) is tidied too.
    Session s(g);
    store::WriterLock lock(s.dir().root());
    for (const auto& line : tidy_record(s, kind, resolve_id(s.dir(), kind, *id)))
      if (!g.quiet) out(line + "\n");
    autocommit(s);
  });
}

// `void ID --event N --reason TEXT` for every kind: the event stays in the history, out of the
// summary; `git revert` cannot do this, as every clone that has the event brings it back.
void setup_void(CLI::App& parent, Globals& g, const RecordKind& kind) {
  const std::string noun = kind.rules.noun;
  auto* cmd = add_action(
      parent, "void",
      "take back an event recorded by mistake: it stays in the history, voided, and the summary "
      "is as if it had never happened",
      fmt::format("svc {} void 0001 --event 3 --reason \"派错人\"", noun).c_str());
  auto id = std::make_shared<std::string>();
  auto which = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  cmd->add_option("ID", *id, noun + " ID or an unambiguous ending")->required();
  cmd->add_option("--event", *which,
                  fmt::format("the event's number in svc {} log, or its time", noun))
      ->required();
  cmd->add_option("--reason", *reason, "why it is taken back")->required();
  cmd->callback([id, which, reason, &kind, &g] {
    change_whole(g, kind, *id, [&kind, which, reason](const Record& r, const Context& ctx) {
      return record::decide_void(kind.rules, r, *which, *reason, ctx);
    });
  });
}

}  // namespace

Renumbered renumber_record(const Session& s, const RecordKind& kind, const fs::path& path) {
  Sides sides = sides_of(s.dir(), path);
  Record ours = sides.stopped() ? store::record_from_text(sides.ours, s.dir().display(path))
                                : load_for_change(kind, s.dir(), path, s.clock());
  record::money_as_text(kind.rules, ours);  // a staged side is read here, not by read_record
  auto registered = parse_time(ours.fields.get("registered"), 0);
  if (!registered) throw data_error(fmt::format("{} has no registration time", ours.id));
  std::string old_id = ours.id;
  // The new ID is in the month the record was registered, with this clone's site code.
  ours.id = s.dir().allocate_id(kind.rules, *registered);
  ours.fields.set_plain("id", ours.id);
  record::commit_event(kind.rules, ours, record::renumber_event(old_id, s.context()));
  std::vector<Relinked> linked =
      relink(s, kind, old_id, ours, sides.top, sides.stopped() ? sides.other : "");
  write_renumbered(s, kind, path, sides, ours, linked);
  std::string text =
      fmt::format("{} is now {}{}\n", old_id, ours.id,
                  sides.stopped() ? fmt::format("; {} is {}", old_id, next_step(sides)) : "");
  for (const auto& r : linked) text += fmt::format("{}: links to {} now\n", r.record.id, ours.id);
  return {ours.id, text};
}

std::vector<std::string> relink_renumbered(const Session& s, const RecordKind& kind,
                                           const std::string& old, const Record& moved,
                                           const std::string& other) {
  std::vector<std::string> said;
  for (const auto& r : relink(s, kind, old, moved, store::git_top(s.dir().root()), other)) {
    s.dir().write(r.path, r.record);
    said.push_back(fmt::format("{}: links to {} now", r.record.id, moved.id));
  }
  return said;
}

Record unite_records(const RecordKind& kind, const Record& ours, const Record& theirs) {
  if (std::string why = record::different_records(ours, theirs); !why.empty())
    throw data_error(
        fmt::format("{}; they are kept apart: give this clone's a new ID with: svc {} renumber {}",
                    why, kind.rules.noun, ours.id));
  Record merged = record::merge(kind.rules, ours, theirs);
  if (size_t n = record::conflict_count(merged.fields))
    warn(
        fmt::format("{}: {} event{} could not be applied in the merged order and {} kept aside; "
                    "see svc {} show {}, then settle: svc {} settle {}",
                    merged.id, n, n == 1 ? "" : "s", n == 1 ? "is" : "are", kind.rules.noun,
                    merged.id, kind.rules.noun, merged.id));
  return merged;
}

std::string conflicts_text(const RecordKind& kind, const Record& r, const Session& s) {
  const Value* list = r.fields.find(record::kConflicts);
  if (!list) return "";
  std::string t = alert(label(s.settings(), "head", "conflicts"), s.color()) + "\n";
  for (const auto& c : list->items) {
    auto at = parse_time(c.get("at"), s.offset());
    t += fmt::format("  {}  {}  {}  ({})\n", at ? format_time_short(*at, s.offset()) : c.get("at"),
                     escape_controls(c.get("by")), record::spoken(kind.rules, c.get("do")),
                     status_label(s.settings(), kind.rules.noun, c.get("status")));
  }
  return t + fmt::format("  {}: svc {} settle {}\n", label(s.settings(), "head", "settle_hint"),
                         kind.rules.noun, r.id);
}

// `note ID TEXT` for every kind (`--text TEXT` as well, as returns and surveys once took it).
void setup_note(CLI::App& parent, Globals& g, const RecordKind& kind) {
  const std::string example =
      fmt::format("svc {} note 0001 '客户来电，改约明天上午'", kind.rules.noun);
  auto* cmd = parent.add_subcommand("note", "add a note to the history");
  cmd->footer(fmt::format("Example:\n  {}", example));
  auto id = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>();
  auto option = std::make_shared<std::string>();
  cmd->add_option("ID", *id, fmt::format("{} ID or an unambiguous ending", kind.rules.noun))
      ->required();
  auto* positional = cmd->add_option("TEXT", *text, "the note");
  auto* named = cmd->add_option("--text", *option, "the note (the same as TEXT)");
  positional->excludes(named);
  cmd->callback([id, text, option, &kind, &g] {
    const std::string note = text->empty() ? *option : *text;
    change(g, kind, *id, [&note, &kind](const Record& r, const Context& ctx) {
      return record::text_event(kind.rules, r, "note", "TEXT", "text", note, ctx);
    });
  });
}

void setup_record_actions(CLI::App& parent, Globals& g, const RecordKind& kind) {
  setup_note(parent, g, kind);
  setup_log(parent, g, kind);
  setup_edit(parent, g, kind);
  setup_settle(parent, g, kind);
  setup_renumber(parent, g, kind);
  setup_void(parent, g, kind);
}

void setup_team(CLI::App& app, Globals&) { setup_merge_driver(app); }

}  // namespace svc::cli
