#pragma once
// The derived cache (docs/CACHE.md): per record file, its stat and the record as read, in
// SQLite under .svc/, so lists and reports need not parse YAML again. Clone-local, git-ignored,
// never needed to rebuild a figure: any doubt re-reads the file.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "svc/domain/reach.hpp"
#include "svc/domain/record.hpp"

namespace svc::store {

/// What says a file changed: size, modification and change time (ns), inode.
struct FileStat {
  std::int64_t size = 0, mtime_ns = 0, ctime_ns = 0, ino = 0;
  bool operator==(const FileStat&) const = default;
};

/// A file or folder below the data directory and what stat said of it.
struct Listed {
  std::string rel;  ///< below the data directory: tickets/2026-11/T-2611-0001.yaml
  FileStat stat;
};

/// The clock the cache stamps reads with, in ns since the epoch.
std::int64_t now_ns();

/// A file modified less than this before svc read it may have changed again within the same
/// timestamp tick: it is read again next time (git's "racy" rule).
inline constexpr std::int64_t kRacyNs = 2'000'000'000;

/// A record as compact bytes and back (every scalar kind, flow mark, order and text kept).
std::string encode_record(const Record& r);
/// Only the first `events` of the history are decoded (for visits that read no more), and
/// without `event_data` only their time, author and action (data left empty).
Record decode_record(std::string_view bytes, std::size_t events = SIZE_MAX, bool event_data = true);
/// The same into `r`, whatever it held, reusing its strings and vectors (a reader decoding one
/// record after another into the same ones allocates next to nothing); `r` is exactly what
/// decode_record returns.
void decode_record(std::string_view bytes, Record& r, std::size_t events, bool event_data);

class Cache {
 public:
  /// Opens .svc/cache.sqlite below `root` for `stamp` (schema, svc version, settings): a cache
  /// made for another stamp is emptied. nullptr when no cache can be used here (read-only,
  /// locked, corrupt and not removable); a corrupt one is removed and made anew.
  static std::unique_ptr<Cache> open(const std::filesystem::path& root, const std::string& stamp);
  /// Removes the cache files below `root` (a damaged cache is made anew by the next run).
  static void remove(const std::filesystem::path& root);
  ~Cache();
  Cache(const Cache&) = delete;
  Cache& operator=(const Cache&) = delete;

  struct Known {
    FileStat stat;
    std::int64_t read_at_ns = 0;  ///< clock when the row was read: newer mtimes are racy
  };
  /// Whether a file or folder is still as it was when read: same stat, and not changed too soon
  /// after it was read.
  static bool unchanged(const Known& was, const FileStat& now) {
    return was.stat == now && now.mtime_ns < was.read_at_ns - kRacyNs;
  }
  /// A cached record file as known() hands it out: what it was when read, and what a command
  /// judges it by unread (Wanted::passes) with the row its record is kept in.
  struct Kept : Known {
    std::string_view status;
    Reach reach;
    std::int64_t row = 0;  ///< of the records table
  };
  /// Every cached file of a kind folder in path order: relative path and what was kept of it
  /// (from each month folder's packed stats, kept with its files rows by commit()).
  void known(const std::string& folder,
             const std::function<void(std::string_view rel, const Kept&)>& visit);
  /// The ledger view (put()'s `posted`) of every cached file of a kind folder that has one, in
  /// path order, from each month folder's pack (kept by commit()); the bytes are valid during
  /// the call only.
  void posted(const std::string& folder,
              const std::function<void(std::string_view rel, std::string_view bytes)>& visit);
  void begin();
  /// Keeps a record as read (`replacing` when the cache may hold an earlier row of the file),
  /// with what a ledger reads of it (`posted`, encoded; empty when the kind has no ledger view);
  /// returns the row its record is kept in.
  std::int64_t put(const std::string& folder, std::string_view rel, const FileStat& st,
                   std::int64_t read_at_ns, const Record& r, const Reach& reach,
                   std::string_view encoded, bool replacing = true, std::string_view posted = {});
  void forget(std::string_view rel);
  /// Packs the stats of every month folder put or forgot in, then commits.
  void commit();
  /// The last failure was a damaged database file (not a lock).
  bool damaged() const;
  /// What svc knew of a month folder when it last read it: its stat, when, and for what.
  struct Folder : Known {
    std::string data;  ///< for "names": the highest serial per ID stem, "STEM N" lines
  };
  /// The month folders of a kind (relative path -> what was known) for a use: "names" (the file
  /// names in it, for serials) or "records" (every record file in it synced into the cache).
  std::map<std::string, Folder> folders(const std::string& use, const std::string& kind_folder);
  /// Whether every one of a kind's month folders (`listed`, not none) is as it was when last
  /// read for a use, and no other folder was known then.
  bool all_unchanged(const std::string& use, const std::string& kind_folder,
                     const std::vector<Listed>& listed);
  /// What is known of a kind's month folders for a use, brought up to `listed` (each folder
  /// with its stat as just listed): a folder unchanged since keeps its row, any other gets
  /// `read(rel)` as its data at `read_at`; stored again, in a transaction of its own, when any
  /// row changed.
  std::map<std::string, Folder> refresh_folders(
      const std::string& use, const std::string& kind_folder, const std::vector<Listed>& listed,
      std::int64_t read_at, const std::function<std::string(const std::string& rel)>& read);
  /// IDs of a kind's cached records whose `links` map `field` to `target`, in path order.
  std::vector<std::string> linked(const std::string& kind_folder, const std::string& field,
                                  const std::string& target);
  /// The bytes of the record kept in `row` (as known() or put() gave it) for the file `rel`,
  /// valid until the next call; "the cache lost a record" when that row is not the file's.
  /// Only while a Reading lives.
  /// `posted`: the bytes of what a ledger reads of it (KindRules::ledger_view) instead.
  std::string_view record(std::int64_t row, std::string_view rel, bool posted = false);
  /// One read transaction while it lives, so many record() calls share one snapshot and take
  /// the database's locks once (each alone costs more than finding its row).
  class Reading {
   public:
    explicit Reading(Cache& c);
    ~Reading();
    Reading(const Reading&) = delete;
    Reading& operator=(const Reading&) = delete;

   private:
    Cache& cache_;
  };

 private:
  explicit Cache(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::set<std::string> touched_;                  ///< month folders put or forgot in since begin()
  std::map<const char*, sqlite3_stmt*> prepared_;  ///< by their SQL (a literal): for every put
  std::string record_;                             ///< the bytes record() last handed out
  sqlite3_blob* blob_ = nullptr;                   ///< open on the records row read last
  sqlite3_blob* posted_blob_ = nullptr;            ///< the same, on its ledger view
  sqlite3_stmt* prepared(const char* sql);
  void done(sqlite3_stmt* s);  ///< steps a statement that returns no rows, and resets it
  void put_folders(const std::string& use, const std::string& kind_folder,
                   const std::map<std::string, Folder>& rows);
};

}  // namespace svc::store
