#include "svc/cli/kinds.hpp"

#include "svc/domain/complaint.hpp"
#include "svc/domain/returns.hpp"
#include "svc/domain/ticket.hpp"

namespace svc::cli {

const RecordKind& ticket_kind() {
  static const RecordKind k{store::kTickets, ticket::rules(), ticket::validate,
                            ticket::decide_edit};
  return k;
}

const RecordKind& complaint_kind() {
  static const RecordKind k{store::kComplaints, complaint::rules(), complaint::validate,
                            complaint::decide_edit};
  return k;
}

const RecordKind& return_kind() {
  static const RecordKind k{store::kReturns, returns::rules(), returns::validate,
                            returns::decide_edit};
  return k;
}

std::vector<const RecordKind*> all_kinds() {
  return {&ticket_kind(), &complaint_kind(), &return_kind()};
}

}  // namespace svc::cli
