#include "injury_law.h"

#include "parameters.h"

#include <algorithm>

namespace needlesim
{
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
  InjuryLaw::Parameters::add_parameters(dealii::ParameterHandler &prm)
  {
    add_quantity(prm,
                 "Cut zone half-width",
                 cut_zone_half_width,
                 "mm",
                 0,
                 0.5,
                 "tissue destroyed on each face of the needle channel (about one "
                 "cell diameter)");
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      {
        prm.enter_subsection(layer_name(l));
        add_quantity(prm,
                     "Onset stretch",
                     windows[l].onset,
                     "-",
                     1.0,
                     10.0,
                     "largest principal stretch at which injury starts");
        add_quantity(prm,
                     "Full stretch",
                     windows[l].full,
                     "-",
                     1.0,
                     10.0,
                     "largest principal stretch at which the tissue is destroyed");
        prm.leave_subsection();
      }
  }



  void
  InjuryLaw::Parameters::check(const std::string &path) const
  {
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      if (!(windows[l].full > windows[l].onset))
        throw InputError(path + "/" + layer_name(l) + "/Full stretch",
                         shortest_text(windows[l].full),
                         "greater than the onset stretch " + shortest_text(windows[l].onset),
                         "empty injury window");
  }
} // namespace needlesim
