#!/bin/bash
# Robustness of the stroke where users go : one run per
# case, JOBS (default 2) at a time, one rank each; prints a markdown table with one row
# per case: finished, wall time, load steps, Newton iterations per step,
# energy balance error (or the first line of the error message).
#   bench/stroke_robustness.sh
set -eu
cd "$(dirname "$0")/.."
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
work=$(mktemp -d)
root=$(pwd)
# name|settings (subsection/parameter=value;...)
cat > "$work/cases" <<'CASES'
depth 0.25 mm|Needle motion/Depth setting=0.25
depth 0.5 mm (default)|
depth 1.0 mm|Needle motion/Depth setting=1.0;Needle motion/Steps per stroke=36
depth 1.5 mm|Needle motion/Depth setting=1.5;Needle motion/Steps per stroke=36
depth 2.5 mm|Needle motion/Depth setting=2.5;Needle motion/Steps per stroke=48
tip 2.5 um|Needle/Tip radius=0.0025;Mesh/Element size at needle=0.00125
tip 10 um|Needle/Tip radius=0.01
tip 20 um|Needle/Tip radius=0.02
tip 40 um|Needle/Tip radius=0.04
constant speed 0.5 mm/s|Needle motion/Motion=constant speed;Needle motion/Speed=0.5
constant speed 1 m/s|Needle motion/Motion=constant speed;Needle motion/Speed=1000
constant speed 5 m/s|Needle motion/Motion=constant speed;Needle motion/Speed=5000
forehead|Skin/Region=forehead
periorbital|Skin/Region=periorbital
perioral|Skin/Region=perioral
chin|Skin/Region=chin
neck|Skin/Region=neck
CASES
run_case() {
  name=$(echo "$1" | cut -d'|' -f1)
  settings=$(echo "$1" | cut -d'|' -f2)
  dir="$work/$(echo "$name" | tr -c 'a-zA-Z0-9' '_')"
  mkdir -p "$dir"
  {
    echo "include $root/scenarios/stroke-pen.prm"
    echo "subsection Cutting"
    echo "  set Section table cache = $root/scenarios/sections"
    echo "end"
    echo "subsection Output"
    echo "  set Write fields = false"
    echo "end"
    echo "$settings" | tr ';' '\n' | while IFS='=' read -r path value; do
      [ -n "$path" ] || continue
      echo "subsection ${path%/*}"
      echo "  set ${path##*/} = $value"
      echo "end"
    done
  } > "$dir/case.prm"
  start=$(date +%s.%N)
  if build/needlesim run "$dir/case.prm" -o "$dir/out" --quiet > "$dir/log" 2>&1; then
    s="$dir/out/summary.json"
    value() { grep -o "\"$1\": [-0-9.e+]*" "$s" | head -1 | cut -d' ' -f2; }
    printf '| %s | yes | %.0f s | %.0f | %.1f | %+.2f %% |\n' "$name" "$(value wall_time_s)" \
      "$(value load_steps)" "$(value newton_iterations_per_step)" \
      "$(awk -v e="$(value energy_balance_error)" 'BEGIN { print e * 100 }')"
  else
    printf '| %s | no | %.0f s | | | %s |\n' "$name" "$(echo "$(date +%s.%N) - $start" | bc -l)" \
      "$(grep -m1 error "$dir/log" | cut -c1-140)"
  fi
}
echo "| case | finished | wall time (1 rank) | load steps | Newton / step | energy balance error |"
echo "|---|---|---|---|---|---|"
while IFS= read -r line; do
  run_case "$line" &
  [ "$(jobs -rp | wc -l)" -lt "${JOBS:-2}" ] || wait -n
done < "$work/cases"
wait
rm -rf "$work"
