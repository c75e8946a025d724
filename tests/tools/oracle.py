#!/usr/bin/python3
"""An independent recomputation of `svc report monthly` and `svc report technician` (SPEC §8).

Usage: oracle.py DATA_DIR MONTH [SVC_BINARY] [--now TIME] [--explain] [--quiet]
       (TIME also from $SVC_NOW; default 2026-12-03T08:00. Without SVC_BINARY, prints the
       oracle's figures as JSON and compares nothing.)

Reads every record file under DATA_DIR with PyYAML (a SafeLoader whose only change is that a
YAML float is read as the exact decimal of its text, so money written bare (`980.00`, old
files) and quoted (`"666.67"`) are both exact; no float ever holds money). Every figure is
derived from each record's `history:` (the summary fields above it are not read), runs the
binary with the same clock ($SVC_NOW) on the same directory, and compares figure for figure:
one line per difference (`tickets.deadlines.arrive.met: svc 16, oracle 15`), exit 1 if any,
0 if none, with a closing count of the figures compared. `--explain` follows each difference
with the records the oracle counted for it. This file does not use svc's sources: it follows
SPEC §1, §3-§8, docs/REPORTS.md and docs/DECISIONS.md only.

Definitions (SPEC §3 "One meaning of met", "Open means", §6, §8):
- The period is [first day 00:00, first day of the next month 00:00) at svc.yaml's utc_offset.
  "Fell in the period" and "registered in the period" use that half-open interval. The report
  clock is $SVC_NOW: events after it are not read (svc refuses to write them anyway).
- A record belongs to the period in which it was registered (its `new` event).
- Deadline in force of a step: the `due:` maps events carry set it (`new`, `workshop_in`,
  `resolve`, the events that end a wait). An `extend` counts only when it is approved no later
  than the deadline in force it moves (at <= deadline: at that instant the deadline has not
  passed); otherwise the deadline stays where it was (the oracle judges this from the event's
  time, not from its `approved:` field). A wait moves the resolve deadline only when it began
  no later than the deadline in force; the amount of the move is taken from the event that
  ends the wait (the oracle does not redo working-time arithmetic; stored deadlines are
  trusted as the events carry them).
- Done: respond by the first `respond` or `arrive` (DECISIONS: "by arrive when nobody recorded
  a call first"), or a remote resolution; arrive by the first `arrive`; resolve by the first
  `resolve` after the last `reopen` (a reopen judges the fix again against the resolve
  deadline, which stays); follow_up by a `follow_up` after that resolve, whose own deadline it
  set (a reopen drops it); a workshop trip by its `workshop_out`.
- On-time rate of a step (respond, arrive, resolve) = tickets whose in-force deadline for the
  step fell in the period and was met ÷ tickets whose deadline fell in the period. A step not
  done counts against. A call cancelled no later than a step's deadline with the step undone
  is left out of that step; cancelled after it, the step is missed. A call whose resolution in
  force carries `remote: true` has no arrival step (left out of every arrival figure).
- Backlog (期末未结) = tickets registered before the period's end and open (not closed, not
  cancelled; a resolved call waiting for sign-off is open) at the end, replaying only the
  events before the end. Overdue (期末逾期) = of those, the ones with a step whose deadline in
  force (as of the end) had passed at the end (deadline < end) without being done before it:
  respond, arrive (not for a remote resolution, and neither once the call is resolved: then
  they are missed, no longer to do), resolve (not while the ticket waits, when the wait began
  before the deadline: its clock is stopped; a wait begun after the deadline had passed does
  not move it, SPEC §6),
  every workshop trip the product is still in, follow_up once resolved.
- Mean times: registration -> the done time above (respond, arrive, resolve) over the tickets
  received in the period that have one by the report clock, in wall-clock minutes.
- Complaints: received/closed (closed by the report clock) of the period's; substantiated =
  routed to a department and never rejected; by_category of all received; by_dept of the
  substantiated, the department of the last routing; closed_in_time = closed whose close is
  no later than the whole-case deadline (`due.close` of the `new` event, but never earlier than
  the acknowledgement deadline: SPEC §4) ÷ closed; mean_handling_days = registration -> close,
  in days of 24 h, over the closed. Complaint rate = substantiated ÷ tickets received.
- Returns: received; by outcome in force (an `override` on approve/refuse replaces the policy's
  `decision.outcome`); credited = sum of the `credit` amounts of the period's returns.
- Surveys: created = surveys registered in the period (dropped ones too, not one dropped as
  another's duplicate); response_rate = of those, the ones recorded by the report clock ÷
  created (docs/REPORTS.md, DECISIONS "recorded by now"); responses, answers, positive,
  satisfaction_rate, items and technicians count the surveys whose first `record` is in the period, with the answers in force at the
  report clock (`record`, then `amend`s). Positive levels and item labels come from svc.yaml
  (a template there replaces the shipped one of that name, data/svc.yaml).
- Targets: on_time = the arrival rate (docs/REPORTS.md), satisfaction, complaint_rate from
  `reports.targets` in %; on time and satisfaction met when value >= target, complaint rate
  when value < target; value and met null when there is nothing to count.
- Technician report (SPEC silent; `svc report technician --help` and docs/REPORTS.md): calls =
  tickets registered in the period whose lead technician at the report clock is the person
  (helpers not counted); closed = of those, closed; arrive {due, met, rate} = the monthly
  arrival rule over all tickets whose lead is the person; labour_hours = the hours of the
  resolution in force of the calls; parts = the quantities of `part` events of the calls,
  parts_amount = sum of qty × price; surveys = the visit surveys recorded in the period rating
  the person (the survey's `technician`), items the mean level per item.
- Money in JSON must be a decimal string (SPEC §1: "JSON gives money as the same strings");
  a money figure given as a JSON number is reported as a difference of form even when its
  value is right (`--money-as-number-ok` turns that off).
"""
import argparse
import datetime
import decimal
import json
import math
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from fractions import Fraction

