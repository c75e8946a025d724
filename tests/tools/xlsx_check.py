#!/usr/bin/python3
"""--format xlsx read back by openpyxl (Debian's python3-openpyxl), checked against svc's JSON.

The monthly report: one sheet per section, named as the table's headings; counts are numbers,
rates percentages whose number format keeps the exact fraction, equal to the JSON figures. The
ticket list: one sheet, the same rows as its csv. `report overdue`: deadlines are date cells.
`report technician`: numbers. Chinese text intact. Prints each mismatch; exits 1 if any.

Usage: xlsx_check.py SVC DEMO_DIR
"""
import datetime
import io
import json
import os
import subprocess
import sys

import openpyxl

svc, demo = sys.argv[1], sys.argv[2]
env = dict(os.environ, SVC_NOW="2026-12-03T08:00")
env.pop("SVC_DATA", None)
bad = []


def run(*args, binary=False):
    p = subprocess.run([svc, *args], cwd=demo, env=env, capture_output=True)
    if p.returncode != 0:
        bad.append(f"svc {' '.join(args)}: exit {p.returncode}: {p.stderr.decode()}")
    return p.stdout if binary else p.stdout.decode()


def book(*args):
    return openpyxl.load_workbook(io.BytesIO(run(*args, "--format", "xlsx", binary=True)))


def expect(what, got, want):
    if got != want:
        bad.append(f"{what}: {got!r}, expected {want!r}")


# The monthly report: its sections, in order, as in the terminal report's headings.
monthly = book("report", "monthly")
figures = json.loads(run("report", "monthly", "--format", "json"))
expect("sheets", monthly.sheetnames, ["工单", "投诉", "退换货", "满意度调查", "备件", "服务目标"])
tickets = monthly["工单"]
cells = {}  # the first row of each label: the facts, then the deadlines' table
for row in tickets.iter_rows():
    if row[0].value is not None:
        cells.setdefault(row[0].value, row)
expect("受理", cells["受理"][1].value, figures["tickets"]["received"])
expect("受理 is a number", cells["受理"][1].data_type, "n")
arrive = cells["到场"]
rate = figures["tickets"]["deadlines"]["arrive"]
expect("到场 due", arrive[1].value, rate["due"])
expect("到场 met", arrive[2].value, rate["met"])
if abs(arrive[3].value - rate["met"] / rate["due"]) > 0.0005:
    bad.append(f"到场 rate {arrive[3].value} != {rate['met']}/{rate['due']}")
expect("rate format", arrive[3].number_format, f'0.0% "({rate["met"]}/{rate["due"]})"')

# The ticket list: one sheet, every ticket of the csv, in the same order.
listed = book("ticket", "list")
csv_ids = [line.split(",")[0] for line in run("ticket", "list", "--format", "csv").splitlines()[1:]]
sheet = listed[listed.sheetnames[0]]
expect("list sheets", listed.sheetnames, ["工单"])
expect("list ids", [r[0].value for r in sheet.iter_rows(min_row=2)], csv_ids)
expect("list heading", [c.value for c in sheet[1]],
       ["编号", "状态", "类别", "客户", "技术员", "下一期限", "逾期"])
expect("a customer in Chinese", sheet["D3"].value, "宏达纺织有限公司")

# Deadlines are dates a spreadsheet can sort and subtract.
overdue = book("report", "overdue")
rows = list(overdue[overdue.sheetnames[0]].iter_rows(min_row=2))
if not rows:
    bad.append("report overdue: no rows")
for row in rows:
    if not isinstance(row[3].value, datetime.datetime):
        bad.append(f"overdue due {row[3].value!r} is not a date")
        break
first = json.loads(run("report", "overdue", "--format", "json"))[0]
expect("overdue first due", rows[0][3].value.strftime("%Y-%m-%dT%H:%M"), first["due"][:16])

# The technicians: hours and counts are numbers.
tech = book("report", "technician")
people = tech[tech.sheetnames[0]]
numbers = [c.value for c in people[3]][1:4]
if not all(isinstance(n, (int, float)) for n in numbers):
    bad.append(f"technician figures are not numbers: {numbers!r}")

for line in bad:
    print(line)
print(f"{len(bad)} mismatches" if bad else "xlsx reads back as svc's figures")
sys.exit(1 if bad else 0)
