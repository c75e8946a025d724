#pragma once
// The kinds of record the command line knows: where each lives (store) and its rules (domain).
#include <vector>

#include "svc/domain/record_rules.hpp"
#include "svc/store/datadir.hpp"

namespace svc::cli {

struct RecordKind {
  const store::Kind& store;
  const KindRules& rules;
  /// The kind's schema, common checks included (a survey's answers against its template).
  std::vector<Finding> (*validate)(const Record&, const Settings&);
  /// A hand edit: what it may change, and what follows from the change.
  Event (*decide_edit)(const Record&, const Value& changes, const Context&);
};

const RecordKind& ticket_kind();
const RecordKind& complaint_kind();
const RecordKind& return_kind();
const RecordKind& survey_kind();
/// Every kind, in the order `check` reads them.
std::vector<const RecordKind*> all_kinds();
/// The kind a record file holds, from its place: tickets/2026-11/T-....yaml; nullptr for none.
const RecordKind* kind_of_file(const std::filesystem::path& path);

}  // namespace svc::cli
