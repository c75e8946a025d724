#!/usr/bin/python3
"""Differential test of the accepted YAML subset (SPEC §9): mutates record files and reads each
mutant with svc (tests/tools/read_yaml), PyYAML (YAML 1.1) and fy-tool (libfyaml, YAML 1.2).
Every file svc accepts must read to the same values and types in both other readers; a file
svc refuses is fine whatever they do. A date or timestamp is text in YAML 1.2 and a date in
YAML 1.1: the two agree when the date's isoformat() is the text.

Usage: differential.py READ_YAML COUNT SEED FILE...
Prints the disagreements (at most 10, with the mutant) and a closing count; exits 1 on any."""
import datetime
import json
import os
import random
import subprocess
import sys
import tempfile

import yaml

# Plain scalars the readers part on, and others they agree on, to put where a value was.
TOKENS = ["yes", "no", "on", "off", "Yes", "y", "n", "True", "TRUE", "false", "~", "Null",
          "null", "1_000", "0x1F", "0o17", "017", "-05", "1:20", "12:30:00", "1e3", "1.5e3",
          ".5", "5.", "+5", "-0", "0", "12", "1.50", ".inf", "-.inf", ".NaN", "2026-13-01",
          "2026-02-30", "2026-1-5", "2026-11-23", "2026-11-23T09:15:00+08:00",
          "2026-11-23t09:15:00", "2026-11-23 09:15:00", "2026-11-23T09:15:00Z",
          "2026-11-23T09:15:00.5+08:00", "=", "<<", "!x", "&a", "*a", "|", ">", "@x", "`x",
          "%x", "a,b", "what?", "it's", 'say "hi"', "a #b", "a#b", "-", "- x", "? x", ": x",
          '"\\_"', '"\\\'"', '"\\/"', '"\\x41"', '"\\u00e9"', '"\\U0001F600"', '"\\N"', '"\\ "',
          "'it''s'", '"a\\tb"', "\"unterminated", "'unterminated", "{a: 1", "[1, 2", "{a: 1}",
          "[yes, no]", "{on: off}", "中文", "中文: 值", "a\tb", "\tx", "x\t# c", "x # c",
          "1.2.3", "12ab", "0b101", "1__0", "0.", "00", "-", "0001", "１２"]


def mutate(text, rng):
    lines = text.split("\n")
    op = rng.randrange(11)
    i = rng.randrange(len(lines))
    line = lines[i]
    if op <= 3 and ": " in line:  # a value replaced by a token
        key, _, _ = line.partition(": ")
        lines[i] = f"{key}: {rng.choice(TOKENS)}"
    elif op == 4 and ", " in line:  # inside a flow event
        parts = line.split(", ")
        j = rng.randrange(len(parts))
        k, sep, _ = parts[j].partition(": ")
        if sep:
            parts[j] = f"{k}: {rng.choice(TOKENS)}"
        lines[i] = ", ".join(parts)
    elif op == 5:  # a key replaced
        _, sep, rest = line.lstrip(" -").partition(": ")
        indent = line[:len(line) - len(line.lstrip(" -"))]
        key = rng.choice(TOKENS + ["k" * rng.choice([100, 128, 129, 1025]), "by", "b"])
        lines[i] = f"{indent}{key}: {rest}" if sep else f"{indent}{key}:"
    elif op == 6:  # a line doubled, dropped or swapped
        choice = rng.randrange(3)
        if choice == 0:
            lines.insert(i, line)
        elif choice == 1:
            del lines[i]
        else:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    elif op == 7:  # a byte or a word put in, or one taken out
        at = rng.randrange(len(line) + 1)
        if rng.randrange(2) and line:
            lines[i] = line[:at] + line[at + 1:]
        else:
            lines[i] = line[:at] + rng.choice(list(" :#'\"{}[],-?\t\\&*!|>") + TOKENS) + line[at:]
    elif op == 8:  # indentation moved
        lines[i] = " " * rng.choice([0, 1, 2, 3, 4, 6]) + line.lstrip(" ")
    elif op == 9:  # cut short, or a word after the end
        if rng.randrange(2):
            cut = rng.randrange(len(text) + 1)
            return text[:cut]
        lines.append(rng.choice(TOKENS))
    else:  # a key: value line put in at some depth
        lines.insert(i, " " * rng.choice([0, 2, 4]) + f"{rng.choice(['x', 'note', 'qty'])}: "
                     f"{rng.choice(TOKENS)}")
    return "\n".join(lines)


