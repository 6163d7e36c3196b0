#pragma once
// Frictional contact of the skin with the rigid needle, surface to analytic
// rigid body, by penalty integrated over the skin's boundary faces (Wriggers
// 2006, Computational Contact Mechanics, ch. 5-6). With the needle's exact
// signed distance g(x) and outward normal n = grad g at the current position
// x = X + u of a surface quadrature point, a point inside the needle (g < 0)
// carries the traction (per reference area)
//   normal    t_N = eps g n,                         p = -eps g >= 0,
//   friction  t_T = mu p s / sqrt(|s|^2 + s_0^2),
//   s = (I - n (x) n)(u - u_n - dz e_z)   slip relative to the needle in the step,
// added to the internal forces (t_N is the derivative of the penalty energy
// 1/2 eps g^2). The friction is Coulomb's law regularised over the slip s_0
// (Oden & Martins 1985): it opposes the relative slip, so it resists
// insertion and reverses on retraction. Tangent:
//   dt_N/du = eps (n (x) n + g grad n),
//   dt_T/du = mu [ s_hat (x) (-eps n) + p (I - s (x) s / r^2) / r (I - n (x) n) ],
// r^2 = |s|^2 + s_0^2 (the dependence of the tangent plane on u is dropped).
// For axisymmetric meshes (r, z) maps to (r, 0, z).
//
// Splitting (3-d quarter model, after puncture): the sharp needle then lies
// in the crack plane y = 0 and wedges its two faces apart (Shergold & Fleck
// 2005). A point of that plane (reference y = 0) inside the needle's
// footprint |x| < r(zeta) meets the needle's half-width in y,
//   g = y - w,  w = sqrt(r(zeta)^2 - x^2),  zeta = z - z_tip,
// with n = grad g / |grad g| and the penalty and friction laws above; the
// gap is g / |grad g|. Before puncture the plane meets the whole needle.

#include "needle.h"
#include "surface_interaction.h"

#include <functional>
#include <set>

namespace needlesim
{
  struct ContactSettings
  {
    double penalty          = 1e4;  ///< eps [N/mm^3]
    double friction         = 0.3;  ///< Coulomb coefficient mu [-]
    double slip_regularization = 1e-4; ///< s_0 [mm]
    /// Gauss points per direction on each boundary face (2: as FEBio's
    /// facet contact on linear elements; more: a finer contact integral).
    unsigned int points_per_direction = 2;
  };

  template <int dim>
  class NeedleContact : public SurfaceInteraction<dim>
  {
  public:
    /// @p tip_position: z_tip(t) [mm].
    NeedleContact(const NeedleGeometry                &needle,
                  std::function<double(double)>        tip_position,
                  const ContactSettings               &settings,
                  std::set<dealii::types::boundary_id> boundaries);

    std::set<dealii::types::boundary_id>
    boundaries() const override
    {
      return contact_boundaries;
    }
    bool
    acts_on(const dealii::Point<dim> &) const override
    {
      return true;
    }
    unsigned int
    points_per_direction() const override
    {
      return settings.points_per_direction;
    }
    bool
    lobatto() const override
    {
      return false;
    }
    void
    set_points(std::vector<SurfacePoint<dim>> points) override;
    void
    evaluate(unsigned int                   i,
             const dealii::Tensor<1, dim> &u,
             const dealii::Tensor<1, dim> &u_n,
             double                         t,
             double                         dt,
             dealii::Tensor<1, dim>        &force,
             dealii::Tensor<2, dim>        &stiffness) override;
    void
    commit() override;

    /// Lets the needle split the plane y = 0 from now on (after puncture).
    void
    start_splitting()
    {
      splitting = true;
    }

    /// Force the skin exerts on the needle, summed over this rank's points at
    /// the committed state [N] (3-d components; axisymmetric: (r, 0, z)).
    Tensor1
    force_on_needle() const;
    /// Friction work dissipated so far on this rank [mJ].
    double
    friction_dissipation() const
    {
      return dissipated;
    }
    /// Penalty energy stored at the committed state on this rank [mJ].
    double
    penalty_energy() const;
    /// Contact pressure of point i at the committed state [MPa].
    double
    contact_pressure(unsigned int i) const
    {
      return committed[i].pressure;
    }
    /// Largest penetration -g at the committed state on this rank [mm].
    double
    max_penetration() const;

  private:
    struct NodeState
    {
      double  pressure    = 0.0; ///< [MPa]
      double  gap         = 0.0; ///< [mm]
      double  friction_work = 0.0; ///< of the last step [mJ]
      Tensor1 force;             ///< on the needle, traction times weight [N]
    };

    const NeedleGeometry                 needle;
    const std::function<double(double)>  tip_position;
    const ContactSettings                settings;
    const std::set<dealii::types::boundary_id> contact_boundaries;
    std::vector<NodeState>               trial, committed;
    double                               dissipated = 0.0;
    bool                                 splitting  = false;

    /// Gap and normal of point @p i at the current position @p x.
    NeedleGeometry::Distance
    distance(unsigned int i, const Tensor1 &x, double z_tip) const;
  };
} // namespace needlesim
