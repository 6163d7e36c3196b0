#pragma once
// Frictional contact of the skin surface with the rigid needle, point to
// analytic rigid body: the needle's exact signed distance (models/needle/needle.h)
// and the frictional contact law of models/needle/frictional_contact.h at the
// quadrature points of the contact faces (Gauss-Lobatto, i.e. at the nodes,
// by default: a node-to-surface contact without oscillating pressures).
// The penalty is tied to the mesh, eps_N = eps_T = kappa E / h with h the size
// of the point's face (Wriggers 2006, sec. 10.4): the penetration falls with
// the element size, p h / (kappa E), a small fraction of it. The needle moves
// rigidly along z with its tip at z_tip(t).
// For axisymmetric meshes (r, z) maps to (r, 0, z).
//
// After puncture the skin within the split radius of the axis (the needle's
// footprint) no longer meets the needle as a surface: it is split and
// wedged open (split_channel.h); release() switches those points off.
// The stick penalty is a hundredth of the normal one: sticking costs an
// elastic slip of mu p / eps_T = 100 mu p h / (kappa E), about 0.2 h where
// p is about E; the normal penalty is rounded over a penetration of 1e-3 h
// (frictional_contact.h).
//
// Optionally the penalty is augmented once per load step (Simo & Laursen
// 1992, Comput Struct 42:97; Laursen 2002, sec. 6.4): the pressure p_n of a
// point at the committed state becomes a Lagrange multiplier of the next
// step, p = P(x + s_n) with P the rounded penalty, x the penetration and
// s_n = P^-1(p_n) (the penetration at which the penalty alone gives p_n).
// At x = 0 the point carries p_n; the step's penetration is about
// (p - p_n) / eps_N, the pressure change of one step over the penalty,
// instead of p / eps_N. A point that opens (p = 0) loses its multiplier.
// Its stored energy counts from x = 0: int_{s_n}^{x + s_n} P.

#include "frictional_contact.h"
#include "interaction.h"
#include "needle.h"

#include <functional>
#include <memory>
#include <set>

namespace needlesim
{
  struct ContactSettings
  {
    double penalty_factor = 100.0; ///< kappa [-]
    /// l of the penalty kappa E / l [mm]; 0: the size h of each contact face
    double       penalty_length       = 0.0;
    double       modulus              = 1.0; ///< E of the contact layer [MPa]
    double       friction             = 0.2; ///< Coulomb coefficient mu [-]
    unsigned int points_per_direction = 2;
    bool         lobatto              = true;
    /// the pressure of a committed step is a multiplier in the next one
    bool augmented = false;
  };

  template <int dim>
  class NeedleContact : public Interaction<dim>
  {
  public:
    /// @p needle: any shape (an axisymmetric model needs a round one);
    /// @p tip_position: z_tip(t) [mm].
    NeedleContact(std::shared_ptr<const NeedleShape>   needle,
                  std::function<double(double)>        tip_position,
                  const ContactSettings               &settings,
                  std::set<dealii::types::boundary_id> boundaries);

    std::string
    name() const override
    {
      return "needle contact";
    }
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
      return settings.lobatto;
    }
    void
    set_points(std::vector<InteractionPoint<dim>> points) override;
    void
    evaluate(unsigned int                  i,
             const dealii::Tensor<1, dim> &u,
             const dealii::Tensor<1, dim> &u_n,
             double                        t,
             double                        dt,
             dealii::Tensor<1, dim>       &force,
             dealii::Tensor<2, dim>       &stiffness) override;
    void
    commit() override;

    /// From now on points whose reference distance from the axis is below
    /// @p radius [mm] do not meet the needle.
    void
    release(double radius)
    {
      released_radius = radius;
    }

    /// State of one contact point.
    struct PointState
    {
      Tensor1 tangential_force;  ///< f_T [MPa]
      Tensor1 force;             ///< on the needle, force times weight [N]
      double  stored      = 0.0; ///< contact energy times weight [mJ]
      double  dissipation = 0.0; ///< friction work of the last step times weight [mJ]
      double  pressure    = 0.0; ///< [MPa]
      double  shift       = 0.0; ///< s_n of the augmentation [mm]
    };
    /// The committed state of every point, to go back to it.
    struct Snapshot
    {
      std::vector<PointState> points;
      double                  dissipated      = 0.0; ///< friction work so far [mJ]
      double                  released_radius = 0.0; ///< [mm]
    };
    Snapshot
    snapshot() const
    {
      return {committed, dissipated, released_radius};
    }
    void
    restore(const Snapshot &s)
    {
      committed       = s.points;
      trial           = s.points;
      dissipated      = s.dissipated;
      released_radius = s.released_radius;
    }

    /// Force the skin exerts on the needle, this rank's points, committed [N]
    /// (3-d components; axisymmetric: (r, 0, z) of the whole ring).
    Tensor1
    force_on_needle() const;
    /// Friction work dissipated so far on this rank [mJ].
    double
    friction_dissipation() const
    {
      return dissipated;
    }
    /// Contact energy stored at the committed state on this rank [mJ].
    double
    stored_energy() const;
    /// Contact pressure of point i at the committed state [MPa].
    double
    contact_pressure(unsigned int i) const
    {
      return committed[i].pressure;
    }

  private:
    /// The contact law of point @p i (its penalty scales with its face size).
    FrictionalContact
    law_of(unsigned int i) const;

    /// Slip of a skin point relative to the needle in the step and its
    /// derivative with respect to u (3-d components).
    struct Slip
    {
      Tensor1 value;
      Tensor2 jacobian;
    };
    Slip
    slip_in_step(const dealii::Point<dim>     &X,
                 const dealii::Tensor<1, dim> &u,
                 const dealii::Tensor<1, dim> &u_n,
                 double                        t,
                 double                        dt,
                 const NeedleShape::Distance  &d,
                 double                        shift) const;

    const std::shared_ptr<const NeedleShape>   needle;
    const std::function<double(double)>        tip_position;
    const ContactSettings                      settings;
    const std::set<dealii::types::boundary_id> contact_boundaries;
    double                                     released_radius = 0.0;
    double                                     dissipated      = 0.0;
    std::vector<PointState>                    trial, committed;
  };
} // namespace needlesim
