#pragma once
// A team on git for the end-to-end tests (SPEC §9): a bare remote and clones in a temp directory,
// each running the real svc, git isolated from the machine's configuration.
#include <map>
#include <string>
#include <vector>

#include "harness.hpp"

namespace svc::test {

/// A bare remote and clones of it in a temp directory, each running the real svc with the clock
/// frozen at `now`; every clone has its own site code.
class Team {
 public:
  /// `bin`: the folder whose `svc` the clones run (and git runs as the merge driver).
  explicit Team(const std::vector<std::string>& clones,
                std::string bin = fs::path(SVC_BINARY).parent_path().string())
      : bin_(std::move(bin)) {
    sh("", "git init -q --bare -b master remote.git");
    // The first clone makes the data directory; every other clone joins with its own code.
    for (const auto& c : clones) {
      sh("", "git clone -q remote.git " + c + " 2>/dev/null");
      if (c == clones.front()) {
        ok(c, "init .");
        ok(c, "init --site " + c);
      } else {
        ok(c, "sync");  // a fresh clone: the pull brings the data directory
        ok(c, "init --site " + c);
      }
      ok(c, "sync");
    }
  }

  /// Shell text in a clone (or the team's folder), with git isolated from the machine's config.
  Result sh(const std::string& clone, const std::string& cmd) const {
    std::string full = fmt::format(
        "cd '{}' && env -u SVC_DATA HOME='{}' GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t "
        "GIT_AUTHOR_EMAIL=t@x GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@x SVC_NOW='{}' "
        "SVC_USER='{}' PATH='{}':\"$PATH\" sh -c '{}' >'{}/out' 2>'{}/err' </dev/null",
        (box.root() / clone).string(), box.root().string(), now, clone.empty() ? "x" : clone, bin_,
        cmd, box.root().string(), box.root().string());
    Result r;
    int status = std::system(full.c_str());
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(box.root() / "out");
    r.err = slurp(box.root() / "err");
    return r;
  }
  Result run(const std::string& clone, const std::string& args) const {
    return sh(clone, "svc " + args);
  }
  std::string ok(const std::string& clone, const std::string& args) const {
    Result r = run(clone, args);
    INFO(clone << ": svc " << args << "\nstdout: " << r.out << "\nstderr: " << r.err);
    REQUIRE(r.code == 0);
    return r.out;
  }
  std::string file(const std::string& clone, const std::string& rel) const {
    return slurp(box.root() / clone / rel);
  }
  /// Every record file of a clone, path -> content.
  std::map<std::string, std::string> records(const std::string& clone) const {
    std::map<std::string, std::string> out;
    for (const char* kind : {"tickets", "complaints", "returns", "surveys", "loans"}) {
      fs::path dir = box.root() / clone / kind;
      if (!fs::exists(dir)) continue;
      for (const auto& f : fs::recursive_directory_iterator(dir))
        if (f.is_regular_file())
          out[f.path().lexically_relative(box.root() / clone).string()] = slurp(f.path());
    }
    return out;
  }

  std::string bin_;  ///< before box: the constructor's commands run it
  Sandbox box;
  std::string now = "2026-11-23T09:00";
};

/// How many events a record file holds.
inline size_t events(const std::string& file) {
  size_t n = 0;
  for (size_t p = 0; (p = file.find("\n  - {at:", p)) != std::string::npos; ++p) ++n;
  return n;
}

}  // namespace svc::test
