#!/usr/bin/env bash
# Rebuilds examples/demo: two months (October and November 2026) of a service office's tickets,
# complaints, returns and satisfaction surveys, made with svc itself so every file is exactly
# what svc writes. The clock stands at 2 December 2026 18:00; the same svc makes the same files.
# Usage: scripts/make-demo.sh [path/to/svc]
set -euo pipefail
cd "$(dirname "$0")/.."
svc=$(realpath "${1:-build/svc}")
demo=examples/demo
rm -rf "$demo" && "$svc" init "$demo" >/dev/null
cd "$demo"
export SVC_NOW=2026-12-02T18:00:00+08:00
s() { "$svc" "$@" >/dev/null; }
new() { local at=$1; shift; "$svc" ticket new -q --at "$at" --as 前台小王 "$@"; }

# Week of 28 Sep, around Mid-Autumn and National Day.
a=$(new 2026-09-28T09:10 --customer 华东机械厂 --contact 陈工 --phone 021-5555-0101 --zone urban \
     --model KX-200 --serial KX2-0042 --purchased 2026-03-01 --warranty-months 12 --description 主轴异响)
s ticket assign "$a" --to 李四 --at 2026-09-28T09:30 --as 调度老周
s ticket respond "$a" --at 2026-09-28T09:40 --as 李四
s ticket arrive "$a" --at 2026-09-28T14:00 --as 李四
s ticket part "$a" --part 轴承6204 --qty 2 --price 35.50 --old-returned --at 2026-09-28T15:00 --as 李四
s ticket resolve "$a" --resolution 更换主轴轴承 --hours 2.5 --at 2026-09-28T16:30 --as 李四
s ticket sign "$a" --by 陈工 --at 2026-09-28T16:35 --as 李四
s ticket close "$a" --at 2026-09-29T09:00 --as 前台小王
s ticket follow-up "$a" --result 运行平稳，客户满意 --at 2026-09-30T10:00 --as 前台小王

b=$(new 2026-09-30T16:00 --customer 宏达纺织有限公司 --phone 0512-6666-2020 --zone suburban \
     --contract HT-2026-07 --contract-until 2026-12-31 --model LX-50 --description 皮带打滑)
s ticket assign "$b" --to 王五 --at 2026-09-30T16:20 --as 调度老周
s ticket respond "$b" --at 2026-09-30T16:25 --as 王五
s ticket arrive "$b" --at 2026-10-08T10:00 --as 王五
s ticket wait "$b" --reason 等V带配件 --at 2026-10-08T11:00 --as 王五
s ticket resume "$b" --at 2026-10-12T09:00 --as 王五
s ticket resolve "$b" --resolution 更换V带 --hours 1.5 --at 2026-10-12T11:00 --as 王五
s ticket sign "$b" --by 宏达王厂长 --at 2026-10-12T11:05 --as 王五
s ticket close "$b" --at 2026-10-12T14:00 --as 前台小王

c=$(new 2026-10-03T22:15 --customer 滨江水厂 --phone 0571-8888-3030 --priority emergency --zone urban \
     --model PX-900 --serial PX9-0007 --purchased 2024-05-10 --warranty-months 24 --description 泵体跑冒滴漏)
s ticket assign "$c" --to 赵六 --at 2026-10-03T22:20 --as 值班张工
s ticket arrive "$c" --at 2026-10-03T22:50 --as 赵六
s ticket resolve "$c" --resolution 更换机械密封 --hours 3 --at 2026-10-04T02:30 --as 赵六
s ticket sign "$c" --by 滨江值班长 --at 2026-10-04T02:35 --as 赵六
s ticket fee "$c" --amount 1280.00 --settled invoiced --at 2026-10-08T09:00 --as 前台小王
s ticket close "$c" --at 2026-10-08T09:05 --as 前台小王

# November.
d=$(new 2026-11-16T10:00 --customer 远洋船舶配件厂 --phone 0532-7777-4040 --zone remote --distance 420 \
     --model KX-300 --purchased 2026-01-20 --warranty-months 12 --description 控制柜报警E21)
s ticket assign "$d" --to 李四 --helper 小孙 --at 2026-11-16T10:30 --as 调度老周
s ticket respond "$d" --at 2026-11-16T10:40 --as 李四
s ticket arrive "$d" --at 2026-11-17T15:00 --as 李四
s ticket workshop "$d" in --receipt RC-2611-03 --at 2026-11-17T17:00 --as 李四

