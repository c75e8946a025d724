#pragma once
// A record of any kind: its summary fields and the history they are the replay of (SPEC §1).
#include <string>
#include <vector>

#include "svc/calendar/time.hpp"
#include "svc/domain/value.hpp"

namespace svc {

/// One history line: `- {at: ..., by: 张三, do: assign, assignee: 李四}`.
struct Event {
  std::string at;  ///< ISO 8601 with offset, as written
  std::string by;
  std::string action;
  Value data = Value::map(true);  ///< everything the action changed, in the order written
};

struct Record {
  std::string id;
  Value fields = Value::map();  ///< the summary above `history:`, `id` first
  std::vector<Event> history;

  std::string status() const { return fields.get("status"); }
};

/// What every action needs besides its own arguments: no clock reads inside the domain.
struct Actor {
  Time now = 0;
  std::string name;
};

}  // namespace svc
