#pragma once
// Forcing terms of an inexact Newton method: the tolerance eta_k of the
// Krylov solve in Newton iteration k, |K du + r_k| <= eta_k |r_k|.
//
// A fixed eta (the "Relative tolerance" of the linear solver) oversolves
// twice: far from the solution, where the residual falls slowly because the
// contact set or the line search limits the step and an accurate update
// buys nothing, and in the last iteration, where the residual needs to fall
// only to the Newton tolerance. Eisenstat and Walker (1996, SIAM J. Sci.
// Comput. 17:16-32, choice 2 with gamma = 0.9, alpha = 2) take
//   eta_k = gamma (|r_k| / |r_{k-1}|)^2,
// loose while Newton converges slowly and tight once it converges
// quadratically, and Kelley (1995, Iterative Methods for Linear and
// Nonlinear Equations, SIAM, eq. 6.20) bounds it: at most eta_max, and no
// tighter than needed to reach the Newton tolerance tau,
//   eta_k = min(eta_max, max(eta_k, 0.5 tau / |r_k|)).
// eta_max = 0.1, not Kelley's 0.9: with 0.5 the layered indentation
// (scenarios/indentation.prm, stiffness contrasts of 10^4) stalled in its
// first step, the slow convergence then being the loose solves' own doing
// (1-2 Krylov iterations per Newton iteration, the step cut six times);
// with 0.1 it converges in 79 Newton iterations against 69 with a fixed
// 10^-4, and the benchmark saves as much as with 0.5. (Eisenstat and
// Walker's safeguard max(eta_k, gamma eta_{k-1}^2) acts only where
// gamma eta_{k-1}^2 > 0.1, never below this eta_max.) The first iteration of
// a load step, which carries the step's new loads, uses the fixed
// tolerance eta_0.

#include <algorithm>

namespace needlesim
{
  class NewtonForcing
  {
  public:
    /// @p adaptive: Eisenstat-Walker terms; otherwise @p eta_0 throughout.
    NewtonForcing(const double eta_0, const bool adaptive)
      : eta(eta_0)
      , adaptive(adaptive)
    {}

    /// The Krylov tolerance of the next solve, relative to |r|.
    double
    tolerance() const
    {
      return eta;
    }

    /// After a Newton iteration took the residual norm from @p norm_before to
    /// @p norm, against the Newton tolerance @p newton_tolerance (same unit).
    void
    update(const double norm, const double norm_before, const double newton_tolerance)
    {
      if (!adaptive || !(norm > 0.0) || !(norm_before > 0.0))
        return;
      const double ratio = norm / norm_before;
      eta = std::min(eta_max, std::max(gamma * ratio * ratio, 0.5 * newton_tolerance / norm));
    }

    static constexpr double gamma   = 0.9;
    static constexpr double eta_max = 0.1;

  private:
    double     eta;
    const bool adaptive;
  };
} // namespace needlesim
