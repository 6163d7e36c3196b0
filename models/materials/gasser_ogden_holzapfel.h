#pragma once
// Gasser-Ogden-Holzapfel (2006) fibre-reinforced solid with two fibre
// families and dispersion, in decoupled form (J R Soc Interface 3:15-35):
//
//   W_iso = mu/2 (I1_bar - 3)
//         + sum_{i=1,2} k1/(2 k2) [exp(k2 <E_i>^2) - 1],
//   E_i   = kappa (I1_bar - 3) + (1 - 3 kappa)(I4i_bar - 1) = H_i : C_bar - 1,
//   H_i   = kappa I + (1 - 3 kappa) a_i (x) a_i   (generalised structure tensor),
//
// with <x> = max(x, 0): fibres carry no load when the dispersed stretch
// measure E_i is negative. kappa in [0, 1/3] is the fibre dispersion
// (0: aligned, 1/3: isotropic). The fibre directions a_1, a_2 lie in the
// skin plane (x-y) at +/- the fibre angle from the x axis (Langer lines).
//
//   S_bar  = mu I + sum_i 2 k1 <E_i> exp(k2 E_i^2) H_i,
//   CC_bar = sum_{i: E_i >= 0} 4 k1 exp(k2 E_i^2) (1 + 2 k2 E_i^2) H_i (x) H_i.

#include "decoupled_hyperelastic_law.h"

#include <deal.II/base/parameter_handler.h>

#include <array>

namespace needlesim
{
  class GasserOgdenHolzapfel : public DecoupledHyperelasticLaw
  {
  public:
    static constexpr const char *registered_name = "Gasser-Ogden-Holzapfel";

    struct Parameters
    {
      // dermis, Ni Annaidh et al. 2012b (docs/theory.md)
      double mu            = 0.2014; ///< matrix shear modulus [MPa]
      double k1            = 243.6;  ///< fibre stiffness [MPa]
      double k2            = 0.1327; ///< fibre exponential coefficient [-]
      double kappa         = 0.1404; ///< dispersion [-], 0 <= kappa <= 1/3
      double fibre_angle   = 41.0;   ///< angle of the families from the x axis [deg]
      double poisson_ratio = 0.49;   ///< small-strain Poisson's ratio [-]

      /// Declares them in the current subsection, bound to this object.
      void
      add_parameters(dealii::ParameterHandler &prm);
    };

    explicit GasserOgdenHolzapfel(const Parameters &p);

    static std::unique_ptr<HyperelasticLaw>
    create(const Parameters &p, const std::string &path);

    std::string
    name() const override
    {
      return registered_name;
    }
    double
    isochoric_energy(const SymTensor2 &C_bar) const override;
    StressResponse
    fictitious_response(const SymTensor2 &C_bar) const override;
    /// Matrix and fibre stiffness (mu, k1) scaled by @p g.
    std::unique_ptr<HyperelasticLaw>
    with_shear_moduli_scaled(double g) const override;

    /// Unit fibre direction of family i (0 or 1) in the reference configuration.
    const Tensor1 &
    fibre_direction(unsigned int i) const
    {
      return a[i];
    }

  private:
    const Parameters          param;
    std::array<Tensor1, 2>    a;
    std::array<SymTensor2, 2> H;
  };
} // namespace needlesim
