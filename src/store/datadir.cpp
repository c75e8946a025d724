#include "svc/store/datadir.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/defaults.hpp"
#include "svc/store/git.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/safe_fs.hpp"
#include "svc/store/settings_io.hpp"
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

// " (pid N: svc ticket new …)" from the lock file's pid and /proc, or "" when unknown.
std::string holder(int fd) {
  char buf[32] = {};
  ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return "";
  long pid = std::atol(buf);
  if (pid <= 0) return "";
  std::string command;
  if (std::FILE* f = std::fopen(fmt::format("/proc/{}/cmdline", pid).c_str(), "rb")) {
    char part[256];
    size_t got = std::fread(part, 1, sizeof part, f);
    std::fclose(f);
    for (size_t i = 0; i < got; ++i) command += part[i] ? part[i] : ' ';
    while (!command.empty() && command.back() == ' ') command.pop_back();
    if (auto slash = command.rfind('/', command.find(' ')); slash != std::string::npos)
      command.erase(0, slash + 1);
  }
  return command.empty() ? fmt::format(" (pid {})", pid)
                         : fmt::format(" (pid {}: {})", pid, escape_controls(command));
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
  const auto began = std::chrono::steady_clock::now();
  const auto timeout = lock_timeout();
  bool told = false;
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) fail_write(path, errno);
    auto waited = std::chrono::steady_clock::now() - began;
    if (waited >= timeout) {
      std::string who = holder(fd_);
      ::close(fd_);
      throw write_error(fmt::format("another svc{} is writing in {} (lock {} held); try again", who,
                                    root.string(), path.string()));
    }
    // A wait of a second is worth a word: who holds the lock, and for how long svc waits.
    if (!told && waited >= std::chrono::seconds(1)) {
      told = true;
      std::fprintf(stderr, "svc: waiting for another svc%s writing in %s (up to %llds)\n",
                   holder(fd_).c_str(), root.string().c_str(),
                   static_cast<long long>(
                       std::chrono::duration_cast<std::chrono::seconds>(timeout).count()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  // The holder's pid, for whoever waits next.
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
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

std::string init_data_dir(const fs::path& dir, bool site_follows, bool make_repo,
                          const Kinds& kinds) {
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
    ensure_gitattributes(dir, kinds);
    for (const Kind* k : kinds) open_folder(dir, dir / k->folder, true);
    done = fmt::format("initialised svc data directory {}", dir.string());
    // The records live in git (README): a directory in no work tree becomes one.
    if (make_repo && git_top(dir).empty()) {
      GitRun made = git(dir, {"init", "-q"});
      done += made.ok() ? ", a new git repository"
              : made.code == 127
                  ? " without git (git not found; install git, then run git init there)"
                  : fmt::format(" without git (git init: {})", made.message());
    }
  }
  set_up_merge_driver(dir, kinds);
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
                          const std::string& at, const Kinds& kinds) {
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
  set_up_merge_driver(root, kinds);
  return line + fmt::format(
                    "; registered in sites/{}.yaml, which goes to the team with the next "
                    "svc sync",
                    code);
}

std::string lost_site_code(const fs::path& root) {
  try {
    std::istringstream in(read_inside(root, root / ".svc" / "lost-site"));
    std::string code;
    in >> code;
    return upper(code);
  } catch (const Error&) {
    return "";
  }
}

void forget_lost_site(const fs::path& root) {
  std::error_code ec;
  fs::remove(root / ".svc" / "lost-site", ec);
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

DataDir::DataDir(fs::path root, const Kinds& kinds) : root_(std::move(root)), kinds_(kinds) {
  shown_root_ = display(root_);
  fs::path settings_path = root_ / "svc.yaml";
  // Its size checked on the open file before it is read: a 2 GB svc.yaml is never read whole.
  std::string text = read_inside(root_, settings_path, kMaxSettingsBytes, require_settings_size,
                                 display(settings_path));
  settings_ = load_settings(text, display(settings_path), kinds_);
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

std::vector<fs::path> DataDir::files(const Kind& kind, std::vector<std::string>* refused) const {
  Listing l = listing(kind);
  if (refused) refused->insert(refused->end(), l.refused.begin(), l.refused.end());
  std::vector<fs::path> out;
  out.reserve(l.files.size());
  for (const auto& f : l.files) out.push_back(root_ / f.rel);
  return out;
}

fs::path DataDir::resolve(const Kind& kind, const std::string& typed,
                          const std::function<bool(const fs::path&)>& open) const {
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
  int count = 0;
  if (open) {
    const fs::path* only = nullptr;
    for (const auto& m : matches)
      if (open(m) && ++count == 1) only = &m;
    if (count == 1) return *only;
  }
  // Newest first: the later month, then the higher serial (a longer one is higher).
  std::vector<std::string> ids;
  for (const auto& m : matches) ids.push_back(m.stem().string());
  auto month_of = [](const std::string& id) {
    return id.substr(0, std::min<size_t>(id.size(), 6));
  };
  std::sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
    if (month_of(a) != month_of(b)) return month_of(a) > month_of(b);
    return a.size() != b.size() ? a.size() > b.size() : a > b;
  });
  throw data_error(fmt::format("'{}' matches {} {}s{}, newest first: {}; type more of the ID",
                               typed, ids.size(), kind.noun,
                               open ? fmt::format(" ({} open)", count) : "", fmt::join(ids, ", ")));
}

namespace {

// Whether digit string `a` (no leading zeros) is a greater number than `b`.
bool serial_greater(std::string_view a, std::string_view b) {
  return a.size() != b.size() ? a.size() > b.size() : a > b;
}

void note_serial(std::map<std::string, std::string>& out, std::string stem,
                 std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  std::string& highest = out[std::move(stem)];
  if (highest.empty() || serial_greater(digits, highest)) highest = digits;
}

// The highest serial per ID stem among a folder's names, files and folders alike: every run of
// digits that follows a '-' is a serial of the stem before it, so T-2611-0037.yaml.orig gives
// "T-2611-" 37 (and "T-" 2611, which no ID asks for). Any width, any ending, any case.
std::map<std::string, std::string> serials_in(const fs::path& folder) {
  std::map<std::string, std::string> out;
  DIR* d = ::opendir(folder.c_str());
  if (!d) return out;
  while (const dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    for (size_t i = 1; i < name.size(); ++i) {
      if (name[i - 1] != '-' || !std::isdigit(static_cast<unsigned char>(name[i]))) continue;
      size_t end = i;
      while (end < name.size() && std::isdigit(static_cast<unsigned char>(name[end]))) ++end;
      note_serial(out, upper(std::string(name.substr(0, i))), name.substr(i, end - i));
    }
  }
  ::closedir(d);
  return out;
}

std::string serials_text(const std::map<std::string, std::string>& serials) {
  std::string out;
  for (const auto& [stem, n] : serials) out += fmt::format("{} {}\n", stem, n);
  return out;
}

std::map<std::string, std::string> serials_from(const std::string& text) {
  std::map<std::string, std::string> out;
  for (const auto& line : split_lines(text, '\n'))
    if (auto space = line.rfind(' '); space != std::string::npos && space > 0)
      out[line.substr(0, space)] = line.substr(space + 1);
  return out;
}

// One more than a serial written as digits, of any length.
std::string next_serial(std::string n) {
  size_t i = n.size();
  while (i > 0 && n[i - 1] == '9') n[--i] = '0';
  if (i == 0) return "1" + n;
  ++n[i - 1];
  return n;
}

}  // namespace

std::map<std::string, std::map<std::string, std::string>> DataDir::serials_by_folder(
    const Kind& kind) const {
  std::map<std::string, std::map<std::string, std::string>> out;
  const std::int64_t read_at = now_ns();
  std::vector<Stray> strays;
  std::vector<Listed> folders = month_folders(kind, nullptr, &strays);
  // The kind's own folder and the folders in it that are no month folder too: a record put
  // there by hand still holds its ID.
  out[kind.folder] = serials_in(root_ / kind.folder);
  for (const auto& stray : strays) out[stray.rel] = serials_in(root_ / stray.rel);
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
  if (!site.empty() && lost_site_code(root_) == site)
    throw refused(fmt::format(
        "this clone's site code {} was registered first by another clone, so no new ID is "
        "given under it: take another first: svc init --site OTHER (it also renumbers what this "
        "clone made under {})",
        site, site));
  // Serial restarts every month per kind (seed 004: 年度 月份 流水編號).
  std::string stem = fmt::format("{}-{:02}{:02}-{}", kind.prefix, d.year % 100, d.month,
                                 site.empty() ? "" : site + "-");
  // Every month folder, not only this month's: a file misplaced by hand or by a merge still
  // holds its ID, and a new record must never take it again.
  std::string highest = "0";
  for (const auto& [folder, serials] : serials_by_folder(kind))
    if (auto it = serials.find(stem); it != serials.end() && serial_greater(it->second, highest))
      highest = it->second;
  return fmt::format("{}{:0>{}}", stem, next_serial(highest), kind.width);
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

void DataDir::write_new(const fs::path& path, const Record& r) const {
  write_inside(root_, path, record_text(r), true);
  written_.push_back(path);
}

std::string DataDir::read(const fs::path& path) const {
  return read_inside(root_, path, kMaxRecordBytes, record_too_big, display(path));
}

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
