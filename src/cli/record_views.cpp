// list, show and log: the parts every kind of record shares.
#include "svc/cli/record_views.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <map>

#include "svc/cli/output.hpp"
#include "svc/cli/xlsx.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/merge.hpp"
#include "svc/domain/text.hpp"
#include "svc/domain/voids.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace {

// Keyed by the command: one per command of the one tree a run builds.
std::map<const CLI::App*, std::vector<std::string>>& format_table() {
  static std::map<const CLI::App*, std::vector<std::string>> table;
  return table;
}

}  // namespace

void accept_formats(CLI::App& cmd, std::initializer_list<const char*> allowed) {
  format_table()[&cmd] = std::vector<std::string>(allowed.begin(), allowed.end());
}

const std::vector<std::string>* accepted_formats(const CLI::App& cmd) {
  auto it = format_table().find(&cmd);
  return it == format_table().end() ? nullptr : &it->second;
}

void require_format(const Globals& g, const CLI::App& cmd) {
  const std::vector<std::string>* allowed = accepted_formats(cmd);
  if (!allowed || std::find(allowed->begin(), allowed->end(), g.format) != allowed->end()) return;
  throw usage_error(fmt::format("{} {} prints --format {}, not {}", cmd.get_parent()->get_name(),
                                cmd.get_name(), fmt::join(*allowed, "|"), g.format));
}

void ListFilters::add_to(CLI::App& list, const RecordKind& kind, Spec spec) {
  const std::string& noun = kind.rules.noun;
  list.add_option("--status", status, "only these statuses (repeatable or comma-separated)")
      ->delimiter(',');
  list.add_option("--customer", customer, "customer name contains");
  if (spec.since_until) {
    list.add_option("--since", since, "registered on or after YYYY-MM-DD");
    list.add_option("--until", until, "registered on or before YYYY-MM-DD");
  }
  if (spec.month) list.add_option("--month", month, "registered in YYYY-MM");
  if (spec.deadlines) {
    std::vector<std::string> ended;
    for (const auto& st : kind.rules.statuses)
      if (!record::is_open(kind.rules, st)) ended.push_back(st);
    list.add_flag("--overdue", overdue,
                  fmt::format("only {}s with a deadline passed undone", noun));
    list.add_flag("--open", open, fmt::format("only {}s not {}", noun, fmt::join(ended, " or ")));
  }
}

void check_filters(const CLI::App& list, const RecordKind& kind,
                   const std::vector<std::string>& statuses, const std::string& month) {
  for (const CLI::Option* opt : list.get_options())
    for (const auto& typed : opt->results())
      if (opt->get_expected_max() > 0 && typed.empty())
        throw usage_error(fmt::format("{} needs a value", opt->get_name()));
  const auto& known = kind.rules.statuses;
  for (const auto& st : statuses)
    if (std::find(known.begin(), known.end(), st) == known.end())
      throw usage_error(fmt::format("--status '{}' is not one of: {}", st, fmt::join(known, ", ")));
  if (!month.empty() && (month.size() != 7 || !parse_date(month + "-01")))
    throw usage_error(fmt::format("--month '{}' is not like 2026-11", month));
}

void ListFilters::check(const CLI::App& list, const RecordKind& kind) const {
  check_filters(list, kind, status, month);
  for (auto [option, d] : {std::pair{"--since", &since}, std::pair{"--until", &until}})
    if (!d->empty() && !parse_date(*d))
      throw usage_error(fmt::format("{} '{}' is not a date YYYY-MM-DD", option, *d));
}

