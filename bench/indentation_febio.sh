#!/bin/bash
# The finite-strain contact benchmark against FEBio 4:
# scenarios/benchmarks/indentation-nNN.prm (ball-tipped needle 0.1 mm into a
# Neo-Hookean quarter block, 20 steps, the meshes FEBio solved) on 1 and 2
# MPI ranks, one run at a time. Prints one markdown table: mesh, unknowns,
# wall time on 1 and 2 ranks, Newton iterations, Krylov iterations per
# Newton iteration, peak memory per rank, the 2-rank timing split (assembly /
# linear solver), F(0.1 mm) and its difference from FEBio's force on the same
# mesh (scenarios/benchmarks/meshes/SOURCE.md; none for n24, n32).
#   bench/indentation_febio.sh [MESHES]   (default: "08 12 16 20 24 32")
#   RANKS="2" bench/indentation_febio.sh  (only the 2-rank runs)
set -eu
cd "$(dirname "$0")/.."
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
MESHES="${1:-08 12 16 20 24 32}"
RANKS="${RANKS:-1 2}"
declare -A febio=([08]=1.7388e-3 [12]=1.6203e-3 [16]=1.5884e-3 [20]=1.564e-3)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

echo "| mesh | unknowns | wall, 1 rank [s] | wall, 2 ranks [s] | Newton | Krylov per Newton | peak memory per rank [MB] | 2 ranks: assembly / preconditioner set-up / Krylov / direct [s] | F(0.1 mm) [N] | FEBio [N] | difference |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for n in $MESHES; do
  declare -A wall=([1]="-" [2]="-")
  s=""
  for np in $RANKS; do
    mpirun -np "$np" build/needlesim run "scenarios/benchmarks/indentation-n$n.prm" \
      -o "$work/n$n-$np" --quiet
    s="$work/n$n-$np/summary.json"
    wall[$np]=$(field "$s" "'%.1f' % d['wall_time_s']")
  done
  unknowns=$(field "$s" "'%d' % d['n_unknowns']")
  newton=$(field "$s" "'%d' % d['newton_iterations']")
  krylov=$(field "$s" "'%.1f' % (d['krylov_iterations'] / d['newton_iterations'])")
  memory=$(field "$s" "'%.0f' % d['peak_memory_per_rank_MB']")
  split=$(field "$s" "' / '.join('%.1f' % sum(v for k, v in d['timing'].items() if k.startswith(p)) for p in ('assembly', 'linear_solver_preconditioner', 'linear_solver_krylov', 'linear_solver_direct'))")
  force=$(field "$s" "'%.5e' % d['final_force_N']")
  if [ -n "${febio[$n]:-}" ]; then
    ref=${febio[$n]}
    diff=$(python3 -c "print('%+.2f %%' % (100 * ($force - $ref) / $ref))")
  else
    ref="-"; diff="-"
  fi
  echo "| n$n | $unknowns | ${wall[1]} | ${wall[2]} | $newton | $krylov | $memory | $split | $force | $ref | $diff |"
done
