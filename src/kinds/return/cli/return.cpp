// svc return new|approve|refuse|receive|inspect|credit|exchange|repaired|unrepairable|notify|
// close|note|policy|list|show|log|edit: returns, exchanges and repairs (SPEC §7, §10).
#include <fmt/format.h>

#include <algorithm>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/cli/record_views.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/returns.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace {

struct Texts {
  std::string id, a, b, c;
  bool flag = false;
};

std::shared_ptr<Texts> with_id(CLI::App* cmd) {
  auto o = std::make_shared<Texts>();
  cmd->add_option("ID", o->id, "return ID or an unambiguous ending of it")->required();
  return o;
}

void on(CLI::App* cmd, Globals& g, const std::shared_ptr<Texts>& o,
        std::function<Event(const Record&, const Texts&, const Context&)> decide) {
  cmd->callback([o, decide, &g] {
    change(g, return_kind(), o->id,
           [o, decide](const Record& r, const Context& ctx) { return decide(r, *o, ctx); });
  });
}

void setup_new(CLI::App& parent, Globals& g) {
  auto* cmd = add_action(parent, "new", "register a return; the policy decides at once",
                         "svc return new --customer 华东机械厂 --model KX-200 --qty 2 --price 128 "
                         "--purchased 2026-11-10 --want refund --reason defect --condition "
                         "resaleable,packaging_intact,accessories_complete,warranty_card");
  auto n = std::make_shared<returns::NewReturn>();
  cmd->add_option("--customer", n->customer, "customer name")->required();
  cmd->add_option("--model", n->model, "product model")->required();
  cmd->add_option("--serial", n->serial, "serial number");
  cmd->add_option("--qty", n->qty, "quantity")->capture_default_str();
  cmd->add_option("--price", n->price, "unit price, e.g. 128.00");
  cmd->add_option("--purchased", n->purchased, "purchase date YYYY-MM-DD")->required();
  cmd->add_option("--order", n->order, "order or invoice number");
  cmd->add_option("--want", n->want, "refund|exchange|repair")->required();
  cmd->add_option("--reason", n->reason, "none|defect|transport|wrong_item|other")->required();
  cmd->add_option("--condition", n->condition,
                  "comma-separated: resaleable, packaging_intact, accessories_complete, "
                  "warranty_card, used, customer_damage, custom_made, discounted, gift")
      ->delimiter(',');
  cmd->add_option("--photo", n->photos, "a photo of the damage (repeatable)");
  cmd->add_option("--complaint", n->complaint, "the complaint it came from");
  cmd->add_option("--ticket", n->ticket, "the service call it came from");
  cmd->callback([n, &g] {
    create(g, return_kind(), [n](const Session& s, const Context& ctx) {
      returns::NewReturn r = *n;  // links typed as endings become whole IDs
      if (!r.complaint.empty())
        r.complaint = resolve_id(s.dir(), complaint_kind(), r.complaint).stem().string();
      if (!r.ticket.empty())
        r.ticket = resolve_id(s.dir(), ticket_kind(), r.ticket).stem().string();
      return returns::decide_new(r, ctx);
    });
  });
}

void setup_override(CLI::App& parent, Globals& g, const char* name, const char* help,
                    bool approve) {
  auto* cmd = add_action(parent, name, help,
                         fmt::format("svc return {} 001 --override --approved-by 王经理 --reason "
                                     "'老客户'",
                                     name)
                             .c_str());
  auto o = with_id(cmd);
  cmd->add_flag("--override", o->flag, "against the policy's decision (a manager's)");
  cmd->add_option("--approved-by", o->a, "the manager who decided");
  cmd->add_option("--reason", o->b, "why");
  on(cmd, g, o, [approve](const Record& r, const Texts& t, const Context& ctx) {
    return approve ? returns::decide_approve(r, t.flag, t.a, t.b, ctx)
                   : returns::decide_refuse(r, t.flag, t.a, t.b, ctx);
  });
}

using Simple = Event (*)(const Record&, const Context&);

void setup_simple(CLI::App& parent, Globals& g, const char* name, const char* help, Simple decide) {
  auto* cmd = add_action(parent, name, help, fmt::format("svc return {} 2611-001", name).c_str());
  auto o = with_id(cmd);
  on(cmd, g, o,
     [decide](const Record& r, const Texts&, const Context& ctx) { return decide(r, ctx); });
}

