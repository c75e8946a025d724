// Which records a command needs (reach.hpp).
#include "svc/domain/reach.hpp"

#include <algorithm>
#include <limits>

#include "svc/domain/voids.hpp"

namespace svc::record {

Reach reach(const KindRules& k, const Record& r, int offset_s) {
  Reach out;
  auto see = [&](const std::string& s) {
    if (s.size() < 10 || s[0] < '0' || s[0] > '9') return;
    if (auto t = parse_time(s, offset_s)) {
      if (!out.first || *t < *out.first) out.first = t;
      if (!out.last || *t > *out.last) out.last = t;
    }
  };
  for (const auto& [key, v] : r.fields.entries)
    if (v.is_scalar()) see(v.scalar);
  for (const char* map : {"due", "done"})
    if (const Value* m = r.fields.find(map))
      for (const auto& [step, v] : m->entries) see(v.scalar);
  // Which steps still run does not depend on the clock, only whether they are overdue yet.
  constexpr Time kLongAgo = std::numeric_limits<Time>::min();
  for (const auto& s : step_states(k, r.fields, kLongAgo, offset_s))
    if (s.state == "pending" && (!out.undone || s.due < *out.undone)) out.undone = s.due;
  for (const auto& e : r.history) see(e.at);
  out.open = is_open(k, r.fields.get("status"));
  out.posts = k.posts && k.posts(r);
  return out;
}

Record ledger_view(const KindRules& k, const Record& r) {
  const auto& view = k.ledger_view;
  if (view.whole()) return r;
  Record out{r.id, Value::map(), {}};
  for (const auto& field : view.fields)
    if (const Value* v = r.fields.find(field)) out.fields.set(field, *v);
  for (auto& e : standing(r.history))
    if (std::find(view.actions.begin(), view.actions.end(), e.action) != view.actions.end())
      out.history.push_back(std::move(e));
  return out;
}

}  // namespace svc::record

namespace svc {

bool Wanted::passes(std::string_view status, const Reach& r) const {
  if (!statuses.empty() && std::find(statuses.begin(), statuses.end(), status) == statuses.end())
    return false;
  if (period &&
      !(r.first && *r.first < period->second && (r.open || (r.last && *r.last >= period->first))))
    return false;
  if (posting && !r.posts) return false;
  return !due_by || (r.undone && *r.undone <= *due_by);
}

}  // namespace svc
