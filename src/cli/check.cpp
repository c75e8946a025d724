// svc check: every file parsed, validated, and its summary compared with its history.
#include <fmt/format.h>

#include <map>
#include <sstream>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/links.hpp"
#include "svc/domain/merge.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/git.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace fs = std::filesystem;

namespace {

// Every file of the kind read and checked once; what its records say of others goes to `links`.
std::vector<std::string> check_kind(const RecordKind& kind, const store::DataDir& dir, Time now,
                                    Time skew, std::vector<std::string>& warnings,
                                    record::LinkCheck& links,
                                    const std::vector<std::unique_ptr<CrossCheck>>& across) {
  std::vector<std::string> problems;
  std::map<std::string, std::string> seen;  // ID -> file
  std::vector<std::string> refused;
  store::scan_records(
      kind.rules, dir, now,
      [&](std::string_view rel, RecordFile& f) {
        problems.insert(problems.end(), f.problems.begin(), f.problems.end());
        if (!f.parsed) return;
        std::string shown = dir.display(dir.root() / rel);
        const Record& r = f.record;
        if (auto [it, fresh] = seen.emplace(r.id, shown); !fresh)
          problems.push_back(
              fmt::format("{}: duplicate ID {}: also in {}", shown, r.id, it->second));
        if (auto ahead = record::ahead_of_clock(r, now, skew))
          warnings.push_back(
              fmt::format("{}:{}:{}: {}", shown, ahead->line, ahead->column, ahead->message));
        links.add(kind.rules, r, f.valid);
        if (f.valid)
          for (const auto& c : across) c->add(kind, r, shown);
      },
      &refused);
  problems.insert(problems.begin(), refused.begin(), refused.end());
  return problems;
}

// --restore: what commits since `since` lost goes back, committed when the clone's git can.
void restore_since(const Session& s, const std::string& since) {
  store::WriterLock lock(s.dir().root());
  auto losses = losses_since(s.dir(), since);
  if (losses.empty()) {
    if (!s.globals().quiet) out("nothing to put back: no event is lost since " + since + "\n");
    return;
  }
  std::vector<std::string> said = restore_losses(s, losses, since);
  const fs::path top = store::git_top(s.dir().root());
  std::vector<std::string> add{"add", "--"};
  for (const auto& p : s.dir().written()) add.push_back(p.string());
  store::GitRun added = store::git(top, add);
  if (!added.ok()) throw write_error("git add failed: " + added.message());
  if (commit_staged(top, s.dir().root(), s.context().actor.name, "restored: "))
    said.push_back("committed: " +
                   split_lines(store::git(top, {"log", "-1", "--format=%s"}).out).at(0));
  if (!s.globals().quiet) out(fmt::format("{}\n", fmt::join(said, "\n")));
}

}  // namespace

std::vector<std::string> check_problems(const Session& session, std::vector<std::string>* warnings,
                                        std::vector<std::string>* across_records) {
  std::vector<std::string> problems, ignored;
  record::LinkCheck links;
  std::vector<std::unique_ptr<CrossCheck>> across;
  for (const RecordKind* kind : all_kinds())
    if (kind->cross_check) across.push_back(kind->cross_check(session.settings()));
  for (const RecordKind* kind : all_kinds()) {
    auto found = check_kind(*kind, session.dir(), session.clock(), session.settings().clock_skew,
                            warnings ? *warnings : ignored, links, across);
    problems.insert(problems.end(), found.begin(), found.end());
  }
  // What holds across records (the parts ledger), once every record has been read.
  for (const auto& c : across) {
    auto found = c->problems();
    auto& into = across_records ? *across_records : problems;
    into.insert(into.end(), found.begin(), found.end());
  }
  // References between records (SPEC §9), judged once every record has been read.
  auto references = links.problems();
  problems.insert(problems.end(), references.begin(), references.end());
  if (std::string driver = store::merge_driver_problem(session.dir().root(), kind_rules());
      !driver.empty())
    problems.push_back(driver);
  if (const std::string& c = session.settings().conflict; !c.empty())
    problems.push_back(fmt::format(
        "{}; keep one side: git checkout --ours svc.yaml or git checkout --theirs svc.yaml (while "
        "the merge is unfinished), or edit the marked lines; then git add svc.yaml and svc sync",
        c.substr(0, c.find(": this clone's side"))));
  return problems;
}

void setup_check(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("check", "validate every record file; silent when all is well");
  cmd->footer(
      "Exit status 0 when all is well, 3 when any file has a problem (each is listed).\n"
      "Examples:\n  svc check && git commit -am 'day close'\n"
      "  svc check --since origin/master@{1}   (also: did a merge since then lose events?)");
  auto since = std::make_shared<std::string>();
  auto restore = std::make_shared<bool>(false);
  cmd->add_option("--since", *since,
                  "also compare every commit since REV with its parents: events they had and it "
                  "lacks were lost (a merge resolved by hand)");
  cmd->add_flag("--restore", *restore,
                "with --since: put the lost events back into their records, as a new commit");
  cmd->callback([since, restore, &g] {
    if (*restore && since->empty())
      throw usage_error("--restore needs --since REV: the commit the losses are counted from");
    Session session(g);
    if (*restore) restore_since(session, *since);
    std::vector<std::string> warnings;
    std::vector<std::string> problems = check_problems(session, &warnings);
    for (const auto& w : warnings) std::fprintf(stderr, "%s\n", w.c_str());
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
