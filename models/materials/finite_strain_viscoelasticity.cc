#include "finite_strain_viscoelasticity.h"

#include "decoupled_hyperelastic_law.h"

#include <cmath>
#include <numeric>
#include <sstream>

namespace needlesim
{
  namespace
  {
    /// The isochoric Neo-Hookean energy mu/2 (C_bar : G - 3) of a branch
    /// whose viscous deformation is G = C_v^{-1}: fictitious stress mu G,
    /// fictitious tangent zero.
    double
    branch_energy(const double mu, const SymTensor2 &C_bar, const SymTensor2 &G)
    {
      return 0.5 * mu * (C_bar * G - 3.0);
    }

    SymTensor2
    isochoric_part(const SymTensor2 &C)
    {
      return std::pow(dealii::determinant(C), -1.0 / 3.0) * C;
    }

    /// An elastic law plus unrelaxed Neo-Hookean branches of total shear
    /// modulus mu_b: W(C) = W_e(C) + mu_b/2 (tr C_bar - 3).
    class ElasticWithBranches : public HyperelasticLaw
    {
    public:
      ElasticWithBranches(std::unique_ptr<HyperelasticLaw> elastic, const double mu_b)
        : elastic(std::move(elastic))
        , mu_b(mu_b)
      {}

      std::string
      name() const override
      {
        std::ostringstream text;
        text << elastic->name() << " + Neo-Hookean branches (mu = " << mu_b << " MPa)";
        return text.str();
      }
      StressResponse
      stress_response(const SymTensor2 &C) const override
      {
        StressResponse       r   = elastic->stress_response(C);
        const StressResponse iso = isochoric_response({mu_b * identity2(), SymTensor4()}, C);
        r.S += iso.S;
        r.CC += iso.CC;
        return r;
      }
      double
      energy(const SymTensor2 &C) const override
      {
        return elastic->energy(C) + branch_energy(mu_b, isochoric_part(C), identity2());
      }
      double
      shear_modulus() const override
      {
        return elastic->shear_modulus() + mu_b;
      }
      double
      bulk_modulus() const override
      {
        return elastic->bulk_modulus();
      }
      std::unique_ptr<HyperelasticLaw>
      with_shear_moduli_scaled(const double g) const override
      {
        return std::make_unique<ElasticWithBranches>(elastic->with_shear_moduli_scaled(g),
                                                     g * mu_b);
      }

    private:
      std::unique_ptr<HyperelasticLaw> elastic;
      const double                     mu_b;
    };
  } // namespace



  FiniteStrainViscoelasticity::FiniteStrainViscoelasticity(
    std::unique_ptr<HyperelasticLaw> elastic_,
    const std::vector<double>       &beta_,
    const std::vector<double>       &tau_)
    : elastic(std::move(elastic_))
    , beta(beta_)
    , tau(tau_)
  {}



  std::string
  FiniteStrainViscoelasticity::name() const
  {
    return elastic->name() + " + finite-strain Maxwell branches";
  }



  double
  FiniteStrainViscoelasticity::instantaneous_ratio() const
  {
    return 1.0 + std::accumulate(beta.begin(), beta.end(), 0.0);
  }



  InternalState
  FiniteStrainViscoelasticity::initial_state() const
  {
    return InternalState(beta.size(), identity2());
  }



  std::unique_ptr<HyperelasticLaw>
  FiniteStrainViscoelasticity::elastic_response_at(const double t) const
  {
    // sum_i beta_i exp(-t/tau_i): the branches' share of the relaxation function
    double g = 0.0;
    for (unsigned int i = 0; i < beta.size(); ++i)
      g += beta[i] * std::exp(-t / tau[i]);
    return std::make_unique<ElasticWithBranches>(elastic->with_shear_moduli_scaled(1.0),
                                                 g * elastic->shear_modulus());
  }



