#include "svc/store/git.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <sstream>

#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/safe_fs.hpp"

extern char** environ;

namespace svc::store {

namespace fs = std::filesystem;

GitRun git(const fs::path& dir, const std::vector<std::string>& args) {
  GitRun run;
  std::vector<std::string> argv{"git", "-C", dir.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);

  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return run;
  if (::pipe2(err, O_CLOEXEC) != 0) {
    ::close(out[0]), ::close(out[1]);
    return run;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  pid_t pid = 0;
  int spawned = ::posix_spawnp(&pid, "git", &fa, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(out[1]);
  ::close(err[1]);
  if (spawned != 0) {
    ::close(out[0]), ::close(err[0]);
    return run;
  }
  // Both pipes drained together, so a chatty stderr never blocks git.
  std::array<pollfd, 2> fds{pollfd{out[0], POLLIN, 0}, pollfd{err[0], POLLIN, 0}};
  std::array<std::string*, 2> into{&run.out, &run.err};
  char buf[65536];
  int open_fds = 2;
  while (open_fds > 0) {
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        into[i]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return run;
}

fs::path git_top(const fs::path& dir) {
  GitRun r = git(dir, {"rev-parse", "--show-toplevel"});
  if (!r.ok()) return {};
  while (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
  return r.out;
}

bool git_path_exists(const fs::path& top, const std::string& name) {
  GitRun r = git(top, {"rev-parse", "--git-path", name});
  auto lines = split_lines(r.out);
  if (!r.ok() || lines.empty() || lines.front().empty()) return false;
  fs::path p = lines.front();
  return fs::exists(p.is_absolute() ? p : top / p);
}

bool rebase_in_progress(const fs::path& top) {
  return git_path_exists(top, "rebase-merge") || git_path_exists(top, "rebase-apply");
}

std::vector<std::string> git_remotes(const fs::path& dir) {
  GitRun r = git(dir, {"remote"});
  return r.ok() ? split_lines(r.out) : std::vector<std::string>{};
}

std::string GitRun::message() const {
  for (const std::string* text : {&err, &out})
    for (const auto& line : split_lines(*text))
      if (!line.empty()) return line;
  return fmt::format("git exited with {}", code);
}

std::optional<Record> record_at(const fs::path& top, const std::string& rev,
                                const std::string& path) {
  GitRun r = git(top, {"show", rev + ":" + path});
  if (!r.ok()) return std::nullopt;
  try {
    return record_from_text(r.out, path);
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::vector<std::string> gitattributes_lines(const Kinds& kinds) {
  std::vector<std::string> lines{"*.yaml text eol=lf"};
  for (const KindRules* k : kinds) lines.push_back(k->folder + "/**/*.yaml merge=svc");
  lines.push_back("sites/*.yaml merge=svc");
  return lines;
}

namespace {

std::string attributes_text(const fs::path& root) {
  try {
    return read_inside(root, root / ".gitattributes");
  } catch (const Error&) {
    return "";
  }
}

std::vector<std::string> missing_attributes(const fs::path& root, const Kinds& kinds) {
  auto have = split_lines(attributes_text(root));
  std::vector<std::string> missing;
  for (const auto& line : gitattributes_lines(kinds))
    if (std::find(have.begin(), have.end(), line) == have.end()) missing.push_back(line);
  return missing;
}

// The driver command as git runs it through the shell: this binary, quoted.
std::string driver_command() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  std::string quoted = "'";
  for (char c : ec ? std::string("svc") : self.string())
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "' merge-driver %O %A %B %P";
}

}  // namespace

bool ensure_gitattributes(const fs::path& root, const Kinds& kinds) {
  auto missing = missing_attributes(root, kinds);
  if (missing.empty()) return false;
  std::string text = attributes_text(root);
  if (!text.empty() && text.back() != '\n') text += '\n';
  for (const auto& line : missing) text += line + "\n";
  write_inside(root, root / ".gitattributes", text);
  return true;
}

std::string merge_driver_problem(const fs::path& root, const Kinds& kinds) {
  // Only a team's data directory: one whose clones register site codes (sites/), in git.
  std::error_code ec;
  if (!fs::is_directory(root / "sites", ec) || git_top(root).empty()) return "";
  if (!missing_attributes(root, kinds).empty())
    return ".gitattributes does not name svc's merge driver for record files, so git would "
           "merge them as text; run: svc sync";
  GitRun r = git(root, {"config", "--get", "merge.svc.driver"});
  std::string cmd = r.out;
  while (!cmd.empty() && cmd.back() == '\n') cmd.pop_back();
  if (cmd.empty())
    return "this clone has no merge driver configured for record files (merge.svc.driver), so "
           "git would merge them as text; run: svc sync";
  // The binary it names must still be there.
  if (cmd.size() > 1 && cmd[0] == '\'') {
    std::string path = cmd.substr(1, cmd.find('\'', 1) - 1);
    std::error_code ec;
    if (!fs::exists(path, ec))
      return fmt::format(
          "the merge driver configured in this clone runs {}, which is gone; run: svc sync", path);
  }
  return "";
}

void set_up_merge_driver(const fs::path& root, const Kinds& kinds) {
  if (git_top(root).empty()) return;
  ensure_gitattributes(root, kinds);
  configure_merge_driver(root);
}

void configure_merge_driver(const fs::path& root) {
  GitRun name = git(root, {"config", "merge.svc.name", "svc: unite record histories"});
  GitRun driver = git(root, {"config", "merge.svc.driver", driver_command()});
  if (!name.ok() || !driver.ok())
    throw write_error(fmt::format("could not configure git's merge driver in {}: {}", root.string(),
                                  name.ok() ? driver.err : name.err));
}

}  // namespace svc::store
