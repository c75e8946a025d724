#pragma once
// The bulk reader: how every list, report, check and link scan reads the records of a kind.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "svc/domain/reach.hpp"
#include "svc/domain/record_rules.hpp"
#include "svc/store/datadir.hpp"

namespace svc::store {

/// A record file as read: the record and every problem found in it, each "path:line:col: ...".
struct RecordFile {
  Record record;
  std::vector<std::string> problems;
  /// The problems that are events a merge could not apply, kept out of the summary until
  /// settled: `check` reports them, but actions may go on (settle is one).
  std::vector<std::string> conflicts;
  bool parsed = false;         ///< the YAML parsed into a record (structure sound)
  bool valid = false;          ///< and the schema holds, so its history can be replayed
  std::optional<Reach> reach;  ///< of a sound record read in bulk
  std::string encoded;         ///< its cache encoding, when read for the cache
  std::string posted;          ///< and that of its ledger view (KindRules::ledger_view)
};

/// Reads a record file: syntax, structure, schema (the kind's `validate`), a file name and
/// folder that match its id; with `now`, also what `check` verifies: the history's order and
/// transitions, and that the summary is its replay.
RecordFile read_record(const KindRules& kind, const DataDir& dir, const fs::path& path,
                       std::optional<Time> now = std::nullopt);
/// The one way every bulk read goes (list, reports, check, links): each record file of a kind,
/// in path order, read as read_record reads it (with `now`, check's history checks too), handed
/// to `visit` with its path below the data directory and dropped, so memory stays flat; from
/// the cache when it is fresh (docs/CACHE.md). Symbolic links are skipped, each with a line in
/// `refused` when given. Only sound records `wanted` passes are visited, and every bad file.
/// Files are read on two threads and cached records decoded on a second one; with no thread to
/// be had, the same readers and the same decoder run on this one.
void scan_records(const KindRules& kind, const DataDir& dir, std::optional<Time> now,
                  const std::function<void(std::string_view rel, RecordFile&)>& visit,
                  std::vector<std::string>* refused = nullptr, const Wanted& wanted = {});
/// The words of the progress line a long read shows on a terminal's stderr: given the kind's
/// folder, how many files are read and of how many. The command line sets them in the display
/// language; unset, "svc: reading tickets files 512/198000".
using ProgressWords =
    std::function<std::string(const std::string& folder, size_t done, size_t total)>;
void set_progress_words(ProgressWords words);
/// Reads a record that must be sound enough to show; throws data_error naming its first problem.
Record load_record(const KindRules& kind, const DataDir& dir, const fs::path& path);

}  // namespace svc::store
