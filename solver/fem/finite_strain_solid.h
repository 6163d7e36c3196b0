#pragma once
// Quasi-static finite-strain solid mechanics, total Lagrangian, on a
// distributed mesh (in the manner of deal.II step-44 for the mechanics and
// step-40/42 for the parallel linear algebra).
//
// Equilibrium in the reference configuration Omega_0:
//   Div P + B = 0 in Omega_0,  P N = T on Gamma_T,  u = u_D on Gamma_D,
// discretised with Q1 or Q2 Lagrange elements, optionally with the
// locking-free F-bar projection (element_assembly.h). Time enters through
// the loads and through rate-dependent materials (time step dt).
//
// A step from the converged state at t_n to t_{n+1} is solved by Newton's
// method with a backtracking line search; a step that does not converge is
// undone (solve_step returns false) so that the caller can cut the step.

#include "cell_kinematics.h"
#include "constitutive_law.h"
#include "element_assembly.h"
#include "interaction.h"
#include "linear_solver.h"

#include <deal.II/base/function.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/timer.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace needlesim
{
  /// A prescribed displacement component on (part of) a boundary:
  /// @p value(X, t) returns u_c [mm] where the condition applies, or nothing.
  template <int dim>
  struct DirichletCondition
  {
    dealii::types::boundary_id                                               boundary;
    unsigned int                                                             component;
    std::function<std::optional<double>(const dealii::Point<dim> &, double)> value;
  };

  /// A Dirichlet condition of a solid, as add_dirichlet() returned it.
  struct DirichletHandle
  {
    unsigned int index; ///< in the order the conditions were added
  };

  /// A dead-load traction T(X, t) per unit reference area [MPa] on a boundary.
  template <int dim>
  struct TractionLoad
  {
    dealii::types::boundary_id                                                boundary;
    std::function<dealii::Tensor<1, dim>(const dealii::Point<dim> &, double)> traction;
  };

  struct NewtonSettings
  {
    unsigned int max_iterations = 15;
    /// Converged when |r| <= max(tolerance |f_int|, 100 eps |f_cells|) + absolute,
    /// with |f_int| the norm of the assembled internal forces (reactions
    /// included), or the largest of a committed step if that is larger, and
    /// |f_cells| the norm of the unassembled element forces, i.e. the level
    /// below which round-off decides the residual.
    double       residual_tolerance = 1e-8;
    double       absolute_tolerance = 0.0; ///< [N]
    unsigned int max_line_search    = 6;   ///< halvings of the Newton update
  };

  struct SolidSettings
  {
    Geometry             geometry     = Geometry::three_dimensional;
    unsigned int         degree       = 1;
    bool                 locking_free = true;
    NewtonSettings       newton;
    LinearSolverSettings linear;
  };

  /// Diagnostics of one Newton iteration, for progress reports.
  struct NewtonIterationInfo
  {
    unsigned int iteration         = 0;
    double       residual          = 0.0; ///< [N]
    double       tolerance         = 0.0; ///< [N]
    double       step_length       = 1.0; ///< line-search factor
    unsigned int linear_iterations = 0;
    bool         direct_solve      = false;
    double       assembly_seconds  = 0.0;
    double       solve_seconds     = 0.0;
  };

  struct StepReport
  {
    bool         converged         = false;
    unsigned int newton_iterations = 0;
    unsigned int linear_iterations = 0;
    double       residual          = 0.0; ///< final residual norm [N]
    std::string  failure;                 ///< reason if not converged
  };

  /// Cell-averaged output quantities of one cell.
  struct CellFields
  {
    double von_mises             = 0.0; ///< [MPa]
    double max_principal_stretch = 1.0; ///< [-]
    double J                     = 1.0; ///< volume ratio [-]
    double strain_energy_density = 0.0; ///< [MPa]
    double pressure              = 0.0; ///< -tr(sigma)/3 [MPa]
  };

  template <int dim>
  class FiniteStrainSolid
  {
  public:
    using MaterialMap =
      std::map<dealii::types::material_id, std::shared_ptr<const ConstitutiveLaw>>;

    FiniteStrainSolid(dealii::parallel::distributed::Triangulation<dim> &tria,
                      const MaterialMap                                 &materials,
                      const SolidSettings                               &settings);

    /// Adds a Dirichlet condition; the handle names it for reaction_force().
    DirichletHandle
    add_dirichlet(const DirichletCondition<dim> &condition);
    void
    add_traction(const TractionLoad<dim> &load);
    /// An interaction (contact, split channel); the solid hands it its
    /// quadrature points at setup() and integrates its forces in every
    /// assembly; commit_step() commits its state. Returns its index.
    unsigned int
    add_interaction(std::shared_ptr<Interaction<dim>> interaction);
    /// Body force per unit reference volume B(X, t) [N/mm^3].
    void
    set_body_force(std::function<dealii::Tensor<1, dim>(const dealii::Point<dim> &, double)> b);

    /// Called after every Newton iteration (e.g. to report progress).
    std::function<void(const NewtonIterationInfo &)> on_iteration;

    /// The load parameter lambda(t) along which solve_step() extrapolates the
    /// start of a step: u_n + r (u_n - u_{n-1}), r = (lambda(t_{n+1}) -
    /// lambda(t_n)) / (lambda(t_n) - lambda(t_{n-1})). Default lambda = t; a
    /// needle stroke sets the needle's travel, which the quasi-static skin
    /// follows (the pen's travel is not linear in time).
    std::function<double(double)> load_parameter = [](const double t) { return t; };

    /// Distributes the unknowns and allocates the system; call once after
    /// the conditions are added.
    void
    setup();

    /// Solves for the state at @p t_new from the last committed state. On
    /// failure the trial state is discarded. With @p extrapolate the Newton
    /// iteration may start from the linear extrapolation of the last two
    /// committed states (not across a reversal of the loading).
    StepReport
    solve_step(double t_new, bool extrapolate = true);

    /// Accepts the last solved step as the new converged state.
    void
    commit_step();

    /// Sum of internal nodal forces in @p component over the unknowns that
    /// the Dirichlet condition @p condition constrains at the committed
    /// state: the reaction force [N] (for axisymmetry of the whole ring).
    double
    reaction_force(DirichletHandle condition, unsigned int component) const;

    /// Total stored (equilibrium) strain energy at the committed state [mJ = N mm].
    double
    strain_energy() const;

    /// Energy of the viscous (Maxwell) branches of the material at the
    /// committed state [mJ]: what their dashpots dissipated so far (sum over
    /// steps and points of ConstitutiveLaw::viscous_dissipation, >= 0) and
    /// what their springs store (ConstitutiveLaw::viscous_stored_energy).
    struct ViscousEnergy
    {
      double dissipated = 0.0;
      double stored     = 0.0;
    };
    ViscousEnergy
    viscous_energy() const;

    /// Everything the committed state consists of, to go back to it.
    struct Snapshot
    {
      dealii::TrilinosWrappers::MPI::Vector solution, solution_previous, internal_force;
      double                                t = 0.0, t_previous = 0.0, energy = 0.0;
      ViscousEnergy                         viscous;
      std::vector<InternalState>            state;
      std::vector<std::vector<dealii::types::global_dof_index>> active_dirichlet;
    };
    /// The committed state of the solid (not of its interactions).
    Snapshot
    snapshot() const;
    /// Makes @p s the committed state again.
    void
    restore(const Snapshot &s);

    /// Relative error of the assembled tangent against central differences
    /// of the residual, in a pseudo-random direction @p seed, at the trial
    /// state of a step to @p t_new started from the committed state (for
    /// verification of interactions and materials).
    double
    tangent_error(double t_new, unsigned int seed, double h = 1e-7);

    /// Committed time [s].
    double
    time() const
    {
      return t_n;
    }

    /// Displacement at the committed state, with ghost values [mm].
    const dealii::TrilinosWrappers::MPI::Vector &
    solution() const
    {
      return solution_n;
    }

    const dealii::DoFHandler<dim> &
    dof_handler() const
    {
      return dofs;
    }
    const dealii::Mapping<dim> &
    mapping() const
    {
      return mapping_q;
    }

    /// Cell-averaged stress measures of the locally owned cells at the
    /// committed state, indexed by active_cell_index().
    std::vector<CellFields>
    cell_fields() const;

    /// For every locally owned cell, the weighted mean of @p value(i) over
    /// the quadrature points i of interaction @p k on its faces (0 if none),
    /// indexed by active_cell_index().
    std::vector<double>
    interaction_cell_average(unsigned int                               k,
                             const std::function<double(unsigned int)> &value) const;

    dealii::types::global_dof_index
    n_dofs() const
    {
      return dofs.n_dofs();
    }

    MPI_Comm
    mpi_communicator() const
    {
      return tria.get_communicator();
    }

    /// Wall times of this rank's work, by section: "assembly: solid",
    /// "assembly: <interaction name>", "constraints", the linear solver's
    /// sections (linear_solver.h); callers add their own (e.g. "output").
    dealii::TimerOutput &
    timer()
    {
      return timers;
    }

  private:
    /// Newton's method for the state at @p t_new from @p start (the
    /// constraints of t_new are applied to it); the body of solve_step().
    StepReport
    newton(double t_new, const dealii::TrilinosWrappers::MPI::Vector &start);

    /// A boundary face (or, for face = invalid, a cell) on which an
    /// interaction acts, and the index of its first quadrature point.
    struct InteractionSite
    {
      typename dealii::DoFHandler<dim>::active_cell_iterator cell;
      unsigned int                                           face;
      unsigned int                                           first_point;
    };
    struct InteractionData
    {
      std::shared_ptr<Interaction<dim>>            interaction;
      std::unique_ptr<dealii::Quadrature<dim - 1>> face_quadrature;
      std::unique_ptr<dealii::Quadrature<dim>>     cell_quadrature;
      std::vector<InteractionSite>                 sites;
      unsigned int
      n_points_per_site() const
      {
        return face_quadrature ? face_quadrature->size() : cell_quadrature->size();
      }
    };

    struct Assembly
    {
      bool          admissible = true;
      double        energy     = 0.0;
      ViscousEnergy viscous;           ///< of the trial state
      double        force_scale = 0.0; ///< sqrt(sum over cells |f_int,cell|^2) [N]
    };

    void
    make_constraints(double t, bool inhomogeneous);
    Assembly
    assemble(double t, double dt, bool with_matrix);

    /// The outcome of a line search along a Newton update.
    struct LineSearch
    {
      Assembly assembly;       ///< at the accepted (or last) trial
      double   norm     = 0.0; ///< free residual norm there [N]
      bool     accepted = false;
    };
    /// Backtracking from the trial solution along @p du against the residual
    /// norm @p norm; @p any_admissible accepts the first admissible length.
    LineSearch
    line_search(double                                       t_new,
                const dealii::TrilinosWrappers::MPI::Vector &du,
                double                                       norm,
                bool                                         any_admissible,
                NewtonIterationInfo                         &info);
    void
    build_cell_kinematics(const typename dealii::DoFHandler<dim>::active_cell_iterator &cell,
                          dealii::FEValues<dim>                                        &fe_values,
                          const dealii::TrilinosWrappers::MPI::Vector                  &u,
                          std::vector<QuadraturePointKinematics>                       &qp,
                          dealii::FullMatrix<double> &projection) const;
    double
    free_residual_norm() const;
    /// Where the free residual is largest: its size and reference point.
    std::string
    largest_residual() const;
    bool
    dirichlet_satisfied(double t) const;
    /// The vector component of every locally owned unknown, in the order of owned.
    std::vector<unsigned int>
    owned_components() const;
    std::vector<std::vector<double>>
    rigid_body_modes() const;
    /// Hands the tensor grid of the unknowns, if they form one, to the
    /// geometric multigrid.
    void
    setup_geometric_multigrid();
    void
    setup_interaction(InteractionData &data) const;
    void
    assemble_interaction(InteractionData &data,
                         double           t,
                         double           dt,
                         bool             with_matrix,
                         double          &force_scale);

    dealii::parallel::distributed::Triangulation<dim> &tria;
    const MaterialMap                                  materials;
    const SolidSettings                                settings;

    const dealii::FESystem<dim>   fe;
    const dealii::MappingQ<dim>   mapping_q;
    const dealii::QGauss<dim>     quadrature;
    const dealii::QGauss<dim - 1> face_quadrature;
    dealii::DoFHandler<dim>       dofs;

    std::vector<DirichletCondition<dim>> dirichlet;
    std::vector<TractionLoad<dim>>       tractions;
    std::vector<InteractionData>         interactions;

    std::function<dealii::Tensor<1, dim>(const dealii::Point<dim> &, double)> body_force;

    dealii::IndexSet                                              owned, relevant;
    std::map<dealii::types::global_dof_index, dealii::Point<dim>> support_points;
    std::vector<std::vector<dealii::types::global_dof_index>>     dirichlet_dofs;   // candidates
    std::vector<std::vector<dealii::types::global_dof_index>>     active_dirichlet; // at t_n

    dealii::AffineConstraints<double>      constraints;
    dealii::TrilinosWrappers::SparseMatrix tangent;
    dealii::TrilinosWrappers::MPI::Vector  rhs;               // f_ext - f_int, constrained
    dealii::TrilinosWrappers::MPI::Vector  internal_force;    // f_int - f_ext, unconstrained
    dealii::TrilinosWrappers::MPI::Vector  solution_n;        // committed (ghosted)
    dealii::TrilinosWrappers::MPI::Vector  solution_previous; // committed before (ghosted)
    double                                 t_previous = 0.0;
    dealii::TrilinosWrappers::MPI::Vector  trial_solution; // trial (ghosted)
    dealii::TrilinosWrappers::MPI::Vector  internal_force_n;
    // the largest internal-force norm of a committed step: the force scale
    // of the Newton tolerance while the loads fall again (unloading)
    double largest_force_norm = 0.0;

    dealii::TimerOutput timers;

    std::vector<InternalState> state_n, state_np1; // [cell * n_q + q]
    double                     t_n = 0.0, t_trial = 0.0;
    double                     energy_n = 0.0, energy_trial = 0.0;
    ViscousEnergy              viscous_n, viscous_trial;
    std::vector<std::vector<dealii::types::global_dof_index>> active_trial;

    LinearSolver linear_solver;
  };
} // namespace needlesim
