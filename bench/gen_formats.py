#!/usr/bin/env python3
"""Convert a native sgguard export pair into the two other input formats.

Reads, from DIR:
  config.json    an sgguard-config/1 export (as bench/gen.py writes it)
  sessions.json  an sgguard-sessions/1 snapshot

Writes, into DIR:
  aw-rows.json   ucce-aw-rows: the AW database tables as FOR JSON PATH rows,
                 configuration and real-time tables in one document (it serves
                 as --config and as --sessions)
  cce-api.json   cce-config-api: the configuration as configuration API pages
                 (skill groups, then agents, then routes), one page document
                 after another; it holds no snapshot

Both describe the same site and the same snapshot as the native pair: a check
gives the same findings whichever format it reads (docs/sources.md has the
mapping). What a format cannot hold is reported on standard error.

Usage: gen_formats.py --data DIR [--page-size N]

Standard library only.
SPDX-License-Identifier: MIT
"""
import argparse
import datetime
import json
import os
import re
import sys

API_BASE = "https://aw1.example.com/unifiedconfig/config/"

# the AW real-time tables' AgentState codes (docs/sources.md), not the CTI codes
STATE_CODES = {
    "logged_out": 0, "logged_on": 1, "not_ready": 2, "ready": 3, "talking": 4,
    "work_not_ready": 5, "work_ready": 6, "busy_other": 7, "reserved": 8, "unknown": 9,
    "hold": 10, "active": 11, "paused": 12, "interrupted": 13, "not_active": 14,
}

# first id of the Person and Agent_Team rows this script invents
PERSON_BASE = 9000000
TEAM_BASE = 8000000

TIME_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:\.\d+)?"
                     r"(?:([Zz])|([+-])(\d\d):(\d\d))$")
UTC_Z_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def sql_datetime(text):
    """An RFC 3339 time as a SQL Server DATETIME in UTC, which sgguard reads as UTC."""
    if UTC_Z_RE.match(text) and text[17:19] != "60":
        return text[:-1]
    m = TIME_RE.match(text)
    if not m:
        raise ValueError("%r is not an RFC 3339 date-time" % text)
    y, mo, d, h, mi, s = (int(m.group(k)) for k in range(1, 7))
    offset = 0
    if m.group(8):
        offset = (int(m.group(9)) * 60 + int(m.group(10))) * 60
        if m.group(8) == "-":
            offset = -offset
    # a leap second (:60) is the first second of the next minute, as sgguard reads it
    # (a DATETIME column cannot hold :60)
    t = datetime.datetime(y, mo, d, h, mi) + datetime.timedelta(seconds=s - offset)
    return t.strftime("%Y-%m-%dT%H:%M:%S")


def dumps(v):
    return json.dumps(v, ensure_ascii=False, separators=(", ", ": "))


def split_name(name):
    """(FirstName, LastName) that sgguard joins back into exactly @p name."""
    i = name.find(" ")
    if 0 < i < len(name) - 1:
        return name[:i], name[i + 1:]
    return name, None


class Writer:
    """One JSON document, one row object per line, as bench/gen.py's write_json."""

    CHUNK = 4096

    def __init__(self, f):
        self.f = f
        self.n = 0

    def begin(self):
        self.f.write("{\n")
        self.n = 0

    def _key(self, key):
        self.f.write("%s  %s: " % (",\n" if self.n else "", json.dumps(key)))
        self.n += 1

    def value(self, key, value):
        self._key(key)
        self.f.write(dumps(value))

    def rows(self, key, rows):
        """@p rows: an iterable of rows already serialised."""
        self._key(key)
        chunk = []
        first = True
        for r in rows:
            chunk.append(r)
            if len(chunk) >= self.CHUNK:
                self.f.write(("[\n    " if first else ",\n    ") + ",\n    ".join(chunk))
                first = False
                chunk = []
        if chunk:
            self.f.write(("[\n    " if first else ",\n    ") + ",\n    ".join(chunk))
            first = False
        self.f.write("[]" if first else "\n  ]")

    def end(self):
        self.f.write("\n}\n")


def write_file(path, fill):
    tmp = path + ".tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            fill(Writer(f))
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class Site:
    """The native pair, with the lookups both writers need."""

    def __init__(self, config, snapshot):
        self.config = config
        self.snapshot = snapshot
        self.groups = config.get("skill_groups") or []
        self.agents = config.get("agents") or []
        self.routes = config.get("routes") or []
        self.peripherals = config.get("peripherals") or []
        self.periph_name = {p["id"]: p.get("name") for p in self.peripherals}
        self.sessions = snapshot.get("sessions") or []
        self.scope = snapshot.get("peripherals") or []
        self.notes = []

    def note(self, fmt, *args):
        self.notes.append(fmt % args)


