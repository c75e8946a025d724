#pragma once
// The renderings of a report's document (domain/report_doc.hpp): a terminal page with bar charts
// made of block characters, markdown for mail, and one self-contained HTML file with inline SVG
// charts. CSV and JSON come from the report's figures themselves (reports/cli/report.cpp).
#include <string>

#include "svc/domain/report_doc.hpp"

namespace svc::cli {

using report::Block;
using report::Chart;
using report::ReportDoc;

/// "████▋     ": `value` of `max` as `width` columns of eighth blocks.
std::string bar_text(double value, double max, int width);
std::string render_terminal(const ReportDoc& doc, int width);
std::string render_markdown(const ReportDoc& doc);
/// One HTML file: no external assets, no script; charts as inline SVG.
std::string render_html(const ReportDoc& doc);

}  // namespace svc::cli
