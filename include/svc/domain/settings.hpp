#pragma once
// The settings of a data directory (svc.yaml) as the domain needs them.
#include <string>
#include <utility>
#include <vector>

#include "svc/calendar/calendar.hpp"
#include "svc/domain/sla.hpp"
#include "svc/domain/value.hpp"

namespace svc {

struct Settings {
  std::string locale = "zh-CN";  ///< zh-CN, zh-TW, en
  Calendar calendar;
  SlaTable ticket_sla;
  SlaTable complaint_sla;
  bool surveys_auto = true;
  /// Complaint categories (SPEC §4): path -> display label, in the order svc.yaml lists them.
  std::vector<std::pair<std::string, std::string>> complaint_categories;
  Value document;  ///< the whole merged svc.yaml, for sections other capabilities read
  /// Mistakes that do not stop svc (an unknown key, a step no rule always decides), each
  /// "path:line:col: ...", for the command to print on stderr.
  std::vector<std::string> warnings;
};

}  // namespace svc
