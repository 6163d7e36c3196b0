#!/usr/bin/python3
"""Scenario fuzzer: mutates every shipped scenario and runs needlesim on each.

The contract it checks, for every case: the run ends with exit status 0 or 1
(never a signal, never an internal error), a status 1 prints exactly one
line "needlesim: error: ..." naming the problem, and nothing partial is left
behind (no DIR.partial; no DIR and no DIR.failed after a status 1; nothing
at all with --check).

Mutations (one per case, chosen by a seeded random generator):
  numbers     a value replaced by an out-of-range, NaN, infinite, huge,
              negative, empty or non-numeric text
  keys        a 'set' line removed, duplicated, misspelled or moved into
              another subsection
  lines       a line truncated at a random character; binary bytes inserted
  includes    an include of a missing file, of itself, or a cycle of two
  json        the scenario as JSON (nested objects), then a value of the
              wrong type (list, object, null, bool), the text truncated, a
              key duplicated, a number written as a string

  fuzz_scenarios.py NEEDLESIM SCENARIO_DIR [--cases N] [--seed S] [--jobs J] [--run]
    --run   solve the cases that are valid (with a time cap) instead of
            stopping after the set-up (--check); for bench/nightly use.
Exit status 0 if every case keeps the contract; the failures are listed.
"""

import argparse
import concurrent.futures
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile

MEMORY_CAP = 6 << 30   # bytes of address space per case
CHECK_TIMEOUT = 60     # s, set-up only
RUN_TIMEOUT = 60       # s, --run


def shipped_scenarios(directory):
    found = []
    for root, _, files in os.walk(directory):
        for f in sorted(files):
            if f.endswith(".prm") and "kernels" not in root and "sections" not in root:
                found.append(os.path.join(root, f))
    return sorted(found)


def absolute_includes(text, directory):
    """Includes made absolute, so that a case can live in another folder."""
    def fix(m):
        path = m.group(2).strip()
        if not os.path.isabs(path):
            path = os.path.normpath(os.path.join(directory, path))
        return m.group(1) + path
    return re.sub(r"^(\s*include\s+)(.*)$", fix, text, flags=re.M)


def absolute_values(text, directory):
    """Relative file values (mesh files, caches) made absolute as well."""
    def fix(m):
        value = m.group(2).strip()
        candidate = os.path.normpath(os.path.join(directory, value))
        if value and not os.path.isabs(value) and ("/" in value or "." in value) \
                and os.path.exists(candidate) and not re.fullmatch(r"[-+.\deE]+", value):
            return m.group(1) + candidate
        return m.group(0)
    return re.sub(r"^(\s*set\s+[^=]*=\s*)(.*)$", fix, text, flags=re.M)


BAD_NUMBERS = ["nan", "NaN", "inf", "-inf", "1e308", "-1e308", "1e-320", "-1",
               "0", "-0", "", "abc", "1,5", "0x10", "99999999999999999999",
               "1e", "--1", "1 2", "\u00b5", "3e9"]


def set_lines(lines):
    return [i for i, l in enumerate(lines) if re.match(r"\s*set\s+[^=]+=", l)]


def mutate_number(rng, lines):
    candidates = [i for i in set_lines(lines)
                  if re.search(r"=\s*[-+]?[\d.]+([eE][-+]?\d+)?\s*(#.*)?$", lines[i])]
    if not candidates:
        candidates = set_lines(lines)
    if not candidates:
        return None
    i = rng.choice(candidates)
    m = re.match(r"(\s*set\s+[^=]+=\s*)([^#]*)(.*)", lines[i])
    old = m.group(2).strip()
    try:
        x = float(old)
        choices = BAD_NUMBERS + [repr(x * 1e6), repr(-abs(x) - 1), repr(x * 1e-9)]
    except ValueError:
        choices = BAD_NUMBERS
    lines[i] = m.group(1) + rng.choice(choices)
    return "number on line %d" % (i + 1)


