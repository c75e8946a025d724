// A toy kind of record, declared only here: a tool lent out from the service office's store
// (借用工具). It is the proof that a kind is its descriptor: nothing outside this file names it,
// yet `svc loan` gets new, its action, list (with the filters lists share), show, log, edit,
// note, check, the merge driver, settle, renumber, void, completion, the cache and a section
// of the periodic reports, and svc.yaml its `sla.loan` table and `loans` section.
// tests/cli/toy_kind_test.cpp runs this binary (svc with the loan kind added).
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "svc/cli/app.hpp"
#include "svc/cli/common.hpp"
#include "svc/cli/kinds.hpp"
#include "svc/cli/output.hpp"
#include "svc/cli/record_views.hpp"
#include "svc/domain/error.hpp"

namespace svc::toy {

using cli::RecordKind;

namespace {

// ---- the domain: tables, a fold, two decisions ----

Facts facts_of(const Value& fields) { return {{"tool", fields.get("tool")}}; }

// Its section of svc.yaml, `loans`: the desk a tool is handed back at. It lives in the
// settings' slot for kinds (Settings::sections), so no member of Settings names it.
struct LoanSettings {
  std::string desk;
};
std::vector<Finding> validate(const Record& r, const Settings&);

KindRules make_rules() {
  KindRules k;
  k.noun = "loan";
  k.prefix = 'L';
  k.width = 3;
  k.folder = "loans";
  k.first_status = "out";
  k.statuses = {"out", "back"};
  k.open = {"out"};
  k.steps = {"back"};
  k.transitions = {{"back", {"out"}, "back"}, {"note", {}, ""}, {"edit", {}, ""}};
  k.quiet = {"note", "edit"};
  k.key_order = {"id",         "status", "tool", "borrower", "desk",
                 "registered", "due",    "done", "history"};
  k.events = {
      {"new", {"tool", "borrower", "desk", "due"}, ""}, {"back", {}, ""}, {"note", {"text"}, ""}};
  k.step_applies = [](const std::string&, const Value& fields) {
    return fields.get("status") == "out";
  };
  k.fold = [](Value& fields, const Event& e, const std::string&) {
    if (e.action == "back") record::mark_done(fields, "back", e);
  };
  k.sla_facts = {"tool"};
  k.facts = facts_of;
  k.settings = {"loans", "loans.desk"};
  k.read_settings = [](const Value& doc, const Value&, const std::string& path, Settings& s) {
    LoanSettings mine;
    if (const Value* loans = doc.find("loans"); loans && loans->find("desk")) {
      const Value& desk = *loans->find("desk");
      if (!desk.is_scalar() || desk.scalar.empty())
        throw data_error(fmt::format("{}:{}:{}: loans.desk must be the name of a desk", path,
                                     desk.line, desk.column));
      mine.desk = desk.scalar;
    }
    s.sections["loan"] = mine;
  };
  k.validate = validate;
  return k;
}

const KindRules& rules() {
  static const KindRules k = make_rules();
  return k;
}

Event decide_new(const std::string& tool, const std::string& borrower, const Context& ctx) {
  if (tool.empty()) throw usage_error("--tool: which tool is lent");
  if (borrower.empty()) throw usage_error("--to: who borrows it");
  Event e = record::new_event("new", ctx);
  e.data.set_text("tool", tool);
  e.data.set_text("borrower", borrower);
  if (const auto& desk = ctx.settings.section<LoanSettings>("loan").desk; !desk.empty())
    e.data.set_text("desk", desk);
  record::add_deadline(e, ctx.settings.sla_of("loan"), "back", "back", {{"tool", tool}},
                       ctx.actor.now, ctx);
  return e;
}

std::vector<Finding> validate(const Record& r, const Settings&) {
  auto found = record::validate_common(rules(), r);
  if (r.fields.get("tool").empty()) found.push_back({0, 0, "missing tool"});
  return found;
}

Event decide_edit(const Record& r, const Value& asked, const Context& ctx) {
  record::refuse_owned(rules(), asked, {"id", "status", "registered", "due", "done", "history"});
  Value changes = asked;
  record::keep_text(changes, {});
  if (auto found =
          validate(Record{r.id, record::merged_with(rules(), r.fields, changes), {}}, ctx.settings);
      !found.empty())
    throw refused(found.front().message);
  return record::edit_event(std::move(changes), ctx);
}

// Its section of the periodic reports: tools lent in the period, and of them back.
class LoanReport final : public report::Section {
 public:
  LoanReport(const Settings& s, const report::Period& p) : settings_(s), period_(p) {}
  std::string key() const override { return "loans"; }
  void add(const Record& r) override {
    auto at = parse_time(r.fields.get("registered"), settings_.calendar.utc_offset_s);
    if (!at || !period_.contains(*at)) return;
    lent_.add(r.status() == "back");
  }
  Value figures() const override {
    Value v = Value::map();
    v.set_plain("lent", report::num(lent_.den));
    v.set_plain("back", report::num(lent_.num));
    return v;
  }
  report::Block block(const report::Labeler& L) const override {
    report::Block b;
    b.title = L("head", "loans");
    b.lines.push_back(fmt::format("{} {}  {} {}", L("head", "lent"), lent_.den, L("status", "back"),
                                  report::rate_text(lent_.num, lent_.den)));
    return b;
  }

