#include "svc/domain/sla.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "svc/domain/error.hpp"

namespace svc {

namespace {

// The deadline `amount` on `clock` after `start`, or a refusal when svc.yaml's calendar has
// too little working time to find one (the search is bounded: calendar.hpp).
Time due_after(const Calendar& cal, Clock clock, Time start, std::int64_t amount,
               const std::string& deadline) {
  if (auto due = add_on_clock(cal, clock, start, amount)) return *due;
  throw data_error(
      fmt::format("svc.yaml: the calendar has no working time for the {} from {} (a year on end "
                  "without a working day, or the deadline over ten years ahead); check "
                  "calendar.holidays",
                  deadline, format_date(local_day(start, cal.utc_offset_s))));
}

std::optional<double> to_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}
}  // namespace

std::optional<Condition> parse_condition(const std::string& fact,
                                         const std::vector<std::string>& values) {
  if (values.empty()) return std::nullopt;
  if (values.size() == 1) {
    const std::string& v = values[0];
    for (const char* op : {"<=", ">=", "<", ">"}) {
      std::string o(op);
      if (v.rfind(o, 0) == 0) {
        std::string rest = v.substr(o.size());
        while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
        if (!to_number(rest)) return std::nullopt;
        return Condition{fact, o, {rest}};
      }
    }
  }
  return Condition{fact, "in", values};
}

bool condition_holds(const Condition& c, const Facts& facts) {
  auto it = facts.find(c.fact);
  if (it == facts.end() || it->second.empty()) return false;
  if (c.op == "in") {
    for (const auto& v : c.values)
      if (v == it->second) return true;
    return false;
  }
  auto have = to_number(it->second);
  auto want = to_number(c.values[0]);
  if (!have || !want) return false;
  if (c.op == "<=") return *have <= *want;
  if (c.op == "<") return *have < *want;
  if (c.op == ">=") return *have >= *want;
  return *have > *want;
}

const SlaRule* match_rule(const std::vector<SlaRule>& rules, const Facts& facts) {
  for (const auto& rule : rules) {
    bool all = true;
    for (const auto& c : rule.when) all = all && condition_holds(c, facts);
    if (all) return &rule;
  }
  return nullptr;
}

std::string describe_conditions(const SlaRule& rule) {
  if (rule.when.empty()) return "always";
  std::string out;
  for (const auto& c : rule.when) {
    if (!out.empty()) out += ", ";
    if (c.op == "in")
      out += fmt::format("{}={}", c.fact, fmt::join(c.values, "|"));
    else
      out += fmt::format("{}{}{}", c.fact, c.op, c.values[0]);
  }
  return out;
}

const SlaRule* find_rule(const SlaTable& table, const std::string& step, const Facts& facts) {
  auto it = table.find(step);
  return it == table.end() ? nullptr : match_rule(it->second, facts);
}

std::optional<Deadline> compute_deadline(const Calendar& cal, const SlaTable& table,
                                         const std::string& step, const Facts& facts, Time start) {
  const SlaRule* rule = find_rule(table, step, facts);
  if (!rule) return std::nullopt;
  return Deadline{step, start, due_after(cal, rule->clock, start, rule->amount, step + " deadline"),
                  rule};
}

Pause pause_deadline(const Calendar& cal, const SlaRule& rule, Time due, Time since, Time until) {
  Pause p;
  p.due = due;
  if (since >= due) return p;
  p.applies = true;
  p.clock = rule.clock == Clock::workdays ? Clock::business : rule.clock;
  p.amount = elapsed_on_clock(cal, p.clock, since, until);
  if (p.amount > 0) p.due = due_after(cal, p.clock, due, p.amount, "deadline moved by the wait");
  return p;
}

}  // namespace svc
