#pragma once
// Record files: a YAML map whose last key is `history:`, one flow-style event per line.
#include <string>
#include <vector>

#include "svc/domain/record.hpp"

namespace svc::store {

/// A problem found in a file, with where it is.
struct Problem {
  std::string path;
  int line = 0;
  int column = 0;
  std::string message;
  std::string text() const;  ///< "path:line:col: message"
};

/// Splits a parsed document into summary fields and events. Structural problems (no id, a
/// history line without at/by/do) are appended to `problems`. The document is taken apart.
Record record_from_value(Value doc, const std::string& path, std::vector<Problem>& problems);
/// The document svc writes: summary fields, then the history with at, by, do first.
Value record_to_value(const Record& r);
/// A record from its text (YAML, then structure); throws data_error naming the first problem.
Record record_from_text(const std::string& text, const std::string& shown);
std::string record_text(const Record& r);

}  // namespace svc::store
