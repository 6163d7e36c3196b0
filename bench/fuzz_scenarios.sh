#!/bin/sh
# Nightly scenario fuzzing : 500 mutated scenarios (or $1), each
# validated with --check, then the same cases solved with a time cap
# (--run: a valid case runs to its end or is stopped after 60 s; its
# kernels and section tables go to temporary caches).
#   bench/fuzz_scenarios.sh [CASES] [SEED]
# Prints the count per exit status and every case that broke the contract
# (a signal, an internal error, not one error line, partial output).
set -eu
cd "$(dirname "$0")/.."
CASES="${1:-500}"
SEED="${2:-$(date +%Y%m%d)}"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
/usr/bin/python3 tests/cli/fuzz_scenarios.py build/needlesim scenarios --cases "$CASES" --seed "$SEED"
/usr/bin/python3 tests/cli/fuzz_scenarios.py build/needlesim scenarios --cases "$CASES" --seed "$SEED" --run
