#include "svc/domain/return_policy.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace svc;

namespace {

Day day(const char* s) { return day_from_date(*parse_date(s)); }

const std::vector<std::string> kComplete = {"resaleable", "packaging_intact",
                                            "accessories_complete", "warranty_card"};

struct Row {
  const char* purchased;
  const char* requested;
  const char* reason;
  const char* want;
  std::vector<std::string> condition;
  const char* outcome;
  const char* rule;
  int days;
};

}  // namespace

TEST_CASE("the return policy on every boundary day and every exclusion (seed 004 Ⅸ)") {
  std::vector<std::string> used = kComplete;
  used.push_back("used");
  std::vector<std::string> custom = kComplete;
  custom.push_back("custom_made");
  std::vector<std::string> damaged = kComplete;
  damaged.push_back("customer_damage");
  std::vector<std::string> discounted = kComplete;
  discounted.push_back("discounted");
  std::vector<std::string> gift = kComplete;
  gift.push_back("gift");
  const std::vector<std::string> no_card = {"resaleable", "packaging_intact",
                                            "accessories_complete"};
  const std::vector<Row> rows = {
      // No-reason returns: 7 days, resaleable and complete.
      {"2026-11-01", "2026-11-01", "none", "refund", kComplete, "refund", "no_reason", 0},
      {"2026-11-01", "2026-11-08", "none", "refund", kComplete, "refund", "no_reason", 7},
      {"2026-11-01", "2026-11-09", "none", "refund", kComplete, "refused", "no_defect_late", 8},
      {"2026-11-01", "2026-11-05", "none", "exchange", kComplete, "exchange", "no_reason", 4},
      {"2026-11-01",
       "2026-11-05",
       "none",
       "refund",
       {"packaging_intact", "accessories_complete", "warranty_card"},
       "refused",
       "not_resaleable",
       4},
      {"2026-11-01", "2026-11-05", "other", "refund", used, "refused", "used", 4},
      // A quality defect: refund to 15 days, exchange 16-30, free repair to 3 months, then paid.
      {"2026-11-01", "2026-11-16", "defect", "refund", kComplete, "refund", "defect_refund", 15},
      {"2026-11-01", "2026-11-17", "defect", "refund", kComplete, "exchange", "defect_exchange",
       16},
      {"2026-11-01", "2026-12-01", "defect", "exchange", kComplete, "exchange", "defect_exchange",
       30},
      {"2026-11-01", "2026-12-02", "defect", "exchange", kComplete, "free_repair",
       "defect_free_repair", 31},
      {"2026-11-01", "2027-02-01", "defect", "refund", kComplete, "free_repair",
       "defect_free_repair", 92},
      {"2026-11-01", "2027-02-02", "defect", "refund", kComplete, "paid_repair",
       "defect_paid_repair", 93},
      // The 3-month edge at month ends (Civil Code art. 202) and in a leap year.
      {"2026-01-31", "2026-04-30", "defect", "repair", kComplete, "free_repair",
       "defect_free_repair", 89},
      {"2026-01-31", "2026-05-01", "defect", "repair", kComplete, "paid_repair",
       "defect_paid_repair", 90},
      {"2026-11-30", "2027-02-28", "defect", "repair", kComplete, "free_repair",
       "defect_free_repair", 90},
      {"2026-11-30", "2027-03-01", "defect", "repair", kComplete, "paid_repair",
       "defect_paid_repair", 91},
      {"2023-11-30", "2024-02-29", "defect", "repair", kComplete, "free_repair",
       "defect_free_repair", 91},
      {"2023-11-30", "2024-03-01", "defect", "repair", kComplete, "paid_repair",
       "defect_paid_repair", 92},
      {"2024-02-29", "2024-05-29", "defect", "repair", kComplete, "free_repair",
       "defect_free_repair", 90},
      {"2024-02-29", "2024-05-30", "defect", "repair", kComplete, "paid_repair",
       "defect_paid_repair", 91},
      // A defect within the refund window, but wanting a repair: repaired, free.
      {"2026-11-01", "2026-11-03", "defect", "repair", kComplete, "free_repair",
       "defect_free_repair", 2},
      // Transport damage and a wrong item are the company's fault, as a defect is.
      {"2026-11-01", "2026-11-10", "transport", "refund", kComplete, "refund", "defect_refund", 9},
      {"2026-11-01", "2026-11-20", "wrong_item", "refund", kComplete, "exchange", "defect_exchange",
       19},
      // Exclusions refuse refund and exchange; a defect is still repaired.
      {"2026-11-01", "2026-11-03", "defect", "refund", used, "refund", "defect_refund", 2},
      {"2026-11-01", "2026-11-03", "none", "refund", custom, "refused", "custom_made", 2},
      {"2026-11-01", "2026-11-03", "defect", "refund", custom, "refund", "defect_refund", 2},
      {"2026-11-01", "2026-11-03", "defect", "refund", no_card, "free_repair", "defect_free_repair",
       2},
      {"2026-11-01", "2026-11-03", "none", "refund", no_card, "refused", "incomplete", 2},
      {"2026-11-01", "2026-11-03", "defect", "exchange", damaged, "paid_repair", "customer_damage",
       2},
      {"2026-11-01", "2026-11-03", "none", "refund", damaged, "refused", "customer_damage", 2},
      {"2026-11-01", "2026-11-03", "defect", "refund", discounted, "free_repair",
       "defect_free_repair", 2},
      {"2026-11-01", "2026-11-03", "none", "exchange", gift, "refused", "special_price", 2},
      // Repair without a defect is a paid service.
      {"2026-11-01", "2026-11-03", "none", "repair", kComplete, "paid_repair", "no_defect_repair",
       2},
  };
  ReturnPolicy policy;
  for (const auto& row : rows) {
    ReturnRequest r{day(row.purchased), day(row.requested), row.reason, row.want, row.condition};
    ReturnDecision d = decide_return_policy(r, policy, "en");
    std::ostringstream what;
    what << row.purchased << " -> " << row.requested << " " << row.reason << " wants " << row.want
         << ": " << d.outcome << " by " << d.rule << " (" << d.explanation << ")";
    INFO(what.str());
    CHECK(d.outcome == row.outcome);
    CHECK(d.rule == row.rule);
    CHECK(d.days == row.days);
  }
}

