// svc return ...: returns, exchanges and repairs. So far: the policy in force.
#include <fmt/format.h>

#include "svc/cli/common.hpp"
#include "svc/domain/return_policy.hpp"

namespace svc::cli {

void setup_return(CLI::App& app, Globals& g) {
  auto* r = app.add_subcommand("return", "returns, exchanges and repairs (退货, 换货, 维修)");
  r->footer("Run `svc return ACTION --help` for an action's options and an example.");
  auto* policy = r->add_subcommand("policy", "print the return policy in force (svc.yaml)");
  policy->footer("Example:\n  svc return policy");
  policy->callback([&g] {
    Session s(g);
    std::string text;
    for (const auto& line : describe_return_policy(s.settings().return_policy, s.settings().locale))
      text += "- " + line + "\n";
    out(text);
  });
}

}  // namespace svc::cli
