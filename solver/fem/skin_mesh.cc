#include "skin_mesh.h"

#include "parameters.h"

#include <deal.II/base/bounding_box.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_in.h>
#include <deal.II/grid/grid_tools.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <stdexcept>

namespace needlesim
{
  std::vector<double>
  graded_steps(const double length,
               const double h_start,
               const double growth,
               const double h_max,
               const double uniform_length)
  {
    const double        h0 = std::min(h_start, h_max);
    std::vector<double> steps;
    const double        uniform = std::min(uniform_length, length);
    if (uniform > 0.0)
      {
        const unsigned int n = std::max(1.0, std::round(uniform / h0));
        steps.assign(n, uniform / n);
      }
    const double rest = length - uniform;
    if (rest <= 1e-12 * length)
      return steps;

    std::vector<double> graded;
    double              h = uniform > 0.0 ? std::min(h0 * growth, h_max) : h0, sum = 0.0;
    while (sum + 0.5 * h < rest)
      {
        graded.push_back(h);
        sum += h;
        h = std::min(h * growth, h_max);
      }
    if (graded.empty())
      graded = {rest};
    else
      for (double &s : graded)
        s *= rest / sum;
    steps.insert(steps.end(), graded.begin(), graded.end());
    return steps;
  }



  namespace
  {
    // Vertical steps from the bottom (z = -H) to the surface, with every
    // layer interface on a step boundary. The element size at depth d is
    // the graded size from the surface, h_min growth^k, capped at h_max.
    std::vector<double>
    vertical_steps(const LayerStack &layers, const SkinMeshSettings &s)
    {
      std::vector<double> from_top;
      double              h = s.h_min;
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        {
          const double uniform =
            std::clamp(s.uniform_depth - layers.top_depth(l), 0.0, layers.thickness(l));
          const std::vector<double> layer_steps = graded_steps(
            layers.thickness(l), uniform > 0 ? s.h_min : h, s.growth, s.h_max, uniform);
          from_top.insert(from_top.end(), layer_steps.begin(), layer_steps.end());
          h = std::min(layer_steps.back() * s.growth, s.h_max);
        }
      std::reverse(from_top.begin(), from_top.end());
      return from_top;
    }

    std::vector<double>
    symmetric_steps(const std::vector<double> &half)
    {
      std::vector<double> steps(half.rbegin(), half.rend());
      steps.insert(steps.end(), half.begin(), half.end());
      return steps;
    }

    // Boundary ids from where a boundary face lies: bottom z = -depth,
    // surface z = 0, symmetry planes x = 0 (quarter, axisymmetric) and y = 0
    // (quarter, half), lateral elsewhere.
    template <int dim>
    void
    assign_boundary_ids(dealii::Triangulation<dim> &tria,
                        const BlockGeometry         geometry,
                        const double                depth,
                        const double                tol)
    {
      for (const auto &cell : tria.active_cell_iterators())
        for (const unsigned int f : cell->face_indices())
          {
            if (!cell->face(f)->at_boundary())
              continue;
            const auto c = cell->face(f)->center();
            if (std::abs(c[dim - 1] + depth) < tol)
              cell->face(f)->set_boundary_id(BoundaryId::bottom);
            else if (std::abs(c[dim - 1]) < tol)
              cell->face(f)->set_boundary_id(BoundaryId::surface);
            else if (mirrored_in_x(geometry) && std::abs(c[0]) < tol)
              cell->face(f)->set_boundary_id(BoundaryId::symmetry_x);
            else if (dim == 3 && mirrored_in_y(geometry) && std::abs(c[1]) < tol)
              cell->face(f)->set_boundary_id(BoundaryId::symmetry_y);
            else
              cell->face(f)->set_boundary_id(BoundaryId::lateral);
          }
    }

    /// The block has the mirror plane x_d = 0.
    bool
    mirrored(const BlockGeometry g, const unsigned int d)
    {
      return d == 0 ? mirrored_in_x(g) : mirrored_in_y(g);
    }

    // Layer of every cell (material id) from its depth, and the boundary ids.
    template <int dim>
    void
    assign_ids(dealii::Triangulation<dim> &tria,
               const LayerStack           &layers,
               const SkinMeshSettings     &s,
               const double                depth)
    {
      for (const auto &cell : tria.active_cell_iterators())
        cell->set_material_id(layers.layer_at_depth(-cell->center()[dim - 1]));
      assign_boundary_ids(tria, s.geometry, depth, 1e-9 * (s.half_width + depth));
    }
  } // namespace



  std::vector<double>
  graded_edges(const double                         length,
               const double                         h_min,
               const double                         relative,
               const std::function<double(double)> &cap,
               std::vector<double>                  lines)
  {
    std::sort(lines.begin(), lines.end());
    std::vector<double> e{0.0};
    auto                next_line = lines.begin();
    while (e.back() < length * (1.0 - 1e-12))
      {
        const double x = e.back();
        while (next_line != lines.end() && *next_line <= x * (1.0 + 1e-12))
          ++next_line;
        double h = std::min(std::max(h_min, relative * x), cap(x));
        // end exactly on the next line (or the end) when it is within 1.5 h
        const double target = next_line != lines.end() ? std::min(*next_line, length) : length;
        if (x + 1.5 * h >= target)
          h = target - x;
        e.push_back(x + h);
      }
    e.back() = length;
    return e;
  }



