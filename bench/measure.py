#!/usr/bin/env python3
"""Run the sgguard benchmarks and report them (called by bench/run).

Generates the data when it is missing (cached under bench/out/data/), checks
that sgguard, the Python peer and the jq peer agree, measures every program
several times, the runs of programs compared with each other interleaved
(wall clock and CPU time: median and minimum; peak memory: /usr/bin/time -f
%M), writes bench/out/results.json, prints markdown tables on stdout and
draws docs/performance.svg.

Standard library only.
"""
import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCALES = [0.125, 0.25, 0.5, 1.0, 2.0]
INSTR_SCALE = 0.25  # valgrind is slow: count instructions on the quarter-size data
# the rules the peers implement; sgguard's other block findings never fire here
PEER_RULES = {"member-logged-in", "session-references-target", "snapshot-stale",
              "snapshot-from-future"}


def log(msg):
    sys.stderr.write("bench: %s\n" % msg)
    sys.stderr.flush()


def scale_name(s):
    return {0.125: "1/8", 0.25: "1/4", 0.5: "1/2", 1.0: "1", 2.0: "2"}.get(s, "%g" % s)


# ---------------------------------------------------------------- data

def ensure_data(out, scale):
    d = os.path.join(out, "data", "scale-%g" % scale)
    marker = os.path.join(d, "scenario.json")
    gen = os.path.join(HERE, "gen.py")
    if not os.path.exists(marker) or os.path.getmtime(marker) < os.path.getmtime(gen):
        log("generating scale %g into %s" % (scale, d))
        subprocess.run([sys.executable, gen, "--scale", str(scale), "--out", d], check=True,
                       stdout=subprocess.DEVNULL)
    with open(marker, encoding="utf-8") as f:
        info = json.load(f)
    info["dir"] = d
    info["config"] = os.path.join(d, "config.json")
    info["sessions"] = os.path.join(d, "sessions.json")
    info["targets_file"] = os.path.join(d, "targets.txt")
    info["after"] = os.path.join(d, "config-after.json")
    info["bytes_config"] = os.path.getsize(info["config"])
    info["bytes"] = info["bytes_config"] + os.path.getsize(info["sessions"])
    return info


def ensure_formats(info):
    """The same site as AW database rows and as configuration API pages."""
    aw, api = os.path.join(info["dir"], "aw-rows.json"), os.path.join(info["dir"], "cce-api.json")
    conv = os.path.join(HERE, "gen_formats.py")
    newest = max(os.path.getmtime(conv), os.path.getmtime(info["config"]))
    if not all(os.path.exists(f) and os.path.getmtime(f) >= newest for f in (aw, api)):
        log("converting scale %g to the AW rows and configuration API formats" % info["scale"])
        subprocess.run([sys.executable, conv, "--data", info["dir"]], check=True,
                       stdout=subprocess.DEVNULL)
    info["aw"], info["api"] = aw, api
    return info


# ---------------------------------------------------------------- commands

def cmd_sgguard(build, data, ref, fmt="text"):
    return [os.path.join(build, "tools", "sgguard"), "check", "--config", data["config"],
            "--sessions", data["sessions"], "--remove", ref, "--at", data["at"],
            "--format", fmt]


def cmd_sgguard_as(build, data, ref, config, sessions):
    """The same check with the inputs in another format (detected from the document)."""
    return [os.path.join(build, "tools", "sgguard"), "check", "--config", config,
            "--sessions", sessions, "--remove", ref, "--at", data["at"]]


def cmd_diff(build, data):
    return [os.path.join(build, "tools", "sgguard"), "diff", data["config"], data["after"]]


def cmd_floor(build, data, dup=False, files=None, pages=False):
    return ([os.path.join(build, "bench", "floor")] + (["--reject-duplicates"] if dup else [])
            + (["--pages"] if pages else []) + (files or [data["config"], data["sessions"]]))


