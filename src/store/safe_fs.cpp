#include "svc/store/safe_fs.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "svc/domain/error.hpp"

namespace svc::store {

namespace {

constexpr const char* kTempFolder = ".svc/tmp";

Error fs_error(bool writing, const std::string& what) {
  return writing ? write_error(what) : data_error(what);
}

bool is_link(int dirfd, const char* name) {
  struct stat st {};
  return ::fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
}

}  // namespace

void write_all(int fd, const std::string& text, const fs::path& path) {
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw write_error(fmt::format("could not write {}: {}", path.string(),
                                    std::strerror(n < 0 ? errno : ENOSPC)));
    p += n;
    left -= static_cast<size_t>(n);
  }
}

DirHandle::~DirHandle() {
  if (fd_ >= 0) ::close(fd_);
}

DirHandle& DirHandle::operator=(DirHandle&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    o.fd_ = -1;
  }
  return *this;
}

fs::path inside(const fs::path& root, const fs::path& path) {
  fs::path rel = path.lexically_normal().lexically_relative(root.lexically_normal());
  if (rel.empty() || *rel.begin() == "..")
    throw data_error(
        fmt::format("{} is outside the data directory {}", path.string(), root.string()));
  return rel == "." ? fs::path() : rel;
}

DirHandle open_folder(const fs::path& root, const fs::path& path, bool create) {
  DirHandle dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.fd() < 0)
    throw fs_error(create, fmt::format("cannot open {}: {}", root.string(), std::strerror(errno)));
  fs::path so_far = root;
  for (const auto& part : inside(root, path)) {
    so_far /= part;
    const char* name = part.c_str();  // `part` lives as long as the loop's iteration
    int fd = ::openat(dir.fd(), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && create) {
      if (::mkdirat(dir.fd(), name, 0755) != 0 && errno != EEXIST)
        throw write_error(
            fmt::format("could not create {}: {}", so_far.string(), std::strerror(errno)));
      fd = ::openat(dir.fd(), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (fd < 0) {
      int err = errno;
      if (is_link(dir.fd(), name))
        throw fs_error(create, fmt::format("{} is a symbolic link; svc does not follow links in "
                                           "its data directory",
                                           so_far.string()));
      throw fs_error(create, fmt::format("could not {} {}: {}", create ? "create" : "open",
                                         so_far.string(), std::strerror(err)));
    }
    dir = DirHandle(fd);
  }
  return dir;
}

void record_too_big(std::uintmax_t bytes, const std::string& shown) {
  throw data_error(fmt::format("{}: the file is {} bytes; a record file may have at most {}", shown,
                               bytes, kMaxRecordBytes));
}

std::string read_inside(const fs::path& root, const fs::path& path, std::uintmax_t max_bytes,
                        TooBig too_big, const std::string& shown) {
  const std::string& shown_as = shown.empty() ? path.string() : shown;
  DirHandle dir = open_folder(root, path.parent_path(), false);
  const std::string file_name = path.filename().string();
  const char* name = file_name.c_str();
  int fd = ::openat(dir.fd(), name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (is_link(dir.fd(), name))
      throw data_error(
          fmt::format("{} is a symbolic link; svc does not follow links in its data "
                      "directory",
                      path.string()));
    throw data_error(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
  }
  DirHandle file(fd);  // closes it
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    throw data_error(fmt::format("{} is not a regular file", path.string()));
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes)
    too_big(static_cast<std::uintmax_t>(st.st_size), shown_as);
  std::string text;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw data_error(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > max_bytes) too_big(text.size(), shown_as);  // it grew as it was read
  }
  return text;
}

// Moves the temp file into place; with `only_new` never over an existing name. 0 or an errno.
int move_into_place(int from_dir, const char* from, int to_dir, const char* to, bool only_new) {
  if (!only_new) return ::renameat(from_dir, from, to_dir, to) == 0 ? 0 : errno;
  if (::renameat2(from_dir, from, to_dir, to, RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return errno;
  // A file system without RENAME_NOREPLACE: a hard link fails as well when the name exists.
  if (::linkat(from_dir, from, to_dir, to, 0) != 0) return errno;
  ::unlinkat(from_dir, from, 0);
  return 0;
}

void write_inside(const fs::path& root, const fs::path& path, const std::string& text,
                  bool only_new) {
  static std::atomic<int> counter{0};
  DirHandle dir = open_folder(root, path.parent_path(), true);
  DirHandle temp_dir = open_folder(root, root / kTempFolder, true);
  const std::string name = path.filename().string();
  const std::string temp = fmt::format("{}-{}.tmp", ::getpid(), counter++);
  int fd = ::openat(temp_dir.fd(), temp.c_str(),
                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    throw write_error(fmt::format("could not write {}: {}", path.string(), std::strerror(errno)));
  try {
    write_all(fd, text, path);
    if (::fsync(fd) != 0)
      throw write_error(fmt::format("could not write {}: {}", path.string(), std::strerror(errno)));
  } catch (...) {
    ::close(fd);
    ::unlinkat(temp_dir.fd(), temp.c_str(), 0);
    throw;
  }
  // rename replaces a link at the destination itself; it never writes through it.
  int err = ::close(fd) != 0 ? errno : 0;
  if (!err) err = move_into_place(temp_dir.fd(), temp.c_str(), dir.fd(), name.c_str(), only_new);
  if (err) {
    ::unlinkat(temp_dir.fd(), temp.c_str(), 0);
    if (err == EEXIST)
      throw write_error(fmt::format(
          "{} already exists; a new record is never written over another file, so nothing "
          "was written",
          path.string()));
    throw write_error(fmt::format("could not write {}: {}", path.string(), std::strerror(err)));
  }
  ::fsync(dir.fd());
}

void remove_stale_temp_files(const fs::path& root) {
  int fd = -1;
  try {
    fd = ::dup(open_folder(root, root / kTempFolder, false).fd());
  } catch (const Error&) {
    return;  // no temp folder yet
  }
  DIR* d = ::fdopendir(fd);
  if (!d) return (void)::close(fd);
  std::vector<std::string> stale;
  while (dirent* e = ::readdir(d)) {
    long pid = std::strtol(e->d_name, nullptr, 10);
    if (pid > 0 && std::strstr(e->d_name, ".tmp") && ::kill(static_cast<pid_t>(pid), 0) != 0 &&
        errno == ESRCH)
      stale.emplace_back(e->d_name);
  }
  for (const auto& name : stale) ::unlinkat(::dirfd(d), name.c_str(), 0);
  ::closedir(d);
}

}  // namespace svc::store
