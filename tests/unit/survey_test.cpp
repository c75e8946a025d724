#include "svc/domain/survey.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <functional>

#include "helpers.hpp"
#include "svc/domain/error.hpp"
#include "svc/store/settings_io.hpp"

using namespace svc;
using namespace svc::survey;
using svc::test::local;
using svc::test::shipped;

namespace {

Context at(const char* when) { return {{local(when), "回访员小周"}, shipped()}; }

int serial = 0;

// A survey of the shipped template, created and (when answers or a comment are given) recorded.
Record answered(const char* tmpl, const std::vector<std::string>& answers,
                const std::string& comment = "", const std::string& technician = "") {
  Record r;
  r.id = fmt::format("S-2611-{:04}", ++serial);
  r.fields.set_plain("id", r.id);
  NewSurvey n;
  n.template_name = tmpl;
  n.customer = "华东机械厂";
  n.technician = technician;
  record::commit_event(rules(), r, decide_new(n, at("2026-11-23 09:00")));
  if (!answers.empty() || !comment.empty())
    record::commit_event(rules(), r,
                         decide_record(r, answers, comment, false, at("2026-11-24 10:00")));
  return r;
}

std::pair<Exit, std::string> failure(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return {e.code(), e.what()};
  }
  return {Exit::ok, ""};
}

}  // namespace

TEST_CASE("the shipped templates: items, scales and positive levels of SPEC §5 and the seeds") {
  const SurveySettings& s = shipped().surveys;
  CHECK(s.auto_create);
  CHECK(s.after_ticket == "visit");
  CHECK(s.after_return == "return");
  const SurveyTemplate* visit = s.find("visit");
  REQUIRE(visit);
  std::string keys;
  for (const auto& i : visit->items) keys += i.key + " ";
  CHECK(keys == "attitude skill arrival promise ");
  CHECK(visit->scale.size() == 4);
  CHECK(visit->positive == std::vector<int>{4, 3});
  const SurveyTemplate* property = s.find("property");
  REQUIRE(property);
  CHECK(property->scale ==
        std::vector<std::pair<int, std::string>>{{3, "满意"}, {2, "基本满意"}, {1, "不满意"}});
  CHECK(property->positive == std::vector<int>{3, 2});
  std::string sections;
  for (const auto& [key, name] : property->sections) sections += name + " ";
  CHECK(sections == "行政部 工程部 服务部 保安部 ");
  CHECK(property->items.size() == 19);
  CHECK(property->item("eng_response")->label == "接到报修到现场的及时情况");
  const SurveyTemplate* annual = s.find("annual");
  REQUIRE(annual);
  keys.clear();
  for (const auto& i : annual->items) keys += i.key + " ";
  CHECK(keys == "power water safety cleaning greenery facilities repairs attitude ");
  CHECK(s.find("complaint")->item("result"));
  CHECK(s.find("return")->item("result"));
}

TEST_CASE("visit: rates and means per item, section and technician, to the exact fraction") {
  Stats stats(shipped());
  // Three recorded (one by label, one partly answered), one pending, one dropped.
  stats.add(answered("visit", {"attitude=4", "skill=4", "arrival=3", "promise=4"}, "很专业", "李四")
                .fields);
  stats.add(answered("visit", {"attitude=很满意", "skill=2", "arrival=1", "promise=3"}, "", "李四")
                .fields);
  stats.add(answered("visit", {"attitude=3", "arrival=2"}, "来晚了", "张三").fields);
  stats.add(answered("visit", {}, "", "张三").fields);
  Record dropped = answered("visit", {}, "", "张三");
  record::commit_event(rules(), dropped, decide_drop(dropped, "联系不上", at("2026-11-25 09:00")));
  CHECK(dropped.status() == "dropped");
  stats.add(dropped.fields);
  CHECK(stats.created() == 5);
  CHECK(stats.responses() == 3);
  Tally all = stats.overall();
  CHECK(all.answers == 10);
  CHECK(all.positive == 7);  // 4 4 3 4 | 4 3 | 3
  CHECK(all.sum == 30);
  auto templates = stats.templates();
  REQUIRE(templates.size() == 1);
  const TemplateStats& v = *templates[0];
  CHECK(v.items[0].answers == 3);  // attitude 4 4 3
  CHECK(v.items[0].positive == 3);
  CHECK(v.items[0].sum == 11);
  CHECK(v.items[1].answers == 2);  // skill 4 2
  CHECK(v.items[1].positive == 1);
  CHECK(v.items[2].answers == 3);  // arrival 3 1 2
  CHECK(v.items[2].positive == 1);
  CHECK(v.items[2].sum == 6);
  CHECK(v.items[3].answers == 2);  // promise 4 3
  CHECK(v.sections[0].answers == 10);
  CHECK(v.sections[0].positive == 7);
  REQUIRE(v.technicians.size() == 2);
  CHECK(v.technicians.at("李四").first == 2);
  CHECK(v.technicians.at("李四").second.answers == 8);
  CHECK(v.technicians.at("李四").second.positive == 6);
  CHECK(v.technicians.at("张三").first == 1);
  CHECK(v.technicians.at("张三").second.positive == 1);
  REQUIRE(v.comments.size() == 2);
  CHECK(v.comments[1].text == "来晚了");
  CHECK(v.comments[1].technician == "张三");
}

