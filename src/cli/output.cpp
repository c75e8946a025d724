#include "svc/cli/output.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <map>

namespace svc::cli {

namespace {

// Decodes one UTF-8 code point at `i`, advancing it; invalid bytes count as one narrow char.
char32_t next_code_point(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + static_cast<size_t>(len) > s.size()) len = 1;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
  for (int k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3f);
  i += static_cast<size_t>(len);
  return cp;
}

int code_point_width(char32_t cp) {
  if (cp == 0 || (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || cp == 0xfe0f)
    return 0;
  static const std::pair<char32_t, char32_t> wide[] = {
      {0x1100, 0x115f}, {0x2e80, 0x303e},   {0x3041, 0x33ff},   {0x3400, 0x4dbf},  {0x4e00, 0x9fff},
      {0xa000, 0xa4cf}, {0xac00, 0xd7a3},   {0xf900, 0xfaff},   {0xfe30, 0xfe4f},  {0xff00, 0xff60},
      {0xffe0, 0xffe6}, {0x1f300, 0x1f64f}, {0x1f900, 0x1f9ff}, {0x20000, 0x3fffd}};
  for (auto [lo, hi] : wide)
    if (cp >= lo && cp <= hi) return 2;
  return 1;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + static_cast<size_t>(len) > s.size()) return false;
    for (int k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0xc0) != 0x80) return false;
    size_t at = i;
    char32_t cp = next_code_point(s, at);
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += static_cast<size_t>(len);
  }
  return true;
}

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
  std::vector<int> widths(headers.size(), 0);
  for (size_t c = 0; c < headers.size(); ++c) widths[c] = display_width(headers[c]);
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], display_width(row[c]));
  auto total = [&] {
    int t = 0;
    for (int w : widths) t += w + 2;
    return t - 2;
  };
  while (max_width > 0 && total() > max_width) {
    auto widest = std::max_element(widths.begin(), widths.end());
    if (*widest <= 8) break;
    --*widest;
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t c = 0; c < widths.size(); ++c) {
      std::string cell = truncate_to_width(c < cells.size() ? cells[c] : "", widths[c]);
      std::string padded = c + 1 < widths.size() ? pad_right(cell, widths[c]) + "  " : cell;
      bool paint = &cells != &headers && static_cast<int>(c) == alert_column && !cell.empty();
      out += paint ? alert(cell, color) + padded.substr(cell.size()) : padded;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(headers);
  for (const auto& row : rows) out += line(row);
  return out;
}

std::string Table::render_csv() const {
  auto line = [](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += csv_cell(cells[i]);
    }
    return out + "\n";
  };
  std::string out = line(headers);
  for (const auto& row : rows) out += line(row);
  return out;
}

std::string Table::render_markdown() const {
  auto line = [](const std::vector<std::string>& cells) {
    std::string out = "|";
    for (const auto& c : cells) {
      std::string cell = c;
      for (size_t p = 0; (p = cell.find('|', p)) != std::string::npos; p += 2)
        cell.replace(p, 1, "\\|");
      out += " " + cell + " |";
    }
    return out + "\n";
  };
  std::string out = line(headers) + "|";
  for (size_t i = 0; i < headers.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& row : rows) out += line(row);
  return out;
}

std::string alert(const std::string& text, bool on) {
  return on ? "\033[31m" + text + "\033[0m" : text;
}

int terminal_width() {
  if (!::isatty(STDOUT_FILENO)) return 0;
  winsize ws{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::string label(const Settings& s, std::string_view group, std::string_view key) {
  // key -> {zh-CN, zh-TW, en}
  using Names = std::array<const char*, 3>;
  static const std::map<std::string, Names, std::less<>> labels = {
      {"status.new", {"新建", "新建", "new"}},
      {"status.assigned", {"已派工", "已派工", "assigned"}},
      {"status.on_site", {"已到场", "已到場", "on site"}},
      {"status.waiting", {"等待中", "等待中", "waiting"}},
      {"status.workshop", {"返厂维修", "返廠維修", "in workshop"}},
      {"status.resolved", {"已解决", "已解決", "resolved"}},
      {"status.closed", {"已关闭", "已結案", "closed"}},
      {"status.cancelled", {"已取消", "已取消", "cancelled"}},
      {"kind.repair", {"维修", "維修", "repair"}},
      {"kind.install", {"安装", "安裝", "install"}},
      {"kind.maintenance", {"保养", "保養", "maintenance"}},
      {"kind.inspection", {"巡检", "巡檢", "inspection"}},
      {"kind.consult", {"咨询", "諮詢", "consult"}},
      {"priority.normal", {"普通", "普通", "normal"}},
      {"priority.urgent", {"紧急", "緊急", "urgent"}},
      {"priority.emergency", {"特急", "特急", "emergency"}},
      {"class.A", {"A 有偿", "A 有償", "A paid"}},
      {"class.B", {"B 合同", "B 合同", "B contract"}},
      {"class.C", {"C 免费", "C 免費", "C free"}},
      {"class.D", {"D 内部", "D 內部", "D internal"}},
      {"step.respond", {"响应", "響應", "respond"}},
      {"step.arrive", {"到场", "到場", "arrive"}},
      {"step.resolve", {"解决", "解決", "resolve"}},
      {"step.workshop", {"返厂", "返廠", "workshop"}},
      {"step.follow_up", {"回访", "回訪", "follow-up"}},
      {"head.id", {"编号", "編號", "ID"}},
      {"head.status", {"状态", "狀態", "status"}},
      {"head.class", {"类别", "類別", "class"}},
      {"head.kind", {"类型", "類型", "kind"}},
      {"head.priority", {"优先级", "優先級", "priority"}},
      {"head.customer", {"客户", "客戶", "customer"}},
      {"head.assignee", {"技术员", "技術員", "technician"}},
      {"head.registered", {"登记", "登記", "registered"}},
      {"head.next", {"下一期限", "下一期限", "next deadline"}},
      {"head.overdue", {"逾期", "逾期", "overdue"}},
      {"head.product", {"产品", "產品", "product"}},
      {"head.location", {"位置", "位置", "location"}},
      {"head.description", {"描述", "描述", "description"}},
      {"head.deadlines", {"期限", "期限", "deadlines"}},
      {"head.parts", {"配件", "配件", "parts"}},
      {"head.fee", {"费用", "費用", "fee"}},
      {"head.sign_off", {"签收", "簽收", "sign-off"}},
      {"head.resolution", {"处理结果", "處理結果", "resolution"}},
      {"head.waiting", {"等待", "等待", "waiting"}},
      {"head.workshop", {"返厂", "返廠", "workshop"}},
      {"head.follow_up", {"回访", "回訪", "follow-up"}},
      {"head.next_steps", {"可执行", "可執行", "next steps"}},
      {"state.met", {"按时", "按時", "met"}},
      {"state.late", {"超时", "超時", "late"}},
      {"state.overdue", {"已逾期", "已逾期", "OVERDUE"}},
      {"state.pending", {"待办", "待辦", "pending"}},
  };
  size_t which = s.locale == "en" ? 2 : s.locale == "zh-TW" ? 1 : 0;
  auto it = labels.find(fmt::format("{}.{}", group, key));
  return it == labels.end() ? std::string(key) : it->second[which];
}

}  // namespace svc::cli
