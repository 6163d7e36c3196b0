#include "sdirk2.h"

#include <algorithm>
#include <utility>

namespace needlesim
{
  using HealingField::n_fields;

  namespace
  {
    /// Newton converges when the largest update of a (normalised) field is below this.
    constexpr double       newton_tolerance      = 1e-11;
    constexpr unsigned int max_newton_iterations = 25;

    /// Solves A x = b for the 5 x 5 Newton matrix by Gaussian elimination
    /// with partial pivoting; false if A is singular.
    bool
    solve_small(HealingJacobian A, HealingState &b)
    {
      for (unsigned int k = 0; k < n_fields; ++k)
        {
          unsigned int p = k;
          for (unsigned int i = k + 1; i < n_fields; ++i)
            if (std::abs(A[i][k]) > std::abs(A[p][k]))
              p = i;
          if (A[p][k] == 0.0)
            return false;
          std::swap(A[k], A[p]);
          std::swap(b[k], b[p]);
          for (unsigned int i = k + 1; i < n_fields; ++i)
            {
              const double l = A[i][k] / A[k][k];
              for (unsigned int j = k; j < n_fields; ++j)
                A[i][j] -= l * A[k][j];
              b[i] -= l * b[k];
            }
        }
      for (unsigned int k = n_fields; k-- > 0;)
        {
          for (unsigned int j = k + 1; j < n_fields; ++j)
            b[k] -= A[k][j] * b[j];
          b[k] /= A[k][k];
        }
      return true;
    }

    /// Solves the stage equation Y = base + gh [R(Y) + f_stage] by Newton's
    /// method from the guess Y (the residual at the guess may be exactly
    /// zero: then nothing is done).
    bool
    solve_stage(const HealingKinetics &kinetics,
                const HealingState    &base,
                const HealingState    &f_stage,
                const double           gh,
                HealingState          &Y,
                unsigned int          &iterations)
    {
      for (unsigned int k = 0; k < max_newton_iterations; ++k)
        {
          const HealingState R = kinetics.reaction(Y);
          HealingState       G;
          bool               zero = true;
          for (unsigned int i = 0; i < n_fields; ++i)
            {
              // G(Y) = Y - base - gamma h (R(Y) + f) = 0, solved for -G
              G[i] = -(Y[i] - base[i] - gh * (R[i] + f_stage[i]));
              zero = zero && G[i] == 0.0;
            }
          if (zero)
            return true;
          // dG/dY = I - gamma h J(Y)
          HealingJacobian A = kinetics.jacobian(Y);
          for (unsigned int i = 0; i < n_fields; ++i)
            {
              for (unsigned int j = 0; j < n_fields; ++j)
                A[i][j] *= -gh;
              A[i][i] += 1.0;
            }
          if (!solve_small(A, G))
            return false;
          double update = 0.0;
          for (unsigned int i = 0; i < n_fields; ++i)
            {
              Y[i] += G[i];
              update = std::max(update, std::abs(G[i]));
            }
          ++iterations;
          if (update <= newton_tolerance)
            return true;
        }
      return false;
    }
  } // namespace



  HealingState
  reaction_step(const HealingKinetics                       &kinetics,
                const HealingState                          &y,
                const double                                 t_0,
                const double                                 h,
                const std::function<HealingState(double t)> &f,
                ReactionStepReport                          &report)
  {
    const double gh     = SDIRK2::gamma * h;
    const auto   source = [&f](const double t) { return f ? f(t) : HealingState{}; };

    // stage 1 at t_0 + gamma h: Y_1 = y + gamma h F_1
    const HealingState f_1 = source(t_0 + gh);
    HealingState       Y_1 = y;
    report.converged =
      solve_stage(kinetics, y, f_1, gh, Y_1, report.newton_iterations) && report.converged;

    // stage 2 at t_0 + h: Y_2 = y + (1 - gamma) h F_1 + gamma h F_2, where
    // h F_1 = (Y_1 - y)/gamma from stage 1
    HealingState base;
    for (unsigned int i = 0; i < n_fields; ++i)
      base[i] = y[i] + (1.0 - SDIRK2::gamma) / SDIRK2::gamma * (Y_1[i] - y[i]);
    HealingState Y_2 = Y_1;
    report.converged =
      solve_stage(kinetics, base, source(t_0 + h), gh, Y_2, report.newton_iterations) &&
      report.converged;
    return Y_2;
  }
} // namespace needlesim
