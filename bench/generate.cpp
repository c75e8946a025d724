// A realistic year of a service office, written exactly as svc writes it: every record is made
// by svc's own decisions (so deadlines are computed as svc computes them, and every history
// replays), rendered by svc's own writer. Deterministic for a seed.
//
// Usage: svc-bench-gen DIR [--tickets N] [--complaints N] [--returns N] [--surveys N] [--slips N]
//        [--seed S]
// Defaults: 120000 tickets, 12000 complaints, 6000 returns, 60000 surveys, 30000 parts slips (a
// quarter as many as tickets) over 2026; the office
// clock stands at 2027-01-05 10:00, so December's records are still in every state.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "svc/cli/kinds.hpp"
#include "svc/domain/complaint.hpp"
#include "svc/domain/parts.hpp"
#include "svc/domain/returns.hpp"
#include "svc/domain/survey.hpp"
#include "svc/domain/ticket.hpp"
#include "svc/store/datadir.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/settings_io.hpp"

namespace {

using namespace svc;
namespace fs = std::filesystem;

constexpr int kOffset = 8 * 3600;
const Time kNow = *parse_time("2027-01-05T10:00:00+08:00", 0);

const char* const kCustomers[] = {"华东机械厂", "宏达纺织有限公司", "滨江水厂", "远洋船舶配件厂",
                                  "星辰食品",   "南湖印务",         "江北机电", "东方造纸",
                                  "西湖制药",   "金桥汽配",         "青山水泥", "北苑物业",
                                  "海港物流",   "新城热电"};
const char* const kTechs[] = {"李四", "王五", "赵六", "孙七", "周八", "吴九",
                              "郑十", "冯工", "陈工", "褚工", "卫工", "蒋工"};
const char* const kModels[] = {"KX-200", "KX-300", "LX-50", "PX-900", "MX-10", "QX-70"};
const char* const kFaults[] = {"主轴异响", "皮带打滑",   "控制柜报警E21", "压力表读数异常",
                               "电机过热", "液压站漏油", "设备无法启动",  "噪音偏大"};
const char* const kDepts[] = {"质量部", "生产部", "物流部", "服务部", "销售部"};
const char* const kCategories[] = {"quality/production", "quality/logistics", "other/delay",
                                   "other/attitude",     "human/documents",   "other/quantity"};

struct Gen {
  std::mt19937_64 rng;
  const Settings& settings;
  const store::DataDir& dir;
  std::map<std::string, int> serials;  // "T2601" -> last serial
  long files = 0;
  int budget = 0;  // steps a record may still take: recent ones stop somewhere on the way

  // Calls of the last three weeks are still in every state; one older record in fifty stalled.
  void set_budget(Time reg) {
    bool recent = kNow - reg < 21 * 86400;
    budget = recent && chance(60) ? pick(9) : chance(2) ? 1 + pick(6) : 1000;
  }

  int pick(int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); }
  template <size_t N>
  const char* pick(const char* const (&list)[N]) {
    return list[pick(static_cast<int>(N))];
  }
  bool chance(int percent) { return pick(100) < percent; }

  Context at(Time t, const char* who) { return {{t, who}, settings}; }

  std::string next_id(char prefix, int width, Time t) {
    Date d = date_from_day(local_day(t, kOffset));
    std::string key = fmt::format("{}{:02}{:02}", prefix, d.year % 100, d.month);
    return fmt::format("{}-{:02}{:02}-{:0{}}", prefix, d.year % 100, d.month, ++serials[key],
                       width);
  }

  void write(const store::Kind& kind, const Record& r) {
    fs::path path = dir.path_for(kind, r.id);
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << store::record_text(r);
    ++files;
  }

  // A working-hours instant of 2026: a random working day, 08:30–17:00.
  Time registration(Time from, Time to) {
    for (;;) {
      Time t = from + static_cast<Time>(rng() % static_cast<std::uint64_t>(to - from));
      Day day = local_day(t, kOffset);
      if (!settings.calendar.is_working_day(day)) continue;
      int minute = 8 * 60 + 30 + pick(8 * 60 + 30);
      return at_local(day, minute, kOffset);
    }
  }

