// svc check: every file parsed, validated, and its summary compared with its history.
#include <fmt/format.h>

#include <map>

#include "svc/cli/common.hpp"
#include "svc/domain/error.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace {

std::vector<std::string> check_tickets(const store::DataDir& dir) {
  std::vector<std::string> problems;
  std::map<std::string, std::string> seen;  // ID -> file
  for (const auto& path : dir.files(store::kTickets)) {
    std::string shown = dir.display(path);
    auto at = [&](int line, int column, const std::string& m) {
      return line ? fmt::format("{}:{}:{}: {}", shown, line, column, m)
                  : fmt::format("{}: {}", shown, m);
    };
    std::vector<store::Problem> structural;
    Record r;
    try {
      r = store::record_from_value(store::parse_yaml(store::read_file(path), shown), shown,
                                   structural);
    } catch (const Error& e) {
      problems.push_back(e.what());
      continue;
    }
    for (const auto& p : structural) problems.push_back(p.text());
    if (!structural.empty()) continue;
    auto found = ticket::validate(r);
    for (const auto& f : found) problems.push_back(at(f.line, f.column, f.message));
    if (r.id != path.stem().string())
      problems.push_back(at(0, 0, fmt::format("id '{}' does not match the file name", r.id)));
    if (auto [it, fresh] = seen.emplace(r.id, shown); !fresh)
      problems.push_back(at(0, 0, fmt::format("duplicate ID {}: also in {}", r.id, it->second)));
    if (!found.empty()) continue;
    for (const auto& f : ticket::compare_with_replay(r))
      problems.push_back(at(f.line, f.column, f.message));
  }
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
    auto problems = check_tickets(session.dir());
    for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.c_str());
    if (!problems.empty())
      throw data_error(
          fmt::format("{} problem{} found", problems.size(), problems.size() == 1 ? "" : "s"));
  });
}

}  // namespace svc::cli
