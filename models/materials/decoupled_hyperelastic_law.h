#pragma once
// Hyperelastic laws with the volumetric-isochoric split of Flory (1961),
//
//   W(C) = U(J) + W_iso(C_bar),   C_bar = J^{-2/3} C,
//
// the standard form for nearly incompressible soft tissue (Holzapfel 2000,
// sec. 6.4). Derived classes supply the isochoric energy and its fictitious
// stress S_bar = 2 dW_iso/dC_bar and tangent CC_bar = 2 dS_bar/dC_bar; this
// class adds the volumetric part and projects onto the physical stress:
//
//   S_vol = J U'(J) C^{-1},
//   S_iso = J^{-2/3} Dev S_bar = J^{-2/3} S_bar - 1/3 (S_bar : C_bar) C^{-1},
//   CC_vol = J (U' + J U'') C^{-1} (x) C^{-1} - 2 J U' C^{-1} (.) C^{-1},
//   CC_iso = J^{-4/3} [CC_bar - 1/3 (CC_bar : C) (x) C^{-1}]
//            - 2/3 J^{-2/3} S_bar (x) C^{-1}
//            - 1/3 J^{-2/3} C^{-1} (x) Dev G
//            + 2/3 (S_bar : C_bar) C^{-1} (.) C^{-1},
//   G = 2 S_bar + C_bar : CC_bar,
//
// (obtained by the chain rule through dC_bar/dC = J^{-2/3}(II - 1/3 C (x) C^{-1});
// equivalent to Holzapfel eqs. 6.88-6.90 and 6.168). The volumetric energy is
//
//   U(J) = K/4 (J^2 - 1 - 2 ln J)      (Simo & Taylor 1982; Miehe 1994),
//
// with the bulk modulus K from the small-strain shear modulus mu0 and
// Poisson's ratio: K = 2 mu0 (1 + nu) / (3 (1 - 2 nu)).

#include "constitutive_law.h"

namespace needlesim
{
  /// The isochoric stress S_iso and tangent CC_iso = 2 dS_iso/dC at C of an
  /// isochoric energy W_iso(C_bar) whose fictitious stress and tangent at
  /// C_bar = J^{-2/3} C are @p fictitious (the projection written above).
  StressResponse
  isochoric_response(const StressResponse &fictitious, const SymTensor2 &C);

  class DecoupledHyperelasticLaw : public HyperelasticLaw
  {
  public:
    /// @p initial_shear_modulus mu0 [MPa] and @p poisson_ratio define K.
    DecoupledHyperelasticLaw(double initial_shear_modulus, double poisson_ratio);

    StressResponse
    stress_response(const SymTensor2 &C) const override;
    double
    energy(const SymTensor2 &C) const override;
    double
    shear_modulus() const override
    {
      return mu0;
    }
    double
    bulk_modulus() const override
    {
      return kappa;
    }

    /// Isochoric energy W_iso(C_bar) [MPa].
    virtual double
    isochoric_energy(const SymTensor2 &C_bar) const = 0;

    /// Fictitious stress S_bar = 2 dW_iso/dC_bar and tangent
    /// CC_bar = 2 dS_bar/dC_bar at C_bar.
    virtual StressResponse
    fictitious_response(const SymTensor2 &C_bar) const = 0;

  private:
    const double mu0;
    const double kappa;
  };
} // namespace needlesim
