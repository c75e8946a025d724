#pragma once
// The data directory on disk (SPEC §1): discovery, record files, IDs, the writer lock and
// atomic writes. Everything that touches the file system lives here.
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "svc/calendar/time.hpp"
#include "svc/domain/record.hpp"
#include "svc/domain/record_rules.hpp"
#include "svc/domain/settings.hpp"
#include "svc/store/cache.hpp"

namespace svc::store {

namespace fs = std::filesystem;

/// A kind of record, as the store sees it: its folder, noun, ID prefix and serial width
/// (KindRules, declared in the kind's own files).
using Kind = KindRules;

/// `--data`, else $SVC_DATA, else the nearest directory at or above `cwd` holding svc.yaml.
fs::path find_data_dir(const std::optional<std::string>& flag, const char* env,
                       const fs::path& cwd);

/// Writes `text` to `path` below `root` so that a crash leaves the old file or the new one
/// (temp file, fsync, rename, fsync the folder), following no link. Throws write_error.
void atomic_write(const fs::path& root, const fs::path& path, const std::string& text);

/// The exclusive writer lock `.svc/lock`; released when destroyed.
class WriterLock {
 public:
  explicit WriterLock(const fs::path& root);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  int fd_ = -1;
};

/// `svc init`: a working data directory with the shipped defaults, svc's merge driver set up
/// when it lies in a git clone. An existing one is refused unless a site code is to be
/// registered next (`site_follows`). A new directory in no git work tree becomes a git
/// repository unless `make_repo` is false. Returns what it did ("" when nothing).
std::string init_data_dir(const fs::path& dir, bool site_follows, bool make_repo,
                          const Kinds& kinds);
/// A site code as typed, upper-cased: 1 to 8 letters or digits, else a usage error.
std::string valid_site_code(const std::string& typed);
/// The clone-local site code from `.svc/site`, or "".
std::string site_code(const fs::path& root);
/// The site code this clone lost to another clone that registered it first (the merge of
/// sites/CODE.yaml says so, in .svc/lost-site), or "": no new ID is given under it.
std::string lost_site_code(const fs::path& root);
void forget_lost_site(const fs::path& root);
/// The site codes registered in the data directory (sites/CODE.yaml, committed), sorted.
std::vector<std::string> registered_sites(const fs::path& root);
/// `svc init --site CODE` in a data directory: registers the code in sites/CODE.yaml and makes
/// it this clone's; refused when another clone registered it. Returns what it did.
std::string register_site(const fs::path& root, const std::string& code, const std::string& by,
                          const std::string& at, const Kinds& kinds);
/// Validates an ID or ID ending typed by a user: letters, digits and '-' only.
std::string normalize_id(const std::string& typed);

/// A record file as listed: its path below the data directory, which lies in its Listing's
/// storage, and what stat said of it.
/// A name under a kind's folder that is no record of that kind (SPEC §1: every name is
/// accounted for), and what is wrong with it.
struct Stray {
  std::string rel;
  const char* what;
  bool folder = false;  ///< a folder: nothing in it is read
};
/// YYYY-MM, a month of 2000-2099 (the years an ID's YYMM can name).
bool month_folder_name(std::string_view name);
/// The line check and every list print for a stray name (`shown` as displayed).
std::string stray_line(const std::string& shown, const Kind& kind, const Stray& stray);

struct ListedFile {
  std::string_view rel;
  FileStat stat;
};

/// A kind's record files as DataDir::listing gives them, sorted by path, its month folders, the
/// lines for the links it left out, and the clock when the listing began. The files' paths lie
/// in one block per month folder (a string each cost more than stat-ing the file); moving a
/// Listing keeps them where they are.
struct Listing {
  std::vector<ListedFile> files;
  std::vector<Listed> folders;
  std::vector<std::string> refused;
  std::vector<std::string> strays;  ///< paths below the data directory, of the refused strays
  std::int64_t at = 0;
  std::vector<std::unique_ptr<char[]>> storage;
  Listing() = default;
  Listing(Listing&&) = default;
  Listing& operator=(Listing&&) = default;
  Listing(const Listing&) = delete;  // the files' paths would point into the original
  Listing& operator=(const Listing&) = delete;
};

struct ListingJob;  // a kind's listing in the making (datadir.cpp)

class DataDir {
 public:
  /// The data directory at `root`, holding records of `kinds` (cli::all_kinds()).
  DataDir(fs::path root, const Kinds& kinds);
  const Kinds& kinds() const { return kinds_; }
  ~DataDir();
  DataDir(const DataDir&) = delete;
  DataDir& operator=(const DataDir&) = delete;
  const fs::path& root() const { return root_; }
  const Settings& settings() const { return settings_; }

