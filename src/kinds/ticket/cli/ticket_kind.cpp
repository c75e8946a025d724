// The ticket as a kind of record: its descriptor and its labels.
#include <fmt/format.h>

#include "svc/cli/common.hpp"
#include "svc/cli/kinds.hpp"
#include "svc/domain/ticket.hpp"

namespace svc::cli {

namespace {

const std::vector<Label>& labels() {
  static const std::vector<Label> labels = {
      {"status.new", {"新建", "新建", "new"}},
      {"status.assigned", {"已派工", "已派工", "assigned"}},
      {"status.on_site", {"已到场", "已到場", "on site"}},
      {"status.waiting", {"等待中", "等待中", "waiting"}},
      {"status.workshop", {"返厂维修", "返廠維修", "in workshop"}},
      {"status.resolved", {"已解决", "已解決", "resolved"}},
      {"status.closed", {"已关闭", "已結案", "closed"}},
      {"status.cancelled", {"已取消", "已取消", "cancelled"}},
      {"kind.repair", {"维修", "維修", "repair"}},
      {"kind.install", {"安装", "安裝", "install"}},
      {"kind.maintenance", {"保养", "保養", "maintenance"}},
      {"kind.inspection", {"巡检", "巡檢", "inspection"}},
      {"kind.consult", {"咨询", "諮詢", "consult"}},
      {"priority.normal", {"普通", "普通", "normal"}},
      {"priority.urgent", {"紧急", "緊急", "urgent"}},
      {"priority.emergency", {"特急", "特急", "emergency"}},
      {"class.A", {"A 有偿", "A 有償", "A paid"}},
      {"class.B", {"B 合同", "B 合同", "B contract"}},
      {"class.C", {"C 免费", "C 免費", "C free"}},
      {"class.D", {"D 内部", "D 內部", "D internal"}},
      {"step.respond", {"响应", "響應", "respond"}},
      {"step.arrive", {"到场", "到場", "arrive"}},
      {"step.resolve", {"解决", "解決", "resolve"}},
      {"step.workshop", {"返厂", "返廠", "workshop"}},
      {"step.follow_up", {"回访", "回訪", "follow-up"}},
      {"head.class", {"类别", "類別", "class"}},
      {"head.kind", {"类型", "類型", "kind"}},
      {"head.priority", {"优先级", "優先級", "priority"}},
      {"head.assignee", {"技术员", "技術員", "technician"}},
      {"head.product", {"产品", "產品", "product"}},
      {"head.location", {"位置", "位置", "location"}},
      {"head.parts", {"配件", "配件", "parts"}},
      {"head.fee", {"费用", "費用", "fee"}},
      {"head.sign_off", {"签收", "簽收", "sign-off"}},
      {"head.resolution", {"处理结果", "處理結果", "resolution"}},
      {"head.waiting", {"等待", "等待", "waiting"}},
      {"head.workshop", {"返厂", "返廠", "workshop"}},
      {"head.follow_up", {"回访", "回訪", "follow-up"}},
  };
  return labels;
}

}  // namespace

const RecordKind& ticket_kind() {
  static const RecordKind k = [] {
    RecordKind k{ticket::rules(), ticket::decide_edit, setup_ticket, labels(), {}};
    k.waits_on = [](const Record& r, const std::string& step, const std::string& office) {
      // A ticket waits on its technician, but the follow-up call is the office's.
      return r.fields.get("assignee").empty() || step == "follow_up" ? office
                                                                     : r.fields.get("assignee");
    };
    k.report_section = report::make<ticket::Report>;
    k.technician_columns = report::make<ticket::Report>;
    k.recurring = {"product", "model"};
    return k;
  }();
  return k;
}

}  // namespace svc::cli
