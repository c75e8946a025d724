#include "svc/domain/ticket.hpp"

#include <doctest/doctest.h>

#include <functional>

#include "helpers.hpp"
#include "svc/domain/error.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

using namespace svc;
using namespace svc::ticket;
using svc::test::local;

namespace {

Context at(const char* when, const char* who = "张三") {
  return {{local(when), who}, test::shipped()};
}

Record registered(NewTicket t, const char* when = "2026-11-23 09:00") {
  Record r;
  r.id = "T-2611-0001";
  r.fields.set_plain("id", r.id);
  record::commit_event(rules(), r, decide_new(t, at(when)));
  return r;
}

NewTicket urban_call() {
  NewTicket t;
  t.customer = "华东机械厂";
  t.zone = "urban";
  return t;
}

std::string due(const Record& r, const char* step) { return r.fields.find("due")->get(step); }

int refusal_code(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return static_cast<int>(e.code());
  }
  return 0;
}

}  // namespace

TEST_CASE("service class from warranty, contract and fault") {
  Day today = day_from_date({2026, 11, 23});
  NewTicket t;
  CHECK(service_class(t, today) == "A");
  t.purchased = "2025-11-24";
  t.warranty_months = 12;
  // Civil Code art. 202: 12 months from 2025-11-24 end on 2026-11-24, inclusive.
  CHECK(service_class(t, today) == "C");
  CHECK(service_class(t, today + 1) == "C");
  CHECK(service_class(t, today + 2) == "A");
  t.caused_by_customer = true;
  CHECK(service_class(t, today) == "A");
  t.contract = "HT-7";
  t.contract_until = "2026-12-31";
  CHECK(service_class(t, today) == "B");
  CHECK(service_class(t, day_from_date({2027, 1, 1})) == "A");
  t.internal = true;
  CHECK(service_class(t, today) == "D");
  NewTicket until;
  until.warranty_until = "2026-11-22";
  CHECK(service_class(until, today) == "A");
}

TEST_CASE("registration stores the deadlines of the matching rules") {
  Record r = registered(urban_call(), "2026-09-24 16:00");
  CHECK(r.status() == "new");
  CHECK(due(r, "respond") == "2026-09-24T17:00:00+08:00");
  CHECK(due(r, "arrive") == "2026-09-28T14:30:00+08:00");
  CHECK(due(r, "resolve") == "2026-09-30T17:30:00+08:00");
  CHECK(r.fields.get("registered") == "2026-09-24T16:00:00+08:00");
  NewTicket e = urban_call();
  e.priority = "emergency";
  Record em = registered(e, "2026-09-30 23:50");
  CHECK(due(em, "respond") == "2026-10-01T00:20:00+08:00");
  CHECK(due(em, "arrive") == "2026-10-01T00:20:00+08:00");
  CHECK(due(em, "resolve") == "2026-10-01T23:50:00+08:00");
}

TEST_CASE("registration refuses bad input") {
  // A bad option value is a usage error (exit 2), naming the option.
  NewTicket t = urban_call();
  t.kind = "teleport";
  CHECK(refusal_code([&] { decide_new(t, at("2026-11-23 09:00")); }) == 2);
  t = urban_call();
  t.purchased = "2026-12-01";
  CHECK_THROWS_WITH(decide_new(t, at("2026-11-23 09:00")),
                    "--purchased 2026-12-01 is in the future");
  t = urban_call();
  t.customer = "  ";
  CHECK_THROWS_WITH(decide_new(t, at("2026-11-23 09:00")), "--customer must not be empty");
  t = urban_call();
  t.contract = "HT-1";
  CHECK_THROWS_WITH(decide_new(t, at("2026-11-23 09:00")),
                    "--contract and --contract-until go together");
}

