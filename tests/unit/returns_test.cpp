#include "svc/domain/returns.hpp"

#include <doctest/doctest.h>

#include <functional>

#include "helpers.hpp"
#include "svc/domain/error.hpp"
#include "svc/store/settings_io.hpp"

using namespace svc;
using namespace svc::returns;
using svc::test::local;

namespace {

const Settings& settings() {
  static const Settings s = test::load_settings(
      "returns:\n  tolerance:\n    default: 0\n    华东机械厂: 5\n", "svc.yaml");
  return s;
}

Context at(const char* when) { return {{local(when), "仓库老陈"}, settings()}; }

NewReturn defect(const char* purchased) {
  NewReturn n;
  n.customer = "华东机械厂";
  n.model = "KX-200 轴承";
  n.qty = "100";
  n.price = "12.80";
  n.purchased = purchased;
  n.want = "refund";
  n.reason = "defect";
  n.condition = {"resaleable", "packaging_intact", "accessories_complete", "warranty_card"};
  return n;
}

Record filed(const NewReturn& n, const char* when) {
  Record r;
  r.id = "R-2611-001";
  r.fields.set_plain("id", r.id);
  record::commit_event(rules(), r, decide_new(n, at(when)));
  return r;
}

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
  std::string out;
  for (const auto& a : record::allowed_actions(rules(), r.fields))
    out += (out.empty() ? "" : ", ") + a;
  return out;
}

}  // namespace

TEST_CASE("a return refunded: policy on registration, quantity reconciled, credit to the cent") {
  Record r = filed(defect("2026-11-10"), "2026-11-23 09:00");  // 13 days: refund
  CHECK(r.status() == "requested");
  CHECK(r.fields.find("decision")->get("outcome") == "refund");
  CHECK(r.fields.find("decision")->get("rule") == "defect_refund");
  CHECK(r.fields.find("decision")->get("days") == "13");
  CHECK(allowed(r) == "approve, refuse");
  CHECK(exit_code([&] { decide_refuse(r, false, "", "", at("2026-11-23 10:00")); }) == 1);
  commit(r, decide_approve(r, false, "", "", at("2026-11-23 10:00")));
  // 96 of 100 came back: 4 % is within this customer's 5 %.
  commit(r, decide_receive(r, "96", at("2026-11-24 09:00")));
  CHECK(r.status() == "received");
  commit(r, decide_inspect(r, "restock", at("2026-11-24 10:00")));
  CHECK(allowed(r) == "credit");
  commit(r, decide_credit(r, "CN-2611-07", "", at("2026-11-24 11:00")));
  CHECK(r.fields.find("credit")->get("amount") == "1228.80");  // 96 x 12.80
  commit(r, decide_close(r, at("2026-11-24 12:00")));
  CHECK(r.status() == "closed");
  CHECK(record::compare_with_replay(rules(), r).empty());
  CHECK(record::check_history(rules(), r).empty());
  CHECK(validate(r).empty());
}

TEST_CASE("beyond the tolerance a return stops until a manager approves the quantity") {
  NewReturn n = defect("2026-11-10");
  n.customer = "宏达纺织";  // default tolerance 0 %
  Record r = filed(n, "2026-11-23 09:00");
  commit(r, decide_approve(r, false, "", "", at("2026-11-23 10:00")));
  commit(r, decide_receive(r, "101", at("2026-11-24 09:00")));  // one more than approved
  CHECK(r.status() == "held");
  CHECK(allowed(r) == "approve");
  CHECK_THROWS_WITH(decide_approve(r, false, "", "", at("2026-11-24 10:00")),
                    "R-2611-001 was received beyond the quantity tolerance; releasing it needs "
                    "--override --approved-by NAME --reason TEXT");
  commit(r, decide_approve(r, true, "王经理", "多一件，按实收退款", at("2026-11-24 10:00")));
  CHECK(r.status() == "received");
  CHECK(r.fields.find("received")->find("held") == nullptr);
  commit(r, decide_inspect(r, "restock", at("2026-11-24 11:00")));
  commit(r, decide_credit(r, "CN-1", "", at("2026-11-24 12:00")));
  CHECK(r.fields.find("credit")->get("amount") == "1292.80");  // 101 x 12.80
  CHECK(record::compare_with_replay(rules(), r).empty());
}

