#include "progress.h"

#include <deal.II/base/mpi.h>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace needlesim
{
  std::string
  format_number(const double x)
  {
    std::ostringstream out;
    out << x;
    return out.str();
  }



  Progress::Progress(const MPI_Comm comm,
                     const double   t_end_,
                     const bool     enabled_,
                     const bool     verbose_)
    : enabled(enabled_ && dealii::Utilities::MPI::this_mpi_process(comm) == 0)
    , verbose(verbose_)
    , t_end(t_end_)
    , start(std::chrono::steady_clock::now())
  {}



  double
  Progress::elapsed() const
  {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }



  void
  Progress::load_step(const unsigned int step,
                      const double       t,
                      const unsigned int cuts,
                      const StepReport  &report)
  {
    char detail[96];
    std::snprintf(detail,
                  sizeof(detail),
                  "  residual %8.2e N%s",
                  report.residual,
                  cuts > 0 ? " (step cut)" : "");
    time_step(step, t, "s", report.newton_iterations, report.linear_iterations, detail);
  }



  void
  Progress::time_step(const unsigned int step,
                      const double       t,
                      const std::string &unit,
                      const unsigned int newton,
                      const unsigned int krylov,
                      const std::string &detail) const
  {
    if (!enabled)
      return;
    const double seconds   = elapsed();
    const double remaining = (t > 0.0 && t < t_end) ? seconds * (t_end - t) / t : 0.0;
    char         line[320];
    std::snprintf(line,
                  sizeof(line),
                  "step %4u  t = %-10.4g %-3s Newton %2u  Krylov %4u%s  elapsed %7.1f s"
                  "  remaining ~%6.1f s",
                  step,
                  t,
                  unit.c_str(),
                  newton,
                  krylov,
                  detail.c_str(),
                  seconds,
                  remaining);
    std::cerr << line << std::endl;
  }



  void
  Progress::newton_iteration(const NewtonIterationInfo &info) const
  {
    if (!enabled || !verbose)
      return;
    char line[256];
    std::snprintf(line,
                  sizeof(line),
                  "    Newton %2u  residual %9.3e N (tolerance %8.2e)  line search %5.3f"
                  "  %s %4u  assembly %6.2f s  solve %6.2f s",
                  info.iteration,
                  info.residual,
                  info.tolerance,
                  info.step_length,
                  info.direct_solve ? "direct" : "Krylov",
                  info.linear_iterations,
                  info.assembly_seconds,
                  info.solve_seconds);
    std::cerr << line << std::endl;
  }



  void
  Progress::message(const std::string &text) const
  {
    if (enabled)
      std::cerr << text << std::endl;
  }
} // namespace needlesim
