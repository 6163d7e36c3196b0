#pragma once
// A microneedling treatment on a skin patch (DESIGN.md §5):
//
//  1. the stroke kernel: one needle stroke of the device's needle, depth and
//     speed, solved by the stroke model (stroke_problem.h) once and cached
//     under Patch/Kernel cache by a hash of every parameter it depends on;
//  2. per session, every puncture site of every pass (models/treatment/device_pattern.h)
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
#include <vector>

namespace needlesim
{
  /// Runs the treatment scenario @p s, writing the patch fields into
  /// @p directory (time in days); returns the clinical numbers and the
  /// curves timeline, sessions and punctures. Throws ConvergenceFailure if a
  /// healing step cannot be solved.
  RunResults
  run_treatment(const Scenario &s, const std::string &directory, Progress &progress, MPI_Comm comm);

  /// The key under which the stroke kernel of @p s at depth setting
  /// @p depth is cached: a hash of the scenario's parameters that the stroke
  /// depends on (everything but the treatment's own sections).
  std::string
  stroke_kernel_key(const Scenario &s, double depth);

  /// The patch mesh: uniform lateral cells of Patch/Element size over the
  /// whole patch, graded in depth.
  SkinMeshSettings
  patch_mesh_settings(const TreatmentSettings &tr);

  /// The depth settings of the treatment's sessions, one stroke kernel each.
  std::vector<double>
  stroke_kernel_depths(const Scenario &s);

  /// Makes sure the stroke kernel of @p s at @p depth is in the cache
  /// (Patch/Kernel cache): solves and stores it if it is not there; returns
  /// its directory. A kernel whose stroke failed is kept as "<key>.failed"
  /// and not solved again (ConvergenceFailure with the old reason).
  std::string
  cache_stroke_kernel(const Scenario &s, double depth, Progress &progress, MPI_Comm comm);
} // namespace needlesim