import yaml

D = decimal.Decimal
BARE_MONEY = re.compile(r"\b(?:price|amount|loss|credited): -?[0-9]+(?:\.[0-9]+)?(?=[,}\s])")
HERE = os.path.dirname(os.path.abspath(__file__))
SHIPPED = os.path.join(HERE, "..", "..", "data", "svc.yaml")


class Loader(yaml.SafeLoader):
    """PyYAML's safe loader; a float scalar becomes the Decimal of its text (exact money)."""


def _decimal(loader, node):
    text = loader.construct_scalar(node).replace("_", "")
    try:
        return D(text)
    except decimal.InvalidOperation:
        return yaml.SafeLoader.construct_yaml_float(loader, node)


Loader.add_constructor("tag:yaml.org,2002:float", _decimal)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Loader)


def money(v):
    if v is None:
        return None
    if isinstance(v, D):
        return v
    if isinstance(v, float):  # never from the loader above
        return D(repr(v))
    return D(str(v).strip())


# ---------------------------------------------------------------------------------------------
# Settings, clock, records

def settings(data_dir):
    own = load(os.path.join(data_dir, "svc.yaml")) or {}
    shipped = load(SHIPPED) if os.path.exists(SHIPPED) else {}
    offset = str(own.get("utc_offset", shipped.get("utc_offset", "+08:00")))
    sign = -1 if offset.startswith("-") else 1
    hh, mm = offset.lstrip("+-").split(":")
    tz = datetime.timezone(sign * datetime.timedelta(hours=int(hh), minutes=int(mm)))
    templates = dict((shipped.get("surveys") or {}).get("templates") or {})
    templates.update((own.get("surveys") or {}).get("templates") or {})
    targets = dict(((shipped.get("reports") or {}).get("targets")) or {})
    targets.update(((own.get("reports") or {}).get("targets")) or {})
    return tz, templates, targets


def ts(v, tz):
    """A timestamp as an aware datetime (PyYAML gives one for svc's form)."""
    if v is None:
        return None
    if isinstance(v, datetime.datetime):
        return v if v.tzinfo else v.replace(tzinfo=tz)
    if isinstance(v, datetime.date):
        return datetime.datetime(v.year, v.month, v.day, tzinfo=tz)
    t = datetime.datetime.fromisoformat(str(v))
    return t if t.tzinfo else t.replace(tzinfo=tz)


def records(data_dir, kind):
    root = os.path.join(data_dir, kind)
    out = []
    if not os.path.isdir(root):
        return out
    for month in sorted(os.listdir(root)):
        folder = os.path.join(root, month)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".yaml"):
                rec = load(os.path.join(folder, name))
                if isinstance(rec, dict) and isinstance(rec.get("history"), list):
                    out.append(rec)
    return out


def standing(rec):
    """The events no `void` takes back: a void holds a copy of the whole event it voids (its
    at, by, do and data) under `event`; the voided event never happened (docs/DECISIONS.md)."""
    named = [e.get("event") for e in rec["history"] if e.get("do") == "void"]
    return [e for e in rec["history"] if e.get("do") in ("new", "void") or e not in named]


def history(rec, tz, until):
    """The events at or before `until` that no void takes back, with `at` as datetimes, in file
    order."""
    out = []
    for e in standing(rec):
        e = dict(e)
        e["at"] = ts(e["at"], tz)
        if e["at"] <= until:
            out.append(e)
    return out


def registered(rec, tz):
    for e in rec["history"]:
        if e.get("do") == "new":
            return ts(e["at"], tz)
    return ts(rec["history"][0]["at"], tz)


