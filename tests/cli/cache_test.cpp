// The derived cache never gives a figure a full read would not: every list and report, with the
// cache and with --no-cache, on the demo office's data, also after files changed behind svc's
// back (an editor, sed -i, touch, deletion, an older copy of the same size, git checkout).
#include <algorithm>
#include <vector>

#include "harness.hpp"

using svc::test::Result;
using svc::test::Sandbox;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kReads = {
    "ticket list",
    "ticket list --format csv",
    "ticket list --open --format json",
    "ticket list --open --status resolved,closed --format csv",
    "complaint list --open",
    "ticket list --overdue",
    "ticket list --tech 王师傅 --month 2026-11",
    "complaint list --format json",
    "complaint remind",
    "complaint penalties --month 2026-11",
    "return list --format csv",
    "survey list --format json",
    "survey list --pending",
    "survey stats --month 2026-11 --format json",
    "report monthly --month 2026-11 --format json",
    "report monthly --month 2026-10",
    "report monthly --month 2026-09 --format json",
    "report monthly --month 2026-12 --format json",
    "report quarterly --quarter 2026Q4 --format csv",
    "report period --from 2026-10-01 --to 2026-11-30 --format md",
    "report technician --month 2026-11",
    "report recurring --from 2026-06-01 --to 2026-11-30",
    "report overdue --within 24h",
    "report overdue --format json",
    "report late --month 2026-11",
    "report late --month 2026-10 --format json",
    "report technician --from 2026-09-15 --to 2026-10-15 --format json",
    "ticket show T-2611-0001",
    "parts balance",
    "parts ledger 轴承6204 --format json",
    "report parts --month 2026-11 --format json",
    "parts balance --at 2026-10-31 --format csv",
};

// The whole scenario runs once per part of kReads, each part every kParts-th read (a mix of
// kinds and reports in each), so that ctest runs the parts side by side; in each part the
// first read after a change meets the stale cache and the others one it has brought up to date.
constexpr size_t kParts = 4;

// Every read of the part's, its exit status, stdout and stderr, as one text.
std::string everything(const Sandbox& box, size_t part, const std::string& flag) {
  std::string all;
  for (size_t i = part; i < kReads.size(); i += kParts) {
    Result r = box.run(kReads[i] + flag);
    all += fmt::format("$ svc {}\n[{}]\n{}{}", kReads[i], r.code, r.out, r.err);
  }
  return all;
}

void same_with_and_without(const Sandbox& box, size_t part, const char* when) {
  INFO(when);
  std::string full = everything(box, part, " --no-cache");
  std::string cached = everything(box, part, "");
  CHECK(cached == full);
  CHECK(everything(box, part, "") == full);  // and once more, from a cache now warm
}

std::string a_file(const Sandbox& box, const char* folder, size_t nth = 0) {
  std::vector<fs::path> all;
  for (const auto& f : fs::recursive_directory_iterator(box.data() / folder))
    if (f.is_regular_file()) all.push_back(f.path());
  std::sort(all.begin(), all.end());
  return all.at(all.size() / 2 + nth).lexically_relative(box.data()).string();
}

}  // namespace

