#include "svc/domain/report.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "helpers.hpp"
#include "svc/domain/complaint.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/returns.hpp"
#include "svc/domain/survey.hpp"
#include "svc/domain/ticket.hpp"

using namespace svc;
using svc::test::local;
using svc::test::shipped;

namespace {

const int kOffset = 8 * 3600;

Context at(const std::string& when, const char* who = "前台小王") {
  return {{local(when), who}, shipped()};
}

int serial = 0;

// An urban repair call registered at `when` (arrival due 6 business hours later).
Record call(const std::string& when, const std::string& tech = "李四") {
  Record r;
  r.id = fmt::format("T-2611-{:04}", ++serial);
  r.fields.set_plain("id", r.id);
  ticket::NewTicket t;
  t.customer = "华东机械厂";
  t.zone = "urban";
  t.model = "KX-200";
  record::commit_event(ticket::rules(), r, ticket::decide_new(t, at(when)));
  if (!tech.empty())
    record::commit_event(ticket::rules(), r, ticket::decide_assign(r, tech, {}, at(when)));
  return r;
}

// Every kind's section of one period, as the monthly report holds them.
struct Periodic {
  ticket::Report tickets;
  complaint::Report complaints;
  returns::Report returns;
  survey::Report surveys;
  Periodic(const Settings& s, const report::Period& p)
      : tickets(s, p), complaints(s, p), returns(s, p), surveys(s, p) {}
  report::Measures measures() const {
    report::Measures m;
    for (const report::Section* section :
         std::initializer_list<const report::Section*>{&tickets, &complaints, &returns, &surveys})
      section->measure(m);
    return m;
  }
};

void arrive(Record& r, const std::string& when) {
  record::commit_event(ticket::rules(), r, ticket::decide_arrive(r, at(when)));
}

}  // namespace

