// svc resolve: record files git merged as text — in a clone without svc's merge driver, or
// pulled to "resolve locally" what a forge could not merge — united again through the driver.
#include <fmt/format.h>

#include <optional>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/git.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace fs = std::filesystem;

namespace {

// git's stage `n` of an unmerged path (2: this side, 3: the other), or nullopt.
std::optional<std::string> stage(const fs::path& top, const std::string& path, int n) {
  store::GitRun r = store::git(top, {"show", fmt::format(":{}:{}", n, path)});
  if (!r.ok()) return std::nullopt;
  return r.out;
}

// The record files to look at: those with conflict markers, and every unmerged one.
std::vector<std::string> candidates(const store::DataDir& dir, const fs::path& top) {
  std::vector<std::string> args{"grep", "-l", "-e", "^<<<<<<< ", "--"};
  for (const RecordKind* k : all_kinds()) args.push_back((dir.root() / k->rules.folder).string());
  std::vector<std::string> paths = split_lines(store::git(top, args).out);
  for (const auto& p : split_lines(store::git(top, {"diff", "--name-only", "--diff-filter=U"}).out))
    if (kind_of_file(top / p) && std::find(paths.begin(), paths.end(), p) == paths.end())
      paths.push_back(p);
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

void setup_merge_resolve(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand(
      "resolve",
      "unite record files that git merged as text (conflict markers) through svc's "
      "merge driver");
  cmd->footer(
      "For a clone that pulled without svc's merge driver, and for a forge's \"resolve "
      "locally\": every record file with conflict markers (or left unmerged) is united as the "
      "driver unites it, and marked resolved. Then: svc sync.\nExit status 3 when a file is "
      "left for a person (each is named, with the way on).\nExample:\n  git pull; svc resolve; "
      "svc sync");
  cmd->callback([&g] {
    Session s(g);
    const store::DataDir& dir = s.dir();
    const fs::path top = store::git_top(dir.root());
    if (top.empty()) throw usage_error("svc resolve needs a data directory kept in git");
    store::WriterLock lock(dir.root());
    std::vector<std::string> done, left;
    for (const auto& path : candidates(dir, top)) {
      const RecordKind& kind = *kind_of_file(top / path);
      const std::string shown = dir.display(top / path);
      std::string text = dir.read(top / path);
      auto ours = stage(top, path, 2), theirs = stage(top, path, 3);
      std::optional<store::ConflictSides> sides;
      if (ours && theirs)
        sides = store::ConflictSides{*ours, *theirs};
      else if (store::has_conflict_markers(text))
        sides = store::conflict_sides(text);
      else
        continue;  // unmerged, one side removed it: git's own business (git add or git rm)
      if (!sides) {
        left.push_back(
            fmt::format("{}: its conflict markers do not pair up; take one side "
                        "whole (git checkout --ours {} or --theirs), or start the "
                        "merge again (git merge --abort, then svc sync)",
                        shown, shown));
        continue;
      }
      try {
        Record a = store::record_from_text(sides->ours, shown);
        Record b = store::record_from_text(sides->theirs, shown);
        record::money_as_text(kind.rules, a);
        record::money_as_text(kind.rules, b);
        Record merged = unite_records(kind, a, b);
        dir.write(top / path, merged);
        if (ours && theirs) {
          store::GitRun added = store::git(top, {"add", "--", path});
          if (!added.ok()) throw write_error("git add failed: " + added.message());
        }
        done.push_back(fmt::format("{}: united ({} events)", shown, merged.history.size()));
      } catch (const Error& e) {
        left.push_back(fmt::format("{}: {}", shown, e.what()));
      }
    }
    for (const auto& l : left) std::fprintf(stderr, "%s\n", l.c_str());
    if (!g.quiet) {
      if (done.empty() && left.empty()) out("no record file has conflict markers\n");
      for (const auto& d : done) out(d + "\n");
      if (!done.empty() && left.empty()) out("then: svc sync\n");
    }
    if (!left.empty())
      throw data_error(
          fmt::format("{} file{} left for a person", left.size(), left.size() == 1 ? "" : "s"));
  });
}

}  // namespace svc::cli
