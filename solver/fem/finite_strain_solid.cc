#include "finite_strain_solid.h"

#include "newton_forcing.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <limits>
#include <sstream>

namespace needlesim
{
  using namespace dealii;

  namespace
  {
    /// The Lagrange polynomial of point @p q of the tensor-product rule
    /// with the 1-d points @p nodes per direction (first coordinate
    /// fastest), at the reference point @p xi.
    template <int d>
    double
    lobatto_lagrange(const std::vector<Point<1>> &nodes, unsigned int q, const Point<d> &xi)
    {
      const unsigned int n     = nodes.size();
      double             value = 1.0;
      for (unsigned int c = 0; c < d; ++c, q /= n)
        for (unsigned int j = 0; j < n; ++j)
          if (j != q % n)
            value *= (xi[c] - nodes[j][0]) / (nodes[q % n][0] - nodes[j][0]);
      return value;
    }
  } // namespace

  template <int dim>
  FiniteStrainSolid<dim>::FiniteStrainSolid(parallel::distributed::Triangulation<dim> &tria_,
                                            const MaterialMap                         &materials_,
                                            const SolidSettings                       &settings_)
    : tria(tria_)
    , materials(materials_)
    , settings(settings_)
    , fe(FE_Q<dim>(settings_.degree), dim)
    , mapping_q(1)
    , quadrature(settings_.degree + 1)
    , face_quadrature(settings_.degree + 1)
    , dofs(tria_)
    , timers(std::cout, TimerOutput::never, TimerOutput::wall_times)
    , linear_solver(settings_.linear, timers)
  {
    if ((dim == 3) != (settings.geometry == Geometry::three_dimensional))
      throw std::logic_error("FiniteStrainSolid: geometry does not match the dimension");
  }



  template <int dim>
  DirichletHandle
  FiniteStrainSolid<dim>::add_dirichlet(const DirichletCondition<dim> &condition)
  {
    dirichlet.push_back(condition);
    return {static_cast<unsigned int>(dirichlet.size() - 1)};
  }



  template <int dim>
  void
  FiniteStrainSolid<dim>::add_traction(const TractionLoad<dim> &load)
  {
    tractions.push_back(load);
  }



  template <int dim>
  unsigned int
  FiniteStrainSolid<dim>::add_interaction(std::shared_ptr<Interaction<dim>> interaction)
  {
    InteractionData data;
    data.interaction = std::move(interaction);
    interactions.push_back(std::move(data));
    return interactions.size() - 1;
  }



  template <int dim>
  std::vector<double>
  FiniteStrainSolid<dim>::interaction_cell_average(
    const unsigned int                         k,
    const std::function<double(unsigned int)> &value) const
  {
    const InteractionData &data = interactions.at(k);
    const auto            &pts  = data.interaction->points();
    const unsigned int     n_q  = data.n_points_per_site();
    std::vector<double>    sum(tria.n_active_cells(), 0.0), weight(tria.n_active_cells(), 0.0);
    for (const InteractionSite &site : data.sites)
      for (unsigned int q = 0; q < n_q; ++q)
        {
          const unsigned int i = site.first_point + q, c = site.cell->active_cell_index();
          sum[c] += pts[i].weight * value(i);
          weight[c] += pts[i].weight;
        }
    for (unsigned int c = 0; c < sum.size(); ++c)
      sum[c] = weight[c] > 0.0 ? sum[c] / weight[c] : 0.0;
    return sum;
  }



