// The values completion offers from a data directory: its settings (templates, categories,
// people, departments) and its records (IDs, customers, technicians, reasons given before).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#include "svc/cli/common.hpp"
#include "svc/cli/completion.hpp"
#include "svc/cli/output.hpp"
#include "svc/domain/links.hpp"
#include "svc/store/scan.hpp"

namespace svc::cli::completion {

const store::DataDir* Source::dir() {
  if (opened_) return dir_.get();
  opened_ = true;
  try {
    std::optional<std::string> flag;
    if (!flag_.empty()) flag = flag_;
    auto root = store::find_data_dir(flag, std::getenv("SVC_DATA"), store::fs::current_path());
    dir_ = std::make_unique<store::DataDir>(root, kind_rules());
  } catch (...) {
    // No data directory here, or one that does not read: nothing to offer from it.
  }
  return dir_.get();
}

const Settings& Source::settings() { return dir() ? dir_->settings() : none_; }

void Source::each_record(const RecordKind& kind, const std::function<void(const Record&)>& visit) {
  if (!dir()) return;
  try {
    store::scan_records(kind.rules, *dir_, std::nullopt,
                        [&](std::string_view, store::RecordFile& f) {
                          if (f.parsed) visit(f.record);
                        });
  } catch (...) {
    // A folder that cannot be read offers what was read before it.
  }
}

std::string label_or_none(Source& source, std::string_view group, std::string_view key) {
  std::string shown = label(source.settings(), group, key);
  return shown == key ? "" : shown;
}

namespace {

// Names counted as they are met; offered the most used first, then in name order.
class Tally {
 public:
  void add(const std::string& name) {
    if (!name.empty()) ++count_[name];
  }
  void add_all(const Value* v) {  // a scalar, a list of them, or a customer's {name: ...}
    if (!v) return;
    if (v->is_scalar()) add(v->scalar);
    if (v->is_list())
      for (const Value& item : v->items)
        if (item.is_scalar()) add(item.scalar);
    if (v->is_map()) add(v->get("name"));
  }
  std::vector<Candidate> candidates(const std::string& what = "") const {
    std::vector<std::pair<std::string, int>> by_use(count_.begin(), count_.end());
    std::stable_sort(by_use.begin(), by_use.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<Candidate> out;
    for (const auto& [name, n] : by_use) out.push_back({name, what});
    return out;
  }

 private:
  std::map<std::string, int> count_;
};

// The values of `keys` in the summaries and events of every record of `kinds`.
Tally recorded(Source& source, const std::vector<const RecordKind*>& kinds,
               const std::vector<const char*>& keys) {
  Tally tally;
  for (const RecordKind* kind : kinds)
    source.each_record(*kind, [&](const Record& r) {
      for (const char* key : keys) {
        tally.add_all(r.fields.find(key));
        for (const Event& e : r.history) tally.add_all(e.data.find(key));
      }
    });
  return tally;
}

}  // namespace

std::vector<Candidate> ids(Source& source, const RecordKind& kind) {
  std::vector<Candidate> out;
  source.each_record(kind, [&](const Record& r) {
    std::string customer = record::field_at(r.fields, "customer.name");
    std::string status = status_label(source.settings(), kind.rules.noun, r.status());
    out.push_back({r.id, customer.empty() ? status : fmt::format("{} · {}", customer, status)});
  });
  return out;
}

std::vector<Candidate> statuses(Source& source, const RecordKind& kind) {
  std::vector<Candidate> out;
  for (const auto& st : kind.rules.statuses)
    out.push_back({st, status_label(source.settings(), kind.rules.noun, st)});
  return out;
}

std::vector<Candidate> templates(Source& source) {
  std::vector<Candidate> out;
  for (const auto& t : source.settings().surveys.templates) out.push_back({t.name, t.label});
  return out;
}

std::vector<Candidate> categories(Source& source) {
  std::vector<Candidate> out;
  for (const auto& [path, shown] : source.settings().complaint_categories)
    out.push_back({path, shown});
  return out;
}

std::vector<Candidate> departments(Source& source) {
  Tally tally = recorded(source, {&complaint_kind()}, {"dept"});
  for (const auto& [dept, members] : source.settings().penalties.base_points) tally.add(dept);
  return tally.candidates();
}

std::vector<Candidate> people(Source& source) {
  Tally tally = recorded(source, all_kinds(), {"assignee", "helpers", "technician"});
  const PenaltyScale& p = source.settings().penalties;
  for (const auto& [who, bonus] : p.bonus_of) tally.add(who);
  for (const auto& [dept, members] : p.base_points)
    for (const auto& [who, points] : members) tally.add(who);
  return tally.candidates();
}

std::vector<Candidate> customers(Source& source) {
  return recorded(source, all_kinds(), {"customer"}).candidates();
}

std::vector<Candidate> reasons(Source& source, const RecordKind& kind, const std::string& action) {
  Tally tally;
  source.each_record(kind, [&](const Record& r) {
    for (const Event& e : r.history)
      if (e.action == action) tally.add(e.data.get("reason"));
  });
  return tally.candidates();
}

namespace {

// The template of the survey `typed_id` names; nullptr when there is none to be read.
const SurveyTemplate* template_of(Source& source, const std::string& typed_id) {
  if (!source.dir()) return nullptr;
  try {
    auto path = resolve_id(*source.dir(), survey_kind(), typed_id);
    Record r = store::load_record(survey_kind().rules, *source.dir(), path);
    return source.settings().surveys.find(r.fields.get("template"));
  } catch (...) {
    return nullptr;  // no such survey, or an ending several share
  }
}

}  // namespace

std::vector<Candidate> answers(Source& source, const std::string& typed_id,
                               const std::vector<std::string>& given, const std::string& current) {
  std::vector<Candidate> out;
  const SurveyTemplate* t = template_of(source, typed_id);
  if (!t) return out;
  if (size_t eq = current.find('='); eq != std::string::npos) {
    const std::string item = current.substr(0, eq + 1);
    // A level is typed as its number or its label: labels once the level starts with a letter.
    bool by_label =
        eq + 1 < current.size() && !std::isdigit(static_cast<unsigned char>(current[eq + 1]));
    for (const auto& [level, shown] : t->scale)
      if (by_label)
        out.push_back({item + shown, std::to_string(level)});
      else
        out.push_back({item + std::to_string(level), shown});
    return out;
  }
  for (const SurveyItem& i : t->items) {
    bool on_line = std::any_of(given.begin(), given.end(),
                               [&](const std::string& w) { return w.rfind(i.key + "=", 0) == 0; });
    if (!on_line) out.push_back({i.key + "=", i.label});
  }
  return out;
}

}  // namespace svc::cli::completion
