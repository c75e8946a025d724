#pragma once
// The derived cache (docs/CACHE.md): per record file, its stat and the record as read, in
// SQLite under .svc/, so lists and reports need not parse YAML again. Clone-local, git-ignored,
// never needed to rebuild a figure: any doubt re-reads the file.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "svc/domain/record.hpp"
#include "svc/domain/record_rules.hpp"

namespace svc::store {

/// What says a file changed: size, modification and change time (ns), inode.
struct FileStat {
  std::int64_t size = 0, mtime_ns = 0, ctime_ns = 0, ino = 0;
  bool operator==(const FileStat&) const = default;
};

/// A record as compact bytes and back (every scalar kind, flow mark, order and text kept).
std::string encode_record(const Record& r);
Record decode_record(std::string_view bytes);

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
  /// Every cached file of a kind folder in path order: relative path, what it was when read.
  void known(const std::string& folder,
             const std::function<void(std::string_view rel, const Known&)>& visit);
  void begin();
  void put(const std::string& folder, const std::string& rel, const FileStat& st,
           std::int64_t read_at_ns, const Record& r, const Reach& reach, std::string_view encoded);
  void forget(const std::string& rel);
  void commit();
  /// The last failure was a damaged database file (not a lock).
  bool damaged() const;
  /// The cached records of a kind in path order that `wanted` passes, judged by what is kept
  /// beside each record; the others are not decoded.
  void each(const std::string& folder, const Wanted& wanted,
            const std::function<void(const std::string& rel, std::string_view bytes)>& visit);

 private:
  explicit Cache(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  sqlite3_stmt* insert_ = nullptr;  ///< prepared once, for every put
  sqlite3_stmt* insert_record_ = nullptr;
};

}  // namespace svc::store
