// Every typed value of a record file and every key of its events is validated, for every kind,
// at the position of the bad value (issue 21: records beyond doubt).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "helpers.hpp"
#include "svc/domain/complaint.hpp"
#include "svc/domain/returns.hpp"
#include "svc/domain/survey.hpp"
#include "svc/domain/ticket.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

using namespace svc;
using svc::test::local;

namespace {

const std::vector<std::string> kHostile = {"abc", "-3", "1_5", "1:30", "0x2", "1e3", ".5", "''"};

Context at(const char* when) { return {{local(when), "张三"}, test::shipped()}; }

Record started(const char* id) {
  Record r;
  r.id = id;
  r.fields.set_plain("id", r.id);
  return r;
}

// A resolved ticket with a part, labour hours and a fee, as svc writes it.
std::string ticket_text() {
  Record r = started("T-2611-0001");
  ticket::NewTicket t;
  t.customer = "华东机械厂";
  t.zone = "urban";
  t.purchased = "2026-01-05";
  t.warranty_months = 12;
  record::commit_event(ticket::rules(), r, ticket::decide_new(t, at("2026-11-23 09:00")));
  record::commit_event(ticket::rules(), r,
                       ticket::decide_assign(r, "李四", {}, at("2026-11-23 09:10")));
  record::commit_event(ticket::rules(), r, ticket::decide_arrive(r, at("2026-11-23 10:00")));
  record::commit_event(ticket::rules(), r,
                       ticket::decide_part(r, "轴承", 2, "35.5", true, at("2026-11-23 10:30")));
  record::commit_event(ticket::rules(), r,
                       ticket::decide_resolve(r, "更换", "2", at("2026-11-23 11:00")));
  record::commit_event(ticket::rules(), r,
                       ticket::decide_fee(r, "120", "paid", at("2026-11-23 11:10")));
  return store::record_text(r);
}

// A credited return, as svc writes it.
std::string return_text() {
  Record r = started("R-2611-001");
  returns::NewReturn n;
  n.customer = "华东机械厂";
  n.model = "KX-200";
  n.qty = "2";
  n.price = "128";
  n.purchased = "2026-11-20";
  n.want = "refund";
  n.reason = "defect";
  n.condition = {"resaleable", "packaging_intact", "accessories_complete", "warranty_card"};
  auto commit = [&](Event e) { record::commit_event(returns::rules(), r, std::move(e)); };
  commit(returns::decide_new(n, at("2026-11-23 09:00")));
  commit(returns::decide_approve(r, false, "", "", at("2026-11-23 10:00")));
  commit(returns::decide_receive(r, "2", at("2026-11-24 09:00")));
  commit(returns::decide_inspect(r, "restock", at("2026-11-24 10:00")));
  commit(returns::decide_credit(r, "CN-7", "", at("2026-11-24 11:00")));
  return store::record_text(r);
}

std::string complaint_text() {
  Record r = started("C-2611-001");
  complaint::NewComplaint c;
  c.customer = "华东机械厂";
  c.category = "quality";
  c.description = "漏油";
  c.order = "SO-17";
  c.qty = "200";
  c.delivered = "2026-11-02";
  c.amount = "1200";
  record::commit_event(complaint::rules(), r, complaint::decide_new(c, at("2026-11-23 09:00")));
  return store::record_text(r);
}

std::string survey_text() {
  Record r = started("S-2611-0001");
  survey::NewSurvey n;
  n.template_name = "visit";
  n.customer = "华东机械厂";
  auto commit = [&](Event e) { record::commit_event(survey::rules(), r, std::move(e)); };
  commit(survey::decide_new(n, at("2026-11-23 09:00")));
  commit(survey::decide_record(r, {"attitude=4"}, "", false, at("2026-11-24 09:00")));
  return store::record_text(r);
}

std::vector<Finding> validated(const std::string& text) {
  Record r = store::record_from_text(text, "t.yaml");
  switch (r.id[0]) {
    case 'T':
      return ticket::validate(r);
    case 'C':
      return complaint::validate(r);
    case 'R':
      return returns::validate(r);
    default:
      return survey::validate(r, test::shipped());
  }
}

std::string shown(const std::vector<Finding>& found) {
  std::string s;
  for (const auto& f : found) s += fmt::format("{}:{}: {}\n", f.line, f.column, f.message);
  return s;
}

// 1-based line and column of the n-th `needle` in `text`.
std::string position(const std::string& text, const std::string& needle, int n = 1) {
  size_t at = std::string::npos;
  for (int i = 0; i < n; ++i) at = text.find(needle, at == std::string::npos ? 0 : at + 1);
  REQUIRE(at != std::string::npos);
  size_t line_start = text.rfind('\n', at);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  return fmt::format("{}:{}", line, at - line_start + 1);
}

// `text` with every `from` replaced by `to`.
std::string with(std::string text, const std::string& from, const std::string& to) {
  REQUIRE(text.find(from) != std::string::npos);
  for (size_t p = 0; (p = text.find(from, p)) != std::string::npos; p += to.size())
    text.replace(p, from.size(), to);
  return text;
}

// Each hostile value written at `key: good` (the summary and the event) is found at its line
// and column, naming the field; the good value is clean.
void refuses_hostile(const std::string& text, const std::string& key, const std::string& good,
                     const std::string& named, const std::vector<std::string>& hostile = kHostile) {
  CHECK(shown(validated(text)).empty());
  for (const auto& hostile_value : hostile) {
    // Quoted, so that every YAML reader reads the text (unquoted, 1_5 or 0x2 are refused
    // before any field is looked at: a reader would take them for numbers).
    const std::string bad =
        hostile_value == "''" ? hostile_value : store::json_string(hostile_value);
    std::string edited = text;
    for (const char* end : {"\n", ",", "}"})
      if (edited.find(key + ": " + good + end) != std::string::npos)
        edited = with(edited, key + ": " + good + end, key + ": " + bad + end);
    const std::string found = shown(validated(edited));
    const std::string value = hostile_value == "''" ? "" : hostile_value;
    INFO(edited << found);
    CHECK(found.find(fmt::format("{} '{}' is not", named, value)) != std::string::npos);
    int places = 0;
    for (size_t p = 0; (p = edited.find(key + ": " + bad, p)) != std::string::npos; ++p) {
      // The finding at the value's position names the key and the bad value.
      size_t spot = p + key.size() + 2;
      size_t line_start = edited.rfind('\n', spot) + 1;
      int line = 1 + static_cast<int>(std::count(edited.begin(), edited.begin() + spot, '\n'));
      std::string at = fmt::format("\n{}:{}: ", line, spot - line_start + 1);
      size_t f = ("\n" + found).find(at);
      REQUIRE(f != std::string::npos);
      std::string finding = ("\n" + found).substr(f, ("\n" + found).find('\n', f + 1) - f);
      CHECK(finding.find(fmt::format("{} '{}' is not", key, value)) != std::string::npos);
      ++places;
    }
    CHECK(places > 0);
  }
}

}  // namespace

