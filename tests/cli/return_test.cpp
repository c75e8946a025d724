// svc return: the policy in force (the returns lifecycle builds on it).
#include "harness.hpp"

using svc::test::Sandbox;

TEST_CASE("return policy prints the rules in force, windows from svc.yaml") {
  Sandbox box;
  box.init();
  std::string rules = box.ok("return policy");
  CHECK(rules.find("- 质量问题 ≤ 15 天：退货\n- 质量问题 16–30 天：换货\n") != std::string::npos);
  box.patch("svc.yaml", "    refund_days: 15", "    refund_days: 20");
  box.patch("svc.yaml", "locale: zh-CN", "locale: en");
  rules = box.ok("return policy");
  CHECK(rules.find("- quality defect ≤ 20 days: refund\n- quality defect 21–30 days: exchange\n") !=
        std::string::npos);
  CHECK(rules.find("- damage caused by the customer: not a product defect; no refund or exchange, "
                   "paid repair\n") != std::string::npos);
  box.patch("svc.yaml", "locale: en", "locale: zh-TW");
  CHECK(box.ok("return policy")
            .find("- 特價品或贈品、包裝、配件或保修卡不全：不退不換；質量問題按維修期限維修（3 "
                  "個月內免費，之後收費）\n- "
                  "顧客原因造成損壞：不屬產品質量問題，不退不換，收費維修\n") != std::string::npos);
  box.patch("svc.yaml", "locale: zh-TW", "locale: en");
  box.patch("svc.yaml", "    exchange_days: 30", "    exchange_days: 10");
  auto r = box.run("return policy");
  CHECK(r.code == 3);
  CHECK(r.err.find("returns.policy.exchange_days is shorter than refund_days") !=
        std::string::npos);
}

namespace {
const char* kDefect =
    "return new --customer 华东机械厂 --model KX-200轴承 --qty 100 --price 12.80 --purchased "
    "2026-11-10 --want refund --reason defect --condition "
    "resaleable,packaging_intact,accessories_complete,warranty_card";
}  // namespace

TEST_CASE("return: a full refund with the quantity reconciled and released by a manager") {
  Sandbox box;
  box.init();
  box.ok("complaint new -q --customer 华东机械厂 --category quality/production --description 异响");
  CHECK(box.ok(std::string(kDefect) + " --complaint 001") == "R-2611-001\n");
  std::string file = box.file("returns/2026-11/R-2611-001.yaml");
  CHECK(file.find("decision:\n  outcome: refund\n  rule: defect_refund\n  days: 13\n") !=
        std::string::npos);
  box.fails("return refuse 1", 1,
            "svc: error: the policy allows R-2611-001 (refund); refusing it needs --override "
            "--approved-by NAME --reason TEXT\n");
  CHECK(box.ok("return approve 1") == "R-2611-001: 已核准\n");
  box.now = "2026-11-24T09:00";
  CHECK(box.ok("return receive 1 --qty 101") == "R-2611-001: 数量待核\n");  // tolerance 0 %
  box.fails("return inspect 1 --verdict restock", 1,
            "svc: error: cannot inspect R-2611-001: it is held; allowed now: approve\n");
  CHECK(box.ok("return approve 1 --override --approved-by 王经理 --reason 按实收退款") ==
        "R-2611-001: 已收货\n");
  box.ok("return inspect 1 --verdict restock");
  box.fails("return exchange 1 --serial X", 1,
            "svc: error: cannot exchange R-2611-001: it is inspected; allowed now: credit\n");
  box.ok("return credit 1 --note-no CN-2611-07");
  CHECK(box.file("returns/2026-11/R-2611-001.yaml").find("  amount: \"1292.80\"\n") !=
        std::string::npos);  // 101 x 12.80
  CHECK(box.ok("return close 1") == "R-2611-001: 已关闭\nS-2611-0001: 待回收 · 退换货处理满意度\n");
  CHECK(box.ok("check").empty());
  CHECK(box.ok("complaint show 1").find("退换货 R-2611-001") != std::string::npos);
  CHECK(box.ok("return list --outcome refund --format csv").find("R-2611-001,closed,华东机械厂") !=
        std::string::npos);
}

