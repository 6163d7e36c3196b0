#include "cohesive_law.h"

#include "parameters.h"

#include <algorithm>
#include <cmath>

namespace needlesim
{
  CohesiveLaw::CohesiveLaw(const double K0_,
                           const double strength,
                           const double toughness,
                           const double viscosity)
    : K0(K0_)
    , sigma_c(strength)
    , G_c(toughness)
    , eta(viscosity)
    , delta_0(strength / K0_)
    , delta_f(std::max(2.0 * toughness / strength, 1.001 * strength / K0_))
  {}



  double
  CohesiveLaw::damage(const State &s) const
  {
    if (s.kappa <= delta_0)
      return 0.0;
    if (s.kappa >= delta_f)
      return 1.0;
    return delta_f * (s.kappa - delta_0) / (s.kappa * (delta_f - delta_0));
  }



  CohesiveLaw::Response
  CohesiveLaw::evaluate(const double opening, const State &old, const double dt) const
  {
    Response r;
    r.state.opening = opening;
    r.state.kappa   = std::max(old.kappa, opening);

    if (opening <= 0.0)
      {
        r.traction  = K0 * opening;
        r.stiffness = K0;
      }
    else if (opening > old.kappa && opening > delta_0)
      {
        // loading on the softening branch: t = sigma_c (delta_f - delta)/(delta_f - delta_0)
        if (opening < delta_f)
          {
            r.traction  = sigma_c * (delta_f - opening) / (delta_f - delta_0);
            r.stiffness = -sigma_c / (delta_f - delta_0);
          }
      }
    else
      {
        // elastic, or unloading/reloading towards the origin with the secant
        const double d = damage(r.state);
        r.traction     = (1.0 - d) * K0 * opening;
        r.stiffness    = (1.0 - d) * K0;
      }

    if (eta > 0.0 && dt > 0.0)
      {
        r.traction += eta * (opening - old.opening) / dt;
        r.stiffness += eta / dt;
      }
    return r;
  }



  double
  CohesiveLaw::stored_energy(const State &s) const
  {
    const double d = damage(s);
    if (s.opening <= 0.0)
      return 0.5 * K0 * s.opening * s.opening;
    return 0.5 * (1.0 - d) * K0 * s.opening * s.opening;
  }



  double
  CohesiveLaw::fracture_energy(const State &s) const
  {
    // Work to reach kappa along the envelope, less the elastic energy the
    // secant unloading to the origin returns: W(kappa) - 1/2 t(kappa) kappa;
    // equals G_c once kappa >= delta_f.
    const double kappa = std::min(s.kappa, delta_f);
    if (kappa <= delta_0)
      return 0.0;
    const double t_kappa = sigma_c * (delta_f - kappa) / (delta_f - delta_0);
    const double work    = 0.5 * sigma_c * delta_0 + 0.5 * (sigma_c + t_kappa) * (kappa - delta_0);
    return work - 0.5 * t_kappa * kappa;
  }



  double
  ToughnessLaw::toughness(const double speed) const
  {
    if (speed == 0.0)
      return maximum_toughness;
    const double G = reference_toughness * std::pow(std::abs(speed) / reference_speed, -exponent);
    return std::clamp(G, minimum_toughness, maximum_toughness);
  }



  void
  ToughnessLaw::declare_parameters(dealii::ParameterHandler &prm)
  {
    declare_quantity(prm, "Reference toughness", "1.136", "N/mm", 1e-5, 100,
                     "fracture toughness G_ref at the reference speed "
                     "(1 N/mm = 1 kJ/m^2)");
    declare_quantity(prm, "Reference speed", "1", "mm/s", 1e-6, 1e6,
                     "needle speed v_ref at which the toughness is G_ref");
    declare_quantity(prm, "Rate exponent", "0.556", "-", 0, 2,
                     "m in G_c(v) = G_ref (v / v_ref)^-m");
    declare_quantity(prm, "Minimum toughness", "0.01", "N/mm", 1e-6, 100,
                     "lower bound of the toughness at high speed");
    declare_quantity(prm, "Maximum toughness", "17.1", "N/mm", 1e-6, 1000,
                     "upper bound of the toughness as the speed goes to zero "
                     "(quasi-static tearing)");
  }



  ToughnessLaw
  ToughnessLaw::parse_parameters(dealii::ParameterHandler &prm)
  {
    ToughnessLaw law;
    law.reference_toughness = prm.get_double("Reference toughness");
    law.reference_speed     = prm.get_double("Reference speed");
    law.exponent            = prm.get_double("Rate exponent");
    law.minimum_toughness   = prm.get_double("Minimum toughness");
    law.maximum_toughness   = prm.get_double("Maximum toughness");
    if (law.reference_toughness < law.minimum_toughness ||
        law.reference_toughness > law.maximum_toughness)
      throw InputError("Cutting/Reference toughness", prm.get("Reference toughness"),
                       "between Minimum toughness (" + prm.get("Minimum toughness") +
                         " N/mm) and Maximum toughness (" + prm.get("Maximum toughness") +
                         " N/mm)",
                       "outside the toughness bounds");
    return law;
  }
} // namespace needlesim
