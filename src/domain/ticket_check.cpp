// What makes a ticket file valid, and whether its summary is the replay of its history.
#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "svc/domain/ticket.hpp"

namespace svc::ticket {

namespace {

bool is_time(const std::string& s) { return parse_time(s, 0).has_value() && s.size() >= 16; }

Value strip_unknown(const Value& v) {
  if (!v.is_map()) return v;
  Value out = Value::map();
  const auto& known = known_keys();
  for (const auto& [key, value] : v.entries)
    if (std::find(known.begin(), known.end(), key) != known.end())
      out.entries.emplace_back(key, strip_unknown(value));
  return out;
}

std::string render(const Value& v) {
  if (v.is_scalar()) return v.scalar;
  std::string out;
  for (const auto& [k, x] : v.entries) out += (out.empty() ? "" : ", ") + k + ": " + render(x);
  for (const auto& x : v.items) out += (out.empty() ? "" : ", ") + render(x);
  return (v.is_map() ? "{" : "[") + out + (v.is_map() ? "}" : "]");
}

}  // namespace

std::vector<Finding> validate(const Record& r) {
  std::vector<Finding> found;
  const Value& f = r.fields;
  auto add = [&](const Value* at, std::string message) {
    found.push_back({at ? at->line : 0, at ? at->column : 0, std::move(message)});
  };
  static const std::regex id_form(R"(T-[0-9]{4}-([A-Z0-9]{1,8}-)?[0-9]{4,})");
  if (!std::regex_match(r.id, id_form))
    add(f.find("id"), fmt::format("id '{}' is not like T-2611-0001", r.id));
  auto check_enum = [&](const char* key, auto& allowed, bool required) {
    const Value* v = f.find(key);
    if (!v) {
      if (required) add(nullptr, fmt::format("missing '{}'", key));
    } else if (!contains(allowed, v->scalar)) {
      add(v, fmt::format("{} '{}' is not one of: {}", key, v->scalar, fmt::join(allowed, ", ")));
    }
  };
  check_enum("status", kStatuses, true);
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
  for (const char* map : {"due", "done", "due_original"}) {
    const Value* m = f.find(map);
    if (!m) continue;
    for (const auto& [step, value] : m->entries) {
      if (!is_step(step))
        add(&value, fmt::format("{}.{} is not a step", map, step));
      else if (!is_time(value.scalar))
        add(&value, fmt::format("{}.{} '{}' is not a timestamp", map, step, value.scalar));
    }
  }
  if (const Value* reg = f.find("registered"); !reg || !is_time(reg->scalar))
    add(reg, "missing or bad 'registered' timestamp");
  for (const auto& e : r.history) {
    if (!is_time(e.at))
      found.push_back(
          {e.data.line, e.data.column, fmt::format("event time '{}' is not a timestamp", e.at)});
    if (!is_action(e.action))
      found.push_back({e.data.line, e.data.column, fmt::format("unknown action '{}'", e.action)});
  }
  return found;
}

std::vector<Finding> compare_with_replay(const Record& r) {
  std::vector<Finding> found;
  Value replayed = strip_unknown(replay(r.id, r.history));
  Value stored = strip_unknown(r.fields);
  for (const auto& [key, value] : replayed.entries) {
    const Value* mine = stored.find(key);
    if (!mine)
      found.push_back(
          {0, 0, fmt::format("'{}' is missing; the history gives {}", key, render(value))});
    else if (!(*mine == value))
      found.push_back(
          {r.fields.find(key)->line, r.fields.find(key)->column,
           fmt::format("'{}' is {} but the history gives {}", key, render(*mine), render(value))});
  }
  for (const auto& [key, value] : stored.entries)
    if (!replayed.find(key))
      found.push_back({value.line, value.column,
                       fmt::format("'{}' is not given by any event in the history", key)});
  return found;
}

std::vector<Finding> check_history(const Record& r, Time now) {
  std::vector<Finding> found;
  auto add = [&](const Event& e, std::string m) {
    found.push_back({e.data.line, e.data.column, std::move(m)});
  };
  Value fields = Value::map();
  fields.set_plain("id", r.id);
  std::optional<Time> previous;
  for (size_t i = 0; i < r.history.size(); ++i) {
    const Event& e = r.history[i];
    auto at = parse_time(e.at, 0);
    if (at && previous && *at < *previous)
      add(e, fmt::format("event {} ({}) at {} is earlier than the event before it; the history "
                         "must be in time order",
                         i + 1, e.action, e.at));
    if (at && *at > now + kClockSkew)
      add(e, fmt::format("event {} ({}) at {} is in the future", i + 1, e.action, e.at));
    if (at) previous = at;
    if (!action_allowed(fields, e.action)) {
      std::string status = fields.get("status");
      add(e, i == 0              ? fmt::format("the first event is '{}', not 'new'", e.action)
             : e.action == "new" ? fmt::format("event {} is a second 'new'", i + 1)
                                 : fmt::format("event {} ({}) is not allowed when the ticket is {}",
                                               i + 1, e.action, status));
    }
    apply_event(fields, e);
  }
  return found;
}

}  // namespace svc::ticket
