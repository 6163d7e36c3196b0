#pragma once
// A rigid punch pressed into the layered skin block by a prescribed surface
// displacement (ramp to the depth, then hold so that viscoelastic layers
// relax). The core problem of needlesim before needle contact and cutting:
// it exercises the layered mesh, the materials, the solver and the outputs.

#include "progress.h"
#include "run_results.h"
#include "scenario.h"

#include <mpi.h>

#include <string>

namespace needlesim
{
  /// Runs the indentation scenario @p s, writing fields into @p directory;
  /// returns the scalar results and curves. Throws ConvergenceFailure if a
  /// load step cannot be solved.
  RunResults
  run_indentation(const Scenario &s, const std::string &directory, Progress &progress,
                  MPI_Comm comm);
} // namespace needlesim
