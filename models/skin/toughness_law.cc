#include "toughness_law.h"

#include "parameters.h"

#include <algorithm>
#include <cmath>

namespace needlesim
{
  double
  ToughnessLaw::toughness(const double speed) const
  {
    if (speed == 0.0)
      return maximum_toughness;
    const double G = reference_toughness * std::pow(std::abs(speed) / reference_speed, -exponent);
    return std::clamp(G, minimum_toughness, maximum_toughness);
  }



  void
  ToughnessLaw::add_parameters(dealii::ParameterHandler &prm)
  {
    add_quantity(prm,
                 "Reference toughness",
                 reference_toughness,
                 "N/mm",
                 1e-5,
                 100,
                 "fracture toughness G_ref at the reference speed "
                 "(1 N/mm = 1 kJ/m^2)");
    add_quantity(prm,
                 "Reference speed",
                 reference_speed,
                 "mm/s",
                 1e-6,
                 1e6,
                 "needle speed v_ref at which the toughness is G_ref");
    add_quantity(prm, "Rate exponent", exponent, "-", 0, 2, "m in G_c(v) = G_ref (v / v_ref)^-m");
    add_quantity(prm,
                 "Minimum toughness",
                 minimum_toughness,
                 "N/mm",
                 1e-6,
                 100,
                 "lower bound of the toughness at high speed");
    add_quantity(prm,
                 "Maximum toughness",
                 maximum_toughness,
                 "N/mm",
                 1e-6,
                 1000,
                 "upper bound of the toughness as the speed goes to zero "
                 "(quasi-static tearing)");
  }



  void
  ToughnessLaw::check() const
  {
    if (reference_toughness < minimum_toughness || reference_toughness > maximum_toughness)
      throw InputError("Cutting/Reference toughness",
                       shortest_text(reference_toughness),
                       "between Minimum toughness (" + shortest_text(minimum_toughness) +
                         " N/mm) and Maximum toughness (" + shortest_text(maximum_toughness) +
                         " N/mm)",
                       "outside the toughness bounds");
  }
} // namespace needlesim
