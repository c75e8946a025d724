#!/usr/bin/env python3
"""The year's tickets as taskwarrior tasks, for bench/run.sh --peers: `svc ticket list --format
json` on stdin, one task per ticket on stdout (taskwarrior's import format, one JSON object a
line), at most N tasks. An open ticket is a pending task due at its next deadline; a closed one
is completed, a cancelled one deleted. Project, priority and tags carry the kind, the priority
and the service class, so `task list` has as much to sort and show as `svc ticket list`.
With --all-pending every ticket is a pending task (due at its next deadline not yet met, if
any): the speed issue's own setup, which measured `task list` on 100k tasks at 10.4 s.

Usage: svc ticket list --format json | bench/to_tasks.py N [--all-pending] > tasks.json
"""
import datetime as dt
import json
import sys
import uuid

OPEN = {"new", "assigned", "on_site", "waiting", "workshop"}


def utc(stamp):
    return dt.datetime.fromisoformat(stamp).astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def main():
    limit = int(sys.argv[1])
    all_pending = sys.argv[2:] == ["--all-pending"]
    for n, t in enumerate(json.load(sys.stdin)[:limit]):
        task = {
            "uuid": str(uuid.UUID(int=n + 1)),
            "description": f"{t['id']} {t.get('customer', '')}",
            "entry": utc(t["registered"]),
            "project": t.get("kind", ""),
            "priority": "H" if t.get("priority") == "urgent" else "M",
            "tags": [t.get("service_class") or "none"],
        }
        undone = [v for k, v in (t.get("due") or {}).items() if k not in (t.get("done") or {})]
        if t["status"] in OPEN or all_pending:
            task["status"] = "pending"
            if undone:
                task["due"] = utc(min(undone))
        else:
            task["status"] = "deleted" if t["status"] == "cancelled" else "completed"
            task["end"] = utc(max((t.get("done") or {}).values(), default=t["registered"]))
        print(json.dumps(task, ensure_ascii=False))


if __name__ == "__main__":
    main()
