#pragma once
// Reading YAML into Values (with positions) and writing Values as deterministic YAML and JSON.
#include <string>
#include <string_view>

#include "svc/domain/value.hpp"

namespace svc::store {

/// Parses YAML text; throws data_error "PATH:LINE:COL: message" on a syntax error.
Value parse_yaml(const std::string& text, const std::string& path);
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