 private:
  const Settings& settings_;
  report::Period period_;
  report::Ratio lent_;  ///< lent in the period; num: of them back
};

// ---- the command line ----

const RecordKind& kind();

std::string show_text(const Record& r, const cli::Session& s) {
  std::string t =
      fmt::format("{}  {}  {} -> {}\n", r.id, cli::status_label(s.settings(), "loan", r.status()),
                  r.fields.get("tool"), r.fields.get("borrower"));
  return t + cli::deadlines_text(kind(), r, s, 8);
}

void setup(CLI::App& app, cli::Globals& g) {
  auto* cmd = app.add_subcommand("loan", "tools lent from the store (a toy kind of the tests)");
  cmd->require_subcommand(1);
  auto* add = cli::add_action(*cmd, "new", "lend a tool", "svc loan new --tool 万用表 --to 李四");
  auto tool = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  add->add_option("--tool", *tool, "the tool")->required();
  add->add_option("--to", *to, "who borrows it")->required();
  add->callback([&g, tool, to] {
    cli::create(g, kind(), [&](const cli::Session&, const Context& ctx) {
      return decide_new(*tool, *to, ctx);
    });
  });
  auto* back = cli::add_action(*cmd, "back", "the tool came back", "svc loan back 001");
  auto id = std::make_shared<std::string>();
  back->add_option("ID", *id, "loan ID or its ending")->required();
  back->callback([&g, id] {
    cli::change(g, kind(), *id, [](const Record& r, const Context& ctx) {
      return record::plain_event(rules(), r, "back", ctx);
    });
  });
  auto* list = cmd->add_subcommand("list", "list loans");
  auto filters = std::make_shared<cli::ListFilters>();
  filters->add_to(*list, kind(), {});
  list->callback([&g, list, filters] {
    filters->check(*list, kind());
    cli::Session s(g);
    cli::ListSpec spec;
    spec.heads = {"id", "status", "tool", "next"};
    spec.free_text = {false, false, true, false};
    spec.csv_leading = 3;
    spec.item = [](const Record& r, const std::vector<std::string>& overdue) {
      Value item = Value::map();
      item.set_plain("id", r.id);
      item.set_plain("status", r.status());
      item.set_text("tool", r.fields.get("tool"));
      cli::add_deadlines(item, r, overdue);
      return item;
    };
    spec.row = [&s](const Record& r, const std::vector<StepState>& states) {
      return std::vector<std::string>{r.id, cli::status_label(s.settings(), "loan", r.status()),
                                      r.fields.get("tool"), cli::next_cell(states, s)};
    };
    cli::ListOutput out(kind(), spec, s);
    int bad = cli::for_each_record(
        kind(), s.dir(),
        [&](const Record& r) {
          if (filters->keep(kind(), r, s)) out.add(r);
        },
        filters->wanted(kind()));
    out.print();
    cli::require_complete(bad);
  });
  cli::setup_show(*cmd, g, kind(), "print one loan", "  svc loan show 001", show_text);
  cli::setup_record_actions(*cmd, g, kind());
}

const std::vector<cli::Label>& labels() {
  static const std::vector<cli::Label> labels = {
      {"status.out", {"借出", "借出", "out"}},
      {"status.back", {"已归还", "已歸還", "back"}},
      {"step.back", {"归还", "歸還", "return"}},
      {"head.tool", {"工具", "工具", "tool"}},
      {"head.loans", {"借用工具", "借用工具", "loans"}},
      {"head.lent", {"借出", "借出", "lent"}},
  };
  return labels;
}

const RecordKind& kind() {
  static const RecordKind k = [] {
    RecordKind k{rules(), decide_edit, setup, labels(), {}};
    k.report_section = report::make<LoanReport>;
    return k;
  }();
  return k;
}

}  // namespace

}  // namespace svc::toy

int main(int argc, char** argv) {
  svc::cli::register_kind(svc::toy::kind());
  return svc::cli::run(argc, argv);
}
