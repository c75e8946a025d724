// The parts ledger's replay (SPEC §11): quantities and moving-average values, hand-computed.
#include "svc/domain/parts.hpp"

#include <doctest/doctest.h>

#include "svc/domain/error.hpp"

using svc::parts::Ledger;
using svc::parts::Movement;
using svc::parts::Movements;
using svc::parts::replay;

namespace {

constexpr svc::Time kHour = 3600;

Movement move(svc::Time at, const char* slip, const char* from, const char* to, std::int64_t qty,
              std::optional<std::int64_t> cost = std::nullopt) {
  return {at, slip, "KX-BRG", from, to, qty, cost, "", false, "", true};
}

svc::parts::Holding at(const Ledger& l, const char* location) {
  auto it = l.holdings.find({location, "KX-BRG"});
  return it == l.holdings.end() ? svc::parts::Holding{} : it->second;
}

}  // namespace

TEST_CASE("parts: receipts average their cost, moves carry their share, to the cent") {
  // 10 at 12.00, then 5 at 15.00: 15 worth 195.00, 13.00 each. 4 issued: 52.00 go with them.
  Movements moves = {
      move(1 * kHour, "P-2611-0001", "supplier:甲", "store", 10, 1200),
      move(2 * kHour, "P-2611-0002", "supplier:甲", "store", 5, 1500),
      move(3 * kHour, "P-2611-0003", "store", "tech:李四", 4),
      move(4 * kHour, "T-2611-0001", "tech:李四", "customer", 4),
  };
  Ledger l = replay(moves);
  CHECK(at(l, "store").qty == 11);
  CHECK(at(l, "store").value == 14300);
  CHECK(at(l, "tech:李四").qty == 0);
  CHECK(at(l, "tech:李四").value == 0);
  CHECK(at(l, "customer").qty == 4);
  CHECK(at(l, "customer").value == 5200);
  CHECK(l.shortfalls.empty());
  // At any instant: after the second receipt, before the issue.
  Ledger then = replay(moves, 2 * kHour);
  CHECK(at(then, "store").qty == 15);
  CHECK(at(then, "store").value == 19500);
  CHECK(at(then, "store").unit_cost == 1300);
}

TEST_CASE("parts: shares round half away from zero and the last unit takes what is left") {
  // 3 units worth 1.00: 0.33, then 0.335 -> 0.34, then the last 0.33; nothing lost.
  Ledger l = replay({
      move(1, "P-1", "supplier:甲", "store", 2, 33),
      move(2, "P-2", "supplier:甲", "store", 1, 34),
      move(3, "P-3", "store", "scrap", 1),
      move(4, "P-4", "store", "scrap", 1),
      move(5, "P-5", "store", "scrap", 1),
  });
  REQUIRE(l.posted.size() == 5);
  CHECK(l.posted[2].value == 33);
  CHECK(l.posted[3].value == 34);
  CHECK(l.posted[4].value == 33);
  CHECK(at(l, "store").qty == 0);
  CHECK(at(l, "store").value == 0);
  CHECK(at(l, "scrap").value == 100);
}

TEST_CASE("parts: a backdated slip goes where its time puts it, and a shortfall names its slip") {
  // 15 received; an issue of 4 at 03:00, then a slip typed later but dated 02:30 issues 12:
  // in time order the 03:00 issue is the one that takes the store below zero, to -1.
  Movements moves = {
      move(1 * kHour, "P-2611-0001", "supplier:甲", "store", 15, 1000),
      move(3 * kHour, "P-2611-0002", "store", "tech:李四", 4),
      move(5 * kHour / 2, "P-2611-0003", "store", "tech:王五", 12),
  };
  Ledger l = replay(moves);
  REQUIRE(l.shortfalls.size() == 1);
  CHECK(l.shortfalls[0].location == "store");
  CHECK(l.shortfalls[0].slip == "P-2611-0002");
  CHECK(l.shortfalls[0].qty == -1);
  CHECK(l.shortfalls[0].at == 3 * kHour);
  CHECK(l.posted[1].move.slip == "P-2611-0003");  // replayed second
  CHECK(at(l, "store").qty == -1);
  // The unit below zero is valued at the last average: 10.00.
  CHECK(at(l, "tech:李四").value == 4000);
  CHECK(at(l, "store").value == -1000);
  // The world outside is no shortfall: the supplier gave 15 it was never said to hold.
  CHECK(at(l, "supplier:甲").qty == -15);
}