TEST_CASE("a period counts surveys created in it as sent and those recorded in it as responses") {
  Stats stats(shipped());
  Record sent_only = answered("visit", {"attitude=1"});  // created here, answered next month
  stats.add(sent_only.fields, true, false);
  stats.add(answered("visit", {"attitude=4"}).fields, false, true);  // created last month
  stats.add(answered("visit", {}).fields, true, false);              // still pending
  CHECK(stats.created() == 2);
  CHECK(stats.created_recorded() == 1);
  CHECK(stats.responses() == 1);
  CHECK(stats.overall().answers == 1);
  CHECK(stats.overall().positive == 1);
  Stats empty(shipped());
  CHECK(empty.created() == 0);
  CHECK(empty.overall().answers == 0);
  CHECK(empty.templates().empty());
}

TEST_CASE("property: three levels, satisfied and basically satisfied count, four departments") {
  Stats stats(shipped());
  stats.add(answered("property",
                     {"admin_initiative=3", "id_card=基本满意", "eng_response=1", "patrol=2",
                      "parking=不满意"},
                     "停车位太少")
                .fields);
  stats.add(answered("property", {"eng_response=2", "eng_quality=3", "restroom=1"}).fields);
  const TemplateStats& p = *stats.templates().at(0);
  CHECK(p.overall.answers == 8);
  CHECK(p.overall.positive == 5);  // 3 2 . 2 . | 2 3 .
  // Sections in svc.yaml order: 行政部 2/2, 工程部 2/3, 服务部 0/1, 保安部 1/2.
  CHECK(p.sections[0].positive == 2);
  CHECK(p.sections[0].answers == 2);
  CHECK(p.sections[1].positive == 2);
  CHECK(p.sections[1].answers == 3);
  CHECK(p.sections[2].positive == 0);
  CHECK(p.sections[2].answers == 1);
  CHECK(p.sections[3].positive == 1);
  CHECK(p.sections[3].answers == 2);
  CHECK(p.sections[3].sum == 3);
  CHECK(p.technicians.empty());
}

TEST_CASE("annual, complaint and return templates score on their own scales") {
  Stats stats(shipped());
  stats.add(answered("annual", {"power=3", "water=3", "safety=2", "cleaning=1", "greenery=2",
                                "facilities=3", "repairs=1", "attitude=3"})
                .fields);
  stats.add(
      answered("complaint", {"result=" + complaint_level("very_satisfied"), "speed=2"}).fields);
  stats.add(answered("return", {"result=3", "speed=一般", "attitude=1"}).fields);
  auto t = stats.templates();
  REQUIRE(t.size() == 3);
  CHECK(t[0]->tmpl->name == "complaint");  // svc.yaml order
  CHECK(t[0]->overall.positive == 1);
  CHECK(t[0]->overall.answers == 2);
  CHECK(t[0]->overall.sum == 6);
  CHECK(t[1]->tmpl->name == "return");
  CHECK(t[1]->overall.positive == 1);
  CHECK(t[1]->overall.sum == 6);
  CHECK(t[2]->tmpl->name == "annual");
  CHECK(t[2]->overall.positive == 6);
  CHECK(t[2]->sections[0].answers == 6);  // 物业管理
  CHECK(t[2]->sections[0].positive == 5);
  CHECK(t[2]->sections[1].answers == 2);  // 服务
  CHECK(t[2]->sections[1].positive == 1);
  CHECK(stats.overall().positive == 8);
  CHECK(stats.overall().answers == 13);
  CHECK(complaint_level("satisfied") == "3");
  CHECK(complaint_level("neutral") == "2");
  CHECK(complaint_level("unsatisfied") == "1");
}

