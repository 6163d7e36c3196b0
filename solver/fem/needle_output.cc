#include "needle_output.h"

#include "output_file.h"

#include "field_output.h"

#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/numerics/data_out.h>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace needlesim
{
  using namespace dealii;

  NeedleOutput::NeedleOutput(const std::string    &directory_,
                             const NeedleGeometry &needle,
                             const double          length)
    : directory(directory_)
  {
    std::filesystem::create_directories(directory + "/" + fields_folder);
    // the unit square (u, v) -> (u rho(zeta), zeta) with zeta = length v^2:
    // rows crowd at the tip, where the profile bends
    GridGenerator::subdivided_hyper_rectangle(profile, {4, 48}, Point<2>(0, 0), Point<2>(1, 1));
    GridTools::transform(
      [&needle, length](const Point<2> &p) {
        const double zeta = length * p[1] * p[1];
        return Point<2>(p[0] * needle.radius_at_height(zeta), zeta);
      },
      profile);
  }



  void
  NeedleOutput::write(const double z_tip, const double time, const unsigned int step)
  {
    Triangulation<2> moved;
    moved.copy_triangulation(profile);
    GridTools::shift(Point<2>(0.0, z_tip), moved);
    DataOut<2> data_out;
    data_out.attach_triangulation(moved);
    data_out.build_patches();
    data_out.set_flags(DataOutBase::VtkFlags(time, step));
    const std::string name =
      fields_folder + "/needle_" + Utilities::int_to_string(step, 4) + ".vtu";
    write_file_atomically(directory + "/" + name,
                          [&](std::ostream &vtu) { data_out.write_vtu(vtu); });
    records.emplace_back(time, name);
    write_file_atomically(directory + "/needle.pvd",
                          [&](std::ostream &pvd) { DataOutBase::write_pvd_record(pvd, records); });
  }
} // namespace needlesim
