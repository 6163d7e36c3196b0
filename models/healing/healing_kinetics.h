#pragma once
// Wound healing and collagen remodeling after microneedling: the reaction
// part of the "MN-CIR" reaction-diffusion system (docs/theory.md §10), built on the fibroblast / TGF-beta / collagen
// kinetics of Buganza Tepole & Kuhl 2016 and Sohutskay et al. 2021, with the
// inflammatory signal of Pensalfini & Buganza Tepole 2023 and a new
// (type III-rich) / mature (type I-rich) collagen split after Dale, Sherratt &
// Maini 1996. Time in days, lengths in mm; every field is normalised by its
// healthy value (fibroblasts, collagen) or its scale (signals, 0..1):
//
//   a    inflammatory signal          da/dt  = D_a lap a - d_a a
//   c    growth factor (TGF-beta)     dc/dt  = D_c lap c + p_ca a rho - d_c c
//   rho  fibroblasts                  drho/dt = D_rho lap rho
//                                        + [p_rho + p_rc c/(K_rc + c)](1 - rho/K_rr) rho - d_rho rho
//   phi_n new collagen                dphi_n/dt = P - (k_m + d_n + d_cr c rho) phi_n
//   phi_m mature collagen             dphi_m/dt = k_m phi_n - (d_m + d_cr c rho) phi_m
//   P = [p_0 + p_1 c/(K_pc + c)] rho (1 - (phi_n + phi_m)/phi_max)_+
//
// Healthy skin is the rest state a = c = 0, rho = 1, phi_n + phi_m = 1; it
// fixes d_rho = p_rho (1 - 1/K_rr), phi_n* = d_m/(d_m + k_m) and
// p_0 = (k_m + d_n) phi_n* / (1 - 1/phi_max). The reaction is evaluated as
// R(y) - R(y*), so that the rest state is an exact fixed point in floating
// point arithmetic (untreated skin stays at rest for any simulated time).
//
// A session's injury D in [0, 1] acts as an impulse (§6): a <- min(1, a + D),
// rho <- rho (1 - eta_rho D), phi <- phi (1 - eta_phi D).

#include <deal.II/base/parameter_handler.h>

#include <array>

namespace needlesim
{
  namespace HealingField
  {
    constexpr unsigned int inflammation    = 0;
    constexpr unsigned int growth_factor   = 1;
    constexpr unsigned int fibroblasts     = 2;
    constexpr unsigned int new_collagen    = 3;
    constexpr unsigned int mature_collagen = 4;
    constexpr unsigned int n_fields        = 5;
  } // namespace HealingField

  using HealingState    = std::array<double, HealingField::n_fields>;
  using HealingJacobian = std::array<HealingState, HealingField::n_fields>;

  class HealingKinetics
  {
  public:
    /// Rates in 1/day, diffusivities in mm^2/day, everything else
    /// dimensionless (sources in docs/theory.md §10).
    struct Parameters
    {
      double D_a          = 0.29;    ///< inflammatory signal diffusivity
      double D_c          = 0.29;    ///< growth factor diffusivity
      double D_rho        = 2.0;     ///< fibroblast random motility
      double d_a          = 2.16;    ///< inflammation resolution rate (calibrated, R1)
      double p_ca         = 1.6;     ///< growth factor release per inflammation and cell
      double d_c          = 0.024;   ///< growth factor decay
      double p_rho        = 0.41;    ///< fibroblast proliferation
      double p_rc         = 0.205;   ///< growth-factor boost of proliferation
      double K_rc         = 0.1;     ///< saturation of that boost
      double K_rr         = 10.0;    ///< crowding capacity
      double p_1_over_p_0 = 300.0;   ///< growth-factor amplification of synthesis (provisional)
      double K_pc         = 1.0;     ///< saturation of that amplification
      double phi_max      = 2.0;     ///< collagen capacity (crowding of deposition)
      double k_m          = 0.05;    ///< maturation new -> mature collagen (calibrated, R2)
      double d_n          = 0.0233;  ///< turnover of new collagen
      double d_m          = 1.27e-4; ///< turnover of mature collagen (half-life 15 y)
      double d_cr         = 0.0116;  ///< remodeling degradation at c = rho = 1
      double eta_rho      = 1.0;     ///< fibroblasts killed per unit injury
      double eta_phi      = 0.1;     ///< collagen disrupted per unit injury

      /// Declares them in the current subsection, bound to this object.
      void
      add_parameters(dealii::ParameterHandler &prm);
    };

    explicit HealingKinetics(const Parameters &parameters);

    /// Healthy skin: a = c = 0, rho = 1, phi_n = phi_n*, phi_m = 1 - phi_n*.
    const HealingState &
    rest_state() const
    {
      return rest;
    }

    /// Reaction terms dy/dt without diffusion [1/day]; exactly zero at rest.
    HealingState
    reaction(const HealingState &y) const;

    /// Their derivative J[i][j] = dR_i/dy_j [1/day].
    HealingJacobian
    jacobian(const HealingState &y) const;

    /// Diffusivity of each field [mm^2/day] (0 for the collagen pools).
    HealingState
    diffusivity() const;

    /// The state right after a session that left injury @p D at this point.
    HealingState
    after_injury(const HealingState &y, double D) const;

    const Parameters &
    parameters() const
    {
      return param;
    }


  private:
    HealingState
    raw_reaction(const HealingState &y) const;

    /// Collagen deposition rate P at @p y [1/day].
    double
    deposition(const HealingState &y) const;

    Parameters   param;
    double       d_rho; ///< fibroblast removal from homeostasis [1/day]
    double       p_0;   ///< basal collagen synthesis from homeostasis [1/day]
    HealingState rest;
    HealingState reaction_at_rest;
  };
} // namespace needlesim
