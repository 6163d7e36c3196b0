#pragma once
// Registry of the constitutive laws a scenario can pick per skin layer, in the
// manner of FEBio's material registration: each law contributes its name, its
// parameters (a struct that declares itself, Law::Parameters) and a factory
// (Law::create). A layer's subsection holds
//
//   set Material = <registered name>
//   subsection <each registered name>  ... its parameters ...  end
//   subsection Viscoelasticity         ... optional Prony series ...  end

#include "constitutive_law.h"

#include <deal.II/base/parameter_handler.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace needlesim
{
  /// The scenario parameters of one registered law.
  class LawParameters
  {
  public:
    virtual ~LawParameters() = default;
    /// Declares them in the current subsection of @p prm, bound to this object.
    virtual void
    add_parameters(dealii::ParameterHandler &prm) = 0;
    /// The law; @p path (e.g. "Skin/Reticular dermis/Ogden") prefixes
    /// parameter names in error messages.
    virtual std::unique_ptr<HyperelasticLaw>
    create(const std::string &path) const = 0;
  };

  /// LawParameters of a law class with a Parameters struct and create().
  template <class Law>
  class RegisteredLawParameters : public LawParameters
  {
  public:
    void
    add_parameters(dealii::ParameterHandler &prm) override
    {
      parameters.add_parameters(prm);
    }
    std::unique_ptr<HyperelasticLaw>
    create(const std::string &path) const override
    {
      return Law::create(parameters, path);
    }

  private:
    typename Law::Parameters parameters;
  };

  struct MaterialEntry
  {
    std::string                                     name;
    std::function<std::unique_ptr<LawParameters>()> make_parameters;
  };

  /// The entry of @p Law.
  template <class Law>
  MaterialEntry
  register_law()
  {
    return {Law::registered_name, [] { return std::make_unique<RegisteredLawParameters<Law>>(); }};
  }

  /// All registered hyperelastic laws.
  const std::vector<MaterialEntry> &
  registered_materials();

  /// The material of one layer as a scenario gives it: the chosen law, the
  /// parameters of every registered law and an optional Prony series.
  class MaterialInput
  {
  public:
    /// The first registered law, elastic.
    MaterialInput();

    /// Declares the choice and every law's parameters in the current
    /// subsection of @p prm, bound to this object.
    void
    add_parameters(dealii::ParameterHandler &prm);

    /// Builds the chosen law; @p path (e.g. "Skin/Reticular dermis")
    /// prefixes parameter names in error messages.
    std::unique_ptr<ConstitutiveLaw>
    create(const std::string &path) const;

  private:
    std::string                                 law;
    std::vector<std::unique_ptr<LawParameters>> laws; ///< one per registered law
    std::vector<double>                         relative_moduli, relaxation_times;
  };
} // namespace needlesim