  // Applies `decide` at time `t` when it is still in the past; false once the clock is reached.
  template <typename F>
  bool step(const KindRules& k, Record& r, Time& t, Time after, const char* who, F&& decide) {
    t += after;
    if (t >= kNow || budget-- <= 0) return false;
    record::commit_event(k, r, decide(at(t, who)));
    return true;
  }

  Record ticket(Time reg, std::vector<Record>& closed) {
    set_budget(reg);
    Record r;
    r.id = next_id('T', 4, reg);
    r.fields.set_plain("id", r.id);
    ticket::NewTicket n;
    n.customer = pick(kCustomers);
    n.zone = chance(75) ? "urban" : "suburban";
    n.model = pick(kModels);
    n.purchased = format_date(local_day(reg, kOffset) - 30 - pick(700));  // in warranty or not
    n.warranty_months = 12;
    n.priority = chance(3) ? "emergency" : chance(10) ? "urgent" : "normal";
    static const char* const kinds[] = {"repair",  "repair",      "repair",     "repair",
                                        "install", "maintenance", "inspection", "consult"};
    n.kind = pick(kinds);
    n.description = pick(kFaults);
    const KindRules& k = ticket::rules();
    record::commit_event(k, r, ticket::decide_new(n, at(reg, "前台小王")));
    Time t = reg;
    const char* tech = pick(kTechs);
    auto go = [&](Time after, const char* who, auto decide) {
      return step(k, r, t, after, who, decide);
    };
    if (!go(60 * (5 + pick(40)), "调度老周",
            [&](const Context& c) { return ticket::decide_assign(r, tech, {}, c); }))
      return r;
    if (chance(4)) {
      go(600, "前台小王",
         [&](const Context& c) { return ticket::decide_cancel(r, "客户自行解决", c); });
      return r;
    }
    if (!go(60 * (5 + pick(60)), tech,
            [&](const Context& c) { return ticket::decide_respond(r, c); }))
      return r;
    // One call in six arrives late.
    if (!go(60 * (60 + pick(300) + (chance(16) ? 900 : 0)), tech,
            [&](const Context& c) { return ticket::decide_arrive(r, c); }))
      return r;
    if (chance(40) && !go(1800, tech, [&](const Context& c) {
          return ticket::decide_part(r, "轴承6204", 1 + pick(4), "35.50", chance(50), c);
        }))
      return r;
    if (chance(10)) {
      if (!go(3600, tech, [&](const Context& c) { return ticket::decide_wait(r, "等配件", c); }))
        return r;
      if (!go(3600 * (20 + pick(60)), tech,
              [&](const Context& c) { return ticket::decide_resume(r, c); }))
        return r;
    }
    if (!go(60 * (30 + pick(400)), tech, [&](const Context& c) {
          return ticket::decide_resolve(r, std::string("处理完毕：") + n.description,
                                        fmt::format("{}.5", 1 + pick(4)), c);
        }))
      return r;
    if (!go(300, tech, [&](const Context& c) { return ticket::decide_sign(r, "客户", c); }))
      return r;
    if (r.fields.get("service_class") == "A" &&
        !go(60, tech, [&](const Context& c) { return ticket::decide_fee(r, "480.00", "paid", c); }))
      return r;
    if (!go(3600 * (2 + pick(40)), "前台小王",
            [&](const Context& c) { return ticket::decide_close(r, c); }))
      return r;
    closed.push_back(r);
    if (chance(70))
      go(3600 * (4 + pick(60)), "回访员小周",
         [&](const Context& c) { return ticket::decide_follow_up(r, "运行正常", c); });
    return r;
  }

