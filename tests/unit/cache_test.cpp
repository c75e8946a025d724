// What the cache keeps beside a record (its reach) and how a command's Wanted filter reads it:
// the cache must hand back exactly the status and reach Wanted::passes judged when the file was
// read, or a cached report would count other records than a full read. And the listing it is
// compared with, in path order.
#include "svc/store/cache.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "../support/value_difference.hpp"
#include "helpers.hpp"
#include "svc/cli/kinds.hpp"
#include "svc/domain/report.hpp"
#include "svc/domain/ticket.hpp"
#include "svc/store/datadir.hpp"
#include "svc/store/record_io.hpp"

using namespace svc;
using svc::test::local;
namespace fs = std::filesystem;

namespace {

Record ticket_with(const std::string& status, const std::string& registered) {
  Record r;
  r.id = "T-2611-0001";
  r.fields = Value::map();
  r.fields.set_plain("id", r.id);
  r.fields.set_plain("status", status);
  r.fields.set_plain("registered", registered);
  return r;
}

Event event_at(const std::string& at, const char* action) {
  Event e;
  e.at = at;
  e.by = "王";
  e.action = action;
  e.data = Value::map();
  return e;
}

}  // namespace

TEST_CASE("reach: the first and last instant, the earliest undone deadline, open or not") {
  Record r = ticket_with("assigned", "2026-11-02T09:00:00+08:00");
  Value& due = record::child_map(r.fields, "due");
  due.set_plain("respond", "2026-11-02T10:00:00+08:00");
  due.set_plain("arrive", "2026-11-03T17:00:00+08:00");
  record::child_map(r.fields, "done").set_plain("respond", "2026-11-02T09:30:00+08:00");
  // Dates below the top level (a product's warranty) are no instant a report counts by.
  record::child_map(r.fields, "product").set_plain("warranty_until", "2030-01-01");
  r.history = {event_at("2026-11-02T09:00:00+08:00", "new"),
               event_at("2026-11-02T09:30:00+08:00", "respond")};
  Reach reach = record::reach(ticket::rules(), r, 8 * 3600);
  CHECK(reach.first == local("2026-11-02 09:00"));
  CHECK(reach.last == local("2026-11-03 17:00"));
  CHECK(reach.undone == local("2026-11-03 17:00"));
  CHECK(reach.open);

  // Closed: nothing runs any more, whatever is left undone.
  r.fields.set_plain("status", "closed");
  r.fields.set_plain("closed", "2026-11-20T08:00:00+08:00");
  reach = record::reach(ticket::rules(), r, 8 * 3600);
  CHECK_FALSE(reach.open);
  CHECK_FALSE(reach.undone.has_value());
  CHECK(reach.last == local("2026-11-20 08:00"));

  // A record without a single readable time reaches nowhere.
  Record bare = ticket_with("closed", "soon");
  reach = record::reach(ticket::rules(), bare, 8 * 3600);
  CHECK_FALSE(reach.first.has_value());
  CHECK_FALSE(reach.last.has_value());
}

TEST_CASE("Wanted: a period takes what was open or touched in it, reminders what is undone") {
  const Time nov1 = local("2026-11-01 00:00"), dec1 = local("2026-12-01 00:00");
  Wanted november{{}, std::pair{nov1, dec1}, {}};
  auto reach = [](std::optional<Time> first, std::optional<Time> last, bool open) {
    return Reach{first, last, std::nullopt, open};
  };
  CHECK(november.passes("closed",
                        reach(local("2026-11-05 09:00"), local("2026-11-06 09:00"), false)));
  // Closed in October: its state at the end of November is its summary, and it is closed.
  CHECK_FALSE(november.passes("closed",
                              reach(local("2026-10-05 09:00"), local("2026-10-31 23:59"), false)));
  // Registered in October, open: in November's backlog.
  CHECK(november.passes("assigned",
                        reach(local("2026-10-05 09:00"), local("2026-10-06 09:00"), true)));
  // Closed in November after an October registration: open at the start, closed in it.
  CHECK(november.passes("closed",
                        reach(local("2026-10-05 09:00"), local("2026-11-02 09:00"), false)));
  // Registered in December: not yet there at November's end.
  CHECK_FALSE(november.passes("assigned", reach(dec1, dec1 + 60, true)));
  CHECK_FALSE(november.passes("assigned", reach(std::nullopt, std::nullopt, true)));

  Wanted reminders{{}, std::nullopt, local("2026-11-10 12:00")};
  CHECK(reminders.passes("x", Reach{{}, {}, local("2026-11-10 12:00"), true}));
  CHECK_FALSE(reminders.passes("x", Reach{{}, {}, local("2026-11-10 12:01"), true}));
  CHECK_FALSE(reminders.passes("x", Reach{{}, {}, std::nullopt, true}));

  Wanted only{{"new", "assigned"}, std::nullopt, std::nullopt};
  CHECK(only.passes("assigned", Reach{}));
  CHECK_FALSE(only.passes("closed", Reach{}));
  CHECK(Wanted{}.passes("anything", Reach{}));
}

