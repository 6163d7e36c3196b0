#!/usr/bin/python3
"""The ParaView scripts of postprocess/paraview/ in real ParaView (Debian's
5.11, scripts/pvbatch: pvbatch on Xvfb): the small stroke and the tiny treatment are
rendered; every image exists and is not blank (its pixels vary and ink
covers a visible share), one frame per output step is written, and the
needle (drawn flat in orange, a colour Viridis does not contain) is in the
picture of the deepest step; the tiny indentation's quarter block is
rendered too.

    test_paraview.py SOURCE_DIR TEST_OUTPUT_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

import matplotlib.image

source, out = sys.argv[1], sys.argv[2]
failures = []


def render(script, run, frames_prefix, still):
    target = tempfile.mkdtemp(prefix="needlesim_pv_")
    r = subprocess.run([os.path.join(source, "scripts", "pvbatch"),
                        os.path.join(source, "postprocess", "paraview", script), run, target],
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        failures.append(f"{script} {run}: exit {r.returncode}: {r.stderr[-2000:]}")
        return None, []
    frames = sorted(f for f in os.listdir(target) if f.startswith(frames_prefix + "."))
    path = os.path.join(target, still)
    if not os.path.exists(path):
        failures.append(f"{path} not written")
        return None, frames
    rgb = matplotlib.image.imread(path)[:, :, :3]
    grey = rgb.mean(axis=2)
    ink = (grey < 0.9).mean()
    print(f"{path}: {rgb.shape[1]} x {rgb.shape[0]} px, std {grey.std():.3f}, ink {100 * ink:.1f} %, "
          f"{len(frames)} frames")
    if grey.std() < 0.05 or ink < 0.05:
        failures.append(f"{path} looks blank: std {grey.std():.3f}, ink {ink:.3f}")
    return rgb, frames


def n_steps(pvd):
    """Distinct times of the series (a re-solved step may repeat its time)."""
    with open(pvd) as f:
        return len(set(re.findall(r'timestep="([^"]+)"', f.read())))


stroke = os.path.join(out, "small_stroke")
rgb, frames = render("stroke.py", stroke, "stroke", "stroke_deepest.png")
if len(frames) != n_steps(os.path.join(stroke, "solution.pvd")):
    failures.append(f"stroke: {len(frames)} frames for {n_steps(os.path.join(stroke, 'solution.pvd'))} steps")
if rgb is not None:
    orange = ((rgb[:, :, 0] > 0.9) & (abs(rgb[:, :, 1] - 0.4) < 0.08) & (rgb[:, :, 2] < 0.1)).mean()
    print(f"needle pixels: {100 * orange:.2f} %")
    if orange < 0.005:
        failures.append(f"the needle is not in the picture ({100 * orange:.3f} % orange pixels)")

# a 3-D quarter block (the tiny indentation) is reflected to the whole block
indentation = os.path.join(out, "tiny_indentation")
rgb, frames = render("stroke.py", indentation, "stroke", "stroke_deepest.png")
if len(frames) != n_steps(os.path.join(indentation, "solution.pvd")):
    failures.append(f"indentation: {len(frames)} frames")

treatment = os.path.join(out, "tiny_treatment")
rgb, frames = render("treatment.py", treatment, "patch", "patch_last.png")
if len(frames) != n_steps(os.path.join(treatment, "solution.pvd")):
    failures.append(f"treatment: {len(frames)} frames")

for f in failures:
    print("FAILED:", f)
sys.exit(1 if failures else 0)
