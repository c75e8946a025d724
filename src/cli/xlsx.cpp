// --format xlsx through libxlsxwriter (Debian libxlsxwriter-dev): it writes to a file, so the
// workbook is made in a temporary file and its bytes go to stdout like every other format.
#include "svc/cli/xlsx.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "svc/cli/common.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"

namespace svc::cli {

namespace {

int decimals_of(const std::string& number) {
  size_t dot = number.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(number.size() - dot - 1);
}

// A sheet name Excel takes: no []:*?/\, at most 31 characters, unique in the workbook.
std::string sheet_name(std::string name, std::set<std::string>& taken) {
  std::string clean;
  for (char c : name)
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) clean += c;
  if (clean.empty()) clean = "sheet";
  auto cut = [](const std::string& s, size_t points) {
    size_t i = 0, n = 0;
    while (i < s.size() && n < points) {
      next_code_point(s, i);
      ++n;
    }
    return s.substr(0, i);
  };
  std::string base = cut(clean, 31), candidate = base;
  for (int n = 2; taken.count(candidate); ++n) {
    std::string suffix = fmt::format(" {}", n);
    candidate = cut(base, 31 - suffix.size()) + suffix;
  }
  taken.insert(candidate);
  return candidate;
}

}  // namespace

Cell typed_cell(const std::string& text) {
  static const std::regex integer(R"(-?(0|[1-9][0-9]{0,14}))");
  static const std::regex decimal(R"(-?(0|[1-9][0-9]{0,12})\.[0-9]{1,6})");
  static const std::regex rate(R"((-?[0-9]{1,4}(\.[0-9]{1,3})?)%( (\([0-9]+/[0-9]+\)))?)");
  static const std::regex date(R"(([0-9]{4})-([0-9]{2})-([0-9]{2}))");
  static const std::regex datetime(R"(([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}))");
  Cell c;
  std::smatch m;
  if (std::regex_match(text, integer) || std::regex_match(text, decimal)) {
    c.kind = Cell::number;
    c.value = std::strtod(text.c_str(), nullptr);
    c.decimals = decimals_of(text);
  } else if (std::regex_match(text, m, rate)) {
    c.kind = Cell::percent;
    c.value = std::strtod(m[1].str().c_str(), nullptr) / 100;
    c.decimals = decimals_of(m[1].str());
    c.fraction = m[4].str();
  } else if (std::regex_match(text, m, date) || std::regex_match(text, m, datetime)) {
    c.y = std::stoi(m[1].str());
    c.mo = std::stoi(m[2].str());
    c.d = std::stoi(m[3].str());
    bool with_time = m.size() > 5 && m[5].matched;
    if (with_time) {
      c.h = std::stoi(m[4].str());
      c.mi = std::stoi(m[5].str());
    }
    bool valid =
        c.y >= 1900 && c.mo >= 1 && c.mo <= 12 && c.d >= 1 && c.d <= 31 && c.h < 24 && c.mi < 60;
    c.kind = !valid ? Cell::text : with_time ? Cell::datetime : Cell::date;
  }
  return c;
}

std::vector<Sheet> sheets_of(const report::ReportDoc& doc) {
  std::vector<Sheet> sheets;
  for (const auto& b : doc.blocks) {
    Sheet s;
    s.name = b.title;
    s.rows.push_back({b.title});
    s.heads.push_back(0);
    // A fact "本期发出的回收率 73.9% (34/46)": its label, then the first tail that is a value.
    for (const auto& line : b.lines)
      for (size_t p = 0; p <= line.size();) {
        size_t q = std::min(line.find("  ", p), line.size());
        std::string fact = line.substr(p, q - p);
        std::vector<std::string> row{fact};
        for (size_t sp = fact.find(' '); sp != std::string::npos; sp = fact.find(' ', sp + 1))
          if (typed_cell(fact.substr(sp + 1)).kind != Cell::text) {
            row = {fact.substr(0, sp), fact.substr(sp + 1)};
            break;
          }
        s.rows.push_back(std::move(row));
        p = q + 2;
      }
    if (!b.heads.empty()) {
      if (s.rows.size() > 1) s.rows.emplace_back();
      s.heads.push_back(s.rows.size());
      s.rows.push_back(b.heads);
      for (const auto& row : b.rows) s.rows.push_back(row);
    }
    for (const auto& c : b.charts) {
      s.rows.emplace_back();
      s.heads.push_back(s.rows.size());
      s.rows.push_back({c.title});
      for (const auto& bar : c.bars) s.rows.push_back({bar.label, bar.shown});
    }
    sheets.push_back(std::move(s));
  }
  return sheets;
}

