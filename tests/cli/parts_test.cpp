// svc parts: a month of a station's ledger end to end, its balances and values hand-computed,
// and every bad input refused with nothing written (SPEC §11).
#include "harness.hpp"
#include "team_harness.hpp"

using svc::test::Sandbox;
using svc::test::Team;

namespace {

// A data directory whose svc.yaml lists two parts, the bearing with a standard cost.
void with_parts(Sandbox& box) {
  box.now = "2026-11-01T08:00";
  box.init();
  box.patch("svc.yaml", "  list: {}\n",
            "  list:\n    KX-BRG: {name: 轴承6204, unit: 个, cost: 12.00}\n"
            "    KX-SEAL: {name: 油封, unit: 个}\n");
}

std::string at(Sandbox& box, const char* when, const std::string& args) {
  box.now = when;
  return box.ok(args);
}

size_t slips(const Sandbox& box) {
  size_t n = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(box.data() / "parts", ec))
    n += e.is_regular_file();
  return n;
}

// The station's month: receipts from a supplier (the bearing at the list's 12.00) and from head
// office (at 15.00: 15 in store worth 195.00, 13.00 each), a transfer to the Suzhou station, an
// approved issue against a call, the part used with its old part back, the unused one returned,
// a claim of the old parts accepted in part and credited, and a stocktake one bearing short.
void station_month(Sandbox& box) {
  with_parts(box);
  CHECK(at(box, "2026-11-02T09:00",
           "parts receive -q --from supplier:洛阳轴承 --line KX-BRG=10 --line KX-SEAL=20@2.50 "
           "--slip JS-1") == "P-2611-0001\n");
  at(box, "2026-11-03T09:00", "parts receive -q --from head-office --line KX-BRG=5@15.00");
  at(box, "2026-11-04T09:00", "parts transfer -q --to station:SZ --line KX-BRG=6 --line KX-SEAL=5");
  at(box, "2026-11-05T09:00", "ticket new -q --customer 宏达纺织 --phone 1 --zone urban");
  at(box, "2026-11-05T09:30", "ticket assign -q 0001 --to 李四");
  at(box, "2026-11-05T10:00",
     "parts issue -q --to tech:李四 --ticket 0001 --line KX-BRG=3 --approved-by 王经理");
  at(box, "2026-11-05T14:00", "ticket arrive -q 0001");
  at(box, "2026-11-05T14:30",
     "ticket part -q 0001 --part KX-BRG --qty 2 --old-returned --serial-out A1 --serial-in B1");
  at(box, "2026-11-06T09:00", "parts return -q --from tech:李四 --to store --line KX-BRG=1");
  CHECK(at(box, "2026-11-10T09:00",
           "parts claim --supplier 洛阳轴承 --line KX-BRG=2 --amount 30") ==
        "P-2611-0006\n  供应商答复 2026-12-10 09:00\n");
  at(box, "2026-11-20T09:00", "parts answer -q 0006 --accepted 20");
  at(box, "2026-11-25T09:00", "parts credit -q 0006 --note-no CN-1 --amount 20");
  at(box, "2026-11-28T17:00",
     "parts count -q --location store --line KX-BRG=6 --line KX-SEAL=15 --reason 盘亏1个");
}

}  // namespace