// Every change, one after another, on the demo office's data; the reads of one part.
static void whatever_changed(size_t part) {
  Sandbox box;
  box.now = "2026-12-03T08:00";
  fs::copy(fs::path(SVC_TEST_DATA).parent_path().parent_path() / "examples" / "demo", box.data(),
           fs::copy_options::recursive);
  // Files as a pull from long ago leaves them: nothing recent, so nothing is re-read as racy.
  box.ok("check");
  box.sh("find . -name '*.yaml' -exec touch -d 2026-11-01 {} +");
  same_with_and_without(box, part, "a fresh cache");
  CHECK(fs::exists(box.data() / ".svc" / "cache.sqlite"));

  const std::string ticket = a_file(box, "tickets");
  const std::string other = a_file(box, "tickets", 1);
  const std::string survey = a_file(box, "surveys");
  const std::string complaint = a_file(box, "complaints");
  auto sh = [&](const std::string& cmd) { box.sh(cmd); };

  // An editor writing in place, one character for another of the same size, its mtime put back.
  sh("python3 - " + ticket +
     " <<'PY'\nimport os, sys\np = sys.argv[1]\nst = os.stat(p)\ns = open(p, 'rb').read()\n"
     "assert b'priority: normal' in s\ns = s.replace(b'priority: normal', b'priority: urgent', 1)\n"
     "open(p, 'r+b').write(s)\nos.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))\nPY");
  same_with_and_without(box, part, "a file edited in place, same size and mtime");

  sh("sed -i 's/name: /name: 改名/' " + survey + " && grep -q 'name: 改名' " + survey);
  same_with_and_without(box, part, "sed -i");

  sh("touch " + complaint);
  same_with_and_without(box, part, "touch");

  // The ledger reads each call's ledger view from its month's pack: a slip received, and a
  // part event's quantity changed by hand, must both show.
  box.now = "2026-11-01T08:00";
  box.ok("parts receive --from supplier:甲 --to store --line 轴承6204=20@30.00 -q");
  box.now = "2026-12-03T08:00";
  sh("f=$(grep -l 'do: part, part: 轴承6204, qty: 1,' tickets/2026-11/*.yaml | head -1) && "
     "test -n \"$f\" && sed -i 's/do: part, part: 轴承6204, qty: 1,/do: part, part: 轴承6204, "
     "qty: 3,/' \"$f\"");
  same_with_and_without(box, part, "a slip received and a part event edited by hand");

  sh("cp -p " + other + " saved.tmp");
  box.ok("ticket note " + fs::path(other).stem().string() + " 加一条 --at 2026-12-03T08:00");
  same_with_and_without(box, part, "a note added by svc");
  sh("cp -p saved.tmp " + other + " && rm saved.tmp");  // an older copy put back
  same_with_and_without(box, part, "an older copy of a file put back");

  sh("rm " + survey);
  same_with_and_without(box, part, "a file deleted");

  sh("printf 'id: [\\n' >> " + complaint);
  same_with_and_without(box, part, "a file broken");

  // Summaries changed by hand and not their histories: a call closed long ago is open again in
  // its summary, an open one is closed (a period report counts by the summary where nothing
  // happened since, so the cache must not pass over either).
  // Each edit checked to have happened: a sed that matches nothing succeeds all the same.
  sh("f=tickets/2026-09/T-2609-0001.yaml && grep -q '^status: closed' $f && "
     "sed -i 's/^status: closed/status: waiting/' $f");
  sh("f=$(grep -l '^status: assigned' tickets/*/*.yaml | head -1) && test -n \"$f\" && "
     "sed -i 's/^status: assigned/status: closed/' \"$f\"");
  same_with_and_without(box, part, "a summary edited by hand");

  // A checkout: the file replaced by rename with other content of the same size.
  sh("grep -q 'status: closed' " + ticket + " && sed 's/status: closed/status: closex/' " + ticket +
     " > x.tmp && mv x.tmp " + ticket);
  same_with_and_without(box, part, "a file replaced by rename");

  // A call still open and late at October's end that changed after it: the October figures
  // replay it as it stood then, so the cache must hand out its events' data too.
  box.now = "2026-10-29T09:00";
  std::string late = box.ok("ticket new -q --customer 月末客户 --zone urban");
  late.pop_back();
  box.now = "2026-11-02T09:00";
  box.ok("ticket note " + late + " 客户改约");
  box.now = "2026-12-03T08:00";
  same_with_and_without(box, part, "a call late at a month's end, changed after it");

  // A cache that is garbage is rebuilt without a word; a read-only .svc reads without one.
  sh("head -c 5000 /dev/urandom > .svc/cache.sqlite && rm -f .svc/cache.sqlite-wal "
     ".svc/cache.sqlite-shm");
  same_with_and_without(box, part, "a corrupt cache");
}

TEST_CASE(
    "cache: every list and report reads the same with and without it, whatever changed (reads 1 of "
    "4)") {
  whatever_changed(0);
}

TEST_CASE(
    "cache: every list and report reads the same with and without it, whatever changed (reads 2 of "
    "4)") {
  whatever_changed(1);
}

TEST_CASE(
    "cache: every list and report reads the same with and without it, whatever changed (reads 3 of "
    "4)") {
  whatever_changed(2);
}

TEST_CASE(
    "cache: every list and report reads the same with and without it, whatever changed (reads 4 of "
    "4)") {
  whatever_changed(3);
}