TEST_CASE("record refuses unknown items and levels with the allowed values, and a second time") {
  Record r = answered("visit", {});
  auto f = failure([&] { decide_record(r, {"attitud=4"}, "", false, at("2026-11-24 10:00")); });
  CHECK(f.first == Exit::refused);
  CHECK(f.second ==
        "'attitud' is not an item of the visit survey; items: attitude, skill, arrival, promise");
  f = failure([&] { decide_record(r, {"attitude=5"}, "", false, at("2026-11-24 10:00")); });
  CHECK(f.first == Exit::refused);
  CHECK(f.second ==
        "attitude=5: the visit survey's levels are 4 (很满意), 3 (满意), 2 (不太满意), 1 (不满意)");
  f = failure([&] { decide_record(r, {"attitude"}, "", false, at("2026-11-24 10:00")); });
  CHECK(f.first == Exit::usage);
  f = failure([&] { decide_record(r, {"skill=4", "skill=3"}, "", false, at("2026-11-24 10:00")); });
  CHECK(f.first == Exit::usage);
  CHECK(f.second == "'skill' is answered twice");
  f = failure([&] { decide_record(r, {}, "", false, at("2026-11-24 10:00")); });
  CHECK(f.first == Exit::usage);
  f = failure([&] { decide_record(r, {"skill=4"}, "", true, at("2026-11-24 10:00")); });
  CHECK(f.second == "S-2611-" + r.id.substr(7) + " is not recorded yet; record it without --amend");
  // Answers are stored in the template's order, whatever order they were typed in.
  record::commit_event(
      rules(), r, decide_record(r, {"promise=4", "attitude=3"}, "", false, at("2026-11-24 10:00")));
  CHECK(r.fields.find("answers")->entries.front().first == "attitude");
  f = failure([&] { decide_record(r, {"skill=4"}, "", false, at("2026-11-24 11:00")); });
  CHECK(f.first == Exit::refused);
  CHECK(f.second == r.id + " was recorded on 2026-11-24; to change answers: svc survey record " +
                        r.id + " ITEM=LEVEL... --amend");
}

TEST_CASE("amend changes only the items given and replays to the same fields") {
  Record r = answered("visit", {"attitude=4", "skill=2"}, "一般");
  auto f = failure([&] { decide_record(r, {"attitude=4"}, "", true, at("2026-11-24 11:00")); });
  CHECK(f.first == Exit::refused);
  CHECK(f.second == r.id + " already holds these answers; nothing to amend");
  Event e =
      decide_record(r, {"attitude=4", "skill=3", "promise=4"}, "", true, at("2026-11-24 11:00"));
  CHECK(e.action == "amend");
  CHECK(e.data.find("answers")->entries.size() == 2);  // attitude unchanged is left out
  record::commit_event(rules(), r, std::move(e));
  const Value* answers = r.fields.find("answers");
  CHECK(answers->get("attitude") == "4");
  CHECK(answers->get("skill") == "3");
  CHECK(answers->get("promise") == "4");
  CHECK(r.fields.get("comment") == "一般");
  CHECK(r.fields == record::replay(rules(), r.id, r.history));
  CHECK(validate(r, shipped()).empty());
}

TEST_CASE("unhappy answers wait for a call back, a happy survey has none to make") {
  const SurveyTemplate& visit = *shipped().surveys.find("visit");
  Record happy = answered("visit", {"attitude=4", "skill=3"});
  CHECK(unhappy_items(happy.fields, visit).empty());
  CHECK(!needs_call_back(happy.fields, visit));
  auto f = failure([&] { decide_call_back(happy, "回访", at("2026-11-25 09:00")); });
  CHECK(f.first == Exit::refused);
  Record sad = answered("visit", {"attitude=4", "arrival=2", "promise=1"});
  CHECK(unhappy_items(sad.fields, visit) == std::vector<std::string>{"arrival", "promise"});
  CHECK(needs_call_back(sad.fields, visit));
  record::commit_event(rules(), sad, decide_call_back(sad, "服务主任上门", at("2026-11-25 09:00")));
  CHECK(!needs_call_back(sad.fields, visit));
  CHECK(sad.fields.find("called_back")->get("note") == "服务主任上门");
  Record pending = answered("visit", {});
  CHECK(!needs_call_back(pending.fields, visit));
}