TEST_CASE("parts: a station's month - balances and values at any instant, to the cent") {
  Sandbox box;
  station_month(box);
  box.now = "2026-11-30T18:00";
  // store: 15 at 195.00, 6 to the station (78.00), 3 to 李四 (39.00), 1 back (13.00), 1 short at
  // the count (13.00): 6 worth 78.00. The old parts are worth nothing; the claim sent them on.
  CHECK(box.ok("parts balance --location store --format json") ==
        R"([
  {
    "part": "KX-BRG",
    "location": "store",
    "qty": 6,
    "value": "78.00"
  },
  {
    "part": "KX-SEAL",
    "location": "store",
    "qty": 15,
    "value": "37.50"
  }
]
)");
  CHECK(box.ok("parts balance --part KX-BRG") ==
        "零件号  名称      位置               数量  金额\n"
        "KX-BRG  轴承6204  head-office        -5    -75.00\n"
        "KX-BRG  轴承6204  station:SZ         6     78.00\n"
        "KX-BRG  轴承6204  stocktake          1     13.00\n"
        "KX-BRG  轴承6204  store              6     78.00\n"
        "KX-BRG  轴承6204  supplier:洛阳轴承  -8    -120.00\n");
  // At an instant: the transfer done, the issue not yet.
  CHECK(box.ok("parts balance --at 2026-11-04T12:00 --location store --format csv") ==
        "part,location,qty,value\nKX-BRG,store,9,117.00\nKX-SEAL,store,15,37.50\n");
  // 李四 held 3, used 2, returned 1; the old parts went into old, then to the supplier.
  CHECK(box.ok("parts balance --at 2026-11-05T15:00 --location tech: --format csv") ==
        "part,location,qty,value\nKX-BRG,tech:李四,1,13.00\n");
  CHECK(box.ok("parts balance --at 2026-11-09T00:00 --location old --format csv") ==
        "part,location,qty,value\nKX-BRG,old,2,0.00\n");
  CHECK(box.ok("parts ledger KX-BRG --location store") ==
        "时间              单据         发出               收入        数量  结存  金额\n"
        "2026-11-02 09:00  P-2611-0001  supplier:洛阳轴承  store       10    10    120.00\n"
        "2026-11-03 09:00  P-2611-0002  head-office        store       5     15    195.00\n"
        "2026-11-04 09:00  P-2611-0003  store              station:SZ  6     9     117.00\n"
        "2026-11-05 10:00  P-2611-0004  store              tech:李四   3     6     78.00\n"
        "2026-11-06 09:00  P-2611-0005  tech:李四          store       1     7     91.00\n"
        "2026-11-28 17:00  P-2611-0007  store              stocktake   1     6     78.00\n");
  // The whole part: what the store, the station, the technicians and old hold together.
  std::string csv = box.ok("parts ledger KX-BRG --format csv");
  CHECK(csv ==
        "at,slip,from,to,qty,balance,value\n"
        "2026-11-02T09:00:00+08:00,P-2611-0001,supplier:洛阳轴承,store,10,10,120.00\n"
        "2026-11-03T09:00:00+08:00,P-2611-0002,head-office,store,5,15,195.00\n"
        "2026-11-04T09:00:00+08:00,P-2611-0003,store,station:SZ,6,15,195.00\n"
        "2026-11-05T10:00:00+08:00,P-2611-0004,store,tech:李四,3,15,195.00\n"
        "2026-11-05T14:30:00+08:00,T-2611-0001,tech:李四,customer,2,13,169.00\n"
        "2026-11-05T14:30:00+08:00,T-2611-0001,customer,old,2,15,169.00\n"
        "2026-11-06T09:00:00+08:00,P-2611-0005,tech:李四,store,1,15,169.00\n"
        "2026-11-10T09:00:00+08:00,P-2611-0006,old,supplier:洛阳轴承,2,13,169.00\n"
        "2026-11-28T17:00:00+08:00,P-2611-0007,store,stocktake,1,12,156.00\n");
  // The call keeps the serials of the part taken out and the one put in.
  CHECK(box.file("tickets/2026-11/T-2611-0001.yaml")
            .find("  - {part: KX-BRG, qty: 2, old_returned: true, serial_out: A1, serial_in: B1}\n") !=
        std::string::npos);
  // The claim: sent, accepted in part, credited; the count posted its difference.
  CHECK(box.file("parts/2026-11/P-2611-0006.yaml")
            .find("status: credited\ntype: claim\nfrom: old\nto: \"supplier:洛阳轴承\"\nlines:\n  - "
                  "{part: KX-BRG, qty: 2}\nsupplier: 洛阳轴承\namount: \"30.00\"\n") == 16);
  CHECK(box.file("parts/2026-11/P-2611-0007.yaml")
            .find("posted:\n  - {from: store, to: stocktake, part: KX-BRG, qty: 1}\nreason: 盘亏1个\n") !=
        std::string::npos);
  box.ok("check");
}

