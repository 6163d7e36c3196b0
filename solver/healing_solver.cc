#include "healing_solver.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>

#include <iostream>
#include <map>

namespace needlesim
{
  using namespace dealii;
  using HealingField::n_fields;

  namespace
  {
    /// Newton converges when the largest update of a (normalised) field is below this.
    constexpr double newton_tolerance = 1e-8;

    /// Nodal (trapezoidal) rule: the Gauss-Lobatto points of Q1 are its nodes.
    const QGaussLobatto<3> nodal_rule(2);
  } // namespace



  HealingSolver::HealingSolver(const parallel::distributed::Triangulation<3> &patch,
                               const HealingKinetics                         &kinetics_,
                               const LinearSolverSettings                    &linear)
    : kinetics(kinetics_)
    , fe(FE_Q<3>(1), n_fields)
    , dofs(patch)
    , timers(std::cout, TimerOutput::never, TimerOutput::wall_times)
    , linear_solver(linear, timers)
  {
    dofs.distribute_dofs(fe);
    owned = dofs.locally_owned_dofs();
    DoFTools::extract_locally_relevant_dofs(dofs, relevant);
    constraints.reinit(relevant);
    constraints.close();

    // Couplings: diffusion couples a field with itself between the nodes of
    // a cell, the (nodal) reaction couples the fields at one node.
    DynamicSparsityPattern               dsp(relevant);
    std::vector<types::global_dof_index> local(fe.n_dofs_per_cell());
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          cell->get_dof_indices(local);
          for (unsigned int i = 0; i < local.size(); ++i)
            for (unsigned int j = 0; j < local.size(); ++j)
              {
                const auto [ci, node_i] = fe.system_to_component_index(i);
                const auto [cj, node_j] = fe.system_to_component_index(j);
                if (ci == cj || node_i == node_j)
                  dsp.add(local[i], local[j]);
              }
        }
    SparsityTools::distribute_sparsity_pattern(dsp, owned, patch.get_communicator(), relevant);
    matrix.reinit(owned, owned, dsp, patch.get_communicator());
    residual.reinit(owned, patch.get_communicator());
    w_trial.reinit(residual);
    w_now.reinit(residual);
    w_old.reinit(residual);

    // Near null space of the AMG: a constant per field.
    std::vector<std::vector<double>> modes(n_fields, std::vector<double>(owned.n_elements(), 0.0));
    for (unsigned int c = 0; c < n_fields; ++c)
      {
        ComponentMask mask(n_fields, false);
        mask.set(c, true);
        const IndexSet in_field = DoFTools::extract_dofs(dofs, mask);
        for (const auto i : in_field)
          if (owned.is_element(i))
            modes[c][owned.index_within_set(i)] = 1.0;
      }
    linear_solver.set_near_null_space(std::move(modes), false);

