#include "svc/domain/complaint.hpp"

#include <doctest/doctest.h>

#include <functional>

#include "helpers.hpp"
#include "svc/domain/error.hpp"
#include "svc/store/settings_io.hpp"

using namespace svc;
using namespace svc::complaint;
using svc::test::local;

namespace {

Context at(const char* when, const char* who = "客服小李") {
  return {{local(when), who}, test::shipped()};
}

NewComplaint quality_case() {
  NewComplaint c;
  c.customer = "华东机械厂";
  c.phone = "021-5555-0101";
  c.category = "quality/production";
  c.order = "SO-2609-17";
  c.qty = "200";
  c.defect_qty = "12";
  c.request = "exchange";
  c.description = "轴承批量异响";
  return c;
}

Record filed(const NewComplaint& c, const char* when) {
  Record r;
  r.id = "C-2609-001";
  r.fields.set_plain("id", r.id);
  record::commit_event(rules(), r, decide_new(c, at(when)));
  return r;
}

std::string due(const Record& r, const char* step) { return r.fields.find("due")->get(step); }
std::string done(const Record& r, const char* step) { return r.fields.find("done")->get(step); }

void commit(Record& r, Event e) { record::commit_event(rules(), r, std::move(e)); }

int exit_code(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return static_cast<int>(e.code());
  }
  return 0;
}

std::string allowed(const Record& r) {
  auto next = record::allowed_actions(rules(), r.fields);
  std::string out;
  for (const auto& a : next) out += (out.empty() ? "" : ", ") + a;
  return out;
}

}  // namespace

TEST_CASE("complaint deadlines around National Day: acknowledge, whole case, a report") {
  // Filed Monday 28 Sep 09:00. Acknowledge: the 5th working day after — 29, 30 Sep, then the
  // holiday (1-7 Oct), 8, 9 Oct and Saturday 10 Oct, a make-up working day.
  Record r = filed(quality_case(), "2026-09-28 09:00");
  CHECK(due(r, "acknowledge") == "2026-10-10T17:30:00+08:00");
  CHECK(due(r, "close") == "2026-10-11T09:00:00+08:00");  // 13 days, domestic
  NewComplaint foreign = quality_case();
  foreign.region = "foreign";
  CHECK(due(filed(foreign, "2026-09-28 09:00"), "close") == "2026-10-15T09:00:00+08:00");
  NewComplaint report = quality_case();
  report.type = "report";  // 舉報: 10 working days
  CHECK(due(filed(report, "2026-09-28 09:00"), "acknowledge") == "2026-10-16T17:30:00+08:00");
}

