#pragma once
// Where a run's wall time went: the sections of deal.II TimerOutput objects
// (assembly of the solid and of each interaction, linear solver set-up and
// solves, output, ...) reported as the "timing" block of summary.json and
// as a table in the run log.

#include "progress.h"
#include "run_results.h"

#include <deal.II/base/timer.h>

#include <mpi.h>

#include <vector>

namespace needlesim
{
  /// Adds the wall time of every section of @p timers (the largest over the
  /// ranks of @p comm) to @p results as the block "timing", keys
  /// "<section>_s" (lower case, '_' for every other character), with
  /// "total_s" = @p total_seconds and "other_s" the rest (0 when the
  /// sections, each the largest over the ranks, add up to more than the
  /// total); prints the table through @p progress. Collective over @p comm.
  void
  report_timing(const std::vector<const dealii::TimerOutput *> &timers,
                double                                          total_seconds,
                MPI_Comm                                        comm,
                RunResults                                     &results,
                const Progress                                 &progress);
} // namespace needlesim
