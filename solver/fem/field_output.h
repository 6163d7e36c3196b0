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

#include <deal.II/numerics/data_out.h>

#include <string>
#include <utility>
#include <vector>

namespace needlesim
{
  /// The folder of a run directory that holds the VTU pieces (the series
  /// files *.pvd stay at the top).
  inline const std::string fields_folder = "fields";

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
    write(const FiniteStrainSolid<dim> &solid,
          double                        time,
          unsigned int                  step,
          const std::vector<CellField> &extra = {});

    /// Writes cell fields only (with the layer and the MPI rank) on the mesh
    /// of @p dofs, as step @p step at @p time (in the problem's time unit).
    void
    write(const dealii::DoFHandler<dim> &dofs,
          double                         time,
          unsigned int                   step,
          const std::vector<CellField>  &cells);

  private:
    /// Adds the layer, MPI rank and @p cells, writes the VTU pieces, the
    /// PVTU record and the PVD over all steps.
    void
    finish(dealii::DataOut<dim>             &data_out,
           const dealii::Triangulation<dim> &tria,
           const dealii::Mapping<dim>       &mapping,
           unsigned int                      degree,
           MPI_Comm                          comm,
           double                            time,
           unsigned int                      step,
           const std::vector<CellField>     &cells);

    std::string                                 directory;
    std::vector<std::pair<double, std::string>> records;
  };
} // namespace needlesim
