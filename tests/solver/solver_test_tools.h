#pragma once
// Helpers shared by the solver verification tests.

#include "finite_strain_solid.h"
#include "skin_mesh.h"

#include <deal.II/base/mpi.h>
#include <deal.II/grid/grid_generator.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace needlesim::testing
{
  /// Displacement component at the mesh vertex located at @p p (MPI-safe).
  template <int dim>
  double
  vertex_displacement(const FiniteStrainSolid<dim> &solid,
                      const dealii::Point<dim>     &p,
                      const unsigned int            component)
  {
    double value = 0.0, found = 0.0;
    for (const auto &cell : solid.dof_handler().active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int v : cell->vertex_indices())
          if (cell->vertex(v).distance(p) < 1e-10)
            {
              value = solid.solution()[cell->vertex_dof_index(v, component)];
              found = 1.0;
            }
    const MPI_Comm comm = solid.mpi_communicator();
    found               = dealii::Utilities::MPI::max(found, comm);
    if (found == 0.0)
      throw std::runtime_error("vertex not found");
    // Every owner sees the same value: take the maximum magnitude with sign.
    const double hi = dealii::Utilities::MPI::max(value, comm);
    const double lo = dealii::Utilities::MPI::min(value, comm);
    return std::abs(hi) >= std::abs(lo) ? hi : lo;
  }

  /// Condition "component c fixed to 0 on boundary b".
  template <int dim>
  DirichletCondition<dim>
  fixed(const dealii::types::boundary_id b, const unsigned int c)
  {
    return {b, c, [](const dealii::Point<dim> &, double) { return std::optional<double>(0.0); }};
  }

  /// Slope of log(error) over log(h) between successive refinements.
  inline std::vector<double>
  convergence_rates(const std::vector<double> &h, const std::vector<double> &error)
  {
    std::vector<double> rates;
    for (unsigned int i = 1; i < h.size(); ++i)
      rates.push_back(std::log(error[i - 1] / error[i]) / std::log(h[i - 1] / h[i]));
    return rates;
  }

  /// Axisymmetric half space (r, z) in [0, 40 a] x [-40 a, 0] with the radial
  /// steps @p r_steps and vertical steps graded from @p h at the surface;
  /// boundary ids as in skin meshes (bottom, surface, axis, lateral).
  inline void
  make_half_space(dealii::parallel::distributed::Triangulation<2> &tria,
                  const std::vector<double>                       &r_steps,
                  const double                                     a,
                  const double                                     h)
  {
    std::vector<double> z_steps = graded_steps(40 * a, h, 1.15, 4 * a);
    std::reverse(z_steps.begin(), z_steps.end());
    dealii::GridGenerator::subdivided_hyper_rectangle(tria,
                                                      {r_steps, z_steps},
                                                      dealii::Point<2>(0, -40 * a),
                                                      dealii::Point<2>(40 * a, 0));
    for (const auto &cell : tria.active_cell_iterators())
      for (const unsigned int f : cell->face_indices())
        if (cell->face(f)->at_boundary())
          {
            const dealii::Point<2> c = cell->face(f)->center();
            cell->face(f)->set_boundary_id(c[1] < -40 * a + 1e-9 ? BoundaryId::bottom :
                                           c[1] > -1e-9          ? BoundaryId::surface :
                                           c[0] < 1e-9           ? BoundaryId::symmetry_x :
                                                                   BoundaryId::lateral);
          }
  }
} // namespace needlesim::testing