# ---------------------------------------------------------------------------------------------
# Tickets

WAIT_ENDERS = {"resume", "assign", "arrive", "resolve", "workshop_in", "workshop_out", "cancel",
               "close", "reopen"}


class Ticket:
    """A ticket replayed from its history up to an instant (events with at < cutoff, or
    at <= cutoff when inclusive)."""

    def __init__(self, rec, tz, cutoff, inclusive, notes):
        self.id = rec["id"]
        self.registered = registered(rec, tz)
        evs = [e for e in history(rec, tz, cutoff)
               if e["at"] <= cutoff and (inclusive or e["at"] < cutoff)]
        self.status = "new"
        self.kind = self.klass = None
        self.assignee = None
        self.helpers = []
        self.cancelled_at = None
        self.waiting_since = None
        self.due = {}          # the deadline in force, per step
        self.svc_due = {}      # the deadline as svc's events name it (extensions all applied)
        self.late_ext = set()  # steps extended after their deadline had passed
        self.first_respond = self.first_arrive = None
        self.resolved_at = None      # the resolution in force
        self.remote = False
        self.hours = None
        self.follow_up_at = None
        self.trips = []        # [key, in_at, out_at]
        self.parts_qty = 0
        self.parts_amount = D("0")
        for e in evs:
            do, at = e.get("do"), e["at"]
            if do == "new":
                self.kind = e.get("kind")
                self.klass = e.get("service_class")
            else:
                if "kind" in e and do in ("edit",):
                    self.kind = e["kind"]
                if "service_class" in e:
                    self.klass = e["service_class"]
            if self.waiting_since is not None and do in WAIT_ENDERS:
                wait_start, self.waiting_since = self.waiting_since, None
            else:
                wait_start = None
            # deadlines the event sets
            for k, v in (e.get("due") or {}).items():
                v = ts(v, tz)
                if do != "new" and k == "resolve" and "resolve" in self.due:
                    if wait_start is None or wait_start > self.due["resolve"]:
                        notes.append(f"{self.id}: {do} at {at} moves the resolve deadline "
                                     f"though no wait began before it passed; not followed")
                        self.svc_due[k] = v
                        continue
                    if self.svc_due.get(k) == self.due[k]:
                        self.due[k] = v
                    else:  # svc moved a deadline that is not in force: move ours as much
                        self.due[k] = self.due[k] + (v - self.svc_due[k])
                    self.svc_due[k] = v
                    continue
                self.due[k] = v
                self.svc_due[k] = v
            if do == "assign":
                self.assignee = e.get("assignee", e.get("to"))
                self.helpers = list(e.get("helpers") or [])
                self.status = "assigned"
            elif do == "respond":
                self.first_respond = self.first_respond or at
            elif do == "arrive":
                self.first_arrive = self.first_arrive or at
                self.first_respond = self.first_respond or at
                self.status = "on_site"
            elif do == "wait":
                self.waiting_since = at
                self.status = "waiting"
            elif do == "resume":
                self.status = "on_site" if self.first_arrive else "assigned"
            elif do == "workshop_in":
                key = next(iter(e.get("due") or {}), "workshop")
                self.trips.append([key, at, None])
                self.status = "workshop"
            elif do == "workshop_out":
                if self.trips and self.trips[-1][2] is None:
                    self.trips[-1][2] = at
                self.status = "on_site"
            elif do == "resolve":
                if self.resolved_at is None:
                    self.resolved_at = at
                    self.remote = bool(e.get("remote"))
                    self.hours = e.get("labour_hours")
                    if self.remote:
                        self.first_respond = self.first_respond or at
                self.status = "resolved"
            elif do == "follow_up":
                if self.resolved_at is not None and self.follow_up_at is None:
                    self.follow_up_at = at
            elif do == "reopen":
                self.resolved_at = None
                self.remote = False
                self.hours = None
                self.follow_up_at = None
                self.due.pop("follow_up", None)
                self.svc_due.pop("follow_up", None)
                self.status = "assigned"
            elif do == "close":
                self.status = "closed"
            elif do == "cancel":
                self.status = "cancelled"
                self.cancelled_at = at
            elif do == "extend":
                step = e.get("deadline")
                if step == "workshop" and self.trips:
                    step = self.trips[-1][0]
                to = ts(e.get("to"), tz)
                frm = ts(e.get("from"), tz)
                cur = self.due.get(step)
                if cur is not None and frm is not None and frm != self.svc_due.get(step):
                    notes.append(f"{self.id}: extend at {at} says from {frm}, the events say "
                                 f"{self.svc_due.get(step)}")
                in_time = cur is not None and at <= cur
                said = e.get("approved")
                if said and (said == "before_due") != (at <= (frm or cur)):
                    notes.append(f"{self.id}: extend at {at} is marked {said}, its from is {frm}")
                if in_time:
                    self.due[step] = to
                else:
                    self.late_ext.add(step)
                self.svc_due[step] = to
            elif do == "part":
                qty = e.get("qty") or 0
                self.parts_qty += qty
                self.parts_amount += D(str(qty)) * (money(e.get("price")) or D("0"))
        self.waiting = self.waiting_since is not None

    @property
    def open(self):
        return self.status not in ("closed", "cancelled")

    def done(self, step):
        return {"respond": self.first_respond, "arrive": self.first_arrive,
                "resolve": self.resolved_at}.get(step)

    def judge(self, step, start, end, now):
        """None when the step is not in the period's figures, else (met, reason)."""
        dl = self.due.get(step)
        if dl is None:
            return None
        if step == "arrive" and self.remote:
            return None
        if not (start <= dl < end):
            return None
        done = self.done(step)
        if done is None and self.cancelled_at is not None and self.cancelled_at <= dl:
            return None
        if done is None and dl >= now:
            return None
        ext = " (extended after its deadline: not counted)" if step in self.late_ext else ""
        if done is None:
            why = "cancelled after it, never done" if self.cancelled_at else "never done"
            return False, f"due {dl:%m-%d %H:%M}{ext}, {why}"
        return done <= dl, f"due {dl:%m-%d %H:%M}{ext}, done {done:%m-%d %H:%M}"

    def overdue_steps(self, end):
        steps = []
        for step in ("respond", "arrive", "resolve"):
            dl = self.due.get(step)
            if dl is None or dl >= end or self.done(step) is not None:
                continue
            if step == "arrive" and self.remote:
                continue
            # Respond and arrive can no longer be done once the call is resolved: missed, not
            # overdue (DECISIONS).
            if step in ("respond", "arrive") and self.resolved_at is not None:
                continue
            # The clock stops while waiting, unless the wait began after the deadline had
            # passed (SPEC §6: such a wait does not move it).
            if step == "resolve" and self.waiting and self.waiting_since < dl:
                continue
            steps.append(step)
        for key, tin, tout in self.trips:
            dl = self.due.get(key)
            if tout is None and dl is not None and dl < end:
                steps.append(key)
        dl = self.due.get("follow_up")
        if self.resolved_at is not None and self.follow_up_at is None and dl is not None \
                and dl < end:
            steps.append("follow_up")
        return steps