  template <int dim>
  void
  FiniteStrainSolid<dim>::setup_interaction(InteractionData &data) const
  {
    const Interaction<dim> &interaction = *data.interaction;
    const unsigned int      n           = interaction.points_per_direction();
    const bool              on_cells    = interaction.support() == Interaction<dim>::Support::cells;
    if (on_cells)
      data.cell_quadrature = interaction.lobatto() ?
                               std::unique_ptr<Quadrature<dim>>(new QGaussLobatto<dim>(n)) :
                               std::unique_ptr<Quadrature<dim>>(new QGauss<dim>(n));
    else
      data.face_quadrature = interaction.lobatto() ?
                               std::unique_ptr<Quadrature<dim - 1>>(new QGaussLobatto<dim - 1>(n)) :
                               std::unique_ptr<Quadrature<dim - 1>>(new QGauss<dim - 1>(n));

    const std::set<types::boundary_id> ids          = interaction.boundaries();
    const bool                         axisymmetric = (settings.geometry == Geometry::axisymmetric);
    const UpdateFlags                  flags        = update_quadrature_points | update_JxW_values;
    std::unique_ptr<FEValuesBase<dim>> values;
    if (on_cells)
      values = std::make_unique<FEValues<dim>>(mapping_q, fe, *data.cell_quadrature, flags);
    else
      values = std::make_unique<FEFaceValues<dim>>(mapping_q, fe, *data.face_quadrature, flags);

    // Axisymmetric nodal points carry the lumped weight of their Lagrange
    // polynomial l_q, w_q = int l_q 2 pi r dA (a Gauss rule of n + 1 points):
    // the trapezoidal weight 2 pi r_q w_q vanishes on the axis, where the
    // needle's apex would then pass the skin's axis node without a force.
    const bool                         lumped = axisymmetric && interaction.lobatto();
    std::unique_ptr<FEValuesBase<dim>> gauss_values;
    const QGauss<dim>                  cell_gauss(n + 1);
    const QGauss<dim - 1>              face_gauss(n + 1);
    const std::vector<Point<1>>        lobatto =
      lumped ? QGaussLobatto<1>(n).get_points() : std::vector<Point<1>>();
    if (lumped && on_cells)
      gauss_values = std::make_unique<FEValues<dim>>(mapping_q, fe, cell_gauss, flags);
    else if (lumped)
      gauss_values = std::make_unique<FEFaceValues<dim>>(mapping_q, fe, face_gauss, flags);

    std::vector<InteractionPoint<dim>> points;
    const auto                         add_site = [&](const auto &cell, const unsigned int face) {
      data.sites.push_back({cell, face, static_cast<unsigned int>(points.size())});
      double measure = 0.0;
      for (unsigned int q = 0; q < values->n_quadrature_points; ++q)
        measure += values->JxW(q);
      const unsigned int site_dim = on_cells ? dim : dim - 1;
      const double       size     = std::pow(measure, 1.0 / site_dim);
      for (unsigned int q = 0; q < values->n_quadrature_points; ++q)
        {
          const Point<dim> X = values->quadrature_point(q);
          double           w = values->JxW(q) * (axisymmetric ? 2.0 * M_PI * X[0] : 1.0);
          if (lumped)
            {
              w = 0.0;
              for (unsigned int g = 0; g < gauss_values->n_quadrature_points; ++g)
                w += (on_cells ? lobatto_lagrange<dim>(lobatto, q, cell_gauss.point(g)) :
                                                         lobatto_lagrange<dim - 1>(lobatto, q, face_gauss.point(g))) *
                     gauss_values->JxW(g) * 2.0 * M_PI * gauss_values->quadrature_point(g)[0];
            }
          points.push_back({X, w, size});
        }
    };
    data.sites.clear();
    for (const auto &cell : dofs.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        if (on_cells)
          {
            if (!interaction.acts_on(cell->center()))
              continue;
            static_cast<FEValues<dim> &>(*values).reinit(cell);
            if (lumped)
              static_cast<FEValues<dim> &>(*gauss_values).reinit(cell);
            add_site(cell, numbers::invalid_unsigned_int);
            continue;
          }
        for (const unsigned int f : cell->face_indices())
          {
            if (!cell->face(f)->at_boundary() || ids.count(cell->face(f)->boundary_id()) == 0 ||
                !interaction.acts_on(cell->face(f)->center()))
              continue;
            static_cast<FEFaceValues<dim> &>(*values).reinit(cell, f);
            if (lumped)
              static_cast<FEFaceValues<dim> &>(*gauss_values).reinit(cell, f);
            add_site(cell, f);
          }
      }
    data.interaction->set_points(std::move(points));
  }