TEST_CASE("cache: each file comes back with its stat, status, reach and record, as last put") {
  fs::path root = fs::temp_directory_path() / fmt::format("svc-cache-test-{}", ::getpid());
  fs::remove_all(root);
  fs::create_directories(root);
  auto cache = store::Cache::open(root, "test");
  REQUIRE(cache);

  std::mt19937 rng(20261126);
  const Time base = local("2026-10-01 00:00");
  auto maybe_time = [&]() -> std::optional<Time> {
    if (rng() % 6 == 0) return std::nullopt;
    return base + static_cast<Time>(rng() % 30) * 86400;
  };
  const std::vector<std::string> statuses = {"new", "assigned", "closed", "cancelled"};
  struct Row {
    std::string status;
    Reach reach;
    store::FileStat stat;
    std::int64_t read_at = 0;
    std::string posted;  // its ledger view's bytes, when it posts
  };
  std::map<std::string, Row> rows;  // by path, as the cache should know them
  auto put = [&](int i) {
    std::string rel = fmt::format("tickets/2026-1{}/T-261{}-{:04}.yaml", i % 3, i % 3, i);
    Row row{statuses[rng() % statuses.size()],
            {maybe_time(), maybe_time(), maybe_time(), rng() % 3 == 0},
            {static_cast<std::int64_t>(rng()), static_cast<std::int64_t>(rng()),
             static_cast<std::int64_t>(rng()), static_cast<std::int64_t>(rng())},
            static_cast<std::int64_t>(rng()),
            ""};
    Record r = ticket_with(row.status, "2026-10-01T00:00:00+08:00");
    r.id = fs::path(rel).stem().string();
    row.reach.posts = rng() % 2 == 0;
    if (row.reach.posts) {
      Record view{r.id, Value::map(), {}};
      view.fields.set_plain("n", std::to_string(rng()));
      row.posted = store::encode_record(view);
    }
    cache->put("tickets", rel, row.stat, row.read_at, r, row.reach, store::encode_record(r),
               rows.count(rel) != 0, row.posted);
    rows[rel] = row;
  };
  auto check_known = [&] {
    std::map<std::string, Row> got;
    std::string previous;
    store::Cache::Reading reading(*cache);
    cache->known("tickets", [&](std::string_view rel, const store::Cache::Kept& k) {
      CHECK(std::string(rel) > previous);  // in path order
      previous = rel;
      got[std::string(rel)] = Row{std::string(k.status), k.reach, k.stat, k.read_at_ns, ""};
      // The row handed out holds this file's record, and no other file's.
      CHECK(store::decode_record(cache->record(k.row, rel)).id == fs::path(rel).stem().string());
      CHECK_THROWS_WITH(cache->record(k.row, "tickets/2026-10/T-2610-9999.yaml"),
                        "the cache lost a record");
    });
    REQUIRE(got.size() == rows.size());
    for (const auto& [rel, want] : rows) {
      INFO(rel);
      REQUIRE(got.count(rel) == 1);
      const Row& row = got.at(rel);
      CHECK(row.status == want.status);
      CHECK(row.reach == want.reach);
      CHECK(row.stat == want.stat);
      CHECK(row.read_at == want.read_at);
    }
    // The ledger views: exactly those of the files that post, in path order, as put.
    std::vector<std::pair<std::string, std::string>> views, want;
    cache->posted("tickets", [&](std::string_view rel, std::string_view bytes) {
      views.emplace_back(rel, bytes);
    });
    for (const auto& [rel, row] : rows)
      if (!row.posted.empty()) want.emplace_back(rel, row.posted);
    CHECK(views == want);
  };
  cache->begin();
  for (int i = 0; i < 400; ++i) put(i);
  // Another kind's rows never come with this kind's.
  Record other = ticket_with("new", "2026-11-01T00:00:00+08:00");
  cache->put("complaints", "complaints/2026-11/C-2611-001.yaml", {}, 0, other,
             Reach{base, base, base, true}, store::encode_record(other));
  cache->commit();
  check_known();

  // Replaced and forgotten rows: the packed stats follow in the same commit.
  cache->begin();
  for (int i = 0; i < 400; i += 7) put(i);
  for (int i = 3; i < 400; i += 11) {
    std::string rel = fmt::format("tickets/2026-1{}/T-261{}-{:04}.yaml", i % 3, i % 3, i);
    cache->forget(rel);
    rows.erase(rel);
  }
  cache->commit();
  check_known();
  {
    store::Cache::Reading reading(*cache);
    CHECK_THROWS_WITH(cache->record(1 << 30, "tickets/2026-10/T-2610-0000.yaml"),
                      "the cache lost a record");
  }
  cache.reset();
  fs::remove_all(root);
}

