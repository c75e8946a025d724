// Money in files and JSON as quoted decimal strings; files of bare numbers read as before and are
// rewritten quoted on their next change (SPEC §1).
#include "harness.hpp"

using svc::test::replaced;
using svc::test::Sandbox;
using svc::test::slurp;
using svc::test::spit;

namespace {

const char* kTicket = "tickets/2026-11/T-2611-0001.yaml";

bool has(const std::string& text, const std::string& part) {
  INFO(text);
  return text.find(part) != std::string::npos;
}

// A ticket with a part and a fee, made by svc.
void ticket_with_fee(Sandbox& box) {
  box.ok("ticket new -q --customer 华东机械厂 --zone urban");
  box.ok("ticket assign 1 --to 李四");
  box.ok("ticket arrive 1");
  box.ok("ticket part 1 --part 轴承6204 --qty 2 --price 35.5 --old-returned");
  box.ok("ticket resolve 1 --resolution 更换主轴轴承 --hours 2.5");
  box.ok("ticket fee 1 --amount 1280 --settled paid");
}

// The file as svc wrote money before: bare numbers.
std::string bare(const std::string& text) {
  return replaced(replaced(text, "\"35.50\"", "35.50"), "\"1280.00\"", "1280.00");
}

}  // namespace

TEST_CASE("money is written as quoted strings of two decimals, and JSON gives the same strings") {
  Sandbox box;
  box.init();
  ticket_with_fee(box);
  const std::string file = box.file(kTicket);
  CHECK(has(file, "parts:\n  - {part: 轴承6204, qty: 2, price: \"35.50\", old_returned: true}\n"));
  CHECK(has(file, "fee:\n  amount: \"1280.00\"\n  settled: paid\n"));
  CHECK(has(file, ", do: part, part: 轴承6204, qty: 2, price: \"35.50\", old_returned: true}\n"));
  CHECK(has(file, ", do: fee, amount: \"1280.00\", settled: paid}\n"));
  CHECK(has(file, "labour_hours: 2.5\n"));
  const std::string json = box.ok("ticket show 1 --format json");
  CHECK(has(json, "\"amount\": \"1280.00\""));
  CHECK(has(json, "\"price\": \"35.50\""));
  CHECK(has(json, "\"labour_hours\": 2.5"));
  CHECK(has(box.ok("ticket show 1 --format yaml"), "  amount: \"1280.00\"\n"));
  CHECK(box.ok("check").empty());

  // Complaints and returns, and the report's money.
  box.ok(
      "complaint new -q --customer 华东机械厂 --category quality/production --order SO-17 "
      "--qty 200 --amount 666.7 --description 异响");
  CHECK(has(box.file("complaints/2026-11/C-2611-001.yaml"), "  amount: \"666.70\"\n"));
  CHECK(has(box.ok("complaint show 1 --format json"), "\"amount\": \"666.70\""));
  box.ok(
      "return new -q --customer 华东机械厂 --model KX-200 --qty 3 --price 12.8 --purchased "
      "2026-11-20 --want refund --reason defect --condition "
      "resaleable,packaging_intact,accessories_complete,warranty_card");
  box.ok("return approve 1");
  box.ok("return receive 1 --qty 3");
  box.ok("return inspect 1 --verdict restock");
  box.ok("return credit 1 --note-no CN-1");
  const std::string ret = box.file("returns/2026-11/R-2611-001.yaml");
  CHECK(has(ret, "  price: \"12.80\"\n"));
  CHECK(has(ret, "credit:\n  note_no: CN-1\n  amount: \"38.40\"\n"));
  CHECK(has(ret, ", do: credit, note_no: CN-1, amount: \"38.40\"}\n"));
  CHECK(has(box.ok("return show 1 --format json"), "\"amount\": \"38.40\""));
  box.now = "2026-12-02T09:00";
  CHECK(has(box.ok("report monthly --format json"), "\"credited\": \"38.40\""));
  CHECK(has(box.ok("report monthly --format csv"), "38.40"));
  CHECK_FALSE(has(box.ok("report monthly --format csv"), "\"38.40\""));
  CHECK(box.ok("check").empty());

  // PyYAML (YAML 1.1) reads strings, not binary floats.
  const std::string py = fmt::format(
      "/usr/bin/python3 -c \"import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); "
      "print(repr(d['fee']['amount']), repr(d['parts'][0]['price']), "
      "repr(d['history'][-1]['amount']))\" '{}' > '{}' 2>&1",
      (box.data() / kTicket).string(), (box.root() / "py").string());
  CHECK(std::system(py.c_str()) == 0);
  CHECK(slurp(box.root() / "py") == "'1280.00' '35.50' '1280.00'\n");
}

TEST_CASE("a file of bare money checks clean, and its next change writes it quoted") {
  Sandbox box;
  box.init();
  ticket_with_fee(box);
  const std::string quoted = box.file(kTicket);
  box.ok("ticket list");  // the cache holds the record now
  spit(box.data() / kTicket, bare(quoted));
  REQUIRE(box.file(kTicket).find("amount: 1280.00") != std::string::npos);
  CHECK(box.ok("check").empty());
  CHECK(has(box.ok("ticket show 1 --format json"), "\"amount\": \"1280.00\""));
  CHECK(box.file(kTicket) == bare(quoted));  // reading writes nothing
  box.ok("ticket note 1 客户已付款");
  const std::string changed = box.file(kTicket);
  CHECK(changed.rfind(quoted, 0) == 0);  // the whole file quoted, history too
  CHECK(changed.find("1280.00,") == std::string::npos);
  CHECK(changed.find("amount: 1280.00") == std::string::npos);
  CHECK(changed.find("price: 35.50") == std::string::npos);
  CHECK(box.ok("check").empty());
}

TEST_CASE("the merge driver sees an old bare event and the same event quoted as one") {
  Sandbox box;
  box.init();
  ticket_with_fee(box);
  const std::string before = box.file(kTicket);
  box.now = "2026-11-23T10:00";
  box.ok("ticket note 1 甲方来电");
  const std::string theirs = bare(box.file(kTicket));  // a clone of an older svc
  spit(box.data() / kTicket, before);
  box.now = "2026-11-23T11:00";
  box.ok("ticket note 1 乙方来电");
  const std::string ours = box.file(kTicket);
  spit(box.root() / "base", before);
  spit(box.root() / "ours", ours);
  spit(box.root() / "theirs", theirs);
  box.ok(fmt::format("merge-driver '{}' '{}' '{}' {}", (box.root() / "base").string(),
                     (box.root() / "ours").string(), (box.root() / "theirs").string(), kTicket));
  const std::string merged = slurp(box.root() / "ours");
  INFO(merged);
  CHECK(merged.find("do: fee") == merged.rfind("do: fee"));  // once, not doubled
  CHECK(merged.find("do: part") == merged.rfind("do: part"));
  CHECK(has(merged, "甲方来电"));
  CHECK(has(merged, "乙方来电"));
  CHECK(merged.find("amount: 1280.00") == std::string::npos);
  CHECK(has(merged, ", do: fee, amount: \"1280.00\", settled: paid}\n"));
  spit(box.data() / kTicket, merged);
  CHECK(box.ok("check").empty());
}
