#pragma once
// Finite-strain viscoelasticity with Maxwell branches on the multiplicative
// split F = F_e,i F_v,i (Simo & Miehe 1992; Reese & Govindjee 1998, IJSS
// 35:3455), carried by any hyperelastic law W_e as the equilibrium branch:
//
//   Psi(C, C_v,1..m) = W_e(C) + sum_i mu_i/2 (C_bar : C_v,i^{-1} - 3),
//   mu_i = beta_i mu_0,   C_bar = J^{-2/3} C,   det C_v,i = 1,
//
// so that branch i is a Neo-Hookean spring of shear modulus beta_i mu_0 on
// the elastic part of the isochoric deformation, C_e,i = F_v,i^{-T} C_bar
// F_v,i^{-1}, in series with an isochoric Newtonian dashpot (viscosity
// eta_i = 2 mu_i tau_i):
//
//   dC_v,i/dt = 1/tau_i [C_bar - 1/3 (C_bar : C_v,i^{-1}) C_v,i]
//
// (Shutov, Landgraf & Ihlemann 2013, CMAME 265:213, with
// 2 mu_i / eta_i = 1 / tau_i). The stress is the derivative of Psi at fixed
// internal variables,
//
//   S = S_e(C) + sum_i mu_i J^{-2/3} Dev C_v,i^{-1},   Dev X = X - 1/3 (X:C) C^{-1},
//
// and the dissipation rate of the dashpots is -dPsi/dC_v,i : dC_v,i/dt >= 0.
// In the small-strain limit a strain step relaxes as
// Dev S(t) = Dev S_e (1 + sum_i beta_i exp(-t/tau_i)) for a Neo-Hookean W_e,
// the Prony series of the parameters; at finite strain every branch has an
// exact stored energy, which the stroke's energy balance and puncture switch
// need. The fibres of an anisotropic W_e are elastic (long-term) only: the
// branches are isotropic.
//
// Time integration (Shutov et al. 2013): backward Euler, whose
// solution is explicit because the flow keeps det C_v = 1:
//
//   T_i         = C_v,i^n + dt/tau_i C_bar^{n+1},
//   C_v,i^{n+1} = det(T_i)^{-1/3} T_i,
//
// first order in dt, unconditionally stable, dissipating >= 0 in every step.
// The algorithmic tangent adds to the tangent at fixed C_v the derivative
// through the update, 2 dS/dC_v^{-1} : dC_v^{-1}/dT : dT/dC.
// Internal state: [C_v,1, ..., C_v,m], the identity when relaxed.

#include "constitutive_law.h"

#include <memory>
#include <vector>

namespace needlesim
{
  class FiniteStrainViscoelasticity : public ConstitutiveLaw
  {
  public:
    /// @p beta_i >= 0 relative moduli of the branches (ratios to the
    /// equilibrium law's small-strain shear modulus), @p tau_i > 0 their
    /// relaxation times [s].
    FiniteStrainViscoelasticity(std::unique_ptr<HyperelasticLaw> elastic,
                                const std::vector<double>       &beta,
                                const std::vector<double>       &tau);

    std::string
    name() const override;
    unsigned int
    n_internal_tensors() const override
    {
      return beta.size();
    }
    InternalState
    initial_state() const override;
    StressResponse
    evaluate(const Tensor2       &F,
             const InternalState &state_n,
             double               dt,
             InternalState       *state_np1) const override;
    double
    strain_energy(const Tensor2 &F) const override
    {
      return elastic->strain_energy(F);
    }
    double
    shear_modulus() const override
    {
      return elastic->shear_modulus();
    }
    double
    bulk_modulus() const override
    {
      return elastic->bulk_modulus();
    }

    /// sum_i mu_i/2 (C_bar : C_v,i^{-1} - 3).
    double
    viscous_stored_energy(const Tensor2 &F, const InternalState &state) const override;

    /// The energy the dashpots release in a step at the end-of-step
    /// deformation: Psi_v(C^{n+1}, C_v^n) - Psi_v(C^{n+1}, C_v^{n+1}) >= 0
    /// (Shutov et al. 2013 show it is non-negative). With the stored energy above it
    /// balances the branches' work up to the quadrature of that work.
    double
    viscous_dissipation(const Tensor2       &F,
                        const InternalState &state_n,
                        const InternalState &state_np1) const override;

    /// The equilibrium law plus the unrelaxed Neo-Hookean branches scaled
    /// by the relaxation function: W_e + (sum_i beta_i exp(-t/tau_i)) mu_0/2 (tr C_bar - 3),
    /// the response to a deformation applied over a time t at small strain.
    std::unique_ptr<HyperelasticLaw>
    elastic_response_at(double t) const override;

    /// Instantaneous-to-long-term modulus ratio 1 + sum_i beta_i.
    double
    instantaneous_ratio() const;

  private:
    std::unique_ptr<HyperelasticLaw> elastic;
    const std::vector<double>        beta;
    const std::vector<double>        tau;
  };
} // namespace needlesim