TEST_CASE("a whole case: a declined plan and an unsatisfied follow-up go back to the department") {
  Record r = filed(quality_case(), "2026-09-28 09:00");
  CHECK(r.status() == "received");
  CHECK(allowed(r) == "ack, investigate");
  commit(r, decide_investigate(r, at("2026-09-29 09:00")));
  CHECK(done(r, "acknowledge") == "2026-09-29T09:00:00+08:00");  // investigating answers too
  commit(r, decide_route(r, "质量部", "批次 B17 热处理不足", at("2026-09-29 10:00")));
  CHECK(r.status() == "routed");
  CHECK(due(r, "dept_response") == "2026-10-09T17:30:00+08:00");  // 30 Sep, 8 Oct, 9 Oct
  CHECK(allowed(r) == "route, plan");
  CHECK_THROWS_WITH(decide_propose(r, at("2026-09-30 09:00")),
                    "cannot propose C-2609-001: it is routed; allowed now: route, plan");
  commit(r, decide_plan(r, "更换同批次轴承", at("2026-10-08 09:00")));
  CHECK(done(r, "dept_response") == "2026-10-08T09:00:00+08:00");
  commit(r, decide_propose(r, at("2026-10-08 10:00")));
  CHECK(allowed(r) == "decline, accept");
  // The customer declines: a second routing with its own deadline.
  commit(r, decide_decline(r, "要求退货而非换货", at("2026-10-08 15:00")));
  CHECK(r.status() == "routed");
  CHECK(r.fields.get("routing") == "2");
  CHECK(r.fields.find("plan") == nullptr);
  CHECK(due(r, "dept_response_2") == "2026-10-12T17:30:00+08:00");  // 9, Sat 10, 12 Oct
  commit(r, decide_plan(r, "全数退货并补偿运费", at("2026-10-09 09:00")));
  CHECK(done(r, "dept_response_2") == "2026-10-09T09:00:00+08:00");
  commit(r, decide_propose(r, at("2026-10-09 10:00")));
  commit(r, decide_accept(r, at("2026-10-09 11:00")));
  commit(r, decide_implement(r, at("2026-10-09 13:30")));
  commit(r, decide_implemented(r, at("2026-10-12 09:00")));
  CHECK(due(r, "follow_up") == "2026-10-19T17:30:00+08:00");  // 5 working days after 12 Oct
  CHECK_THROWS_WITH(decide_close(r, at("2026-10-12 10:00")),
                    "cannot close C-2609-001: the customer is not yet satisfied; record the "
                    "follow-up visit: svc complaint follow-up C-2609-001 --satisfaction LEVEL");
  // Unsatisfied: back to the department once more.
  commit(r, decide_follow_up(r, "neutral", "退款未到账", at("2026-10-13 09:00")));
  CHECK(r.status() == "routed");
  CHECK(done(r, "follow_up") == "2026-10-13T09:00:00+08:00");
  CHECK(r.fields.get("routing") == "3");
  CHECK(due(r, "dept_response_3") == "2026-10-16T17:30:00+08:00");
  commit(r, decide_plan(r, "财务加急退款", at("2026-10-13 10:00")));
  commit(r, decide_propose(r, at("2026-10-13 11:00")));
  commit(r, decide_accept(r, at("2026-10-13 11:30")));
  commit(r, decide_implement(r, at("2026-10-13 13:30")));
  commit(r, decide_implemented(r, at("2026-10-14 09:00")));
  CHECK(r.fields.get("round") == "2");
  CHECK(due(r, "follow_up_2") == "2026-10-21T17:30:00+08:00");
  commit(r, decide_follow_up(r, "satisfied", "", at("2026-10-15 09:00")));
  CHECK(r.status() == "implemented");
  CHECK(allowed(r) == "close");
  commit(r, decide_close(r, at("2026-10-15 10:00")));
  CHECK(r.status() == "closed");
  CHECK(done(r, "close") == "2026-10-15T10:00:00+08:00");  // after 11 Oct: the case ran late
  CHECK(allowed(r).empty());
  // Every step judged: the whole case missed its 13 days.
  auto states = record::step_states(rules(), r.fields, local("2026-10-15 10:00"), 8 * 3600);
  std::string judged;
  for (const auto& s : states) judged += s.step + "=" + s.state + " ";
  CHECK(judged ==
        "acknowledge=met dept_response=met dept_response_2=met dept_response_3=met follow_up=met "
        "follow_up_2=met close=late ");
  CHECK(record::compare_with_replay(rules(), r).empty());
  CHECK(record::check_history(rules(), r).empty());
  CHECK(validate(r).empty());
}

TEST_CASE("a rejected complaint: the reply is recorded, then closed") {
  Record r = filed(quality_case(), "2026-11-23 09:00");
  CHECK(exit_code([&] { decide_reject(r, "x", "y", at("2026-11-23 09:30")); }) == 1);
  commit(r, decide_ack(r, at("2026-11-23 09:10")));
  CHECK(exit_code([&] { decide_ack(r, at("2026-11-23 09:20")); }) == 1);  // once
  commit(r, decide_investigate(r, at("2026-11-23 10:00")));
  CHECK(allowed(r) == "reject, route");
  CHECK(exit_code([&] { decide_reject(r, "", "y", at("2026-11-23 11:00")); }) == 2);
  commit(r, decide_reject(r, "客户使用不当", "已书面答复客户", at("2026-11-23 11:00")));
  CHECK(r.status() == "rejected");
  CHECK(r.fields.get("reply") == "已书面答复客户");
  CHECK(allowed(r) == "close");
  commit(r, decide_close(r, at("2026-11-23 11:30")));
  CHECK(r.status() == "closed");
  CHECK(record::compare_with_replay(rules(), r).empty());
}