bool ListFilters::keep(const RecordKind& kind, const Record& r, const Session& s) const {
  const Value& x = r.fields;
  if (!status.empty() && std::find(status.begin(), status.end(), x.get("status")) == status.end())
    return false;
  if (open && !record::is_open(kind.rules, x.get("status"))) return false;
  if (!customer.empty() && customer_name(r).find(customer) == std::string::npos) return false;
  const std::string day = x.get("registered").substr(0, 10);
  if (!month.empty() && day.substr(0, 7) != month) return false;
  if (!since.empty() && day < since) return false;
  if (!until.empty() && day > until) return false;
  if (overdue &&
      record::overdue_steps(record::step_states(kind.rules, x, s.now(), s.offset())).empty())
    return false;
  return true;
}

Wanted ListFilters::wanted(const RecordKind& kind) const {
  // A list shows the summary: the cache need not decode histories.
  if (!open) return {status, {}, {}, 0};
  Wanted out;
  out.events = 0;
  for (const auto& st : status.empty() ? kind.rules.statuses : status)
    if (record::is_open(kind.rules, st)) out.statuses.push_back(st);
  if (out.statuses.empty()) out.statuses.push_back("");  // --open, only closed statuses: none
  return out;
}

int for_each_record(const RecordKind& kind, const store::DataDir& dir,
                    const std::function<void(const Record&)>& visit, const Wanted& wanted) {
  int bad = 0;
  std::vector<std::string> links;
  store::scan_records(
      kind.rules, dir, std::nullopt,
      [&](std::string_view, RecordFile& f) {
        if (!f.problems.empty()) {
          warn(f.problems.front());
          ++bad;
          return;
        }
        visit(f.record);
      },
      &links, wanted);
  for (const auto& link : links) warn(link);
  return bad + static_cast<int>(links.size());
}

int for_each_record(const std::vector<const RecordKind*>& kinds, const store::DataDir& dir,
                    const std::function<void(const RecordKind&, const Record&)>& visit,
                    const Wanted& wanted) {
  Kinds folders;
  for (const RecordKind* kind : kinds) folders.push_back(&kind->rules);
  dir.list_ahead(folders);
  int bad = 0;
  for (const RecordKind* kind : kinds)
    bad += for_each_record(
        *kind, dir, [&](const Record& r) { visit(*kind, r); }, wanted);
  return bad;
}

int for_each_read_whole(
    const std::vector<const RecordKind*>& readers, const store::DataDir& dir,
    const std::function<void(const RecordKind&, const RecordKind&, const Record&)>& visit,
    const std::vector<const RecordKind*>& told) {
  std::vector<const RecordKind*> kinds;
  for (const RecordKind* reader : readers)
    for (const auto& noun : reader->report_reads)
      if (const RecordKind* k = kind_named(noun);
          k && std::find(kinds.begin(), kinds.end(), k) == kinds.end())
        kinds.push_back(k);
  int bad = 0;
  Wanted posting;  // a ledger is the replay of every record that moves parts, whatever its time
  posting.posting = true;
  for (const RecordKind* kind : kinds) {
    // A bad file of a kind the command read already was told and counted then.
    const bool again = std::find(told.begin(), told.end(), kind) != told.end();
    std::vector<std::string> links;
    store::scan_records(
        kind->rules, dir, std::nullopt,
        [&](std::string_view, RecordFile& f) {
          if (!f.problems.empty()) {
            if (!again) warn(f.problems.front()), ++bad;
            return;
          }
          for (const RecordKind* reader : readers) {
            const auto& reads = reader->report_reads;
            if (std::find(reads.begin(), reads.end(), kind->rules.noun) != reads.end())
              visit(*reader, *kind, f.record);
          }
        },
        &links, posting);
    if (!again) {
      for (const auto& link : links) warn(link);
      bad += static_cast<int>(links.size());
    }
  }
  return bad;
}

void require_complete(int bad, const char* what) {
  if (bad)
    throw data_error(fmt::format("{} file{} could not be read; the {} is incomplete", bad,
                                 bad == 1 ? "" : "s", what));
}

