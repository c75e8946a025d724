// The parts slip as a kind of record: its descriptor and its labels.
#include "svc/cli/common.hpp"
#include "svc/cli/kinds.hpp"
#include "svc/cli/parts_books.hpp"
#include "svc/domain/parts.hpp"

namespace svc::cli {

namespace {

const std::vector<Label>& labels() {
  static const std::vector<Label> labels = {
      {"parts_status.posted", {"已过账", "已過帳", "posted"}},
      {"parts_status.sent", {"已索赔", "已索賠", "claimed"}},
      {"parts_status.accepted", {"已受理", "已受理", "accepted"}},
      {"parts_status.rejected", {"已拒赔", "已拒賠", "rejected"}},
      {"parts_status.credited", {"已入账", "已入帳", "credited"}},
      {"step.answer", {"供应商答复", "供應商答覆", "supplier's answer"}},
      {"step.old_parts", {"旧件处理", "舊件處理", "old parts"}},
      {"head.parts_store", {"备件库", "備件庫", "parts store"}},
      {"slip.receive", {"接收单", "接收單", "receive"}},
      {"slip.issue", {"领料单", "領料單", "issue"}},
      {"slip.return", {"退料单", "退料單", "return"}},
      {"slip.transfer", {"调拨单", "調撥單", "transfer"}},
      {"slip.dispose", {"旧件处理", "舊件處理", "dispose"}},
      {"slip.claim", {"二次索赔", "二次索賠", "claim"}},
      {"slip.count", {"盘点", "盤點", "count"}},
      {"slip.postage", {"邮费", "郵費", "postage"}},
      {"as.scrap", {"报废", "報廢", "scrap"}},
      {"as.restock", {"修复入库", "修復入庫", "restock"}},
      {"as.supplier", {"退供应商", "退供應商", "to the supplier"}},
      {"head.part", {"零件号", "零件號", "part"}},
      {"head.part_name", {"名称", "名稱", "name"}},
      {"head.qty", {"数量", "數量", "qty"}},
      {"head.worth", {"金额", "金額", "value"}},
      {"head.time", {"时间", "時間", "time"}},
      {"head.slip", {"单据", "單據", "slip"}},
      {"head.from", {"发出", "發出", "from"}},
      {"head.to", {"收入", "收入", "to"}},
      {"head.balance", {"结存", "結存", "balance"}},
      {"head.lines", {"明细", "明細", "lines"}},
      {"head.posted", {"差异过账", "差異過帳", "posted"}},
      {"head.ticket", {"服务单", "服務單", "ticket"}},
      {"head.approved_by", {"批准人", "批准人", "approved by"}},
      {"head.slip_no", {"来单号", "來單號", "slip no."}},
      {"head.amount", {"金额", "金額", "amount"}},
      {"head.signed_by", {"签字", "簽字", "signed by"}},
      {"head.accepted", {"受理金额", "受理金額", "accepted"}},
      {"head.rejected", {"拒赔理由", "拒賠理由", "rejected"}},
      {"head.credit", {"贷项通知", "貸項通知", "credit note"}},
      {"head.reason", {"原因", "原因", "reason"}},
      {"head.parts_report", {"备件", "備件", "Parts"}},
      {"head.parts_received", {"接收", "接收", "received"}},
      {"head.parts_issued", {"领用", "領用", "issued"}},
      {"head.parts_consumed", {"服务耗用", "服務耗用", "used on calls"}},
      {"head.old_pending", {"旧件逾期未处理", "舊件逾期未處理", "old parts overdue"}},
      {"head.old_held", {"旧件在库", "舊件在庫", "old parts held"}},
      {"head.claims_open", {"索赔未结", "索賠未結", "claims open"}},
      {"head.claims_accepted", {"索赔受理", "索賠受理", "claims accepted"}},
      {"head.claimed", {"索赔金额", "索賠金額", "claimed"}},
      {"head.recovered", {"索赔收回", "索賠收回", "recovered"}},
      {"head.station", {"服务站", "服務站", "station"}},
      {"head.parts_held", {"期末结存", "期末結存", "held at the end"}},
      {"head.parts_used", {"耗用备件", "耗用備件", "parts used"}},
      {"head.parts_cost", {"备件成本", "備件成本", "parts cost"}},
  };
  return labels;
}

}  // namespace

const RecordKind& parts_kind() {
  static const RecordKind k = [] {
    RecordKind k{parts::rules(), parts::decide_edit, setup_parts, labels(), {}};
    k.cross_check = books_check;
    k.derived_due = old_parts_due;
    k.report_section = report::make<parts::Report>;
    k.report_reads = {"parts", "ticket"};
    k.technician_columns = report::make<parts::Columns>;
    k.own_report =
        "parts received, issued and used on calls by service class, old parts, claims, stations";
    return k;
  }();
  return k;
}

}  // namespace svc::cli
