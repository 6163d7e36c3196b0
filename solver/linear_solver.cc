#include "linear_solver.h"

#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/trilinos_solver.h>

#include <Teuchos_ParameterList.hpp>

namespace needlesim
{
  using namespace dealii;

  LinearSolver::LinearSolver(const LinearSolverSettings &s)
    : settings(s)
  {}



  void
  LinearSolver::set_near_null_space(std::vector<std::vector<double>> modes,
                                    const bool                       higher_order_)
  {
    n_modes      = modes.size();
    higher_order = higher_order_;
    null_space.clear();
    for (const std::vector<double> &mode : modes)
      null_space.insert(null_space.end(), mode.begin(), mode.end());
  }



  LinearSolveReport
  LinearSolver::solve_direct(const TrilinosWrappers::SparseMatrix &A,
                             TrilinosWrappers::MPI::Vector        &x,
                             const TrilinosWrappers::MPI::Vector  &b) const
  {
    SolverControl                 control(1, 0);
    TrilinosWrappers::SolverDirect direct(control,
                                          TrilinosWrappers::SolverDirect::AdditionalData(
                                            false, "Amesos_Mumps"));
    direct.solve(A, x, b);
    LinearSolveReport report;
    report.direct = true;
    return report;
  }



  LinearSolveReport
  LinearSolver::solve(const TrilinosWrappers::SparseMatrix &A,
                      TrilinosWrappers::MPI::Vector        &x,
                      const TrilinosWrappers::MPI::Vector  &b,
                      const bool                            reuse_preconditioner)
  {
    using Type = LinearSolverSettings::Type;
    if (settings.type == Type::direct ||
        (settings.type == Type::automatic && A.m() < settings.direct_below_dofs))
      return solve_direct(A, x, b);

    if (!amg || !reuse_preconditioner)
      {
        // Smoothed-aggregation AMG with the given near null space.
        TrilinosWrappers::PreconditionAMG::AdditionalData amg_data;
        amg_data.elliptic              = true;
        amg_data.higher_order_elements = higher_order;
        // Symmetric Gauss-Seidel smoothing halves the Krylov iterations of the
        // default Chebyshev smoother on layered skin (stiffness contrasts of
        // 10^4 between stratum corneum, collagen fibres and hypodermis).
        amg_data.smoother_type         = "symmetric Gauss-Seidel";
        amg_data.smoother_sweeps       = 2;
        amg_data.aggregation_threshold = 0.02;
        Teuchos::ParameterList              ml_list;
        std::unique_ptr<Epetra_MultiVector> unused_modes;
        amg_data.set_parameters(ml_list, unused_modes, A);
        if (n_modes > 0)
          {
            ml_list.set("null space: type", "pre-computed");
            ml_list.set("null space: dimension", static_cast<int>(n_modes));
            ml_list.set("null space: vectors", const_cast<double *>(null_space.data()));
          }
        amg = std::make_unique<TrilinosWrappers::PreconditionAMG>();
        amg->initialize(A, ml_list);
      }

    SolverControl control(settings.max_iterations,
                          settings.relative_tolerance * b.l2_norm(),
                          false,
                          false);
    TrilinosWrappers::SolverGMRES gmres(control,
                                        TrilinosWrappers::SolverGMRES::AdditionalData(false,
                                                                                      200));
    LinearSolveReport report;
    try
      {
        gmres.solve(A, x, b, *amg);
        report.iterations = control.last_step();
      }
    catch (const SolverControl::NoConvergence &)
      {
        report            = solve_direct(A, x, b);
        report.fell_back  = true;
        report.iterations = control.last_step();
      }
    catch (const dealii::ExceptionBase &)
      {
        // AztecOO breakdown (e.g. an ill-conditioned Hessenberg matrix of an
        // indefinite contact tangent): the direct solver takes over.
        x                 = 0.0;
        report            = solve_direct(A, x, b);
        report.fell_back  = true;
        report.iterations = control.last_step();
      }
    return report;
  }
} // namespace needlesim
