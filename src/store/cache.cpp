#include "svc/store/cache.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>

#include "codec.hpp"
#include "svc/domain/error.hpp"
#include "svc/store/safe_fs.hpp"

namespace svc::store {

namespace fs = std::filesystem;

namespace {

// ---- SQLite ----

// 12: records keep what a ledger reads of each beside it (records.posted), packed per month
// folder (posted).
// 11: the reach says whether a record moves parts (files.posts).
// 10: records hold money as text (SPEC §1), a resolved ticket counts as open and a late
// extension no longer runs as pending: a cache of 9 kept the bare numbers and the old reach.
constexpr int kSchemaVersion = 12;
constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
  path TEXT PRIMARY KEY,       -- relative to the data directory: tickets/2026-11/T-2611-0001.yaml
  folder TEXT NOT NULL,        -- tickets, complaints, returns, surveys
  id TEXT NOT NULL,            -- T-2611-0001
  status TEXT NOT NULL,        -- as the record's summary says
  registered TEXT NOT NULL,    -- ISO 8601 with offset
  first_at INTEGER,            -- earliest instant among the top-level fields, due, done and the
  last_at INTEGER,             --   events, and the latest (Unix seconds; NULL: none)
  undone_at INTEGER,           -- earliest deadline in due without a time in done (NULL: none)
  open INTEGER NOT NULL,       -- 1 when the kind counts the status open
  posts INTEGER NOT NULL,      -- 1 when it moves parts in the parts ledger
  size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
  ino INTEGER NOT NULL,        -- what stat said when svc read the file
  read_at_ns INTEGER NOT NULL, -- the clock when svc read it
  record_row INTEGER NOT NULL  -- the rowid of its record in records
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS links (
  path TEXT NOT NULL,          -- as in files: the record that links
  field TEXT NOT NULL,         -- ticket, complaint, parent, ...
  target TEXT NOT NULL         -- the ID it links to
);
CREATE INDEX IF NOT EXISTS links_target ON links (target, field);
CREATE INDEX IF NOT EXISTS links_path ON links (path);
CREATE TABLE IF NOT EXISTS folders (
  use TEXT NOT NULL,           -- names: the serials of the file names in it; records: every
  path TEXT NOT NULL,          --   record file in it synced into files; tickets/2026-11
  size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
  ino INTEGER NOT NULL, read_at_ns INTEGER NOT NULL,
  data TEXT NOT NULL,          -- names: "T-2611- 37" per ID stem, one per line
  PRIMARY KEY (use, path)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stats (
  folder TEXT PRIMARY KEY,     -- tickets/2026-11: stat, read_at_ns, status, reach and records row
  packed BLOB NOT NULL         --   of its files rows, packed (svc's own; query files instead)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS records (
  path TEXT PRIMARY KEY,       -- as in files
  record BLOB NOT NULL,        -- the record as svc read it (svc's own compact encoding)
  posted BLOB NOT NULL         -- what a ledger reads of it, so encoded (empty: the record)
);
CREATE TABLE IF NOT EXISTS posted (
  folder TEXT PRIMARY KEY,     -- tickets/2026-11: the records.posted of its files that have one,
  packed BLOB NOT NULL         --   in path order with their names (svc's own; see records)
) WITHOUT ROWID;
)";

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK)
      throw data_error(fmt::format("cache: {}", sqlite3_errmsg(db)));
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  sqlite3_stmt* operator*() const { return s_; }
  void text(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  bool step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE)
      throw data_error(fmt::format("cache: {}", sqlite3_errmsg(sqlite3_db_handle(s_))));
    return false;
  }
  void run() {
    step();
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  std::string col_text(int i) const {
    auto* p = sqlite3_column_text(s_, i);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(s_, i)))
             : std::string();
  }

 private:
  sqlite3_stmt* s_ = nullptr;
};

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "unknown error";
    sqlite3_free(err);
    throw data_error("cache: " + m);
  }
}

