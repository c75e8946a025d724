// The parts' section of svc.yaml: the valuation, how long a supplier has to answer a claim, and
// the parts list (names, units, standard costs).
#include <fmt/format.h>

#include "svc/domain/decimal.hpp"
#include "svc/domain/parts.hpp"
#include "svc/domain/settings_read.hpp"

namespace svc::parts {

using settings::bad;

namespace {

constexpr size_t kMaxParts = 20000;  // an office's parts list; a longer one is a mistake

}  // namespace

void read_settings(const Value& doc, const Value&, const std::string& path, Settings& s) {
  Config c;
  if (const Value* p = doc.find("parts")) {
    if (!p->is_map()) bad(path, *p, "parts must be a map (valuation, claim_days, list)");
    if (const Value* v = p->find("valuation"); v && v->scalar != "moving_average")
      bad(path, *v,
          fmt::format("parts.valuation '{}' is not one svc keeps: moving_average", v->scalar));
    if (const Value* d = p->find("claim_days")) {
      auto n = parse_whole(d->scalar);
      if (!n || *n < 1 || *n > 366)
        bad(path, *d, fmt::format("parts.claim_days '{}' is not a whole number 1-366", d->scalar));
      c.claim_days = static_cast<int>(*n);
    }
    if (const Value* list = p->find("list")) {
      if (!list->is_map())
        bad(path, *list, "parts.list maps part numbers to {name, unit, cost}");
      settings::require_at_most(*list, kMaxParts, "parts.list", "parts", path);
      for (const auto& [number, info] : list->entries) {
        if (!is_part_number(number))
          bad(path, info,
              fmt::format("parts.list: '{}' is not a part number (no spaces, '=' or '@')",
                          number));
        PartInfo part;
        if (info.is_map()) {
          part.name = info.get("name");
          part.unit = info.get("unit");
          if (const Value* cost = info.find("cost")) {
            part.cost = parse_hundredths(cost->scalar);
            if (!part.cost)
              bad(path, *cost,
                  fmt::format("parts.list.{}.cost '{}' is not an amount like 12.50", number,
                              cost->scalar));
          }
        } else if (!info.is_scalar()) {
          bad(path, info, fmt::format("parts.list.{} is a name or {{name, unit, cost}}", number));
        } else {
          part.name = info.scalar;
        }
        c.list.emplace_back(number, std::move(part));
      }
    }
  }
  s.sections["parts"] = std::move(c);
}

}  // namespace svc::parts
