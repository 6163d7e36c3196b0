#!/usr/bin/python3
"""needlesim plot on the tiny treatment of test_treatment and on its stroke
kernel: every figure exists as PNG and SVG, and every PNG shows something
(not one flat colour: its pixels vary, with ink on a visible share); a
directory without results is refused with exit status 1 and nothing written.

    test_plot.py NEEDLESIM TEST_OUTPUT_DIR
"""
import os
import subprocess
import sys
import tempfile

import matplotlib.image

needlesim, out = sys.argv[1], sys.argv[2]
treatment = os.path.join(out, "tiny_treatment")
kernels = os.path.join(out, "kernels")
kernel = os.path.join(kernels, sorted(os.listdir(kernels))[0])
failures = []


def check(directory, expected):
    r = subprocess.run([needlesim, "plot", directory], capture_output=True, text=True)
    if r.returncode != 0:
        failures.append(f"needlesim plot {directory}: exit {r.returncode}: {r.stderr}")
        return
    printed = set(r.stdout.split())
    for name in expected:
        for ext in ("png", "svg"):
            path = os.path.join(directory, "figures", name + "." + ext)
            if path not in printed or not os.path.exists(path):
                failures.append(f"{path} not written or not printed")
        png = os.path.join(directory, "figures", name + ".png")
        if os.path.exists(png):
            pixels = matplotlib.image.imread(png)[:, :, :3].mean(axis=2)
            ink = (pixels < 0.9).mean()  # share of non-white pixels
            if pixels.std() < 0.05 or ink < 0.02:
                failures.append(f"{png} looks blank: std {pixels.std():.3f}, ink {ink:.3f}")
            else:
                print(f"{png}: {pixels.shape[1]} x {pixels.shape[0]} px, std {pixels.std():.3f}, "
                      f"ink {100 * ink:.1f} %")


check(kernel, ["force_travel", "energy_partition", "injury_field"])
check(treatment, ["collagen_timeline", "session_map"])

with tempfile.TemporaryDirectory() as empty:
    r = subprocess.run([needlesim, "plot", empty], capture_output=True, text=True)
    if r.returncode != 1 or "no run results" not in r.stderr or os.listdir(empty):
        failures.append(f"empty directory: exit {r.returncode}, {r.stderr!r}, {os.listdir(empty)}")
r = subprocess.run([needlesim, "plot"], capture_output=True, text=True)
if r.returncode != 1:
    failures.append(f"no directory: exit {r.returncode}")

for f in failures:
    print("FAILED:", f)
sys.exit(1 if failures else 0)
