#pragma once
// References between records (SPEC §9), for every kind through its `links` table: the values a
// record's link fields hold, `relink` (what a renumber writes into the records linking to the
// old ID), the repeats a merge makes (one close done in two clones, each naming its own survey),
// and the checks of both ends of every link.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "svc/domain/record_rules.hpp"

namespace svc::record {

/// The scalar at a dotted path of the fields ("links.ticket"); "" when absent.
std::string field_at(const Value& fields, std::string_view path);

/// One link a record holds: which field, and the ID it names.
struct LinkValue {
  const Link* link;
  std::string id;
};
/// Every link field of `k` that holds an ID, in the table's order.
std::vector<LinkValue> links_of(const KindRules& k, const Value& fields);
/// Whether a link of the record names `id` as a record of kind `noun`.
bool links_to(const KindRules& k, const Value& fields, const std::string& noun,
              const std::string& id);
/// The record this one duplicates (its `duplicate` link), "" for none.
std::string duplicate_of(const KindRules& k, const Value& fields);

/// `relink`: the record's link fields naming `from` name `to` from now on.
Event relink_event(const std::string& from, const std::string& to, const Context& ctx);
/// Folds a relink into the fields: every link field that holds `from` gets `to`.
void apply_relink(const KindRules& k, Value& fields, const Event& e);

/// An event the state machine refused where a merge put it, that repeats an applied event of the
/// same action except for a link: one close made in two clones, each with its own survey.
struct Repeat {
  std::string at;      ///< the refused event's time, what a settle names
  std::string action;  ///< the action done twice
  const Link* link;    ///< the link field both events set
  std::string first;   ///< the ID the applied event set
  std::string second;  ///< the ID the refused one carried
  bool settled;        ///< a later settle names it
};
/// Every repeat of the record's history, settled or not, in history order.
std::vector<Repeat> repeats(const KindRules& k, const Record& r);
/// `settle` of one repeat: takes it out of `conflicts`, `note` saying why.
Event settle_repeat(const Repeat& rep, const std::string& note, const Context& ctx);

/// What `check` makes of the links of every record, collected while it reads each once: links
/// to no record, two ends that disagree, and a call closed twice whose two surveys were both
/// answered. `add` every sound record, then ask for `problems`.
class LinkCheck {
 public:
  /// A record as read; `sound` when its history can be replayed (its schema holds).
  void add(const KindRules& k, const Record& r, bool sound = true);
  /// One line each, in the order the records were added.
  std::vector<std::string> problems() const;

 private:
  struct Node {
    const KindRules* kind;
    std::string status;
    std::vector<LinkValue> links;
    std::vector<Repeat> repeats;
  };
  const Node* node(const std::string& id) const;
  std::string back_of(const Node& n, const std::string& path) const;
  bool explained(const Node& self, const std::string& id, const LinkValue& l,
                 const Node& target) const;
  void pairs(const std::string& id, const Node& n, std::vector<std::string>& out) const;

  std::vector<std::string> order_;
  std::unordered_map<std::string, Node> nodes_;
};

}  // namespace svc::record
