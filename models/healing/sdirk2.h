#pragma once
// The time integrator of the healing system's split steps (solver/
// healing_solver.h): the two-stage singly diagonally implicit Runge-Kutta
// method of Alexander 1977 (SIAM J. Numer. Anal. 14:1006, Table 1), for
// dy/dt = F(t, y):
//
//   Y_1     = y_0 + gamma h F(t_0 + gamma h, Y_1)
//   y_1     = Y_2 = y_0 + (1 - gamma) h F(t_0 + gamma h, Y_1) + gamma h F(t_0 + h, Y_2)
//   gamma   = 1 - 1/sqrt(2)
//
// second order, L-stable (no ringing after the impulse of a session) and
// stiffly accurate. Both stages share the diagonal gamma h: a linear problem
// F = L y is solved twice with one matrix (I - gamma h L), which is what the
// diffusion step factors once per step size.
//
// The local reaction step lives here: the stages of dy/dt = R(y) + f(t) at
// one node of the patch (five fields), each solved by Newton's method with
// the exact Jacobian of R.

#include "healing_kinetics.h"

#include <cmath>
#include <functional>

namespace needlesim
{
  namespace SDIRK2
  {
    /// gamma = 1 - 1/sqrt(2): both stages' diagonal coefficient.
    const double gamma = 1.0 - 1.0 / std::sqrt(2.0);
  } // namespace SDIRK2

  struct ReactionStepReport
  {
    bool         converged         = true;
    unsigned int newton_iterations = 0; ///< over both stages
  };

  /// One SDIRK2 step of size @p h [day] of dy/dt = R(y) + f(t) at one node
  /// from y(t_0) = @p y. @p f may be empty (no source). A node exactly at
  /// rest without a source stays exactly at rest (no iteration is done).
  HealingState
  reaction_step(const HealingKinetics                       &kinetics,
                const HealingState                          &y,
                double                                       t_0,
                double                                       h,
                const std::function<HealingState(double t)> &f,
                ReactionStepReport                          &report);
} // namespace needlesim
