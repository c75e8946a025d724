// svc ticket new|assign|respond|arrive|... : parse, call one domain decision, write, print.
#include <fmt/format.h>

#include <functional>
#include <limits>

#include "svc/cli/common.hpp"
#include "svc/cli/parts_books.hpp"
#include "svc/cli/output.hpp"
#include "svc/cli/record_views.hpp"
#include "svc/cli/ticket_view.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/schema.hpp"

namespace svc::cli {

namespace {

template <size_t N>
std::vector<std::string> names(const char* const (&list)[N]) {
  return {std::begin(list), std::end(list)};
}

template <typename Options>
std::shared_ptr<Options> make() {
  return std::make_shared<Options>();
}

struct IdOnly {
  std::string id;
};

void add_id(CLI::App* cmd, std::string& id) {
  cmd->add_option("ID", id, "ticket ID or an unambiguous ending of it")->required();
}

void setup_new(CLI::App& ticket, Globals& g) {
  auto* cmd =
      add_action(ticket, "new", "register a service call (叫修/报修)",
                 "svc ticket new --customer 华东机械厂 --phone 021-5555-0101 --zone urban --model "
                 "KX-200 --purchased 2026-03-01 --warranty-months 12 --description '主轴异响'");
  auto t = make<ticket::NewTicket>();
  auto months = make<int>();
  cmd->add_option("--customer", t->customer, "customer name")->required();
  cmd->add_option("--contact", t->contact, "contact person");
  cmd->add_option("--phone", t->phone, "phone number");
  cmd->add_option("--address", t->address, "address");
  cmd->add_option("--kind", t->kind, "repair|install|maintenance|inspection|consult")
      ->capture_default_str()
      ->check(CLI::IsMember(names(ticket::kKinds)));
  cmd->add_option("--priority", t->priority, "normal|urgent|emergency")
      ->capture_default_str()
      ->check(CLI::IsMember(names(ticket::kPriorities)));
  cmd->add_option("--channel", t->channel, "phone|visit|letter|fax|email|web")
      ->capture_default_str()
      ->check(CLI::IsMember(names(ticket::kChannels)));
  cmd->add_option("--zone", t->zone, "urban|suburban|remote")
      ->check(CLI::IsMember(names(ticket::kZones)));
  cmd->add_option("--distance", t->distance_km, "distance to the site in km");
  cmd->add_option("--model", t->model, "product model");
  cmd->add_option("--serial", t->serial, "product serial number");
  cmd->add_option("--purchased", t->purchased, "purchase date YYYY-MM-DD");
  auto* wm = cmd->add_option("--warranty-months", *months, "warranty length from purchase");
  cmd->add_option("--warranty-until", t->warranty_until, "last day of warranty YYYY-MM-DD");
  cmd->add_option("--contract", t->contract, "maintenance contract number");
  cmd->add_option("--contract-until", t->contract_until, "contract end date YYYY-MM-DD");
  cmd->add_flag("--caused-by-customer", t->caused_by_customer,
                "damage caused by the customer (free becomes paid)");
  cmd->add_flag("--internal", t->internal, "internal work, service class D");
  cmd->add_option("--description", t->description, "what the customer reports");
  cmd->callback([t, months, wm, &g] {
    if (wm->count()) t->warranty_months = *months;
    create(
        g, ticket_kind(),
        [t](const Session&, const Context& ctx) { return ticket::decide_new(*t, ctx); },
        [](const Record& r, const Session& session) {
          const Settings& s = session.settings();
          return fmt::format("  {} {}\n", pad_right(label(s, "head", "class"), 6),
                             label(s, "class", r.fields.get("service_class")));
        });
  });
}

void setup_simple(CLI::App& ticket, Globals& g, const char* name, const char* help,
                  const char* example, Event (*decide)(const Record&, const svc::Context&)) {
  auto* cmd = add_action(ticket, name, help, example);
  auto o = make<IdOnly>();
  add_id(cmd, o->id);
  cmd->callback([o, decide, &g] { change(g, ticket_kind(), o->id, decide); });
}

struct Texts {
  std::string id, a, b, c, d, e;
  std::vector<std::string> list;
  int qty = 0;
  bool flag = false;
};

void setup_assign(CLI::App& ticket, Globals& g) {
  auto* cmd = add_action(ticket, "assign", "dispatch a lead technician (派工), helpers optional",
                         "svc ticket assign 2611-0001 --to 李四 --helper 王五");
  auto o = make<Texts>();
  add_id(cmd, o->id);
  cmd->add_option("--to", o->a, "lead technician")->required();
  cmd->add_option("--helper", o->list, "helper (repeatable)");
  cmd->callback([o, &g] {
    change(g, ticket_kind(), o->id, [o](const Record& r, const svc::Context& c) {
      return ticket::decide_assign(r, o->a, o->list, c);
    });
  });
}

void setup_part(CLI::App& ticket, Globals& g) {
  auto* cmd =
      add_action(ticket, "part", "record a part used",
                 "svc ticket part 0001 --part 轴承6204 --qty 2 --price 35.50 --old-returned");
  auto o = make<Texts>();
  add_id(cmd, o->id);
  cmd->add_option("--part", o->a, "part name or number")->required();
  // Taken as typed and read as the files read it: CLI11 reads 010 as 8 and 0x2 as 2.
  cmd->add_option("--qty", o->c, "quantity, a whole number like 2")->required();
  cmd->add_option("--price", o->b, "unit price, e.g. 35.50");
  cmd->add_flag("--old-returned", o->flag, "the old part came back");
  cmd->add_option("--serial-out", o->d, "serial of the faulty part taken out");
  cmd->add_option("--serial-in", o->e, "serial of the replacement put in");
  cmd->callback([o, &g] {
    auto qty = parse_whole(o->c);
    if (!qty || *qty <= 0 || *qty > std::numeric_limits<int>::max())
      throw usage_error("--qty must be a positive whole number");
    o->qty = static_cast<int>(*qty);
    change(g, ticket_kind(), o->id, [o](const Record& r, const svc::Context& c) {
      return ticket::decide_part(r, o->a, o->qty, o->b, o->flag, o->d, o->e, c);
    });
    // The ledger's word on it: from the store when the technician held too few, below zero.
    Session s(g);
    const std::string id = resolve_id(s.dir(), ticket_kind(), o->id).stem().string();
    for (const auto& w : consumption_warnings(s, id, o->a)) warn(w);
  });
}

void setup_workshop(CLI::App& ticket, Globals& g) {
  auto* cmd =
      add_action(ticket, "workshop", "carry the product back for repair (in) or return it (out)",
                 "svc ticket workshop 0001 in --receipt RC-0193");
  auto o = make<Texts>();
  add_id(cmd, o->id);
  cmd->add_option("DIRECTION", o->a, "in|out")->required()->check(CLI::IsMember({"in", "out"}));
  cmd->add_option("--receipt", o->b, "receipt number given to the customer");
  cmd->callback([o, &g] {
    change(g, ticket_kind(), o->id, [o](const Record& r, const svc::Context& c) {
      return ticket::decide_workshop(r, o->a, o->b, c);
    });
  });
}

void setup_with_reason(CLI::App& ticket, Globals& g, const char* name, const char* help,
                       const char* example,
                       Event (*decide)(const Record&, const std::string&, const svc::Context&)) {
  auto* cmd = add_action(ticket, name, help, example);
  auto o = make<Texts>();
  add_id(cmd, o->id);
  cmd->add_option("--reason", o->a, "why")->required();
  cmd->callback([o, decide, &g] {
    change(g, ticket_kind(), o->id,
           [o, decide](const Record& r, const svc::Context& c) { return decide(r, o->a, c); });
  });
}

void setup_resolve(CLI::App& ticket, Globals& g) {
  auto* cmd = add_action(ticket, "resolve", "record the fix",
                         "svc ticket resolve 0001 --resolution '更换轴承' --hours 2.5\n"
                         "  svc ticket resolve 0002 --resolution '电话指导复位' --remote");
  auto o = make<Texts>();
  auto remote = std::make_shared<bool>(false);
  add_id(cmd, o->id);
  cmd->add_option("--resolution", o->a, "what was done")->required();
  cmd->add_option("--hours", o->b, "labour hours, e.g. 2.5");
  cmd->add_flag("--remote", *remote,
                "fixed by phone or remotely, without a visit: the call has no arrival step");
  cmd->callback([o, remote, &g] {
    change(g, ticket_kind(), o->id, [o, remote](const Record& r, const svc::Context& c) {
      return ticket::decide_resolve(r, o->a, o->b, c, *remote);
    });
  });
}

void setup_fee(CLI::App& ticket, Globals& g) {
  auto* cmd = add_action(ticket, "fee", "record the fee and how it was settled",
                         "svc ticket fee 0001 --amount 380.00 --settled paid");
  auto o = make<Texts>();
  add_id(cmd, o->id);
  cmd->add_option("--amount", o->a, "amount, e.g. 380.00")->required();
  cmd->add_option("--settled", o->b, "paid|invoiced")
      ->required()
      ->check(CLI::IsMember({"paid", "invoiced"}));
  cmd->callback([o, &g] {
    change(g, ticket_kind(), o->id, [o](const Record& r, const svc::Context& c) {
      return ticket::decide_fee(r, o->a, o->b, c);
    });
  });
}

void setup_sign(CLI::App& ticket, Globals& g) {
  auto* cmd = add_action(ticket, "sign", "record the customer's sign-off",
                         "svc ticket sign 0001 --by 张三");
  auto o = make<Texts>();
  add_id(cmd, o->id);
  cmd->add_option("--by", o->a, "who signed for the customer")->required();
  cmd->callback([o, &g] {
    change(g, ticket_kind(), o->id,
           [o](const Record& r, const svc::Context& c) { return ticket::decide_sign(r, o->a, c); });
  });
}

void setup_extend(CLI::App& ticket, Globals& g) {
  auto* cmd = add_action(ticket, "extend", "move a deadline, with reason and approver (延期须请示)",
                         "svc ticket extend 0001 --deadline resolve --to 2026-11-30T17:30 --reason "
                         "'等进口配件' --approved-by 王经理");
  auto o = make<Texts>();
  add_id(cmd, o->id);
  cmd->add_option("--deadline", o->a, "respond|arrive|resolve|workshop")
      ->required()
      ->check(CLI::IsMember({"respond", "arrive", "resolve", "workshop"}));
  cmd->add_option("--to", o->b, "new deadline; a bare date means its close of business")
      ->required();
  cmd->add_option("--reason", o->c, "why")->required();
  cmd->add_option("--approved-by", o->d, "who approved")->required();
  cmd->callback([o, &g] {
    change(g, ticket_kind(), o->id, [o](const Record& r, const svc::Context& c) {
      const Calendar& cal = c.settings.calendar;
      Time to = parse_user_time(o->b, cal.utc_offset_s, "--to");
      if (o->b.size() == 10) to = cal.close_of_business(local_day(to, cal.utc_offset_s));
      return ticket::decide_extend(r, o->a, to, o->c, o->d, c);
    });
  });
}

void setup_follow_up(CLI::App& ticket, Globals& g) {
  auto* cmd = add_action(ticket, "follow-up", "record the follow-up visit or call (回访)",
                         "svc ticket follow-up 0001 --result '设备运行正常，客户满意'");
  auto o = make<Texts>();
  add_id(cmd, o->id);
  cmd->add_option("--result", o->a, "what the customer said")->required();
  cmd->callback([o, &g] {
    change(g, ticket_kind(), o->id, [o](const Record& r, const svc::Context& c) {
      return ticket::decide_follow_up(r, o->a, c);
    });
  });
}

void setup_reclass(CLI::App& ticket, Globals& g) {
  auto* cmd = add_action(ticket, "reclass", "change the service class, with a reason",
                         "svc ticket reclass 0001 --to A --reason '人为损坏'");
  auto o = make<Texts>();
  add_id(cmd, o->id);
  cmd->add_option("--to", o->a, "A|B|C|D")->required()->check(CLI::IsMember({"A", "B", "C", "D"}));
  cmd->add_option("--reason", o->b, "why")->required();
  cmd->callback([o, &g] {
    change(g, ticket_kind(), o->id, [o](const Record& r, const svc::Context& c) {
      return ticket::decide_reclass(r, o->a, o->b, c);
    });
  });
}

}  // namespace

void setup_ticket(CLI::App& app, Globals& g) {
  auto* ticket =
      app.add_subcommand("ticket", "service requests: repair, install, maintenance calls");
  ticket->footer("Run `svc ticket ACTION --help` for an action's options and an example.");
  setup_new(*ticket, g);
  setup_assign(*ticket, g);
  setup_simple(*ticket, g, "respond", "record the first contact with the customer",
               "svc ticket respond 0001", ticket::decide_respond);
  setup_simple(*ticket, g, "arrive", "record the technician's arrival on site",
               "svc ticket arrive 0001", ticket::decide_arrive);
  setup_part(*ticket, g);
  setup_workshop(*ticket, g);
  setup_with_reason(*ticket, g, "wait", "pause for parts or the customer; the resolve clock stops",
                    "svc ticket wait 0001 --reason '等配件'", ticket::decide_wait);
  setup_simple(*ticket, g, "resume", "end a wait; the resolve deadline moves by the time waited",
               "svc ticket resume 0001", ticket::decide_resume);
  setup_resolve(*ticket, g);
  setup_fee(*ticket, g);
  setup_sign(*ticket, g);
  setup_close(*ticket, g, ticket_kind(),
              "close a resolved ticket (needs sign-off; class A needs the fee)",
              "svc ticket close 0001", ticket::decide_close);
  setup_with_reason(*ticket, g, "cancel", "cancel an open ticket",
                    "svc ticket cancel 0001 --reason '客户自行解决'", ticket::decide_cancel);
  setup_with_reason(*ticket, g, "reopen", "reopen a resolved or closed ticket",
                    "svc ticket reopen 0001 --reason '故障复现'", ticket::decide_reopen);
  setup_extend(*ticket, g);
  setup_follow_up(*ticket, g);
  setup_reclass(*ticket, g);
  setup_ticket_views(*ticket, g);
}

}  // namespace svc::cli
