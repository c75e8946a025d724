// What makes a ticket file valid beyond what every kind checks.
#include <fmt/format.h>

#include <algorithm>

#include "svc/domain/ticket.hpp"

namespace svc::ticket {

std::vector<Finding> validate(const Record& r) {
  std::vector<Finding> found = record::validate_common(rules(), r);
  const Value& f = r.fields;
  auto add = [&](const Value* at, std::string message) {
    found.push_back({at ? at->line : 0, at ? at->column : 0, std::move(message)});
  };
  for (const char* key : {"kind", "priority", "service_class"})
    if (!f.find(key)) add(nullptr, fmt::format("missing '{}'", key));
  const Value* customer = f.find("customer");
  if (!customer || customer->get("name").empty()) add(customer, "missing customer name");
  return found;
}

}  // namespace svc::ticket