TEST_CASE("the happy path: assign, arrive, resolve, sign, close, follow up") {
  NewTicket t = urban_call();
  t.purchased = "2026-06-01";
  t.warranty_months = 12;
  Record r = registered(t);
  CHECK(r.fields.get("service_class") == "C");
  record::commit_event(rules(), r, decide_assign(r, "李四", {"王五"}, at("2026-11-23 09:10")));
  CHECK(r.status() == "assigned");
  CHECK(r.fields.find("helpers")->items.size() == 1);
  record::commit_event(rules(), r, decide_arrive(r, at("2026-11-23 13:40")));
  CHECK(r.status() == "on_site");
  CHECK(r.fields.find("done")->get("respond") == "2026-11-23T13:40:00+08:00");
  record::commit_event(rules(), r, decide_resolve(r, "更换轴承", "2.5", at("2026-11-23 15:00")));
  CHECK(r.status() == "resolved");
  CHECK(r.fields.get("labour_hours") == "2.5");
  CHECK(due(r, "follow_up") == "2026-11-25T15:00:00+08:00");
  record::commit_event(rules(), r, decide_sign(r, "赵六", at("2026-11-23 15:05")));
  record::commit_event(rules(), r, decide_close(r, at("2026-11-23 15:10")));
  CHECK(r.status() == "closed");
  record::commit_event(rules(), r, decide_follow_up(r, "运行正常", at("2026-11-24 10:00")));
  auto states = record::step_states(rules(), r.fields, local("2026-11-30 10:00"), 8 * 3600);
  REQUIRE(states.size() == 4);
  CHECK(states[0].state == "late");  // respond due 10:00, first contact on arrival 13:40
  CHECK(states[1].state == "met");
  CHECK(states[2].state == "met");
  CHECK(states[3].state == "met");
  CHECK(record::replay(rules(), r.id, r.history) == r.fields);
  CHECK(record::compare_with_replay(rules(), r).empty());
}

TEST_CASE("illegal moves are refused with the allowed next steps") {
  Record r = registered(urban_call());
  CHECK_THROWS_WITH(decide_arrive(r, at("2026-11-23 10:00")),
                    "cannot arrive T-2611-0001: it is new; allowed now: assign, respond, cancel, "
                    "extend, reclass");
  CHECK_THROWS_WITH(
      decide_close(r, at("2026-11-23 10:00")),
      "cannot close T-2611-0001: it is new; allowed now: assign, respond, cancel, extend, reclass");
  record::commit_event(rules(), r, decide_respond(r, at("2026-11-23 09:30")));
  CHECK_THROWS_WITH(decide_respond(r, at("2026-11-23 09:40")),
                    "T-2611-0001 was already responded to at 2026-11-23T09:30:00+08:00");
  record::commit_event(rules(), r, decide_cancel(r, "客户取消", at("2026-11-23 10:00")));
  CHECK(r.status() == "cancelled");
  CHECK(record::allowed_actions(rules(), r.fields).empty());
  CHECK(refusal_code([&] { decide_reopen(r, "x", at("2026-11-23 11:00")); }) == 1);
}

TEST_CASE("closing needs the sign-off, and for class A the fee") {
  Record r = registered(urban_call());  // no warranty: class A
  CHECK(r.fields.get("service_class") == "A");
  record::commit_event(rules(), r, decide_assign(r, "李四", {}, at("2026-11-23 09:10")));
  record::commit_event(rules(), r, decide_resolve(r, "远程指导", "", at("2026-11-23 09:30"), true));
  CHECK_THROWS_WITH(decide_close(r, at("2026-11-23 09:40")),
                    "cannot close T-2611-0001: the customer has not signed off; run: svc ticket "
                    "sign T-2611-0001 --by NAME");
  record::commit_event(rules(), r, decide_sign(r, "赵六", at("2026-11-23 09:41")));
  CHECK(refusal_code([&] { decide_close(r, at("2026-11-23 09:42")); }) == 1);
  CHECK(refusal_code([&] { decide_fee(r, "12.345", "paid", at("2026-11-23 09:42")); }) == 2);
  record::commit_event(rules(), r, decide_fee(r, "80", "invoiced", at("2026-11-23 09:42")));
  CHECK(r.fields.find("fee")->get("amount") == "80.00");
  record::commit_event(rules(), r, decide_close(r, at("2026-11-23 09:43")));
  CHECK(r.status() == "closed");
}

