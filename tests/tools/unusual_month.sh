#!/usr/bin/env bash
# Builds a data directory holding November 2026 full of unusual cases, for tests/tools/oracle.py
# to recompute `report monthly` and `report technician` on (month 2026-11, clock 2026-12-03T08:00).
# Only real svc commands write it (`svc init`, then actions with --at under a fixed $SVC_NOW, as
# scripts/make-demo.sh does), so every file is what svc writes; the same svc makes the same bytes.
#
# Usage: tests/tools/unusual_month.sh SVC_BINARY DIR     (DIR is removed and made again)
#
# The cases (ticket letters are the variables below; the IDs follow from the order):
#   ta  arrival extended, approved before its deadline, arrival between old and new: met
#   tb  arrival extended after its deadline had passed, arrival before the new one: late
#   tc  resolve extended after its deadline (to December), still unresolved at the end: overdue
#   td  two waits before the resolve deadline: resolved in time only thanks to the pauses
#   te  a wait that begins after the resolve deadline: it moves nothing, resolve late
#   tf  closed, reopened after the resolve deadline, resolved again: resolve late
#   tg  closed, reopened, still open at the end with resolve past due; resolved in December
#   th  workshop in/out, in again: the second trip past due at the end
#   ti  resolved by phone with `resolve --remote` (no arrival step); the binary of this commit
#       has no --remote: the line is guarded and falls back to a plain resolve from assigned
#   tj  cancelled after its respond and arrival deadlines passed (both missed)
#   tk  cancelled minutes after registration (no step counted)
#   tl  resolved and signed, not closed at the end, follow-up never made: open and overdue
#   tm  closed, the follow-up call never made, its survey never answered
#   tn  closed, the survey dropped (customer unreachable): records the follow-up attempt
#   to  resolve deadline in November, resolved on 2 December (an event after the month's end)
#   tp  registered Friday 30 October late, arrival due Monday 2 November, open at the end
#   tq  emergency on National Day (1 October, wall clock), waiting since 2 October: open, paused
#   tr  emergency on Saturday night 28 November, wall clock, everything in time
#   ts  emergency on Sunday night 29 November: arrival late, resolve due 30 Nov 23:00 done in Dec
#   tt  respond deadline extended before it passed, respond between old and new
#   tu  a call with a helper; its survey is answered in December
#   tv  out of warranty (A), reclassed to C
#   tw  Friday-evening call (business clock over the weekend), arrival extended into December
#       before its deadline: not in November's arrival figures, not overdue at the end
#   tx  October call closed in October, its survey recorded in November
#   ty  extended before its deadline, arrival still after the new deadline: late
#   tz  assigned to the wrong technician and a respond recorded by mistake, both voided, then
#       assigned again: the second technician's call; the respond never happened (missed)
# Complaints: domestic closed in time; an anonymous report rejected and closed; a foreign
# complaint closed after its 17 days; one declined and re-routed to another department, open;
# one rejected and left open; one from October closed in November. Returns: refunds credited
# (default and a given amount), an exchange, one refused by the policy, one approved against
# the policy, one from October credited in November. Surveys: a property questionnaire sent
# in October and answered in November, partial answers.
set -euo pipefail
if (($# != 2)); then
  echo "usage: $0 SVC_BINARY DIR" >&2
  exit 2
fi
svc=$(realpath "$1")
dir=$2
if [[ -e $dir && ! -e $dir/svc.yaml && -n $(ls -A "$dir") ]]; then
  echo "$0: $dir exists and is not a svc data directory; not removing it" >&2
  exit 2
fi
rm -rf "$dir"
"$svc" init "$dir" >/dev/null
# A folder of its own in git terms: built inside a clone (the build folder of a CI checkout), svc
# would otherwise see that clone's remote and ask for a site code before any record is made.
git init -q "$dir"
cd "$dir"
export SVC_NOW=2026-12-03T08:00:00+08:00
unset SVC_DATA SVC_USER
export NO_COLOR=1
s() { "$svc" "$@" >/dev/null; }
new() { local at=$1; shift; "$svc" ticket new -q --at "$at" --as 前台小王 "$@"; }
survey_of() { sed -n 's/^survey: //p' tickets/*/"$1".yaml; }
inw="--purchased 2026-06-01 --warranty-months 12"   # in warranty: class C

# --- October: what is still open, or still counts, in November -------------------------------
tq=$(new 2026-10-01T20:00 --customer 滨江水厂 --priority emergency --zone urban --model PX-900 $inw \
      --description 国庆夜间泵房跑水)
s ticket assign "$tq" --to 孙七 --at 2026-10-01T20:05 --as 值班张工
s ticket arrive "$tq" --at 2026-10-01T20:25 --as 孙七
s ticket wait "$tq" --reason 等进口机封 --at 2026-10-02T10:00 --as 孙七

tx=$(new 2026-10-26T09:00 --customer 星辰食品 --zone urban --model KX-200 $inw --description 皮带打滑)
s ticket assign "$tx" --to 王五 --at 2026-10-26T09:10 --as 调度老周
s ticket respond "$tx" --at 2026-10-26T09:20 --as 王五
s ticket arrive "$tx" --at 2026-10-26T13:45 --as 王五
s ticket resolve "$tx" --resolution 更换皮带 --hours 1.5 --at 2026-10-26T15:00 --as 王五
s ticket sign "$tx" --by 星辰张工 --at 2026-10-26T15:05 --as 王五
s ticket close "$tx" --at 2026-10-27T09:00 --as 前台小王

tp=$(new 2026-10-30T16:00 --customer 江北机电 --zone urban --model KX-300 $inw --description 周五傍晚报修)
s ticket assign "$tp" --to 赵六 --at 2026-10-30T16:10 --as 调度老周
s ticket respond "$tp" --at 2026-10-30T16:20 --as 赵六
s ticket arrive "$tp" --at 2026-11-02T15:00 --as 赵六

p=$("$svc" survey new -q --template property --customer '5栋301 李先生' --at 2026-10-20T10:00 --as 回访员小周)
c0=$("$svc" complaint new -q --at 2026-10-26T10:00 --as 客服小李 --customer 青山水泥 \
      --category other/freight --request compensation --description 运费多收)
s complaint investigate "$c0" --at 2026-10-26T11:00 --as 客服小李
s complaint route "$c0" --dept 物流部 --at 2026-10-26T14:00 --as 客服小李
r0=$("$svc" return new -q --at 2026-10-28T10:00 --as 仓库老陈 --customer 星辰食品 --model KX-200 \
      --qty 1 --price 980.00 --purchased 2026-10-25 --want refund --reason defect \
      --condition resaleable,packaging_intact,accessories_complete,warranty_card)
s return approve "$r0" --at 2026-10-28T11:00 --as 服务部刘经理

# --- November ---------------------------------------------------------------------------------
ta=$(new 2026-11-02T09:00 --customer 华东机械厂 --zone urban --model KX-200 $inw --description 主轴异响)
s ticket assign "$ta" --to 李四 --at 2026-11-02T09:10 --as 调度老周
s ticket respond "$ta" --at 2026-11-02T09:20 --as 李四
s ticket extend "$ta" --deadline arrive --to 2026-11-03T12:00 --reason 客户车间停电 \
  --approved-by 服务部刘经理 --at 2026-11-02T15:00 --as 调度老周
s ticket arrive "$ta" --at 2026-11-03T10:00 --as 李四
s ticket part "$ta" --part 轴承6204 --qty 2 --price 35.50 --old-returned --at 2026-11-03T11:00 --as 李四
s ticket resolve "$ta" --resolution 更换主轴轴承 --hours 2.5 --at 2026-11-03T15:00 --as 李四
s ticket sign "$ta" --by 陈工 --at 2026-11-03T15:05 --as 李四
s ticket close "$ta" --at 2026-11-03T16:00 --as 前台小王

tb=$(new 2026-11-02T10:00 --customer 宏达纺织有限公司 --zone urban --model LX-50 $inw --description 皮带打滑)
s ticket assign "$tb" --to 王五 --at 2026-11-02T10:10 --as 调度老周
s ticket respond "$tb" --at 2026-11-02T10:30 --as 王五
s ticket extend "$tb" --deadline arrive --to 2026-11-03T12:00 --reason 补批延期 \
  --approved-by 服务部刘经理 --at 2026-11-03T09:00 --as 调度老周
s ticket arrive "$tb" --at 2026-11-03T11:00 --as 王五
s ticket part "$tb" --part V带A42 --qty 1 --price "120.00" --at 2026-11-03T11:30 --as 王五
s ticket resolve "$tb" --resolution 更换V带 --hours 1 --at 2026-11-03T14:00 --as 王五
s ticket sign "$tb" --by 宏达王厂长 --at 2026-11-03T14:05 --as 王五
s ticket close "$tb" --at 2026-11-04T09:00 --as 前台小王
s ticket follow-up "$tb" --result 运行正常 --at 2026-11-04T10:00 --as 前台小王

tf=$(new 2026-11-03T09:00 --customer 南湖印务 --zone urban --model LX-50 $inw --description 导轨卡滞)
s ticket assign "$tf" --to 赵六 --at 2026-11-03T09:10 --as 调度老周
s ticket respond "$tf" --at 2026-11-03T09:30 --as 赵六
s ticket arrive "$tf" --at 2026-11-03T13:40 --as 赵六
s ticket resolve "$tf" --resolution 清洁导轨 --hours 1 --at 2026-11-03T16:00 --as 赵六
s ticket sign "$tf" --by 南湖刘工 --at 2026-11-03T16:05 --as 赵六
s ticket close "$tf" --at 2026-11-04T09:00 --as 前台小王
s ticket reopen "$tf" --reason 故障复现 --at 2026-11-09T10:00 --as 前台小王
s ticket arrive "$tf" --at 2026-11-09T15:00 --as 赵六
s ticket resolve "$tf" --resolution 更换导轨滑块 --hours 3 --at 2026-11-10T11:00 --as 赵六
s ticket sign "$tf" --by 南湖刘工 --at 2026-11-10T11:05 --as 赵六
s ticket close "$tf" --at 2026-11-10T15:00 --as 前台小王
s ticket follow-up "$tf" --result 已稳定 --at 2026-11-11T10:00 --as 前台小王

th=$(new 2026-11-02T14:00 --customer 远洋船舶配件厂 --zone remote --distance 200 --model KX-300 $inw \
      --description 控制柜报警E21)
s ticket assign "$th" --to 李四 --helper 小孙 --at 2026-11-02T14:10 --as 调度老周
s ticket respond "$th" --at 2026-11-02T14:30 --as 李四
s ticket arrive "$th" --at 2026-11-03T10:00 --as 李四
s ticket workshop "$th" in --receipt RC-2611-01 --at 2026-11-03T12:00 --as 李四
s ticket workshop "$th" out --at 2026-11-06T10:00 --as 维修车间
s ticket workshop "$th" in --receipt RC-2611-02 --at 2026-11-20T10:00 --as 李四
s ticket workshop "$th" out --at 2026-12-01T09:00 --as 维修车间

tj=$(new 2026-11-04T09:00 --customer 金桥汽配 --zone urban --model PX-900 $inw --description 设备无法启动)
s ticket assign "$tj" --to 王五 --at 2026-11-04T09:10 --as 调度老周
s ticket cancel "$tj" --reason 客户另请他人 --at 2026-11-05T10:00 --as 前台小王

tk=$(new 2026-11-04T10:00 --customer 青山水泥 --zone urban --model PX-900 $inw --description 压力表读数异常)
s ticket assign "$tk" --to 赵六 --at 2026-11-04T10:05 --as 调度老周
s ticket cancel "$tk" --reason 客户自行解决 --at 2026-11-04T10:20 --as 前台小王

tm=$(new 2026-11-05T09:00 --customer 西湖制药 --zone urban --model KX-200 $inw --description 电机过热)
s ticket assign "$tm" --to 孙七 --at 2026-11-05T09:10 --as 调度老周
s ticket respond "$tm" --at 2026-11-05T09:30 --as 孙七
s ticket arrive "$tm" --at 2026-11-05T14:00 --as 孙七
s ticket resolve "$tm" --resolution 清理风道 --hours 2 --at 2026-11-05T16:00 --as 孙七
s ticket sign "$tm" --by 西湖陈工 --at 2026-11-05T16:05 --as 孙七
s ticket close "$tm" --at 2026-11-06T09:00 --as 前台小王

tn=$(new 2026-11-06T09:00 --customer 东方造纸 --zone suburban --model PX-900 $inw --description 液压站漏油)
s ticket assign "$tn" --to 赵六 --at 2026-11-06T09:10 --as 调度老周
s ticket respond "$tn" --at 2026-11-06T09:20 --as 赵六
s ticket arrive "$tn" --at 2026-11-06T15:00 --as 赵六
s ticket part "$tn" --part 油封 --qty 3 --price "12.30" --at 2026-11-06T15:30 --as 赵六
s ticket resolve "$tn" --resolution 更换油封 --hours 2.5 --at 2026-11-06T17:00 --as 赵六
s ticket sign "$tn" --by 东方李工 --at 2026-11-06T17:05 --as 赵六
s ticket close "$tn" --at 2026-11-09T09:00 --as 前台小王
s survey drop "$(survey_of "$tn")" --reason 三次联系不上 --at 2026-11-11T10:00 --as 回访员小周

td=$(new 2026-11-09T09:00 --customer 华东机械厂 --zone suburban --model KX-300 $inw --description 噪音偏大)
s ticket assign "$td" --to 孙七 --at 2026-11-09T09:05 --as 调度老周
s ticket respond "$td" --at 2026-11-09T09:15 --as 孙七
s ticket arrive "$td" --at 2026-11-09T14:00 --as 孙七
s ticket wait "$td" --reason 等配件 --at 2026-11-09T15:00 --as 孙七
s ticket resume "$td" --at 2026-11-10T15:00 --as 孙七
s ticket wait "$td" --reason 等客户停机 --at 2026-11-11T09:00 --as 孙七
s ticket resume "$td" --at 2026-11-11T12:00 --as 孙七
s ticket resolve "$td" --resolution 更换减速机 --hours 6 --at 2026-11-16T11:00 --as 孙七
s ticket sign "$td" --by 陈工 --at 2026-11-16T11:05 --as 孙七
s ticket close "$td" --at 2026-11-16T15:00 --as 前台小王

te=$(new 2026-11-09T10:00 --customer 金桥汽配 --zone urban --model KX-200 $inw --description 主轴异响)
s ticket assign "$te" --to 李四 --at 2026-11-09T10:10 --as 调度老周
s ticket respond "$te" --at 2026-11-09T10:20 --as 李四
s ticket arrive "$te" --at 2026-11-09T14:00 --as 李四
s ticket wait "$te" --reason 等进口轴承 --at 2026-11-13T09:00 --as 李四
s ticket resume "$te" --at 2026-11-16T09:00 --as 李四
s ticket resolve "$te" --resolution 更换进口轴承 --hours 3 --at 2026-11-16T10:00 --as 李四
s ticket sign "$te" --by 金桥王工 --at 2026-11-16T10:05 --as 李四
s ticket close "$te" --at 2026-11-17T09:00 --as 前台小王

ti=$(new 2026-11-10T09:00 --customer 星辰食品 --zone urban --model KX-200 $inw --description 参数设置错误)
s ticket assign "$ti" --to 李四 --at 2026-11-10T09:10 --as 调度老周
s ticket respond "$ti" --at 2026-11-10T09:20 --as 李四
# `resolve --remote` (fixed by phone: no arrival step, SPEC §3) is not in this binary yet; until
# it is, the call is resolved from `assigned` without the flag, and its arrival counts as missed.
"$svc" ticket resolve "$ti" --remote --resolution 电话指导恢复参数 --hours 0.5 --at 2026-11-10T10:00 \
  --as 李四 >/dev/null 2>&1 ||
  s ticket resolve "$ti" --resolution 电话指导恢复参数 --hours 0.5 --at 2026-11-10T10:00 --as 李四
s ticket sign "$ti" --by 星辰张工 --at 2026-11-10T10:05 --as 李四
s ticket close "$ti" --at 2026-11-10T11:00 --as 前台小王

tt=$(new 2026-11-12T09:00 --customer 西湖制药 --zone urban --model LX-50 $inw --description 电机过热)
s ticket extend "$tt" --deadline respond --to 2026-11-12T12:00 --reason 客户上午开会 \
  --approved-by 服务部刘经理 --at 2026-11-12T09:30 --as 调度老周
s ticket assign "$tt" --to 赵六 --at 2026-11-12T10:30 --as 调度老周
s ticket respond "$tt" --at 2026-11-12T11:00 --as 赵六
s ticket arrive "$tt" --at 2026-11-12T15:00 --as 赵六
s ticket resolve "$tt" --resolution 更换风扇 --hours 1 --at 2026-11-12T16:30 --as 赵六
s ticket sign "$tt" --by 西湖陈工 --at 2026-11-12T16:35 --as 赵六
s ticket close "$tt" --at 2026-11-13T09:00 --as 前台小王

tu=$(new 2026-11-16T09:00 --customer 青山水泥 --zone urban --model PX-900 $inw --description 液压站漏油)
s ticket assign "$tu" --to 李四 --helper 孙七 --at 2026-11-16T09:10 --as 调度老周
s ticket respond "$tu" --at 2026-11-16T09:20 --as 李四
s ticket arrive "$tu" --at 2026-11-16T13:50 --as 李四
s ticket part "$tu" --part 油封 --qty 2 --price "12.30" --at 2026-11-16T14:00 --as 孙七
s ticket resolve "$tu" --resolution 更换油封 --hours 2 --at 2026-11-16T16:00 --as 李四
s ticket sign "$tu" --by 青山刘工 --at 2026-11-16T16:05 --as 李四
s ticket close "$tu" --at 2026-11-17T09:00 --as 前台小王

tv=$(new 2026-11-17T09:00 --customer 江北机电 --zone urban --model KX-300 --purchased 2024-01-10 \
      --warranty-months 12 --description 设备无法启动)
s ticket reclass "$tv" --to C --reason 延保协议已签 --at 2026-11-17T09:05 --as 服务部刘经理
s ticket assign "$tv" --to 王五 --at 2026-11-17T09:10 --as 调度老周
s ticket respond "$tv" --at 2026-11-17T09:20 --as 王五
s ticket arrive "$tv" --at 2026-11-17T14:00 --as 王五
s ticket resolve "$tv" --resolution 更换继电器 --hours 1.5 --at 2026-11-17T16:00 --as 王五
s ticket sign "$tv" --by 江北王工 --at 2026-11-17T16:05 --as 王五
s ticket close "$tv" --at 2026-11-18T09:00 --as 前台小王

tc=$(new 2026-11-18T09:00 --customer 宏达纺织有限公司 --zone urban --model LX-50 $inw --description 压力表读数异常)
s ticket assign "$tc" --to 赵六 --at 2026-11-18T09:10 --as 调度老周
s ticket respond "$tc" --at 2026-11-18T09:30 --as 赵六
s ticket arrive "$tc" --at 2026-11-18T14:00 --as 赵六
s ticket extend "$tc" --deadline resolve --to 2026-12-10T17:30 --reason 等厂家技术支持 \
  --approved-by 服务部刘经理 --at 2026-11-25T10:00 --as 调度老周

ty=$(new 2026-11-19T09:00 --customer 南湖印务 --zone urban --model LX-50 $inw --description 主轴异响)
s ticket assign "$ty" --to 孙七 --at 2026-11-19T09:10 --as 调度老周
s ticket respond "$ty" --at 2026-11-19T09:20 --as 孙七
s ticket extend "$ty" --deadline arrive --to 2026-11-19T17:30 --reason 堵车 \
  --approved-by 服务部刘经理 --at 2026-11-19T14:00 --as 调度老周
s ticket arrive "$ty" --at 2026-11-20T09:00 --as 孙七
s ticket resolve "$ty" --resolution 更换轴承 --hours 2 --at 2026-11-20T11:00 --as 孙七
s ticket sign "$ty" --by 南湖刘工 --at 2026-11-20T11:05 --as 孙七
s ticket close "$ty" --at 2026-11-20T15:00 --as 前台小王

tg=$(new 2026-11-23T09:00 --customer 东方造纸 --zone urban --model PX-900 $inw --description 皮带打滑)
s ticket assign "$tg" --to 王五 --at 2026-11-23T09:10 --as 调度老周
s ticket respond "$tg" --at 2026-11-23T09:20 --as 王五
s ticket arrive "$tg" --at 2026-11-23T13:40 --as 王五
s ticket resolve "$tg" --resolution 张紧皮带 --hours 1 --at 2026-11-23T15:00 --as 王五
s ticket sign "$tg" --by 东方李工 --at 2026-11-23T15:05 --as 王五
s ticket close "$tg" --at 2026-11-24T09:00 --as 前台小王
s ticket reopen "$tg" --reason 皮带再次打滑 --at 2026-11-27T10:00 --as 前台小王
s ticket resolve "$tg" --resolution 更换皮带轮 --hours 2 --at 2026-12-01T10:00 --as 王五
s ticket sign "$tg" --by 东方李工 --at 2026-12-01T10:05 --as 王五
s ticket close "$tg" --at 2026-12-01T15:00 --as 前台小王

tl=$(new 2026-11-23T10:00 --customer 华东机械厂 --zone urban --model KX-200 $inw --description 电机过热)
s ticket assign "$tl" --to 赵六 --at 2026-11-23T10:10 --as 调度老周
s ticket respond "$tl" --at 2026-11-23T10:20 --as 赵六
s ticket arrive "$tl" --at 2026-11-23T14:00 --as 赵六
s ticket resolve "$tl" --resolution 更换风扇 --hours 1 --at 2026-11-24T11:00 --as 赵六
s ticket sign "$tl" --by 陈工 --at 2026-11-24T11:05 --as 赵六
s ticket close "$tl" --at 2026-12-02T10:00 --as 前台小王

to=$(new 2026-11-24T09:00 --customer 金桥汽配 --zone urban --model KX-300 $inw --description 控制柜报警E21)
s ticket assign "$to" --to 孙七 --at 2026-11-24T09:10 --as 调度老周
s ticket respond "$to" --at 2026-11-24T09:20 --as 孙七
s ticket arrive "$to" --at 2026-11-24T14:00 --as 孙七
s ticket resolve "$to" --resolution 更换主板 --hours 4 --at 2026-12-02T09:00 --as 孙七

tw=$(new 2026-11-27T16:00 --customer 西湖制药 --zone urban --model KX-200 $inw --description 周五傍晚报修)
s ticket assign "$tw" --to 李四 --at 2026-11-27T16:10 --as 调度老周
s ticket respond "$tw" --at 2026-11-27T16:30 --as 李四
s ticket extend "$tw" --deadline arrive --to 2026-12-02T12:00 --reason 客户厂区封闭 \
  --approved-by 服务部刘经理 --at 2026-11-30T09:00 --as 调度老周
s ticket arrive "$tw" --at 2026-12-01T10:00 --as 李四

tr=$(new 2026-11-28T22:00 --customer 滨江水厂 --priority emergency --zone suburban --model PX-900 $inw \
      --description 周六夜间管道爆裂)
s ticket assign "$tr" --to 孙七 --at 2026-11-28T22:05 --as 值班张工
s ticket respond "$tr" --at 2026-11-28T22:10 --as 孙七
s ticket arrive "$tr" --at 2026-11-28T22:28 --as 孙七
s ticket resolve "$tr" --resolution 更换管段 --hours 5 --at 2026-11-29T18:00 --as 孙七
s ticket sign "$tr" --by 滨江值班长 --at 2026-11-29T18:05 --as 孙七
s ticket close "$tr" --at 2026-11-30T09:00 --as 前台小王

ts=$(new 2026-11-29T23:00 --customer 青山水泥 --priority emergency --zone urban --model PX-900 $inw \
      --description 周日夜间跑冒滴漏)
s ticket assign "$ts" --to 赵六 --at 2026-11-29T23:05 --as 值班张工
s ticket arrive "$ts" --at 2026-11-30T00:10 --as 赵六
s ticket resolve "$ts" --resolution 更换阀门 --hours 3 --at 2026-12-01T01:00 --as 赵六

tz=$(new 2026-11-30T09:00 --customer 东方化工 --zone urban --model KX-200 $inw --description 电机过热)
s ticket assign "$tz" --to 王五 --at 2026-11-30T09:10 --as 调度老周
s ticket respond "$tz" --at 2026-11-30T09:15 --as 王五
s ticket void "$tz" --event 3 --reason 录错单 --at 2026-11-30T09:20 --as 调度老周
s ticket void "$tz" --event 2 --reason 派错人 --at 2026-11-30T09:21 --as 调度老周
s ticket assign "$tz" --to 孙七 --at 2026-11-30T13:00 --as 调度老周
s ticket arrive "$tz" --at 2026-11-30T15:00 --as 孙七

# --- Surveys ------------------------------------------------------------------------------------
s survey record "$(survey_of "$tx")" attitude=4 skill=3 arrival=4 promise=4 --at 2026-11-03T10:00 --as 回访员小周
s survey record "$(survey_of "$ta")" attitude=4 skill=4 arrival=3 promise=4 --at 2026-11-05T10:00 --as 回访员小周
s survey record "$(survey_of "$tb")" attitude=3 skill=3 arrival=1 promise=2 --comment 来晚了 \
  --at 2026-11-06T10:00 --as 回访员小周
s survey record "$(survey_of "$tf")" attitude=2 skill=2 --comment 修了两次 --at 2026-11-12T10:00 --as 回访员小周
s survey record "$(survey_of "$td")" attitude=4 skill=4 arrival=4 promise=4 --at 2026-11-18T10:00 --as 回访员小周
s survey record "$(survey_of "$te")" attitude=3 skill=4 arrival=3 promise=1 --at 2026-11-19T10:00 --as 回访员小周
s survey record "$(survey_of "$tu")" attitude=4 skill=4 arrival=4 promise=3 --at 2026-12-01T10:00 --as 回访员小周
s survey record "$(survey_of "$tr")" attitude=4 skill=4 arrival=4 promise=4 --at 2026-12-02T10:00 --as 回访员小周
s survey record "$p" admin_initiative=3 eng_response=1 patrol=基本满意 --comment 报修响应慢 \
  --at 2026-11-04T10:00 --as 回访员小周

# --- Complaints ---------------------------------------------------------------------------------
cnew() { local at=$1; shift; "$svc" complaint new -q --at "$at" --as 客服小李 "$@"; }
s complaint plan "$c0" --text 退还多收运费 --at 2026-10-28T10:00 --as 物流部
s complaint propose "$c0" --at 2026-10-28T11:00 --as 客服小李
s complaint accept "$c0" --at 2026-10-28T15:00 --as 客服小李
s complaint implement "$c0" --at 2026-10-29T10:00 --as 物流部
s complaint implemented "$c0" --at 2026-11-02T10:00 --as 物流部
s complaint follow-up "$c0" --satisfaction satisfied --at 2026-11-03T10:00 --as 客服小李
s complaint close "$c0" --at 2026-11-03T11:00 --as 客服小李

c1=$(cnew 2026-11-02T10:00 --customer 华东机械厂 --category quality/production --part-no KX-200 \
      --qty 50 --defect-qty 3 --request exchange --description 轴承异响)
s complaint investigate "$c1" --at 2026-11-02T11:00 --as 客服小李
s complaint route "$c1" --dept 质量部 --at 2026-11-02T14:00 --as 客服小李
s complaint plan "$c1" --text 更换同批轴承 --at 2026-11-03T10:00 --as 质量部
s complaint propose "$c1" --at 2026-11-03T11:00 --as 客服小李
s complaint accept "$c1" --at 2026-11-03T15:00 --as 客服小李
s complaint implement "$c1" --at 2026-11-04T10:00 --as 质量部
s complaint implemented "$c1" --at 2026-11-06T10:00 --as 质量部
s complaint follow-up "$c1" --satisfaction very_satisfied --survey --rate speed=4 --rate attitude=4 \
  --at 2026-11-09T10:00 --as 客服小李
s complaint close "$c1" --at 2026-11-09T11:00 --as 客服小李

c2=$(cnew 2026-11-04T09:00 --anonymous --type report --category other/attitude --description 举报技术员收取红包)
s complaint investigate "$c2" --at 2026-11-05T09:00 --as 客服小李
s complaint reject "$c2" --finding 查无实据 --reply 已书面答复 --at 2026-11-12T10:00 --as 客服小李
s complaint close "$c2" --at 2026-11-12T11:00 --as 客服小李

c3=$(cnew 2026-11-05T10:00 --customer 'Pacific Marine Ltd' --region foreign --category quality/logistics \
      --part-no PX-900 --request compensation --amount 12000.00 --description 'Housing damaged in transit')
s complaint investigate "$c3" --at 2026-11-05T11:00 --as 客服小李
s complaint route "$c3" --dept 物流部 --at 2026-11-05T15:00 --as 客服小李
s complaint plan "$c3" --text 赔偿并改进包装 --at 2026-11-09T10:00 --as 物流部
s complaint propose "$c3" --at 2026-11-09T11:00 --as 客服小李
s complaint accept "$c3" --at 2026-11-12T10:00 --as 客服小李
s complaint implement "$c3" --at 2026-11-13T10:00 --as 物流部
s complaint implemented "$c3" --at 2026-11-20T10:00 --as 物流部
s complaint follow-up "$c3" --satisfaction satisfied --at 2026-11-24T10:00 --as 客服小李
s complaint close "$c3" --at 2026-11-24T11:00 --as 客服小李

c4=$(cnew 2026-11-16T10:00 --customer 金桥汽配 --category other/delay --request compensation \
      --description 交货延误一周)
s complaint investigate "$c4" --at 2026-11-16T11:00 --as 客服小李
s complaint route "$c4" --dept 销售部 --at 2026-11-16T14:00 --as 客服小李
s complaint plan "$c4" --text 赠送备件 --at 2026-11-17T10:00 --as 销售部
s complaint propose "$c4" --at 2026-11-17T11:00 --as 客服小李
s complaint decline "$c4" --reason 客户要求现金补偿 --at 2026-11-18T10:00 --as 客服小李
s complaint route "$c4" --dept 物流部 --at 2026-11-18T14:00 --as 客服小李

c5=$(cnew 2026-11-25T10:00 --customer 宏达纺织有限公司 --category human/negligence --description 发货单据漏项)
s complaint investigate "$c5" --at 2026-11-25T11:00 --as 客服小李
s complaint reject "$c5" --finding 客户提供信息有误 --reply 已电话说明 --at 2026-11-27T10:00 --as 客服小李

cnew 2026-12-01T09:00 --customer 星辰食品 --category other/sales --description 报价不及时 >/dev/null

# --- Returns ------------------------------------------------------------------------------------
rnew() { local at=$1; shift; "$svc" return new -q --at "$at" --as 仓库老陈 "$@"; }
ok="--condition resaleable,packaging_intact,accessories_complete,warranty_card"
s return receive "$r0" --qty 1 --at 2026-11-02T09:00 --as 仓库老陈
s return inspect "$r0" --verdict supplier --at 2026-11-02T14:00 --as 质检小吴
s return credit "$r0" --note-no CN-2611-01 --at 2026-11-03T10:00 --as 财务小钱
s return close "$r0" --at 2026-11-03T11:00 --as 仓库老陈

r1=$(rnew 2026-11-05T10:00 --customer 西湖制药 --model KX-200 --qty 3 --price 333.33 \
      --purchased 2026-11-01 --want refund --reason defect $ok)
s return approve "$r1" --at 2026-11-05T11:00 --as 服务部刘经理
s return receive "$r1" --qty 3 --at 2026-11-09T09:00 --as 仓库老陈
s return inspect "$r1" --verdict restock --at 2026-11-09T14:00 --as 质检小吴
s return credit "$r1" --note-no CN-2611-02 --at 2026-11-10T10:00 --as 财务小钱

r2=$(rnew 2026-11-10T10:00 --customer 南湖印务 --model LX-50 --qty 1 --price 1280.00 \
      --purchased 2026-11-05 --want refund --reason none $ok)
s return approve "$r2" --at 2026-11-10T11:00 --as 服务部刘经理
s return receive "$r2" --qty 1 --at 2026-11-12T09:00 --as 仓库老陈
s return inspect "$r2" --verdict restock --at 2026-11-12T14:00 --as 质检小吴
s return credit "$r2" --note-no CN-2611-03 --amount 1180.50 --at 2026-11-13T10:00 --as 财务小钱
s return close "$r2" --at 2026-11-13T11:00 --as 仓库老陈

r3=$(rnew 2026-11-12T10:00 --customer 江北机电 --model KX-300 --purchased 2026-10-20 \
      --want exchange --reason defect $ok)
s return approve "$r3" --at 2026-11-12T11:00 --as 服务部刘经理
s return receive "$r3" --qty 1 --at 2026-11-13T09:00 --as 仓库老陈
s return inspect "$r3" --verdict repair --at 2026-11-13T14:00 --as 质检小吴
s return exchange "$r3" --serial KX3-1188 --at 2026-11-14T10:00 --as 仓库老陈

rnew 2026-11-18T10:00 --customer 青山水泥 --model PX-900 --purchased 2026-09-01 --want refund \
     --reason none --condition used >/dev/null

r5=$(rnew 2026-11-20T10:00 --customer 金桥汽配 --model KX-200 --qty 1 --price 900 --purchased 2026-10-01 \
      --want refund --reason none $ok)
s return approve "$r5" --override --approved-by 总经理 --reason 大客户关系 --at 2026-11-20T11:00 --as 服务部刘经理
s return receive "$r5" --qty 1 --at 2026-11-23T09:00 --as 仓库老陈
s return inspect "$r5" --verdict restock --at 2026-11-23T14:00 --as 质检小吴
s return credit "$r5" --note-no CN-2611-04 --at 2026-12-01T10:00 --as 财务小钱

rm -f .svc/cache.sqlite*   # clone-local and rebuilt on demand; without it two runs match byte for byte
echo "unusual month in $PWD: $(ls tickets/*/*.yaml | wc -l) tickets, $(ls complaints/*/*.yaml | wc -l)" \
  "complaints, $(ls returns/*/*.yaml | wc -l) returns, $(ls surveys/*/*.yaml | wc -l) surveys"
