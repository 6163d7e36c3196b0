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

    /// Memory per unknown of each kind of problem [kB] (resource_estimate.h).
    constexpr double solid_3d_kB = 34.0, axisymmetric_kB = 7.5, healing_kB = 1.5;

    /// The estimate of a mesh of @p cells_and_vertices with @p components
    /// unknowns per vertex, each costing @p kB.
    ResourceEstimate
    estimate(const std::string               &problem,
             const std::pair<double, double> &cells_and_vertices,
             const unsigned int               components,
             const double                     kB,
             const unsigned int               ranks,
             const std::string               &parameter)
    {
      ResourceEstimate e;
      e.problem   = problem;
      e.cells     = cells_and_vertices.first;
      e.unknowns  = components * cells_and_vertices.second;
      e.memory_MB = ranks * library_MB_per_rank + e.unknowns * kB / 1024.0;
      e.parameter = parameter;
      return e;
    }

    /// The parameter that sets the size of a mesh of the Mesh section.
    std::string
    mesh_parameter(const Scenario &s)
    {
      return s.global_refinements > 0 ? "Mesh/Global refinements" :
             s.mesh.file.empty()      ? "Mesh/Element size at needle" :
                                        "Mesh/File";
    }

    ResourceEstimate
    solid(const Scenario &s, const unsigned int ranks)
    {
      const unsigned int r = s.global_refinements;
      if (!s.mesh.file.empty()) // refined, a hexahedral mesh has about 8 times the vertices
        return estimate("3-d finite-strain solid",
                        {s.mesh.file_cells * std::pow(8.0, r),
                         s.mesh.file_vertices * std::pow(8.0, r)},
                        3,
                        solid_3d_kB,
                        ranks,
                        mesh_parameter(s));
      if (s.mesh.geometry == BlockGeometry::axisymmetric)
        return estimate("axisymmetric finite-strain solid",
                        cells_and_vertices(skin_block_steps<2>(s.layers, s.mesh), r),
                        2,
                        axisymmetric_kB,
                        ranks,
                        mesh_parameter(s));
      return estimate("3-d finite-strain solid",
                      cells_and_vertices(skin_block_steps<3>(s.layers, s.mesh), r),
                      3,
                      solid_3d_kB,
                      ranks,
                      mesh_parameter(s));
    }

    ResourceEstimate
    stroke(const Scenario &s, const unsigned int ranks)
    {
      return estimate("axisymmetric needle stroke",
                      cells_and_vertices(stroke_mesh_steps(s), s.global_refinements),
                      2,
                      axisymmetric_kB,
                      ranks,
                      mesh_parameter(s));
    }

    ResourceEstimate
    healing_patch(const Scenario &s, const unsigned int ranks)
    {
      return estimate(
        "treatment patch (healing fields)",
        cells_and_vertices(skin_block_steps<3>(s.layers, patch_mesh_settings(s.treatment)), 0),
        5,
        healing_kB,
        ranks,
        "Patch/Element size");
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
    if (s.problem == ProblemType::stroke)
      e = stroke(s, ranks);
    else if (s.problem == ProblemType::treatment)
      {
        Scenario                  deepest = s;
        const std::vector<double> d       = stroke_kernel_depths(s);
        deepest.stroke.motion.depth       = d.empty() ? s.stroke.motion.depth : d.back();
        const ResourceEstimate kernel     = stroke(deepest, ranks);
        e                                 = healing_patch(s, ranks);
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
    const unsigned int     ranks     = dealii::Utilities::MPI::n_mpi_processes(comm);
    const ResourceEstimate e         = estimate_resources(s, ranks);
    const double           here      = e.memory_MB * local_ranks / ranks;
    const double           available = dealii::Utilities::MPI::min(available_memory_MB(), comm);
    if (here > available)
      {
        std::ostringstream why;
        why.precision(3);
        why << "the " << e.problem << " would need about " << here / 1024.0
            << " GB on this machine (" << e.cells << " cells, " << e.unknowns << " unknowns), and "
            << available / 1024.0 << " GB are available";
        throw InputError(e.parameter,
                         e.value,
                         "a mesh that fits in memory: a larger element size or fewer refinements",
                         why.str());
      }
  }
} // namespace needlesim