def from_svc(tagged):
    """svc's tagged reading as plain Python values, numbers as floats."""
    (tag, v), = tagged.items()
    if tag == "m":
        return ("map", sorted((json.dumps(from_svc(k)), from_svc(x)) for k, x in v))
    if tag == "l":
        return ("list", [from_svc(x) for x in v])
    if tag == "n":
        return ("num", float(v))
    if tag == "b":
        return ("bool", v)
    if tag == "z":
        return ("null", None)
    return ("str", v)


def from_reader(v):
    if isinstance(v, dict):
        return ("map", sorted((json.dumps(from_reader(k)), from_reader(x)) for k, x in v.items()))
    if isinstance(v, list):
        return ("list", [from_reader(x) for x in v])
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, (int, float)):
        return ("num", float(v))
    if v is None:
        return ("null", None)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return ("str", v.isoformat())
    return ("str", v)


def main():
    read_yaml, count, seed, sources = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
    rng = random.Random(seed)
    texts = []
    for path in sources:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            texts.append(f.read())
    with tempfile.TemporaryDirectory() as tmp:
        mutants = []
        for n in range(count):
            text = rng.choice(texts)
            for _ in range(rng.choice([1, 1, 2, 3])):
                text = mutate(text, rng)
            path = os.path.join(tmp, f"m{n:05}.yaml")
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(text)
            mutants.append((path, text))
        svc_lines = subprocess.run([read_yaml] + [p for p, _ in mutants], check=True,
                                   capture_output=True).stdout.decode("utf-8", "surrogateescape").split("\n")[:-1]
        assert len(svc_lines) == len(mutants), "read_yaml printed a line per file"
        bad, accepted = [], 0
        for (path, text), line in zip(mutants, svc_lines):
            verdict, _, rest = line.partition(" ")
            if verdict != "ok":
                continue
            accepted += 1
            ours = from_svc(json.loads(rest))
            try:
                py = from_reader(yaml.safe_load(text))
            except Exception as e:  # noqa: BLE001 - any refusal is a disagreement
                py = f"refused: {type(e).__name__}"
            fy_run = subprocess.run(["fy-tool", "--mode", "json", path], capture_output=True)
            try:
                if fy_run.returncode != 0:
                    fy = "refused"
                elif not fy_run.stdout.strip():
                    fy = ("null", None)  # an empty document prints nothing
                else:
                    fy = from_reader(json.loads(fy_run.stdout))
            except ValueError:
                fy = "refused: no JSON"
            if py == {"map": []} or (py == ("null", None) and ours == ("map", [])):
                py = ours  # an empty file: svc reads an empty record
            if fy == ("null", None) and ours == ("map", []):
                fy = ours
            for reader, theirs in (("PyYAML", py), ("fy-tool", fy)):
                if theirs != ours:
                    bad.append((path, reader, text, ours, theirs))
        for path, reader, text, ours, theirs in bad[:10]:
            print(f"--- {os.path.basename(path)}: {reader} reads it differently\n{text}\n"
                  f"svc:   {ours}\n{reader}: {theirs}")
        print(f"{count} mutants, {accepted} accepted by svc: {len(bad)} read differently by "
              f"PyYAML {yaml.__version__} or fy-tool")
        sys.exit(1 if bad else 0)


main()