  double
  FiniteStrainViscoelasticity::viscous_stored_energy(const Tensor2       &F,
                                                     const InternalState &state) const
  {
    const SymTensor2 C_bar  = isochoric_part(right_cauchy_green(F));
    double           energy = 0.0;
    for (unsigned int i = 0; i < beta.size(); ++i)
      energy += branch_energy(beta[i] * elastic->shear_modulus(), C_bar, dealii::invert(state[i]));
    return energy;
  }



  double
  FiniteStrainViscoelasticity::viscous_dissipation(const Tensor2       &F,
                                                   const InternalState &state_n,
                                                   const InternalState &state_np1) const
  {
    const SymTensor2 C_bar       = isochoric_part(right_cauchy_green(F));
    double           dissipation = 0.0;
    for (unsigned int i = 0; i < beta.size(); ++i)
      {
        const double mu_i = beta[i] * elastic->shear_modulus();
        dissipation += branch_energy(mu_i, C_bar, dealii::invert(state_n[i])) -
                       branch_energy(mu_i, C_bar, dealii::invert(state_np1[i]));
      }
    return dissipation;
  }



  StressResponse
  FiniteStrainViscoelasticity::evaluate(const Tensor2       &F,
                                        const InternalState &state_n,
                                        const double         dt,
                                        InternalState       *state_np1) const
  {
    const SymTensor2 C     = right_cauchy_green(F);
    const SymTensor2 C_inv = dealii::invert(C);
    const double     J_m23 = std::pow(dealii::determinant(C), -1.0 / 3.0);
    const SymTensor2 C_bar = J_m23 * C;

    StressResponse r          = elastic->stress_response(C);
    StressResponse fictitious = {SymTensor2(), SymTensor4()};
    // sum_i 2 mu_i dt/tau_i dG_i/dT_i, the branches' share of the history term
    SymTensor4 history;

    for (unsigned int i = 0; i < beta.size(); ++i)
      {
        const double mu_i = beta[i] * elastic->shear_modulus();
        // Backward Euler, explicit: T = C_v^n + dt/tau C_bar, C_v = det(T)^{-1/3} T,
        // G = C_v^{-1} = det(T)^{1/3} T^{-1}.
        const SymTensor2 T          = state_n[i] + (dt / tau[i]) * C_bar;
        const double     det_T      = dealii::determinant(T);
        const double     cbrt_det_T = std::cbrt(det_T);
        const SymTensor2 T_inv      = dealii::invert(T);
        const SymTensor2 G          = cbrt_det_T * T_inv;
        fictitious.S += mu_i * G;
        // dG/dT = 1/3 G (x) T^{-1} - det(T)^{1/3} T^{-1} (.) T^{-1}
        history += (2.0 * mu_i * dt / tau[i]) *
                   ((1.0 / 3.0) * outer(G, T_inv) - cbrt_det_T * odot(T_inv, T_inv));
        if (state_np1 != nullptr)
          (*state_np1)[i] = (1.0 / cbrt_det_T) * T;
      }

    // History term of the tangent, sum_i 2 dS_i/dG_i : dG_i/dT_i : dT_i/dC, with
    // dS/dG = mu J^{-2/3} (II - 1/3 C^{-1} (x) C) at fixed C_v (S = mu J^{-2/3} Dev G)
    // and dT/dC = dt/tau dC_bar/dC = dt/tau J^{-2/3} (II - 1/3 C (x) C^{-1}).
    if (!beta.empty())
      {
        const SymTensor4 II       = dealii::identity_tensor<3>();
        const SymTensor4 dev_of_G = J_m23 * (II - (1.0 / 3.0) * outer(C_inv, C));
        const SymTensor4 dCbar_dC = J_m23 * (II - (1.0 / 3.0) * outer(C, C_inv));
        r.CC += dev_of_G * history * dCbar_dC;
      }

    // The stress at fixed C_v: the isochoric projection of the fictitious
    // stress sum_i mu_i G_i (fictitious tangent zero).
    const StressResponse branches = isochoric_response(fictitious, C);
    r.S += branches.S;
    r.CC += branches.CC;
    return r;
  }

} // namespace needlesim
