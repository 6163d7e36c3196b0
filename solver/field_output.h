#pragma once
// Fields for ParaView: one VTU piece per MPI rank and step, a PVTU record per
// step and solution.pvd over all steps (rewritten after every step, so it is
// valid at any moment). Cell-wise constant quantities are written as point
// data of the discontinuous output patches (every point of a cell carries the
// cell's value). Field names carry their units:
//   displacement_mm            nodal vector [mm]
//   layer                      cell: 0 stratum corneum, 1 viable epidermis,
//                              2 papillary dermis, 3 reticular dermis, 4 hypodermis
//   von_mises_MPa, pressure_MPa, strain_energy_density_MPa   cell averages
//   max_principal_stretch, volume_ratio                      cell [-]
//   mpi_rank                   cell, owner process
// and the problem's own cell fields (e.g. injury, contact_pressure_MPa).

#include "finite_strain_solid.h"

#include <string>
#include <utility>
#include <vector>

namespace needlesim
{
  template <int dim>
  class FieldWriter
  {
  public:
    explicit FieldWriter(const std::string &directory);

    /// A further cell-wise field, indexed by active_cell_index(); its name
    /// carries its unit.
    struct CellField
    {
      std::string         name;
      std::vector<double> values;
    };

    /// Writes the committed state of @p solid, with @p extra cell fields,
    /// as step @p step at @p time [s].
    void
    write(const FiniteStrainSolid<dim> &solid, double time, unsigned int step,
          const std::vector<CellField> &extra = {});

  private:
    std::string                                 directory;
    std::vector<std::pair<double, std::string>> records;
  };
} // namespace needlesim
