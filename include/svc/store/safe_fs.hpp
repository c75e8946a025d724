#pragma once
// Files below the data directory, opened folder by folder without following symbolic links, so
// that a link committed by someone else never leads svc to read or write outside it (SPEC §9).
#include <cstdint>
#include <filesystem>
#include <string>

namespace svc::store {

namespace fs = std::filesystem;

/// An open folder below the data directory; closed when destroyed.
class DirHandle {
 public:
  explicit DirHandle(int fd = -1) : fd_(fd) {}
  ~DirHandle();
  DirHandle(DirHandle&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  DirHandle& operator=(DirHandle&& o) noexcept;
  DirHandle(const DirHandle&) = delete;
  DirHandle& operator=(const DirHandle&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

/// `path` relative to `root`; throws when it is not below it (".." or another tree).
fs::path inside(const fs::path& root, const fs::path& path);
/// Opens the folder `path` (below `root`) one component at a time with O_NOFOLLOW. With
/// `create`, missing folders are made and failures are write errors (exit 4); else data errors.
DirHandle open_folder(const fs::path& root, const fs::path& path, bool create);
/// A file's size over what its reader takes: throws the refusal naming `shown` (exit 3).
using TooBig = void (*)(std::uintmax_t bytes, const std::string& shown);
/// A record file's refusal: at most kMaxRecordBytes.
inline constexpr std::uintmax_t kMaxRecordBytes = 1 << 20;
void record_too_big(std::uintmax_t bytes, const std::string& shown);
/// Reads a regular file below `root`; a link anywhere on the way is refused (exit 3). A file
/// over `max_bytes` (by fstat of the open file, and as it is read, should it grow) is refused
/// by `too_big` (naming it as `shown`, else its path) before more than that is read.
std::string read_inside(const fs::path& root, const fs::path& path,
                        std::uintmax_t max_bytes = kMaxRecordBytes, TooBig too_big = record_too_big,
                        const std::string& shown = "");
/// Writes so that a crash leaves the old file or the new one: a temp file in `.svc/tmp`, fsync,
/// rename into place, fsync the folder. Throws write_error. With `only_new`, a file already at
/// `path` (of any kind, even one created a moment before by another writer) is never replaced:
/// the write is refused instead (rename with RENAME_NOREPLACE, or link-then-unlink).
void write_inside(const fs::path& root, const fs::path& path, const std::string& text,
                  bool only_new = false);
/// Writes all of `text` to `fd` (a short write, a full disk: write_error naming `path`).
void write_all(int fd, const std::string& text, const fs::path& path);
/// Removes temp files of writers that died mid-write (their process is gone).
void remove_stale_temp_files(const fs::path& root);

}  // namespace svc::store
