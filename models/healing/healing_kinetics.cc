#include "healing_kinetics.h"

#include "parameters.h"

#include <algorithm>

namespace needlesim
{
  namespace
  {
    /// Saturating response x/(K + x) of a signal that should never be
    /// negative (small undershoots of the discrete signal count as zero).
    double
    saturation(const double x, const double K)
    {
      return std::max(x, 0.0) / (K + std::max(x, 0.0));
    }

    double
    saturation_derivative(const double x, const double K)
    {
      return x > 0.0 ? K / ((K + x) * (K + x)) : 0.0;
    }
  } // namespace



  HealingKinetics::HealingKinetics(const Parameters &parameters)
    : param(parameters)
  {
    using namespace HealingField;
    // Homeostasis (remodeling-models.md §6): drho/dt = 0 at rho = 1, c = 0 ...
    d_rho = param.p_rho * (1.0 - 1.0 / param.K_rr);
    // ... dphi_m/dt = 0: k_m phi_n = d_m phi_m with phi_n + phi_m = 1 ...
    const double phi_n = param.d_m / (param.d_m + param.k_m);
    // ... dphi_n/dt = 0: p_0 (1 - 1/phi_max) = (k_m + d_n) phi_n.
    p_0 = (param.k_m + param.d_n) * phi_n / (1.0 - 1.0 / param.phi_max);

    rest                  = HealingState{};
    rest[fibroblasts]     = 1.0;
    rest[new_collagen]    = phi_n;
    rest[mature_collagen] = 1.0 - phi_n;
    reaction_at_rest      = raw_reaction(rest);
  }



  double
  HealingKinetics::deposition(const HealingState &y) const
  {
    using namespace HealingField;
    const double phi = y[new_collagen] + y[mature_collagen];
    const double p_1 = param.p_1_over_p_0 * p_0;
    return (p_0 + p_1 * saturation(y[growth_factor], param.K_pc)) * y[fibroblasts] *
           std::max(1.0 - phi / param.phi_max, 0.0);
  }



  HealingState
  HealingKinetics::raw_reaction(const HealingState &y) const
  {
    using namespace HealingField;
    const double a = y[inflammation], c = y[growth_factor], rho = y[fibroblasts];
    // remodeling degradation by fibroblasts activated by the growth factor
    const double degradation = param.d_cr * std::max(c, 0.0) * rho;

    HealingState R;
    R[inflammation]  = -param.d_a * a;
    R[growth_factor] = param.p_ca * a * rho - param.d_c * c;
    R[fibroblasts] =
      (param.p_rho + param.p_rc * saturation(c, param.K_rc)) * (1.0 - rho / param.K_rr) * rho -
      d_rho * rho;
    R[new_collagen] = deposition(y) - (param.k_m + param.d_n + degradation) * y[new_collagen];
    R[mature_collagen] =
      param.k_m * y[new_collagen] - (param.d_m + degradation) * y[mature_collagen];
    return R;
  }



  HealingState
  HealingKinetics::reaction(const HealingState &y) const
  {
    HealingState R = raw_reaction(y);
    for (unsigned int i = 0; i < HealingField::n_fields; ++i)
      R[i] -= reaction_at_rest[i];
    return R;
  }



  HealingJacobian
  HealingKinetics::jacobian(const HealingState &y) const
  {
    using namespace HealingField;
    const double a = y[inflammation], c = y[growth_factor], rho = y[fibroblasts];
    const double n = y[new_collagen], m = y[mature_collagen];
    const double c_plus = std::max(c, 0.0);
    const double dcp_dc = c > 0.0 ? 1.0 : 0.0;
    const double p_1    = param.p_1_over_p_0 * p_0;

    const double g           = param.p_rho + param.p_rc * saturation(c, param.K_rc);
    const double dg          = param.p_rc * saturation_derivative(c, param.K_rc);
    const double h           = p_0 + p_1 * saturation(c, param.K_pc);
    const double dh          = p_1 * saturation_derivative(c, param.K_pc);
    const double s           = 1.0 - (n + m) / param.phi_max;
    const double s_plus      = std::max(s, 0.0);
    const double ds          = s > 0.0 ? -1.0 / param.phi_max : 0.0;
    const double degradation = param.d_cr * c_plus * rho;

    HealingJacobian J{};
    J[inflammation][inflammation] = -param.d_a;

    J[growth_factor][inflammation]  = param.p_ca * rho;
    J[growth_factor][growth_factor] = -param.d_c;
    J[growth_factor][fibroblasts]   = param.p_ca * a;

    J[fibroblasts][growth_factor] = dg * (1.0 - rho / param.K_rr) * rho;
    J[fibroblasts][fibroblasts]   = g * (1.0 - 2.0 * rho / param.K_rr) - d_rho;

    J[new_collagen][growth_factor]   = dh * rho * s_plus - param.d_cr * dcp_dc * rho * n;
    J[new_collagen][fibroblasts]     = h * s_plus - param.d_cr * c_plus * n;
    J[new_collagen][new_collagen]    = h * rho * ds - (param.k_m + param.d_n + degradation);
    J[new_collagen][mature_collagen] = h * rho * ds;

    J[mature_collagen][growth_factor]   = -param.d_cr * dcp_dc * rho * m;
    J[mature_collagen][fibroblasts]     = -param.d_cr * c_plus * m;
    J[mature_collagen][new_collagen]    = param.k_m;
    J[mature_collagen][mature_collagen] = -(param.d_m + degradation);
    return J;
  }



