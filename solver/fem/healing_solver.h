#pragma once
// The healing and remodeling reaction-diffusion system on a skin patch
// (models/healing/healing_kinetics.h): for the fields y = (a, c, rho, phi_n, phi_m),
//
//   dy/dt = div(D grad y) + R(y) + f(x, t)   in the patch,
//   D grad y . n = 0                          on its boundary (no flux),
//
// with D diagonal (0 for the collagen pools) and f a source used only by
// manufactured-solution tests. The unknown is the deviation w = y - y* from
// healthy skin y*, so that untreated skin (w = 0) is an exact solution of the
// discrete equations.
//
// Space: Q1 Lagrange elements for every field, diffusion integrated by
// 2x2x2 Gauss points, the time derivative and the reaction by the nodal
// (Gauss-Lobatto) rule: a lumped mass M, so that the reaction is a set of
// independent ODEs, one per node (M_i dw_i/dt = -D (K w)_i + M_i R(w_i)).
//
// Time: Strang splitting (Strang 1968, SIAM J. Numer. Anal. 5:506) of a
// step of size h into the reaction over h/2, the diffusion over h and the
// reaction over h/2 again,
//
//   w^{n+1} = S_R(h/2) S_D(h) S_R(h/2) w^n,
//
// second order in time when each part is (Hundsdorfer & Verwer 2003, IV.1).
// Each part is one step of the L-stable SDIRK2 method (models/healing/sdirk2.h):
//  - S_R: at every node, five coupled stiff ODEs solved by a 5 x 5 Newton
//    iteration with the exact Jacobian of R (no global system);
//  - S_D: for each diffusing field, two linear solves with the symmetric
//    positive definite matrix M + gamma h D K (K the stiffness matrix),
//    assembled once per step size and shared by fields of equal D.
// The method is one-step: the impulse of a session needs no restart.

#include "healing_kinetics.h"
#include "linear_solver.h"

#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace needlesim
{
  struct HealingStepReport
  {
    bool converged = false;
    /// largest number of local Newton iterations at one node (all stages)
    unsigned int newton_iterations = 0;
    /// Krylov iterations of the diffusion solves
    unsigned int linear_iterations = 0;
  };

  class HealingSolver
  {
  public:
    using Source = std::function<HealingState(const dealii::Point<3> &, double t)>;

    /// @p linear: the solver of the diffusion steps (AMG-preconditioned
    /// Krylov iterations or a direct solver).
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
    /// mean D of its cells and y <- after_injury(y, D_node).
    void
    apply_injury(const CellInjury &D_cell);

    /// Solves one step of size @p dt [day] from the committed state; the
    /// trial state is kept until commit() or discarded by the next solve.
    HealingStepReport
    solve_step(double dt);

    /// Max norm of (trial - predictor), the local error estimate of the
    /// last step: the predictor extrapolates the two committed states
    /// linearly, or is the committed state right after an injury.
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

    /// The (scalar Q1) nodes every field lives on.
    const dealii::DoFHandler<3> &
    dof_handler() const
    {
      return dofs;
    }

    /// Unknowns of the system: fields times nodes.
    unsigned int
    n_unknowns() const
    {
      return HealingField::n_fields * dofs.n_dofs();
    }

    /// Wall times of the reaction, the assembly and the linear solver.
    const dealii::TimerOutput &
    timer() const
    {
      return timers;
    }

    MPI_Comm
    mpi_communicator() const;

  private:
    using Fields = std::array<dealii::TrilinosWrappers::MPI::Vector, HealingField::n_fields>;

    /// The fields of one diffusivity D > 0 and their step matrix
    /// M + gamma h D K, rebuilt when the step size changes.
    struct DiffusionGroup
    {
      double                                 D = 0.0;
      std::vector<unsigned int>              fields;
      dealii::TrilinosWrappers::SparseMatrix matrix;
      /// After the matrix: its AMG hierarchy refers to the matrix.
      std::unique_ptr<LinearSolver> solver;
      double                        coefficient = -1.0; ///< gamma h D of the matrix
    };

    /// S_R: the reaction over [t_0, t_0 + h] at every owned node.
    void
    react(Fields &w, double t_0, double h, HealingStepReport &report);

    /// S_D: the diffusion over a step h of every diffusing field.
    void
    diffuse(Fields &w, double h, HealingStepReport &report);

    /// Ghosted copies of the fields of @p w.
    Fields
    ghosted(const Fields &w) const;

    /// Deviations w of the fields at the points of @p values on its cell.
    void
    field_values(const dealii::FEValues<3> &values,
                 const Fields              &w_ghosted,
                 std::vector<HealingState> &y) const;

    const HealingKinetics &kinetics;
    dealii::FE_Q<3>        fe;
    dealii::DoFHandler<3>  dofs;
    dealii::IndexSet       owned, relevant;
    Source                 source;

    dealii::TimerOutput                    timers;
    dealii::TrilinosWrappers::SparseMatrix stiffness;   ///< K, the Laplacian [mm]
    std::vector<double>                    lumped_mass; ///< M_i of the owned nodes [mm^3]
    std::vector<dealii::Point<3>>          position;    ///< of the owned nodes
    std::vector<DiffusionGroup>            groups;

    Fields w_trial, w_now, w_old; ///< deviations, owned
    double t = 0.0, dt_last = 0.0, dt_trial = 0.0;
    bool   restart = true; ///< the last change was an injury (or initial state)
  };
} // namespace needlesim