  template <int dim>
  void
  FiniteStrainSolid<dim>::assemble_interaction(InteractionData &data,
                                               const double     t,
                                               const double     dt,
                                               const bool       with_matrix,
                                               double          &force_scale)
  {
    Interaction<dim>                  &interaction = *data.interaction;
    TimerOutput::Scope                 scope(timers, "assembly: " + interaction.name());
    std::unique_ptr<FEValuesBase<dim>> values;
    if (data.cell_quadrature)
      values = std::make_unique<FEValues<dim>>(mapping_q, fe, *data.cell_quadrature, update_values);
    else
      values =
        std::make_unique<FEFaceValues<dim>>(mapping_q, fe, *data.face_quadrature, update_values);
    const unsigned int                   n_dofs = fe.n_dofs_per_cell();
    std::vector<types::global_dof_index> local_dofs(n_dofs);
    Vector<double>                       f(n_dofs), rhs_local(n_dofs);
    FullMatrix<double>                   K(n_dofs, n_dofs);
    Tensor<1, dim>                       u, u_n, force;
    Tensor<2, dim>                       stiffness;
    for (const InteractionSite &site : data.sites)
      {
        if (data.cell_quadrature)
          static_cast<FEValues<dim> &>(*values).reinit(site.cell);
        else
          static_cast<FEFaceValues<dim> &>(*values).reinit(site.cell, site.face);
        site.cell->get_dof_indices(local_dofs);
        f = 0.0;
        K = 0.0;
        for (unsigned int q = 0; q < values->n_quadrature_points; ++q)
          {
            u   = 0;
            u_n = 0;
            for (unsigned int a = 0; a < n_dofs; ++a)
              {
                const unsigned int c = fe.system_to_component_index(a).first;
                const double       N = values->shape_value(a, q);
                u[c] += N * trial_solution[local_dofs[a]];
                u_n[c] += N * solution_n[local_dofs[a]];
              }
            const unsigned int i = site.first_point + q;
            force                = 0;
            stiffness            = 0;
            interaction.evaluate(i, u, u_n, t, dt, force, stiffness);
            const double w = interaction.points()[i].weight;
            for (unsigned int a = 0; a < n_dofs; ++a)
              {
                const double Na = values->shape_value(a, q);
                if (Na == 0.0)
                  continue;
                const unsigned int ca = fe.system_to_component_index(a).first;
                f[a] += Na * force[ca] * w;
                if (with_matrix)
                  for (unsigned int b = 0; b < n_dofs; ++b)
                    K(a, b) += Na * values->shape_value(b, q) *
                               stiffness[ca][fe.system_to_component_index(b).first] * w;
              }
          }
        internal_force.add(local_dofs, f);
        force_scale += f.norm_sqr();
        if (with_matrix)
          {
            for (unsigned int a = 0; a < n_dofs; ++a)
              rhs_local[a] = -f[a];
            constraints.distribute_local_to_global(K, rhs_local, local_dofs, tangent, rhs);
          }
      }
  }



  template <int dim>
  void
  FiniteStrainSolid<dim>::set_body_force(
    std::function<Tensor<1, dim>(const Point<dim> &, double)> b)
  {
    body_force = std::move(b);
  }



  template <int dim>
  void
  FiniteStrainSolid<dim>::setup()
  {
    const MPI_Comm comm = tria.get_communicator();
    dofs.distribute_dofs(fe);
    owned = dofs.locally_owned_dofs();
    DoFTools::extract_locally_relevant_dofs(dofs, relevant);
    DoFTools::map_dofs_to_support_points(mapping_q, dofs, support_points);

    dirichlet_dofs.clear();
    for (const DirichletCondition<dim> &c : dirichlet)
      {
        ComponentMask mask(dim, false);
        mask.set(c.component, true);
        const IndexSet boundary_dofs = DoFTools::extract_boundary_dofs(dofs, mask, {c.boundary});
        dirichlet_dofs.emplace_back(boundary_dofs.begin(), boundary_dofs.end());
      }
    active_dirichlet.assign(dirichlet.size(), {});
    active_trial = active_dirichlet;

    // The pattern holds the full element coupling, so any set of Dirichlet
    // constraints (they change with the indenter contact) fits into it.
    DynamicSparsityPattern dsp(relevant);
    DoFTools::make_sparsity_pattern(dofs, dsp);
    SparsityTools::distribute_sparsity_pattern(dsp, owned, comm, relevant);
    tangent.reinit(owned, owned, dsp, comm);

    rhs.reinit(owned, comm);
    internal_force.reinit(owned, comm);
    internal_force_n.reinit(owned, comm);
    solution_n.reinit(owned, relevant, comm);
    solution_previous.reinit(owned, relevant, comm);
    trial_solution.reinit(owned, relevant, comm);

    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned() && materials.count(cell->material_id()) == 0)
        throw std::runtime_error("no constitutive law for material id " +
                                 std::to_string(cell->material_id()));

    const unsigned int n_q = quadrature.size();
    state_n.assign(tria.n_active_cells() * n_q, InternalState());
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        for (unsigned int q = 0; q < n_q; ++q)
          state_n[cell->active_cell_index() * n_q + q] =
            materials.at(cell->material_id())->initial_state();
    state_np1 = state_n;