TEST_CASE("waiting stops the resolve clock — resume moves the deadline by the time waited") {
  Record r = registered(urban_call(), "2026-09-24 16:00");  // resolve due 09-30 17:30 (workdays)
  record::commit_event(rules(), r, decide_assign(r, "李四", {}, at("2026-09-24 16:10")));
  record::commit_event(rules(), r, decide_arrive(r, at("2026-09-28 09:00")));
  record::commit_event(rules(), r, decide_wait(r, "等配件", at("2026-09-28 10:00")));
  CHECK(r.status() == "waiting");
  CHECK(record::step_states(rules(), r.fields, local("2026-10-09 10:00"), 8 * 3600)[2].state ==
        "paused");
  CHECK_THROWS_WITH(decide_wait(r, "again", at("2026-09-28 11:00")),
                    "cannot wait T-2611-0001: it is waiting; allowed now: assign, arrive, part, "
                    "workshop in, resume, resolve, fee, cancel, extend, reclass");
  // Waited 28 Sep 10:00 to 30 Sep 10:00: 6 h + 7.5 h + 1.5 h of working time, and the deadline
  // (30 Sep 17:30) moves on by 15 working hours: past National Day to 9 Oct 17:30.
  record::commit_event(rules(), r, decide_resume(r, at("2026-09-30 10:00")));
  CHECK(r.status() == "on_site");
  CHECK(r.fields.find("waiting") == nullptr);
  CHECK(due(r, "resolve") == "2026-10-09T17:30:00+08:00");
  CHECK(r.history.back().data.get("paused") == "15h");
}

TEST_CASE("an emergency's wall-clock resolve deadline moves by the wall time waited") {
  NewTicket t = urban_call();
  t.priority = "emergency";
  Record r = registered(t, "2026-11-23 09:00");
  record::commit_event(rules(), r, decide_assign(r, "李四", {}, at("2026-11-23 09:05")));
  record::commit_event(rules(), r, decide_wait(r, "等客户", at("2026-11-23 10:00")));
  record::commit_event(rules(), r,
                       decide_arrive(r, at("2026-11-23 13:30")));  // arriving ends the wait
  CHECK(r.status() == "on_site");
  CHECK(due(r, "resolve") == "2026-11-24T12:30:00+08:00");
}

TEST_CASE("workshop in and out") {
  Record r = registered(urban_call());
  record::commit_event(rules(), r, decide_assign(r, "李四", {}, at("2026-11-23 09:05")));
  record::commit_event(rules(), r, decide_arrive(r, at("2026-11-23 10:00")));
  record::commit_event(rules(), r, decide_workshop(r, "in", "RC-1", at("2026-11-23 11:00")));
  CHECK(r.status() == "workshop");
  CHECK(due(r, "workshop") == "2026-11-30T11:00:00+08:00");
  record::commit_event(rules(), r, decide_wait(r, "等进口配件", at("2026-11-24 09:00")));
  CHECK_THROWS_WITH(
      decide_workshop(r, "in", "", at("2026-11-24 10:00")),
      "cannot workshop in T-2611-0001: it is waiting; allowed now: assign, arrive, part, "
      "workshop out, resume, resolve, fee, cancel, extend, reclass");
  CHECK(r.fields.find("workshop")->get("receipt") == "RC-1");
  CHECK(refusal_code([&] { decide_workshop(r, "in", "", at("2026-11-23 12:00")); }) == 1);
  record::commit_event(rules(), r, decide_workshop(r, "out", "", at("2026-11-26 11:00")));
  CHECK(r.status() == "on_site");
  CHECK(r.fields.find("done")->get("workshop") == "2026-11-26T11:00:00+08:00");
  CHECK(refusal_code([&] { decide_workshop(r, "sideways", "", at("2026-11-26 12:00")); }) == 2);
}

TEST_CASE("extension keeps the original and records whether it came in time") {
  Record r = registered(urban_call());
  Time later = local("2026-11-30 17:30");
  CHECK_THROWS_WITH(decide_extend(r, "resolve", local("2026-11-20 10:00"), "配件", "王经理",
                                  at("2026-11-23 10:00")),
                    "the new resolve deadline must be later than 2026-11-26T17:30:00+08:00");
  record::commit_event(
      rules(), r, decide_extend(r, "resolve", later, "进口配件", "王经理", at("2026-11-24 10:00")));
  CHECK(due(r, "resolve") == "2026-11-30T17:30:00+08:00");
  CHECK(r.fields.find("due_original")->get("resolve") == "2026-11-26T17:30:00+08:00");
  CHECK(r.fields.find("extensions")->items[0].get("approved") == "before_due");
  record::commit_event(
      rules(), r,
      decide_extend(r, "resolve", later + 86400, "再延", "王经理", at("2026-12-01 10:00")));
  CHECK(r.fields.find("due_original")->get("resolve") == "2026-11-26T17:30:00+08:00");
  CHECK(r.fields.find("extensions")->items[1].get("approved") == "after_due");
  CHECK(refusal_code(
            [&] { decide_extend(r, "follow_up", later, "x", "y", at("2026-12-01 11:00")); }) == 2);
  CHECK(record::compare_with_replay(rules(), r).empty());
}

