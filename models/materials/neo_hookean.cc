#include "neo_hookean.h"

#include "parameters.h"

#include <cmath>

namespace needlesim
{
  NeoHookean::NeoHookean(const double youngs_modulus, const double poisson_ratio)
    : mu(youngs_modulus / (2.0 * (1.0 + poisson_ratio)))
    , lambda(2.0 * mu * poisson_ratio / (1.0 - 2.0 * poisson_ratio))
  {}



  void
  NeoHookean::Parameters::add_parameters(dealii::ParameterHandler &prm)
  {
    add_quantity(
      prm, "Young modulus", youngs_modulus, "MPa", 1e-6, 1e5, "small-strain Young's modulus E");
    add_quantity(
      prm, "Poisson ratio", poisson_ratio, "-", -0.99, 0.4999, "small-strain Poisson's ratio nu");
  }



  std::unique_ptr<HyperelasticLaw>
  NeoHookean::create(const Parameters &p, const std::string &)
  {
    return std::make_unique<NeoHookean>(p.youngs_modulus, p.poisson_ratio);
  }



  std::unique_ptr<HyperelasticLaw>
  NeoHookean::with_shear_moduli_scaled(const double g) const
  {
    const double mu_g = g * mu, nu = poisson_ratio(bulk_modulus(), mu_g);
    return std::make_unique<NeoHookean>(2.0 * mu_g * (1.0 + nu), nu);
  }



  double
  NeoHookean::energy(const SymTensor2 &C) const
  {
    const double ln_J = 0.5 * std::log(dealii::determinant(C));
    return 0.5 * mu * (dealii::trace(C) - 3.0) - mu * ln_J + 0.5 * lambda * ln_J * ln_J;
  }



  StressResponse
  NeoHookean::stress_response(const SymTensor2 &C) const
  {
    const SymTensor2 C_inv = dealii::invert(C);
    const double     ln_J  = 0.5 * std::log(dealii::determinant(C));

    StressResponse r;
    r.S  = mu * (identity2() - C_inv) + lambda * ln_J * C_inv;
    r.CC = lambda * outer(C_inv, C_inv) + 2.0 * (mu - lambda * ln_J) * odot(C_inv, C_inv);
    return r;
  }
} // namespace needlesim
