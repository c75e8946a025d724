// `void`: an event taken back stays in the history, out of the summary, for every kind.
#include "svc/domain/voids.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "helpers.hpp"
#include "svc/domain/complaint.hpp"
#include "svc/domain/merge.hpp"
#include "svc/domain/ticket.hpp"

using namespace svc;
using svc::test::local;

namespace {

Context at(const char* when, const char* who = "张三") {
  return {{local(when), who}, test::shipped()};
}

const KindRules& tickets() { return ticket::rules(); }

Record new_ticket() {
  ticket::NewTicket t;
  t.customer = "华东机械厂";
  t.zone = "urban";
  Record r;
  r.id = "T-2611-0001";
  r.fields.set_plain("id", r.id);
  record::commit_event(ticket::rules(), r, ticket::decide_new(t, at("2026-11-23 09:00")));
  return r;
}

// A ticket assigned to 李四, then (by mistake) to 王五: events 1 to 3.
Record assigned_twice() {
  Record r = new_ticket();
  record::commit_event(ticket::rules(), r,
                       ticket::decide_assign(r, "李四", {}, at("2026-11-23 09:10")));
  record::commit_event(ticket::rules(), r,
                       ticket::decide_assign(r, "王五", {}, at("2026-11-23 09:20")));
  return r;
}

void void_event(Record& r, const std::string& which, const char* when, const char* who = "张三",
                const KindRules& k = tickets()) {
  record::commit_event(k, r, record::decide_void(k, r, which, "派错人", at(when, who)));
}

bool sound(const KindRules& k, const Record& r) {
  return record::check_history(k, r).empty() && record::compare_with_replay(k, r).empty() &&
         record::validate_common(k, r).empty();
}

}  // namespace

TEST_CASE("replay leaves a voided event out, the event and its void stay in the history") {
  Record r = assigned_twice();
  void_event(r, "3", "2026-11-23 09:30");
  REQUIRE(r.history.size() == 4);
  CHECK(r.history[2].action == "assign");
  const Event& v = r.history[3];
  CHECK(v.action == "void");
  CHECK(v.data.get("reason") == "派错人");
  // The void holds a copy of the whole event it takes back: the same_event identity.
  auto target = record::voided_event(v);
  REQUIRE(target);
  CHECK(record::same_event(*target, r.history[2]));
  CHECK(r.fields.get("assignee") == "李四");
  CHECK(record::replay(tickets(), r.id, r.history) == r.fields);
  CHECK(sound(tickets(), r));
  CHECK(record::event_gist(tickets(), v) == "void (assign 王五)");
  CHECK(record::standing(r.history).size() == 3);
  // As it stood at 09:25, before the void: a voided event never happened, even then.
  CHECK(record::as_at(tickets(), r, local("2026-11-23 09:25")).fields.get("assignee") == "李四");
}

TEST_CASE("a voided step leaves its deadline to do again") {
  Record r = new_ticket();
  record::commit_event(ticket::rules(), r, ticket::decide_respond(r, at("2026-11-23 09:05")));
  auto state = [&](const Record& x) {
    for (const auto& s :
         record::step_states(tickets(), x.fields, local("2026-11-23 09:40"), 8 * 3600))
      if (s.step == "respond") return s.state;
    return std::string("none");
  };
  CHECK(state(r) == "met");
  void_event(r, "2", "2026-11-23 09:30");
  CHECK(state(r) == "pending");
  CHECK(r.fields.find("done") == nullptr);
  CHECK(sound(tickets(), r));
}

TEST_CASE("void names its event by number or by time") {
  Record r = assigned_twice();
  void_event(r, "2026-11-23T09:20", "2026-11-23 09:30");
  CHECK(r.fields.get("assignee") == "李四");
  Record same_time = new_ticket();
  record::commit_event(ticket::rules(), same_time,
                       ticket::decide_note(same_time, "a", at("2026-11-23 09:10")));
  record::commit_event(ticket::rules(), same_time,
                       ticket::decide_note(same_time, "b", at("2026-11-23 09:10")));
  CHECK_THROWS_WITH(
      record::decide_void(tickets(), same_time, "2026-11-23 09:10", "x", at("2026-11-23 09:30")),
      "T-2611-0001 has 2 events at 2026-11-23 09:10 (numbers 2, 3); give the number");
}

