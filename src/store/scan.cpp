// The bulk reader: every record file of a kind read, checked and handed on in path order, on
// two threads, from the cache when it is fresh (docs/CACHE.md).
#include "svc/store/scan.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "svc/domain/error.hpp"
#include "svc/store/cache.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/threads.hpp"
#include "svc/store/yaml.hpp"

namespace svc::store {

namespace {
ProgressWords& progress_words() {
  static ProgressWords words;
  return words;
}
}  // namespace

void set_progress_words(ProgressWords words) { progress_words() = std::move(words); }

RecordFile read_record(const KindRules& kind, const DataDir& dir, const fs::path& path,
                       std::optional<Time> now) {
  RecordFile f;
  const std::string shown = dir.display(path);
  auto at = [&](int line, int column, const std::string& m) {
    return line ? fmt::format("{}:{}:{}: {}", shown, line, column, m)
                : fmt::format("{}: {}", shown, m);
  };
  std::vector<Problem> structural;
  try {
    f.record = record_from_value(parse_yaml(dir.read(path), shown), shown, structural);
  } catch (const Error& e) {
    f.problems.push_back(e.what());
    return f;
  }
  for (const auto& p : structural) f.problems.push_back(p.text());
  if (!structural.empty()) return f;
  f.parsed = true;
  record::money_as_text(kind, f.record);
  auto found = kind.validate(f.record, dir.settings());
  for (const auto& v : found) f.problems.push_back(at(v.line, v.column, v.message));
  f.valid = found.empty();
  if (f.record.id != path.stem().string())
    f.problems.push_back(
        at(0, 0, fmt::format("id '{}' does not match the file name", f.record.id)));
  else if (f.valid && path.parent_path().filename() !=
                          dir.path_for(kind, f.record.id).parent_path().filename())
    f.problems.push_back(
        at(0, 0,
           fmt::format("is in the wrong folder: {} belongs in {}", f.record.id,
                       dir.display(dir.path_for(kind, f.record.id).parent_path()))));
  if (f.valid && now) {
    for (const auto& c : record::check_history(kind, f.record)) {
      f.problems.push_back(at(c.line, c.column, c.message));
      if (c.conflict) f.conflicts.push_back(f.problems.back());
    }
    for (const auto& c : record::compare_with_replay(kind, f.record))
      f.problems.push_back(at(c.line, c.column, c.message));
  }
  return f;
}

namespace {

using Listed = DataDir::Listed;
using ListedFile = ListedFile;

// Reads the files `which` names (indexes into `files`) on two threads and hands each to `take`
// in order on this one, at most a window of files ahead, so memory stays flat; `prepare` runs on
// the reading thread for each sound record (the cache encodes it there). A progress line on a
// terminal's stderr once it takes over a second.
void read_in_order(const KindRules& kind, const DataDir& dir, const std::vector<ListedFile>& files,
                   const std::vector<size_t>& which, std::optional<Time> now,
                   const std::function<void(size_t, RecordFile&)>& take,
                   const std::function<void(RecordFile&)>& prepare = {}) {
  constexpr size_t kWindow = 1024;
  const int offset = dir.settings().calendar.utc_offset_s;
  const size_t n = which.size();
  auto read = [&](size_t i) {
    RecordFile f = read_record(kind, dir, dir.root() / files[which[i]].rel, now);
    if (f.problems.empty()) {
      f.reach = record::reach(kind, f.record, offset);
      if (prepare) prepare(f);
    }
    return f;
  };
  const auto started = std::chrono::steady_clock::now();
  const bool terminal = ::isatty(STDERR_FILENO) != 0;
  bool shown = false;
  auto progress = [&](size_t i) {
    if (terminal && i % 512 == 511 &&
        std::chrono::steady_clock::now() - started > std::chrono::seconds(1)) {
      std::string line = progress_words()
                             ? progress_words()(kind.folder, i + 1, n)
                             : fmt::format("svc: reading {} files {}/{}", kind.folder, i + 1, n);
      std::fprintf(stderr, "\r%s", line.c_str());
      shown = true;
    }
  };
  std::vector<RecordFile> slots(std::min(n, kWindow));
  std::vector<size_t> filled(slots.size(), SIZE_MAX);  // which item each slot holds
  std::mutex m;
  std::condition_variable moved;
  std::atomic<size_t> next{0};  // the next item a reader takes
  size_t taken = 0;             // items handed to `take` so far
  bool stop = false;
  std::exception_ptr failed;
  auto work = [&] {
    try {
      for (size_t i; (i = next.fetch_add(1)) < n;) {
        {
          std::unique_lock lock(m);
          moved.wait(lock, [&] { return stop || i < taken + kWindow; });
          if (stop) return;
        }
        RecordFile f = read(i);
        std::lock_guard lock(m);
        slots[i % kWindow] = std::move(f);
        filled[i % kWindow] = i;
        moved.notify_all();
      }
    } catch (...) {
      std::lock_guard lock(m);
      if (!failed) failed = std::current_exception();
      stop = true;
      moved.notify_all();
    }
  };
  std::vector<std::thread> readers;
  for (size_t t = 0; t < 2 && t < n; ++t)
    if (std::thread reader = try_thread(work); reader.joinable())
      readers.push_back(std::move(reader));
  try {
    for (size_t i = 0; i < n; ++i) {
      RecordFile f;
      if (readers.empty()) {  // no thread to be had: each file read in turn here
        f = read(i);
      } else {
        std::unique_lock lock(m);
        moved.wait(lock, [&] { return stop || filled[i % kWindow] == i; });
        if (stop) break;
        f = std::move(slots[i % kWindow]);
        taken = i + 1;
        if (i % 64 == 63) moved.notify_all();
      }
      take(which[i], f);
      progress(i);
    }
  } catch (...) {
    std::lock_guard lock(m);
    if (!failed) failed = std::current_exception();
    stop = true;
  }
  {
    std::lock_guard lock(m);
    stop = true;
    moved.notify_all();
  }
  for (auto& t : readers) t.join();
  if (shown) std::fprintf(stderr, "\r\033[K");
  if (failed) std::rethrow_exception(failed);
}

// A ledger's read of a kind that has a ledger view: each record's view is what it visits.
bool ledger_read(const KindRules& kind, const Wanted& wanted) {
  return wanted.posting && !kind.ledger_view.whole();
}

// A cached record a command wants: the file's place in the listing, the row its record is kept
// in, and its reach (whether to decode events' data).
struct WantedRow {
  size_t file;
  std::int64_t row;
  Reach reach;
};

// The first `count` of `files` are the batch; spent batches come back to be filled again,
// their records decoded into what the ones before left (no allocation once warm).
struct Batch {
  size_t first = 0;  // of `rows`
  size_t count = 0;
  std::vector<RecordFile> files;
};
constexpr size_t kBatch = 64;

// Decodes cached records into batches: the one decoder both the reading thread and, when no
// thread is to be had, the visiting one use.
struct BatchDecoder {
  Cache& cache;
  const std::vector<ListedFile>& files;
  const std::vector<WantedRow>& rows;
  const Wanted& wanted;
  // The bytes of each of `rows` when the visit reads them from elsewhere than their records
  // row (a ledger's read: the month folders' packs of ledger views).
  const std::vector<std::string>* views;
  // Rows [first, first + kBatch) decoded into `b`, into the records it already holds.
  void fill(Batch& b, size_t first) const {
    b.first = first;
    b.count = 0;
    for (size_t k = first; k < rows.size() && b.count < kBatch; ++k) {
      if (b.count == b.files.size()) b.files.emplace_back();
      RecordFile& f = b.files[b.count++];
      decode_record(views ? std::string_view((*views)[k])
                          : cache.record(rows[k].row, files[rows[k].file].rel),
                    f.record, wanted.events, wanted.needs_data(rows[k].reach));
      f.problems.clear();
      f.conflicts.clear();
      f.parsed = f.valid = true;
      f.reach.reset();
      f.encoded.clear();
      f.posted.clear();
    }
  }
};

// The records `rows` name, read from the cache and decoded on a second thread in batches while
// this one visits them in path order, with the bad files in their places; spent batches go back
// there to be decoded into again. Returns false, having visited nothing, when the
// cache failed before the first record (it is then removed).
bool visit_cached(const DataDir& dir, Cache& cache, const std::vector<ListedFile>& files,
                  const std::vector<WantedRow>& rows, const Wanted& wanted,
                  const std::vector<std::string>* views, std::map<std::string, RecordFile>& bad,
                  const std::function<void(std::string_view rel, RecordFile&)>& visit) {
  auto next_bad = bad.begin();
  size_t visited = 0;
  auto flush_until = [&](std::optional<std::string_view> rel) {
    for (; next_bad != bad.end() && (!rel || next_bad->first < *rel); ++next_bad, ++visited)
      visit(next_bad->first, next_bad->second);
  };
  constexpr size_t kAhead = 8;
  std::mutex m;
  std::condition_variable moved;
  std::vector<Batch> ready, spent;
  bool done = false, stop = false;
  std::exception_ptr failed;
  const BatchDecoder decoder{cache, files, rows, wanted, views};
  auto fill = [&](Batch& b, size_t first) { decoder.fill(b, first); };
  auto visit_batch = [&](Batch& b) {
    for (size_t i = 0; i < b.count; ++i, ++visited) {
      const std::string_view rel = files[rows[b.first + i].file].rel;
      flush_until(rel);
      visit(rel, b.files[i]);
    }
  };
  std::thread reader = try_thread([&] {
    Batch b;
    std::vector<Batch> reuse;
    try {
      Cache::Reading reading(cache);
      for (size_t first = 0; first < rows.size(); first += kBatch) {
        fill(b, first);
        std::unique_lock lock(m);
        moved.wait(lock, [&] { return stop || ready.size() < kAhead; });
        if (stop) break;
        ready.push_back(std::move(b));
        for (auto& back : spent) reuse.push_back(std::move(back));
        spent.clear();
        moved.notify_all();
        lock.unlock();
        b = Batch{};
        if (!reuse.empty()) {
          b = std::move(reuse.back());
          reuse.pop_back();
        }
      }
    } catch (...) {
      std::lock_guard lock(m);
      failed = std::current_exception();
    }
    std::lock_guard lock(m);
    done = true;
    moved.notify_all();
  });
  if (!reader.joinable()) {  // no thread to be had: each batch decoded here, then visited
    std::optional<Cache::Reading> reading;
    try {
      reading.emplace(cache);
    } catch (...) {
      failed = std::current_exception();
    }
    Batch b;
    for (size_t first = 0; !failed && first < rows.size(); first += kBatch) {
      try {
        fill(b, first);
      } catch (...) {
        failed = std::current_exception();
        break;
      }
      visit_batch(b);
    }
  } else {
    try {
      for (;;) {
        Batch b;
        {
          std::unique_lock lock(m);
          moved.wait(lock, [&] { return done || !ready.empty(); });
          if (ready.empty()) break;
          b = std::move(ready.front());
          ready.erase(ready.begin());
          moved.notify_all();
        }
        visit_batch(b);
        std::lock_guard lock(m);
        spent.push_back(std::move(b));
      }
    } catch (...) {
      {
        std::lock_guard lock(m);
        stop = true;
        moved.notify_all();
      }
      reader.join();
      throw;
    }
    reader.join();
  }
  if (failed) {
    // The cache failed while it was read (a row lost or a page damaged behind svc's back): it
    // is removed. When nothing was visited yet this run reads every file instead; else the
    // command stops, and the next one rebuilds the cache.
    dir.drop_cache();
    if (visited == 0) return false;
    try {
      std::rethrow_exception(failed);
    } catch (const Error& e) {
      throw Error(e.code(),
                  fmt::format("{}; the cache is removed, run the command again", e.what()));
    }
  }
  flush_until(std::nullopt);
  return true;
}

// The cache brought up to date with the folder (changed, new, racy and removed files re-read or
// dropped), then every record `wanted` passes visited from it in path order, with the files it
// cannot hold (bad ones) in their place; a record is judged by what is kept beside it, and only
// the ones passed are decoded. Returns false, having visited nothing, when the cache failed.
bool scan_cached(const KindRules& kind, const DataDir& dir, Cache& cache,
                 const std::vector<ListedFile>& files, const std::vector<Listed>& folders,
                 std::int64_t listed_at, const Wanted& wanted,
                 const std::function<void(std::string_view rel, RecordFile&)>& visit) {
  const std::string folder = kind.folder;
  std::map<std::string, RecordFile> bad;
  std::vector<WantedRow> rows;
  std::vector<std::string> views;  // a ledger's read: the rows' ledger views
  bool lost = false;
  try {
    // Both in path order: a file the cache lacks, or holds as it was before, or read too soon
    // after it was written, is read; a cached file no longer listed is dropped.
    std::vector<size_t> stale;
    std::vector<bool> cached(files.size(), false);  // a row to replace, not a new one
    std::vector<std::string> gone;
    size_t next = 0;
    cache.known(folder, [&](std::string_view rel, const Cache::Kept& k) {
      for (; next < files.size() && files[next].rel < rel; ++next) stale.push_back(next);
      if (next < files.size() && files[next].rel == rel) {
        cached[next] = true;
        if (!Cache::unchanged(k, files[next].stat))
          stale.push_back(next);
        else if (wanted.passes(k.status, k.reach))
          rows.push_back({next, k.row, k.reach});
        ++next;
      } else {
        gone.emplace_back(rel);
      }
    });
    for (; next < files.size(); ++next) stale.push_back(next);
    if (!stale.empty() || !gone.empty()) {
      const std::int64_t read_at = now_ns();
      const size_t unchanged = rows.size();
      cache.begin();
      for (const auto& rel : gone) cache.forget(rel);
      read_in_order(
          kind, dir, files, stale, std::nullopt,
          [&](size_t i, RecordFile& f) {
            if (f.problems.empty()) {
              std::int64_t row = cache.put(folder, files[i].rel, files[i].stat, read_at, f.record,
                                           *f.reach, f.encoded, cached[i], f.posted);
              if (wanted.passes(f.record.fields.get("status"), *f.reach))
                rows.push_back({i, row, *f.reach});
            } else {
              if (cached[i]) cache.forget(files[i].rel);
              bad.emplace(std::string(files[i].rel), std::move(f));
            }
          },
          [&](RecordFile& f) {
            f.encoded = encode_record(f.record);
            if (f.reach->posts && !kind.ledger_view.whole())
              f.posted = encode_record(record::ledger_view(kind, f.record));
          });
      cache.commit();
      std::inplace_merge(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(unchanged),
                         rows.end(),
                         [](const WantedRow& a, const WantedRow& b) { return a.file < b.file; });
    }
    // Every month folder synced as it was listed: `show` trusts the links of a folder whose
    // stat has not changed since (docs/CACHE.md).
    cache.refresh_folders("records", folder, folders, listed_at,
                          [](const std::string&) { return std::string(); });
    if (ledger_read(kind, wanted)) {
      // Each wanted record's ledger view from its month's pack, which holds exactly the
      // records that post: one that lacks its view is a cache changed behind svc's back.
      views.reserve(rows.size());
      cache.posted(folder, [&](std::string_view rel, std::string_view bytes) {
        if (views.size() < rows.size() && files[rows[views.size()].file].rel == rel)
          views.emplace_back(bytes);
      });
      if (views.size() != rows.size()) lost = true;
    }
  } catch (const Error&) {
    if (cache.damaged()) dir.drop_cache();
    return false;  // locked or damaged: this run reads every file
  }
  if (lost) {  // removed, rebuilt by the next command; this one reads every file
    dir.drop_cache();
    return false;
  }
  return visit_cached(dir, cache, files, rows, wanted, ledger_read(kind, wanted) ? &views : nullptr,
                      bad, visit);
}

}  // namespace

void scan_records(const KindRules& kind, const DataDir& dir, std::optional<Time> now,
                  const std::function<void(std::string_view rel, RecordFile&)>& visit,
                  std::vector<std::string>* refused, const Wanted& wanted) {
  std::shared_ptr<const Listing> held = dir.listed(kind);
  const Listing& listed = *held;
  if (refused) refused->insert(refused->end(), listed.refused.begin(), listed.refused.end());
  const std::vector<ListedFile>& files = listed.files;
  // check reads every file itself; everything else may use the cache.
  if (Cache* cache = now ? nullptr : dir.cache())
    if (scan_cached(kind, dir, *cache, files, listed.folders, listed.at, wanted, visit)) return;
  std::vector<size_t> all(files.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  read_in_order(kind, dir, files, all, now, [&](size_t i, RecordFile& f) {
    // The same records the cache would give: sound ones `wanted` passes, and every bad file.
    if (f.problems.empty() && !wanted.passes(f.record.fields.get("status"), *f.reach)) return;
    if (f.problems.empty() && ledger_read(kind, wanted))
      f.record = record::ledger_view(kind, f.record);
    visit(files[i].rel, f);
  });
}

Record load_record(const KindRules& kind, const DataDir& dir, const fs::path& path) {
  RecordFile f = read_record(kind, dir, path);
  if (!f.problems.empty()) throw data_error(f.problems.front());
  return std::move(f.record);
}

}  // namespace svc::store
