#!/usr/bin/env python3
"""Generate a synthetic UCCE deployment for the sgguard benchmarks.

Writes, into OUT_DIR:
  config.json    an sgguard-config/1 export
  sessions.json  an sgguard-sessions/1 snapshot
  scenario.json  the removal scenario: a target with a handful of logged-in
                 members, the check time, and counts describing the data
  targets.txt    1,000 other target references (one per line), for the
                 preloaded-model benchmark
  config-after.json  the export after a change, for `sgguard diff`: the
                 scenario's groups removed (marked deleted, their memberships
                 and routes gone), 1 % of the groups renamed, 200 groups added
                 and given to 1,000 agents

The output depends only on --scale and --seed. At --scale 1 the deployment
has 72,000 agents, 48,000 live skill group rows (bases and their sub-skill
groups; about a third of the bases have 1-3 sub-skill groups), 150
peripherals, about 15 memberships per agent (at most 50), 24,000 logged-in
sessions, routes and a few deleted groups. Peripherals stay at 150 at every
scale, so a skill group has about the same number of members at every scale.

Standard library only.
"""
import argparse
import json
import os
import random
import sys

FULL_AGENTS = 72000
FULL_GROUPS = 48000  # live rows, sub-skill groups included
FULL_SESSIONS = 24000
PERIPHERALS = 150
MEAN_MEMBERSHIPS = 15
MAX_MEMBERSHIPS = 50
TAKEN_AT = "2026-12-01T02:14:55Z"
CHECK_AT = "2026-12-01T02:15:30Z"  # 35 s after the snapshot: fresh
TAKEN_EPOCH = 1796091295  # TAKEN_AT in seconds since the epoch
SCENARIO_BLOCKERS = 4
N_TARGETS = 1000

LOGGED_IN_STATES = [
    ("ready", 30), ("talking", 30), ("not_ready", 15), ("work_not_ready", 6),
    ("work_ready", 5), ("hold", 4), ("reserved", 3), ("busy_other", 2),
    ("logged_on", 2), ("active", 1), ("paused", 1), ("interrupted", 1),
]

FIRST = ["Ana", "Marc", "Li", "Sara", "Tom", "Nina", "Omar", "Eva", "Raj", "Ines", "Jon",
         "Mei", "Paul", "Zoe", "Ivan", "Lea", "Ali", "Kim", "Noah", "Rosa"]
LAST = ["Ruiz", "Dubois", "Wei", "Okafor", "Becker", "Petrova", "Haddad", "Silva", "Kumar",
        "Moreau", "Berg", "Chen", "Martin", "Novak", "Costa", "Rossi", "Kaya", "Sato"]
SKILLS = ["Billing", "Sales", "Support", "Claims", "Orders", "Returns", "Loans", "Cards",
          "Travel", "Tech", "Renewals", "Retention", "Fraud", "Payroll", "Shipping"]


def iso(t):
    """Seconds since the epoch to RFC 3339 UTC (no time module: deterministic)."""
    days, rem = divmod(t, 86400)
    h, rem = divmod(rem, 3600)
    m, s = divmod(rem, 60)
    # civil-from-days (Howard Hinnant's algorithm)
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    mo = mp + 3 if mp < 10 else mp - 9
    if mo <= 2:
        y += 1
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (y, mo, d, h, m, s)


def weighted_choice_table(pairs):
    table = []
    for name, weight in pairs:
        table.extend([name] * weight)
    return table


