#!/usr/bin/env python3
"""The removal check as a user might write it in Python, for comparison with
`sgguard check` (see bench/run and docs/performance.md).

It applies the rules that decide the benchmark scenario: member-logged-in and
session-references-target for the target and its sub-skill groups, and the
snapshot's age (snapshot-stale, snapshot-from-future). Output, one line each,
sorted after the verdict:

  verdict block|allow|error
  block RULE agent=ID group=ID
  block snapshot-stale

Usage: check.py CONFIG SESSIONS REF AT [MAX_AGE]
Standard library only.
"""
import json
import sys
from datetime import datetime


def epoch(text):
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def resolve(groups, ref):
    """The live skill group a target reference names, or None."""
    if ref.startswith("name:"):
        match = lambda g: g["name"] == ref[5:]
    elif ref.isdigit():
        match = lambda g: g["id"] == int(ref)
    else:
        parts = [int(p) for p in ref.split(":")]
        key = (parts[0], parts[1], parts[2] if len(parts) > 2 else 0)
        match = lambda g: (g["peripheral"], g["number"], g["priority"]) == key
    return next((g for g in groups if not g.get("deleted") and match(g)), None)


def main(argv):
    if len(argv) not in (5, 6):
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        config = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        snapshot = json.load(f)
    ref, at = argv[3], epoch(argv[4])
    max_age = int(argv[5]) if len(argv) == 6 else 120

    target = resolve(config["skill_groups"], ref)
    if target is None:
        print("verdict error")
        return 2
    ids = {target["id"]}
    if target["priority"] == 0:
        ids |= {g["id"] for g in config["skill_groups"]
                if g.get("base") == target["id"] and not g.get("deleted")}

    scope = set(snapshot["peripherals"])
    logged_in = {s["agent"]: s for s in snapshot["sessions"] if s["state"] != "logged_out"}
    blockers = set()
    for agent in config["agents"]:
        if agent["id"] in logged_in and agent["peripheral"] in scope:
            for g in set(agent["skill_groups"]) & ids:
                blockers.add("block member-logged-in agent=%d group=%d" % (agent["id"], g))
    for s in logged_in.values():
        for g in set(s["skill_groups"]) & ids:
            blockers.add("block session-references-target agent=%d group=%d" % (s["agent"], g))
    age = at - epoch(snapshot["taken_at"])
    if age > max_age:
        blockers.add("block snapshot-stale")
    if -age > 60:
        blockers.add("block snapshot-from-future")

    print("verdict " + ("block" if blockers else "allow"))
    for line in sorted(blockers):
        print(line)
    return 1 if blockers else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