TEST_CASE("parts: every bad slip is refused with one line naming the option, nothing written") {
  Sandbox box;
  station_month(box);
  box.now = "2026-11-30T18:00";
  const size_t before = slips(box);
  box.fails("parts receive --from supplier:甲 --line KX-NEW=1", 2,
            "svc: error: --line 'KX-NEW=1': a receive needs the unit cost: KX-NEW=1@12.50 (or a "
            "cost for KX-NEW in svc.yaml parts.list)\n");
  box.fails("parts issue --to tech:李四 --ticket 0001 --line NOPE=1 --approved-by 王", 2,
            "svc: error: --line 'NOPE=1': unknown part NOPE: it is not in svc.yaml's parts.list "
            "and no receive slip brought it\n");
  for (const char* qty : {"0", "-1", "1.5", "x"})
    box.fails(fmt::format("parts transfer --to station:SZ --line KX-BRG={}", qty), 2,
              fmt::format("svc: error: --line 'KX-BRG={}': the quantity '{}' is not a whole "
                          "number above zero; write PART=QTY or PART=QTY@COST, e.g. "
                          "KX-BRG=4@12.50\n",
                          qty, qty));
  box.fails("parts transfer --to station:SZ --line KX-BRG=1@2.00", 2,
            "svc: error: --line 'KX-BRG=1@2.00': a cost belongs on a receive slip only; write "
            "PART=QTY\n");
  box.fails("parts issue --to tech:李四 --ticket 0001 --line KX-BRG=1", 2,
            "svc: error: --approved-by is required (see svc parts issue --help)\n");
  box.fails("parts issue --to tech:李四 --ticket 0009 --line KX-BRG=1 --approved-by 王", 3,
            "svc: error: no ticket matches '0009'\n");
  box.fails("parts claim --supplier 甲 --line KX-BRG=1 --amount 5", 1,
            "svc: error: old holds 0 KX-BRG on 2026-11-30 18:00; this slip takes 1\n");
  box.fails("parts count --location station:XX --line KX-BRG=1", 1,
            "svc: error: --location station:XX: no slip or call ever moved parts there, so there "
            "is nothing to count\n");
  box.fails("parts count --location store --line KX-BRG=5", 2,
            "svc: error: the count differs from the ledger (KX-BRG counted 5, the ledger holds 6): "
            "say why with --reason\n");
  box.fails("parts transfer --to shelf --line KX-BRG=1", 2,
            "svc: error: --to 'shelf' is not a location: store, store:NAME, station:CODE, "
            "tech:NAME, old\n");
  box.fails("parts transfer --to station:SZ --line KX-BRG=7", 1,
            "svc: error: store holds 6 KX-BRG on 2026-11-30 18:00; this slip takes 7\n");
  // Backdated: 李四 had 3 at noon on the 5th, but used 2 after it and returned 1 the next day.
  box.fails("parts return --from tech:李四 --to store --line KX-BRG=1 --at 2026-11-05T12:00", 1,
            "svc: error: this slip would leave too few for P-2611-0005 on 2026-11-06 09:00: "
            "tech:李四 would go to -1 KX-BRG; date it later, or take less\n");
  box.fails("parts postage --amount 18 --ticket 0001 --signed-by 李四", 2,
            "svc: error: postage is signed by two people, the one who sent it and the manager "
            "(3.6.3): --signed-by NAME --signed-by NAME; 1 given\n");
  box.fails("parts answer 0007 --accepted 5", 1,
            "svc: error: P-2611-0007 is a count slip; only a claim is answered\n");
  box.fails("parts answer 0006 --accepted 5", 1,
            "svc: error: cannot answer P-2611-0006: it is credited; allowed now: note\n");
  box.fails("parts ledger NOPE", 3,
            "svc: error: no part NOPE in the ledger or in svc.yaml's parts.list\n");
  CHECK(slips(box) == before);
  // Postage: money only, two signers.
  CHECK(box.ok("parts postage -q --amount 18 --ticket 0001 --signed-by 李四 --signed-by 王经理") ==
        "P-2611-0008\n");
  CHECK(box.file("parts/2026-11/P-2611-0008.yaml")
            .find("ticket: T-2611-0001\namount: \"18.00\"\nsigned_by:\n  - 李四\n  - 王经理\n") !=
        std::string::npos);
}

