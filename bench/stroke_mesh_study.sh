#!/bin/sh
# Mesh study of the axisymmetric stroke: scenarios/stroke-pen.prm on a base
# mesh of 5 um at the needle (growth 1.44 per cell), refined globally 0, 1, 2
# times (5, 2.5, 1.25 um at the needle; channel cells 31, 16, 8 um), one rank.
#   bench/stroke_mesh_study.sh [SCENARIO] [STEPS_PER_STROKE]
# (STEPS_PER_STROKE: load steps per stroke on every level; default: the
# scenario's own.)
# Prints per level: element size, unknowns, the summary's mesh-study keys
# (with the injury footprint the treatment uses) and the wall time.
set -eu
cd "$(dirname "$0")/.."
SCENARIO="${1:-scenarios/stroke-pen.prm}"
STEPS="${2:-}"
case "$SCENARIO" in /*) ;; *) SCENARIO="$(pwd)/$SCENARIO" ;; esac
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
value() { grep -o "\"$1\": [-0-9.e+]*" "$2" | head -1 | cut -d' ' -f2; }
work=$(mktemp -d)
for k in 0 1 2; do
  cat > "$work/level.prm" <<PRM
include $SCENARIO
subsection Mesh
  set Element size at needle = 0.005
  set Growth factor          = 1.44
  set Global refinements     = $k
end
subsection Cutting
  set Section table cache = $(pwd)/scenarios/sections
end
subsection Output
  set Write fields = false
end
PRM
  if [ -n "$STEPS" ]; then
    printf 'subsection Needle motion\n  set Steps per stroke = %s\nend\n' "$STEPS" >> "$work/level.prm"
  fi
  build/needlesim run "$work/level.prm" -o "$work/r$k" --quiet
  s="$work/r$k/summary.json"
  echo "refinements=$k unknowns=$(value n_unknowns "$s") puncture_depth_mm=$(value puncture_depth_mm "$s")" \
       "tenting_mm=$(value tenting_mm "$s") puncture_force_N=$(value puncture_force_N "$s")" \
       "force_drop_at_puncture_N=$(value force_drop_at_puncture_N "$s")" \
       "peak_force_N=$(value peak_force_N "$s") channel_depth_mm=$(value channel_depth_mm "$s")" \
       "channel_width_mm=$(value channel_width_mm "$s") injured_volume_mm3=$(value injured_volume_mm3 "$s")" \
       "footprint_area_mm2=$(value footprint_area_mm2 "$s")" \
       "footprint_volume_papillary_dermis_mm3=$(value footprint_volume_papillary_dermis_mm3 "$s")" \
       "footprint_volume_reticular_dermis_mm3=$(value footprint_volume_reticular_dermis_mm3 "$s")" \
       "energy_balance_error=$(value energy_balance_error "$s") wall_s=$(value wall_time_s "$s")"
done
rm -rf "$work"