void add_deadlines(Value& item, const Record& r, const std::vector<std::string>& overdue) {
  for (const char* map : {"due", "done"})
    item.set(map, r.fields.find(map) ? *r.fields.find(map) : Value::map());
  Value late = Value::list(true);
  for (const auto& step : overdue) late.push(Value::plain(step));
  item.set("overdue", std::move(late));
}

std::string next_cell(const std::vector<StepState>& states, const Session& s) {
  const StepState* next = record::next_due(states);
  return next ? fmt::format("{} {}", label(s.settings(), "step", next->step),
                            format_time_short(next->due, s.offset()))
              : "";
}

std::string overdue_cell(const std::vector<StepState>& states, const Session& s) {
  std::vector<std::string> steps;
  for (const auto& step : record::overdue_steps(states))
    steps.push_back(label(s.settings(), "step", step));
  return fmt::format("{}", fmt::join(steps, " "));
}

ListOutput::ListOutput(const RecordKind& kind, const ListSpec& spec, const Session& s)
    : kind_(kind),
      spec_(spec),
      s_(s),
      format_(s.globals().format),
      guard_(s.globals().csv_formulas == "quote") {}

void ListOutput::write(std::string_view text, bool flush) {
  buffer_.append(text);
  if (flush || buffer_.size() >= (1 << 20)) {
    out(buffer_);
    buffer_.clear();
  }
}

void ListOutput::put(bool first, std::string text) {
  if (!first && spec_.first) return later_.push_back(std::move(text));
  if (format_ == "json") {
    write(written_ ? ",\n" : "[\n");
  } else if (format_ == "csv" && written_ == 0) {
    std::vector<std::string> headers;
    Value sample = spec_.item(Record{}, {});
    for (size_t i = 0; i < spec_.csv_leading && i < sample.entries.size(); ++i)
      headers.push_back(sample.entries[i].first);
    for (const char* map : {"due", "done"})
      for (const auto& step : kind_.rules.steps) headers.push_back(fmt::format("{}_{}", map, step));
    headers.push_back("overdue");
    write(Table::csv_line(headers, guard_));
  }
  write(text);
  ++written_;
}

void ListOutput::add(const Record& r) {
  // Deadline states are worked out once per row; every column reads from them.
  auto states = record::step_states(kind_.rules, r.fields, s_.now(), s_.offset());
  auto overdue = record::overdue_steps(states);
  bool first = spec_.first && spec_.first(r);
  if (format_ == "json" || format_ == "yaml") {
    Value one = Value::list();
    one.push(spec_.item(r, overdue));
    // An item as the whole list's text holds it: json's "[\n" and "\n]\n" cut away.
    std::string text = format_ == "json" ? store::emit_json(one) : store::emit_yaml(one);
    if (format_ == "json") text = text.substr(2, text.size() - 5);
    return put(first, std::move(text));
  }
  if (format_ == "csv") {
    Value item = spec_.item(r, overdue);
    std::vector<std::string> row;
    for (size_t i = 0; i < spec_.csv_leading && i < item.entries.size(); ++i)
      row.push_back(item.entries[i].second.scalar);
    for (const char* map : {"due", "done"})
      for (const auto& step : kind_.rules.steps) {
        std::string when;  // a recurring step's latest occurrence
        if (const Value* m = r.fields.find(map))
          for (const auto& [name, value] : m->entries)
            if (record::occurrence(name, step) >= 1) when = value.scalar;
        row.push_back(when);
      }
    row.push_back(fmt::format("{}", fmt::join(overdue, " ")));
    return put(first, Table::csv_line(row, guard_));
  }
  rows_.emplace_back(first, spec_.row(r, states));
}

