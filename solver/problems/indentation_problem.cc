#include "indentation_problem.h"

#include "field_output.h"
#include "load_stepping.h"
#include "run_timing.h"
#include "skin_mesh.h"
#include "skin_solid.h"

#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria.h>

#include <cmath>

namespace needlesim
{
  using namespace dealii;

  namespace
  {
    /// Radial distance from the needle axis.
    template <int dim>
    double
    axis_distance(const Point<dim> &X)
    {
      return dim == 3 ? std::hypot(X[0], X[1]) : std::abs(X[0]);
    }

    /// Target times: the ramp in equal steps, the hold in steps growing by 1.3.
    std::vector<double>
    load_times(const IndentationSettings &ind)
    {
      std::vector<double> t;
      for (unsigned int i = 1; i <= ind.ramp_steps; ++i)
        t.push_back(ind.ramp_time * i / ind.ramp_steps);
      const double g = 1.3;
      for (unsigned int k = 1; k <= ind.hold_steps && ind.hold_time > 0; ++k)
        t.push_back(ind.ramp_time +
                    ind.hold_time * (std::pow(g, k) - 1.0) / (std::pow(g, ind.hold_steps) - 1.0));
      return t;
    }

    struct LayerMaxima
    {
      std::array<double, n_skin_layers> von_mises{}, stretch{};
    };

    template <int dim>
    LayerMaxima
    layer_maxima(const FiniteStrainSolid<dim> &solid)
    {
      LayerMaxima m;
      m.stretch.fill(1.0);
      const auto fields = solid.cell_fields();
      for (const auto &cell : solid.dof_handler().active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const unsigned int l = cell->material_id();
            const CellFields  &f = fields[cell->active_cell_index()];
            m.von_mises[l]       = std::max(m.von_mises[l], f.von_mises);
            m.stretch[l]         = std::max(m.stretch[l], f.max_principal_stretch);
          }
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        {
          m.von_mises[l] = Utilities::MPI::max(m.von_mises[l], solid.mpi_communicator());
          m.stretch[l]   = Utilities::MPI::max(m.stretch[l], solid.mpi_communicator());
        }
      return m;
    }

    /// What the load steps of an indentation record for its results.
    struct IndentationRecord
    {
      Curve        curve{"force_time", {"time_s", "depth_mm", "force_N", "strain_energy_mJ"}, {}};
      unsigned int newton_total = 0, krylov_total = 0, substeps = 0, at_cut_limit = 0;
      double       peak_force = 0.0, peak_energy = 0.0;
      LayerMaxima  at_peak;
    };



    template <int dim>
    RunResults
    indentation_results(const Scenario              &s,
                        const IndentationModel<dim> &model,
                        const IndentationRecord     &record,
                        const MPI_Comm               comm)
    {
      const IndentationSettings &ind = s.indentation;
      RunResults                 results;
      results.add_text("status", "completed");
      results.add_text("problem", "indentation");
      results.add_text("region", s.region);
      results.add("indentation_depth_mm", ind.depth);
      results.add("indenter_radius_mm", ind.radius);
      results.add("peak_force_N", record.peak_force);
      const double final_force = record.curve.last("force_N");
      results.add("final_force_N", final_force);
      results.add("force_relaxation_percent",
                  record.peak_force > 0 ? 100.0 * (1.0 - final_force / record.peak_force) : 0.0);
      results.add("secant_stiffness_N_per_mm", ind.depth > 0 ? record.peak_force / ind.depth : 0.0);
      results.add("strain_energy_at_peak_mJ", record.peak_energy);
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        {
          results.add("max_von_mises_" + layer_key(l) + "_MPa", record.at_peak.von_mises[l]);
          results.add("max_principal_stretch_" + layer_key(l), record.at_peak.stretch[l]);
        }
      results.add("skin_thickness_mm", s.layers.total_thickness());
      results.add("n_unknowns", model.solid->n_dofs());
      results.add("n_cells", model.tria.n_global_active_cells());
      results.add("load_steps", record.substeps);
      results.add("steps_at_step_cut_limit", record.at_cut_limit);
      results.add("newton_iterations", record.newton_total);
      results.add("krylov_iterations", record.krylov_total);
      results.add("mpi_ranks", Utilities::MPI::n_mpi_processes(comm));
      results.add_curve(record.curve);
      return results;
    }



