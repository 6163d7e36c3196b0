#pragma once
// Reading needlesim's field output with VTK: the last (or a given) step of a
// solution.pvd series, its field names and per-layer statistics.

#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>

#include <array>
#include <string>
#include <vector>

namespace needlesim::post
{
  /// One step of a PVD series: time [s] and the file it points to.
  struct SeriesEntry
  {
    double      time;
    std::string file;
  };

  /// The steps listed in a .pvd file (paths relative to the .pvd resolved).
  std::vector<SeriesEntry>
  read_pvd(const std::string &pvd_file);

  /// Reads a .vtu piece or a .pvtu record into one unstructured grid.
  vtkSmartPointer<vtkUnstructuredGrid>
  read_grid(const std::string &file);

  /// Names of the point and cell data arrays.
  std::vector<std::string>
  point_field_names(vtkUnstructuredGrid &grid);
  std::vector<std::string>
  cell_field_names(vtkUnstructuredGrid &grid);

  /// Statistics of one skin layer (cells with that "layer" value).
  struct LayerStatistics
  {
    double       volume_mm3        = 0.0; ///< reference volume of the cells [mm^3]
    double       max_von_mises_MPa = 0.0;
    double       max_stretch       = 0.0;
    unsigned int n_cells           = 0;
  };

  /// Per-layer statistics over the five layers of the skin. Volumes are of
  /// the modelled domain (a quarter block is a quarter); 2-d grids are
  /// axisymmetric (r, z), their volume that of the ring, 2 pi r A.
  std::array<LayerStatistics, 5>
  layer_statistics(vtkUnstructuredGrid &grid);
} // namespace needlesim::post