TEST_CASE("the policy explains itself in the display language, and its windows are settings") {
  ReturnRequest r{day("2026-11-01"), day("2026-11-20"), "defect", "refund", kComplete};
  ReturnPolicy p;
  CHECK(decide_return_policy(r, p, "zh-CN").explanation ==
        "购买后19天出现质量问题，30天内可予调换");
  CHECK(decide_return_policy(r, p, "en").explanation ==
        "quality defect 19 days after purchase, within 30 days: exchange");
  p.refund_days = 20;  // an office that refunds longer
  CHECK(decide_return_policy(r, p, "en").outcome == "refund");
  CHECK(describe_return_policy(ReturnPolicy{}, "en")[2] == "quality defect 16–30 days: exchange");
  // An office that takes back gifts: special_price dropped from the exclusions.
  ReturnRequest gift{day("2026-11-01"), day("2026-11-03"), "none", "refund", kComplete};
  gift.condition.push_back("gift");
  ReturnPolicy lenient;
  CHECK(decide_return_policy(gift, lenient, "en").outcome == "refused");
  lenient.exclusions = {"customer_damage", "incomplete", "used", "custom_made"};
  CHECK(decide_return_policy(gift, lenient, "en").outcome == "refund");
  ReturnRequest early{day("2026-11-20"), day("2026-11-01"), "defect", "refund", kComplete};
  CHECK_THROWS(decide_return_policy(early, p, "en"));
}

TEST_CASE(
    "customer damage is a paid repair, a defect missing its packaging is repaired in window") {
  ReturnPolicy p;
  std::vector<std::string> damaged = kComplete;
  damaged.push_back("customer_damage");
  // A defect 20 days after purchase, the customer having damaged it too: not a product defect
  // under 第十四條, so no exchange (day 20 would give one) and no free repair: a paid repair.
  ReturnRequest both{day("2026-11-01"), day("2026-11-21"), "defect", "exchange", damaged};
  ReturnDecision d = decide_return_policy(both, p, "en");
  CHECK(d.outcome == "paid_repair");
  CHECK(d.rule == "customer_damage");
  CHECK(d.explanation ==
        "damage caused by the customer, not a product defect: no refund or exchange; paid repair");
  CHECK(decide_return_policy(both, p, "zh-CN").explanation ==
        "顾客原因造成损坏，不属产品质量问题，恕不退换；收费维修");
  CHECK(decide_return_policy(both, p, "zh-TW").explanation ==
        "顧客原因造成損壞，不屬產品質量問題，恕不退換；收費維修");
  // Without a defect and asking for a refund: refused, and a repair would be paid.
  ReturnRequest damage_only{day("2026-11-01"), day("2026-11-03"), "none", "refund", damaged};
  d = decide_return_policy(damage_only, p, "en");
  CHECK(d.outcome == "refused");
  CHECK(d.explanation == "damage caused by the customer: no refund or exchange (a repair is paid)");
  // A defect 20 days after purchase with the warranty card missing: no exchange, but the defect
  // is repaired under the repair windows, free to 3 months.
  const std::vector<std::string> no_card = {"resaleable", "packaging_intact",
                                            "accessories_complete"};
  ReturnRequest card{day("2026-11-01"), day("2026-11-21"), "defect", "exchange", no_card};
  d = decide_return_policy(card, p, "en");
  CHECK(d.outcome == "free_repair");
  CHECK(d.rule == "defect_free_repair");
  CHECK(d.explanation ==
        "packaging, accessories or warranty card missing: no refund or exchange; quality defect "
        "20 days after purchase, within 3 months: free repair");
  CHECK(decide_return_policy(card, p, "zh-CN").explanation ==
        "原包装、配件或保修卡不全，恕不退换；购买后20天出现质量问题，3个月内免费维修");
  CHECK(decide_return_policy(card, p, "zh-TW").explanation ==
        "原包裝、配件或保修卡不全，恕不退換；購買後20天出現質量問題，3個月內免費維修");
  // The same past 3 months: paid, under the same windows (1 Nov + 3 months = 1 Feb).
  card.requested = day("2027-02-02");
  d = decide_return_policy(card, p, "en");
  CHECK(d.outcome == "paid_repair");
  CHECK(d.explanation ==
        "packaging, accessories or warranty card missing: no refund or exchange; quality defect "
        "93 days after purchase, past 3 months: paid repair");
  // A gift with a defect: repaired in window too.
  std::vector<std::string> gift = kComplete;
  gift.push_back("gift");
  d = decide_return_policy({day("2026-11-01"), day("2026-11-03"), "defect", "refund", gift}, p,
                           "en");
  CHECK(d.outcome == "free_repair");
  CHECK(d.explanation ==
        "special-price or gift item: no refund or exchange; quality defect 2 days after purchase, "
        "within 3 months: free repair");
}

