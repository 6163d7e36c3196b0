#include "injury_law.h"

#include "parameters.h"

#include <algorithm>

namespace needlesim
{
  namespace
  {
    // Defaults (docs/theory.md, "Injury"): dermis from the collagen fibre
    // breaking stretch 1.13 (Li & Luo 2016) to the tissue failure strain 54 %
    // (Ni Annaidh 2012a); epidermis and hypodermis are assumptions [C].
    const std::array<InjuryLaw::Window, n_skin_layers> default_windows = {
      {{1.30, 1.80}, {1.30, 1.80}, {1.13, 1.54}, {1.13, 1.54}, {1.30, 2.00}}};
  } // namespace



  InjuryLaw::InjuryLaw(const std::array<Window, n_skin_layers> &w, const double cut)
    : windows(w)
    , cut_half_width(cut)
  {}



  double
  InjuryLaw::from_stretch(const unsigned int layer, const double max_stretch) const
  {
    const Window &w = windows[layer];
    const double  x = std::clamp((max_stretch - w.onset) / (w.full - w.onset), 0.0, 1.0);
    return x * x * (3.0 - 2.0 * x);
  }



  double
  InjuryLaw::combine(const double D_a, const double D_b)
  {
    return 1.0 - (1.0 - D_a) * (1.0 - D_b);
  }



  void
  InjuryLaw::declare_parameters(dealii::ParameterHandler &prm)
  {
    declare_quantity(prm,
                     "Cut zone half-width",
                     "0.005",
                     "mm",
                     0,
                     0.5,
                     "tissue destroyed on each face of the needle channel (about one "
                     "cell diameter)");
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      {
        prm.enter_subsection(layer_name(l));
        declare_quantity(prm,
                         "Onset stretch",
                         std::to_string(default_windows[l].onset),
                         "-",
                         1.0,
                         10.0,
                         "largest principal stretch at which injury starts");
        declare_quantity(prm,
                         "Full stretch",
                         std::to_string(default_windows[l].full),
                         "-",
                         1.0,
                         10.0,
                         "largest principal stretch at which the tissue is destroyed");
        prm.leave_subsection();
      }
  }



  InjuryLaw
  InjuryLaw::parse_parameters(dealii::ParameterHandler &prm, const std::string &path)
  {
    std::array<Window, n_skin_layers> w;
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      {
        prm.enter_subsection(layer_name(l));
        w[l] = {prm.get_double("Onset stretch"), prm.get_double("Full stretch")};
        if (!(w[l].full > w[l].onset))
          throw InputError(path + "/" + layer_name(l) + "/Full stretch",
                           prm.get("Full stretch"),
                           "greater than the onset stretch " + prm.get("Onset stretch"),
                           "empty injury window");
        prm.leave_subsection();
      }
    return InjuryLaw(w, prm.get_double("Cut zone half-width"));
  }
} // namespace needlesim
