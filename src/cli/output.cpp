#include "svc/cli/output.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include "svc/calendar/time.hpp"
#include "svc/cli/kinds.hpp"
#include "svc/domain/text.hpp"

namespace svc::cli {

namespace {

int code_point_width(char32_t cp) {
  // East Asian Width and emoji from the Unicode tables utf8proc ships (Debian libutf8proc).
  if (cp > 0x10ffff) return 1;
  return std::max(0, utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp)));
}

bool looks_like_formula(const std::string& s) {
  if (s.empty() || std::string_view("=+-@\t\r").find(s[0]) == std::string_view::npos) return false;
  // A plain number such as -12.50 is data, not a formula.
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  bool digit = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9')
      digit = true;
    else if (s[i] != '.')
      return true;
  }
  return !digit;
}

std::string csv_cell(const std::string& raw, bool guard) {
  // A leading ' keeps a spreadsheet from running text like =HYPERLINK(...) as a formula.
  std::string s = guard && looks_like_formula(raw) ? "'" + raw : raw;
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

int display_width(std::string_view s) {
  int w = 0;
  for (size_t i = 0; i < s.size();) w += code_point_width(next_code_point(s, i));
  return w;
}

std::string truncate_to_width(std::string_view s, int width) {
  if (display_width(s) <= width) return std::string(s);
  std::string out;
  int w = 0;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    int cw = code_point_width(next_code_point(s, i));
    if (w + cw > width - 1) break;
    out.append(s.substr(start, i - start));
    w += cw;
  }
  return out + "…";
}

std::string wrap_facts(const std::string& line, int width, int indent) {
  std::string out(static_cast<size_t>(indent), ' ');
  int used = indent;
  for (size_t p = 0, n = 0; p <= line.size(); ++n) {
    size_t q = std::min(line.find("  ", p), line.size());
    std::string fact = line.substr(p, q - p);
    int w = display_width(fact);
    if (n > 0 && width > 0 && used + 2 + w > width) {
      out += "\n" + std::string(static_cast<size_t>(indent + 2), ' ');
      used = indent + 2;
    } else if (n > 0) {
      out += "  ";
      used += 2;
    }
    out += fact;
    used += w;
    p = q + 2;
  }
  return out + "\n";
}

std::string pad_right(std::string_view s, int width) {
  return std::string(s) +
         std::string(static_cast<size_t>(std::max(0, width - display_width(s))), ' ');
}

std::vector<int> Table::natural_widths() const {
  std::vector<int> natural(headers.size(), 0);
  for (size_t c = 0; c < headers.size(); ++c) natural[c] = display_width(headers[c]);
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size() && c < natural.size(); ++c)
      natural[c] = std::max(natural[c], display_width(escape_controls(row[c])));
  return natural;
}

