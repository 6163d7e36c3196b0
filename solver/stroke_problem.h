#pragma once
// One needle stroke: a rigid needle driven into the layered skin and pulled
// out again, on the quarter-symmetric block (symmetry planes x = 0, y = 0).
//
//   - frictional penalty contact of the needle with the skin surface, the
//     crack faces and the symmetry plane x = 0 (needle_contact.h);
//   - the planar crack on y = 0, 0 <= x < c (cohesive_crack.h): it nucleates
//     under the tip when the opening traction reaches the strength (the
//     puncture), runs ahead of the tip and is wedged open by the shaft
//     (Shergold & Fleck 2005); y = 0 for x >= c keeps the symmetry u_y = 0;
//   - bottom clamped, lateral faces on rollers;
//   - the needle follows NeedleMotion (pulsating pen or constant speed),
//     in load steps of equal needle travel.
//
// The injury of a stroke (models/injury_law.h) is evaluated per cell from the
// largest principal stretch the cell saw during the stroke and from the cut
// zone along the broken crack faces.

#include "cohesive_crack.h"
#include "finite_strain_solid.h"
#include "needle_contact.h"
#include "progress.h"
#include "run_results.h"
#include "scenario.h"

#include <deal.II/distributed/tria.h>

#include <mpi.h>

#include <memory>
#include <string>
#include <vector>

namespace needlesim
{
  /// The mesh, solid, contact and crack of a stroke scenario.
  class StrokeModel
  {
  public:
    StrokeModel(const Scenario &s, MPI_Comm comm);

    /// Needle tip height z_tip(t) [mm].
    double
    tip_position(double t) const
    {
      return motion.tip_position(t);
    }
    /// Times at which load steps end: equal needle travel down and up.
    std::vector<double>
    step_times() const;

    /// Puncture force F_p = p_c pi r_t^2 sqrt(G_c(v)/G_ref) at time t [N]
    /// (Davis 2004: linear in the tip area; LEFM: critical stress ~ sqrt(G_c)).
    double
    puncture_force(double t) const;
    /// From now on the needle splits the crack plane (after puncture).
    void
    puncture()
    {
      punctured = true;
      contact->start_splitting();
    }

    /// Axial force of the skin on the needle, whole block [N]: positive
    /// when it resists insertion.
    double
    needle_force() const;
    /// Needle work, elastic energies and dissipations of the whole block
    /// at the committed state [mJ].
    struct EnergyBalance
    {
      double strain_energy       = 0.0;
      double contact_energy      = 0.0; ///< penalty energy
      double cohesive_work       = 0.0; ///< all work of the cohesive tractions
      double fracture_energy     = 0.0; ///< cohesive law, crack ahead of the tip
      double cutting_energy      = 0.0; ///< points cut by the tip
      double friction_dissipation = 0.0;
      double cohesive_viscous     = 0.0;
    };
    EnergyBalance
    energies() const;

    /// Depth of the deepest fully broken crack point (reference) [mm].
    double
    crack_depth() const;
    /// Largest x of a fully broken crack point (reference) [mm].
    double
    crack_half_width() const;
    /// Downward displacement of the skin surface on the needle axis [mm].
    double
    surface_deflection() const;

    /// Per locally owned cell: the fraction of its volume in the cut zone.
    std::vector<double>
    cut_fraction(double cut_half_width) const;
    /// Per locally owned cell: mean contact pressure on its faces [MPa].
    std::vector<double>
    contact_pressure() const;

    dealii::parallel::distributed::Triangulation<3> tria;
    std::unique_ptr<FiniteStrainSolid<3>>           solid;

  private:
    const NeedleMotion                   motion;
    const StrokeSettings                 settings;
    std::shared_ptr<NeedleContact<3>>    contact;
    std::shared_ptr<CohesiveCrack>       crack;
    unsigned int                         contact_index = 0, crack_index = 0;
    bool                                 punctured     = false;
  };

  /// Runs the stroke scenario @p s, writing fields into @p directory;
  /// returns the scalar results and curves (force_depth, injury_kernel,
  /// energy_balance). Throws ConvergenceFailure if a load step cannot be solved.
  RunResults
  run_stroke(const Scenario &s, const std::string &directory, Progress &progress, MPI_Comm comm);
} // namespace needlesim
