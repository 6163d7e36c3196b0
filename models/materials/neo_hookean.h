#pragma once
// Compressible Neo-Hookean solid (Bonet & Wood 2008, "Nonlinear Continuum
// Mechanics for Finite Element Analysis", 2nd ed., sec. 6.4.3):
//
//   W(C) = mu/2 (I1 - 3) - mu ln J + lambda/2 (ln J)^2,
//   S    = mu (I - C^{-1}) + lambda ln J C^{-1},
//   CC   = lambda C^{-1} (x) C^{-1} + 2 (mu - lambda ln J) C^{-1} (.) C^{-1},
//
// with the Lame constants from Young's modulus E and Poisson's ratio nu:
// mu = E / (2 (1 + nu)), lambda = 2 mu nu / (1 - 2 nu).

#include "constitutive_law.h"

#include <deal.II/base/parameter_handler.h>

namespace needlesim
{
  class NeoHookean : public HyperelasticLaw
  {
  public:
    static constexpr const char *registered_name = "Neo-Hookean";

    NeoHookean(double youngs_modulus, double poisson_ratio);

    /// The law's scenario parameters.
    struct Parameters
    {
      double youngs_modulus = 0.1;  ///< small-strain Young's modulus E [MPa]
      double poisson_ratio  = 0.45; ///< small-strain Poisson's ratio nu [-]

      /// Declares them in the current subsection, bound to this object.
      void
      add_parameters(dealii::ParameterHandler &prm);
    };
    static std::unique_ptr<HyperelasticLaw>
    create(const Parameters &p, const std::string &path);

    std::string
    name() const override
    {
      return registered_name;
    }
    StressResponse
    stress_response(const SymTensor2 &C) const override;
    double
    energy(const SymTensor2 &C) const override;
    double
    shear_modulus() const override
    {
      return mu;
    }
    double
    bulk_modulus() const override
    {
      return lambda + 2.0 * mu / 3.0;
    }
    std::unique_ptr<HyperelasticLaw>
    with_shear_moduli_scaled(double g) const override;

  private:
    const double mu;
    const double lambda;
  };
} // namespace needlesim
