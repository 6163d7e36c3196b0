#pragma once
// Toughness of skin against a needle, falling with the needle speed v:
//   G_c(v) = G_ref (v / v_ref)^(-m),  clamped to [G_min, G_max]
// (G_max: quasi-static tearing as v -> 0; G_min: impact at m/s). G_c is the
// energy per unit area of new crack plane [N/mm = kJ/m^2]; the values and
// their sources are in docs/theory.md (needle stroke, cutting).

#include <deal.II/base/parameter_handler.h>

namespace needlesim
{
  struct ToughnessLaw
  {
    double reference_toughness = 0.01;  ///< G_ref [N/mm] at v_ref
    double reference_speed     = 1.0;   ///< v_ref [mm/s]
    double exponent            = 0.0;   ///< m [-]
    double minimum_toughness   = 0.001; ///< G_min [N/mm]
    double maximum_toughness   = 17.1;  ///< G_max [N/mm]

    double
    toughness(double speed) const;

    /// Declares the parameters in the current subsection, bound to this object.
    void
    add_parameters(dealii::ParameterHandler &prm);
    /// Throws InputError unless G_min <= G_ref <= G_max.
    void
    check() const;
  };
} // namespace needlesim