TEST_CASE("periods: months, quarters, spans and the previous month, as local days") {
  auto m = report::month("2026-02", kOffset);
  CHECK(m.first == "2026-02-01");
  CHECK(m.last == "2026-02-28");
  CHECK(m.start == local("2026-02-01 00:00"));
  CHECK(m.end == local("2026-03-01 00:00"));
  auto q = report::quarter("2026Q4", kOffset);
  CHECK(q.first == "2026-10-01");
  CHECK(q.last == "2026-12-31");
  CHECK(report::previous_month(local("2026-01-03 08:00"), kOffset).name == "2025-12");
  CHECK(report::previous_month(local("2026-11-01 00:00"), kOffset).name == "2026-10");
  // Just before local midnight on 1 November it is still October.
  CHECK(report::previous_month(local("2026-10-31 23:59"), kOffset).name == "2026-09");
  auto bad = [](const std::function<void()>& f) {
    try {
      f();
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(bad([] { report::month("2026-13", kOffset); }) == "--month '2026-13' is not like 2026-11");
  CHECK(bad([] { report::quarter("2026Q5", kOffset); }) == "--quarter '2026Q5' is not like 2026Q4");
  CHECK(bad([] { report::span("2026-11-02", "2026-11-01", kOffset); }) ==
        "--to 2026-11-01 is before --from 2026-11-02");
}

TEST_CASE("an empty period has no rates at all, not zero ones") {
  Periodic b(shipped(), report::month("2026-11", kOffset));
  CHECK(b.tickets.totals().received == 0);
  CHECK(b.tickets.totals().arrive.den == 0);
  CHECK(report::complaint_rate(b.measures()).den == 0);
  CHECK(b.complaints.totals().closed_in_time.den == 0);
  CHECK(b.surveys.stats().overall().answers == 0);
}

TEST_CASE("on time: the arrival deadlines that fell in the period, met by the recorded arrival") {
  Periodic b(shipped(), report::month("2026-11", kOffset));
  Record in_time = call("2026-11-02 09:00");  // due 11-02 16:30
  arrive(in_time, "2026-11-02 15:00");
  Record late = call("2026-11-03 09:00");  // due 11-03 16:30
  arrive(late, "2026-11-04 09:00");
  Record never = call("2026-11-04 09:00");  // due 11-04 16:30, nobody came
  // Registered in October, its arrival due in October: not this period's.
  Record october = call("2026-10-30 09:00");
  // Registered on the 30th at 16:00, its arrival is due on 2 December: next period's.
  Record next = call("2026-11-30 16:00");
  Record cancelled = call("2026-11-05 09:00");
  record::commit_event(ticket::rules(), cancelled,
                       ticket::decide_cancel(cancelled, "客户自行解决", at("2026-11-05 10:00")));
  for (const Record* r : {&in_time, &late, &never, &october, &next, &cancelled}) b.tickets.add(*r);
  CHECK(b.tickets.totals().received == 5);
  CHECK(b.tickets.totals().cancelled == 1);
  CHECK(b.tickets.totals().arrive.num == 1);
  CHECK(b.tickets.totals().arrive.den == 3);  // the cancelled call's deadline is left out
  CHECK(b.tickets.totals().by_kind.at("repair") == 5);
  CHECK(b.tickets.totals().per_day.at("2026-11-02") == 1);
  // Open at the end of November: all but the cancelled one (on site or assigned), and each
  // with a passed deadline then: resolve for the three of 2–4 November and October's, respond
  // (due 30 November 17:00) for the last.
  CHECK(b.tickets.totals().backlog == 5);
  CHECK(b.tickets.totals().overdue == 5);
  CHECK(b.tickets.technicians().at("李四").calls == 5);
  CHECK(b.tickets.technicians().at("李四").arrive.num == 1);
  CHECK(b.tickets.technicians().at("李四").arrive.den == 3);
  // Arrival of the in-time call took 6 hours from registration.
  CHECK(b.tickets.totals().arrive_s.count == 2);
  CHECK(b.tickets.totals().arrive_s.sum == 6 * 3600 + 24 * 3600);
}

TEST_CASE("the state at the end of a period is the history replayed up to it") {
  Record r = call("2026-10-28 09:00");
  arrive(r, "2026-10-28 10:00");
  record::commit_event(ticket::rules(), r,
                       ticket::decide_resolve(r, "换轴承", "", at("2026-11-02 10:00")));
  CHECK(report::as_of(ticket::rules(), r, local("2026-11-01 00:00")).get("status") == "on_site");
  CHECK(report::as_of(ticket::rules(), r, local("2026-12-01 00:00")).get("status") == "resolved");
  Periodic october(shipped(), report::month("2026-10", kOffset));
  october.tickets.add(r);
  CHECK(october.tickets.totals().backlog == 1);
  Periodic november(shipped(), report::month("2026-11", kOffset));
  november.tickets.add(r);
  CHECK(november.tickets.totals().received == 0);
  CHECK(november.tickets.totals().backlog == 1);  // resolved, not closed: open (SPEC §3)
}

TEST_CASE("complaints: substantiated means routed to a department and not rejected") {
  Periodic b(shipped(), report::month("2026-11", kOffset));
  auto complaint = [](const std::string& when) {
    Record r;
    r.id = fmt::format("C-2611-{:03}", ++serial);
    r.fields.set_plain("id", r.id);
    complaint::NewComplaint n;
    n.customer = "华东机械厂";
    n.category = "quality/production";
    n.description = "异响";
    record::commit_event(complaint::rules(), r, complaint::decide_new(n, at(when)));
    return r;
  };
  Record routed = complaint("2026-11-02 09:00");
  record::commit_event(complaint::rules(), routed,
                       complaint::decide_investigate(routed, at("2026-11-02 09:30")));
  record::commit_event(complaint::rules(), routed,
                       complaint::decide_route(routed, "质量部", "", at("2026-11-02 10:00")));
  Record rejected = complaint("2026-11-03 09:00");
  record::commit_event(complaint::rules(), rejected,
                       complaint::decide_investigate(rejected, at("2026-11-03 09:30")));
  record::commit_event(
      complaint::rules(), rejected,
      complaint::decide_reject(rejected, "非质量问题", "已答复", at("2026-11-03 10:00")));
  Record waiting = complaint("2026-11-04 09:00");
  for (const Record* r : {&routed, &rejected, &waiting}) b.complaints.add(*r);
  for (int i = 0; i < 40; ++i) b.tickets.add(call("2026-11-10 09:00", ""));
  CHECK(b.complaints.totals().received == 3);
  CHECK(b.complaints.totals().substantiated == 1);
  CHECK(b.complaints.totals().by_dept.at("质量部") == 1);
  CHECK(b.complaints.totals().by_category.at("quality/production") == 3);
  // 1 substantiated of 40 tickets: 2.5 %, below the 3 % target.
  CHECK(report::complaint_rate(b.measures()).num == 1);
  CHECK(report::complaint_rate(b.measures()).den == 40);
}

TEST_CASE("returns: received by outcome in force, credited to the cent") {
  Periodic b(shipped(), report::month("2026-11", kOffset));
  Record r;
  r.id = "R-2611-001";
  r.fields.set_plain("id", r.id);
  returns::NewReturn n;
  n.customer = "华东机械厂";
  n.model = "KX-200";
  n.qty = "3";
  n.price = "12.80";
  n.purchased = "2026-11-01";
  n.want = "refund";
  n.reason = "defect";
  n.condition = {"resaleable", "packaging_intact", "accessories_complete", "warranty_card"};
  record::commit_event(returns::rules(), r, returns::decide_new(n, at("2026-11-05 09:00")));
  record::commit_event(returns::rules(), r,
                       returns::decide_approve(r, false, "", "", at("2026-11-05 10:00")));
  record::commit_event(returns::rules(), r,
                       returns::decide_receive(r, "3", at("2026-11-06 09:00")));
  record::commit_event(returns::rules(), r,
                       returns::decide_inspect(r, "restock", at("2026-11-06 10:00")));
  record::commit_event(returns::rules(), r,
                       returns::decide_credit(r, "CN-1", "", at("2026-11-06 11:00")));
  b.returns.add(r);
  CHECK(b.returns.totals().received == 1);
  CHECK(b.returns.totals().by_outcome.at("refund") == 1);
  CHECK(b.returns.totals().credited_cents == 3840);
}

TEST_CASE("recurring: only what came twice, worst first") {
  std::map<std::string, report::Recurrence> seen;
  auto add = [&](const std::string& key, const std::string& month) {
    auto& r = seen[key];
    r.key = key;
    ++r.total;
    ++r.per_month[month];
  };
  add("KX-200", "2026-07");
  add("KX-200", "2026-09");
  add("LX-50", "2026-08");
  add("AB-1", "2026-07");
  add("AB-1", "2026-07");
  add("AB-1", "2026-08");
  auto ranked = report::ranked(seen);
  REQUIRE(ranked.size() == 2);
  CHECK(ranked[0].key == "AB-1");
  CHECK(ranked[0].per_month.at("2026-07") == 2);
  CHECK(ranked[1].key == "KX-200");
}

namespace {

// Labels as "group.key", so a test sees which word a report asked for.
std::string named(std::string_view group, std::string_view key) {
  return fmt::format("{}.{}", group, key);
}

}  // namespace

TEST_CASE("a report is its sections in order, then the targets they measure") {
  Periodic b(shipped(), report::month("2026-11", kOffset));
  Record in_time = call("2026-11-02 09:00");
  arrive(in_time, "2026-11-02 15:00");
  Record late = call("2026-11-03 09:00");
  arrive(late, "2026-11-04 09:00");
  b.tickets.add(in_time);
  b.tickets.add(late);
  report::Sections sections;
  sections.push_back(std::make_unique<ticket::Report>(b.tickets));
  sections.push_back(std::make_unique<returns::Report>(b.returns));
  const report::Period p = report::month("2026-11", kOffset);
  Value v = report::figures_value(p, sections, shipped());
  std::vector<std::string> keys;
  for (const auto& [key, child] : v.entries) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"period", "tickets", "returns", "targets"});
  CHECK(v.find("tickets")->find("deadlines")->find("arrive")->get("met") == "1");
  CHECK(v.find("tickets")->find("deadlines")->find("arrive")->get("due") == "2");
  // Arrival on time 1 of 2 = 50 %, below the 90 % target; no survey answered, so the
  // satisfaction target has nothing to count; no complaint of 2 calls is below 3 %.
  const Value* targets = v.find("targets");
  CHECK(targets->find("on_time")->get("value") == "0.5");
  CHECK(targets->find("on_time")->get("met") == "false");
  CHECK(targets->find("satisfaction")->get("met") == "null");
  CHECK(targets->find("complaint_rate")->get("value") == "0");
  CHECK(targets->find("complaint_rate")->get("met") == "true");
  report::ReportDoc doc = report::figures_doc(p, sections, shipped(), "月报", named);
  CHECK(doc.title == "月报 2026-11");
  REQUIRE(doc.blocks.size() == 3);
  CHECK(doc.blocks[0].title == "head.tickets");
  CHECK(doc.blocks[0].rows[1] ==
        std::vector<std::string>{"step.arrive", "2", "1", "50.0% (1/2)", "15unit.h"});
  CHECK(doc.blocks[1].title == "head.returns");
  CHECK(doc.blocks[2].rows[0] ==
        std::vector<std::string>{"head.on_time", "50.0% (1/2)", "≥ 90%", "head.target_missed"});
}