def mutate_key(rng, lines):
    candidates = set_lines(lines)
    if not candidates:
        return None
    i = rng.choice(candidates)
    kind = rng.choice(["remove", "duplicate", "misspell", "move"])
    if kind == "remove":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i + 1, lines[i])
    elif kind == "misspell":
        m = re.match(r"(\s*set\s+)([^=]+)(=.*)", lines[i])
        name = list(m.group(2).rstrip())
        k = rng.randrange(len(name))
        name[k] = rng.choice("xqzZ_ ")
        lines[i] = m.group(1) + "".join(name) + " " + m.group(3)
    else:
        line = lines.pop(i)
        starts = [k for k, l in enumerate(lines) if re.match(r"\s*subsection\s", l)]
        where = rng.choice(starts) + 1 if starts else len(lines)
        lines.insert(where, line)
    return "key %s on line %d" % (kind, i + 1)


def mutate_line(rng, lines):
    if not lines:
        return None
    i = rng.randrange(len(lines))
    if rng.random() < 0.5:
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        return "line %d truncated" % (i + 1)
    data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    lines[i] = lines[i] + data.decode("latin-1")
    return "binary bytes on line %d" % (i + 1)


def prm_to_json(lines):
    """The file's own assignments (not those of its includes) as nested
    JSON objects."""
    tree, stack = {}, []
    for line in lines:
        line = line.split("#")[0].strip()
        if line.startswith("subsection "):
            stack.append(line[11:].strip())
        elif line == "end" and stack:
            stack.pop()
        elif line.startswith("set ") and "=" in line:
            name, value = line[4:].split("=", 1)
            node = tree
            for s in stack:
                node = node.setdefault(s, {})
                if not isinstance(node, dict):
                    break
            if isinstance(node, dict):
                node[name.strip()] = value.strip()
    return tree


def leaves(tree, path=()):
    for k, v in tree.items():
        if isinstance(v, dict):
            yield from leaves(v, path + (k,))
        else:
            yield path + (k,)


def json_case(rng, lines):
    tree = prm_to_json(lines)
    paths = list(leaves(tree))
    kind = rng.choice(["type", "truncate", "duplicate", "string-number", "plain"])
    if kind == "type" and paths:
        p = rng.choice(paths)
        node = tree
        for k in p[:-1]:
            node = node[k]
        node[p[-1]] = rng.choice([[1, 2], {"a": 1}, None, True, 1e308])
        return json.dumps(tree), "json value of another type at %s" % "/".join(p)
    text = json.dumps(tree, indent=1)
    if kind == "truncate":
        return text[: rng.randrange(len(text) + 1)], "json truncated"
    if kind == "duplicate" and paths:
        p = rng.choice(paths)
        key = json.dumps(p[-1])
        at = text.find(key)
        if at >= 0:
            end = text.find("\n", at)
            return text[:end] + ",\n" + text[at:end].rstrip(",") + text[end:], \
                "json key duplicated"
    if kind == "string-number":
        return re.sub(r'": "([-\d.eE+]+)"', r'": \1', text), "json numbers unquoted"
    return text, "json as is"


def caches(work, sections):
    """Where a solved case keeps its kernels and section tables: never in
    the repository's shipped caches."""
    return {"Patch": {"Kernel cache": os.path.join(work, "kernels")},
            "Cutting": {"Section table cache": sections}}


def make_case(rng, scenario, work, sections=None):
    """Writes one mutated case into @work; returns (file, description).
    With @sections (solved cases) the caches are redirected (caches())."""
    directory = os.path.dirname(scenario)
    with open(scenario, encoding="utf-8") as f:
        text = absolute_values(absolute_includes(f.read(), directory), directory)
    lines = text.split("\n")
    family = rng.choice(["numbers", "numbers", "keys", "keys", "lines", "includes", "json"])
    name = os.path.join(work, "case.prm")
    what = None
    if family == "numbers":
        what = mutate_number(rng, lines)
    elif family == "keys":
        what = mutate_key(rng, lines)
    elif family == "lines":
        what = mutate_line(rng, lines)
    elif family == "includes":
        kind = rng.choice(["missing", "self", "cycle"])
        if kind == "missing":
            lines.insert(0, "include " + os.path.join(work, "missing.prm"))
        elif kind == "self":
            lines.insert(rng.choice([0, len(lines)]), "include case.prm")
        else:
            with open(os.path.join(work, "other.prm"), "w") as f:
                f.write("include case.prm\n")
            lines.insert(0, "include other.prm")
        what = "include " + kind
    else:
        text, what = json_case(rng, lines)
        if sections:
            try:
                tree = json.loads(text)
                for section, values in caches(work, sections).items():
                    if isinstance(tree, dict):
                        node = tree.setdefault(section, {})
                        if isinstance(node, dict):
                            node.update(values)
                text = json.dumps(tree)
            except ValueError:
                pass  # not JSON: rejected before anything is solved
        name = os.path.join(work, "case.json")
        with open(name, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text)
        return name, "%s: %s" % (os.path.basename(scenario), what)
    if what is None:
        what = "unchanged"
    if sections:
        for section, values in caches(work, sections).items():
            lines += ["subsection " + section] + \
                ["  set %s = %s" % kv for kv in values.items()] + ["end"]
    with open(name, "wb") as f:
        f.write("\n".join(lines).encode("latin-1", errors="replace")
                if family == "lines" else "\n".join(lines).encode("utf-8"))
    return name, "%s: %s" % (os.path.basename(scenario), what)


