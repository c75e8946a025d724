// Renderings of a report document: terminal, markdown, HTML with inline SVG.
#include "svc/cli/report_doc.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "svc/cli/output.hpp"
#include "svc/domain/text.hpp"

namespace svc::cli {

namespace {

double scale_of(const Chart& c) {
  double max = c.max;
  for (const auto& b : c.bars) max = std::max(max, b.value);
  if (c.target) max = std::max(max, *c.target);
  return max;
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : escape_controls(std::string(s))) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string svg_chart(const Chart& c) {
  // Horizontal bars: labels on the left, the value after each bar, the target as a red line.
  // Labels right-aligned before the bars, as wide as the longest needs (13px text: a CJK
  // character 13px, two display columns), so none is clipped.
  int longest = 0;
  for (const auto& b : c.bars) longest = std::max(longest, display_width(b.label));
  const int label_w = std::max(120, longest * 7 + 16), bar_w = 360, row_h = 24, top = 8;
  const int height = top * 2 + row_h * static_cast<int>(c.bars.size());
  const double max = scale_of(c);
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-label=\"{}\">\n",
      label_w + bar_w + 110, height, html_escape(c.title));
  for (size_t i = 0; i < c.bars.size(); ++i) {
    const auto& b = c.bars[i];
    int y = top + row_h * static_cast<int>(i);
    int w = max > 0 ? static_cast<int>(std::lround(b.value / max * bar_w)) : 0;
    svg += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\">{}</text>"
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#4a78b5\"/>"
        "<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>\n",
        label_w - 8, y + 16, html_escape(b.label), label_w, y + 4, w, row_h - 8, label_w + w + 6,
        y + 16, html_escape(b.shown));
  }
  if (c.target && max > 0) {
    int x = label_w + static_cast<int>(std::lround(*c.target / max * bar_w));
    svg += fmt::format(
        "<line x1=\"{}\" y1=\"2\" x2=\"{}\" y2=\"{}\" stroke=\"#c0392b\" stroke-width=\"2\" "
        "stroke-dasharray=\"4 3\"/>\n",
        x, x, height - 2);
  }
  return svg + "</svg>\n";
}

// A line over the months with the target as a dashed line; a month with nothing to count is a
// gap. Labels have room: the value axis on the left, every month's name under its point.
std::string svg_trend(const report::Trend& t, const std::string& target_word) {
  const int left = 44, top = 12, w = 560, h = 150, bottom = 40;
  const size_t n = t.periods.size();
  double max = t.target;
  for (const auto& v : t.values)
    if (v) max = std::max(max, *v);
  max = std::max(10.0, std::ceil(max / 10) * 10);
  auto x = [&](size_t i) {
    return left + (n > 1 ? static_cast<double>(i) * w / (n - 1) : w / 2.0);
  };
  auto y = [&](double v) { return top + h - v / max * h; };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-label=\"{}\">\n",
      left + w + 24, top + h + bottom, html_escape(t.title));
  for (double v : {0.0, max / 2, max})
    svg += fmt::format(
        "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" font-size=\"11\">{:.0f}%</text>"
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>\n",
        left - 6, y(v) + 4, v, left, y(v), left + w, y(v));
  svg += fmt::format(
      "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#c0392b\" "
      "stroke-width=\"1.5\" stroke-dasharray=\"4 3\"><title>{} {:.0f}%</title></line>\n",
      left, y(t.target), left + w, y(t.target), html_escape(target_word), t.target);
  std::string path;
  for (size_t i = 0; i < n; ++i) {
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{}</text>\n", x(i),
        top + h + 16, html_escape(t.periods[i].size() > 5 ? t.periods[i].substr(2) : t.periods[i]));
    if (!t.values[i]) {
      path += " ";
      continue;
    }
    path += fmt::format("{}{:.1f},{:.1f}", path.empty() || path.back() == ' ' ? "M" : " L", x(i),
                        y(*t.values[i]));
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"#4a78b5\"><title>{} {:.1f}%</title>"
        "</circle>\n",
        x(i), y(*t.values[i]), html_escape(t.periods[i]), *t.values[i]);
  }
  svg +=
      fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"#4a78b5\" stroke-width=\"2\"/>\n", path);
  return svg + "</svg>\n";
}

}  // namespace

