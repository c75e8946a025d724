// After a merge: one act done in two clones (a call closed in both, each close creating its
// survey) is tidied for every kind through the links tables: the survey that is not the one to
// keep is taken out of the figures (its file and history kept), the record's repeated event is
// settled. The two surveys are two files, so git's merge never meets them: this step does.
#include <fmt/format.h>

#include <optional>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/links.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/git.hpp"

namespace svc::cli {

namespace fs = std::filesystem;

namespace {

// What a tidy wrote: the files, and a line for the person.
struct Tidied {
  std::vector<fs::path> written;
  std::vector<std::string> said;
};

const RecordKind* kind_named(const std::string& noun) {
  for (const RecordKind* k : all_kinds())
    if (k->rules.noun == noun) return k;
  return nullptr;
}

// Sound enough for an action: what check would reject is left to check.
bool sound(const RecordFile& f) { return f.valid && f.problems.size() == f.conflicts.size(); }

// A record a link names, as an action reads it; nothing when it is absent or unsound (check
// speaks of it).
struct Named {
  const RecordKind* kind;
  fs::path path;
  Record record;
  bool open() const { return record::is_open(kind->rules, record.status()); }
};

std::optional<Named> read_linked(const Session& s, const RecordKind& kind, const std::string& id) {
  try {
    fs::path path = resolve_id(s.dir(), kind, id);
    RecordFile f = store::read_record(kind.rules, s.dir(), path, s.clock());
    if (!sound(f) || f.record.id != id) return std::nullopt;
    return Named{&kind, path, std::move(f.record)};
  } catch (const Error&) {
    return std::nullopt;  // no such record: check names the link
  }
}

void commit_in(const RecordKind& kind, Record& r, Event e, const fs::path& path, const Session& s,
               Tidied& t) {
  record::commit_event(kind.rules, r, std::move(e));
  s.dir().write(path, r);
  if (std::find(t.written.begin(), t.written.end(), path) == t.written.end())
    t.written.push_back(path);
}

std::string said(const Session& s, std::string_view key, const std::string& a, const std::string& b,
                 const std::string& c = "") {
  return fmt::format(fmt::runtime(label(s.settings(), "tidy", key)), a, b, c);
}

// What a repeat's two records ask for: the other dropped, nothing more (it was, earlier), or a
// person (both answered: check names the pair).
enum class Choice { retire, retired, answered };

// Of the two records a repeat names, the one to keep and the other: the one the record names,
// unless only the other was answered (then the record is relinked to it).
Choice choose(const Session& s, const RecordKind& kind, Record& r, const fs::path& path,
              std::optional<Named>& kept, std::optional<Named>& other, Tidied& t) {
  const KindRules& lk = kept->kind->rules;
  if (record::duplicate_of(lk, other->record.fields) == kept->record.id ||
      record::duplicate_of(lk, kept->record.fields) == other->record.id)
    return Choice::retired;
  if (other->open()) return Choice::retire;
  if (!kept->open()) return Choice::answered;
  commit_in(kind, r, record::relink_event(kept->record.id, other->record.id, s.context()), path, s,
            t);
  std::swap(kept, other);
  return Choice::retire;
}

// One repeat of `r` (an act done in two clones, each naming its own survey): the survey not
// kept is dropped as the duplicate, then the repeated event is settled.
void tidy_repeat(const Session& s, const RecordKind& kind, Record& r, const fs::path& path,
                 const record::Repeat& rep, Tidied& t) {
  const RecordKind* linked_kind = kind_named(rep.link->kind);
  if (!linked_kind || !linked_kind->rules.retire_duplicate) return;
  bool named_second = record::field_at(r.fields, rep.link->path) == rep.second;
  auto kept = read_linked(s, *linked_kind, named_second ? rep.second : rep.first);
  auto other = read_linked(s, *linked_kind, named_second ? rep.first : rep.second);
  if (!kept || !other) return;
  const Choice choice = choose(s, kind, r, path, kept, other, t);
  if (choice == Choice::answered) return;
  if (choice == Choice::retire) {
    const KindRules& lk = linked_kind->rules;
    Event drop = lk.retire_duplicate(other->record, kept->record.id,
                                     said(s, "second_survey", r.id, kept->record.id), s.context());
    commit_in(*linked_kind, other->record, std::move(drop), other->path, s, t);
    t.said.push_back(fmt::format("{}: {} in two clones: {} kept, {} dropped as its second {}", r.id,
                                 record::spoken(kind.rules, rep.action), kept->record.id,
                                 other->record.id, lk.noun));
  }
  if (!rep.settled)
    commit_in(kind, r,
              record::settle_repeat(
                  rep, said(s, "settled", r.id, kept->record.id, other->record.id), s.context()),
              path, s, t);
}

// Tidies the record of one file; a file check would reject is left to check.
void tidy_file(const Session& s, const RecordKind& kind, const fs::path& path, Tidied& t) {
  if (!fs::exists(path)) return;
  RecordFile f = store::read_record(kind.rules, s.dir(), path, s.clock());
  if (!sound(f)) return;
  for (const auto& rep : record::repeats(kind.rules, f.record))
    tidy_repeat(s, kind, f.record, path, rep, t);
}

// The tidy's own commit, so that what is pushed next is tidied (sync pushes HEAD).
void commit(const Session& s, const fs::path& top, const Tidied& t) {
  std::vector<std::string> add{"add", "--"};
  for (const auto& p : t.written) add.push_back(p.string());
  store::GitRun added = store::git(top, add);
  if (!added.ok()) throw write_error("git add failed: " + added.message());
  commit_staged(top, s.dir().root(), s.context().actor.name, "tidied after the merge: ");
}

}  // namespace

std::vector<std::string> tidy_after_merge(const Session& s) {
  const fs::path top = store::git_top(s.dir().root());
  if (top.empty() || !store::git(top, {"rev-parse", "-q", "--verify", "ORIG_HEAD"}).ok()) return {};
  std::vector<std::string> args{"diff", "--name-only", "--no-renames", "ORIG_HEAD", "HEAD", "--"};
  for (const RecordKind* k : all_kinds())
    args.push_back((s.dir().root() / k->rules.folder).string());
  Tidied t;
  for (const auto& rel : split_lines(store::git(top, args).out))
    if (const RecordKind* kind = rel.empty() ? nullptr : kind_of_file(top / rel))
      tidy_file(s, *kind, top / rel, t);
  if (t.written.empty()) return {};
  commit(s, top, t);
  return t.said;
}

std::vector<std::string> tidy_record(const Session& s, const RecordKind& kind,
                                     const fs::path& path) {
  Tidied t;
  tidy_file(s, kind, path, t);
  return t.said;
}

}  // namespace svc::cli
