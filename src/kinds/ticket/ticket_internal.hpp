#pragma once
// Helpers the ticket's decide_* files share; not part of the domain's interface.
#include <string>

#include "svc/domain/ticket.hpp"

namespace svc::ticket {

/// An event of `action` at the actor's time, by the actor.
Event make_event(const char* action, const Context& ctx);
/// A timestamp from a map of the fields (`due`, `done`), or 0 when absent.
Time stored_time(const Value& fields, const char* map, const std::string& key, const Context& ctx);
/// Puts a deadline into the event's `due:` map, creating the map on first use.
void set_due(Event& e, const std::string& step, Time when, const Context& ctx);

}  // namespace svc::ticket
