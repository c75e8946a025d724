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
  cmd->add_option("--site", *site,
                  "this clone's site code, registered in sites/ so IDs never collide between "
                  "clones");
  cmd->callback([dir, site, &g] {
    store::fs::path root(*dir);
    if (!site->empty()) store::valid_site_code(*site);  // a usage error before anything is made
    std::string done = store::init_data_dir(root, !site->empty());
    if (!site->empty()) {
      Globals here = g;
      here.data = root.string();
      Session session(here);
      std::string registered = store::register_site(root, *site, current_actor(g),
                                                    format_time(session.now(), session.offset()));
      done += (done.empty() ? "" : "; ") + registered;
    }
    if (!g.quiet) out(done + "\n");
  });
}

}  // namespace svc::cli
