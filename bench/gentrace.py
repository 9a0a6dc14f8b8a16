#!/usr/bin/env python3
"""Generate a large synthetic Peripheral Gateway OPC trace for the
`sgguard scan-log` benchmark (see bench/run and docs/performance.md).

Two PGs trace about ten lines a second (heartbeats, agent state changes,
configuration updates); every few hours a configuration update removes a
skill group harmlessly, and every few days one removal is followed by
unknown-skill-group traces (some wrapped after "Trace:") and an OPC crash:
the mass-disconnect pattern. A "Events from DATE" header starts each day.

Usage: gentrace.py --size-mb N --out FILE [--seed S]
Prints a JSON summary (lines, removals, unknown traces, incidents).
Standard library only.
"""
import argparse
import json
import os
import random
import sys

PGS = [("PG1A", 5000), ("PG2B", 5001)]
STATES = ["Ready", "Talking", "NotReady", "WorkReady", "Hold", "Reserved"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    target = args.size_mb * 1024 * 1024
    day0 = 29  # 2026-11-29; the date advances through the month and beyond
    stats = {"lines": 0, "removals": 0, "traces": 0, "incidents": 0, "bytes": 0}
    tmp = args.out + ".tmp"
    t = 8 * 3600  # seconds since the first midnight
    written = 0
    buf = []

    def date_of(t):
        # a plain day counter mapped onto November/December 2026 and on
        d = day0 + t // 86400
        month, year = 11, 2026
        for length in (30, 31, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31):
            if d <= length:
                break
            d -= length
            month += 1
            if month > 12:
                month, year = 1, year + 1
        return "%04d-%02d-%02d" % (year, month, d)

    with open(tmp, "w", encoding="ascii") as f:
        buf.append("Events from %s\n" % date_of(t))
        while written < target:
            hh, mm, ss = (t // 3600) % 24, (t // 60) % 60, t % 60
            clock = "%02d:%02d:%02d" % (hh, mm, ss)
            for pg, periph in PGS:
                who = "%s %s-opc" % (clock, pg)
                for _ in range(rng.randrange(3, 7)):
                    r = rng.random()
                    if r < 0.2:
                        buf.append("%s Trace: CSTA heartbeat sent to PIM %d.\n" % (who, periph - 4999))
                    else:
                        buf.append("%s Trace: Agent::SetState - agent %d state=%s reason=0 on "
                                   "Peripheral %d.\n" % (who, 1000 + rng.randrange(9000),
                                                         rng.choice(STATES), periph))
            if t % 3600 == 1800:
                pg, periph = rng.choice(PGS)
                buf.append("%s %s-opc UPDATED %d Agents.\n" % (clock, pg, rng.randrange(1, 30)))
            if t % (6 * 3600) == 600:
                pg, periph = rng.choice(PGS)
                incident = t % (72 * 3600) == 600 + 3 * 6 * 3600
                buf.append("%s %s-opc UPDATED 1 SkillGroups.\n" % (clock, pg))
                buf.append("%s %s-opc REMOVED 1 SkillGroups.\n" % (clock, pg))
                stats["removals"] += 1
                if incident:
                    number = 40000 + rng.randrange(2000)
                    later = "%02d:%02d:%02d" % (hh, mm, ss + 2)
                    for k in range(rng.randrange(10, 40)):
                        agent = 1000 + rng.randrange(9000)
                        if k % 5 == 0:
                            buf.append("%s %s-opc Trace:\nAgent::GetSessionTimes - SkillGroup %d "
                                       "(0x%X) priority=0 unknown for agent %d on Peripheral %d.\n"
                                       % (later, pg, number, number, agent, periph))
                        else:
                            buf.append("%s %s-opc Trace: Agent::GetSessionTimes - SkillGroup %d "
                                       "(0x%X) priority=0 unknown for agent %d on Peripheral %d.\n"
                                       % (later, pg, number, number, agent, periph))
                        stats["traces"] += 1
                    buf.append("%s %s-nm Process opc on %s is down after running for %d seconds. "
                               "It will be restarted after 1 second.\n"
                               % (later, pg, pg, rng.randrange(3600, 900000)))
                    stats["incidents"] += 1
            t += 1
            if t % 86400 == 0:
                buf.append("Events from %s\n" % date_of(t))
            if len(buf) > 20000:
                chunk = "".join(buf)
                f.write(chunk)
                written += len(chunk)
                stats["lines"] += chunk.count("\n")
                buf = []
        chunk = "".join(buf)
        f.write(chunk)
        written += len(chunk)
        stats["lines"] += chunk.count("\n")
    os.replace(tmp, args.out)
    stats["bytes"] = written
    json.dump(stats, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