Sheet sheet_of(const Table& t, const std::string& name) {
  Sheet s;
  s.name = name;
  s.rows.push_back(t.headers);
  s.heads.push_back(0);
  for (const auto& row : t.rows) s.rows.push_back(row);
  return s;
}

std::string render_xlsx(const std::vector<Sheet>& sheets) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/svc-xlsx-XXXXXX";
  int fd = ::mkstemp(path.data());
  if (fd < 0) throw write_error("could not make a temporary file for the workbook");
  ::close(fd);
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) {
    std::remove(path.c_str());
    throw write_error("could not start the workbook");
  }
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  std::map<std::string, lxw_format*> formats;
  auto format = [&](const std::string& code) {
    auto it = formats.find(code);
    if (it != formats.end()) return it->second;
    lxw_format* f = workbook_add_format(wb);
    format_set_num_format(f, code.c_str());
    return formats[code] = f;
  };
  std::set<std::string> taken;
  for (const auto& sheet : sheets) {
    std::string name = sheet_name(sheet.name, taken);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    std::vector<int> widths;
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      bool head = std::find(sheet.heads.begin(), sheet.heads.end(), r) != sheet.heads.end();
      const auto& row = sheet.rows[r];
      for (size_t c = 0; c < row.size(); ++c) {
        auto R = static_cast<lxw_row_t>(r);
        auto C = static_cast<lxw_col_t>(c);
        if (widths.size() <= c) widths.resize(c + 1, 8);
        widths[c] = std::min(60, std::max(widths[c], display_width(row[c]) + 2));
        Cell cell = head ? Cell{} : typed_cell(row[c]);
        std::string zeros =
            cell.decimals ? "." + std::string(static_cast<size_t>(cell.decimals), '0') : "";
        switch (cell.kind) {
          case Cell::number:
            worksheet_write_number(ws, R, C, cell.value, format("0" + zeros));
            break;
          case Cell::percent:
            worksheet_write_number(
                ws, R, C, cell.value,
                format("0" + zeros + "%" +
                       (cell.fraction.empty() ? "" : " \"" + cell.fraction + "\"")));
            break;
          case Cell::date:
          case Cell::datetime: {
            lxw_datetime when{cell.y, cell.mo, cell.d, cell.h, cell.mi, 0};
            worksheet_write_datetime(
                ws, R, C, &when,
                format(cell.kind == Cell::date ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm"));
            break;
          }
          case Cell::text:
            if (!row[c].empty())
              worksheet_write_string(ws, R, C, escape_controls(row[c]).c_str(),
                                     head ? bold : nullptr);
            break;
        }
      }
    }
    for (size_t c = 0; c < widths.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c],
                           nullptr);
  }
  lxw_error closed = workbook_close(wb);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::remove(path.c_str());
  if (closed != LXW_NO_ERROR)
    throw write_error(fmt::format("could not write the workbook: {}", lxw_strerror(closed)));
  return bytes.str();
}

void out_xlsx(const std::vector<Sheet>& sheets) {
  if (::isatty(STDOUT_FILENO))
    throw usage_error(
        "--format xlsx writes a binary workbook: send it to a file, e.g. --format xlsx > "
        "report.xlsx");
  out(render_xlsx(sheets));
}

}  // namespace svc::cli
