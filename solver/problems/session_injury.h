#pragma once
// The injury of one treatment session on the skin patch: every puncture of
// every pass, each a stroke kernel rotated to its crack and dragged by the
// glide, united as survival probabilities, 1 - D = prod_k (1 - D_k)
// (docs/theory.md §10), averaged over each cell of the patch; and the
// injured share of the skin surface (the living epidermis).

#include "device_pattern.h"
#include "needle.h"
#include "stroke_kernel.h"

#include <deal.II/distributed/tria.h>

#include <mpi.h>

#include <vector>

namespace needlesim
{
  /// Cell averages of one session's injury D and footprint F (the share
  /// of the cell where some stroke's pointwise injury is >= 1/2) on every
  /// non-artificial cell, indexed by active_cell_index.
  struct SessionInjury
  {
    std::vector<double> injury, footprint;
  };

  /// The footprint of @p sites on the skin surface of the treated square
  /// [-h, h]^2: the share that lies in it, and its map on map_cells^2
  /// squares (each square's share).
  struct SurfaceFootprint
  {
    double              fraction  = 0.0;
    unsigned int        map_cells = 0;
    std::vector<double> map; ///< row-major, y slowest
  };

  /// The session's union of strokes, averaged over each (box-shaped) cell
  /// from m^3 sample points.
  SessionInjury
  session_injury(const dealii::parallel::distributed::Triangulation<3> &patch,
                 const std::vector<PunctureSite>                       &sites,
                 const StrokeKernel                                    &kernel,
                 double                                                 drag,
                 double                                                 half_width,
                 unsigned int                                           m);

  /// The injured surface is that of the living epidermis (StrokeKernel::
  /// footprint_area): the footprint averaged over living_depths depths of
  /// the viable epidermis, sampled on a grid of @p spacing; the rows are
  /// shared out over the ranks.
  SurfaceFootprint
  surface_footprint(const std::vector<PunctureSite> &sites,
                    const StrokeKernel              &kernel,
                    double                           drag,
                    double                           half_width,
                    double                           spacing,
                    unsigned int                     map_cells,
                    MPI_Comm                         comm);

  /// Time the needle spends below the depth at which it punctured, per
  /// stroke [s]: the hand drags the channel meanwhile.
  double
  time_in_skin(const NeedleMotion::Parameters &motion_parameters, double puncture_travel);
} // namespace needlesim