# ---------------------------------------------------------------------------------------------
# The figures

def rate(met, due):
    return None if due == 0 else Fraction(met, due)


def compute(data_dir, month, now):
    tz, templates, targets = settings(data_dir)
    y, m = map(int, month.split("-"))
    start = datetime.datetime(y, m, 1, tzinfo=tz)
    end = datetime.datetime(y + (m == 12), m % 12 + 1, 1, tzinfo=tz)
    notes = []
    why = defaultdict(list)   # figure path -> [(id, reason)]

    def inp(t):
        return start <= t < end

    # Tickets
    trecs = records(data_dir, "tickets")
    now_t = [Ticket(r, tz, now, True, notes) for r in trecs]
    end_t = [Ticket(r, tz, end, False, []) for r in trecs]
    received = [t for t in now_t if inp(t.registered)]
    tk = {"received": len(received),
          "closed": sum(t.status == "closed" for t in received),
          "cancelled": sum(t.status == "cancelled" for t in received),
          "by_kind": dict(Counter(t.kind for t in received)),
          "by_class": dict(Counter(t.klass for t in received))}
    for t in received:
        why["tickets.received"].append((t.id, t.status))
    deadlines, on_time = {}, {}
    for step in ("respond", "arrive", "resolve"):
        due = met = 0
        for t in now_t:
            j = t.judge(step, start, end, now)
            if j is None:
                continue
            due += 1
            met += j[0]
            why[f"tickets.deadlines.{step}"].append((t.id, ("met: " if j[0] else "missed: ") + j[1]))
        deadlines[step] = {"due": due, "met": met}
        on_time[step] = rate(met, due)
    tk["on_time"] = on_time
    tk["deadlines"] = deadlines
    means = {}
    for step in ("respond", "arrive", "resolve"):
        mins = [Fraction(int((t.done(step) - t.registered).total_seconds()), 60)
                for t in received if t.done(step) is not None]
        means[step] = None if not mins else sum(mins) / len(mins)
    tk["mean_minutes"] = means
    backlog = [t for t in end_t if t.registered < end and t.open]
    overdue = [t for t in backlog if t.overdue_steps(end)]
    for t in backlog:
        why["tickets.backlog"].append((t.id, t.status))
    for t in overdue:
        why["tickets.overdue"].append((t.id, t.status + ": " + ", ".join(t.overdue_steps(end))))
    tk["backlog"] = len(backlog)
    tk["overdue"] = len(overdue)

    # Complaints
    cs = []
    for r in records(data_dir, "complaints"):
        reg = registered(r, tz)
        if not inp(reg):
            continue
        c = {"id": r["id"], "reg": reg, "routed": False, "rejected": False, "dept": None,
             "closed": None, "category": None, "due_close": None, "due_ack": None}
        for e in history(r, tz, now):
            do = e.get("do")
            if do == "new":
                c["category"] = e.get("category")
                c["due_close"] = ts((e.get("due") or {}).get("close"), tz)
                c["due_ack"] = ts((e.get("due") or {}).get("acknowledge"), tz)
            elif "category" in e:
                c["category"] = e["category"]
            if do == "route":
                c["routed"], c["dept"] = True, e.get("dept")
            elif do == "reject":
                c["rejected"] = True
            elif do == "close":
                c["closed"] = e["at"]
        if c["due_close"] and c["due_ack"] and c["due_close"] < c["due_ack"]:
            notes.append(f"{c['id']}: whole-case deadline {c['due_close']} is earlier than its "
                         f"acknowledgement deadline {c['due_ack']} (SPEC §4: never earlier)")
        cs.append(c)
    closed = [c for c in cs if c["closed"]]
    subst = [c for c in cs if c["routed"] and not c["rejected"]]
    in_time = []
    for c in closed:
        dl = max(x for x in (c["due_close"], c["due_ack"]) if x is not None) \
            if (c["due_close"] or c["due_ack"]) else None
        ok = dl is not None and c["closed"] <= dl
        in_time.append(ok)
        why["complaints.closed_in_time"].append((c["id"], f"{'in time' if ok else 'late'}: "
                                                f"closed {c['closed']:%m-%d %H:%M}, due {dl:%m-%d %H:%M}"))
    for c in subst:
        why["complaints.substantiated"].append((c["id"], c["dept"]))
    co = {"received": len(cs), "closed": len(closed), "substantiated": len(subst),
          "by_category": dict(Counter(c["category"] for c in cs)),
          "by_dept": dict(Counter(c["dept"] for c in subst)),
          "closed_in_time": rate(sum(in_time), len(closed)),
          "mean_handling_days": None if not closed else
          sum(Fraction(int((c["closed"] - c["reg"]).total_seconds()), 86400) for c in closed)
          / len(closed)}

    # Returns
    rs = []
    for r in records(data_dir, "returns"):
        if not inp(registered(r, tz)):
            continue
        outcome, credited = None, D("0")
        for e in history(r, tz, now):
            do = e.get("do")
            if do == "new":
                outcome = (e.get("decision") or {}).get("outcome")
            if do in ("approve", "refuse") and isinstance(e.get("override"), dict) \
                    and e["override"].get("outcome"):
                outcome = e["override"]["outcome"]
            if do == "credit":
                credited += money(e.get("amount")) or D("0")
        rs.append((r["id"], outcome, credited))
        why["returns.credited"].append((r["id"], f"{outcome}, credited {credited}"))
    re_ = {"received": len(rs), "by_outcome": dict(Counter(o for _, o, _ in rs)),
           "credited": sum((c for _, _, c in rs), D("0")).quantize(D("0.01"))}

    # Surveys
    created = created_recorded = 0
    recorded = []   # (id, template, technician, answers)
    for r in records(data_dir, "surveys"):
        evs = history(r, tz, now)
        reg = registered(r, tz)
        template = technician = None
        first_record = None
        answers = {}
        for e in evs:
            do = e.get("do")
            if do == "new":
                template, technician = e.get("template"), e.get("technician")
            elif "technician" in e and do == "edit":
                technician = e["technician"]
            if do == "record":
                first_record = first_record or e["at"]
                answers.update(e.get("answers") or {})
            elif do == "amend":
                answers.update(e.get("answers") or {})
        link = (next((e.get("links") for e in evs if e.get("do") == "new"), None) or {}).get("ticket")
        dropped = next((e for e in evs if e.get("do") == "drop"), None)
        # The second survey of a call closed in two clones, dropped as the kept one's duplicate,
        # was never sent on its own (unless it was recorded after all).
        duplicate = dropped is not None and dropped.get("duplicate_of") and first_record is None
        if dropped and link and not duplicate:
            trec = next((r2 for r2 in trecs if r2["id"] == link), None)
            if trec and not any(e.get("do") == "follow_up" and ts(e["at"], tz) >= dropped["at"]
                                for e in standing(trec)):
                notes.append(f"{r['id']}: dropped at {dropped['at']}, but {link} records no "
                             f"follow-up attempt (SPEC §5)")
        if inp(reg) and not duplicate:
            created += 1
            created_recorded += first_record is not None
            why["surveys.response_rate"].append((r["id"], "recorded" if first_record else "not recorded"))
        if first_record is not None and inp(first_record):
            recorded.append((r["id"], template, technician, answers))
            why["surveys.responses"].append((r["id"], f"{template} {technician or ''}"))

    def positive(template, level):
        pos = (templates.get(template) or {}).get("positive") or []
        return str(level) in {str(p) for p in pos}

    def item_label(template, item):
        for sec in ((templates.get(template) or {}).get("sections") or {}).values():
            if item in (sec.get("items") or {}):
                return sec["items"][item]
        return None

    n_ans = n_pos = 0
    items = defaultdict(lambda: [0, 0, 0])     # template.item -> answers, positive, level sum
    techs = defaultdict(lambda: [0, 0, 0, 0])  # (tech, template) -> responses, answers, positive, sum
    for sid, template, technician, answers in recorded:
        if technician:
            techs[(technician, template)][0] += 1
        for item, level in answers.items():
            p = positive(template, level)
            n_ans += 1
            n_pos += p
            it = items[f"{template}.{item}"]
            it[0] += 1
            it[1] += p
            it[2] += int(level)
            if technician:
                tt = techs[(technician, template)]
                tt[1] += 1
                tt[2] += p
                tt[3] += int(level)
    su = {"created": created, "responses": len(recorded),
          "response_rate": rate(created_recorded, created),
          "answers": n_ans, "positive": n_pos, "satisfaction_rate": rate(n_pos, n_ans),
          "items": {k: {"label": item_label(*k.split(".", 1)), "answers": a,
                        "satisfaction_rate": rate(p, a), "mean": Fraction(s, a)}
                    for k, (a, p, s) in items.items()},
          "technicians": {f"{tech}/{tpl}": {"responses": n, "answers": a,
                                            "satisfaction_rate": rate(p, a),
                                            "mean": None if not a else Fraction(s, a)}
                          for (tech, tpl), (n, a, p, s) in techs.items()}}

    def target(key, value, below=False):
        t = Fraction(D(str(targets.get(key)))) / 100
        met = None if value is None else (value < t if below else value >= t)
        return {"value": value, "target": t, "met": met}

    complaint_rate = rate(len(subst), len(received))
    monthly = {"period": {"name": month, "from": start.date().isoformat(),
                          "to": (end - datetime.timedelta(days=1)).date().isoformat()},
               "tickets": tk, "complaints": co, "returns": re_, "surveys": su,
               "targets": {"on_time": target("on_time", on_time["arrive"]),
                           "satisfaction": target("satisfaction", su["satisfaction_rate"]),
                           "complaint_rate": target("complaint_rate", complaint_rate, True)}}

    # Technician report
    people = defaultdict(lambda: {"calls": 0, "closed": 0, "due": 0, "met": 0,
                                  "hours": D("0"), "parts": 0, "amount": D("0"),
                                  "responses": 0, "answers": 0, "positive": 0,
                                  "items": defaultdict(list)})
    for t in received:
        if t.assignee:
            p = people[t.assignee]
            p["calls"] += 1
            p["closed"] += t.status == "closed"
            p["hours"] += D(str(t.hours)) if t.hours is not None else D("0")
            p["parts"] += t.parts_qty
            p["amount"] += t.parts_amount
            why[f"technician.{t.assignee}.calls"].append((t.id, t.status))
    for t in now_t:
        j = t.judge("arrive", start, end, now)
        if j is not None and t.assignee:
            people[t.assignee]["due"] += 1
            people[t.assignee]["met"] += j[0]
            why[f"technician.{t.assignee}.arrive"].append((t.id, ("met: " if j[0] else "missed: ") + j[1]))
    for sid, template, technician, answers in recorded:
        if template != "visit" or not technician:
            continue
        p = people[technician]
        p["responses"] += 1
        for item, level in answers.items():
            p["answers"] += 1
            p["positive"] += positive(template, level)
            p["items"][item].append(int(level))
    technician = {"period": monthly["period"], "technicians": {
        name: {"calls": p["calls"], "closed": p["closed"],
               "arrive": {"due": p["due"], "met": p["met"], "rate": rate(p["met"], p["due"])},
               "labour_hours": p["hours"], "parts": p["parts"],
               "parts_amount": p["amount"].quantize(D("0.01")),
               "surveys": {"responses": p["responses"], "answers": p["answers"],
                           "satisfaction_rate": rate(p["positive"], p["answers"]),
                           "items": {i: Fraction(sum(v), len(v)) for i, v in p["items"].items()}}}
        for name, p in people.items()}}
    bare = 0
    for kind in ("tickets", "returns", "complaints"):
        root = os.path.join(data_dir, kind)
        for dirpath, _, files in os.walk(root):
            for name in files:
                if name.endswith(".yaml"):
                    with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                        bare += len(BARE_MONEY.findall(f.read()))
    if bare:
        notes.append(f"{bare} money values in record files are bare numbers, not quoted decimal "
                     f"strings (SPEC §1); read as exact decimals all the same")
    return monthly, technician, why, notes


