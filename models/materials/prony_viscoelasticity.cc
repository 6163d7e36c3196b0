#include "prony_viscoelasticity.h"

#include <cmath>
#include <numeric>

namespace needlesim
{
  PronyViscoelasticity::PronyViscoelasticity(std::unique_ptr<HyperelasticLaw> elastic_,
                                             const std::vector<double>       &beta_,
                                             const std::vector<double>       &tau_)
    : elastic(std::move(elastic_))
    , beta(beta_)
    , tau(tau_)
  {}



  std::string
  PronyViscoelasticity::name() const
  {
    return elastic->name() + " + Prony viscoelasticity";
  }



  double
  PronyViscoelasticity::instantaneous_ratio() const
  {
    return 1.0 + std::accumulate(beta.begin(), beta.end(), 0.0);
  }



  std::unique_ptr<HyperelasticLaw>
  PronyViscoelasticity::elastic_response_at(const double t) const
  {
    // relaxation function g(t) = 1 + sum_i beta_i exp(-t/tau_i)
    double g = 1.0;
    for (unsigned int i = 0; i < beta.size(); ++i)
      g += beta[i] * std::exp(-t / tau[i]);
    return elastic->with_shear_moduli_scaled(g);
  }



  SymTensor2
  PronyViscoelasticity::viscous_stress(const InternalState &state) const
  {
    SymTensor2 Q;
    for (unsigned int i = 0; i < beta.size(); ++i)
      Q += state[i];
    return Q;
  }



  double
  PronyViscoelasticity::viscous_stored_energy(const InternalState &state) const
  {
    double energy = 0.0;
    for (unsigned int i = 0; i < beta.size(); ++i)
      if (beta[i] > 0.0)
        energy += state[i] * state[i] / (4.0 * beta[i] * elastic->shear_modulus());
    return energy;
  }



  double
  PronyViscoelasticity::viscous_dissipation(const InternalState &state_n,
                                            const InternalState &state_np1,
                                            const double         dt) const
  {
    double dissipation = 0.0;
    for (unsigned int i = 0; i < beta.size(); ++i)
      if (beta[i] > 0.0)
        {
          const double eta = 2.0 * beta[i] * elastic->shear_modulus() * tau[i]; // dashpot [MPa s]
          dissipation += 0.5 * dt * (state_n[i] * state_n[i] + state_np1[i] * state_np1[i]) / eta;
        }
    return dissipation;
  }



  StressResponse
  PronyViscoelasticity::evaluate(const Tensor2       &F,
                                 const InternalState &state_n,
                                 const double         dt,
                                 InternalState       *state_np1) const
  {
    const unsigned int m     = beta.size();
    const SymTensor2   C     = right_cauchy_green(F);
    const SymTensor2   C_inv = dealii::invert(C);

    StressResponse    r       = elastic->stress_response(C);
    const SymTensor2  Dev_S   = reference_deviator(r.S, C, C_inv);
    const SymTensor4  CC_dev  = reference_deviator_tangent(r.S, r.CC, C, C_inv);
    const SymTensor2 &Dev_S_n = state_n[m];

    for (unsigned int i = 0; i < m; ++i)
      {
        const double     decay      = std::exp(-dt / tau[i]);
        const double     half_decay = std::exp(-0.5 * dt / tau[i]);
        const SymTensor2 H_i        = decay * state_n[i] - beta[i] * half_decay * Dev_S_n;
        const SymTensor2 Q_i        = H_i + beta[i] * half_decay * Dev_S;
        r.S += Q_i;
        r.CC += beta[i] * half_decay * CC_dev;
        if (state_np1 != nullptr)
          (*state_np1)[i] = Q_i;
      }
    if (state_np1 != nullptr)
      (*state_np1)[m] = Dev_S;
    return r;
  }

} // namespace needlesim