void ListOutput::print() {
  if (format_ == "json" || format_ == "yaml" || format_ == "csv") {
    auto rest = std::move(later_);
    later_.clear();
    for (auto& text : rest) put(true, std::move(text));
    if (format_ == "csv" && written_ == 0) put(true, "");  // the header alone
    if (format_ == "json") write(written_ ? "\n]\n" : store::emit_json(Value::list()), true);
    if (format_ == "yaml") write(written_ ? "" : "[]\n", true);
    if (format_ == "csv") write("", true);
    return;
  }
  std::stable_partition(rows_.begin(), rows_.end(), [](const auto& a) { return a.first; });
  Table table;
  for (auto& [f, row] : rows_) table.rows.push_back(std::move(row));
  for (const auto& head : spec_.heads) table.headers.push_back(label(s_.settings(), "head", head));
  if (format_ == "md") return out(table.render_markdown());
  if (format_ == "xlsx")
    return out_xlsx({sheet_of(table, label(s_.settings(), "head", kind_.rules.noun + "s"))});
  table.free_text = spec_.free_text;
  for (const auto& head : spec_.drop)
    if (auto at = std::find(spec_.heads.begin(), spec_.heads.end(), head); at != spec_.heads.end())
      table.drop_order.push_back(static_cast<size_t>(at - spec_.heads.begin()));
  table.alert_column = spec_.alert_column;
  table.color = s_.color();
  out(table.render(terminal_width()));
}

std::string deadlines_text(const RecordKind& kind, const Record& r, const Session& s,
                           int head_width) {
  const Settings& st = s.settings();
  int off = s.offset();
  auto states = record::step_states(kind.rules, r.fields, s.now(), off);
  std::string t = kind.rules.steps.empty() ? "" : label(st, "head", "deadlines") + "\n";
  int step_width = 6;  // step labels line up, however long the longest
  for (const auto& state : states)
    step_width = std::max(step_width, display_width(label(st, "step", state.step)));
  for (const auto& state : states) {
    std::string verdict = verdict_label(st, state);
    const bool bad = state.state == "overdue" || state.state == "late" || state.state == "missed";
    if (bad) verdict = alert(verdict, s.color());
    std::string line =
        fmt::format("  {}{}  {}", pad_right(label(st, "step", state.step), step_width + 2),
                    format_time_short(state.due, off), verdict);
    if (state.done) line += "  " + format_time_short(*state.done, off);
    if (state.done && state.state == "late")
      line += "  " + how_late(st, kind.rules, r, state, *state.done);
    else if (state.state == "overdue")
      line += "  " + how_late(st, kind.rules, r, state, s.now());
    // An extension approved after the deadline had passed: the step is judged against the
    // deadline before it, and the new date is what the work now aims at.
    if (state.planned != state.due)
      line += fmt::format("  ({} {})", label(st, "head", "extended_late"),
                          format_time_short(state.planned, off));
    t += line + "\n";
  }
  auto next = record::allowed_actions(kind.rules, r.fields);
  if (!next.empty())
    t += fmt::format("{}{}\n", pad_right(label(st, "head", "next_steps"), head_width),
                     fmt::join(next, ", "));
  return t;
}

namespace {

std::string short_time(const std::string& at, const Session& s) {
  return time_text(at, s.offset());
}

// An event's data as `  key=value` pairs; a void's copy of its event as that event's number.
std::string details_text(const Record& r, const Event& e) {
  std::string details;
  for (const auto& [k, v] : escaped(e.data).entries) {
    std::string shown = v.is_scalar() ? v.scalar : store::emit_yaml(v);
    if (!v.is_scalar()) shown.pop_back();  // the flow value's newline
    if (auto target = k == "event" ? record::voided_event(e) : std::nullopt)
      for (size_t i = 0; i < r.history.size(); ++i)
        if (record::same_event(r.history[i], *target)) shown = std::to_string(i + 1);
    details += fmt::format("  {}={}", k, shown);
  }
  return details;
}

// "  (voided by 张三 at 2026-11-23 10:00: 派错人)", one part per void (two clones may void one
// event); "" for an event that stands.
std::string voided_text(const Record& r, const record::Voids& voids, size_t i, const Session& s) {
  if (!voids.voided(i)) return "";
  std::vector<std::string> parts;
  for (size_t j : voids.by[i]) {
    const Event& v = r.history[j];
    parts.push_back(fmt::format("by {} at {}: {}", escape_controls(v.by), short_time(v.at, s),
                                escape_controls(v.data.get("reason"))));
  }
  return fmt::format("  (voided {})", fmt::join(parts, "; "));
}

std::string log_line(const Record& r, const record::Voids& voids, size_t i, const Session& s) {
  const Event& e = r.history[i];
  const int width = static_cast<int>(std::to_string(r.history.size()).size());
  return fmt::format("{:>{}}  {}  {}  {}{}{}\n", i + 1, width, short_time(e.at, s),
                     pad_right(escape_controls(e.by), 8), e.action, details_text(r, e),
                     voided_text(r, voids, i, s));
}

}  // namespace