  HealingState
  HealingKinetics::diffusivity() const
  {
    return {{param.D_a, param.D_c, param.D_rho, 0.0, 0.0}};
  }



  HealingState
  HealingKinetics::after_injury(const HealingState &y, const double D) const
  {
    using namespace HealingField;
    HealingState z     = y;
    z[inflammation]    = std::min(1.0, y[inflammation] + D);
    z[fibroblasts]     = y[fibroblasts] * (1.0 - param.eta_rho * D);
    z[new_collagen]    = y[new_collagen] * (1.0 - param.eta_phi * D);
    z[mature_collagen] = y[mature_collagen] * (1.0 - param.eta_phi * D);
    return z;
  }



  void
  HealingKinetics::Parameters::add_parameters(dealii::ParameterHandler &prm)
  {
    add_quantity(
      prm, "Inflammation diffusivity", D_a, "mm^2/day", 0, 100, "D_a of the inflammatory signal");
    add_quantity(prm, "Growth factor diffusivity", D_c, "mm^2/day", 0, 100, "D_c of TGF-beta");
    add_quantity(prm,
                 "Fibroblast motility",
                 D_rho,
                 "mm^2/day",
                 0,
                 100,
                 "D_rho, random motility of fibroblasts");
    add_quantity(prm,
                 "Inflammation resolution rate",
                 d_a,
                 "1/day",
                 1e-3,
                 100,
                 "d_a, decay of the inflammatory signal");
    add_quantity(prm,
                 "Growth factor release",
                 p_ca,
                 "1/day",
                 0,
                 1000,
                 "p_ca, TGF-beta released per unit inflammation and fibroblast density");
    add_quantity(prm, "Growth factor decay", d_c, "1/day", 1e-3, 100, "d_c, decay of TGF-beta");
    add_quantity(
      prm, "Fibroblast proliferation", p_rho, "1/day", 1e-3, 10, "p_rho, basal mitosis rate");
    add_quantity(prm,
                 "Growth factor mitosis boost",
                 p_rc,
                 "1/day",
                 0,
                 10,
                 "p_rho_c, extra mitosis at saturating TGF-beta");
    add_quantity(
      prm, "Mitosis saturation", K_rc, "-", 1e-6, 100, "K_rho_c, TGF-beta level of half boost");
    add_quantity(prm,
                 "Fibroblast capacity",
                 K_rr,
                 "-",
                 1.01,
                 1000,
                 "K_rho_rho, crowding limit relative to the healthy density");
    add_quantity(prm,
                 "Synthesis amplification",
                 p_1_over_p_0,
                 "-",
                 0,
                 1e4,
                 "p_1/p_0, collagen synthesis at saturating TGF-beta over basal synthesis");
    add_quantity(prm,
                 "Synthesis saturation",
                 K_pc,
                 "-",
                 1e-6,
                 100,
                 "K_phi_c, TGF-beta level of half amplification");
    add_quantity(prm,
                 "Collagen capacity",
                 phi_max,
                 "-",
                 1.01,
                 100,
                 "phi_max, collagen content at which deposition stops, relative to healthy");
    add_quantity(prm,
                 "Maturation rate",
                 k_m,
                 "1/day",
                 1e-5,
                 10,
                 "k_m, new (type III) -> mature (type I) collagen");
    add_quantity(
      prm, "New collagen turnover", d_n, "1/day", 0, 10, "d_n, degradation of new collagen");
    add_quantity(prm,
                 "Mature collagen turnover",
                 d_m,
                 "1/day",
                 1e-7,
                 1,
                 "d_m, degradation of mature collagen");
    add_quantity(prm,
                 "Remodeling degradation",
                 d_cr,
                 "1/day",
                 0,
                 10,
                 "d_c_rho, collagen degradation by activated fibroblasts at c = rho = 1");
    add_quantity(prm,
                 "Fibroblast kill per injury",
                 eta_rho,
                 "-",
                 0,
                 1,
                 "eta_rho, fraction of cells killed at D = 1");
    add_quantity(prm,
                 "Collagen disruption per injury",
                 eta_phi,
                 "-",
                 0,
                 1,
                 "eta_phi, fraction of collagen disrupted at D = 1");
  }
} // namespace needlesim
