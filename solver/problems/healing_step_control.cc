#include "healing_step_control.h"

#include "load_stepping.h"

#include <deal.II/base/utilities.h>

#include <algorithm>
#include <cmath>

namespace needlesim
{
  HealingStepControl::HealingStepControl(const double tolerance_, const double max_step_)
    : tolerance(tolerance_)
    , max_step(max_step_)
  {}



  double
  HealingStepControl::next(const double t, const double next_event) const
  {
    return std::min({dt, next_event - t, max_step});
  }



  void
  HealingStepControl::failed(const double t, const double h)
  {
    dt = 0.25 * h;
    if (dt < 1e-6)
      throw ConvergenceFailure(
        "healing step at day " + dealii::Utilities::to_string(t) +
        " did not converge even with dt = " + dealii::Utilities::to_string(h) + " day");
  }



  bool
  HealingStepControl::accept(const double h, const double error)
  {
    if (error > tolerance && h > 1e-4)
      {
        dt = h * std::max(0.2, 0.9 * std::sqrt(tolerance / error));
        return false;
      }
    dt = h * std::clamp(0.9 * std::sqrt(tolerance / std::max(error, 1e-12)), 0.3, 2.5);
    return true;
  }



  void
  HealingStepControl::restart()
  {
    dt = first_step;
  }
} // namespace needlesim
