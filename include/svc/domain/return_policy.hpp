#pragma once
// The return policy of seed 004 Ⅸ (第六–十五條) as a pure function: what a customer may have for
// a product brought back, with the rule that decided and the day count (SPEC §7).
#include <map>
#include <string>
#include <vector>

#include "svc/calendar/time.hpp"

namespace svc {

/// The windows and exclusions in force (svc.yaml `returns.policy`).
struct ReturnPolicy {
  int no_reason_days = 7;      ///< any reason, resaleable and complete: refund
  int refund_days = 15;        ///< a quality defect: refund
  int exchange_days = 30;      ///< a quality defect: exchange
  int free_repair_months = 3;  ///< a quality defect: free repair up to this many calendar months
  int photos_per_spot = 3;     ///< transport damage needs this many photos
  /// What refuses refund and exchange (第十一–十五條), each of: customer_damage, special_price,
  /// incomplete, used, custom_made. An office may drop one.
  std::vector<std::string> exclusions = {"customer_damage", "special_price", "incomplete", "used",
                                         "custom_made"};
  int tolerance = 0;  ///< % the received quantity may differ from the approved one
  std::map<std::string, int> tolerance_of;  ///< per customer
};

struct ReturnRequest {
  Day purchased = 0;
  Day requested = 0;
  std::string reason = "none";  ///< none, defect, transport, wrong_item, other
  std::string want = "refund";  ///< refund, exchange, repair
  /// resaleable, packaging_intact, accessories_complete, warranty_card, used, customer_damage,
  /// custom_made, discounted, gift (absent = false)
  std::vector<std::string> condition;
};

struct ReturnDecision {
  std::string outcome;  ///< refund, exchange, free_repair, paid_repair, refused
  std::string rule;     ///< the rule that fired: no_reason, defect_refund, ... (stable keys)
  int days = 0;         ///< request date - purchase date, calendar days
  std::string explanation;
};

inline constexpr const char* kReturnReasons[] = {"none", "defect", "transport", "wrong_item",
                                                 "other"};
inline constexpr const char* kReturnWants[] = {"refund", "exchange", "repair"};
inline constexpr const char* kReturnConditions[] = {
    "resaleable",      "packaging_intact", "accessories_complete", "warranty_card", "used",
    "customer_damage", "custom_made",      "discounted",           "gift"};

/// Decides a return. Days = requested - purchased in calendar days; the free-repair window ends
/// as the Civil Code counts months (art. 201-202). `locale` chooses the explanation's language
/// (zh-CN, zh-TW, en). Throws usage_error for a request before the purchase.
ReturnDecision decide_return_policy(const ReturnRequest& r, const ReturnPolicy& p,
                                    const std::string& locale);
/// The rules in force, one line each, for `svc return policy`, in the display language (zh-CN,
/// zh-TW, en): exactly what decide_return_policy does with each exclusion in force.
std::vector<std::string> describe_return_policy(const ReturnPolicy& p, const std::string& locale);

}  // namespace svc
