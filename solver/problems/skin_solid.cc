#include "skin_solid.h"

#include "skin_mesh.h"

#include <cmath>
#include <optional>

namespace needlesim
{
  using namespace dealii;

  template <int dim>
  std::unique_ptr<FiniteStrainSolid<dim>>
  make_skin_solid(parallel::distributed::Triangulation<dim> &tria, const Scenario &s)
  {
    typename FiniteStrainSolid<dim>::MaterialMap materials;
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      materials[l] = s.laws[l];
    auto solid = std::make_unique<FiniteStrainSolid<dim>>(tria, materials, s.solid);

    const auto zero = [](const Point<dim> &, double) { return std::optional<double>(0.0); };
    for (unsigned int c = 0; c < dim; ++c)
      solid->add_dirichlet({BoundaryId::bottom, c, zero});
    if (mirrored_in_x(s.mesh.geometry)) // a symmetry plane, or the axis
      solid->add_dirichlet({BoundaryId::symmetry_x, 0, zero});
    if (mirrored_in_y(s.mesh.geometry))
      solid->add_dirichlet({BoundaryId::symmetry_y, 1, zero});
    if (s.lateral_roller)
      for (unsigned int c = 0; c + 1 < dim; ++c)
        {
          // only on the faces normal to x_c: |x_c| = W
          const double W = s.mesh.half_width;
          solid->add_dirichlet({BoundaryId::lateral, c, [c, W](const Point<dim> &X, double) {
                                  return std::abs(std::abs(X[c]) - W) < 1e-9 * W ?
                                           std::optional<double>(0.0) :
                                           std::nullopt;
                                }});
        }
    return solid;
  }

  template std::unique_ptr<FiniteStrainSolid<2>>
  make_skin_solid<2>(parallel::distributed::Triangulation<2> &, const Scenario &);
  template std::unique_ptr<FiniteStrainSolid<3>>
  make_skin_solid<3>(parallel::distributed::Triangulation<3> &, const Scenario &);
} // namespace needlesim