sqlite3* open_db(const fs::path& path, const std::string& stamp) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(
          path.c_str(), &db,
          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
          nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return nullptr;
  }
  try {
    sqlite3_busy_timeout(db, 2000);
    exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=0;");
    // A cache of another schema version is dropped whole and made anew.
    Stmt version(db, "PRAGMA user_version");
    if (!version.step() || sqlite3_column_int(*version, 0) != kSchemaVersion)
      exec(db, fmt::format("BEGIN IMMEDIATE; DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS "
                           "records; DROP TABLE IF EXISTS links; DROP TABLE IF EXISTS folders; "
                           "DROP TABLE IF EXISTS stats; DROP TABLE IF EXISTS posted; "
                           "DROP TABLE IF EXISTS meta; PRAGMA user_version = {}; COMMIT;",
                           kSchemaVersion)
                   .c_str());
    exec(db, kSchema);
    Stmt get(db, "SELECT value FROM meta WHERE key = 'stamp'");
    std::string had = get.step() ? get.col_text(0) : "";
    if (had != stamp) {
      exec(db,
           "BEGIN IMMEDIATE; DELETE FROM files; DELETE FROM records; DELETE FROM links; "
           "DELETE FROM folders; DELETE FROM stats; DELETE FROM posted;");
      Stmt set(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('stamp', ?)");
      set.text(1, stamp);
      set.run();
      exec(db, "COMMIT;");
    }
    return db;
  } catch (const Error&) {
    sqlite3_close(db);
    throw;
  }
}

}  // namespace

std::unique_ptr<Cache> Cache::open(const fs::path& root, const std::string& stamp) {
  try {
    open_folder(root, root / ".svc", true);
  } catch (const Error&) {
    return nullptr;  // a read-only data directory: no cache, full reads
  }
  fs::path path = root / ".svc" / "cache.sqlite";
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      if (sqlite3* db = open_db(path, stamp)) return std::unique_ptr<Cache>(new Cache(db));
      return nullptr;
    } catch (const Error&) {
      remove(root);  // corrupt (or made by something else): made anew, once
    }
  }
  return nullptr;
}

void Cache::remove(const fs::path& root) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"})
    fs::remove(root / ".svc" / (std::string("cache.sqlite") + suffix), ec);
}

bool Cache::damaged() const {
  int e = sqlite3_errcode(db_);
  return e == SQLITE_CORRUPT || e == SQLITE_NOTADB;
}

