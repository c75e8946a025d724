// The history union and the merge of two versions of a record (SPEC §9).
#include "svc/domain/merge.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "helpers.hpp"
#include "svc/domain/complaint.hpp"
#include "svc/domain/ticket.hpp"

using namespace svc;
using svc::test::local;

namespace {

Context at(const char* when, const char* who = "张三") {
  return {{local(when), who}, test::shipped()};
}

Record new_ticket(const char* when = "2026-11-23 09:00", const char* customer = "华东机械厂") {
  ticket::NewTicket t;
  t.customer = customer;
  t.zone = "urban";
  Record r;
  r.id = "T-2611-0001";
  r.fields.set_plain("id", r.id);
  record::commit_event(ticket::rules(), r, ticket::decide_new(t, at(when)));
  return r;
}

Event note(Time t, const std::string& text, const std::string& by = "甲") {
  Event e;
  e.at = format_time(t, 8 * 3600);
  e.by = by;
  e.action = "note";
  e.data.set_text("text", text);
  return e;
}

std::vector<std::string> actions(const Record& r) {
  std::vector<std::string> out;
  for (const auto& e : r.history) out.push_back(e.action + "/" + e.by);
  return out;
}

// `sub` appears in `all` in the same order (not necessarily next to each other).
bool subsequence(const std::vector<Event>& sub, const std::vector<Event>& all) {
  size_t i = 0;
  for (const auto& e : all)
    if (i < sub.size() && record::same_event(sub[i], e)) ++i;
  return i == sub.size();
}

size_t count(const std::vector<Event>& list, const Event& e) {
  return static_cast<size_t>(std::count_if(
      list.begin(), list.end(), [&](const Event& x) { return record::same_event(x, e); }));
}

}  // namespace

TEST_CASE("the same ticket changed in two clones: both sides' events once each, time order") {
  Record base = new_ticket();
  Record ours = base, theirs = base;
  // One clone assigns and notes; the other assigns, arrives and notes.
  record::commit_event(ticket::rules(), ours,
                       ticket::decide_assign(ours, "李四", {}, at("2026-11-23 09:10", "甲")));
  record::commit_event(ticket::rules(), ours,
                       ticket::decide_note(ours, "已电话联系", at("2026-11-23 09:40", "甲")));
  record::commit_event(ticket::rules(), theirs,
                       ticket::decide_assign(theirs, "李四", {}, at("2026-11-23 09:20", "李四")));
  record::commit_event(ticket::rules(), theirs,
                       ticket::decide_arrive(theirs, at("2026-11-23 10:30", "李四")));
  record::commit_event(ticket::rules(), theirs,
                       ticket::decide_note(theirs, "更换滤芯", at("2026-11-23 10:50", "李四")));

  Record merged = record::merge(ticket::rules(), ours, theirs);
  CHECK(actions(merged) == std::vector<std::string>{"new/张三", "assign/甲", "assign/李四",
                                                    "note/甲", "arrive/李四", "note/李四"});
  CHECK(merged.status() == "on_site");
  CHECK(merged.fields.get("assignee") == "李四");
  CHECK(merged.fields.find("conflicts") == nullptr);
  CHECK(record::compare_with_replay(ticket::rules(), merged).empty());
  // The other way round gives the same record.
  Record back = record::merge(ticket::rules(), theirs, ours);
  CHECK(back.fields == merged.fields);
  CHECK(actions(back) == actions(merged));
  // Merging again changes nothing.
  CHECK(actions(record::merge(ticket::rules(), merged, ours)) == actions(merged));
}

TEST_CASE("an event the merged order makes impossible is kept and listed under conflicts") {
  Record base = new_ticket();
  record::commit_event(ticket::rules(), base,
                       ticket::decide_assign(base, "李四", {}, at("2026-11-23 09:10")));
  Record ours = base, theirs = base;
  record::commit_event(ticket::rules(), ours,
                       ticket::decide_cancel(ours, "客户已自行修好", at("2026-11-23 10:00")));
  record::commit_event(ticket::rules(), theirs,
                       ticket::decide_arrive(theirs, at("2026-11-23 11:00", "李四")));
  Record merged = record::merge(ticket::rules(), ours, theirs);
  REQUIRE(merged.history.size() == 4);
  CHECK(merged.status() == "cancelled");
  const Value* c = merged.fields.find("conflicts");
  REQUIRE(c);
  REQUIRE(c->items.size() == 1);
  CHECK(c->items[0].get("do") == "arrive");
  CHECK(c->items[0].get("by") == "李四");
  CHECK(c->items[0].get("status") == "cancelled");
  auto found = record::check_history(ticket::rules(), merged);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message ==
        "event 4 (arrive by 李四) is not allowed when the ticket is cancelled; it is kept but left "
        "out of the summary until settled: svc ticket settle T-2611-0001");
  CHECK(record::compare_with_replay(ticket::rules(), merged).empty());

  // The office keeps the cancel and settles: the conflict leaves the summary, the events stay.
  record::commit_event(
      ticket::rules(), merged,
      record::decide_settle(ticket::rules(), merged, "已与师傅核实", at("2026-11-23 12:01")));
  CHECK(merged.fields.find("conflicts") == nullptr);
  CHECK(merged.history.back().data.find("settles")->items.at(0).scalar ==
        "2026-11-23T11:00:00+08:00");
  CHECK(record::check_history(ticket::rules(), merged).empty());
  CHECK(record::compare_with_replay(ticket::rules(), merged).empty());
  CHECK_THROWS_WITH(
      record::decide_settle(ticket::rules(), merged, "", at("2026-11-23 12:02")),
      "T-2611-0001 has nothing to settle: no event of its history was left out of its summary");
}

