#pragma once
// Progress of a run on stderr (MPI rank 0): one line per load step with the
// time reached, Newton and Krylov iterations, the final residual, the elapsed
// wall time and an estimate of the time remaining.

#include "finite_strain_solid.h"

#include <mpi.h>

#include <chrono>
#include <string>

namespace needlesim
{
  /// A number as people write it in a message (6 significant digits).
  std::string
  format_number(double x);

  class Progress
  {
  public:
    /// @p t_end: end time of the run [s], used for the estimate.
    Progress(MPI_Comm comm, double t_end, bool enabled = true, bool verbose = false);

    /// Reports one Newton iteration (verbose mode only).
    void
    newton_iteration(const NewtonIterationInfo &info) const;
    /// Reports a load step that reached time @p t.
    void
    load_step(unsigned int step, double t, unsigned int cuts, const StepReport &report);
    /// Reports a time step that reached time @p t in @p unit (e.g. a healing
    /// step in days): Newton and Krylov iterations and an optional @p detail.
    void
    time_step(unsigned int       step,
              double             t,
              const std::string &unit,
              unsigned int       newton,
              unsigned int       krylov,
              const std::string &detail = "") const;
    /// Whether lines are printed.
    bool
    is_enabled() const
    {
      return enabled;
    }
    /// A one-off message.
    void
    message(const std::string &text) const;
    /// Seconds since construction.
    double
    elapsed() const;

  private:
    const bool                                  enabled;
    const bool                                  verbose;
    const double                                t_end;
    const std::chrono::steady_clock::time_point start;
  };
} // namespace needlesim
