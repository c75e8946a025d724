// svc check: every file parsed, validated, and its summary compared with its history.
#include <fmt/format.h>

#include <map>
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

std::vector<std::string> check_kind(const RecordKind& kind, const store::DataDir& dir, Time now) {
  std::vector<std::string> problems;
  std::map<std::string, std::string> seen;  // ID -> file
  std::vector<std::string> refused;
  scan_records(
      kind, dir, now,
      [&](std::string_view rel, RecordFile& f) {
        problems.insert(problems.end(), f.problems.begin(), f.problems.end());
        if (!f.parsed) return;
        std::string shown = dir.display(dir.root() / rel);
        const Record& r = f.record;
        if (auto [it, fresh] = seen.emplace(r.id, shown); !fresh)
          problems.push_back(
              fmt::format("{}: duplicate ID {}: also in {}", shown, r.id, it->second));
      },
      &refused);
  problems.insert(problems.begin(), refused.begin(), refused.end());
  return problems;
}

}  // namespace

std::vector<std::string> check_problems(const Session& session) {
  std::vector<std::string> problems;
  for (const RecordKind* kind : all_kinds()) {
    auto found = check_kind(*kind, session.dir(), session.now());
    problems.insert(problems.end(), found.begin(), found.end());
  }
  if (std::string driver = store::merge_driver_problem(session.dir().root()); !driver.empty())
    problems.push_back(driver);
  return problems;
}

std::vector<std::string> lost_since(const store::DataDir& dir, const std::string& since) {
  fs::path top = store::git_top(dir.root());
  if (top.empty())
    throw usage_error("--since needs a data directory kept in git; this one is not in a git clone");
  if (!store::git(top, {"rev-parse", "--verify", "--quiet", since + "^{commit}"}).ok())
    throw usage_error(fmt::format("--since '{}' is not a commit of this clone", since));
  std::vector<std::string> folders;
  for (const RecordKind* k : all_kinds())
    folders.push_back((dir.root() / k->store.folder).string());
  std::vector<std::string> problems;
  // Every commit since REV against each of its parents: events never leave a history, so one
  // the parent had and the commit lacks was lost (typically a merge resolved by hand).
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
        if (!before) continue;
        std::vector<Event> now = after ? after->history : std::vector<Event>{};
        // A record renumbered in the commit keeps its events in its new file.
        for (const auto& added : versions)
          if (added.after && !added.before)
            for (const auto& e : added.after->history)
              if (e.action == record::kRenumber && e.data.get("from") == before->id)
                now.insert(now.end(), added.after->history.begin(), added.after->history.end());
        auto lost = record::lost_events(before->history, now);
        if (lost.empty()) continue;
        std::string shown = dir.display(top / path);
        problems.push_back(fmt::format(
            "{}: {} event{} of {} lost in commit {} (first: {} {} {}); its parent {} still has "
            "them: git show {}:{}",
            shown, lost.size(), lost.size() == 1 ? "" : "s", before->id, ids[0].substr(0, 10),
            lost[0].at, lost[0].by, lost[0].action, ids[p].substr(0, 10), ids[p].substr(0, 10),
            path));
      }
    }
  }
  return problems;
}

void setup_check(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("check", "validate every record file; silent when all is well");
  cmd->footer(
      "Exit status 0 when all is well, 3 when any file has a problem (each is listed).\n"
      "Examples:\n  svc check && git commit -am 'day close'\n"
      "  svc check --since origin/master@{1}   (also: did a merge since then lose events?)");
  auto since = std::make_shared<std::string>();
  cmd->add_option("--since", *since,
                  "also compare every commit since REV with its parents: events they had and it "
                  "lacks were lost (a merge resolved by hand)");
  cmd->callback([since, &g] {
    Session session(g);
    std::vector<std::string> problems = check_problems(session);
    if (!since->empty()) {
      auto lost = lost_since(session.dir(), *since);
      problems.insert(problems.end(), lost.begin(), lost.end());
    }
    for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.c_str());
    if (!problems.empty())
      throw data_error(
          fmt::format("{} problem{} found", problems.size(), problems.size() == 1 ? "" : "s"));
  });
}

}  // namespace svc::cli
