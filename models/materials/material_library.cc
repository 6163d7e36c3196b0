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
    static const std::vector<MaterialEntry> entries = {
      {NeoHookean::registered_name, &NeoHookean::declare_parameters, &NeoHookean::create},
      {Ogden::registered_name, &Ogden::declare_parameters, &Ogden::create},
      {GasserOgdenHolzapfel::registered_name,
       &GasserOgdenHolzapfel::declare_parameters,
       &GasserOgdenHolzapfel::create}};
    return entries;
  }



  void
  declare_material_parameters(dealii::ParameterHandler &prm, const std::string &default_material)
  {
    std::string names;
    for (const MaterialEntry &entry : registered_materials())
      names += (names.empty() ? "" : "|") + entry.name;
    prm.declare_entry("Material",
                      default_material,
                      dealii::Patterns::Selection(names),
                      "constitutive law of this layer: " + names);

    for (const MaterialEntry &entry : registered_materials())
      {
        prm.enter_subsection(entry.name);
        entry.declare_parameters(prm);
        prm.leave_subsection();
      }

    prm.enter_subsection("Viscoelasticity");
    declare_quantity_list(prm,
                          "Prony relative moduli",
                          "",
                          "-",
                          0,
                          1e3,
                          "relative moduli beta_i of the Maxwell branches "
                          "(ratio to the long-term modulus); empty: elastic");
    declare_quantity_list(prm,
                          "Prony relaxation times",
                          "",
                          "s",
                          1e-9,
                          1e9,
                          "relaxation times tau_i, one per relative modulus");
    prm.leave_subsection();
  }



  std::unique_ptr<ConstitutiveLaw>
  create_material(dealii::ParameterHandler &prm, const std::string &path)
  {
    const std::string                name = prm.get("Material");
    std::unique_ptr<HyperelasticLaw> elastic;
    for (const MaterialEntry &entry : registered_materials())
      if (entry.name == name)
        {
          prm.enter_subsection(entry.name);
          elastic = entry.create(prm, path + "/" + entry.name);
          prm.leave_subsection();
        }

    prm.enter_subsection("Viscoelasticity");
    const std::vector<double> beta       = get_quantity_list(prm, "Prony relative moduli");
    const std::vector<double> tau        = get_quantity_list(prm, "Prony relaxation times");
    const std::string         tau_string = prm.get("Prony relaxation times");
    prm.leave_subsection();

    if (beta.size() != tau.size())
      throw InputError(path + "/Viscoelasticity/Prony relaxation times",
                       tau_string,
                       "one relaxation time per relative modulus (" + std::to_string(beta.size()) +
                         " given)",
                       "list lengths differ");
    if (beta.empty())
      return elastic;
    return std::make_unique<FiniteStrainViscoelasticity>(std::move(elastic), beta, tau);
  }
} // namespace needlesim