std::string log_text(const Record& r, const Session& s) {
  std::string text;
  const record::Voids voids = record::voids_of(r.history);
  for (size_t i = 0; i < r.history.size(); ++i) text += log_line(r, voids, i, s);
  return text;
}

std::string voided_events_text(const Record& r, const Session& s) {
  const record::Voids voids = record::voids_of(r.history);
  std::string text;
  for (size_t i = 0; i < r.history.size(); ++i)
    if (voids.voided(i)) text += "  " + log_line(r, voids, i, s);
  return text.empty() ? "" : label(s.settings(), "head", "voided") + "\n" + text;
}

std::vector<std::string> linked_from(const RecordKind& kind, const store::DataDir& dir,
                                     const std::string& field, const std::string& id) {
  // From the cache when no month folder of the kind changed since it was last synced (names
  // added, removed or renamed change a folder's stat): show opens no other file.
  if (store::Cache* cache = dir.cache()) try {
      if (cache->all_unchanged("records", kind.rules.folder, dir.month_folders(kind.rules)))
        return cache->linked(kind.rules.folder, field, id);
    } catch (const Error&) {
      // a locked or damaged cache: read the files
    }
  std::vector<std::string> ids;
  // A bad file is check's business; show goes on with the rest.
  store::scan_records(kind.rules, dir, std::nullopt, [&](std::string_view, RecordFile& f) {
    const Value* links = f.problems.empty() ? f.record.fields.find("links") : nullptr;
    if (links && links->get(field) == id) ids.push_back(f.record.id);
  });
  return ids;
}

