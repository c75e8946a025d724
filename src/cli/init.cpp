// svc init [DIR] [--site CODE]
#include "svc/cli/common.hpp"
#include "svc/store/datadir.hpp"

namespace svc::cli {

void setup_init(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("init", "create a data directory with the shipped defaults");
  cmd->footer(
      "Examples:\n  svc init service-data\n  svc init --site BJ      (in a fresh clone: IDs become "
      "T-2611-BJ-0001)");
  auto dir = std::make_shared<std::string>(".");
  auto site = std::make_shared<std::string>();
  cmd->add_option("DIR", *dir, "directory to create or set up (default: here)");
  cmd->add_option("--site", *site, "clone-local site code that keeps IDs apart between clones");
  cmd->callback([dir, site, &g] {
    std::string done = store::init_data_dir(store::fs::path(*dir), *site);
    if (!g.quiet) out(done + "\n");
  });
}

}  // namespace svc::cli
