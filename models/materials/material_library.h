#pragma once
// Registry of the constitutive laws a scenario can pick per skin layer, in the
// manner of FEBio's material registration: each law contributes its name, a
// parameter declaration and a factory. A layer's subsection holds
//
//   set Material = <registered name>
//   subsection <each registered name>  ... its parameters ...  end
//   subsection Viscoelasticity         ... optional Prony series ...  end

#include "constitutive_law.h"

#include <deal.II/base/parameter_handler.h>

#include <memory>
#include <string>
#include <vector>

namespace needlesim
{
  struct MaterialEntry
  {
    std::string name;
    void (*declare_parameters)(dealii::ParameterHandler &);
    std::unique_ptr<HyperelasticLaw> (*create)(dealii::ParameterHandler &, const std::string &path);
  };

  /// All registered hyperelastic laws.
  const std::vector<MaterialEntry> &
  registered_materials();

  /// Declares the material choice and every law's parameters in the current
  /// subsection of @p prm.
  void
  declare_material_parameters(dealii::ParameterHandler &prm, const std::string &default_material);

  /// Builds the law selected in the current subsection; @p path (e.g.
  /// "Skin/Reticular dermis") prefixes parameter names in error messages.
  std::unique_ptr<ConstitutiveLaw>
  create_material(dealii::ParameterHandler &prm, const std::string &path);
} // namespace needlesim
