#pragma once
// Mode-I cohesive law of the crack that a sharp needle drives ahead of its
// tip (Shergold & Fleck 2004), and the rate dependence of skin toughness.
//
// Bilinear traction-separation law with irreversible damage (Camanho &
// Davila 2002, NASA/TM-2002-211737; Turon et al. 2007, Eng Fract Mech
// 74:1665), opening delta >= 0 (full opening of both crack faces):
//   t = K0 delta                                    delta <= delta_0 = sigma_c/K0
//   t = (1 - d) K0 delta,  d(kappa) = delta_f (kappa - delta_0) / (kappa (delta_f - delta_0))
//   kappa = max over the history of delta,  delta_f = 2 G_c / sigma_c,
// so that a fully opened point has dissipated exactly G_c per unit crack
// area. Closing (delta < 0) meets the penalty K0 whatever the damage.
// A viscous term eta d(delta)/dt (Gao & Bower 2004, Model Simul Mater Sci
// Eng 12:453) regularises unstable crack growth in quasi-static steps.
//
// Turon's rule keeps the cohesive zone resolved on a mesh of size l_e with
// N_e elements in it: sigma_c,eff = min(sigma_c, sqrt(9 pi E G_c / (32 N_e l_e))).

#include <deal.II/base/parameter_handler.h>

#include <string>

namespace needlesim
{
  class CohesiveLaw
  {
  public:
    struct State
    {
      double kappa   = 0.0; ///< largest opening so far [mm]
      double opening = 0.0; ///< opening at the last converged step [mm]
    };

    struct Response
    {
      double traction  = 0.0; ///< [MPa]
      double stiffness = 0.0; ///< d traction / d opening [MPa/mm]
      State  state;           ///< updated history
    };

    /// @p K0 [MPa/mm], @p strength sigma_c [MPa], @p toughness G_c [N/mm],
    /// @p viscosity eta [MPa s/mm].
    CohesiveLaw(double K0, double strength, double toughness, double viscosity);

    Response
    evaluate(double opening, const State &old, double dt) const;

    /// Damage d in [0, 1] of a history.
    double
    damage(const State &s) const;
    /// Energy per unit crack area dissipated by fracture so far [N/mm]
    /// (the area under the traction-separation curve less what is stored).
    double
    fracture_energy(const State &s) const;
    /// Elastic energy per unit area stored at an opening [N/mm].
    double
    stored_energy(const State &s) const;

    double
    critical_opening() const
    {
      return delta_f;
    }

  private:
    const double K0, sigma_c, G_c, eta, delta_0, delta_f;
  };

  /// Skin toughness falling with the needle speed v:
  ///   G_c(v) = G_ref (v / v_ref)^(-m),  clamped to [G_min, G_max]
  /// (G_max: quasi-static tearing as v -> 0; G_min: impact at m/s).
  struct ToughnessLaw
  {
    double reference_toughness = 1.136; ///< G_ref [N/mm] at v_ref
    double reference_speed     = 1.0;   ///< v_ref [mm/s]
    double exponent            = 0.556; ///< m [-]
    double minimum_toughness   = 0.01;  ///< G_min [N/mm]
    double maximum_toughness   = 17.1;  ///< G_max [N/mm]

    double
    toughness(double speed) const;

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    static ToughnessLaw
    parse_parameters(dealii::ParameterHandler &prm);
  };
} // namespace needlesim