namespace {

// The changed subtrees between two field maps; removed keys become `~`.
Value diff(const Value& before, const Value& after) {
  Value changes = Value::map(true);
  for (const auto& [key, value] : after.entries) {
    const Value* old = before.find(key);
    if (old && *old == value) continue;
    if (old && old->is_map() && value.is_map())
      changes.set(key, diff(*old, value));
    else
      changes.set(key, value);
  }
  for (const auto& [key, value] : before.entries)
    if (!after.find(key)) changes.set_plain(key, "~");
  return changes;
}

// Starts the user's editor on `file` and waits for it. $VISUAL/$EDITOR is the user's own
// setting and may carry arguments ("code -w"), so it goes through sh as git does; the path is
// passed as "$@" and never becomes shell text.
int run_editor(const std::string& file) {
  const char* visual = std::getenv("VISUAL");
  const char* editor = visual && *visual ? visual : std::getenv("EDITOR");
  std::string command = editor && *editor ? editor : "vi";
  std::string script = command + " \"$@\"";
  pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", script.c_str(), command.c_str(), file.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The draft as the editor left it, read as a record; throws the first problem.
Record read_draft(const RecordKind& kind, const store::DataDir& dir, const store::fs::path& draft) {
  std::vector<store::Problem> problems;
  std::string shown = dir.display(draft);
  Record r = store::record_from_value(store::parse_yaml(dir.read(draft), shown), shown, problems);
  if (!problems.empty()) throw data_error(problems.front().text());
  record::money_as_text(kind.rules, r);
  for (const auto& f : kind.rules.validate(r, dir.settings()))
    throw data_error(f.line ? fmt::format("{}:{}:{}: {}", shown, f.line, f.column, f.message)
                            : fmt::format("{}: {}", shown, f.message));
  return r;
}

// What `check` would say of the record about to be written; empty when it is sound.
std::string check_before_write(const RecordKind& kind, const Record& r, const Settings& settings) {
  auto found = kind.rules.validate(r, settings);
  auto more = record::check_history(kind.rules, r);
  std::erase_if(more, [](const Finding& f) { return f.conflict; });  // settled by a command
  found.insert(found.end(), more.begin(), more.end());
  more = record::compare_with_replay(kind.rules, r);
  found.insert(found.end(), more.begin(), more.end());
  if (!found.empty()) return found.front().message;
  std::vector<store::Problem> problems;
  std::string text = store::record_text(r);
  Record back = store::record_from_value(store::parse_yaml(text, r.id), r.id, problems);
  if (!problems.empty() || store::record_text(back) != text)
    return "it would not read back as written";
  return "";
}

}  // namespace

std::string waits_on(const RecordKind& kind, const Record& r, const std::string& step) {
  std::string office = r.history.empty() ? "" : r.history.front().by;
  return kind.waits_on ? kind.waits_on(r, step, office) : office;
}

std::string rule_line(const Deadline& dl, const Settings& st, int offset_s) {
  const SlaRule& rule = *dl.rule;
  // The conditions in the display language: 区域为市区, 距离公里数 <= 1000.
  std::vector<std::string> when;
  for (const auto& c : rule.when) {
    std::vector<std::string> values;
    for (const auto& v : c.values) values.push_back(label(st, c.fact, v));
    when.push_back(c.op == "in" ? say(st, "is", label(st, "field", c.fact),
                                      fmt::join(values, label(st, "say", "or")))
                                : fmt::format("{} {} {}", label(st, "field", c.fact), c.op,
                                              values.empty() ? "" : values[0]));
  }
  std::string amount =
      rule.clock == Clock::workdays
          ? fmt::format("{} {}", rule.amount,
                        label(st, "unit", rule.amount == 1 ? "workday" : "workdays"))
          : duration_text(st, rule.amount);
  return say(st, "rule", rule.name,
             when.empty() ? label(st, "say", "always") : fmt::format("{}", fmt::join(when, ", ")),
             amount, label(st, "clock", clock_name(rule.clock)),
             format_time_short(dl.start, offset_s), format_time_short(dl.due, offset_s));
}

std::string time_text(const std::string& stored, int offset_s) {
  auto t = parse_time(stored, offset_s);
  return t ? format_time_short(*t, offset_s) : stored;
}

std::string value_text(const Settings& st, int offset_s, std::string_view key, const Value& v) {
  if (v.is_scalar()) {
    if (v.scalar.find('T') != std::string::npos && parse_time(v.scalar, offset_s))
      return time_text(v.scalar, offset_s);
    if (v.scalar == "true" || v.scalar == "false") return label(st, "bool", v.scalar);
    return label(st, key, v.scalar);
  }
  if (!v.items.empty() || v.entries.empty()) {
    std::vector<std::string> items;
    for (const auto& item : v.items) items.push_back(value_text(st, offset_s, key, item));
    return fmt::format("{}", fmt::join(items, ", "));
  }
  return fields_text(st, offset_s, v);
}

std::string fields_text(const Settings& st, int offset_s, const Value& map) {
  std::string text;
  for (const auto& [k, v] : map.entries) {
    std::string shown = value_text(st, offset_s, k, v);
    if (shown.empty()) continue;
    text += fmt::format("{}{} {}", text.empty() ? "" : "  ", label(st, "field", k), shown);
  }
  return text;
}

std::string verdict_label(const Settings& st, const StepState& step) {
  return step.state == "n/a" ? "-" : label(st, "state", step.state);
}

std::string how_late(const Settings& st, const KindRules& k, const Record& r, const StepState& step,
                     Time when) {
  const SlaRule* rule = record::step_rule(k, step.step, r.fields, st);
  Clock clock = Clock::wall;
  std::int64_t late = record::lateness(st.calendar, rule, step.due, when, &clock);
  if (clock == Clock::wall) return duration_text(st, late);
  std::int64_t day = 0;
  for (auto [from, to] : st.calendar.hours) day += std::int64_t{to - from} * 60;
  std::string text;
  if (day > 0 && late >= day) {
    const std::int64_t days = late / day;
    text = fmt::format("{} {}", days, label(st, "unit", days == 1 ? "workday" : "workdays"));
    late %= day;
    if (late == 0) return text;
    text += " ";
  }
  return text + duration_text(st, late) + " " + label(st, "unit", "working_time");
}

std::string customer_name(const Record& r) {
  if (r.fields.get("anonymous") == "true") return "(匿名)";
  const Value* c = r.fields.find("customer");
  return c ? c->get("name") : "";
}

CLI::App* add_action(CLI::App& parent, const char* name, const char* help, const char* example) {
  auto* cmd = parent.add_subcommand(name, help);
  cmd->footer(fmt::format("Example:\n  {}", example));
  return cmd;
}

CLI::App* setup_show(CLI::App& parent, Globals& g, const RecordKind& kind, const char* help,
                     const char* examples,
                     std::function<std::string(const Record&, const Session&)> text) {
  const std::string noun = kind.rules.noun;
  auto* cmd = parent.add_subcommand("show", help);
  cmd->footer(fmt::format("Examples:\n{}\n  svc {} show 1 --format yaml   (the file as stored)",
                          examples, noun));
  auto id = std::make_shared<std::string>();
  cmd->add_option("ID", *id, noun + " ID or an unambiguous ending")->required();
  accept_formats(*cmd, {"table", "yaml", "json"});
  cmd->callback([id, text, noun, &kind, cmd, &g] {
    require_format(g, *cmd);
    Session s(g);
    auto path = resolve_id(s.dir(), kind, *id);
    Record r = store::load_record(kind.rules, s.dir(), path);
    if (g.format == "yaml") return out(s.dir().read(path));
    if (g.format == "json") return out(store::emit_json(store::record_to_value(r)));
    out(text(r, s) + conflicts_text(kind, r, s) + voided_events_text(r, s));
  });
  return cmd;
}

void setup_edit(CLI::App& parent, Globals& g, const RecordKind& kind) {
  const std::string noun = kind.rules.noun;
  auto* cmd = parent.add_subcommand(
      "edit", fmt::format("edit a {} in $EDITOR; recorded as one edit event", noun));
  cmd->footer(fmt::format(
      "Examples:\n  EDITOR=nano svc {} edit 1\n  svc {} edit 1 --resume   (go on with an edit that "
      "was refused and kept)\n"
      "Status, deadlines and history change only through actions; what a deadline was computed "
      "from changes only with the deadline.",
      noun, noun));
  struct Options {
    std::string id;
    bool resume = false, discard = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("ID", o->id, fmt::format("{} ID or an unambiguous ending", noun))->required();
  auto* resume =
      cmd->add_flag("--resume", o->resume, "open the kept draft of a refused edit again");
  cmd->add_flag("--discard", o->discard,
                "drop the kept draft of a refused edit; nothing else changes")
      ->excludes(resume);
  cmd->callback([o, &g, &kind] {
    Session s(g);
    auto path = resolve_id(s.dir(), kind, o->id);
    Record r = load_for_change(kind, s.dir(), path, s.clock());
    const std::string original = store::record_text(r);
    const auto folder = s.dir().root() / ".svc" / "edit";
    const auto draft = folder / (r.id + ".yaml"), base = folder / (r.id + ".base");
    auto kept = [&](const std::string& why) {
      return refused(fmt::format("{}; your edit is kept in {}", why, draft.string()));
    };
    bool have_draft = store::fs::exists(store::fs::symlink_status(draft));
    if (o->discard) {
      if (!have_draft) throw refused(fmt::format("no kept edit of {} to drop", r.id));
      std::error_code ec;
      store::fs::remove(draft, ec);
      store::fs::remove(base, ec);
      if (ec) throw write_error(fmt::format("could not drop {}: {}", draft.string(), ec.message()));
      fmt::print("{}: dropped the kept edit; the record is as it was\n", r.id);
      return;
    }
    if (o->resume && !have_draft) throw refused(fmt::format("no kept edit of {} to resume", r.id));
    // A kept draft is somebody's work: never overwrite it silently.
    if (have_draft && !o->resume)
      throw refused(fmt::format(
          "a kept edit of {} is waiting in {}; go on with it: svc {} edit {} --resume, or "
          "drop it: svc {} edit {} --discard",
          r.id, draft.string(), kind.rules.noun, r.id, kind.rules.noun, r.id));
    // The base is the ticket as the draft began, so a clash is seen even after a resume.
    std::string began = original;
    if (o->resume) {
      try {
        began = s.dir().read(base);
      } catch (const Error&) {
      }
    } else {
      store::atomic_write(s.dir().root(), draft, original);
      store::atomic_write(s.dir().root(), base, original);
    }
    // No lock while the editor is open: others keep working; a clash is caught below.
    if (run_editor(draft.string()) != 0) throw kept("the editor failed");
    Record edited;
    try {
      edited = read_draft(kind, s.dir(), draft);
    } catch (const Error& e) {
      throw kept(e.what());
    }
    if (store::record_text(Record{r.id, Value::map(), edited.history}) !=
        store::record_text(Record{r.id, Value::map(), r.history}))
      throw kept("the history is append-only and cannot be edited");
    Value changes = diff(r.fields, edited.fields);
    auto done = [&] {
      std::error_code ec;
      store::fs::remove(draft, ec);
      store::fs::remove(base, ec);
    };
    if (changes.empty()) {
      done();
      return out(fmt::format("{}: no changes\n", r.id));
    }
    store::WriterLock lock(s.dir().root());
    Record current = load_for_change(kind, s.dir(), path, s.clock());
    if (store::record_text(current) != began)
      throw kept(fmt::format("{} changed while you were editing", r.id));
    Event e;
    try {
      e = kind.decide_edit(current, changes, s.context());
    } catch (const Error& err) {
      throw kept(err.what());
    }
    record::commit_event(kind.rules, current, std::move(e));
    // svc never writes a file its own check would reject.
    if (std::string why = check_before_write(kind, current, s.settings()); !why.empty())
      throw kept("the edit would leave a file `svc check` rejects: " + why);
    s.dir().write(path, current);
    autocommit(s);
    done();
    if (!g.quiet) out(fmt::format("{}: edited\n", r.id));
  });
}

void setup_log(CLI::App& parent, Globals& g, const RecordKind& kind) {
  auto* cmd = parent.add_subcommand(
      "log", fmt::format("print a {}'s history, oldest first", kind.rules.noun));
  cmd->footer(fmt::format("Example:\n  svc {} log 2611-{}1", kind.rules.noun,
                          std::string(static_cast<size_t>(kind.rules.width - 1), '0')));
  auto id = std::make_shared<std::string>();
  cmd->add_option("ID", *id, fmt::format("{} ID or an unambiguous ending", kind.rules.noun))
      ->required();
  accept_formats(*cmd, {"table"});
  cmd->callback([id, &g, &kind, cmd] {
    require_format(g, *cmd);
    Session s(g);
    Record r = store::load_record(kind.rules, s.dir(), resolve_id(s.dir(), kind, *id));
    out(log_text(r, s));
  });
}

}  // namespace svc::cli