TEST_CASE("cache: show names the records linking to it, as a full read would, whatever changed") {
  Sandbox box;
  box.now = "2026-11-20T09:00";
  box.ok("init data");
  const std::string t = "T-2611-0001";
  CHECK(box.ok("ticket new -q --customer 华东机械厂 --description 异响") == t + "\n");
  box.ok("complaint new -q --customer 华东机械厂 --category quality --description 异响 --ticket " +
         t);
  box.ok("complaint new -q --customer 华东机械厂 --category quality --description 又响");
  box.ok(
      "return new -q --customer 华东机械厂 --model KX-300 --purchased 2026-11-10 --want refund "
      "--reason defect --ticket " +
      t);
  auto same = [&](const char* when, const std::string& links) {
    INFO(when);
    std::string full = box.ok("ticket show " + t + " --no-cache");
    CHECK(box.ok("ticket show " + t) == full);
    CHECK(box.ok("ticket show " + t) == full);  // from a cache now synced
    CHECK_MESSAGE(full.find(links) != std::string::npos, full);
  };
  same("made by svc", "投诉 C-2611-001  退换货 R-2611-001");
  auto sh = [&](const std::string& cmd) { box.sh(cmd); };
  // A second complaint linked by an editor that writes a new file (sed -i), and a return gone.
  sh("sed -i 's/^description: 又响/links: {ticket: " + t +
     "}\\ndescription: 又响/' complaints/2026-11/C-2611-002.yaml");
  sh("rm returns/2026-11/R-2611-001.yaml");
  same("linked by sed -i, a file removed", "投诉 C-2611-001 C-2611-002\n");
  // The first complaint's file replaced by a copy without its link (git checkout of another
  // version): renamed into place.
  sh("grep -v 'ticket: " + t +
     "' complaints/2026-11/C-2611-001.yaml > x.tmp && "
     "mv x.tmp complaints/2026-11/C-2611-001.yaml");
  same("a link removed by a checkout", "投诉 C-2611-002\n");
}

TEST_CASE("cache: a new record's serial skips every name in every month folder, cached or not") {
  Sandbox box;
  box.now = "2026-11-20T09:00";
  box.ok("init data");
  CHECK(box.ok("ticket new -q --customer 甲 --description 一") == "T-2611-0001\n");
  CHECK(box.ok("ticket new -q --customer 甲 --description 二") == "T-2611-0002\n");
  // Names kept in the cache for the next new (the folders as a pull long ago left them, so
  // nothing is racy); a file put into another month's folder by hand (a folder whose names
  // changed) is seen all the same.
  fs::create_directories(box.data() / "tickets" / "2026-10");
  box.sh("touch -d 2026-11-01 tickets/*");
  CHECK(box.ok("ticket new -q --customer 甲 --description 二") == "T-2611-0003\n");
  box.sh("touch -d 2026-11-01 tickets/*");
  fs::copy_file(box.data() / "tickets/2026-11/T-2611-0002.yaml",
                box.data() / "tickets/2026-10/T-2611-0007.yaml");
  CHECK(box.ok("ticket new -q --customer 甲 --description 三") == "T-2611-0008\n");
  box.sh("touch -d 2026-11-01 tickets/*");
  fs::remove(box.data() / "tickets/2026-10/T-2611-0007.yaml");
  fs::copy_file(box.data() / "tickets/2026-11/T-2611-0002.yaml",
                box.data() / "tickets/2026-10/t-2611-0012.yaml");
  CHECK(box.ok("ticket new -q --customer 甲 --description 四") == "T-2611-0013\n");
  CHECK(box.ok("ticket new -q --customer 甲 --description 五 --no-cache") == "T-2611-0014\n");
  CHECK(fs::exists(box.data() / ".svc" / "cache.sqlite"));
}

TEST_CASE("cache: a record row lost from the cache is a cache removed, never a figure missed") {
  Sandbox box;
  box.now = "2026-12-03T08:00";
  fs::copy(fs::path(SVC_TEST_DATA).parent_path().parent_path() / "examples" / "demo", box.data(),
           fs::copy_options::recursive);
  box.sh("find . -name '*.yaml' -exec touch -d 2026-11-01 {} +");
  const std::string full = box.ok("ticket list --no-cache");
  auto lose = [&](int nth) {
    CHECK(box.ok("ticket list") == full);  // the cache made and used
    box.sh(
        "python3 -c \"import sqlite3; c = sqlite3.connect('.svc/cache.sqlite'); "
        "n = c.execute('DELETE FROM records WHERE path = (SELECT path FROM files WHERE "
        "folder = ? ORDER BY path LIMIT 1 OFFSET ?)', ('tickets', " +
        std::to_string(nth) + ")).rowcount; c.commit(); assert n == 1, n\"");
  };
  // Lost near the start: found before anything is printed, so this run reads every file.
  lose(0);
  Result r = box.run("ticket list");
  CHECK(r.code == 0);
  CHECK(r.out == full);
  CHECK(r.err == "");
  // Lost far into the list: the command stops as incomplete and removes the cache, and the
  // next run reads every file again.
  lose(80);
  r = box.run("ticket list");
  CHECK(r.code == 3);
  CHECK(r.err ==
        "svc: error: the cache lost a record; the cache is removed, run the command again\n");
  CHECK_FALSE(fs::exists(box.data() / ".svc" / "cache.sqlite"));
  CHECK(box.ok("ticket list") == full);
}
