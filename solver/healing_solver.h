#pragma once
// The healing and remodeling reaction-diffusion system on a skin patch
// (models/healing_kinetics.h): for the fields y = (a, c, rho, phi_n, phi_m),
//
//   dy/dt = div(D grad y) + R(y) + f(x, t)   in the patch,
//   D grad y . n = 0                          on its boundary (no flux),
//
// with D diagonal (0 for the collagen pools) and f a source used only by
// manufactured-solution tests. The unknown is the deviation w = y - y* from
// healthy skin y*, so that untreated skin (w = 0) is an exact solution of the
// discrete equations: its residual is exactly zero.
//
// Space: Q1 Lagrange elements, diffusion integrated by 2x2x2 Gauss points,
// the time derivative and the reaction by the nodal (Gauss-Lobatto) rule, a
// lumped mass that keeps the local collagen ODEs local to their node. Time:
// BDF1 after an injury (the impulse makes the history non-smooth) and
// variable-step BDF2 otherwise,
//   (alpha_0 w^{n+1} + alpha_1 w^n + alpha_2 w^{n-1}) = div(D grad w^{n+1}) + R + f,
//   omega = dt_n/dt_{n-1}, alpha_0 = (1+2 omega)/((1+omega) dt_n),
//   alpha_1 = -(1+omega)/dt_n, alpha_2 = omega^2/((1+omega) dt_n),
// each step solved by Newton's method (exact Jacobian of R).

#include "healing_kinetics.h"
#include "linear_solver.h"

#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <functional>
#include <string>
#include <vector>

namespace needlesim
{
  struct HealingStepReport
  {
    bool         converged         = false;
    unsigned int newton_iterations = 0;
    unsigned int linear_iterations = 0;
    double       update_norm       = 0.0; ///< last Newton update, max norm [-]
  };

  class HealingSolver
  {
  public:
    using Source = std::function<HealingState(const dealii::Point<3> &, double t)>;

    HealingSolver(const dealii::parallel::distributed::Triangulation<3> &patch,
                  const HealingKinetics                                 &kinetics,
                  const LinearSolverSettings                            &linear);

    /// Manufactured source f(x, t) (tests only).
    void
    set_source(Source f)
    {
      source = std::move(f);
    }

    /// Sets the state y(x) at the nodes (initial conditions).
    void
    set_state(const std::function<HealingState(const dealii::Point<3> &)> &y);

    using CellInjury =
      std::function<double(const dealii::Triangulation<3>::active_cell_iterator &)>;

    /// A session that left the cell-averaged injury D_cell (evaluated on the
    /// locally owned and ghost cells): every node takes the volume-weighted
    /// mean D of its cells and y <- after_injury(y, D_node). The next step is
    /// BDF1.
    void
    apply_injury(const CellInjury &D_cell);

    /// Solves one step of size @p dt [day] from the committed state; the
    /// trial state is kept until commit() or discarded by the next solve.
    HealingStepReport
    solve_step(double dt);

    /// Max norm of (trial - BDF predictor): the local error estimate of the
    /// last step (linear extrapolation of the two committed states).
    double
    predictor_difference() const;

    /// Accepts the trial state.
    void
    commit();

    /// Committed time [day].
    double
    time() const
    {
      return t;
    }

    /// Volume integrals over the cells whose centre satisfies @p inside, in
    /// one pass, per material id (the skin layer): the integral of every
    /// field y and the volume, indexed by material id.
    struct Integrals
    {
      HealingState integral{};
      double       volume = 0.0; ///< [mm^3]
    };
    std::vector<Integrals>
    integrate(const std::function<bool(const dealii::Point<3> &)> &inside) const;

    /// L2 norm of y - y_exact over the patch, per field (tests).
    HealingState
    l2_error(const std::function<HealingState(const dealii::Point<3> &)> &y_exact) const;

    /// Cell averages of every field, indexed by active_cell_index() (only
    /// the locally owned cells are filled).
    std::vector<HealingState>
    cell_averages() const;

    const dealii::DoFHandler<3> &
    dof_handler() const
    {
      return dofs;
    }

    unsigned int
    n_unknowns() const
    {
      return dofs.n_dofs();
    }

    /// Wall times of the assembly and the linear solver (linear_solver.h).
    const dealii::TimerOutput &
    timer() const
    {
      return timers;
    }

    MPI_Comm
    mpi_communicator() const;

  private:
    void
    assemble(double alpha_0, const dealii::TrilinosWrappers::MPI::Vector &history, double t_new);

    /// The nodal state vector w (owned) -> ghosted copy.
    dealii::TrilinosWrappers::MPI::Vector
    ghosted(const dealii::TrilinosWrappers::MPI::Vector &w) const;

    const HealingKinetics     &kinetics;
    dealii::FESystem<3>        fe;
    dealii::DoFHandler<3>      dofs;
    dealii::IndexSet           owned, relevant;
    dealii::AffineConstraints<double> constraints;
    Source                     source;

    dealii::TimerOutput                      timers;
    dealii::TrilinosWrappers::SparseMatrix   matrix;
    /// After the matrix: its AMG hierarchy refers to the matrix and must go first.
    LinearSolver                             linear_solver;
    dealii::TrilinosWrappers::MPI::Vector    residual;
    dealii::TrilinosWrappers::MPI::Vector    w_trial, w_now, w_old; ///< deviations, owned
    double                                   t = 0.0, dt_last = 0.0;
    double                                   dt_trial = 0.0;
    bool                                     restart = true; ///< next step BDF1

    /// Locally owned nodes: the dof of field 0 (the others follow it).
    std::vector<dealii::types::global_dof_index> node_dof0;
  };
} // namespace needlesim
