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

  /// Advances @p solid from its committed time to @p t_target, committing
  /// every converged substep and calling @p on_substep after each. Throws
  /// ConvergenceFailure (naming the time and the Newton diagnosis) if a step
  /// still fails after @p max_cuts halvings.
  template <int dim>
  void
  advance_to(FiniteStrainSolid<dim>                  &solid,
             double                                   t_target,
             unsigned int                             max_cuts,
             const std::function<void(const SubstepInfo &)> &on_substep = {});
} // namespace needlesim
