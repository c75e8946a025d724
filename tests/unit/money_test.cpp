// Money is written as quoted decimal strings, in every kind, in the summary and in the history,
// and JSON gives the same strings; a file of bare numbers reads as before and is written quoted
// on its next change (SPEC §1).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "../support/value_difference.hpp"
#include "helpers.hpp"
#include "svc/domain/complaint.hpp"
#include "svc/domain/merge.hpp"
#include "svc/domain/returns.hpp"
#include "svc/domain/ticket.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/settings_io.hpp"
#include "svc/store/yaml.hpp"

using namespace svc;
using svc::test::local;

namespace {

const Settings& with_base_points() {
  static const Settings s = test::load_settings(
      "complaints:\n  base_points:\n    质量部: {张三: 3, 李四: 2}\n", "svc.yaml");
  return s;
}

Context at(const char* when) { return {{local(when), "张三"}, with_base_points()}; }

Record started(const char* id) {
  Record r;
  r.id = id;
  r.fields.set_plain("id", r.id);
  return r;
}

// A ticket with a part and a fee, the amounts typed as a person types them.
Record ticket_with_money() {
  Record r = started("T-2611-0001");
  ticket::NewTicket t;
  t.customer = "华东机械厂";
  t.zone = "urban";
  record::commit_event(ticket::rules(), r, ticket::decide_new(t, at("2026-11-23 09:00")));
  record::commit_event(ticket::rules(), r,
                       ticket::decide_assign(r, "李四", {}, at("2026-11-23 09:10")));
  record::commit_event(ticket::rules(), r, ticket::decide_arrive(r, at("2026-11-23 10:00")));
  record::commit_event(ticket::rules(), r,
                       ticket::decide_part(r, "轴承", 2, "35.5", true, at("2026-11-23 10:30")));
  record::commit_event(ticket::rules(), r,
                       ticket::decide_resolve(r, "更换", "2.5", at("2026-11-23 11:00")));
  record::commit_event(ticket::rules(), r,
                       ticket::decide_fee(r, "1280", "paid", at("2026-11-23 11:10")));
  return r;
}

Record complaint_with_money() {
  Record r = started("C-2611-001");
  complaint::NewComplaint c;
  c.customer = "华东机械厂";
  c.category = "quality/production";
  c.order = "SO-17";
  c.qty = "200";
  c.amount = "1200";
  c.description = "轴承异响";
  const KindRules& k = complaint::rules();
  record::commit_event(k, r, complaint::decide_new(c, at("2026-11-02 09:00")));
  record::commit_event(k, r, complaint::decide_investigate(r, at("2026-11-02 10:00")));
  record::commit_event(k, r, complaint::decide_route(r, "质量部", "", at("2026-11-02 11:00")));
  record::commit_event(
      k, r,
      complaint::decide_blame(r, {"质量部=60", "生产部/王五=40"}, "666.7", at("2026-11-03 09:00")));
  record::commit_event(k, r,
                       complaint::decide_penalty(r, "张三", "minor", "", at("2026-11-03 10:00")));
  return r;
}

Record return_with_money() {
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
  const KindRules& k = returns::rules();
  record::commit_event(k, r, returns::decide_new(n, at("2026-11-23 09:00")));
  record::commit_event(k, r, returns::decide_approve(r, false, "", "", at("2026-11-23 10:00")));
  record::commit_event(k, r, returns::decide_receive(r, "2", at("2026-11-24 09:00")));
  record::commit_event(k, r, returns::decide_inspect(r, "restock", at("2026-11-24 10:00")));
  record::commit_event(k, r, returns::decide_credit(r, "CN-7", "", at("2026-11-24 11:00")));
  return r;
}

bool has(const std::string& text, const std::string& part) {
  INFO(text);
  return text.find(part) != std::string::npos;
}

// `text` with every `from` replaced by `to`; at least one must be there.
std::string with(std::string text, const std::string& from, const std::string& to) {
  REQUIRE(text.find(from) != std::string::npos);
  for (size_t p = 0; (p = text.find(from, p)) != std::string::npos; p += to.size())
    text.replace(p, from.size(), to);
  return text;
}

// The file as svc before SPEC §1's quoted money wrote it: every amount bare.
std::string bare(std::string text, const std::vector<std::string>& amounts) {
  for (const auto& a : amounts) text = with(text, "\"" + a + "\"", a);
  CHECK(text.find("\"1") == std::string::npos);
  return text;
}

// Read as svc reads a record of kind `k`: the file, then money as text.
Record read(const KindRules& k, const std::string& text) {
  Record r = store::record_from_text(text, "t.yaml");
  record::money_as_text(k, r);
  return r;
}

}  // namespace

