#!/usr/bin/env python3
"""Generate a synthetic Peripheral Gateway OPC trace for the scan-log benchmark.

The text looks like what dumplog writes for two PGs' OPC processes merged in
time order: heartbeats, agent state changes, call events, configuration
updates (a harmless skill-group removal every two hours or so), wrapped
"Trace:" lines, and, at about nine tenths of the output, one mass-disconnect
incident (a removal followed by unknown-skill-group traces and a crash line).
The trace crosses midnight several times at the larger sizes.

Usage: gen_trace.py [--size SIZE] [--seed N] [--out FILE]
SIZE takes a K, M or G suffix (powers of 1024); default 64M. The output
depends only on --size and --seed. Standard library only.
"""
import argparse
import random
import sys

PGS = [("PG1A-opc", 5000, "PG1A"), ("PG2B-opc", 5001, "PG2B")]
STATES = ["Ready", "NotReady", "Talking", "WorkReady", "WorkNotReady", "Hold", "Reserved"]


def parse_size(text):
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper()
    if text and text[-1] in mult:
        return int(float(text[:-1]) * mult[text[-1]])
    return int(text)


def clock(t):
    t %= 86400
    return "%02d:%02d:%02d" % (t // 3600, t // 60 % 60, t % 60)


def second_of_traffic(rnd, t, out):
    """The ordinary lines of one second, appended to out (a list of str)."""
    hh = clock(t)
    for proc, periph, _node in PGS:
        if t % 30 == 0:
            out.append("%s %s Trace: CSTA heartbeat sent to PIM %d.\n" % (hh, proc, periph - 4999))
        for _ in range(rnd.randrange(8, 16)):
            agent = rnd.randrange(1000, 4000)
            kind = rnd.randrange(10)
            if kind < 5:
                out.append("%s %s Trace: Agent::SetState - agent %d state=%s reason=%d on "
                           "Peripheral %d.\n" % (hh, proc, agent, rnd.choice(STATES),
                                                 rnd.randrange(0, 50), periph))
            elif kind < 8:
                out.append("%s %s Trace: CallDelivered callid=%d dn=%d ani=%d agent %d "
                           "SkillGroup %d.\n" % (hh, proc, rnd.randrange(1 << 24),
                                                 rnd.randrange(7000, 7999),
                                                 rnd.randrange(10 ** 9, 10 ** 10), agent,
                                                 rnd.randrange(40000, 41000)))
            elif kind < 9:
                # a trace line wrapped onto the next line, as dumplog sometimes shows them
                out.append("%s %s Trace: Agent::GetSessionTimes - agent %d\nlogged in %d s "
                           "on Peripheral %d.\n" % (hh, proc, agent, rnd.randrange(1, 30000),
                                                    periph))
            else:
                out.append("%s %s Trace: CallCleared callid=%d cause=%d.\n"
                           % (hh, proc, rnd.randrange(1 << 24), rnd.randrange(0, 30)))


def config_update(rnd, t, out, remove):
    hh = clock(t)
    proc = PGS[rnd.randrange(len(PGS))][0]
    out.append("%s %s UPDATED %d Agents.\n" % (hh, proc, rnd.randrange(1, 9)))
    if remove:
        out.append("%s %s UPDATED 1 Routes.\n" % (hh, proc))
        out.append("%s %s REMOVED 1 SkillGroups.\n" % (hh, proc))


def incident(rnd, t, out):
    proc, periph, node = PGS[0]
    hh = clock(t)
    out.append("%s %s UPDATED 1 SkillGroups.\n" % (hh, proc))
    out.append("%s %s UPDATED 5 Agents.\n" % (hh, proc))
    out.append("%s %s REMOVED 1 SkillGroups.\n" % (hh, proc))
    hh = clock(t + 4)
    for agent in range(1428, 1448):
        out.append("%s %s Trace:\nAgent::GetSessionTimes - SkillGroup 40424 (0x9DE8) priority=0\n"
                   "unknown for agent %d on Peripheral %d.\n" % (hh, proc, agent, periph))
    out.append("%s %s Trace: Unhandled exception 0xC0000005 (access violation); Dr. Watson is "
               "writing a crash dump.\n" % (clock(t + 5), proc))
    out.append("%s %s-nm Process opc on %s is down after running for 86112 seconds.\n"
               % (clock(t + 6), node, node))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="64M")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    size = parse_size(args.size)
    rnd = random.Random(args.seed)
    out = open(args.out, "w", newline="\n") if args.out != "-" else sys.stdout
    written = 0
    t = 8 * 3600  # 08:00:00 on the first day
    hit = False
    out.write("Events from November 29, 2026 08:00:00\n")
    while written < size:
        chunk = []
        for _ in range(600):  # ten minutes at a time
            second_of_traffic(rnd, t, chunk)
            if t % 600 == 300:
                config_update(rnd, t, chunk, remove=(t % 7200 == 300))
            t += 1
        if not hit and written >= size * 9 // 10:
            incident(rnd, t, chunk)
            hit = True
        text = "".join(chunk)
        out.write(text)
        written += len(text)
    if not hit:
        text = []
        incident(rnd, t, text)
        out.write("".join(text))
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # piped into head or the like: stop quietly
        sys.stderr.close()
