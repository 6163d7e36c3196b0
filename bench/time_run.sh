#!/bin/sh
# Whole-run wall time and peak memory of a scenario on 1 and 2 MPI ranks.
#   bench/time_run.sh [SCENARIO]   (default: scenarios/default.prm)
# Prints one line per rank count: ranks, wall seconds, peak RSS per rank
# [MB], unknowns, load steps, Newton iterations and Krylov iterations.
set -eu
cd "$(dirname "$0")/.."
SCENARIO="${1:-scenarios/default.prm}"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
value() { grep -o "\"$1\": [-0-9.e+]*" "$2" | head -1 | cut -d' ' -f2; }
for np in 1 2; do
  out=$(mktemp -d)
  /usr/bin/time -f "%e %M" -o "$out/time" \
    mpirun -np "$np" build/needlesim run "$SCENARIO" -o "$out/run" --quiet
  read -r wall rss < "$out/time"
  s="$out/run/summary.json"
  echo "ranks=$np wall_s=$wall peak_rss_MB=$((rss / 1024)) unknowns=$(value n_unknowns "$s")" \
       "load_steps=$(value load_steps "$s") newton=$(value newton_iterations "$s")" \
       "krylov=$(value krylov_iterations "$s")"
  rm -rf "$out"
done
