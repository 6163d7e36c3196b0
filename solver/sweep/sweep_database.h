#pragma once
// The results of a sweep on disk. While the sweep runs, every finished point
// is a directory of its own, created atomically (RunDirectory: staged, then
// renamed), which is the sweep's journal:
//
//   DIR/points/00012/          point 12 succeeded: point.json, summary.json,
//                              CSV curves, results.h5 (as from needlesim run)
//   DIR/points/00012.failed/   point 12 failed or was invalid: point.json,
//                              failure.txt and whatever had converged
//
// A killed sweep leaves at most "<point>.partial" staging directories, which
// are not results and are removed when the sweep is resumed. The tables
// DIR/results.h5 and DIR/sweep.csv are merged from the journal into temporary
// files and renamed over the previous ones, so a reader never sees a
// half-written table.
//
// results.h5 (h5py, pandas, MATLAB; see docs/user-guide.md):
//   /            attributes: base_scenario, base_parameters (full .prm),
//                sweep_file, sweep_definition, design, git_revision, units
//   /table       one 1-d dataset per column, one row per point; attribute
//                "columns" lists them in order: point, the swept parameters,
//                status, reason, wall_time_s, every scalar of summary.json
//   /points/00012/<curve>  2-d datasets with attribute "columns"

#include "run_results.h"
#include "sweep_design.h"

#include <string>

namespace needlesim
{
  struct SweepPointRecord
  {
    std::string status;          ///< "ok", "suspect", "failed" or "invalid"
    std::string reason;          ///< why a point failed (empty if ok)
    double      wall_time = 0.0; ///< [s]
  };

  namespace SweepJournal
  {
    /// Makes DIR with design.csv and a copy of the sweep file, or checks
    /// that an existing DIR holds the same design (a resumed sweep). Returns
    /// an error text (empty if fine).
    std::string
    open(const SweepDesign &design, const std::string &sweep_directory);
    /// DIR/points/NNNNN (without suffix).
    std::string
    point_directory(const std::string &sweep_directory, unsigned int point);
    /// Whether point @p point has finished (succeeded, failed or invalid).
    bool
    is_finished(const std::string &sweep_directory, unsigned int point);
    /// Number of finished points among the first @p n_points.
    unsigned int
    n_finished(const std::string &sweep_directory, unsigned int n_points);
    /// Writes point.json into a point's staging directory.
    void
    write_record(const std::string &staging, const SweepPointRecord &record);
    /// Mean wall time of the finished points with status ok (0 if none).
    double
    mean_wall_time(const std::string &sweep_directory, unsigned int n_points);
  } // namespace SweepJournal

  /// Merges the finished points of @p design in @p sweep_directory into
  /// results.h5 and sweep.csv there (atomically: temporary file + rename).
  /// Returns the number of rows written.
  unsigned int
  write_sweep_tables(const SweepDesign &design, const std::string &sweep_directory);
} // namespace needlesim
