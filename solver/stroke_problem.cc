#include "stroke_problem.h"

#include "field_output.h"
#include "load_stepping.h"
#include "skin_mesh.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace needlesim
{
  using namespace dealii;

  namespace
  {
    constexpr double quarter = 4.0; // quarter block -> whole block

    double
    crack_half_length(const StrokeSettings &st)
    {
      return st.crack_length_ratio * 0.5 * st.needle.shaft_diameter;
    }

    /// Small-strain Young's modulus E = 9 K G / (3 K + G) of a law.
    double
    youngs_modulus(const ConstitutiveLaw &law)
    {
      const double K = law.bulk_modulus(), G = law.shear_modulus();
      return 9.0 * K * G / (3.0 * K + G);
    }

    /// The graded block with a uniform zone around the needle path; the
    /// lateral size divides the crack half-length c so that x = c is a grid line.
    SkinMeshSettings
    stroke_mesh(const Scenario &s)
    {
      const double       c = crack_half_length(s.stroke);
      SkinMeshSettings   m = s.mesh;
      const unsigned int n = std::ceil(c / m.h_min - 1e-9);
      m.h_min              = c / n;
      m.uniform_width      = 2.0 * c;
      m.uniform_depth =
        std::min(1.1 * s.stroke.motion.depth + 2.0 * m.h_min, 0.9 * s.layers.total_thickness());
      return m;
    }

    double
    mpi_sum(const double x, const MPI_Comm comm)
    {
      return Utilities::MPI::sum(x, comm);
    }
  } // namespace



  StrokeModel::StrokeModel(const Scenario &s, const MPI_Comm comm)
    : tria(comm)
    , motion(s.stroke.motion)
    , settings(s.stroke)
  {
    make_skin_block(tria, s.layers, stroke_mesh(s));
    tria.refine_global(s.global_refinements);

    typename FiniteStrainSolid<3>::MaterialMap materials;
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      materials[l] = s.laws[l];
    solid = std::make_unique<FiniteStrainSolid<3>>(tria, materials, s.solid);

    const double c    = crack_half_length(settings);
    const auto   zero = [](const Point<3> &, double) { return std::optional<double>(0.0); };
    for (unsigned int d = 0; d < 3; ++d)
      solid->add_dirichlet({BoundaryId::bottom, d, zero});
    solid->add_dirichlet({BoundaryId::symmetry_x, 0, zero});
    // Symmetry u_y = 0 on y = 0 beyond the crack path (x >= c).
    solid->add_dirichlet({BoundaryId::symmetry_y, 1, [c](const Point<3> &X, double) {
                            return X[0] >= c * (1.0 - 1e-9) ? std::optional<double>(0.0) :
                                                              std::nullopt;
                          }});
    if (s.lateral_roller)
      for (unsigned int d = 0; d < 2; ++d)
        {
          const double W = s.mesh.half_width;
          solid->add_dirichlet({BoundaryId::lateral, d, [d, W](const Point<3> &X, double) {
                                  return std::abs(X[d] - W) < 1e-9 * W ? std::optional<double>(0.0) :
                                                                         std::nullopt;
                                }});
        }

    const NeedleMotion m = motion;
    contact              = std::make_shared<NeedleContact<3>>(
      NeedleGeometry(settings.needle), [m](double t) { return m.tip_position(t); },
      settings.contact,
      std::set<types::boundary_id>{BoundaryId::surface, BoundaryId::symmetry_y,
                                   BoundaryId::symmetry_x});
    contact_index = solid->add_interaction(contact);

    CohesiveCrackSettings cs;
    cs.half_length = c;
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      cs.youngs_modulus[l] = youngs_modulus(*s.laws[l]);
    cs.strength  = settings.strength;
    cs.toughness = settings.toughness;
    cs.viscosity = settings.cohesive_viscosity;
    // After puncture the tip cuts the points it reaches: progress from 0 at
    // half a face size outside the needle surface to 1 half a face size inside.
    const NeedleGeometry needle(settings.needle);
    crack = std::make_shared<CohesiveCrack>(
      cs, s.layers, [m](double t) { return std::abs(m.tip_velocity(t)); },
      [this, needle, m](const Point<3> &x, double t, double face_size) {
        if (!punctured)
          return 0.0;
        const double phi = needle.signed_distance(x, m.tip_position(t)).value;
        return std::clamp(0.5 - phi / face_size, 0.0, 1.0);
      },
      BoundaryId::symmetry_y);
    crack_index = solid->add_interaction(crack);

    solid->setup();
  }



  std::vector<double>
  StrokeModel::step_times() const
  {
    // Equal needle travel: depth fractions k/n down, then back up.
    const NeedleMotion::Parameters &p      = motion.parameters();
    const double                    T      = motion.stroke_duration();
    const unsigned int              n_half = std::max(2u, settings.steps_per_stroke / 2);
    std::vector<double>             times;
    for (unsigned int stroke = 0; stroke < p.strokes; ++stroke)
      {
        std::vector<double> down;
        for (unsigned int k = 1; k <= n_half; ++k)
          {
            const double fraction = double(k) / n_half; // depth / d
            // pulsating: depth = d (1 - cos(2 pi t/T))/2; constant speed: depth = v t
            down.push_back(p.type == NeedleMotion::Type::pulsating ?
                             T / (2.0 * M_PI) * std::acos(1.0 - 2.0 * fraction) :
                             0.5 * T * fraction);
          }
        for (const double t : down)
          times.push_back(stroke * T + t);
        for (unsigned int k = 1; k <= n_half; ++k) // back up, mirrored in time
          times.push_back(stroke * T + (k < n_half ? T - down[n_half - k - 1] : T));
      }
    return times;
  }



  double
  StrokeModel::puncture_force(const double t) const
  {
    const ToughnessLaw &G   = settings.toughness;
    const double        r_t = settings.needle.tip_radius;
    return settings.puncture_pressure * M_PI * r_t * r_t *
           std::sqrt(G.toughness(motion.tip_velocity(t)) / G.reference_toughness);
  }



  double
  StrokeModel::needle_force() const
  {
    return quarter * mpi_sum(contact->force_on_needle()[2], solid->mpi_communicator());
  }



  StrokeModel::EnergyBalance
  StrokeModel::energies() const
  {
    const MPI_Comm comm = solid->mpi_communicator();
    EnergyBalance  e;
    e.strain_energy        = quarter * solid->strain_energy();
    e.contact_energy       = quarter * mpi_sum(contact->penalty_energy(), comm);
    e.friction_dissipation = quarter * mpi_sum(contact->friction_dissipation(), comm);
    e.fracture_energy      = mpi_sum(crack->fracture_energy(), comm);
    e.cutting_energy       = mpi_sum(crack->cutting_energy(), comm);
    e.cohesive_work        = mpi_sum(crack->work(), comm);
    e.cohesive_viscous     = mpi_sum(crack->viscous_dissipation(), comm);
    return e;
  }



  double
  StrokeModel::crack_depth() const
  {
    return Utilities::MPI::max(crack->crack_depth(), solid->mpi_communicator());
  }



  double
  StrokeModel::crack_half_width() const
  {
    return Utilities::MPI::max(crack->crack_half_width(), solid->mpi_communicator());
  }



  double
  StrokeModel::surface_deflection() const
  {
    double deflection = -std::numeric_limits<double>::max();
    for (const auto &cell : solid->dof_handler().active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int v : cell->vertex_indices())
          if (cell->vertex(v).norm() < 1e-12)
            deflection = -solid->solution()[cell->vertex_dof_index(v, 2)];
    return Utilities::MPI::max(deflection, solid->mpi_communicator());
  }



  std::vector<double>
  StrokeModel::cut_fraction(const double cut_half_width) const
  {
    // Mean broken fraction of the cell's crack face times the share of its
    // thickness (in y) within the cut zone.
    std::vector<double> f = solid->interaction_cell_average(
      crack_index, [this](unsigned int i) { return crack->damage(i) >= 1.0 ? 1.0 : 0.0; });
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        f[cell->active_cell_index()] *=
          std::min(1.0, cut_half_width / cell->extent_in_direction(1));
    return f;
  }



  std::vector<double>
  StrokeModel::contact_pressure() const
  {
    return solid->interaction_cell_average(contact_index, [this](unsigned int i) {
      return contact->contact_pressure(i);
    });
  }



  namespace
  {
    /// The injury of the current stroke per cell: the cut zone, and the
    /// stretch law on the rest of the cell.
    std::vector<double>
    stroke_injury(const StrokeModel &model, const InjuryLaw &law,
                  const std::vector<double> &max_stretch)
    {
      const std::vector<double> cut = model.cut_fraction(law.cut_zone_half_width());
      std::vector<double>       D(max_stretch.size(), 0.0);
      for (const auto &cell : model.tria.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const unsigned int i = cell->active_cell_index();
            D[i] = cut[i] + (1.0 - cut[i]) * law.from_stretch(cell->material_id(), max_stretch[i]);
          }
      return D;
    }

    std::vector<double>
    combined(const std::vector<double> &a, const std::vector<double> &b)
    {
      std::vector<double> D(a.size());
      for (unsigned int i = 0; i < a.size(); ++i)
        D[i] = InjuryLaw::combine(a[i], b[i]);
      return D;
    }

    /// Cells with injury, gathered on rank 0 in a fixed order:
    /// x, y, z of the cell centre [mm], quarter-cell volume [mm^3], D, layer.
    Curve
    injury_kernel(const StrokeModel &model, const std::vector<double> &D)
    {
      std::vector<std::vector<double>> rows;
      for (const auto &cell : model.tria.active_cell_iterators())
        if (cell->is_locally_owned() && D[cell->active_cell_index()] > 1e-6)
          {
            const Point<3> c = cell->center();
            rows.push_back({c[0], c[1], c[2], cell->measure(), D[cell->active_cell_index()],
                            double(cell->material_id()), cell->extent_in_direction(0),
                            cell->extent_in_direction(1), cell->extent_in_direction(2)});
          }
      Curve kernel{"injury_kernel",
                   {"x_mm", "y_mm", "z_mm", "volume_mm3", "injury", "layer", "dx_mm", "dy_mm",
                    "dz_mm"},
                   {}};
      for (const auto &part : Utilities::MPI::gather(model.solid->mpi_communicator(), rows))
        kernel.rows.insert(kernel.rows.end(), part.begin(), part.end());
      std::sort(kernel.rows.begin(), kernel.rows.end(), [](const auto &a, const auto &b) {
        return std::make_tuple(a[2], a[1], a[0]) < std::make_tuple(b[2], b[1], b[0]);
      });
      return kernel;
    }

    /// Injured volume D dV per layer of the whole block [mm^3].
    std::array<double, n_skin_layers>
    injured_volume(const StrokeModel &model, const std::vector<double> &D)
    {
      std::array<double, n_skin_layers> v{};
      for (const auto &cell : model.tria.active_cell_iterators())
        if (cell->is_locally_owned())
          v[cell->material_id()] += quarter * D[cell->active_cell_index()] * cell->measure();
      for (double &x : v)
        x = Utilities::MPI::sum(x, model.solid->mpi_communicator());
      return v;
    }

    /// What the force-depth history shows of the puncture.
    struct Puncture
    {
      bool         found      = false;
      double       force      = 0.0; ///< force at puncture [N]
      double       travel     = 0.0; ///< needle travel at puncture [mm]
      double       tenting    = 0.0; ///< surface deflection on the axis at puncture [mm]
      double       force_drop = 0.0; ///< force drop when the skin splits [N]
      /// Stored energy less dissipation lost in the snap at puncture [mJ].
      double       energy_release = 0.0;
    };

    std::vector<double>
    energy_row(const double t, const double work, const StrokeModel::EnergyBalance &e)
    {
      return {t, work, e.strain_energy, e.contact_energy, e.cohesive_work, e.cutting_energy,
              e.friction_dissipation};
    }
  } // namespace



  RunResults
  run_stroke(const Scenario &s, const std::string &directory, Progress &progress,
             const MPI_Comm comm)
  {
    StrokeModel        model(s, comm);
    FiniteStrainSolid<3> &solid = *model.solid;
    const InjuryLaw    &law    = *s.stroke.injury;
    const NeedleMotion  motion(s.stroke.motion);
    solid.on_iteration = [&progress](const NewtonIterationInfo &info) {
      progress.newton_iteration(info);
    };
    progress.message("stroke: " + std::to_string(model.tria.n_global_active_cells()) +
                     " cells, " + std::to_string(solid.n_dofs()) + " unknowns, " +
                     std::to_string(Utilities::MPI::n_mpi_processes(comm)) + " MPI rank(s)");

    const unsigned int  n_cells = model.tria.n_active_cells();
    std::vector<double> injury_before(n_cells, 0.0), max_stretch(n_cells, 1.0);
    const auto          current_injury = [&]() {
      return combined(injury_before, stroke_injury(model, law, max_stretch));
    };

    FieldWriter<3> fields(directory);
    const auto     write_fields = [&](unsigned int step) {
      fields.write(solid, solid.time(), step,
                   {{"injury", current_injury()}, {"contact_pressure_MPa", model.contact_pressure()}});
    };
    if (s.output.write_fields)
      write_fields(0);

    // force_N = contact force + cutting force G_c dA/dz (cohesive_crack.h).
    Curve force_depth{"force_depth",
                      {"time_s", "tip_depth_mm", "force_N", "crack_depth_mm",
                       "surface_deflection_mm", "cutting_force_N"},
                      {{0.0, 0.0, 0.0, 0.0, 0.0, 0.0}}};
    double cut_energy = 0.0; // cutting energy at the last recorded row [mJ]
    Curve energy{"energy_balance",
                 {"time_s", "needle_work_mJ", "strain_energy_mJ", "contact_energy_mJ",
                  "cohesive_work_mJ", "cutting_energy_mJ", "friction_dissipation_mJ"},
                 {std::vector<double>(7, 0.0)}};
    Puncture     puncture;
    double       work = 0.0, peak_force = 0.0, min_force = 0.0, force_at_depth = 0.0;
    unsigned int newton_total = 0, linear_total = 0, substeps = 0;

    const std::vector<double> times    = model.step_times();
    const unsigned int        per_stroke = times.size() / s.stroke.motion.strokes;
    for (unsigned int step = 1; step <= times.size(); ++step)
      {
        advance_to(solid, times[step - 1], s.max_step_cuts, [&](const SubstepInfo &info) {
          newton_total += info.report.newton_iterations;
          linear_total += info.report.linear_iterations;
          ++substeps;
          progress.load_step(substeps, info.t, info.cuts, info.report);
        });

        const auto cells = solid.cell_fields();
        for (const auto &cell : model.tria.active_cell_iterators())
          if (cell->is_locally_owned())
            max_stretch[cell->active_cell_index()] =
              std::max(max_stretch[cell->active_cell_index()],
                       cells[cell->active_cell_index()].max_principal_stretch);

        // Needle work: trapezoidal rule of the contact force over the needle
        // travel, plus the cutting work G_c dA of the points the tip cut.
        const double depth    = -model.tip_position(solid.time());
        const std::vector<double> previous = force_depth.rows.back();
        const StrokeModel::EnergyBalance e = model.energies();
        const double travel   = depth - previous[1];
        const double cutting  = travel > 0.0 ? (e.cutting_energy - cut_energy) / travel : 0.0;
        cut_energy            = e.cutting_energy;
        const double contact_force = model.needle_force();
        const double force         = contact_force + cutting;
        work += 0.5 * (contact_force + previous[2] - previous[5]) * travel + cutting * travel;
        const double deflection = model.surface_deflection();
        force_depth.rows.push_back(
          {solid.time(), depth, force, model.crack_depth(), deflection, cutting});
        progress.message("  needle " + std::to_string(depth) + " mm deep, force " +
                         std::to_string(force) + " N, crack " +
                         std::to_string(force_depth.rows.back()[3]) + " mm deep");
        energy.rows.push_back(energy_row(solid.time(), work, e));
        peak_force = std::max(peak_force, force);
        min_force  = std::min(min_force, force);
        if (step == per_stroke / 2)
          force_at_depth = force;

        if (!puncture.found)
          {
            puncture.tenting = std::max(puncture.tenting, deflection);
            const double F_p = model.puncture_force(solid.time());
            if (force >= F_p && step <= per_stroke / 2)
              {
                // Travel and tenting where the force reached F_p (linear in the step).
                const double s   = (F_p - previous[2]) / (force - previous[2]);
                puncture.found   = true;
                puncture.force   = F_p;
                puncture.travel  = previous[1] + s * (depth - previous[1]);
                puncture.tenting = previous[4] + s * (deflection - previous[4]);
                model.puncture();
                // The skin relaxes around the split: solve again at the same time.
                const StepReport report = solid.solve_step(solid.time());
                newton_total += report.newton_iterations;
                linear_total += report.linear_iterations;
                if (!report.converged)
                  throw ConvergenceFailure("no equilibrium after puncture at t = " +
                                           std::to_string(solid.time()) + " s: " + report.failure);
                solid.commit_step();
                puncture.force_drop = force - model.needle_force();
                force_depth.rows.push_back({solid.time(), depth, model.needle_force(),
                                            model.crack_depth(), model.surface_deflection(), 0.0});
                cut_energy = model.energies().cutting_energy;
                const auto before = energy.rows.back();
                energy.rows.push_back(energy_row(solid.time(), work, model.energies()));
                puncture.energy_release =
                  std::accumulate(before.begin() + 2, before.end(), 0.0) -
                  std::accumulate(energy.rows.back().begin() + 2, energy.rows.back().end(), 0.0);
                progress.message("  puncture at " + std::to_string(puncture.travel) +
                                 " mm needle travel, force " + std::to_string(F_p) + " N");
              }
          }

        if (step % per_stroke == 0)
          {
            injury_before = current_injury();
            std::fill(max_stretch.begin(), max_stretch.end(), 1.0);
          }
        if (s.output.write_fields && (step % s.output.field_interval == 0 || step == times.size()))
          write_fields(step);
      }

    const std::array<double, n_skin_layers> volume = injured_volume(model, injury_before);
    const double channel_depth = model.crack_depth();
    const StrokeModel::EnergyBalance e = model.energies();
    const double stored_and_dissipated = e.strain_energy + e.contact_energy + e.cohesive_work +
                                         e.cutting_energy + e.friction_dissipation;

    RunResults results;
    results.add_text("status", "completed");
    results.add_text("problem", "stroke");
    results.add_text("region", s.region);
    results.add_text("motion", s.stroke.motion.type == NeedleMotion::Type::pulsating ?
                                 "pulsating" :
                                 "constant speed");
    results.add("depth_setting_mm", s.stroke.motion.depth);
    results.add("peak_needle_speed_mm_per_s", motion.peak_speed());
    results.add("toughness_at_peak_speed_N_per_mm",
                s.stroke.toughness.toughness(motion.peak_speed()));
    results.add("peak_force_N", peak_force);
    results.add("punctured", puncture.found ? 1 : 0);
    results.add("puncture_force_N", puncture.found ? puncture.force : 0.0);
    results.add("puncture_depth_mm", puncture.found ? puncture.travel : 0.0);
    results.add("tenting_mm", puncture.tenting);
    results.add("force_drop_at_puncture_N", puncture.found ? puncture.force_drop : 0.0);
    results.add("puncture_energy_release_mJ", puncture.energy_release);
    results.add("force_at_full_depth_N", force_at_depth);
    results.add("retraction_force_min_N", min_force);
    results.add("channel_depth_mm", channel_depth);
    results.add("channel_width_mm", 2.0 * model.crack_half_width());
    results.add("channel_depth_fraction_of_setting",
                channel_depth / s.stroke.motion.depth);
    double total = 0.0;
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      {
        results.add("injured_volume_" + layer_key(l) + "_mm3", volume[l]);
        total += volume[l];
      }
    results.add("injured_volume_mm3", total);
    const unsigned int deepest = s.layers.layer_at_depth(std::max(channel_depth - 1e-9, 0.0));
    results.add("layers_reached", channel_depth > 0 ? deepest + 1 : 0);
    results.add_text("deepest_layer_reached", channel_depth > 0 ? layer_key(deepest) : "none");
    results.add("superficial_plexus_reached",
                channel_depth >= s.layers.superficial_plexus_depth() ? 1 : 0);
    results.add("needle_work_mJ", work);
    results.add("strain_energy_end_mJ", e.strain_energy);
    results.add("fracture_energy_mJ", e.fracture_energy + e.cutting_energy);
    results.add("cutting_energy_mJ", e.cutting_energy);
    results.add("friction_dissipation_mJ", e.friction_dissipation);
    results.add("cohesive_viscous_dissipation_mJ", e.cohesive_viscous);
    // Needle work not found in the stored energies, fracture and friction:
    // the viscoelastic dissipation of the layers (plus discretisation error).
    results.add("viscoelastic_and_residual_energy_mJ",
                work - stored_and_dissipated - puncture.energy_release);
    results.add("skin_thickness_mm", s.layers.total_thickness());
    results.add("n_unknowns", solid.n_dofs());
    results.add("n_cells", model.tria.n_global_active_cells());
    results.add("load_steps", substeps);
    results.add("newton_iterations", newton_total);
    results.add("newton_iterations_per_step", double(newton_total) / substeps);
    results.add("krylov_iterations", linear_total);
    results.add("mpi_ranks", Utilities::MPI::n_mpi_processes(comm));
    results.add_curve(force_depth);
    results.add_curve(energy);
    results.add_curve(injury_kernel(model, injury_before));
    return results;
  }
} // namespace needlesim
