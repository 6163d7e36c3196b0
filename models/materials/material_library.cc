#include "material_library.h"

#include "finite_strain_viscoelasticity.h"
#include "gasser_ogden_holzapfel.h"
#include "neo_hookean.h"
#include "ogden.h"
#include "parameters.h"

namespace needlesim
{
  const std::vector<MaterialEntry> &
  registered_materials()
  {
    static const std::vector<MaterialEntry> entries = {register_law<NeoHookean>(),
                                                       register_law<Ogden>(),
                                                       register_law<GasserOgdenHolzapfel>()};
    return entries;
  }



  MaterialInput::MaterialInput()
    : law(registered_materials().front().name)
  {
    for (const MaterialEntry &entry : registered_materials())
      laws.push_back(entry.make_parameters());
  }



  void
  MaterialInput::add_parameters(dealii::ParameterHandler &prm)
  {
    std::string names;
    for (const MaterialEntry &entry : registered_materials())
      names += (names.empty() ? "" : "|") + entry.name;
    prm.add_parameter("Material",
                      law,
                      "constitutive law of this layer: " + names,
                      dealii::Patterns::Selection(names));

    for (unsigned int i = 0; i < laws.size(); ++i)
      {
        prm.enter_subsection(registered_materials()[i].name);
        laws[i]->add_parameters(prm);
        prm.leave_subsection();
      }

    prm.enter_subsection("Viscoelasticity");
    add_quantity_list(prm,
                      "Prony relative moduli",
                      relative_moduli,
                      "-",
                      0,
                      1e3,
                      "relative moduli beta_i of the Maxwell branches "
                      "(ratio to the long-term modulus); empty: elastic");
    add_quantity_list(prm,
                      "Prony relaxation times",
                      relaxation_times,
                      "s",
                      1e-9,
                      1e9,
                      "relaxation times tau_i, one per relative modulus");
    prm.leave_subsection();
  }



  std::unique_ptr<ConstitutiveLaw>
  MaterialInput::create(const std::string &path) const
  {
    std::unique_ptr<HyperelasticLaw> elastic;
    for (unsigned int i = 0; i < laws.size(); ++i)
      if (registered_materials()[i].name == law)
        elastic = laws[i]->create(path + "/" + law);

    if (relative_moduli.size() != relaxation_times.size())
      throw InputError(path + "/Viscoelasticity/Prony relaxation times",
                       list_text(relaxation_times),
                       "one relaxation time per relative modulus (" +
                         std::to_string(relative_moduli.size()) + " given)",
                       "list lengths differ");
    if (relative_moduli.empty())
      return elastic;
    return std::make_unique<FiniteStrainViscoelasticity>(std::move(elastic),
                                                         relative_moduli,
                                                         relaxation_times);
  }
} // namespace needlesim
