#pragma once
// Finite-strain viscoelasticity with a Prony series on the deviatoric
// stress (Simo 1987, CMAME 60:153; Holzapfel 2000, sec. 6.10), carried by
// any hyperelastic law W_e:
//
//   S(t) = S_e(C(t)) + sum_i Q_i(t),
//   dQ_i/dt + Q_i / tau_i = beta_i d/dt Dev S_e,    Dev X = X - 1/3 (X:C) C^{-1},
//
// so that a step in strain relaxes as
//   Dev S(t) = Dev S_e (1 + sum_i beta_i exp(-t/tau_i)).
// beta_i >= 0 are the relative moduli of the Maxwell branches (ratios to the
// long-term modulus), tau_i > 0 their relaxation times [s]. For decoupled
// laws Dev S_e is exactly the isochoric stress S_iso, as in Holzapfel's
// formulation; for coupled laws it is its natural generalisation.
//
// Time integration: the exact exponential recurrence with the midpoint rule
// for the convolution (Holzapfel 2000, eqs. 6.166-6.167), second order in dt:
//   Q_i^{n+1} = H_i^n + beta_i exp(-dt/(2 tau_i)) Dev S_e^{n+1},
//   H_i^n     = exp(-dt/tau_i) Q_i^n - beta_i exp(-dt/(2 tau_i)) Dev S_e^n,
//   CC        = CC_e + sum_i beta_i exp(-dt/(2 tau_i)) 2 d(Dev S_e)/dC.
// Internal state: [Q_1, ..., Q_m, Dev S_e^n].

#include "constitutive_law.h"

#include <memory>
#include <vector>

namespace needlesim
{
  class PronyViscoelasticity : public ConstitutiveLaw
  {
  public:
    PronyViscoelasticity(std::unique_ptr<HyperelasticLaw> elastic,
                         const std::vector<double>       &beta,
                         const std::vector<double>       &tau);

    std::string
    name() const override;
    unsigned int
    n_internal_tensors() const override
    {
      return beta.size() + 1;
    }
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

    /// sum_i Q_i.
    SymTensor2
    viscous_stress(const InternalState &state) const override;

    /// Energy of the Maxwell branches, sum_i Q_i : Q_i / (4 beta_i mu): the
    /// branch i is a spring of shear modulus beta_i mu in series with its
    /// dashpot, so that in the small-strain limit its stored energy is
    /// |Q_i|^2 / (4 beta_i mu) and the power Q_i : dE/dt splits exactly into
    /// its rate and the dissipation |Q_i|^2 / (2 beta_i mu tau_i) >= 0.
    double
    viscous_stored_energy(const InternalState &state) const override;

    /// The dissipation of the dashpots in the step, the trapezoidal rule on
    /// their power: dt/2 sum_i (|Q_i,n|^2 + |Q_i,n+1|^2) / (2 beta_i mu tau_i)
    /// (>= 0 by construction; with the stored energy above it balances the
    /// branches' work to second order in dt).
    double
    viscous_dissipation(const InternalState &state_n,
                        const InternalState &state_np1,
                        double               dt) const override;

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
