#pragma once
// `needlesim sweep SWEEP.prm [-o DIR] [--dry-run]`: runs the points of a
// sweep (sweep_design.h) on every MPI rank and merges their results
// (sweep_database.h).
//
// Scheduling. Ranks form teams: one rank per team ("Ranks per point = 1",
// each point on its own serial mesh) or one team of all ranks ("all", each
// point on the distributed mesh). A team takes the next task that no other
// team has claimed; a claim is a file created with O_CREAT | O_EXCL in
// DIR/claims, so the balancing is dynamic (a team that finishes early takes
// more points) without a master rank and without messages during the run.
// First the stroke kernels that treatment points need are solved, one task
// per distinct kernel, so points that share a stroke share its kernel; then
// the points themselves.
//
// Resuming. Claims do not survive a restart (rank 0 clears them before any
// team starts); finished points (sweep_database.h) are skipped, so a killed
// sweep restarted with the same command computes only what is missing. A
// different sweep file in the same DIR is refused.

#include <mpi.h>

#include <string>

namespace needlesim
{
  struct SweepOptions
  {
    std::string output_directory; ///< empty: out/<sweep file stem>
    bool        dry_run = false;
    bool        quiet   = false; ///< no progress line
  };

  /// Returns the exit code: 0 when every point has finished (failed points
  /// included: they are rows with their status), 1 on bad input (nothing
  /// written).
  int
  run_sweep(const std::string &sweep_file, const SweepOptions &options, MPI_Comm comm);
} // namespace needlesim
