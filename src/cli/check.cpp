// svc check: every file parsed, validated, and its summary compared with its history.
#include <fmt/format.h>

#include <map>

#include "svc/cli/common.hpp"
#include "svc/domain/error.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace {

std::vector<std::string> check_kind(const RecordKind& kind, const store::DataDir& dir, Time now) {
  std::vector<std::string> problems;
  std::map<std::string, std::string> seen;  // ID -> file
  std::vector<std::string> refused;
  scan_records(
      kind, dir, now,
      [&](const store::fs::path& path, RecordFile& f) {
        problems.insert(problems.end(), f.problems.begin(), f.problems.end());
        if (!f.parsed) return;
        std::string shown = dir.display(path);
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

void setup_check(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("check", "validate every record file; silent when all is well");
  cmd->footer(
      "Exit status 0 when all is well, 3 when any file has a problem (each is listed).\n"
      "Example:\n  svc check && git commit -am 'day close'");
  cmd->callback([&g] {
    Session session(g);
    std::vector<std::string> problems;
    for (const RecordKind* kind : all_kinds()) {
      auto found = check_kind(*kind, session.dir(), session.now());
      problems.insert(problems.end(), found.begin(), found.end());
    }
    for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.c_str());
    if (!problems.empty())
      throw data_error(
          fmt::format("{} problem{} found", problems.size(), problems.size() == 1 ? "" : "s"));
  });
}

}  // namespace svc::cli
