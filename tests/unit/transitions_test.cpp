// Every status reached through real events; what each allows, and that the rest is refused.
#include <doctest/doctest.h>

#include <functional>
#include <map>

#include "helpers.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/ticket.hpp"

using namespace svc;
using namespace svc::ticket;

namespace {

Context at(const char* when) { return {{test::local(when), "张三"}, test::shipped()}; }

Record in_status(const std::string& status) {
  NewTicket t;
  t.customer = "甲";
  t.zone = "urban";
  Record r;
  r.id = "T-2611-0001";
  r.fields.set_plain("id", r.id);
  record::commit_event(rules(), r, decide_new(t, at("2026-11-23 09:00")));
  if (status == "new") return r;
  if (status == "cancelled") {
    record::commit_event(rules(), r, decide_cancel(r, "重复报修", at("2026-11-23 09:10")));
    return r;
  }
  record::commit_event(rules(), r, decide_assign(r, "李四", {}, at("2026-11-23 09:10")));
  if (status == "assigned") return r;
  record::commit_event(rules(), r, decide_arrive(r, at("2026-11-23 10:00")));
  if (status == "on_site") return r;
  if (status == "workshop") {
    record::commit_event(rules(), r, decide_workshop(r, "in", "RC-1", at("2026-11-23 11:00")));
    return r;
  }
  if (status == "waiting") {
    record::commit_event(rules(), r, decide_wait(r, "等配件", at("2026-11-23 11:00")));
    return r;
  }
  record::commit_event(rules(), r, decide_resolve(r, "更换", "1", at("2026-11-23 11:00")));
  record::commit_event(rules(), r, decide_sign(r, "甲", at("2026-11-23 11:05")));
  record::commit_event(rules(), r, decide_fee(r, "100", "paid", at("2026-11-23 11:06")));
  if (status == "resolved") return r;
  record::commit_event(rules(), r, decide_close(r, at("2026-11-23 11:10")));
  return r;
}

using Attempt = std::function<Event(const Record&, const Context&)>;

const std::map<std::string, Attempt>& attempts() {
  static const std::map<std::string, Attempt> all = {
      {"assign", [](auto& r, auto& c) { return decide_assign(r, "王五", {}, c); }},
      {"respond", [](auto& r, auto& c) { return decide_respond(r, c); }},
      {"arrive", [](auto& r, auto& c) { return decide_arrive(r, c); }},
      {"part", [](auto& r, auto& c) { return decide_part(r, "轴承", 1, "", false, c); }},
      {"workshop in", [](auto& r, auto& c) { return decide_workshop(r, "in", "", c); }},
      {"workshop out", [](auto& r, auto& c) { return decide_workshop(r, "out", "", c); }},
      {"wait", [](auto& r, auto& c) { return decide_wait(r, "等", c); }},
      {"resume", [](auto& r, auto& c) { return decide_resume(r, c); }},
      {"resolve",
       [](auto& r, auto& c) {
         const Value* done = r.fields.find("done");  // no visit: fixed by phone
         return decide_resolve(r, "修好", "", c, !(done && done->find("arrive")));
       }},
      {"sign", [](auto& r, auto& c) { return decide_sign(r, "甲", c); }},
      {"fee", [](auto& r, auto& c) { return decide_fee(r, "10", "paid", c); }},
      {"close", [](auto& r, auto& c) { return decide_close(r, c); }},
      {"cancel", [](auto& r, auto& c) { return decide_cancel(r, "x", c); }},
      {"reopen", [](auto& r, auto& c) { return decide_reopen(r, "x", c); }},
      {"extend",
       [](auto& r, auto& c) {
         return decide_extend(r, "resolve", test::local("2026-12-31 17:30"), "x", "王经理", c);
       }},
      {"follow-up", [](auto& r, auto& c) { return decide_follow_up(r, "好", c); }},
      {"reclass", [](auto& r, auto& c) { return decide_reclass(r, "D", "x", c); }},
  };
  return all;
}

}  // namespace

TEST_CASE("what each status allows, and that everything else is refused with exit 1") {
  const std::map<std::string, std::vector<std::string>> expected = {
      {"new", {"assign", "respond", "cancel", "extend", "reclass"}},
      {"assigned",
       {"assign", "respond", "arrive", "part", "wait", "resolve", "fee", "cancel", "extend",
        "reclass"}},
      {"on_site",
       {"assign", "part", "workshop in", "wait", "resolve", "sign", "fee", "cancel", "extend",
        "reclass"}},
      {"workshop", {"part", "workshop out", "wait", "fee", "cancel", "extend", "reclass"}},
      {"waiting",
       {"assign", "arrive", "part", "workshop in", "resume", "resolve", "fee", "cancel", "extend",
        "reclass"}},
      {"resolved", {"part", "sign", "fee", "close", "reopen", "follow-up", "reclass"}},
      {"closed", {"reopen", "follow-up"}},
      {"cancelled", {}},
  };
  for (const auto& [status, allowed] : expected) {
    Record r = in_status(status);
    REQUIRE(r.status() == status);
    CAPTURE(status);
    CHECK(record::allowed_actions(rules(), r.fields) == allowed);
    for (const auto& [action, attempt] : attempts()) {
      CAPTURE(action);
      bool listed = std::find(allowed.begin(), allowed.end(), action) != allowed.end();
      if (listed) {
        CHECK_NOTHROW(attempt(r, at("2026-11-24 09:00")));
      } else {
        try {
          attempt(r, at("2026-11-24 09:00"));
          FAIL("not refused");
        } catch (const Error& e) {
          CHECK(e.code() == Exit::refused);
        }
      }
    }
  }
}
