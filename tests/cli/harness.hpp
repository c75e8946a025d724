#pragma once
// Runs the real svc binary in a throw-away data directory with the clock frozen.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace svc::test {

namespace fs = std::filesystem;

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void spit(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

/// `text` with every `from` replaced by `to`.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (size_t p = 0; (p = text.find(from, p)) != std::string::npos; p += to.size())
    text.replace(p, from.size(), to);
  return text;
}

class Sandbox {
 public:
  Sandbox() {
    std::string pattern = (fs::temp_directory_path() / "svc-cli-XXXXXX").string();
    root_ = ::mkdtemp(pattern.data());
  }
  ~Sandbox() {
    std::error_code ec;
    fs::permissions(root_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(root_, ec);
  }
  const fs::path& root() const { return root_; }
  fs::path data() const { return root_ / "data"; }

  /// `args` is shell text after `svc`; runs in the data directory (when it exists).
  Result run(const std::string& args, const std::string& env = "") const {
    fs::path dir = !subdir.empty() ? data() / subdir : fs::exists(data()) ? data() : root_;
    std::string cmd = fmt::format(
        "cd '{}' && env -u SVC_DATA SVC_NOW='{}' SVC_USER='{}' {} {} '{}' {} >'{}/out' 2>'{}/err' "
        "</dev/null",
        dir.string(), now, user, env, runner, binary, args, root_.string(), root_.string());
    Result r;
    int status = std::system(cmd.c_str());
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(root_ / "out");
    r.err = slurp(root_ / "err");
    return r;
  }

  /// Runs and requires success; returns stdout.
  std::string ok(const std::string& args, const std::string& env = "") const {
    Result r = run(args, env);
    INFO("svc " << args << "\nstderr: " << r.err);
    REQUIRE(r.code == 0);
    return r.out;
  }

  /// Runs and checks that it failed with exactly this exit code and stderr.
  void fails(const std::string& args, int code, const std::string& err,
             const std::string& env = "") const {
    Result r = run(args, env);
    INFO("svc " << args);
    CHECK(r.code == code);
    CHECK(r.err == err);
  }

  /// Runs shell text in the data directory and requires its exit status to be `expected` (0
  /// unless the call says it expects a failure); a failure names the command and its status.
  void sh(const std::string& cmd, int expected = 0) const {
    int status = std::system(("cd '" + data().string() + "' && " + cmd).c_str());
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    INFO("sh: " << cmd);
    INFO("exit status " << code << (WIFSIGNALED(status) ? " (killed by a signal)" : ""));
    REQUIRE(code == expected);
  }

  void init() { ok("init data"); }
  std::string file(const std::string& relative) const { return slurp(data() / relative); }
  /// Edits a file of the data directory by hand, as a person with a text editor would.
  void patch(const std::string& relative, const std::string& from, const std::string& to) const {
    spit(data() / relative, replaced(file(relative), from, to));
  }

  std::string now = "2026-11-23T09:00";
  std::string subdir;  ///< run from this folder below the data directory
  std::string user = "前台小王";
  std::string binary = SVC_BINARY;  ///< the svc binary run (the tests' toy-kind svc, say)
  std::string runner;               ///< a command svc is run through (setpriv as another user, say)

 private:
  fs::path root_;
};

}  // namespace svc::test