def limit_memory():
    # NEEDLESIM_FUZZ_MEMORY_CAP=0 (the sanitizer build, whose shadow memory
    # is terabytes of address space) runs without the cap
    cap = int(os.environ.get("NEEDLESIM_FUZZ_MEMORY_CAP", MEMORY_CAP))
    if cap > 0:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def run_case(needlesim, case, out, solve):
    command = [needlesim, "run", case, "-o", out, "--quiet"] + ([] if solve else ["--check"])
    try:
        r = subprocess.run(command, capture_output=True, timeout=RUN_TIMEOUT if solve else CHECK_TIMEOUT,
                           preexec_fn=limit_memory, env=dict(os.environ, OMPI_MCA_rmaps_base_oversubscribe="1"))
    except subprocess.TimeoutExpired:
        return None, "timed out"
    err = r.stderr.decode("utf-8", errors="replace")
    problems = []
    if r.returncode < 0:
        problems.append("killed by signal %d" % -r.returncode)
    elif r.returncode not in (0, 1) and not (solve and r.returncode == 2):
        problems.append("exit status %d" % r.returncode)
    if r.returncode == 1:
        lines = [l for l in err.split("\n") if l.strip()]
        if len(lines) != 1 or not lines[0].startswith("needlesim: error: "):
            problems.append("status 1 without one error line: %r" % err[:400])
        for leftover in (out, out + ".failed"):
            if os.path.exists(leftover):
                problems.append("left " + leftover)
    if os.path.exists(out + ".partial"):
        problems.append("left " + out + ".partial")
    if not solve and os.path.exists(out):
        problems.append("--check wrote " + out)
    if solve and r.returncode == 0:
        try:
            with open(os.path.join(out, "summary.json")) as f:
                json.load(f)
        except Exception as e:  # noqa: BLE001 - any failure to read is a finding
            problems.append("summary.json unreadable: %s" % e)
    return r.returncode, "; ".join(problems)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("needlesim")
    parser.add_argument("scenarios")
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--run", action="store_true")
    parser.add_argument("--jobs", type=int, default=2)
    a = parser.parse_args()
    rng = random.Random(a.seed)
    scenarios = shipped_scenarios(os.path.abspath(a.scenarios))
    # the cases are drawn in order from the seed, then run concurrently
    works, cases = [], []
    sections = None
    if a.run:  # one copy of the shipped section tables for all solved cases
        sections = tempfile.mkdtemp(prefix="needlesim_fuzz_sections_")
        shutil.copytree(os.path.join(a.scenarios, "sections"), sections, dirs_exist_ok=True)
    for n in range(a.cases):
        work = tempfile.mkdtemp(prefix="needlesim_fuzz_")
        works.append(work)
        cases.append(make_case(rng, rng.choice(scenarios), work, sections))

    def run(n):
        case, _ = cases[n]
        return run_case(a.needlesim, case, os.path.join(works[n], "out"), a.run)

    failures, statuses, timeouts = [], {}, 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
        for n, (status, problems) in enumerate(pool.map(run, range(a.cases))):
            if status is None:
                timeouts += 1
            else:
                statuses[status] = statuses.get(status, 0) + 1
            if problems and problems != "timed out":
                failures.append("case %d (%s): %s" % (n, cases[n][1], problems))
    for work in works + ([sections] if sections else []):
        shutil.rmtree(work, ignore_errors=True)
    print("fuzz: %d cases (seed %d, %s): exit statuses %s, %d timed out, %d broke the contract"
          % (a.cases, a.seed, "solved" if a.run else "--check", dict(sorted(statuses.items())),
             timeouts, len(failures)))
    for f in failures:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
