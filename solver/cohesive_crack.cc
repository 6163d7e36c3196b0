#include "cohesive_crack.h"

#include <cmath>

namespace needlesim
{
  CohesiveCrack::CohesiveCrack(const CohesiveCrackSettings     &settings_,
                               const LayerStack                &layers_,
                               std::function<double(double)>    needle_speed_,
                               std::function<double(const dealii::Point<3> &, double, double)> cut_progress_,
                               const dealii::types::boundary_id symmetry_plane)
    : settings(settings_)
    , layers(layers_)
    , needle_speed(std::move(needle_speed_))
    , cut_progress(std::move(cut_progress_))
    , plane(symmetry_plane)
  {}



  void
  CohesiveCrack::set_points(std::vector<SurfacePoint<3>> points)
  {
    SurfaceInteraction<3>::set_points(std::move(points));
    layer_of_point.resize(point_list.size());
    for (unsigned int i = 0; i < point_list.size(); ++i)
      layer_of_point[i] = layers.layer_at_depth(-point_list[i].X[2]);
    trial.assign(point_list.size(), PointState());
    committed = trial;
  }



  CohesiveLaw
  CohesiveCrack::law(const unsigned int i, const double toughness) const
  {
    const unsigned int l   = layer_of_point[i];
    const double       E   = settings.youngs_modulus[l];
    const double       l_e = point_list[i].face_size;
    const double       K0  = 50.0 * E / l_e;
    const double sigma_turon =
      std::sqrt(9.0 * M_PI * E * toughness / (32.0 * settings.elements_in_zone * l_e));
    return CohesiveLaw(K0, std::min(settings.strength[l], sigma_turon), toughness,
                       settings.viscosity);
  }



  void
  CohesiveCrack::evaluate(const unsigned int          i,
                          const dealii::Tensor<1, 3> &u,
                          const dealii::Tensor<1, 3> &,
                          const double                t,
                          const double                dt,
                          dealii::Tensor<1, 3>       &traction,
                          dealii::Tensor<2, 3>       &stiffness)
  {
    PointState state = committed[i];
    if (state.toughness == 0.0)
      state.toughness = settings.toughness.toughness(needle_speed(t));
    const double opening = 2.0 * u[1];
    // The cut progress reached in this step acts from the next step on
    // (a staggered update that keeps the Newton iteration smooth).
    state.cut_reached =
      std::max(state.cut, cut_progress(point_list[i].X + u, t, point_list[i].face_size));

    const CohesiveLaw           cohesive = law(i, state.toughness);
    const CohesiveLaw::Response r        = cohesive.evaluate(opening, state.law, dt);
    // A point being cut by the tip loses its opening traction with the cut
    // progress; closure always meets the law's penalty.
    const double released = opening > 0.0 ? 1.0 - state.cut : 1.0;
    traction[1]           = released * r.traction;
    stiffness[1][1]       = 2.0 * released * r.stiffness;
    state.law             = r.state;
    state.traction        = traction[1];
    // Work of the traction on the opening in the step (trapezoidal), per unit area.
    state.work = committed[i].work +
                 0.5 * (committed[i].traction + state.traction) * (opening - committed[i].law.opening);
    // eta (d delta/dt) d delta per unit area
    const double rate = dt > 0.0 ? (opening - committed[i].law.opening) / dt : 0.0;
    state.viscous     = settings.viscosity * rate * rate * dt;
    // The toughness is only fixed once damage (or the cut) has started at this point.
    if (cohesive.damage(r.state) == 0.0 && state.cut_reached == 0.0)
      state.toughness = committed[i].toughness;
    trial[i] = state;
  }



  void
  CohesiveCrack::commit()
  {
    // Quarter face: 1/2 of the per-area energy; whole block: 4 times that.
    for (unsigned int i = 0; i < trial.size(); ++i)
      {
        viscous_work += 2.0 * point_list[i].weight * trial[i].viscous;
        trial[i].cut = trial[i].cut_reached;
      }
    committed = trial;
  }



  double
  CohesiveCrack::damage(const unsigned int i) const
  {
    if (committed[i].cut > 0.0)
      return 1.0;
    if (committed[i].toughness == 0.0)
      return 0.0;
    return law(i, committed[i].toughness).damage(committed[i].law);
  }



  double
  CohesiveCrack::crack_depth() const
  {
    double depth = 0.0;
    for (unsigned int i = 0; i < point_list.size(); ++i)
      if (damage(i) >= 1.0)
        depth = std::max(depth, -point_list[i].X[2]);
    return depth;
  }



  double
  CohesiveCrack::crack_half_width() const
  {
    double x = 0.0;
    for (unsigned int i = 0; i < point_list.size(); ++i)
      if (damage(i) >= 1.0)
        x = std::max(x, point_list[i].X[0]);
    return x;
  }



  double
  CohesiveCrack::fracture_energy() const
  {
    // Quarter face: 1/2 of the per-area energy; whole block: 4 times that.
    double energy = 0.0;
    for (unsigned int i = 0; i < point_list.size(); ++i)
      if (committed[i].toughness > 0.0 && committed[i].cut == 0.0)
        energy += 2.0 * point_list[i].weight *
                  law(i, committed[i].toughness).fracture_energy(committed[i].law);
    return energy;
  }



  double
  CohesiveCrack::work() const
  {
    double w = 0.0;
    for (unsigned int i = 0; i < point_list.size(); ++i)
      w += 2.0 * point_list[i].weight * committed[i].work;
    return w;
  }



  double
  CohesiveCrack::cutting_energy() const
  {
    // A cut point has dissipated its toughness G_c (fixed when the cut
    // started) times its cut progress.
    double energy = 0.0;
    for (unsigned int i = 0; i < point_list.size(); ++i)
      energy += 2.0 * point_list[i].weight * committed[i].toughness * committed[i].cut;
    return energy;
  }
} // namespace needlesim
