// The survey as a kind of record: its descriptor and its labels.
#include <fmt/format.h>

#include "svc/cli/common.hpp"
#include "svc/cli/kinds.hpp"
#include "svc/domain/survey.hpp"

namespace svc::cli {

namespace {

const std::vector<Label>& labels() {
  static const std::vector<Label> labels = {
      {"survey_status.pending", {"待回收", "待回收", "pending"}},
      {"survey_status.recorded", {"已回收", "已回收", "recorded"}},
      {"survey_status.dropped", {"未回收", "未回收", "dropped"}},
      {"head.survey_stats", {"满意度统计", "滿意度統計", "survey statistics"}},
      {"head.all_time", {"全部", "全部", "all time"}},
      {"head.template", {"问卷", "問卷", "template"}},
      {"head.score", {"满意/回答", "滿意/回答", "satisfied"}},
      {"head.unhappy", {"不满意项", "不滿意項", "unhappy"}},
      {"head.comment", {"意见", "意見", "comments"}},
      {"head.called_back", {"回访致歉", "回訪致歉", "called back"}},
      {"head.answers", {"回答", "回答", "answers"}},
      {"head.mean", {"均分", "均分", "mean"}},
      {"head.section", {"分组", "分組", "section"}},
      {"head.item", {"项目", "項目", "item"}},
  };
  return labels;
}

}  // namespace

const RecordKind& survey_kind() {
  static const RecordKind k = [] {
    RecordKind k{survey::rules(), survey::decide_edit, setup_survey, labels(), {}};
    k.report_section = report::make<survey::Report>;
    k.technician_columns = report::make<survey::Report>;
    return k;
  }();
  return k;
}

}  // namespace svc::cli