TEST_CASE("return: a refusal overridden, the photo rule, bad values") {
  Sandbox box;
  box.init();
  box.fails(
      "return new --customer 宏达 --model LX-50 --purchased 2026-11-20 --want refund "
      "--reason transport --photo a.jpg --photo b.jpg",
      1,
      "svc: error: transport damage needs at least 3 photos (--photo PATH, one per photo); "
      "2 given\n");
  box.fails(
      "return new --customer 宏达 --model LX-50 --purchased 2026-02-30 --want refund "
      "--reason defect",
      2, "svc: error: --purchased '2026-02-30' is not a date (YYYY-MM-DD)\n");
  box.fails(
      "return new --customer 宏达 --model LX-50 --purchased 2026-11-20 --want refund "
      "--reason defect --condition shiny",
      2,
      "svc: error: --condition 'shiny' is not one of: resaleable, packaging_intact, "
      "accessories_complete, warranty_card, used, customer_damage, custom_made, discounted, "
      "gift\n");
  box.ok(
      "return new -q --customer 宏达 --model LX-50 --purchased 2026-06-01 --want refund "
      "--reason none --condition resaleable,packaging_intact,accessories_complete,warranty_card");
  box.fails("return approve 1", 1,
            "svc: error: the policy refused R-2611-001 (no_defect_late); approving it needs "
            "--override --approved-by NAME --reason TEXT\n");
  box.ok("return approve 1 --override --approved-by 王经理 --reason 老客户破例");
  std::string file = box.file("returns/2026-11/R-2611-001.yaml");
  CHECK(file.find("  outcome: refused\n") != std::string::npos);  // the policy's decision kept
  CHECK(file.find("override:\n  reason: 老客户破例\n  outcome: refund\n  approved_by: 王经理\n  "
                  "policy: refused\n") != std::string::npos);
}

TEST_CASE("return: a repair due in a week, the notices, and the next one shown as overdue") {
  Sandbox box;
  box.init();
  box.ok(
      "return new -q --customer 华东机械厂 --model KX-200 --purchased 2026-09-01 --want repair "
      "--reason defect --condition resaleable,packaging_intact,accessories_complete,warranty_card");
  box.ok("return approve 1");
  box.now = "2026-11-23T10:00";
  CHECK(box.ok("return receive 1 --qty 1") == "R-2611-001: 已收货\n  维修   2026-11-30 10:00\n");
  box.ok("return inspect 1 --verdict repair");
  box.now = "2026-11-27T16:00";
  CHECK(box.ok("return repaired 1") == "R-2611-001: 已修复\n  通知取件 2026-11-28 16:00\n");
  box.now = "2026-11-28T09:00";
  CHECK(box.ok("return notify 1 --note 电话通知") ==
        "R-2611-001: 已修复\n  通知取件#2 2026-12-01 09:00\n");
  box.now = "2026-12-02T09:00";
  CHECK(box.ok("return list --overdue").find("通知取件#2 2026-12-01 09:00  通知取件#2") !=
        std::string::npos);
  box.ok("return notify 1");
  box.now = "2026-12-05T09:00";
  CHECK(box.ok("return notify 1") == "R-2611-001: 已修复\n  邮寄退回 2026-12-08 09:00\n");
  box.fails("return notify 1", 1,
            "svc: error: cannot notify R-2611-001: it is repaired; allowed now: close\n");
  CHECK(box.ok("check").empty());
}

TEST_CASE("return: short receipts go on as received and are credited as received") {
  Sandbox box;
  box.init();
  box.patch("svc.yaml", "    default: 0\n", "    default: 0\n    华东机械厂: 5\n");
  // 94 of 100 for a customer with 5 % tolerance: 6 short, booked as received, no approval.
  box.ok(kDefect);
  box.ok("return approve 1");
  box.now = "2026-11-24T09:00";
  CHECK(box.ok("return receive 1 --qty 94") == "R-2611-001: 已收货\n");
  box.ok("return inspect 1 --verdict restock");
  box.ok("return credit 1 --note-no CN-2611-08");
  std::string file = box.file("returns/2026-11/R-2611-001.yaml");
  CHECK(file.find("received:\n  qty: 94\n  at: 2026-11-24T09:00:00+08:00\nverdict: restock\n") !=
        std::string::npos);
  CHECK(file.find("do: receive, qty: 94, tolerance: 5}") != std::string::npos);
  CHECK(file.find("held") == std::string::npos);
  CHECK(file.find("  amount: \"1203.20\"\n") != std::string::npos);  // 94 x 12.80
  // 4 of 5 at the default 0 %.
  box.now = "2026-11-23T09:00";
  box.ok(
      "return new --customer 宏达纺织 --model LX-50 --qty 5 --price 80.00 --purchased 2026-11-10 "
      "--want refund --reason defect --condition "
      "resaleable,packaging_intact,accessories_complete,warranty_card");
  box.ok("return approve 2");
  CHECK(box.ok("return receive 2 --qty 4") == "R-2611-002: 已收货\n");
  box.ok("return inspect 2 --verdict restock");
  box.ok("return credit 2 --note-no CN-2611-09");
  CHECK(box.file("returns/2026-11/R-2611-002.yaml").find("  amount: \"320.00\"\n") !=
        std::string::npos);  // 4 x 80.00
  // 105 of 100 is within 华东机械厂's 5 %; 106 is held.
  box.ok(kDefect);
  box.ok("return approve 3");
  CHECK(box.ok("return receive 3 --qty 105") == "R-2611-003: 已收货\n");
  box.ok(kDefect);
  box.ok("return approve 4");
  CHECK(box.ok("return receive 4 --qty 106") == "R-2611-004: 数量待核\n");
  box.now = "2026-11-24T09:00";
  CHECK(box.ok("check").empty());
}