TEST_CASE("a survey file is checked against its template") {
  Record r = answered("visit", {"attitude=4"});
  CHECK(validate(r, shipped()).empty());
  r.fields.find("answers")->set_plain("attitude", "7");
  r.fields.find("answers")->set_plain("speed", "3");
  auto found = validate(r, shipped());
  REQUIRE(found.size() == 2);
  CHECK(found[0].message ==
        "answers.attitude '7' is not a level of the visit survey (4 (很满意), 3 (满意), 2 "
        "(不太满意), "
        "1 (不满意))");
  CHECK(found[1].message ==
        "answers.speed is not an item of the visit survey (attitude, skill, arrival, promise)");
  r.fields.set_plain("template", "weekly");
  CHECK(validate(r, shipped()).at(0).message ==
        "template 'weekly' is not in svc.yaml (surveys.templates)");
  NewSurvey n;
  n.template_name = "weekly";
  n.customer = "x";
  CHECK(failure([&] { decide_new(n, at("2026-11-23 09:00")); }).second ==
        "--template 'weekly' is not one of: visit, complaint, return, property, annual");
}

TEST_CASE("templates in svc.yaml: own ones replace the shipped whole, mistakes name the place") {
  Settings s = test::load_settings(
      "surveys:\n  after:\n    return: none\n  templates:\n    visit:\n      label: 回访\n"
      "      scale: {2: 好, 1: 差}\n      positive: [2]\n      sections:\n        all:\n"
      "          items: {overall: 总体}\n",
      "svc.yaml");
  const SurveyTemplate* visit = s.surveys.find("visit");
  REQUIRE(visit);
  CHECK(visit->items.size() == 1);  // attitude, skill ... are not merged in
  CHECK(visit->sections.at(0).second == "all");
  CHECK(s.surveys.after_return.empty());
  CHECK(s.surveys.after_ticket == "visit");
  auto bad = [](const std::string& yaml) {
    try {
      test::load_settings(yaml, "svc.yaml");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  const std::string head = "surveys:\n  templates:\n    t:\n      label: T\n";
  CHECK(bad(head + "      scale: {2: 好, 1: 差}\n      positive: [3]\n      sections:\n        a:\n"
                   "          items: {x: X}\n") ==
        "svc.yaml:6:18: surveys.templates.t.positive: '3' is not a level of the scale");
  CHECK(bad(head + "      scale: {2: 好, 1: 差}\n      positive: [2]\n      sections:\n        a:\n"
                   "          items: {x: X}\n        b:\n          items: {x: Y}\n") ==
        "svc.yaml:11:22: surveys.templates.t.sections: item 'x' is in two sections; item keys are "
        "unique in a template");
  CHECK(bad("surveys:\n  after:\n    ticket: weekly\n") ==
        "svc.yaml:3:13: surveys.after.ticket: 'weekly' is not a template (or none)");
}

TEST_CASE("the report's item chart names the template only when it holds items of two") {
  const report::Period p = report::month("2026-11", 8 * 3600);
  auto chart_labels = [&](const std::vector<Record>& surveys) {
    Report section(shipped(), p);
    for (const auto& r : surveys) section.add(r);
    report::Block b = section.block([](std::string_view group, std::string_view key) {
      return fmt::format("{}.{}", group, key);
    });
    std::vector<std::string> labels;
    for (const auto& chart : b.charts)
      for (const auto& bar : chart.bars) labels.push_back(bar.label);
    return labels;
  };
  const SurveyTemplate& visit = *shipped().surveys.find("visit");
  // A pending return survey beside answered visits: the visits' items stand alone.
  auto one = chart_labels({answered("visit", {"attitude=4"}), answered("return", {})});
  CHECK(one == std::vector<std::string>{visit.items[0].label});
  // Items of two templates answered: each named with its template.
  const SurveyTemplate& ret = *shipped().surveys.find("return");
  auto two = chart_labels(
      {answered("visit", {"attitude=4"}), answered("return", {ret.items[0].key + "=4"})});
  CHECK(two == std::vector<std::string>{visit.label + " · " + visit.items[0].label,
                                        ret.label + " · " + ret.items[0].label});
}