void setup_one(CLI::App& parent, Globals& g, const char* name, const char* help,
               const char* example, const char* option, bool required,
               std::function<Event(const Record&, const std::string&, const Context&)> decide) {
  auto* cmd = add_action(parent, name, help, example);
  auto o = with_id(cmd);
  cmd->add_option(option, o->a, option)->required(required);
  on(cmd, g, o,
     [decide](const Record& r, const Texts& t, const Context& ctx) { return decide(r, t.a, ctx); });
}

Value list_item(const Record& r, const std::vector<std::string>& overdue) {
  Value item = Value::map();
  item.set_plain("id", r.fields.get("id"));
  item.set_plain("status", r.fields.get("status"));
  const Value* c = r.fields.find("customer");
  item.set_text("customer", c ? c->get("name") : "");
  const Value* i = r.fields.find("item");
  item.set_text("model", i ? i->get("model") : "");
  item.set_plain("qty", i ? i->get("qty") : "");
  item.set_plain("want", r.fields.get("want"));
  item.set_plain("reason", r.fields.get("reason"));
  const Value* d = r.fields.find("decision");
  item.set_plain("outcome", d ? d->get("outcome") : "");
  const Value* o = r.fields.find("override");
  item.set_plain("override", o ? o->get("outcome") : "");
  item.set_plain("registered", r.fields.get("registered"));
  add_deadlines(item, r, overdue);
  return item;
}

// The return list's filters: the shared ones and the outcome in force.
struct Filter {
  ListFilters common;
  std::string outcome;
};

void setup_list(CLI::App& parent, Globals& g) {
  auto* cmd = parent.add_subcommand("list", "list returns");
  cmd->footer(
      "Examples:\n  svc return list --open\n  svc return list --outcome refund --month "
      "2026-11 --format csv\n"
      "JSON/YAML: a list of {id, status, customer, model, qty, want, reason, outcome,\n"
      "override, registered, due, done, overdue}; CSV: the same, one column per step.");
  auto f = std::make_shared<Filter>();
  f->common.add_to(*cmd, return_kind(), {});
  cmd->add_option("--outcome", f->outcome, "refund|exchange|free_repair|paid_repair|refused");
  accept_formats(*cmd, {"table", "json", "csv", "yaml", "md", "xlsx"});
  cmd->callback([f, cmd, &g] {
    f->common.check(*cmd, return_kind());
    require_format(g, *cmd);
    Session s(g);
    const Settings& st = s.settings();
    ListSpec spec;
    spec.heads = {"id", "status", "customer", "product", "outcome", "next", "overdue"};
    spec.free_text = {false, false, true, true, false, false, false};
    spec.drop = {"product", "outcome", "next", "status"};
    spec.alert_column = 6;
    spec.csv_leading = 11;
    spec.item = list_item;
    spec.row = [&](const Record& r, const std::vector<StepState>& states) {
      Value item = list_item(r, {});
      std::string outcome =
          item.get("override").empty()
              ? label(st, "outcome", item.get("outcome"))
              : label(st, "outcome", item.get("override")) + label(st, "say", "override");
      return std::vector<std::string>{r.id,
                                      status_label(st, "return", r.status()),
                                      item.get("customer"),
                                      item.get("model") + " x" + item.get("qty"),
                                      outcome,
                                      next_cell(states, s),
                                      overdue_cell(states, s)};
    };
    ListOutput list(return_kind(), spec, s);
    int bad = for_each_record(
        return_kind(), s.dir(),
        [&](const Record& r) {
          const Value* o = r.fields.find("override");
          const Value* d = r.fields.find("decision");
          std::string outcome = o ? o->get("outcome") : d ? d->get("outcome") : "";
          if (!f->outcome.empty() && outcome != f->outcome) return;
          if (f->common.keep(return_kind(), r, s)) list.add(r);
        },
        f->common.wanted(return_kind()));
    list.print();
    require_complete(bad);
  });
}