TEST_CASE("the policy text says what the decisions do, in every display language") {
  const ReturnPolicy p;
  CHECK(describe_return_policy(p, "en") ==
        std::vector<std::string>{
            "≤ 7 days, any reason, resaleable and complete: refund",
            "quality defect ≤ 15 days: refund",
            "quality defect 16–30 days: exchange",
            "quality defect from day 31 to 3 calendar months: free repair",
            "quality defect after 3 months: paid repair",
            "special-price or gift items, or packaging, accessories or warranty card missing: no "
            "refund or exchange; a quality defect is repaired under the repair windows (free to 3 "
            "months, paid after)",
            "damage caused by the customer: not a product defect; no refund or exchange, paid "
            "repair",
            "used or processed, or custom-made without a defect: no refund or exchange (with a "
            "defect the windows above apply)",
            "a repair without a quality defect: paid",
            "transport damage needs 3 photos per spot",
        });
  CHECK(describe_return_policy(p, "zh-CN") ==
        std::vector<std::string>{
            "≤ 7 天，任何原因，不影响再次销售且包装、配件、保修卡齐全：退货",
            "质量问题 ≤ 15 天：退货",
            "质量问题 16–30 天：换货",
            "质量问题 31 天至购买后 3 个月：免费维修",
            "质量问题超过 3 个月：收费维修",
            "特价品或赠品、包装、配件或保修卡不全：不退不换；质量问题按维修期限维修（3 个月内免"
            "费，之后收费）",
            "顾客原因造成损坏：不属产品质量问题，不退不换，收费维修",
            "有使用或加工痕迹、定制品而无质量问题：不退不换（有质量问题按上列期限）",
            "无质量问题的维修：收费",
            "运输损坏须每处至少 3 张照片",
        });
  CHECK(describe_return_policy(p, "zh-TW") ==
        std::vector<std::string>{
            "≤ 7 天，任何原因，不影響再次銷售且包裝、配件、保修卡齊全：退貨",
            "質量問題 ≤ 15 天：退貨",
            "質量問題 16–30 天：換貨",
            "質量問題 31 天至購買後 3 個月：免費維修",
            "質量問題超過 3 個月：收費維修",
            "特價品或贈品、包裝、配件或保修卡不全：不退不換；質量問題按維修期限維修（3 個月內免"
            "費，之後收費）",
            "顧客原因造成損壞：不屬產品質量問題，不退不換，收費維修",
            "有使用或加工痕跡、定製品而無質量問題：不退不換（有質量問題按上列期限）",
            "無質量問題的維修：收費",
            "運輸損壞須每處至少 3 張照片",
        });
  // Only what is in force: without customer_damage the damage line goes, and such a defect
  // follows the windows.
  ReturnPolicy lenient;
  lenient.exclusions = {"incomplete"};
  CHECK(describe_return_policy(lenient, "en")[5] ==
        "packaging, accessories or warranty card missing: no refund or exchange; a quality defect "
        "is repaired under the repair windows (free to 3 months, paid after)");
  CHECK(describe_return_policy(lenient, "en")[6] == "a repair without a quality defect: paid");
  std::vector<std::string> damaged = kComplete;
  damaged.push_back("customer_damage");
  CHECK(decide_return_policy({day("2026-11-01"), day("2026-11-21"), "defect", "exchange", damaged},
                             lenient, "en")
            .outcome == "exchange");
  lenient.exclusions = {};
  CHECK(describe_return_policy(lenient, "en")[5] == "no exclusions");
}
