#pragma once
// Returns, exchanges and repairs (SPEC §7) as a kind of record: the policy decides on
// registration, a manager may override, the warehouse counts what came back and reconciles it
// with what was approved, then credit, exchange or repair, with the repair's deadline and its
// notices to the customer (seed 004 Ⅸ 第十六、二十六–二十九條).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "svc/domain/record_rules.hpp"
#include "svc/domain/report.hpp"
#include "svc/domain/return_policy.hpp"

namespace svc::returns {

const KindRules& rules();

struct NewReturn {
  std::string customer, order, model, serial, qty = "1", price, purchased;
  std::string want = "refund", reason = "none";
  std::vector<std::string> condition, photos;
  std::string complaint, ticket;
};

inline constexpr const char* kVerdicts[] = {"restock", "repair", "scrap", "supplier"};

Event decide_new(const NewReturn& n, const Context& ctx);
/// approve/refuse: as the policy decided, or against it with --override, an approver and a
/// reason; a return held for its quantity is released by an approval with --override.
Event decide_approve(const Record& r, bool override, const std::string& approved_by,
                     const std::string& reason, const Context& ctx);
Event decide_refuse(const Record& r, bool override, const std::string& approved_by,
                    const std::string& reason, const Context& ctx);
/// The warehouse's count: beyond the tolerance (the customer's, else the default) the return is
/// held until a manager approves the quantity.
Event decide_receive(const Record& r, const std::string& qty, const Context& ctx);
Event decide_inspect(const Record& r, const std::string& verdict, const Context& ctx);
/// The credit note: amount defaults to received quantity x unit price, to the cent.
Event decide_credit(const Record& r, const std::string& note_no, const std::string& amount,
                    const Context& ctx);
Event decide_exchange(const Record& r, const std::string& serial, const Context& ctx);
Event decide_repaired(const Record& r, const Context& ctx);
/// A repair that cannot be done: what was agreed with the customer instead.
Event decide_unrepairable(const Record& r, const std::string& agreed, const Context& ctx);
/// A notice that the repaired item waits for collection; the next is due 3 days on, and after
/// the third the item goes back by post.
Event decide_notify(const Record& r, const std::string& note, const Context& ctx);
Event decide_close(const Record& r, const Context& ctx);
Event decide_note(const Record& r, const std::string& text, const Context& ctx);
Event decide_edit(const Record& r, const Value& changes, const Context& ctx);
/// Its section of svc.yaml, read and checked into the settings (KindRules::read_settings).
void read_settings(const Value& doc, const Value& mine, const std::string& path, Settings& s);

std::vector<Finding> validate(const Record& r);

/// The returns registered in a period (SPEC §8).
struct PeriodFigures {
  std::int64_t received = 0;
  std::map<std::string, std::int64_t> by_outcome;  ///< the override's outcome, else the decision's
  std::int64_t credited_cents = 0;
};

/// The returns' section of the periodic reports.
class Report final : public report::Section {
 public:
  Report(const Settings& s, report::Period p);
  void add(const Record& r) override;
  const PeriodFigures& totals() const { return totals_; }
  std::string key() const override { return "returns"; }
  Value figures() const override;
  report::Block block(const report::Labeler& L) const override;

 private:
  const Settings& settings_;
  report::Period period_;
  PeriodFigures totals_;
};

}  // namespace svc::returns