TEST_CASE("parts: which locations hold stock of their own") {
  using svc::parts::is_internal;
  CHECK(is_internal("store"));
  CHECK(is_internal("store:二号库"));
  CHECK(is_internal("station:GZ"));
  CHECK(is_internal("tech:李四"));
  CHECK(is_internal("old"));
  CHECK_FALSE(is_internal("customer"));
  CHECK_FALSE(is_internal("scrap"));
  CHECK_FALSE(is_internal("supplier:甲"));
}

TEST_CASE("parts: a ticket's part events are consumption from the technician, else the store") {
  svc::Record t;
  t.id = "T-2611-0001";
  auto event = [](const char* at, const char* action,
                  std::vector<std::pair<const char*, const char*>> data) {
    svc::Event e;
    e.at = at;
    e.by = "前台小王";
    e.action = action;
    for (auto [k, v] : data) e.data.set_plain(k, v);
    return e;
  };
  t.history = {
      event("2026-11-02T09:00:00+08:00", "new", {}),
      event("2026-11-02T09:30:00+08:00", "assign", {{"assignee", "李四"}}),
      event("2026-11-02T15:00:00+08:00", "part",
            {{"part", "KX-BRG"}, {"qty", "2"}, {"price", "35.50"}, {"old_returned", "true"}}),
      event("2026-11-03T09:00:00+08:00", "assign", {{"assignee", "王五"}}),
      event("2026-11-03T11:00:00+08:00", "part", {{"part", "KX-BRG"}, {"qty", "1"}}),
      event("2026-11-03T12:00:00+08:00", "part", {{"part", "KX-BRG"}, {"qty", "abc"}})};
  const int off = 8 * 3600;
  auto made = svc::parts::ticket_movements(t, off);
  Movements moves(made.begin(), made.end());
  REQUIRE(moves.size() == 3);  // "abc" posts nothing
  CHECK(moves[0].from == "tech:李四");
  CHECK(moves[0].to == "customer");
  CHECK(moves[0].qty == 2);
  CHECK(moves[0].fallback == "store");
  CHECK(moves[1].from == "customer");
  CHECK(moves[1].to == "old");
  CHECK(moves[2].from == "tech:王五");
  CHECK(moves[2].slip == "T-2611-0001");
  // The store got 5, 李四 was issued 1: of the 2 he used, his 1 comes from his hands and the
  // other from the store; 王五 holds none, so his 1 comes from the store too.
  svc::Time day = *svc::parse_time("2026-11-01T09:00:00+08:00", off);
  moves.push_back(move(day, "P-2611-0001", "supplier:甲", "store", 5, 1000));
  moves.push_back(move(day + 60, "P-2611-0002", "store", "tech:李四", 1));
  Ledger l = replay(moves);
  CHECK(at(l, "store").qty == 2);
  CHECK(at(l, "store").value == 2000);
  CHECK(at(l, "tech:李四").qty == 0);
  CHECK(at(l, "customer").qty == 1);  // 3 used, 2 of them came back as old parts
  CHECK(at(l, "customer").value == 3000);
  CHECK(at(l, "old").qty == 2);
  CHECK(at(l, "old").value == 0);  // an old part is worth nothing in the books
  CHECK(l.shortfalls.empty());
  // 李四's 2 posted as 1 from his hands and 1 from the store.
  REQUIRE(l.posted.size() == 6);
  CHECK(l.posted[2].move.from == "tech:李四");
  CHECK(l.posted[2].move.qty == 1);
  CHECK_FALSE(l.posted[2].fell_back);
  CHECK(l.posted[3].move.from == "store");
  CHECK(l.posted[3].move.qty == 1);
  CHECK(l.posted[3].fell_back);
  CHECK(l.posted[5].move.from == "store");  // 王五's
  CHECK(l.posted[5].fell_back);
  // The two old parts wait in one lot, from the call.
  REQUIRE(l.old["KX-BRG"].size() == 1);
  CHECK(l.old["KX-BRG"].front().qty == 2);
  CHECK(l.old["KX-BRG"].front().slip == "T-2611-0001");
}