e=$(new 2026-11-18T09:00 --customer 星辰食品 --phone 13912345678 --zone urban --kind install \
     --model KX-200 --purchased 2026-11-10 --warranty-months 12 --description 新机安装调试)
s ticket assign "$e" --to 王五 --at 2026-11-18T09:20 --as 调度老周
s ticket arrive "$e" --at 2026-11-18T13:40 --as 王五
s ticket resolve "$e" --resolution 安装调试完成，已培训操作工 --hours 4 --at 2026-11-18T17:00 --as 王五

f=$(new 2026-11-19T14:00 --customer 南湖印务 --phone 021-6543-2100 --zone suburban --model LX-50 \
     --purchased 2023-04-01 --warranty-months 12 --caused-by-customer --description 操作不当导致导轨变形)
s ticket assign "$f" --to 赵六 --at 2026-11-19T14:30 --as 调度老周
s ticket respond "$f" --at 2026-11-19T14:40 --as 赵六
s ticket arrive "$f" --at 2026-11-20T10:00 --as 赵六
s ticket wait "$f" --reason 客户确认报价 --at 2026-11-20T11:00 --as 赵六

g=$(new 2026-11-20T16:30 --customer 江北机电 --phone 025-8765-4321 --zone urban --description 设备无法启动)
s ticket assign "$g" --to 李四 --at 2026-11-20T16:45 --as 调度老周
s ticket extend "$g" --deadline arrive --to 2026-11-23T17:30 --reason 客户周末停产 --approved-by 服务部刘经理 --at 2026-11-20T17:00 --as 调度老周

h=$(new 2026-11-23T08:40 --customer 北苑物业 --phone 010-6000-5000 --zone urban --kind maintenance \
     --contract WB-2025-11 --contract-until 2026-11-30 --description 季度保养)

i=$(new 2026-11-23T09:05 --customer 东方造纸 --phone 0769-2222-1111 --zone suburban --priority urgent \
     --model PX-900 --description 压力表读数异常)
s ticket assign "$i" --to 王五 --at 2026-11-23T09:20 --as 调度老周

