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

from paraview.simple import (Clip, ColorBy, GetActiveViewOrCreate, GetAnimationScene,
                             GetColorTransferFunction, GetScalarBar, PVDReader, Render,
                             SaveAnimation, SaveScreenshot, Show, Text)

FIELD = "collagen_gain_percent"
RANGE = (-20.0, 60.0)  # [%]: the disrupted channels to the gains of months


def patch_view(run):
    patch = PVDReader(FileName=os.path.join(run, "solution.pvd"))
    cut = Clip(Input=patch, ClipType="Plane")
    cut.ClipType.Origin = [0.0, 0.0, 0.0]
    cut.ClipType.Normal = [0.0, 1.0, 0.0]
    view = GetActiveViewOrCreate("RenderView")
    view.ViewSize = [1000, 700]
    view.OrientationAxesVisibility = 1
    view.Background = [1.0, 1.0, 1.0]
    try:
        view.UseColorPaletteForBackground = 0
    except AttributeError:
        pass
    display = Show(cut, view)
    ColorBy(display, ("POINTS", FIELD))
    lut = GetColorTransferFunction(FIELD)
    lut.ApplyPreset("Viridis (matplotlib)", True)
    lut.RescaleTransferFunction(*RANGE)
    lut.AutomaticRescaleRangeMode = "Never"
    bar = GetScalarBar(lut, view)
    bar.Title = "collagen gain [%]"
    bar.ComponentTitle = ""
    bar.TitleColor = bar.LabelColor = [0.0, 0.0, 0.0]
    display.SetScalarBarVisibility(view, True)
    text = Show(Text(Text="treated skin patch, cut at y = 0 (mm); time in days"), view)
    text.Color = [0.0, 0.0, 0.0]
    text.FontSize = 14
    text.WindowLocation = "Upper Center"
    Render(view)
    view.CameraPosition = [4.0, 9.0, 3.0]  # facing the cut (the kept half is y < 0)
    view.CameraFocalPoint = [0.0, 0.0, -0.6]
    view.CameraViewUp = [0.0, 0.0, 1.0]
    view.ResetCamera()
    return view, list(patch.TimestepValues)


def main():
    batch = len(sys.argv) > 1
    run = sys.argv[1] if batch else os.environ.get("NEEDLESIM_RUN", "out/treatment-cheek")
    view, times = patch_view(run)
    scene = GetAnimationScene()
    scene.UpdateAnimationUsingDataTimeSteps()
    if not batch:
        Render()
        return
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(run, "figures")
    os.makedirs(out, exist_ok=True)
    scene.AnimationTime = times[-1]
    Render(view)
    SaveScreenshot(os.path.join(out, "patch_last.png"), view, ImageResolution=[1000, 700])
    SaveAnimation(os.path.join(out, "patch.png"), view, ImageResolution=[500, 350],
                  FrameWindow=[0, len(times) - 1])
    print(os.path.join(out, "patch_last.png"))


main()
