#pragma once
// Linear solves of the Newton method: GMRES (CG for symmetric positive
// definite systems) preconditioned by smoothed aggregation AMG (Trilinos ML)
// with the rigid-body modes as near null space, or by geometric multigrid on
// a tensor-product grid (tensor_grid_multigrid.h), and a sparse direct solver
// (MUMPS through Amesos) for small systems or as a fallback when the Krylov
// solver does not converge.

#include "tensor_grid_multigrid.h"

#include <deal.II/base/timer.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace needlesim
{
  struct LinearSolverSettings
  {
    enum class Type
    {
      automatic, ///< direct below direct_below_dofs unknowns, iterative above
      iterative,
      direct
    };
    enum class Preconditioner
    {
      automatic,           ///< geometric where the nodes form a tensor grid, else algebraic
      algebraic_multigrid, ///< smoothed aggregation (ML), any mesh
      geometric_multigrid  ///< Galerkin multigrid on the grid lines of a tensor-product mesh
    };
    Type           type               = Type::automatic;
    Preconditioner preconditioner     = Preconditioner::automatic;
    double         relative_tolerance = 1e-4;
    /// Newton's Krylov tolerances by Eisenstat-Walker (newton_forcing.h),
    /// relative_tolerance in each load step's first iteration
    bool         adaptive_tolerance = true;
    unsigned int max_iterations     = 200;
    unsigned int direct_below_dofs  = 5000;
    /// the matrices are symmetric positive definite: CG instead of GMRES
    bool symmetric_positive_definite = false;
  };

  struct LinearSolveReport
  {
    unsigned int iterations = 0;     ///< Krylov iterations (0 for direct)
    bool         direct     = false; ///< solved by the direct solver
    bool         fell_back  = false; ///< iterative failed, direct used
  };

  class LinearSolver
  {
  public:
    /// @p timer receives the sections "linear solver: preconditioner set-up",
    /// "linear solver: Krylov" and "linear solver: direct".
    LinearSolver(const LinearSolverSettings &settings, dealii::TimerOutput &timer);

    /// Near null space for the AMG hierarchy: @p modes[k][i] is mode k at the
    /// i-th locally owned unknown. @p higher_order: elements of degree > 1.
    void
    set_near_null_space(std::vector<std::vector<double>> modes, bool higher_order);

    /// The tensor grid of the unknowns: the geometric multigrid preconditions
    /// the iterative solves from now on.
    void
    set_tensor_grid(TensorGridUnknowns grid);

    /// Solves A x = b. The multigrid hierarchy refers to A: destroy the solver
    /// before the matrix. With @p reuse_preconditioner the hierarchy of an
    /// earlier solve may precondition A again (A changed little, e.g. the
    /// next Newton iteration or load step, with the same sparsity): it is
    /// kept while the Krylov iterations stay below twice (plus 10) those
    /// of the solve it was built for (scaled to the same residual
    /// reduction), and rebuilt when they rise above, or
    /// when GMRES does not converge with it (a lagged preconditioner; its
    /// set-up costs several Krylov solves). The Krylov solver stops at
    /// |b - A x| <= @p relative_tolerance |b| (default: the settings'
    /// relative tolerance; Newton's method passes its forcing term).
    LinearSolveReport
    solve(const dealii::TrilinosWrappers::SparseMatrix &A,
          dealii::TrilinosWrappers::MPI::Vector        &x,
          const dealii::TrilinosWrappers::MPI::Vector  &b,
          bool                                          reuse_preconditioner = false,
          std::optional<double>                         relative_tolerance   = std::nullopt);

  private:
    /// Smoothed-aggregation AMG for A with the near null space.
    void
    build_amg(const dealii::TrilinosWrappers::SparseMatrix &A);

    LinearSolveReport
    solve_direct(const dealii::TrilinosWrappers::SparseMatrix &A,
                 dealii::TrilinosWrappers::MPI::Vector        &x,
                 const dealii::TrilinosWrappers::MPI::Vector  &b);

    const LinearSolverSettings                                 settings;
    dealii::TimerOutput                                       &timer;
    std::unique_ptr<dealii::TrilinosWrappers::PreconditionAMG> amg;
    std::unique_ptr<TensorGridMultigrid>                       grid_multigrid;
    std::vector<double> null_space; ///< column-major, n_local x n_modes
    unsigned int        n_modes      = 0;
    bool                higher_order = false;
    /// Krylov iterations per decade of residual reduction in the first
    /// solve with the current hierarchy (the tolerances of Newton's solves
    /// differ), and whether a solve failed with it (more iterations than it
    /// is kept for), so that the next solve rebuilds it.
    double iterations_per_decade_when_built = 0.0;
    bool   stale                            = true;
  };
} // namespace needlesim
