#pragma once
// A microneedling treatment on a skin patch (docs/theory.md §10), run by
// the TreatmentRun of treatment_problem.cc in four parts:
//
//  1. the stroke kernels (stroke_kernel_cache.h): one needle stroke of the
//     device's needle per depth setting, solved by the stroke model once and
//     cached by a hash of every parameter it depends on;
//  2. per session the injury on the patch (session_injury.h): every puncture
//     of every pass (models/treatment/device_pattern.h), the kernels rotated
//     to each crack and dragged by the glide, united as 1 - D = prod_k (1 - D_k)
//     and averaged over each cell;
//  3. the healing and remodeling that follow (healing_solver.h), from the
//     first session to the end of the follow-up, with the sessions as events
//     of its adaptive time steps (healing_step_control.h);
//  4. the clinical numbers (clinical_metrics.h): injured volume per layer and
//     session, whether the superficial vascular plexus was reached (pinpoint
//     bleeding), redness, re-epithelialisation, collagen gain per layer at
//     days 90 and 180 and the time until the papillary gain becomes visible.

#include "progress.h"
#include "run_results.h"
#include "scenario.h"
#include "stroke_kernel_cache.h"

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

  /// The patch mesh: uniform lateral cells of Patch/Element size over the
  /// whole patch, graded in depth.
  SkinMeshSettings
  patch_mesh_settings(const TreatmentSettings &tr);
} // namespace needlesim
