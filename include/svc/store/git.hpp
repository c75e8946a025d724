#pragma once
// git, run as a program (never through a shell): the one place svc talks to git, for the team
// features of SPEC §9 (site codes, the merge driver, sync, check --since).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "svc/domain/record.hpp"
#include "svc/domain/record_rules.hpp"

namespace svc::store {

struct GitRun {
  int code = 127;  ///< git's exit status; 127 when git could not be started
  std::string out, err;
  bool ok() const { return code == 0; }
  /// git's first non-empty line (of stderr, else stdout): what an error message quotes, as a
  /// line of its own instead of git's several.
  std::string message() const;
};

/// `git -C dir args...`, stdout and stderr captured, stdin empty.
GitRun git(const std::filesystem::path& dir, const std::vector<std::string>& args);

/// The git work tree `dir` lies in, or "" when it lies in none (or git is missing).
std::filesystem::path git_top(const std::filesystem::path& dir);
/// Whether a file of git's own (`git rev-parse --git-path NAME`: MERGE_HEAD, REVERT_HEAD)
/// exists in this clone.
bool git_path_exists(const std::filesystem::path& top, const std::string& name);
/// Whether git stopped in the middle of a rebase in the work tree `top`.
bool rebase_in_progress(const std::filesystem::path& top);
/// The names of the work tree's remotes (none outside a work tree).
std::vector<std::string> git_remotes(const std::filesystem::path& dir);

/// A record file as it stands in `rev` ("HEAD", a commit; "" for the index), `path` relative to
/// the work tree `top`; nullopt when absent there or not a readable record.
std::optional<Record> record_at(const std::filesystem::path& top, const std::string& rev,
                                const std::string& path);

/// The lines svc writes into a data directory's .gitattributes: LF endings, and its own merge
/// driver for every record file and site registration.
std::vector<std::string> gitattributes_lines(const Kinds& kinds);
/// Adds the lines of gitattributes_lines() that .gitattributes lacks; returns whether it wrote.
bool ensure_gitattributes(const std::filesystem::path& root, const Kinds& kinds);
/// What is wrong with the merge driver in this clone ("" when it is set up, or when the data
/// directory is no team's: not in git, or no site code registered in sites/): .gitattributes
/// not naming it, or git not configured to run it.
std::string merge_driver_problem(const std::filesystem::path& root, const Kinds& kinds);
/// Configures `merge.svc.driver` in the clone to run this very svc binary.
void configure_merge_driver(const std::filesystem::path& root);
/// In a git clone, .gitattributes and the driver both set up (SPEC §9); elsewhere nothing.
void set_up_merge_driver(const std::filesystem::path& root, const Kinds& kinds);

}  // namespace svc::store
