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
  box.patch("svc.yaml", "    exchange_days: 30", "    exchange_days: 10");
  auto r = box.run("return policy");
  CHECK(r.code == 3);
  CHECK(r.err.find("returns.policy.exchange_days is shorter than refund_days") !=
        std::string::npos);
}