  std::vector<std::vector<double>>
  stroke_block_steps(const LayerStack       &layers,
                     const SkinMeshSettings &s,
                     const double            r_s,
                     const double            h_channel,
                     const double            channel_depth)
  {
    const double relative = s.growth - 1.0, depth = layers.total_thickness();
    const auto   cap = [&](const double zone) {
      return [=, &s](const double x) { return x < zone ? std::min(h_channel, s.h_max) : s.h_max; };
    };
    std::vector<double> interfaces;
    for (unsigned int l = 1; l < n_skin_layers; ++l)
      interfaces.push_back(layers.top_depth(l));
    const std::vector<double> r =
      graded_edges(s.half_width, s.h_min, relative, cap(2.0 * r_s), {r_s});
    const std::vector<double> z =
      graded_edges(depth, s.h_min, relative, cap(channel_depth), interfaces);

    std::vector<std::vector<double>> steps(2);
    for (unsigned int k = 1; k < r.size(); ++k)
      steps[0].push_back(r[k] - r[k - 1]);
    for (unsigned int k = z.size() - 1; k > 0; --k) // from the bottom up
      steps[1].push_back(z[k] - z[k - 1]);
    return steps;
  }



  void
  make_stroke_block(dealii::Triangulation<2> &tria,
                    const LayerStack         &layers,
                    const SkinMeshSettings   &s,
                    const double              r_s,
                    const double              h_channel,
                    const double              channel_depth)
  {
    const double depth = layers.total_thickness();
    dealii::GridGenerator::subdivided_hyper_rectangle(
      tria,
      stroke_block_steps(layers, s, r_s, h_channel, channel_depth),
      dealii::Point<2>(0.0, -depth),
      dealii::Point<2>(s.half_width, 0.0));
    assign_ids(tria, layers, s, depth);
  }



  template <int dim>
  std::vector<std::vector<double>>
  skin_block_steps(const LayerStack &layers, const SkinMeshSettings &s)
  {
    const std::vector<double> lateral =
      graded_steps(s.half_width, s.h_min, s.growth, s.h_max, s.uniform_width);
    std::vector<std::vector<double>> step_sizes(dim);
    for (unsigned int d = 0; d + 1 < dim; ++d)
      step_sizes[d] = mirrored(s.geometry, d) ? lateral : symmetric_steps(lateral);
    step_sizes[dim - 1] = vertical_steps(layers, s);
    return step_sizes;
  }



  template <int dim>
  void
  make_skin_block(dealii::Triangulation<dim> &tria,
                  const LayerStack           &layers,
                  const SkinMeshSettings     &s)
  {
    const bool is_2d_geometry = (s.geometry == BlockGeometry::axisymmetric);
    if (is_2d_geometry != (dim == 2))
      throw std::logic_error("make_skin_block: geometry does not match the dimension");

    const double       depth = layers.total_thickness();
    dealii::Point<dim> p1, p2;
    for (unsigned int d = 0; d + 1 < dim; ++d)
      {
        p1[d] = mirrored(s.geometry, d) ? 0.0 : -s.half_width;
        p2[d] = s.half_width;
      }
    p1[dim - 1] = -depth;
    p2[dim - 1] = 0.0;
    dealii::GridGenerator::subdivided_hyper_rectangle(tria,
                                                      skin_block_steps<dim>(layers, s),
                                                      p1,
                                                      p2);
    assign_ids(tria, layers, s, depth);
  }

  void
  read_skin_block(dealii::Triangulation<3> &tria,
                  const std::string        &filename,
                  const unsigned int        layer)
  {
    dealii::Triangulation<3> file_mesh;
    dealii::GridIn<3>        grid_in(file_mesh);
    std::ifstream            in(filename);
    if (!in)
      throw InputError("Mesh/File", filename, "a readable Gmsh file", "cannot open it");
    try
      {
        grid_in.read_msh(in);
      }
    catch (const dealii::ExceptionBase &e)
      {
        throw InputError("Mesh/File",
                         filename,
                         "a Gmsh 2.2 file of hexahedra",
                         "it cannot be read");
      }

    // Move the top to z = 0; the quarter block must start at x = y = 0.
    const dealii::BoundingBox<3> box = dealii::GridTools::compute_bounding_box(file_mesh);
    const auto                   lo  = box.get_boundary_points().first;
    const auto                   hi  = box.get_boundary_points().second;
    if (std::abs(lo[0]) > 1e-9 * hi[0] || std::abs(lo[1]) > 1e-9 * hi[1])
      throw InputError("Mesh/File",
                       filename,
                       "a quarter block with x, y >= 0 from 0",
                       "its lower corner is not on the axis");
    dealii::GridTools::shift(dealii::Tensor<1, 3>({0.0, 0.0, -hi[2]}), file_mesh);

    auto [vertices, cells, faces] = dealii::GridTools::get_coarse_mesh_description(file_mesh);
    for (auto &cell : cells)
      cell.material_id = layer;
    faces = dealii::SubCellData(); // boundary ids from the geometry below
    tria.create_triangulation(vertices, cells, faces);
    const double depth = hi[2] - lo[2];
    assign_boundary_ids(tria, BlockGeometry::quarter, depth, 1e-9 * (hi[0] + depth));
  }



  template std::vector<std::vector<double>>
  skin_block_steps<2>(const LayerStack &, const SkinMeshSettings &);
  template std::vector<std::vector<double>>
  skin_block_steps<3>(const LayerStack &, const SkinMeshSettings &);
  template void
  make_skin_block<2>(dealii::Triangulation<2> &, const LayerStack &, const SkinMeshSettings &);
  template void
  make_skin_block<3>(dealii::Triangulation<3> &, const LayerStack &, const SkinMeshSettings &);
} // namespace needlesim
