#include "svc/domain/sla.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace svc {

namespace {
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
  return Deadline{step, start, add_on_clock(cal, rule->clock, start, rule->amount), rule};
}

Pause pause_deadline(const Calendar& cal, const SlaRule& rule, Time due, Time since, Time until) {
  Pause p;
  p.due = due;
  if (since >= due) return p;
  p.applies = true;
  p.clock = rule.clock == Clock::workdays ? Clock::business : rule.clock;
  p.amount = elapsed_on_clock(cal, p.clock, since, until);
  if (p.amount > 0) p.due = add_on_clock(cal, p.clock, due, p.amount);
  return p;
}

}  // namespace svc
