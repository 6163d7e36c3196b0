#include "gasser_ogden_holzapfel.h"

#include "parameters.h"

#include <cmath>

namespace needlesim
{
  std::unique_ptr<HyperelasticLaw>
  GasserOgdenHolzapfel::with_shear_moduli_scaled(const double g) const
  {
    Parameters p    = param;
    p.mu            = g * param.mu;
    p.k1            = g * param.k1;
    p.poisson_ratio = poisson_ratio(bulk_modulus(), p.mu);
    return std::make_unique<GasserOgdenHolzapfel>(p);
  }



  GasserOgdenHolzapfel::GasserOgdenHolzapfel(const Parameters &p)
    : DecoupledHyperelasticLaw(p.mu, p.poisson_ratio)
    , param(p)
  {
    const double theta = p.fibre_angle * M_PI / 180.0;
    for (unsigned int i = 0; i < 2; ++i)
      {
        const double sign = (i == 0 ? 1.0 : -1.0);
        a[i][0]           = std::cos(theta);
        a[i][1]           = sign * std::sin(theta);
        a[i][2]           = 0.0;
        H[i]              = p.kappa * identity2() +
               (1.0 - 3.0 * p.kappa) * dealii::symmetrize(dealii::outer_product(a[i], a[i]));
      }
  }



  void
  GasserOgdenHolzapfel::Parameters::add_parameters(dealii::ParameterHandler &prm)
  {
    add_quantity(prm,
                 "Matrix shear modulus",
                 mu,
                 "MPa",
                 1e-6,
                 1e5,
                 "shear modulus mu of the ground substance");
    add_quantity(prm, "Fibre stiffness k1", k1, "MPa", 0, 1e5, "collagen fibre stiffness k1");
    add_quantity(
      prm, "Fibre exponent k2", k2, "-", 1e-6, 1e4, "collagen fibre exponential coefficient k2");
    add_quantity(prm,
                 "Fibre dispersion kappa",
                 kappa,
                 "-",
                 0,
                 1.0 / 3.0,
                 "fibre dispersion (0 aligned, 1/3 isotropic)");
    add_quantity(prm,
                 "Fibre angle",
                 fibre_angle,
                 "deg",
                 0,
                 90,
                 "angle of the two fibre families from the x axis (+/-) "
                 "in the skin plane");
    add_quantity(prm,
                 "Poisson ratio",
                 poisson_ratio,
                 "-",
                 -0.99,
                 0.4999,
                 "small-strain Poisson's ratio of the matrix; sets the "
                 "bulk modulus K = 2 mu (1 + nu) / (3 (1 - 2 nu))");
  }



  std::unique_ptr<HyperelasticLaw>
  GasserOgdenHolzapfel::create(const Parameters &p, const std::string &)
  {
    return std::make_unique<GasserOgdenHolzapfel>(p);
  }



  double
  GasserOgdenHolzapfel::isochoric_energy(const SymTensor2 &C_bar) const
  {
    double W = 0.5 * param.mu * (dealii::trace(C_bar) - 3.0);
    for (unsigned int i = 0; i < 2; ++i)
      {
        const double E = std::max(H[i] * C_bar - 1.0, 0.0);
        W += param.k1 / (2.0 * param.k2) * std::expm1(param.k2 * E * E);
      }
    return W;
  }



  StressResponse
  GasserOgdenHolzapfel::fictitious_response(const SymTensor2 &C_bar) const
  {
    StressResponse r;
    r.S = param.mu * identity2();
    for (unsigned int i = 0; i < 2; ++i)
      {
        const double E = H[i] * C_bar - 1.0;
        if (E < 0.0)
          continue;
        const double e = std::exp(param.k2 * E * E);
        r.S += 2.0 * param.k1 * E * e * H[i];
        r.CC += 4.0 * param.k1 * e * (1.0 + 2.0 * param.k2 * E * E) * outer(H[i], H[i]);
      }
    return r;
  }
} // namespace needlesim