TEST_CASE("what void refuses, and why") {
  // The exit code and message of voiding event `which` of `x`; "done" when it was voided.
  auto refusal = [](Record& x, const std::string& which, const std::string& reason = "错",
                    const char* when = "2026-11-23 09:40") {
    try {
      record::commit_event(tickets(), x,
                           record::decide_void(tickets(), x, which, reason, at(when)));
    } catch (const Error& e) {
      return fmt::format("{}: {}", static_cast<int>(e.code()), e.what());
    }
    return std::string("done");
  };
  Record copy = assigned_twice();
  CHECK(refusal(copy, "3", " ") == "2: --reason must not be empty");
  CHECK(refusal(copy, "0") ==
        "2: T-2611-0001 has no event 0; svc ticket log T-2611-0001 numbers its events 1 to 3");
  CHECK(refusal(copy, "4") ==
        "2: T-2611-0001 has no event 4; svc ticket log T-2611-0001 numbers its events 1 to 3");
  CHECK(refusal(copy, "last") ==
        "2: --event 'last' is neither an event's number nor its time; svc ticket log "
        "T-2611-0001 numbers the events");
  CHECK(refusal(copy, "2026-11-23T09:15") ==
        "2: T-2611-0001 has no event at 2026-11-23T09:15; svc ticket log T-2611-0001 shows "
        "every event's time");
  CHECK(refusal(copy, "3", "错", "2026-11-23 09:15") ==
        "1: cannot void event 3 of T-2611-0001 at 2026-11-23T09:15:00+08:00: it happened later, "
        "at 2026-11-23T09:20:00+08:00");
  CHECK(refusal(copy, "1") ==
        "1: the record itself cannot be voided (event 1 registered T-2611-0001); end it "
        "instead: svc ticket cancel T-2611-0001");
  void_event(copy, "3", "2026-11-23 09:30");
  CHECK(refusal(copy, "3") ==
        "1: event 3 (assign) of T-2611-0001 is already voided (by 张三 at "
        "2026-11-23T09:30:00+08:00: 派错人)");
  CHECK(refusal(copy, "4") ==
        "1: event 4 of T-2611-0001 is a void, which cannot be voided; to have event 3 (assign) "
        "back, record it again");
  // An arrival needs the assignment: voiding it would leave the arrival impossible.
  Record arrived = new_ticket();
  record::commit_event(ticket::rules(), arrived,
                       ticket::decide_assign(arrived, "李四", {}, at("2026-11-23 09:10")));
  record::commit_event(ticket::rules(), arrived,
                       ticket::decide_arrive(arrived, at("2026-11-23 09:30", "李四")));
  Record before = arrived;
  CHECK(refusal(arrived, "2") ==
        "1: cannot void event 2 (assign) of T-2611-0001: event 3 (arrive at "
        "2026-11-23T09:30:00+08:00) could then no longer happen; void event 3 first");
  CHECK(arrived.history.size() == before.history.size());
  // Voiding the later event first, then the earlier one, is the way back.
  CHECK(refusal(arrived, "3") == "done");
  CHECK(refusal(arrived, "2") == "done");
  CHECK(arrived.status() == "new");
  CHECK(sound(tickets(), arrived));
}

