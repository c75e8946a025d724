// `note ID TEXT` for every kind, `--text` kept for the returns and surveys that took it
// (issue 23.13).
#include "harness.hpp"

using svc::test::Sandbox;

TEST_CASE("note takes its text the same way for every kind") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  box.ok("complaint new --customer 甲 --category quality --description 交货延迟");
  box.ok(
      "return new --customer 乙 --model KX --qty 1 --price 10 --purchased 2026-11-20 --want "
      "refund --reason none --condition "
      "resaleable,packaging_intact,accessories_complete,warranty_card");
  box.ok("survey new --template property --customer 丙");
  for (const char* kind : {"ticket", "complaint", "return", "survey"}) {
    CAPTURE(kind);
    box.ok(fmt::format("{} note 1 客户来电", kind));
    box.ok(fmt::format("{} note 1 --text 再次来电", kind));
    std::string log = box.ok(fmt::format("{} log 1", kind));
    CHECK(log.find("note  text=客户来电\n") != std::string::npos);
    CHECK(log.find("note  text=再次来电\n") != std::string::npos);
    box.fails(fmt::format("{} note 1", kind), 2, "svc: error: TEXT must not be empty\n");
  }
  CHECK(box.ok("check").empty());
}