std::string show_text(const Record& r, const Session& s) {
  const Settings& st = s.settings();
  const Value f = escaped(r.fields);
  static const char* heads[] = {"customer", "product",  "decision",  "override",
                                "links",    "received", "next_steps"};
  int width = 0;
  for (const char* key : heads) width = std::max(width, display_width(label(st, "head", key)));
  auto h = [&](const char* key) { return pad_right(label(st, "head", key), width + 2); };
  const int off = s.offset();
  auto line = [&](const Value* map) { return map ? fields_text(st, off, *map) : std::string(); };
  // The policy's decision: its outcome and the reason in words (the days are in it).
  auto decision = [&](const Value* d) {
    if (!d) return std::string();
    Value rest = *d;
    rest.entries.erase(std::remove_if(rest.entries.begin(), rest.entries.end(),
                                      [](const auto& e) {
                                        return e.first == "outcome" || e.first == "rule" ||
                                               e.first == "days" || e.first == "explanation";
                                      }),
                       rest.entries.end());
    std::string text = label(st, "outcome", d->get("outcome"));
    if (!d->get("explanation").empty()) text += "：" + d->get("explanation");
    if (!rest.empty()) text += "  " + fields_text(st, off, rest);
    return text;
  };
  std::string t =
      fmt::format("{}  {}  {} · {}\n", r.id, status_label(st, "return", r.status()),
                  label(st, "want", f.get("want")), label(st, "reason", f.get("reason")));
  t += h("customer") + (f.find("customer") ? f.find("customer")->get("name") : "") + "\n";
  Value product = f.find("item") ? *f.find("item") : Value::map();
  product.set_plain("purchased", f.get("purchased"));
  t += h("product") + line(&product) + "\n";
  t += h("decision") + decision(f.find("decision")) + "\n";
  if (f.find("override")) t += h("override") + decision(f.find("override")) + "\n";
  Value links = f.find("links") ? *f.find("links") : Value::map();
  if (!links.empty()) t += h("links") + line(&links) + "\n";
  if (f.find("received")) t += h("received") + line(f.find("received")) + "\n";
  return t + deadlines_text(return_kind(), r, s, width + 2);
}

}  // namespace

void setup_return(CLI::App& app, Globals& g) {
  auto* r = app.add_subcommand("return", "returns, exchanges and repairs (退货, 换货, 维修)");
  r->footer("Run `svc return ACTION --help` for an action's options and an example.");
  setup_new(*r, g);
  setup_override(*r, g, "approve", "approve as the policy decided, or --override it", true);
  setup_override(*r, g, "refuse", "refuse as the policy decided, or --override it", false);
  setup_one(*r, g, "receive", "the warehouse's count of what came back",
            "svc return receive 001 --qty 96", "--qty", true, returns::decide_receive);
  setup_one(*r, g, "inspect", "the inspection's verdict",
            "svc return inspect 001 --verdict restock", "--verdict", true, returns::decide_inspect);
  auto* credit =
      add_action(*r, "credit", "the credit note (default: received quantity x unit price)",
                 "svc return credit 001 --note-no CN-2611-07");
  auto c = with_id(credit);
  credit->add_option("--note-no", c->a, "credit note number")->required();
  credit->add_option("--amount", c->b, "amount, e.g. 1228.80");
  on(credit, g, c, [](const Record& rec, const Texts& t, const Context& ctx) {
    return returns::decide_credit(rec, t.a, t.b, ctx);
  });
  setup_one(*r, g, "exchange", "the replacement shipped",
            "svc return exchange 001 --serial KX2-0099", "--serial", true,
            returns::decide_exchange);
  setup_simple(*r, g, "repaired", "the repair is done; the customer is to be told",
               returns::decide_repaired);
  setup_one(*r, g, "unrepairable", "the repair cannot be done: what was agreed instead",
            "svc return unrepairable 001 --agreed '折价换新'", "--agreed", true,
            returns::decide_unrepairable);
  setup_one(*r, g, "notify", "the customer was told the item is ready (again every 3 days)",
            "svc return notify 001 --note '电话通知取件'", "--note", false, returns::decide_notify);
  setup_close(*r, g, return_kind(), "close a settled return", "svc return close 2611-001",
              returns::decide_close);
  auto* policy = r->add_subcommand("policy", "print the return policy in force (svc.yaml)");
  policy->footer("Example:\n  svc return policy");
  policy->callback([&g] {
    Session s(g);
    std::string text;
    for (const auto& line : describe_return_policy(s.settings().return_policy, s.settings().locale))
      text += "- " + line + "\n";
    out(text);
  });
  setup_list(*r, g);
  setup_show(*r, g, return_kind(), "print one return", "  svc return show 2611-001", show_text);
  setup_record_actions(*r, g, return_kind());
}

}  // namespace svc::cli
