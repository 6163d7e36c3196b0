#pragma once
// The needle for ParaView: the section of the axisymmetric needle in the
// (r, z) half-plane the stroke's mesh lives in (r = x, the axis on x = 0),
// meshed by quadrilaterals between the axis and the profile r = rho(zeta)
// of models/needle/needle.h (rounded tip, cone, shaft), moved with the tip. One VTU
// per output step (fields/needle_NNNN.vtu) and their series needle.pvd
// beside solution.pvd, written by rank 0.

#include "needle.h"

#include <deal.II/grid/tria.h>

#include <string>
#include <utility>
#include <vector>

namespace needlesim
{
  class NeedleOutput
  {
  public:
    /// @p length: the part of the needle drawn, from the tip up [mm].
    NeedleOutput(const std::string &directory, const NeedleGeometry &needle, double length);

    /// The needle with its tip at z = @p z_tip [mm] at time @p time [s].
    void
    write(double z_tip, double time, unsigned int step);

  private:
    const std::string                           directory;
    dealii::Triangulation<2>                    profile; ///< tip at z = 0
    std::vector<std::pair<double, std::string>> records;
  };
} // namespace needlesim
