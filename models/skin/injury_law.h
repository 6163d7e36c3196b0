#pragma once
// Injury D in [0, 1] (0 intact, 1 destroyed) left in the skin by one needle
// stroke, and how strokes combine.
//
//   D = 1                                  in the cut zone (within the cut-zone
//                                          half-width of a broken crack face),
//   D = s((lambda_max - lambda_on)/(lambda_full - lambda_on))   elsewhere,
// with lambda_max the largest principal stretch a material point saw during
// the stroke, s(x) = 3x^2 - 2x^3 on [0, 1] (0 below, 1 above) and a stretch
// window per layer. Strokes combine as survival probabilities,
//   1 - D = prod_k (1 - D_k).

#include "skin_layers.h"

#include <deal.II/base/parameter_handler.h>

#include <array>
#include <string>

namespace needlesim
{
  class InjuryLaw
  {
  public:
    struct Window
    {
      double onset; ///< stretch at which injury starts [-]
      double full;  ///< stretch at which the tissue is destroyed [-]
    };

    /// The scenario parameters of the law.
    struct Parameters
    {
      // Dermis from the collagen fibre breaking stretch 1.13 (Li & Luo 2016)
      // to the tissue failure strain 54 % (Ni Annaidh 2012a); epidermis and
      // hypodermis are assumptions [C] (docs/theory.md, "Injury").
      std::array<Window, n_skin_layers> windows = {
        {{1.30, 1.80}, {1.30, 1.80}, {1.13, 1.54}, {1.13, 1.54}, {1.30, 2.00}}};
      double cut_zone_half_width = 0.005; ///< [mm]

      /// Declares, in the current subsection, the cut-zone width and the
      /// stretch windows per layer, bound to this object.
      void
      add_parameters(dealii::ParameterHandler &prm);
      /// Throws InputError (naming @p path/<layer>/Full stretch) for an empty window.
      void
      check(const std::string &path) const;
    };

    InjuryLaw(const std::array<Window, n_skin_layers> &windows, double cut_zone_half_width);
    explicit InjuryLaw(const Parameters &p)
      : InjuryLaw(p.windows, p.cut_zone_half_width)
    {}

    /// Injury from the largest principal stretch seen in a layer.
    double
    from_stretch(unsigned int layer, double max_stretch) const;

    /// Half-width of the cut zone on each crack face [mm].
    double
    cut_zone_half_width() const
    {
      return cut_half_width;
    }

    /// 1 - (1 - D_a)(1 - D_b).
    static double
    combine(double D_a, double D_b);

  private:
    std::array<Window, n_skin_layers> windows;
    double                            cut_half_width;
  };
} // namespace needlesim
