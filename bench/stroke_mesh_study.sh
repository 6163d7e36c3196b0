#!/bin/sh
# Mesh study of the stroke: scenarios/stroke-pen.prm with the element size at
# the needle c/2, c/3, c/4 (c = 0.125 mm, the crack half-length), one rank.
#   bench/stroke_mesh_study.sh [SCENARIO]
# Prints per level: element size, unknowns, puncture travel, tenting, peak
# force, channel depth and width, injured volume, wall time.
set -eu
cd "$(dirname "$0")/.."
SCENARIO="$(pwd)/${1:-scenarios/stroke-pen.prm}"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
value() { grep -o "\"$1\": [-0-9.e+]*" "$2" | head -1 | cut -d' ' -f2; }
work=$(mktemp -d)
for h in 0.0625 0.041667 0.03125; do
  cat > "$work/level.prm" <<PRM
include $SCENARIO
subsection Mesh
  set Element size at needle = $h
end
subsection Output
  set Write fields = false
end
PRM
  build/needlesim run "$work/level.prm" -o "$work/h$h" --quiet
  s="$work/h$h/summary.json"
  echo "h_mm=$h unknowns=$(value n_unknowns "$s") puncture_depth_mm=$(value puncture_depth_mm "$s")" \
       "tenting_mm=$(value tenting_mm "$s") puncture_force_N=$(value puncture_force_N "$s")" \
       "peak_force_N=$(value peak_force_N "$s") channel_depth_mm=$(value channel_depth_mm "$s")" \
       "channel_width_mm=$(value channel_width_mm "$s") injured_volume_mm3=$(value injured_volume_mm3 "$s")" \
       "wall_s=$(value wall_time_s "$s")"
done
rm -rf "$work"