# ---------------------------------------------------------------------------------------------
# Comparison

MONEY = {"returns.credited", "parts_amount"}


def is_money(path):
    return path in MONEY or path.endswith(".parts_amount")


def show(v):
    if isinstance(v, Fraction):
        f = float(v)
        return repr(int(f)) if f.is_integer() else repr(f)
    if isinstance(v, D):
        return f'"{v}"'
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    return repr(v)


def same(path, svc, ora, diffs, strict_money):
    """Compares one leaf; appends a line when they differ."""
    if isinstance(ora, D) or is_money(path):
        if svc is None or ora is None:
            ok = svc is None and ora is None
        else:
            try:
                ok = money(svc) == ora
            except decimal.InvalidOperation:
                ok = False
        if not ok:
            diffs.append((path, f"{path}: svc {json.dumps(svc)}, oracle {show(ora)}"))
        elif strict_money and is_money(path) and not isinstance(svc, str):
            diffs.append((path, f"{path}: svc {json.dumps(svc)} (a JSON number), oracle "
                                f"{show(ora)} (SPEC §1: money in JSON is a decimal string)"))
        return
    if isinstance(ora, Fraction) or isinstance(svc, float):
        if ora is None or svc is None or isinstance(svc, bool):
            ok = ora is None and svc is None
        else:
            ok = isinstance(svc, (int, float)) and math.isclose(float(svc), float(ora),
                                                                 rel_tol=1e-12, abs_tol=1e-12)
    else:
        ok = svc == ora and type(svc) is type(ora)
    if not ok:
        diffs.append((path, f"{path}: svc {json.dumps(svc, ensure_ascii=False)}, oracle {show(ora)}"))