TEST_CASE("reopen clears the resolution's traces") {
  Record r = registered(urban_call());
  record::commit_event(rules(), r, decide_assign(r, "李四", {}, at("2026-11-23 09:05")));
  record::commit_event(rules(), r, decide_resolve(r, "复位", "", at("2026-11-23 10:00"), true));
  record::commit_event(rules(), r, decide_sign(r, "赵六", at("2026-11-23 10:01")));
  record::commit_event(rules(), r, decide_reopen(r, "故障复现", at("2026-11-24 10:00")));
  CHECK(r.status() == "assigned");
  CHECK(r.fields.find("sign_off") == nullptr);
  CHECK(r.fields.find("remote") == nullptr);
  // The fix by phone was the response, and that happened; with the fix taken back the call
  // has its arrival step again, overdue: it was due on the 23rd.
  CHECK(r.fields.find("done")->get("respond") == "2026-11-23T10:00:00+08:00");
  CHECK(r.fields.find("done")->find("resolve") == nullptr);
  CHECK(r.fields.find("due")->find("arrive") != nullptr);
  CHECK(record::step_states(rules(), r.fields, local("2026-11-24 10:00"), 8 * 3600)[1].state ==
        "overdue");
  CHECK(r.fields.find("due")->find("follow_up") == nullptr);
  CHECK(record::compare_with_replay(rules(), r).empty());
}

TEST_CASE("a backfilled event goes into the history in time order and the summary is replayed") {
  Record r = registered(urban_call());  // new at 2026-11-23 09:00
  CHECK_THROWS_WITH(
      record::commit_event(rules(), r, decide_assign(r, "李四", {}, at("2026-11-22 09:00"))),
      "cannot assign T-2611-0001 at 2026-11-22T09:00:00+08:00: it was not "
      "registered then");
  record::commit_event(rules(), r, decide_assign(r, "李四", {}, at("2026-11-23 09:05")));
  record::commit_event(rules(), r, decide_note(r, "客户来电", at("2026-11-23 11:00")));
  // Arrival logged late: it goes between the assignment and the note.
  Record then = record::as_at(rules(), r, *parse_time("2026-11-23T10:00:00+08:00", 0));
  CHECK(then.history.size() == 2);
  record::commit_event(rules(), r, decide_arrive(then, at("2026-11-23 10:00")));
  REQUIRE(r.history.size() == 4);
  CHECK(r.history[2].action == "arrive");
  CHECK(r.history[3].action == "note");
  CHECK(r.status() == "on_site");
  CHECK(r.fields.find("done")->get("arrive") == "2026-11-23T10:00:00+08:00");
  CHECK(record::compare_with_replay(rules(), r).empty());
  // A cancel backfilled before the arrival would make the arrival impossible: refused.
  CHECK_THROWS_WITH(
      record::commit_event(rules(), r, decide_cancel(then, "客户撤销", at("2026-11-23 09:30"))),
      "cancel at 2026-11-23T09:30:00+08:00 would come before arrive of T-2611-0001 at "
      "2026-11-23T10:00:00+08:00, which could then no longer happen; record it at a later time, "
      "or undo the later action first");
  CHECK(r.history.size() == 4);
}

