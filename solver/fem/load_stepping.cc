#include "load_stepping.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace needlesim
{
  template <int dim>
  void
  advance_to(FiniteStrainSolid<dim>                         &solid,
             const double                                    t_target,
             const unsigned int                              max_cuts,
             const std::function<void(const SubstepInfo &)> &on_substep)
  {
    const double full_step = t_target - solid.time();
    double       dt        = full_step;
    unsigned int cuts      = 0;
    while (solid.time() < t_target - 1e-12 * std::abs(full_step))
      {
        const double     t_new  = std::min(solid.time() + dt, t_target);
        const StepReport report = solid.solve_step(t_new);
        if (report.converged)
          {
            solid.commit_step();
            if (on_substep)
              on_substep({t_new, dt, cuts, report});
            dt   = std::min(2.0 * dt, full_step);
            cuts = 0;
            continue;
          }
        if (cuts == max_cuts)
          {
            std::ostringstream msg;
            msg << "the solver could not advance from t = " << solid.time()
                << " s towards t = " << t_target << " s even with the step cut " << max_cuts
                << " times (last step " << dt << " s): " << report.failure;
            throw ConvergenceFailure(msg.str());
          }
        dt *= 0.5;
        ++cuts;
      }
  }

  StepSizeController::StepSizeController(const double nominal_, const unsigned int max_cuts)
    : nominal(nominal_)
    , smallest(nominal_ * std::pow(0.25, max_cuts))
    , current(nominal_)
  {}



  void
  StepSizeController::converged(const unsigned int newton_iterations)
  {
    if (newton_iterations <= 4)
      current = std::min(1.5 * current, nominal);
    else if (newton_iterations > 8)
      current = std::max(0.7 * current, smallest);
  }



  bool
  StepSizeController::failed()
  {
    if (current <= smallest * (1.0 + 1e-12))
      return false;
    cut();
    return true;
  }



  void
  StepSizeController::cut()
  {
    current = std::max(0.25 * current, smallest);
  }



  template void
  advance_to<2>(FiniteStrainSolid<2> &,
                double,
                unsigned int,
                const std::function<void(const SubstepInfo &)> &);
  template void
  advance_to<3>(FiniteStrainSolid<3> &,
                double,
                unsigned int,
                const std::function<void(const SubstepInfo &)> &);
} // namespace needlesim