# ---- ucce-aw-rows ----

def aw_peripheral_rows(site):
    """The Peripheral rows: the config's peripherals, which are also the snapshot's scope."""
    scope = list(dict.fromkeys(site.scope))
    listed = [p["id"] for p in site.peripherals]
    live_agent_periphs = {a["peripheral"] for a in site.agents}
    if set(scope) == set(listed):
        ids = listed
    elif not listed and set(scope) == live_agent_periphs:
        # no Peripheral rows: the scope is then every peripheral of the live agents
        ids = []
    else:
        # the scope decides findings; the config's list is for reference only
        ids = [p for p in listed if p in set(scope)] + [p for p in scope if p not in set(listed)]
        dropped = [p for p in listed if p not in set(scope)]
        added = [p for p in scope if p not in set(listed)]
        if dropped:
            site.note("aw-rows: config peripherals %s are outside the snapshot scope; "
                      "one Peripheral table serves both, so they are left out", dropped)
        if added:
            site.note("aw-rows: scope peripherals %s are not in the config's list; "
                      "they appear as unnamed Peripheral rows", added)
        if not ids and live_agent_periphs:
            site.note("aw-rows: an empty snapshot scope cannot be written (no Peripheral "
                      "rows means the peripherals of the live agents)")
    rows = []
    for p in ids:
        row = {"PeripheralID": p}
        if site.periph_name.get(p) is not None:
            row["EnterpriseName"] = site.periph_name[p]
        rows.append(dumps(row))
    return rows


def aw_group_rows(site):
    for g in site.groups:
        row = {"SkillTargetID": g["id"], "PeripheralID": g["peripheral"],
               "PeripheralNumber": g["number"], "EnterpriseName": g["name"],
               "Priority": g.get("priority", 0)}
        if g.get("base") is not None:
            row["BaseSkillTargetID"] = g["base"]
        row["Deleted"] = "Y" if g.get("deleted") else "N"
        yield dumps(row)


def aw_config_tables(site):
    """Agent, Person, Skill_Group_Member, Agent_Team, Agent_Team_Member rows."""
    agents, persons, team_members = [], [], []
    teams = {}
    member_fmt = '{"AgentSkillTargetID": %d, "SkillGroupSkillTargetID": %d}'
    for k, a in enumerate(site.agents):
        aid = a["id"]
        row = {"SkillTargetID": aid, "PeripheralID": a["peripheral"],
               "PeripheralNumber": a["number"]}
        name = a.get("name")
        if name:
            pid = PERSON_BASE + k
            first, last = split_name(name)
            person = {"PersonID": pid, "FirstName": first}
            if last is not None:
                person["LastName"] = last
            persons.append(dumps(person))
            row["PersonID"] = pid
            # the Person join names the agent; the enterprise name is only a fallback
            row["EnterpriseName"] = name.replace(" ", "_")
        elif name is not None:
            row["EnterpriseName"] = name  # "": no person, and an empty name
        row["Deleted"] = "N"
        agents.append(dumps(row))
        team = a.get("team")
        if team is not None:
            tid = teams.setdefault(team, TEAM_BASE + len(teams))
            team_members.append('{"AgentTeamID": %d, "SkillTargetID": %d}' % (tid, aid))
    team_rows = [dumps({"AgentTeamID": tid, "EnterpriseName": name})
                 for name, tid in teams.items()]
    # a million rows at scale 1: written as they are made
    members = (member_fmt % (a["id"], g) for a in site.agents for g in a.get("skill_groups") or ())
    return agents, persons, members, team_rows, team_members


def aw_route_rows(site):
    for r in site.routes:
        row = {"RouteID": r["id"], "SkillTargetID": r["target"]}
        if r.get("name") is not None:
            row["EnterpriseName"] = r["name"]
        row["Deleted"] = "N"
        yield dumps(row)


