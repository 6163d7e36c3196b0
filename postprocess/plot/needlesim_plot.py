#!/usr/bin/env python3
"""Figures of a needlesim run, drawn from the files the run wrote.

    needlesim plot DIR        (or: python3 needlesim_plot.py DIR)

writes PNG and SVG figures into DIR/figures/ and prints their paths:

  stroke     force_travel      force against needle travel, tenting, puncture
                               (and the force drop), cutting and retraction
             energy_partition  needle work split into stored, fracture,
                               friction and viscous energy over the stroke
             injury_field      the injury on the crack plane and across the
                               channel, with the layer boundaries
  treatment  collagen_timeline collagen gain per layer over days, sessions,
                               redness windows, visibility threshold, day 90/180
             session_map       the injured share of the surface after the
                               first pass, with its punctures and slits
  sweep      sweep_effects     one panel per swept parameter (main effects,
                               spread over the other parameters)
             sweep_table       the table of points

Units are those of the files (mm, N, MPa, s; days for treatments); forces
are drawn in mN and energies in uJ. Uses matplotlib only (Debian's
python3-matplotlib), without a display.
"""

import csv
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import LineCollection, PatchCollection  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

LAYERS = ["stratum_corneum", "viable_epidermis", "papillary_dermis",
          "reticular_dermis", "hypodermis"]
LAYER_NAMES = {"stratum_corneum": "stratum corneum",
               "viable_epidermis": "viable epidermis",
               "papillary_dermis": "papillary dermis",
               "reticular_dermis": "reticular dermis",
               "hypodermis": "hypodermis"}
# Okabe-Ito: distinguishable with colour-vision deficiencies and in grey
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
           "#56B4E9", "#F0E442", "#000000"]


def style():
    plt.rcParams.update({
        "figure.dpi": 110, "savefig.dpi": 150, "font.size": 10,
        "axes.titlesize": 11, "axes.labelsize": 10, "legend.fontsize": 8,
        "axes.grid": True, "grid.alpha": 0.3, "axes.spines.top": False,
        "axes.spines.right": False, "axes.prop_cycle":
        matplotlib.cycler(color=COLOURS)})


