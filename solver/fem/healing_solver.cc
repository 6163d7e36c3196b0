#include "healing_solver.h"

#include "sdirk2.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>

#include <iostream>

namespace needlesim
{
  using namespace dealii;
  using HealingField::n_fields;

  namespace
  {
    /// Nodal (trapezoidal) rule: the Gauss-Lobatto points of Q1 are its nodes.
    const QGaussLobatto<3> nodal_rule(2);
  } // namespace



  HealingSolver::HealingSolver(const parallel::distributed::Triangulation<3> &patch,
                               const HealingKinetics                         &kinetics_,
                               const LinearSolverSettings                    &linear)
    : kinetics(kinetics_)
    , fe(1)
    , dofs(patch)
    , timers(std::cout, TimerOutput::never, TimerOutput::wall_times)
  {
    TimerOutput::Scope scope(timers, "healing: assembly");
    dofs.distribute_dofs(fe);
    owned = dofs.locally_owned_dofs();
    DoFTools::extract_locally_relevant_dofs(dofs, relevant);
    const MPI_Comm comm = patch.get_communicator();

    DynamicSparsityPattern dsp(relevant);
    DoFTools::make_sparsity_pattern(dofs, dsp);
    SparsityTools::distribute_sparsity_pattern(dsp, owned, comm, relevant);
    stiffness.reinit(owned, owned, dsp, comm);

    // K_ij = int grad phi_i . grad phi_j (2x2x2 Gauss) and the lumped mass
    // M_i = int phi_i (nodal rule), with the positions of the owned nodes
    TrilinosWrappers::MPI::Vector mass(owned, comm);
    position.resize(owned.n_elements());
    FEValues<3>        gauss(fe, QGauss<3>(2), update_gradients | update_JxW_values);
    FEValues<3>        nodal(fe, nodal_rule, update_values | update_JxW_values);
    const unsigned int n = fe.n_dofs_per_cell();
    FullMatrix<double> cell_K(n, n);
    Vector<double>     cell_M(n);
    std::vector<types::global_dof_index> local(n);
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          gauss.reinit(cell);
          nodal.reinit(cell);
          cell_K = 0.0;
          cell_M = 0.0;
          for (unsigned int q = 0; q < gauss.get_quadrature().size(); ++q)
            for (unsigned int i = 0; i < n; ++i)
              for (unsigned int j = 0; j < n; ++j)
                cell_K(i, j) += gauss.shape_grad(i, q) * gauss.shape_grad(j, q) * gauss.JxW(q);
          for (unsigned int q = 0; q < nodal_rule.size(); ++q)
            for (unsigned int i = 0; i < n; ++i)
              cell_M(i) += nodal.shape_value(i, q) * nodal.JxW(q);
          cell->get_dof_indices(local);
          stiffness.add(local, cell_K);
          mass.add(local, cell_M);
          for (const unsigned int v : cell->vertex_indices())
            if (owned.is_element(cell->vertex_dof_index(v, 0)))
              position[owned.index_within_set(cell->vertex_dof_index(v, 0))] = cell->vertex(v);
        }
    stiffness.compress(VectorOperation::add);
    mass.compress(VectorOperation::add);
    lumped_mass.assign(mass.begin(), mass.end());

    for (TrilinosWrappers::MPI::Vector &w : w_now)
      w.reinit(owned, comm);
    w_trial = w_now;
    w_old   = w_now;