std::string Table::render(int max_width) const {
  // Stored text never reaches a terminal raw: control characters and escapes are shown escaped.
  auto cells_of = [](const std::vector<std::string>& row) {
    std::vector<std::string> out;
    for (const auto& c : row) out.push_back(escape_controls(c));
    return out;
  };
  std::vector<std::vector<std::string>> shown;
  for (const auto& row : rows) shown.push_back(cells_of(row));
  const std::vector<int> natural = natural_widths();
  std::vector<bool> shown_column(headers.size(), true);
  std::vector<int> widths;
  auto total = [&] {
    int t = -2;
    for (size_t c = 0; c < widths.size(); ++c)
      if (shown_column[c]) t += widths[c] + 2;
    return t;
  };
  // Cuts the widest column that `may` allow, down to `floor(c)`, until the row fits.
  auto shrink = [&](auto may, auto floor) {
    while (max_width > 0 && total() > max_width) {
      int widest = -1;
      for (size_t c = 1; c < widths.size(); ++c)
        if (shown_column[c] && may(c) && widths[c] > floor(c) &&
            (widest < 0 || widths[c] > widths[static_cast<size_t>(widest)]))
          widest = static_cast<int>(c);
      if (widest < 0) return;
      --widths[static_cast<size_t>(widest)];
    }
  };
  auto is_free = [&](size_t c) { return c < free_text.size() && free_text[c]; };
  auto text_floor = [&](size_t c) {
    return std::min(natural[c], std::max(8, display_width(headers[c])));
  };
  // Free text gives way first, to a floor that still reads; then whole columns go in the
  // stated order; only when nothing is left to drop are other columns cut.
  for (size_t dropped = 0;; ++dropped) {
    widths = natural;
    shrink(is_free, text_floor);
    if (max_width <= 0 || total() <= max_width || dropped == drop_order.size()) break;
    if (drop_order[dropped] < shown_column.size()) shown_column[drop_order[dropped]] = false;
  }
  if (max_width > 0 && total() > max_width)
    shrink([](size_t) { return true; }, [](size_t) { return 4; });
  size_t last = 0;
  for (size_t c = 0; c < widths.size(); ++c)
    if (shown_column[c]) last = c;
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string out;
    for (size_t c = 0; c < widths.size(); ++c) {
      if (!shown_column[c]) continue;
      std::string cell = c == 0 ? (cells.empty() ? "" : cells[0])
                                : truncate_to_width(c < cells.size() ? cells[c] : "", widths[c]);
      std::string padded = c < last ? pad_right(cell, widths[c]) + "  " : cell;
      bool paint = !header && static_cast<int>(c) == alert_column && !cell.empty();
      out += paint ? alert(cell, color) + padded.substr(cell.size()) : padded;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(headers, true);
  for (const auto& row : shown) out += line(row, false);
  return out;
}

std::string Table::csv_line(const std::vector<std::string>& cells, bool guard_formulas) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += csv_cell(cells[i], guard_formulas);
  }
  return out + "\n";
}

std::string Table::render_csv(bool guard_formulas) const {
  std::string out = csv_line(headers, guard_formulas);
  for (const auto& row : rows) out += csv_line(row, guard_formulas);
  return out;
}

std::string markdown_cell(std::string_view text) {
  // One row per record: a newline becomes <br>, a pipe is escaped, controls are shown escaped.
  std::string cell;
  for (char c : text) {
    if (c == '\n')
      cell += "<br>";
    else if (c == '|')
      cell += "\\|";
    else
      cell += c;
  }
  return escape_controls(cell);
}

std::string Table::render_markdown() const {
  auto line = [](const std::vector<std::string>& cells) {
    std::string out = "|";
    for (const auto& c : cells) {  // appended piecewise: GCC 12 warns (-Wrestrict) on " " + s
      out += ' ';
      out += markdown_cell(c);
      out += " |";
    }
    return out + "\n";
  };
  std::string out = line(headers) + "|";
  for (size_t i = 0; i < headers.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& row : rows) out += line(row);
  return out;
}

Value escaped(const Value& v) {
  Value out = v;
  if (out.is_scalar()) out.scalar = escape_controls(out.scalar);
  for (auto& [key, value] : out.entries) value = escaped(value);
  for (auto& item : out.items) item = escaped(item);
  return out;
}

std::string alert(const std::string& text, bool on) {
  return on ? "\033[31m" + text + "\033[0m" : text;
}

