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
};

// Every read's exit status, stdout and stderr, as one text.
std::string everything(const Sandbox& box, const std::string& flag) {
  std::string all;
  for (const auto& cmd : kReads) {
    Result r = box.run(cmd + flag);
    all += fmt::format("$ svc {}\n[{}]\n{}{}", cmd, r.code, r.out, r.err);
  }
  return all;
}

void same_with_and_without(const Sandbox& box, const char* when) {
  INFO(when);
  std::string full = everything(box, " --no-cache");
  std::string cached = everything(box, "");
  CHECK(cached == full);
  CHECK(everything(box, "") == full);  // and once more, from a cache now warm
}

std::string a_file(const Sandbox& box, const char* folder, size_t nth = 0) {
  std::vector<fs::path> all;
  for (const auto& f : fs::recursive_directory_iterator(box.data() / folder))
    if (f.is_regular_file()) all.push_back(f.path());
  std::sort(all.begin(), all.end());
  return all.at(all.size() / 2 + nth).lexically_relative(box.data()).string();
}

}  // namespace

TEST_CASE("cache: every list and report reads the same with and without it, whatever changed") {
  Sandbox box;
  box.now = "2026-12-03T08:00";
  fs::copy(fs::path(SVC_TEST_DATA).parent_path().parent_path() / "examples" / "demo", box.data(),
           fs::copy_options::recursive);
  // Files as a pull from long ago leaves them: nothing recent, so nothing is re-read as racy.
  box.ok("check");
  std::system(
      ("find '" + box.data().string() + "' -name '*.yaml' -exec touch -d 2026-11-01 {} +").c_str());
  same_with_and_without(box, "a fresh cache");
  CHECK(fs::exists(box.data() / ".svc" / "cache.sqlite"));

  const std::string ticket = a_file(box, "tickets");
  const std::string other = a_file(box, "tickets", 1);
  const std::string survey = a_file(box, "surveys");
  const std::string complaint = a_file(box, "complaints");
  auto sh = [&](const std::string& cmd) {
    std::system(("cd '" + box.data().string() + "' && " + cmd).c_str());
  };

  // An editor writing in place, one character for another of the same size, its mtime put back.
  sh("python3 - " + ticket +
     " <<'PY'\nimport os, sys\np = sys.argv[1]\nst = os.stat(p)\ns = open(p, 'rb').read()\n"
     "s = s.replace(b'priority: normal', b'priority: urgent', 1)\n"
     "open(p, 'r+b').write(s)\nos.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))\nPY");
  same_with_and_without(box, "a file edited in place, same size and mtime");

  sh("sed -i 's/name: /name: 改名/' " + survey);
  same_with_and_without(box, "sed -i");

  sh("touch " + complaint);
  same_with_and_without(box, "touch");

  sh("cp -p " + other + " saved.tmp");
  box.ok("ticket note " + fs::path(other).stem().string() + " 加一条 --at 2026-12-03T08:00");
  same_with_and_without(box, "a note added by svc");
  sh("cp -p saved.tmp " + other + " && rm saved.tmp");  // an older copy put back
  same_with_and_without(box, "an older copy of a file put back");

  sh("rm " + survey);
  same_with_and_without(box, "a file deleted");

  sh("printf 'id: [\\n' >> " + complaint);
  same_with_and_without(box, "a file broken");

  // Summaries changed by hand and not their histories: a call closed long ago is open again in
  // its summary, an open one is closed (a period report counts by the summary where nothing
  // happened since, so the cache must not pass over either).
  sh("sed -i 's/^status: closed/status: waiting/' tickets/2026-09/T-2609-0001.yaml");
  sh("f=$(grep -l '^status: assigned' tickets/*/*.yaml | head -1) && "
     "sed -i 's/^status: assigned/status: closed/' \"$f\"");
  same_with_and_without(box, "a summary edited by hand");

  // A checkout: the file replaced by rename with other content of the same size.
  sh("sed 's/status: closed/status: closex/' " + ticket + " > x.tmp && mv x.tmp " + ticket);
  same_with_and_without(box, "a file replaced by rename");

  // A cache that is garbage is rebuilt without a word; a read-only .svc reads without one.
  sh("head -c 5000 /dev/urandom > .svc/cache.sqlite && rm -f .svc/cache.sqlite-wal "
     ".svc/cache.sqlite-shm");
  same_with_and_without(box, "a corrupt cache");
}