TEST_CASE("a ticket's money is written quoted with two decimals, in the summary and the events") {
  const std::string text = store::record_text(ticket_with_money());
  CHECK(has(text, "  - {part: 轴承, qty: 2, price: \"35.50\", old_returned: true}\n"));
  CHECK(has(text, "fee:\n  amount: \"1280.00\"\n  settled: paid\n"));
  CHECK(has(text, "do: part, part: 轴承, qty: 2, price: \"35.50\", old_returned: true}\n"));
  CHECK(has(text, "do: fee, amount: \"1280.00\", settled: paid}\n"));
  CHECK(has(text, "labour_hours: 2.5\n"));  // hours stay a number
  // JSON gives money as the same strings, hours as a number.
  const std::string json = store::emit_json(store::record_to_value(read(ticket::rules(), text)));
  CHECK(has(json, "\"amount\": \"1280.00\""));
  CHECK(has(json, "\"price\": \"35.50\""));
  CHECK(has(json, "\"labour_hours\": 2.5"));
  CHECK(json.find("\"amount\": 1280") == std::string::npos);
}

TEST_CASE("complaints and returns write their money quoted too, shares and penalties included") {
  const std::string c = store::record_text(complaint_with_money());
  CHECK(has(c, "  amount: \"1200.00\"\n"));  // order.amount
  CHECK(has(c, "responsibility:\n  loss: \"666.70\"\n"));
  CHECK(has(c, "share: 36, loss: \"240.01\"}"));
  CHECK(has(c, "penalties:\n  - {amount: \"2400.00\""));
  CHECK(has(c,
            "do: blame, loss: \"666.70\", parties: [{dept: 质量部, person: 张三, share: 36, "
            "loss: \"240.01\"}"));
  CHECK(has(c, "do: penalty, person: 张三, level: minor, amount: \"2400.00\", month: 2026-11}"));
  const std::string r = store::record_text(return_with_money());
  CHECK(has(r, "  price: \"128.00\"\n"));
  CHECK(has(r, "credit:\n  note_no: CN-7\n  amount: \"256.00\"\n"));
  CHECK(has(r, "do: credit, note_no: CN-7, amount: \"256.00\"}"));
  const std::string json = store::emit_json(store::record_to_value(read(returns::rules(), r)));
  CHECK(has(json, "\"amount\": \"256.00\""));
  CHECK(has(json, "\"price\": \"128.00\""));
}