    linear_solver.set_near_null_space(rigid_body_modes(), settings.degree > 1);
    if (settings.linear.preconditioner != LinearSolverSettings::Preconditioner::algebraic_multigrid)
      setup_geometric_multigrid();
    for (InteractionData &data : interactions)
      setup_interaction(data);
  }



  template <int dim>
  std::vector<unsigned int>
  FiniteStrainSolid<dim>::owned_components() const
  {
    std::vector<unsigned int>            component(owned.n_elements(), 0);
    std::vector<types::global_dof_index> local_dofs(fe.n_dofs_per_cell());
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          cell->get_dof_indices(local_dofs);
          for (unsigned int a = 0; a < local_dofs.size(); ++a)
            if (owned.is_element(local_dofs[a]))
              component[owned.index_within_set(local_dofs[a])] =
                fe.system_to_component_index(a).first;
        }
    return component;
  }



  template <int dim>
  void
  FiniteStrainSolid<dim>::setup_geometric_multigrid()
  {
    std::optional<TensorGridUnknowns> grid = TensorGridUnknowns::detect<dim>(
      support_points, owned, owned_components(), dim, tria.get_communicator());
    if (grid)
      linear_solver.set_tensor_grid(std::move(*grid));
    else if (settings.linear.preconditioner ==
             LinearSolverSettings::Preconditioner::geometric_multigrid)
      throw std::runtime_error(
        "Linear solver/Preconditioner = geometric multigrid needs a mesh whose nodes form a "
        "tensor-product grid (a subdivided box, the benchmark meshes); this mesh's do not: "
        "use Preconditioner = algebraic multigrid or automatic");
  }



  template <int dim>
  std::vector<std::vector<double>>
  FiniteStrainSolid<dim>::rigid_body_modes() const
  {
    // Translations, plus rotations about the origin in 3-d and plane strain
    // (the axisymmetric operator has only the axial translation as kernel).
    const std::vector<unsigned int>  component = owned_components();
    const bool                       rotations = (settings.geometry != Geometry::axisymmetric);
    const unsigned int               n_rot     = rotations ? (dim == 3 ? 3 : 1) : 0;
    std::vector<std::vector<double>> modes(dim + n_rot, std::vector<double>(owned.n_elements()));
    unsigned int                     i = 0;
    for (const types::global_dof_index dof : owned)
      {
        const Point<dim>  &x = support_points.at(dof);
        const unsigned int c = component[i];
        modes[c][i]          = 1.0;
        if (n_rot > 0)
          {
            // rotation about the z axis (2-d: the out-of-plane axis)
            modes[dim][i] = (c == 0 ? -x[1] : (c == 1 ? x[0] : 0.0));
            if (dim == 3)
              {
                modes[dim + 1][i] = (c == 1 ? -x[dim - 1] : (c == dim - 1 ? x[1] : 0.0));
                modes[dim + 2][i] = (c == 0 ? x[dim - 1] : (c == dim - 1 ? -x[0] : 0.0));
              }
          }
        ++i;
      }
    return modes;
  }



  template <int dim>
  void
  FiniteStrainSolid<dim>::make_constraints(const double t, const bool inhomogeneous)
  {
    TimerOutput::Scope scope(timers, "constraints");
    constraints.clear();
    constraints.reinit(relevant);
    active_trial.assign(dirichlet.size(), {});
    for (unsigned int i = 0; i < dirichlet.size(); ++i)
      for (const types::global_dof_index dof : dirichlet_dofs[i])
        {
          const std::optional<double> value = dirichlet[i].value(support_points.at(dof), t);
          if (!value || constraints.is_constrained(dof))
            continue;
          constraints.add_line(dof);
          if (inhomogeneous)
            constraints.set_inhomogeneity(dof, *value - trial_solution[dof]);
          if (owned.is_element(dof))
            active_trial[i].push_back(dof);
        }
    constraints.close();
  }



  template <int dim>
  bool
  FiniteStrainSolid<dim>::dirichlet_satisfied(const double t) const
  {
    double violation = 0.0, scale = 0.0;
    for (unsigned int i = 0; i < dirichlet.size(); ++i)
      for (const types::global_dof_index dof : active_trial[i])
        {
          const double target = *dirichlet[i].value(support_points.at(dof), t);
          violation           = std::max(violation, std::abs(target - trial_solution[dof]));
          scale               = std::max(scale, std::abs(target));
        }
    const MPI_Comm comm = tria.get_communicator();
    violation           = Utilities::MPI::max(violation, comm);
    scale               = Utilities::MPI::max(scale, comm);
    return violation <= 1e-12 * (1.0 + scale);
  }



  template <int dim>
  void
  FiniteStrainSolid<dim>::build_cell_kinematics(
    const typename DoFHandler<dim>::active_cell_iterator &cell,
    FEValues<dim>                                        &fe_values,
    const TrilinosWrappers::MPI::Vector                  &u,
    std::vector<QuadraturePointKinematics>               &qp,
    FullMatrix<double>                                   &projection) const
  {
    fe_values.reinit(cell);
    std::vector<double>                  u_local(fe.n_dofs_per_cell());
    std::vector<types::global_dof_index> local_dofs(fe.n_dofs_per_cell());
    cell->get_dof_indices(local_dofs);
    for (unsigned int a = 0; a < local_dofs.size(); ++a)
      u_local[a] = u[local_dofs[a]];
    compute_cell_kinematics(fe_values, u_local, settings.geometry, qp);
    if (settings.locking_free)
      projection = projection_matrix<dim>(fe_values.get_quadrature_points(),
                                          weights_of(qp),
                                          settings.degree - 1);
  }



  template <int dim>
  typename FiniteStrainSolid<dim>::Assembly
  FiniteStrainSolid<dim>::assemble(const double t, const double dt, const bool with_matrix)
  {
    std::optional<TimerOutput::Scope> scope(std::in_place, timers, "assembly: solid");
    if (with_matrix)
      tangent = 0.0;
    rhs            = 0.0;
    internal_force = 0.0;

    FEValues<dim>     fe_values(mapping_q,
                            fe,
                            quadrature,
                            update_values | update_gradients | update_quadrature_points |
                              update_JxW_values);
    FEFaceValues<dim> fe_face_values(mapping_q,
                                     fe,
                                     face_quadrature,
                                     update_values | update_quadrature_points | update_JxW_values);

    const unsigned int                     n_q = quadrature.size(), n_dofs = fe.n_dofs_per_cell();
    std::vector<QuadraturePointKinematics> qp;
    std::vector<MaterialPoint>             mp(n_q);
    std::vector<QuadraturePointStress>     stresses;
    FullMatrix<double>                     projection, K;
    Vector<double> f_int, f_ext(n_dofs), cell_rhs(n_dofs), cell_residual(n_dofs);
    std::vector<types::global_dof_index> local_dofs(n_dofs);
    const bool axisymmetric = (settings.geometry == Geometry::axisymmetric);

    Assembly result;
    for (const auto &cell : dofs.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        build_cell_kinematics(cell, fe_values, trial_solution, qp, projection);
        const ConstitutiveLaw *law = materials.at(cell->material_id()).get();
        for (unsigned int q = 0; q < n_q; ++q)
          {
            const unsigned int k = cell->active_cell_index() * n_q + q;
            mp[q]                = {law, &state_n[k], &state_np1[k]};
          }
        ElementScalars element;
        try
          {
            element = assemble_element(qp,
                                       settings.locking_free ? &projection : nullptr,
                                       mp,
                                       dt,
                                       f_int,
                                       with_matrix ? &K : nullptr,
                                       &stresses);
          }
        catch (const InadmissibleDeformation &)
          {
            result.admissible = false;
            break;
          }
        result.energy += element.energy;
        if (law->n_internal_tensors() > 0)
          for (unsigned int q = 0; q < n_q; ++q)
            {
              const unsigned int k = cell->active_cell_index() * n_q + q;
              const Tensor2     &F = stresses[q].F_bar;
              result.viscous.dissipated +=
                qp[q].JxW * law->viscous_dissipation(F, state_n[k], state_np1[k]);
              result.viscous.stored += qp[q].JxW * law->viscous_stored_energy(F, state_np1[k]);
            }
        result.force_scale += element.force_magnitude * element.force_magnitude;

        // External loads: body force and dead-load tractions.
        f_ext = 0.0;
        if (body_force)
          for (unsigned int q = 0; q < n_q; ++q)
            {
              const Tensor<1, dim> B = body_force(fe_values.quadrature_point(q), t);
              for (unsigned int a = 0; a < n_dofs; ++a)
                f_ext[a] += fe_values.shape_value(a, q) * B[fe.system_to_component_index(a).first] *
                            qp[q].JxW;
            }
        for (const TractionLoad<dim> &load : tractions)
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary() && cell->face(f)->boundary_id() == load.boundary)
              {
                fe_face_values.reinit(cell, f);
                for (unsigned int q = 0; q < fe_face_values.n_quadrature_points; ++q)
                  {
                    const Point<dim>     X = fe_face_values.quadrature_point(q);
                    const Tensor<1, dim> T = load.traction(X, t);
                    const double         dA =
                      fe_face_values.JxW(q) * (axisymmetric ? 2 * M_PI * X[0] : 1.0);
                    for (unsigned int a = 0; a < n_dofs; ++a)
                      f_ext[a] += fe_face_values.shape_value(a, q) *
                                  T[fe.system_to_component_index(a).first] * dA;
                  }
              }

        for (unsigned int a = 0; a < n_dofs; ++a)
          {
            cell_rhs[a]      = f_ext[a] - f_int[a];
            cell_residual[a] = -cell_rhs[a];
          }
        cell->get_dof_indices(local_dofs);
        internal_force.add(local_dofs, cell_residual);
        if (with_matrix)
          constraints.distribute_local_to_global(K, cell_rhs, local_dofs, tangent, rhs);
      }

    scope.reset();
    // Surface interactions (contact, cohesive crack).
    if (result.admissible)
      for (InteractionData &data : interactions)
        assemble_interaction(data, t, dt, with_matrix, result.force_scale);

    TimerOutput::Scope exchange(timers, "assembly: exchange between ranks");
    result.admissible =
      (Utilities::MPI::min(result.admissible ? 1 : 0, tria.get_communicator()) == 1);
    if (with_matrix)
      tangent.compress(VectorOperation::add);
    rhs.compress(VectorOperation::add);
    internal_force.compress(VectorOperation::add);
    result.energy = Utilities::MPI::sum(result.energy, tria.get_communicator());
    result.viscous.dissipated =
      viscous_n.dissipated +
      Utilities::MPI::sum(result.viscous.dissipated, tria.get_communicator());
    result.viscous.stored = Utilities::MPI::sum(result.viscous.stored, tria.get_communicator());
    result.force_scale =
      std::sqrt(Utilities::MPI::sum(result.force_scale, tria.get_communicator()));
    return result;
  }



  template <int dim>
  double
  FiniteStrainSolid<dim>::free_residual_norm() const
  {
    double sum = 0.0;
    for (const types::global_dof_index dof : owned)
      if (!constraints.is_constrained(dof))
        sum += internal_force[dof] * internal_force[dof];
    return std::sqrt(Utilities::MPI::sum(sum, tria.get_communicator()));
  }



  template <int dim>
  std::string
  FiniteStrainSolid<dim>::largest_residual() const
  {
    // the free unknown with the largest out-of-balance force, over all ranks
    std::pair<double, Point<dim>> mine{-1.0, Point<dim>()};
    for (const types::global_dof_index dof : owned)
      if (!constraints.is_constrained(dof) && std::abs(internal_force[dof]) > mine.first)
        mine = {std::abs(internal_force[dof]), support_points.at(dof)};
    std::pair<double, Point<dim>> largest = mine;
    for (const auto &other : Utilities::MPI::all_gather(tria.get_communicator(), mine))
      if (other.first > largest.first)
        largest = other;
    std::ostringstream where;
    where << "largest " << largest.first << " N at the reference point (" << largest.second
          << ") mm";
    return where.str();
  }



  template <int dim>
  StepReport
  FiniteStrainSolid<dim>::solve_step(const double t_new, const bool extrapolate)
  {
    t_trial = t_new;
    // Newton's method from the linear extrapolation of the last two committed
    // states along the load parameter where the caller allows it, and where
    // it fails from there, once more from the committed state. (Assembling
    // both starts and taking the smaller residual cost one more assembly per
    // step, a third of all assemblies of a stroke.)
    const double lambda_n = load_parameter(t_n), lambda_step = load_parameter(t_new) - lambda_n,
                 lambda_last = lambda_n - load_parameter(t_previous);
    if (!(extrapolate && t_n > t_previous && t_new > t_n && lambda_step * lambda_last > 0.0))
      return newton(t_new, solution_n);

    // u_pred = u_n + r (u_n - u_{n-1}),  r = the load step over the last one
    const double                  r = lambda_step / lambda_last;
    TrilinosWrappers::MPI::Vector predictor(solution_n);
    predictor *= 1.0 + r;
    predictor.add(-r, solution_previous);
    const StepReport from_predictor = newton(t_new, predictor);
    if (from_predictor.converged)
      return from_predictor;
    StepReport from_committed = newton(t_new, solution_n);
    from_committed.newton_iterations += from_predictor.newton_iterations;
    from_committed.linear_iterations += from_predictor.linear_iterations;
    return from_committed;
  }



  template <int dim>
  typename FiniteStrainSolid<dim>::LineSearch
  FiniteStrainSolid<dim>::line_search(const double                         t_new,
                                      const TrilinosWrappers::MPI::Vector &du,
                                      const double                         norm,
                                      const bool                           any_admissible,
                                      NewtonIterationInfo                 &info)
  {
    // Backtracking on the residual norm: the full update is assembled with
    // the tangent (it is accepted in most iterations), shorter trials with
    // the residual only; the caller assembles the tangent of an accepted
    // shorter step once, after the search.
    const MPI_Comm                comm = tria.get_communicator();
    TrilinosWrappers::MPI::Vector current(owned, comm), trial(owned, comm);
    current = trial_solution;
    LineSearch   result;
    double       alpha = 1.0;
    const double dt    = t_new - t_n;
    for (unsigned int ls = 0; ls <= settings.newton.max_line_search && !result.accepted; ++ls)
      {
        trial = current;
        trial.add(alpha, du);
        trial_solution = trial;
        make_constraints(t_new, true);
        const auto t1   = std::chrono::steady_clock::now();
        result.assembly = assemble(t_new, dt, ls == 0);
        info.assembly_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
        info.step_length = alpha;
        if (result.assembly.admissible)
          {
            result.norm     = free_residual_norm();
            result.accepted = any_admissible || result.norm <= (1.0 - 1e-4 * alpha) * norm ||
                              ls == settings.newton.max_line_search;
          }
        alpha *= 0.5;
      }
    return result;
  }



  template <int dim>
  StepReport
  FiniteStrainSolid<dim>::newton(const double t_new, const TrilinosWrappers::MPI::Vector &start)
  {
    const MPI_Comm comm = tria.get_communicator();
    const double   dt   = t_new - t_n;
    StepReport     report;
    trial_solution = start;
    make_constraints(t_new, true);
    Assembly a = assemble(t_new, dt, true);
    if (!a.admissible)
      {
        trial_solution = solution_n;
        report.failure = "inadmissible deformation at the start of the step";
        return report;
      }
    double norm = free_residual_norm();

    TrilinosWrappers::MPI::Vector du(owned, comm);
    NewtonForcing forcing(settings.linear.relative_tolerance, settings.linear.adaptive_tolerance);
    for (unsigned int it = 1; it <= settings.newton.max_iterations; ++it)
      {
        du                         = 0.0;
        const auto              t0 = std::chrono::steady_clock::now();
        const LinearSolveReport lin =
          linear_solver.solve(tangent, du, rhs, true, forcing.tolerance());
        NewtonIterationInfo info;
        info.iteration         = it;
        info.linear_iterations = lin.iterations;
        info.direct_solve      = lin.direct;
        info.solve_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        report.linear_iterations += lin.iterations;
        constraints.distribute(du);

        // The first iteration carries the new boundary values; any
        // admissible part of it is progress.
        const LineSearch search  = line_search(t_new, du, norm, it == 1, info);
        a                        = search.assembly;
        report.newton_iterations = it;
        if (!search.accepted)
          {
            trial_solution = solution_n;
            report.failure =
              "no admissible Newton update (element inversion) in iteration " + std::to_string(it);
            return report;
          }
        const double norm_before = norm;
        norm                     = search.norm;
        report.residual          = norm;

        const double round_off = 100.0 * std::numeric_limits<double>::epsilon() * a.force_scale;
        const double tolerance = std::max(settings.newton.residual_tolerance *
                                            std::max(internal_force.l2_norm(), largest_force_norm),
                                          round_off) +
                                 settings.newton.absolute_tolerance;
        info.residual  = norm;
        info.tolerance = tolerance;
        forcing.update(norm, norm_before, tolerance);
        if (on_iteration)
          on_iteration(info);
        if (norm <= tolerance && dirichlet_satisfied(t_new))
          {
            energy_trial     = a.energy;
            viscous_trial    = a.viscous;
            report.converged = true;
            return report;
          }
        if (!std::isfinite(norm))
          break;
        if (info.step_length < 1.0) // the tangent at the accepted shorter step
          a = assemble(t_new, dt, true);
      }
    trial_solution = solution_n;
    std::ostringstream msg;
    msg << "Newton did not converge in " << settings.newton.max_iterations
        << " iterations (residual " << norm << " N, " << largest_residual() << ")";
    report.failure = msg.str();
    return report;
  }



  template <int dim>
  double
  FiniteStrainSolid<dim>::tangent_error(const double t_new, const unsigned int seed, const double h)
  {
    const MPI_Comm                comm = tria.get_communicator();
    const double                  dt   = t_new - t_n;
    TrilinosWrappers::MPI::Vector base(owned, comm), direction(owned, comm), Kd(owned, comm),
      plus(owned, comm), minus(owned, comm);
    base = trial_solution;
    make_constraints(t_new, false);
    unsigned int k = seed;
    for (const types::global_dof_index dof : owned)
      {
        k = 1103515245u * k + 12345u;
        if (!constraints.is_constrained(dof))
          direction[dof] = double(k % 2001) / 1000.0 - 1.0;
      }
    direction.compress(VectorOperation::insert);
    // K d at the base state, then the residual at base +- h d
    assemble(t_new, dt, true);
    tangent.vmult(Kd, direction);
    for (const double sign : {1.0, -1.0})
      {
        TrilinosWrappers::MPI::Vector shifted(owned, comm);
        shifted = base;
        shifted.add(sign * h, direction);
        trial_solution = shifted;
        assemble(t_new, dt, false);
        (sign > 0 ? plus : minus) = internal_force;
      }
    trial_solution = base;
    plus -= minus;
    plus /= 2.0 * h;
    // compare on the free unknowns only
    for (const types::global_dof_index dof : owned)
      if (constraints.is_constrained(dof))
        {
          plus[dof] = 0.0;
          Kd[dof]   = 0.0;
        }
    plus.compress(VectorOperation::insert);
    Kd.compress(VectorOperation::insert);
    const double scale = Kd.l2_norm();
    Kd -= plus;
    return Kd.l2_norm() / scale;
  }



  template <int dim>
  void
  FiniteStrainSolid<dim>::commit_step()
  {
    solution_previous  = solution_n;
    t_previous         = t_n;
    solution_n         = trial_solution;
    state_n            = state_np1;
    t_n                = t_trial;
    energy_n           = energy_trial;
    viscous_n          = viscous_trial;
    active_dirichlet   = active_trial;
    internal_force_n   = internal_force;
    largest_force_norm = std::max(largest_force_norm, internal_force.l2_norm());
    for (InteractionData &data : interactions)
      data.interaction->commit();
  }



  template <int dim>
  double
  FiniteStrainSolid<dim>::reaction_force(const DirichletHandle condition,
                                         const unsigned int    component) const
  {
    double sum = 0.0;
    if (dirichlet[condition.index].component == component)
      for (const types::global_dof_index dof : active_dirichlet[condition.index])
        sum += internal_force_n[dof];
    return Utilities::MPI::sum(sum, tria.get_communicator());
  }



  template <int dim>
  double
  FiniteStrainSolid<dim>::strain_energy() const
  {
    return energy_n;
  }



  template <int dim>
  typename FiniteStrainSolid<dim>::ViscousEnergy
  FiniteStrainSolid<dim>::viscous_energy() const
  {
    return viscous_n;
  }



  template <int dim>
  typename FiniteStrainSolid<dim>::Snapshot
  FiniteStrainSolid<dim>::snapshot() const
  {
    return {solution_n,
            solution_previous,
            internal_force_n,
            t_n,
            t_previous,
            energy_n,
            viscous_n,
            state_n,
            active_dirichlet};
  }



  template <int dim>
  void
  FiniteStrainSolid<dim>::restore(const Snapshot &s)
  {
    solution_n        = s.solution;
    solution_previous = s.solution_previous;
    internal_force_n  = s.internal_force;
    t_n               = s.t;
    t_previous        = s.t_previous;
    energy_n          = s.energy;
    viscous_n         = s.viscous;
    state_n           = s.state;
    active_dirichlet  = s.active_dirichlet;
    trial_solution    = solution_n;
  }



  template <int dim>
  std::vector<CellFields>
  FiniteStrainSolid<dim>::cell_fields() const
  {
    FEValues<dim>                          fe_values(mapping_q,
                            fe,
                            quadrature,
                            update_values | update_gradients | update_quadrature_points |
                              update_JxW_values);
    const unsigned int                     n_q = quadrature.size();
    std::vector<QuadraturePointKinematics> qp;
    std::vector<QuadraturePointStress>     stresses;
    std::vector<MaterialPoint>             mp(n_q);
    FullMatrix<double>                     projection;
    Vector<double>                         f_int;
    std::vector<CellFields>                fields(tria.n_active_cells());

    for (const auto &cell : dofs.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        build_cell_kinematics(cell, fe_values, solution_n, qp, projection);
        const ConstitutiveLaw *law = materials.at(cell->material_id()).get();
        for (unsigned int q = 0; q < n_q; ++q)
          mp[q] = {law, &state_n[cell->active_cell_index() * n_q + q], nullptr};
        // dt = 0 with the committed state reproduces the committed stress.
        const double energy =
          assemble_element(
            qp, settings.locking_free ? &projection : nullptr, mp, 0.0, f_int, nullptr, &stresses)
            .energy;

        CellFields &out           = fields[cell->active_cell_index()];
        double      volume        = 0.0;
        out                       = CellFields();
        out.J                     = 0.0;
        out.max_principal_stretch = 0.0;
        for (unsigned int q = 0; q < n_q; ++q)
          {
            const double     w     = qp[q].JxW;
            const SymTensor2 sigma = cauchy_stress(stresses[q].F_bar, stresses[q].S);
            volume += w;
            out.von_mises += w * von_mises(sigma);
            out.pressure -= w * trace(sigma) / 3.0;
            out.J += w * determinant(stresses[q].F_bar);
            out.max_principal_stretch =
              std::max(out.max_principal_stretch, max_principal_stretch(qp[q].F));
          }
        out.von_mises /= volume;
        out.pressure /= volume;
        out.J /= volume;
        out.strain_energy_density = energy / volume;
      }
    return fields;
  }

  template class FiniteStrainSolid<2>;
  template class FiniteStrainSolid<3>;
} // namespace needlesim
