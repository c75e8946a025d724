// svc init [DIR] [--site CODE] [--no-git]
#include <fmt/format.h>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/domain/merge.hpp"
#include "svc/store/datadir.hpp"
#include "svc/store/git.hpp"
#include "svc/store/record_io.hpp"

namespace svc::cli {

namespace {

// The records this clone made under a site code another clone registered first: those the
// other side (the merge's, else the upstream) does not hold as the same record. Each takes the
// next ID under this clone's new code, the records made with it following.
std::string renumber_lost(const Session& s, const std::string& lost) {
  const store::fs::path top = store::git_top(s.dir().root());
  if (top.empty()) return "";
  std::string other = "MERGE_HEAD";
  if (!store::git(top, {"rev-parse", "-q", "--verify", other}).ok()) other = "@{upstream}";
  const bool known = store::git(top, {"rev-parse", "-q", "--verify", other}).ok();
  const std::string mark = "-" + lost + "-";
  std::vector<std::pair<const RecordKind*, store::fs::path>> ours;
  for (const RecordKind* kind : all_kinds())
    store::scan_records(
        kind->rules, s.dir(), std::nullopt, [&](std::string_view rel, RecordFile& f) {
          if (!f.parsed || f.record.id.find(mark) == std::string::npos) return;
          store::fs::path path = s.dir().root() / rel;
          std::string in_tree = path.lexically_relative(top).string();
          auto there = known ? store::record_at(top, other, in_tree) : std::nullopt;
          bool unmerged = !store::git(top, {"ls-files", "-u", "--", in_tree}).out.empty();
          if (unmerged || !there || !record::different_records(*there, f.record).empty())
            ours.emplace_back(kind, path);
        });
  std::string text;
  for (const auto& [kind, path] : ours) text += renumber_record(s, *kind, path).text;
  return text;
}

}  // namespace

void setup_init(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("init", "create a data directory with the shipped defaults");
  cmd->footer(
      "Examples:\n  svc init service-data   (a new git repository unless inside one; --no-git: "
      "not)\n  svc init --site BJ      (in a fresh clone: IDs become "
      "T-2611-BJ-0001)");
  auto dir = std::make_shared<std::string>(".");
  auto site = std::make_shared<std::string>();
  auto no_git = std::make_shared<bool>(false);
  cmd->add_option("DIR", *dir, "directory to create or set up (default: here)");
  cmd->add_option("--site", *site,
                  "this clone's site code, registered in sites/ so IDs never collide between "
                  "clones");
  cmd->add_flag("--no-git", *no_git,
                "do not make a new directory a git repository (it is one unless it lies in a git "
                "work tree already)");
  cmd->callback([dir, site, no_git, &g] {
    store::fs::path root(*dir);
    if (!site->empty()) store::valid_site_code(*site);  // a usage error before anything is made
    std::string done = store::init_data_dir(root, !site->empty(), !*no_git, kind_rules());
    if (!site->empty()) {
      Globals here = g;
      here.data = root.string();
      Session session(here);
      std::string registered =
          store::register_site(root, *site, current_actor(g),
                               format_time(session.now(), session.offset()), kind_rules());
      done += (done.empty() ? "" : "; ") + registered;
      if (std::string lost = store::lost_site_code(root);
          !lost.empty() && lost != store::site_code(root)) {
        store::WriterLock lock(root);
        std::string moved = renumber_lost(session, lost);
        store::forget_lost_site(root);
        // The taken code's file holds the first clone's registration: the merge may go on.
        const store::fs::path taken = root / "sites" / (lost + ".yaml");
        if (!store::git(root, {"ls-files", "-u", "--", taken.string()}).out.empty())
          store::git(root, {"add", "--", taken.string()});
        if (!moved.empty()) done += "\n" + moved.substr(0, moved.size() - 1);
      }
    }
    if (!g.quiet) out(done + "\n");
  });
}

}  // namespace svc::cli
