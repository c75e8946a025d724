#include "svc/store/yaml.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cctype>

#include "svc/domain/error.hpp"

namespace svc::store {

namespace {

bool all_of(std::string_view s, const char* allowed) {
  return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
}

// What YAML 1.1 or 1.2 would read as a number: 12, -1.5, 1e3, 1_000, 0x1f, 0o17, .5, .inf, .nan.
bool is_number(std::string_view s) {
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  std::string_view t = s;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  if (t == ".inf" || t == ".Inf" || t == ".INF") return true;
  if (t.size() > 2 && t[0] == '0' && t[1] == 'x')
    return all_of(t.substr(2), "0123456789abcdefABCDEF_");
  if (t.size() > 2 && t[0] == '0' && t[1] == 'o') return all_of(t.substr(2), "01234567_");
  bool digits = false, dot = false, exponent = false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '_' && digits && !exponent) {
    } else if (c == '.' && !dot && !exponent) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits && !exponent) {
      exponent = true;
      if (i + 1 < t.size() && (t[i + 1] == '+' || t[i + 1] == '-')) ++i;
      if (i + 1 >= t.size()) return false;
    } else {
      return false;
    }
  }
  return digits;
}

bool is_reserved_word(std::string_view s) {
  static const char* words[] = {"null",  "Null",  "NULL",  "~",   "true", "True", "TRUE",
                                "false", "False", "FALSE", "yes", "Yes",  "YES",  "no",
                                "No",    "NO",    "on",    "On",  "ON",   "off",  "Off",
                                "OFF",   "y",     "Y",     "n",   "N",    "=",    "<<"};
  for (const char* w : words)
    if (s == w) return true;
  return false;
}

// Dates and timestamps stay plain when svc writes them, but free text that looks like one is
// quoted so that no reader turns it into a date: YYYY-M[M]-D[D], then nothing or T/t/space.
bool looks_like_date(std::string_view s) {
  auto digits = [&](size_t from, size_t n) {
    return s.size() >= from + n && all_of(s.substr(from, n), "0123456789");
  };
  if (!digits(0, 4) || s.size() < 8 || s[4] != '-') return false;
  size_t i = 5, month = digits(5, 2) ? 2 : digits(5, 1) ? 1 : 0;
  if (!month || s.size() <= i + month || s[i + month] != '-') return false;
  i += month + 1;
  size_t day = digits(i, 2) ? 2 : digits(i, 1) ? 1 : 0;
  if (!day) return false;
  i += day;
  return i == s.size() || s[i] == 'T' || s[i] == 't' || s[i] == ' ';
}

Value from_node(const YAML::Node& n) {
  Value v;
  switch (n.Type()) {
    case YAML::NodeType::Map:
      v = Value::map(n.Style() == YAML::EmitterStyle::Flow);
      for (const auto& kv : n) v.entries.emplace_back(kv.first.Scalar(), from_node(kv.second));
      break;
    case YAML::NodeType::Sequence:
      v = Value::list(n.Style() == YAML::EmitterStyle::Flow);
      for (const auto& item : n) v.items.push_back(from_node(item));
      break;
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      bool quoted = n.Tag() == "!";
      bool typed = is_number(s) || is_reserved_word(s) || looks_like_date(s);
      v = !quoted && typed ? Value::plain(s) : Value::text(s);
      break;
    }
    default:
      v = Value::plain("~");
  }
  v.line = n.Mark().line + 1;
  v.column = n.Mark().column + 1;
  return v;
}

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
    if (v.kind == Value::Kind::plain && (s == "true" || s == "false"))
      out += s;
    else if (v.kind == Value::Kind::plain && (s == "~" || s == "null"))
      out += "null";
    else if (v.kind == Value::Kind::plain && is_number(s) &&
             s.find_first_of("xo_") == std::string::npos &&
             (s.size() == 1 || s[0] != '0' || s[1] == '.'))
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

Value parse_yaml(const std::string& text, const std::string& path) {
  try {
    YAML::Node root = YAML::Load(text);
    if (!root.IsDefined() || root.IsNull()) return Value::map();
    return from_node(root);
  } catch (const YAML::Exception& e) {
    throw data_error(fmt::format("{}:{}:{}: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
}

bool plain_safe(std::string_view s) {
  if (s.empty() || is_number(s) || is_reserved_word(s) || looks_like_date(s)) return false;
  if (s.front() == ' ' || s.back() == ' ') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos)
    return false;
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f ||
        std::string_view(",[]{}#:\"'").find(static_cast<char>(c)) != std::string_view::npos)
      return false;
  return true;
}

std::string yaml_scalar(const Value& v) {
  if (v.kind == Value::Kind::plain) return v.scalar.empty() ? "\"\"" : v.scalar;
  return plain_safe(v.scalar) ? v.scalar : json_string(v.scalar);
}

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
  for (unsigned char c : s) {
    switch (c) {
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
        if (c < 0x20 || c == 0x7f)  // \uXXXX reads back the same in YAML double quotes and JSON
          out += fmt::format("\\u{:04x}", c);
        else
          out += static_cast<char>(c);
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
