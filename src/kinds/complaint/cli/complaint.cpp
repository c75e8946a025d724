// svc complaint new|ack|investigate|reject|route|plan|propose|decline|accept|implement|
// implemented|follow-up|close|note: parse, call one domain decision, write, print.
#include "svc/domain/complaint.hpp"

#include <fmt/format.h>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/cli/record_views.hpp"
#include "svc/domain/error.hpp"

namespace svc::cli {

namespace {

template <size_t N>
std::vector<std::string> names(const char* const (&list)[N]) {
  return {std::begin(list), std::end(list)};
}

struct Texts {
  std::string id, a, b;
};

void add_id(CLI::App* cmd, std::string& id) {
  cmd->add_option("ID", id, "complaint ID or an unambiguous ending of it")->required();
}

// A linked record must exist; it is stored by its whole ID.
std::string whole_id(const Session& s, const RecordKind& kind, const std::string& typed) {
  return typed.empty() ? "" : resolve_id(s.dir(), kind, typed).stem().string();
}

void setup_new(CLI::App& complaint, Globals& g) {
  auto* cmd = add_action(complaint, "new", "register a complaint or a report (受理)",
                         "svc complaint new --customer 华东机械厂 --category quality/production "
                         "--order SO-17 --qty 200 --defect-qty 12 --request exchange --description "
                         "'轴承批量异响'");
  auto c = std::make_shared<complaint::NewComplaint>();
  auto* customer = cmd->add_option("--customer", c->customer, "customer name");
  auto* anonymous =
      cmd->add_flag("--anonymous", c->anonymous, "keep no name, phone or address at all");
  customer->excludes(anonymous);
  cmd->add_option("--phone", c->phone, "phone number");
  cmd->add_option("--type", c->type, "complaint|report|suggestion")
      ->capture_default_str()
      ->check(CLI::IsMember(names(complaint::kTypes)));
  cmd->add_option("--channel", c->channel, "phone|visit|letter|fax|email|web")
      ->capture_default_str()
      ->check(CLI::IsMember(names(ticket::kChannels)));
  cmd->add_option("--region", c->region, "domestic|foreign")
      ->capture_default_str()
      ->check(CLI::IsMember(names(complaint::kRegions)));
  cmd->add_option("--category", c->category, "a path of the category tree in svc.yaml")->required();
  cmd->add_option("--severity", c->severity, "general|major")
      ->capture_default_str()
      ->check(CLI::IsMember(names(complaint::kSeverities)));
  cmd->add_option("--order", c->order, "order number");
  cmd->add_option("--part-no", c->part_no, "part number");
  cmd->add_option("--qty", c->qty, "quantity delivered, or 'pending'");
  cmd->add_option("--defect-qty", c->defect_qty, "defective quantity, or 'pending'");
  cmd->add_option("--delivered", c->delivered, "delivery date YYYY-MM-DD");
  cmd->add_option("--amount", c->amount, "amount of the delivery, e.g. 12000.00");
  cmd->add_option("--request", c->request,
                  "return|exchange|discount|compensation|repair|apology|other")
      ->check(CLI::IsMember(names(complaint::kRequests)));
  cmd->add_option("--ticket", c->ticket, "the service call it came from");
  cmd->add_option("--return", c->return_id, "the return it concerns");
  cmd->add_option("--parent", c->parent, "an earlier complaint whose outcome the customer rejects");
  cmd->add_option("--description", c->description, "what the customer says")->required();
  cmd->callback([c, &g] {
    create(g, complaint_kind(), [c](const Session& s, const Context& ctx) {
      complaint::NewComplaint n = *c;  // links typed as endings become whole IDs
      n.ticket = whole_id(s, ticket_kind(), n.ticket);
      n.return_id = whole_id(s, return_kind(), n.return_id);
      n.parent = whole_id(s, complaint_kind(), n.parent);
      return complaint::decide_new(n, ctx);
    });
  });
}

using Simple = Event (*)(const Record&, const Context&);

void setup_simple(CLI::App& complaint, Globals& g, const char* name, const char* help,
                  Simple decide) {
  auto* cmd =
      add_action(complaint, name, help, fmt::format("svc complaint {} 2611-001", name).c_str());
  auto o = std::make_shared<Texts>();
  add_id(cmd, o->id);
  cmd->callback([o, decide, &g] { change(g, complaint_kind(), o->id, decide); });
}

// An action with one required text option (and an optional second).
void setup_texts(CLI::App& complaint, Globals& g, const char* name, const char* help,
                 const char* example, const char* first, const char* second, bool second_required,
                 const std::function<Event(const Record&, const Texts&, const Context&)>& decide) {
  auto* cmd = add_action(complaint, name, help, example);
  auto o = std::make_shared<Texts>();
  add_id(cmd, o->id);
  cmd->add_option(first, o->a, first)->required();
  if (second) cmd->add_option(second, o->b, second)->required(second_required);
  cmd->callback([o, decide, &g] {
    change(g, complaint_kind(), o->id,
           [o, decide](const Record& r, const Context& c) { return decide(r, *o, c); });
  });
}

void setup_follow_up(CLI::App& complaint, Globals& g) {
  auto* cmd =
      add_action(complaint, "follow-up",
                 "the follow-up visit: satisfied closes the way, otherwise back to the "
                 "department",
                 "svc complaint follow-up 001 --satisfaction satisfied\n  svc complaint "
                 "follow-up 001 --satisfaction very_satisfied --survey --rate speed=3 --note "
                 "'处理及时'   (also records a complaint survey)");
  struct Options {
    std::string id, satisfaction, note;
    std::vector<std::string> rates;
    bool survey = false;
  };
  auto o = std::make_shared<Options>();
  add_id(cmd, o->id);
  cmd->add_option("--satisfaction", o->satisfaction, "very_satisfied|satisfied|neutral|unsatisfied")
      ->required();
  cmd->add_option("--note", o->note, "what the customer said");
  cmd->add_flag("--survey", o->survey,
                "also record a `complaint` survey: result from --satisfaction, the note as its "
                "comment");
  cmd->add_option("--rate", o->rates,
                  "another item of the complaint survey, ITEM=LEVEL "
                  "(repeatable; implies --survey)");
  cmd->callback([o, &g] {
    change_linked(g, complaint_kind(), o->id,
                  [o](const Session& s, const Record& r, const Context& ctx, std::string& also) {
                    Event e = complaint::decide_follow_up(r, o->satisfaction, o->note, ctx);
                    if (o->survey || !o->rates.empty()) {
                      Linked survey = survey_of_follow_up(s, r, o->satisfaction, o->rates, o->note);
                      e.data.set_plain("survey", survey.id);
                      also = survey.line;
                    }
                    return e;
                  });
  });
}

}  // namespace

void setup_complaint(CLI::App& app, Globals& g) {
  auto* c = app.add_subcommand("complaint", "customer complaints and reports (客户投诉, 举报)");
  c->footer("Run `svc complaint ACTION --help` for an action's options and an example.");
  setup_new(*c, g);
  setup_simple(*c, g, "ack", "acknowledge the complaint to the customer (受理回复)",
               complaint::decide_ack);
  setup_simple(*c, g, "investigate", "start the investigation", complaint::decide_investigate);
  setup_texts(*c, g, "reject", "not substantiated: record the finding and the reply sent",
              "svc complaint reject 001 --finding '客户使用不当' --reply '已书面答复'", "--finding",
              "--reply", true, [](const Record& r, const Texts& o, const Context& ctx) {
                return complaint::decide_reject(r, o.a, o.b, ctx);
              });
  setup_texts(*c, g, "route", "send to the responsible department (answer due in 3 working days)",
              "svc complaint route 001 --dept 质量部 --finding '热处理不足'", "--dept", "--finding",
              false, [](const Record& r, const Texts& o, const Context& ctx) {
                return complaint::decide_route(r, o.a, o.b, ctx);
              });
  setup_texts(*c, g, "plan", "record the department's answer and plan",
              "svc complaint plan 001 --text '更换同批次轴承'", "--text", nullptr, false,
              [](const Record& r, const Texts& o, const Context& ctx) {
                return complaint::decide_plan(r, o.a, ctx);
              });
  setup_simple(*c, g, "propose", "the plan was told to the customer", complaint::decide_propose);
  setup_texts(*c, g, "decline", "the customer declines the plan: back to the department",
              "svc complaint decline 001 --reason '要求退货'", "--reason", nullptr, false,
              [](const Record& r, const Texts& o, const Context& ctx) {
                return complaint::decide_decline(r, o.a, ctx);
              });
  setup_simple(*c, g, "accept", "the customer accepts the plan", complaint::decide_accept);
  setup_simple(*c, g, "implement", "start carrying out the plan", complaint::decide_implement);
  setup_simple(*c, g, "implemented", "the plan is carried out (follow-up due in 5 working days)",
               complaint::decide_implemented);
  setup_follow_up(*c, g);
  setup_simple(*c, g, "close", "close a rejected case, or one whose customer is satisfied",
               complaint::decide_close);
  auto* blame =
      add_action(*c, "blame", "responsibility: departments or persons and shares (100 %)",
                 "svc complaint blame 001 --party 质量部=60 --party 生产部/王五=40 --loss 1200");
  auto b = std::make_shared<std::vector<std::string>>();
  auto bid = std::make_shared<Texts>();
  add_id(blame, bid->id);
  blame->add_option("--party", *b, "DEPT=SHARE or DEPT/PERSON=SHARE, in % (repeatable)")
      ->required();
  blame->add_option("--loss", bid->a, "the loss to split by share, e.g. 1200.00");
  blame->callback([b, bid, &g] {
    change(g, complaint_kind(), bid->id, [b, bid](const Record& r, const Context& ctx) {
      return complaint::decide_blame(r, *b, bid->a, ctx);
    });
  });
  auto* penalty = add_action(*c, "penalty", "a penalty on a responsible person (处罚准则)",
                             "svc complaint penalty 001 --person 张三 --level minor");
  auto p = std::make_shared<Texts>();
  auto level = std::make_shared<std::string>();
  add_id(penalty, p->id);
  penalty->add_option("--person", p->a, "a person the responsibility names")->required();
  penalty->add_option("--level", *level, "warning|minor|major")
      ->required()
      ->check(CLI::IsMember(names(complaint::kPenaltyLevels)));
  penalty->add_option("--amount", p->b, "more than the scale's least, e.g. 1000.00");
  penalty->callback([p, level, &g] {
    change(g, complaint_kind(), p->id, [p, level](const Record& r, const Context& ctx) {
      return complaint::decide_penalty(r, p->a, *level, p->b, ctx);
    });
  });
  setup_complaint_views(*c, g);
}

}  // namespace svc::cli