TEST_CASE("every status refuses every action it does not allow, naming the allowed ones") {
  const char* actions[] = {"ack",       "investigate", "reject",    "route",
                           "plan",      "propose",     "decline",   "accept",
                           "implement", "implemented", "follow_up", "close"};
  // Walk one case through every status and check each action against the table.
  Record r = filed(quality_case(), "2026-11-02 09:00");
  auto check_state = [&](const std::string& status, const std::string& allowed_now) {
    CHECK(r.status() == status);
    CHECK(allowed(r) == allowed_now);
    for (const char* a : actions) {
      std::string typed = a == std::string("follow_up") ? "follow-up" : a;
      bool listed = (", " + allowed_now + ", ").find(", " + typed + ", ") != std::string::npos;
      CHECK_MESSAGE(record::action_allowed(rules(), r.fields, a) == listed, status << ": " << a);
    }
  };
  check_state("received", "ack, investigate");
  commit(r, decide_investigate(r, at("2026-11-02 10:00")));
  check_state("investigating", "reject, route");
  commit(r, decide_route(r, "生产部", "", at("2026-11-02 11:00")));
  check_state("routed", "route, plan");
  commit(r, decide_plan(r, "返工", at("2026-11-03 09:00")));
  check_state("routed", "route, propose");
  commit(r, decide_propose(r, at("2026-11-03 10:00")));
  check_state("proposed", "decline, accept");
  commit(r, decide_accept(r, at("2026-11-03 11:00")));
  check_state("accepted", "implement");
  commit(r, decide_implement(r, at("2026-11-03 13:30")));
  check_state("implementing", "implemented");
  commit(r, decide_implemented(r, at("2026-11-04 09:00")));
  check_state("implemented", "follow-up");
  commit(r, decide_follow_up(r, "very_satisfied", "", at("2026-11-05 09:00")));
  check_state("implemented", "close");
  commit(r, decide_close(r, at("2026-11-05 10:00")));
  check_state("closed", "");
  CHECK(exit_code([&] { decide_note(r, "事后补记", at("2026-11-06 09:00")); }) == 0);
}

TEST_CASE("an anonymous complaint keeps no identity, and bad values are usage errors") {
  NewComplaint c = quality_case();
  c.anonymous = true;
  CHECK_THROWS_WITH(decide_new(c, at("2026-11-23 09:00")),
                    "an anonymous complaint keeps no name, phone or address: drop --customer and "
                    "--phone, or drop --anonymous");
  c.customer.clear();
  CHECK(exit_code([&] { decide_new(c, at("2026-11-23 09:00")); }) == 2);  // --phone still there
  c.phone.clear();
  Record r = filed(c, "2026-11-23 09:00");
  CHECK(r.fields.get("anonymous") == "true");
  CHECK(r.fields.find("customer") == nullptr);
  CHECK(r.history[0].data.find("customer") == nullptr);
  CHECK(validate(r).empty());
  NewComplaint bad = quality_case();
  bad.category = "quality/unknown";
  CHECK(exit_code([&] { decide_new(bad, at("2026-11-23 09:00")); }) == 2);
  bad = quality_case();
  bad.qty = "-3";
  CHECK(exit_code([&] { decide_new(bad, at("2026-11-23 09:00")); }) == 2);
  bad.qty = "pending";  // 客戶加工中未確定 (seed 004 第九條)
  CHECK(exit_code([&] { decide_new(bad, at("2026-11-23 09:00")); }) == 0);
}

namespace {

const Settings& with_base_points() {
  static const Settings s = test::load_settings(
      "complaints:\n  base_points:\n    质量部: {张三: 3, 李四: 2}\n  penalties:\n    bonus:\n"
      "      default: \"3000\"\n      王五: \"4000\"\n",
      "svc.yaml");
  return s;
}

Context office(const char* when) { return {{local(when), "总经理室"}, with_base_points()}; }

Record routed_case() {
  Record r = filed(quality_case(), "2026-11-02 09:00");
  commit(r, decide_investigate(r, at("2026-11-02 10:00")));
  commit(r, decide_route(r, "质量部", "", at("2026-11-02 11:00")));
  return r;
}

}  // namespace

