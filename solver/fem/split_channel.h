#pragma once
// The skin split by the needle after puncture, in the axisymmetric stroke
// model: along the needle, every depth of the skin is a wedged-crack section
// (models/needle/needle_channel.h) whose in-plane opening lives in the section's
// table, while its axial reaction acts on the axisymmetric body. The axial
// force per unit length of channel is smeared over the needle's footprint,
// the disc r < r_s (r_s the shaft radius, a grid line of the mesh): at every
// quadrature point of the cells in the disc, per unit volume,
//   f_z = f(X, u_z) / (pi r_s^2),    energy density Ũ / (pi r_s^2),
// so that the disc integral of a uniform axial displacement gives the
// section's energy per unit length exactly. The section radius seen by a
// point is that of the needle at the point's current height above the tip,
// zeta = Z + u_z - z_tip(t); the toughness that of the needle speed now.
//
// Before puncture the channel is closed (no force); open() starts it.

#include "interaction.h"
#include "needle.h"
#include "needle_channel.h"
#include "skin_layers.h"
#include "toughness_law.h"
#include "wedged_crack_section.h"

#include <array>
#include <functional>
#include <memory>

namespace needlesim
{
  class SplitChannel : public Interaction<2>
  {
  public:
    struct Settings
    {
      NeedleGeometry::Parameters needle;
      NeedleChannel::Parameters  channel;
      ToughnessLaw               toughness;
      double                     radius = 0.125; ///< r_s, the smearing radius [mm]
      /// radius of the arc in which the section radius rho(zeta) turns from
      /// the cone to the shaft (NeedleGeometry::section_radius) [mm]: the
      /// needle's tip radius resolves the shoulder in a few micrometres, far
      /// below the spacing of the channel points, whose wedge force would
      /// then jump from the cone's to zero within one Newton update
      double shoulder_radius = 0.005;
    };

    /// @p sections: the wedged-crack section of every layer; @p tip_position
    /// z_tip(t) and @p tip_velocity dz_tip/dt of the needle [mm, mm/s].
    SplitChannel(
      const Settings                                                             &settings,
      const LayerStack                                                           &layers,
      const std::array<std::shared_ptr<const WedgedCrackSection>, n_skin_layers> &sections,
      std::function<double(double)>                                               tip_position,
      std::function<double(double)>                                               tip_velocity);

    std::string
    name() const override
    {
      return "split channel";
    }
    Support
    support() const override
    {
      return Support::cells;
    }
    bool
    acts_on(const dealii::Point<2> &centre) const override
    {
      return centre[0] < settings.radius;
    }
    unsigned int
    points_per_direction() const override
    {
      return 2;
    }
    bool
    lobatto() const override
    {
      return true; // nodal: the skin surface is a row of points (a split from the surface down)
    }
    void
    set_points(std::vector<InteractionPoint<2>> points) override;
    void
    evaluate(unsigned int                i,
             const dealii::Tensor<1, 2> &u,
             const dealii::Tensor<1, 2> &u_n,
             double                      t,
             double                      dt,
             dealii::Tensor<1, 2>       &force,
             dealii::Tensor<2, 2>       &stiffness) override;
    void
    commit() override;

    /// The skin is split along the needle from now on.
    void
    open()
    {
      is_open = true;
    }
    bool
    opened() const
    {
      return is_open;
    }

    struct PointState
    {
      NeedleChannel::State state;
      double               max_radius     = 0.0; ///< widest needle section met [mm]
      double               force          = 0.0; ///< axial force on the needle [N]
      double               friction_force = 0.0; ///< its friction part [N]
      double               stored         = 0.0; ///< [mJ]
      double               fracture       = 0.0; ///< of the last step [mJ]
      double               friction       = 0.0; ///< of the last step [mJ]
    };
    /// The committed state, to go back to it.
    struct Snapshot
    {
      std::vector<PointState> points;
      double                  fracture = 0.0, friction = 0.0;
      bool                    open = false;
    };
    Snapshot
    snapshot() const
    {
      return {committed, fracture_energy_, friction_dissipation_, is_open};
    }
    void
    restore(const Snapshot &s)
    {
      committed             = s.points;
      trial                 = s.points;
      fracture_energy_      = s.fracture;
      friction_dissipation_ = s.friction;
      is_open               = s.open;
    }

    /// This rank's sums at the committed state: axial force on the needle [N],
    /// stored energy [mJ], fracture and friction work so far [mJ].
    double
    force_on_needle() const
    {
      return committed_sum(&PointState::force);
    }
    double
    friction_force_on_needle() const
    {
      return committed_sum(&PointState::friction_force);
    }
    double
    stored_energy() const
    {
      return committed_sum(&PointState::stored);
    }
    double
    fracture_energy() const
    {
      return fracture_energy_;
    }
    double
    friction_dissipation() const
    {
      return friction_dissipation_;
    }
    /// Committed state of point i.
    const PointState &
    point_state(unsigned int i) const
    {
      return committed[i];
    }

  private:
    /// Sum of @p quantity over this rank's committed points.
    double
                         committed_sum(double PointState::*quantity) const;
    const Settings       settings;
    const NeedleGeometry needle;
    const NeedleChannel  channel;
    const LayerStack     layers;
    const std::array<std::shared_ptr<const WedgedCrackSection>, n_skin_layers> sections;
    const std::function<double(double)> tip_position, tip_velocity;
    std::vector<unsigned int>           layer_of_point;
    std::vector<PointState>             trial, committed;
    double                              fracture_energy_ = 0.0, friction_dissipation_ = 0.0;
    bool                                is_open = false;
  };
} // namespace needlesim
