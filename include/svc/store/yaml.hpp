#pragma once
// Reading YAML into Values (with positions) and writing Values as deterministic YAML and JSON.
#include <optional>
#include <string>
#include <string_view>

#include "svc/domain/value.hpp"

namespace svc::store {

/// What a document's keys may be: a record's are text to every reader; svc.yaml's survey scales
/// are keyed by their levels (4: 很满意), which svc reads as text.
enum class Keys { text, levels_too };
/// Parses YAML text; throws data_error "PATH:LINE:COL: message" on a syntax error, and on
/// anything outside the plain subset every YAML reader reads alike (SPEC §9).
Value parse_yaml(const std::string& text, const std::string& path, Keys keys = Keys::text);
/// The fast path of parse_yaml: the tree of a document in exactly the form svc writes (what
/// yaml-cpp would give, positions included), or nullopt to let the full reader decide.
std::optional<Value> parse_written_form(std::string_view text);
/// parse_yaml without the fast path (for the test that proves both agree).
Value parse_yaml_full(const std::string& text, const std::string& path, Keys keys = Keys::text);
/// The first line (1-based) that is a git conflict marker, if any.
std::optional<int> conflict_marker_line(std::string_view text);
/// Whether a line opens a git conflict hunk (`<<<<<<< `): git merged the file as text.
inline bool has_conflict_markers(std::string_view text) {
  return text.starts_with("<<<<<<< ") || text.find("\n<<<<<<< ") != std::string_view::npos;
}
/// The two sides of a text git merged with conflict markers: the lines around the hunks go to
/// both, each hunk's first part to ours and its last to theirs (a diff3 base part to neither).
struct ConflictSides {
  std::string ours, theirs;
};
/// nullopt when the markers do not pair up.
std::optional<ConflictSides> conflict_sides(const std::string& text);
/// Block style, 2-space indent, flow maps and lists where marked, UTF-8 unescaped.
std::string emit_yaml(const Value& doc);
/// A scalar as YAML would have to write it to read back the same string.
std::string yaml_scalar(const Value& v);
/// True when `s` can be written unquoted and still reads back as this very string.
bool plain_safe(std::string_view s);
/// What an unquoted scalar is to every YAML reader svc answers for (YAML 1.1 and 1.2: PyYAML,
/// libfyaml, yaml-cpp), or `differs` when they read it differently or some refuse it; svc
/// refuses such a file (SPEC §9: what svc reads, every reader reads alike).
enum class PlainReading { text, null, boolean, integer, decimal, date, timestamp, differs };
PlainReading plain_reading(std::string_view s);
/// plain_reading of a scalar plain_safe already refused (the readers' hot path asks once).
PlainReading typed_reading(std::string_view s);
/// The refusal for a `differs` scalar, naming the quoted form to write instead.
std::string differs_message(std::string_view s);
/// The longest key svc reads, in characters (YAML readers refuse simple keys over 1024
/// characters as written; 128 characters stay below that even written as \u escapes).
inline constexpr size_t kMaxKeyChars = 128;
/// JSON for scripts: plain numbers and booleans as such, everything else as strings.
std::string emit_json(const Value& v, int indent = 2);
std::string json_string(std::string_view s);

}  // namespace svc::store
