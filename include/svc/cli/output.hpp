#pragma once
// Terminal output: display width of CJK text, aligned tables, labels in the display language.
#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "svc/domain/settings.hpp"
#include "svc/domain/value.hpp"

namespace svc::cli {

/// Columns a UTF-8 string takes on a terminal (East Asian wide characters count 2).
int display_width(std::string_view s);
/// Cuts to at most `width` columns, ending with "…" when something was cut.
std::string truncate_to_width(std::string_view s, int width);
std::string pad_right(std::string_view s, int width);
/// A line of facts ("受理 12  结案 10  ...") indented by `indent`, broken between facts (at two
/// spaces) to fit `width` (0: never), each further line indented two more; ends with a newline.
std::string wrap_facts(const std::string& line, int width, int indent);
/// A markdown table cell: newlines as <br>, pipes escaped, control characters shown escaped.
std::string markdown_cell(std::string_view text);

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> free_text;     ///< columns of free text, cut first when the terminal is narrow
  std::vector<size_t> drop_order;  ///< columns left out, in this order, when cutting is not enough
  int alert_column = -1;           ///< non-empty cells of this column are painted red when `color`
  bool color = false;
  /// Each column's width uncut: its widest cell or heading, control characters shown escaped.
  std::vector<int> natural_widths() const;
  /// Aligned columns fitting `max_width` when it is > 0: free text is cut to a floor, then
  /// columns are dropped in `drop_order`, then the widest cut; the first column (an ID, a name)
  /// is never cut.
  std::string render(int max_width) const;
  /// `guard_formulas`: cells that a spreadsheet would run as a formula get a leading '.
  std::string render_csv(bool guard_formulas) const;
  /// One csv line of cells, as render_csv writes each row.
  static std::string csv_line(const std::vector<std::string>& cells, bool guard_formulas);
  std::string render_markdown() const;
};

/// A copy of a tree with every scalar's control characters shown escaped, for the terminal.
Value escaped(const Value& v);

/// Wraps text in red for a terminal; unchanged when `on` is false.
std::string alert(const std::string& text, bool on);

/// Columns to fit when stdout is a terminal: $COLUMNS when set, else the terminal's; else 0 (no
/// cutting for pipes and files).
int terminal_width();
/// The width a report's page is laid out for: terminal_width(), else 80 (mail, files).
int page_width();

/// Label of an enum value or heading in the settings' locale: label(s, "status", "new") = 新建.
std::string label(const Settings& s, std::string_view group, std::string_view key);
/// A sentence in the display language with its blanks filled: say(s, "since", t) = "自 t 起".
template <typename... Args>
std::string say(const Settings& s, std::string_view key, const Args&... args) {
  return fmt::format(fmt::runtime(label(s, "say", key)), args...);
}
/// A duration in the display language: 4天2小时20分, 4天2小時20分, 4d 2h 20m.
std::string duration_text(const Settings& s, std::int64_t seconds);
/// The label of a status for a kind ("ticket", "complaint", "return"): the kind's own, else the
/// shared one.
std::string status_label(const Settings& s, const std::string& noun, const std::string& status);

}  // namespace svc::cli
