#pragma once
// A report as a document of blocks, and its renderings: a terminal page with bar charts made of
// block characters, markdown for mail, and one self-contained HTML file with inline SVG charts.
// CSV and JSON come from the report's figures themselves (report.cpp).
#include <optional>
#include <string>
#include <vector>

namespace svc::cli {

/// Bars with labels; `target` draws a line (rates, in %); values are shown as `shown`.
struct Chart {
  std::string title;
  struct Bar {
    std::string label;
    double value = 0;
    std::string shown;
  };
  std::vector<Bar> bars;
  std::optional<double> target;
  double max = 0;  ///< the full scale; 0: the largest bar
};

struct Block {
  std::string title;
  std::vector<std::string> lines;  ///< short facts, one per line
  std::vector<std::string> heads;  ///< a table, when non-empty
  std::vector<std::vector<std::string>> rows;
  std::vector<Chart> charts;
};

struct ReportDoc {
  std::string title;
  std::string subtitle;
  std::vector<Block> blocks;
};

/// "████▋     ": `value` of `max` as `width` columns of eighth blocks.
std::string bar_text(double value, double max, int width);
std::string render_terminal(const ReportDoc& doc, int width);
std::string render_markdown(const ReportDoc& doc);
/// One HTML file: no external assets, no script; charts as inline SVG.
std::string render_html(const ReportDoc& doc);

}  // namespace svc::cli
