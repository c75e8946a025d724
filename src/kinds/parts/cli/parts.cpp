// svc parts receive|issue|return|transfer|dispose|claim|answer|credit|count|postage|balance|
// ledger|list|show|log|note|edit: the spare-parts ledger (SPEC §11).
#include "svc/domain/parts.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/cli/parts_books.hpp"
#include "svc/cli/record_views.hpp"
#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"
#include "svc/store/yaml.hpp"

namespace svc::cli {

namespace {

using parts::Movement;

// --- making slips ----------------------------------------------------------------------------

void add_lines(CLI::App* cmd, parts::NewSlip& n, const char* what) {
  cmd->add_option("--line", n.lines, what)->required()->take_all();
}

// Writes a new slip: the books read under the writer lock, the slip decided against them.
void create_slip(const Globals& g, std::shared_ptr<parts::NewSlip> n) {
  std::vector<std::string> warnings;
  create(g, parts_kind(), [n, &warnings](const Session& s, const Context& ctx) {
    parts::NewSlip typed = *n;
    if (!typed.ticket.empty())
      typed.ticket = resolve_id(s.dir(), ticket_kind(), typed.ticket).stem().string();
    BooksRead read = read_books(s);
    require_complete(read.bad, "parts ledger");
    Event e = parts::decide_new(typed, read.books, ctx, warnings);
    for (const auto& w : warnings) warn(w);
    return e;
  });
}

void setup_slip(CLI::App& parent, Globals& g, const char* type, const char* help,
                const char* example,
                const std::function<void(CLI::App*, parts::NewSlip&)>& options) {
  auto* cmd = add_action(parent, type, help, example);
  auto n = std::make_shared<parts::NewSlip>();
  n->type = type;
  options(cmd, *n);
  cmd->callback([n, &g] { create_slip(g, n); });
}

void setup_slips(CLI::App& p, Globals& g) {
  setup_slip(p, g, "receive",
             "parts into a store or station from a supplier or head office (接收单)",
             "svc parts receive --from supplier:洛阳轴承 --line KX-BRG=10@12.50 --slip JS-0312",
             [](CLI::App* c, parts::NewSlip& n) {
               c->add_option("--from", n.from, "supplier:NAME or head-office")->required();
               c->add_option("--to", n.to, "store (default), store:NAME or station:CODE");
               add_lines(c, n, "PART=QTY@COST, one per part (repeatable)");
               c->add_option("--slip", n.slip_no, "the delivery's own slip number");
             });
  setup_slip(
      p, g, "issue", "parts from the store to a technician for a call (领料单)",
      "svc parts issue --to tech:李四 --ticket 0007 --line KX-BRG=2 --approved-by 王经理",
      [](CLI::App* c, parts::NewSlip& n) {
        c->add_option("--to", n.to, "tech:NAME")->required();
        c->add_option("--from", n.from, "store (default), store:NAME or station:CODE");
        c->add_option("--ticket", n.ticket, "the call the parts are for")->required();
        add_lines(c, n, "PART=QTY, one per part (repeatable)");
        c->add_option("--approved-by", n.approved_by, "the manager who approved it")->required();
      });
  setup_slip(p, g, "return", "unused parts back (a technician's to the store)",
             "svc parts return --from tech:李四 --to store --line KX-BRG=1",
             [](CLI::App* c, parts::NewSlip& n) {
               c->add_option("--from", n.from, "where they were")->required();
               c->add_option("--to", n.to, "where they go back to")->required();
               add_lines(c, n, "PART=QTY, one per part (repeatable)");
             });
  setup_slip(p, g, "transfer", "parts to a service station, which keeps its own ledger (3.7.6)",
             "svc parts transfer --to station:SZ --line KX-BRG=4",
             [](CLI::App* c, parts::NewSlip& n) {
               c->add_option("--from", n.from, "store (default) or another location");
               c->add_option("--to", n.to, "station:CODE or store:NAME")->required();
               add_lines(c, n, "PART=QTY, one per part (repeatable)");
             });
  setup_slip(p, g, "dispose", "old parts scrapped, restocked as repaired, or sent to the supplier",
             "svc parts dispose --as scrap --line KX-BRG=2", [](CLI::App* c, parts::NewSlip& n) {
               c->add_option("--as", n.as, "scrap|restock|supplier")->required();
               c->add_option("--supplier", n.supplier, "with --as supplier: who gets them");
               c->add_option("--from", n.from, "old (default)");
               c->add_option("--to", n.to, "with --as restock: store (default) or another");
               add_lines(c, n, "PART=QTY, one per part (repeatable)");
             });
  setup_slip(p, g, "claim", "old parts and money claimed from a supplier (二次索赔)",
             "svc parts claim --supplier 洛阳轴承 --line KX-BRG=2 --amount 25.00",
             [](CLI::App* c, parts::NewSlip& n) {
               c->add_option("--supplier", n.supplier, "the supplier claimed from")->required();
               add_lines(c, n, "PART=QTY of old parts sent back, one per part (repeatable)");
               c->add_option("--amount", n.amount, "money claimed, e.g. 25.00")->required();
             });
  setup_slip(p, g, "count", "a stocktake: what was counted; the difference is posted (盘点)",
             "svc parts count --location store --line KX-BRG=7 --reason '盘亏 1 个'",
             [](CLI::App* c, parts::NewSlip& n) {
               c->add_option("--location", n.location, "the location counted")->required();
               add_lines(c, n, "PART=QTY counted, 0 too (repeatable)");
               c->add_option("--reason", n.reason, "why the count differs from the ledger");
             });
  setup_slip(p, g, "postage", "postage of a part sent by mail, signed by two (3.6.3)",
             "svc parts postage --amount 18.00 --ticket 0007 --signed-by 李四 --signed-by 王经理",
             [](CLI::App* c, parts::NewSlip& n) {
               c->add_option("--amount", n.amount, "money, e.g. 18.00")->required();
               c->add_option("--ticket", n.ticket, "the call it was sent for")->required();
               c->add_option("--signed-by", n.signed_by,
                             "who signed (twice: the sender and the manager)")
                   ->required();
             });
}

void setup_claim_actions(CLI::App& p, Globals& g) {
  struct Answer {
    std::string id, accepted, reason;
    bool rejected = false;
  };
  auto* answer = add_action(p, "answer",
                            "the supplier's answer to a claim: accepted, all or part, or rejected",
                            "svc parts answer 0012 --accepted 20.00");
  auto a = std::make_shared<Answer>();
  answer->add_option("ID", a->id, "claim slip ID or an unambiguous ending")->required();
  answer->add_option("--accepted", a->accepted, "the amount the supplier accepted");
  answer->add_flag("--rejected", a->rejected, "the supplier rejected the claim");
  answer->add_option("--reason", a->reason, "with --rejected: why");
  answer->callback([a, &g] {
    change(g, parts_kind(), a->id, [a](const Record& r, const Context& ctx) {
      return parts::decide_answer(r, a->accepted, a->rejected, a->reason, ctx);
    });
  });
  auto* credit = add_action(p, "credit", "the supplier's credit note for an accepted claim",
                            "svc parts credit 0012 --note-no CN-7781 --amount 20.00");
  auto c = std::make_shared<Answer>();
  credit->add_option("ID", c->id, "claim slip ID or an unambiguous ending")->required();
  credit->add_option("--note-no", c->accepted, "the credit note's number")->required();
  credit->add_option("--amount", c->reason, "the money credited")->required();
  credit->callback([c, &g] {
    change(g, parts_kind(), c->id, [c](const Record& r, const Context& ctx) {
      return parts::decide_credit(r, c->accepted, c->reason, ctx);
    });
  });
}

// --- views -----------------------------------------------------------------------------------

// Rows as scripts and people get them: json/yaml the items, csv their keys, a table the cells.
void print_rows(const Globals& g, const Value& items, const Table& table) {
  if (g.format == "json") return out(store::emit_json(items));
  if (g.format == "yaml") return out(store::emit_yaml(items));
  if (g.format == "csv") {
    Table t;
    if (!items.items.empty())
      for (const auto& [key, v] : items.items.front().entries) t.headers.push_back(key);
    for (const Value& item : items.items) {
      std::vector<std::string> row;
      for (const auto& [key, v] : item.entries) row.push_back(v.scalar);
      t.rows.push_back(std::move(row));
    }
    return out(t.render_csv(g.csv_formulas == "quote"));
  }
  if (g.format == "md") return out(table.render_markdown());
  out(table.render(terminal_width()));
}

std::string part_name(const Settings& st, const std::string& part) {
  const parts::PartInfo* info = parts::config(st).find(part);
  return info ? info->name : "";
}

void setup_balance(CLI::App& p, Globals& g) {
  auto* cmd = p.add_subcommand("balance", "what each location holds of each part, at any instant");
  cmd->footer(
      "Examples:\n  svc parts balance\n  svc parts balance --at 2026-11-15T18:00 --location "
      "tech:\n  svc parts balance --part KX-BRG --format json\n"
      "Replays every slip and every call's parts up to --at (default: now); a location ending\n"
      "in ':' takes every one of its kind (tech:, station:). JSON: a list of {part, location,\n"
      "qty, value}, qty a number, value a money string, one per part and location with a\n"
      "quantity other than zero.");
  auto where = std::make_shared<std::string>(), part = std::make_shared<std::string>();
  cmd->add_option("--location", *where, "a location, or a kind of them: tech:, station:");
  cmd->add_option("--part", *part, "one part number");
  accept_formats(*cmd, {"table", "json", "csv", "yaml", "md"});
  cmd->callback([where, part, cmd, &g] {
    require_format(g, *cmd);
    Session s(g);
    const Settings& st = s.settings();
    BooksRead read = read_books(s);
    parts::Ledger l = parts::replay(read.books.moves, s.now(), false);
    Value items = Value::list();
    Table t;
    t.headers = {label(st, "head", "part"), label(st, "head", "part_name"),
                 label(st, "head", "location"), label(st, "head", "qty"),
                 label(st, "head", "worth")};
    t.free_text = {false, true, false, false, false};
    t.drop_order = {1};
    std::int64_t total = 0;
    for (const auto& row : parts::balance_rows(l, *where, *part)) {
      Value item = Value::map();
      item.set_text("part", row.part);
      item.set_text("location", row.location);
      item.set_plain("qty", std::to_string(row.qty));
      item.set_text("value", format_money(row.value));
      items.push(std::move(item));
      t.rows.push_back({row.part, part_name(st, row.part), row.location, std::to_string(row.qty),
                        format_money(row.value)});
      if (parts::is_internal(row.location)) total += row.value;
    }
    print_rows(g, items, t);
    require_complete(read.bad, "balance");
  });
}

void setup_ledger(CLI::App& p, Globals& g) {
  auto* cmd = p.add_subcommand("ledger", "one part's movements, one line each, with the balance");
  cmd->footer(
      "Examples:\n  svc parts ledger KX-BRG\n  svc parts ledger KX-BRG --location station:SZ "
      "--format json\n"
      "The balance is what the locations that hold stock (store, stations, technicians, old)\n"
      "hold together after each movement, or --location's alone. JSON: a list of {at, slip,\n"
      "from, to, qty, balance, value} where slip is the slip or ticket ID and value the\n"
      "balance's value.");
  auto part = std::make_shared<std::string>(), where = std::make_shared<std::string>();
  cmd->add_option("PART", *part, "part number")->required();
  cmd->add_option("--location", *where, "only the movements in and out of this location");
  accept_formats(*cmd, {"table", "json", "csv", "yaml", "md"});
  cmd->callback([part, where, cmd, &g] {
    require_format(g, *cmd);
    Session s(g);
    const Settings& st = s.settings();
    BooksRead read = read_books(s);
    if (!read.books.known.count(*part) && !parts::config(st).find(*part))
      throw data_error(fmt::format("no part {} in the ledger or in svc.yaml's parts.list", *part));
    parts::Movements mine;
    for (const Movement& m : read.books.moves)
      if (m.part == *part) mine.push_back(m);
    parts::Ledger l = parts::replay(std::move(mine), s.now());
    Value items = Value::list();
    Table t;
    t.headers = {label(st, "head", "time"), label(st, "head", "slip"), label(st, "head", "from"),
                 label(st, "head", "to"),   label(st, "head", "qty"),  label(st, "head", "balance"),
                 label(st, "head", "worth")};
    std::int64_t qty = 0, value = 0;
    for (const parts::Posted& pm : l.posted) {
      const Movement& m = pm.move;
      if (!where->empty() && m.from != *where && m.to != *where) continue;
      if (!where->empty()) {
        const parts::Holding& h = m.from == *where ? pm.from_after : pm.to_after;
        qty = h.qty, value = h.value;
      } else {
        int sign = parts::is_internal(m.to) - parts::is_internal(m.from);
        qty += sign * m.qty;
        value += sign * pm.value;
      }
      Value item = Value::map();
      item.set_plain("at", format_time(m.at, s.offset()));
      item.set_plain("slip", m.slip);
      item.set_text("from", m.from);
      item.set_text("to", m.to);
      item.set_plain("qty", std::to_string(m.qty));
      item.set_plain("balance", std::to_string(qty));
      item.set_text("value", format_money(value));
      items.push(std::move(item));
      t.rows.push_back({format_time_short(m.at, s.offset()), m.slip,
                        m.from + (pm.fell_back ? "*" : ""), m.to, std::to_string(m.qty),
                        std::to_string(qty), format_money(value)});
    }
    print_rows(g, items, t);
    require_complete(read.bad, "ledger");
  });
}

// hledger's journal (https://hledger.org/journal.html): a transaction per movement, the part a
// commodity, the locations accounts (tech:李四 is 李四 under tech).
std::string commodity(const std::string& part) {
  std::string c;
  for (char ch : part) c += ch == '"' ? '\'' : ch;
  return "\"" + c + "\"";
}

void setup_export(CLI::App& p, Globals& g) {
  auto* cmd = p.add_subcommand("export", "the ledger for other tools: --format hledger");
  cmd->footer(
      "Examples:\n  svc parts export --format hledger > parts.journal\n"
      "  hledger -f parts.journal balance --flat\n"
      "One transaction per movement, in the ledger's order: the slip or call ID and the slip type\n"
      "as its description, the part number as the commodity, the locations as accounts, the\n"
      "movement's value as a `value:` tag. `hledger balance` gives the quantities of\n"
      "`svc parts balance`.");
  accept_formats(*cmd, {"hledger"});
  cmd->callback([cmd, &g] {
    if (g.format != "table") require_format(g, *cmd);
    Session s(g);
    s.dir().keep_listings();  // the slips read twice, listed once
    BooksRead read = read_books(s);
    std::map<std::string, std::string> type;
    for_each_record(parts_kind(), s.dir(),
                    [&](const Record& r) { type[r.id] = r.fields.get("type"); });
    parts::Ledger l = parts::replay(read.books.moves, s.now());
    std::string text = "; svc parts export: the spare-parts ledger, one transaction a movement\n";
    for (const parts::Posted& pm : l.posted) {
      const Movement& m = pm.move;
      auto t = type.find(m.slip);
      text += fmt::format("\n{} {} {}\n    ; at: {}, value: {}\n    {}  {} {}\n    {}  -{} {}\n",
                          format_date(local_day(m.at, s.offset())), m.slip,
                          t != type.end() ? t->second
                          : m.to == "old" ? "old part back"
                                          : "used on the call",
                          format_time(m.at, s.offset()), format_money(pm.value), m.to, m.qty,
                          commodity(m.part), m.from, m.qty, commodity(m.part));
    }
    out(text);
    require_complete(read.bad, "export");
  });
}

std::string lines_text(const Value& f) {
  std::vector<std::string> out;
  for (const char* key : {"lines", "counted"})
    if (const Value* lines = f.find(key))
      for (const Value& l : lines->items)
        out.push_back(l.get("part") + "=" + l.get("qty") +
                      (l.get("cost").empty() ? "" : "@" + l.get("cost")));
  return fmt::format("{}", fmt::join(out, " "));
}

Value list_item(const Record& r, const std::vector<std::string>& overdue) {
  const Value& f = r.fields;
  Value item = Value::map();
  item.set_plain("id", f.get("id"));
  item.set_plain("status", f.get("status"));
  item.set_plain("type", f.get("type"));
  item.set_text("from", f.get("from").empty() ? f.get("location") : f.get("from"));
  item.set_text("to", f.get("to"));
  item.set_text("lines", lines_text(f));
  item.set_plain("ticket", f.get("ticket"));
  item.set_text("amount", f.get("amount"));
  item.set_plain("registered", f.get("registered"));
  add_deadlines(item, r, overdue);
  return item;
}

void setup_list(CLI::App& p, Globals& g) {
  auto* cmd = p.add_subcommand("list", "list slips");
  cmd->footer(
      "Examples:\n  svc parts list --month 2026-11\n  svc parts list --type claim --open\n"
      "JSON/YAML: a list of {id, status, type, from, to, lines, ticket, amount, registered,\n"
      "due, done, overdue}; CSV: the same, one column per step.");
  struct Filter {
    ListFilters common;
    std::string type;
  };
  auto f = std::make_shared<Filter>();
  f->common.add_to(*cmd, parts_kind(), {true, true, true});
  cmd->add_option("--type", f->type, "receive|issue|return|transfer|dispose|claim|count|postage");
  accept_formats(*cmd, {"table", "json", "csv", "yaml", "md", "xlsx"});
  cmd->callback([f, cmd, &g] {
    f->common.check(*cmd, parts_kind());
    if (!f->type.empty()) require_member("--type", f->type, parts::kTypes);
    require_format(g, *cmd);
    Session s(g);
    const Settings& st = s.settings();
    ListSpec spec;
    spec.heads = {"id", "status", "type", "from", "to", "lines", "next", "overdue"};
    spec.free_text = {false, false, false, true, true, true, false, false};
    spec.drop = {"next", "from", "status"};
    spec.alert_column = 7;
    spec.csv_leading = 9;
    spec.item = list_item;
    spec.row = [&](const Record& r, const std::vector<StepState>& states) {
      Value item = list_item(r, {});
      return std::vector<std::string>{r.id,
                                      status_label(st, "parts", r.status()),
                                      label(st, "slip", item.get("type")),
                                      item.get("from"),
                                      item.get("to"),
                                      item.get("lines"),
                                      next_cell(states, s),
                                      overdue_cell(states, s)};
    };
    ListOutput list(parts_kind(), spec, s);
    int bad = for_each_record(
        parts_kind(), s.dir(),
        [&](const Record& r) {
          if (!f->type.empty() && r.fields.get("type") != f->type) return;
          if (f->common.keep(parts_kind(), r, s)) list.add(r);
        },
        f->common.wanted(parts_kind()));
    list.print();
    require_complete(bad);
  });
}

std::string show_text(const Record& r, const Session& s) {
  const Settings& st = s.settings();
  const Value f = escaped(r.fields);
  static const char* heads[] = {"from",   "to",          "location", "lines", "posted",
                                "ticket", "approved_by", "amount",   "credit"};
  int width = 0;
  for (const char* key : heads) width = std::max(width, display_width(label(st, "head", key)));
  auto line = [&](const char* key, const std::string& text) {
    return text.empty() ? std::string()
                        : pad_right(label(st, "head", key), width + 2) + text + "\n";
  };
  std::string t = fmt::format("{}  {}  {}\n", r.id, status_label(st, "parts", r.status()),
                              label(st, "slip", f.get("type")));
  t += line("from", f.get("from"));
  t += line("to", f.get("to"));
  t += line("location", f.get("location"));
  t += line("lines", lines_text(f));
  std::vector<std::string> posted;
  if (const Value* p = f.find("posted"))
    for (const Value& item : p->items)
      posted.push_back(fmt::format("{} {} → {}", item.get("part") + "=" + item.get("qty"),
                                   item.get("from"), item.get("to")));
  t += line("posted", fmt::format("{}", fmt::join(posted, "; ")));
  t += line("reason", f.get("reason"));
  t += line("ticket", f.get("ticket"));
  t += line("approved_by", f.get("approved_by"));
  t += line("slip_no", f.get("slip_no"));
  t += line("amount", f.get("amount"));
  if (const Value* signers = f.find("signed_by"))
    t += line("signed_by", value_text(st, s.offset(), "signed_by", *signers));
  t += line("accepted", f.get("accepted"));
  t += line("rejected", f.get("rejected"));
  if (const Value* c = f.find("credit")) t += line("credit", fields_text(st, s.offset(), *c));
  return t + deadlines_text(parts_kind(), r, s, width + 2);
}

}  // namespace

void setup_parts(CLI::App& app, Globals& g) {
  auto* p = app.add_subcommand("parts",
                               "the spare-parts ledger: slips, balances, old parts, claims (备件)");
  p->footer("Run `svc parts ACTION --help` for an action's options and an example.");
  setup_slips(*p, g);
  setup_claim_actions(*p, g);
  setup_balance(*p, g);
  setup_ledger(*p, g);
  setup_export(*p, g);
  setup_list(*p, g);
  setup_show(*p, g, parts_kind(), "print one slip", "  svc parts show 2611-0001", show_text);
  setup_record_actions(*p, g, parts_kind());
}

}  // namespace svc::cli
