#!/usr/bin/env python3
"""Every view of the demo in zh-CN, zh-TW and en speaks the display language.

Runs each list, every record's show, `ticket show --explain`, `calendar show` and every
report as a table on a copy of examples/demo with svc.yaml's `locale:` set to each language, and
looks for what a reader should never see there: an ISO timestamp (`2026-11-17T17:00:00+08:00`),
a key=value list (`model=KX-300`), a stored enum value (`paid_repair`; in the Chinese views any
English word, which catches `suburban` and `refund` too), and a duration in English units in a
Chinese view (`8d 15h`). Command lines
svc suggests (`svc survey record ID ITEM=LEVEL`) and a show's next steps are what the user types
and are not scanned, nor are the names the office gave in svc.yaml (a template, a deadline rule);
nor is `log`, the history as recorded (docs/DECISIONS.md, "Output").
Prints one line per finding: locale, command, the offending text, the line; exits 1 if any.

Usage: locale_scan.py SVC DEMO_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

import yaml

svc, demo = sys.argv[1], sys.argv[2]
NOW = "2026-12-03T08:00"

ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d|\d\d:\d\d:\d\d[+-]\d\d:\d\d")
KEY_VALUE = re.compile(r"(?<![\w-])[a-z][a-z_]*=[^\s]")
SNAKE = re.compile(r"(?<![\w-])[a-z]+_[a-z_]+(?![\w-])")
EN_DURATION = re.compile(r"(?<![\w-])\d+[dhm](?![\w-])")
EN_WORD = re.compile(r"(?<![\w\-./@])[a-z]{3,}(?![\w\-./@])")
COMMAND = re.compile(r"svc [^\n]*")  # what the user types: left alone
# The next steps a show lists are the actions to type: `svc ticket part ...`.
NEXT_STEPS = ("可执行", "可執行", "next steps")
# Lowercase words a Chinese view may hold: units and the names of formats and files.
ZH_ALLOWED = {"km", "svc", "yaml", "ics", "csv", "json", "html", "md", "git"}


def run(root, args):
    env = dict(os.environ, SVC_NOW=NOW)
    env.pop("SVC_DATA", None)
    p = subprocess.run([svc, "--no-pager", *args], cwd=root, env=env, capture_output=True,
                       text=True)
    if p.returncode not in (0, 3):
        return f"<exit {p.returncode}: {p.stderr.strip()}>"
    return p.stdout


def ids(root, folder):
    out = []
    for month in sorted(os.listdir(os.path.join(root, folder))):
        for f in sorted(os.listdir(os.path.join(root, folder, month))):
            out.append(f[:-5])
    return out


def views(root):
    yield ["calendar", "show"]
    for kind, folder in (("ticket", "tickets"), ("complaint", "complaints"), ("return", "returns"),
                         ("survey", "surveys")):
        yield [kind, "list"]
        for i in ids(root, folder):
            yield [kind, "show", i]
            if kind == "ticket":
                yield [kind, "show", i, "--explain"]
    yield ["complaint", "remind"]
    yield ["survey", "stats", "--month", "2026-11"]
    for report in (["monthly", "--month", "2026-11"], ["quarterly", "--quarter", "2026Q4"],
                   ["technician", "--month", "2026-11"], ["recurring"],
                   ["late", "--month", "2026-11"], ["overdue"]):
        yield ["report", *report]


def office_names(settings):
    """The names svc.yaml gives templates and deadline rules: the office's words, in any view."""
    names = set()
    for template in ((settings.get("surveys") or {}).get("templates") or {}):
        names.add(str(template))
    for steps in (settings.get("sla") or {}).values():
        for rules in (steps or {}).values():
            for rule in rules or []:
                if isinstance(rule, dict) and "name" in rule:
                    names.add(str(rule["name"]))
    return names


def findings(locale, text, names):
    zh = locale != "en"
    for line in text.splitlines():
        if line.strip().startswith(NEXT_STEPS):
            continue
        scanned = COMMAND.sub("", line)
        for name in names:
            scanned = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", "", scanned)
        for m in ISO.finditer(scanned):
            yield m.group(0), line
        for m in KEY_VALUE.finditer(scanned):
            yield m.group(0), line
        for m in SNAKE.finditer(scanned):
            yield m.group(0), line
        if zh:
            for m in EN_DURATION.finditer(scanned):
                yield m.group(0), line
            for m in EN_WORD.finditer(scanned):
                if m.group(0) not in ZH_ALLOWED:
                    yield m.group(0), line


def main():
    tmp = tempfile.mkdtemp()
    try:
        root = os.path.join(tmp, "demo")
        shutil.copytree(demo, root, ignore=shutil.ignore_patterns(".svc"))
        with open(os.path.join(root, "svc.yaml"), encoding="utf-8") as fh:
            settings = fh.read()
        names = office_names(yaml.safe_load(settings))
        bad = 0
        for locale in ("zh-CN", "zh-TW", "en"):
            with open(os.path.join(root, "svc.yaml"), "w", encoding="utf-8") as fh:
                fh.write(re.sub(r"(?m)^locale: .*$", f"locale: {locale}", settings))
            seen = set()
            every = list(views(root))
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
                texts = list(pool.map(lambda args: run(root, args), every))
            for args, text in zip(every, texts):
                if text.startswith("<exit"):
                    print(f"{locale}  svc {' '.join(args)}  {text}")
                    bad += 1
                    continue
                for found, line in findings(locale, text, names):
                    # One line per offending text and command shape: a list is not 40 findings.
                    shape = (args[0], args[1] if len(args) > 1 else "", found)
                    if shape in seen:
                        continue
                    seen.add(shape)
                    print(f"{locale}  svc {' '.join(args)}  {found!r}  in: {line.strip()}")
                    bad += 1
        print(f"{bad} findings" if bad else "every view speaks its language")
        return 1 if bad else 0
    finally:
        shutil.rmtree(tmp)


sys.exit(main())
