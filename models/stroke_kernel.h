#pragma once
// The injury a single needle stroke leaves, as the treatment model reuses it:
// D(xi, eta, z) of the stroke model's quarter block (injury_kernel.csv), with
// xi along the needle's crack, eta across it and z the depth (z <= 0). The
// stroke is symmetric about both planes, so D(xi, eta, z) = D(|xi|, |eta|, z).
//
// The cells of the kernel are boxes (centre and extents); they are sampled
// once onto a regular voxel grid of half the smallest cell extent, so a
// lookup is one index computation.
//
// At a puncture site s with crack direction theta the injury at a point p of
// the skin is D_s(p) = D(R(-theta)(p - s)). While the needle is in the skin
// the hand keeps gliding: the channel is dragged by L = v_g t_in along the
// glide direction g, D_s(p) = max over l in [0, L] of D(R(-theta)(p - s - l g)),
// sampled at steps of at most one voxel.

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
    };

    explicit StrokeKernel(const std::vector<Cell> &cells);

    /// Reads injury_kernel.csv written by a stroke run.
    static StrokeKernel
    from_csv(const std::string &filename);

    /// Injury at (xi, eta, z) in the crack frame of the stroke [mm].
    double
    operator()(double xi, double eta, double z) const;

    /// Injury at the skin point (x, y, z) of a stroke at (sx, sy) with crack
    /// direction @p theta [rad], dragged by @p drag [mm] in direction
    /// @p glide_angle [rad].
    double
    at(double x, double y, double z, double sx, double sy, double theta, double drag,
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

  private:
    std::array<double, 3>        size{};   ///< extent of the voxel grid (x, y, depth) [mm]
    double                       spacing = 1.0; ///< voxel size [mm]
    std::array<unsigned int, 3>  n{};
    std::vector<float>           voxels;
    double                       volume = 0.0;
  };
} // namespace needlesim
