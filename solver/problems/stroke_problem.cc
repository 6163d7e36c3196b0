#include "stroke_problem.h"

#include "run_timing.h"

#include "skin_mesh.h"
#include "skin_solid.h"
#include "stroke_injury.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace needlesim
{
  using namespace dealii;

  namespace
  {
    const double unknown_gain = std::numeric_limits<double>::quiet_NaN();

    double
    sum(const double x, const MPI_Comm comm)
    {
      return Utilities::MPI::sum(x, comm);
    }

    /// The stroke of @p st with the round needle that stands for its needle
    /// in the axisymmetric model.
    StrokeSettings
    with_round_needle(StrokeSettings st)
    {
      st.needle = st.needle.axisymmetric_equivalent();
      return st;
    }
  } // namespace



  NeedleStroke::NeedleStroke(const Scenario &s, const MPI_Comm comm_, Progress &progress_)
    : scenario(s)
    , settings(with_round_needle(s.stroke))
    , comm(comm_)
    , progress(progress_)
    , motion(s.stroke.motion)
    , needle(settings.needle)
    , tria(comm_)
  {
    make_mesh();
    // the sections respond to the stroke on its own time scale: half a stroke
    sections =
      std::make_unique<SectionTables>(s.laws,
                                      0.5 * motion.stroke_duration(),
                                      WedgedCrackSettings(),
                                      settings.section_cache,
                                      comm,
                                      [this](const std::string &text) { progress.message(text); });
    make_solid();
    // the penetrated branch: the same skin, split along the needle from the start
    const State intact = save();
    channel->open();
    contact->release(needle.shaft_radius());
    penetrated = save();
    restore(intact);
    const std::vector<double> times = step_times();
    step_size      = std::make_unique<StepSizeController>(times.front(), s.max_step_cuts);
    gain_before    = unknown_gain;
    force_depth    = {"force_depth",
                      {"time_s",
                       "tip_depth_mm",
                       "force_N",
                       "crack_depth_mm",
                       "surface_deflection_mm",
                       "contact_force_N",
                       "cutting_force_N",
                       "channel_friction_force_N"},
                      {std::vector<double>(8, 0.0)}};
    energy_balance = {"energy_balance", StrokeEnergy::columns(), {StrokeEnergy().row(0.0)}};
  }



  namespace
  {
    /// make_stroke_block's arguments for the needle: its shaft radius R, the
    /// cell size R/4 in the channel zone, and the zone's depth.
    struct StrokeBlock
    {
      double r_s, h_channel, channel_depth;
    };

    StrokeBlock
    stroke_block(const Scenario &s)
    {
      const double R = NeedleGeometry(s.stroke.needle.axisymmetric_equivalent()).shaft_radius();
      return {R, R / 4.0, std::min(s.stroke.motion.depth + 2.0 * R, s.layers.total_thickness())};
    }
  } // namespace



  std::vector<std::vector<double>>
  stroke_mesh_steps(const Scenario &s)
  {
    const StrokeBlock b = stroke_block(s);
    return stroke_block_steps(s.layers, s.mesh, b.r_s, b.h_channel, b.channel_depth);
  }



  void
  NeedleStroke::make_mesh()
  {
    const StrokeBlock b = stroke_block(scenario);
    make_stroke_block(tria, scenario.layers, scenario.mesh, b.r_s, b.h_channel, b.channel_depth);
    tria.refine_global(scenario.global_refinements);
  }



  double
  NeedleStroke::tip_cell_size() const
  {
    return scenario.mesh.h_min / std::pow(2.0, scenario.global_refinements);
  }



  double
  NeedleStroke::channel_cell_size() const
  {
    return needle.shaft_radius() / 4.0 / std::pow(2.0, scenario.global_refinements);
  }



  void
  NeedleStroke::make_solid()
  {
    solid = make_skin_solid(tria, scenario);

    const NeedleMotion m   = motion;
    const auto         tip = [m](const double t) { return m.tip_position(t); };
    solid->load_parameter  = tip; // Newton starts from the state extrapolated along the travel
    contact       = std::make_shared<NeedleContact<2>>(std::make_shared<NeedleGeometry>(needle),
                                                 tip,
                                                 settings.contact,
                                                 std::set<types::boundary_id>{BoundaryId::surface});
    contact_index = solid->add_interaction(contact);

    SplitChannel::Settings cs;
    cs.needle    = settings.needle;
    cs.channel   = settings.channel;
    cs.toughness = settings.toughness;
    cs.radius    = needle.shaft_radius();
    // the cone-to-shaft shoulder blended over one cell height of the channel
    cs.shoulder_radius =
      channel_cell_size() / std::sin(settings.needle.cone_half_angle * M_PI / 180.0);
    channel = std::make_shared<SplitChannel>(
      cs, scenario.layers, sections->all(), tip, [m](const double t) { return m.tip_velocity(t); });
    channel_index = solid->add_interaction(channel);
    solid->setup();
    max_stretch.assign(tria.n_active_cells(), 1.0);
  }



  std::vector<double>
  NeedleStroke::step_times() const
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



  RunResults
  NeedleStroke::run(const std::string &directory)
  {
    solid->on_iteration = [this](const NewtonIterationInfo &info) {
      progress.newton_iteration(info);
    };
    progress.message("stroke: " + std::to_string(tria.n_global_active_cells()) + " cells, " +
                     std::to_string(solid->n_dofs()) + " unknowns, " +
                     std::to_string(Utilities::MPI::n_mpi_processes(comm)) + " MPI rank(s)");
    if (scenario.output.write_fields)
      {
        fields = std::make_unique<FieldWriter<2>>(directory);
        // the needle from its tip to 0.2 mm above the skin at full depth,
        // and at least to 0.1 mm above its shoulder (the cone then the shaft)
        if (Utilities::MPI::this_mpi_process(comm) == 0)
          needle_output = std::make_unique<NeedleOutput>(directory,
                                                         needle,
                                                         std::max(motion.parameters().depth + 0.2,
                                                                  needle.shoulder_height() + 0.1));
        write_fields(0);
      }

    const std::vector<double> targets    = step_times();
    const unsigned int        per_stroke = targets.size() / motion.parameters().strokes;
    try
      {
        for (unsigned int k = 0; k < targets.size(); ++k)
          {
            advance_to(targets[k]);
            if (k % per_stroke == per_stroke / 2 - 1)
              {
                // the bottom of the stroke: the loading reverses
                statistics.force_at_depth = needle_force();
                const StrokeEnergy e      = energy();
                energy_at_depth           = {e.fracture, e.section, e.friction};
                extrapolate               = false;
                // the first step up starts at a quarter: the whole step failed
                // at the reversal of every stroke measured (the channel
                // friction turns everywhere at once), after 15 Newton
                // iterations, and was then cut to this
                step_size->cut();
              }
          }
      }
    catch (const ConvergenceFailure &)
      {
        // the curves of the converged steps go with the failed run
        RunResults partial;
        partial.add_curve(force_depth);
        partial.add_curve(energy_balance);
        if (Utilities::MPI::this_mpi_process(comm) == 0)
          partial.write_csv(directory);
        throw;
      }
    RunResults r = results();
    report_timing({&solid->timer()}, progress.elapsed(), comm, r, progress);
    return r;
  }



  void
  NeedleStroke::advance_to(const double t_target)
  {
    const double tolerance = 1e-12 * motion.total_duration();
    while (solid->time() < t_target - tolerance)
      {
        const double t_new =
          step_end(solid->time(), std::min(solid->time() + step_size->size(), t_target));
        if (try_step(t_new))
          continue;
        ++statistics.rejected;
        if (!step_size->failed())
          throw ConvergenceFailure(
            "the stroke could not advance from t = " + std::to_string(solid->time()) +
            " s (needle " + std::to_string(-motion.tip_position(solid->time())) +
            " mm deep) even with the smallest load step: " + last_report.failure);
      }
  }



  double
  NeedleStroke::step_end(const double t_from, const double t_to) const
  {
    // Before the puncture the indented skin slides over the tip, the points
    // of the surface entering contact one after the other, and the stick and
    // slip of each depend on the path: larger steps moved the stored energies
    // that decide the puncture by up to 13 % (the puncture travel by 20 %).
    // The needle travels at most the element size at the needle (after the
    // global refinements) per step (bisection in time; the travel is
    // monotone within a step).
    const auto   depth = [this](const double t) { return -motion.tip_position(t); };
    const double h     = tip_cell_size();
    if (punctured.found || std::abs(depth(t_to) - depth(t_from)) <= h)
      return t_to;
    double t_a = t_from, t_b = t_to;
    for (unsigned int k = 0; k < 60; ++k)
      {
        const double t_m = 0.5 * (t_a + t_b);
        if (std::abs(depth(t_m) - depth(t_from)) <= h)
          t_a = t_m;
        else
          t_b = t_m;
      }
    return t_a;
  }



  bool
  NeedleStroke::try_step(const double t_new)
  {
    const State before = save(), penetrated_before = penetrated;
    if (!solve_and_commit(t_new))
      return false;
    if (!punctured.found)
      {
        // the penetrated branch takes the same step
        const State indented = save();
        restore(penetrated);
        const bool converged = solve_and_commit(t_new);
        penetrated           = save();
        restore(indented);
        if (!converged)
          {
            last_report.failure = "the split skin: " + last_report.failure;
            restore(before);
            penetrated = penetrated_before;
            return false;
          }
      }
    statistics.at_step_cut_limit += step_size->at_limit();
    step_size->converged(last_newton_iterations);
    ++statistics.steps;
    progress.load_step(statistics.steps, t_new, 0, last_report);
    if (!punctured.found)
      {
        const double gain = penetration_gain(penetrated);
        if (gain >= 0.0)
          {
            locate_puncture(before, penetrated_before, gain);
            return true;
          }
        gain_before = gain;
      }
    record();
    return true;
  }



  bool
  NeedleStroke::solve_and_commit(const double t_new)
  {
    last_report = solid->solve_step(t_new, extrapolate);
    statistics.newton += last_report.newton_iterations;
    statistics.krylov += last_report.linear_iterations;
    if (!last_report.converged)
      return false;
    last_newton_iterations = last_report.newton_iterations;
    solid->commit_step();
    extrapolate = true;
    return true;
  }



  bool
  NeedleStroke::solve_from(const State &from, const double t_target, const unsigned int depth)
  {
    // from the state @p from to t_target, in halves where the whole step fails
    restore(from);
    if (solve_and_commit(t_target))
      return true;
    if (depth == 4)
      return false;
    const double t_half = 0.5 * (from.solid.t + t_target);
    if (!solve_from(from, t_half, depth + 1))
      return false;
    return solve_from(save(), t_target, depth + 1);
  }



  double
  NeedleStroke::penetration_gain(const State &pen)
  {
    // the energy-minimum switch: the stored energy of the indented skin
    // against the stored energy of the split skin and its crack's fracture energy
    const StrokeEnergy e_ind = energy();
    const State        ind   = save();
    restore(pen);
    const StrokeEnergy e_pen = energy();
    restore(ind);
    return e_ind.stored() - (e_pen.stored() + e_pen.fracture);
  }



  void
  NeedleStroke::locate_puncture(State ind_a, State pen_a, double g_b)
  {
    // The switch lies between the last step and this one: Illinois regula
    // falsi on the energy gain along the needle travel (bisection while the
    // gain before is unknown), down to a tenth of the element size at the tip
    // (until model v5 1e-3 of the depth setting: 0.5 um, 2 % of the default
    // stroke's puncture travel, more than its change with the mesh).
    const auto depth = [this](const double t) { return -motion.tip_position(t); };
    double     t_a = ind_a.solid.t, g_a = gain_before, t_b = solid->time();
    State      ind_b = save(), pen_b = penetrated;
    int        side     = 0;
    extrapolate         = false; // the states a and b are not consecutive steps
    const double travel = 0.1 * tip_cell_size();
    for (unsigned int k = 0; k < 30 && std::abs(depth(t_b) - depth(t_a)) > travel; ++k)
      {
        double t_m = std::isnan(g_a) ? 0.5 * (t_a + t_b) : t_b - g_b * (t_b - t_a) / (g_b - g_a);
        t_m        = std::clamp(t_m, t_a + 0.05 * (t_b - t_a), t_b - 0.05 * (t_b - t_a));
        const bool  pen_ok = solve_from(pen_a, t_m);
        const State pen_m  = save();
        if (!pen_ok || !solve_from(ind_a, t_m))
          {
            // no equilibrium inside the bracket (the indented skin near its
            // limit): the puncture at its end, where both branches were solved
            progress.message("  puncture located to " + std::to_string(depth(t_b) - depth(t_a)) +
                             " mm of travel (" + last_report.failure + ")");
            break;
          }
        const double g_m = penetration_gain(pen_m);
        if (g_m >= 0.0)
          {
            t_b   = t_m;
            g_b   = g_m;
            ind_b = save();
            pen_b = pen_m;
            g_a   = side == 1 ? 0.5 * g_a : g_a;
            side  = 1;
          }
        else
          {
            t_a   = t_m;
            g_a   = g_m;
            ind_a = save();
            pen_a = pen_m;
            g_b   = side == -1 ? 0.5 * g_b : g_b;
            side  = -1;
          }
      }
    restore(ind_b);
    record(); // the indented skin just before it splits
    puncture(pen_b);
  }



  void
  NeedleStroke::puncture(const State &split)
  {
    const StrokeEnergy e_ind = energy();
    punctured.found          = true;
    punctured.travel         = -motion.tip_position(solid->time());
    punctured.force          = needle_force();
    punctured.tenting        = surface_deflection();
    restore(split);
    extrapolate = false;
    // The split skin keeps the friction and viscous dissipation of the path
    // the needle really took; what the snap releases beyond the fracture
    // energy of the new crack is lost as kinetic energy (>= 0 by the switch).
    const StrokeEnergy e_pen = energy();
    dissipation_offset.friction += e_ind.friction - e_pen.friction;
    dissipation_offset.viscous += e_ind.viscous - e_pen.viscous;
    snap_loss += e_ind.stored() - e_pen.stored() - e_pen.fracture;
    punctured.force_drop     = punctured.force - needle_force();
    punctured.energy_release = e_ind.stored() - e_pen.stored();
    punctured.fracture       = e_pen.fracture;
    record();
    progress.message("  puncture at " + std::to_string(punctured.travel) +
                     " mm of needle travel, force " + std::to_string(punctured.force) + " N -> " +
                     std::to_string(punctured.force - punctured.force_drop) + " N");
  }



  NeedleStroke::State
  NeedleStroke::save() const
  {
    return {solid->snapshot(), contact->snapshot(), channel->snapshot()};
  }



  void
  NeedleStroke::restore(const State &s)
  {
    solid->restore(s.solid);
    contact->restore(s.contact);
    channel->restore(s.channel);
  }



  double
  NeedleStroke::needle_force() const
  {
    return sum(contact->force_on_needle()[2] + channel->force_on_needle(), comm);
  }



  double
  NeedleStroke::surface_deflection() const
  {
    // the skin surface beside the needle: the mesh vertex at (R, 0)
    const double R          = needle.shaft_radius();
    double       deflection = -std::numeric_limits<double>::max();
    for (const auto &cell : solid->dof_handler().active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int v : cell->vertex_indices())
          if (std::abs(cell->vertex(v)[0] - R) < 1e-9 * R && std::abs(cell->vertex(v)[1]) < 1e-12)
            deflection = -solid->solution()[cell->vertex_dof_index(v, 1)];
    return Utilities::MPI::max(deflection, comm);
  }



  double
  NeedleStroke::split_depth_at_tip() const
  {
    // the material point of the axis at the tip: Z + u_z(Z) = z_tip, linear
    // between the axis vertices (Z + u_z grows with Z)
    std::vector<std::pair<double, double>> axis; // Z, Z + u_z
    for (const auto &cell : solid->dof_handler().active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int v : cell->vertex_indices())
          if (cell->vertex(v)[0] == 0.0)
            axis.emplace_back(cell->vertex(v)[1],
                              cell->vertex(v)[1] + solid->solution()[cell->vertex_dof_index(v, 1)]);
    std::vector<std::pair<double, double>> all;
    for (const auto &part : Utilities::MPI::all_gather(comm, axis))
      all.insert(all.end(), part.begin(), part.end());
    std::sort(all.begin(), all.end());
    const double z_tip = motion.tip_position(solid->time());
    for (unsigned int k = 1; k < all.size(); ++k)
      if (all[k].second >= z_tip && all[k - 1].second <= z_tip && all[k].second > all[k - 1].second)
        {
          const double s = (z_tip - all[k - 1].second) / (all[k].second - all[k - 1].second);
          return -(all[k - 1].first + s * (all[k].first - all[k - 1].first));
        }
    return 0.0;
  }



  StrokeEnergy
  NeedleStroke::energy() const
  {
    StrokeEnergy e;
    e.needle_work      = work;
    e.strain           = solid->strain_energy();
    const auto viscous = solid->viscous_energy();
    e.viscous_stored   = viscous.stored;
    e.viscous          = viscous.dissipated + dissipation_offset.viscous;
    e.contact          = sum(contact->stored_energy(), comm);
    e.section          = sum(channel->stored_energy(), comm);
    e.fracture         = sum(channel->fracture_energy(), comm);
    e.friction = sum(contact->friction_dissipation() + channel->friction_dissipation(), comm) +
                 dissipation_offset.friction;
    e.snap = snap_loss;
    return e;
  }



  void
  NeedleStroke::record()
  {
    const double t = solid->time(), depth = -motion.tip_position(t), force = needle_force();
    // trapezoidal needle work
    work +=
      0.5 * (force + force_depth.last("force_N")) * (depth - force_depth.last("tip_depth_mm"));
    if (channel->opened())
      statistics.crack_front = std::max(statistics.crack_front, split_depth_at_tip());
    const double channel_force  = sum(channel->force_on_needle(), comm);
    const double friction_force = sum(channel->friction_force_on_needle(), comm);
    force_depth.rows.push_back({t,
                                depth,
                                force,
                                statistics.crack_front,
                                surface_deflection(),
                                sum(contact->force_on_needle()[2], comm),
                                channel_force - friction_force,
                                friction_force});
    energy_balance.rows.push_back(energy().row(t));
    statistics.peak_force = std::max(statistics.peak_force, force);
    statistics.min_force  = std::min(statistics.min_force, force);

    const std::vector<CellFields> cells = solid->cell_fields();
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        max_stretch[cell->active_cell_index()] =
          std::max(max_stretch[cell->active_cell_index()],
                   cells[cell->active_cell_index()].max_principal_stretch);
    const unsigned int row = force_depth.rows.size() - 1;
    if (fields && row % scenario.output.field_interval == 0)
      write_fields(row);
  }



  void
  NeedleStroke::write_fields(const unsigned int index)
  {
    TimerOutput::Scope  scope(solid->timer(), "output");
    std::vector<double> injury(tria.n_active_cells(), 0.0);
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        injury[cell->active_cell_index()] =
          settings.injury->from_stretch(cell->material_id(),
                                        max_stretch[cell->active_cell_index()]);
    fields->write(*solid,
                  solid->time(),
                  index,
                  {{"injury", injury},
                   {"contact_pressure_MPa",
                    solid->interaction_cell_average(contact_index,
                                                    [this](unsigned int i) {
                                                      return contact->contact_pressure(i);
                                                    })},
                   {"crack_half_length_mm",
                    solid->interaction_cell_average(channel_index, [this](unsigned int i) {
                      return channel->point_state(i).state.crack_half_length;
                    })}});
    if (needle_output)
      needle_output->write(motion.tip_position(solid->time()), solid->time(), index);
  }



  std::pair<StrokeInjury, double>
  NeedleStroke::injury_field() const
  {
    const auto crack  = solid->interaction_cell_average(channel_index, [this](unsigned int i) {
      return channel->point_state(i).state.crack_half_length;
    });
    const auto radius = solid->interaction_cell_average(channel_index, [this](unsigned int i) {
      return channel->point_state(i).max_radius;
    });
    std::vector<InjuryCell> mine;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const unsigned int i = cell->active_cell_index();
          mine.push_back({cell->vertex(0)[0],
                          cell->vertex(3)[0],
                          cell->vertex(0)[1],
                          cell->vertex(3)[1],
                          cell->material_id(),
                          max_stretch[i],
                          crack[i],
                          radius[i]});
        }
    std::vector<InjuryCell> cells;
    double                  widest = 0.0;
    for (const std::vector<InjuryCell> &part : Utilities::MPI::all_gather(comm, mine))
      for (const InjuryCell &c : part)
        {
          cells.push_back(c);
          widest = std::max(widest, c.crack_half_length);
        }
    const StrokeInjury injury =
      stroke_injury(cells,
                    *settings.injury,
                    *sections,
                    1.0 / (64.0 * std::pow(2.0, scenario.global_refinements)));
    return {injury, widest};
  }



  RunResults
  NeedleStroke::results() const
  {
    const auto [injury, widest] = injury_field();
    const StrokeEnergy e        = energy();
    const double       depth    = statistics.crack_front;
    RunResults         r;
    r.add_text("status", "completed");
    r.add_text("problem", "stroke");
    r.add_text(
      "model",
      "axisymmetric, energy-based puncture, wedged-crack sections, curvature-continuous tip, finite-strain Maxwell branches, friction from first touch (v5)");
    r.add_text("region", scenario.region);
    r.add_text("motion",
               motion.parameters().type == NeedleMotion::Type::pulsating ? "pulsating" :
                                                                           "constant speed");
    r.add("depth_setting_mm", motion.parameters().depth);
    r.add("peak_needle_speed_mm_per_s", motion.peak_speed());
    r.add("toughness_at_peak_speed_N_per_mm", settings.toughness.toughness(motion.peak_speed()));
    r.add("peak_force_N", statistics.peak_force);
    r.add("punctured", punctured.found ? 1 : 0);
    r.add("puncture_force_N", punctured.force);
    r.add("puncture_depth_mm", punctured.travel);
    r.add("tenting_mm",
          punctured.found ? punctured.tenting : force_depth.last("surface_deflection_mm"));
    r.add("puncture_penetration_mm", punctured.found ? punctured.travel - punctured.tenting : 0.0);
    r.add("force_drop_at_puncture_N", punctured.force_drop);
    r.add("puncture_energy_release_mJ", punctured.energy_release);
    r.add("puncture_fracture_energy_mJ", punctured.fracture);
    r.add("force_at_full_depth_N", statistics.force_at_depth);
    r.add("retraction_force_min_N", statistics.min_force);
    r.add("channel_depth_mm", depth);
    r.add("channel_width_mm", 2.0 * widest);
    r.add("channel_depth_fraction_of_setting", depth / motion.parameters().depth);
    double total = 0.0;
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      {
        r.add("injured_volume_" + layer_key(l) + "_mm3", injury.volume[l]);
        total += injury.volume[l];
      }
    r.add("injured_volume_mm3", total);
    // the footprint: where the pointwise injury is at least 1/2
    r.add("footprint_area_mm2", injury.footprint_area);
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      r.add("footprint_volume_" + layer_key(l) + "_mm3", injury.footprint_volume[l]);
    const unsigned int deepest = scenario.layers.layer_at_depth(std::max(depth - 1e-9, 0.0));
    r.add("layers_reached", depth > 0 ? deepest + 1 : 0);
    r.add_text("deepest_layer_reached", depth > 0 ? layer_key(deepest) : "none");
    r.add("superficial_plexus_reached",
          depth >= scenario.layers.superficial_plexus_depth() ? 1 : 0);
    add_energy(r, e);
    r.add("skin_thickness_mm", scenario.layers.total_thickness());
    r.add("n_unknowns", solid->n_dofs());
    r.add("n_cells", tria.n_global_active_cells());
    r.add("load_steps", statistics.steps);
    r.add("rejected_steps", statistics.rejected);
    r.add("steps_at_step_cut_limit", statistics.at_step_cut_limit);
    r.add("newton_iterations", statistics.newton);
    r.add("newton_iterations_per_step", double(statistics.newton) / std::max(1u, statistics.steps));
    r.add("krylov_iterations", statistics.krylov);
    r.add("mpi_ranks", Utilities::MPI::n_mpi_processes(comm));
    r.add_curve(force_depth);
    r.add_curve(energy_balance);
    r.add_curve(injury.kernel);
    return r;
  }



  void
  NeedleStroke::add_energy(RunResults &r, const StrokeEnergy &e) const
  {
    r.add("needle_work_mJ", e.needle_work);
    r.add("strain_energy_end_mJ", e.strain);
    r.add("viscous_stored_energy_end_mJ", e.viscous_stored);
    r.add("contact_energy_end_mJ", e.contact);
    r.add("section_energy_end_mJ", e.section);
    r.add("fracture_energy_mJ", e.fracture);
    r.add("cutting_energy_mJ", e.fracture - punctured.fracture);
    r.add("friction_dissipation_mJ", e.friction);
    r.add("viscous_dissipation_mJ", e.viscous);
    r.add("snap_dissipation_mJ", e.snap);
    r.add("cohesive_viscous_dissipation_mJ", 0.0); // kept for scripts: no cohesive zone since v2
    r.add("viscoelastic_and_residual_energy_mJ", e.viscous + e.remainder());
    r.add("energy_balance_error", e.balance_error());
    // the split of the insertion (Barnett et al. 2015): tearing, spreading,
    // friction at full depth
    const std::vector<double> &bottom = energy_at_depth;
    const double               split  = bottom[0] + bottom[1] + bottom[2];
    r.add("insertion_fracture_share", split > 0 ? bottom[0] / split : 0.0);
    r.add("insertion_spreading_share", split > 0 ? bottom[1] / split : 0.0);
    r.add("insertion_friction_share", split > 0 ? bottom[2] / split : 0.0);
  }



  RunResults
  run_stroke(const Scenario    &s,
             const std::string &directory,
             Progress          &progress,
             const MPI_Comm     comm)
  {
    NeedleStroke stroke(s, comm, progress);
    return stroke.run(directory);
  }
} // namespace needlesim