def cmd_python(data, ref):
    return [sys.executable, os.path.join(HERE, "check.py"), data["config"], data["sessions"],
            ref, data["at"]]


def cmd_jq(data, ref):
    return ["jq", "-n", "-r", "--arg", "ref", ref, "--arg", "at", data["at"],
            "--argjson", "max_age", "120", "-f", os.path.join(HERE, "check.jq"),
            data["config"], data["sessions"]]


# Other work on a shared machine stretches wall-clock times; as root, run the
# measured programs at a higher priority so that they get a core when they need one.
NICE = ["nice", "-n", "-10"] if os.geteuid() == 0 else []


def run_once(cmd, ok=(0, 1)):
    """Wall time (s), CPU time (user + system, s) and peak RSS (KiB) of one run.

    Peak memory comes from GNU time (-f %M); CPU time from the rusage that
    wait4() returns for it, which includes the measured program it waited for.
    """
    # stdout goes to a real file: GNU grep stops at the first match when it
    # sees its output is /dev/null, which would measure nothing
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf, \
            tempfile.TemporaryFile("w+") as err, tempfile.TemporaryFile("w+") as sink:
        t0 = time.perf_counter()
        p = subprocess.Popen(NICE + ["/usr/bin/time", "-f", "%M", "-o", tf.name] + cmd,
                             stdout=sink, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode not in ok:
            err.seek(0)
            raise SystemExit("bench: %s exited %d: %s" % (" ".join(cmd), p.returncode,
                                                          err.read()[-500:]))
        lines = [l for l in tf.read().split("\n") if l.strip()]
        return wall, ru.ru_utime + ru.ru_stime, int(lines[-1])


def summary(walls, cpus, rss):
    return {"median_s": statistics.median(walls), "min_s": min(walls), "runs": walls,
            "cpu_median_s": statistics.median(cpus), "cpu_min_s": min(cpus), "cpu_runs": cpus,
            "peak_kib": max(rss)}


def measure_set(cmds, reps):
    """Measure several programs, their runs interleaved (a, b, c, a, b, c...),
    so that a slow moment of a shared machine falls on all of them alike."""
    for cmd in cmds.values():
        run_once(cmd)  # warm the page cache and the dynamic loader
    got = {k: ([], [], []) for k in cmds}
    for _ in range(reps):
        for k, cmd in cmds.items():
            w, c, m = run_once(cmd)
            got[k][0].append(w)
            got[k][1].append(c)
            got[k][2].append(m)
    return {k: summary(*v) for k, v in got.items()}


def capture(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 1, 2):
        raise SystemExit("bench: %s exited %d: %s" % (" ".join(cmd), p.returncode, p.stderr))
    return p.stdout


# ---------------------------------------------------------------- agreement

def normalize_sgguard(text):
    report = json.loads(text)
    lines = set()
    for f in report.get("findings", []):
        if f["severity"] != "block" or f["rule"] not in PEER_RULES:
            continue
        if "agent" in f and "skill_group" in f:
            lines.add("block %s agent=%d group=%d" % (f["rule"], f["agent"]["id"],
                                                     f["skill_group"]["id"]))
        else:
            lines.add("block %s" % f["rule"])
    return "\n".join(["verdict " + report["verdict"]] + sorted(lines)) + "\n"


def agree(build, data, ref):
    """The three outputs for one target, or raise with the difference."""
    ours = normalize_sgguard(capture(cmd_sgguard(build, data, ref, "json")))
    py = capture(cmd_python(data, ref))
    jq = capture(cmd_jq(data, ref))
    if not (ours == py == jq):
        raise SystemExit("bench: the checks disagree on %s (%s):\n--- sgguard\n%s--- python\n%s"
                         "--- jq\n%s" % (ref, data["dir"], ours, py, jq))
    return ours


# ---------------------------------------------------------------- instructions

def instructions(cmd):
    """Instructions executed by @p cmd (valgrind cachegrind, no cache simulation):
    a count that other work on the machine does not change."""
    p = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                        "--cachegrind-out-file=/dev/null"] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in p.stderr.splitlines():
        if "I   refs:" in line or "I refs:" in line:
            return int(line.split(":")[1].strip().replace(",", ""))
    raise SystemExit("bench: no instruction count from valgrind for %s:\n%s"
                     % (" ".join(cmd), p.stderr[-500:]))


