#!/usr/bin/env bash
# Rebuilds examples/demo: a few weeks of a service office's tickets, made with svc itself so
# every file is exactly what svc writes. Usage: scripts/make-demo.sh [path/to/svc]
set -euo pipefail
cd "$(dirname "$0")/.."
svc=$(realpath "${1:-build/svc}")
demo=examples/demo
rm -rf "$demo" && "$svc" init "$demo" >/dev/null
cd "$demo"
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
echo "demo data in $demo: $(ls tickets/*/*.yaml | wc -l) tickets"
