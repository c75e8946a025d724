#include "svc/store/datadir.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/defaults.hpp"
#include "svc/store/git.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/safe_fs.hpp"
#include "svc/store/settings_io.hpp"
#include "svc/store/threads.hpp"
#include "svc/store/yaml.hpp"

namespace svc::store {

namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

[[noreturn]] void fail_write(const fs::path& path, int err) {
  throw write_error(fmt::format("could not write {}: {}", path.string(), std::strerror(err)));
}

std::chrono::milliseconds lock_timeout() {
  const char* env = std::getenv("SVC_LOCK_TIMEOUT_MS");
  return std::chrono::milliseconds(env ? std::atol(env) : 10000);
}

}  // namespace

fs::path find_data_dir(const std::optional<std::string>& flag, const char* env,
                       const fs::path& cwd) {
  auto check = [](const fs::path& dir, const char* how) {
    if (!fs::exists(dir / "svc.yaml"))
      throw data_error(
          fmt::format("{} {} is not an svc data directory (no svc.yaml); run: svc init {}", how,
                      dir.string(), dir.string()));
    return dir;
  };
  if (flag && !flag->empty()) return check(fs::path(*flag), "--data");
  if (env && *env) return check(fs::path(env), "$SVC_DATA");
  for (fs::path dir = fs::absolute(cwd);; dir = dir.parent_path()) {
    if (fs::exists(dir / "svc.yaml")) return dir;
    if (dir == dir.parent_path()) break;
  }
  throw data_error("no svc data directory here or above (no svc.yaml); run: svc init");
}

void atomic_write(const fs::path& root, const fs::path& path, const std::string& text) {
  write_inside(root, path, text);
}

WriterLock::WriterLock(const fs::path& root) {
  DirHandle dir = open_folder(root, root / ".svc", true);
  fs::path path = root / ".svc" / "lock";
  fd_ = ::openat(dir.fd(), "lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd_ < 0) fail_write(path, errno);
  auto deadline = std::chrono::steady_clock::now() + lock_timeout();
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) fail_write(path, errno);
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd_);
      throw write_error(fmt::format("another svc is writing in {} (lock {} held); try again",
                                    root.string(), path.string()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  // A writer killed mid-write left its temp file behind: the next writer clears it.
  remove_stale_temp_files(root);
}

WriterLock::~WriterLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

std::string valid_site_code(const std::string& typed) {
  std::string code = upper(typed);
  if (code.empty() || code.size() > 8 ||
      code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != std::string::npos)
    throw usage_error(fmt::format("--site '{}' must be 1 to 8 letters or digits", typed));
  return code;
}

std::string init_data_dir(const fs::path& dir, bool site_follows) {
  bool existing = fs::exists(dir / "svc.yaml");
  if (existing && !site_follows)
    throw refused(fmt::format("{} is already an svc data directory", dir.string()));
  std::string done;
  if (!existing) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw write_error(fmt::format("could not create {}: {}", dir.string(), ec.message()));
    atomic_write(dir, dir / "svc.yaml", std::string(default_settings_text()));
    atomic_write(dir, dir / ".gitignore", ".svc/\n");
    ensure_gitattributes(dir);
    for (const Kind& k : {kTickets, kComplaints, kReturns, kSurveys})
      open_folder(dir, dir / k.folder, true);
    done = fmt::format("initialised svc data directory {}", dir.string());
  }
  set_up_merge_driver(dir);
  return done;
}

std::vector<std::string> registered_sites(const fs::path& root) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(root / "sites", ec))
    if (f.path().extension() == ".yaml" && !f.is_symlink())
      out.push_back(upper(f.path().stem().string()));
  std::sort(out.begin(), out.end());
  return out;
}

std::string register_site(const fs::path& root, const std::string& typed, const std::string& by,
                          const std::string& at) {
  std::string code = valid_site_code(typed);
  fs::path file = root / "sites" / (code + ".yaml");
  auto sites = registered_sites(root);
  bool taken = std::find(sites.begin(), sites.end(), code) != sites.end();
  std::string line = fmt::format("site code {}: new IDs look like T-YYMM-{}-0001", code, code);
  if (taken && site_code(root) == code) return line + " (already this clone's)";
  if (taken) {
    std::string who;
    try {
      Value v = parse_yaml(read_inside(root, file), file.string());
      who = fmt::format(" by {} on {}", v.get("by"), v.get("registered").substr(0, 10));
    } catch (const Error&) {
    }
    throw refused(
        fmt::format("site code {} is already registered{} (sites/{}.yaml); pick a code "
                    "no one has (registered: {})",
                    code, who, code, fmt::join(sites, ", ")));
  }
  Value v = Value::map();
  v.set_plain("site", code);
  v.set_plain("registered", at);
  v.set_text("by", by);
  open_folder(root, root / "sites", true);
  atomic_write(root, file, emit_yaml(v));
  atomic_write(root, root / ".svc" / "site", code + "\n");
  set_up_merge_driver(root);
  return line + fmt::format(
                    "; registered in sites/{}.yaml, which goes to the team with the next "
                    "svc sync",
                    code);
}

