#pragma once
// Shell completion's two halves: completion.cpp walks the command line through the CLI11 tree,
// completion_values.cpp reads what a data directory offers for a value (docs/DECISIONS.md,
// "Completion").
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "svc/cli/kinds.hpp"
#include "svc/domain/settings.hpp"
#include "svc/store/datadir.hpp"

namespace svc::cli::completion {

/// One word the shell may offer, and what zsh and fish show beside it.
struct Candidate {
  std::string value, description;
};

/// The data directory a command line names (--data, else $SVC_DATA, else the nearest with
/// svc.yaml), opened on first use; none found (or unreadable) offers nothing, never an error.
class Source {
 public:
  explicit Source(std::string data_flag) : flag_(std::move(data_flag)) {}
  /// Its settings; the shipped labels' locale when there is no data directory.
  const Settings& settings();
  const store::DataDir* dir();
  /// Every record of `kind` that reads as a record, in path order.
  void each_record(const RecordKind& kind, const std::function<void(const Record&)>& visit);

 private:
  std::string flag_;
  bool opened_ = false;
  std::unique_ptr<store::DataDir> dir_;
  Settings none_;
};

/// A label of `group.key` in the data directory's locale; "" when it has none.
std::string label_or_none(Source& source, std::string_view group, std::string_view key);

/// The IDs of `kind`'s records, each described by its customer and status.
std::vector<Candidate> ids(Source& source, const RecordKind& kind);
/// `kind`'s statuses with their labels.
std::vector<Candidate> statuses(Source& source, const RecordKind& kind);
/// Survey templates and complaint categories of svc.yaml, with their labels.
std::vector<Candidate> templates(Source& source);
std::vector<Candidate> categories(Source& source);
/// Departments of svc.yaml's base points and of the records (a complaint's routings).
std::vector<Candidate> departments(Source& source);
/// Technicians: svc.yaml's people (bonuses, base points) and the records' assignees, helpers and
/// rated technicians.
std::vector<Candidate> people(Source& source);
/// Customers named in the records of every kind.
std::vector<Candidate> customers(Source& source);
/// The reasons given before for `action` on records of `kind` (wait, cancel, drop ...), the most
/// used first.
std::vector<Candidate> reasons(Source& source, const RecordKind& kind, const std::string& action);
/// `svc survey record ID ...`: `ITEM=` of the survey's template for items not on the line yet;
/// after `ITEM=` the levels of its scale (a number, or a label once a letter is typed).
std::vector<Candidate> answers(Source& source, const std::string& typed_id,
                               const std::vector<std::string>& given, const std::string& current);

}  // namespace svc::cli::completion
