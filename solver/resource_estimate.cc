#include "resource_estimate.h"

#include "parameters.h"
#include "skin_mesh.h"
#include "stroke_problem.h"
#include "treatment_problem.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace needlesim
{
  namespace
  {
    constexpr double library_MB_per_rank = 180.0;

    /// Cells and vertices of a tensor-product mesh with @p steps cells per
    /// axis, refined globally @p refinements times.
    std::pair<double, double>
    cells_and_vertices(const std::vector<std::vector<double>> &steps,
                       const unsigned int                      refinements)
    {
      double cells = 1.0, vertices = 1.0;
      for (const auto &axis : steps)
        {
          const double n = axis.size() * std::pow(2.0, refinements);
          cells *= n;
          vertices *= n + 1.0;
        }
      return {cells, vertices};
    }

    ResourceEstimate
    solid(const Scenario &s, const unsigned int ranks)
    {
      ResourceEstimate e;
      const bool       axisymmetric = s.mesh.geometry == BlockGeometry::axisymmetric;
      double           vertices     = 0.0;
      if (!s.mesh.file.empty())
        {
          // refined, a hexahedral mesh has about 8 times the vertices
          e.cells  = s.mesh.file_cells * std::pow(8.0, s.global_refinements);
          vertices = s.mesh.file_vertices * std::pow(8.0, s.global_refinements);
        }
      else if (axisymmetric)
        std::tie(e.cells, vertices) =
          cells_and_vertices(skin_block_steps<2>(s.layers, s.mesh), s.global_refinements);
      else
        std::tie(e.cells, vertices) =
          cells_and_vertices(skin_block_steps<3>(s.layers, s.mesh), s.global_refinements);
      const unsigned int dim = axisymmetric ? 2 : 3;
      e.problem              = axisymmetric ? "axisymmetric finite-strain solid" :
                                              "3-d finite-strain solid";
      e.unknowns             = dim * vertices;
      e.memory_MB = ranks * library_MB_per_rank + e.unknowns * (axisymmetric ? 7.5 : 34.0) / 1024.0;
      e.parameter = s.global_refinements > 0 ? "Mesh/Global refinements" :
                    s.mesh.file.empty()      ? "Mesh/Element size at needle" :
                                               "Mesh/File";
      return e;
    }

    ResourceEstimate
    stroke(const Scenario &s, const unsigned int ranks)
    {
      ResourceEstimate e;
      double           vertices = 0.0;
      std::tie(e.cells, vertices) = cells_and_vertices(stroke_mesh_steps(s), s.global_refinements);
      e.problem   = "axisymmetric needle stroke";
      e.unknowns  = 2.0 * vertices;
      e.memory_MB = ranks * library_MB_per_rank + e.unknowns * 7.5 / 1024.0;
      e.parameter = s.global_refinements > 0 ? "Mesh/Global refinements" :
                                               "Mesh/Element size at needle";
      return e;
    }

    ResourceEstimate
    healing_patch(const Scenario &s, const unsigned int ranks)
    {
      ResourceEstimate e;
      double           vertices = 0.0;
      std::tie(e.cells, vertices) =
        cells_and_vertices(skin_block_steps<3>(s.layers, patch_mesh_settings(s.treatment)), 0);
      e.problem   = "treatment patch (healing fields)";
      e.unknowns  = 5.0 * vertices;
      e.memory_MB = ranks * library_MB_per_rank + e.unknowns * 1.5 / 1024.0;
      e.parameter = "Patch/Element size";
      return e;
    }

    std::string
    value_of(const Scenario &s, const std::string &parameter)
    {
      std::ostringstream v;
      if (parameter == "Mesh/Global refinements")
        v << s.global_refinements;
      else if (parameter == "Mesh/Element size at needle")
        v << s.mesh.h_min;
      else if (parameter == "Mesh/File")
        v << s.mesh.file;
      else if (parameter == "Patch/Element size")
        v << s.treatment.patch_element_size;
      return v.str();
    }
  } // namespace



  ResourceEstimate
  estimate_resources(const Scenario &s, const unsigned int ranks)
  {
    ResourceEstimate e;
    if (s.problem == "stroke")
      e = stroke(s, ranks);
    else if (s.problem == "treatment")
      {
        Scenario deepest            = s;
        const std::vector<double> d = stroke_kernel_depths(s);
        deepest.stroke.motion.depth = d.empty() ? s.stroke.motion.depth : d.back();
        const ResourceEstimate kernel = stroke(deepest, ranks);
        e = healing_patch(s, ranks);
        if (kernel.memory_MB > e.memory_MB)
          e = kernel;
      }
    else
      e = solid(s, ranks);
    e.value = value_of(s, e.parameter);
    return e;
  }



  double
  available_memory_MB()
  {
    std::ifstream meminfo("/proc/meminfo");
    std::string   name, unit;
    double        kB = 0.0;
    while (meminfo >> name >> kB >> unit)
      if (name == "MemAvailable:")
        return kB / 1024.0;
    return HUGE_VAL; // not Linux: no limit known
  }



  void
  require_memory(const Scenario &s, const MPI_Comm comm)
  {
    // the ranks on this machine share its memory
    MPI_Comm local;
    MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &local);
    const unsigned int local_ranks = dealii::Utilities::MPI::n_mpi_processes(local);
    MPI_Comm_free(&local);
    const unsigned int     ranks = dealii::Utilities::MPI::n_mpi_processes(comm);
    const ResourceEstimate e     = estimate_resources(s, ranks);
    const double here      = e.memory_MB * local_ranks / ranks;
    const double available = dealii::Utilities::MPI::min(available_memory_MB(), comm);
    if (here > available)
      {
        std::ostringstream why;
        why.precision(3);
        why << "the " << e.problem << " would need about " << here / 1024.0
            << " GB on this machine (" << e.cells << " cells, " << e.unknowns
            << " unknowns), and " << available / 1024.0 << " GB are available";
        throw InputError(e.parameter, e.value,
                         "a mesh that fits in memory: a larger element size or fewer refinements",
                         why.str());
      }
  }
} // namespace needlesim
