// What every kind's file must hold: the ID, the status, the deadlines, every typed value, and
// events of known actions holding exactly their keys.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "svc/domain/record_rules.hpp"

namespace svc::record {

namespace {

const FieldType kTimestamp{Form::timestamp, {}};

bool removal(const Value& v) {
  return v.kind == Value::Kind::plain && (v.scalar == "~" || v.scalar == "null");
}

// Calls `visit` on every value at `path` below `v`: maps by key, lists item by item.
template <class Visit>
void at_path(const Value& v, std::string_view path, const Visit& visit) {
  if (v.is_list()) {
    for (const auto& item : v.items) at_path(item, path, visit);
    return;
  }
  if (path.empty()) return visit(v);
  size_t dot = path.find('.');
  if (const Value* child = v.find(path.substr(0, dot)))
    at_path(*child, dot == std::string_view::npos ? "" : path.substr(dot + 1), visit);
}

// The part of `path` below `base` ("parts.qty" below "parts" is "qty"); nullopt when not below.
std::optional<std::string_view> below(std::string_view path, std::string_view base) {
  if (!path.starts_with(base)) return std::nullopt;
  if (path.size() == base.size()) return std::string_view();
  if (path[base.size()] != '.') return std::nullopt;
  return path.substr(base.size() + 1);
}

bool typed_at(const KindRules& k, std::string_view base) {
  return std::any_of(k.typed.begin(), k.typed.end(),
                     [&](const TypedPath& t) { return below(t.path, base).has_value(); });
}

struct Checker {
  const KindRules& k;
  std::vector<Finding>& found;

  void add(const Value* at, std::string message) {
    found.push_back({at ? at->line : 0, at ? at->column : 0, std::move(message)});
  }

  // `v` stands at `base` of the fields and is shown as `shown` (after `prefix`).
  void typed(const Value& v, std::string_view base, const std::string& shown,
             const std::string& prefix, bool removals) {
    for (const auto& t : k.typed) {
      auto rest = below(t.path, base);
      if (!rest) continue;
      std::string name = rest->empty() ? shown : fmt::format("{}.{}", shown, *rest);
      at_path(v, *rest, [&](const Value& x) {
        if ((removals && removal(x)) || (x.is_scalar() && holds(t.type, x.scalar))) return;
        add(&x, fmt::format("{}{} '{}' is not {}", prefix, name, x.scalar, allowed(t.type)));
      });
    }
  }

  // A `due`, `done` or `due_original` map: steps of the kind, at timestamps.
  void steps(const Value& m, const std::string& shown) {
    for (const auto& [step, value] : m.entries) {
      if (!is_step(k, step))
        add(&value, fmt::format("{}.{} is not a step", shown, step));
      else if (!holds(kTimestamp, value.scalar))
        add(&value, fmt::format("{}.{} '{}' is not a timestamp", shown, step, value.scalar));
    }
  }

  void event(const Event& e) {
    const Value* at = &e.data;
    if (!holds(kTimestamp, e.at)) add(at, fmt::format("event time '{}' is not a timestamp", e.at));
    if (!is_action(k, e.action)) return add(at, fmt::format("unknown action '{}'", e.action));
    if (e.by.empty()) add(at, fmt::format("event '{}' has no 'by' (who did it)", e.action));
    const EventKeys* keys = keys_of(e.action);
    const std::string prefix = fmt::format("event '{}': ", e.action);
    for (const auto& [key, value] : e.data.entries) {
      if (!keys || std::find(keys->keys.begin(), keys->keys.end(), key) == keys->keys.end()) {
        std::vector<std::string> all = {"at", "by", "do"};
        if (keys) all.insert(all.end(), keys->keys.begin(), keys->keys.end());
        add(&value,
            fmt::format("{}unknown key '{}'; it holds only {}", prefix, key, fmt::join(all, ", ")));
      } else if (key == "due") {
        steps(value, prefix + "due");
      } else if (e.action == "edit") {
        for (const auto& [changed, v] : value.entries) typed(v, changed, changed, prefix, true);
      } else {
        std::string base = keys->into.empty() ? key : keys->into + "." + key;
        typed(value, typed_at(k, base) ? base : key, key, prefix, false);
      }
    }
  }

  const EventKeys* keys_of(const std::string& action) {
    // The machinery's own actions, every kind's.
    static const EventKeys settle{std::string(kSettle), {"settles", "note"}, ""};
    static const EventKeys renumber{std::string(kRenumber), {"from"}, ""};
    static const EventKeys edit{"edit", {"changes"}, ""};
    if (action == kSettle) return &settle;
    if (action == kRenumber) return &renumber;
    if (action == "edit") return &edit;
    for (const auto& keys : k.events)
      if (keys.action == action) return &keys;
    return nullptr;
  }
};

// P-YYMM-[SITE-]NNNN: the serial at least `width` digits.
bool id_ok(const KindRules& k, const std::string& id) {
  if (id.size() < 8 || id[0] != k.prefix || id[1] != '-' || id[6] != '-') return false;
  if (id.substr(2, 4).find_first_not_of("0123456789") != std::string::npos) return false;
  std::string rest = id.substr(7);
  size_t dash = rest.find('-');
  if (dash != std::string::npos) {
    std::string site = rest.substr(0, dash);
    if (site.empty() || site.size() > 8 ||
        site.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != std::string::npos)
      return false;
    rest = rest.substr(dash + 1);
  }
  return rest.size() >= static_cast<size_t>(k.width) &&
         rest.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::vector<Finding> validate_common(const KindRules& k, const Record& r) {
  std::vector<Finding> found;
  Checker check{k, found};
  const Value& f = r.fields;
  if (!id_ok(k, r.id))
    check.add(f.find("id"), fmt::format("id '{}' is not like {}-2611-{}", r.id, k.prefix,
                                        std::string(static_cast<size_t>(k.width - 1), '0') + "1"));
  const Value* status = f.find("status");
  if (!status)
    check.add(nullptr, "missing 'status'");
  else if (std::find(k.statuses.begin(), k.statuses.end(), status->scalar) == k.statuses.end())
    check.add(status, fmt::format("status '{}' is not one of: {}", status->scalar,
                                  fmt::join(k.statuses, ", ")));
  for (const char* map : {"due", "done", "due_original"})
    if (const Value* m = f.find(map)) check.steps(*m, map);
  if (const Value* reg = f.find("registered"); !reg || !holds(kTimestamp, reg->scalar))
    check.add(reg, "missing or bad 'registered' timestamp");
  for (const auto& [key, value] : f.entries) check.typed(value, key, key, "", false);
  for (const auto& e : r.history) check.event(e);
  return found;
}

}  // namespace svc::record