std::string site_code(const fs::path& root) {
  std::string text;
  try {
    text = read_inside(root, root / ".svc" / "site");
  } catch (const Error&) {
    return "";  // no site code set
  }
  std::istringstream in(text);
  std::string code;
  in >> code;
  return upper(code);
}

std::string normalize_id(const std::string& typed) {
  if (typed.empty() || typed.size() > 40 ||
      typed.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") !=
          std::string::npos)
    throw usage_error(
        fmt::format("'{}' is not a record ID (letters, digits and '-', like T-2611-0001)", typed));
  return upper(typed);
}

DataDir::DataDir(fs::path root) : root_(std::move(root)) {
  shown_root_ = display(root_);
  fs::path settings_path = root_ / "svc.yaml";
  std::string text = read(settings_path);
  settings_ = load_settings(text, display(settings_path));
  settings_hash_ = std::hash<std::string>{}(text);
}

Cache* DataDir::cache() const {
  if (!cache_on_) return nullptr;
  if (!cache_tried_) {
    cache_tried_ = true;
    // What was read depends on svc's version and on svc.yaml (survey templates validate).
    std::string stamp = fmt::format("svc {}; settings {:016x}", SVC_VERSION, settings_hash_);
    cache_ = Cache::open(root_, stamp);
  }
  return cache_.get();
}

void DataDir::drop_cache() const {
  cache_.reset();
  cache_on_ = false;
  Cache::remove(root_);
}

namespace {

std::int64_t ns(const struct timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// A name's first 16 bytes as two numbers that order as the bytes do (big-endian, short names
// padded with zero bytes, which no file name holds): most names compare without memcmp.
std::pair<std::uint64_t, std::uint64_t> sort_key(std::string_view name) {
  unsigned char b[16] = {};
  std::memcpy(b, name.data(), std::min<size_t>(name.size(), 16));
  std::uint64_t hi = 0, lo = 0;
  for (int i = 0; i < 8; ++i) {
    hi = hi << 8 | b[i];
    lo = lo << 8 | b[8 + i];
  }
  return {hi, lo};
}

// The record files of one month folder with their stat, sorted; links refused. Names are
// sorted as they lie in one buffer, by their first 16 bytes as numbers, and paths made once in
// order (sorting 5,000 paths that share their first 20 bytes cost more than stat-ing them).
void list_month(int kind_fd, const std::string& folder, const std::string& month, char prefix,
                std::vector<ListedFile>& out, std::unique_ptr<char[]>& block,
                std::vector<std::string>& links) {
  int fd = ::openat(kind_fd, month.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  DIR* d = ::fdopendir(fd);
  if (!d) return (void)::close(fd);
  struct Name {
    std::pair<std::uint64_t, std::uint64_t> key;
    std::uint32_t at, size;
    FileStat stat;
  };
  // Kept on the thread from folder to folder: filled again, not grown again from nothing.
  thread_local std::string names;
  thread_local std::vector<Name> found;
  names.clear();
  found.clear();
  const std::string head = folder + "/" + month + "/";
  while (const dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name.size() <= 5 || name[0] != prefix || !name.ends_with(".yaml")) continue;
    struct stat st {};
    if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISLNK(st.st_mode)) {
      links.push_back(head + std::string(name));
    } else if (S_ISREG(st.st_mode)) {
      found.push_back({sort_key(name),
                       static_cast<std::uint32_t>(names.size()),
                       static_cast<std::uint32_t>(name.size()),
                       {static_cast<std::int64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim),
                        static_cast<std::int64_t>(st.st_ino)}});
      names += name;
    }
  }
  ::closedir(d);
  auto name_of = [&](const Name& n) { return std::string_view(names).substr(n.at, n.size); };
  std::sort(found.begin(), found.end(), [&](const Name& a, const Name& b) {
    if (a.key != b.key) return a.key < b.key;
    return (a.size > 16 || b.size > 16) && name_of(a) < name_of(b);
  });
  // The paths one after the other in one block.
  block = std::make_unique_for_overwrite<char[]>(found.size() * head.size() + names.size());
  char* at = block.get();
  out.reserve(found.size());
  for (const Name& n : found) {
    char* start = at;
    at = std::copy(head.begin(), head.end(), at);
    const std::string_view name = name_of(n);
    at = std::copy(name.begin(), name.end(), at);
    out.push_back({std::string_view(start, static_cast<size_t>(at - start)), n.stat});
  }
}

}  // namespace

