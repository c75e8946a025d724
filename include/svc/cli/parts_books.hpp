#pragma once
// The parts ledger as the command line reads it: every slip and every call's part events, once.
#include <string>
#include <vector>

#include "svc/cli/common.hpp"
#include "svc/domain/parts.hpp"

namespace svc::cli {

struct BooksRead {
  parts::Books books;
  std::vector<parts::Count> counts;
  int bad = 0;  ///< files that could not be read (the ledger is incomplete)
};
/// Every movement of every slip and every ticket's part events, the parts known (the parts list
/// and every receive), the counts; bad files are named on stderr.
BooksRead read_books(const Session& s);
/// What the ledger has to say of a part just used on call `ticket` (as written): too few in the
/// technician's hands (taken from the store), too few in the store either, a part no slip or
/// list knows; warnings.
std::vector<std::string> consumption_warnings(const Session& s, const std::string& ticket,
                                              const std::string& part);

/// The old parts `old` holds at the session's time, each due by the end of the month after it
/// came back (RecordKind::derived_due).
std::vector<DerivedDue> old_parts_due(const Session& s);
/// check's view of the ledger (RecordKind::cross_check): every location below zero at any
/// instant, with the slip or call that took it there; every count that disagrees with the replay.
std::unique_ptr<CrossCheck> books_check(const Settings& s);

}  // namespace svc::cli
