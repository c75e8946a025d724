#!/usr/bin/env python3
"""One verdict in every view (issue 22, SPEC §3 "One meaning of met", "Open means").

Builds a data directory with real svc commands holding every case that once made views
disagree: extensions approved before and after their deadline, waits begun before and after
the deadline, workshop twice and a reopen, a call fixed remotely, a late and an early
cancellation, a follow-up never made after the close, a dropped survey, a resolved call not
closed at the month's end, a call of October still open in November, an overdue complaint.

Then it reads every view at one instant, the end of November (SVC_NOW = 2026-12-01 00:00, so
"now" and "the period's end" are the same instant), and asserts
  1. the verdict each step gets in `show` is the one written below for its case (by hand);
  2. `show`, `ticket list --overdue`, `report overdue` and `complaint remind` name the same
     overdue steps;
  3. `list --open` and the monthly report's backlog count the same records, and the monthly
     report's overdue counts the open tickets with an overdue step in `show`;
  4. the monthly report's on-time figures and `report technician`'s arrival figures count the
     steps `show` calls met, over the steps `show` judges at all whose deadline fell in November;
  5. `report late` lists exactly the steps of tickets closed in November that `show` calls
     late, missed or overdue, and the overdue steps that came due after their ticket closed,
     each with the deadline in force `show` gives.
Usage: verdicts.py SVC_BINARY
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

SVC = os.path.abspath(sys.argv[1])
NOW = "2026-12-01T00:00:00+08:00"
failures = []


def run(args, at=None, ok=True):
    env = dict(os.environ, SVC_NOW=NOW, SVC_USER="前台小王", NO_COLOR="1")
    cmd = [SVC, "--data", DATA] + args + (["--at", at] if at else [])
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if ok and p.returncode not in (0,):
        sys.exit(f"svc {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p.stdout


def check(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")


tmp = tempfile.mkdtemp(prefix="svc-verdicts-")
DATA = os.path.join(tmp, "data")
subprocess.run([SVC, "init", DATA], check=True, capture_output=True)
with open(os.path.join(DATA, "svc.yaml"), encoding="utf-8") as f:
    text = f.read()
with open(os.path.join(DATA, "svc.yaml"), "w", encoding="utf-8") as f:
    f.write(text.replace("locale: zh-CN", "locale: en"))

REG = "2026-11-16T09:00"  # a Monday: respond due 10:00, arrive 16:30, resolve 19 Nov 17:30


def new(customer, at=REG):
    return run(["ticket", "new", "-q", "--customer", customer, "--zone", "urban",
                "--purchased", "2026-06-01", "--warranty-months", "12",
                "--description", "主轴异响"], at=at).strip()


def t(*args, at):
    return run(["ticket"] + list(args), at=at)


cases = {}
# Arrival extended after its deadline had passed: late, judged against 16 Nov 16:30.
a = cases["late_extension"] = new("华东机械厂")
t("assign", a, "--to", "李四", at="2026-11-16T09:05")
t("respond", a, at="2026-11-16T09:30")
t("extend", a, "--deadline", "arrive", "--to", "2026-11-17T12:00", "--reason", "堵车",
  "--approved-by", "王经理", at="2026-11-16T17:00")
t("arrive", a, at="2026-11-17T11:00")
t("resolve", a, "--resolution", "更换轴承", at="2026-11-17T11:30")
t("sign", a, "--by", "陈工", at="2026-11-17T11:35")
t("close", a, at="2026-11-17T12:00")
# Extended in time: met by the new deadline.
b = cases["timely_extension"] = new("宏达纺织")
t("assign", b, "--to", "王五", at="2026-11-16T09:05")
t("respond", b, at="2026-11-16T09:20")
t("extend", b, "--deadline", "arrive", "--to", "2026-11-17T12:00", "--reason", "客户改约",
  "--approved-by", "王经理", at="2026-11-16T10:00")
t("arrive", b, at="2026-11-17T11:00")
# Fixed by phone: no arrival step at all.
c = cases["remote"] = new("滨江水厂")
t("assign", c, "--to", "李四", at="2026-11-16T09:05")
t("resolve", c, "--resolution", "电话指导复位", "--remote", at="2026-11-16T09:40")
t("sign", c, "--by", "值班长", at="2026-11-16T09:45")
t("close", c, at="2026-11-16T10:00")
t("follow-up", c, "--result", "运行正常", at="2026-11-17T10:00")
# Cancelled after its respond and arrival deadlines: both stay missed.
d = cases["late_cancel"] = new("远洋船舶")
t("assign", d, "--to", "王五", at="2026-11-16T09:05")
t("cancel", d, "--reason", "客户自行解决", at="2026-11-17T09:00")
# Cancelled before any deadline: nothing counted.
e = cases["early_cancel"] = new("东方电机")
t("cancel", e, "--reason", "重复报修", at="2026-11-16T09:30")
# Resolved, never signed: open at the month's end, its follow-up overdue.
f = cases["resolved_open"] = new("北方重工")
t("assign", f, "--to", "李四", at="2026-11-16T09:05")
t("respond", f, at="2026-11-16T09:10")
t("arrive", f, at="2026-11-16T10:00")
t("resolve", f, "--resolution", "调整皮带", at="2026-11-16T11:00")
# Closed before its follow-up came due, the follow-up never made.
g = cases["follow_up_never"] = new("南方化工")
t("assign", g, "--to", "王五", at="2026-11-16T09:05")
t("respond", g, at="2026-11-16T09:10")
t("arrive", g, at="2026-11-16T10:00")
t("resolve", g, "--resolution", "更换密封", at="2026-11-17T10:00")
t("sign", g, "--by", "张工", at="2026-11-17T10:05")
t("close", g, at="2026-11-17T11:00")
# The same, but its survey dropped: the follow-up attempt is made, the step met.
h = cases["survey_dropped"] = new("西部矿机")
t("assign", h, "--to", "王五", at="2026-11-16T09:05")
t("respond", h, at="2026-11-16T09:10")
t("arrive", h, at="2026-11-16T10:00")
t("resolve", h, "--resolution", "更换密封", at="2026-11-17T10:00")
t("sign", h, "--by", "刘工", at="2026-11-17T10:05")
closed = t("close", h, at="2026-11-17T11:00")
survey = re.search(r"S-\d{4}-\d{4}", closed).group(0)
run(["survey", "drop", survey, "--reason", "三次联系不上"], at="2026-11-18T10:00")
# Waiting since before the resolve deadline: paused, not overdue.
i = cases["wait_before_due"] = new("华北机床")
t("assign", i, "--to", "李四", at="2026-11-16T09:05")
t("respond", i, at="2026-11-16T09:10")
t("arrive", i, at="2026-11-16T10:00")
t("wait", i, "--reason", "等配件", at="2026-11-16T11:00")
# Waiting only since after the resolve deadline: the wait moves nothing, overdue.
j = cases["wait_after_due"] = new("华南印染")
t("assign", j, "--to", "李四", at="2026-11-16T09:05")
t("respond", j, at="2026-11-16T09:10")
t("arrive", j, at="2026-11-16T10:00")
t("wait", j, "--reason", "等客户", at="2026-11-20T09:00")
# Workshop twice, the second trip late, resolved late, reopened, closed again.
k = cases["workshop_reopen"] = new("江南造纸")
t("assign", k, "--to", "王五", at="2026-11-16T09:05")
t("respond", k, at="2026-11-16T09:10")
t("arrive", k, at="2026-11-16T10:00")
t("workshop", k, "in", "--receipt", "RC-1", at="2026-11-16T11:00")
t("workshop", k, "out", at="2026-11-18T09:00")
t("workshop", k, "in", "--receipt", "RC-2", at="2026-11-19T09:00")
t("workshop", k, "out", at="2026-11-27T10:00")
t("resolve", k, "--resolution", "更换主板", at="2026-11-27T11:00")
t("sign", k, "--by", "周工", at="2026-11-27T11:05")
t("close", k, at="2026-11-27T12:00")
t("reopen", k, "--reason", "故障复现", at="2026-11-28T09:00")
t("resolve", k, "--resolution", "重新焊接", at="2026-11-28T10:00")
t("sign", k, "--by", "周工", at="2026-11-28T10:05")
t("close", k, at="2026-11-28T11:00")
# Registered in October, still on site at the end of November.
m = cases["october_open"] = new("东北钢厂", at="2026-10-26T09:00")
t("assign", m, "--to", "李四", at="2026-10-26T09:05")
t("respond", m, at="2026-10-26T09:10")
t("arrive", m, at="2026-10-26T10:00")
# Resolve extended after its deadline, then a wait: the wait began after the deadline in force
# (19 Nov 17:30, not the new 27 Nov), so it stops nothing: overdue.
n = cases["late_extension_then_wait"] = new("西南电力")
t("assign", n, "--to", "李四", at="2026-11-16T09:05")
t("respond", n, at="2026-11-16T09:10")
t("arrive", n, at="2026-11-16T10:00")
t("extend", n, "--deadline", "resolve", "--to", "2026-11-27T17:30", "--reason", "等厂家",
  "--approved-by", "王经理", at="2026-11-20T09:00")
t("wait", n, "--reason", "等配件", at="2026-11-23T09:00")
# Extended while waiting since before its deadline: the deadline had not passed (it runs on by
# the wait), so the extension is in time and the step stays paused.
o = cases["extension_during_wait"] = new("中原机械")
t("assign", o, "--to", "王五", at="2026-11-16T09:05")
t("respond", o, at="2026-11-16T09:10")
t("arrive", o, at="2026-11-16T10:00")
t("wait", o, "--reason", "等进口配件", at="2026-11-18T09:00")
t("extend", o, "--deadline", "resolve", "--to", "2026-12-04T17:30", "--reason", "进口配件",
  "--approved-by", "王经理", at="2026-11-20T09:00")
# A complaint acknowledged late and never routed: its steps overdue.
comp = run(["complaint", "new", "-q", "--customer", "华东机械厂", "--category", "quality",
            "--description", "交货延迟"], at="2026-11-02T09:00").strip()

# Each case's verdicts by hand: step -> state as `show` prints it (en), "-" for n/a.
expected = {
    a: {"respond": "met", "arrive": "late", "resolve": "met", "follow-up": "OVERDUE"},
    b: {"respond": "met", "arrive": "met", "resolve": "OVERDUE"},
    c: {"respond": "met", "arrive": "-", "resolve": "met", "follow-up": "met"},
    d: {"respond": "missed", "arrive": "missed", "resolve": "-"},
    e: {"respond": "-", "arrive": "-", "resolve": "-"},
    f: {"respond": "met", "arrive": "met", "resolve": "met", "follow-up": "OVERDUE"},
    g: {"respond": "met", "arrive": "met", "resolve": "met", "follow-up": "OVERDUE"},
    h: {"respond": "met", "arrive": "met", "resolve": "met", "follow-up": "met"},
    i: {"respond": "met", "arrive": "met", "resolve": "paused"},
    j: {"respond": "met", "arrive": "met", "resolve": "OVERDUE"},
    k: {"respond": "met", "arrive": "met", "resolve": "late", "workshop": "met",
        "workshop#2": "late", "follow-up": "OVERDUE"},
    m: {"respond": "met", "arrive": "met", "resolve": "OVERDUE"},
    n: {"respond": "met", "arrive": "met", "resolve": "OVERDUE"},
    o: {"respond": "met", "arrive": "met", "resolve": "paused"},
}
STATES = {"met", "late", "missed", "OVERDUE", "pending", "paused", "-"}


def show_steps(kind, rid):
    """step label -> (due, state) from the deadlines block of `show`."""
    out = run([kind, "show", rid])
    steps, inside = {}, False
    for line in out.splitlines():
        if line.startswith("deadlines"):
            inside = True
            continue
        if inside and not line.startswith("  "):
            break
        if inside:
            m_ = re.match(r"  (\S+(?: \d)?)\s+(\d{4}-\d\d-\d\d \d\d:\d\d)  (\S+)", line)
            if m_ and m_.group(3) in STATES:
                steps[m_.group(1)] = (m_.group(2), m_.group(3))
    return steps


def record_file(kind_folder, rid):
    month = "20" + rid[2:4] + "-" + rid[4:6]
    with open(os.path.join(DATA, kind_folder, month, rid + ".yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


STEP_KEY = {"respond": "respond", "arrive": "arrive", "resolve": "resolve",
            "follow-up": "follow_up", "workshop": "workshop", "workshop#2": "workshop_2"}
shown = {rid: show_steps("ticket", rid) for rid in expected}
for rid, want in expected.items():
    check(f"{rid} show", {s: v[1] for s, v in shown[rid].items()}, want)

# 2. Overdue steps, four ways.
from_show = {(rid, STEP_KEY[s]) for rid, steps in shown.items() for s, v in steps.items()
             if v[1] == "OVERDUE"}
listed = json.loads(run(["ticket", "list", "--overdue", "--format", "json"]))
from_list = {(x["id"], s) for x in listed for s in x["overdue"]}
report_overdue = json.loads(run(["report", "overdue", "--format", "json"]))
from_report = {(x["id"], x["step"]) for x in report_overdue if x["id"].startswith("T-")}
check("overdue: list --overdue = show", from_list, from_show)
check("overdue: report overdue = show", from_report, from_show)
comp_steps = show_steps("complaint", comp)
comp_overdue = {s for s, v in comp_steps.items() if v[1] == "OVERDUE"}
check("complaint has overdue steps", bool(comp_overdue), True)
remind = run(["complaint", "remind"])
check("remind names one line per overdue step", len(remind.splitlines()), len(comp_overdue))
check("report overdue names the complaint's overdue steps",
      len([x for x in report_overdue if x["id"] == comp]), len(comp_overdue))

# 3. Open and backlog.
monthly = json.loads(run(["report", "monthly", "--format", "json"]))
opened = json.loads(run(["ticket", "list", "--open", "--format", "json"]))
check("backlog = list --open", monthly["tickets"]["backlog"], len(opened))
check("list --open", sorted(x["id"] for x in opened), sorted([b, f, i, j, m, n, o]))
check("overdue at the end = open tickets with an overdue step",
      monthly["tickets"]["overdue"], len({rid for rid, _ in from_show} & {x["id"] for x in opened}))

# 4. On-time figures from the verdicts of show.
files = {rid: record_file("tickets", rid) for rid in expected}
techs = {}
for step in ("respond", "arrive", "resolve"):
    due = met = 0
    for rid, steps in shown.items():
        if step not in steps or steps[step][1] == "-" or not steps[step][0].startswith("2026-11"):
            continue
        due += 1
        met += steps[step][1] == "met"
        if step == "arrive":
            who = techs.setdefault(files[rid].get("assignee"), [0, 0])
            who[0] += 1
            who[1] += steps[step][1] == "met"
    got = monthly["tickets"]["deadlines"][step]
    check(f"monthly {step} due", got["due"], due)
    check(f"monthly {step} met", got["met"], met)
technician = json.loads(run(["report", "technician", "--format", "json"]))
rows = technician["technicians"] if isinstance(technician, dict) else technician
for row in rows:
    who = techs.get(row["name"] if "name" in row else row.get("technician"), [0, 0])
    check(f"technician arrive {row}", (row["arrive"]["due"], row["arrive"]["met"]),
          tuple(who))

# 5. report late from the verdicts of show.
late = json.loads(run(["report", "late", "--format", "json"]))
from_late = {(x["id"], x["step"], x["due"][:16].replace("T", " ")) for x in late}
want_late = set()
for rid, steps in shown.items():
    closed_at = files[rid].get("closed")
    if files[rid]["status"] != "closed" or not closed_at:
        continue
    closed_at = str(closed_at)
    closed_local = closed_at[:16].replace("T", " ")
    for s, (due, state) in steps.items():
        # Done late or missed: the month of the close; never done: the month of the close
        # when due by then, else the month the deadline fell in.
        month = closed_local if state in ("late", "missed") or \
            (state == "OVERDUE" and due <= closed_local) else due
        if state in ("late", "missed", "OVERDUE") and month.startswith("2026-11"):
            want_late.add((rid, STEP_KEY[s], due))
check("report late = show", from_late, want_late)
# The late extension is told against the deadline in force, 16 Nov 16:30, 3.5 working hours late.
late_text = run(["report", "late"])
ext = record_file("tickets", o)["extensions"][0]
check("an extension during a wait that stopped the clock is in time", ext["approved"],
      "before_due")
check("late extension line",
      any(a in l and "arrive" in l and "done late by 3h 30m working time" in l
          and "(due 2026-11-16 16:30)" in l for l in late_text.splitlines()), True)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"verdicts: {len(expected)} tickets and a complaint agree in show, list, remind and every "
      f"report ({len(from_show)} overdue steps, {len(from_late)} late lines)")
