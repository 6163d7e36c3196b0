#pragma once
// Helpers shared by the solver verification tests.

#include "finite_strain_solid.h"

#include <deal.II/base/mpi.h>
#include <deal.II/grid/grid_generator.h>

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
} // namespace needlesim::testing
