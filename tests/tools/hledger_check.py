#!/usr/bin/python3
"""svc parts export --format hledger read by Debian's hledger: its balances are svc's own.

Builds a station's month with real svc commands (receipts, a transfer, issues, calls that use
parts from the technician's hands and from the store, old parts back, a claim, a stocktake, a
backdated receipt), exports the ledger, and compares `hledger balance` per account and commodity
with `svc parts balance --format json`, now and at an earlier instant (hledger -e DATE).
Usage: hledger_check.py SVC
"""
import json
import os
import re
import subprocess
import sys
import tempfile

svc = sys.argv[1]
tmp = tempfile.mkdtemp()
data = os.path.join(tmp, "d")
bad = []


def run(now, *args):
    env = dict(os.environ, SVC_NOW=now, SVC_USER="张三", COLUMNS="200")
    env.pop("SVC_DATA", None)
    r = subprocess.run([svc, "--data", data, *args], env=env, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"svc {' '.join(args)} exited {r.returncode}: {r.stderr}")
    return r.stdout


run("2026-11-01T08:00", "init", "-q", "--no-git", data)
yaml = open(os.path.join(data, "svc.yaml"), encoding="utf-8").read()
yaml = yaml.replace("  list: {}\n", "  list:\n    KX-BRG: {name: 轴承6204, unit: 个, cost: 12.00}\n")
open(os.path.join(data, "svc.yaml"), "w", encoding="utf-8").write(yaml)
steps = [
    ("2026-11-02T09:00", "parts receive --from supplier:洛阳轴承 --line KX-BRG=10 --line 油封=20@2.50"),
    ("2026-11-03T09:00", "parts receive --from head-office --line KX-BRG=5@15.00"),
    ("2026-11-04T09:00", "parts transfer --to station:SZ --line KX-BRG=6 --line 油封=5"),
    ("2026-11-05T09:00", "ticket new --customer 宏达纺织 --phone 1 --zone urban"),
    ("2026-11-05T09:30", "ticket assign 0001 --to 李四"),
    ("2026-11-05T10:00", "parts issue --to tech:李四 --ticket 0001 --line KX-BRG=1 --approved-by 王经理"),
    ("2026-11-05T14:00", "ticket arrive 0001"),
    ("2026-11-05T14:30", "ticket part 0001 --part KX-BRG --qty 3 --old-returned"),
    ("2026-11-06T09:00", "ticket part 0001 --part 油封 --qty 2"),
    ("2026-11-10T09:00", "parts claim --supplier 洛阳轴承 --line KX-BRG=2 --amount 30"),
    ("2026-11-12T09:00", "parts dispose --as scrap --line KX-BRG=1"),
    ("2026-11-28T17:00", "parts count --location store --line KX-BRG=5 --reason 盘亏"),
    ("2026-11-30T09:00", "parts receive --from supplier:洛阳轴承 --line 油封=4@3.00 --at 2026-11-04T08:00"),
]
for now, line in steps:
    run(now, *line.split(" "), "-q")

journal = os.path.join(tmp, "parts.journal")
open(journal, "w", encoding="utf-8").write(run("2026-11-30T18:00", "parts", "export", "--format", "hledger"))


def hledger(*extra):
    r = subprocess.run(["hledger", "-f", journal, "balance", "--flat", "--empty", "-N", "-O", "csv", *extra],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"hledger failed: {r.stderr}")
    lines = r.stdout.strip().splitlines()[1:]
    got = {}
    for line in lines:
        account, amounts = re.match(r'"(.*?)","(.*)"$', line).groups()
        # A symbol hledger quotes (KX-BRG), or one it writes bare (油封).
        for qty, quoted, bare in re.findall(r'(-?\d+) (?:""(.*?)""|([^ ,"]+))', amounts):
            if int(qty):
                got[(account, quoted or bare)] = int(qty)
    return got


def svc_balance(at):
    rows = json.loads(run(at, "parts", "balance", "--format", "json"))
    return {(r["location"], r["part"]): r["qty"] for r in rows}


for svc_at, hledger_end in (("2026-11-30T18:00", []), ("2026-11-05T23:59", ["-e", "2026-11-06"])):
    mine, theirs = svc_balance(svc_at), hledger(*hledger_end)
    if mine != theirs:
        bad.append(f"at {svc_at}: svc {sorted(mine.items())}\n  hledger {sorted(theirs.items())}")
    elif not mine:
        bad.append(f"at {svc_at}: no balances at all")

# Hand-computed: the store got 10+5 bearings, sent 6 to the station, issued 1, used 2 more on
# the call than 李四 held (the rest of the 3 from the store), counted 5 where 6 were left.
expect = {("store", "KX-BRG"): 5, ("station:SZ", "KX-BRG"): 6, ("stocktake", "KX-BRG"): 1,
          ("supplier:洛阳轴承", "KX-BRG"): -8, ("scrap", "KX-BRG"): 1,
          ("head-office", "KX-BRG"): -5, ("store", "油封"): 17, ("station:SZ", "油封"): 5,
          ("customer", "油封"): 2, ("supplier:洛阳轴承", "油封"): -24}
if svc_balance("2026-11-30T18:00") != expect:
    bad.append(f"svc's balance {sorted(svc_balance('2026-11-30T18:00').items())} is not the hand-computed one")

if bad:
    print("\n".join(bad))
    sys.exit(1)
print(f"hledger balance agrees with svc parts balance: {len(expect)} holdings, at two instants")
