#include "split_channel.h"

#include <algorithm>
#include <cmath>

namespace needlesim
{
  SplitChannel::SplitChannel(
    const Settings                                                             &settings_,
    const LayerStack                                                           &layers_,
    const std::array<std::shared_ptr<const WedgedCrackSection>, n_skin_layers> &sections_,
    std::function<double(double)>                                               tip_position_,
    std::function<double(double)>                                               tip_velocity_)
    : settings(settings_)
    , needle(settings_.needle)
    , channel(settings_.channel)
    , layers(layers_)
    , sections(sections_)
    , tip_position(std::move(tip_position_))
    , tip_velocity(std::move(tip_velocity_))
  {}



  void
  SplitChannel::set_points(std::vector<InteractionPoint<2>> points)
  {
    Interaction<2>::set_points(std::move(points));
    layer_of_point.resize(point_list.size());
    for (unsigned int i = 0; i < point_list.size(); ++i)
      layer_of_point[i] = layers.layer_at_depth(-point_list[i].X[1]);
    trial.assign(point_list.size(), PointState());
    committed = trial;
  }



  void
  SplitChannel::evaluate(const unsigned int          i,
                         const dealii::Tensor<1, 2> &u,
                         const dealii::Tensor<1, 2> &u_n,
                         const double                t,
                         const double                dt,
                         dealii::Tensor<1, 2>       &force,
                         dealii::Tensor<2, 2>       &stiffness)
  {
    PointState &state = trial[i];
    state             = committed[i];
    state.fracture = state.friction = 0.0;
    if (!is_open)
      return;

    const double                        z_tip = tip_position(t);
    const double                        zeta  = point_list[i].X[1] + u[1] - z_tip;
    const double                        slip  = (u[1] - u_n[1]) - (z_tip - tip_position(t - dt));
    const double                        G_c   = settings.toughness.toughness(tip_velocity(t));
    const NeedleGeometry::SectionRadius rho = needle.section_radius(zeta, settings.shoulder_radius);
    const NeedleChannel::Response       r =
      channel.evaluate(*sections[layer_of_point[i]], G_c, rho, slip, committed[i].state);

    // per unit length of channel -> per unit volume of the footprint disc
    const double disc = M_PI * settings.radius * settings.radius, w = point_list[i].weight / disc;
    force[1]             = r.force / disc;
    stiffness[1][1]      = r.stiffness / disc;
    state.state          = r.state;
    state.max_radius     = std::max(committed[i].max_radius, rho.value);
    state.force          = w * r.force;
    state.friction_force = w * r.state.friction_force;
    state.stored         = w * r.stored;
    state.fracture       = w * r.fracture;
    state.friction       = w * r.friction_dissipation;
  }



  void
  SplitChannel::commit()
  {
    committed = trial;
    for (const PointState &s : committed)
      {
        fracture_energy_ += s.fracture;
        friction_dissipation_ += s.friction;
      }
  }



  double
  SplitChannel::committed_sum(double PointState::*quantity) const
  {
    double sum = 0.0;
    for (const PointState &s : committed)
      sum += s.*quantity;
    return sum;
  }
} // namespace needlesim
