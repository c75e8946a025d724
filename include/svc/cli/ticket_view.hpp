#pragma once
#include "svc/cli/common.hpp"

namespace svc::cli {
/// list, show, log and edit.
void setup_ticket_views(CLI::App& ticket, Globals& g);
}  // namespace svc::cli