TEST_CASE("fewer than approved is booked and credited as received, more up to the tolerance") {
  // Seed 004 Ⅷ (十三)2. Each case: customer (华东机械厂 5 %, else the default 0 %), approved,
  // received, held or not, and the credit at 12.80 a piece.
  struct Case {
    const char* customer;
    const char* approved;
    const char* received;
    bool held;
    const char* credit;
  };
  const Case cases[] = {
      {"华东机械厂", "100", "94", false, "1203.20"},  // 6 short, beyond 5 %: still as received
      {"宏达纺织", "5", "4", false, "51.20"},         // one short at 0 %
      {"宏达纺织", "5", "1", false, "12.80"},         {"宏达纺织", "5", "5", false, "64.00"},
      {"华东机械厂", "100", "105", false, "1344.00"},  // 5 % over: within
      {"华东机械厂", "100", "106", true, "1356.80"},   // 6 % over: held, then released
      {"宏达纺织", "5", "6", true, "76.80"},           // any over at 0 %
  };
  for (const auto& c : cases) {
    INFO(c.customer << ": " << c.received << " of " << c.approved);
    NewReturn n = defect("2026-11-10");
    n.customer = c.customer;
    n.qty = c.approved;
    Record r = filed(n, "2026-11-23 09:00");
    commit(r, decide_approve(r, false, "", "", at("2026-11-23 10:00")));
    commit(r, decide_receive(r, c.received, at("2026-11-24 09:00")));
    CHECK(r.status() == (c.held ? "held" : "received"));
    CHECK((r.fields.find("received")->find("held") != nullptr) == c.held);
    CHECK(r.fields.find("received")->get("qty") == c.received);
    if (c.held) commit(r, decide_approve(r, true, "王经理", "按实收", at("2026-11-24 10:00")));
    commit(r, decide_inspect(r, "restock", at("2026-11-24 11:00")));
    commit(r, decide_credit(r, "CN-1", "", at("2026-11-24 12:00")));
    CHECK(r.fields.find("credit")->get("amount") == c.credit);
    CHECK(record::compare_with_replay(rules(), r).empty());
  }
}

TEST_CASE("a manager overrides the policy: the record keeps both decisions") {
  NewReturn n = defect("2026-06-01");
  n.reason = "none";  // 175 days, no defect: refused
  Record r = filed(n, "2026-11-23 09:00");
  CHECK(r.fields.find("decision")->get("outcome") == "refused");
  CHECK(exit_code([&] { decide_approve(r, false, "", "", at("2026-11-23 10:00")); }) == 1);
  CHECK(exit_code([&] { decide_approve(r, true, "", "老客户", at("2026-11-23 10:00")); }) == 2);
  commit(r, decide_approve(r, true, "王经理", "老客户，破例退货", at("2026-11-23 10:00")));
  CHECK(r.fields.find("decision")->get("outcome") == "refused");
  CHECK(r.fields.find("override")->get("outcome") == "refund");
  CHECK(r.fields.find("override")->get("policy") == "refused");
  CHECK(r.fields.find("override")->get("approved_by") == "王经理");
}

TEST_CASE("transport damage needs three photos") {
  NewReturn n = defect("2026-11-20");
  n.reason = "transport";
  n.photos = {"p1.jpg", "p2.jpg"};
  CHECK_THROWS_WITH(decide_new(n, at("2026-11-23 09:00")),
                    "transport damage needs at least 3 photos (--photo PATH, one per photo); 2 "
                    "given");
  n.photos.push_back("p3.jpg");
  CHECK(filed(n, "2026-11-23 09:00").fields.find("photos")->items.size() == 3);
}

TEST_CASE("a repair: due in a week, the customer told, told again, then posted back") {
  NewReturn n = defect("2026-09-01");  // 83 days: free repair
  n.want = "repair";
  Record r = filed(n, "2026-11-23 09:00");
  CHECK(r.fields.find("decision")->get("outcome") == "free_repair");
  commit(r, decide_approve(r, false, "", "", at("2026-11-23 09:30")));
  commit(r, decide_receive(r, "100", at("2026-11-23 10:00")));
  REQUIRE(r.fields.find("due") != nullptr);
  CHECK(r.fields.find("due")->get("repair") == "2026-11-30T10:00:00+08:00");
  commit(r, decide_inspect(r, "repair", at("2026-11-23 11:00")));
  CHECK(allowed(r) == "repaired, unrepairable");
  commit(r, decide_repaired(r, at("2026-11-27 16:00")));
  REQUIRE(r.fields.find("due") != nullptr);
  CHECK(r.fields.find("due")->get("notice") == "2026-11-28T16:00:00+08:00");
  auto next = [&](const char* when) {
    auto states = record::step_states(rules(), r.fields, local(when), 8 * 3600);
    const StepState* s = record::next_due(states);
    return s ? s->step + " " + s->state : std::string("-");
  };
  CHECK(next("2026-11-28 09:00") == "notice pending");
  commit(r, decide_notify(r, "电话通知取件", at("2026-11-28 09:00")));
  CHECK(next("2026-12-02 09:00") == "notice_2 overdue");  // due 12-01 09:00
  commit(r, decide_notify(r, "", at("2026-12-02 09:00")));
  commit(r, decide_notify(r, "", at("2026-12-05 09:00")));
  CHECK(r.fields.get("notices") == "3");
  CHECK(next("2026-12-09 09:00") == "post overdue");  // three notices unanswered: post it
  CHECK(exit_code([&] { decide_notify(r, "", at("2026-12-09 09:00")); }) == 1);
  commit(r, decide_close(r, at("2026-12-09 10:00")));
  CHECK(record::compare_with_replay(rules(), r).empty());
}
