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
  ToughnessLaw::declare_parameters(dealii::ParameterHandler &prm)
  {
    declare_quantity(prm,
                     "Reference toughness",
                     "0.01",
                     "N/mm",
                     1e-5,
                     100,
                     "fracture toughness G_ref at the reference speed "
                     "(1 N/mm = 1 kJ/m^2)");
    declare_quantity(prm,
                     "Reference speed",
                     "1",
                     "mm/s",
                     1e-6,
                     1e6,
                     "needle speed v_ref at which the toughness is G_ref");
    declare_quantity(prm, "Rate exponent", "0", "-", 0, 2, "m in G_c(v) = G_ref (v / v_ref)^-m");
    declare_quantity(prm,
                     "Minimum toughness",
                     "0.001",
                     "N/mm",
                     1e-6,
                     100,
                     "lower bound of the toughness at high speed");
    declare_quantity(prm,
                     "Maximum toughness",
                     "17.1",
                     "N/mm",
                     1e-6,
                     1000,
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
      throw InputError("Cutting/Reference toughness",
                       prm.get("Reference toughness"),
                       "between Minimum toughness (" + prm.get("Minimum toughness") +
                         " N/mm) and Maximum toughness (" + prm.get("Maximum toughness") + " N/mm)",
                       "outside the toughness bounds");
    return law;
  }
} // namespace needlesim
