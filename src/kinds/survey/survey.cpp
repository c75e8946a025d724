// Surveys as a kind (SPEC §5): tables, hooks, every decision, and the scoring `stats` reports.
#include "svc/domain/survey.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "svc/domain/checks.hpp"
#include "svc/domain/error.hpp"

namespace svc::survey {

namespace {

void fold(Value& fields, const Event& e, const std::string&) {
  const Value& d = e.data;
  const std::string& a = e.action;
  if (a == "record" || a == "amend") {
    Value& answers =
        a == "record" ? fields.set("answers", Value::map()) : record::child_map(fields, "answers");
    if (const Value* given = d.find("answers"))
      for (const auto& [item, level] : given->entries) answers.set(item, level);
    if (answers.empty()) fields.erase("answers");
    if (d.find("comment")) fields.set_text("comment", d.get("comment"));
    fields.set_plain(a == "record" ? "recorded" : "amended", e.at);
    fields.erase("dropped");
  } else if (a == "drop") {
    Value& dropped = fields.set("dropped", Value::map());
    dropped.set_plain("at", e.at);
    dropped.set_text("reason", d.get("reason"));
    if (d.find("duplicate_of")) dropped.set_plain("duplicate_of", d.get("duplicate_of"));
  } else if (a == "call_back") {
    Value& c = fields.set("called_back", Value::map());
    c.set_plain("at", e.at);
    c.set_text("by", e.by);
    c.set_text("note", d.get("note"));
  }
}

KindRules make_rules() {
  KindRules k;
  k.noun = "survey";
  k.prefix = 'S';
  k.width = 4;
  k.folder = "surveys";
  k.settings = {"surveys",
                "surveys.auto",
                "surveys.after",
                "surveys.after.ticket",
                "surveys.after.return",
                "surveys.templates"};
  k.free_maps = {"surveys.templates"};
  k.read_settings = read_settings;
  k.first_status = "pending";
  k.statuses = {"pending", "recorded", "dropped"};
  k.open = {"pending"};
  k.transitions = {
      {"record", {"pending", "dropped"}, "recorded"},
      {"amend", {"recorded"}, ""},
      {"drop", {"pending"}, "dropped"},
      {"call_back", {"recorded"}, ""},
      {"note", {}, ""},
      {"edit", {}, ""},
  };
  k.quiet = {"note", "edit", "amend"};
  k.withdraw = "drop";
  k.key_order = {"id",         "status",  "template", "customer",     "name",    "phone",
                 "technician", "links",   "ticket",   "complaint",    "return",  "registered",
                 "answers",    "comment", "recorded", "amended",      "dropped", "called_back",
                 "at",         "by",      "reason",   "duplicate_of", "note",    "history"};
  const FieldType timestamp{Form::timestamp, {}};
  k.typed = {{"recorded", timestamp},
             {"amended", timestamp},
             {"dropped.at", timestamp},
             {"called_back.at", timestamp}};
  // What each action's event holds besides at, by and do.
  k.events = {
      {"new", {"template", "customer", "technician", "links"}, ""},
      {"record", {"answers", "comment"}, ""},
      {"amend", {"answers", "comment"}, ""},
      {"drop", {"reason", "duplicate_of"}, "dropped"},
      {"call_back", {"note"}, "called_back"},
      {"note", {"text"}, ""},
  };
  // The record surveyed; a survey dropped as a call's second names the one kept.
  k.links = {{"links.ticket", "ticket", "survey"},
             {"links.complaint", "complaint", ""},
             {"links.return", "return", "survey"},
             {"dropped.duplicate_of", "survey", "", true}};
  k.fold = fold;
  k.spoken = [](const std::string& action) -> std::string {
    return action == "call_back" ? "call-back" : action;
  };
  k.retire_duplicate = decide_duplicate;
  k.validate = validate;
  return k;
}

const SurveyTemplate& template_of(const Record& r, const Settings& s) {
  const SurveyTemplate* t = s.surveys.find(r.fields.get("template"));
  if (!t)
    throw refused(fmt::format("{}: template '{}' is not in svc.yaml (surveys.templates)", r.id,
                              r.fields.get("template")));
  return *t;
}

std::string item_list(const SurveyTemplate& t) {
  std::vector<std::string> keys;
  for (const auto& i : t.items) keys.push_back(i.key);
  return fmt::format("{}", fmt::join(keys, ", "));
}

std::string level_list(const SurveyTemplate& t) {
  std::vector<std::string> levels;
  for (const auto& [n, name] : t.scale) levels.push_back(fmt::format("{} ({})", n, name));
  return fmt::format("{}", fmt::join(levels, ", "));
}

// ITEM=LEVEL pairs in the template's item order.
Value parse_answers(const SurveyTemplate& t, const std::vector<std::string>& typed) {
  std::vector<std::pair<size_t, int>> given;
  for (const auto& pair : typed) {
    size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
      throw usage_error(fmt::format("'{}' is not an answer like attitude=4 (ITEM=LEVEL)", pair));
    std::string key = pair.substr(0, eq), level = pair.substr(eq + 1);
    const SurveyItem* item = t.item(key);
    if (!item)
      throw refused(fmt::format("'{}' is not an item of the {} survey; items: {}", key, t.name,
                                item_list(t)));
    size_t index = static_cast<size_t>(item - t.items.data());
    int n = 0;
    for (const auto& [l, name] : t.scale)
      if (level == std::to_string(l) || level == name) n = l;
    if (!n)
      throw refused(
          fmt::format("{}={}: the {} survey's levels are {}", key, level, t.name, level_list(t)));
    for (const auto& [i, l] : given)
      if (i == index) throw usage_error(fmt::format("'{}' is answered twice", key));
    given.emplace_back(index, n);
  }
  std::sort(given.begin(), given.end());
  Value answers = Value::map(true);
  for (const auto& [i, n] : given) answers.set_plain(t.items[i].key, std::to_string(n));
  return answers;
}

}  // namespace

const KindRules& rules() {
  static const KindRules k = make_rules();
  return k;
}

Event decide_new(const NewSurvey& n, const Context& ctx) {
  if (!ctx.settings.surveys.find(n.template_name)) {
    std::vector<std::string> names;
    for (const auto& t : ctx.settings.surveys.templates) names.push_back(t.name);
    throw usage_error(
        fmt::format("--template '{}' is not one of: {}", n.template_name, fmt::join(names, ", ")));
  }
  require_text("--customer", n.customer);
  Event e = record::new_event("new", ctx);
  e.data.set_plain("template", n.template_name);
  Value customer = Value::map(true);
  customer.set_text("name", n.customer);
  if (!n.phone.empty()) customer.set_text("phone", n.phone);
  e.data.set("customer", std::move(customer));
  if (!n.technician.empty()) e.data.set_text("technician", n.technician);
  Value links = Value::map(true);
  if (!n.ticket.empty()) links.set_plain("ticket", n.ticket);
  if (!n.complaint.empty()) links.set_plain("complaint", n.complaint);
  if (!n.return_id.empty()) links.set_plain("return", n.return_id);
  if (!links.empty()) e.data.set("links", std::move(links));
  return e;
}

Event decide_record(const Record& r, const std::vector<std::string>& typed,
                    const std::string& comment, bool amend, const Context& ctx) {
  const SurveyTemplate& t = template_of(r, ctx.settings);
  if (r.status() == "recorded" && !amend)
    throw refused(fmt::format(
        "{} was recorded on {}; to change answers: svc survey record {} ITEM=LEVEL... --amend",
        r.id, r.fields.get("recorded").substr(0, 10), r.id));
  if (amend && r.status() != "recorded")
    throw refused(fmt::format("{} is not recorded yet; record it without --amend", r.id));
  Value answers = parse_answers(t, typed);
  if (answers.empty() && comment.empty())
    throw usage_error(
        fmt::format("give the answers as ITEM=LEVEL (items: {}) or a --comment", item_list(t)));
  record::require_allowed(rules(), r, amend ? "amend" : "record");
  if (amend) {
    // Only what changes goes into the event.
    const Value* before = r.fields.find("answers");
    Value changed = Value::map(true);
    for (const auto& [item, level] : answers.entries)
      if (!before || before->get(item) != level.scalar) changed.set(item, level);
    answers = std::move(changed);
    if (answers.empty() && (comment.empty() || comment == r.fields.get("comment")))
      throw refused(fmt::format("{} already holds these answers; nothing to amend", r.id));
  }
  Event e = record::new_event(amend ? "amend" : "record", ctx);
  if (!answers.empty()) e.data.set("answers", std::move(answers));
  if (!comment.empty()) e.data.set_text("comment", comment);
  return e;
}

Event decide_drop(const Record& r, const std::string& reason, const Context& ctx) {
  return record::text_event(rules(), r, "drop", "--reason", "reason", reason, ctx);
}

Event decide_duplicate(const Record& r, const std::string& kept, const std::string& why,
                       const Context& ctx) {
  Event e = decide_drop(r, why, ctx);
  e.data.set_plain("duplicate_of", kept);
  return e;
}

bool is_duplicate(const Value& fields) {
  const Value* d = fields.find("dropped");
  return d && !d->get("duplicate_of").empty();
}

Event decide_call_back(const Record& r, const std::string& note, const Context& ctx) {
  require_text("--note", note);
  record::require_allowed(rules(), r, "call_back");
  if (unhappy_items(r.fields, template_of(r, ctx.settings)).empty())
    throw refused(
        fmt::format("every answer of {} is satisfied; there is nothing to call back "
                    "about",
                    r.id));
  Event e = record::new_event("call_back", ctx);
  e.data.set_text("note", note);
  return e;
}

Event decide_note(const Record& r, const std::string& text, const Context& ctx) {
  return record::text_event(rules(), r, "note", "note", "text", text, ctx);
}

Event decide_edit(const Record& r, const Value& asked, const Context& ctx) {
  static const char* const owned[] = {"id",       "status",      "history",  "registered",
                                      "template", "answers",     "recorded", "amended",
                                      "dropped",  "called_back", "links"};
  record::refuse_owned(rules(), asked, {std::begin(owned), std::end(owned)});
  Value changes = asked;
  record::keep_text(changes, {});
  if (auto found =
          validate(Record{r.id, record::merged_with(rules(), r.fields, changes), {}}, ctx.settings);
      !found.empty())
    throw refused(found.front().message);
  return record::edit_event(std::move(changes), ctx);
}

std::vector<Finding> validate(const Record& r, const Settings& s) {
  std::vector<Finding> found = record::validate_common(rules(), r);
  const Value& f = r.fields;
  auto add = [&](const Value* at, std::string message) {
    found.push_back({at ? at->line : 0, at ? at->column : 0, std::move(message)});
  };
  const SurveyTemplate* t = s.surveys.find(f.get("template"));
  if (!t)
    add(f.find("template"),
        fmt::format("template '{}' is not in svc.yaml (surveys.templates)", f.get("template")));
  if (!f.find("customer") || f.find("customer")->get("name").empty())
    add(f.find("customer"), "missing customer name");
  if (const Value* answers = f.find("answers"); answers && t) {
    if (!answers->is_map()) add(answers, "answers must map items to levels");
    for (const auto& [item, level] : answers->entries) {
      if (!t->item(item))
        add(&level, fmt::format("answers.{} is not an item of the {} survey ({})", item, t->name,
                                item_list(*t)));
      else if (level.scalar.size() != 1 || !t->has_level(level.scalar[0] - '0'))
        add(&level, fmt::format("answers.{} '{}' is not a level of the {} survey ({})", item,
                                level.scalar, t->name, level_list(*t)));
    }
  }
  return found;
}

std::string complaint_level(const std::string& satisfaction) {
  if (satisfaction == "very_satisfied") return "4";
  if (satisfaction == "satisfied") return "3";
  if (satisfaction == "neutral") return "2";
  return "1";
}

std::vector<std::string> unanswered_items(const Value& fields, const SurveyTemplate& t) {
  const Value* answers = fields.find("answers");
  std::vector<std::string> out;
  for (const auto& item : t.items)
    if (!answers || !answers->find(item.key)) out.push_back(item.key);
  return out;
}

std::vector<std::string> unhappy_items(const Value& fields, const SurveyTemplate& t) {
  std::vector<std::string> out;
  if (const Value* answers = fields.find("answers"))
    for (const auto& [item, level] : answers->entries)
      if (level.scalar.size() == 1 && !t.is_positive(level.scalar[0] - '0')) out.push_back(item);
  return out;
}

bool needs_call_back(const Value& fields, const SurveyTemplate& t) {
  return fields.get("status") == "recorded" && !fields.find("called_back") &&
         !unhappy_items(fields, t).empty();
}

void Tally::add(int level, bool is_positive) {
  ++answers;
  positive += is_positive ? 1 : 0;
  sum += level;
}

void Tally::add(const Tally& t) {
  answers += t.answers;
  positive += t.positive;
  sum += t.sum;
}

void Stats::add(const Value& fields, bool created_in_period, bool recorded_in_period) {
  const SurveyTemplate* t = settings_.surveys.find(fields.get("template"));
  if (!t)
    throw data_error(fmt::format("{}: template '{}' is not in svc.yaml", fields.get("id"),
                                 fields.get("template")));
  TemplateStats& ts = by_template_[t->name];
  if (!ts.tmpl) {
    ts.tmpl = t;
    ts.items.resize(t->items.size());
    ts.sections.resize(t->sections.size());
  }
  const bool recorded = fields.get("status") == "recorded";
  // A call's second survey, dropped as its duplicate, was never sent on its own.
  if (created_in_period && !is_duplicate(fields)) {
    ++ts.created;
    ts.created_recorded += recorded ? 1 : 0;
  }
  if (!recorded || !recorded_in_period) return;
  ++ts.responses;
  const std::string technician = fields.get("technician");
  auto* tech = technician.empty() ? nullptr : &ts.technicians[technician];
  std::vector<Tally>* tech_items = technician.empty() ? nullptr : &ts.technician_items[technician];
  if (tech) ++tech->first;
  if (tech_items) tech_items->resize(t->items.size());
  if (const Value* answers = fields.find("answers"))
    for (const auto& [key, level] : answers->entries) {
      const SurveyItem* item = t->item(key);
      int n = level.scalar.size() == 1 ? level.scalar[0] - '0' : 0;
      if (!item || !t->has_level(n)) continue;  // check reports it; validated files have none
      bool positive = t->is_positive(n);
      const auto index = static_cast<size_t>(item - t->items.data());
      ts.items[index].add(n, positive);
      if (tech_items) (*tech_items)[index].add(n, positive);
      for (size_t s = 0; s < t->sections.size(); ++s)
        if (t->sections[s].first == item->section) ts.sections[s].add(n, positive);
      ts.overall.add(n, positive);
      if (tech) tech->second.add(n, positive);
    }
  if (std::string comment = fields.get("comment"); !comment.empty())
    ts.comments.push_back({fields.get("id"),
                           fields.find("customer") ? fields.find("customer")->get("name") : "",
                           technician, comment});
}

std::int64_t Stats::created() const {
  std::int64_t n = 0;
  for (const auto& [name, t] : by_template_) n += t.created;
  return n;
}

std::int64_t Stats::created_recorded() const {
  std::int64_t n = 0;
  for (const auto& [name, t] : by_template_) n += t.created_recorded;
  return n;
}

std::int64_t Stats::responses() const {
  std::int64_t n = 0;
  for (const auto& [name, t] : by_template_) n += t.responses;
  return n;
}

Tally Stats::overall() const {
  Tally all;
  for (const auto& [name, t] : by_template_) all.add(t.overall);
  return all;
}

std::vector<const TemplateStats*> Stats::templates() const {
  std::vector<const TemplateStats*> out;
  for (const auto& t : settings_.surveys.templates)
    if (auto it = by_template_.find(t.name); it != by_template_.end()) out.push_back(&it->second);
  return out;
}

}  // namespace svc::survey
