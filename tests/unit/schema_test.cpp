#include "svc/domain/schema.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "svc/domain/complaint.hpp"
#include "svc/domain/decimal.hpp"
#include "svc/domain/returns.hpp"
#include "svc/domain/survey.hpp"
#include "svc/domain/ticket.hpp"

using namespace svc;

namespace {

const char* const kHostile[] = {"abc", "-3", "1_5", "1:30", "0x2", "1e3", ".5", "", "+3", " 3"};

}  // namespace

TEST_CASE("no number type takes a sign, _, :, hex, an exponent, a bare point or nothing") {
  for (Form form : {Form::quantity, Form::count, Form::money, Form::hours, Form::number})
    for (const char* bad : kHostile) {
      INFO(static_cast<int>(form) << " '" << bad << "'");
      CHECK_FALSE(holds({form, {}}, bad));
    }
}

TEST_CASE("quantities and counts are whole numbers without a leading zero") {
  const FieldType quantity{Form::quantity, {}}, count{Form::count, {}};
  for (const char* good : {"1", "2", "10", "999999999"}) CHECK(holds(quantity, good));
  for (const char* bad : {"0", "02", "2.0", "2.", "1000000000"}) CHECK_FALSE(holds(quantity, bad));
  CHECK(holds(count, "0"));
  CHECK(holds(count, "12"));
  CHECK_FALSE(holds(count, "012"));
  CHECK(parse_whole("37") == 37);
  CHECK_FALSE(parse_whole("00"));
  const FieldType order_qty{Form::count, {"pending"}};
  CHECK(holds(order_qty, "pending"));
  CHECK(holds(order_qty, "200"));
  CHECK_FALSE(holds(order_qty, "Pending"));
}

TEST_CASE("money and hours: the command line's one reader, at most two decimals") {
  const FieldType money{Form::money, {}}, hours{Form::hours, {}};
  for (const char* good : {"0", "0.5", "12", "12.5", "12.50", "666.67"}) {
    CHECK(holds(money, good));
    CHECK(holds(hours, good));
  }
  for (const char* bad : {"12.505", "012", "00.5", "12.", "1,5", "12.5.0"}) {
    CHECK_FALSE(holds(money, bad));
    CHECK(parse_hundredths(bad) == std::nullopt);
  }
  CHECK(parse_hundredths("7.5") == 750);
}

TEST_CASE("dates, months and timestamps") {
  const FieldType date{Form::date, {}}, month{Form::month, {}}, ts{Form::timestamp, {}};
  CHECK(holds(date, "2024-02-29"));
  for (const char* bad : {"2026-02-29", "2026-11-31", "2026-1-02", "20261102", "", "abc"})
    CHECK_FALSE(holds(date, bad));
  CHECK(holds(month, "2026-11"));
  CHECK_FALSE(holds(month, "2026-13"));
  CHECK_FALSE(holds(month, "2026-11-01"));
  CHECK(holds(ts, "2026-11-23T09:15:00+08:00"));
  CHECK(holds(ts, "2026-11-23T09:15:00-05:30"));
  for (const char* bad :
       {"2026-11-23", "2026-11-23 09:15", "2026-11-23T09:15+08:00", "2026-11-23T09:15:00Z",
        "2026-11-23T24:00:00+08:00", "2026-11-23t09:15:00+08:00", "2026-11-23T09:15:00+0800"})
    CHECK_FALSE(holds(ts, bad));
}

TEST_CASE("an enum holds only its values, and each type says in words what it allows") {
  const char* const settled[] = {"paid", "invoiced"};
  FieldType t = one_of(settled);
  CHECK(holds(t, "paid"));
  CHECK_FALSE(holds(t, "Paid"));
  CHECK_FALSE(holds(t, ""));
  CHECK(allowed(t) == "one of: paid, invoiced");
  CHECK(allowed({Form::quantity, {}}) == "a positive whole number like 2");
  CHECK(allowed({Form::count, {"pending"}}) == "a whole number or pending");
  CHECK(allowed({Form::hours, {}}) == "a number of hours like 1.5 (no sign, at most two decimals)");
}

TEST_CASE("every action of every kind says which keys its event holds") {
  for (const KindRules* k :
       {&ticket::rules(), &complaint::rules(), &returns::rules(), &survey::rules()}) {
    std::vector<std::string> actions = {"new"};
    for (const auto& t : k->transitions)
      if (t.action != "edit") actions.push_back(t.action);
    for (const auto& action : actions) {
      INFO(k->noun << " " << action);
      CHECK(std::count_if(k->events.begin(), k->events.end(),
                          [&](const EventKeys& e) { return e.action == action; }) == 1);
    }
    CHECK(k->events.size() == actions.size());
  }
}