  void survey_of(const Record& t) {
    Record s;
    Time closed = *parse_time(t.fields.get("closed"), kOffset);
    s.id = next_id('S', 4, closed);
    s.fields.set_plain("id", s.id);
    survey::NewSurvey n;
    n.template_name = "visit";
    n.customer = t.fields.find("customer")->get("name");
    n.technician = t.fields.get("assignee");
    n.ticket = t.id;
    const KindRules& k = survey::rules();
    record::commit_event(k, s, survey::decide_new(n, at(closed, "前台小王")));
    Time when = closed + 3600 * (20 + pick(100));
    if (when < kNow && chance(80)) {
      static const char* const levels[] = {"4", "4", "4", "3", "3", "3", "4", "2", "3", "1"};
      std::vector<std::string> answers;
      for (const char* item : {"attitude", "skill", "arrival", "promise"})
        answers.push_back(std::string(item) + "=" + pick(levels));
      record::commit_event(k, s,
                           survey::decide_record(s, answers, chance(20) ? "师傅很专业" : "", false,
                                                 at(when, "回访员小周")));
    } else if (when < kNow && chance(50)) {
      record::commit_event(k, s, survey::decide_drop(s, "联系不上", at(when, "回访员小周")));
    }
    write(survey::rules(), s);
  }

  void complaint(Time reg) {
    set_budget(reg);
    Record r;
    r.id = next_id('C', 3, reg);
    r.fields.set_plain("id", r.id);
    complaint::NewComplaint n;
    n.customer = pick(kCustomers);
    n.category = pick(kCategories);
    n.severity = chance(10) ? "major" : "general";
    n.description = "客户反映问题";
    const KindRules& k = complaint::rules();
    record::commit_event(k, r, complaint::decide_new(n, at(reg, "客服小李")));
    Time t = reg;
    const char* dept = pick(kDepts);
    auto go = [&](Time after, const char* who, auto decide) {
      return step(k, r, t, after, who, decide);
    };
    if (!go(3600 * (1 + pick(30)), "客服小李",
            [&](const Context& c) { return complaint::decide_investigate(r, c); }))
      return write(complaint::rules(), r);
    if (chance(20)) {
      if (go(3600 * (2 + pick(40)), "客服小李", [&](const Context& c) {
            return complaint::decide_reject(r, "经核实不成立", "已答复客户", c);
          }))
        go(3600, "客服小李", [&](const Context& c) { return complaint::decide_close(r, c); });
      return write(complaint::rules(), r);
    }
    bool ok =
        go(3600 * (1 + pick(20)), "客服小李",
           [&](const Context& c) { return complaint::decide_route(r, dept, "", c); }) &&
        go(3600 * (4 + pick(80)), dept,
           [&](const Context& c) { return complaint::decide_plan(r, "整改方案", c); }) &&
        go(3600, "客服小李", [&](const Context& c) { return complaint::decide_propose(r, c); }) &&
        go(3600 * (2 + pick(30)), "客服小李",
           [&](const Context& c) { return complaint::decide_accept(r, c); }) &&
        go(3600 * 4, dept, [&](const Context& c) { return complaint::decide_implement(r, c); }) &&
        go(3600 * (10 + pick(100)), dept,
           [&](const Context& c) { return complaint::decide_implemented(r, c); });
    if (ok &&
        go(3600 * (10 + pick(60)), "客服小李",
           [&](const Context& c) {
             return complaint::decide_follow_up(r, chance(85) ? "satisfied" : "unsatisfied", "", c);
           }) &&
        r.status() == "implemented")
      go(3600, "客服小李", [&](const Context& c) { return complaint::decide_close(r, c); });
    write(complaint::rules(), r);
  }

