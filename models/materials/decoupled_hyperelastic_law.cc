#include "decoupled_hyperelastic_law.h"

#include <cmath>

namespace needlesim
{
  DecoupledHyperelasticLaw::DecoupledHyperelasticLaw(const double initial_shear_modulus,
                                                     const double poisson_ratio)
    : mu0(initial_shear_modulus)
    , kappa(2.0 * initial_shear_modulus * (1.0 + poisson_ratio) /
            (3.0 * (1.0 - 2.0 * poisson_ratio)))
  {}



  double
  DecoupledHyperelasticLaw::energy(const SymTensor2 &C) const
  {
    const double J     = std::sqrt(dealii::determinant(C));
    const double U     = 0.25 * kappa * (J * J - 1.0 - 2.0 * std::log(J));
    const double J_m23 = std::pow(J, -2.0 / 3.0);
    return U + isochoric_energy(J_m23 * C);
  }



  StressResponse
  isochoric_response(const StressResponse &fictitious, const SymTensor2 &C)
  {
    const double     J     = std::sqrt(dealii::determinant(C));
    const SymTensor2 C_inv = dealii::invert(C);
    const double     J_m23 = std::pow(J, -2.0 / 3.0);
    const SymTensor2 C_bar = J_m23 * C;

    const double   s = fictitious.S * C_bar;
    StressResponse r;
    r.S = J_m23 * fictitious.S - (1.0 / 3.0) * s * C_inv;

    const SymTensor2 G     = 2.0 * fictitious.S + C_bar * fictitious.CC;
    const SymTensor2 Dev_G = reference_deviator(G, C, C_inv);
    r.CC = J_m23 * J_m23 * (fictitious.CC - (1.0 / 3.0) * outer(fictitious.CC * C, C_inv)) -
           (2.0 / 3.0) * J_m23 * outer(fictitious.S, C_inv) -
           (1.0 / 3.0) * J_m23 * outer(C_inv, Dev_G) + (2.0 / 3.0) * s * odot(C_inv, C_inv);
    return r;
  }



  StressResponse
  DecoupledHyperelasticLaw::stress_response(const SymTensor2 &C) const
  {
    const double     J     = std::sqrt(dealii::determinant(C));
    const SymTensor2 C_inv = dealii::invert(C);

    // Volumetric part, U(J) = K/4 (J^2 - 1 - 2 ln J).
    const double dU  = 0.5 * kappa * (J - 1.0 / J);
    const double d2U = 0.5 * kappa * (1.0 + 1.0 / (J * J));

    StressResponse r;
    r.S  = J * dU * C_inv;
    r.CC = J * (dU + J * d2U) * outer(C_inv, C_inv) - 2.0 * J * dU * odot(C_inv, C_inv);

    // Isochoric part by the chain rule through C_bar(C).
    const StressResponse iso =
      isochoric_response(fictitious_response(std::pow(J, -2.0 / 3.0) * C), C);
    r.S += iso.S;
    r.CC += iso.CC;
    return r;
  }
} // namespace needlesim
