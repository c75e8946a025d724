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
