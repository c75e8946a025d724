#!/usr/bin/env python3
"""A month's figures as a script would compute them without svc: every record file of the data
directory read with PyYAML (its C loader when there), the counts of `svc report monthly` that
need no replay of a history. The peer that bench/run.sh --peers times against svc.

Usage: bench/monthly.py DATA_DIR YYYY-MM    prints JSON shaped like svc's report (a subset)
"""
import datetime as dt
import json
import os
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def main():
    data, month = sys.argv[1], sys.argv[2]
    with open(os.path.join(data, "svc.yaml"), encoding="utf-8") as f:
        settings = yaml.load(f, Loader) or {}
    offset = str(settings.get("utc_offset", "+08:00"))
    sign = -1 if offset.startswith("-") else 1
    tz = dt.timezone(sign * dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
    year, mon = map(int, month.split("-"))
    start = dt.datetime(year, mon, 1, tzinfo=tz)
    end = dt.datetime(year + (mon == 12), mon % 12 + 1, 1, tzinfo=tz)

    def records(folder):
        base = os.path.join(data, folder)
        if not os.path.isdir(base):
            return
        for month_dir in sorted(os.listdir(base)):
            for name in sorted(os.listdir(os.path.join(base, month_dir))):
                if name.endswith(".yaml"):
                    with open(os.path.join(base, month_dir, name), encoding="utf-8") as f:
                        yield yaml.load(f, Loader) or {}

    def when(value):
        # PyYAML reads svc's timestamps (with their offset) as aware datetimes.
        if isinstance(value, dt.datetime):
            return value if value.tzinfo else value.replace(tzinfo=tz)
        return None

    def within(value):
        t = when(value)
        return t is not None and start <= t < end

    def count(into, key):
        key = "-" if key in (None, "") else str(key)
        into[key] = into.get(key, 0) + 1

    tickets = {"received": 0, "closed": 0, "cancelled": 0, "by_kind": {}, "by_class": {},
               "deadlines": {s: {"due": 0, "met": 0} for s in ("respond", "arrive", "resolve")}}
    for t in records("tickets"):
        due, done = t.get("due") or {}, t.get("done") or {}
        for step, d in tickets["deadlines"].items():
            if not within(due.get(step)):
                continue
            finished = when(done.get(step))
            if finished is None and t.get("status") == "cancelled":
                continue
            d["due"] += 1
            d["met"] += 1 if finished is not None and finished <= when(due.get(step)) else 0
        if not within(t.get("registered")):
            continue
        tickets["received"] += 1
        count(tickets["by_kind"], t.get("kind"))
        count(tickets["by_class"], t.get("service_class"))
        tickets["closed"] += t.get("status") == "closed"
        tickets["cancelled"] += t.get("status") == "cancelled"

    complaints = {"received": 0, "closed": 0, "substantiated": 0, "by_category": {}}
    for c in records("complaints"):
        if not within(c.get("registered")):
            continue
        complaints["received"] += 1
        count(complaints["by_category"], c.get("category"))
        complaints["substantiated"] += bool(c.get("dept")) and c.get("status") != "rejected"
        complaints["closed"] += c.get("status") == "closed"

    returns = {"received": sum(within(r.get("registered")) for r in records("returns"))}
    surveys = {"created": sum(within(s.get("registered")) for s in records("surveys"))}
    json.dump({"period": {"name": month}, "tickets": tickets, "complaints": complaints,
               "returns": returns, "surveys": surveys}, sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    main()
