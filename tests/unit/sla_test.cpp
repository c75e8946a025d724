#include "svc/domain/sla.hpp"

#include <doctest/doctest.h>

#include "helpers.hpp"

using namespace svc;
using svc::test::local;
using svc::test::show;

namespace {
std::string rule_for(const char* step, const Facts& facts) {
  const SlaRule* r = match_rule(test::shipped().sla.at("ticket").at(step), facts);
  return r ? r->name : "(none)";
}
}  // namespace

TEST_CASE("arrival rules are tried first to last") {
  CHECK(rule_for("arrive", {{"priority", "emergency"}, {"zone", "urban"}}) == "emergency");
  CHECK(rule_for("arrive", {{"priority", "normal"}, {"zone", "urban"}}) == "urban");
  CHECK(rule_for("arrive", {{"zone", "suburban"}, {"distance_km", "500"}}) == "suburban");
  CHECK(rule_for("arrive", {{"zone", "remote"}, {"distance_km", "300"}}) == "within-300km");
  CHECK(rule_for("arrive", {{"zone", "remote"}, {"distance_km", "300.5"}}) == "within-1000km");
  CHECK(rule_for("arrive", {{"distance_km", "1000"}}) == "within-1000km");
  CHECK(rule_for("arrive", {{"distance_km", "1001"}}) == "far");
  CHECK(rule_for("arrive", {}) == "far");
}

TEST_CASE("conditions: lists, comparisons, missing facts") {
  auto in = *parse_condition("kind", {"repair", "install"});
  CHECK(condition_holds(in, {{"kind", "install"}}));
  CHECK_FALSE(condition_holds(in, {{"kind", "consult"}}));
  CHECK_FALSE(condition_holds(in, {}));
  auto le = *parse_condition("distance_km", {"<= 300"});
  CHECK(le.op == "<=");
  CHECK(condition_holds(le, {{"distance_km", "12"}}));
  CHECK_FALSE(condition_holds(le, {{"distance_km", "far"}}));
  CHECK(condition_holds(*parse_condition("d", {">10"}), {{"d", "11"}}));
  CHECK_FALSE(condition_holds(*parse_condition("d", {">10"}), {{"d", "10"}}));
  CHECK_FALSE(parse_condition("d", {}));
  CHECK_FALSE(parse_condition("d", {"<=abc"}));
}

TEST_CASE("one engine computes each step's deadline") {
  const Settings& s = test::shipped();
  Facts urban{{"priority", "normal"}, {"zone", "urban"}};
  auto respond =
      compute_deadline(s.calendar, s.sla_of("ticket"), "respond", urban, local("2026-11-23 11:30"));
  REQUIRE(respond);
  CHECK(show(respond->due) == "2026-11-23 14:00");
  auto emergency = compute_deadline(s.calendar, s.sla_of("ticket"), "resolve",
                                    {{"priority", "emergency"}}, local("2026-09-30 22:00"));
  CHECK(show(emergency->due) == "2026-10-01 22:00");
  CHECK(emergency->rule->clock == Clock::wall);
  CHECK_FALSE(compute_deadline(s.calendar, s.sla_of("ticket"), "nonexistent", urban, 0));
}

TEST_CASE("settings: a user's rules replace the shipped list for that step") {
  Settings s = test::load_settings(
      "sla:\n  ticket:\n    respond:\n      - {clock: workdays, within: 2}\n"
      "calendar:\n  holidays: [2026-11-24]\n",
      "svc.yaml");
  REQUIRE(s.sla.at("ticket").at("respond").size() == 1);
  CHECK(s.sla.at("ticket").at("respond")[0].name == "always");
  CHECK(s.sla.at("ticket").at("arrive").size() == 6);  // untouched steps keep the defaults
  CHECK_FALSE(s.calendar.is_working_day(day_from_date({2026, 11, 24})));
  CHECK(s.calendar.is_working_day(
      day_from_date({2026, 10, 1})));  // the shipped holiday list was replaced
  CHECK(s.calendar.is_working_day(day_from_date({2026, 10, 10})));  // make-up days were not
}

TEST_CASE("settings errors name the line") {
  CHECK_THROWS_WITH(
      test::load_settings("sla:\n  ticket:\n    respond:\n      - {clock: sundial, within: 1h}\n",
                          "svc.yaml"),
      "svc.yaml:4:9: clock 'sundial' is not wall, business or workdays");
  CHECK_THROWS_WITH(test::load_settings("calendar:\n  hours: [\"12:00-08:00\"]\n", "svc.yaml"),
                    "svc.yaml:2:11: working hours '12:00-08:00' are not like 08:30-12:00");
  CHECK_THROWS_WITH(test::load_settings("locale: fr\n", "svc.yaml"),
                    "svc.yaml:1:9: locale 'fr' is not zh-CN, zh-TW or en");
}
