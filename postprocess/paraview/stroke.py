"""A needle stroke in ParaView: the skin mirrored about the needle axis,
warped by its displacement, coloured by the injury (0-1, Viridis: readable
in grey), and the needle going in and out. A 3-D quarter block (an
indentation) is reflected to the whole block and coloured by von Mises
stress.

  GUI, ready to play:   scripts/pvbatch --gui --script=postprocess/paraview/stroke.py
                        (the run directory from NEEDLESIM_RUN, default out/default)
  Frames to PNG:        scripts/pvbatch postprocess/paraview/stroke.py RUN_DIR [OUT_DIR]
                        (pvbatch with ParaView's Python, on Xvfb without a display); writes
                        OUT_DIR/stroke_deepest.png and OUT_DIR/stroke.NNNN.png
                        (OUT_DIR defaults to RUN_DIR/figures)

The stroke is axisymmetric: its mesh is the (r, z) half-plane with r = x and
the needle axis on x = 0; the mirror image about x = 0 shows the whole
section. Lengths in mm, time in s.
"""
import os
import sys

try:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
except NameError:  # the GUI's --script: run from the source directory
    sys.path.insert(0, os.path.join("postprocess", "paraview"))
from needlesim_view import clock, colour_by, run, title, white_view  # noqa: E402
from paraview.simple import GetAnimationScene, PVDReader, Reflect, Render, Show, WarpByVector  # noqa: E402

NEEDLE_COLOUR = [1.0, 0.4, 0.0]  # orange: not in Viridis, found by the tests


def stroke_view(directory):
    """Builds the pipeline and returns (view, times, deepest time)."""
    skin = PVDReader(FileName=os.path.join(directory, "solution.pvd"))
    bounds = skin.GetDataInformation().GetBounds()
    three_d = bounds[5] - bounds[4] > 0.0
    # the axisymmetric section mirrored about the axis x = 0; a 3-D quarter
    # block (symmetry planes x = 0 and y = 0) reflected twice
    mirrored = Reflect(Input=skin, Plane="X Min", CopyInput=1)
    if three_d:
        mirrored = Reflect(Input=mirrored, Plane="Y Min", CopyInput=1)
    warped = WarpByVector(Input=mirrored, Vectors=["POINTS", "displacement_mm"], ScaleFactor=1.0)
    view = white_view([1000, 800])
    view.OrientationAxesVisibility = 0
    display = Show(warped, view)
    # the injury (0-1) of a stroke; the von Mises stress of an indentation
    field, limits, name = (("injury", (0.0, 1.0), "injury D [-]") if "injury" in skin.PointData.keys()
                           else ("von_mises_MPa", None, "von Mises stress [MPa]"))
    colour_by(display, view, field, limits, name)

    times = list(skin.TimestepValues)
    deepest = times[len(times) // 2 - 1] if len(times) > 2 else times[-1]
    if three_d or not os.path.exists(os.path.join(directory, "needle.pvd")):
        # a 3-D block seen from above a corner, the stress range of its last step
        scene = GetAnimationScene()
        scene.UpdateAnimationUsingDataTimeSteps()
        scene.AnimationTime = times[-1]
        if not limits:
            display.RescaleTransferFunctionToDataRange(False, True)
        Render(view)
        view.CameraPosition = [3.0, -3.0, 2.5]
        view.CameraFocalPoint = [0.0, 0.0, -0.3]
        view.CameraViewUp = [0.0, 0.0, 1.0]
        view.ResetCamera()
        return view, times, times[-1]

    needle = Reflect(Input=PVDReader(FileName=os.path.join(directory, "needle.pvd")), Plane="X Min",
                     CopyInput=1)
    shown = Show(needle, view)
    shown.ColorArrayName = ["POINTS", ""]
    shown.AmbientColor = shown.DiffuseColor = NEEDLE_COLOUR
    shown.Ambient, shown.Diffuse = 1.0, 0.0  # flat: the same colour everywhere

    title(view, "needle stroke: injury on the deformed skin (mm)")
    clock(view, skin, "t = {time:.2f} ms", 1e3)

    # the needle's neighbourhood, from above the skin to below the full
    # depth (set after a first render, which resets the camera)
    Render(view)
    needle.UpdatePipeline(deepest)
    depth = -needle.GetDataInformation().GetBounds()[2]
    view.CameraParallelProjection = 1
    view.CameraPosition = [0.0, -0.45 * depth, 10.0]
    view.CameraFocalPoint = [0.0, -0.45 * depth, 0.0]
    view.CameraViewUp = [0.0, 1.0, 0.0]
    view.CameraParallelScale = 0.75 * depth + 0.2
    return view, times, deepest


run(stroke_view, "out/default", "stroke_deepest", "stroke", [1000, 800], [500, 400])
