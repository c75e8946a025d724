#pragma once
// A report as a document of blocks: what people read, whatever it is rendered as (a terminal
// page, markdown, HTML; cli/report_doc.hpp). Plain data: the sections of a report fill it in.
#include <optional>
#include <string>
#include <vector>

namespace svc::report {

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

}  // namespace svc::report
