// References between records (SPEC §9): every kind's link table, relink in replay, the repeats a
// merge makes, and what check says of both ends of a link.
#include "svc/domain/links.hpp"

#include <doctest/doctest.h>

#include "helpers.hpp"
#include "svc/domain/complaint.hpp"
#include "svc/domain/returns.hpp"
#include "svc/domain/survey.hpp"
#include "svc/domain/ticket.hpp"

using namespace svc;
using svc::test::local;

namespace {

Context at(const char* when, const char* who = "张三") {
  return {{local(when), who}, test::shipped()};
}

// A function, not a table: the rules are built on first use, after the kinds' own statics.
std::vector<const KindRules*> kinds() {
  return {&ticket::rules(), &complaint::rules(), &returns::rules(), &survey::rules()};
}

// A call closed at `when`, its close naming `survey_id`.
Record closed_ticket(const char* id, const std::string& survey_id) {
  ticket::NewTicket t;
  t.customer = "华东机械厂";
  t.zone = "urban";
  t.internal = true;  // class D: no fee to settle before the close
  Record r{id, Value::map(), {}};
  r.fields.set_plain("id", id);
  record::commit_event(ticket::rules(), r, ticket::decide_new(t, at("2026-11-23 09:00")));
  record::commit_event(ticket::rules(), r,
                       ticket::decide_assign(r, "李四", {}, at("2026-11-23 09:10")));
  record::commit_event(ticket::rules(), r, ticket::decide_arrive(r, at("2026-11-23 09:40")));
  record::commit_event(ticket::rules(), r,
                       ticket::decide_resolve(r, "更换轴承", "1", at("2026-11-23 10:00")));
  record::commit_event(ticket::rules(), r, ticket::decide_sign(r, "赵六", at("2026-11-23 10:05")));
  Event close = ticket::decide_close(r, at("2026-11-23 10:10", "a"));
  close.data.set_plain("survey", survey_id);
  record::commit_event(ticket::rules(), r, close);
  return r;
}

Record survey_about(const char* id, const std::string& ticket_id, const char* when) {
  survey::NewSurvey n;
  n.template_name = "visit";
  n.customer = "华东机械厂";
  n.ticket = ticket_id;
  Record r{id, Value::map(), {}};
  r.fields.set_plain("id", id);
  record::commit_event(survey::rules(), r, survey::decide_new(n, at(when)));
  return r;
}

// The same close made in a second clone, as a merge unites it: refused where it stands.
Record closed_twice(const std::string& second_survey) {
  Record r = closed_ticket("T-2611-A-0001", "S-2611-A-0001");
  Event again = r.history.back();
  again.at = "2026-11-23T10:20:00+08:00";
  again.by = "b";
  again.data.set_plain("survey", second_survey);
  r.history.push_back(again);
  r.fields = record::replay(ticket::rules(), r.id, r.history);
  return r;
}

Record recorded(Record s, const char* when) {
  record::commit_event(survey::rules(), s,
                       survey::decide_record(s, {"attitude=4", "skill=4"}, "", false, at(when)));
  return s;
}

}  // namespace

TEST_CASE("every link of every kind names a kind, and its other end is a link of that kind") {
  for (const KindRules* k : kinds())
    for (const Link& l : k->links) {
      INFO(k->noun << "." << l.path);
      const KindRules* target = nullptr;
      for (const KindRules* t : kinds())
        if (t->noun == l.kind) target = t;
      REQUIRE(target);
      if (l.back.empty()) continue;
      bool back_is_link = false;
      for (const Link& b : target->links) back_is_link = back_is_link || b.path == l.back;
      CHECK(back_is_link);
    }
}

TEST_CASE("relink points the link fields that named the old ID at the new one, in replay too") {
  Record s = survey_about("S-2611-0001", "T-2611-0001", "2026-11-23 09:00");
  record::commit_event(survey::rules(), s,
                       record::relink_event("T-2611-0001", "T-2611-0002", at("2026-11-23 18:00")));
  CHECK(s.fields.find("links")->get("ticket") == "T-2611-0002");
  CHECK(s.status() == "pending");
  CHECK(record::replay(survey::rules(), s.id, s.history) == s.fields);
  CHECK(record::validate_common(survey::rules(), s).empty());
  // A relink naming another ID changes nothing.
  Record other = s;
  record::commit_event(survey::rules(), other,
                       record::relink_event("T-2611-0009", "T-2611-0010", at("2026-11-23 18:05")));
  CHECK(other.fields == s.fields);
  // Its keys are the machinery's, for every kind.
  Event bad = record::relink_event("T-2611-0002", "T-2611-0003", at("2026-11-23 18:10"));
  bad.data.set_plain("why", "x");
  s.history.push_back(bad);
  auto found = record::validate_common(survey::rules(), s);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message ==
        "event 'relink': unknown key 'why'; it holds only at, by, do, from, to");
}

TEST_CASE("a ticket relinked from its survey names the new one, its own other fields stay") {
  Record t = closed_ticket("T-2611-0001", "S-2611-0001");
  record::commit_event(ticket::rules(), t,
                       ticket::decide_follow_up(t, "满意", at("2026-11-24 09:00"), "S-2611-0001"));
  record::commit_event(ticket::rules(), t,
                       record::relink_event("S-2611-0001", "S-2611-0007", at("2026-11-24 10:00")));
  CHECK(t.fields.get("survey") == "S-2611-0007");
  CHECK(t.fields.find("follow_up")->get("survey") == "S-2611-0007");
  CHECK(t.fields.find("follow_up")->get("result") == "满意");
}

