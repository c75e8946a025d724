// The return's section of svc.yaml: the policy's windows and exclusions, the tolerance of the
// warehouse's count.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>

#include "svc/domain/returns.hpp"
#include "svc/domain/settings_read.hpp"

namespace svc::returns {

using settings::bad;
using settings::kMaxPeople;
using settings::require_at_most;

void read_settings(const Value& doc, const Value&, const std::string& path, Settings& s) {
  if (const Value* r = doc.find("returns"); r && r->find("policy")) {
    const Value& pol = *r->find("policy");
    auto days = [&](const char* key, int& into, int most) {
      const Value* v = pol.find(key);
      if (!v) return;
      int n = std::atoi(v->scalar.c_str());
      if (v->scalar.empty() || v->scalar.size() > 4 ||
          v->scalar.find_first_not_of("0123456789") != std::string::npos || n > most)
        bad(path, *v,
            fmt::format("returns.policy.{} '{}' is not a whole number 0-{}", key, v->scalar, most));
      into = n;
    };
    ReturnPolicy& p = s.return_policy;
    days("no_reason_days", p.no_reason_days, 366);
    days("refund_days", p.refund_days, 366);
    days("exchange_days", p.exchange_days, 366);
    days("free_repair_months", p.free_repair_months, 120);
    days("photos_per_spot", p.photos_per_spot, 20);
    if (const Value* t = r->find("tolerance")) {
      require_at_most(*t, kMaxPeople, "returns.tolerance", "people", path);
      for (const auto& [who, percent] : t->entries) {
        int n = std::atoi(percent.scalar.c_str());
        if (percent.scalar.empty() ||
            percent.scalar.find_first_not_of("0123456789") != std::string::npos || n > 100)
          bad(path, percent,
              fmt::format("returns.tolerance of {} '{}' is not a percentage 0-100", who,
                          percent.scalar));
        if (who == "default")
          p.tolerance = n;
        else
          p.tolerance_of[who] = n;
      }
    }
    if (const Value* ex = pol.find("exclusions")) {
      static const char* const known[] = {"customer_damage", "special_price", "incomplete", "used",
                                          "custom_made"};
      p.exclusions.clear();
      for (const auto& item : ex->items) {
        if (std::find_if(std::begin(known), std::end(known),
                         [&](const char* k) { return item.scalar == k; }) == std::end(known))
          bad(path, item,
              fmt::format("returns.policy.exclusions: '{}' is not one of: customer_damage, "
                          "special_price, incomplete, used, custom_made",
                          item.scalar));
        p.exclusions.push_back(item.scalar);
      }
    }
    if (p.exchange_days < p.refund_days)
      bad(path, pol, "returns.policy.exchange_days is shorter than refund_days");
  }
}

}  // namespace svc::returns