  // A parts slip, decided by svc's own decide_new against books that hold plenty (a replay of
  // the whole year for every slip would make the year take hours; `check` proves the real one).
  void slip(Time reg) {
    static const char* const parts_list[] = {"轴承6204", "KX-BRG", "KX-SEAL", "KX-BELT",
                                             "PX-PUMP",  "MX-FUSE", "LX-GEAR", "QX-VALVE"};
    static const char* const types[] = {"receive", "issue",    "issue",   "issue",
                                        "return",  "transfer", "dispose", "claim",
                                        "issue",   "postage"};
    parts::Books books;
    for (const char* p : parts_list) {
      books.known.insert(p);
      for (const char* from : {"store", "old", "tech:李四"})
        books.moves.push_back({0, "P-0000-0000", p, "supplier:gen", from, 1000000, 100});
    }
    parts::NewSlip n;
    n.type = pick(types);
    const char* tech = pick(kTechs);
    std::string t = std::string("tech:") + tech;
    int lines = 1 + pick(3);
    for (int i = 0; i < lines; ++i) {
      std::string part = parts_list[(i * 3 + pick(8)) % 8];
      bool dup = false;
      for (const auto& l : n.lines) dup |= l.rfind(part + "=", 0) == 0;
      if (dup) continue;
      n.lines.push_back(fmt::format("{}={}{}", part, n.type == "receive" ? 20 + pick(80) : 1 + pick(4),
                                    n.type == "receive" ? fmt::format("@{}.50", 10 + pick(40)) : ""));
    }
    if (n.type == "receive") n.from = chance(70) ? "supplier:洛阳轴承" : "head-office";
    // The month's first call: a slip against a call of its month.
    const std::string day = format_date(local_day(reg, kOffset));
    const std::string call = fmt::format("T-{}{}-0001", day.substr(2, 2), day.substr(5, 2));
    if (n.type == "issue") n.to = t, n.ticket = call, n.approved_by = "服务部刘经理";
    if (n.type == "return") n.from = "tech:李四", n.to = "store";
    if (n.type == "transfer") n.to = chance(50) ? "station:SZ" : "station:NJ";
    if (n.type == "dispose") n.as = chance(70) ? "scrap" : "restock";
    if (n.type == "claim") n.supplier = "洛阳轴承", n.amount = fmt::format("{}.00", 20 + pick(200));
    if (n.type == "postage") {
      n.lines.clear();
      n.amount = "18.00";
      n.ticket = call;
      n.signed_by = {tech, "服务部刘经理"};
    }
    std::vector<std::string> warnings;
    Record r;
    r.id = next_id('P', 4, reg);
    r.fields.set_plain("id", r.id);
    const KindRules& k = parts::rules();
    record::commit_event(k, r, parts::decide_new(n, books, at(reg, "仓库老陈"), warnings));
    if (n.type == "claim" && reg + 86400 * 20 < kNow) {
      Time t = reg;
      set_budget(reg);
      step(k, r, t, 86400 * 10, "仓库老陈", [&](const Context& c) {
        bool yes = chance(80);
        return parts::decide_answer(r, yes ? "20.00" : "", !yes, yes ? "" : "旧件人为损坏", c);
      }) &&
          r.status() == "accepted" && step(k, r, t, 86400 * 5, "财务小钱", [&](const Context& c) {
            return parts::decide_credit(r, "CN-" + r.id, "20.00", c);
          });
    }
    write(k, r);
  }

  void a_return(Time reg) {
    set_budget(reg);
    Record r;
    r.id = next_id('R', 3, reg);
    r.fields.set_plain("id", r.id);
    returns::NewReturn n;
    n.customer = pick(kCustomers);
    n.model = pick(kModels);
    n.qty = std::to_string(1 + pick(5));
    n.price = "128.00";
    Date bought = date_from_day(local_day(reg, kOffset) - 1 - pick(40));
    n.purchased = format_date(bought);
    n.want = chance(60) ? "refund" : chance(50) ? "exchange" : "repair";
    n.reason = chance(70) ? "defect" : "none";
    n.condition = {"resaleable", "packaging_intact", "accessories_complete", "warranty_card"};
    const KindRules& k = returns::rules();
    record::commit_event(k, r, returns::decide_new(n, at(reg, "仓库老陈")));
    Time t = reg;
    auto go = [&](Time after, const char* who, auto decide) {
      return step(k, r, t, after, who, decide);
    };
    std::string outcome = r.fields.find("decision")->get("outcome");
    if (outcome == "refused") {
      go(3600, "服务部刘经理",
         [&](const Context& c) { return returns::decide_refuse(r, false, "", "", c); });
      return write(returns::rules(), r);
    }
    bool ok = go(3600, "服务部刘经理",
                 [&](const Context& c) { return returns::decide_approve(r, false, "", "", c); }) &&
              go(3600 * (20 + pick(50)), "仓库老陈",
                 [&](const Context& c) { return returns::decide_receive(r, n.qty, c); }) &&
              go(3600 * 4, "质检小吴", [&](const Context& c) {
                return returns::decide_inspect(r, outcome == "refund" ? "restock" : "repair", c);
              });
    if (ok) {
      if (outcome == "refund")
        ok = go(3600 * 20, "财务小钱",
                [&](const Context& c) { return returns::decide_credit(r, "CN-" + r.id, "", c); });
      else if (outcome == "exchange")
        ok = go(3600 * 20, "仓库老陈",
                [&](const Context& c) { return returns::decide_exchange(r, "NEW-" + r.id, c); });
      else
        ok = go(3600 * (20 + pick(100)), "维修车间",
                [&](const Context& c) { return returns::decide_repaired(r, c); }) &&
             go(3600 * 2, "仓库老陈",
                [&](const Context& c) { return returns::decide_notify(r, "", c); });
    }
    if (ok)
      go(3600 * 24, "仓库老陈", [&](const Context& c) { return returns::decide_close(r, c); });
    write(returns::rules(), r);
  }
};