std::string bar_text(double value, double max, int width) {
  static const char* const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  if (max <= 0 || value <= 0) return std::string(static_cast<size_t>(width), ' ');
  long units = std::lround(std::min(value, max) / max * width * 8);
  std::string out;
  for (long i = 0; i < units / 8; ++i) out += "█";
  out += eighths[units % 8];
  int used = static_cast<int>(units / 8) + (units % 8 ? 1 : 0);
  return out + std::string(static_cast<size_t>(std::max(0, width - used)), ' ');
}

namespace {

// The columns of each part of a table split to fit `width`: column 0, then as many of the
// others, in order, as fit beside it. One part when it fits or when `width` is 0.
std::vector<std::vector<size_t>> parts_to_fit(const Block& b, int width) {
  Table whole;
  whole.headers = b.heads;
  whole.rows = b.rows;
  const std::vector<int> natural = whole.natural_widths();
  std::vector<std::vector<size_t>> parts{{0}};
  int used = natural.empty() ? 0 : natural[0];
  for (size_t c = 1; c < natural.size(); ++c) {
    if (width > 0 && parts.back().size() > 1 && used + 2 + natural[c] > width) {
      parts.push_back({0});
      used = natural[0];
    }
    parts.back().push_back(c);
    used += 2 + natural[c];
  }
  return parts;
}

}  // namespace

std::string render_terminal(const ReportDoc& doc, int width) {
  std::string out = doc.title + "\n";
  if (!doc.subtitle.empty()) out += doc.subtitle + "\n";
  for (const auto& b : doc.blocks) {
    out += "\n" + b.title + "\n";
    for (const auto& line : b.lines) out += wrap_facts(line, width, 2);
    if (!b.heads.empty()) {
      // A table wider than the page goes in parts, each led by the column naming the rows.
      bool first_part = true;
      for (const auto& columns : parts_to_fit(b, width > 2 ? width - 2 : 0)) {
        Table t;
        for (size_t c : columns) t.headers.push_back(b.heads[c]);
        for (const auto& row : b.rows) {
          t.rows.emplace_back();
          for (size_t c : columns) t.rows.back().push_back(c < row.size() ? row[c] : "");
        }
        if (!first_part) out += "\n";
        first_part = false;
        std::string table = t.render(width > 2 ? width - 2 : 0);
        for (size_t p = 0, q; p < table.size(); p = q + 1) {
          q = table.find('\n', p);
          out += "  " + table.substr(p, q - p) + "\n";
        }
      }
    }
    for (const auto& c : b.charts) {
      out += "  " + c.title + "\n";
      int label_w = 0, shown_w = 0;
      for (const auto& bar : c.bars) {
        label_w = std::max(label_w, display_width(bar.label));
        shown_w = std::max(shown_w, display_width(bar.shown));
      }
      const double max = scale_of(c);
      // Bars of up to 24 columns beside their labels; labels too long for that go on a line
      // of their own, the bar below them.
      int beside = width > 0 ? width - 4 - label_w - 2 - 1 - shown_w : 24;
      int below = width > 0 ? width - 6 - 1 - shown_w : 24;
      for (const auto& bar : c.bars) {
        if (beside >= 12)
          out += fmt::format("    {}  {} {}\n", pad_right(escape_controls(bar.label), label_w),
                             bar_text(bar.value, max, std::min(24, beside)), bar.shown);
        else
          out += fmt::format("    {}\n      {} {}\n", escape_controls(bar.label),
                             bar_text(bar.value, max, std::clamp(below, 8, 24)), bar.shown);
      }
    }
  }
  return out;
}

std::string render_markdown(const ReportDoc& doc) {
  std::string out = "# " + markdown_cell(doc.title) + "\n\n";
  if (!doc.subtitle.empty()) out += markdown_cell(doc.subtitle) + "\n\n";
  for (const auto& b : doc.blocks) {
    out += "## " + markdown_cell(b.title) + "\n\n";
    for (const auto& line : b.lines) out += "- " + markdown_cell(line) + "\n";
    if (!b.lines.empty()) out += "\n";
    if (!b.heads.empty()) {
      Table t;
      t.headers = b.heads;
      t.rows = b.rows;
      out += t.render_markdown() + "\n";
    }
    for (const auto& c : b.charts) {
      Table t;
      t.headers = {c.title, "", ""};
      const double max = scale_of(c);
      for (const auto& bar : c.bars) {
        std::string drawn = bar_text(bar.value, max, 20);
        while (!drawn.empty() && drawn.back() == ' ') drawn.pop_back();
        std::string code = "`";  // appended piecewise: GCC 12 warns (-Wrestrict) on "`" + s
        code += drawn.empty() ? std::string(" ") : drawn;
        code += '`';
        t.rows.push_back({bar.label, code, bar.shown});
      }
      out += t.render_markdown() + "\n";
    }
  }
  return out;
}

