// svc survey new|record|drop|call-back|note: satisfaction surveys (SPEC §5, §10), and the surveys
// other kinds' actions create: a closed ticket's or return's pending survey, a complaint
// follow-up recorded as a survey.
#include "svc/domain/survey.hpp"

#include <fmt/format.h>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/cli/record_views.hpp"
#include "svc/domain/error.hpp"

namespace svc::cli {

namespace {

struct Options {
  std::string id, text;
  std::vector<std::string> answers;
  bool amend = false;
};

std::shared_ptr<Options> with_id(CLI::App* cmd) {
  auto o = std::make_shared<Options>();
  cmd->add_option("ID", o->id, "survey ID or an unambiguous ending of it")->required();
  return o;
}

// Who and what a survey about `source` is for: its customer, the technician of a call, the link.
survey::NewSurvey about(const RecordKind& kind, const Record& source) {
  survey::NewSurvey n;
  const Value* c = source.fields.find("customer");
  n.customer = c ? c->get("name") : "";
  n.phone = c ? c->get("phone") : "";
  n.technician = source.fields.get("assignee");
  if (&kind == &ticket_kind()) n.ticket = source.id;
  if (&kind == &complaint_kind()) n.complaint = source.id;
  if (&kind == &return_kind()) n.return_id = source.id;
  return n;
}

std::string pending_line(const Session& s, const Record& survey) {
  const SurveyTemplate* t = s.settings().surveys.find(survey.fields.get("template"));
  return fmt::format("{}: {} · {}\n", survey.id, status_label(s.settings(), "survey", "pending"),
                     t ? t->label : survey.fields.get("template"));
}

// Recording a survey about a ticket, or dropping it because the customer cannot be reached or
// declines, is the ticket's follow-up call (回访) when it has none yet and may take one: the
// attempt was made (SPEC §5). The ticket is written under the same lock. Returns the line to
// print. `outcome` is the comment recorded, or the reason of the drop when `dropped`.
std::string follow_up_ticket(const Session& s, const Record& survey, const std::string& outcome,
                             const Context& ctx, bool dropped = false) {
  const Value* links = survey.fields.find("links");
  std::string ticket_id = links ? links->get("ticket") : "";
  if (ticket_id.empty()) return "";
  auto path = resolve_id(s.dir(), ticket_kind(), ticket_id);
  Record t = load_for_change(ticket_kind(), s.dir(), path, s.clock());
  const Value* done = t.fields.find("done");
  if ((done && done->find("follow_up")) ||
      !record::action_allowed(ticket::rules(), t.fields, "follow_up"))
    return "";
  std::string result = fmt::format("{} {}", label(s.settings(), "head", "survey"), survey.id);
  if (dropped) result += " " + status_label(s.settings(), "survey", "dropped");
  if (!outcome.empty()) result += ": " + outcome;
  record::commit_event(ticket::rules(), t, ticket::decide_follow_up(t, result, ctx, survey.id));
  s.dir().write(path, t);
  // Whether the call came in time: met, or late after its 48 hours.
  std::string state;
  for (const auto& st : record::step_states(ticket::rules(), t.fields, s.now(), s.offset()))
    if (st.step == "follow_up") state = label(s.settings(), "state", st.state);
  return fmt::format("{}: {} {}\n", t.id, label(s.settings(), "step", "follow_up"), state);
}

void setup_new(CLI::App& parent, Globals& g) {
  auto* cmd = add_action(parent, "new", "create a pending survey (the customer is asked later)",
                         "svc survey new --template property --customer '3栋1202 王女士'\n"
                         "  svc survey new --template visit --ticket 0007   (customer and "
                         "technician from the ticket)");
  auto n = std::make_shared<survey::NewSurvey>();
  cmd->add_option("--template", n->template_name,
                  "a template of svc.yaml: visit, complaint, "
                  "return, property, annual ...")
      ->required();
  cmd->add_option("--customer", n->customer, "customer (else the linked record's)");
  cmd->add_option("--phone", n->phone, "phone number");
  cmd->add_option("--technician", n->technician, "technician rated (else the ticket's)");
  auto* ticket = cmd->add_option("--ticket", n->ticket, "the service call surveyed");
  auto* complaint = cmd->add_option("--complaint", n->complaint, "the complaint surveyed");
  auto* ret = cmd->add_option("--return", n->return_id, "the return surveyed");
  ticket->excludes(complaint)->excludes(ret);
  complaint->excludes(ret);
  cmd->callback([n, &g] {
    create(g, survey_kind(), [n](const Session& s, const Context& ctx) {
      survey::NewSurvey typed = *n;
      for (auto [kind, id] :
           {std::pair{&ticket_kind(), typed.ticket}, std::pair{&complaint_kind(), typed.complaint},
            std::pair{&return_kind(), typed.return_id}}) {
        if (id.empty()) continue;
        Record source = store::load_record(kind->rules, s.dir(), resolve_id(s.dir(), *kind, id));
        survey::NewSurvey from = about(*kind, source);
        if (typed.customer.empty()) typed.customer = from.customer;
        if (typed.phone.empty()) typed.phone = from.phone;
        if (typed.technician.empty()) typed.technician = from.technician;
        typed.ticket = from.ticket;
        typed.complaint = from.complaint;
        typed.return_id = from.return_id;
      }
      if (typed.customer.empty())
        throw usage_error("--customer is required (or --ticket, --complaint, --return)");
      return survey::decide_new(typed, ctx);
    });
  });
}

void setup_record(CLI::App& parent, Globals& g) {
  auto* cmd = add_action(parent, "record", "the customer's answers: ITEM=LEVEL (number or label)",
                         "svc survey record 0001 attitude=4 skill=4 arrival=3 promise=4 --comment "
                         "'师傅很专业'\n  svc survey record 0001 arrival=2 --amend   (correct one "
                         "answer)\nA survey about a ticket is the ticket's follow-up call when it "
                         "has none yet.");
  auto o = with_id(cmd);
  cmd->add_option("ANSWERS", o->answers, "ITEM=LEVEL ... (svc survey show ID lists them)");
  cmd->add_option("--comment", o->text, "the customer's own words");
  cmd->add_flag("--amend", o->amend, "change a recorded survey: the items given, the comment");
  cmd->callback([o, &g] {
    std::string id;
    std::vector<std::string> left_out;
    change_linked(
        g, survey_kind(), o->id,
        [&](const Session& s, const Record& r, const Context& ctx, std::string& also) {
          Event e = survey::decide_record(r, o->answers, o->text, o->amend, ctx);
          also = follow_up_ticket(s, r, o->text, ctx);
          Value after = r.fields;
          if (const Value* given = e.data.find("answers"))
            for (const auto& [item, level] : given->entries)
              record::child_map(after, "answers").set(item, level);
          if (const SurveyTemplate* t = s.settings().surveys.find(r.fields.get("template")))
            left_out = survey::unanswered_items(after, *t);
          id = r.id;
          return e;
        });
    // An item left out is not an answer: it counts nowhere, so the office should know.
    if (!left_out.empty())
      warn(
          fmt::format("{} has {} item{} unanswered ({}); add {}: svc survey record {} ITEM=LEVEL "
                      "--amend",
                      id, left_out.size(), left_out.size() == 1 ? "" : "s",
                      fmt::join(left_out, ", "), left_out.size() == 1 ? "it" : "them", id));
  });
}

void setup_text(CLI::App& parent, Globals& g, const char* name, const char* help,
                const char* example, const char* option,
                Event (*decide)(const Record&, const std::string&, const Context&)) {
  auto* cmd = add_action(parent, name, help, example);
  auto o = with_id(cmd);
  cmd->add_option(option, o->text, option + 2)->required();
  cmd->callback([o, decide, &g] {
    change(g, survey_kind(), o->id,
           [o, decide](const Record& r, const Context& ctx) { return decide(r, o->text, ctx); });
  });
}

void setup_drop(CLI::App& parent, Globals& g) {
  auto* cmd = add_action(parent, "drop", "the customer could not be reached or declined",
                         "svc survey drop 0001 --reason '三次联系不上'\nA survey about a ticket "
                         "records the ticket's follow-up attempt, with the reason as its result.");
  auto o = with_id(cmd);
  cmd->add_option("--reason", o->text, "why: not reached, declined ...")->required();
  cmd->callback([o, &g] {
    change_linked(g, survey_kind(), o->id,
                  [o](const Session& s, const Record& r, const Context& ctx, std::string& also) {
                    Event e = survey::decide_drop(r, o->text, ctx);
                    also = follow_up_ticket(s, r, o->text, ctx, true);
                    return e;
                  });
  });
}

// The pending survey closing `source` (a ticket or a return) creates when surveys.after names
// a template for its kind and it has none yet; written under the caller's lock.
Linked survey_after_close(const Session& s, const RecordKind& kind, const Record& source) {
  const SurveySettings& set = s.settings().surveys;
  const std::string& name = &kind == &ticket_kind() ? set.after_ticket : set.after_return;
  if (!set.auto_create || name.empty() || !source.fields.get("survey").empty()) return {};
  survey::NewSurvey n = about(kind, source);
  n.template_name = name;
  if (n.customer.empty()) return {};
  Record r = add_record(s, survey_kind(), [&](Record& r) {
    record::commit_event(survey_kind().rules, r, survey::decide_new(n, s.context()));
  });
  return {r.id, pending_line(s, r)};
}

}  // namespace

void setup_close(CLI::App& parent, Globals& g, const RecordKind& kind, const char* help,
                 const char* example, Event (*decide)(const Record&, const Context&)) {
  auto* cmd = add_action(parent, "close", help, example);
  auto o = with_id(cmd);
  cmd->footer(
      fmt::format("Example:\n  {}\nCloses with a pending satisfaction survey when "
                  "svc.yaml's surveys.after.{} names a template.",
                  example, kind.rules.noun));
  cmd->callback([o, decide, &kind, &g] {
    change_linked(
        g, kind, o->id,
        [decide, &kind](const Session& s, const Record& r, const Context& ctx, std::string& also) {
          Event e = decide(r, ctx);
          Linked survey = survey_after_close(s, kind, r);
          if (!survey.id.empty()) e.data.set_plain("survey", survey.id);
          also = survey.line;
          return e;
        });
  });
}

Linked survey_of_follow_up(const Session& s, const Record& complaint,
                           const std::string& satisfaction, const std::vector<std::string>& rates,
                           const std::string& note) {
  const SurveySettings& set = s.settings().surveys;
  if (!set.find("complaint"))
    throw refused("svc.yaml has no `complaint` survey template to record the follow-up in");
  if (complaint.fields.get("anonymous") == "true")
    throw refused(fmt::format("{} is anonymous: there is no customer to survey", complaint.id));
  survey::NewSurvey n = about(complaint_kind(), complaint);
  n.template_name = "complaint";
  std::vector<std::string> answers = {"result=" + survey::complaint_level(satisfaction)};
  answers.insert(answers.end(), rates.begin(), rates.end());
  Record r = add_record(s, survey_kind(), [&](Record& r) {
    const KindRules& k = survey_kind().rules;
    record::commit_event(k, r, survey::decide_new(n, s.context()));
    record::commit_event(k, r, survey::decide_record(r, answers, note, false, s.context()));
  });
  return {r.id, fmt::format("{}: {}\n", r.id, status_label(s.settings(), "survey", "recorded"))};
}

void setup_survey(CLI::App& app, Globals& g) {
  auto* s = app.add_subcommand("survey", "satisfaction surveys (满意度调查, 回访)");
  s->footer("Run `svc survey ACTION --help` for an action's options and an example.");
  setup_new(*s, g);
  setup_record(*s, g);
  setup_drop(*s, g);
  setup_text(*s, g, "call-back", "the personal call on an unhappy customer (seed 004 Ⅷ 二十八)",
             "svc survey call-back 0001 --note '服务主任上门致歉，已重新调试'", "--note",
             survey::decide_call_back);
  setup_survey_views(*s, g);
  setup_record_actions(*s, g, survey_kind());
}

}  // namespace svc::cli