    template <int dim>
    RunResults
    run(const Scenario &s, const std::string &directory, Progress &progress, MPI_Comm comm)
    {
      IndentationModel<dim>     model(s, comm);
      FiniteStrainSolid<dim>   &solid = *model.solid;
      const auto               &tria  = model.tria;
      const IndentationSettings ind   = s.indentation;
      solid.on_iteration              = [&progress](const NewtonIterationInfo &info) {
        progress.newton_iteration(info);
      };

      progress.message("indentation: " + std::to_string(tria.n_global_active_cells()) + " cells, " +
                       std::to_string(solid.n_dofs()) + " unknowns, " +
                       std::to_string(Utilities::MPI::n_mpi_processes(comm)) + " MPI rank(s)");

      FieldWriter<dim> fields(directory);
      if (s.output.write_fields)
        {
          TimerOutput::Scope scope(solid.timer(), "output");
          fields.write(solid, 0.0, 0);
        }

      IndentationRecord record;
      record.curve.rows.push_back({0.0, 0.0, 0.0, 0.0});
      const std::vector<double> times = load_times(ind);
      for (unsigned int step = 1; step <= times.size(); ++step)
        {
          advance_to(solid, times[step - 1], s.max_step_cuts, [&](const SubstepInfo &info) {
            record.newton_total += info.report.newton_iterations;
            record.krylov_total += info.report.linear_iterations;
            ++record.substeps;
            record.at_cut_limit += info.cuts > 0 && info.cuts == s.max_step_cuts;
            progress.load_step(record.substeps, info.t, info.cuts, info.report);
          });
          const double force = model.punch_force();
          const double energy =
            (dim == 3 ? copies_of_block(s.mesh.geometry) : 1.0) * solid.strain_energy();
          record.curve.rows.push_back({solid.time(), model.depth_at(solid.time()), force, energy});
          if (step == ind.ramp_steps)
            {
              record.peak_force  = force;
              record.peak_energy = energy;
              record.at_peak     = layer_maxima(solid);
            }
          if (s.output.write_fields &&
              (step % s.output.field_interval == 0 || step == times.size()))
            {
              TimerOutput::Scope scope(solid.timer(), "output");
              fields.write(solid, solid.time(), step);
            }
        }

      RunResults results = indentation_results(s, model, record, comm);
      report_timing({&solid.timer()}, progress.elapsed(), comm, results, progress);
      return results;
    }
  } // namespace



  template <int dim>
  IndentationModel<dim>::IndentationModel(const Scenario &s, const MPI_Comm comm)
    : tria(comm)
    , indentation(s.indentation)
    , symmetry_factor(dim == 3 ? copies_of_block(s.mesh.geometry) : 1.0)
  {
    if constexpr (dim == 3)
      if (!s.mesh.file.empty())
        read_skin_block(tria, s.mesh.file, s.mesh.file_layer);
    if (tria.n_cells() == 0)
      make_skin_block(tria, s.layers, s.mesh);
    tria.refine_global(s.global_refinements);

    solid = make_skin_solid(tria, s);

    const IndentationSettings ind = indentation;
    if (ind.shape == IndentationSettings::Shape::needle)
      {
        needle_contact = std::make_shared<NeedleContact<dim>>(
          make_needle_shape(s.stroke.needle),
          [this](const double t) { return -depth_at(t); },
          s.stroke.contact,
          std::set<types::boundary_id>{BoundaryId::surface});
        solid->add_interaction(needle_contact);
        solid->setup();
        return;
      }
    punch_condition = solid->add_dirichlet(
      {BoundaryId::surface,
       dim - 1,
       [this, ind](const Point<dim> &X, double t) -> std::optional<double> {
         const double r = axis_distance(X), d = depth_at(t);
         if (ind.shape == IndentationSettings::Shape::flat)
           return r <= ind.radius * (1 + 1e-9) ? std::optional<double>(-d) : std::nullopt;
         // Hertz contact radius sqrt(R d) with the spherical surface profile.
         const double a = std::sqrt(ind.radius * d);
         return (d > 0 && r <= a * (1 + 1e-9)) ?
                  std::optional<double>(-(d - r * r / (2 * ind.radius))) :
                  std::nullopt;
       }});
    solid->setup();
  }



  template <int dim>
  double
  IndentationModel<dim>::depth_at(const double t) const
  {
    return indentation.depth * std::min(t / indentation.ramp_time, 1.0);
  }



  template <int dim>
  double
  IndentationModel<dim>::punch_force() const
  {
    // The skin pushes the needle up (+z); the punch pushes in -z: its force
    // is minus the reaction on the punch nodes.
    if (needle_contact)
      return symmetry_factor *
             Utilities::MPI::sum(needle_contact->force_on_needle()[2], solid->mpi_communicator());
    return -symmetry_factor * solid->reaction_force(punch_condition, dim - 1);
  }

  template class IndentationModel<2>;
  template class IndentationModel<3>;



  RunResults
  run_indentation(const Scenario    &s,
                  const std::string &directory,
                  Progress          &progress,
                  const MPI_Comm     comm)
  {
    if (s.mesh.geometry == BlockGeometry::axisymmetric)
      return run<2>(s, directory, progress, comm);
    return run<3>(s, directory, progress, comm);
  }
} // namespace needlesim