TEST_CASE("the technician review: everyone any kind's columns name, one row each, by name") {
  const report::Period p = report::month("2026-11", kOffset);
  auto tickets = std::make_unique<ticket::Report>(shipped(), p);
  Record a = call("2026-11-02 09:00", "王五");
  arrive(a, "2026-11-02 15:00");
  record::commit_event(ticket::rules(), a,
                       ticket::decide_part(a, "轴承", 2, "12.50", false, at("2026-11-02 15:30")));
  tickets->add(a);
  tickets->add(call("2026-11-03 09:00", "李四"));
  tickets->add(call("2026-11-04 09:00", ""));  // nobody's call
  std::vector<std::unique_ptr<report::PersonColumns>> columns;
  columns.push_back(std::move(tickets));
  report::Review review = report::technician_review(p, columns, "技术员月度考核", named);
  REQUIRE(review.doc.blocks.size() == 1);
  const report::Block& table = review.doc.blocks[0];
  CHECK(table.heads == std::vector<std::string>{"head.assignee", "head.calls", "head.closed_count",
                                                "head.arrive_on_time", "head.labour_hours",
                                                "head.parts"});
  REQUIRE(table.rows.size() == 2);
  // 李四 sorts before 王五 (byte order of UTF-8); 李四's arrival fell due on 3 November.
  CHECK(table.rows[0] == std::vector<std::string>{"李四", "1", "0", "0.0% (0/1)", "0.00", "0"});
  CHECK(table.rows[1] == std::vector<std::string>{"王五", "1", "0", "100.0% (1/1)", "0.00", "2"});
  const Value& second = review.figures.find("technicians")->items.at(1);
  CHECK(second.get("technician") == "王五");
  CHECK(second.get("parts_amount") == "25.00");
  CHECK(second.find("arrive")->get("rate") == "1");
}
