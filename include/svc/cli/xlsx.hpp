#pragma once
// `--format xlsx`: a workbook for the spreadsheet people already use (libxlsxwriter). A report is
// one sheet per section, a list one sheet; cells are typed from their text: counts and money as
// numbers, rates as percentages (the exact fraction kept in the number format), dates and times
// as dates.
#include <string>
#include <vector>

#include "svc/cli/output.hpp"
#include "svc/domain/report_doc.hpp"

namespace svc::cli {

struct Sheet {
  std::string name;
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> heads;  ///< rows printed bold: a section's title, a table's headings
};

/// A typed cell: what `text` becomes in a spreadsheet.
struct Cell {
  enum Kind { text, number, percent, date, datetime } kind = text;
  double value = 0;      ///< number; percent as a fraction (0.62); date as y, m, d below
  int decimals = 0;      ///< number and percent: as many as the text shows
  std::string fraction;  ///< percent: "(31/50)", kept in the number format
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
};
Cell typed_cell(const std::string& text);

/// One sheet per block of a report, in order: its facts (label, value), its table, its charts.
std::vector<Sheet> sheets_of(const report::ReportDoc& doc);
/// A list or table as one sheet, its headings first.
Sheet sheet_of(const Table& t, const std::string& name);
/// The workbook's bytes. Throws write_error when it cannot be made.
std::string render_xlsx(const std::vector<Sheet>& sheets);
/// Prints the workbook to stdout; on a terminal refuses (usage error): it is binary.
void out_xlsx(const std::vector<Sheet>& sheets);

}  // namespace svc::cli
