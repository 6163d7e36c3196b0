#pragma once
// One scenario, start to finish: the problem its Problem/Type names, solved
// into the staging directory of a RunDirectory, and its result files
// (summary.json, CSV curves, results.h5) written there. Shared by
// `needlesim run` and every point of `needlesim sweep`.

#include "progress.h"
#include "run_results.h"
#include "scenario.h"

#include <mpi.h>

#include <string>
#include <vector>

namespace needlesim
{
  /// What a run finds wrong with its own physics: an energy balance outside
  /// its tolerance, a negative dissipation, load steps that converged only
  /// at the limit of the step cuts, a treatment's stroke kernel with any of
  /// these ("stroke_kernel_check"). Empty if nothing.
  std::vector<std::string>
  suspicions(const RunResults &results, const OutputSettings &output);

  /// Solves @p s on @p comm and writes its results into @p staging (rank 0
  /// writes the files), with "status" "completed", or "suspect" and the
  /// "suspect_reasons" (suspicions()). Throws ConvergenceFailure if the
  /// solve fails.
  RunResults
  run_scenario(const Scenario &s, const std::string &staging, Progress &progress, MPI_Comm comm);
} // namespace needlesim
