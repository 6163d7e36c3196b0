#pragma once
// The one interface every material of needlesim implements.
//
// A constitutive law maps the deformation gradient F at the end of a time
// step (and, for dissipative laws, its internal state at the start of the
// step and the step length dt) to the second Piola-Kirchhoff stress S and
// its consistent material tangent CC = 2 dS/dC. Laws are selected per skin
// layer by name (see material_library.h).

#include "continuum_tensors.h"

#include <memory>
#include <string>
#include <vector>

namespace needlesim
{
  /// Stress and consistent tangent at one material point.
  struct StressResponse
  {
    SymTensor2 S;  ///< second Piola-Kirchhoff stress [MPa]
    SymTensor4 CC; ///< material tangent 2 dS/dC [MPa]
  };

  /// Internal variables of a material point (e.g. viscous overstresses).
  using InternalState = std::vector<SymTensor2>;

  class HyperelasticLaw;

  class ConstitutiveLaw
  {
  public:
    virtual ~ConstitutiveLaw() = default;

    /// Registered name, e.g. "Neo-Hookean".
    virtual std::string
    name() const = 0;

    /// Number of symmetric tensors in the internal state (0: elastic law).
    virtual unsigned int
    n_internal_tensors() const
    {
      return 0;
    }

    /// Internal state of the undeformed, relaxed material.
    virtual InternalState
    initial_state() const
    {
      return InternalState();
    }

    /// Stress and algorithmic tangent at F_{n+1}. For dissipative laws
    /// @p state_n is the internal state at t_n, @p dt = t_{n+1} - t_n [s],
    /// and the updated state is written to @p state_np1 (if not null).
    /// Throws InadmissibleDeformation if det F <= 0.
    virtual StressResponse
    evaluate(const Tensor2       &F,
             const InternalState &state_n,
             double               dt,
             InternalState       *state_np1) const = 0;

    /// Equilibrium (long-term) stored energy density W(F) [MPa = mJ/mm^3].
    virtual double
    strain_energy(const Tensor2 &F) const = 0;

    /// Energy density stored in the viscous branches at the deformation
    /// @p F with the internal @p state [MPa = mJ/mm^3]; zero for elastic laws.
    virtual double
    viscous_stored_energy(const Tensor2 &, const InternalState &) const
    {
      return 0.0;
    }

    /// Energy density the viscous branches dissipate at the deformation
    /// @p F while their internal state goes from @p state_n to @p state_np1
    /// [MPa = mJ/mm^3], >= 0; zero for elastic laws.
    virtual double
    viscous_dissipation(const Tensor2 &, const InternalState &, const InternalState &) const
    {
      return 0.0;
    }

    /// An elastic law with the response this law shows to a deformation
    /// applied over a time @p t [s]: the law itself for elastic laws; for a
    /// viscoelastic law its elastic law together with its viscous branches
    /// as relaxed after the time t (see finite_strain_viscoelasticity.h).
    virtual std::unique_ptr<HyperelasticLaw>
    elastic_response_at(double t) const = 0;

    /// Small-strain shear modulus of the long-term response [MPa].
    virtual double
    shear_modulus() const = 0;

    /// Small-strain bulk modulus [MPa].
    virtual double
    bulk_modulus() const = 0;
  };

  /// A law without internal state, given by a strain energy W(C).
  class HyperelasticLaw : public ConstitutiveLaw
  {
  public:
    /// S = 2 dW/dC and CC = 4 d^2W/dC dC at the right Cauchy-Green tensor C.
    virtual StressResponse
    stress_response(const SymTensor2 &C) const = 0;

    /// W(C) [MPa].
    virtual double
    energy(const SymTensor2 &C) const = 0;

    StressResponse
    evaluate(const Tensor2 &F, const InternalState &, double, InternalState *) const override;

    double
    strain_energy(const Tensor2 &F) const override;

    /// The same law with every shear modulus multiplied by @p g and the
    /// small-strain bulk modulus kept.
    virtual std::unique_ptr<HyperelasticLaw>
    with_shear_moduli_scaled(double g) const = 0;

    std::unique_ptr<HyperelasticLaw>
    elastic_response_at(double) const override
    {
      return with_shear_moduli_scaled(1.0);
    }
  };

  /// Poisson's ratio of a solid with bulk modulus @p K and shear modulus @p mu.
  double
  poisson_ratio(double K, double mu);

  /// Small-strain Young's modulus E = 9 K mu / (3 K + mu) of a law's
  /// long-term response [MPa].
  double
  youngs_modulus(const ConstitutiveLaw &law);

  /// C = F^T F after checking det F > 0.
  SymTensor2
  right_cauchy_green(const Tensor2 &F);
} // namespace needlesim
