"""A treatment's skin patch in ParaView: the collagen gain over days on the
patch cut open along its mid-plane (the layers stacked in depth, the surface
on top), with a fixed colour range; Viridis, readable in grey.

  GUI, ready to play:   scripts/pvbatch --gui --script=postprocess/paraview/treatment.py
                        (the run directory from NEEDLESIM_RUN, default
                        out/treatment-cheek)
  Frames to PNG:        scripts/pvbatch postprocess/paraview/treatment.py RUN_DIR [OUT_DIR]
                        (pvbatch with ParaView's Python, on Xvfb without a display); writes
                        OUT_DIR/patch_last.png and OUT_DIR/patch.NNNN.png
                        (OUT_DIR defaults to RUN_DIR/figures)

Lengths in mm, time in days; collagen_gain_percent = 100 (phi/phi_healthy - 1).
"""
import os
import sys

try:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
except NameError:  # the GUI's --script: run from the source directory
    sys.path.insert(0, os.path.join("postprocess", "paraview"))
from needlesim_view import clock, colour_by, run, title, white_view  # noqa: E402
from paraview.simple import Clip, PVDReader, Render, Show  # noqa: E402

FIELD = "collagen_gain_percent"
RANGE = (-20.0, 60.0)  # [%]: the disrupted channels to the gains of months


def patch_view(directory):
    patch = PVDReader(FileName=os.path.join(directory, "solution.pvd"))
    cut = Clip(Input=patch, ClipType="Plane")
    cut.ClipType.Origin = [0.0, 0.0, 0.0]
    cut.ClipType.Normal = [0.0, 1.0, 0.0]
    view = white_view([1000, 700])
    colour_by(Show(cut, view), view, FIELD, RANGE, "collagen gain [%]")
    title(view, "treated skin patch, cut at y = 0 (mm)")
    clock(view, patch, "day {time:.0f}")
    Render(view)
    view.CameraPosition = [4.0, 9.0, 3.0]  # facing the cut (the kept half is y < 0)
    view.CameraFocalPoint = [0.0, 0.0, -0.6]
    view.CameraViewUp = [0.0, 0.0, 1.0]
    view.ResetCamera()
    times = list(patch.TimestepValues)
    return view, times, times[-1]


run(patch_view, "out/treatment-cheek", "patch_last", "patch", [1000, 700], [500, 350])