TEST_CASE(
    "responsibility: shares total 100 %, the loss split to the cent, departments by base points") {
  Record r = routed_case();
  CHECK_THROWS_WITH(
      decide_blame(r, {"质量部=60", "生产部/王五=30"}, "1000", office("2026-11-03 09:00")),
      "the shares add up to 90 %, not 100 %");
  CHECK(exit_code([&] { decide_blame(r, {"质量部"}, "1000", office("2026-11-03 09:00")); }) == 2);
  CHECK(exit_code([&] { decide_blame(r, {"质量部=100"}, "1,000", office("2026-11-03 09:00")); }) ==
        2);
  // Thirds: the cents that do not divide go to the largest remainders, in order.
  Record thirds = r;
  commit(thirds, decide_blame(thirds, {"甲部=33.33", "乙部=33.33", "丙部=33.34"}, "1000",
                              office("2026-11-03 09:00")));
  const Value* parties = thirds.fields.find("responsibility")->find("parties");
  REQUIRE(parties->items.size() == 3);
  CHECK(parties->items[0].get("loss") == "333.30");
  CHECK(parties->items[1].get("loss") == "333.30");
  CHECK(parties->items[2].get("loss") == "333.40");
  // A department's 60 % goes to its members 3:2 by base points (基點數).
  commit(r, decide_blame(r, {"质量部=60", "生产部/王五=40"}, "1000", office("2026-11-03 09:00")));
  parties = r.fields.find("responsibility")->find("parties");
  REQUIRE(parties->items.size() == 3);
  CHECK(parties->items[0].get("person") == "张三");
  CHECK(parties->items[0].get("share") == "36");
  CHECK(parties->items[0].get("loss") == "360.00");
  CHECK(parties->items[1].get("person") == "李四");
  CHECK(parties->items[1].get("share") == "24");
  CHECK(parties->items[1].get("loss") == "240.00");
  CHECK(parties->items[2].get("loss") == "400.00");
  CHECK(r.fields.find("responsibility")->get("loss") == "1000.00");
  CHECK(record::compare_with_replay(rules(), r).empty());
}

TEST_CASE("penalties follow the scale: warning, minor per base point, major the month's bonus") {
  Record r = routed_case();
  CHECK_THROWS_WITH(decide_penalty(r, "张三", "minor", "", office("2026-11-03 09:00")),
                    "C-2609-001 has no responsibility yet; first: svc complaint blame C-2609-001 "
                    "--party DEPT/PERSON=SHARE");
  commit(r, decide_blame(r, {"质量部=60", "生产部/王五=40"}, "1000", office("2026-11-03 09:00")));
  commit(r, decide_penalty(r, "张三", "minor", "", office("2026-11-03 10:00")));
  CHECK(r.fields.find("penalties")->items[0].get("amount") == "2400.00");  // 800 x 3 points
  CHECK(r.fields.find("penalties")->items[0].get("month") == "2026-11");
  CHECK_THROWS_WITH(
      decide_penalty(r, "李四", "warning", "300", office("2026-11-03 10:00")),
      "a warning penalty for 李四 is at least 400.00 (svc.yaml complaints.penalties)");
  commit(r, decide_penalty(r, "王五", "major", "", office("2026-11-03 10:00")));
  CHECK(r.fields.find("penalties")->items[1].get("amount") == "4000.00");  // his month's bonus
  CHECK_THROWS_WITH(decide_penalty(r, "赵六", "warning", "", office("2026-11-03 10:00")),
                    "赵六 is not among the persons responsible for C-2609-001");
  CHECK(exit_code([&] { decide_penalty(r, "张三", "severe", "", office("2026-11-03 10:00")); }) ==
        2);
}

TEST_CASE("a month's deductions stop at half the bonus and the rest carries to later months") {
  const PenaltyScale& scale = with_base_points().penalties;  // bonus 3000, 王五 4000, cap 50 %
  std::vector<Penalty> p = {{"张三", "2026-11", 240000, "C-2611-001"},
                            {"张三", "2026-11", 80000, "C-2611-004"},
                            {"王五", "2026-12", 100000, "C-2612-002"}};
  auto nov = deductions(p, scale, "2026-11");
  REQUIRE(nov.size() == 1);
  CHECK(nov[0].person == "张三");
  CHECK(nov[0].fresh == 320000);
  CHECK(nov[0].deducted == 150000);
  CHECK(nov[0].carried_out == 170000);
  auto dec = deductions(p, scale, "2026-12");
  REQUIRE(dec.size() == 2);
  CHECK(dec[0].person == "张三");
  CHECK(dec[0].carried_in == 170000);
  CHECK(dec[0].deducted == 150000);
  CHECK(dec[0].carried_out == 20000);
  CHECK(dec[1].person == "王五");
  CHECK(dec[1].deducted == 100000);  // under his cap of 2000
  auto jan = deductions(p, scale, "2027-01");
  REQUIRE(jan.size() == 1);
  CHECK(jan[0].deducted == 20000);
  CHECK(jan[0].carried_out == 0);
  CHECK(deductions(p, scale, "2027-02").empty());
  CHECK(deductions(p, scale, "2026-10").empty());
}

