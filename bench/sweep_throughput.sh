#!/bin/sh
# Throughput of a sweep on 1 and 2 MPI ranks (one point per rank at a time)
# and the parallel efficiency E = T_1 / (2 T_2).
#   bench/sweep_throughput.sh [SWEEP]   (default: scenarios/sweep-stroke.prm)
# Prints one line per rank count (ranks, wall seconds, points, failed points,
# points per hour, peak RSS of the largest process [MB]) and the efficiency.
# Stroke kernels of treatment sweeps must be cached, or the first run also
# solves them (and the second reuses them).
set -eu
cd "$(dirname "$0")/.."
SWEEP="${1:-scenarios/sweep-stroke.prm}"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
t1=""
for np in 1 2; do
  out=$(mktemp -d)
  /usr/bin/time -f "%e %M" -o "$out/time" \
    mpirun -np "$np" build/needlesim sweep "$SWEEP" -o "$out/sweep" --quiet
  read -r wall rss < "$out/time"
  points=$(($(wc -l < "$out/sweep/sweep.csv") - 1))
  failed=$(tail -n +2 "$out/sweep/sweep.csv" | grep -c -v ',ok,' || true)
  echo "ranks=$np wall_s=$wall points=$points failed=$failed" \
       "points_per_hour=$(awk "BEGIN { printf \"%.1f\", $points * 3600 / $wall }")" \
       "peak_rss_MB=$((rss / 1024))"
  if [ -z "$t1" ]; then t1=$wall; else
    echo "parallel_efficiency=$(awk "BEGIN { printf \"%.2f\", $t1 / (2 * $wall) }")"
  fi
  rm -rf "$out"
done
