// The complaint's section of svc.yaml: its categories, and the penalty scale of 处罚准则.
#include <fmt/format.h>

#include <cstdlib>

#include "svc/domain/complaint.hpp"
#include "svc/domain/decimal.hpp"
#include "svc/domain/settings_read.hpp"

namespace svc::complaint {

using settings::bad;
using settings::kMaxCategories;
using settings::kMaxPeople;
using settings::require_at_most;

namespace {

PenaltyScale read_penalties(const Value* c, const std::string& path) {
  PenaltyScale p;
  if (!c) return p;
  auto money = [&](const Value& v, const char* what) {
    auto cents = parse_hundredths(v.scalar);
    if (!v.is_scalar() || !cents)
      bad(path, v, fmt::format("{} '{}' is not an amount", what, v.scalar));
    return *cents;
  };
  if (const Value* pen = c->find("penalties")) {
    if (const Value* w = pen->find("warning")) p.warning = money(*w, "penalties.warning");
    if (const Value* m = pen->find("minor")) p.minor = money(*m, "penalties.minor");
    if (const Value* cap = pen->find("cap")) {
      int v = std::atoi(cap->scalar.c_str());
      if (v < 1 || v > 100 || cap->scalar.find_first_not_of("0123456789") != std::string::npos)
        bad(path, *cap, fmt::format("penalties.cap '{}' is not a percentage 1-100", cap->scalar));
      p.cap_percent = v;
    }
    if (const Value* bonus = pen->find("bonus")) {
      require_at_most(*bonus, kMaxPeople, "complaints.penalties.bonus", "people", path);
      for (const auto& [who, amount] : bonus->entries) {
        if (who == "default")
          p.bonus = money(amount, "penalties.bonus");
        else
          p.bonus_of[who] = money(amount, "penalties.bonus");
      }
    }
  }
  if (const Value* bp = c->find("base_points")) {
    size_t people = 0;
    for (const auto& [dept, members] : bp->entries) people += members.entries.size();
    if (people > kMaxPeople)
      bad(path, *bp,
          fmt::format("complaints.base_points holds {} people; svc.yaml may hold at most {}",
                      people, kMaxPeople));
    for (const auto& [dept, members] : bp->entries)
      for (const auto& [who, points] : members.entries) {
        int n = std::atoi(points.scalar.c_str());
        if (n < 1 || n > 1000 || points.scalar.find_first_not_of("0123456789") != std::string::npos)
          bad(path, points,
              fmt::format("base points of {} '{}' are not a whole number 1-1000", who,
                          points.scalar));
        p.base_points[dept].emplace_back(who, n);
      }
  }
  return p;
}

}  // namespace

void read_settings(const Value& doc, const Value&, const std::string& path, Settings& s) {
  s.penalties = read_penalties(doc.find("complaints"), path);
  if (const Value* c = doc.find("complaints"); c && c->find("categories")) {
    const Value& categories = *c->find("categories");
    require_at_most(categories, kMaxCategories, "complaints.categories", "categories", path);
    for (const auto& [category, name] : categories.entries) {
      bool ok =
          !category.empty() && category.front() != '/' && category.back() != '/' &&
          category.find("//") == std::string::npos &&
          category.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_/") == std::string::npos;
      if (!ok)
        bad(path, name,
            fmt::format("category '{}' is not a path like quality/production", category));
      if (!name.is_scalar() || name.scalar.empty())
        bad(path, name, fmt::format("category '{}' needs a display label", category));
      s.complaint_categories.emplace_back(category, name.scalar);
    }
  }
}

}  // namespace svc::complaint