TEST_CASE("two records created apart under one ID are never folded together") {
  Record a = new_ticket("2026-11-23 09:00", "华东机械厂");
  Record b = new_ticket("2026-11-23 09:30", "西湖饭店");
  CHECK(record::different_records(a, b) ==
        "T-2611-0001 was created twice, in two clones (by 张三 at 2026-11-23T09:00:00+08:00, "
        "customer 华东机械厂; by 张三 at 2026-11-23T09:30:00+08:00, customer 西湖饭店)");
  CHECK(record::different_records(a, a) == "");
}

TEST_CASE("unknown keys of both sides survive a merge, ours first") {
  Record ours = new_ticket(), theirs = ours;
  ours.fields.set_text("x_ours", "1");
  theirs.fields.set_text("x_theirs", "2");
  theirs.fields.set_text("x_ours", "other");
  Record merged = record::merge(ticket::rules(), ours, theirs);
  CHECK(merged.fields.get("x_ours") == "1");
  CHECK(merged.fields.get("x_theirs") == "2");
}

TEST_CASE("a complaint merges through the same machinery") {
  complaint::NewComplaint n;
  n.customer = "华东机械厂";
  n.category = "quality";
  n.description = "外壳划伤";
  Record base;
  base.id = "C-2611-001";
  base.fields.set_plain("id", base.id);
  record::commit_event(complaint::rules(), base, complaint::decide_new(n, at("2026-11-23 09:00")));
  Record ours = base, theirs = base;
  record::commit_event(complaint::rules(), ours,
                       complaint::decide_ack(ours, at("2026-11-23 09:30")));
  record::commit_event(complaint::rules(), theirs,
                       complaint::decide_note(theirs, "客户再次来电", at("2026-11-23 09:20")));
  Record merged = record::merge(complaint::rules(), ours, theirs);
  CHECK(merged.history.size() == 3);
  CHECK(merged.history[1].action == "note");
  CHECK(merged.status() == ours.status());
  CHECK(record::compare_with_replay(complaint::rules(), merged).empty());
}

TEST_CASE("lost events are found, repeats counted") {
  Time t = local("2026-11-23 09:00");
  std::vector<Event> before{note(t, "a"), note(t, "a"), note(t + 60, "b")};
  CHECK(record::lost_events(before, before).empty());
  auto lost = record::lost_events(before, {note(t, "a")});
  REQUIRE(lost.size() == 2);
  CHECK(lost[0].data.get("text") == "a");
  CHECK(lost[1].data.get("text") == "b");
}

TEST_CASE("property: every event of every side once, time order, any merge order") {
  std::mt19937 rng(20261126);
  const Time t0 = local("2026-11-23 09:00");
  for (int round = 0; round < 200; ++round) {
    // A shared start, then four clones each adding events; times collide often (a frozen
    // clock), texts repeat, and a clone sometimes has pulled another's events before its own.
    std::vector<Event> base;
    for (int i = 0, n = static_cast<int>(rng() % 4); i < n; ++i)
      base.push_back(note(t0 + 60 * i, fmt::format("b{}", i)));
    std::vector<std::vector<Event>> sides(4, base);
    for (int s = 0; s < 4; ++s) {
      Time t = t0 + 300;
      for (int i = 0, n = static_cast<int>(rng() % 5); i < n; ++i) {
        t += 60 * static_cast<Time>(rng() % 3);  // 0: the same instant as the one before
        sides[s].push_back(note(t, fmt::format("t{}", rng() % 3), fmt::format("s{}", s)));
      }
    }
    if (rng() % 2) sides[3] = record::unite(sides[3], sides[0]);

    std::vector<int> order{0, 1, 2, 3};
    std::vector<Event> first;
    do {
      // Left to right, and as two pairs merged together.
      std::vector<Event> left = sides[order[0]];
      for (int k = 1; k < 4; ++k) left = record::unite(left, sides[order[k]]);
      std::vector<Event> pairs = record::unite(record::unite(sides[order[0]], sides[order[1]]),
                                               record::unite(sides[order[2]], sides[order[3]]));
      if (first.empty()) first = left;
      REQUIRE(left.size() == first.size());
      for (size_t i = 0; i < left.size(); ++i) {
        CHECK(record::same_event(left[i], first[i]));
        CHECK(record::same_event(pairs[i], first[i]));
      }
    } while (std::next_permutation(order.begin(), order.end()));

    for (size_t i = 1; i < first.size(); ++i)
      CHECK(*parse_time(first[i - 1].at, 0) <= *parse_time(first[i].at, 0));
    for (const auto& side : sides) {
      CHECK(subsequence(side, first));
      for (const auto& e : side) {
        size_t most = 0;
        for (const auto& other : sides) most = std::max(most, count(other, e));
        CHECK(count(first, e) == most);
      }
    }
    for (const auto& e : first) {
      bool somewhere = false;
      for (const auto& side : sides) somewhere = somewhere || count(side, e) > 0;
      CHECK(somewhere);
    }
  }
}
