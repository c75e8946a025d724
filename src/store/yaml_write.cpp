// Deterministic YAML and JSON out: block style, two-space steps, flow where marked, UTF-8
// unescaped; every scalar as yaml_scalar (yaml_scalars.cpp) writes it.
#include <fmt/format.h>

#include <string>

#include "svc/domain/text.hpp"
#include "svc/store/yaml.hpp"

namespace svc::store {

namespace {

void emit_flow(const Value& v, std::string& out) {
  if (v.is_scalar()) {
    out += yaml_scalar(v);
  } else if (v.is_map()) {
    out += '{';
    bool first = true;
    for (const auto& [key, value] : v.entries) {
      if (!first) out += ", ";
      first = false;
      out += yaml_scalar(Value::text(key)) + ": ";
      emit_flow(value, out);
    }
    out += '}';
  } else {
    out += '[';
    for (size_t i = 0; i < v.items.size(); ++i) {
      if (i) out += ", ";
      emit_flow(v.items[i], out);
    }
    out += ']';
  }
}

void emit_block(const Value& v, int indent, std::string& out);

// Writes what follows "key:" or "- ": a scalar or flow collection on the same line, a block
// collection on the next lines.
void emit_after_colon(const Value& v, int indent, std::string& out) {
  if (v.is_scalar() || v.flow || v.empty()) {
    out += ' ';
    emit_flow(v, out);
    out += '\n';
  } else {
    out += '\n';
    emit_block(v, indent, out);
  }
}

void emit_block(const Value& v, int indent, std::string& out) {
  std::string pad(static_cast<size_t>(indent), ' ');
  if (v.is_map()) {
    for (const auto& [key, value] : v.entries) {
      out += pad + yaml_scalar(Value::text(key)) + ':';
      emit_after_colon(value, indent + 2, out);
    }
  } else if (v.is_list()) {
    for (const auto& item : v.items) {
      if (item.is_map() && !item.flow && !item.empty()) {
        std::string nested;
        emit_block(item, indent + 2, nested);
        out += pad + "- " + nested.substr(static_cast<size_t>(indent) + 2);
      } else {
        out += pad + '-';
        emit_after_colon(item, indent + 2, out);
      }
    }
  }
}

void emit_json_value(const Value& v, int indent, int depth, std::string& out) {
  std::string nl = indent ? "\n" : "";
  std::string pad(static_cast<size_t>(indent * (depth + 1)), ' ');
  std::string end_pad(static_cast<size_t>(indent * depth), ' ');
  if (v.is_scalar()) {
    const std::string& s = v.scalar;
    // Only what JSON reads as the same number, boolean or null goes out bare.
    PlainReading reading = v.kind == Value::Kind::plain ? plain_reading(s) : PlainReading::text;
    if (reading == PlainReading::boolean)
      out += s;
    else if (reading == PlainReading::null || (v.kind == Value::Kind::plain && s == "~"))
      out += "null";
    else if (reading == PlainReading::integer || reading == PlainReading::decimal)
      out += s;
    else
      out += json_string(s);
  } else if (v.is_map()) {
    if (v.entries.empty()) {
      out += "{}";
      return;
    }
    out += "{" + nl;
    for (size_t i = 0; i < v.entries.size(); ++i) {
      out += pad + json_string(v.entries[i].first) + (indent ? ": " : ":");
      emit_json_value(v.entries[i].second, indent, depth + 1, out);
      out += (i + 1 < v.entries.size() ? "," : "") + nl;
    }
    out += end_pad + "}";
  } else {
    if (v.items.empty()) {
      out += "[]";
      return;
    }
    out += "[" + nl;
    for (size_t i = 0; i < v.items.size(); ++i) {
      out += pad;
      emit_json_value(v.items[i], indent, depth + 1, out);
      out += (i + 1 < v.items.size() ? "," : "") + nl;
    }
    out += end_pad + "]";
  }
}

}  // namespace

std::string emit_yaml(const Value& doc) {
  std::string out;
  if (doc.is_scalar() || doc.flow) {
    emit_flow(doc, out);
    return out + '\n';
  }
  emit_block(doc, 0, out);
  return out;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  out.reserve(s.size() + 2);
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t cp = next_code_point(s, i);
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        // \uXXXX reads back the same in YAML 1.1, YAML 1.2 double quotes and JSON; raw, a C1
        // control or U+2028 is folded or refused by some readers.
        if (must_escape(cp))
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
        else
          out.append(s.substr(start, i - start));
    }
  }
  return out + "\"";
}

std::string emit_json(const Value& v, int indent) {
  std::string out;
  emit_json_value(v, indent, 0, out);
  return out + "\n";
}

}  // namespace svc::store
