#pragma once
// The stroke kernels of a treatment: one needle stroke per depth setting of
// the plan, solved by the stroke model (stroke_problem.h) once and cached
// under Patch/Kernel cache by a hash of every parameter the stroke depends
// on and the stroke model's version.

#include "progress.h"
#include "scenario.h"
#include "stroke_kernel.h"

#include <mpi.h>

#include <string>
#include <vector>

namespace needlesim
{
  /// One stroke of the device, as the treatment uses it.
  struct StrokeRecord
  {
    StrokeKernel kernel{{}};
    double       channel_depth   = 0.0; ///< [mm]
    double       puncture_travel = 0.0; ///< needle travel at puncture [mm]
    double       footprint_area  = 0.0; ///< living epidermis with D >= 1/2 [mm^2]
    std::string  deepest_layer;
    std::string  directory;
    /// What the kernel stroke's self-check (suspicions(), with the
    /// treatment's Output tolerances) finds wrong with it; empty if nothing.
    std::vector<std::string> suspicions;
  };


  /// The depth settings of the treatment's sessions, one stroke kernel each.
  std::vector<double>
  stroke_kernel_depths(const Scenario &s);

  /// Makes sure the stroke kernel of @p s at @p depth is in the cache
  /// (Patch/Kernel cache): solves and stores it if it is not there; returns
  /// its directory. A kernel whose stroke failed is kept as "<key>.failed"
  /// and not solved again (ConvergenceFailure with the old reason).
  std::string
  cache_stroke_kernel(const Scenario &s, double depth, Progress &progress, MPI_Comm comm);

  /// The key under which the stroke kernel of @p s at depth setting
  /// @p depth is cached: a hash of the scenario's parameters that the stroke
  /// depends on (everything but the treatment's own sections).
  std::string
  stroke_kernel_key(const Scenario &s, double depth);

  /// The stroke kernel for @p depth, read from the cache (solved and stored
  /// there first if it is not), with the numbers of its stroke.
  StrokeRecord
  load_stroke_kernel(const Scenario &s, double depth, Progress &progress, MPI_Comm comm);
} // namespace needlesim