TEST_CASE("a file of bare money reads and checks as before, and its next change writes it quoted") {
  Record made = ticket_with_money();
  const std::string quoted = store::record_text(made);
  const std::string old = bare(quoted, {"35.50", "1280.00"});
  // Read as it is: clean, the summary equal to its replay, the amounts the same text.
  Record r = read(ticket::rules(), old);
  CHECK(ticket::validate(r).empty());
  CHECK(record::compare_with_replay(ticket::rules(), r).empty());
  CHECK(
      record::compare_with_replay(ticket::rules(), store::record_from_text(old, "t.yaml")).empty());
  CHECK(r.fields.find("fee")->get("amount") == "1280.00");
  // Held as text, it is written quoted (history too): the old file's next write is svc's form.
  CHECK(store::record_text(r) == quoted);
  record::commit_event(ticket::rules(), r,
                       ticket::decide_note(r, "客户已付款", at("2026-11-23 12:00")));
  const std::string changed = store::record_text(r);
  CHECK(changed.find("1280.00,") == std::string::npos);
  CHECK(changed.find("price: 35.50") == std::string::npos);
  CHECK(has(changed, "do: fee, amount: \"1280.00\""));
  // Re-saving an unchanged record changes no byte.
  CHECK(store::record_text(read(ticket::rules(), quoted)) == quoted);
  // A hand-written amount in another form is read as its two-decimal form (SPEC §1), and
  // written so: in the file of the old form or the new, "1280.5" and 1280 become "1280.50".
  Record odd = read(ticket::rules(), with(old, "amount: 1280.00\n", "amount: 1280.5\n"));
  CHECK(odd.fields.find("fee")->get("amount") == "1280.50");
  CHECK(has(store::record_text(odd), "amount: \"1280.50\"\n"));
  Record whole = read(ticket::rules(), with(old, "amount: 1280.00\n", "amount: 1280\n"));
  CHECK(whole.fields.find("fee")->get("amount") == "1280.00");
}

TEST_CASE("a new event's money gets two decimals, an edit's too, and what is no amount stays") {
  Record r = return_with_money();
  Value changes = Value::map(true);
  Value item = Value::map(true);
  item.set_plain("price", "130.5");
  changes.set("item", item);
  record::commit_event(returns::rules(), r, record::edit_event(changes, at("2026-11-25 09:00")));
  const Value& edit = r.history.back().data;
  CHECK(edit.find("changes")->find("item")->find("price")->kind == Value::Kind::text);
  CHECK(edit.find("changes")->find("item")->get("price") == "130.50");
  CHECK(r.fields.find("item")->get("price") == "130.50");
  // A value that is no amount is left as it was, for check to name.
  Record bad = read(ticket::rules(), with(store::record_text(ticket_with_money()),
                                          "amount: \"1280.00\"\n", "amount: -3\n"));
  CHECK(bad.fields.find("fee")->find("amount")->kind == Value::Kind::plain);
  CHECK(bad.fields.find("fee")->get("amount") == "-3");
  CHECK_FALSE(ticket::validate(bad).empty());
}

TEST_CASE("an old bare event and the same event quoted from another clone are one event") {
  Record made = complaint_with_money();
  const std::string quoted = store::record_text(made);
  const std::string old =
      bare(quoted, {"1200.00", "666.70", "240.01", "160.01", "266.68", "2400.00"});
  Record ours = read(complaint::rules(), quoted), theirs = store::record_from_text(old, "t.yaml");
  CHECK(record::unite(ours.history, theirs.history).size() == made.history.size());
  CHECK(record::lost_events(theirs.history, ours.history).empty());
  // The merge writes the money quoted, in the replayed summary and the united history.
  auto history = [](const Record& x) {
    return store::record_text({x.id, Value::map(), x.history});
  };
  for (const Record& merged : {record::merge(complaint::rules(), ours, theirs),
                               record::merge(complaint::rules(), theirs, ours)}) {
    CHECK(history(merged) == history(made));
    CHECK(merged.fields == made.fields);
    const std::string text = store::record_text(merged);
    for (const char* amount : {"1200.00", "666.70", "240.01", "160.01", "266.68", "2400.00"}) {
      CHECK(has(text, fmt::format(": \"{}\"", amount)));
      CHECK_FALSE(has(text, fmt::format(": {}", amount)));
    }
  }
}

TEST_CASE("the fast reader and the full reader read quoted money alike, as text") {
  const std::string text = store::record_text(return_with_money());
  auto fast = store::parse_written_form(text);
  REQUIRE(fast.has_value());
  CHECK(svc::test::difference(*fast, store::parse_yaml_full(text, "t.yaml")).empty());
  std::vector<store::Problem> problems;
  Record r = store::record_from_value(*fast, "t.yaml", problems);
  CHECK(problems.empty());
  CHECK(r.fields.find("credit")->find("amount")->kind == Value::Kind::text);
  CHECK(r.fields.find("credit")->get("amount") == "256.00");
}