def walk(path, svc, ora, diffs, counter, strict_money, counts=False):
    """Compares ora (the oracle's tree) with svc's JSON; maps keyed by names compare as
    maps, a missing count being 0 when `counts`."""
    if isinstance(ora, dict):
        if not isinstance(svc, dict):
            diffs.append((path, f"{path}: svc {json.dumps(svc, ensure_ascii=False)}, oracle a map"))
            counter[0] += 1
            return
        keys = list(ora) + [k for k in svc if k not in ora] if counts else list(ora)
        for k in keys:
            sub = f"{path}.{k}" if path else k
            if counts:
                counter[0] += 1
                s, o = svc.get(k, 0), ora.get(k, 0)
                if s != o:
                    diffs.append((sub, f"{sub}: svc {s}, oracle {o}"))
                continue
            if k not in svc:
                diffs.append((sub, f"{sub}: svc (missing), oracle {show(ora[k]) if not isinstance(ora[k], dict) else 'a map'}"))
                counter[0] += 1
                continue
            walk(sub, svc[k], ora[k], diffs, counter, strict_money,
                 counts=k in ("by_kind", "by_class", "by_category", "by_dept", "by_outcome"))
        return
    counter[0] += 1
    same(path, svc, ora, diffs, strict_money)


def run_svc(binary, data_dir, month, now_text, report):
    env = dict(os.environ, SVC_NOW=now_text, NO_COLOR="1")
    env.pop("SVC_DATA", None)
    p = subprocess.run([binary, "--data", data_dir, "report", report, "--month", month,
                        "--format", "json"], capture_output=True, text=True, env=env)
    if p.returncode not in (0, 3) or not p.stdout.strip():
        sys.exit(f"oracle: svc report {report} exited {p.returncode}: {p.stderr.strip()}")
    if p.returncode == 3:
        print(f"oracle: svc report {report} exited 3 (incomplete): {p.stderr.strip()}")
    return json.loads(p.stdout)