std::vector<DataDir::Listed> DataDir::month_folders(const Kind& kind,
                                                    std::vector<std::string>* links) const {
  std::vector<Listed> out;
  int kind_fd =
      ::open((root_ / kind.folder).c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (kind_fd < 0) return out;
  if (DIR* d = ::fdopendir(kind_fd)) {
    while (const dirent* e = ::readdir(d)) {
      std::string_view name = e->d_name;
      if (name == "." || name == "..") continue;
      struct stat st {};
      if (::fstatat(kind_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      std::string rel = std::string(kind.folder) + "/" + std::string(name);
      if (S_ISLNK(st.st_mode) && links)
        links->push_back(rel);
      else if (S_ISDIR(st.st_mode))
        out.push_back({rel,
                       {static_cast<std::int64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim),
                        static_cast<std::int64_t>(st.st_ino)}});
    }
    ::closedir(d);
  } else {
    ::close(kind_fd);
  }
  // In the order of the paths below them, which is the cache's order: "2026-03-old/" sorts
  // before "2026-03/" though the folder "2026-03" sorts first.
  std::sort(out.begin(), out.end(),
            [](const Listed& a, const Listed& b) { return a.rel + "/" < b.rel + "/"; });
  return out;
}

// A kind's listing in the making: its month folders are taken one at a time by whichever
// thread is free, the lister's and the command's own (which lists rather than waits).
struct ListingJob {
  Listing l;
  std::string folder;
  char prefix = 0;
  int kind_fd = -1;
  size_t count = 0;  // of l.folders, set before any thread works (l is moved out at the end)
  std::vector<std::string> links;
  std::vector<std::vector<ListedFile>> per;
  std::vector<std::vector<std::string>> per_links;
  std::atomic<size_t> next{0};
  std::mutex m;
  std::condition_variable listed;
  size_t done = 0;
  std::exception_ptr failed;

  ListingJob() = default;
  ListingJob(const ListingJob&) = delete;
  ListingJob& operator=(const ListingJob&) = delete;
  ~ListingJob() {
    if (kind_fd >= 0) ::close(kind_fd);
  }
  // Lists folders until none is left to take.
  void work() {
    const size_t skip = folder.size() + 1;
    for (size_t i; (i = next.fetch_add(1)) < count;) {
      try {
        list_month(kind_fd, folder, l.folders[i].rel.substr(skip), prefix, per[i], l.storage[i],
                   per_links[i]);
      } catch (...) {
        std::lock_guard lock(m);
        if (!failed) failed = std::current_exception();
      }
      std::lock_guard lock(m);
      ++done;
      listed.notify_all();
    }
  }
};

std::shared_ptr<ListingJob> DataDir::start_listing(const Kind& kind) const {
  auto job = std::make_shared<ListingJob>();
  Listing& l = job->l;
  l.at = now_ns();
  job->folder = kind.folder;
  job->prefix = kind.prefix;
  std::error_code ec;
  if (fs::is_symlink(root_ / kind.folder, ec)) {
    job->links.push_back(kind.folder);
    return job;
  }
  job->kind_fd = ::open((root_ / kind.folder).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (job->kind_fd < 0) return job;
  // Each folder's stat is taken before its names are read: a change while they are read shows
  // as a changed folder next time.
  l.folders = month_folders(kind, &job->links);
  job->count = l.folders.size();
  job->per.resize(l.folders.size());
  job->per_links.resize(l.folders.size());
  l.storage.resize(l.folders.size());
  return job;
}

Listing DataDir::finish_listing(ListingJob& job) const {
  job.work();
  {
    std::unique_lock lock(job.m);
    job.listed.wait(lock, [&] { return job.done == job.count; });
  }
  if (job.failed) std::rethrow_exception(job.failed);
  Listing l = std::move(job.l);
  std::vector<std::string>& links = job.links;
  size_t total = 0;
  for (size_t i = 0; i < job.count; ++i) total += job.per[i].size();
  l.files.reserve(total);
  for (size_t i = 0; i < job.count; ++i) {  // in month order
    l.files.insert(l.files.end(), job.per[i].begin(), job.per[i].end());
    links.insert(links.end(), job.per_links[i].begin(), job.per_links[i].end());
  }
  std::sort(links.begin(), links.end());
  for (const auto& rel : links)
    l.refused.push_back(
        fmt::format("{}: is a symbolic link; svc does not follow links in its data directory",
                    display(root_ / rel)));
  return l;
}

Listing DataDir::listing(const Kind& kind, bool two_threads) const {
  std::shared_ptr<ListingJob> job = start_listing(kind);
  if (!two_threads || job->count < 2) return finish_listing(*job);
  std::thread other = try_thread([&] { job->work(); });
  if (!other.joinable()) return finish_listing(*job);  // no thread to be had: this one lists
  Listing l;
  try {
    l = finish_listing(*job);
  } catch (...) {
    other.join();
    throw;
  }
  other.join();
  return l;
}

DataDir::~DataDir() {
  if (lister_.valid()) lister_.wait();
}

void DataDir::list_ahead(const std::vector<Kind>& kinds) const {
  if (lister_.valid()) lister_.wait();
  std::vector<std::shared_ptr<ListingJob>> jobs;
  for (const Kind& kind : kinds) jobs.push_back(ahead_[kind.folder] = start_listing(kind));
  // Without a thread to be had, the command lists each kind itself (finish_listing works).
  lister_ = std::async(std::launch::async | std::launch::deferred, [jobs] {
    for (const auto& job : jobs) job->work();
  });
}

Listing DataDir::listed(const Kind& kind) const {
  if (auto it = ahead_.find(kind.folder); it != ahead_.end()) {
    std::shared_ptr<ListingJob> job = std::move(it->second);
    ahead_.erase(it);
    return finish_listing(*job);
  }
  return listing(kind);
}

std::vector<fs::path> DataDir::files(const Kind& kind, std::vector<std::string>* refused) const {
  Listing l = listing(kind);
  if (refused) refused->insert(refused->end(), l.refused.begin(), l.refused.end());
  std::vector<fs::path> out;
  out.reserve(l.files.size());
  for (const auto& f : l.files) out.push_back(root_ / f.rel);
  return out;
}

fs::path DataDir::resolve(const Kind& kind, const std::string& typed) const {
  std::string want = normalize_id(typed);
  // A whole ID names its file: no need to list every month.
  if (want.size() >= 11 && want[0] == kind.prefix && want[1] == '-' && want[6] == '-') {
    fs::path direct = path_for(kind, want);
    if (fs::is_regular_file(direct)) return direct;
  }
  std::vector<fs::path> matches;
  for (const auto& f : files(kind)) {
    std::string id = upper(f.stem().string());
    if (id == want) return f;
    if (id.ends_with(want)) matches.push_back(f);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) throw data_error(fmt::format("no {} matches '{}'", kind.noun, typed));
  std::vector<std::string> ids;
  for (const auto& m : matches) ids.push_back(m.stem().string());
  throw data_error(fmt::format("'{}' matches {} {}s: {}; type more of the ID", typed, ids.size(),
                               kind.noun, fmt::join(ids, ", ")));
}

namespace {

// The highest serial per ID stem among a folder's names: T-2611-0037.yaml -> "T-2611-" 37 (the
// stem in capitals; a serial of one to eight digits).
std::map<std::string, int> serials_in(const fs::path& folder) {
  std::map<std::string, int> out;
  DIR* d = ::opendir(folder.c_str());
  if (!d) return out;
  while (const dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    // As fs::path::stem(): the name without its last extension.
    if (auto dot = name.rfind('.'); dot != std::string_view::npos && dot > 0 && name != "..")
      name = name.substr(0, dot);
    size_t digits = 0;
    while (digits < name.size() &&
           std::isdigit(static_cast<unsigned char>(name[name.size() - 1 - digits])))
      ++digits;
    if (digits == 0 || digits >= 9 || digits == name.size()) continue;
    int& highest = out[upper(std::string(name.substr(0, name.size() - digits)))];
    highest = std::max(highest, std::stoi(std::string(name.substr(name.size() - digits))));
  }
  ::closedir(d);
  return out;
}

std::string serials_text(const std::map<std::string, int>& serials) {
  std::string out;
  for (const auto& [stem, n] : serials) out += fmt::format("{} {}\n", stem, n);
  return out;
}

std::map<std::string, int> serials_from(const std::string& text) {
  std::map<std::string, int> out;
  for (const auto& line : split_lines(text, '\n'))
    if (auto space = line.rfind(' '); space != std::string::npos && space > 0)
      out[line.substr(0, space)] = std::atoi(line.c_str() + space + 1);
  return out;
}

}  // namespace

std::map<std::string, std::map<std::string, int>> DataDir::serials_by_folder(
    const Kind& kind) const {
  std::map<std::string, std::map<std::string, int>> out;
  const std::int64_t read_at = now_ns();
  std::vector<Listed> folders = month_folders(kind);
  if (Cache* cache = this->cache()) try {
      for (const auto& [rel, f] : cache->refresh_folders(
               "names", kind.folder, folders, read_at,
               [&](const std::string& rel) { return serials_text(serials_in(root_ / rel)); }))
        out[rel] = serials_from(f.data);
      return out;
    } catch (const Error&) {
      // locked or read-only: the names are read without it
    }
  for (const auto& f : folders) out[f.rel] = serials_in(root_ / f.rel);
  return out;
}

std::string DataDir::allocate_id(const Kind& kind, Time now) const {
  Date d = date_from_day(local_day(now, settings_.calendar.utc_offset_s));
  std::string site = site_code(root_);
  // A clone that shares its records needs a registered code of its own, or its IDs collide.
  auto sites = registered_sites(root_);
  if (site.empty() || std::find(sites.begin(), sites.end(), site) == sites.end()) {
    auto remotes = git_remotes(root_);
    if (!remotes.empty() && site.empty())
      throw refused(fmt::format(
          "this clone shares its records through git (remote {}) but has no site code, so its "
          "IDs could collide with another clone's; pick a code no one has{} and run: svc init "
          "--site CODE",
          remotes.front(),
          sites.empty() ? "" : fmt::format(" (registered: {})", fmt::join(sites, ", "))));
    if (!remotes.empty())
      throw refused(
          fmt::format("the site code {} of this clone is not registered in sites/; "
                      "register it: svc init --site {}",
                      site, site));
  }
  // Serial restarts every month per kind (seed 004: 年度 月份 流水編號).
  std::string stem = fmt::format("{}-{:02}{:02}-{}", kind.prefix, d.year % 100, d.month,
                                 site.empty() ? "" : site + "-");
  // Every month folder, not only this month's: a file misplaced by hand or by a merge still
  // holds its ID, and a new record must never take it again.
  int highest = 0;
  for (const auto& [folder, serials] : serials_by_folder(kind))
    if (auto it = serials.find(stem); it != serials.end()) highest = std::max(highest, it->second);
  return fmt::format("{}{:0{}}", stem, highest + 1, kind.width);
}

fs::path DataDir::path_for(const Kind& kind, const std::string& id) const {
  // IDs carry the month: T-2611-... lives in tickets/2026-11/.
  std::string yymm = id.substr(2, 4);
  return root_ / kind.folder / fmt::format("20{}-{}", yymm.substr(0, 2), yymm.substr(2, 2)) /
         (id + ".yaml");
}

void DataDir::write(const fs::path& path, const Record& r) const {
  atomic_write(root_, path, record_text(r));
  written_.push_back(path);
}

std::string DataDir::read(const fs::path& path) const { return read_inside(root_, path); }

std::string DataDir::display(const fs::path& p) const {
  // A path below the data directory (every record file read in bulk) is shown below it as the
  // data directory is shown, worked out once.
  const std::string& whole = p.native();
  const std::string& root = root_.native();
  if (!shown_root_.empty() && whole.size() > root.size() + 1 && whole.starts_with(root) &&
      whole[root.size()] == '/' && whole.find("/.", root.size()) == std::string::npos &&
      whole.find("//", root.size()) == std::string::npos)
    return shown_root_ == "." ? whole.substr(root.size() + 1)
                              : shown_root_ + whole.substr(root.size());
  // Lexically: a link must be shown where it is, not where it points.
  std::error_code ec;
  fs::path rel = fs::absolute(p, ec).lexically_normal().lexically_relative(fs::current_path(ec));
  if (!ec && !rel.empty() && rel.native().rfind("..", 0) != 0) return rel.string();
  return p.string();
}

}  // namespace svc::store