    // the diffusing fields, grouped by diffusivity (a and c share one)
    LinearSolverSettings settings        = linear;
    settings.symmetric_positive_definite = true; // M + gamma h D K
    // scalar fields on the patch mesh: the AMG whatever the solid uses
    settings.preconditioner = LinearSolverSettings::Preconditioner::algebraic_multigrid;
    const HealingState D    = kinetics.diffusivity();
    for (unsigned int c = 0; c < n_fields; ++c)
      if (D[c] > 0.0)
        {
          auto group = std::find_if(groups.begin(), groups.end(), [&](const DiffusionGroup &g) {
            return g.D == D[c];
          });
          if (group == groups.end())
            {
              groups.emplace_back();
              group         = std::prev(groups.end());
              group->D      = D[c];
              group->solver = std::make_unique<LinearSolver>(settings, timers);
              // near null space of the AMG: the constant
              group->solver->set_near_null_space({std::vector<double>(owned.n_elements(), 1.0)},
                                                 false);
            }
          group->fields.push_back(c);
        }
  }



  MPI_Comm
  HealingSolver::mpi_communicator() const
  {
    return dofs.get_communicator();
  }



  HealingSolver::Fields
  HealingSolver::ghosted(const Fields &w) const
  {
    Fields g;
    for (unsigned int c = 0; c < n_fields; ++c)
      {
        g[c].reinit(owned, relevant, mpi_communicator());
        g[c] = w[c];
      }
    return g;
  }



  void
  HealingSolver::field_values(const FEValues<3>         &values,
                              const Fields              &w_ghosted,
                              std::vector<HealingState> &y) const
  {
    std::vector<double> w_q(values.n_quadrature_points);
    for (unsigned int c = 0; c < n_fields; ++c)
      {
        values.get_function_values(w_ghosted[c], w_q);
        for (unsigned int q = 0; q < w_q.size(); ++q)
          y[q][c] = w_q[q];
      }
  }



  void
  HealingSolver::set_state(const std::function<HealingState(const Point<3> &)> &y)
  {
    const HealingState &rest = kinetics.rest_state();
    for (unsigned int k = 0; k < position.size(); ++k)
      {
        const HealingState value = y(position[k]);
        for (unsigned int c = 0; c < n_fields; ++c)
          w_now[c].begin()[k] = value[c] - rest[c];
      }
    w_old   = w_now;
    w_trial = w_now;
    restart = true;
  }



  void
  HealingSolver::apply_injury(const CellInjury &D_cell)
  {
    // volume-weighted mean of the cell injuries around each owned node
    std::vector<double> DV(owned.n_elements(), 0.0), V(owned.n_elements(), 0.0);
    for (const auto &cell : dofs.active_cell_iterators())
      if (!cell->is_artificial())
        {
          const double D = D_cell(cell), volume = cell->measure();
          for (const unsigned int v : cell->vertex_indices())
            {
              const types::global_dof_index i = cell->vertex_dof_index(v, 0);
              if (owned.is_element(i))
                {
                  DV[owned.index_within_set(i)] += D * volume;
                  V[owned.index_within_set(i)] += volume;
                }
            }
        }
    const HealingState &rest = kinetics.rest_state();
    for (unsigned int k = 0; k < DV.size(); ++k)
      {
        const double D = DV[k] / V[k];
        if (D == 0.0)
          continue; // untouched skin keeps its state bit for bit
        HealingState y;
        for (unsigned int c = 0; c < n_fields; ++c)
          y[c] = rest[c] + w_now[c].begin()[k];
        y = kinetics.after_injury(y, D);
        for (unsigned int c = 0; c < n_fields; ++c)
          w_now[c].begin()[k] = y[c] - rest[c];
      }
    w_trial = w_now;
    restart = true;
  }



  void
  HealingSolver::react(Fields &w, const double t_0, const double h, HealingStepReport &report)
  {
    TimerOutput::Scope  scope(timers, "healing: reaction");
    const HealingState &rest      = kinetics.rest_state();
    bool                converged = true;
    unsigned int        most      = 0;
    for (unsigned int k = 0; k < position.size(); ++k)
      {
        HealingState y;
        for (unsigned int c = 0; c < n_fields; ++c)
          y[c] = rest[c] + w[c].begin()[k];
        const Point<3>    &x = position[k];
        const auto         f = source ? std::function<HealingState(double)>(
                                  [this, &x](const double time) { return source(x, time); }) :
                                        std::function<HealingState(double)>();
        ReactionStepReport node;
        y         = reaction_step(kinetics, y, t_0, h, f, node);
        converged = converged && node.converged;
        most      = std::max(most, node.newton_iterations);
        for (unsigned int c = 0; c < n_fields; ++c)
          w[c].begin()[k] = y[c] - rest[c];
      }
    report.converged = report.converged && converged;
    report.newton_iterations += most;
  }



  void
  HealingSolver::diffuse(Fields &w, const double h, HealingStepReport &report)
  {
    const double                  gamma = SDIRK2::gamma;
    TrilinosWrappers::MPI::Vector rhs(owned, mpi_communicator());
    for (DiffusionGroup &group : groups)
      {
        // the fields at rest everywhere stay so (no solve)
        std::vector<unsigned int> moving;
        for (const unsigned int c : group.fields)
          if (w[c].linfty_norm() > 0.0)
            moving.push_back(c);
        if (moving.empty())
          continue;

        // A = M + gamma h D K
        const double coefficient = gamma * h * group.D;
        if (coefficient != group.coefficient)
          {
            TimerOutput::Scope scope(timers, "healing: assembly");
            group.matrix.copy_from(stiffness);
            group.matrix *= coefficient;
            for (unsigned int k = 0; k < lumped_mass.size(); ++k)
              group.matrix.add(owned.nth_index_in_set(k),
                               owned.nth_index_in_set(k),
                               lumped_mass[k]);
            group.matrix.compress(VectorOperation::add);
            group.coefficient = coefficient;
          }

        for (const unsigned int c : moving)
          {
            // SDIRK2 of M du/dt = -D K u: stage 1, A U_1 = M u_0; stage 2,
            // A U_2 = M [u_0 + (1 - gamma)/gamma (U_1 - u_0)] (models/healing/sdirk2.h).
            // The AMG hierarchy is lagged across step sizes (LinearSolver's
            // rule): on treatment-cheek a hierarchy per step size halves the
            // CG iterations, but its set-up costs 2.7 times what they save.
            const TrilinosWrappers::MPI::Vector u_0 = w[c];
            for (unsigned int k = 0; k < lumped_mass.size(); ++k)
              rhs.begin()[k] = lumped_mass[k] * u_0.begin()[k];
            report.linear_iterations +=
              group.solver->solve(group.matrix, w[c], rhs, true).iterations;
            for (unsigned int k = 0; k < lumped_mass.size(); ++k)
              rhs.begin()[k] =
                lumped_mass[k] *
                (u_0.begin()[k] + (1.0 - gamma) / gamma * (w[c].begin()[k] - u_0.begin()[k]));
            report.linear_iterations +=
              group.solver->solve(group.matrix, w[c], rhs, true).iterations;
          }
      }
  }



  HealingStepReport
  HealingSolver::solve_step(const double dt)
  {
    HealingStepReport report;
    report.converged = true;
    dt_trial         = dt;
    w_trial          = w_now;
    // Strang: S_R(h/2) S_D(h) S_R(h/2)
    react(w_trial, t, 0.5 * dt, report);
    diffuse(w_trial, dt, report);
    react(w_trial, t + 0.5 * dt, 0.5 * dt, report);
    const MPI_Comm comm      = mpi_communicator();
    report.converged         = Utilities::MPI::min(report.converged ? 1 : 0, comm) == 1;
    report.newton_iterations = Utilities::MPI::max(report.newton_iterations, comm);
    return report;
  }



  double
  HealingSolver::predictor_difference() const
  {
    double largest = 0.0;
    for (unsigned int c = 0; c < n_fields; ++c)
      {
        TrilinosWrappers::MPI::Vector difference = w_trial[c];
        difference -= w_now[c];
        if (!restart && dt_last > 0.0)
          // w_pred = w^n + (dt/dt_last)(w^n - w^{n-1})
          {
            const double ratio = dt_trial / dt_last;
            difference.add(-ratio, w_now[c]);
            difference.add(ratio, w_old[c]);
          }
        largest = std::max(largest, difference.linfty_norm());
      }
    return largest;
  }



  void
  HealingSolver::commit()
  {
    w_old = w_now;
    w_now = w_trial;
    t += dt_trial;
    dt_last = dt_trial;
    restart = false;
  }



  std::vector<HealingSolver::Integrals>
  HealingSolver::integrate(const std::function<bool(const Point<3> &)> &inside) const
  {
    const Fields              w = ghosted(w_now);
    FEValues<3>               nodal(fe, nodal_rule, update_values | update_JxW_values);
    std::vector<HealingState> y(nodal_rule.size());
    const HealingState       &rest        = kinetics.rest_state();
    unsigned int              n_materials = 0;
    for (const auto &cell : dofs.active_cell_iterators())
      n_materials = std::max<unsigned int>(n_materials, cell->material_id() + 1);
    n_materials = Utilities::MPI::max(n_materials, mpi_communicator());

    std::vector<Integrals> result(n_materials);
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned() && inside(cell->center()))
        {
          Integrals &in = result[cell->material_id()];
          nodal.reinit(cell);
          field_values(nodal, w, y);
          for (unsigned int q = 0; q < nodal_rule.size(); ++q)
            {
              for (unsigned int c = 0; c < n_fields; ++c)
                in.integral[c] += (rest[c] + y[q][c]) * nodal.JxW(q);
              in.volume += nodal.JxW(q);
            }
        }
    for (Integrals &in : result)
      {
        for (double &v : in.integral)
          v = Utilities::MPI::sum(v, mpi_communicator());
        in.volume = Utilities::MPI::sum(in.volume, mpi_communicator());
      }
    return result;
  }



  HealingState
  HealingSolver::l2_error(const std::function<HealingState(const Point<3> &)> &y_exact) const
  {
    const Fields    w = ghosted(w_now);
    const QGauss<3> rule(3);
    FEValues<3>     values(fe, rule, update_values | update_quadrature_points | update_JxW_values);
    std::vector<HealingState> y(rule.size());
    const HealingState       &rest = kinetics.rest_state();
    HealingState              error{};
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          values.reinit(cell);
          field_values(values, w, y);
          for (unsigned int q = 0; q < rule.size(); ++q)
            {
              const HealingState exact = y_exact(values.quadrature_point(q));
              for (unsigned int c = 0; c < n_fields; ++c)
                {
                  const double e = rest[c] + y[q][c] - exact[c];
                  error[c] += e * e * values.JxW(q);
                }
            }
        }
    for (double &e : error)
      e = std::sqrt(Utilities::MPI::sum(e, mpi_communicator()));
    return error;
  }



  std::vector<HealingState>
  HealingSolver::cell_averages() const
  {
    const Fields              w = ghosted(w_now);
    FEValues<3>               nodal(fe, nodal_rule, update_values | update_JxW_values);
    std::vector<HealingState> y(nodal_rule.size());
    const HealingState       &rest = kinetics.rest_state();
    std::vector<HealingState> averages(dofs.get_triangulation().n_active_cells());
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          nodal.reinit(cell);
          field_values(nodal, w, y);
          HealingState mean{};
          double       volume = 0.0;
          for (unsigned int q = 0; q < nodal_rule.size(); ++q)
            {
              for (unsigned int c = 0; c < n_fields; ++c)
                mean[c] += y[q][c] * nodal.JxW(q);
              volume += nodal.JxW(q);
            }
          for (unsigned int c = 0; c < n_fields; ++c)
            mean[c] = rest[c] + mean[c] / volume;
          averages[cell->active_cell_index()] = mean;
        }
    return averages;
  }
} // namespace needlesim