j=$(new 2026-11-23T09:30 --customer 设备科 --internal --kind inspection --description 备件库盘点)
s ticket cancel "$j" --reason 改到下月 --at 2026-11-23T09:45 --as 调度老周
# The rest of October and November, call after call: a deterministic pseudo-random office day.
seed=20261123
rnd() { seed=$(((seed * 1103515245 + 12345) % 2147483648)); R=$((seed / 65536 % $1)); }
pick() { rnd $#; shift "$R"; P=$1; }
at() { date -d "$1 $2 minutes" +%Y-%m-%dT%H:%M; }  # time plus minutes
past() { [[ "$1" < "2026-12-02T18:00" ]]; }
customers=(华东机械厂 宏达纺织有限公司 滨江水厂 远洋船舶配件厂 星辰食品 南湖印务 江北机电 东方造纸
           西湖制药 金桥汽配 青山水泥 华东机械厂 滨江水厂 星辰食品)
techs=(李四 王五 赵六 孙七)
faults=(主轴异响 皮带打滑 控制柜报警E21 压力表读数异常 电机过热 液压站漏油 设备无法启动 噪音偏大)
levels=(4 4 4 3 3 3 4 2 3 4)
for day in $(seq 0 60); do
  date=$(date -d "2026-10-09 $day days" +%F)
  [[ $date > 2026-11-30 ]] && break
  [[ $(date -d "$date" +%u) -ge 6 || $date == 2026-10-31 ]] && continue
  rnd 3
  for n in $(seq 0 "$R"); do
    pick 09:05 09:40 10:15 11:00 14:10 15:30; t="${date}T$P"
    pick "${customers[@]}"; cust=$P
    pick KX-200 KX-300 LX-50 PX-900; model=$P
    pick "${faults[@]}"; fault=$P
    pick urban urban urban suburban; zone=$P
    pick "${techs[@]}"; tech=$P
    pick 2025-12-01 2026-03-15 2024-06-01 2026-08-20; bought=$P
    id=$(new "$t" --customer "$cust" --zone "$zone" --model "$model" --purchased "$bought" \
           --warranty-months 12 --description "$fault")
    a=$(at "$t" 20); past "$a" || continue
    s ticket assign "$id" --to "$tech" --at "$a" --as 调度老周
    rnd 10; if ((R == 0)); then s ticket cancel "$id" --reason 客户自行解决 --at "$(at "$a" 10)" --as 前台小王; continue; fi
    rnd 40; s ticket respond "$id" --at "$(at "$a" $((15 + R)))" --as "$tech"
    rnd 10; late=$((R < 2 ? 600 : 0))     # one call in five arrives late
    rnd 150; a=$(at "$t" $((90 + R + late))); past "$a" || continue
    s ticket arrive "$id" --at "$a" --as "$tech"
    rnd 3; s ticket part "$id" --part 轴承6204 --qty $((R + 1)) --price 35.50 --at "$(at "$a" 30)" --as "$tech"
    rnd 240; a=$(at "$a" $((60 + R))); past "$a" || continue
    rnd 4; s ticket resolve "$id" --resolution "处理完毕：$fault" --hours "$((R + 1)).5" --at "$a" --as "$tech"
    s ticket sign "$id" --by 客户 --at "$(at "$a" 5)" --as "$tech"
    grep -q '^service_class: A' tickets/*/"$id".yaml &&
      s ticket fee "$id" --amount 480.00 --settled paid --at "$(at "$a" 6)" --as "$tech"
    c=$(at "$a" 1080); past "$c" || continue
    s ticket close "$id" --at "$c" --as 前台小王
    rnd 5; ((R == 0)) && continue          # one survey in five never comes back
    r=$(at "$c" $((1440 + R * 600))); past "$r" || continue
    sid=$(grep '^survey:' "tickets/"*/"$id".yaml | cut -d' ' -f2)
    answers=""; for item in attitude skill arrival promise; do pick "${levels[@]}"; answers+=" $item=$P"; done
    ((late)) && answers=${answers/arrival=?/arrival=2}
    s survey record "$sid" $answers --at "$r" --as 回访员小周
  done
done

# Complaints: received, investigated, routed, answered, carried out, followed up with a survey.
cnew() { local at=$1; shift; "$svc" complaint new -q --at "$at" --as 客服小李 "$@"; }
chain() {  # id start-time dept plan satisfaction
  local id=$1 t=$2
  s complaint investigate "$id" --at "$(at "$t" 60)" --as 客服小李
  s complaint route "$id" --dept "$3" --at "$(at "$t" 120)" --as 客服小李
  s complaint plan "$id" --text "$4" --at "$(at "$t" 1500)" --as "$3"
  s complaint propose "$id" --at "$(at "$t" 1560)" --as 客服小李
  s complaint accept "$id" --at "$(at "$t" 1800)" --as 客服小李
  s complaint implement "$id" --at "$(at "$t" 2900)" --as "$3"
  s complaint implemented "$id" --at "$(at "$t" 4300)" --as "$3"
  s complaint follow-up "$id" --satisfaction "$5" --survey --rate speed=3 --rate attitude=4 \
    --at "$(at "$t" 5800)" --as 客服小李
  [[ $5 == satisfied || $5 == very_satisfied ]] && s complaint close "$id" --at "$(at "$t" 5900)" --as 客服小李
  return 0
}
k=$(cnew 2026-10-12T10:00 --customer 华东机械厂 --category quality/production --order SO-2610-03 \
     --part-no KX-200 --qty 200 --defect-qty 12 --request exchange --description 轴承批量异响)
chain "$k" 2026-10-12T10:00 质量部 更换同批次轴承并加严进货检验 satisfied
k=$(cnew 2026-10-20T15:00 --customer 星辰食品 --category other/delay --order SO-2610-11 \
     --request compensation --description 交货延误三天)
chain "$k" 2026-10-20T15:00 物流部 补偿运费并调整发运计划 very_satisfied
k=$(cnew 2026-10-27T09:30 --customer 宏达纺织有限公司 --category other/attitude --channel visit \
     --request apology --description 技术员态度生硬)
