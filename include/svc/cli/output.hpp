#pragma once
// Terminal output: display width of CJK text, aligned tables, labels in the display language.
#include <string>
#include <string_view>
#include <vector>

#include "svc/domain/settings.hpp"

namespace svc::cli {

/// True when `s` is well-formed UTF-8 (no stray or overlong bytes, no surrogates).
bool valid_utf8(std::string_view s);
/// Columns a UTF-8 string takes on a terminal (East Asian wide characters count 2).
int display_width(std::string_view s);
/// Cuts to at most `width` columns, ending with "…" when something was cut.
std::string truncate_to_width(std::string_view s, int width);
std::string pad_right(std::string_view s, int width);

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  int alert_column = -1;  ///< non-empty cells of this column are painted red when `color`
  bool color = false;
  /// Aligned columns; when `max_width` > 0 the widest columns are cut to fit it.
  std::string render(int max_width) const;
  std::string render_csv() const;
  std::string render_markdown() const;
};

/// Wraps text in red for a terminal; unchanged when `on` is false.
std::string alert(const std::string& text, bool on);

/// Terminal width when stdout is a terminal, else 0 (no cutting for pipes and files).
int terminal_width();

/// Label of an enum value or heading in the settings' locale: label(s, "status", "new") = 新建.
std::string label(const Settings& s, std::string_view group, std::string_view key);

}  // namespace svc::cli
