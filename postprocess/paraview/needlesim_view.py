"""Pieces shared by the ParaView scripts of this folder: a white render
view, a colour map with a fixed (or the data's) range and its bar, a title,
and running a script either in the GUI or in batch (a still image and one
PNG frame per time step)."""
import os
import sys

from paraview.simple import (AnnotateTimeFilter, ColorBy, GetActiveViewOrCreate, GetAnimationScene,
                             GetColorTransferFunction, GetScalarBar, Render, SaveAnimation, SaveScreenshot,
                             Show, Text)


def white_view(size):
    view = GetActiveViewOrCreate("RenderView")
    view.ViewSize = size
    view.Background = [1.0, 1.0, 1.0]
    try:  # ParaView 5.10+: the background of the view itself, not the palette's
        view.UseColorPaletteForBackground = 0
    except AttributeError:
        pass
    return view


def colour_by(display, view, field, limits, title):
    """Colours @display by the point field, Viridis (readable in grey), over
    the fixed range @limits (or the data's range if None)."""
    ColorBy(display, ("POINTS", field))
    lut = GetColorTransferFunction(field)
    lut.ApplyPreset("Viridis (matplotlib)", True)
    if limits:
        lut.RescaleTransferFunction(*limits)
        lut.AutomaticRescaleRangeMode = "Never"
    bar = GetScalarBar(lut, view)
    bar.Title = title
    bar.ComponentTitle = ""
    bar.TitleColor = bar.LabelColor = [0.0, 0.0, 0.0]
    display.SetScalarBarVisibility(view, True)


def title(view, text):
    shown = Show(Text(Text=text), view)
    shown.Color = [0.0, 0.0, 0.0]
    shown.FontSize = 14
    shown.WindowLocation = "Upper Center"


def clock(view, source, template, scale=1.0):
    """The time of @source (times @scale) in the upper left corner, with a
    Python format such as "day {time:.0f}"."""
    shown = Show(AnnotateTimeFilter(Input=source, Format=template, Scale=scale), view)
    shown.Color = [0.0, 0.0, 0.0]
    shown.FontSize = 16
    shown.WindowLocation = "Upper Left Corner"


def run(build, default_run, still, frames, still_size, frame_size):
    """GUI (no arguments; the run from NEEDLESIM_RUN or @default_run): the
    pipeline of build(run) ready to play. Batch (RUN_DIR [OUT_DIR]): the
    still image OUT_DIR/@still.png at the time build chose, and the frames
    OUT_DIR/@frames.NNNN.png of every time step; prints the still's path.
    build(run) returns (view, times, time of the still)."""
    batch = len(sys.argv) > 1
    directory = sys.argv[1] if batch else os.environ.get("NEEDLESIM_RUN", default_run)
    view, times, still_time = build(directory)
    scene = GetAnimationScene()
    scene.UpdateAnimationUsingDataTimeSteps()
    if not batch:
        Render()
        return
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(directory, "figures")
    os.makedirs(out, exist_ok=True)
    scene.AnimationTime = still_time
    Render(view)
    SaveScreenshot(os.path.join(out, still + ".png"), view, ImageResolution=still_size)
    SaveAnimation(os.path.join(out, frames + ".png"), view, ImageResolution=frame_size,
                  FrameWindow=[0, len(times) - 1])
    print(os.path.join(out, still + ".png"))
