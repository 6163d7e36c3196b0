#pragma once
// The layered skin block as a finite-strain solid, the common start of the
// indentation and the stroke: each layer's law on its cells, the bottom
// clamped, the symmetry planes of a half, quarter or axisymmetric block
// (the axis of the latter) held normal to themselves, and, with
// Skin/Lateral roller, the lateral faces held normal to themselves too.

#include "finite_strain_solid.h"
#include "scenario.h"

#include <deal.II/distributed/tria.h>

#include <memory>

namespace needlesim
{
  template <int dim>
  std::unique_ptr<FiniteStrainSolid<dim>>
  make_skin_solid(dealii::parallel::distributed::Triangulation<dim> &tria, const Scenario &s);
} // namespace needlesim
