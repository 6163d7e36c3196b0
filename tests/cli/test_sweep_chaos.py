#!/usr/bin/python3
"""Sweep chaos: a 2-rank treatment sweep killed with SIGKILL at 10 moments.

The sweep (8 tiny treatments on 2 stroke kernels that it solves itself) is
run once uninterrupted, then again into a fresh directory with a fresh
kernel cache, killed (the whole session: mpirun and its ranks) at 10
moments and restarted after each kill: the first kill while a stroke kernel
is being solved, the second while the tables are being merged into
results.h5, the others at random times (fixed seed) within the
uninterrupted run's duration. After every kill sweep.csv and results.h5, if
they exist, must read back whole. At the end: the table equals the
uninterrupted run's (numbers to the solver tolerance, texts exactly, wall
times aside), and no point that had finished before a kill was computed
again (its point.json is unchanged).

  test_sweep_chaos.py NEEDLESIM BASE_SCENARIO WORK_DIR
"""

import csv
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import time

KILLS = 10


def sweep_file(work, base, kernels):
    path = os.path.join(work, os.path.basename(kernels) + ".prm")
    with open(path, "w") as f:
        f.write("subsection Sweep\n  set Base scenario = %s\n  set Kernel cache  = %s\nend\n"
                "subsection Parameter 1\n  set Path   = Protocol/Sessions\n  set Values = 1, 2\nend\n"
                "subsection Parameter 2\n  set Path   = Needle motion/Depth setting\n"
                "  set Values = 0.25, 0.3\nend\n"
                "subsection Parameter 3\n  set Path   = Protocol/Interval\n  set Values = 14, 21\nend\n"
                % (base, kernels))
    return path


