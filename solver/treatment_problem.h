#pragma once
// A microneedling treatment on a skin patch (DESIGN.md §5):
//
//  1. the stroke kernel: one needle stroke of the device's needle, depth and
//     speed, solved by the stroke model (stroke_problem.h) once and cached
//     under Patch/Kernel cache by a hash of every parameter it depends on;
//  2. per session, every puncture site of every pass (models/device_pattern.h)
//     and the injury on the patch, the union 1 - D = prod_k (1 - D_k) of the
//     kernels rotated to each crack and dragged by the glide, averaged over
//     each cell by sampling;
//  3. the healing and remodeling that follow (healing_solver.h), from the
//     first session to the end of the follow-up, with adaptive time steps:
//     small after each session, growing to days in between;
//  4. the clinical numbers: injured volume per layer and session, whether the
//     superficial vascular plexus was reached (pinpoint bleeding), erythema
//     duration, collagen gain per layer at days 90 and 180 and the time until
//     the papillary-dermis gain becomes visible.

#include "progress.h"
#include "run_results.h"
#include "scenario.h"

#include <mpi.h>

#include <string>

namespace needlesim
{
  /// Runs the treatment scenario @p s, writing the patch fields into
  /// @p directory (time in days); returns the clinical numbers and the
  /// curves timeline, sessions and punctures. Throws ConvergenceFailure if a
  /// healing step cannot be solved.
  RunResults
  run_treatment(const Scenario &s, const std::string &directory, Progress &progress,
                MPI_Comm comm);

  /// The key under which the stroke kernel of @p s at depth setting
  /// @p depth is cached: a hash of the scenario's parameters that the stroke
  /// depends on (everything but the treatment's own sections).
  std::string
  stroke_kernel_key(const Scenario &s, double depth);
} // namespace needlesim