TEST_CASE("a quantity is a positive whole number, in the summary and in the event") {
  std::string t = ticket_text();
  refuses_hostile(t, "qty", "2", "qty",
                  {"abc", "-3", "1_5", "1:30", "0x2", "1e3", ".5", "''", "0", "02", "2.0"});
  refuses_hostile(return_text(), "qty", "2", "qty", {"abc", "-3", "1_5", "0x2", "1e3", "0"});
}

TEST_CASE("money is a decimal of at most two decimals, bare or quoted") {
  std::string t = ticket_text();
  refuses_hostile(t, "price", "\"35.50\"", "price");
  refuses_hostile(t, "amount", "\"120.00\"", "amount",
                  {"abc", "-3", "1_5", "0x2", "1e3", ".5", "012", "1.505", "''"});
  refuses_hostile(complaint_text(), "amount", "\"1200.00\"", "order.amount");
  // SPEC §1: money is written quoted, and a bare number is read as before.
  CHECK(shown(validated(with(t, "price: \"35.50\"", "price: 35.50"))).empty());
  CHECK(shown(validated(with(t, "amount: \"120.00\"", "amount: \"120\""))).empty());
  CHECK(shown(validated(with(t, "amount: \"120.00\"", "amount: 0.5"))).empty());
}

TEST_CASE("labour hours are a decimal: 1_5 and 1:30 are not 15 or 90, nor 0") {
  std::string t = ticket_text();
  refuses_hostile(t, "labour_hours", "2", "labour_hours");
  for (const char* good : {"1.5", "7.50", "0", "\"2\""})
    CHECK(
        shown(validated(with(t, "labour_hours: 2", std::string("labour_hours: ") + good))).empty());
}