def compare(monthly, tech, svc_m, svc_t, strict_money):
    diffs, counter = [], [0]
    m = dict(monthly)
    su = dict(m["surveys"])
    items, techs = su.pop("items"), su.pop("technicians")
    m["surveys"] = su
    walk("", svc_m, m, diffs, counter, strict_money)
    svc_items = {i.get("item"): i for i in (svc_m.get("surveys") or {}).get("items") or []}
    svc_techs = {f"{t.get('technician')}/{t.get('template')}": t
                 for t in (svc_m.get("surveys") or {}).get("technicians") or []}
    for name, ora, svc in (("surveys.items", items, svc_items),
                           ("surveys.technicians", techs, svc_techs)):
        for k in list(ora) + [k for k in svc if k not in ora]:
            counter[0] += 1
            if k not in svc:
                diffs.append((f"{name}.{k}", f"{name}.{k}: svc (missing), oracle {ora[k]['answers']} answers"))
            elif k not in ora:
                diffs.append((f"{name}.{k}", f"{name}.{k}: svc {svc[k].get('answers')} answers, oracle (none)"))
            else:
                counter[0] -= 1
                walk(f"{name}.{k}", svc[k], ora[k], diffs, counter, strict_money)
    walk("technician.period", svc_t.get("period"), tech["period"], diffs, counter, strict_money)
    svc_people = {p.get("technician"): p for p in svc_t.get("technicians") or []}
    ora_people = tech["technicians"]
    for name in list(ora_people) + [n for n in svc_people if n not in ora_people]:
        path = f"technician.{name}"
        if name not in svc_people:
            counter[0] += 1
            diffs.append((path, f"{path}: svc (not listed), oracle {ora_people[name]['calls']} calls"))
            continue
        if name not in ora_people:
            counter[0] += 1
            diffs.append((path, f"{path}: svc {svc_people[name].get('calls')} calls, oracle (not listed)"))
            continue
        o = dict(ora_people[name])
        osv = dict(o["surveys"])
        oitems = osv.pop("items")
        o["surveys"] = osv
        walk(path, svc_people[name], o, diffs, counter, strict_money)
        sitems = (svc_people[name].get("surveys") or {}).get("items") or {}
        for i in list(oitems) + [i for i in sitems if i not in oitems]:
            counter[0] += 1
            if i not in oitems and sitems.get(i) is None:
                continue  # an item nobody answered: no mean, on both sides
            if i not in sitems or i not in oitems:
                diffs.append((f"{path}.surveys.items.{i}", f"{path}.surveys.items.{i}: svc "
                              f"{json.dumps(sitems.get(i))}, oracle {show(oitems.get(i))}"))
            else:
                counter[0] -= 1
                walk(f"{path}.surveys.items.{i}", sitems[i], oitems[i], diffs, counter, strict_money)
    return diffs, counter[0]


