#pragma once
// The planar mode-I crack that a sharp needle drives ahead of its tip and
// wedges open (Shergold & Fleck 2004, 2005), in the quarter-symmetric block:
// the crack lies on the symmetry plane y = 0 for 0 <= x < c (c the crack
// half-length, from the shaft radius), through the skin thickness. Ahead of
// the crack the plane keeps the symmetry condition u_y = 0 (x >= c by a
// Dirichlet condition; on the crack path by the cohesive law's penalty).
//
// On the crack path the face carries the cohesive law (models/cohesive_law.h)
// of the full opening delta = 2 u_y: the quarter model stores 1/2 phi(2 u_y)
// per unit area of its face, so the traction is t(delta) and its derivative
// 2 dt/ddelta. Intact, the plane is held by the law's initial stiffness K0;
// the crack nucleates where the opening traction reaches the strength (at
// the surface under the tip: puncture) and grows where the needle wedges it
// open. The toughness of a point is fixed when its damage starts, from the
// needle speed at that moment (rate-dependent G_c).
//
// A sharp tip is far below the mesh scale, so the stress that lets it cut is
// not resolved: after puncture, the points the needle tip reaches (the
// stroke model's rule: a cut progress in [0, 1] that grows as the needle
// surface comes within half a face size of the point's current position and
// is complete half a face size inside) are cut by it: their opening traction
// falls as (1 - progress) t (closure keeps the penalty) and they dissipate
// G_c per unit area times their progress, which the needle pays as a cutting
// force G_c dA/dz (Shergold & Fleck 2005). The progress reached in a step
// acts from the next step on (staggered, so that Newton's method sees a
// smooth residual within a step).
//
// Energy: the work of the cohesive tractions on the openings is accumulated
// per point (trapezoidal rule), so that stored, fractured, released and
// viscous energy of the crack faces enter the energy balance together.
// Cohesive strength and stiffness follow Turon et al. 2007 per point:
//   sigma_eff = min(sigma_c, sqrt(9 pi E G_c / (32 N_e l_e))),  K0 = 50 E / l_e,
// with l_e the size of the point's face and E the layer's Young's modulus.

#include "cohesive_law.h"
#include "skin_layers.h"
#include "surface_interaction.h"

#include <array>
#include <functional>

namespace needlesim
{
  struct CohesiveCrackSettings
  {
    double                            half_length = 0.125; ///< c [mm]
    std::array<double, n_skin_layers> youngs_modulus{};    ///< E per layer [MPa]
    std::array<double, n_skin_layers> strength{};          ///< sigma_c per layer [MPa]
    ToughnessLaw                      toughness;
    double       elements_in_zone = 3;    ///< N_e of Turon's rule
    double       viscosity        = 1e-5; ///< eta [MPa s / mm]
  };

  class CohesiveCrack : public SurfaceInteraction<3>
  {
  public:
    /// @p needle_speed: |dz_tip/dt| at time t [mm/s]; @p layers: the skin stack.
    /// @p cut_progress(X + u, t, face_size): how far the tip has cut a point, in [0, 1].
    CohesiveCrack(const CohesiveCrackSettings    &settings,
                  const LayerStack               &layers,
                  std::function<double(double)>   needle_speed,
                  std::function<double(const dealii::Point<3> &, double, double)> cut_progress,
                  dealii::types::boundary_id      symmetry_plane);

    std::set<dealii::types::boundary_id>
    boundaries() const override
    {
      return {plane};
    }
    bool
    acts_on(const dealii::Point<3> &X) const override
    {
      return X[0] < settings.half_length;
    }
    unsigned int
    points_per_direction() const override
    {
      return 2;
    }
    bool
    lobatto() const override
    {
      return true; // nodal integration, free of traction oscillations
    }
    void
    set_points(std::vector<SurfacePoint<3>> points) override;
    void
    evaluate(unsigned int             i,
             const dealii::Tensor<1, 3> &u,
             const dealii::Tensor<1, 3> &u_n,
             double                   t,
             double                   dt,
             dealii::Tensor<1, 3>    &traction,
             dealii::Tensor<2, 3>    &stiffness) override;
    void
    commit() override;

    /// Damage of point i at the committed state (1: fully cracked).
    double
    damage(unsigned int i) const;
    /// Deepest fully cracked point of this rank below the surface [mm] (0 if none).
    double
    crack_depth() const;
    /// Largest x of a fully cracked point of this rank [mm].
    double
    crack_half_width() const;
    /// Fracture energy dissipated on this rank, for the whole (not quarter) block [mJ].
    double
    fracture_energy() const;
    /// Work done on the crack faces by the cohesive tractions so far (stored,
    /// fractured, released by the cut and viscous together), whole block [mJ].
    double
    work() const;
    /// Fracture energy of the points cut by the tip so far, whole block [mJ]:
    /// the needle's cutting work.
    double
    cutting_energy() const;
    /// Energy dissipated by the viscous regularisation so far, whole block [mJ].
    double
    viscous_dissipation() const
    {
      return viscous_work;
    }

  private:
    struct PointState
    {
      CohesiveLaw::State law;
      double             toughness = 0.0; ///< G_c fixed at damage onset [N/mm]; 0: not yet
      double             viscous   = 0.0; ///< viscous work of the step per area [N/mm]
      double             cut       = 0.0; ///< cut progress of the needle tip [0, 1]
      double             cut_reached = 0.0; ///< progress reached in the step (acts from the next)
      double             traction  = 0.0; ///< opening traction [MPa]
      double             work      = 0.0; ///< work of the traction so far per area [N/mm]
    };

    CohesiveLaw
    law(unsigned int i, double toughness) const;

    const CohesiveCrackSettings   settings;
    const LayerStack              layers;
    std::function<double(double)> needle_speed;
    std::function<double(const dealii::Point<3> &, double, double)> cut_progress;
    const dealii::types::boundary_id plane;
    double                        viscous_work = 0.0;
    std::vector<unsigned int>     layer_of_point;
    std::vector<PointState>       trial, committed;
  };
} // namespace needlesim
