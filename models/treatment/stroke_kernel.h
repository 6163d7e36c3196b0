#pragma once
// The injury a single needle stroke leaves, as the treatment model reuses it:
// D(xi, eta, z) of the stroke model's quarter block (injury_kernel.csv), with
// xi along the needle's crack, eta across it and z the depth (z <= 0). The
// stroke is symmetric about both planes, so D(xi, eta, z) = D(|xi|, |eta|, z).
// With it comes the footprint F(xi, eta, z): the share of the kernel box
// where the pointwise injury is at least 1/2 (solver/problems/stroke_injury.h).
//
// The injured area of a stroke is that of the living (viable) epidermis,
// the wound the keratinocytes close: the footprint averaged over the
// layer's depth, A = V_F(viable epidermis) / t, with t the depth the
// kernel's viable-epidermis cells span (the whole layer once the channel
// passes through it). Not the outermost row of the stratum corneum: its
// share does not converge with the stroke mesh (a contact-edge
// concentration at the free surface, docs/validation.md).
//
// The cells of the kernel are boxes (centre and extents); they are sampled
// once onto a regular voxel grid of half the smallest cell extent in the
// plane and half the smallest in depth, so a lookup is one index
// computation.
//
// At a puncture site s with crack direction theta the injury at a point p of
// the skin is D_s(p) = D(R(-theta)(p - s)). While the needle is in the skin
// the hand keeps gliding: the needle moves by L = v_g t_in along the glide
// direction g (angle gamma) and cuts its way, driving the crack ahead of it
// along g (a crack is a material surface: the slit already cut stays where
// it is). The dragged stroke is the puncture united with the channel cut
// along the path,
//   D_s(p) = max( D(R(-theta)(p - s)), max over l in (0, L] of D(R(-gamma)(p - s - l g)) ),
// sampled at steps of at most one voxel (the same for F).

#include "skin_layers.h"

#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace needlesim
{
  class StrokeKernel
  {
  public:
    struct Cell
    {
      std::array<double, 3> centre; ///< [mm]
      std::array<double, 3> extent; ///< [mm]
      double                injury;
      double                footprint = 0.0; ///< share of the box with D >= 1/2
      SkinLayer             layer     = SkinLayer::stratum_corneum;
    };

    /// The injury D and the footprint F at a point.
    struct Value
    {
      double injury    = 0.0;
      double footprint = 0.0;
    };

    explicit StrokeKernel(const std::vector<Cell> &cells);

    /// Injury and footprint at (xi, eta, z) in the crack frame of the stroke [mm].
    Value
    operator()(double xi, double eta, double z) const;

    /// Injury and footprint at the skin point (x, y, z) of a stroke at
    /// (sx, sy) with crack direction @p theta [rad], dragged by @p drag [mm]
    /// in direction @p glide_angle [rad].
    Value
    at(double x,
       double y,
       double z,
       double sx,
       double sy,
       double theta,
       double drag,
       double glide_angle) const;

    /// Largest lateral distance from the axis with injury [mm].
    double
    lateral_reach() const
    {
      return std::hypot(size[0], size[1]);
    }

    /// Deepest injured point [mm] (> 0).
    double
    depth_reach() const
    {
      return size[2];
    }

    /// Injured volume of the whole stroke, sum of D dV [mm^3].
    double
    injured_volume() const
    {
      return volume;
    }

    /// Lateral voxel size [mm].
    double
    lateral_spacing() const
    {
      return spacing[0];
    }

    /// Injured area of the stroke, whole body: the footprint's mean over
    /// the viable epidermis, A = V_F / t [mm^2].
    double
    footprint_area() const
    {
      return living_area;
    }

    /// @p m depths evenly spread over the viable epidermis (midpoints of m
    /// equal bands) [mm] (> 0); none if the kernel has no injured cell there.
    std::vector<double>
    living_epidermis_depths(unsigned int m) const;

  private:
    std::array<double, 3>             size{}; ///< extent of the voxel grid (x, y, depth) [mm]
    std::array<double, 3>             spacing{{1.0, 1.0, 1.0}}; ///< voxel size (x, y, depth) [mm]
    std::array<unsigned int, 3>       n{};
    std::vector<std::array<float, 2>> voxels; ///< (D, F)
    double                            volume = 0.0;
    std::array<double, 2>             living_band{{0.0, 0.0}}; ///< viable epidermis, depths [mm]
    double                            living_area = 0.0;       ///< footprint_area() [mm^2]
  };
} // namespace needlesim