TEST_CASE("reclass and edit are events that replay") {
  Record r = registered(urban_call());
  record::commit_event(rules(), r, decide_reclass(r, "C", "三包期内", at("2026-11-23 10:00")));
  CHECK(r.fields.get("service_class") == "C");
  Value changes = Value::map();
  changes.set("customer", Value::map()).set_text("phone", "021-5555");
  changes.set_text("description", "漏油");
  record::commit_event(rules(), r, decide_edit(r, changes, at("2026-11-23 11:00")));
  CHECK(r.fields.find("customer")->get("phone") == "021-5555");
  CHECK(r.fields.find("customer")->get("name") == "华东机械厂");
  CHECK(record::compare_with_replay(rules(), r).empty());
  Value bad = Value::map();
  bad.set_plain("status", "closed");
  CHECK(refusal_code([&] { decide_edit(r, bad, at("2026-11-23 12:00")); }) == 1);
}

TEST_CASE("a record written, read back and written again changes no byte") {
  NewTicket t = urban_call();
  t.phone = "13800138000";
  t.description = "yes: 漏油, \"急\"";
  Record r = registered(t, "2026-09-24 16:00");
  record::commit_event(rules(), r, decide_assign(r, "李四", {"王五"}, at("2026-09-24 16:10")));
  record::commit_event(rules(), r, decide_arrive(r, at("2026-09-28 09:00")));
  record::commit_event(rules(), r,
                       decide_part(r, "轴承 6204", 2, "35.5", true, at("2026-09-28 09:30")));
  record::commit_event(rules(), r, decide_wait(r, "等配件", at("2026-09-28 10:00")));
  record::commit_event(rules(), r, decide_resume(r, at("2026-09-30 10:00")));
  record::commit_event(rules(), r, decide_resolve(r, "更换", "2", at("2026-09-30 11:00")));
  std::string first = store::record_text(r);
  std::vector<store::Problem> problems;
  Record again = store::record_from_value(store::parse_yaml(first, "t.yaml"), "t.yaml", problems);
  CHECK(problems.empty());
  CHECK(store::record_text(again) == first);
  CHECK(record::compare_with_replay(rules(), again).empty());
}

TEST_CASE("a summary that differs from its history is found") {
  Record r = registered(urban_call());
  r.fields.set_plain("status", "closed");
  auto found = record::compare_with_replay(rules(), r);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "'status' is closed but the history gives new");
}

TEST_CASE("warranty end follows the Civil Code (art. 201-202) for periods in months") {
  NewTicket t;
  t.purchased = "2026-01-31";
  t.warranty_months = 1;
  CHECK(format_date(*warranty_end(t)) == "2026-02-28");  // February has no 31st
  t.purchased = "2026-03-15";
  t.warranty_months = 12;
  CHECK(format_date(*warranty_end(t)) == "2027-03-15");
  t.purchased = "2024-02-29";
  CHECK(format_date(*warranty_end(t)) == "2025-02-28");
  t.purchased = "2026-11-30";
  t.warranty_months = 3;
  CHECK(format_date(*warranty_end(t)) == "2027-02-28");
}

TEST_CASE("each trip to the workshop has its own deadline and its own met or late state") {
  Record r = registered(urban_call());
  record::commit_event(rules(), r, decide_assign(r, "李四", {}, at("2026-11-23 09:05")));
  record::commit_event(rules(), r, decide_arrive(r, at("2026-11-23 10:00")));
  record::commit_event(rules(), r, decide_workshop(r, "in", "RC-1", at("2026-11-23 11:00")));
  record::commit_event(rules(), r,
                       decide_workshop(r, "out", "", at("2026-11-25 11:00")));  // 2 days: met
  record::commit_event(rules(), r, decide_workshop(r, "in", "RC-2", at("2026-11-26 11:00")));
  CHECK(due(r, "workshop") == "2026-11-30T11:00:00+08:00");
  CHECK(due(r, "workshop_2") == "2026-12-03T11:00:00+08:00");
  CHECK(r.fields.find("workshop")->get("trip") == "2");
  auto states = record::step_states(rules(), r.fields, local("2026-12-04 09:00"), 8 * 3600);
  REQUIRE(states.size() == 5);
  CHECK(states[3].step == "workshop");
  CHECK(states[3].state == "met");
  CHECK(states[4].step == "workshop_2");
  CHECK(states[4].state == "overdue");
  record::commit_event(rules(), r, decide_workshop(r, "out", "", at("2026-12-04 10:00")));
  states = record::step_states(rules(), r.fields, local("2026-12-04 10:00"), 8 * 3600);
  CHECK(states[3].state == "met");
  CHECK(states[4].state == "late");
  CHECK(r.fields.find("done")->get("workshop") == "2026-11-25T11:00:00+08:00");
  CHECK(record::compare_with_replay(rules(), r).empty());
  CHECK(record::check_history(rules(), r).empty());
}