std::string render_html(const ReportDoc& doc) {
  const std::string title = doc.office.empty() ? doc.title : doc.office + " " + doc.title;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      html_escape(title) +
      "</title>\n<style>\n"
      // Printed on A4: headings stay with what follows them, a chart or table is not split.
      "@page{size:A4;margin:16mm 14mm}\n"
      "@media print{body{margin:0;max-width:none}}\n"
      "h1,h2,figcaption{break-after:avoid;page-break-after:avoid}\n"
      "figure,table,.headline{break-inside:avoid;page-break-inside:avoid}\n"
      "svg{max-width:100%;height:auto;overflow:visible}\n"
      ".met{color:#1e7b34}.missed{color:#b3261e;font-weight:bold}.none{color:#777}\n"
      ".headline td.met,.headline td.missed{background:#f4f8f4}\n"
      ".legend{font-size:.85em;color:#555;margin:.2em 0 .8em}\n"
      ".legend .dash{display:inline-block;width:2.2em;border-top:2px dashed "
      "#c0392b;vertical-align:middle;margin-right:.4em}\n"
      "body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"WenQuanYi Micro "
      "Hei\",sans-serif;margin:2em auto;"
      "max-width:60em;color:#222}\n"
      "h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc;margin-top:1.6em}\n"
      "table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid #ccc;padding:.25em "
      ".6em;text-align:left}th{background:#f2f4f7}\n"
      "figure{margin:.8em 0}figcaption{font-weight:bold;margin-bottom:.3em}\n"
      "ul{padding-left:1.2em}li{white-space:pre-wrap}\n</style>\n</head>\n<body>\n";
  out += "<h1>" + html_escape(title) + "</h1>\n";
  if (!doc.subtitle.empty()) out += "<p>" + html_escape(doc.subtitle) + "</p>\n";
  // The verdicts first: each target this period, the one before and the change.
  if (!doc.headline.empty()) {
    out += "<table class=\"headline\">\n<tr>";
    for (const auto& h : doc.headline_heads) out += "<th>" + html_escape(h) + "</th>";
    out += "</tr>\n";
    for (const auto& h : doc.headline) {
      std::string cls = !h.met ? "none" : *h.met ? "met" : "missed";
      out += fmt::format(
          "<tr><td>{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td>"
          "<td class=\"{}\">{}</td></tr>\n",
          html_escape(h.label), cls, html_escape(h.value), html_escape(h.before),
          html_escape(h.change), html_escape(h.target), cls, html_escape(h.verdict));
    }
    out += "</table>\n";
  }
  if (!doc.trends.empty()) {
    out += "<section>\n<h2>" + html_escape(doc.trends_title) + "</h2>\n";
    for (const auto& t : doc.trends)
      out += "<figure>\n<figcaption>" + html_escape(t.title) + "</figcaption>\n" +
             svg_trend(t, doc.target_line) +
             fmt::format("<p class=\"legend\"><span class=\"dash\"></span>{} {:.0f}%</p>\n",
                         html_escape(doc.target_line), t.target) +
             "</figure>\n";
    out += "</section>\n";
  }
  for (const auto& b : doc.blocks) {
    out += "<section>\n<h2>" + html_escape(b.title) + "</h2>\n";
    if (!b.lines.empty()) {
      out += "<ul>\n";
      for (const auto& line : b.lines) out += "<li>" + html_escape(line) + "</li>\n";
      out += "</ul>\n";
    }
    if (!b.heads.empty()) {
      out += "<table>\n<tr>";
      for (const auto& h : b.heads) out += "<th>" + html_escape(h) + "</th>";
      out += "</tr>\n";
      for (const auto& row : b.rows) {
        out += "<tr>";
        for (const auto& cell : row) out += "<td>" + html_escape(cell) + "</td>";
        out += "</tr>\n";
      }
      out += "</table>\n";
    }
    for (const auto& c : b.charts)
      out +=
          "<figure>\n<figcaption>" + html_escape(c.title) + "</figcaption>\n" + svg_chart(c) +
          (c.target ? fmt::format("<p class=\"legend\"><span class=\"dash\"></span>{} "
                                  "{:g}%</p>\n",
                                  html_escape(doc.target_line.empty() ? "target" : doc.target_line),
                                  *c.target)
                    : "") +
          "</figure>\n";
    out += "</section>\n";
  }
  return out + "</body>\n</html>\n";
}

}  // namespace svc::cli
