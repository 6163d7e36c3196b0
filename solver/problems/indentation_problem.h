#pragma once
// A rigid punch pressed into the layered skin block (ramp to the depth, then
// hold so that viscoelastic layers relax): a flat or spherical punch as a
// prescribed surface displacement, or the rigid needle in penalty contact
// (needle_contact.h). With a mesh file and the ball-tipped needle it is the
// shared finite-strain contact benchmark that FEBio solved on the same meshes
// (scenarios/benchmarks/indentation-n*.prm).

#include "finite_strain_solid.h"
#include "needle_contact.h"
#include "progress.h"
#include "run_results.h"
#include "scenario.h"

#include <deal.II/distributed/tria.h>

#include <mpi.h>

#include <memory>
#include <string>

namespace needlesim
{
  /// The mesh, solid and boundary conditions of an indentation scenario:
  /// bottom clamped, symmetry planes, lateral rollers (optional) and the
  /// punch as a prescribed surface displacement.
  template <int dim>
  class IndentationModel
  {
  public:
    IndentationModel(const Scenario &s, MPI_Comm comm);

    /// Punch force [N] of the whole (not quarter) block at the committed state.
    double
    punch_force() const;
    /// Indentation depth at time t [s] (linear ramp, then held) [mm].
    double
    depth_at(double t) const;

    dealii::parallel::distributed::Triangulation<dim> tria;
    std::unique_ptr<FiniteStrainSolid<dim>>           solid;
    /// The needle indenter's contact (null for the flat and spherical punch).
    std::shared_ptr<NeedleContact<dim>> needle_contact;

  private:
    const IndentationSettings indentation;
    double                    symmetry_factor = 1.0;
    DirichletHandle           punch_condition{0};
  };

  /// Runs the indentation scenario @p s, writing fields into @p directory;
  /// returns the scalar results and curves. Throws ConvergenceFailure if a
  /// load step cannot be solved.
  RunResults
  run_indentation(const Scenario    &s,
                  const std::string &directory,
                  Progress          &progress,
                  MPI_Comm           comm);
} // namespace needlesim