def start(needlesim, sweep, out):
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")
    return subprocess.Popen(["mpirun", "-np", "2", needlesim, "sweep", sweep, "-o", out, "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)


def read_table(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    for r in rows[1:]:
        if len(r) != len(header):
            raise ValueError("%s: a row of %d fields, the header has %d" % (path, len(r), len(header)))
    return [dict(zip(header, r)) for r in rows[1:]]


def readable_tables(out):
    """The problems of the tables left after a kill (empty if none)."""
    problems = []
    if os.path.exists(os.path.join(out, "sweep.csv")):
        try:
            read_table(os.path.join(out, "sweep.csv"))
        except Exception as e:  # noqa: BLE001 - any failure to read is a finding
            problems.append("sweep.csv: %s" % e)
    h5 = os.path.join(out, "results.h5")
    if os.path.exists(h5):
        r = subprocess.run(["h5dump", "-d", "/table/point", h5], capture_output=True)
        if r.returncode != 0:
            problems.append("results.h5 does not open: %s" % r.stderr.decode()[:200])
    return problems


def finished_records(out):
    records = {}
    points = os.path.join(out, "points")
    if os.path.isdir(points):
        for p in os.listdir(points):
            record = os.path.join(points, p, "point.json")
            if os.path.exists(record):
                with open(record, "rb") as f:
                    records[p] = f.read()
    return records


def session_processes(sid):
    """The processes of the session sid (mpirun, its ranks and helpers)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.getsid(int(entry)) == sid:
                    pids.append(int(entry))
            except (ProcessLookupError, PermissionError):
                pass
    return pids


def kill_session(process):
    """SIGKILL to mpirun and every rank, and wait until they are gone.
    mpirun starts each rank in a process group of its own, so killing
    mpirun's group would leave the ranks running on the point they hold,
    racing the restarted sweep for its directory; the session
    (start_new_session) holds them all."""
    deadline = time.monotonic() + 30.0
    while time.monotonic() < deadline:
        pids = session_processes(process.pid)
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if process.poll() is None:
            time.sleep(0.001)
        else:
            process.wait()
            time.sleep(0.01)  # killed ranks are reaped by init
    process.wait()


def kill_when(process, condition, deadline):
    """SIGKILL to the sweep's processes once condition() holds (or at the
    deadline); returns whether the condition was met."""
    met = False
    while process.poll() is None and time.monotonic() < deadline:
        if condition():
            met = True
            break
        time.sleep(0.0005)  # the merge takes milliseconds; leave the ranks their cores
    kill_session(process)
    return met


def same_tables(a, b):
    if len(a) != len(b):
        return ["%d rows against %d" % (len(a), len(b))]
    problems = []
    for ra, rb in zip(a, b):
        for key in set(ra) | set(rb):
            if key == "wall_time_s":
                continue
            x, y = ra.get(key), rb.get(key)
            if key == "stroke_kernel":  # each run has its own cache
                x, y = os.path.basename(x or ""), os.path.basename(y or "")
            try:
                fx, fy = float(x), float(y)
                if not (fx == fy or (math.isnan(fx) and math.isnan(fy))
                        or abs(fx - fy) <= 1e-6 * max(abs(fx), abs(fy))):
                    problems.append("point %s, %s: %s against %s" % (ra.get("point"), key, x, y))
            except (TypeError, ValueError):
                if x != y:
                    problems.append("point %s, %s: %r against %r" % (ra.get("point"), key, x, y))
    return problems


def main():
    needlesim, base, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    rng = random.Random(20261203)

    # the uninterrupted run
    reference = os.path.join(work, "reference")
    begin = time.monotonic()
    p = start(needlesim, sweep_file(work, base, os.path.join(work, "reference_kernels")), reference)
    _, err = p.communicate()
    duration = time.monotonic() - begin
    if p.returncode != 0:
        print("the uninterrupted sweep failed: " + err.decode())
        return 1
    print("uninterrupted sweep: %.1f s" % duration)

    out, kernels = os.path.join(work, "chaos"), os.path.join(work, "chaos_kernels")
    sweep = sweep_file(work, base, kernels)
    failures, kept = [], {}
    for k in range(KILLS):
        p = start(needlesim, sweep, out)
        started = time.monotonic()
        if k == 0:
            what = "during a kernel solve"
            met = kill_when(p, lambda: os.path.isdir(kernels) and any(
                d.endswith(".partial") for d in os.listdir(kernels)), started + 4 * duration)
        elif k == 1:
            what = "during the merge into results.h5"
            met = kill_when(p, lambda: os.path.isdir(out) and any(
                f.startswith("results.h5.tmp") for f in os.listdir(out)), started + 4 * duration)
        else:
            at = rng.uniform(0.1, 0.4) * duration
            what = "at %.1f s" % at
            met = kill_when(p, lambda: time.monotonic() - started >= at, started + at + 1)
        if not met and k < 2:
            failures.append("kill %d: the sweep ended before it was %s" % (k + 1, what))
        problems = readable_tables(out)
        records = finished_records(out)
        for point, record in kept.items():
            if records.get(point) != record:
                problems.append("point %s changed after it had finished" % point)
        kept.update(records)
        print("kill %d %s: %d points finished%s" % (k + 1, what, len(records),
                                                   "" if not problems else ": " + "; ".join(problems)))
        failures += ["kill %d: %s" % (k + 1, q) for q in problems]

    p = start(needlesim, sweep, out)
    _, err = p.communicate()
    if p.returncode != 0:
        failures.append("the last restart failed: " + err.decode())
    else:
        for point, record in kept.items():
            if finished_records(out).get(point) != record:
                failures.append("point %s was computed again" % point)
        failures += same_tables(read_table(os.path.join(out, "sweep.csv")),
                                read_table(os.path.join(reference, "sweep.csv")))
        failures += readable_tables(out)
        leftovers = [d for d in os.listdir(os.path.join(out, "points")) if d.endswith(".partial")]
        failures += ["left over: " + d for d in leftovers]
    print("chaos: %d kills, %d problems" % (KILLS, len(failures)))
    for f in failures:
        print("  " + f)
    if not failures:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
