#include "stroke_kernel.h"

#include "parameters.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace needlesim
{
  StrokeKernel::StrokeKernel(const std::vector<Cell> &cells)
  {
    if (cells.empty())
      return; // no injury: every lookup gives 0
    double smallest = 1e9;
    for (const Cell &c : cells)
      {
        for (unsigned int d = 0; d < 3; ++d)
          smallest = std::min(smallest, c.extent[d]);
        size[0] = std::max(size[0], c.centre[0] + 0.5 * c.extent[0]);
        size[1] = std::max(size[1], c.centre[1] + 0.5 * c.extent[1]);
        size[2] = std::max(size[2], -c.centre[2] + 0.5 * c.extent[2]);
        // quarter block: the whole stroke has four times its volume
        volume += 4.0 * c.injury * c.extent[0] * c.extent[1] * c.extent[2];
      }
    spacing = 0.5 * smallest;
    for (unsigned int d = 0; d < 3; ++d)
      n[d] = static_cast<unsigned int>(std::ceil(size[d] / spacing));
    voxels.assign(std::size_t(n[0]) * n[1] * n[2], 0.0f);
    for (const Cell &c : cells)
      {
        // voxels whose centres lie in the cell
        const double lo[3] = {c.centre[0] - 0.5 * c.extent[0], c.centre[1] - 0.5 * c.extent[1],
                              -c.centre[2] - 0.5 * c.extent[2]};
        unsigned int first[3], last[3];
        for (unsigned int d = 0; d < 3; ++d)
          {
            first[d] = static_cast<unsigned int>(std::max(0.0, std::ceil(lo[d] / spacing - 0.5)));
            last[d]  = std::min(n[d], static_cast<unsigned int>(
                                       std::ceil((lo[d] + c.extent[d]) / spacing - 0.5)));
          }
        for (unsigned int k = first[2]; k < last[2]; ++k)
          for (unsigned int j = first[1]; j < last[1]; ++j)
            for (unsigned int i = first[0]; i < last[0]; ++i)
              voxels[(std::size_t(k) * n[1] + j) * n[0] + i] = static_cast<float>(c.injury);
      }
  }



  StrokeKernel
  StrokeKernel::from_csv(const std::string &filename)
  {
    std::ifstream in(filename);
    if (!in)
      throw InputError("stroke kernel", filename, "an injury_kernel.csv of a stroke run",
                       "cannot open the file");
    std::string header;
    std::getline(in, header);
    std::map<std::string, unsigned int> column;
    {
      std::istringstream h(header);
      std::string        name;
      for (unsigned int i = 0; std::getline(h, name, ','); ++i)
        column[name] = i;
    }
    for (const char *name : {"x_mm", "y_mm", "z_mm", "injury", "dx_mm", "dy_mm", "dz_mm"})
      if (column.count(name) == 0)
        throw InputError("stroke kernel", filename, "columns x_mm ... dz_mm",
                         std::string("no column ") + name);
    std::vector<Cell> cells;
    std::string       line;
    while (std::getline(in, line))
      {
        std::vector<double> v;
        std::istringstream  l(line);
        std::string         item;
        while (std::getline(l, item, ','))
          v.push_back(std::stod(item));
        Cell c;
        c.centre = {{v[column["x_mm"]], v[column["y_mm"]], v[column["z_mm"]]}};
        c.extent = {{v[column["dx_mm"]], v[column["dy_mm"]], v[column["dz_mm"]]}};
        c.injury = v[column["injury"]];
        cells.push_back(c);
      }
    return StrokeKernel(cells);
  }



  double
  StrokeKernel::operator()(const double xi, const double eta, const double z) const
  {
    const double p[3] = {std::abs(xi), std::abs(eta), -z};
    unsigned int index[3];
    for (unsigned int d = 0; d < 3; ++d)
      {
        if (p[d] < 0.0 || p[d] >= n[d] * spacing)
          return 0.0;
        index[d] = static_cast<unsigned int>(p[d] / spacing);
      }
    return voxels[(std::size_t(index[2]) * n[1] + index[1]) * n[0] + index[0]];
  }



  double
  StrokeKernel::at(const double x, const double y, const double z, const double sx,
                   const double sy, const double theta, const double drag,
                   const double glide_angle) const
  {
    const double       c = std::cos(theta), s = std::sin(theta);
    const double       gx = std::cos(glide_angle), gy = std::sin(glide_angle);
    const unsigned int samples = 1 + static_cast<unsigned int>(std::ceil(drag / spacing));
    double             D       = 0.0;
    for (unsigned int m = 0; m < samples; ++m)
      {
        const double l  = samples > 1 ? drag * m / (samples - 1) : 0.0;
        const double dx = x - sx - l * gx, dy = y - sy - l * gy;
        D = std::max(D, (*this)(c * dx + s * dy, -s * dx + c * dy, z));
      }
    return D;
  }
} // namespace needlesim
