// list, show and log: the parts every kind of record shares.
#include "svc/cli/record_views.hpp"

#include <fmt/format.h>

#include "svc/cli/output.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

void require_format(const Globals& g, std::initializer_list<const char*> allowed,
                    const char* view) {
  for (const char* f : allowed)
    if (g.format == f) return;
  throw usage_error(
      fmt::format("{} prints --format {}, not {}", view, fmt::join(allowed, "|"), g.format));
}

int for_each_record(const RecordKind& kind, const store::DataDir& dir,
                    const std::function<void(const Record&)>& visit) {
  int bad = 0;
  std::vector<std::string> links;
  for (const auto& path : dir.files(kind.store, &links)) {
    try {
      visit(load_record(kind, dir, path));
    } catch (const Error& e) {
      warn(e.what());
      ++bad;
    }
  }
  for (const auto& link : links) warn(link);
  return bad + static_cast<int>(links.size());
}

void require_complete(int bad) {
  if (bad)
    throw data_error(fmt::format("{} file{} could not be read; the list is incomplete", bad,
                                 bad == 1 ? "" : "s"));
}

std::string deadlines_text(const RecordKind& kind, const Record& r, const Session& s,
                           int head_width) {
  const Settings& st = s.settings();
  int off = s.offset();
  std::string t = label(st, "head", "deadlines") + "\n";
  auto states = record::step_states(kind.rules, r.fields, s.now(), off);
  int step_width = 6;  // step labels line up, however long the longest
  for (const auto& state : states)
    step_width = std::max(step_width, display_width(label(st, "step", state.step)));
  for (const auto& state : states) {
    std::string verdict = state.state == "n/a" ? "-" : label(st, "state", state.state);
    if (state.state == "overdue" || state.state == "late") verdict = alert(verdict, s.color());
    std::string line =
        fmt::format("  {}{}  {}", pad_right(label(st, "step", state.step), step_width + 2),
                    format_time_short(state.due, off), verdict);
    if (state.done) line += "  " + format_time_short(*state.done, off);
    t += line + "\n";
  }
  auto next = record::allowed_actions(kind.rules, r.fields);
  if (!next.empty())
    t += fmt::format("{}{}\n", pad_right(label(st, "head", "next_steps"), head_width),
                     fmt::join(next, ", "));
  return t;
}

std::string log_text(const Record& r, const Session& s) {
  std::string text;
  for (const auto& e : r.history) {
    auto at = parse_time(e.at, s.offset());
    std::string details;
    for (const auto& [k, v] : escaped(e.data).entries) {
      std::string shown = v.is_scalar() ? v.scalar : store::emit_yaml(v);
      if (!v.is_scalar()) shown.pop_back();  // the flow value's newline
      details += fmt::format("  {}={}", k, shown);
    }
    text += fmt::format("{}  {}  {}{}\n", at ? format_time_short(*at, s.offset()) : e.at,
                        pad_right(escape_controls(e.by), 8), e.action, details);
  }
  return text;
}

std::vector<std::string> linked_from(const RecordKind& kind, const store::DataDir& dir,
                                     const std::string& field, const std::string& id) {
  std::vector<std::string> ids;
  for (const auto& path : dir.files(kind.store)) {
    try {
      Record r = load_record(kind, dir, path);
      if (const Value* links = r.fields.find("links"); links && links->get(field) == id)
        ids.push_back(r.id);
    } catch (const Error&) {
      // A bad file is check's business; show goes on with the rest.
    }
  }
  return ids;
}

void setup_log(CLI::App& parent, Globals& g, const RecordKind& kind) {
  auto* cmd = parent.add_subcommand(
      "log", fmt::format("print a {}'s history, oldest first", kind.store.noun));
  cmd->footer(fmt::format("Example:\n  svc {} log 2611-{}1", kind.store.noun,
                          std::string(static_cast<size_t>(kind.store.width - 1), '0')));
  auto id = std::make_shared<std::string>();
  cmd->add_option("ID", *id, fmt::format("{} ID or an unambiguous ending", kind.store.noun))
      ->required();
  cmd->callback([id, &g, &kind] {
    require_format(g, {"table"}, fmt::format("{} log", kind.store.noun).c_str());
    Session s(g);
    Record r = load_record(kind, s.dir(), s.dir().resolve(kind.store, *id));
    out(log_text(r, s));
  });
}

}  // namespace svc::cli
