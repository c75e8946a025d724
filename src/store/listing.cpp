// Listing a kind's record files with their stat: month folders taken by whichever thread is
// free, names sorted in one buffer, symlinks refused; and the listing ahead a command that
// reads several kinds starts (DataDir's listing half; datadir.cpp holds the rest).
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <thread>

#include "svc/store/cache.hpp"
#include "svc/store/datadir.hpp"
#include "svc/store/threads.hpp"

namespace svc::store {
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

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The shape of a record file's name: P-YYMM-NNNN.yaml or P-YYMM-SITE-NNNN.yaml, in capitals
// (which ID and which month folder are the record's own business, checked when it is read).
bool record_name(std::string_view name, char prefix) {
  if (name.size() < 13 || name[0] != prefix || name[1] != '-' || !digits(name.substr(2, 4)) ||
      name[6] != '-' || !name.ends_with(".yaml"))
    return false;
  std::string_view rest = name.substr(7, name.size() - 12);
  if (auto dash = rest.find('-'); dash != std::string_view::npos) {
    std::string_view site = rest.substr(0, dash);
    if (site.empty() || site.size() > 8 || !std::all_of(site.begin(), site.end(), [](char c) {
          return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }))
      return false;
    rest.remove_prefix(dash + 1);
  }
  return digits(rest);
}

}  // namespace

bool month_folder_name(std::string_view name) {
  return name.size() == 7 && name.substr(0, 2) == "20" && digits(name.substr(0, 4)) &&
         name[4] == '-' && digits(name.substr(5, 2)) && name.substr(5, 2) >= "01" &&
         name.substr(5, 2) <= "12";
}

std::string stray_line(const std::string& shown, const Kind& kind, const Stray& stray) {
  return fmt::format("{}: {}; {} files are {}/YYYY-MM/{}-YYMM-{}.yaml, so svc reads {}", shown,
                     stray.what, kind.noun, kind.folder, kind.prefix, std::string(kind.width, 'N'),
                     stray.folder ? "nothing in it" : "it as no " + std::string(kind.noun));
}

namespace {

// The record files of one month folder with their stat, sorted; links refused. Names are
// sorted as they lie in one buffer, by their first 16 bytes as numbers, and paths made once in
// order (sorting 5,000 paths that share their first 20 bytes cost more than stat-ing them).
void list_month(int kind_fd, const std::string& folder, const std::string& month, char prefix,
                std::vector<ListedFile>& out, std::unique_ptr<char[]>& block,
                std::vector<std::string>& links, std::vector<Stray>& strays) {
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
    if (name == "." || name == "..") continue;
    struct stat st {};
    if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    // Every other name is accounted for: a link, a folder, a file not named as this kind's.
    if (S_ISLNK(st.st_mode)) {
      links.push_back(head + std::string(name));
    } else if (!S_ISREG(st.st_mode)) {
      const bool folder = S_ISDIR(st.st_mode);
      strays.push_back({head + std::string(name),
                        folder ? "is a folder inside a month folder" : "is not a regular file",
                        folder});
    } else if (!record_name(name, prefix)) {
      strays.push_back({head + std::string(name), "is not named like a record file"});
    } else {
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
                                                    std::vector<std::string>* links,
                                                    std::vector<Stray>* strays) const {
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
      if (S_ISLNK(st.st_mode)) {
        if (links) links->push_back(rel);
      } else if (!S_ISDIR(st.st_mode) || !month_folder_name(name)) {
        if (strays)
          strays->push_back(
              {rel,
               S_ISDIR(st.st_mode) ? "is a folder but no month folder" : "is not in a month folder",
               S_ISDIR(st.st_mode)});
      } else {
        out.push_back({rel,
                       {static_cast<std::int64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim),
                        static_cast<std::int64_t>(st.st_ino)}});
      }
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
  const Kind* kind = nullptr;
  char prefix = 0;
  int kind_fd = -1;
  size_t count = 0;  // of l.folders, set before any thread works (l is moved out at the end)
  std::vector<std::string> links;
  std::vector<Stray> strays;
  std::vector<std::vector<ListedFile>> per;
  std::vector<std::vector<std::string>> per_links;
  std::vector<std::vector<Stray>> per_strays;
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
                   per_links[i], per_strays[i]);
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
  job->kind = &kind;
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
  l.folders = month_folders(kind, &job->links, &job->strays);
  job->count = l.folders.size();
  job->per.resize(l.folders.size());
  job->per_links.resize(l.folders.size());
  job->per_strays.resize(l.folders.size());
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
    job.strays.insert(job.strays.end(), job.per_strays[i].begin(), job.per_strays[i].end());
  }
  std::sort(links.begin(), links.end());
  for (const auto& rel : links)
    l.refused.push_back(
        fmt::format("{}: is a symbolic link; svc does not follow links in its data directory",
                    display(root_ / rel)));
  std::sort(job.strays.begin(), job.strays.end(),
            [](const Stray& a, const Stray& b) { return a.rel < b.rel; });
  for (const auto& stray : job.strays) {
    l.strays.push_back(stray.rel);
    l.refused.push_back(stray_line(display(root_ / stray.rel), *job.kind, stray));
  }
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

void DataDir::list_ahead(const Kinds& kinds) const {
  if (lister_.valid()) lister_.wait();
  std::vector<std::shared_ptr<ListingJob>> jobs;
  for (const Kind* kind : kinds)
    if (!kept_.count(kind->folder)) jobs.push_back(ahead_[kind->folder] = start_listing(*kind));
  // Without a thread to be had, the command lists each kind itself (finish_listing works).
  lister_ = std::async(std::launch::async | std::launch::deferred, [jobs] {
    for (const auto& job : jobs) job->work();
  });
}

std::shared_ptr<const Listing> DataDir::listed(const Kind& kind) const {
  if (auto it = kept_.find(kind.folder); it != kept_.end()) return it->second;
  std::shared_ptr<const Listing> l;
  if (auto it = ahead_.find(kind.folder); it != ahead_.end()) {
    std::shared_ptr<ListingJob> job = std::move(it->second);
    ahead_.erase(it);
    l = std::make_shared<const Listing>(finish_listing(*job));
  } else {
    l = std::make_shared<const Listing>(listing(kind));
  }
  if (keep_listings_) kept_[kind.folder] = l;
  return l;
}

}  // namespace svc::store
