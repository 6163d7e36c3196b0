#include "linear_solver.h"

#include <deal.II/lac/solver_cg.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/solver_gmres.h>
#include <deal.II/lac/trilinos_solver.h>

#include <Teuchos_ParameterList.hpp>

#include <algorithm>
#include <cmath>

namespace needlesim
{
  using namespace dealii;

  LinearSolver::LinearSolver(const LinearSolverSettings &s, TimerOutput &timer_)
    : settings(s)
    , timer(timer_)
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



  void
  LinearSolver::build_amg(const TrilinosWrappers::SparseMatrix &A)
  {
    // Smoothed-aggregation AMG with the given near null space.
    TrilinosWrappers::PreconditionAMG::AdditionalData amg_data;
    amg_data.elliptic              = true;
    amg_data.higher_order_elements = higher_order;
    // Symmetric Gauss-Seidel smoothing halves the Krylov iterations of the
    // default Chebyshev smoother on layered skin (stiffness contrasts of
    // 10^4 between stratum corneum, collagen fibres and hypodermis). One
    // sweep: a second one cut the iterations by 14 % (n20 benchmark,
    // 2 ranks: 2 577 against 2 987) and 30 % (the layered indentation,
    // 2 587 against 3 681) for 1.5 times the cost of an iteration (9.8-11.3
    // against 7.0-7.2 ms on n20), so one sweep takes 10-25 % less time.
    amg_data.smoother_type   = "symmetric Gauss-Seidel";
    amg_data.smoother_sweeps = 1;
    // The diffusion matrices M + gamma h D K of the healing are
    // homogeneous: a Chebyshev smoother (of degree 2) does the same on any
    // number of ranks (Gauss-Seidel is processor-block Gauss-Seidel on
    // several).
    if (settings.symmetric_positive_definite)
      {
        amg_data.smoother_type   = "Chebyshev";
        amg_data.smoother_sweeps = 2;
      }
    amg_data.aggregation_threshold = 0.02;
    Teuchos::ParameterList              ml_list;
    std::unique_ptr<Epetra_MultiVector> unused_modes;
    amg_data.set_parameters(ml_list, unused_modes, A);
    // A coarsest level of at most 200 unknowns: its direct (KLU) solve in
    // every V-cycle and its factorisation cost more than one more level
    // (deal.II's default of 2000: AMG set-up 3.6 s instead of 0.8 s and
    // 112 instead of 95 Newton iterations on the n16 indentation benchmark).
    ml_list.set("coarse: max size", 200);
    if (n_modes > 0)
      {
        ml_list.set("null space: type", "pre-computed");
        ml_list.set("null space: dimension", static_cast<int>(n_modes));
        ml_list.set("null space: vectors", const_cast<double *>(null_space.data()));
      }
    amg = std::make_unique<TrilinosWrappers::PreconditionAMG>();
    amg->initialize(A, ml_list);
  }



  void
  LinearSolver::set_tensor_grid(TensorGridUnknowns grid)
  {
    grid_multigrid = std::make_unique<TensorGridMultigrid>(std::move(grid));
  }



  LinearSolveReport
  LinearSolver::solve_direct(const TrilinosWrappers::SparseMatrix &A,
                             TrilinosWrappers::MPI::Vector        &x,
                             const TrilinosWrappers::MPI::Vector  &b)
  {
    TimerOutput::Scope             scope(timer, "linear solver: direct");
    SolverControl                  control(1, 0);
    TrilinosWrappers::SolverDirect direct(
      control, TrilinosWrappers::SolverDirect::AdditionalData(false, "Amesos_Mumps"));
    direct.solve(A, x, b);
    LinearSolveReport report;
    report.direct = true;
    return report;
  }



  LinearSolveReport
  LinearSolver::solve(const TrilinosWrappers::SparseMatrix &A,
                      TrilinosWrappers::MPI::Vector        &x,
                      const TrilinosWrappers::MPI::Vector  &b,
                      const bool                            reuse_preconditioner,
                      const std::optional<double>           relative_tolerance)
  {
    using Type = LinearSolverSettings::Type;
    if (settings.type == Type::direct ||
        (settings.type == Type::automatic && A.m() < settings.direct_below_dofs))
      return solve_direct(A, x, b);

    // the geometric multigrid's set-up (Galerkin products and a small LU)
    // costs about four Krylov iterations: built for every matrix
    const bool fresh = !amg || !reuse_preconditioner || stale || grid_multigrid;
    if (fresh)
      {
        TimerOutput::Scope scope(timer, "linear solver: preconditioner set-up");
        if (grid_multigrid)
          grid_multigrid->initialize(A);
        else
          build_amg(A);
      }

    // a lagged hierarchy gets the iterations it is kept for, twice (plus 10)
    // those it needed when it was built for the same reduction; beyond them
    // a hierarchy built for this matrix is cheaper than more iterations
    const double       eta     = relative_tolerance.value_or(settings.relative_tolerance);
    const double       decades = -std::log10(eta);
    const unsigned int lagged_limit =
      2 * static_cast<unsigned int>(std::ceil(iterations_per_decade_when_built * decades - 1e-6)) +
      10;
    SolverControl control(fresh ? settings.max_iterations :
                                  std::min(settings.max_iterations, lagged_limit),
                          eta * b.l2_norm(),
                          false,
                          false);
    // deal.II's GMRES with right preconditioning: the residual it checks
    // against the tolerance is the true one, |b - A x| (AztecOO's left-
    // preconditioned GMRES checks |M^-1 (b - A x)|, which left the Newton
    // updates less accurate than asked for).
    SolverGMRES<TrilinosWrappers::MPI::Vector> gmres(
      control, SolverGMRES<TrilinosWrappers::MPI::Vector>::AdditionalData(200, true));
    // CG checks the true residual too; the AMG V-cycle with symmetric
    // Gauss-Seidel smoothing is a symmetric preconditioner
    SolverCG<TrilinosWrappers::MPI::Vector> cg(control);
    LinearSolveReport                       report;
    try
      {
        TimerOutput::Scope scope(timer, "linear solver: Krylov");
        if (settings.symmetric_positive_definite)
          cg.solve(A, x, b, *amg);
        else if (grid_multigrid)
          gmres.solve(A, x, b, *grid_multigrid);
        else
          gmres.solve(A, x, b, *amg);
        report.iterations = control.last_step();
        if (fresh)
          iterations_per_decade_when_built = report.iterations / decades;
        stale = false;
      }
    catch (const SolverControl::NoConvergence &)
      {
        if (!fresh) // once more with a hierarchy built for this matrix
          {
            stale = true;
            x     = 0.0;
            return solve(A, x, b, reuse_preconditioner, relative_tolerance);
          }
        report            = solve_direct(A, x, b);
        report.fell_back  = true;
        report.iterations = control.last_step();
      }
    catch (const dealii::ExceptionBase &)
      {
        // a breakdown of the Krylov solver or of the AMG hierarchy (e.g. on
        // an indefinite contact tangent): the direct solver takes over
        stale             = true;
        x                 = 0.0;
        report            = solve_direct(A, x, b);
        report.fell_back  = true;
        report.iterations = control.last_step();
      }
    return report;
  }
} // namespace needlesim