TEST_CASE("parts: check finds every location below zero at any instant and counts gone wrong") {
  Sandbox box;
  station_month(box);
  box.now = "2026-11-30T18:00";
  box.ok("check");
  // 15 seals in store, 20 used on the call with none in 李四's hands: the store goes to -5.
  box.now = "2026-11-29T10:00";
  auto used = box.run("ticket part 0001 --part KX-SEAL --qty 20");
  CHECK(used.code == 0);
  CHECK(used.err ==
        "svc: warning: the technician held too few KX-SEAL: the 20 come out of the store\n"
        "svc: warning: store now holds -5 KX-SEAL: svc check reports it until a receive or a count "
        "puts it right\n");
  box.now = "2026-11-30T18:00";
  box.fails("check", 3,
            "tickets/2026-11/T-2611-0001.yaml: store went below zero: -5 KX-SEAL after this "
            "movement on 2026-11-29 10:00\nsvc: error: 1 problem found\n");
  // A receipt backdated before the stocktake: the count of the 28th no longer agrees.
  box.ok("parts receive -q --from supplier:洛阳轴承 --line KX-SEAL=10@3.00 --at "
         "2026-11-04T08:00");
  box.fails("check", 3,
            "parts/2026-11/P-2611-0007.yaml: counted 15 KX-SEAL at store on 2026-11-28 17:00, "
            "when the ledger held 25: 0 posted, the difference is -10; post it with a new count "
            "(svc parts count --location store --line KX-SEAL=15 --reason TEXT)\n"
            "svc: error: 1 problem found\n");
}

TEST_CASE("parts: two clones issue the last unit offline, both stand, and check names both slips") {
  Team team({"HQ", "BJ"});
  team.now = "2026-11-23T09:00";
  team.ok("HQ", "parts receive -q --from supplier:洛阳轴承 --line KX-SEAL=1@2.50");
  team.ok("HQ", "sync -q");
  team.ok("BJ", "sync -q");
  // Each clone, offline, takes a call and issues the seal the store holds: both may.
  team.now = "2026-11-23T10:00";
  for (const char* c : {"HQ", "BJ"}) {
    team.ok(c, "ticket new -q --customer 宏达纺织 --phone 1 --zone urban");
    team.ok(c, fmt::format("parts issue -q --to tech:李四 --ticket 0001 --line KX-SEAL=1 "
                           "--approved-by 王经理"));
  }
  team.now = "2026-11-23T11:00";
  team.ok("HQ", "sync -q");
  // The merge unites both slips; the sync shares them and says what the ledger shows.
  auto merged = team.run("BJ", "sync -q");
  CHECK(merged.code == 0);
  CHECK(merged.err ==
        "svc: warning: parts/2026-11/P-2611-HQ-0002.yaml: store went below zero: -1 KX-SEAL after "
        "this movement on 2026-11-23 10:00; the last units went to P-2611-BJ-0001, P-2611-HQ-0002\n");
  auto check = team.run("BJ", "check");
  CHECK(check.code == 3);
  CHECK(check.err ==
        "parts/2026-11/P-2611-HQ-0002.yaml: store went below zero: -1 KX-SEAL after this movement "
        "on 2026-11-23 10:00; the last units went to P-2611-BJ-0001, P-2611-HQ-0002\n"
        "svc: error: 1 problem found\n");
  CHECK(team.ok("HQ", "sync -q") == "");
  CHECK(team.ok("HQ", "parts balance --location store --format csv") ==
        "part,location,qty,value\nKX-SEAL,store,-1,-2.50\n");
}
