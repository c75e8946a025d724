#!/usr/bin/python3
"""Reads a file svc wrote with PyYAML (YAML 1.1) and fy-tool (libfyaml, YAML 1.2) and checks
that every string reads back exactly as expected. Usage: roundtrip_check.py FILE.yaml EXPECTED.hex

EXPECTED.hex has one line per string: its UTF-8 bytes in hex, so it shares no code with svc's
writer. The record holds each string three times: in `strings` (block map), in `listed`
(block list) and as `text` of one flow-style history event per string."""
import json
import subprocess
import sys

import yaml


def check(reader, doc, expected):
    bad = []
    events = doc["history"][1:]
    for i, want in enumerate(expected):
        got = [doc["strings"].get(f"s{i}"), doc["listed"][i], events[i].get("text")]
        for where, value in zip(("summary map", "summary list", "history event"), got):
            if type(value) is not str or value != want:
                bad.append(f"{reader}: string {i} in the {where}: wrote {want!r}, read {value!r}")
    return bad


def main():
    path, hex_path = sys.argv[1], sys.argv[2]
    with open(hex_path) as f:
        expected = [bytes.fromhex(line.strip()).decode("utf-8") for line in f]
    with open(path, "rb") as f:
        py = yaml.safe_load(f)
    fy_out = subprocess.run(["fy-tool", "--mode", "json", path], check=True,
                            capture_output=True).stdout
    fy = json.loads(fy_out.decode("utf-8"))
    bad = check("PyYAML", py, expected) + check("fy-tool", fy, expected)
    for line in bad[:20]:
        print(line)
    print(f"{len(expected)} strings: {len(bad)} mismatches (PyYAML {yaml.__version__}, fy-tool)")
    sys.exit(1 if bad else 0)


main()
