#pragma once
// Ogden (1972) solid in decoupled form (Holzapfel 2000, sec. 6.5):
//
//   W_iso = sum_p mu_p / alpha_p (lb_1^alpha_p + lb_2^alpha_p + lb_3^alpha_p - 3),
//
// lb_a = J^{-1/3} lambda_a the isochoric principal stretches. The
// small-strain shear modulus is mu0 = 1/2 sum_p mu_p alpha_p; stability
// requires mu_p alpha_p > 0 for every term. One term with alpha = 2 is the
// decoupled (nearly incompressible) Neo-Hookean solid.
//
// In terms of the eigenvalues c_a = lb_a^2 and eigenvectors N_a of C_bar:
//   S_bar  = sum_a s_a N_a (x) N_a,   s_a = 2 dW_iso/dc_a = sum_p mu_p c_a^{alpha_p/2 - 1},
//   CC_bar = 2 [ sum_a ds_a/dc_a M_aa (x) M_aa + sum_{a<b} 2 theta_ab G_ab (x) G_ab ],
//   theta_ab = (s_a - s_b)/(c_a - c_b),  M_aa = N_a (x) N_a,  G_ab = sym(N_a (x) N_b),
// the derivative of an isotropic tensor function (Carlson & Hoger 1986;
// Miehe 1993). theta_ab is evaluated as an exact divided difference that stays
// accurate for coincident eigenvalues, so the tangent is exact at C = I.

#include "decoupled_hyperelastic_law.h"

#include <deal.II/base/parameter_handler.h>

#include <vector>

namespace needlesim
{
  class Ogden : public DecoupledHyperelasticLaw
  {
  public:
    static constexpr const char *registered_name = "Ogden";

    /// @p mu [MPa] and @p alpha [-] of equal length N >= 1.
    Ogden(const std::vector<double> &mu, const std::vector<double> &alpha, double poisson_ratio);

    /// The law's scenario parameters.
    struct Parameters
    {
      std::vector<double> mu            = {0.01}; ///< moduli mu_p [MPa]
      std::vector<double> alpha         = {2.0};  ///< exponents alpha_p [-]
      double              poisson_ratio = 0.49;   ///< small-strain Poisson's ratio [-]

      /// Declares them in the current subsection, bound to this object.
      void
      add_parameters(dealii::ParameterHandler &prm);
    };
    /// Checks the stability condition mu_p alpha_p > 0; @p path names the
    /// parameters in errors.
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
    std::unique_ptr<HyperelasticLaw>
    with_shear_moduli_scaled(double g) const override;

  private:
    const std::vector<double> mu;
    const std::vector<double> alpha;
  };

  /// (x^m - y^m) / (x - y) for x, y > 0, exact also as x -> y (= m y^{m-1}).
  double
  power_divided_difference(double x, double y, double m);
} // namespace needlesim
