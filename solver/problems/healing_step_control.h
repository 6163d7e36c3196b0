#pragma once
// The time steps of the healing after a treatment session: small right after
// a session, where the inflammation and growth factor change within hours,
// growing to days in between. A step is accepted when the predictor
// difference of the split step (HealingSolver::predictor_difference, an
// estimate of its local error) is within the tolerance, and the next one is
// sized by the usual controller for a second-order method,
//   dt_next = h min(2.5, max(0.3, 0.9 sqrt(tol / error))),
// a rejected one retried with h max(0.2, 0.9 sqrt(tol / error)), a step
// whose Newton iteration failed with a quarter of it.

namespace needlesim
{
  class HealingStepControl
  {
  public:
    /// @p tolerance: local error per step [-]; @p max_step [day].
    HealingStepControl(double tolerance, double max_step);

    /// The step to try from day @p t, ending at @p next_event at the latest
    /// (a session, an output, a report day or the end) [day].
    double
    next(double t, double next_event) const;

    /// The step @p h from day @p t failed to converge: the next try is a
    /// quarter of it; throws ConvergenceFailure below 1e-6 day.
    void
    failed(double t, double h);

    /// The step @p h converged with the local error estimate @p error:
    /// whether it is accepted; sizes the next step either way.
    bool
    accept(double h, double error);

    /// A session was applied: start again from the first step.
    void
    restart();

  private:
    static constexpr double first_step = 0.01; ///< [day] after a session
    const double            tolerance, max_step;
    double                  dt = first_step;
  };
} // namespace needlesim
