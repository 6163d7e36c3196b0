#include "stroke_kernel.h"

#include <algorithm>
#include <cmath>

namespace needlesim
{
  StrokeKernel::StrokeKernel(const std::vector<Cell> &cells)
  {
    if (cells.empty())
      return; // no injury: every lookup gives 0
    double smallest_lateral = 1e9, smallest_depth = 1e9;
    double living_footprint = 0.0;
    living_band             = {{1e9, 0.0}};
    for (const Cell &c : cells)
      {
        smallest_lateral = std::min({smallest_lateral, c.extent[0], c.extent[1]});
        smallest_depth   = std::min(smallest_depth, c.extent[2]);
        size[0]          = std::max(size[0], c.centre[0] + 0.5 * c.extent[0]);
        size[1]          = std::max(size[1], c.centre[1] + 0.5 * c.extent[1]);
        size[2]          = std::max(size[2], -c.centre[2] + 0.5 * c.extent[2]);
        // quarter block: the whole stroke has four times its volume
        volume += 4.0 * c.injury * c.extent[0] * c.extent[1] * c.extent[2];
        if (c.layer == SkinLayer::viable_epidermis)
          {
            living_footprint += 4.0 * c.footprint * c.extent[0] * c.extent[1] * c.extent[2];
            living_band[0] = std::min(living_band[0], -c.centre[2] - 0.5 * c.extent[2]);
            living_band[1] = std::max(living_band[1], -c.centre[2] + 0.5 * c.extent[2]);
          }
      }
    // A = V_F(viable epidermis) / t
    if (living_band[1] > living_band[0])
      living_area = living_footprint / (living_band[1] - living_band[0]);
    else
      living_band = {{0.0, 0.0}};
    spacing = {{0.5 * smallest_lateral, 0.5 * smallest_lateral, 0.5 * smallest_depth}};
    for (unsigned int d = 0; d < 3; ++d)
      n[d] = static_cast<unsigned int>(std::ceil(size[d] / spacing[d]));
    voxels.assign(std::size_t(n[0]) * n[1] * n[2], {{0.0f, 0.0f}});
    for (const Cell &c : cells)
      {
        // voxels whose centres lie in the cell
        const double lo[3] = {c.centre[0] - 0.5 * c.extent[0],
                              c.centre[1] - 0.5 * c.extent[1],
                              -c.centre[2] - 0.5 * c.extent[2]};
        unsigned int first[3], last[3];
        for (unsigned int d = 0; d < 3; ++d)
          {
            first[d] =
              static_cast<unsigned int>(std::max(0.0, std::ceil(lo[d] / spacing[d] - 0.5)));
            last[d] = std::min(
              n[d], static_cast<unsigned int>(std::ceil((lo[d] + c.extent[d]) / spacing[d] - 0.5)));
          }
        for (unsigned int k = first[2]; k < last[2]; ++k)
          for (unsigned int j = first[1]; j < last[1]; ++j)
            for (unsigned int i = first[0]; i < last[0]; ++i)
              voxels[(std::size_t(k) * n[1] + j) * n[0] + i] = {
                {static_cast<float>(c.injury), static_cast<float>(c.footprint)}};
      }
  }



  std::vector<double>
  StrokeKernel::living_epidermis_depths(const unsigned int m) const
  {
    std::vector<double> depths;
    const double        t = living_band[1] - living_band[0];
    for (unsigned int i = 0; t > 0.0 && i < m; ++i)
      depths.push_back(living_band[0] + (i + 0.5) / m * t);
    return depths;
  }



  StrokeKernel::Value
  StrokeKernel::operator()(const double xi, const double eta, const double z) const
  {
    const double p[3] = {std::abs(xi), std::abs(eta), -z};
    unsigned int index[3];
    for (unsigned int d = 0; d < 3; ++d)
      {
        if (p[d] < 0.0 || p[d] >= n[d] * spacing[d])
          return {};
        index[d] = static_cast<unsigned int>(p[d] / spacing[d]);
      }
    const std::array<float, 2> &v =
      voxels[(std::size_t(index[2]) * n[1] + index[1]) * n[0] + index[0]];
    return {v[0], v[1]};
  }



  StrokeKernel::Value
  StrokeKernel::at(const double x,
                   const double y,
                   const double z,
                   const double sx,
                   const double sy,
                   const double theta,
                   const double drag,
                   const double glide_angle) const
  {
    // the puncture, its crack along theta
    const double c = std::cos(theta), s = std::sin(theta);
    const double dx = x - sx, dy = y - sy;
    Value        v = (*this)(c * dx + s * dy, -s * dx + c * dy, z);
    // the path of the dragged needle, its crack along the glide direction:
    // the kernel at (along - l, across) in the glide frame for the points
    // l = drag m/steps of the path; only those within the kernel's reach
    // of the point are looked up (the others give zero)
    const unsigned int steps = static_cast<unsigned int>(std::ceil(drag / spacing[0]));
    if (steps == 0)
      return v;
    const double gx = std::cos(glide_angle), gy = std::sin(glide_angle);
    const double along = gx * dx + gy * dy, across = -gy * dx + gx * dy;
    if (std::abs(across) >= n[1] * spacing[1])
      return v;
    const double reach = n[0] * spacing[0];
    const double first = std::max(1.0, std::floor((along - reach) * steps / drag));
    const double last  = std::min(double(steps), std::ceil((along + reach) * steps / drag));
    for (double m = first; m <= last; ++m)
      {
        const Value here = (*this)(along - drag * m / steps, across, z);
        v.injury         = std::max(v.injury, here.injury);
        v.footprint      = std::max(v.footprint, here.footprint);
      }
    return v;
  }
} // namespace needlesim