long number(const std::string& s) {
  char* end = nullptr;
  long n = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end || n < 0) throw std::runtime_error("not a count: " + s);
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  const char* usage =
      "usage: svc-bench-gen DIR [--tickets N] [--complaints N] [--returns N] [--surveys N] "
      "[--slips N] [--seed S]\n";
  const std::string first = argc > 1 ? argv[1] : "";
  if (first == "--help" || first == "-h") {
    std::fputs(usage, stdout);
    return 0;
  }
  // DIR first, then options in pairs: a stray option or a missing count is a usage error.
  if (first.empty() || first[0] == '-' || argc % 2 != 0) {
    std::fputs(usage, stderr);
    return 2;
  }
  long tickets = 120000, complaints = 12000, returns_n = 6000, surveys = 60000, seed = 2026;
  long slips = -1;  // a quarter as many parts slips as tickets unless told
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string opt = argv[i];
    long n = 0;
    try {
      n = number(argv[i + 1]);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "svc-bench-gen: %s %s\n", opt.c_str(), e.what());
      return 2;
    }
    if (opt == "--tickets")
      tickets = n;
    else if (opt == "--complaints")
      complaints = n;
    else if (opt == "--returns")
      returns_n = n;
    else if (opt == "--surveys")
      surveys = n;
    else if (opt == "--slips")
      slips = n;
    else if (opt == "--seed")
      seed = n;
    else {
      std::fprintf(stderr, "svc-bench-gen: unknown option %s\n", opt.c_str());
      return 2;
    }
  }
  if (slips < 0) slips = tickets / 4;
  try {
  auto start = std::chrono::steady_clock::now();
  fs::path root = argv[1];
  store::init_data_dir(root, false, false, cli::kind_rules());
  store::DataDir dir(root, cli::kind_rules());
  Gen g{std::mt19937_64(static_cast<std::uint64_t>(seed)), dir.settings(), dir, {}, 0};
  const Time from = *parse_time("2026-01-01T00:00:00+08:00", 0);
  const Time to = *parse_time("2026-12-31T18:00:00+08:00", 0);
  // Registration times in order, so each month's serials follow the clock.
  auto times = [&](long n) {
    std::vector<Time> out;
    for (long i = 0; i < n; ++i) out.push_back(g.registration(from, to));
    std::sort(out.begin(), out.end());
    return out;
  };
  std::vector<Record> closed;
  for (Time t : times(tickets)) g.write(ticket::rules(), g.ticket(t, closed));
  // Surveys for as many closed calls as asked, spread over the year.
  long made = 0;
  const long n_closed = static_cast<long>(closed.size());
  for (long k = 0; k < std::min(surveys, n_closed); ++k, ++made)
    g.survey_of(closed[static_cast<size_t>(k * n_closed / std::min(surveys, n_closed))]);
  for (Time t : times(complaints)) g.complaint(t);
  for (Time t : times(returns_n)) g.a_return(t);
  for (Time t : times(slips)) g.slip(t);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "%ld files (%ld tickets, %ld complaints, %ld returns, %ld surveys, %ld parts slips) in "
      "%.1f s\n",
      g.files, tickets, complaints, returns_n, made, slips, seconds);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "svc-bench-gen: %s\n", e.what());
    return 1;
  }
  return 0;
}
