#include "vtu_fields.h"

#include <vtkCell.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkMeshQuality.h>
#include <vtkPointData.h>
#include <vtkXMLPUnstructuredGridReader.h>
#include <vtkXMLUnstructuredGridReader.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace needlesim::post
{
  std::vector<SeriesEntry>
  read_pvd(const std::string &pvd_file)
  {
    std::ifstream in(pvd_file);
    if (!in)
      throw std::runtime_error("cannot open " + pvd_file);
    std::stringstream content;
    content << in.rdbuf();
    const std::string       text = content.str();
    static const std::regex dataset(R"re(<DataSet[^>]*timestep="([^"]+)"[^>]*file="([^"]+)")re");
    const std::filesystem::path base = std::filesystem::path(pvd_file).parent_path();
    std::vector<SeriesEntry>    entries;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), dataset);
         it != std::sregex_iterator();
         ++it)
      entries.push_back({std::stod((*it)[1].str()), (base / (*it)[2].str()).string()});
    return entries;
  }



  vtkSmartPointer<vtkUnstructuredGrid>
  read_grid(const std::string &file)
  {
    if (!std::filesystem::exists(file))
      throw std::runtime_error("no such file: " + file);
    const bool parallel = file.size() > 5 && file.substr(file.size() - 5) == ".pvtu";
    vtkSmartPointer<vtkUnstructuredGrid> grid;
    if (parallel)
      {
        auto reader = vtkSmartPointer<vtkXMLPUnstructuredGridReader>::New();
        reader->SetFileName(file.c_str());
        reader->Update();
        grid = reader->GetOutput();
      }
    else
      {
        auto reader = vtkSmartPointer<vtkXMLUnstructuredGridReader>::New();
        reader->SetFileName(file.c_str());
        reader->Update();
        grid = reader->GetOutput();
      }
    if (grid == nullptr || grid->GetNumberOfCells() == 0)
      throw std::runtime_error("no cells read from " + file);
    return grid;
  }



  std::vector<std::string>
  point_field_names(vtkUnstructuredGrid &grid)
  {
    std::vector<std::string> names;
    for (int i = 0; i < grid.GetPointData()->GetNumberOfArrays(); ++i)
      names.emplace_back(grid.GetPointData()->GetArrayName(i));
    return names;
  }



  std::vector<std::string>
  cell_field_names(vtkUnstructuredGrid &grid)
  {
    std::vector<std::string> names;
    for (int i = 0; i < grid.GetCellData()->GetNumberOfArrays(); ++i)
      names.emplace_back(grid.GetCellData()->GetArrayName(i));
    return names;
  }



  std::array<LayerStatistics, 5>
  layer_statistics(vtkUnstructuredGrid &grid)
  {
    // needlesim writes cell-wise constant fields as point data on the
    // discontinuous output patches: every point of a cell carries the value.
    vtkDataArray *layer   = grid.GetPointData()->GetArray("layer");
    vtkDataArray *mises   = grid.GetPointData()->GetArray("von_mises_MPa");
    vtkDataArray *stretch = grid.GetPointData()->GetArray("max_principal_stretch");
    if (layer == nullptr || mises == nullptr || stretch == nullptr)
      throw std::runtime_error("the grid lacks the layer, von_mises_MPa or "
                               "max_principal_stretch fields");
    std::array<LayerStatistics, 5> stats;
    for (vtkIdType c = 0; c < grid.GetNumberOfCells(); ++c)
      {
        vtkCell        *cell  = grid.GetCell(c);
        const vtkIdType point = cell->GetPointId(0);
        const int       l     = static_cast<int>(std::lround(layer->GetTuple1(point)));
        if (l < 0 || l > 4)
          throw std::runtime_error("layer value out of range: " + std::to_string(l));
        LayerStatistics &s  = stats[l];
        s.max_von_mises_MPa = std::max(s.max_von_mises_MPa, mises->GetTuple1(point));
        s.max_stretch       = std::max(s.max_stretch, stretch->GetTuple1(point));
        if (cell->GetCellType() == VTK_HEXAHEDRON)
          s.volume_mm3 += vtkMeshQuality::HexVolume(cell);
        else if (cell->GetCellType() == VTK_QUAD)
          {
            double r = 0.0, x[3];
            for (int v = 0; v < 4; ++v)
              {
                cell->GetPoints()->GetPoint(v, x);
                r += 0.25 * x[0];
              }
            s.volume_mm3 += 2.0 * M_PI * r * vtkMeshQuality::QuadArea(cell);
          }
        ++s.n_cells;
      }
    return stats;
  }
} // namespace needlesim::post
