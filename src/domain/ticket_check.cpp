// What makes a ticket file valid, and whether its summary is the replay of its history.
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
  auto check_enum = [&](const char* key, auto& allowed, bool required) {
    const Value* v = f.find(key);
    if (!v) {
      if (required) add(nullptr, fmt::format("missing '{}'", key));
    } else if (!contains(allowed, v->scalar)) {
      add(v, fmt::format("{} '{}' is not one of: {}", key, v->scalar, fmt::join(allowed, ", ")));
    }
  };
  check_enum("kind", kKinds, true);
  check_enum("priority", kPriorities, true);
  check_enum("channel", kChannels, false);
  static const char* const classes[] = {"A", "B", "C", "D"};
  check_enum("service_class", classes, true);
  const Value* customer = f.find("customer");
  if (!customer || customer->get("name").empty()) add(customer, "missing customer name");
  if (const Value* loc = f.find("location");
      loc && loc->find("zone") && !contains(kZones, loc->get("zone")))
    add(loc->find("zone"),
        fmt::format("zone '{}' is not one of: urban, suburban, remote", loc->get("zone")));
  if (const Value* p = f.find("product")) {
    for (const char* key : {"purchased", "warranty_until", "contract_until"})
      if (const Value* d = p->find(key); d && !parse_date(d->scalar))
        add(d, fmt::format("product.{} '{}' is not a date YYYY-MM-DD", key, d->scalar));
    if (const Value* m = p->find("warranty_months");
        m && (m->scalar.empty() || m->scalar.size() > 4 ||
              m->scalar.find_first_not_of("0123456789") != std::string::npos))
      add(m, fmt::format("product.warranty_months '{}' is not a whole number", m->scalar));
  }
  if (const Value* loc = f.find("location"))
    if (const Value* km = loc->find("distance_km");
        km &&
        (km->scalar.empty() || km->scalar.find_first_not_of("0123456789.") != std::string::npos))
      add(km, fmt::format("location.distance_km '{}' is not a number of kilometres", km->scalar));
  return found;
}

std::vector<Finding> compare_with_replay(const Record& r) {
  return record::compare_with_replay(rules(), r);
}

std::vector<Finding> check_history(const Record& r, Time now) {
  return record::check_history(rules(), r, now);
}

}  // namespace svc::ticket
