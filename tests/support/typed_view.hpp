#pragma once
// One file as each reader types it, in one comparable text: svc's reading of its Values, and
// libfyaml's (YAML 1.2, JSON schema: only null, true, false and JSON numbers are typed). A
// date or timestamp is text to YAML 1.2 and a date to YAML 1.1: both are written as its text.
// Used by the fuzz target and tests/tools/read_yaml (PyYAML's side is tests/tools/differential.py).
#include <libfyaml.h>

#include <algorithm>
#include <optional>
#include <string>

#include "svc/domain/value.hpp"
#include "svc/store/yaml.hpp"

namespace svc::test {

inline std::string typed_scalar(const std::string& kind, const std::string& s) {
  return kind == "str" ? store::json_string(s) : kind == "num" ? "#" + s : s;
}

/// svc's reading: text is text; a plain scalar is what plain_reading says.
inline std::string svc_typed(const Value& v) {
  if (v.is_map()) {
    std::string out = "{";
    for (const auto& [k, val] : v.entries)
      out += store::json_string(k) + ":" + svc_typed(val) + ",";
    return out + "}";
  }
  if (v.is_list()) {
    std::string out = "[";
    for (const auto& item : v.items) out += svc_typed(item) + ",";
    return out + "]";
  }
  if (v.kind == Value::Kind::text) return typed_scalar("str", v.scalar);
  if (v.scalar == "~") return "null";
  switch (store::plain_reading(v.scalar)) {
    case store::PlainReading::null:
      return "null";
    case store::PlainReading::boolean:
      return v.scalar;
    case store::PlainReading::integer:
    case store::PlainReading::decimal:
      return typed_scalar("num", v.scalar);
    default:
      return typed_scalar("str", v.scalar);
  }
}

namespace detail {

// -?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][-+]?[0-9]+)?, the JSON schema's number, by hand.
inline bool json_number(const std::string& s) {
  size_t i = 0;
  auto digits = [&] {
    size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  size_t lead = i;
  size_t n = digits();
  if (n == 0 || (n > 1 && s[lead] == '0')) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    digits();
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

inline std::string fy_typed(struct fy_node* n) {
  if (!n) return "null";
  switch (fy_node_get_type(n)) {
    case FYNT_MAPPING: {
      std::string out = "{";
      void* iter = nullptr;
      while (struct fy_node_pair* p = fy_node_mapping_iterate(n, &iter)) {
        struct fy_node* k = fy_node_pair_key(p);
        size_t len = 0;
        const char* key = k && fy_node_is_scalar(k) ? fy_node_get_scalar(k, &len) : nullptr;
        // A key that is no string (a JSON-schema number or null, a collection) is typed as such.
        std::string typed_key = key ? fy_typed(k) : "?";
        out += (typed_key.starts_with("\"") ? typed_key : "<" + typed_key + ">") + ":" +
               fy_typed(fy_node_pair_value(p)) + ",";
      }
      return out + "}";
    }
    case FYNT_SEQUENCE: {
      std::string out = "[";
      void* iter = nullptr;
      while (struct fy_node* item = fy_node_sequence_iterate(n, &iter)) out += fy_typed(item) + ",";
      return out + "]";
    }
    default: {
      size_t len = 0;
      const char* p = fy_node_get_scalar(n, &len);
      std::string s = p ? std::string(p, len) : std::string();
      if (fy_node_get_style(n) != FYNS_PLAIN) return typed_scalar("str", s);
      if (s.empty() || s == "null") return "null";
      if (s == "true" || s == "false") return s;
      if (json_number(s)) return typed_scalar("num", s);
      return typed_scalar("str", s);
    }
  }
}

}  // namespace detail

/// libfyaml's reading of `text`, or nullopt when it refuses the text (or holds an alias or tag).
inline std::optional<std::string> fy_typed(const std::string& text) {
  struct fy_parse_cfg cfg = {};
  cfg.flags = static_cast<enum fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2);
  // An empty document (nothing, or only comments and blank lines) holds no node: libfyaml
  // builds none, svc reads an empty map.
  bool nothing = true;
  for (size_t at = 0; at < text.size() && nothing;) {
    size_t end = std::min(text.find('\n', at), text.size());
    size_t first = text.find_first_not_of(' ', at);
    nothing = first >= end || text[first] == '#';
    at = end + 1;
  }
  if (nothing) return "{}";
  struct fy_document* doc = fy_document_build_from_string(&cfg, text.data(), text.size());
  if (!doc) return std::nullopt;
  struct fy_node* root = fy_document_root(doc);
  std::string out = root ? detail::fy_typed(root) : "{}";
  if (out == "null") out = "{}";  // a document of nothing but "---": svc reads an empty map
  fy_document_destroy(doc);
  return out;
}

}  // namespace svc::test
