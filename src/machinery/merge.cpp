// Two versions of a record united: the history union and the replay of its summary.
#include "svc/domain/merge.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "svc/domain/text.hpp"
#include "svc/domain/voids.hpp"

namespace svc::record {

namespace {

Time time_of(const Event& e) { return parse_time(e.at, 0).value_or(0); }

// A total order on events of one instant that both sides agree on: their content as text.
std::string content(const Value& v) {
  if (v.is_scalar()) return v.scalar;
  std::string out = v.is_map() ? "{" : "[";
  for (const auto& [key, value] : v.entries) out += key + ":" + content(value) + ",";
  for (const auto& item : v.items) out += content(item) + ",";
  return out + (v.is_map() ? "}" : "]");
}

std::string content(const Event& e) {
  return e.at + "\x1f" + e.by + "\x1f" + e.action + "\x1f" + content(e.data);
}

size_t count(const std::vector<Event>& list, const Event& e) {
  return static_cast<size_t>(
      std::count_if(list.begin(), list.end(), [&](const Event& x) { return same_event(x, e); }));
}

// Whether `e` is among the events of `list` at its instant, from `from` on.
bool ahead(const std::vector<Event>& list, size_t from, const Event& e) {
  for (size_t i = from; i < list.size() && time_of(list[i]) == time_of(e); ++i)
    if (same_event(list[i], e)) return true;
  return false;
}

}  // namespace

bool same_event(const Event& a, const Event& b) {
  return a.at == b.at && a.by == b.by && a.action == b.action && a.data == b.data;
}

std::vector<Event> unite(std::vector<Event> a, std::vector<Event> b) {
  // A side out of time order (a hand edit) is put in order first; the merge writes time order.
  auto by_time = [](const Event& x, const Event& y) { return time_of(x) < time_of(y); };
  std::stable_sort(a.begin(), a.end(), by_time);
  std::stable_sort(b.begin(), b.end(), by_time);
  std::vector<Event> out;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    bool take_a;
    if (j == b.size()) {
      take_a = true;
    } else if (i == a.size()) {
      take_a = false;
    } else if (same_event(a[i], b[j])) {
      out.push_back(a[i++]);
      ++j;
      continue;
    } else if (time_of(a[i]) != time_of(b[j])) {
      take_a = time_of(a[i]) < time_of(b[j]);
    } else {
      // One instant, two different events: an event the other side holds further on waits for
      // it there; else (or both wait) the lesser content goes first, whichever side is `a`.
      bool a_waits = ahead(b, j + 1, a[i]), b_waits = ahead(a, i + 1, b[j]);
      take_a = a_waits != b_waits ? b_waits : content(a[i]) < content(b[j]);
    }
    out.push_back(take_a ? a[i++] : b[j++]);
  }
  // An event both sides hold but at misaligned places came out twice: keep as many as the side
  // holding most.
  std::vector<Event> kept;
  for (const Event& e : out)
    if (count(kept, e) < std::max(count(a, e), count(b, e))) kept.push_back(e);
  return kept;
}

std::string different_records(const Record& a, const Record& b) {
  if (a.history.empty() || b.history.empty()) return "";
  const Event &x = a.history.front(), &y = b.history.front();
  if (same_event(x, y)) return "";
  auto who = [](const Event& e) {
    const Value* c = e.data.find("customer");
    std::string name = c && c->is_map() ? c->get("name") : c ? c->scalar : "";
    return fmt::format("by {} at {}{}", e.by, e.at, name.empty() ? "" : ", customer " + name);
  };
  return fmt::format("{} was created twice, in two clones ({}; {})", a.id, who(x), who(y));
}

Record merge(const KindRules& k, const Record& ours, const Record& theirs) {
  Record out{ours.id, Value::map(), unite(ours.history, theirs.history)};
  money_as_text(k, out);  // an older clone's side may hold bare amounts: one event all the same
  out.fields = with_unknown_keys(
      k, with_unknown_keys(k, replay(k, out.id, out.history), ours.fields), theirs.fields);
  return out;
}

std::vector<Event> lost_events(const std::vector<Event>& before, const std::vector<Event>& after) {
  std::vector<Event> lost, seen;
  for (const Event& e : before) {
    seen.push_back(e);
    if (count(seen, e) > count(after, e)) lost.push_back(e);
  }
  return lost;
}

std::string event_gist(const KindRules& k, const Event& e) {
  // A void is told by the event it takes back: "void (assign 王五)".
  if (auto target = voided_event(e))
    return fmt::format("{} ({})", e.action, event_gist(k, *target));
  std::string what;
  if (const Value* c = e.data.find("customer"); e.action == "new" && c && c->is_map())
    what = c->get("name");
  for (const auto& [key, value] : e.data.entries)
    if (what.empty() && value.is_scalar() && !value.scalar.empty()) what = value.scalar;
  // At most 16 characters of it, on one line.
  std::string cut;
  size_t i = 0;
  for (int n = 0; i < what.size() && n < 16; ++n) {
    size_t from = i;
    next_code_point(what, i);
    cut += what.substr(from, i - from);
  }
  if (i < what.size()) cut += "…";
  cut = escape_controls(cut);
  return cut.empty() ? spoken(k, e.action) : spoken(k, e.action) + " " + cut;
}

}  // namespace svc::record