def aw_unknown_agent_rows(site):
    """
    Sessions of agents the config does not know: their login id can only come
    from an Agent row, so each gets a deleted one (not configured, still named;
    sgguard takes no scope from a deleted row, so its PeripheralID is a formality).
    """
    known = {a["id"]: a for a in site.agents}
    rows = []
    periph = (site.scope or [p["id"] for p in site.peripherals] or
              [a["peripheral"] for a in site.agents] or [1])[0]
    mismatched = 0
    for s in site.sessions:
        a = known.get(s["agent"])
        if a is None:
            if s.get("number") is not None:
                rows.append(dumps({"SkillTargetID": s["agent"], "PeripheralID": periph,
                                   "PeripheralNumber": s["number"], "Deleted": "Y"}))
        elif s.get("number") is not None and s["number"] != a["number"]:
            mismatched += 1
    if mismatched:
        site.note("aw-rows: %d sessions carry a login number other than their agent's; "
                  "the AW has one (Agent.PeripheralNumber), the agent's is kept", mismatched)
    return rows


def aw_realtime_rows(site):
    """Agent_Real_Time and Agent_Skill_Group_Real_Time rows for the snapshot."""
    taken = sql_datetime(site.snapshot["taken_at"])
    taken_js = json.dumps(taken)
    art, asgrt = [], []
    dropped_groups = dropped_login = 0
    for s in site.sessions:
        code = STATE_CODES[s["state"]]
        row = '{"SkillTargetID": %d, "AgentState": %d, "DateTime": %s' % (
            s["agent"], code, taken_js)
        if code == 0:
            # a logged-off row: sgguard reads neither its login time nor its groups
            dropped_login += s.get("login_at") is not None
            dropped_groups += bool(s.get("skill_groups"))
            art.append(row + "}")
            continue
        if s.get("login_at") is not None:
            row += ', "LoginDateTime": %s' % json.dumps(sql_datetime(s["login_at"]))
        art.append(row + "}")
        fmt = ('{"SkillTargetID": %d, "SkillGroupSkillTargetID": %%d, "AgentState": %d, '
               '"DateTime": %s}' % (s["agent"], code, taken_js))
        for g in dict.fromkeys(s.get("skill_groups") or ()):
            asgrt.append(fmt % g)
    if dropped_login:
        site.note("aw-rows: %d logged-out sessions have a login_at, which a logged-off "
                  "Agent_Real_Time row does not carry", dropped_login)
    if dropped_groups:
        site.note("aw-rows: %d logged-out sessions list skill groups, which logged-off "
                  "Agent_Skill_Group_Real_Time rows would not carry", dropped_groups)
    return art, asgrt


def write_aw(site, path):
    if site.config.get("exported_at") is not None and \
            site.config["exported_at"] != site.snapshot.get("taken_at"):
        site.note("aw-rows: one taken_at dates the document: the config's exported_at "
                  "(%s) becomes the snapshot's taken_at (%s)",
                  site.config["exported_at"], site.snapshot.get("taken_at"))
    peripherals = aw_peripheral_rows(site)
    agents, persons, members, teams, team_members = aw_config_tables(site)
    agents += aw_unknown_agent_rows(site)
    art, asgrt = aw_realtime_rows(site)

    def fill(w):
        w.begin()
        w.value("taken_at", site.snapshot["taken_at"])
        w.rows("Peripheral", peripherals)
        w.rows("Skill_Group", aw_group_rows(site))
        w.rows("Agent", agents)
        w.rows("Person", persons)
        w.rows("Skill_Group_Member", members)
        w.rows("Agent_Team", teams)
        w.rows("Agent_Team_Member", team_members)
        w.rows("Route", aw_route_rows(site))
        w.rows("Agent_Real_Time", art)
        w.rows("Agent_Skill_Group_Real_Time", asgrt)
        w.end()

    write_file(path, fill)


# ---- cce-config-api ----

