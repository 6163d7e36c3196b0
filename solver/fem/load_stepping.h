#pragma once
// Load (time) stepping with automatic step cut-back: a step whose Newton
// iteration fails is halved and retried, up to a limit, and the remaining
// interval is then re-attempted with the step that worked (growing again by
// a factor 2 after each success, never beyond the requested step).

#include "finite_strain_solid.h"

#include <functional>
#include <stdexcept>
#include <string>

namespace needlesim
{
  /// The solver could not reach a time even with the smallest allowed step.
  class ConvergenceFailure : public std::runtime_error
  {
  public:
    explicit ConvergenceFailure(const std::string &what)
      : std::runtime_error(what)
    {}
  };

  struct SubstepInfo
  {
    double     t;    ///< time reached [s]
    double     dt;   ///< substep length [s]
    unsigned   cuts; ///< halvings needed before this substep converged
    StepReport report;
  };

  /// The size of the next load step from the effort of the last ones: it
  /// grows by 1.5 after a step that took at most 4 Newton iterations, shrinks
  /// by 0.7 after one that took more than 8, and is cut to a quarter after a
  /// step that failed; never above the nominal step, never below the nominal
  /// step / 4^max_cuts (heuristics in the manner of Crisfield 1991, Non-linear
  /// Finite Element Analysis of Solids and Structures, vol. 1, sec. 9.5).
  class StepSizeController
  {
  public:
    StepSizeController(double nominal, unsigned int max_cuts);
    double
    size() const
    {
      return current;
    }
    void
    converged(unsigned int newton_iterations);
    /// Cuts the step; false if it would fall below the smallest size.
    bool
    failed();
    /// Cuts the next step to a quarter (not below the smallest size), as
    /// after a failure: for a caller that knows the loading changes its
    /// course there.
    void
    cut();
    /// Whether the step has been cut down to the smallest size (the limit
    /// of the step cuts; never if no cut is allowed).
    bool
    at_limit() const
    {
      return smallest < nominal && current <= smallest * (1.0 + 1e-12);
    }

  private:
    const double nominal, smallest;
    double       current;
  };

  /// Advances @p solid from its committed time to @p t_target, committing
  /// every converged substep and calling @p on_substep after each. Throws
  /// ConvergenceFailure (naming the time and the Newton diagnosis) if a step
  /// still fails after @p max_cuts halvings.
  template <int dim>
  void
  advance_to(FiniteStrainSolid<dim>                         &solid,
             double                                          t_target,
             unsigned int                                    max_cuts,
             const std::function<void(const SubstepInfo &)> &on_substep = {});
} // namespace needlesim