def read_csv(path):
    """Columns of a CSV file as lists of floats (text where not a number)."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    columns = {}
    for key in (rows[0].keys() if rows else []):
        values = []
        for r in rows:
            try:
                values.append(float(r[key]))
            except (TypeError, ValueError):
                values.append(r[key])
        columns[key] = values
    return columns


def read_summary(directory):
    path = os.path.join(directory, "summary.json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


def save(fig, directory, name, written):
    out = os.path.join(directory, "figures")
    os.makedirs(out, exist_ok=True)
    for ext in ("png", "svg"):
        path = os.path.join(out, name + "." + ext)
        fig.savefig(path, bbox_inches="tight")
        written.append(path)
    plt.close(fig)


# --------------------------------------------------------------- stroke ---

def force_travel(directory, summary, written):
    c = read_csv(os.path.join(directory, "force_depth.csv"))
    depth = c["tip_depth_mm"]
    force = [1e3 * f for f in c["force_N"]]
    deepest = max(range(len(depth)), key=lambda i: depth[i])
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    ax.plot(depth[:deepest + 1], force[:deepest + 1], color=COLOURS[0],
            label="insertion")
    ax.plot(depth[deepest:], force[deepest:], color=COLOURS[1],
            label="retraction")
    if "cutting_force_N" in c:
        ax.plot(depth[:deepest + 1], [1e3 * f for f in c["cutting_force_N"][:deepest + 1]],
                color=COLOURS[2], lw=1, ls="--", label="cutting force")
    if summary.get("punctured", 0):
        d, f = summary["puncture_depth_mm"], 1e3 * summary["puncture_force_N"]
        drop = 1e3 * summary.get("force_drop_at_puncture_N", 0.0)
        ax.plot([d], [f], "o", color=COLOURS[3],
                label=f"puncture: {f:.2f} mN at {d * 1e3:.1f} µm (drop {drop:.3f} mN)")
        tent = summary.get("tenting_mm")
        if tent is not None:
            ax.axvspan(0, d, color=COLOURS[4], alpha=0.12,
                       label=f"tenting before puncture ({tent * 1e3:.1f} µm)")
    if "peak_force_N" in summary:
        ax.axhline(1e3 * summary["peak_force_N"], color="grey", lw=0.8, ls=":",
                   label=f"peak {1e3 * summary['peak_force_N']:.1f} mN")
    ax.set_xlabel("needle tip depth below the skin surface [mm]")
    ax.set_ylabel("needle force [mN]")
    ax.set_title("Force along the stroke")
    ax.legend(loc="best")
    save(fig, directory, "force_travel", written)


def energy_partition(directory, summary, written):
    c = read_csv(os.path.join(directory, "energy_balance.csv"))
    t = [1e3 * v for v in c["time_s"]]
    parts = [("strain_energy_mJ", "stored: strain"),
             ("viscous_stored_energy_mJ", "stored: viscous"),
             ("contact_energy_mJ", "stored: contact"),
             ("section_energy_mJ", "stored: crack wedge"),
             ("fracture_energy_mJ", "fracture"),
             ("friction_dissipation_mJ", "friction"),
             ("viscous_dissipation_mJ", "viscous dissipation"),
             ("snap_dissipation_mJ", "snap at puncture")]
    parts = [(k, n) for k, n in parts if k in c]
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    ax.stackplot(t, *[[1e3 * v for v in c[k]] for k, _ in parts],
                 labels=[n for _, n in parts], colors=COLOURS[:len(parts)], alpha=0.85)
    ax.plot(t, [1e3 * v for v in c["needle_work_mJ"]], color="black", lw=1.5,
            label="needle work")
    ax.set_xlabel("time [ms]")
    ax.set_ylabel("energy [µJ]")
    error = summary.get("energy_balance_error")
    ax.set_title("Energy partition of the stroke" +
                 (f" (balance error {100 * error:.1f} %)" if error is not None else ""))
    ax.legend(loc="upper left", ncol=2)
    save(fig, directory, "energy_partition", written)


def injury_section(ax, boxes, keep, axis, title):
    """Boxes of the kernel in one plane: rectangles coloured by injury."""
    patches, values = [], []
    for b in boxes:
        if keep(b):
            h = b[axis] - 0.5 * b["d" + axis]
            patches.append(Rectangle((1e3 * h, 1e3 * (b["z_mm"] - 0.5 * b["dz_mm"])),
                                     1e3 * b["d" + axis], 1e3 * b["dz_mm"]))
            values.append(b["injury"])
    pc = PatchCollection(patches, cmap="viridis", edgecolor="none")
    pc.set_array(values)
    pc.set_clim(0.0, 1.0)
    ax.add_collection(pc)
    ax.autoscale_view()
    ax.set_xlabel(("along the crack" if axis == "x_mm" else "across the crack") + " [µm]")
    ax.set_ylabel("depth z [µm]")
    ax.set_title(title)
    ax.grid(False)
    return pc


def injury_field(directory, summary, written):
    c = read_csv(os.path.join(directory, "injury_kernel.csv"))
    keys = list(c.keys())
    boxes = [dict(zip(keys, row)) for row in zip(*[c[k] for k in keys])]
    x_first = min(b["x_mm"] for b in boxes)
    y_first = min(b["y_mm"] for b in boxes)
    injured = [b for b in boxes if b["injury"] > 1e-3]
    reach_x = max((b["x_mm"] + b["dx_mm"] for b in injured), default=0.1)
    reach_y = max((b["y_mm"] + b["dy_mm"] for b in injured), default=0.1)
    reach_z = min((b["z_mm"] - b["dz_mm"] for b in injured), default=-0.1)
    fig, axes = plt.subplots(1, 2, figsize=(9.6, 4.4),
                             gridspec_kw={"width_ratios": [max(reach_x, 1e-3), max(reach_y, 1e-3)]})
    pc = injury_section(axes[0], boxes, lambda b: b["y_mm"] == y_first and b["x_mm"] <= 1.3 * reach_x
                        and b["z_mm"] >= 1.3 * reach_z, "x_mm", "crack plane")
    injury_section(axes[1], boxes, lambda b: b["x_mm"] == x_first and b["y_mm"] <= 1.3 * reach_y
                   and b["z_mm"] >= 1.3 * reach_z, "y_mm", "across the channel")
    # layer boundaries: where the layer changes down the first column
    column = sorted((b for b in boxes if b["x_mm"] == x_first and b["y_mm"] == y_first),
                    key=lambda b: -b["z_mm"])
    for upper, lower in zip(column, column[1:]):
        if upper["layer"] != lower["layer"] and lower["z_mm"] >= 1.3 * reach_z:
            z = 1e3 * (upper["z_mm"] - 0.5 * upper["dz_mm"])
            for ax in axes:
                ax.axhline(z, color="white", lw=0.8, ls="--")
            name = LAYERS[int(lower["layer"])] if int(lower["layer"]) < len(LAYERS) else ""
            axes[1].text(0.98, z, LAYER_NAMES.get(name, ""), transform=axes[1].get_yaxis_transform(),
                         color="black", fontsize=7, va="top", ha="right")
    fig.colorbar(pc, ax=axes, label="injury D [-] (0 intact, 1 destroyed)", shrink=0.9)
    fig.suptitle("Injury of one stroke (kernel boxes; the crack plane is y = 0)")
    save(fig, directory, "injury_field", written)


# ------------------------------------------------------------ treatment ---

def collagen_timeline(directory, summary, written):
    c = read_csv(os.path.join(directory, "timeline.csv"))
    s = read_csv(os.path.join(directory, "sessions.csv"))
    day = c["day"]
    fig, axes = plt.subplots(3, 1, figsize=(7.2, 8.4), sharex=True,
                             gridspec_kw={"height_ratios": [2.2, 1, 1]})
    ax = axes[0]
    for i, layer in enumerate(["papillary_dermis", "reticular_dermis"]):
        ax.plot(day, [100 * (v - 1) for v in c["collagen_rel_" + layer]], color=COLOURS[i],
                label=LAYER_NAMES[layer])
    for k, (d, red) in enumerate(zip(s["day"], s["erythema_days"])):
        for a in axes:
            a.axvline(d, color="grey", lw=0.8)
            a.axvspan(d, d + red, color=COLOURS[1], alpha=0.15,
                      label="redness" if (k == 0 and a is ax) else None)
        ax.text(d, ax.get_ylim()[1], f" S{k + 1}", fontsize=8, va="top")
    visible = summary.get("time_to_visible_days", -1)
    if visible is not None and visible > 0:
        gain = [100 * (v - 1) for v in c["collagen_rel_papillary_dermis"]]
        threshold = interpolate(day, gain, visible)
        ax.axhline(threshold, color="black", lw=0.8, ls="--",
                   label=f"visibility threshold ({threshold:.0f} %), reached on day {visible:.0f}")
    for d in (90, 180):
        if day[-1] >= d:
            for a in axes:
                a.axvline(d, color="black", lw=0.8, ls=":")
            ax.text(d, ax.get_ylim()[0], f" day {d}", fontsize=8, va="bottom")
    ax.set_ylabel("collagen gain [%]")
    ax.set_title("Collagen remodeling after the sessions (treated square)")
    ax.legend(loc="lower right")
    axes[1].plot(day, [100 * v for v in c["new_collagen_rel_papillary_dermis"]], color=COLOURS[2],
                 label="new (type III-rich)")
    axes[1].plot(day, [100 * v for v in c["mature_collagen_rel_papillary_dermis"]],
                 color=COLOURS[3], label="mature (type I-rich)")
    axes[1].set_ylabel("papillary collagen\n[% of healthy total]")
    axes[1].legend(loc="upper left")
    axes[2].plot(day, c["epidermis_thickness_change_percent"], color=COLOURS[4])
    axes[2].set_ylabel("epidermal thickness\nchange [%]")
    axes[2].set_xlabel("day")
    save(fig, directory, "collagen_timeline", written)


def interpolate(x, y, at):
    for i in range(1, len(x)):
        if x[i - 1] <= at <= x[i]:
            w = 0.0 if x[i] == x[i - 1] else (at - x[i - 1]) / (x[i] - x[i - 1])
            return y[i - 1] + w * (y[i] - y[i - 1])
    return y[-1]


def session_map(directory, summary, written):
    p = read_csv(os.path.join(directory, "punctures.csv"))
    sessions = read_csv(os.path.join(directory, "sessions.csv"))
    half = slit_half_length(directory, summary)
    segments = []
    first_pass = min(p["pass"])
    for s, k, x, y, angle in zip(p["session"], p["pass"], p["x_mm"], p["y_mm"], p["crack_angle_deg"]):
        if s == 1 and k == first_pass:
            a = math.radians(angle)
            segments.append([(x - half * math.cos(a), y - half * math.sin(a)),
                             (x + half * math.cos(a), y + half * math.sin(a))])
    fig, ax = plt.subplots(figsize=(6.4, 5.6))
    surface = os.path.join(directory, "surface_footprint_pass1.csv")
    if os.path.exists(surface):
        # the injured share of the surface after the pass, per square
        m = read_csv(surface)
        xs, ys = sorted(set(m["x_mm"])), sorted(set(m["y_mm"]))
        grid = [[0.0] * len(xs) for _ in ys]
        for x, y, f in zip(m["x_mm"], m["y_mm"], m["injured_fraction"]):
            grid[ys.index(y)][xs.index(x)] = f
        dx, dy = (xs[1] - xs[0] if len(xs) > 1 else 1.0), (ys[1] - ys[0] if len(ys) > 1 else 1.0)
        image = ax.imshow(grid, origin="lower", cmap="Greys", vmin=0.0, vmax=1.0,
                          extent=[xs[0] - dx / 2, xs[-1] + dx / 2, ys[0] - dy / 2, ys[-1] + dy / 2])
        fig.colorbar(image, ax=ax, label="injured share of the surface (D ≥ ½) [-]", shrink=0.85)
        share = sum(m["injured_fraction"]) / len(m["injured_fraction"])
        title = f"Session 1, first pass: injured surface {100 * share:.0f} %"
    else:
        share = sessions.get("injured_area_fraction_per_pass", [None])[0]
        title = "Session 1, first pass: punctures and their surface slits" + \
            (f"\ninjured surface (D ≥ ½) {100 * share:.0f} % per pass" if share else "")
    ax.add_collection(LineCollection(segments, colors=COLOURS[1], linewidths=0.6, alpha=0.6))
    ax.plot([0.5 * (a[0] + b[0]) for a, b in segments], [0.5 * (a[1] + b[1]) for a, b in segments],
            ".", color=COLOURS[0], ms=1.5, label="puncture (its slit in orange)")
    ax.set_aspect("equal")
    ax.autoscale_view()
    ax.grid(False)
    ax.set_xlabel("x [mm]")
    ax.set_ylabel("y [mm]")
    ax.set_title(title)
    save(fig, directory, "session_map", written)


def slit_half_length(directory, summary):
    """Half-length of the stroke's surface slit: the kernel's top boxes with
    a footprint of at least one half (0.25 mm if the kernel is not found)."""
    kernel = summary.get("stroke_kernel", "")
    for base in (os.path.dirname(os.path.abspath(summary.get("scenario_file", ""))), os.getcwd(), directory):
        path = os.path.join(base, kernel, "injury_kernel.csv") if kernel else ""
        if not os.path.isabs(kernel) and kernel.startswith("scenarios/"):
            path = os.path.join(os.getcwd(), kernel, "injury_kernel.csv")
        if path and os.path.exists(path):
            c = read_csv(path)
            top = max(c["z_mm"])
            xs = [x + 0.5 * dx for x, z, f, dx in zip(c["x_mm"], c["z_mm"], c.get("footprint_fraction", c["injury"]),
                                                      c["dx_mm"]) if z == top and f >= 0.5]
            return max(xs, default=0.0)
    return 0.25


# ---------------------------------------------------------------- sweep ---

def sweep_figures(directory, summary, written):
    c = read_csv(os.path.join(directory, "sweep.csv"))
    keys = list(c.keys())
    parameters = keys[1:keys.index("status")]
    ok = [i for i, s in enumerate(c["status"]) if s == "ok"]
    output = next((k for k in ("collagen_gain_percent_day180", "peak_force_N", "puncture_force_N")
                   if k in c), None)
    varied = [p for p in parameters if len({c[p][i] for i in ok}) > 1]
    if output and varied and ok:
        fig, axes = plt.subplots(1, len(varied), figsize=(3.2 * len(varied), 3.4), sharey=True,
                                 squeeze=False)
        for ax, p in zip(axes[0], varied):
            levels = sorted({c[p][i] for i in ok}, key=lambda v: (isinstance(v, str), v))
            values = [[c[output][i] for i in ok if c[p][i] == v] for v in levels]
            mean = [sum(v) / len(v) for v in values]
            x = list(range(len(levels)))
            ax.errorbar(x, mean, yerr=[[m - min(v) for m, v in zip(mean, values)],
                                       [max(v) - m for m, v in zip(mean, values)]],
                        fmt="o-", capsize=4, color=COLOURS[0])
            ax.set_xticks(x, [f"{v:g}" if isinstance(v, float) else str(v) for v in levels])
            ax.set_xlabel(p.split(".")[-1])
        axes[0][0].set_ylabel(output.replace("_", " "))
        fig.suptitle("Main effects (mean over the other parameters; bars: their range)")
        save(fig, directory, "sweep_effects", written)
    shown = parameters + ["status"] + ([output] if output else [])
    rows = [[fmt(c[k][i]) for k in shown] for i in range(len(c["status"]))]
    fig, ax = plt.subplots(figsize=(1.6 * len(shown), 0.3 * len(rows) + 0.8))
    ax.axis("off")
    table = ax.table(cellText=rows, colLabels=[k.split(".")[-1] for k in shown], loc="center")
    table.auto_set_font_size(False)
    table.set_fontsize(8)
    save(fig, directory, "sweep_table", written)


def fmt(v):
    return f"{v:.4g}" if isinstance(v, float) else str(v)


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0 if len(argv) == 2 else 1
    directory = argv[1]
    if not os.path.isdir(directory):
        print(f"needlesim plot: error: '{directory}' is not a run directory", file=sys.stderr)
        return 1
    style()
    summary = read_summary(directory)
    has = lambda name: os.path.exists(os.path.join(directory, name))  # noqa: E731
    figures = []
    if has("force_depth.csv"):
        figures.append(force_travel)
    if has("energy_balance.csv"):
        figures.append(energy_partition)
    if has("injury_kernel.csv"):
        figures.append(injury_field)
    if has("timeline.csv") and has("sessions.csv"):
        figures.append(collagen_timeline)
    if has("punctures.csv") and has("sessions.csv"):
        figures.append(session_map)
    if has("sweep.csv"):
        figures.append(sweep_figures)
    if not figures:
        print(f"needlesim plot: error: no run results (force_depth.csv, timeline.csv, sweep.csv) in "
              f"'{directory}'", file=sys.stderr)
        return 1
    written = []
    for figure in figures:
        figure(directory, summary, written)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
