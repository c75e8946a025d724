// A randomized team (issue 23.14): three clones work offline on shared tickets and meet through
// a bare remote in random orders — syncs, backfills, hand merges kept with --ours, pulls without
// svc's driver, a revert taken back with void, a clone whose clock runs fast, the lock a killed
// git leaves — each refusal followed by the way back svc prints. In the end every note made is
// in every clone exactly once, the clones hold the same bytes and check is clean.
// SVC_SIM_SEEDS="7 8 9" tries other seeds (in the seed 1 test).
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "team_harness.hpp"

using svc::test::Result;
using svc::test::Team;

namespace {

struct Sim {
  Team team{{"a", "b", "c"}};
  std::mt19937 rng;
  int minute = 0;              // since 09:00 of the day
  std::set<std::string> made;  // every note text svc accepted
  std::vector<std::string> voided;
  int k = 0;
  std::string log;  // what was done, for a failure's message

  explicit Sim(unsigned seed) : rng(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  // The clock of a clone: c's runs two hours fast.
  std::string clock(const std::string& clone, int back = 0) const {
    int m = minute + (clone == "c" ? 120 : 0) - back;
    return fmt::format("2026-11-23T{:02}:{:02}", 9 + m / 60, m % 60);
  }
  Result run(const std::string& clone, const std::string& args) {
    team.now = clock(clone);
    Result r = team.run(clone, args);
    log += fmt::format("{} [{}] svc {} -> {}\n", clone, team.now, args, r.code);
    return r;
  }
  Result sh(const std::string& clone, const std::string& cmd) {
    team.now = clock(clone);
    log += fmt::format("{} $ {}\n", clone, cmd);
    return team.sh(clone, cmd);
  }
  std::vector<std::string> tickets(const std::string& clone) {
    std::vector<std::string> ids;
    std::istringstream in(team.sh(clone, "ls tickets/2026-11 2>/dev/null").out);
    for (std::string f; std::getline(in, f);)
      if (f.ends_with(".yaml")) ids.push_back(f.substr(0, f.size() - 5));
    return ids;
  }

  // svc sync, following each refusal's way back, until it pushes.
  void sync(const std::string& clone) {
    for (int round = 0; round < 6; ++round) {
      Result r = run(clone, "sync");
      if (r.code == 0) return;
      const std::string& e = r.err;
      log += e;
      if (e.find("index.lock") != std::string::npos) {
        sh(clone, "rm -f .git/index.lock");
      } else if (e.find("--restore") != std::string::npos) {
        REQUIRE(run(clone, "check --since origin/master --restore").code == 0);
      } else if (e.find("move them out of the way") != std::string::npos) {
        // A stray file another clone committed by hand meets this clone's own stray file.
        size_t from = e.find("untracked (") + 11;
        std::istringstream files(e.substr(from, e.find(')', from) - from));
        for (std::string f; std::getline(files >> std::ws, f, ',');)
          sh(clone, fmt::format("mv {} {}.mine", f, f));
      } else if (e.find("svc resolve") != std::string::npos) {
        REQUIRE(run(clone, "resolve").code == 0);
      } else if (size_t at = e.find("svc ticket renumber "); at != std::string::npos) {
        std::string id = e.substr(at + 20, e.find_first_of(" );\n", at + 20) - at - 20);
        REQUIRE(run(clone, "ticket renumber " + id).code == 0);
      } else {
        INFO(log);
        FAIL("a refusal the simulation has no way back for: " << e);
      }
    }
    INFO(log);
    FAIL("sync did not get through in 6 rounds");
  }

  void note(const std::string& clone, int back) {
    auto ids = tickets(clone);
    if (ids.empty()) return;
    std::string text = fmt::format("n{}", ++k);
    std::string args = fmt::format("ticket note {} {}", ids[pick(ids.size())], text);
    if (back) args += " --at " + clock(clone, back);
    if (run(clone, args).code == 0) made.insert(text);
  }

  void step() {
    minute += 3;
    std::string clone = std::string(1, "abc"[pick(3)]);
    int what = pick(100);
    if (what < 12) {
      run(clone, fmt::format("ticket new -q --customer 客户{}", ++k));
    } else if (what < 45) {
      note(clone, 0);
    } else if (what < 52) {
      note(clone, 20);  // a call logged late
    } else if (what < 75) {
      sync(clone);
    } else if (what < 81) {
      // A hand merge: the driver fails, the person keeps their own side of every file.
      sh(clone,
         "git add -A; git commit -qm mine; git -c merge.svc.driver=false pull -q --no-rebase "
         "--no-edit >/dev/null 2>&1; git checkout --ours tickets 2>/dev/null; git add -A; git "
         "commit -qm hand >/dev/null 2>&1");
    } else if (what < 87) {
      // A clone without svc's driver: git merges as text and stops with markers.
      sh(clone,
         "git add -A; git commit -qm mine; git config --remove-section merge.svc; git pull -q "
         "--no-rebase --no-edit >/dev/null 2>&1");
    } else if (what < 91) {
      // What a killed git leaves: its index lock, a merge's temp file.
      sh(clone, "touch .git/index.lock .merge_file_x1");
    } else if (what < 95) {
      revert(clone);
    } else {
      sh(clone, "git add -A; git commit -qm mine >/dev/null 2>&1");
    }
  }

  // A note made, pushed, then reverted with git: the revert is refused, the note put back and
  // taken back with void instead.
  void revert(const std::string& clone) {
    auto ids = tickets(clone);
    if (ids.empty()) return;
    sync(clone);
    std::string id = ids[pick(ids.size())];
    std::string text = fmt::format("r{}", ++k);
    if (run(clone, fmt::format("ticket note {} {}", id, text)).code != 0) return;
    made.insert(text);
    std::string when = clock(clone);
    sync(clone);
    sh(clone, fmt::format("git revert --no-edit $(git log -1 --format=%H --grep=\" note {}$\") "
                          ">/dev/null 2>&1",
                          text));
    sync(clone);  // refused as a revert, put back by --restore
    Result v = run(clone, fmt::format("ticket void {} --event {} --reason 记错了", id, when));
    if (v.code == 0) voided.push_back(text);
  }

  void finish() {
    for (int round = 0; round < 3; ++round)
      for (const char* c : {"a", "b", "c"}) sync(c);
    INFO(log);
    auto records = team.records("a");
    CHECK(records == team.records("b"));
    CHECK(records == team.records("c"));
    for (const char* c : {"a", "b", "c"}) {
      Result check = run(c, "check");
      // c's clock runs fast: its events are a warning elsewhere, never a problem.
      CHECK(check.code == 0);
    }
    // Each history line once (a void's line holds a copy of its event: not another one).
    std::map<std::string, size_t> notes;
    for (const auto& [path, text] : records) {
      std::istringstream lines(text);
      for (std::string line; std::getline(lines, line);) {
        size_t at = line.find(", do: note, text: ");
        if (line.starts_with("  - {at: ") && at != std::string::npos &&
            line.find("do: void") == std::string::npos)
          ++notes[line.substr(at + 18, line.size() - at - 19)];
      }
    }
    for (const auto& text : made) {
      INFO("note " << text);
      CHECK(notes[text] == 1);
    }
    std::string all;
    for (const auto& [path, text] : records) all += text;
    for (const auto& text : voided) CHECK(all.find("text: " + text + "}") != std::string::npos);
  }
};

// The seeds SVC_SIM_SEEDS names, if any.
std::vector<unsigned> seeds_from_environment() {
  std::vector<unsigned> out;
  if (const char* env = std::getenv("SVC_SIM_SEEDS")) {
    std::istringstream in(env);
    for (unsigned s; in >> s;) out.push_back(s);
  }
  return out;
}

void simulate(unsigned seed) {
  CAPTURE(seed);
  Sim sim(seed);
  for (int i = 0; i < 45; ++i) sim.step();
  sim.finish();
}

}  // namespace

// Seeds 1 and 2, one test each (ctest runs them side by side); SVC_SIM_SEEDS runs its seeds in
// the first instead.
TEST_CASE(
    "team simulation: random offline work, merges, hand merges, reverts, a fast clock (seed 1)") {
  auto chosen = seeds_from_environment();
  if (chosen.empty()) chosen = {1};
  for (unsigned seed : chosen) simulate(seed);
}

TEST_CASE(
    "team simulation: random offline work, merges, hand merges, reverts, a fast clock (seed 2)") {
  if (!seeds_from_environment().empty()) return;  // SVC_SIM_SEEDS: run in the test above
  simulate(2);
}