TEST_CASE("a wait that begins after the deadline passed does not move it") {
  Record r = registered(urban_call(), "2026-11-23 09:00");  // resolve due 11-26 17:30
  record::commit_event(rules(), r, decide_assign(r, "李四", {}, at("2026-11-23 09:05")));
  record::commit_event(rules(), r, decide_arrive(r, at("2026-11-23 10:00")));
  record::commit_event(rules(), r, decide_wait(r, "等配件", at("2026-11-27 09:00")));
  record::commit_event(rules(), r, decide_resume(r, at("2026-11-30 09:00")));
  CHECK(due(r, "resolve") == "2026-11-26T17:30:00+08:00");
  CHECK(r.history.back().data.find("paused") == nullptr);
}

TEST_CASE("a short wait moves a workdays deadline by the working time waited, not a whole day") {
  Record r = registered(urban_call(), "2026-11-23 09:00");  // resolve due 11-26 17:30
  record::commit_event(rules(), r, decide_assign(r, "李四", {}, at("2026-11-23 09:05")));
  record::commit_event(rules(), r, decide_wait(r, "等客户", at("2026-11-24 10:00")));
  record::commit_event(rules(), r, decide_resume(r, at("2026-11-24 11:30")));  // 1.5 working hours
  CHECK(due(r, "resolve") == "2026-11-27T10:00:00+08:00");
  CHECK(r.history.back().data.get("paused") == "1h 30m");
}

TEST_CASE("an extension approved after the deadline passed stays late everywhere") {
  Record r = registered(urban_call(), "2026-11-23 09:00");  // arrive due 11-23 16:30
  record::commit_event(rules(), r, decide_assign(r, "李四", {}, at("2026-11-23 09:05")));
  record::commit_event(rules(), r, decide_respond(r, at("2026-11-23 09:10")));
  record::commit_event(rules(), r,
                       decide_extend(r, "arrive", local("2026-11-24 12:00"), "堵车", "王经理",
                                     at("2026-11-23 17:00")));
  CHECK(r.fields.find("extensions")->items[0].get("approved") == "after_due");
  auto states = record::step_states(rules(), r.fields, local("2026-11-24 09:00"), 8 * 3600);
  CHECK(states[1].step == "arrive");
  // Judged against the deadline before the extension: overdue since 11-23 16:30, not pending.
  CHECK(states[1].state == "overdue");
  CHECK(states[1].due == local("2026-11-23 16:30"));
  CHECK(states[1].planned == local("2026-11-24 12:00"));
  CHECK(record::next_due(states)->step == "arrive");
  record::commit_event(rules(), r,
                       decide_arrive(r, at("2026-11-24 10:00")));  // within the new deadline
  states = record::step_states(rules(), r.fields, local("2026-11-24 10:00"), 8 * 3600);
  CHECK(states[1].state == "late");
  // One approved in time is judged by the new deadline.
  Record ok = registered(urban_call(), "2026-11-23 09:00");
  record::commit_event(rules(), ok,
                       decide_extend(ok, "arrive", local("2026-11-24 12:00"), "客户改约", "王经理",
                                     at("2026-11-23 10:00")));
  record::commit_event(rules(), ok, decide_assign(ok, "李四", {}, at("2026-11-23 10:05")));
  record::commit_event(rules(), ok, decide_arrive(ok, at("2026-11-24 10:00")));
  CHECK(record::step_states(rules(), ok.fields, local("2026-11-24 10:00"), 8 * 3600)[1].state ==
        "met");
}

