// The complaint as a kind of record: its descriptor and its labels.
#include <fmt/format.h>

#include "svc/cli/common.hpp"
#include "svc/cli/kinds.hpp"
#include "svc/domain/complaint.hpp"

namespace svc::cli {

namespace {

const std::vector<Label>& labels() {
  static const std::vector<Label> labels = {
      {"status.closed", {"已关闭", "已結案", "closed"}},
      {"status.received", {"已受理", "已受理", "received"}},
      {"status.investigating", {"调查中", "調查中", "investigating"}},
      {"status.rejected", {"不成立", "不成立", "rejected"}},
      {"status.routed", {"已转部门", "已轉部門", "routed"}},
      {"status.proposed", {"已提方案", "已提方案", "proposed"}},
      {"status.accepted", {"客户接受", "客戶接受", "accepted"}},
      {"status.implementing", {"执行中", "執行中", "implementing"}},
      {"status.implemented", {"已执行", "已執行", "implemented"}},
      {"step.acknowledge", {"受理", "受理", "acknowledge"}},
      {"step.dept_response", {"部门答复", "部門答覆", "dept answer"}},
      {"step.close", {"结案", "結案", "close"}},
      {"type.complaint", {"投诉", "投訴", "complaint"}},
      {"type.report", {"举报", "舉報", "report"}},
      {"type.suggestion", {"建议", "建議", "suggestion"}},
      {"severity.general", {"一般", "一般", "general"}},
      {"severity.major", {"重大", "重大", "MAJOR"}},
      {"region.domestic", {"国内", "國內", "domestic"}},
      {"region.foreign", {"国外", "國外", "foreign"}},
      {"request.return", {"退货", "退貨", "return"}},
      {"request.exchange", {"换货", "換貨", "exchange"}},
      {"request.discount", {"折让", "折讓", "discount"}},
      {"request.compensation", {"赔偿", "賠償", "compensation"}},
      {"request.repair", {"维修", "維修", "repair"}},
      {"request.apology", {"道歉", "道歉", "apology"}},
      {"request.other", {"其他", "其他", "other"}},
      {"satisfaction.very_satisfied", {"很满意", "很滿意", "very satisfied"}},
      {"satisfaction.satisfied", {"满意", "滿意", "satisfied"}},
      {"satisfaction.neutral", {"一般", "一般", "neutral"}},
      {"satisfaction.unsatisfied", {"不满意", "不滿意", "unsatisfied"}},
      {"head.type", {"类型", "類型", "type"}},
      {"head.severity", {"等级", "等級", "severity"}},
      {"head.category", {"类别", "類別", "category"}},
      {"head.dept", {"责任部门", "責任部門", "department"}},
      {"head.order", {"订单", "訂單", "order"}},
      {"head.request", {"客户要求", "客戶要求", "request"}},
      {"head.finding", {"调查结论", "調查結論", "finding"}},
      {"head.reply", {"答复", "答覆", "reply"}},
      {"head.plan", {"处理方案", "處理方案", "plan"}},
      {"step.follow_up", {"回访", "回訪", "follow-up"}},
  };
  return labels;
}

}  // namespace

const RecordKind& complaint_kind() {
  static const RecordKind k = [] {
    RecordKind k{complaint::rules(), complaint::decide_edit, setup_complaint, labels(), {}};
    // The department answers, and holds the case while it has it.
    k.waits_on = [](const Record& r, const std::string& step, const std::string& office) {
      const std::string dept = r.fields.get("dept");
      if (step.starts_with("dept_response")) return dept;
      if (step == "close" && !dept.empty()) return dept;
      return office;
    };
    k.report_section = report::make<complaint::Report>;
    k.recurring = {"order", "part_no", "categories", "category", complaint::category_label};
    return k;
  }();
  return k;
}

}  // namespace svc::cli