TEST_CASE("the record itself: what ends it, or a note when nothing does") {
  complaint::NewComplaint n;
  n.customer = "华东机械厂";
  n.category = "quality";
  n.description = "外壳划伤";
  Record c;
  c.id = "C-2611-001";
  c.fields.set_plain("id", c.id);
  record::commit_event(complaint::rules(), c, complaint::decide_new(n, at("2026-11-23 09:00")));
  CHECK_THROWS_WITH(
      record::decide_void(complaint::rules(), c, "1", "错", at("2026-11-23 09:40")),
      "the record itself cannot be voided (event 1 registered C-2611-001); say what was wrong in "
      "a note instead: svc complaint note C-2611-001 TEXT");
  // A complaint's event through the same machinery: the ack taken back.
  record::commit_event(complaint::rules(), c, complaint::decide_ack(c, at("2026-11-23 09:30")));
  REQUIRE(c.fields.find("done"));
  void_event(c, "2", "2026-11-23 09:40", "张三", complaint::rules());
  CHECK(c.fields.find("done") == nullptr);
  CHECK(sound(complaint::rules(), c));
}

TEST_CASE("two clones void the same event: both voids kept, harmless") {
  Record base = assigned_twice();
  Record ours = base, theirs = base;
  void_event(ours, "3", "2026-11-23 09:30", "张三");
  void_event(theirs, "3", "2026-11-23 09:35", "李四");
  Record merged = record::merge(tickets(), ours, theirs);
  REQUIRE(merged.history.size() == 5);
  CHECK(merged.fields.get("assignee") == "李四");
  CHECK(merged.fields.find("conflicts") == nullptr);
  auto voids = record::voids_of(merged.history);
  CHECK(voids.by[2] == std::vector<size_t>{3, 4});
  CHECK(sound(tickets(), merged));
  // The same merge from the other side gives the same record.
  CHECK(record::merge(tickets(), theirs, ours).fields == merged.fields);
}

TEST_CASE("a void in one clone, an action that needs the voided event in another: a conflict") {
  Record base = new_ticket();
  record::commit_event(ticket::rules(), base,
                       ticket::decide_assign(base, "李四", {}, at("2026-11-23 09:10")));
  Record office = base, field = base;
  void_event(office, "2", "2026-11-23 09:30");
  CHECK(office.status() == "new");
  record::commit_event(ticket::rules(), field,
                       ticket::decide_arrive(field, at("2026-11-23 10:00", "李四")));
  Record merged = record::merge(tickets(), office, field);
  REQUIRE(merged.history.size() == 4);
  CHECK(merged.status() == "new");
  const Value* c = merged.fields.find("conflicts");
  REQUIRE(c);
  REQUIRE(c->items.size() == 1);
  CHECK(c->items[0].get("do") == "arrive");
  auto found = record::check_history(tickets(), merged);
  REQUIRE(found.size() == 1);
  CHECK(found[0].conflict);
  CHECK(record::compare_with_replay(tickets(), merged).empty());
  // Settled as any conflict is; the events all stay.
  record::commit_event(tickets(), merged,
                       record::decide_settle(tickets(), merged, "", at("2026-11-23 10:30")));
  CHECK(merged.fields.find("conflicts") == nullptr);
  CHECK(sound(tickets(), merged));
}

TEST_CASE("check names a void that names nothing it can take back") {
  Record r = assigned_twice();
  void_event(r, "3", "2026-11-23 09:30");
  Record edited = r;
  edited.history[3].data.find("event")->set_text("by", "赵六");
  auto found = record::check_history(tickets(), edited);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message ==
        "event 4 (void by 张三) names no event of the history (assign by 赵六 at "
        "2026-11-23T09:20:00+08:00)");
  Record of_new = r;
  Value& ref = *of_new.history[3].data.find("event");
  ref = Value::map(true);
  ref.set_plain("at", r.history[0].at);
  ref.set_text("by", r.history[0].by);
  ref.set_plain("do", "new");
  for (const auto& entry : r.history[0].data.entries) ref.entries.push_back(entry);
  found = record::check_history(tickets(), of_new);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "event 4 (void by 张三) names event 1 (new), which cannot be voided");
  Record bare = r;
  bare.history[3].data.erase("event");
  auto problems = record::validate_common(tickets(), bare);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message == "event 'void': no 'event' (the event it takes back)");
  Record unknown = r;
  unknown.history[3].data.set_text("n", "3");
  problems = record::validate_common(tickets(), unknown);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message ==
        "event 'void': unknown key 'n'; it holds only at, by, do, event, reason");
}