int terminal_width() {
  if (!::isatty(STDOUT_FILENO)) return 0;
  // $COLUMNS when the user set it (a shell keeps its own unexported), else the terminal's.
  if (const char* env = std::getenv("COLUMNS"); env && *env) {
    char* end = nullptr;
    long n = std::strtol(env, &end, 10);
    if (*end == '\0' && n > 0 && n < 10000) return static_cast<int>(n);
  }
  winsize ws{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

int page_width() {
  int width = terminal_width();
  return width > 0 ? width : 80;
}

namespace {

// The labels of the machinery's views and of the reports; each kind's own are in its descriptor.
const std::vector<Label>& shared_labels() {
  static const std::vector<Label> shared = {
      {"head.links", {"关联", "關聯", "links"}},
      {"head.late", {"逾期", "逾期", "late"}},
      {"unit.workday", {"个工作日", "個工作日", "working day"}},
      {"unit.workdays", {"个工作日", "個工作日", "working days"}},
      {"unit.working_time", {"工作时间", "工作時間", "working time"}},
      {"head.extended_late", {"逾期后延期至", "逾期後延期至", "extended after due to"}},
      {"head.due", {"期限", "期限", "due"}},
      {"head.id", {"编号", "編號", "ID"}},
      {"head.status", {"状态", "狀態", "status"}},
      {"head.customer", {"客户", "客戶", "customer"}},
      {"head.registered", {"登记", "登記", "registered"}},
      {"head.next", {"下一期限", "下一期限", "next deadline"}},
      {"head.overdue", {"逾期", "逾期", "overdue"}},
      {"head.description", {"描述", "描述", "description"}},
      {"head.deadlines", {"期限", "期限", "deadlines"}},
      {"head.next_steps", {"可执行", "可執行", "next steps"}},
      {"head.conflicts",
       {"合并冲突：以下事件在合并后的顺序中无法执行，已保留在历史中但未计入摘要",
        "合併衝突：以下事件在合併後的順序中無法執行，已保留在歷史中但未計入摘要",
        "merge conflicts: these events could not be applied in the merged order; kept in the "
        "history, left out of the summary"}},
      {"head.settle_hint", {"核实后确认", "核實後確認", "once checked, settle"}},
      // Written into the records by the tidy after a merge: {0} the record done twice, {1} the
      // survey kept, {2} the one left out of the figures.
      {"tidy.second_survey",
       {"{0} 的第二份调查（两个副本各建了一份），保留 {1}",
        "{0} 的第二份調查（兩個副本各建了一份），保留 {1}",
        "second survey of {0} (each of two clones made one); {1} is kept"}},
      {"tidy.settled",
       {"两个副本各做了一次：保留 {1}，{2} 不计入统计",
        "兩個副本各做了一次：保留 {1}，{2} 不計入統計",
        "done in two clones: {1} is kept, {2} is left out of the figures"}},
      {"head.voided",
       {"已作废的事件：保留在历史中，未计入摘要", "已作廢的事件：保留在歷史中，未計入摘要",
        "voided events: kept in the history, left out of the summary"}},
      {"state.met", {"按时", "按時", "met"}},
      {"state.late", {"超时", "超時", "late"}},
      {"state.missed", {"未办", "未辦", "missed"}},
      {"state.paused", {"暂停", "暫停", "paused"}},
      {"state.overdue", {"已逾期", "已逾期", "OVERDUE"}},
      {"state.pending", {"待办", "待辦", "pending"}},
      {"head.survey", {"满意度调查", "滿意度調查", "survey"}},
      {"head.surveys", {"满意度调查", "滿意度調查", "Surveys"}},
      {"head.recorded", {"回收", "回收", "recorded"}},
      {"head.dropped", {"未回收", "未回收", "dropped"}},
      // Three populations, each named (SPEC §8): sent in the period, recorded in the period,
      // and of those sent in the period the share recorded.
      {"head.created", {"本期发出", "本期發出", "sent in period"}},
      {"head.responses", {"本期回收", "本期回收", "recorded in period"}},
      {"head.response_rate", {"本期发出的回收率", "本期發出的回收率", "response rate of sent"}},
      {"head.satisfaction_rate", {"满意率", "滿意率", "satisfaction"}},
      {"head.monthly_report", {"服务月报", "服務月報", "Monthly report"}},
      {"head.quarterly_report", {"服务季报", "服務季報", "Quarterly report"}},
      {"head.period_report", {"服务报告", "服務報告", "Service report"}},
      {"head.technician_report", {"技术员考核", "技術員考核", "Technician review"}},
      {"head.recurring_report", {"重复问题分析", "重複問題分析", "Recurring problems"}},
      {"head.late_report", {"洽办单", "洽辦單", "Missed deadlines"}},
      {"head.tickets", {"工单", "工單", "Tickets"}},
      {"head.complaints", {"投诉", "投訴", "Complaints"}},
      {"head.returns", {"退换货", "退換貨", "Returns"}},
      {"head.targets", {"服务目标", "服務目標", "Targets"}},
      {"head.received_count", {"受理", "受理", "received"}},
      {"head.closed_count", {"结案", "結案", "closed"}},
      {"head.cancelled", {"取消", "取消", "cancelled"}},
      {"head.backlog", {"期末未结", "期末未結", "open at end"}},
      {"head.overdue_end", {"期末逾期", "期末逾期", "overdue at end"}},
      {"head.deadline", {"期限", "期限", "deadline"}},
      {"head.due_in_period", {"到期", "到期", "due"}},
      {"head.met", {"按时", "按時", "met"}},
      {"head.on_time", {"按时率", "按時率", "on time"}},
      {"head.mean_time", {"平均用时", "平均用時", "mean time"}},
      {"head.per_day", {"每日受理", "每日受理", "received per day"}},
      {"head.on_time_vs_target", {"按时率与目标", "按時率與目標", "on time vs target"}},
      {"head.by_kind", {"按类型", "按類型", "by kind"}},
      {"head.by_class", {"按服务类别", "按服務類別", "by class"}},
      {"head.substantiated", {"成立", "成立", "substantiated"}},
      {"head.closed_in_time", {"按期结案", "按期結案", "closed in time"}},
      {"head.mean_handling", {"平均处理", "平均處理", "mean handling"}},
      {"head.by_category", {"按类别", "按類別", "by category"}},
      {"head.by_dept", {"按责任部门", "按責任部門", "by department"}},
      {"head.credited", {"退款金额", "退款金額", "credited"}},
      {"head.by_outcome", {"按处理结论", "按處理結論", "by outcome"}},
      {"head.satisfaction_per_item", {"各项满意率", "各項滿意率", "satisfaction per item"}},
      {"head.metric", {"指标", "指標", "metric"}},
      {"head.value", {"实际", "實際", "value"}},
      {"head.target", {"目标", "目標", "target"}},
      {"head.before", {"上期", "上期", "previous"}},
      {"head.points", {"个百分点", "個百分點", "points"}},
      {"head.change", {"变化", "變化", "change"}},
      {"head.trend", {"近12期走势", "近12期走勢", "the last 12 periods"}},
      {"head.target_line", {"目标线", "目標線", "target line"}},
      {"head.verdict", {"结论", "結論", "verdict"}},
      {"head.target_met", {"达标", "達標", "met"}},
      {"head.target_missed", {"未达标", "未達標", "MISSED"}},
      {"head.complaint_rate", {"投诉率", "投訴率", "complaint rate"}},
      {"head.calls", {"工单", "工單", "calls"}},
      {"head.arrive_on_time", {"到场按时", "到場按時", "arrived on time"}},
      {"head.labour_hours", {"工时", "工時", "hours"}},
      {"head.categories", {"投诉类别", "投訴類別", "complaint categories"}},
      {"head.products", {"产品", "產品", "products"}},
      {"head.customers", {"客户", "客戶", "customers"}},
      {"head.total", {"合计", "合計", "total"}},
      {"head.nothing_recurring", {"无重复", "無重複", "nothing came back"}},
      {"head.due_in", {"剩余", "剩餘", "due in"}},
      {"head.done_late", {"超时完成", "超時完成", "done late by"}},
      {"head.never_done", {"未完成", "未完成", "never done"}},
      {"head.late_at_end", {"至期末逾期", "至期末逾期", "late at the period's end by"}},
      // Durations: 4天2小时20分, 4d 2h 20m.
      {"unit.d", {"天", "天", "d"}},
      {"unit.h", {"小时", "小時", "h"}},
      {"unit.m", {"分", "分", "m"}},
      {"unit.gap", {"", "", " "}},
      // Stored values as a reader sees them, by the key they are stored under.
      {"bool.true", {"是", "是", "yes"}},
      {"bool.false", {"否", "否", "no"}},
      {"field.model", {"型号", "型號", "model"}},
      {"field.serial", {"序列号", "序號", "serial"}},
      {"field.purchased", {"购买日期", "購買日期", "purchased"}},
      {"field.warranty_months", {"保修月数", "保修月數", "warranty months"}},
      {"field.warranty_until", {"保修至", "保修至", "warranty until"}},
      {"field.contract", {"合同", "合約", "contract"}},
      {"field.contract_until", {"合同至", "合約至", "contract until"}},
      {"field.qty", {"数量", "數量", "quantity"}},
      {"field.price", {"单价", "單價", "unit price"}},
      {"field.amount", {"金额", "金額", "amount"}},
      {"field.at", {"时间", "時間", "at"}},
      {"field.by", {"经办", "經辦", "by"}},
      {"field.approved_by", {"批准人", "核准人", "approved by"}},
      {"field.no", {"单号", "單號", "number"}},
      {"field.part_no", {"零件号", "零件號", "part number"}},
      {"field.defect_qty", {"不良数", "不良數", "defective"}},
      {"field.receipt", {"收据", "收據", "receipt"}},
      {"field.in", {"送修", "送修", "in"}},
      {"field.out", {"返回", "返回", "out"}},
      {"field.ticket", {"工单", "工單", "ticket"}},
      {"field.complaint", {"投诉", "投訴", "complaint"}},
      {"field.parent", {"前案", "前案", "parent"}},
      {"field.followed_by", {"后续投诉", "後續投訴", "followed by"}},
      {"field.returns", {"退换货", "退換貨", "returns"}},
      {"field.complaints", {"投诉", "投訴", "complaints"}},
      {"field.survey", {"调查", "調查", "survey"}},
      {"field.return", {"退换货", "退換貨", "return"}},
      {"field.note", {"备注", "備註", "note"}},
      {"field.note_no", {"贷项单号", "貸項單號", "credit note"}},
      {"field.outcome", {"处理结论", "處理結論", "outcome"}},
      {"field.reason", {"原因", "原因", "reason"}},
      {"field.zone", {"区域", "區域", "zone"}},
      {"field.distance_km", {"距离公里数", "距離公里數", "distance in km"}},
      {"field.priority", {"优先级", "優先級", "priority"}},
      {"field.kind", {"类型", "類型", "kind"}},
      {"field.service_class", {"服务类别", "服務類別", "service class"}},
      {"field.channel", {"渠道", "渠道", "channel"}},
      {"field.region", {"地区", "地區", "region"}},
      {"field.severity", {"严重程度", "嚴重程度", "severity"}},
      {"field.type", {"类型", "類型", "type"}},
      {"field.category", {"类别", "類別", "category"}},
      {"field.verdict", {"检验结论", "檢驗結論", "verdict"}},
      {"field.new_serial", {"新序列号", "新序號", "new serial"}},
      {"field.condition", {"状况", "狀況", "condition"}},
      {"zone.urban", {"市区", "市區", "urban"}},
      {"zone.suburban", {"郊区", "郊區", "suburban"}},
      {"zone.remote", {"远程", "遠程", "remote"}},
      {"channel.phone", {"电话", "電話", "phone"}},
      {"channel.visit", {"来访", "來訪", "visit"}},
      {"channel.email", {"邮件", "郵件", "email"}},
      {"channel.web", {"网站", "網站", "web"}},
      {"settled.paid", {"已付", "已付", "paid"}},
      {"settled.invoiced", {"已开票", "已開票", "invoiced"}},
      {"settled.waived", {"免收", "免收", "waived"}},
      {"settled.contract", {"合同内", "合約內", "under contract"}},
      // The working calendar (svc calendar show).
      {"head.utc_offset", {"时区", "時區", "utc offset"}},
      {"head.workweek", {"工作周", "工作週", "workweek"}},
      {"head.hours", {"工作时间", "工作時間", "hours"}},
      {"head.years", {"年份", "年份", "years"}},
      {"head.holidays", {"节假日", "節假日", "holidays"}},
      {"head.make_up", {"调休上班", "調休上班", "make-up"}},
      {"head.none", {"无", "無", "none"}},
      {"weekday.mon", {"周一", "週一", "mon"}},
      {"weekday.tue", {"周二", "週二", "tue"}},
      {"weekday.wed", {"周三", "週三", "wed"}},
      {"weekday.thu", {"周四", "週四", "thu"}},
      {"weekday.fri", {"周五", "週五", "fri"}},
      {"weekday.sat", {"周六", "週六", "sat"}},
      {"weekday.sun", {"周日", "週日", "sun"}},
      {"say.years_note",
       {"（列出的年份有法定节假日；其他年份只按工作周计）",
        "（列出的年份有法定節假日；其他年份只按工作週計）",
        "(official holidays listed; any other year counts its workweek only)"}},
      // How a deadline was reached (--explain).
      {"clock.wall", {"自然时间", "自然時間", "wall"}},
      {"clock.business", {"工作时间", "工作時間", "business"}},
      {"clock.workdays", {"工作日", "工作日", "workdays"}},
      {"day.holiday", {"法定假日", "法定假日", "holiday"}},
      {"day.weekend", {"周末", "週末", "weekend"}},
      {"day.make-up working day", {"调休上班日", "調休上班日", "make-up working day"}},
      {"say.always", {"无条件", "無條件", "always"}},
      {"say.is", {"{0}为{1}", "{0}為{1}", "{0}: {1}"}},
      {"say.or", {"或", "或", "|"}},
      {"say.rule",
       {"    规则“{0}”（{1}）：{2}，按{3}计，自 {4} → {5}\n",
        "    規則「{0}」（{1}）：{2}，按{3}計，自 {4} → {5}\n",
        "    rule '{0}' ({1}): {2} on the {3} clock from {4} -> {5}\n"}},
      {"say.stepped_over",
       {"    跳过 {0}：{1}\n", "    跳過 {0}：{1}\n", "    stepped over {0}: {1}\n"}},
      {"say.no_rule",
       {"    svc.yaml 中没有规则适用于此{0}\n", "    svc.yaml 中沒有規則適用於此{0}\n",
        "    no rule in svc.yaml matches this {0} now\n"}},
      {"say.paused",
       {"    等待暂停 {0}（至 {1}）→ {2}\n", "    等待暫停 {0}（至 {1}）→ {2}\n",
        "    paused {0} while waiting (until {1}) -> {2}\n"}},
      {"noun.ticket", {"工单", "工單", "ticket"}},
      {"noun.complaint", {"投诉", "投訴", "complaint"}},
      {"say.reading",
       {"svc：正在读取{0} {1}/{2}", "svc：正在讀取{0} {1}/{2}", "svc: reading {0} {1}/{2}"}},
      {"say.unchanged", {"不变", "不變", "unchanged"}},
      {"say.extended",
       {"    {2} 延期 {0} → {1}（{3} 批准，{4}）：{5}\n",
        "    {2} 延期 {0} → {1}（{3} 批准，{4}）：{5}\n",
        "    extended {0} -> {1} by {2} (approved by {3}, {4}): {5}\n"}},
      {"say.before_due", {"期限前", "期限前", "before the deadline"}},
      {"say.after_due", {"期限已过", "期限已過", "after the deadline had passed"}},
      {"say.set_when_computed",
       {"    计算时为 {0}：此后 svc.yaml 有改动\n", "    計算時為 {0}：此後 svc.yaml 有改動\n",
        "    set to {0} when computed: svc.yaml changed since\n"}},
      {"say.set_when_computed_kept",
       {"    计算时为 {0}：此后 svc.yaml 或 svc 的规则有改动（文件保留当时的期限）\n",
        "    計算時為 {0}：此後 svc.yaml 或 svc 的規則有改動（檔案保留當時的期限）\n",
        "    set to {0} when computed: svc.yaml or svc's rules changed since (a file keeps the "
        "deadline it was given)\n"}},
      {"say.judged_against",
       {"    按 {0} 判定：延期在期限过后才批准\n", "    按 {0} 判定：延期在期限過後才批准\n",
        "    judged against {0}: the extension came after it had passed\n"}},
      {"say.due_verdict", {"    期限 {0}：{1}\n", "    期限 {0}：{1}\n", "    due {0}: {1}\n"}},
      {"say.moved_to_first",
       {"    移至受理期限 {0}（规则“{1}”）：整案期限不早于第一步\n",
        "    移至受理期限 {0}（規則「{1}」）：整案期限不早於第一步\n",
        "    moved to {0}, the acknowledgement deadline (rule '{1}'): the whole case is never due "
        "before its first step\n"}},
      {"say.since", {"（自 {0} 起）", "（自 {0} 起）", "  (since {0})"}},
      {"say.old_returned", {"（旧件已交回）", "（舊件已交回）", " (old returned)"}},
      {"say.serials", {"（换下 {} 换上 {}）", "（換下 {} 換上 {}）", " (out {} in {})"}},
      {"say.override", {"（改判）", "（改判）", " (override)"}},
  };
  return shared;
}

using Names = std::array<const char*, 3>;
using LabelTable = std::map<std::string, Names, std::less<>>;

// key -> {zh-CN, zh-TW, en}: the shared labels, then every kind's. Two kinds may both label a
// status they share (closed), alike; a kind that names it its own way uses "<noun>_status".
const LabelTable& label_table() {
  static const LabelTable table = [] {
    LabelTable out;
    auto add = [&](const std::vector<Label>& list, std::string_view whose) {
      for (const Label& l : list) {
        auto [it, fresh] = out.emplace(std::string(l.key), l.names);
        if (!fresh && (std::string_view(it->second[0]) != l.names[0] ||
                       std::string_view(it->second[1]) != l.names[1] ||
                       std::string_view(it->second[2]) != l.names[2]))
          throw std::logic_error(
              fmt::format("the {} kind labels {} unlike another kind", whose, l.key));
      }
    };
    add(shared_labels(), "svc");
    for (const RecordKind* k : all_kinds()) add(k->labels, k->rules.noun);
    return out;
  }();
  return table;
}

}  // namespace

std::string label(const Settings& s, std::string_view group, std::string_view key) {
  const LabelTable& labels = label_table();
  size_t which = s.locale == "en" ? 2 : s.locale == "zh-TW" ? 1 : 0;
  // A recurring step: "返厂#2", "部门答复#3".
  if (group == "step")
    if (size_t cut = key.rfind('_'); cut != std::string_view::npos && cut + 1 < key.size() &&
                                     std::isdigit(static_cast<unsigned char>(key[cut + 1])))
      return fmt::format("{}#{}", label(s, group, key.substr(0, cut)), key.substr(cut + 1));
  std::string full;  // "group.key", made by hand: a table looks up one or two a row
  full.reserve(group.size() + 1 + key.size());
  full.append(group).append(1, '.').append(key);
  auto it = labels.find(full);
  return it == labels.end() ? std::string(key) : it->second[which];
}

std::string duration_text(const Settings& s, std::int64_t seconds) {
  std::string d = label(s, "unit", "d"), h = label(s, "unit", "h"), m = label(s, "unit", "m"),
              gap = label(s, "unit", "gap");
  return format_duration(seconds, {d, h, m, gap});
}

std::string status_label(const Settings& s, const std::string& noun, const std::string& status) {
  // A kind may name a shared status its own way: a return's "received" is goods received.
  std::string group = noun + "_status";
  std::string own = label(s, group, status);
  return own != status ? own : label(s, "status", status);
}

}  // namespace svc::cli