TEST_CASE("Wanted: a period report needs events' data only of what changed after its end") {
  Wanted all;
  CHECK(all.needs_data(Reach{}));  // by default every record's, even one without an instant
  report::Period p = report::month("2026-11", 8 * 3600);
  Wanted w = report::counted_in(p);
  auto last = [](std::optional<Time> t) { return Reach{t, t, std::nullopt, false}; };
  CHECK_FALSE(w.needs_data(last(std::nullopt)));
  CHECK_FALSE(w.needs_data(last(p.end - 1)));
  CHECK(w.needs_data(last(p.end)));  // changed at the end itself: replayed as of just before
  CHECK(w.needs_data(last(p.end + 86400)));
  // A record the builder replays (changed after the period's end) is one whose data is read.
  Record r = ticket_with("closed", "2026-11-02T08:30:00+08:00");
  r.history = {event_at("2026-11-02T08:30:00+08:00", "new"),
               event_at("2026-12-01T00:00:00+08:00", "close")};
  CHECK(record::changed_after(r, p.end - 1));
  CHECK(w.needs_data(record::reach(ticket::rules(), r, 8 * 3600)));
  r.history.pop_back();
  CHECK_FALSE(record::changed_after(r, p.end - 1));
}

TEST_CASE("codec: a record comes back whole, or its first events only, or their heads only") {
  Record r = ticket_with("open", "2026-11-02T08:30:00+08:00");
  r.fields.set_text("description", "主轴异响: \"quoted\"\n第二行");
  Value product = Value::map(true);
  product.set_plain("model", "PX-900");
  product.set_plain("warranty_months", "12");
  r.fields.set("product", product);
  Value parts = Value::list();
  for (const char* no : {"P-1", "P-2"}) {
    Value part = Value::map();
    part.set_plain("no", no);
    parts.push(std::move(part));
  }
  r.fields.set("parts", parts);
  r.fields.set("empty", Value::list(true));
  Event first = event_at("2026-11-02T08:30:00+08:00", "new");
  first.data.set("product", product);
  first.data.set("parts", parts);
  Event second = event_at("2026-11-02T09:00:00+08:00", "assign");
  second.data.set_plain("assignee", "郑十");
  r.history = {first, second, event_at("2026-11-03T10:00:00+08:00", "close")};
  const std::string bytes = store::encode_record(r);

  Record whole = store::decode_record(bytes);
  CHECK(whole.id == r.id);
  CHECK(whole.fields == r.fields);
  REQUIRE(whole.history.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(whole.history[i].at == r.history[i].at);
    CHECK(whole.history[i].by == r.history[i].by);
    CHECK(whole.history[i].action == r.history[i].action);
    CHECK(whole.history[i].data == r.history[i].data);
  }
  CHECK(store::encode_record(whole) == bytes);

  Record two = store::decode_record(bytes, 2);
  CHECK(two.fields == r.fields);
  REQUIRE(two.history.size() == 2);
  CHECK(two.history[1].data == second.data);

  // Heads only: every event's time, author and action, no data, and the summary whole.
  Record heads = store::decode_record(bytes, SIZE_MAX, false);
  CHECK(heads.fields == r.fields);
  REQUIRE(heads.history.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(heads.history[i].action == r.history[i].action);
    CHECK(heads.history[i].by == r.history[i].by);
    CHECK(heads.history[i].data.entries.empty());
  }
  CHECK(store::decode_record(bytes, 0).history.empty());

  // Cut short anywhere, or with a stray byte after it, the bytes are refused as damaged.
  auto damaged = [](const std::string& b, bool data) {
    try {
      store::decode_record(b, SIZE_MAX, data);
    } catch (const Error& e) {
      return e.code() == Exit::data;
    }
    return false;
  };
  for (size_t n = 0; n < bytes.size(); ++n)
    for (bool data : {true, false}) CHECK(damaged(bytes.substr(0, n), data));
  CHECK(damaged(bytes + "x", true));
  CHECK(damaged(bytes + "x", false));
}

