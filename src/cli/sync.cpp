// svc sync: commit what is pending (the message lists the actions), pull through svc's merge
// driver, check, push; and sync.autocommit, which commits every action as it is written.
#include <fmt/format.h>

#include <optional>
#include <sstream>

#include "svc/cli/common.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/merge.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/git.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace fs = std::filesystem;

namespace {

std::string first_line(const std::string& text) {
  for (const auto& line : split_lines(text))
    if (!line.empty()) return line;
  return "";
}

// What the staged changes did, one item per action: "T-2611-BJ-0003 assign 王五".
std::vector<std::string> staged_actions(const fs::path& top, const fs::path& root) {
  std::vector<std::string> items;
  auto staged = split_lines(
      store::git(top, {"diff", "--cached", "--name-only", "--no-renames", "--", root.string()})
          .out);
  for (const auto& path : staged) {
    fs::path p = top / path;
    if (const RecordKind* kind = kind_of_file(p)) {
      auto now = store::record_at(top, "", path);
      if (!now) continue;  // removed (renumbered away) or unreadable: check speaks of it
      std::vector<Event> before;
      if (auto head = store::record_at(top, "HEAD", path)) before = head->history;
      for (const Event& e : record::lost_events(now->history, before))
        items.push_back(now->id + " " + record::event_gist(kind->rules, e));
    } else if (p.parent_path().filename() == "sites") {
      items.push_back("site " + p.stem().string());
    } else {
      items.push_back(p.filename().string());
    }
  }
  return items;
}

// git arguments for a command that commits: a clone whose git knows no name still commits,
// under the actor's name.
std::vector<std::string> as_committer(const fs::path& top, const std::string& actor,
                                      std::vector<std::string> command) {
  if (!store::git(top, {"config", "user.name"}).out.empty()) return command;
  std::vector<std::string> args{"-c", "user.name=" + actor, "-c",
                                "user.email=" + actor + "@svc.invalid"};
  args.insert(args.end(), command.begin(), command.end());
  return args;
}

bool offline(const std::string& err) {
  for (const char* sign :
       {"Could not read from remote", "unable to access", "Could not resolve host",
        "does not appear to be a git repository", "Connection refused", "Network is unreachable"})
    if (err.find(sign) != std::string::npos) return true;
  return false;
}

std::string head(const fs::path& top) {
  auto r = store::git(top, {"rev-parse", "-q", "--verify", "HEAD"});
  return r.ok() ? first_line(r.out) : "";
}

// What a person does next with an unmerged file of an interrupted merge.
std::string next_step(const fs::path& top, const store::DataDir& dir, const std::string& path) {
  const fs::path p = top / path;
  const std::string shown = dir.display(p);
  std::string text;
  try {
    text = dir.read(p);
  } catch (const Error&) {
    return fmt::format("{} (removed on one side: git add {} or git rm {})", shown, shown, shown);
  }
  const bool markers = store::has_conflict_markers(text);
  if (p.parent_path().filename() == "sites")
    return fmt::format("{} (the site code is taken: svc init --site OTHER)", shown);
  if (p.filename() == "svc.yaml")
    return fmt::format(
        "{} (both clones changed the settings: edit the marked lines, or keep one "
        "side: git checkout --ours {} or git checkout --theirs {}; then git add {})",
        shown, shown, shown, shown);
  if (const RecordKind* kind = kind_of_file(p)) {
    if (markers) return fmt::format("{} (merged as text: svc resolve)", shown);
    auto side = [&](int n) { return store::record_at(top, fmt::format(":{}", n), path); };
    auto ours = side(2), theirs = side(3);
    if (ours && theirs && !record::different_records(*ours, *theirs).empty())
      return fmt::format("{} (two records under one ID: svc {} renumber {})", shown,
                         kind->rules.noun, ours->id);
  }
  return fmt::format("{} (when it is right: git add {})", shown, shown);
}

// Unmerged files of an interrupted merge, each with what to do next.
std::vector<std::string> unmerged(const fs::path& top, const store::DataDir& dir) {
  std::vector<std::string> out;
  for (const auto& path :
       split_lines(store::git(top, {"diff", "--name-only", "--diff-filter=U"}).out))
    out.push_back(next_step(top, dir, path));
  return out;
}

// A rebase, cherry-pick or revert git stopped in the middle of: its name and the way on, or "".
std::string operation_in_progress(const fs::path& top) {
  auto exists = [&](const char* name) { return store::git_path_exists(top, name); };
  if (store::rebase_in_progress(top))
    return "a rebase is in progress: finish it (git status says how; git rebase --continue) or "
           "undo it (git rebase --abort)";
  if (exists("CHERRY_PICK_HEAD"))
    return "a cherry-pick is in progress: git cherry-pick --continue, or git cherry-pick --abort";
  if (exists("REVERT_HEAD"))
    return "a revert is in progress: git revert --continue, or git revert --abort";
  return "";
}

// Where this branch shares its work: its upstream (remote, branch), or, on a team remote that
// has no branch yet, the same name there (the first push). Refuses any other branch.
std::pair<std::string, std::string> upstream(const fs::path& top, const std::string& branch,
                                             const std::string& first_remote) {
  if (branch.empty())
    throw usage_error("not on a branch (a detached HEAD): git switch BRANCH, then svc sync");
  std::string remote = first_line(store::git(top, {"config", "branch." + branch + ".remote"}).out);
  std::string merge = first_line(store::git(top, {"config", "branch." + branch + ".merge"}).out);
  if (!remote.empty() && remote != "." && merge.starts_with("refs/heads/"))
    return {remote, merge.substr(11)};
  store::GitRun fetch = store::git(top, {"fetch", "-q", first_remote});
  std::vector<std::string> theirs;
  for (const auto& ref : split_lines(store::git(top, {"for-each-ref", "--format=%(refname:short)",
                                                      "refs/remotes/" + first_remote + "/"})
                                         .out))
    if (!ref.ends_with("/HEAD")) theirs.push_back(ref);
  if (!fetch.ok() || theirs.empty()) return {first_remote, branch};
  throw usage_error(fmt::format(
      "the branch {} shares with no branch of {} (the team's work is on {}): switch to the "
      "team's branch (git switch {}), or make this one track it (git branch --set-upstream-to={})",
      branch, first_remote, fmt::join(theirs, ", "), theirs.front().substr(first_remote.size() + 1),
      theirs.front()));
}

// Stages svc's own files below `root` — the kinds' folders, the site registry, .gitattributes and
// .gitignore, and svc.yaml when it is new or `settings` says so — never a stray file (a
// merge's temp file, an editor's backup). Says when svc.yaml keeps local changes back.
void stage(const fs::path& top, const fs::path& root, bool settings,
           std::vector<std::string>& said) {
  std::vector<std::string> args{"add", "-A", "--"};
  auto known = [&](const fs::path& p) {
    return fs::exists(p) || !store::git(top, {"ls-files", "--", p.string()}).out.empty();
  };
  for (const RecordKind* k : all_kinds())
    if (known(root / k->rules.folder)) args.push_back((root / k->rules.folder).string());
  for (const char* name : {"sites", ".gitattributes", ".gitignore"})
    if (known(root / name)) args.push_back((root / name).string());
  const fs::path yaml = root / "svc.yaml";
  const bool tracked = !store::git(top, {"ls-files", "--", yaml.string()}).out.empty();
  if (!tracked || settings)
    args.push_back(yaml.string());
  else if (store::git(top, {"diff", "--quiet", "HEAD", "--", yaml.string()}).code == 1) {
    const std::string kept =
        "svc.yaml has local changes, kept here: svc sync --settings shares them";
    if (std::find(said.begin(), said.end(), kept) == said.end()) said.push_back(kept);
  }
  store::GitRun add = store::git(top, args);
  if (add.ok()) return;
  std::string why = add.err + add.out;
  if (why.find("index.lock") != std::string::npos && why.find("File exists") != std::string::npos)
    throw write_error(fmt::format(
        "git's index is locked ({}); when no git command is running any more (an interrupted "
        "one left it), remove it: rm -f '{}', then run svc sync again",
        "index.lock", first_line(store::git(top, {"rev-parse", "--git-path", "index.lock"}).out)));
  throw write_error(fmt::format("git add failed: {}", first_line(why)));
}

void sync(const Session& s, const std::string& actor, bool settings) {
  const store::DataDir& dir = s.dir();
  const fs::path root = dir.root();
  const fs::path top = store::git_top(root);
  if (top.empty())
    throw data_error(fmt::format(
        "{} is not in a git clone; a team keeps its data directory in git: git clone URL, then "
        "svc init --site CODE in the clone",
        dir.display(root)));
  if (std::string busy = operation_in_progress(top); !busy.empty())
    throw refused(fmt::format("not synced: {}; then run svc sync again", busy));
  // The writer lock is held while svc writes here (staging, committing, merging, checking),
  // never while git talks to the remote: a slow network must not stop anyone's actions.
  std::optional<store::WriterLock> lock(std::in_place, root);
  std::vector<std::string> said;
  if (store::ensure_gitattributes(root, kind_rules()))
    said.push_back("added svc's merge driver to .gitattributes");
  if (!store::merge_driver_problem(root, kind_rules()).empty()) {
    store::configure_merge_driver(root);
    said.push_back("set up svc's merge driver in this clone");
  }
  // A merge left unfinished (say, after a renumber): finish it when nothing is left to resolve.
  bool merging = store::git(top, {"rev-parse", "-q", "--verify", "MERGE_HEAD"}).ok();
  if (auto open = unmerged(top, dir); !open.empty())
    throw data_error(fmt::format(
        "a merge is waiting for a person: {}; then run svc sync again (or give the merge up: "
        "git merge --abort)",
        fmt::join(open, "; ")));

  stage(top, root, settings, said);
  if (merging) {
    store::GitRun done =
        store::git(top, as_committer(top, actor, {"commit", "-q", "--no-edit", "--no-verify"}));
    if (!done.ok())
      throw write_error(fmt::format("could not finish the merge: {}", done.message()));
    said.push_back("finished the merge");
  } else if (commit_staged(top, root, actor)) {
    said.push_back("committed: " + first_line(store::git(top, {"log", "-1", "--format=%s"}).out));
  }

  auto remotes = store::git_remotes(root);
  if (remotes.empty()) {
    said.push_back("no remote to share with (git remote add origin URL)");
    // Quiet or not, a sync that shares nothing says so (cron mails it).
    if (s.globals().quiet)
      warn("nothing shared: this clone has no remote (git remote add origin URL)");
    else
      out(fmt::format("{}\n", fmt::join(said, "\n")));
    return;
  }
  const std::string current =
      first_line(store::git(top, {"symbolic-ref", "-q", "--short", "HEAD"}).out);
  lock.reset();
  const auto [remote, branch] = upstream(top, current, remotes.front());
  for (int attempt = 0;; ++attempt) {
    lock.reset();
    store::GitRun fetch = store::git(top, {"fetch", "-q", remote});
    if (!fetch.ok())
      throw write_error(fmt::format(
          "could not reach {} ({}): your work is committed here; run svc sync again when online",
          remote, offline(fetch.err) ? "offline?" : first_line(fetch.err)));
    // Actions made while the lock was free are committed too, so the merge meets a clean tree.
    lock.emplace(root);
    stage(top, root, settings, said);
    if (commit_staged(top, root, actor))
      said.push_back("committed: " + first_line(store::git(top, {"log", "-1", "--format=%s"}).out));
    const std::string theirs = remote + "/" + branch;
    const std::string before = head(top);
    if (store::git(top, {"rev-parse", "-q", "--verify", theirs}).ok()) {
      std::vector<std::string> args =
          as_committer(top, actor, {"merge", "-q", "--no-edit", "--no-verify"});
      args.push_back(theirs);
      store::GitRun merge = store::git(top, args);
      if (!merge.ok()) {
        std::fputs(merge.err.c_str(), stderr);  // the merge driver's own messages
        auto open = unmerged(top, dir);
        // Files this clone does not track that the team's commits hold (someone committed a
        // stray file by hand): git will not write over them, and they are not svc's.
        std::vector<std::string> in_way;
        for (const auto& line : split_lines(merge.err))
          if (line.starts_with("\t")) in_way.push_back(line.substr(1));
        if (open.empty() && merge.err.find("untracked working tree files would be overwritten") !=
                                std::string::npos)
          throw data_error(fmt::format(
              "could not merge {}: it holds files this clone has untracked ({}); move them out "
              "of the way (mv FILE FILE.mine), then run svc sync again",
              theirs, fmt::join(in_way, ", ")));
        throw data_error(
            open.empty()
                ? fmt::format("could not merge {}: {}", theirs, first_line(merge.err + merge.out))
                : fmt::format("the pull needs a person: {}; then run svc sync again",
                              fmt::join(open, "; ")));
      }
      if (head(top) != before)
        said.push_back(fmt::format("merged the team's changes from {}", theirs));
      for (const auto& line : tidy_after_merge(s)) said.push_back(line);
      // Nothing pushed before the check passes: the records, and no event lost by any commit
      // the remote does not have yet — this merge, or one made by hand or by git without
      // svc's driver (each against every one of its parents).
      std::vector<std::string> warnings, ledger;
      std::vector<std::string> problems = check_problems(s, &warnings, &ledger);
      for (const auto& w : warnings) std::fprintf(stderr, "%s\n", w.c_str());
      // Two clones that each issued the last unit: both slips are true; the office puts the
      // stock right (a receive, a count), and the team shares meanwhile.
      for (const auto& l : ledger) warn(l);
      auto lost = lost_since(dir, theirs);
      problems.insert(problems.end(), lost.begin(), lost.end());
      if (!problems.empty()) {
        for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.c_str());
        throw data_error(fmt::format(
            "not pushed: svc check found {} problem{} in what is not pushed yet{}", problems.size(),
            problems.size() == 1 ? "" : "s",
            lost.empty() ? ""
                         : fmt::format("; put the lost events back as a new commit with svc "
                                       "check --since {} --restore, then run svc sync again",
                                       theirs)));
      }
    }
    lock.reset();
    store::GitRun push = store::git(top, {"push", "-q", remote, "HEAD:refs/heads/" + branch});
    if (push.ok()) {
      said.push_back(fmt::format("pushed to {}/{}", remote, branch));
      break;
    }
    // Someone pushed in between: fetch and merge again, a few times.
    if (attempt < 3 && !offline(push.err)) continue;
    throw write_error(
        fmt::format("could not push to {} ({}): your work is committed here; run svc sync again",
                    remote, offline(push.err) ? "offline?" : first_line(push.err)));
  }
  if (!s.globals().quiet) out(fmt::format("{}\n", fmt::join(said, "\n")));
}

}  // namespace