TEST_CASE("parts: a slip's line reads PART=QTY[@COST], and a bad one names itself") {
  using svc::parts::parse_line;
  auto l = parse_line("KX-BRG=4@12.50");
  CHECK(l.part == "KX-BRG");
  CHECK(l.qty == 4);
  CHECK(l.unit_cost == 1250);
  auto plain = parse_line("轴承6204=2");
  CHECK(plain.part == "轴承6204");
  CHECK(plain.qty == 2);
  CHECK_FALSE(plain.unit_cost);
  auto message = [&](const char* typed) {
    try {
      parse_line(typed);
    } catch (const svc::Error& e) {
      CHECK(e.code() == svc::Exit::usage);
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  const std::string how = "; write PART=QTY or PART=QTY@COST, e.g. KX-BRG=4@12.50";
  CHECK(message("KX-BRG") == "--line 'KX-BRG': no quantity" + how);
  CHECK(message("=3") == "--line '=3': no part" + how);
  CHECK(message("KX-BRG=0") ==
        "--line 'KX-BRG=0': the quantity '0' is not a whole number above zero" + how);
  CHECK(message("KX-BRG=-2") ==
        "--line 'KX-BRG=-2': the quantity '-2' is not a whole number above zero" + how);
  CHECK(message("KX-BRG=1.5") ==
        "--line 'KX-BRG=1.5': the quantity '1.5' is not a whole number above zero" + how);
  CHECK(message("KX-BRG=2@12.505") ==
        "--line 'KX-BRG=2@12.505': the cost '12.505' is not money like 12.50" + how);
  CHECK(message("KX-BRG=2@") == "--line 'KX-BRG=2@': the cost '' is not money like 12.50" + how);
}

TEST_CASE("parts: balance rows are the non-zero holdings by part, then location, filtered") {
  Movements moves = {
      move(1, "P-1", "supplier:甲", "store", 10, 1200),
      move(2, "P-2", "store", "tech:李四", 3),
      move(3, "P-3", "store", "tech:王五", 2),
      move(4, "T-1", "tech:王五", "customer", 2),
  };
  moves.push_back({5, "P-4", "V-BELT", "supplier:乙", "store", 4, 500, ""});
  Ledger l = replay(moves);
  auto rows = svc::parts::balance_rows(l);
  REQUIRE(rows.size() == 6);  // 王五 holds none now: no row
  CHECK(rows[0].part == "KX-BRG");
  CHECK(rows[0].location == "customer");
  CHECK(rows[1].location == "store");
  CHECK(rows[1].qty == 5);
  CHECK(rows[1].value == 6000);
  CHECK(rows[2].location == "supplier:甲");
  CHECK(rows[2].qty == -10);
  CHECK(rows[3].location == "tech:李四");
  CHECK(rows[3].value == 3600);
  CHECK(rows[4].part == "V-BELT");
  auto techs = svc::parts::balance_rows(l, "tech:");
  REQUIRE(techs.size() == 1);
  CHECK(techs[0].location == "tech:李四");
  auto belts = svc::parts::balance_rows(l, "store", "V-BELT");
  REQUIRE(belts.size() == 1);
  CHECK(belts[0].qty == 4);
  CHECK(belts[0].value == 2000);
}

TEST_CASE(
    "parts: a part is kept in the books from its first slip, calls before it never go short") {
  const int off = 8 * 3600;
  auto t = [&](const char* s) { return *svc::parse_time(s, off); };
  // An office that used parts on calls before it kept a ledger: the store went to -3 unseen.
  Movement used{t("2026-10-05T10:00:00+08:00"), "T-2610-0001", "KX-BRG", "store", "customer", 3};
  Ledger before = replay({used});
  CHECK(before.shortfalls.empty());
  CHECK(before.held("store", "KX-BRG").qty == -3);
  // Its first receive brings 5: the store holds 2; a call then using 4 takes it below zero.
  Ledger l =
      replay({used,
              move(t("2026-11-02T09:00:00+08:00"), "P-2611-0001", "supplier:甲", "store", 5, 1000),
              {t("2026-11-03T10:00:00+08:00"), "T-2611-0001", "KX-BRG", "store", "customer", 4}});
  CHECK(l.held("store", "KX-BRG").qty == -2);
  REQUIRE(l.shortfalls.size() == 1);
  CHECK(l.shortfalls[0].slip == "T-2611-0001");
  CHECK(l.shortfalls[0].qty == -2);
}

TEST_CASE("parts: a count agrees with the replay at its time, or check names it") {
  const int off = 8 * 3600;
  auto t = [&](const char* s) { return *svc::parse_time(s, off); };
  Movements moves = {
      move(t("2026-11-02T09:00:00+08:00"), "P-2611-0001", "supplier:甲", "store", 10, 1200),
      move(t("2026-11-10T09:00:00+08:00"), "P-2611-0002", "store", "tech:李四", 3),
      // The count of the 28th found 6: it posted 1 to stocktake.
      move(t("2026-11-28T17:00:00+08:00"), "P-2611-0003", "store", "stocktake", 1)};
  svc::parts::Count c{
      "P-2611-0003", "store", t("2026-11-28T17:00:00+08:00"), {{"KX-BRG", 6}}, {{"KX-BRG", -1}}};
  CHECK(svc::parts::books_problems(moves, {c}, off).empty());
  // A receipt of 2 backdated before it: the ledger then held 9, so 3 should have been posted.
  moves.push_back(
      move(t("2026-11-20T09:00:00+08:00"), "P-2611-0004", "supplier:甲", "store", 2, 1200));
  auto found = svc::parts::books_problems(moves, {c}, off);
  REQUIRE(found.size() == 1);
  CHECK(found[0].slip == "P-2611-0003");
  CHECK(found[0].message ==
        "counted 6 KX-BRG at store on 2026-11-28 17:00, when the ledger held 9: -1 posted, the "
        "difference is -3; post it with a new count (svc parts count --location store --line "
        "KX-BRG=6 --reason TEXT)");
  // The stocktake's loss took the average's share: 9 left worth 108.00, 1 out at 12.00.
  Ledger l = replay(moves);
  CHECK(l.held("store", "KX-BRG").qty == 8);
  CHECK(l.held("store", "KX-BRG").value == 9600);
}

TEST_CASE("parts: old parts wait first in first out and are due at the end of the next month") {
  const int off = 8 * 3600;
  auto t = [&](const char* s) { return *svc::parse_time(s, off); };
  Ledger l =
      replay({{t("2026-10-31T23:00:00+08:00"), "T-2610-0009", "KX-BRG", "customer", "old", 2, 0},
              {t("2026-11-01T08:00:00+08:00"), "T-2611-0001", "KX-BRG", "customer", "old", 3, 0},
              move(t("2026-11-20T09:00:00+08:00"), "P-2611-0005", "old", "scrap", 3)});
  // The scrap took October's 2 and one of November's.
  auto pending = svc::parts::old_parts(l, off);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].lot.slip == "T-2611-0001");
  CHECK(pending[0].lot.qty == 2);
  CHECK(svc::format_time(pending[0].due, off) == "2027-01-01T00:00:00+08:00");
}