namespace {

// Every part of two values alike, in order: kind, flow mark, text, position, entries, items.
bool same(const Value& a, const Value& b) { return test::difference(a, b, true).empty(); }

bool same(const Record& a, const Record& b) {
  if (a.id != b.id || !same(a.fields, b.fields) || a.history.size() != b.history.size())
    return false;
  for (size_t i = 0; i < a.history.size(); ++i)
    if (a.history[i].at != b.history[i].at || a.history[i].by != b.history[i].by ||
        a.history[i].action != b.history[i].action || !same(a.history[i].data, b.history[i].data))
      return false;
  return true;
}

}  // namespace

TEST_CASE("codec: a record decoded into one that held another is exactly a fresh decode") {
  // Shapes that differ where a reused value could keep something: a map where the other has
  // text, a list where it has a map, fewer and more keys and items, flow and block, events
  // with and without data, none at all.
  std::vector<Record> records;
  Record big = ticket_with("open", "2026-11-02T08:30:00+08:00");
  Value product = Value::map(true);
  product.set_plain("model", "PX-900");
  product.set_text("serial", "主轴-001");
  big.fields.set("product", product);
  Value parts = Value::list();
  for (const char* no : {"P-1", "P-2", "P-3"}) parts.push(Value::text(no));
  big.fields.set("parts", parts);
  Event assign = event_at("2026-11-02T09:00:00+08:00", "assign");
  assign.data.set_plain("assignee", "郑十");
  assign.data.set("parts", parts);
  Event flow = event_at("2026-11-02T10:00:00+08:00", "note");
  flow.data = Value::map(true);
  flow.data.set_text("text", "第二行");
  big.history = {event_at("2026-11-02T08:30:00+08:00", "new"), assign, flow,
                 event_at("2026-11-03T10:00:00+08:00", "close")};
  records.push_back(big);
  Record small = ticket_with("closed", "2026-10-01T08:30:00+08:00");
  small.fields.set_text("product", "PX-100");                      // text where a map was
  small.fields.set("parts", Value::map());                         // an empty block map
  small.history = {event_at("2026-10-01T08:30:00+08:00", "new")};  // one event, no data
  records.push_back(small);
  Record lists = ticket_with("waiting", "2026-09-01T08:30:00+08:00");
  Value nested = Value::list(true);
  nested.push(product);
  nested.push(Value::list());
  lists.fields.set("product", nested);  // a list where a map was
  Event many = event_at("2026-09-01T09:00:00+08:00", "wait");
  for (int i = 0; i < 12; ++i) many.data.set_plain(fmt::format("k{}", i), fmt::format("{}", i));
  lists.history = {event_at("2026-09-01T08:30:00+08:00", "new"), many, many, many, many};
  records.push_back(lists);
  Record bare = ticket_with("new", "2026-08-01T08:30:00+08:00");
  records.push_back(bare);  // no events

  std::vector<std::string> bytes;
  for (const auto& r : records) bytes.push_back(store::encode_record(r));
  std::vector<size_t> order(records.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  size_t compared = 0;
  do {
    for (size_t events : {SIZE_MAX, size_t{2}, size_t{0}})
      for (bool data : {true, false}) {
        Record reused;
        for (size_t i : order) {
          store::decode_record(bytes[i], reused, events, data);
          INFO("record " << i << ", events " << events << ", data " << data);
          REQUIRE(same(reused, store::decode_record(bytes[i], events, data)));
          if (!data)  // heads only: each event's data as a new event's
            for (const Event& e : reused.history) REQUIRE(same(e.data, Event{}.data));
          ++compared;
        }
        // Decoded whole after its heads only, and the other way round.
        store::decode_record(bytes[order[0]], reused, SIZE_MAX, !data);
        store::decode_record(bytes[order[0]], reused, events, data);
        REQUIRE(same(reused, store::decode_record(bytes[order[0]], events, data)));
      }
  } while (std::next_permutation(order.begin(), order.end()));
  CHECK(compared == 24 * 3 * 2 * 4);
  // One read from a file holds positions: decoded into, it keeps none.
  Record read = store::record_from_text(store::record_text(big), "t.yaml");
  REQUIRE(read.fields.entries[0].second.line > 0);
  store::decode_record(bytes[0], read, SIZE_MAX, true);
  CHECK(same(read, store::decode_record(bytes[0])));
  CHECK(same(store::decode_record(bytes[0]), records[0]));  // and a fresh decode is the record
}

TEST_CASE("listing: record files in path order, whatever their names' lengths and folders") {
  fs::path root = fs::temp_directory_path() / fmt::format("svc-listing-test-{}", ::getpid());
  fs::remove_all(root);
  fs::create_directories(root);
  { std::ofstream(root / "svc.yaml") << "{}\n"; }
  // Names that share their first 16 bytes and differ after, names shorter than 16, a clone's
  // code, and names that are no record's (every one of them accounted for as a stray).
  const std::vector<std::string> records = {"T-2603-0002.yaml", "T-2603-0001.yaml",
                                            "T-2603-A-0001.yaml", "T-2603-00010.yaml",
                                            "T-2603-9999.yaml"};
  const std::vector<std::string> strays = {
      "T-2603-0001.yaml.yaml", "T-2603-0001x.yaml",         "T-1.yaml",
      "T-2603-A-0001a.yaml",   "T-2603-0001-.yaml",         "T-2603-.yaml",
      "t-2603-0003.yaml",      "T-2603-0001.yamm.yaml",     "C-2603-001.yaml",
      "T-2603-0004.YAML",      "T-2603-ABCDEFGHI-0001.yaml"};
  std::vector<std::string> names = records;
  for (int i = 0; i < 20; ++i) names.push_back(fmt::format("T-2603-BBBBBBBB-{:04}.yaml", i));
  std::vector<std::string> want, want_strays;
  // "2026-03-old" is no month folder: a stray itself, nothing in it listed.
  for (const char* month : {"2026-03", "2026-03-old", "2026-02"}) {
    fs::create_directories(root / "tickets" / month);
    bool real = std::string(month) != "2026-03-old";
    for (const auto& name : names) {
      std::ofstream(root / "tickets" / month / name) << "x\n";
      if (real) want.push_back(fmt::format("tickets/{}/{}", month, name));
    }
    for (const auto& name : strays) {
      std::ofstream(root / "tickets" / month / name) << "x\n";
      if (real) want_strays.push_back(fmt::format("tickets/{}/{}", month, name));
    }
    if (!real) want_strays.push_back(fmt::format("tickets/{}", month));
  }
  fs::create_directories(root / "tickets" / "2026-02" / "T-2602-0001.yaml");
  want_strays.push_back("tickets/2026-02/T-2602-0001.yaml");
  std::ofstream(root / "tickets" / "T-2603-0005.yaml") << "x\n";
  want_strays.push_back("tickets/T-2603-0005.yaml");
  std::sort(want.begin(), want.end());
  std::sort(want_strays.begin(), want_strays.end());
  store::DataDir dir(root, cli::kind_rules());
  std::vector<std::string> got;
  store::Listing l = dir.listing(ticket::rules());
  for (const auto& f : l.files) got.emplace_back(f.rel);
  CHECK(got == want);
  CHECK(l.strays == want_strays);
  CHECK(l.refused.size() == want_strays.size());
  fs::remove_all(root);
}
