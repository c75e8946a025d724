#pragma once
// Reading YAML into Values (with positions) and writing Values as deterministic YAML and JSON.
#include <optional>
#include <string>
#include <string_view>

#include "svc/domain/value.hpp"

namespace svc::store {

/// Parses YAML text; throws data_error "PATH:LINE:COL: message" on a syntax error.
Value parse_yaml(const std::string& text, const std::string& path);
/// The fast path of parse_yaml: the tree of a document in exactly the form svc writes (what
/// yaml-cpp would give, positions included), or nullopt to let the full reader decide.
std::optional<Value> parse_written_form(std::string_view text);
/// parse_yaml without the fast path (for the test that proves both agree).
Value parse_yaml_full(const std::string& text, const std::string& path);
/// Block style, 2-space indent, flow maps and lists where marked, UTF-8 unescaped.
std::string emit_yaml(const Value& doc);
/// A scalar as YAML would have to write it to read back the same string.
std::string yaml_scalar(const Value& v);
/// True when `s` can be written unquoted and still reads back as this very string.
bool plain_safe(std::string_view s);
/// JSON for scripts: plain numbers and booleans as such, everything else as strings.
std::string emit_json(const Value& v, int indent = 2);
std::string json_string(std::string_view s);

}  // namespace svc::store
