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

std::string pad_right(std::string_view s, int width) {
  return std::string(s) +
         std::string(static_cast<size_t>(std::max(0, width - display_width(s))), ' ');
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
  std::vector<int> natural(headers.size(), 0);
  for (size_t c = 0; c < headers.size(); ++c) natural[c] = display_width(headers[c]);
  for (const auto& row : shown)
    for (size_t c = 0; c < row.size() && c < natural.size(); ++c)
      natural[c] = std::max(natural[c], display_width(row[c]));
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

std::string status_label(const Settings& s, const std::string& noun, const std::string& status) {
  // A kind may name a shared status its own way: a return's "received" is goods received.
  std::string group = noun + "_status";
  std::string own = label(s, group, status);
  return own != status ? own : label(s, "status", status);
}

}  // namespace svc::cli
