// References between records through each kind's `links` table: relink, repeats, the checks.
#include "svc/domain/links.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace svc::record {

namespace {

// The value at a dotted path below `v`; nullptr when a step is missing. `V` is Value or const.
template <class V>
V* find_at(V& v, std::string_view path) {
  V* at = &v;
  while (at && !path.empty()) {
    size_t dot = path.find('.');
    at = at->is_map() ? at->find(path.substr(0, dot)) : nullptr;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return at;
}

const Link* link_at(const KindRules& k, std::string_view path) {
  for (const auto& l : k.links)
    if (l.path == path) return &l;
  return nullptr;
}

// The link an action's event key sets, through where the action folds it; nullptr for none.
const Link* link_of_key(const KindRules& k, const std::string& action, const std::string& key) {
  for (const auto& ek : k.events)
    if (ek.action == action) return link_at(k, ek.into.empty() ? key : ek.into + "." + key);
  return nullptr;
}

// Which events of the history the state machine refuses where they stand, settles left out:
// a settle takes a conflict out of the summary, it does not make the event happen.
std::vector<bool> refused_events(const KindRules& k, const Record& r) {
  std::vector<bool> refused(r.history.size(), false);
  Value fields = Value::map();
  fields.set_plain("id", r.id);
  for (size_t i = 0; i < r.history.size(); ++i) {
    const Event& e = r.history[i];
    if (e.action == kSettle) continue;
    if (action_allowed(k, fields, e.action))
      apply_event(k, fields, e);
    else
      refused[i] = true;
  }
  return refused;
}

// The event keys of links in which `again` differs from `first` when the rest of their data is
// the same; empty when anything else differs (then it is another act, not one done twice).
std::vector<std::pair<const Link*, std::string>> differing_links(const KindRules& k,
                                                                 const Event& first,
                                                                 const Event& again) {
  auto others = [&](const Event& e) {
    Value v = Value::map();
    for (const auto& [key, value] : e.data.entries)
      if (!link_of_key(k, e.action, key)) v.set(key, value);
    return v;
  };
  std::vector<std::pair<const Link*, std::string>> out;
  if (!(others(first) == others(again))) return out;
  for (const auto& [key, value] : again.data.entries)
    if (const Link* l = link_of_key(k, again.action, key); l && first.data.get(key) != value.scalar)
      out.emplace_back(l, key);
  return out;
}

// Whether the summary still lists the refused event as a conflict (else a settle took it out).
bool still_listed(const Record& r, const Event& e) {
  if (const Value* list = r.fields.find(kConflicts))
    for (const auto& c : list->items)
      if (c.get("at") == e.at && c.get("by") == e.by && c.get("do") == e.action) return true;
  return false;
}

}  // namespace

std::string field_at(const Value& fields, std::string_view path) {
  const Value* v = find_at(fields, path);
  return v && v->is_scalar() ? v->scalar : "";
}

std::vector<LinkValue> links_of(const KindRules& k, const Value& fields) {
  std::vector<LinkValue> out;
  for (const auto& l : k.links)
    if (std::string id = field_at(fields, l.path); !id.empty()) out.push_back({&l, std::move(id)});
  return out;
}

bool links_to(const KindRules& k, const Value& fields, const std::string& noun,
              const std::string& id) {
  for (const auto& l : k.links)
    if (l.kind == noun && field_at(fields, l.path) == id) return true;
  return false;
}

std::string duplicate_of(const KindRules& k, const Value& fields) {
  for (const auto& l : k.links)
    if (l.duplicate) return field_at(fields, l.path);
  return "";
}

Event relink_event(const std::string& from, const std::string& to, const Context& ctx) {
  Event e = new_event(kRelink.data(), ctx);
  e.data.set_plain("from", from);
  e.data.set_plain("to", to);
  return e;
}

void apply_relink(const KindRules& k, Value& fields, const Event& e) {
  const std::string from = e.data.get("from"), to = e.data.get("to");
  for (const auto& l : k.links)
    if (Value* v = find_at(fields, l.path); v && v->is_scalar() && v->scalar == from)
      v->scalar = to;
}

std::vector<Repeat> repeats(const KindRules& k, const Record& r) {
  std::vector<Repeat> out;
  // Only a merge refuses events: a record without conflicts or settles has none.
  bool settles = std::any_of(r.history.begin(), r.history.end(),
                             [](const Event& e) { return e.action == kSettle; });
  if (!settles && !r.fields.find(kConflicts)) return out;
  std::vector<bool> refused = refused_events(k, r);
  for (size_t i = 0; i < r.history.size(); ++i) {
    if (!refused[i]) continue;
    const Event& again = r.history[i];
    for (size_t j = 0; j < i; ++j) {
      if (refused[j] || r.history[j].action != again.action) continue;
      auto differ = differing_links(k, r.history[j], again);
      for (const auto& [link, key] : differ)
        if (std::string first = r.history[j].data.get(key); !first.empty())
          out.push_back(
              {again.at, again.action, link, first, again.data.get(key), !still_listed(r, again)});
      if (!differ.empty()) break;
    }
  }
  return out;
}

Event settle_repeat(const Repeat& rep, const std::string& note, const Context& ctx) {
  Event e = new_event(kSettle.data(), ctx);
  Value& list = e.data.set("settles", Value::list(true));
  list.push(Value::plain(rep.at));
  if (!note.empty()) e.data.set_text("note", note);
  return e;
}

void LinkCheck::add(const KindRules& k, const Record& r, bool sound) {
  auto [it, fresh] = nodes_.try_emplace(r.id);
  if (!fresh) return;  // a duplicate ID: check names it
  it->second =
      Node{&k, r.status(), links_of(k, r.fields), sound ? repeats(k, r) : std::vector<Repeat>{}};
  order_.push_back(r.id);
}

const LinkCheck::Node* LinkCheck::node(const std::string& id) const {
  auto it = nodes_.find(id);
  return it == nodes_.end() ? nullptr : &it->second;
}

std::string LinkCheck::back_of(const Node& n, const std::string& path) const {
  for (const auto& l : n.links)
    if (l.link->path == path) return l.id;
  return "";
}

// A link whose other end names another record, for a reason the data says: this record is the
// duplicate of that one, or both are the two of a repeat of the other end (a call closed twice).
bool LinkCheck::explained(const Node& self, const std::string& id, const LinkValue& l,
                          const Node& target) const {
  const std::string other = back_of(target, l.link->back);
  for (const auto& own : self.links)
    if (own.link->duplicate && own.id == other) return true;
  for (const auto& rep : target.repeats)
    if (rep.link->path == l.link->back && (rep.first == id || rep.second == id)) return true;
  return false;
}

void LinkCheck::pairs(const std::string& id, const Node& n, std::vector<std::string>& out) const {
  for (const auto& rep : n.repeats) {
    const Node *a = node(rep.first), *b = node(rep.second);
    if (rep.settled || !a || !b) continue;
    // One of them still open is tidied when the record is settled (svc sync does it at once).
    if (is_open(*a->kind, a->status) || is_open(*b->kind, b->status)) continue;
    bool retired = false;
    for (const Node* x : {a, b})
      for (const auto& l : x->links) retired = retired || l.link->duplicate;
    if (retired) continue;
    std::string states = a->status == b->status ? fmt::format("both {}", a->status)
                                                : fmt::format("{} {}, {} {}", rep.first, a->status,
                                                              rep.second, b->status);
    out.push_back(fmt::format(
        "{}: two {}s for one {}: {} and {}, {}; its {} was made in two clones and both count in "
        "the figures: compare them (svc {} show ID), amend one if need be, then accept the "
        "pair: svc {} settle {}",
        id, rep.link->kind, n.kind->noun, rep.first, rep.second, states,
        spoken(*n.kind, rep.action), rep.link->kind, n.kind->noun, id));
  }
}

std::vector<std::string> LinkCheck::problems() const {
  std::vector<std::string> out;
  for (const auto& id : order_) {
    const Node& n = nodes_.at(id);
    for (const auto& l : n.links) {
      const Node* target = node(l.id);
      if (!target) {
        out.push_back(fmt::format("{}: {} {} is no record", id, l.link->path, l.id));
        continue;
      }
      if (target->kind->noun != l.link->kind) {
        out.push_back(fmt::format("{}: {} {} is a {}, not a {}", id, l.link->path, l.id,
                                  target->kind->noun, l.link->kind));
        continue;
      }
      if (l.link->back.empty()) continue;
      std::string other = back_of(*target, l.link->back);
      if (!other.empty() && other != id && !explained(n, id, l, *target))
        out.push_back(fmt::format("{}: {} {}, but {}'s {} is {}", id, l.link->path, l.id, l.id,
                                  l.link->back, other));
    }
    pairs(id, n, out);
  }
  return out;
}

}  // namespace svc::record