namespace {

// 质量部 2:1, 生产部 1:1, 销售部 1:1:1 (in this order in svc.yaml).
const Settings& issue22_points() {
  static const Settings s = test::load_settings(
      "complaints:\n  base_points:\n    质量部: {张三: 2, 李四: 1}\n    生产部: {王五: 1, 赵六: "
      "1}\n"
      "    销售部: {孙七: 1, 周八: 1, 吴九: 1}\n",
      "svc.yaml");
  return s;
}

Context points_office() { return {{local("2026-11-03 09:00"), "总经理室"}, issue22_points()}; }

// "dept/person share loss" for every party, one per line.
std::string parties_of(const Event& e) {
  std::string out;
  for (const auto& p : e.data.find("parties")->items)
    out +=
        p.get("dept") + "/" + p.get("person") + " " + p.get("share") + " " + p.get("loss") + "\n";
  return out;
}

}  // namespace

TEST_CASE("a department's share goes to its members from the exact share, rounded once") {
  Record r = routed_case();
  // 1000.00 x 100 % x 2/3 = 666.666..., x 1/3 = 333.333...: floors 666.66 + 333.33 = 999.99,
  // the last cent to the larger remainder (张三's 2/3 of a cent). Not 666.70 / 333.30 from a
  // share rounded to 66.67 %.
  CHECK(parties_of(decide_blame(r, {"质量部=100"}, "1000.00", points_office())) ==
        "质量部/张三 66.67 666.67\n质量部/李四 33.33 333.33\n");
  // 100.01 split 50 / 30 / 20, the first two departments by base points:
  //   张三 100.01 x 0.5 x 2/3 = 33.3366..  李四 x 1/3 = 16.6683..  王五, 赵六 100.01 x 0.3 / 2
  //   = 15.0015 each  孙七 100.01 x 0.2 = 20.002. Floors 33.33 + 16.66 + 15.00 + 15.00 + 20.00
  //   = 99.99; the two cents left go to the largest remainders: 李四 (0.83 of a cent), 张三
  //   (0.67); 孙七 (0.2) and 王五, 赵六 (0.15) get none.
  CHECK(parties_of(decide_blame(r, {"质量部=50", "生产部=30", "销售部/孙七=20"}, "100.01",
                                points_office())) ==
        "质量部/张三 33.33 33.34\n质量部/李四 16.67 16.67\n生产部/王五 15 15.00\n"
        "生产部/赵六 15 15.00\n销售部/孙七 20 20.00\n");
  // Equal remainders: 1000.00 in thirds is 333.33 each and a cent over, which goes to the
  // member listed first in svc.yaml (孙七); the share's hundredth likewise.
  CHECK(parties_of(decide_blame(r, {"销售部=100"}, "1000.00", points_office())) ==
        "销售部/孙七 33.34 333.34\n销售部/周八 33.33 333.33\n销售部/吴九 33.33 333.33\n");
  // 0.05 among 生产部=60 (王五, 赵六 each 0.015) and 质量部=40 (张三 0.01333, 李四 0.00666):
  // floors 1 + 1 + 1 + 0 = 3 cents; the two left go to 李四 (0.67 of a cent), then 王五 (0.5,
  // listed before 赵六 with the same remainder).
  CHECK(parties_of(decide_blame(r, {"生产部=60", "质量部=40"}, "0.05", points_office())) ==
        "生产部/王五 30 0.02\n生产部/赵六 30 0.01\n质量部/张三 26.67 0.01\n"
        "质量部/李四 13.33 0.01\n");
}