s complaint investigate "$k" --at 2026-10-27T10:30 --as 客服小李
s complaint reject "$k" --finding 经核实系沟通误会 --reply 已电话说明并致歉 --at 2026-10-28T10:00 --as 客服小李
s complaint close "$k" --at 2026-10-28T11:00 --as 客服小李
k=$(cnew 2026-11-05T11:00 --customer 滨江水厂 --category quality/logistics --part-no PX-900 \
     --request repair --description 到货泵体外壳磕损)
chain "$k" 2026-11-05T11:00 物流部 上门维修并更换包装方式 satisfied
k=$(cnew 2026-11-12T14:00 --customer 华东机械厂 --category quality/production --part-no KX-200 \
     --qty 100 --defect-qty 4 --request exchange --description 轴承再次异响)
chain "$k" 2026-11-12T14:00 质量部 整批更换并派驻检验员 unsatisfied
k=$(cnew 2026-11-24T09:00 --customer 金桥汽配 --category human/documents --request other \
     --severity major --description 发票金额错误)
s complaint investigate "$k" --at 2026-11-24T10:00 --as 客服小李
s complaint route "$k" --dept 财务部 --at 2026-11-24T11:00 --as 客服小李
cnew 2026-11-30T16:00 --anonymous --type report --category other/attitude \
     --description 举报维修收费不规范 >/dev/null

# Returns: a refund, an exchange, a repair collected after its notice, one refused by policy.
rnew() { local at=$1; shift; "$svc" return new -q --at "$at" --as 仓库老陈 "$@"; }
ok="--condition resaleable,packaging_intact,accessories_complete,warranty_card"
r=$(rnew 2026-10-15T10:00 --customer 星辰食品 --model KX-200 --qty 2 --price 1280.00 \
     --purchased 2026-10-05 --want refund --reason defect $ok)
s return approve "$r" --at 2026-10-15T11:00 --as 服务部刘经理
s return receive "$r" --qty 2 --at 2026-10-17T09:00 --as 仓库老陈
s return inspect "$r" --verdict supplier --at 2026-10-17T14:00 --as 质检小吴
s return credit "$r" --note-no CN-2610-01 --at 2026-10-19T10:00 --as 财务小钱
s return close "$r" --at 2026-10-19T11:00 --as 仓库老陈
r=$(rnew 2026-11-03T09:30 --customer 南湖印务 --model LX-50 --purchased 2026-10-10 \
     --want exchange --reason defect $ok)
s return approve "$r" --at 2026-11-03T10:00 --as 服务部刘经理
s return receive "$r" --qty 1 --at 2026-11-05T09:00 --as 仓库老陈
s return inspect "$r" --verdict repair --at 2026-11-05T15:00 --as 质检小吴
s return exchange "$r" --serial LX5-1102 --at 2026-11-06T10:00 --as 仓库老陈
s return close "$r" --at 2026-11-06T11:00 --as 仓库老陈
r=$(rnew 2026-11-10T10:00 --customer 江北机电 --model KX-300 --purchased 2026-06-01 \
     --want repair --reason defect)
s return approve "$r" --at 2026-11-10T10:30 --as 服务部刘经理
s return receive "$r" --qty 1 --at 2026-11-11T09:00 --as 仓库老陈
s return inspect "$r" --verdict repair --at 2026-11-11T16:00 --as 质检小吴
s return repaired "$r" --at 2026-11-16T17:00 --as 维修车间
s return notify "$r" --note 电话通知取件 --at 2026-11-17T09:00 --as 仓库老陈
s return close "$r" --at 2026-11-19T15:00 --as 仓库老陈
rnew 2026-11-26T14:00 --customer 青山水泥 --model PX-900 --purchased 2026-09-01 --want refund \
     --reason none --condition used >/dev/null

# Pending surveys are answered; a property questionnaire by hand.
p=$("$svc" survey new -q --template property --customer '3栋1202 王女士' --at 2026-11-20T10:00 --as 回访员小周)
s survey record "$p" admin_initiative=3 eng_response=2 eng_quality=3 patrol=基本满意 parking=不满意 \
  --comment 停车位太少 --at 2026-11-21T10:00 --as 回访员小周
echo "demo data in $demo: $(ls tickets/*/*.yaml | wc -l) tickets, $(ls complaints/*/*.yaml | wc -l)" \
  "complaints, $(ls returns/*/*.yaml | wc -l) returns, $(ls surveys/*/*.yaml | wc -l) surveys"