Cache::~Cache() {
  for (sqlite3_blob* b : {blob_, posted_blob_})
    if (b) sqlite3_blob_close(b);
  for (auto& [sql, stmt] : prepared_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

std::int64_t now_ns() {
  using namespace std::chrono;
  return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {

// The rows of one kind folder (?1), in path order: its paths run from "folder/" to "folder0".
std::string folder_range(const char* column = "f.path") {
  return fmt::format("{0} >= ?1 || '/' AND {0} < ?1 || '0'", column);
}

// A stat and the time it was read, from five columns from `first` on.
Cache::Known known_at(sqlite3_stmt* q, int first) {
  Cache::Known k;
  k.stat = {sqlite3_column_int64(q, first), sqlite3_column_int64(q, first + 1),
            sqlite3_column_int64(q, first + 2), sqlite3_column_int64(q, first + 3)};
  k.read_at_ns = sqlite3_column_int64(q, first + 4);
  return k;
}

}  // namespace

namespace {

// The month folder of a record file's path: tickets/2026-11 of tickets/2026-11/T-2611-0001.yaml.
std::string month_of(std::string_view rel) { return std::string(rel.substr(0, rel.rfind('/'))); }

// What a packed stat says of the reach's optional parts.
enum : unsigned { kFirst = 1, kLast = 2, kUndone = 4, kOpen = 8, kPosts = 16 };

}  // namespace

void Cache::known(const std::string& folder,
                  const std::function<void(std::string_view, const Kept&)>& visit) {
  // Copied out in one scan (fetching each by its key read every page twice), then in the order
  // of the paths below them (the folders end in '/').
  Stmt q(db_, ("SELECT folder, packed FROM stats f WHERE " + folder_range("f.folder")).c_str());
  q.text(1, folder);
  std::vector<std::pair<std::string, std::string>> months;
  while (q.step()) {
    const void* p = sqlite3_column_blob(*q, 1);
    months.emplace_back(
        q.col_text(0) + "/",
        std::string(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(*q, 1))));
  }
  std::sort(months.begin(), months.end());
  std::string rel;
  for (const auto& [month, packed] : months) {
    codec::Reader in{packed};
    while (in.at < packed.size()) {
      std::string_view name = in.view();
      Kept k;
      k.stat = {in.fixed(), in.fixed(), in.fixed(), in.fixed()};
      k.read_at_ns = in.fixed();
      k.row = in.fixed();
      k.status = in.view();
      const size_t has = in.len();
      auto instant = [&](unsigned bit) {
        return has & bit ? std::optional<Time>(in.fixed()) : std::nullopt;
      };
      k.reach.first = instant(kFirst);
      k.reach.last = instant(kLast);
      k.reach.undone = instant(kUndone);
      k.reach.open = (has & kOpen) != 0;
      k.reach.posts = (has & kPosts) != 0;
      rel.assign(month).append(name);
      visit(rel, k);
    }
  }
}

void Cache::posted(const std::string& folder,
                   const std::function<void(std::string_view, std::string_view)>& visit) {
  Stmt q(db_, ("SELECT folder, packed FROM posted f WHERE " + folder_range("f.folder")).c_str());
  q.text(1, folder);
  std::vector<std::pair<std::string, std::string>> months;
  while (q.step()) {
    const void* p = sqlite3_column_blob(*q, 1);
    months.emplace_back(
        q.col_text(0) + "/",
        std::string(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(*q, 1))));
  }
  std::sort(months.begin(), months.end());
  std::string rel;
  for (const auto& [month, packed] : months) {
    codec::Reader in{packed};
    while (in.at < packed.size()) {
      rel.assign(month).append(in.view());
      visit(rel, in.view());
    }
  }
}

void Cache::begin() {
  exec(db_, "BEGIN IMMEDIATE;");
  touched_.clear();
}

void Cache::commit() {
  Stmt rows(
      db_,
      ("SELECT f.path, f.size, f.mtime_ns, f.ctime_ns, f.ino, f.read_at_ns, "
       "f.record_row, f.status, f.first_at, f.last_at, f.undone_at, f.open, f.posts FROM files f "
       "WHERE " +
       folder_range() + " ORDER BY f.path")
          .c_str());
  Stmt store(db_, "INSERT OR REPLACE INTO stats (folder, packed) VALUES (?, ?)");
  Stmt drop(db_, "DELETE FROM stats WHERE folder = ?");
  Stmt views(db_, ("SELECT path, posted FROM records WHERE " + folder_range("path") +
                   " AND length(posted) > 0 ORDER BY path")
                      .c_str());
  Stmt store_views(db_, "INSERT OR REPLACE INTO posted (folder, packed) VALUES (?, ?)");
  Stmt drop_views(db_, "DELETE FROM posted WHERE folder = ?");
  for (const auto& month : touched_) {
    // The ledger views of the folder's records, one blob: a ledger's read takes a month at once.
    views.text(1, month);
    std::string pack;
    while (views.step()) {
      codec::put_str(pack, views.col_text(0).substr(month.size() + 1));
      const void* p = sqlite3_column_blob(*views, 1);
      codec::put_str(pack, std::string_view(static_cast<const char*>(p),
                                            static_cast<size_t>(sqlite3_column_bytes(*views, 1))));
    }
    sqlite3_reset(*views);
    if (pack.empty()) {
      drop_views.text(1, month);
      drop_views.run();
    } else {
      store_views.text(1, month);
      sqlite3_bind_blob(*store_views, 2, pack.data(), static_cast<int>(pack.size()), SQLITE_STATIC);
      store_views.run();
    }
    rows.text(1, month);
    std::string packed;
    // Per file in path order: its name, what it was when read, its records row, status and
    // reach (see known()).
    while (rows.step()) {
      codec::put_str(packed, rows.col_text(0).substr(month.size() + 1));
      const Known k = known_at(*rows, 1);
      for (std::int64_t v : {k.stat.size, k.stat.mtime_ns, k.stat.ctime_ns, k.stat.ino,
                             k.read_at_ns, std::int64_t{sqlite3_column_int64(*rows, 6)}})
        codec::put_fixed(packed, v);
      codec::put_str(packed, rows.col_text(7));
      // Which of first_at, last_at and undone_at are not NULL, and open; then those instants.
      const std::pair<unsigned, int> instants[] = {{kFirst, 8}, {kLast, 9}, {kUndone, 10}};
      unsigned has = (sqlite3_column_int(*rows, 11) ? unsigned{kOpen} : 0U) |
                     (sqlite3_column_int(*rows, 12) ? unsigned{kPosts} : 0U);
      for (auto [bit, column] : instants)
        if (sqlite3_column_type(*rows, column) != SQLITE_NULL) has |= bit;
      codec::put_len(packed, has);
      for (auto [bit, column] : instants)
        if (has & bit) codec::put_fixed(packed, sqlite3_column_int64(*rows, column));
    }
    sqlite3_reset(*rows);
    if (packed.empty()) {
      drop.text(1, month);
      drop.run();
    } else {
      store.text(1, month);
      sqlite3_bind_blob(*store, 2, packed.data(), static_cast<int>(packed.size()), SQLITE_STATIC);
      store.run();
    }
  }
  touched_.clear();
  exec(db_, "COMMIT;");
}

sqlite3_stmt* Cache::prepared(const char* sql) {
  sqlite3_stmt*& s = prepared_[sql];
  if (!s && sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK)
    throw data_error(fmt::format("cache: {}", sqlite3_errmsg(db_)));
  return s;
}

void Cache::done(sqlite3_stmt* s) {
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc != SQLITE_DONE) throw data_error(fmt::format("cache: {}", sqlite3_errmsg(db_)));
}

