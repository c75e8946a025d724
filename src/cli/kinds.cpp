#include "svc/cli/kinds.hpp"

namespace svc::cli {

namespace {

struct Registry {
  std::vector<const RecordKind*> kinds;
  Kinds rules;
  void add(const RecordKind& k) {
    kinds.push_back(&k);
    rules.push_back(&k.rules);
  }
};

Registry& registry() {
  static Registry r = [] {
    Registry out;
    // The kinds of record, one line each.
    out.add(ticket_kind());
    out.add(complaint_kind());
    out.add(return_kind());
    out.add(survey_kind());
    out.add(parts_kind());
    return out;
  }();
  return r;
}

}  // namespace

const std::vector<const RecordKind*>& all_kinds() { return registry().kinds; }

std::vector<const RecordKind*> kinds_where(const std::function<bool(const RecordKind&)>& which) {
  std::vector<const RecordKind*> out;
  for (const RecordKind* k : all_kinds())
    if (which(*k)) out.push_back(k);
  return out;
}

const Kinds& kind_rules() { return registry().rules; }

void register_kind(const RecordKind& kind) {
  if (!kind_named(kind.rules.noun)) registry().add(kind);
}

const RecordKind* kind_named(std::string_view noun) {
  for (const RecordKind* k : all_kinds())
    if (k->rules.noun == noun) return k;
  return nullptr;
}

const RecordKind* kind_of_file(const std::filesystem::path& path) {
  std::string name = path.filename().string();
  for (const RecordKind* k : all_kinds())
    if (name.size() > 2 && name[0] == k->rules.prefix && name[1] == '-' &&
        path.parent_path().parent_path().filename() == k->rules.folder)
      return k;
  return nullptr;
}

}  // namespace svc::cli
