#include "svc/store/record_io.hpp"

#include <fmt/format.h>

#include "svc/domain/error.hpp"
#include "svc/store/yaml.hpp"

namespace svc::store {

std::string Problem::text() const {
  if (line > 0) return fmt::format("{}:{}:{}: {}", path, line, column, message);
  return fmt::format("{}: {}", path, message);
}

Record record_from_value(Value doc, const std::string& path, std::vector<Problem>& problems) {
  Record r;
  if (!doc.is_map()) {
    problems.push_back({path, doc.line, doc.column, "a record must be a YAML map"});
    return r;
  }
  r.id = doc.get("id");
  if (r.id.empty()) problems.push_back({path, doc.line, doc.column, "missing 'id'"});
  // The document's parts are moved, not copied: it is read once, and every file is read.
  Value* history = nullptr;
  r.fields.entries.reserve(doc.entries.size());
  for (auto& [key, value] : doc.entries) {
    if (key != "history")
      r.fields.entries.emplace_back(std::move(key), std::move(value));
    else if (!history)
      history = &value;
  }
  if (!history || !history->is_list() || history->items.empty()) {
    problems.push_back({path, history ? history->line : doc.line,
                        history ? history->column : doc.column,
                        "missing 'history' (a list of events)"});
    return r;
  }
  r.history.reserve(history->items.size());
  for (Value& item : history->items) {
    Event e;
    e.data.line = item.line;
    e.data.column = item.column;
    e.at = item.get("at");
    e.by = item.get("by");
    e.action = item.get("do");
    if (!item.is_map() || e.at.empty() || e.action.empty()) {
      problems.push_back({path, item.line, item.column, "a history event needs 'at' and 'do'"});
      continue;
    }
    for (auto& [key, value] : item.entries)
      if (key != "at" && key != "by" && key != "do")
        e.data.entries.emplace_back(std::move(key), std::move(value));
    r.history.push_back(std::move(e));
  }
  return r;
}

Value record_to_value(const Record& r) {
  Value doc = r.fields;
  doc.flow = false;
  Value history = Value::list();
  for (const auto& e : r.history) {
    Value item = Value::map(true);
    item.set_plain("at", e.at);
    item.set_text("by", e.by);
    item.set_plain("do", e.action);
    for (const auto& [key, value] : e.data.entries) item.entries.emplace_back(key, value);
    history.push(std::move(item));
  }
  doc.set("history", std::move(history));
  return doc;
}

Record record_from_text(const std::string& text, const std::string& shown) {
  std::vector<Problem> problems;
  Record r = record_from_value(parse_yaml(text, shown), shown, problems);
  if (!problems.empty()) throw data_error(problems.front().text());
  return r;
}

std::string record_text(const Record& r) { return emit_yaml(record_to_value(r)); }

}  // namespace svc::store