TEST_CASE("dates are days of the calendar, YYYY-MM-DD") {
  refuses_hostile(
      return_text(), "requested", "2026-11-23", "requested",
      {"abc", "2026-11-31", "2026-13-01", "20261123", "2026-11-23T09:00:00+08:00", "''"});
  refuses_hostile(complaint_text(), "delivered", "2026-11-02", "order.delivered",
                  {"abc", "2026-02-30", "2026-1-2"});
}

TEST_CASE("timestamps are as svc writes them") {
  std::string s = survey_text();
  refuses_hostile(s, "recorded", "2026-11-24T09:00:00+08:00", "recorded",
                  {"abc", "2026-11-24", "2026-11-24 09:00", "2026-11-24T09:00+08:00",
                   "2026-11-24T25:00:00+08:00", "2026-11-24T09:00:00Z", "''"});
}

TEST_CASE("enum fields hold only their listed values") {
  refuses_hostile(ticket_text(), "settled", "paid", "fee.settled", {"cash", "PAID", "''"});
  refuses_hostile(return_text(), "verdict", "restock", "verdict", {"sell", "''"});
  refuses_hostile(ticket_text(), "old_returned", "true", "parts.old_returned", {"yes", "1"});
}

TEST_CASE("whole numbers: no sign, no leading zero, no _ or hex") {
  refuses_hostile(ticket_text(), "warranty_months", "12", "product.warranty_months");
  refuses_hostile(return_text(), "days", "3", "decision.days", {"abc", "-3", "03", "1_5", "0x2"});
}

TEST_CASE("an event holds exactly the keys svc knows for it: b: for by: is found") {
  std::string t = ticket_text();
  std::string edited = with(t, "by: 张三, do: part,", "b: 张三, do: part,");
  std::string found = shown(validated(edited));
  INFO(found);
  std::string at = position(edited, "{at: 2026-11-23T10:30");
  CHECK(found.find(fmt::format("{}: event 'part' has no 'by' (who did it)", at)) !=
        std::string::npos);
  CHECK(found.find(fmt::format("{}: event 'part': unknown key 'b'; it holds only at, by, do, "
                               "part, qty, price, old_returned",
                               position(edited, "张三, do: part"))) != std::string::npos);
  // A misspelt data key, in every kind.
  CHECK(shown(validated(with(t, "do: fee, amount:", "do: fee, amonut:")))
            .find("event 'fee': unknown key 'amonut'") != std::string::npos);
  CHECK(shown(validated(with(return_text(), "do: receive, qty:", "do: receive, qyt:")))
            .find("event 'receive': unknown key 'qyt'") != std::string::npos);
  CHECK(shown(validated(with(survey_text(), "do: record, answers:", "do: record, answer:")))
            .find("event 'record': unknown key 'answer'") != std::string::npos);
  CHECK(shown(validated(with(complaint_text(), "do: new, type:", "do: new, tpye:")))
            .find("event 'new': unknown key 'tpye'") != std::string::npos);
}
