#include "svc/domain/return_policy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "svc/domain/error.hpp"

namespace svc {

namespace {

bool has(const ReturnRequest& r, const char* flag) {
  return std::find(r.condition.begin(), r.condition.end(), flag) != r.condition.end();
}

// rule -> explanation {zh-CN, zh-TW, en}; {d} days, {n} the window.
const std::map<std::string, std::array<const char*, 3>>& texts() {
  static const std::map<std::string, std::array<const char*, 3>> t = {
      {"no_reason",
       {"购买后{d}天，{n}天内不影响再次销售，无理由退货",
        "購買後{d}天，{n}天內不影響再次銷售，無理由退貨",
        "{d} days after purchase, within {n} days and resaleable: no-reason refund"}},
      {"defect_refund",
       {"购买后{d}天出现质量问题，{n}天内予以退货", "購買後{d}天出現質量問題，{n}天內予以退貨",
        "quality defect {d} days after purchase, within {n} days: refund"}},
      {"defect_exchange",
       {"购买后{d}天出现质量问题，{n}天内可予调换", "購買後{d}天出現質量問題，{n}天內可予調換",
        "quality defect {d} days after purchase, within {n} days: exchange"}},
      {"defect_free_repair",
       {"购买后{d}天出现质量问题，{n}个月内免费维修", "購買後{d}天出現質量問題，{n}個月內免費維修",
        "quality defect {d} days after purchase, within {n} months: free repair"}},
      {"defect_paid_repair",
       {"购买后{d}天出现质量问题，超过{n}个月，收费维修",
        "購買後{d}天出現質量問題，超過{n}個月，收費維修",
        "quality defect {d} days after purchase, past {n} months: paid repair"}},
      // Damage caused by the customer is not a product defect (第十四條): paid repair.
      {"customer_damage",
       {"顾客原因造成损坏，不属产品质量问题，恕不退换；收费维修",
        "顧客原因造成損壞，不屬產品質量問題，恕不退換；收費維修",
        "damage caused by the customer, not a product defect: no refund or exchange; paid "
        "repair"}},
      {"customer_damage_refused",
       {"顾客原因造成损坏，恕不退换（维修收费）", "顧客原因造成損壞，恕不退換（維修收費）",
        "damage caused by the customer: no refund or exchange (a repair is paid)"}},
      {"incomplete",
       {"原包装、配件或保修卡不全，恕不退换", "原包裝、配件或保修卡不全，恕不退換",
        "packaging, accessories or warranty card missing: no refund or exchange"}},
      {"special_price",
       {"特价品或赠品，恕不退换", "特價品或贈品，恕不退換",
        "special-price or gift item: no refund or exchange"}},
      {"used",
       {"无质量问题且有使用或加工痕迹，恕不退换", "無質量問題且有使用或加工痕跡，恕不退換",
        "used or processed without a defect: no refund or exchange"}},
      {"custom_made",
       {"定制商品无质量问题，恕不退换", "定製商品無質量問題，恕不退換",
        "custom-made without a defect: no refund or exchange"}},
      {"not_resaleable",
       {"影响再次销售，不适用无理由退货", "影響再次銷售，不適用無理由退貨",
        "not resaleable: no no-reason return"}},
      {"no_defect_late",
       {"购买后{d}天，超过{n}天无理由退货期且无质量问题，恕不退换",
        "購買後{d}天，超過{n}天無理由退貨期且無質量問題，恕不退換",
        "{d} days after purchase, past the {n}-day no-reason window and no defect: refused"}},
      {"no_defect_repair",
       {"无质量问题的维修，收费", "無質量問題的維修，收費",
        "repair without a quality defect: paid"}},
  };
  return t;
}

std::string explain(const std::string& rule, int days, int window, const std::string& locale) {
  size_t which = locale == "en" ? 2 : locale == "zh-TW" ? 1 : 0;
  return fmt::format(fmt::runtime(texts().at(rule)[which]), fmt::arg("d", days),
                     fmt::arg("n", window));
}

}  // namespace

ReturnDecision decide_return_policy(const ReturnRequest& r, const ReturnPolicy& p,
                                    const std::string& locale) {
  if (r.requested < r.purchased)
    throw usage_error(fmt::format("the request ({}) is before the purchase ({})",
                                  format_date(r.requested), format_date(r.purchased)));
  const int days = static_cast<int>(r.requested - r.purchased);
  auto decided = [&](const char* outcome, const std::string& rule, int window) {
    return ReturnDecision{outcome, rule, days, explain(rule, days, window, locale)};
  };
  const char* separator = locale == "en" ? "; " : "；";
  // A transport or wrong-item problem is the company's fault, as a quality defect is.
  const bool defect = r.reason == "defect" || r.reason == "transport" || r.reason == "wrong_item";
  const bool complete =
      has(r, "packaging_intact") && has(r, "accessories_complete") && has(r, "warranty_card");
  // What refuses refund and exchange (第十一–十五條): a defect is still repaired under the
  // repair windows, except damage caused by the customer, which is no product defect.
  auto excludes = [&](const char* rule) {
    return std::find(p.exclusions.begin(), p.exclusions.end(), rule) != p.exclusions.end();
  };
  std::string blocked;
  if (has(r, "customer_damage") && excludes("customer_damage"))
    blocked = "customer_damage";
  else if ((has(r, "discounted") || has(r, "gift")) && excludes("special_price"))
    blocked = "special_price";
  else if (!complete && excludes("incomplete"))
    blocked = "incomplete";
  else if (has(r, "used") && !defect && excludes("used"))
    blocked = "used";
  else if (has(r, "custom_made") && !defect && excludes("custom_made"))
    blocked = "custom_made";
  // Free repair runs to the same day number N calendar months on (Civil Code art. 202).
  Date bought = date_from_day(r.purchased);
  const bool free_repair = r.requested <= day_from_date(add_months(bought, p.free_repair_months));
  auto repair = [&] {
    if (has(r, "customer_damage") && excludes("customer_damage"))
      return decided("paid_repair", "customer_damage", 0);
    if (!defect) return decided("paid_repair", "no_defect_repair", 0);
    return free_repair ? decided("free_repair", "defect_free_repair", p.free_repair_months)
                       : decided("paid_repair", "defect_paid_repair", p.free_repair_months);
  };
  if (r.want == "repair") return repair();

  const bool no_reason = days <= p.no_reason_days && has(r, "resaleable") && blocked.empty();
  const bool refund = blocked.empty() && (no_reason || (defect && days <= p.refund_days));
  const bool exchange = blocked.empty() && (refund || (defect && days <= p.exchange_days));
  // What the customer asks for when allowed, else the next remedy down.
  if (r.want == "refund" && refund)
    return defect && days <= p.refund_days ? decided("refund", "defect_refund", p.refund_days)
                                           : decided("refund", "no_reason", p.no_reason_days);
  if (exchange)
    return defect && days <= p.exchange_days
               ? decided("exchange", "defect_exchange", p.exchange_days)
               : decided("exchange", "no_reason", p.no_reason_days);
  // Neither refund nor exchange: a defect is repaired, anything else refused with its reason.
  // Refund and exchange refused for packaging, accessories, warranty card, special price or
  // gift (第十三、十五條): the defect is repaired under the repair windows, and the explanation
  // says both.
  if (defect) {
    ReturnDecision d = repair();
    if (!blocked.empty() && blocked != "customer_damage")
      d.explanation = explain(blocked, days, 0, locale) + separator + d.explanation;
    return d;
  }
  if (blocked == "customer_damage") {
    ReturnDecision d = decided("refused", blocked, 0);
    d.explanation = explain("customer_damage_refused", days, 0, locale);
    return d;
  }
  if (!blocked.empty()) return decided("refused", blocked, 0);
  if (days <= p.no_reason_days) return decided("refused", "not_resaleable", p.no_reason_days);
  return decided("refused", "no_defect_late", p.no_reason_days);
}

namespace {

// Picks the text of the display language: zh-CN, zh-TW, en.
struct Say {
  size_t which;
  std::string operator()(const char* cn, const char* tw, const char* en) const {
    return which == 2 ? en : which == 1 ? tw : cn;
  }
};

// The exclusions in force, in the words of seed 004 Ⅸ 第十一–十五條, and what each means for a
// defect: exactly as decide_return_policy treats them.
std::vector<std::string> exclusion_lines(const ReturnPolicy& p, const Say& say) {
  auto in_force = [&](const char* key) {
    return std::find(p.exclusions.begin(), p.exclusions.end(), key) != p.exclusions.end();
  };
  const bool en = say.which == 2;
  auto joined = [&](const std::vector<std::string>& parts) {
    return fmt::format("{}", fmt::join(parts, en ? ", or " : "、"));
  };
  std::vector<std::string> lines;
  std::vector<std::string> repaired;  // refund and exchange refused; a defect is repaired
  if (in_force("special_price"))
    repaired.push_back(say("特价品或赠品", "特價品或贈品", "special-price or gift items"));
  if (in_force("incomplete"))
    repaired.push_back(say("包装、配件或保修卡不全", "包裝、配件或保修卡不全",
                           "packaging, accessories or warranty card missing"));
  if (!repaired.empty())
    lines.push_back(fmt::format(
        fmt::runtime(say("{}：不退不换；质量问题按维修期限维修（{} 个月内免费，之后收费）",
                         "{}：不退不換；質量問題按維修期限維修（{} 個月內免費，之後收費）",
                         "{}: no refund or exchange; a quality defect is repaired under the repair "
                         "windows (free to {} months, paid after)")),
        joined(repaired), p.free_repair_months));
  if (in_force("customer_damage"))
    lines.push_back(say("顾客原因造成损坏：不属产品质量问题，不退不换，收费维修",
                        "顧客原因造成損壞：不屬產品質量問題，不退不換，收費維修",
                        "damage caused by the customer: not a product defect; no refund or "
                        "exchange, paid repair"));
  std::vector<std::string> refused;  // refused without a defect; a defect follows the windows
  if (in_force("used"))
    refused.push_back(say("有使用或加工痕迹", "有使用或加工痕跡", "used or processed"));
  if (in_force("custom_made")) refused.push_back(say("定制品", "定製品", "custom-made"));
  if (!refused.empty())
    lines.push_back(fmt::format(
        fmt::runtime(say("{}而无质量问题：不退不换（有质量问题按上列期限）",
                         "{}而無質量問題：不退不換（有質量問題按上列期限）",
                         "{} without a defect: no refund or exchange (with a defect the windows "
                         "above apply)")),
        joined(refused)));
  if (lines.empty()) lines.push_back(say("无不退不换的情形", "無不退不換的情形", "no exclusions"));
  return lines;
}

}  // namespace

std::vector<std::string> describe_return_policy(const ReturnPolicy& p, const std::string& locale) {
  const Say say{locale == "en" ? 2u : locale == "zh-TW" ? 1u : 0u};
  auto line = [&](const char* cn, const char* tw, const char* en, auto... args) {
    return fmt::format(fmt::runtime(say(cn, tw, en)), args...);
  };
  std::vector<std::string> lines = {
      line("≤ {} 天，任何原因，不影响再次销售且包装、配件、保修卡齐全：退货",
           "≤ {} 天，任何原因，不影響再次銷售且包裝、配件、保修卡齊全：退貨",
           "≤ {} days, any reason, resaleable and complete: refund", p.no_reason_days),
      line("质量问题 ≤ {} 天：退货", "質量問題 ≤ {} 天：退貨", "quality defect ≤ {} days: refund",
           p.refund_days),
      line("质量问题 {}–{} 天：换货", "質量問題 {}–{} 天：換貨",
           "quality defect {}–{} days: exchange", p.refund_days + 1, p.exchange_days),
      line("质量问题 {} 天至购买后 {} 个月：免费维修", "質量問題 {} 天至購買後 {} 個月：免費維修",
           "quality defect from day {} to {} calendar months: free repair", p.exchange_days + 1,
           p.free_repair_months),
      line("质量问题超过 {} 个月：收费维修", "質量問題超過 {} 個月：收費維修",
           "quality defect after {} months: paid repair", p.free_repair_months),
  };
  for (auto& l : exclusion_lines(p, say)) lines.push_back(std::move(l));
  lines.push_back(line("无质量问题的维修：收费", "無質量問題的維修：收費",
                       "a repair without a quality defect: paid"));
  lines.push_back(line("运输损坏须每处至少 {} 张照片", "運輸損壞須每處至少 {} 張照片",
                       "transport damage needs {} photos per spot", p.photos_per_spot));
  return lines;
}

}  // namespace svc
