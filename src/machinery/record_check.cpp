// What every kind's file must hold: the ID, the status, the deadlines, every typed value, and
// events of known actions holding exactly their keys; money held as text, as svc writes it.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <optional>

#include "svc/domain/decimal.hpp"
#include "svc/domain/record_rules.hpp"
#include "svc/domain/voids.hpp"

namespace svc::record {

namespace {

const FieldType kTimestamp{Form::timestamp, {}};

bool removal(const Value& v) {
  return v.kind == Value::Kind::plain && (v.scalar == "~" || v.scalar == "null");
}

// Calls `visit` on every value at `path` below `v`: maps by key, lists item by item. `V` is
// Value or const Value.
template <class V, class Visit>
void at_path(V& v, std::string_view path, const Visit& visit) {
  if (v.is_list()) {
    for (auto& item : v.items) at_path(item, path, visit);
    return;
  }
  if (path.empty()) return visit(v);
  size_t dot = path.find('.');
  if (auto* child = v.find(path.substr(0, dot)))
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

// Calls `visit(type, shown, rest, x)` on every value `x` of `v` that `k.typed` types (of form
// `only`, when given), `v` standing at `base` of the fields and shown as `shown`; `rest` is the
// path from `v` to x ("qty" of "parts").
template <class V, class Visit>
void each_typed(const KindRules& k, V& v, std::string_view base, const std::string& shown,
                const Visit& visit, std::optional<Form> only = std::nullopt) {
  for (const auto& t : k.typed) {
    if (only && t.type.form != *only) continue;
    auto rest = below(t.path, base);
    if (!rest) continue;
    at_path(v, *rest, [&](V& x) { visit(t.type, shown, *rest, x); });
  }
}

// The same for the value an event holds at `key` (one of its action's keys, not `due`): an
// edit's changes are typed where they stand in the fields, another action's key where the
// action folds it (`into.key`), else as the same key at the top.
template <class V, class Visit>
void each_typed_in_event(const KindRules& k, const std::string& action, const EventKeys& keys,
                         const std::string& key, V& value, const Visit& visit,
                         std::optional<Form> only = std::nullopt) {
  if (action == "edit") {
    for (auto& [changed, v] : value.entries) each_typed(k, v, changed, changed, visit, only);
    return;
  }
  std::string base = keys.into.empty() ? key : keys.into + "." + key;
  each_typed(k, value, typed_at(k, base) ? base : key, key, visit, only);
}

// The data keys an action's events hold, the machinery's own actions too; nullptr when unknown.
const EventKeys* keys_of(const KindRules& k, const std::string& action) {
  static const EventKeys settle{std::string(kSettle), {"settles", "note"}, ""};
  static const EventKeys renumber{std::string(kRenumber), {"from"}, ""};
  static const EventKeys relink{std::string(kRelink), {"from", "to"}, ""};
  static const EventKeys voids{std::string(kVoid), {"event", "reason"}, ""};
  static const EventKeys edit{"edit", {"changes"}, ""};
  if (action == kSettle) return &settle;
  if (action == kRenumber) return &renumber;
  if (action == kRelink) return &relink;
  if (action == kVoid) return &voids;
  if (action == "edit") return &edit;
  for (const auto& keys : k.events)
    if (keys.action == action) return &keys;
  return nullptr;
}

bool holds_key(const EventKeys* keys, const std::string& key) {
  return keys && std::find(keys->keys.begin(), keys->keys.end(), key) != keys->keys.end();
}

struct Checker {
  const KindRules& k;
  std::vector<Finding>& found;

  void add(const Value* at, std::string message) {
    found.push_back({at ? at->line : 0, at ? at->column : 0, std::move(message)});
  }

  // A check of each typed value, its name shown after `prefix`; an edit's `~` removes a key.
  auto typed(const std::string& prefix, bool removals) {
    return [this, &prefix, removals](const FieldType& t, const std::string& shown,
                                     std::string_view rest, const Value& x) {
      if ((removals && removal(x)) || (x.is_scalar() && holds(t, x.scalar))) return;
      std::string name = rest.empty() ? shown : fmt::format("{}.{}", shown, rest);
      add(&x, fmt::format("{}{} '{}' is not {}", prefix, name, x.scalar, allowed(t)));
    };
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
    const EventKeys* keys = keys_of(k, e.action);
    const std::string prefix = fmt::format("event '{}': ", e.action);
    for (const auto& [key, value] : e.data.entries) {
      if (!holds_key(keys, key)) {
        std::vector<std::string> all = {"at", "by", "do"};
        if (keys) all.insert(all.end(), keys->keys.begin(), keys->keys.end());
        add(&value,
            fmt::format("{}unknown key '{}'; it holds only {}", prefix, key, fmt::join(all, ", ")));
      } else if (key == "due") {
        steps(value, prefix + "due");
      } else if (e.action != kVoid) {
        // A void's reason is free text and its event a copy, checked where the event stands.
        each_typed_in_event(k, e.action, *keys, key, value, typed(prefix, e.action == "edit"));
      }
    }
    if (e.action == kVoid)
      if (std::string why = void_shape_problem(e); !why.empty()) add(at, why);
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
  const std::string top;
  for (const auto& [key, value] : f.entries)
    each_typed(k, value, key, key, check.typed(top, false));
  for (const auto& e : r.history) check.event(e);
  return found;
}

namespace {

// Money as text in svc's two-decimal form (12.5 -> "12.50"), so the writer quotes it and JSON
// gives a string, whatever form an older file held it in (SPEC §1). Anything that is not an
// amount stays for the checks to name.
void money_text(const FieldType&, const std::string&, std::string_view, Value& x) {
  if (!x.is_scalar() || removal(x)) return;
  auto cents = parse_hundredths(x.scalar);
  if (!cents) return;
  x.kind = Value::Kind::text;
  x.scalar = format_money(*cents);
}

}  // namespace

void money_as_text(const KindRules& k, Value& fields) {
  for (auto& [key, value] : fields.entries) each_typed(k, value, key, key, money_text, Form::money);
}

void money_as_text(const KindRules& k, Event& e) {
  const EventKeys* keys = keys_of(k, e.action);
  for (auto& [key, value] : e.data.entries)
    if (key != "due" && holds_key(keys, key))
      each_typed_in_event(k, e.action, *keys, key, value, money_text, Form::money);
}

void money_as_text(const KindRules& k, Record& r) {
  money_as_text(k, r.fields);
  for (auto& e : r.history) money_as_text(k, e);
}

}  // namespace svc::record
