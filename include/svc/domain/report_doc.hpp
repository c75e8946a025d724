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

/// A target's figure for the period, the one before and the change, first in the HTML report.
struct Headline {
  std::string label, value, before, change, target, verdict;
  std::optional<bool> met;  ///< nullopt: nothing to count
};

/// A target's share over the months up to the report's, oldest first, against its line.
struct Trend {
  std::string title;
  std::vector<std::string> periods;
  std::vector<std::optional<double>> values;  ///< in %; nullopt: nothing to count that month
  double target = 0;
};

struct ReportDoc {
  std::string title;
  std::string subtitle;
  std::string office;                       ///< who sends it (svc.yaml's office)
  std::vector<std::string> headline_heads;  ///< metric, value, before, change, target, verdict
  std::vector<Headline> headline;
  std::string trends_title, target_line;  ///< "近12个月", "目标线"
  std::vector<Trend> trends;
  std::vector<Block> blocks;
};

}  // namespace svc::report
