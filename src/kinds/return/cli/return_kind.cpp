// The return as a kind of record: its descriptor and its labels.
#include <fmt/format.h>

#include "svc/cli/common.hpp"
#include "svc/cli/kinds.hpp"
#include "svc/domain/returns.hpp"

namespace svc::cli {

namespace {

const std::vector<Label>& labels() {
  static const std::vector<Label> labels = {
      {"status.closed", {"已关闭", "已結案", "closed"}},
      {"return_status.received", {"已收货", "已收貨", "received"}},
      {"status.requested", {"已申请", "已申請", "requested"}},
      {"status.approved", {"已核准", "已核准", "approved"}},
      {"status.refused", {"已拒绝", "已拒絕", "refused"}},
      {"status.held", {"数量待核", "數量待核", "held"}},
      {"status.inspected", {"已检验", "已檢驗", "inspected"}},
      {"status.credited", {"已退款", "已退款", "credited"}},
      {"status.exchanged", {"已换货", "已換貨", "exchanged"}},
      {"status.repaired", {"已修复", "已修復", "repaired"}},
      {"status.unrepairable", {"无法修复", "無法修復", "unrepairable"}},
      {"step.repair", {"维修", "維修", "repair"}},
      {"step.notice", {"通知取件", "通知取件", "notice"}},
      {"step.post", {"邮寄退回", "郵寄退回", "post back"}},
      {"head.outcome", {"处理结论", "處理結論", "outcome"}},
      {"head.decision", {"政策判定", "政策判定", "decision"}},
      {"head.override", {"主管核准", "主管核准", "override"}},
      {"head.received", {"实收", "實收", "received"}},
      {"outcome.refund", {"退货退款", "退貨退款", "refund"}},
      {"outcome.exchange", {"换货", "換貨", "exchange"}},
      {"outcome.free_repair", {"免费维修", "免費維修", "free repair"}},
      {"outcome.paid_repair", {"有偿维修", "有償維修", "paid repair"}},
      {"outcome.refused", {"不予退换", "不予退換", "refused"}},
      {"want.refund", {"要求退货", "要求退貨", "wants a refund"}},
      {"want.exchange", {"要求换货", "要求換貨", "wants an exchange"}},
      {"want.repair", {"要求维修", "要求維修", "wants a repair"}},
      {"reason.none", {"无质量问题", "無品質問題", "no defect"}},
      {"reason.defect", {"质量问题", "品質問題", "defect"}},
      {"reason.transport", {"运输损坏", "運輸損壞", "transport damage"}},
      {"reason.wrong_item", {"发错货", "發錯貨", "wrong item"}},
      {"reason.other", {"其他", "其他", "other"}},
      {"verdict.restock", {"入库", "入庫", "restock"}},
      {"verdict.repair", {"维修", "維修", "repair"}},
      {"verdict.scrap", {"报废", "報廢", "scrap"}},
      {"verdict.supplier", {"退供应商", "退供應商", "back to supplier"}},
  };
  return labels;
}

}  // namespace

const RecordKind& return_kind() {
  static const RecordKind k = [] {
    RecordKind k{returns::rules(), returns::decide_edit, setup_return, labels(), {}};
    k.report_section = report::make<returns::Report>;
    k.recurring = {"item", "model"};
    return k;
  }();
  return k;
}

}  // namespace svc::cli