TEST_CASE(
    "each party is named once: a repeat is a usage error, on the command line and in a file") {
  Record r = routed_case();
  CHECK_THROWS_WITH(decide_blame(r, {"制造部=60", "制造部=40"}, "1000", points_office()),
                    "--party 制造部 is named twice; name each party once");
  CHECK(exit_code([&] {
          decide_blame(r, {"制造部=60", "制造部=40"}, "1000", points_office());
        }) == 2);
  CHECK(exit_code([&] {
          decide_blame(r, {"生产部/王五=50", "生产部/王五=50"}, "1000", points_office());
        }) == 2);
  // A member named on their own next to their department named whole would get two shares.
  CHECK_THROWS_WITH(
      decide_blame(r, {"质量部=60", "质量部/张三=40"}, "1000", points_office()),
      "--party 质量部/张三 is named twice: 质量部's share already goes to 张三 by base "
      "points; name each party once");
  // A person of the department not among its listed members is a party of their own.
  CHECK(exit_code([&] {
          decide_blame(r, {"质量部=60", "质量部/钱十=40"}, "1000", points_office());
        }) == 0);
  // A file edited by hand to name a party twice is refused by validation.
  commit(r, decide_blame(r, {"制造部=60", "质检部=40"}, "1000", points_office()));
  CHECK(validate(r).empty());
  r.fields.find("responsibility")->find("parties")->items[1].set_text("dept", "制造部");
  auto found = validate(r);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "responsibility names 制造部 twice; name each party once");
}

TEST_CASE("the whole case is never due before its acknowledgement or a report's answer") {
  // A report (舉報) filed Monday 2 Nov 2026 09:00: the answer is due on the 10th working day
  // after it (3-6, 9-13, 16 Nov) at 17:30; 13 days would close it on Sunday 15 Nov 09:00, a
  // day and a half before the answer: the case is due with its answer.
  NewComplaint report = quality_case();
  report.type = "report";
  Record r = filed(report, "2026-11-02 09:00");
  CHECK(due(r, "acknowledge") == "2026-11-16T17:30:00+08:00");
  CHECK(due(r, "close") == "2026-11-16T17:30:00+08:00");
  auto whole = case_deadline(test::shipped(), facts_of(r.fields), local("2026-11-02 09:00"));
  REQUIRE(whole);
  CHECK(whole->moved());
  CHECK(whole->rule.due == local("2026-11-15 09:00"));
  CHECK(whole->acknowledge->rule->name == "report");
  // A foreign report's 17 days (19 Nov 09:00) already contain its answer.
  report.region = "foreign";
  CHECK(due(filed(report, "2026-11-02 09:00"), "close") == "2026-11-19T09:00:00+08:00");
  // A complaint filed Friday 13 Feb 2026 10:00, before Spring Festival (15-23 Feb, make-up
  // working days Saturday 14 and 28 Feb): acknowledged by the 5th working day after, 14, 24,
  // 25, 26, 27 Feb, at 17:30; 13 days end on 26 Feb 10:00, so the case is due 27 Feb 17:30.
  Record spring = filed(quality_case(), "2026-02-13 10:00");
  CHECK(due(spring, "acknowledge") == "2026-02-27T17:30:00+08:00");
  CHECK(due(spring, "close") == "2026-02-27T17:30:00+08:00");
  NewComplaint abroad = quality_case();
  abroad.region = "foreign";  // 17 days: 2 Mar 10:00, after the acknowledgement
  CHECK(due(filed(abroad, "2026-02-13 10:00"), "close") == "2026-03-02T10:00:00+08:00");
  // An ordinary week: 13 days (15 Nov 09:00) contain the acknowledgement (9 Nov 17:30).
  Record plain = filed(quality_case(), "2026-11-02 09:00");
  CHECK(due(plain, "acknowledge") == "2026-11-09T17:30:00+08:00");
  CHECK(due(plain, "close") == "2026-11-15T09:00:00+08:00");
  CHECK_FALSE(
      case_deadline(test::shipped(), facts_of(plain.fields), local("2026-11-02 09:00"))->moved());
}

TEST_CASE("an old file keeps the whole-case deadline it was registered with") {
  NewComplaint report = quality_case();
  report.type = "report";
  Event e = decide_new(report, at("2026-11-02 09:00"));
  e.data.find("due")->set_plain("close", "2026-11-15T09:00:00+08:00");  // as svc wrote it before
  Record old;
  old.id = "C-2611-001";
  old.fields.set_plain("id", old.id);
  record::commit_event(rules(), old, std::move(e));
  commit(old, decide_investigate(old, at("2026-11-03 09:00")));
  CHECK(due(old, "close") == "2026-11-15T09:00:00+08:00");
  CHECK(record::compare_with_replay(rules(), old).empty());
  CHECK(validate(old).empty());
}