# ---------------------------------------------------------------- scan-log

def has_scan_log(build):
    p = subprocess.run([os.path.join(build, "tools", "sgguard"), "scan-log", "--help"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return p.returncode == 0


def scan_log(build, out, size_mb, reps):
    """sgguard scan-log over a large trace (bench/gen_trace.py: one incident near
    the end), against grep -c over the same file."""
    d = os.path.join(out, "data", "trace-%dmb" % size_mb)
    trace = os.path.join(d, "opc.log")
    gen = os.path.join(HERE, "gen_trace.py")
    if not os.path.exists(trace) or os.path.getmtime(trace) < os.path.getmtime(gen):
        log("generating a %d MB trace into %s" % (size_mb, d))
        os.makedirs(d, exist_ok=True)
        subprocess.run([sys.executable, gen, "--size", "%dM" % size_mb, "--out", trace + ".tmp"],
                       check=True)
        os.replace(trace + ".tmp", trace)
    sgguard = [os.path.join(build, "tools", "sgguard"), "scan-log", "--format", "json", trace]
    env_c = ["env", "LC_ALL=C"]
    grep_traces = env_c + ["grep", "-c", "unknown for agent", trace]
    grep_removals = env_c + ["grep", "-cE", "REMOVED [0-9]+ SkillGroups", trace]
    report = json.loads(capture(sgguard))
    got = {"incidents": report["matches"], "traces": report["counts"]["traces"],
           "removals": report["counts"]["removals"], "lines": report["counts"]["lines"]}
    grep_got = {"traces": int(capture(grep_traces)), "removals": int(capture(grep_removals))}
    if not (got["incidents"] == 1 and got["traces"] == grep_got["traces"]
            and got["removals"] == grep_got["removals"]):
        raise SystemExit("bench: scan-log counts %s, grep %s (one incident generated)"
                         % (got, grep_got))
    return {"bytes": os.path.getsize(trace), "got": got,
            "runs": measure_set({"sgguard": sgguard, "grep_traces": grep_traces,
                                 "grep_removals": grep_removals}, reps)}


# ---------------------------------------------------------------- api bench

def api_bench(build, data, load_reps):
    out = capture(NICE + [os.path.join(build, "bench", "api_bench"), data["config"], data["sessions"],
                   data["target"], data["at"], data["targets_file"], str(load_reps)])
    res = {}
    for line in out.splitlines():
        k, v = line.split(" ", 1)
        try:
            res[k] = float(v)
        except ValueError:
            res[k] = v
    return res


# ---------------------------------------------------------------- machine

def loadavg():
    try:
        with open("/proc/loadavg", encoding="utf-8") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_kib = 0
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem_kib = int(line.split()[1])
    except OSError:
        pass

    def version(cmd):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    return {
        "nproc": os.cpu_count(), "cpu": cpu, "mem_gib": round(mem_kib / 1048576, 1),
        "kernel": platform.release(), "python": platform.python_version(),
        "jq": version(["jq", "--version"]),
        "jansson": version(["pkg-config", "--modversion", "jansson"]),
        "cc": version(["cc", "--version"]),
    }


# ---------------------------------------------------------------- report

def ms(s):
    return "%.0f ms" % (s * 1e3) if s >= 0.1 else "%.1f ms" % (s * 1e3)


def mib(kib):
    return "%.0f MiB" % (kib / 1024)


def tables(res):
    out = []
    m = res["machine"]
    out.append("Machine: %s, %s cores, %s GiB; jansson %s, %s, Python %s. Load average "
               "%s at the start, %s at the end.\n"
               % (m["cpu"], m["nproc"], m["mem_gib"], m["jansson"], m["jq"], m["python"],
                  res["loadavg_start"], res["loadavg_end"]))
    full = res["full"]
    d = full["data"]
    out.append("### Side by side at full size (%d agents, %d skill groups, %d sessions, "
               "%.1f MB of JSON), %d runs each\n"
               % (d["counts"]["agents"], d["counts"]["skill_groups_live"],
                  d["counts"]["sessions_logged_in"], d["bytes"] / 1e6, res["reps"]))
    out.append("| program | wall median | wall min | CPU median | CPU min | peak memory "
               "| wall / floor | CPU / floor | memory / floor |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    floor = full["runs"]["floor"]
    for key, label in [("sgguard", "`sgguard check` (text report)"),
                       ("sgguard_json", "`sgguard check --format json`"),
                       ("floor", "floor: jansson `json_load_file` + free"),
                       ("floor_dup", "floor with `JSON_REJECT_DUPLICATES`"),
                       ("python", "Python peer (`bench/check.py`)"),
                       ("jq", "jq peer (`bench/check.jq`)")]:
        r = full["runs"][key]
        out.append("| %s | %s | %s | %s | %s | %s | %.2f | %.2f | %.2f |"
                   % (label, ms(r["median_s"]), ms(r["min_s"]), ms(r["cpu_median_s"]),
                      ms(r["cpu_min_s"]), mib(r["peak_kib"]), r["median_s"] / floor["median_s"],
                      r["cpu_median_s"] / floor["cpu_median_s"], r["peak_kib"] / floor["peak_kib"]))
    s = full["runs"]["sgguard"]
    py, jq = full["runs"]["python"], full["runs"]["jq"]
    out.append("")
    out.append("Wall medians: sgguard check / floor = %.2f; Python / sgguard = %.2f (sgguard is "
               "that many times faster); jq / sgguard = %.2f. CPU medians: sgguard / floor = "
               "%.2f; Python / sgguard = %.2f; jq / sgguard = %.2f. Peak memory sgguard / "
               "floor = %.2f."
               % (s["median_s"] / floor["median_s"], py["median_s"] / s["median_s"],
                  jq["median_s"] / s["median_s"], s["cpu_median_s"] / floor["cpu_median_s"],
                  py["cpu_median_s"] / s["cpu_median_s"], jq["cpu_median_s"] / s["cpu_median_s"],
                  s["peak_kib"] / floor["peak_kib"]))
    out.append("")
    out.append("The three checks agree (same verdict and blocking findings) on: %s.\n"
               % "; ".join(res["agreement"]))

    if "other" in res:
        o, sz = res["other"], res["other_sizes"]
        out.append("### `diff` of two full exports, and `check` from the other input formats, "
                   "%d runs each\n" % res["reps"])
        out.append("Each beside its own floor: jansson loading the same two files (the API "
                   "pages one value after another, with `json_loadb`).\n")
        out.append("| program | wall median | CPU median | peak memory | its floor: wall, CPU, "
                   "memory | wall / floor | CPU / floor | memory / floor |")
        out.append("|---|---:|---:|---:|---|---:|---:|---:|")
        for key, label in [("diff", "`sgguard diff` BEFORE AFTER (%.1f + %.1f MB)"
                            % (d["bytes_config"] / 1e6, sz["after"] / 1e6)),
                           ("aw", "`sgguard check`, both inputs as ucce-aw-rows (%.1f MB, read twice)"
                            % (sz["aw"] / 1e6)),
                           ("api", "`sgguard check`, configuration as cce-config-api (%.1f MB) "
                            "+ native snapshot" % (sz["api"] / 1e6))]:
            r, f = o[key], o[key + "_floor"]
            out.append("| %s | %s | %s | %s | %s, %s, %s | %.2f | %.2f | %.2f |"
                       % (label, ms(r["median_s"]), ms(r["cpu_median_s"]), mib(r["peak_kib"]),
                          ms(f["median_s"]), ms(f["cpu_median_s"]), mib(f["peak_kib"]),
                          r["median_s"] / f["median_s"], r["cpu_median_s"] / f["cpu_median_s"],
                          r["peak_kib"] / f["peak_kib"]))
        out.append("")

    out.append("### Preloaded model (libsgguard API, `bench/api_bench`)\n")
    out.append("Load times: wall, and in brackets the process's CPU time (helper threads "
               "included). Check times are `sgg_check_run` + `sgg_report_free`, CLOCK_MONOTONIC "
               "(wall) and, in brackets, the thread's CPU time. For the 1,000 targets, each "
               "target's fastest of 10 passes (after a warm-up pass).\n")
    out.append("| scale | load config | with `SGG_CONFIG_PARALLEL` | load sessions "
               "| scenario check (median of 201) | 1,000 checks: median | p90 | mean findings |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for sc in res["scaling"]:
        a = sc["api"]
        out.append("| %s | %s (%s) | %s (%s) | %s (%s) | %.1f µs (%.1f) | %.1f µs (%.1f) "
                   "| %.1f µs (%.1f) | %.1f |"
                   % (scale_name(sc["scale"]), ms(a["load_config_ms"] / 1e3),
                      ms(a["load_config_cpu_ms"] / 1e3), ms(a["load_config_parallel_ms"] / 1e3),
                      ms(a["load_config_parallel_cpu_ms"] / 1e3), ms(a["load_sessions_ms"] / 1e3),
                      ms(a["load_sessions_cpu_ms"] / 1e3), a["scenario_median_us"],
                      a["scenario_cpu_median_us"], a["check_median_us"],
                      a["check_cpu_median_us"], a["check_p90_us"], a["check_cpu_p90_us"],
                      a["check_mean_findings"]))
    meds = [sc["api"]["check_median_us"] for sc in res["scaling"]]
    cmeds = [sc["api"]["check_cpu_median_us"] for sc in res["scaling"]]
    out.append("")
    out.append("Flatness of the preloaded check median from 1/8 to 2x (largest / smallest): "
               "%.2f wall, %.2f CPU.\n" % (max(meds) / min(meds), max(cmeds) / min(cmeds)))

    if "instructions" in res:
        ins = res["instructions"]
        c = ins["counts"]
        out.append("### Instructions executed (valgrind, scale %s: %d agents), independent of "
                   "machine load\n" % (scale_name(ins["scale"]), ins["data"]["counts"]["agents"]))
        out.append("| program | instructions | / floor |")
        out.append("|---|---:|---:|")
        for key, label in [("sgguard", "`sgguard check`"), ("floor", "floor"),
                           ("python", "Python peer"), ("jq", "jq peer")]:
            out.append("| %s | %.2f G | %.2f |" % (label, c[key] / 1e9, c[key] / c["floor"]))
        out.append("")

    if "scan" in res:
        sc = res["scan"]
        out.append("### `sgguard scan-log` over a %.2f GB trace (%d lines), 3 runs each\n"
                   % (sc["bytes"] / 1e9, sc["got"]["lines"]))
        out.append("| program | CPU median | wall median | throughput (CPU) | peak memory |")
        out.append("|---|---:|---:|---:|---:|")
        for key, label in [("sgguard", "`sgguard scan-log --format json`"),
                           ("grep_traces", "`grep -c 'unknown for agent'` (LC_ALL=C)"),
                           ("grep_removals", "`grep -cE 'REMOVED [0-9]+ SkillGroups'` (LC_ALL=C)")]:
            r = sc["runs"][key]
            out.append("| %s | %s | %s | %.0f MB/s | %s |"
                       % (label, ms(r["cpu_median_s"]), ms(r["median_s"]),
                          sc["bytes"] / 1e6 / r["cpu_median_s"], mib(r["peak_kib"])))
        g = sc["runs"]["grep_traces"]
        out.append("")
        out.append("scan-log / grep -c (CPU medians): %.2f. Both find %d unknown-skill-group traces "
                   "and %d removals; scan-log reports the %d generated incident.\n"
                   % (sc["runs"]["sgguard"]["cpu_median_s"] / g["cpu_median_s"],
                      sc["got"]["traces"], sc["got"]["removals"], sc["got"]["incidents"]))

    out.append("### Scaling, end to end\n")
    out.append("| scale | agents | JSON size | `sgguard check` wall | floor wall | wall ratio "
               "| sgguard CPU | floor CPU | CPU ratio | sgguard peak | floor peak "
               "| memory ratio |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for sc in res["scaling"]:
        e, f = sc["sgguard"], sc["floor"]
        out.append("| %s | %d | %.1f MB | %s | %s | %.2f | %s | %s | %.2f | %s | %s | %.2f |"
                   % (scale_name(sc["scale"]), sc["data"]["counts"]["agents"],
                      sc["data"]["bytes"] / 1e6, ms(e["median_s"]), ms(f["median_s"]),
                      e["median_s"] / f["median_s"], ms(e["cpu_median_s"]),
                      ms(f["cpu_median_s"]), e["cpu_median_s"] / f["cpu_median_s"],
                      mib(e["peak_kib"]), mib(f["peak_kib"]), e["peak_kib"] / f["peak_kib"]))
    out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- plot

def svg(res, path):
    """Two panels over scale (log 2 x axis): end-to-end ms, preloaded-check µs."""
    W, H = 900, 380
    panels = [
        ("End to end (ms, median; log scales)", "log", [
            ("sgguard check, wall", "#d62728", [sc["sgguard"]["median_s"] * 1e3 for sc in res["scaling"]]),
            ("sgguard check, CPU", "#ff9896", [sc["sgguard"]["cpu_median_s"] * 1e3 for sc in res["scaling"]]),
            ("floor (jansson load + free)", "#7f7f7f", [sc["floor"]["median_s"] * 1e3 for sc in res["scaling"]]),
        ]),
        ("Preloaded model, per check (µs)", "lin", [
            ("median of 1,000 targets", "#1f77b4", [sc["api"]["check_median_us"] for sc in res["scaling"]]),
            ("p90", "#aec7e8", [sc["api"]["check_p90_us"] for sc in res["scaling"]]),
            ("scenario target (median)", "#2ca02c", [sc["api"]["scenario_median_us"] for sc in res["scaling"]]),
        ]),
    ]
    scales = [sc["scale"] for sc in res["scaling"]]
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
             'font-family="sans-serif" font-size="12">' % (W, H),
             '<rect width="100%" height="100%" fill="white"/>']
    pw, ph, top, left_pad = 340, 240, 50, 70
    for n, (title, scale, series) in enumerate(panels):
        x0 = left_pad + n * (pw + 110)
        y0 = top
        lo, hi = math.log2(min(scales)), math.log2(max(scales))

        def px(s):
            return x0 + (math.log2(s) - lo) / (hi - lo) * pw if hi > lo else x0 + pw / 2
        parts.append('<text x="%d" y="%d" font-size="14" font-weight="bold">%s</text>'
                     % (x0, y0 - 20, title))
        parts.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#333"/>'
                     % (x0, y0, pw, ph))
        if scale == "log":
            vals = [v for _, _, vs in series for v in vs if v > 0]
            ylo = 10 ** math.floor(math.log10(min(vals)))
            yhi = 10 ** math.ceil(math.log10(max(vals)))

            def py(v):
                return y0 + ph - (math.log10(v) - math.log10(ylo)) / (math.log10(yhi) - math.log10(ylo)) * ph
            ticks = [m * 10 ** e for e in range(int(math.log10(ylo)), int(math.log10(yhi)) + 1)
                     for m in (1, 2, 5) if ylo <= m * 10 ** e <= yhi]
        else:
            ymax = max(max(v) for _, _, v in series) * 1.1
            step = 10 ** math.floor(math.log10(ymax / 4)) if ymax > 0 else 1
            for mult in (1, 2, 2.5, 5, 10):
                if ymax / (step * mult) <= 6:
                    step *= mult
                    break

            def py(v):
                return y0 + ph - v / ymax * ph
            ticks = [k * step for k in range(int(ymax / step) + 1)]
        for v in ticks:
            parts.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>'
                         % (x0, py(v), x0 + pw, py(v)))
            parts.append('<text x="%d" y="%.1f" text-anchor="end">%g</text>'
                         % (x0 - 6, py(v) + 4, round(v, 6)))
        for s in scales:
            parts.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>'
                         % (px(s), y0 + ph + 18, scale_name(s)))
        parts.append('<text x="%d" y="%d" text-anchor="middle">scale (1 = 72,000 agents)</text>'
                     % (x0 + pw / 2, y0 + ph + 36))
        for k, (label, colour, values) in enumerate(series):
            pts = " ".join("%.1f,%.1f" % (px(s), py(v)) for s, v in zip(scales, values))
            parts.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>'
                         % (pts, colour))
            for s, v in zip(scales, values):
                parts.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (px(s), py(v), colour))
            parts.append('<rect x="%d" y="%d" width="12" height="3" fill="%s"/>'
                         % (x0 + 10, y0 + 12 + 16 * k, colour))
            parts.append('<text x="%d" y="%d">%s</text>' % (x0 + 28, y0 + 17 + 16 * k, label))
    m = res["machine"]
    parts.append('<text x="%d" y="%d" fill="#555">%s, %s cores; bash bench/run</text>'
                 % (left_pad, H - 12, m["cpu"], m["nproc"]))
    parts.append("</svg>")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")
    os.replace(path + ".tmp", path)


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--instructions", type=int, default=1,
                    help="also count instructions under valgrind (1, default) or not (0)")
    ap.add_argument("--trace-mb", type=int, default=1024,
                    help="size of the scan-log trace, MB (0: skip the trace benchmark)")
    ap.add_argument("--svg", default=os.path.join(ROOT, "docs", "performance.svg"))
    ap.add_argument("--replot", action="store_true",
                    help="only redraw the plot and the tables from the last results.json")
    args = ap.parse_args()
    if args.replot:
        with open(os.path.join(args.out, "results.json"), encoding="utf-8") as f:
            res = json.load(f)
        svg(res, args.svg)
        print(tables(res))
        return 0
    started = time.time()
    res = {"machine": machine(), "reps": args.reps, "scaling": [], "agreement": [],
           "loadavg_start": loadavg()}

    data = {s: ensure_data(args.out, s) for s in SCALES}
    full = data[1.0]

    log("checking that sgguard, the Python peer and the jq peer agree")
    tech = {"dir": os.path.join(ROOT, "examples", "technote"), "at": "2026-12-01T02:15:30Z",
            "config": os.path.join(ROOT, "examples", "technote", "config.json"),
            "sessions": os.path.join(ROOT, "examples", "technote", "sessions.json")}
    agree(args.build, tech, "5000:40424")
    res["agreement"].append("the technote example (5000:40424)")
    small = data[0.125]
    with open(small["targets_file"], encoding="utf-8") as f:
        refs = [l.strip() for l in f if l.strip()][:20]
    for ref in refs:
        agree(args.build, small, ref)
    res["agreement"].append("20 targets of the 1/8 data set (every reference form)")
    out = agree(args.build, full, full["target"])
    res["agreement"].append("the full-size scenario %s (%d blocking findings)"
                            % (full["target"], out.count("\nblock ")))

    log("side by side at full size")
    ref = full["target"]
    runs = measure_set({
        "sgguard": cmd_sgguard(args.build, full, ref),
        "sgguard_json": cmd_sgguard(args.build, full, ref, "json"),
        "floor": cmd_floor(args.build, full),
        "floor_dup": cmd_floor(args.build, full, dup=True),
        "python": cmd_python(full, ref),
        "jq": cmd_jq(full, ref),
    }, args.reps)
    res["full"] = {"data": full, "runs": runs}

    log("diff of two full exports, and the check from the other input formats")
    ensure_formats(full)
    reports = {name: capture(cmd_sgguard_as(args.build, full, ref, c, ss) + ["--format", "json"])
               for name, c, ss in [("native", full["config"], full["sessions"]),
                                   ("aw", full["aw"], full["aw"]),
                                   ("api", full["api"], full["sessions"])]}
    if not reports["native"] or len(set(reports.values())) != 1:
        raise SystemExit("bench: the check differs between the input formats")
    res["agreement"].append("the full-size scenario read as ucce-aw-rows and as "
                            "cce-config-api (the same JSON report as from the native files)")
    res["other"] = measure_set({
        "diff": cmd_diff(args.build, full),
        "diff_floor": cmd_floor(args.build, full, files=[full["config"], full["after"]]),
        "aw": cmd_sgguard_as(args.build, full, ref, full["aw"], full["aw"]),
        "aw_floor": cmd_floor(args.build, full, files=[full["aw"], full["aw"]]),
        "api": cmd_sgguard_as(args.build, full, ref, full["api"], full["sessions"]),
        "api_floor": cmd_floor(args.build, full, files=[full["api"], full["sessions"]],
                               pages=True),
    }, args.reps)
    res["other_sizes"] = {k: os.path.getsize(full[k]) for k in ("after", "aw", "api")}

    for s in SCALES:
        d = data[s]
        log("scale %g: end to end, floor, API" % s)
        sc = {"scale": s, "data": d}
        if s == 1.0:
            sc["sgguard"], sc["floor"] = runs["sgguard"], runs["floor"]
        else:
            reps = args.reps if s < 2 else max(3, args.reps - 2)
            pair = measure_set({"sgguard": cmd_sgguard(args.build, d, d["target"]),
                                "floor": cmd_floor(args.build, d)}, reps)
            sc["sgguard"], sc["floor"] = pair["sgguard"], pair["floor"]
        sc["api"] = api_bench(args.build, d, 3 if s <= 1.0 else 1)
        if sc["api"].get("checks_error", 0):
            raise SystemExit("bench: some API checks ended in error at scale %g" % s)
        res["scaling"].append(sc)

    if args.instructions and shutil.which("valgrind"):
        d = data[INSTR_SCALE]
        log("instruction counts at scale %g (valgrind)" % INSTR_SCALE)
        res["instructions"] = {"scale": INSTR_SCALE, "data": d, "counts": {
            "sgguard": instructions(cmd_sgguard(args.build, d, d["target"])),
            "floor": instructions(cmd_floor(args.build, d)),
            "python": instructions(cmd_python(d, d["target"])),
            "jq": instructions(cmd_jq(d, d["target"])),
        }}

    if args.trace_mb > 0:
        if has_scan_log(args.build):
            log("scan-log over a %d MB trace" % args.trace_mb)
            res["scan"] = scan_log(args.build, args.out, args.trace_mb, 3)
        else:
            log("this sgguard has no scan-log: skipping the trace benchmark")

    res["elapsed_s"] = time.time() - started
    res["loadavg_end"] = loadavg()
    with open(os.path.join(args.out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(res, f, indent=1)
    svg(res, args.svg)
    print(tables(res))
    log("done in %.0f s; results in %s, plot in %s"
        % (res["elapsed_s"], os.path.join(args.out, "results.json"), args.svg))
    return 0


if __name__ == "__main__":
    sys.exit(main())
