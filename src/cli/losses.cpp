// Events lost by commits (SPEC §9): `check --since REV` compares every commit not yet on REV
// with its parents, and `--restore` puts what is still missing back as a new commit. svc sync
// runs the same comparison before every push.
#include <fmt/format.h>

#include <map>
#include <set>

#include "svc/cli/common.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/merge.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/git.hpp"
#include "svc/store/record_io.hpp"

namespace svc::cli {

namespace fs = std::filesystem;

namespace {

// The commit a `git revert` commit takes back, from the message git writes, or "".
std::string reverted_by(const fs::path& top, const std::string& commit) {
  const std::string body = store::git(top, {"log", "-1", "--format=%B", commit}).out;
  const std::string sign = "This reverts commit ";
  size_t at = body.find(sign);
  if (at == std::string::npos) return "";
  std::string hash = body.substr(at + sign.size(), 40);
  return hash.find_first_not_of("0123456789abcdef") == std::string::npos ? hash : "";
}

// Every commit since `since` against each of its parents: events never leave a history, so one
// the parent had and the commit lacks was lost (typically a merge resolved by hand).
std::vector<Loss> losses_in_commits(const store::DataDir& dir, const fs::path& top,
                                    const std::string& since) {
  std::vector<std::string> folders;
  for (const RecordKind* k : all_kinds())
    folders.push_back((dir.root() / k->rules.folder).string());
  std::vector<Loss> losses;
  std::map<std::string, bool> pushed;  // parent commit -> already on `since`
  for (const auto& row :
       split_lines(store::git(top, {"rev-list", "--parents", since + "..HEAD"}).out)) {
    auto ids = split_lines(row, ' ');
    for (size_t p = 1; p < ids.size(); ++p) {
      std::vector<std::string> args{"diff", "--name-only", "--no-renames", ids[p], ids[0], "--"};
      args.insert(args.end(), folders.begin(), folders.end());
      auto changed = split_lines(store::git(top, args).out);
      // Each file as the parent and as the commit have it, read once.
      struct Versions {
        std::string path;
        std::optional<Record> before, after;
      };
      std::vector<Versions> versions;
      for (const auto& path : changed)
        versions.push_back(
            {path, store::record_at(top, ids[p], path), store::record_at(top, ids[0], path)});
      for (const auto& [path, before, after] : versions) {
        const RecordKind* kind = kind_of_file(top / path);
        if (!before || !kind) continue;
        std::vector<Event> now = after ? after->history : std::vector<Event>{};
        // A record renumbered in the commit keeps its events in its new file.
        for (const auto& added : versions)
          if (added.after && !added.before)
            for (const auto& e : added.after->history)
              if (e.action == record::kRenumber && e.data.get("from") == before->id)
                now.insert(now.end(), added.after->history.begin(), added.after->history.end());
        auto lost = record::lost_events(before->history, now);
        if (lost.empty()) continue;
        auto [it, fresh] = pushed.emplace(ids[p], false);
        if (fresh)
          it->second = store::git(top, {"merge-base", "--is-ancestor", ids[p], since}).code == 0;
        losses.push_back({kind, path, *before, std::move(lost), ids[0], ids[p],
                          reverted_by(top, ids[0]), it->second});
      }
    }
  }
  return losses;
}

// The events each record of the working tree holds, by its ID and by every ID it was
// renumbered from: where a lost event is found again once it was put back.
struct Here {
  std::map<std::string, std::vector<Event>> events;
  std::set<fs::path> unreadable;  ///< files check reports (conflict markers): not losses
};

Here events_here(const store::DataDir& dir) {
  Here here;
  auto& out = here.events;
  for (const RecordKind* kind : all_kinds())
    store::scan_records(kind->rules, dir, std::nullopt, [&](std::string_view rel, RecordFile& f) {
      if (!f.parsed) {
        here.unreadable.insert((dir.root() / rel).lexically_normal());
        return;
      }
      const Record& r = f.record;
      auto& mine = out[r.id];
      mine.insert(mine.end(), r.history.begin(), r.history.end());
      for (const Event& e : r.history)
        if (e.action == record::kRenumber) {
          auto& old = out[e.data.get("from")];
          old.insert(old.end(), r.history.begin(), r.history.end());
        }
    });
  return here;
}

}  // namespace

std::vector<Loss> losses_since(const store::DataDir& dir, const std::string& since) {
  fs::path top = store::git_top(dir.root());
  if (top.empty())
    throw usage_error("--since needs a data directory kept in git; this one is not in a git clone");
  if (!store::git(top, {"rev-parse", "--verify", "--quiet", since + "^{commit}"}).ok())
    throw usage_error(fmt::format("--since '{}' is not a commit of this clone", since));
  std::vector<Loss> losses = losses_in_commits(dir, top, since);
  if (losses.empty()) return losses;
  // Only what is still missing here counts: an event put back (by --restore, by hand, by a
  // later merge) is no loss any more.
  Here here = events_here(dir);
  std::erase_if(losses, [&](Loss& l) {
    if (here.unreadable.count((top / l.path).lexically_normal())) return true;
    auto it = here.events.find(l.before.id);
    l.events =
        record::lost_events(l.events, it == here.events.end() ? std::vector<Event>{} : it->second);
    return l.events.empty();
  });
  return losses;
}

std::vector<std::string> lost_since(const store::DataDir& dir, const std::string& since) {
  fs::path top = store::git_top(dir.root());
  std::vector<std::string> problems;
  for (const Loss& l : losses_since(dir, since)) {
    const Event& first = l.events.front();
    std::string shown = dir.display(top / l.path);
    std::string what = fmt::format("{} event{} of {}", l.events.size(),
                                   l.events.size() == 1 ? "" : "s", l.before.id);
    if (!l.reverted.empty()) {
      // A revert takes events out of one clone only: every clone that has them brings them
      // back, so it is no way to take an event back.
      problems.push_back(fmt::format(
          "{}: {} taken out by commit {}, a git revert of {} (first: {} {} {}); git revert "
          "does not take events back (every clone that has them brings them back): put them "
          "back with svc check --since {} --restore, then take an event back with svc {} void "
          "{} --event N --reason TEXT",
          shown, what, l.commit.substr(0, 10), l.reverted.substr(0, 10), first.at, first.by,
          first.action, since, l.kind->rules.noun, l.before.id));
      continue;
    }
    problems.push_back(fmt::format(
        "{}: {} lost in commit {} (first: {} {} {}); its parent {} still has them: svc check "
        "--since {} --restore puts them back",
        shown, what, l.commit.substr(0, 10), first.at, first.by, first.action,
        l.parent.substr(0, 10), since));
  }
  return problems;
}

std::vector<std::string> restore_losses(const Session& s, const std::vector<Loss>& losses,
                                        const std::string& since) {
  const store::DataDir& dir = s.dir();
  const fs::path top = store::git_top(dir.root());
  std::vector<std::string> said;
  // One record file at a time, every parent's lost version united with what is here.
  std::set<std::string> done;
  for (const Loss& l : losses) {
    if (!done.insert(l.path).second) continue;
    const RecordKind& kind = *l.kind;
    Record lost = l.before;
    bool lost_pushed = l.pushed;
    for (const Loss& other : losses)
      if (&other != &l && other.path == l.path) {
        if (record::different_records(lost, other.before).empty())
          lost = record::merge(kind.rules, lost, other.before);
        lost_pushed = lost_pushed || other.pushed;
      }
    const fs::path path = top / l.path;
    if (!fs::exists(path)) {
      dir.write_new(path, lost);
      said.push_back(fmt::format("put back {} ({} events)", lost.id, lost.history.size()));
      continue;
    }
    Record here = load_for_change(kind, dir, path, s.clock());
    if (record::different_records(here, lost).empty()) {
      const size_t events = record::lost_events(lost.history, here.history).size();
      dir.write(path, record::merge(kind.rules, here, lost));
      said.push_back(
          fmt::format("put back {} event{} of {}", events, events == 1 ? "" : "s", lost.id));
      continue;
    }
    // Two records under one ID: the one the team already has keeps it, the other is renumbered.
    Record& moving = lost_pushed ? here : lost;
    const Record& staying = lost_pushed ? lost : here;
    auto registered = parse_time(moving.fields.get("registered"), 0);
    if (!registered) throw data_error(fmt::format("{} has no registration time", moving.id));
    std::string old_id = moving.id;
    moving.id = dir.allocate_id(kind.rules, *registered);
    moving.fields.set_plain("id", moving.id);
    record::commit_event(kind.rules, moving, record::renumber_event(old_id, s.context()));
    dir.write_new(dir.path_for(kind.rules, moving.id), moving);
    dir.write(path, staying);
    // The records made with the one renumbered follow it; those the team's version of the
    // records links to the kept one stay (when the lost one moves, every link stays).
    std::vector<std::string> linked;
    if (lost_pushed) linked = relink_renumbered(s, kind, old_id, moving, since);
    said.push_back(fmt::format("put back {}; {} created here is now {}", old_id,
                               lost_pushed ? "the one" : "the lost one", moving.id));
    said.insert(said.end(), linked.begin(), linked.end());
  }
  return said;
}

}  // namespace svc::cli