  /// Every record file of a kind, sorted by path (month, then ID). Symbolic links are left out,
  /// each with a line in `refused` when given.
  std::vector<fs::path> files(const Kind& kind, std::vector<std::string>* refused = nullptr) const;
  using Listed = store::Listed;
  /// The record files of a kind with each file's stat, sorted by path, month folders read on
  /// two threads (one when told); links refused as for files().
  Listing listing(const Kind& kind, bool two_threads = true) const;
  /// Starts listing these kinds, one after the other, on a thread of its own, so that a command
  /// reading several kinds in turn lists the next while it reads one; listed() then lists the
  /// folders still left beside that thread instead of waiting for it.
  void list_ahead(const Kinds& kinds) const;
  /// A kind's listing: the one listed ahead when there is one (taken once), else made now; once
  /// keep_listings() was called, the first one made of a kind, each time.
  std::shared_ptr<const Listing> listed(const Kind& kind) const;
  /// From now on each kind is listed once: a command that reads a kind twice (a report reads
  /// the calls of its period, and again every call that moved parts for the ledger) takes the
  /// same listing. Only for commands that write no record after it.
  void keep_listings() const { keep_listings_ = true; }
  /// The month folders of a kind with each folder's stat, in the order of the paths below them
  /// (`folders` of listing() as it took them); folders that are links are named in `links` and
  /// left out; names that are no month folder (files, folders not YYYY-MM) in `strays`.
  std::vector<Listed> month_folders(const Kind& kind, std::vector<std::string>* links = nullptr,
                                    std::vector<Stray>* strays = nullptr) const;
  /// The derived cache, opened on first use; nullptr when off (--no-cache) or unusable here.
  Cache* cache() const;
  void use_cache(bool on) { cache_on_ = on; }
  /// Closes and removes a cache found damaged; this run goes on without one.
  void drop_cache() const;
  /// A file below the data directory, reached without following any link (else exit 3).
  std::string read(const fs::path& path) const;
  /// The file of the one record whose ID equals `typed` or ends with it (case-insensitive). An
  /// ending several IDs share names the one of them `open` says is open, when exactly one is
  /// (SPEC §1); else the error lists them, newest first.
  fs::path resolve(const Kind& kind, const std::string& typed,
                   const std::function<bool(const fs::path&)>& open = {}) const;
  /// Per folder of a kind (its month folders, and the kind's folder itself), the highest serial
  /// each ID stem has in the names there, files and folders alike, of any width and with any
  /// ending ("T-2611-" -> "37" for T-2611-0037.yaml.orig), from the cache for a folder whose stat
  /// has not changed since its names were read. Serials are digit strings without leading zeros.
  std::map<std::string, std::map<std::string, std::string>> serials_by_folder(
      const Kind& kind) const;
  /// Next free ID for the month of `now`; call with the writer lock held.
  std::string allocate_id(const Kind& kind, Time now) const;
  fs::path path_for(const Kind& kind, const std::string& id) const;
  void write(const fs::path& path, const Record& r) const;
  /// Writes a record that has no file yet: refused (exit 4) when any file holds its name.
  void write_new(const fs::path& path, const Record& r) const;
  /// Every file this run wrote (or removed, when told), for sync.autocommit to commit.
  const std::vector<fs::path>& written() const { return written_; }
  void removed(const fs::path& path) const { written_.push_back(path); }
  /// Path as shown in messages: relative to the working directory when inside it.
  std::string display(const fs::path& p) const;

 private:
  fs::path root_;
  std::string shown_root_;  ///< display(root_), for display() of what is below it
  Kinds kinds_;
  Settings settings_;
  mutable std::vector<fs::path> written_;
  std::size_t settings_hash_ = 0;  ///< of svc.yaml as read: the cache is for these settings
  mutable bool cache_on_ = true;
  mutable bool cache_tried_ = false;
  mutable std::unique_ptr<Cache> cache_;
  std::shared_ptr<ListingJob> start_listing(const Kind& kind) const;
  Listing finish_listing(ListingJob& job) const;
  mutable std::map<std::string, std::shared_ptr<ListingJob>> ahead_;  ///< by kind folder
  mutable bool keep_listings_ = false;
  mutable std::map<std::string, std::shared_ptr<const Listing>> kept_;  ///< by kind folder
  mutable std::future<void> lister_;  ///< the thread listing ahead; last, so joined first
};

}  // namespace svc::store