TEST_CASE("reopen clears what the reopen undoes") {
  Record r = registered(urban_call());
  record::commit_event(rules(), r, decide_assign(r, "李四", {}, at("2026-11-23 09:05")));
  record::commit_event(rules(), r, decide_arrive(r, at("2026-11-23 10:00")));
  record::commit_event(rules(), r, decide_resolve(r, "更换轴承", "2", at("2026-11-23 11:00")));
  record::commit_event(rules(), r, decide_sign(r, "陈工", at("2026-11-23 11:05")));
  record::commit_event(rules(), r, decide_follow_up(r, "满意", at("2026-11-23 15:00")));
  record::commit_event(rules(), r, decide_reopen(r, "故障复现", at("2026-11-24 09:00")));
  for (const char* gone : {"resolution", "labour_hours", "sign_off", "closed", "follow_up"})
    CHECK_MESSAGE(r.fields.find(gone) == nullptr, gone);
  CHECK(r.fields.find("done")->find("resolve") == nullptr);
  CHECK(r.fields.find("done")->find("follow_up") == nullptr);
  CHECK(r.fields.find("due")->find("follow_up") == nullptr);
  CHECK(r.fields.find("done")->get("arrive") == "2026-11-23T10:00:00+08:00");  // that happened
  CHECK(record::compare_with_replay(rules(), r).empty());
}

TEST_CASE("a hand edit of what deadlines and the class were computed from makes them follow") {
  NewTicket t = urban_call();
  t.purchased = "2025-06-01";
  t.warranty_months = 12;
  Record r = registered(t, "2026-11-23 09:00");  // out of warranty: class A
  CHECK(r.fields.get("service_class") == "A");
  CHECK(due(r, "arrive") == "2026-11-23T16:30:00+08:00");
  // The purchase was in fact a year later: warranty runs to 2027-06-01, class C.
  Value changes = Value::map();
  changes.set("product", Value::map()).set_plain("purchased", "2026-06-01");
  record::commit_event(rules(), r, decide_edit(r, changes, at("2026-11-23 09:30")));
  CHECK(r.fields.find("product")->get("warranty_until") == "2027-06-01");
  CHECK(r.fields.get("service_class") == "C");
  // An emergency after all: the open deadlines are counted again from registration.
  Value urgent = Value::map();
  urgent.set_plain("priority", "emergency");
  record::commit_event(rules(), r, decide_edit(r, urgent, at("2026-11-23 09:40")));
  CHECK(due(r, "respond") == "2026-11-23T09:30:00+08:00");
  CHECK(due(r, "arrive") == "2026-11-23T09:30:00+08:00");
  CHECK(due(r, "resolve") == "2026-11-24T09:00:00+08:00");
  CHECK(record::compare_with_replay(rules(), r).empty());
  CHECK(record::check_history(rules(), r).empty());
  // The class itself changes through reclass, with a reason.
  Value cls = Value::map();
  cls.set_plain("service_class", "B");
  CHECK_THROWS_WITH(decide_edit(r, cls, at("2026-11-23 09:50")),
                    "'service_class' cannot be edited by hand; use: svc ticket reclass ID --to X "
                    "--reason TEXT");
  // Text typed in an editor stays text, so no reader turns a phone number into a number.
  Value phone = Value::map();
  phone.set("customer", Value::map()).set_plain("phone", "13800138000");
  record::commit_event(rules(), r, decide_edit(r, phone, at("2026-11-23 09:55")));
  CHECK(r.fields.find("customer")->find("phone")->kind == Value::Kind::text);
}

TEST_CASE("keys are put in the kind's order at every depth, conflicts and unknown keys last") {
  Value due = Value::map();
  due.set_plain("resolve", "c");
  due.set_plain("respond", "a");
  due.set_plain("arrive", "b");
  Value f = Value::map();
  f.set_plain("zz_local", "1");  // unknown keys keep the order they came in
  f.set("conflicts", Value::list());
  f.set_plain("status", "new");
  f.set_plain("aa_local", "2");
  f.set("due", due);
  f.set_plain("id", "T-2611-0001");
  record::canonical_order(rules(), f);
  std::vector<std::string> keys, steps;
  for (const auto& [k, v] : f.entries) keys.push_back(k);
  for (const auto& [k, v] : f.find("due")->entries) steps.push_back(k);
  CHECK(keys ==
        std::vector<std::string>{"id", "status", "due", "conflicts", "zz_local", "aa_local"});
  CHECK(steps == std::vector<std::string>{"respond", "arrive", "resolve"});
  CHECK(f.find("due")->get("arrive") == "b");
  CHECK(f.get("aa_local") == "2");
  Value again = f;
  record::canonical_order(rules(), again);  // in order already: unchanged
  CHECK(again == f);
}