TEST_CASE("a close made in two clones is a repeat: the two surveys, and whether it is settled") {
  Record t = closed_twice("S-2611-B-0001");
  REQUIRE(record::conflict_count(t.fields) == 1);
  auto reps = record::repeats(ticket::rules(), t);
  REQUIRE(reps.size() == 1);
  CHECK(reps[0].action == "close");
  CHECK(reps[0].link->path == "survey");
  CHECK(reps[0].first == "S-2611-A-0001");
  CHECK(reps[0].second == "S-2611-B-0001");
  CHECK(!reps[0].settled);
  record::commit_event(ticket::rules(), t,
                       record::settle_repeat(reps[0], "两处关闭", at("2026-11-23 18:00")));
  CHECK(record::conflict_count(t.fields) == 0);
  reps = record::repeats(ticket::rules(), t);
  REQUIRE(reps.size() == 1);
  CHECK(reps[0].settled);
  // One close, or two closes that differ in more than their survey, are no repeat.
  CHECK(record::repeats(ticket::rules(), closed_ticket("T-2611-0001", "S-2611-0001")).empty());
}

TEST_CASE("check: a link to no record, and two ends that disagree, one line each") {
  record::LinkCheck c;
  Record t1 = closed_ticket("T-2611-0001", "S-2611-0001");
  Record t2 = closed_ticket("T-2611-0002", "S-2611-0002");
  c.add(ticket::rules(), t1);
  c.add(ticket::rules(), t2);
  c.add(survey::rules(), survey_about("S-2611-0001", "T-2611-0002", "2026-11-23 10:10"));
  c.add(survey::rules(), survey_about("S-2611-0002", "T-2611-0002", "2026-11-23 10:10"));
  c.add(survey::rules(), survey_about("S-2611-0003", "T-2611-0009", "2026-11-23 11:00"));
  CHECK(c.problems() ==
        std::vector<std::string>{
            "T-2611-0001: survey S-2611-0001, but S-2611-0001's links.ticket is T-2611-0002",
            "S-2611-0001: links.ticket T-2611-0002, but T-2611-0002's survey is S-2611-0002",
            "S-2611-0003: links.ticket T-2611-0009 is no record"});
}

TEST_CASE("check: the dropped duplicate of a call closed twice is no disagreement") {
  Record t = closed_twice("S-2611-B-0001");
  Record kept = survey_about("S-2611-A-0001", t.id, "2026-11-23 10:10");
  Record second = survey_about("S-2611-B-0001", t.id, "2026-11-23 10:20");
  record::commit_event(survey::rules(), second,
                       survey::decide_duplicate(second, kept.id, "第二份", at("2026-11-23 18:00")));
  CHECK(second.status() == "dropped");
  CHECK(survey::is_duplicate(second.fields));
  record::LinkCheck c;
  c.add(ticket::rules(), t);
  c.add(survey::rules(), kept);
  c.add(survey::rules(), second);
  CHECK(c.problems().empty());
  // An answered survey is never dropped as a duplicate.
  CHECK_THROWS(survey::decide_duplicate(recorded(kept, "2026-11-23 12:00"), second.id, "x",
                                        at("2026-11-23 18:00")));
}

TEST_CASE("check: two answered surveys for a call closed twice are named as a pair") {
  Record t = closed_twice("S-2611-B-0001");
  record::LinkCheck c;
  c.add(ticket::rules(), t);
  c.add(survey::rules(),
        recorded(survey_about("S-2611-A-0001", t.id, "2026-11-23 10:10"), "2026-11-23 12:00"));
  c.add(survey::rules(),
        recorded(survey_about("S-2611-B-0001", t.id, "2026-11-23 10:20"), "2026-11-23 12:30"));
  CHECK(c.problems() ==
        std::vector<std::string>{
            "T-2611-A-0001: two surveys for one ticket: S-2611-A-0001 and S-2611-B-0001, both "
            "recorded; its close was made in two clones and both count in the figures: compare "
            "them (svc survey show ID), amend one if need be, then accept the pair: svc ticket "
            "settle T-2611-A-0001"});
}

TEST_CASE("survey figures: a survey dropped as a duplicate is not sent, another drop is") {
  Record kept = survey_about("S-2611-0001", "T-2611-0001", "2026-11-23 10:10");
  Record second = survey_about("S-2611-0002", "T-2611-0001", "2026-11-23 10:20");
  Record unreachable = survey_about("S-2611-0003", "T-2611-0002", "2026-11-23 10:30");
  record::commit_event(survey::rules(), second,
                       survey::decide_duplicate(second, kept.id, "第二份", at("2026-11-23 18:00")));
  record::commit_event(survey::rules(), unreachable,
                       survey::decide_drop(unreachable, "三次联系不上", at("2026-11-23 18:00")));
  survey::Stats stats(test::shipped());
  for (const Record* r : {&kept, &second, &unreachable}) stats.add(r->fields);
  CHECK(stats.created() == 2);
  CHECK(stats.created_recorded() == 0);
}