    // Locally owned nodes: a vertex carries the dofs of all fields.
    std::vector<bool> seen(dofs.n_dofs(), false);
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int v : cell->vertex_indices())
          {
            const types::global_dof_index d0 = cell->vertex_dof_index(v, 0);
            if (owned.is_element(d0) && !seen[d0])
              {
                seen[d0] = true;
                node_dof0.push_back(d0);
              }
          }
  }



  MPI_Comm
  HealingSolver::mpi_communicator() const
  {
    return dofs.get_communicator();
  }



  TrilinosWrappers::MPI::Vector
  HealingSolver::ghosted(const TrilinosWrappers::MPI::Vector &w) const
  {
    TrilinosWrappers::MPI::Vector g(owned, relevant, mpi_communicator());
    g = w;
    return g;
  }



  void
  HealingSolver::set_state(const std::function<HealingState(const Point<3> &)> &y)
  {
    const HealingState &rest = kinetics.rest_state();
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int v : cell->vertex_indices())
          {
            const types::global_dof_index d0 = cell->vertex_dof_index(v, 0);
            if (!owned.is_element(d0))
              continue;
            const HealingState value = y(cell->vertex(v));
            for (unsigned int c = 0; c < n_fields; ++c)
              w_now[d0 + c] = value[c] - rest[c];
          }
    w_now.compress(VectorOperation::insert);
    w_old   = w_now;
    w_trial = w_now;
    restart = true;
  }



  void
  HealingSolver::apply_injury(const CellInjury &D_cell)
  {
    // volume-weighted mean of the cell injuries around each owned node
    std::map<types::global_dof_index, std::pair<double, double>> sums; // D V, V
    for (const types::global_dof_index d0 : node_dof0)
      sums[d0] = {0.0, 0.0};
    for (const auto &cell : dofs.active_cell_iterators())
      if (!cell->is_artificial())
        {
          const double D = D_cell(cell), V = cell->measure();
          for (const unsigned int v : cell->vertex_indices())
            {
              const auto it = sums.find(cell->vertex_dof_index(v, 0));
              if (it != sums.end())
                {
                  it->second.first += D * V;
                  it->second.second += V;
                }
            }
        }
    const HealingState &rest = kinetics.rest_state();
    for (const auto &[d0, sum] : sums)
      {
        const double D = sum.first / sum.second;
        if (D == 0.0)
          continue; // untouched skin keeps its state bit for bit
        HealingState y;
        for (unsigned int c = 0; c < n_fields; ++c)
          y[c] = rest[c] + w_now[d0 + c];
        y = kinetics.after_injury(y, D);
        for (unsigned int c = 0; c < n_fields; ++c)
          w_now[d0 + c] = y[c] - rest[c];
      }
    w_now.compress(VectorOperation::insert);
    w_trial = w_now;
    restart = true;
  }



  void
  HealingSolver::assemble(const double                         alpha_0,
                          const TrilinosWrappers::MPI::Vector &history,
                          const double                         t_new)
  {
    TimerOutput::Scope scope(timers, "healing: assembly");
    matrix   = 0.0;
    residual = 0.0;
    const TrilinosWrappers::MPI::Vector w = ghosted(w_trial), h = ghosted(history);

    FEValues<3> nodal(fe, nodal_rule, update_values | update_quadrature_points | update_JxW_values);
    FEValues<3> gauss(fe, QGauss<3>(2), update_gradients | update_JxW_values);
    const unsigned int n = fe.n_dofs_per_cell();
    FullMatrix<double> cell_matrix(n, n);
    Vector<double>     cell_residual(n);
    std::vector<types::global_dof_index> local_dofs(n);
    std::vector<Vector<double>> w_q(nodal_rule.size(), Vector<double>(n_fields));
    std::vector<Vector<double>> h_q(nodal_rule.size(), Vector<double>(n_fields));
    std::vector<std::vector<Tensor<1, 3>>> grad_q(gauss.get_quadrature().size(),
                                                  std::vector<Tensor<1, 3>>(n_fields));
    const HealingState &rest = kinetics.rest_state();
    const HealingState  D    = kinetics.diffusivity();

    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          nodal.reinit(cell);
          gauss.reinit(cell);
          cell_matrix   = 0.0;
          cell_residual = 0.0;
          nodal.get_function_values(w, w_q);
          nodal.get_function_values(h, h_q);
          gauss.get_function_gradients(w, grad_q);

          // time derivative, reaction and source at the nodes (lumped)
          for (unsigned int q = 0; q < nodal_rule.size(); ++q)
            {
              HealingState y;
              for (unsigned int c = 0; c < n_fields; ++c)
                y[c] = rest[c] + w_q[q][c];
              const HealingState    R = kinetics.reaction(y);
              const HealingJacobian J = kinetics.jacobian(y);
              const HealingState    f = source ? source(nodal.quadrature_point(q), t_new) :
                                                 HealingState{};
              for (unsigned int i = 0; i < n; ++i)
                {
                  const double phi_i = nodal.shape_value(i, q);
                  if (phi_i == 0.0)
                    continue;
                  const unsigned int ci = fe.system_to_component_index(i).first;
                  cell_residual(i) +=
                    phi_i * (alpha_0 * w_q[q][ci] + h_q[q][ci] - R[ci] - f[ci]) * nodal.JxW(q);
                  for (unsigned int j = 0; j < n; ++j)
                    {
                      const double phi_j = nodal.shape_value(j, q);
                      if (phi_j == 0.0)
                        continue;
                      const unsigned int cj = fe.system_to_component_index(j).first;
                      cell_matrix(i, j) +=
                        phi_i * phi_j * ((ci == cj ? alpha_0 : 0.0) - J[ci][cj]) * nodal.JxW(q);
                    }
                }
            }
          // diffusion
          for (unsigned int q = 0; q < gauss.get_quadrature().size(); ++q)
            for (unsigned int i = 0; i < n; ++i)
              {
                const unsigned int ci = fe.system_to_component_index(i).first;
                if (D[ci] == 0.0)
                  continue;
                const Tensor<1, 3> grad_i = gauss.shape_grad(i, q);
                cell_residual(i) += D[ci] * grad_i * grad_q[q][ci] * gauss.JxW(q);
                for (unsigned int j = 0; j < n; ++j)
                  if (fe.system_to_component_index(j).first == ci)
                    cell_matrix(i, j) += D[ci] * grad_i * gauss.shape_grad(j, q) * gauss.JxW(q);
              }
          cell->get_dof_indices(local_dofs);
          constraints.distribute_local_to_global(cell_matrix, cell_residual, local_dofs, matrix,
                                                 residual);
        }
    matrix.compress(VectorOperation::add);
    residual.compress(VectorOperation::add);
  }



  HealingStepReport
  HealingSolver::solve_step(const double dt)
  {
    // BDF coefficients: alpha_0 w^{n+1} + history
    TrilinosWrappers::MPI::Vector history(owned, mpi_communicator());
    double                        alpha_0;
    if (restart || dt_last == 0.0)
      {
        alpha_0 = 1.0 / dt;
        history.add(-1.0 / dt, w_now);
      }
    else
      {
        const double omega = dt / dt_last;
        alpha_0            = (1.0 + 2.0 * omega) / ((1.0 + omega) * dt);
        history.add(-(1.0 + omega) / dt, w_now);
        history.add(omega * omega / ((1.0 + omega) * dt), w_old);
      }
    dt_trial = dt;

    HealingStepReport report;
    w_trial = w_now;
    TrilinosWrappers::MPI::Vector update(owned, mpi_communicator());
    for (unsigned int k = 0; k < 15; ++k)
      {
        assemble(alpha_0, history, t + dt);
        if (residual.linfty_norm() == 0.0) // e.g. untreated skin: exactly at rest
          {
            report.converged = true;
            return report;
          }
        residual *= -1.0;
        update = 0.0;
        const LinearSolveReport solved = linear_solver.solve(matrix, update, residual, true);
        w_trial += update;
        report.newton_iterations += 1;
        report.linear_iterations += solved.iterations;
        report.update_norm = update.linfty_norm();
        // fields are O(1) (normalised): an absolute criterion on the update
        if (report.update_norm <= newton_tolerance)
          {
            report.converged = true;
            return report;
          }
      }
    return report;
  }



  double
  HealingSolver::predictor_difference() const
  {
    TrilinosWrappers::MPI::Vector difference = w_trial;
    difference -= w_now;
    if (!restart && dt_last > 0.0)
      // w_pred = w^n + (dt/dt_last)(w^n - w^{n-1})
      {
        const double ratio = dt_trial / dt_last;
        difference.add(-ratio, w_now);
        difference.add(ratio, w_old);
      }
    return difference.linfty_norm();
  }



  void
  HealingSolver::commit()
  {
    w_old   = w_now;
    w_now   = w_trial;
    t += dt_trial;
    dt_last = dt_trial;
    restart = false;
  }



  std::vector<HealingSolver::Integrals>
  HealingSolver::integrate(const std::function<bool(const Point<3> &)> &inside) const
  {
    const TrilinosWrappers::MPI::Vector w = ghosted(w_now);
    FEValues<3>                 nodal(fe, nodal_rule, update_values | update_JxW_values);
    std::vector<Vector<double>> w_q(nodal_rule.size(), Vector<double>(n_fields));
    const HealingState         &rest = kinetics.rest_state();
    unsigned int                n_materials = 0;
    for (const auto &cell : dofs.active_cell_iterators())
      n_materials = std::max<unsigned int>(n_materials, cell->material_id() + 1);
    n_materials = Utilities::MPI::max(n_materials, mpi_communicator());

    std::vector<Integrals> result(n_materials);
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned() && inside(cell->center()))
        {
          Integrals &in = result[cell->material_id()];
          nodal.reinit(cell);
          nodal.get_function_values(w, w_q);
          for (unsigned int q = 0; q < nodal_rule.size(); ++q)
            {
              for (unsigned int c = 0; c < n_fields; ++c)
                in.integral[c] += (rest[c] + w_q[q][c]) * nodal.JxW(q);
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
    const TrilinosWrappers::MPI::Vector w = ghosted(w_now);
    const QGauss<3>             rule(3);
    FEValues<3>                 values(fe, rule,
                       update_values | update_quadrature_points | update_JxW_values);
    std::vector<Vector<double>> w_q(rule.size(), Vector<double>(n_fields));
    const HealingState         &rest = kinetics.rest_state();
    HealingState                error{};
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          values.reinit(cell);
          values.get_function_values(w, w_q);
          for (unsigned int q = 0; q < rule.size(); ++q)
            {
              const HealingState exact = y_exact(values.quadrature_point(q));
              for (unsigned int c = 0; c < n_fields; ++c)
                {
                  const double e = rest[c] + w_q[q][c] - exact[c];
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
    const TrilinosWrappers::MPI::Vector w = ghosted(w_now);
    FEValues<3>                 nodal(fe, nodal_rule, update_values | update_JxW_values);
    std::vector<Vector<double>> w_q(nodal_rule.size(), Vector<double>(n_fields));
    const HealingState         &rest = kinetics.rest_state();
    std::vector<HealingState>   averages(dofs.get_triangulation().n_active_cells());
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          nodal.reinit(cell);
          nodal.get_function_values(w, w_q);
          HealingState mean{};
          double       volume = 0.0;
          for (unsigned int q = 0; q < nodal_rule.size(); ++q)
            {
              for (unsigned int c = 0; c < n_fields; ++c)
                mean[c] += w_q[q][c] * nodal.JxW(q);
              volume += nodal.JxW(q);
            }
          for (unsigned int c = 0; c < n_fields; ++c)
            mean[c] = rest[c] + mean[c] / volume;
          averages[cell->active_cell_index()] = mean;
        }
    return averages;
  }
} // namespace needlesim
