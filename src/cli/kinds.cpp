#include "svc/cli/kinds.hpp"

#include "svc/domain/complaint.hpp"
#include "svc/domain/returns.hpp"
#include "svc/domain/survey.hpp"
#include "svc/domain/ticket.hpp"

namespace svc::cli {

const RecordKind& ticket_kind() {
  static const RecordKind k{store::kTickets, ticket::rules(),
                            [](const Record& r, const Settings&) { return ticket::validate(r); },
                            ticket::decide_edit};
  return k;
}

const RecordKind& complaint_kind() {
  static const RecordKind k{store::kComplaints, complaint::rules(),
                            [](const Record& r, const Settings&) { return complaint::validate(r); },
                            complaint::decide_edit};
  return k;
}

const RecordKind& return_kind() {
  static const RecordKind k{store::kReturns, returns::rules(),
                            [](const Record& r, const Settings&) { return returns::validate(r); },
                            returns::decide_edit};
  return k;
}

const RecordKind& survey_kind() {
  static const RecordKind k{store::kSurveys, survey::rules(), survey::validate,
                            survey::decide_edit};
  return k;
}

std::vector<const RecordKind*> all_kinds() {
  return {&ticket_kind(), &complaint_kind(), &return_kind(), &survey_kind()};
}

const RecordKind* kind_of_file(const std::filesystem::path& path) {
  std::string name = path.filename().string();
  for (const RecordKind* k : all_kinds())
    if (name.size() > 2 && name[0] == k->store.prefix && name[1] == '-' &&
        path.parent_path().parent_path().filename() == k->store.folder)
      return k;
  return nullptr;
}

}  // namespace svc::cli