std::int64_t Cache::put(const std::string& folder, std::string_view rel, const FileStat& st,
                        std::int64_t read_at_ns, const Record& r, const Reach& reach,
                        std::string_view encoded, bool replacing, std::string_view posted) {
  touched_.insert(month_of(rel));
  auto text = [](sqlite3_stmt* s, int i, std::string_view v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  };
  // The record first: the file's row names the records row it went into.
  sqlite3_stmt* record =
      prepared("INSERT OR REPLACE INTO records (path, record, posted) VALUES (?, ?, ?)");
  text(record, 1, rel);
  sqlite3_bind_blob(record, 2, encoded.data(), static_cast<int>(encoded.size()), SQLITE_STATIC);
  if (posted.empty())  // a null pointer would bind NULL
    sqlite3_bind_zeroblob(record, 3, 0);
  else
    sqlite3_bind_blob(record, 3, posted.data(), static_cast<int>(posted.size()), SQLITE_STATIC);
  done(record);
  const std::int64_t row = sqlite3_last_insert_rowid(db_);
  sqlite3_stmt* file = prepared(
      "INSERT OR REPLACE INTO files (path, folder, id, status, registered, size, mtime_ns, "
      "ctime_ns, ino, read_at_ns, first_at, last_at, undone_at, open, posts, record_row) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  text(file, 1, rel);
  text(file, 2, folder);
  text(file, 3, r.id);
  text(file, 4, r.fields.get("status"));
  text(file, 5, r.fields.get("registered"));
  int column = 6;
  for (std::int64_t v : {st.size, st.mtime_ns, st.ctime_ns, st.ino, read_at_ns})
    sqlite3_bind_int64(file, column++, v);
  for (const auto& t : {reach.first, reach.last, reach.undone}) {
    if (t)
      sqlite3_bind_int64(file, column, *t);
    else
      sqlite3_bind_null(file, column);
    ++column;
  }
  sqlite3_bind_int(file, column++, reach.open ? 1 : 0);
  sqlite3_bind_int(file, column++, reach.posts ? 1 : 0);
  sqlite3_bind_int64(file, column, row);
  done(file);
  if (replacing) {
    sqlite3_stmt* drop = prepared("DELETE FROM links WHERE path = ?");
    text(drop, 1, rel);
    done(drop);
  }
  if (const Value* links = r.fields.find("links"); links && links->is_map())
    for (const auto& [field, target] : links->entries)
      if (target.is_scalar()) {
        sqlite3_stmt* add = prepared("INSERT INTO links (path, field, target) VALUES (?, ?, ?)");
        text(add, 1, rel);
        text(add, 2, field);
        text(add, 3, target.scalar);
        done(add);
      }
  return row;
}

void Cache::forget(std::string_view rel) {
  touched_.insert(month_of(rel));
  for (const char* sql : {"DELETE FROM files WHERE path = ?", "DELETE FROM records WHERE path = ?",
                          "DELETE FROM links WHERE path = ?"}) {
    Stmt q(db_, sql);
    q.text(1, rel);
    q.run();
  }
}

std::map<std::string, Cache::Folder> Cache::folders(const std::string& use,
                                                    const std::string& kind_folder) {
  std::map<std::string, Folder> out;
  Stmt q(db_, ("SELECT path, size, mtime_ns, ctime_ns, ino, read_at_ns, data FROM folders "
               "WHERE use = ?2 AND " +
               folder_range("path"))
                  .c_str());
  q.text(1, kind_folder);
  q.text(2, use);
  while (q.step()) out.emplace(q.col_text(0), Folder{known_at(*q, 1), q.col_text(6)});
  return out;
}

bool Cache::all_unchanged(const std::string& use, const std::string& kind_folder,
                          const std::vector<Listed>& listed) {
  auto was = folders(use, kind_folder);
  return !listed.empty() && listed.size() == was.size() &&
         std::all_of(listed.begin(), listed.end(), [&](const Listed& f) {
           auto it = was.find(f.rel);
           return it != was.end() && unchanged(it->second, f.stat);
         });
}

std::map<std::string, Cache::Folder> Cache::refresh_folders(
    const std::string& use, const std::string& kind_folder, const std::vector<Listed>& listed,
    std::int64_t read_at, const std::function<std::string(const std::string&)>& read) {
  auto was = folders(use, kind_folder);
  bool changed = was.size() != listed.size();
  std::map<std::string, Folder> now;
  for (const auto& f : listed) {
    auto it = was.find(f.rel);
    if (it != was.end() && unchanged(it->second, f.stat)) {
      now[f.rel] = it->second;
    } else {
      now[f.rel] = Folder{{f.stat, read_at}, read(f.rel)};
      changed = true;
    }
  }
  if (changed) put_folders(use, kind_folder, now);
  return now;
}

void Cache::put_folders(const std::string& use, const std::string& kind_folder,
                        const std::map<std::string, Folder>& rows) {
  begin();
  try {
    Stmt drop(db_, ("DELETE FROM folders WHERE use = ?2 AND " + folder_range("path")).c_str());
    drop.text(1, kind_folder);
    drop.text(2, use);
    drop.run();
    Stmt add(db_,
             "INSERT INTO folders (use, path, size, mtime_ns, ctime_ns, ino, read_at_ns, data) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& [path, f] : rows) {
      add.text(1, use);
      add.text(2, path);
      int column = 3;
      for (std::int64_t v :
           {f.stat.size, f.stat.mtime_ns, f.stat.ctime_ns, f.stat.ino, f.read_at_ns})
        sqlite3_bind_int64(*add, column++, v);
      add.text(8, f.data);
      add.run();
    }
    commit();
  } catch (const Error&) {
    exec(db_, "ROLLBACK;");
    throw;
  }
}

std::vector<std::string> Cache::linked(const std::string& kind_folder, const std::string& field,
                                       const std::string& target) {
  std::vector<std::string> ids;
  Stmt q(db_, ("SELECT f.id FROM links l JOIN files f ON f.path = l.path WHERE l.target = ?2 AND "
               "l.field = ?3 AND " +
               folder_range() + " ORDER BY f.path")
                  .c_str());
  q.text(1, kind_folder);
  q.text(2, target);
  q.text(3, field);
  while (q.step()) ids.push_back(q.col_text(0));
  return ids;
}

Cache::Reading::Reading(Cache& c) : cache_(c) { exec(c.db_, "BEGIN;"); }

Cache::Reading::~Reading() {
  for (sqlite3_blob** b : {&cache_.blob_, &cache_.posted_blob_}) {
    if (*b) sqlite3_blob_close(*b);
    *b = nullptr;
  }
  // Only read: ending it cannot lose anything, and a failure leaves it to sqlite3_close.
  sqlite3_exec(cache_.db_, "COMMIT;", nullptr, nullptr, nullptr);
}

std::string_view Cache::record(std::int64_t row, std::string_view rel, bool posted) {
  // The row by its number through one blob handle moved from row to row: a statement stepped
  // and reset per record cost twice as much.
  sqlite3_blob*& blob = posted ? posted_blob_ : blob_;
  int rc =
      blob ? sqlite3_blob_reopen(blob, row)
           : sqlite3_blob_open(db_, "main", "records", posted ? "posted" : "record", row, 0, &blob);
  if (rc == SQLITE_OK) {
    record_.resize(static_cast<size_t>(sqlite3_blob_bytes(blob)));
    rc = sqlite3_blob_read(blob, record_.data(), static_cast<int>(record_.size()), 0);
  }
  if (rc != SQLITE_OK) {
    // A handle that failed is spent (SQLITE_ABORT on each later use).
    sqlite3_blob_close(blob);
    blob = nullptr;
    if (rc != SQLITE_ERROR) throw data_error(fmt::format("cache: {}", sqlite3_errstr(rc)));
  }
  // No such row, or its number taken by another file's record since, behind svc's back: the
  // record's ID (its first bytes) is the file's name (read_record holds them equal).
  std::string_view id = rel.substr(rel.rfind('/') + 1);
  id = id.substr(0, id.rfind('.'));
  codec::Reader in{record_};
  if (rc != SQLITE_OK || record_.empty() || in.view() != id)
    throw data_error("the cache lost a record");
  return record_;
}

}  // namespace svc::store
