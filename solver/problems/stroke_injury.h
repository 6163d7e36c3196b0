#pragma once
// The injury one stroke leaves, as the 3-d kernel the treatment reuses
// (models/treatment/stroke_kernel.h): boxes of the quarter space x >= 0 (along the
// crack), y >= 0 (across it), z <= 0, with x and y edges those of the radial
// mesh lines of the axisymmetric stroke (no box narrower than a minimum) and
// z edges its rows. In a box at (x, y) of a row at depth z, from the
// injury law (models/skin/injury_law.h) of the row's layer,
//   section   D_s = f_cut + (1 - f_cut) D(lambda_s),
//             lambda_s the largest principal stretch of the wedged-crack
//             section (its table at q = rho_max / a, at (x/a, y/a)), with a
//             the crack half-length and rho_max the widest needle section
//             met at that depth, and f_cut the box's share of the cut band
//             |y| < w_cut along the crack |x| < a,
//   body      D_b = D(lambda_b), lambda_b the largest principal stretch the
//             axisymmetric body saw at r = sqrt(x^2 + y^2),
//   together  1 - D = (1 - D_s)(1 - D_b).
// The box value is a box average in the cut band (f_cut), so a threshold
// on it depends on the box size. The footprint is therefore measured on the
// pointwise injury: D(x, y) = 1 in the cut band, (1 - D(lambda_s(x, y)))
// (1 - D_b) elsewhere, sampled at 8 x 8 points of each box; a box's
// footprint fraction is the share of its points with D >= 1/2. The injured
// area (the footprint's mean over the viable epidermis, models/treatment/stroke_kernel.h)
// and volume per layer with D >= 1/2 converge as the boxes shrink, unlike
// those of the box values.
// Built from the cells of all ranks.

#include "injury_law.h"
#include "run_results.h"
#include "section_tables.h"
#include "skin_layers.h"
#include "stroke_kernel.h"

#include <array>
#include <vector>

namespace needlesim
{
  /// What the kernel needs of one cell of the axisymmetric mesh [mm].
  struct InjuryCell
  {
    double       r0, r1, z0, z1;
    unsigned int layer;
    double       max_stretch;       ///< largest principal stretch seen [-]
    double       crack_half_length; ///< a of the split channel (0 outside it)
    double       needle_radius;     ///< widest needle section met (0 outside the channel)

    /// For gathering the cells of all ranks (Utilities::MPI::all_gather).
    template <class Archive>
    void
    serialize(Archive &ar, const unsigned int)
    {
      ar &r0 &r1 &z0 &z1 &layer &max_stretch &crack_half_length &needle_radius;
    }
  };

  struct StrokeInjury
  {
    Curve                             kernel;   ///< injury_kernel.csv
    std::array<double, n_skin_layers> volume{}; ///< sum of D dV per layer, whole body [mm^3]
    /// volume with pointwise D >= 1/2 per layer, whole body [mm^3]
    std::array<double, n_skin_layers> footprint_volume{};
    double                            footprint_area =
      0.0; ///< mean area with D >= 1/2 over the viable epidermis, whole body [mm^2]
  };

  /// The kernel from all cells; no box narrower than @p box_fraction times
  /// the lateral reach of the injury.
  StrokeInjury
  stroke_injury(const std::vector<InjuryCell> &cells,
                const InjuryLaw               &law,
                const SectionTables           &sections,
                double                         box_fraction);

  /// The kernel of a stroke's injury table (injury_kernel.csv, columns by
  /// name): what the treatment reads, and where the stroke's injured area
  /// comes from. Throws std::runtime_error naming a missing column or a
  /// row of no layer.
  StrokeKernel
  stroke_kernel(const Curve &kernel);
} // namespace needlesim
