// The survey's section of svc.yaml: whether closing a call creates a survey, after which kinds,
// and the questionnaires (templates).
#include <fmt/format.h>

#include <cctype>

#include "svc/domain/settings_read.hpp"
#include "svc/domain/survey.hpp"

namespace svc::survey {

using settings::bad;
using settings::kMaxItems;
using settings::kMaxLevels;
using settings::kMaxSections;
using settings::kMaxTemplates;
using settings::require_at_most;

namespace {

bool is_key(const std::string& s) {
  return !s.empty() && s.size() <= 32 && !std::isdigit(static_cast<unsigned char>(s[0])) &&
         s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

// One questionnaire: a label, a scale of whole-number levels, the positive ones, and sections
// of items whose keys are unique in the template.
SurveyTemplate read_template(const std::string& name, const Value& t, const std::string& path) {
  SurveyTemplate out;
  out.name = name;
  auto where = [&](const char* key) { return fmt::format("surveys.templates.{}.{}", name, key); };
  if (!is_key(name))
    bad(path, t, fmt::format("template name '{}' is not like visit (a-z, 0-9, _)", name));
  if (!t.is_map()) bad(path, t, fmt::format("template '{}' must be a map", name));
  out.label = t.get("label");
  if (out.label.empty()) bad(path, t, fmt::format("{} is missing", where("label")));
  const Value* scale = t.find("scale");
  if (!scale || !scale->is_map() || scale->entries.size() < 2)
    bad(path, scale ? *scale : t,
        fmt::format("{} must map two or more levels to labels, like "
                    "{{3: 满意, 2: 基本满意, 1: 不满意}}",
                    where("scale")));
  require_at_most(*scale, kMaxLevels, where("scale"), "levels", path);
  for (const auto& [level, label] : scale->entries) {
    if (level.size() != 1 || level[0] < '1' || level[0] > '9' || !label.is_scalar() ||
        label.scalar.empty())
      bad(path, label,
          fmt::format("{}: '{}' must be a level 1-9 with a label", where("scale"), level));
    int n = level[0] - '0';
    if (out.has_level(n))
      bad(path, label, fmt::format("{}: level {} is listed twice", where("scale"), n));
    out.scale.emplace_back(n, label.scalar);
  }
  const Value* positive = t.find("positive");
  if (!positive || !positive->is_list() || positive->items.empty())
    bad(path, positive ? *positive : t,
        fmt::format("{} must list the levels that count as satisfied", where("positive")));
  for (const auto& p : positive->items) {
    int n = p.scalar.size() == 1 ? p.scalar[0] - '0' : 0;
    if (!out.has_level(n))
      bad(path, p,
          fmt::format("{}: '{}' is not a level of the scale", where("positive"), p.scalar));
    out.positive.push_back(n);
  }
  const Value* sections = t.find("sections");
  if (!sections || !sections->is_map() || sections->entries.empty())
    bad(path, sections ? *sections : t,
        fmt::format("{} must hold at least one section with items", where("sections")));
  require_at_most(*sections, kMaxSections, where("sections"), "sections", path);
  size_t items_in_template = 0;
  for (const auto& [key, section] : sections->entries) {
    if (!is_key(key) || !section.is_map())
      bad(path, section,
          fmt::format("{}: '{}' must be a key (a-z, 0-9, _) holding label and "
                      "items",
                      where("sections"), key));
    out.sections.emplace_back(key, section.get("label").empty() ? key : section.get("label"));
    const Value* items = section.find("items");
    if (!items || !items->is_map() || items->entries.empty())
      bad(path, items ? *items : section,
          fmt::format("{}.{}.items must map item keys to questions", where("sections"), key));
    items_in_template += items->entries.size();
    if (items_in_template > kMaxItems)
      bad(path, *items,
          fmt::format("template '{}' holds more than {} items; svc.yaml may hold at most {}", name,
                      kMaxItems, kMaxItems));
    for (const auto& [item, question] : items->entries) {
      if (!is_key(item) || !question.is_scalar() || question.scalar.empty())
        bad(path, question,
            fmt::format("{}.{}.items: '{}' must be a key (a-z, 0-9, _) with its question",
                        where("sections"), key, item));
      if (out.item(item))
        bad(path, question,
            fmt::format("{}: item '{}' is in two sections; item keys are unique in a template",
                        where("sections"), item));
      out.items.push_back({item, question.scalar, key});
    }
  }
  return out;
}

SurveySettings read_surveys(const Value& doc, const Value& mine, const std::string& path) {
  SurveySettings out;
  const Value* s = doc.find("surveys");
  if (!s) return out;
  out.auto_create = s->get("auto") != "false";
  if (const Value* templates = s->find("templates")) {
    require_at_most(*templates, kMaxTemplates, "surveys.templates", "templates", path);
    // A template written in the data directory's svc.yaml replaces the shipped one whole.
    const Value* own = mine.find("surveys") ? mine.find("surveys")->find("templates") : nullptr;
    for (const auto& [name, t] : templates->entries) {
      const Value* whole = own && own->find(name) ? own->find(name) : &t;
      out.templates.push_back(read_template(name, *whole, path));
    }
  }
  const Value* after = s->find("after");
  for (auto [key, into] :
       {std::pair{"ticket", &out.after_ticket}, std::pair{"return", &out.after_return}}) {
    const Value* v = after ? after->find(key) : nullptr;
    if (!v || v->scalar == "none") continue;
    if (!out.find(v->scalar))
      bad(path, *v,
          fmt::format("surveys.after.{}: '{}' is not a template (or none)", key, v->scalar));
    *into = v->scalar;
  }
  return out;
}

}  // namespace

void read_settings(const Value& doc, const Value& mine, const std::string& path, Settings& s) {
  s.surveys = read_surveys(doc, mine, path);
}

}  // namespace svc::survey
