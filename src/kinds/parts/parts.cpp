// Parts slips as a kind (SPEC §11): tables, hooks, every decision, and what a slip posts.
#include "svc/domain/parts.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "svc/domain/checks.hpp"
#include "svc/domain/decimal.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/voids.hpp"

namespace svc::parts {

namespace {

// The marker of the slip being decided among the movements already posted.
constexpr const char* kThisSlip = "(this slip)";

void fold(Value& fields, const Event& e, const std::string&) {
  const Value& d = e.data;
  if (e.action == "answer") {
    record::mark_done(fields, "answer", e);
    if (d.find("accepted"))
      fields.set_plain("accepted", d.get("accepted"));
    else
      fields.set_text("rejected", d.get("rejected"));
  } else if (e.action == "credit") {
    Value& c = fields.set("credit", Value::map());
    c.set_text("note_no", d.get("note_no"));
    c.set_plain("amount", d.get("amount"));
  }
}

KindRules make_rules() {
  KindRules k;
  k.noun = "parts";
  k.prefix = 'P';
  k.width = 4;
  k.folder = "parts";
  k.first_status = "posted";
  k.statuses = {"posted", "sent", "accepted", "rejected", "credited"};
  k.open = {"sent", "accepted"};
  k.steps = {"answer"};
  k.transitions = {
      {"answer", {"sent"}, ""},
      {"credit", {"accepted"}, "credited"},
      {"note", {}, ""},
      {"edit", {}, ""},
  };
  k.quiet = {"note", "edit"};
  k.key_order = {"id",      "status",      "type",       "from",     "to",       "location",
                 "lines",   "counted",     "posted",     "part",     "qty",      "cost",
                 "ticket",  "approved_by", "slip_no",    "as",       "supplier", "amount",
                 "reason",  "signed_by",   "registered", "accepted", "rejected", "credit",
                 "note_no", "due",         "done",       "answer",   "history"};
  const FieldType money{Form::money, {}};
  k.typed = {{"type", one_of(kTypes)},
             {"lines.qty", {Form::quantity, {}}},
             {"lines.cost", money},
             {"counted.qty", {Form::count, {}}},
             {"posted.qty", {Form::quantity, {}}},
             {"as", one_of(kDisposals)},
             {"amount", money},
             {"accepted", money},
             {"credit.amount", money}};
  k.events = {
      {"new",
       {"type", "from", "to", "location", "lines", "counted", "posted", "ticket", "approved_by",
        "slip_no", "as", "supplier", "amount", "reason", "signed_by", "due"},
       ""},
      {"answer", {"accepted", "rejected"}, ""},
      {"credit", {"note_no", "amount"}, "credit"},
      {"note", {"text"}, ""},
  };
  k.links = {{"ticket", "ticket", ""}};
  k.fold = fold;
  k.posts = [](const Record&) { return true; };
  k.status_after = [](const Value& fields, const Event& e) -> std::string {
    if (e.action == "new" && fields.get("type") == "claim") return "sent";
    if (e.action == "answer") return e.data.find("accepted") ? "accepted" : "rejected";
    return "";
  };
  k.step_applies = [](const std::string&, const Value& fields) {
    return fields.get("status") == "sent";
  };
  k.settings = {"parts", "parts.valuation", "parts.claim_days", "parts.list"};
  k.free_maps = {"parts.list"};
  k.read_settings = read_settings;
  k.validate = [](const Record& r, const Settings&) { return validate(r); };
  return k;
}

std::int64_t money_option(const char* option, const std::string& text, bool positive) {
  auto cents = parse_hundredths(text);
  if (!cents || (positive && *cents == 0))
    throw usage_error(fmt::format("{} '{}' is not an amount like 128.50", option, text));
  return *cents;
}

void require_place(const char* option, const std::string& location, bool internal) {
  if (!is_location(location))
    throw usage_error(fmt::format(
        "{} '{}' is not a location: store, store:NAME, station:CODE, tech:NAME, old{}", option,
        location, internal ? "" : ", customer, supplier:NAME, head-office, scrap"));
  if (internal && !is_internal(location))
    throw usage_error(fmt::format(
        "{} '{}' holds no stock of its own: store, store:NAME, station:CODE, tech:NAME or old",
        option, location));
}

// The slip's lines as typed, each a known part (a receive may bring a new one, with a warning);
// a cost only on a receive, where a line without one takes the parts list's.
std::vector<Line> read_lines(const NewSlip& n, const Books& books, const Config& cfg,
                             std::vector<std::string>& warnings) {
  const bool receive = n.type == "receive";
  if (n.lines.empty())
    throw usage_error(fmt::format("a {} slip needs --line PART=QTY (one per part)", n.type));
  std::vector<Line> lines;
  std::set<std::string> seen;
  for (const std::string& text : n.lines) {
    Line l = parse_line(text, n.type == "count");
    auto line_error = [&](const std::string& why) {
      return usage_error(fmt::format("--line '{}': {}", text, why));
    };
    if (!seen.insert(l.part).second)
      throw line_error(fmt::format("{} is on the slip twice; give it one line", l.part));
    if (l.unit_cost && !receive)
      throw line_error("a cost belongs on a receive slip only; write PART=QTY");
    const PartInfo* info = cfg.find(l.part);
    if (receive && !l.unit_cost) {
      if (!info || !info->cost)
        throw line_error(fmt::format(
            "a receive needs the unit cost: {}={}@12.50 (or a cost for {} in svc.yaml parts.list)",
            l.part, l.qty, l.part));
      l.unit_cost = info->cost;
    }
    if (!books.known.count(l.part) && !info) {
      if (!receive)
        throw line_error(fmt::format(
            "unknown part {}: it is not in svc.yaml's parts.list and no receive slip brought it",
            l.part));
      warnings.push_back(fmt::format(
          "{} is a new part: not in svc.yaml's parts.list (add its name and unit there); known "
          "from this slip on",
          l.part));
    }
    lines.push_back(std::move(l));
  }
  return lines;
}

// Refuses a slip whose movements would take an internal location below zero, at its time or at
// any later movement (a backdated slip), naming the holding.
void require_stock(const Books& books, const std::vector<Movement>& mine, int offset_s) {
  Ledger before = replay(books.moves, std::nullopt, false);
  Movements all = books.moves;
  all.insert(all.end(), mine.begin(), mine.end());
  Ledger after = replay(all, std::nullopt, false);
  auto same = [](const Shortfall& a, const Shortfall& b) {
    return a.location == b.location && a.part == b.part && a.slip == b.slip && a.at == b.at;
  };
  for (const Shortfall& s : after.shortfalls) {
    if (std::any_of(before.shortfalls.begin(), before.shortfalls.end(),
                    [&](const Shortfall& b) { return same(s, b); }))
      continue;
    if (s.slip == kThisSlip) {
      const Movement& m = *std::find_if(mine.begin(), mine.end(), [&](const Movement& x) {
        return x.part == s.part && x.from == s.location;
      });
      Ledger then = replay(books.moves, m.at, false);
      throw refused(fmt::format("{} holds {} {} on {}; this slip takes {}", s.location,
                                then.held(s.location, s.part).qty, s.part,
                                format_time_short(m.at, offset_s), m.qty));
    }
    throw refused(fmt::format(
        "this slip would leave too few for {} on {}: {} would go to {} {}; date it later, or "
        "take less",
        s.slip, format_time_short(s.at, offset_s), s.location, s.qty, s.part));
  }
}

Value lines_value(const std::vector<Line>& lines) {
  Value list = Value::list(true);
  for (const Line& l : lines) {
    Value item = Value::map(true);
    item.set_text("part", l.part);
    item.set_plain("qty", std::to_string(l.qty));
    if (l.unit_cost) item.set_plain("cost", format_money(*l.unit_cost));
    list.push(std::move(item));
  }
  return list;
}

std::vector<std::string> distinct_signers(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) {
    require_text("--signed-by", n);
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  if (out.size() != 2)
    throw usage_error(
        fmt::format("postage is signed by two people, the one who sent it and the manager (3.6.3): "
                    "--signed-by NAME --signed-by NAME; {} given",
                    out.size()));
  return out;
}

}  // namespace

const KindRules& rules() {
  static const KindRules k = make_rules();
  return k;
}

const Config& config(const Settings& s) { return s.section<Config>("parts"); }

Event decide_new(const NewSlip& typed, const Books& books, const Context& ctx,
                 std::vector<std::string>& warnings) {
  NewSlip n = typed;
  require_member("the slip type", n.type, kTypes);
  const Config& cfg = config(ctx.settings);
  const int off = ctx.settings.calendar.utc_offset_s;
  const Time now = ctx.actor.now;
  Event e = record::new_event("new", ctx);
  e.data.set_plain("type", n.type);
  if (n.type == "postage") {
    if (!n.lines.empty()) throw usage_error("postage is money only: it takes no --line");
    std::int64_t cents = money_option("--amount", n.amount, true);
    require_text("--ticket", n.ticket);
    auto signers = distinct_signers(n.signed_by);
    e.data.set_plain("ticket", n.ticket);
    e.data.set_plain("amount", format_money(cents));
    Value list = Value::list(true);
    for (const auto& s : signers) list.push(Value::text(s));
    e.data.set("signed_by", std::move(list));
    return e;
  }
  std::vector<Line> lines = read_lines(n, books, cfg, warnings);
  if (n.type == "count") {
    require_text("--location", n.location);
    require_place("--location", n.location, true);
    if (n.location != "store" && !books.places.count(n.location))
      throw refused(fmt::format(
          "--location {}: no slip or call ever moved parts there, so there is nothing to count",
          n.location));
    Ledger then = replay(books.moves, now, false);
    Value counted = Value::list(true), posted = Value::list(true);
    std::vector<std::string> differ;
    for (const Line& l : lines) {
      Value c = Value::map(true);
      c.set_text("part", l.part);
      c.set_plain("qty", std::to_string(l.qty));
      counted.push(std::move(c));
      std::int64_t held = then.held(n.location, l.part).qty, diff = l.qty - held;
      if (diff == 0) continue;
      differ.push_back(fmt::format("{} counted {}, the ledger holds {}", l.part, l.qty, held));
      Value p = Value::map(true);
      p.set_plain("from", diff > 0 ? "stocktake" : n.location);
      p.set_plain("to", diff > 0 ? n.location : "stocktake");
      p.set_text("part", l.part);
      p.set_plain("qty", std::to_string(diff > 0 ? diff : -diff));
      posted.push(std::move(p));
    }
    if (!differ.empty() && n.reason.find_first_not_of(" \t\r\n") == std::string::npos)
      throw usage_error(fmt::format("the count differs from the ledger ({}): say why with --reason",
                                    fmt::join(differ, "; ")));
    e.data.set_plain("location", n.location);
    e.data.set("counted", std::move(counted));
    if (!posted.empty()) e.data.set("posted", std::move(posted));
    if (!n.reason.empty()) e.data.set_text("reason", n.reason);
    return e;
  }
  if (!n.reason.empty())
    throw usage_error(fmt::format("--reason belongs on a count; a {} slip takes none", n.type));
  if (n.type == "receive") {
    require_text("--from", n.from);
    if (n.from != "head-office" && !n.from.starts_with("supplier:"))
      throw usage_error(
          fmt::format("--from '{}': a receive comes from supplier:NAME or head-office", n.from));
    require_place("--from", n.from, false);
    if (n.to.empty()) n.to = "store";
    require_place("--to", n.to, true);
  } else if (n.type == "issue") {
    if (n.from.empty()) n.from = "store";
    require_place("--from", n.from, true);
    if (!n.to.starts_with("tech:") || !is_location(n.to))
      throw usage_error(fmt::format("--to '{}': an issue goes to a technician, tech:NAME", n.to));
    require_text("--ticket", n.ticket);
    require_text("--approved-by", n.approved_by);
  } else if (n.type == "return" || n.type == "transfer") {
    if (n.type == "transfer" && n.from.empty()) n.from = "store";
    require_text("--from", n.from);
    require_text("--to", n.to);
    require_place("--from", n.from, true);
    require_place("--to", n.to, true);
    if (n.type == "transfer" && !n.to.starts_with("station:") && !n.to.starts_with("store"))
      throw usage_error(fmt::format(
          "--to '{}': a transfer goes to a service station (station:CODE) or a store", n.to));
  } else if (n.type == "dispose") {
    require_member("--as", n.as, kDisposals);
    if (n.from.empty()) n.from = "old";
    require_place("--from", n.from, true);
    if (n.as == "supplier") {
      require_text("--supplier", n.supplier);
      n.to = "supplier:" + n.supplier;
    } else if (n.as == "scrap") {
      n.to = "scrap";
    } else if (n.to.empty()) {
      n.to = "store";
    }
    require_place("--to", n.to, false);
  } else if (n.type == "claim") {
    require_text("--supplier", n.supplier);
    n.from = "old";
    n.to = "supplier:" + n.supplier;
    require_place("--supplier", n.to, false);
    std::int64_t cents = money_option("--amount", n.amount, true);
    n.amount = format_money(cents);
  }
  if (n.from == n.to)
    throw usage_error(fmt::format("--from and --to are both {}: nothing would move", n.from));
  std::vector<Movement> mine;
  for (const Line& l : lines)
    mine.push_back({now, kThisSlip, l.part, n.from, n.to, l.qty, l.unit_cost, "", false, "", true});
  require_stock(books, mine, off);
  e.data.set_plain("from", n.from);
  e.data.set_plain("to", n.to);
  e.data.set("lines", lines_value(lines));
  if (!n.ticket.empty()) e.data.set_plain("ticket", n.ticket);
  if (!n.approved_by.empty()) e.data.set_text("approved_by", n.approved_by);
  if (!n.slip_no.empty()) e.data.set_text("slip_no", n.slip_no);
  if (n.type == "dispose") e.data.set_plain("as", n.as);
  if (!n.supplier.empty()) e.data.set_text("supplier", n.supplier);
  if (n.type == "claim") {
    e.data.set_plain("amount", n.amount);
    record::set_due(e, "answer", now + static_cast<Time>(cfg.claim_days) * 86400, ctx);
  }
  return e;
}

Event decide_answer(const Record& r, const std::string& accepted, bool rejected,
                    const std::string& reason, const Context& ctx) {
  if (accepted.empty() == !rejected)
    throw usage_error("answer a claim with --accepted AMOUNT or with --rejected --reason TEXT");
  if (r.fields.get("type") != "claim")
    throw refused(
        fmt::format("{} is a {} slip; only a claim is answered", r.id, r.fields.get("type")));
  Event e = record::new_event("answer", ctx);
  if (rejected) {
    require_text("--reason", reason);
    record::require_allowed(rules(), r, "answer");
    e.data.set_text("rejected", reason);
    return e;
  }
  if (!reason.empty()) throw usage_error("--reason goes with --rejected");
  std::int64_t cents = money_option("--accepted", accepted, true);
  record::require_allowed(rules(), r, "answer");
  auto claimed = parse_hundredths(r.fields.get("amount"));
  if (claimed && cents > *claimed)
    throw refused(fmt::format("--accepted {} is more than the {} claimed", format_money(cents),
                              format_money(*claimed)));
  e.data.set_plain("accepted", format_money(cents));
  return e;
}

Event decide_credit(const Record& r, const std::string& note_no, const std::string& amount,
                    const Context& ctx) {
  require_text("--note-no", note_no);
  std::int64_t cents = money_option("--amount", amount, true);
  if (r.fields.get("type") != "claim")
    throw refused(fmt::format("{} is a {} slip; only an accepted claim is credited", r.id,
                              r.fields.get("type")));
  record::require_allowed(rules(), r, "credit");
  auto accepted = parse_hundredths(r.fields.get("accepted"));
  if (accepted && cents > *accepted)
    throw refused(fmt::format("--amount {} is more than the {} the supplier accepted",
                              format_money(cents), format_money(*accepted)));
  Event e = record::new_event("credit", ctx);
  e.data.set_text("note_no", note_no);
  e.data.set_plain("amount", format_money(cents));
  return e;
}

Event decide_edit(const Record& r, const Value& asked, const Context& ctx) {
  // What moved is fixed once posted: a wrong slip is voided and written again, so the ledger's
  // history keeps both.
  static const char* const owned[] = {
      "id",     "status",   "history",  "due",    "done",     "registered", "type",
      "from",   "to",       "location", "lines",  "counted",  "posted",     "as",
      "amount", "accepted", "rejected", "credit", "supplier", "ticket",     "signed_by"};
  record::refuse_owned(rules(), asked, {std::begin(owned), std::end(owned)});
  Value changes = asked;
  record::keep_text(changes, {});
  if (auto found = validate(Record{r.id, record::merged_with(rules(), r.fields, changes), {}});
      !found.empty())
    throw refused(found.front().message);
  return record::edit_event(std::move(changes), ctx);
}

std::vector<Finding> validate(const Record& r) {
  std::vector<Finding> found = record::validate_common(rules(), r);
  const Value& f = r.fields;
  auto add = [&](const Value* at, std::string message) {
    found.push_back({at ? at->line : 0, at ? at->column : 0, std::move(message)});
  };
  const std::string type = f.get("type");
  if (!f.find("type")) {
    add(nullptr, "missing 'type'");
    return found;
  }
  if (type == "postage") {
    if (!f.find("amount")) add(nullptr, "missing 'amount'");
    const Value* s = f.find("signed_by");
    if (!s || !s->is_list() || s->items.size() != 2)
      add(s, "postage needs two signers (signed_by)");
    return found;
  }
  if (type == "count") {
    const Value* loc = f.find("location");
    if (!loc || !is_location(loc->scalar) || !is_internal(loc->scalar))
      add(loc, "a count needs a location that holds stock (store, station:CODE, tech:NAME, old)");
    const Value* c = f.find("counted");
    if (!c || !c->is_list() || c->items.empty()) add(c, "a count needs what was counted (counted)");
    if (const Value* p = f.find("posted"))
      for (const Value& item : p->items)
        if (!is_location(item.get("from")) || !is_location(item.get("to")))
          add(&item, "a posted difference needs a from and a to location");
    return found;
  }
  for (const char* key : {"from", "to"}) {
    const Value* v = f.find(key);
    if (!v || !is_location(v->scalar))
      add(v, fmt::format("'{}' is not a location (store, station:CODE, tech:NAME, old, "
                         "customer, supplier:NAME, head-office, scrap)",
                         key));
  }
  const Value* lines = f.find("lines");
  if (!lines || !lines->is_list() || lines->items.empty())
    add(lines, "a slip needs its lines (part and qty)");
  else
    for (const Value& item : lines->items)
      if (item.get("part").empty() || !item.find("qty")) add(&item, "a line needs part and qty");
  return found;
}

std::vector<Movement> slip_movements(const Record& slip, int offset_s) {
  std::vector<Movement> out;
  std::vector<Event> standing = record::standing(slip.history);
  if (standing.empty() || standing.front().action != "new") return out;
  const Event& e = standing.front();
  auto at = parse_time(e.at, offset_s);
  if (!at) return out;
  auto qty_of = [](const Value& item) { return parse_whole(item.get("qty")).value_or(0); };
  const Value& f = slip.fields;
  if (const Value* posted = f.find("posted"))
    for (const Value& item : posted->items) {
      std::int64_t qty = qty_of(item);
      if (qty <= 0) continue;
      out.push_back({*at, slip.id, item.get("part"), item.get("from"), item.get("to"), qty,
                     std::nullopt, "", item.get("from") == "stocktake", "", true});
    }
  if (const Value* lines = f.find("lines"))
    for (const Value& item : lines->items) {
      std::int64_t qty = qty_of(item);
      if (qty <= 0) continue;
      std::optional<std::int64_t> cost;
      if (item.find("cost")) cost = parse_hundredths(item.get("cost"));
      out.push_back({*at, slip.id, item.get("part"), f.get("from"), f.get("to"), qty, cost, "",
                     false, "", true});
    }
  return out;
}

std::vector<std::string> received_parts(const Record& slip) {
  std::vector<std::string> out;
  if (slip.fields.get("type") != "receive") return out;
  if (const Value* lines = slip.fields.find("lines"))
    for (const Value& item : lines->items) out.push_back(item.get("part"));
  return out;
}

std::optional<Count> count_of(const Record& slip, int offset_s) {
  if (slip.fields.get("type") != "count") return std::nullopt;
  std::vector<Event> standing = record::standing(slip.history);
  if (standing.empty() || standing.front().action != "new") return std::nullopt;
  auto at = parse_time(standing.front().at, offset_s);
  if (!at) return std::nullopt;
  Count c;
  c.slip = slip.id;
  c.location = slip.fields.get("location");
  c.at = *at;
  if (const Value* counted = slip.fields.find("counted"))
    for (const Value& item : counted->items)
      c.counted.emplace_back(item.get("part"), parse_whole(item.get("qty")).value_or(0));
  if (const Value* posted = slip.fields.find("posted"))
    for (const Value& item : posted->items) {
      std::int64_t qty = parse_whole(item.get("qty")).value_or(0);
      c.posted[item.get("part")] += item.get("to") == c.location ? qty : -qty;
    }
  return c;
}

}  // namespace svc::parts