def generate(scale, seed):
    rng = random.Random(seed)
    n_agents = max(1, round(FULL_AGENTS * scale))
    n_groups = max(4, round(FULL_GROUPS * scale))
    n_sessions = min(n_agents, round(FULL_SESSIONS * scale))
    n_deleted = max(3, round(20 * scale))
    peripherals = list(range(5000, 5000 + PERIPHERALS))

    # ---- skill groups: bases, a third of them with 1-3 sub-skill groups ----
    groups = []          # dicts in file order
    by_periph = {p: [] for p in peripherals}   # live group ids per peripheral
    subs_of = {}         # base id -> [sub ids]
    next_id = 10000
    next_number = {p: 40000 for p in peripherals}
    live = 0
    while live < n_groups:
        p = peripherals[len(groups) % PERIPHERALS] if rng.random() < 0.5 else rng.choice(peripherals)
        number = next_number[p]
        next_number[p] += 1
        base_id = next_id
        next_id += 1
        name = "%s_%d_%d" % (SKILLS[number % len(SKILLS)], p, number)
        groups.append({"id": base_id, "peripheral": p, "number": number, "priority": 0,
                       "name": name})
        by_periph[p].append(base_id)
        live += 1
        if rng.random() < 1 / 3:
            n_subs = min(rng.randint(1, 3), n_groups - live)
            subs_of[base_id] = []
            for prio in range(1, n_subs + 1):
                groups.append({"id": next_id, "peripheral": p, "number": number,
                               "priority": prio, "base": base_id,
                               "name": "%s.p%d" % (name, prio)})
                by_periph[p].append(next_id)
                subs_of[base_id].append(next_id)
                next_id += 1
                live += 1
    # a few logically deleted rows, with numbers and names of their own
    deleted_ids = []
    for k in range(n_deleted):
        p = rng.choice(peripherals)
        number = 90000 + k
        groups.append({"id": next_id, "peripheral": p, "number": number, "priority": 0,
                       "name": "Retired_%d_%d" % (p, number), "deleted": True})
        deleted_ids.append(next_id)
        next_id += 1

    # ---- agents and their memberships (groups of their own peripheral) ----
    agents = []
    first_agent = next_id + 1000
    members = {}  # group id -> [agent index]
    for i in range(n_agents):
        p = peripherals[i % PERIPHERALS]
        pool = by_periph[p]
        if not pool:
            pool = by_periph[p] = [g["id"] for g in groups if not g.get("deleted")][:1]
        if rng.random() < 0.01:
            k = MAX_MEMBERSHIPS
        else:
            k = int(rng.gauss(MEAN_MEMBERSHIPS, 5))
            k = max(1, min(MAX_MEMBERSHIPS - 1, k))
        k = min(k, len(pool))
        # a tenth of a peripheral's groups are popular: they draw a fifth of picks
        popular = max(1, len(pool) // 10)
        chosen = []
        seen = set()
        while len(chosen) < k:
            if rng.random() < 0.2:
                g = pool[rng.randrange(popular)]
            else:
                g = pool[rng.randrange(len(pool))]
            if g not in seen:
                seen.add(g)
                chosen.append(g)
        aid = first_agent + i
        agent = {"id": aid, "peripheral": p, "number": str(100000 + i),
                 "name": "%s %s" % (rng.choice(FIRST), rng.choice(LAST)),
                 "team": "Team %d" % (i % 240), "skill_groups": chosen}
        agents.append(agent)
        for g in chosen:
            members.setdefault(g, []).append(i)

    # ---- the removal scenario: a base group with sub-skill groups, a handful
    # of whose members are logged in ----
    candidates = [b for b, subs in subs_of.items() if len(subs) >= 2]
    if not candidates:
        candidates = list(subs_of) or [groups[0]["id"]]
    candidates.sort()
    scenario = None
    for b in rng.sample(candidates, len(candidates)):
        ids = [b] + subs_of.get(b, [])
        who = sorted({a for g in ids for a in members.get(g, [])})
        if len(who) >= 2 * SCENARIO_BLOCKERS:
            scenario = (b, ids, who)
            break
    if scenario is None:  # tiny scales: take the best connected candidate
        b = max(candidates, key=lambda b: sum(len(members.get(g, [])) for g in [b] + subs_of.get(b, [])))
        ids = [b] + subs_of.get(b, [])
        scenario = (b, ids, sorted({a for g in ids for a in members.get(g, [])}))
    base_id, scenario_ids, scenario_members = scenario
    blockers = rng.sample(scenario_members, min(SCENARIO_BLOCKERS, len(scenario_members)))
    excluded = set(scenario_members) - set(blockers)

    # ---- sessions: the blockers, then others drawn from everyone else ----
    others = [i for i in range(n_agents) if i not in excluded and i not in blockers]
    logged_in = blockers + rng.sample(others, max(0, n_sessions - len(blockers)))
    logged_in_set = set(logged_in)
    # a few agents that logged out still appear, with no skill groups
    pool = [i for i in others if i not in logged_in_set]
    logged_out = rng.sample(pool, min(len(pool), max(1, n_sessions // 100)))
    states = weighted_choice_table(LOGGED_IN_STATES)
    sessions = []
    for i in sorted(logged_in + logged_out):
        a = agents[i]
        if i in logged_in_set:
            s = {"agent": a["id"], "number": a["number"], "state": rng.choice(states),
                 "login_at": iso(TAKEN_EPOCH - rng.randrange(60, 10 * 3600)),
                 "skill_groups": a["skill_groups"]}
        else:
            s = {"agent": a["id"], "number": a["number"], "state": "logged_out",
                 "skill_groups": []}
        sessions.append(s)

    # ---- routes: about one for every eight live groups ----
    routes = []
    live_ids = [g["id"] for g in groups if not g.get("deleted")]
    for k, gid in enumerate(sorted(rng.sample(live_ids, max(1, len(live_ids) // 8)))):
        routes.append({"id": 900000 + k, "name": "Route_%d" % k, "target": gid})
    if not any(r["target"] == base_id for r in routes):
        routes.append({"id": 900000 + len(routes), "name": "Route_scenario", "target": base_id})

    base = next(g for g in groups if g["id"] == base_id)
    scenario_ref = "%d:%d" % (base["peripheral"], base["number"])

    # ---- 1,000 other targets, written in every reference form ----
    by_id = {g["id"]: g for g in groups}
    targets = []
    for gid in rng.sample(live_ids, min(N_TARGETS, len(live_ids))):
        g = by_id[gid]
        form = rng.randrange(4)
        if form == 0:
            targets.append(str(gid))
        elif form == 1:
            targets.append("name:" + g["name"])
        elif g["priority"] == 0:
            targets.append("%d:%d" % (g["peripheral"], g["number"]))
        else:
            targets.append("%d:%d:%d" % (g["peripheral"], g["number"], g["priority"]))

    config = {
        "format": "sgguard-config/1",
        "exported_at": iso(TAKEN_EPOCH - 1200),
        "peripherals": [{"id": p, "name": "PG%d_CUCM" % (p - 4999)} for p in peripherals],
        "skill_groups": groups,
        "agents": agents,
        "routes": routes,
    }
    snapshot = {
        "format": "sgguard-sessions/1",
        "taken_at": TAKEN_AT,
        "peripherals": peripherals,
        "sessions": sessions,
    }
    info = {
        "scale": scale, "seed": seed, "target": scenario_ref, "target_id": base_id,
        "target_ids": scenario_ids, "at": CHECK_AT,
        "blocking_agents": sorted(agents[i]["id"] for i in blockers),
        "counts": {
            "agents": n_agents, "skill_groups_live": len(live_ids),
            "skill_groups_with_subs": len(subs_of), "skill_groups_deleted": len(deleted_ids),
            "peripherals": PERIPHERALS,
            "memberships": sum(len(a["skill_groups"]) for a in agents),
            "sessions_logged_in": len(logged_in), "sessions_logged_out": len(logged_out),
            "routes": len(routes),
        },
    }
    return config, snapshot, info, targets


def after_export(config, info, seed):
    """The export after a change: what `sgguard diff` compares with the first."""
    rng = random.Random(seed + 1)
    after = json.loads(json.dumps(config))
    removed = set(info["target_ids"])
    after["exported_at"] = iso(TAKEN_EPOCH + 86400)
    groups = after["skill_groups"]
    live = [g for g in groups if not g.get("deleted") and g["id"] not in removed]
    for g in groups:
        if g["id"] in removed:
            g["deleted"] = True
    for g in rng.sample(live, len(live) // 100):
        g["name"] += "_v2"
    next_id = max(g["id"] for g in groups) + 1
    peripherals = [p["id"] for p in after["peripherals"]]
    added = []
    for k in range(200):
        p = peripherals[k % len(peripherals)]
        added.append({"id": next_id + k, "peripheral": p, "number": 95000 + k, "priority": 0,
                      "name": "New_%d_%d" % (p, 95000 + k)})
    groups.extend(added)
    by_periph = {}
    for g in added:
        by_periph.setdefault(g["peripheral"], []).append(g["id"])
    for a in after["agents"]:
        a["skill_groups"] = [g for g in a["skill_groups"] if g not in removed]
    for a in rng.sample(after["agents"], min(1000, len(after["agents"]))):
        if a["peripheral"] in by_periph:
            a["skill_groups"].append(rng.choice(by_periph[a["peripheral"]]))
    after["routes"] = [r for r in after["routes"] if r["target"] not in removed]
    return after


def write_json(path, doc):
    """Compact but line-per-object output, as an export tool might write."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("{\n")
        keys = list(doc)
        for n, key in enumerate(keys):
            value = doc[key]
            f.write("  %s: " % json.dumps(key))
            if isinstance(value, list) and value and isinstance(value[0], dict):
                f.write("[\n")
                f.write(",\n".join("    " + json.dumps(v, separators=(", ", ": ")) for v in value))
                f.write("\n  ]")
            else:
                f.write(json.dumps(value))
            f.write(",\n" if n + 1 < len(keys) else "\n")
        f.write("}\n")
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=float, default=1.0,
                    help="size relative to the full deployment (0.125, 0.25, 0.5, 1, 2)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out", required=True, help="output directory (created)")
    args = ap.parse_args()
    if not 0 < args.scale <= 16:
        ap.error("--scale must be in (0, 16]")
    os.makedirs(args.out, exist_ok=True)
    config, snapshot, info, targets = generate(args.scale, args.seed)
    write_json(os.path.join(args.out, "config.json"), config)
    write_json(os.path.join(args.out, "sessions.json"), snapshot)
    write_json(os.path.join(args.out, "config-after.json"), after_export(config, info, args.seed))
    with open(os.path.join(args.out, "targets.txt"), "w", encoding="utf-8") as f:
        f.write("".join(t + "\n" for t in targets))
    # written last: its presence means the directory is complete
    with open(os.path.join(args.out, "scenario.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, indent=2)
        f.write("\n")
    print(info["target"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