bool commit_staged(const fs::path& top, const fs::path& root, const std::string& actor,
                   const std::string& prefix) {
  auto items = staged_actions(top, root);
  if (items.empty() &&
      store::git(top, {"diff", "--cached", "--quiet", "--", root.string()}).code == 0)
    return false;
  std::string subject = prefix;
  size_t shown = 0;
  for (; shown < items.size(); ++shown) {
    std::string next = (subject.size() == prefix.size() ? "" : "; ") + items[shown];
    if (subject.size() > prefix.size() && subject.size() + next.size() > 100) break;
    subject += next;
  }
  if (shown < items.size()) subject += fmt::format("; and {} more", items.size() - shown);
  if (subject.size() == prefix.size()) subject += "svc: settings";
  std::vector<std::string> args = as_committer(top, actor, {"commit", "-q", "--no-verify", "-m"});
  args.push_back(subject);
  if (shown < items.size()) {
    std::string body;
    for (const auto& item : items) body += item + "\n";
    args.push_back("-m");
    args.push_back(body);
  }
  store::GitRun r = store::git(top, args);
  if (!r.ok()) throw write_error(fmt::format("git commit failed: {}", first_line(r.err + r.out)));
  return true;
}

void autocommit(const Session& s) {
  if (!s.settings().autocommit || s.dir().written().empty()) return;
  const fs::path top = store::git_top(s.dir().root());
  if (top.empty()) return;
  std::vector<std::string> args{"add", "-A", "--"};
  for (const auto& p : s.dir().written()) args.push_back(p.string());
  store::GitRun add = store::git(top, args);
  try {
    if (!add.ok()) throw write_error("git add failed: " + first_line(add.err));
    commit_staged(top, s.dir().root(), s.context().actor.name);
  } catch (const Error& e) {
    warn(fmt::format("saved, but not committed (sync.autocommit): {}", e.what()));
  }
}

void setup_sync(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand(
      "sync", "share records with the team: commit, pull through svc's merge driver, check, push");
  cmd->footer(
      "Commits pending record changes (the message lists the actions), pulls the team's with "
      "svc's merge driver (set up when missing), runs svc check, and pushes only when all is "
      "well.\nExit status 3 when something needs a person (the lines above say what), 4 when "
      "the remote cannot be reached (your work stays committed here).\nExample:\n  svc sync");
  auto settings = std::make_shared<bool>(false);
  cmd->add_flag("--settings", *settings,
                "also share local changes to svc.yaml (else they stay in this clone)");
  cmd->callback([&g, settings] {
    Session s(g);
    sync(s, s.context().actor.name, *settings);
  });
}

}  // namespace svc::cli