def api_pages(kind, items, page_size):
    """(pageInfo, items of the page) for each page of a list of @p kind."""
    total = len(items)
    url = API_BASE + kind.lower() + "?resultsPerPage=%d&startIndex=%%d" % page_size
    last = max(0, (total - 1) // page_size * page_size)
    for start in range(0, max(total, 1), page_size):
        info = {"firstPage": url % 0, "lastPage": url % last,
                "nextPage": url % (start + page_size) if start + page_size < total else "",
                "prevPage": url % max(0, start - page_size) if start else "",
                "resultsPerPage": page_size, "startIndex": start, "totalResults": total}
        yield info, items[start:start + page_size]


def api_peripheral(site, p, cache):
    s = cache.get(p)
    if s is None:
        obj = {"id": p}
        if site.periph_name.get(p) is not None:
            obj["name"] = site.periph_name[p]
        s = cache[p] = dumps(obj)
    return s


def write_api(site, path, page_size):
    if site.config.get("exported_at") is not None:
        site.note("cce-api: the API has no export time: exported_at (%s) is left out",
                  site.config["exported_at"])
    used = {g["peripheral"] for g in site.groups} | {a["peripheral"] for a in site.agents}
    unused = [p["id"] for p in site.peripherals if p["id"] not in used]
    if unused:
        site.note("cce-api: peripherals %s hold no skill group or agent; the API names "
                  "peripherals only through items, so they are left out", unused)
    unnamed = sorted(p for p in used if p not in site.periph_name)
    if unnamed:
        site.note("cce-api: peripherals %s are not in the config's list; they come out "
                  "as peripherals without a name", unnamed)
    empty_names = sum(1 for a in site.agents if a.get("name") == "")
    if empty_names:
        site.note("cce-api: %d agents have an empty name, which the API (an empty person) "
                  "cannot tell from no name", empty_names)
    periph_cache = {}
    group_url = API_BASE + "skillgroup/"
    ref = {}  # skill group id -> '{"refURL": ..., "name": ...}'
    for g in site.groups:
        ref[g["id"]] = '{"refURL": %s, "name": %s}' % (
            json.dumps(group_url + str(g["id"])), dumps(g["name"]))

    def group_item(g):
        parts = ['"refURL": %s' % json.dumps(group_url + str(g["id"])),
                 '"name": %s' % dumps(g["name"]),
                 '"peripheralNumber": %d' % g["number"],
                 '"peripheral": %s' % api_peripheral(site, g["peripheral"], periph_cache)]
        if g.get("priority", 0):
            parts.append('"priority": %d' % g["priority"])
        if g.get("base") is not None:
            parts.append('"baseSkillGroup": %s' % ref.get(
                g["base"], '{"refURL": %s}' % json.dumps(group_url + str(g["base"]))))
        if g.get("deleted"):
            parts.append('"deleted": true')
        return "{" + ", ".join(parts) + "}"

    def member_ref(gid):
        r = ref.get(gid)
        return r if r is not None else '{"refURL": %s}' % json.dumps(group_url + str(gid))

    def agent_item(a):
        parts = ['"refURL": %s' % json.dumps(API_BASE + "agent/" + str(a["id"])),
                 '"agentId": %s' % dumps(a["number"])]
        name = a.get("name")
        if name is not None:
            first, last = split_name(name)
            person = {"firstName": first}
            if last is not None:
                person["lastName"] = last
            parts.append('"person": %s' % dumps(person))
        if a.get("team") is not None:
            parts.append('"agentTeam": %s' % dumps({"name": a["team"]}))
        parts.append('"peripheral": %s' % api_peripheral(site, a["peripheral"], periph_cache))
        parts.append('"skillGroups": [%s]' % ", ".join(
            member_ref(g) for g in a.get("skill_groups") or ()))
        return "{" + ", ".join(parts) + "}"

    def route_item(r):
        obj = {"refURL": API_BASE + "route/" + str(r["id"])}
        if r.get("name") is not None:
            obj["name"] = r["name"]
        obj["skillGroup"] = {"refURL": group_url + str(r["target"])}
        return dumps(obj)

    def fill(w):
        lists = [("skillGroup", site.groups, group_item), ("agent", site.agents, agent_item)]
        if site.routes:
            lists.append(("route", site.routes, route_item))
        for key, items, fn in lists:
            for info, page in api_pages(key, items, page_size):
                w.begin()
                w.value("pageInfo", info)
                w.rows(key, (fn(x) for x in page))
                w.end()

    write_file(path, fill)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True,
                    help="directory holding config.json and sessions.json (outputs go there)")
    ap.add_argument("--page-size", type=int, default=500,
                    help="items per configuration API page (default 500)")
    args = ap.parse_args()
    if args.page_size < 1:
        ap.error("--page-size must be at least 1")
    try:
        with open(os.path.join(args.data, "config.json"), encoding="utf-8-sig") as f:
            config = json.load(f)
        with open(os.path.join(args.data, "sessions.json"), encoding="utf-8-sig") as f:
            snapshot = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit("gen_formats: %s" % e)
    if config.get("format") != "sgguard-config/1":
        sys.exit("gen_formats: config.json is not sgguard-config/1")
    if snapshot.get("format") != "sgguard-sessions/1":
        sys.exit("gen_formats: sessions.json is not sgguard-sessions/1")
    site = Site(config, snapshot)
    write_aw(site, os.path.join(args.data, "aw-rows.json"))
    write_api(site, os.path.join(args.data, "cce-api.json"), args.page_size)
    for n in site.notes:
        print("gen_formats: note: " + n, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
