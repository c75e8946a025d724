// The one way an action changes a record of any kind: load under the writer lock, refuse what
// check would reject, decide, commit, write atomically, print the new state.
#include <fmt/format.h>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"

namespace svc::cli {

std::string due_summary(const Settings& s, const Value& due, int offset) {
  std::string out;
  for (const auto& [step, when] : due.entries) {
    auto t = parse_time(when.scalar, offset);
    out += fmt::format("  {} {}\n", pad_right(label(s, "step", step), 6),
                       t ? format_time_short(*t, offset) : when.scalar);
  }
  return out;
}

Value due_of(const Event& e) {
  const Value* due = e.data.find("due");
  return due ? *due : Value::map();
}

void change(const Globals& g, const RecordKind& kind, const std::string& typed_id,
            const Decide& decide) {
  change_linked(g, kind, typed_id,
                [&decide](const Session&, const Record& r, const Context& ctx, std::string&) {
                  return decide(r, ctx);
                });
}

namespace {

void change_record(const Globals& g, const RecordKind& kind, const std::string& typed_id,
                   const DecideLinked& decide, bool whole) {
  Session session(g);
  store::WriterLock lock(session.dir().root());
  auto path = resolve_id(session.dir(), kind, typed_id);
  Record r = load_for_change(kind, session.dir(), path, session.clock());
  if (auto latest = r.history.empty() ? std::nullopt : parse_time(r.history.back().at, 0);
      latest && session.follow_history(*latest))
    warn(
        fmt::format("{}'s history runs to {}, later than this clock ({}; a clone's clock runs "
                    "fast?): the action is recorded at that time, after it",
                    r.id, format_time_short(*latest, session.offset()),
                    format_time_short(session.clock(), session.offset())));
  std::string also;
  // A backfilled action (--at before the last event) is decided on the record as it stood then.
  Event e = decide(session, whole ? r : record::as_at(kind.rules, r, session.now()),
                   session.context(), also);
  warn_uncovered_years(session.settings(), e);
  Value due = due_of(e);
  record::commit_event(kind.rules, r, std::move(e));
  session.dir().write(path, r);
  autocommit(session);
  if (g.quiet) return;
  print_saved(r.id, fmt::format("{}: {}\n{}{}", r.id,
                                status_label(session.settings(), kind.rules.noun, r.status()),
                                due_summary(session.settings(), due, session.offset()), also));
}

}  // namespace

void change_linked(const Globals& g, const RecordKind& kind, const std::string& typed_id,
                   const DecideLinked& decide) {
  change_record(g, kind, typed_id, decide, false);
}

void change_whole(const Globals& g, const RecordKind& kind, const std::string& typed_id,
                  const Decide& decide) {
  change_record(
      g, kind, typed_id,
      [&decide](const Session&, const Record& r, const Context& ctx, std::string&) {
        return decide(r, ctx);
      },
      true);
}

Record add_record(const Session& session, const RecordKind& kind,
                  const std::function<void(Record&)>& fill) {
  Record r;
  r.id = session.dir().allocate_id(kind.rules, session.now());
  r.fields.set_plain("id", r.id);
  fill(r);
  session.dir().write_new(session.dir().path_for(kind.rules, r.id), r);
  return r;
}

std::string create(const Globals& g, const RecordKind& kind,
                   const std::function<Event(const Session&, const Context&)>& decide,
                   const std::function<std::string(const Record&, const Session&)>& more) {
  Session session(g);
  store::WriterLock lock(session.dir().root());
  Value due;
  Record r = add_record(session, kind, [&](Record& r) {
    Event e = decide(session, session.context());
    warn_uncovered_years(session.settings(), e);
    due = due_of(e);
    record::commit_event(kind.rules, r, std::move(e));
  });
  autocommit(session);
  if (g.quiet)
    print_saved(r.id, r.id + "\n");
  else
    print_saved(r.id, r.id + "\n" + (more ? more(r, session) : "") +
                          due_summary(session.settings(), due, session.offset()));
  return r.id;
}

}  // namespace svc::cli
