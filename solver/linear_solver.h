#pragma once
// Linear solves of the Newton method: GMRES preconditioned by smoothed
// aggregation AMG (Trilinos ML) with the rigid-body modes as near null space,
// and a sparse direct solver (MUMPS through Amesos) for small systems or as a fallback
// when the Krylov solver does not converge.

#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <memory>
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
    Type         type               = Type::automatic;
    double       relative_tolerance = 1e-4;
    unsigned int max_iterations     = 1000;
    unsigned int direct_below_dofs  = 5000;
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
    explicit LinearSolver(const LinearSolverSettings &settings);

    /// Near null space for the AMG hierarchy: @p modes[k][i] is mode k at the
    /// i-th locally owned unknown. @p higher_order: elements of degree > 1.
    void
    set_near_null_space(std::vector<std::vector<double>> modes, bool higher_order);

    /// Solves A x = b. The AMG hierarchy is kept until the next solve and
    /// refers to A: destroy the solver before the matrix. With @p reuse_preconditioner the AMG hierarchy of
    /// the previous solve is kept (for a matrix that changed little, e.g.
    /// the next Newton iteration of a time step).
    LinearSolveReport
    solve(const dealii::TrilinosWrappers::SparseMatrix &A,
          dealii::TrilinosWrappers::MPI::Vector        &x,
          const dealii::TrilinosWrappers::MPI::Vector  &b,
          bool                                          reuse_preconditioner = false);

  private:
    LinearSolveReport
    solve_direct(const dealii::TrilinosWrappers::SparseMatrix &A,
                 dealii::TrilinosWrappers::MPI::Vector        &x,
                 const dealii::TrilinosWrappers::MPI::Vector  &b) const;

    const LinearSolverSettings settings;
    std::unique_ptr<dealii::TrilinosWrappers::PreconditionAMG> amg;
    std::vector<double>        null_space; ///< column-major, n_local x n_modes
    unsigned int               n_modes      = 0;
    bool                       higher_order = false;
  };
} // namespace needlesim