def explain_key(path):
    """The `why` entry a differing figure is explained by."""
    parts = path.split(".")
    if parts[0] == "tickets" and len(parts) >= 3 and parts[1] in ("deadlines", "on_time"):
        return f"tickets.deadlines.{parts[2]}"
    if parts[0] == "targets" and parts[1] == "on_time":
        return "tickets.deadlines.arrive"
    if parts[0] == "tickets" and parts[1] in ("backlog", "overdue"):
        return f"tickets.{parts[1]}"
    if parts[0] == "tickets":
        return "tickets.received"
    if parts[0] == "technician" and len(parts) >= 3:
        return f"technician.{parts[1]}.{'arrive' if parts[2] == 'arrive' else 'calls'}"
    if parts[0] == "complaints" or (parts[0] == "targets" and parts[1] == "complaint_rate"):
        return "complaints.closed_in_time" if "closed" in path else "complaints.substantiated"
    if parts[0] == "surveys":
        return "surveys.response_rate" if parts[1] in ("created", "response_rate") else "surveys.responses"
    if parts[0] == "returns":
        return "returns.credited"
    return None


def plain(v):
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, Fraction):
        return float(v)
    if isinstance(v, D):
        return str(v)
    return v


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir")
    ap.add_argument("month")
    ap.add_argument("svc", nargs="?")
    ap.add_argument("--now", default=os.environ.get("SVC_NOW", "2026-12-03T08:00"))
    ap.add_argument("--explain", action="store_true", help="list the records behind each difference")
    ap.add_argument("--quiet", action="store_true", help="no notes about the data")
    ap.add_argument("--money-as-number-ok", action="store_true",
                    help="accept money figures given as JSON numbers when their value is right")
    a = ap.parse_args()
    tz, _, _ = settings(a.data_dir)
    now = ts(a.now, tz)
    monthly, tech, why, notes = compute(a.data_dir, a.month, now)
    if not a.quiet:
        for n in notes:
            print("note:", n)
    if not a.svc:
        print(json.dumps({"monthly": plain(monthly), "technician": plain(tech)},
                         ensure_ascii=False, indent=1))
        return 0
    svc_m = run_svc(a.svc, a.data_dir, a.month, a.now, "monthly")
    svc_t = run_svc(a.svc, a.data_dir, a.month, a.now, "technician")
    diffs, n = compare(monthly, tech, svc_m, svc_t, not a.money_as_number_ok)
    explained = set()
    for path, line in diffs:
        print(line)
        key = explain_key(path)
        if a.explain and key and key not in explained:
            explained.add(key)
            for rid, reason in why.get(key, []):
                print(f"    {rid}  {reason}")
    print(f"oracle: {n} figures compared, {len(diffs)} differ "
          f"({a.data_dir}, {a.month}, SVC_NOW={a.now})")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
