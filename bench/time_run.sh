#!/bin/sh
# Whole-run wall time and peak memory of a scenario on 1 and 2 MPI ranks.
#   bench/time_run.sh [SCENARIO]   (default: scenarios/default.prm)
# Prints one line per rank count: ranks, wall seconds, peak RSS per rank
# [MB], unknowns, load steps, Newton iterations and Krylov iterations (for a
# treatment: patch unknowns, healing steps, Newton iterations per step and
# Krylov iterations per Newton iteration; its stroke kernel must be cached,
# or the first run also solves the stroke).
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
  if grep -q '"healing_steps"' "$s"; then
    echo "ranks=$np wall_s=$wall peak_rss_MB=$((rss / 1024))" \
         "patch_unknowns=$(value patch_unknowns "$s") healing_steps=$(value healing_steps "$s")" \
         "newton_per_step=$(value newton_iterations_per_step "$s")" \
         "krylov_per_newton=$(value krylov_iterations_per_newton "$s")"
  else
    echo "ranks=$np wall_s=$wall peak_rss_MB=$((rss / 1024)) unknowns=$(value n_unknowns "$s")" \
         "load_steps=$(value load_steps "$s") newton=$(value newton_iterations "$s")" \
         "krylov=$(value krylov_iterations "$s")"
  fi
  rm -rf "$out"
done
