#include "treatment_problem.h"

#include "clinical_metrics.h"
#include "field_output.h"
#include "healing_solver.h"
#include "healing_step_control.h"
#include "run_timing.h"
#include "session_injury.h"
#include "skin_mesh.h"

#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace needlesim
{
  using namespace dealii;

  namespace
  {
    /// Integrals of every healing field over the treated square, per layer.
    std::vector<HealingSolver::Integrals>
    treated_integrals(const HealingSolver &healing, const double treated_half_width)
    {
      return healing.integrate([treated_half_width](const Point<3> &c) {
        return std::abs(c[0]) <= treated_half_width && std::abs(c[1]) <= treated_half_width;
      });
    }

    /// Layer means over the treated square of every healing field.
    LayerMeans
    layer_means(const std::vector<HealingSolver::Integrals> &in)
    {
      LayerMeans means{};
      for (unsigned int l = 0; l < n_skin_layers && l < in.size(); ++l)
        for (unsigned int f = 0; f < HealingField::n_fields; ++f)
          means[l][f] = in[l].volume > 0 ? in[l].integral[f] / in[l].volume : 0.0;
      return means;
    }

    /// Collagen gain of the dermis (papillary + reticular, volume weighted) [%].
    double
    dermis_gain(const std::vector<HealingSolver::Integrals> &in)
    {
      const unsigned int papillary = index(SkinLayer::papillary_dermis),
                         reticular = index(SkinLayer::reticular_dermis);
      return 100.0 * ((collagen(in[papillary].integral) + collagen(in[reticular].integral)) /
                        (in[papillary].volume + in[reticular].volume) -
                      1.0);
    }

    /// The injured share of the surface of one session: per pass (the mean
    /// over its passes) and of the session as a whole.
    struct SessionArea
    {
      double per_pass = 0.0, session = 0.0;
    };

    /// D-weighted injured volume of each layer over the patch, and the
    /// footprint (D >= 1/2) in each layer under the treated square.
    struct LayerInjury
    {
      std::array<double, n_skin_layers> volume{}, area{}, footprint{}, treated{};
      double                            total = 0.0;
    };



    /// A treatment run: the stroke kernels, the patch and its healing, the
    /// sessions as events in the healing's time stepping, the clinical
    /// numbers.
    class TreatmentRun
    {
    public:
      TreatmentRun(const Scenario    &scenario,
                   const std::string &directory,
                   Progress          &progress,
                   MPI_Comm           comm);

      RunResults
      run();

    private:
      void
      solve_stroke_kernels();
      void
      set_up_patch();
      void
      heal();
      void
      add_results();

      /// The next session: its punctures, the injury they leave on the
      /// patch and in the epidermis, and its numbers.
      void
      apply_session();
      SessionArea
      injured_surface(unsigned int                     k,
                      const TreatmentSession          &session,
                      const std::vector<PunctureSite> &sites,
                      const StrokeRecord              &stroke,
                      double                           drag);
      LayerInjury
      layer_injury(const SessionInjury &session_field) const;
      void
      record_session(unsigned int                     k,
                     const TreatmentSession          &session,
                     const std::vector<PunctureSite> &sites,
                     const StrokeRecord              &stroke,
                     double                           drag,
                     const SessionInjury             &session_field,
                     const SessionArea               &area);

      /// The end of the healing step that starts on day @p t: the next
      /// session, output, report day or the end of the follow-up.
      double
      next_event(double t) const;
      /// The layer means at the committed time, the epidermis advanced by
      /// @p dt with them, and a row of the timeline.
      LayerMeans
      record_timeline(double dt);
      void
      write_fields(double day);

      const Scenario          &s;
      const TreatmentSettings &tr;
      const std::string        directory;
      Progress                &progress;
      const MPI_Comm           comm;
      const TreatmentProtocol  plan;
      const HealingKinetics    kinetics;
      TimerOutput              timers;

      std::map<double, StrokeRecord>                           strokes;
      std::unique_ptr<parallel::distributed::Triangulation<3>> patch;
      std::unique_ptr<HealingSolver>                           healing;
      std::unique_ptr<FieldWriter<3>>                          writer;
      std::vector<double>                                      injury;
      Epidermis                                                epidermis;
      const double                                             half, plexus;

      RunResults results;
      Curve      timeline, sessions_curve, punctures;
      /// the injured share (pointwise D >= 1/2) of the skin surface after
      /// the first pass of the first session, on squares of the treated square
      Curve surface_map{"surface_footprint_pass1", {"x_mm", "y_mm", "injured_fraction"}, {}};

      HealingStepControl step_control;
      ClinicalMetrics    metrics;
      unsigned int next_session = 0, snapshot = 0, step = 0, newton_total = 0, krylov_total = 0;
    };



    TreatmentRun::TreatmentRun(const Scenario    &scenario,
                               const std::string &directory_,
                               Progress          &progress_,
                               const MPI_Comm     comm_)
      : s(scenario)
      , tr(scenario.treatment)
      , directory(directory_)
      , progress(progress_)
      , comm(comm_)
      , plan(tr.protocol, s.stroke.motion.depth, tr.device.passes)
      , kinetics(tr.healing)
      , timers(std::cout, TimerOutput::never, TimerOutput::wall_times)
      , epidermis(tr.epidermis)
      , half(0.5 * tr.treated_width)
      , plexus(s.layers.superficial_plexus_depth())
      , timeline{"timeline", {"day"}, {}}
      , sessions_curve{"sessions",
                       {"session",
                        "day",
                        "depth_setting_mm",
                        "passes",
                        "punctures",
                        "channels_per_cm2_per_pass",
                        "coverage_fraction",
                        "overlap_fraction",
                        "injured_volume_mm3",
                        "plexus_reached",
                        "erythema_days",
                        "injured_area_fraction_per_pass",
                        "injured_area_fraction"},
                       {}}
      , punctures{"punctures", {"session", "pass", "x_mm", "y_mm", "time_s", "crack_angle_deg"}, {}}
      , step_control(tr.step_tolerance, tr.max_step)
      , metrics(tr, plan)
    {
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        for (const std::string field : {"collagen_rel",
                                        "new_collagen_rel",
                                        "mature_collagen_rel",
                                        "inflammation",
                                        "growth_factor",
                                        "fibroblasts_rel"})
          timeline.columns.push_back(field + "_" + layer_key(l));
      timeline.columns.push_back("epidermis_thickness_change_percent");
      timeline.columns.push_back("epidermis_open_fraction");
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        sessions_curve.columns.push_back("injured_volume_fraction_" + layer_key(l));
    }



    RunResults
    TreatmentRun::run()
    {
      for (const std::string &warning : tr.warnings)
        progress.message("WARNING (simulated on request): " + warning);
      solve_stroke_kernels();
      set_up_patch();
      apply_session();
      metrics.start(record_timeline(0.0), epidermis);
      write_fields(0.0);
      heal();
      add_results();
      return results;
    }



    /// 1. stroke kernels, one per depth setting in the plan
    void
    TreatmentRun::solve_stroke_kernels()
    {
      TimerOutput::Scope scope(timers, "stroke kernels");
      for (const double depth : stroke_kernel_depths(s))
        strokes[depth] = load_stroke_kernel(s, depth, progress, comm);
    }



    /// 2. the patch and its healing
    void
    TreatmentRun::set_up_patch()
    {
      patch = std::make_unique<parallel::distributed::Triangulation<3>>(comm);
      make_skin_block(*patch, s.layers, patch_mesh_settings(tr));
      LinearSolverSettings linear = s.solid.linear;
      linear.type                 = LinearSolverSettings::Type::iterative;
      // the diffusion solves of the split step: far below the step tolerance
      linear.relative_tolerance = 1e-8;
      healing                   = std::make_unique<HealingSolver>(*patch, kinetics, linear);
      progress.message("patch " + format_number(tr.patch_width) +
                       " mm: " + std::to_string(patch->n_global_active_cells()) + " cells, " +
                       std::to_string(healing->n_unknowns()) + " unknowns");
      writer = std::make_unique<FieldWriter<3>>(directory);
      injury.assign(patch->n_active_cells(), 0.0);
    }



    /// 3. sessions and healing, with adaptive steps
    void
    TreatmentRun::heal()
    {
      const double end_day     = plan.end_day();
      double       next_output = plan.output_interval();
      while (healing->time() < end_day - 1e-9)
        {
          const double t     = healing->time();
          const double event = std::min(next_event(t), next_output);
          const double h     = step_control.next(t, event);

          const HealingStepReport report = healing->solve_step(h);
          if (!report.converged)
            {
              step_control.failed(t, h);
              continue;
            }
          // rejected: the trial state is discarded by the next solve
          if (!step_control.accept(h, healing->predictor_difference()))
            continue;
          healing->commit();
          ++step;
          newton_total += report.newton_iterations;
          krylov_total += report.linear_iterations;
          progress.time_step(
            step, healing->time(), "day", report.newton_iterations, report.linear_iterations);

          const double now   = std::abs(healing->time() - event) < 1e-9 ? event : healing->time();
          LayerMeans   means = record_timeline(h);
          metrics.step(now, means, epidermis, next_session == 1);
          for (const double d : metrics.report_days())
            if (std::abs(now - d) < 1e-9)
              metrics.report(d, dermis_gain(treated_integrals(*healing, half)), means, epidermis);
          if (next_session < plan.sessions().size() &&
              std::abs(now - plan.sessions()[next_session].day) < 1e-9)
            {
              const unsigned int k = next_session;
              apply_session();
              metrics.session(k, now, record_timeline(0.0));
              step_control.restart();
            }
          if (std::abs(now - next_output) < 1e-9 || std::abs(now - end_day) < 1e-9)
            {
              write_fields(now);
              next_output += plan.output_interval();
            }
        }
      metrics.finish(end_day);
    }



    double
    TreatmentRun::next_event(const double t) const
    {
      double event = plan.end_day();
      if (next_session < plan.sessions().size())
        event = std::min(event, plan.sessions()[next_session].day);
      for (const double d : metrics.report_days())
        if (d > t + 1e-9)
          event = std::min(event, d);
      return event;
    }



    void
    TreatmentRun::apply_session()
    {
      const unsigned int        k       = next_session++;
      const TreatmentSession   &session = plan.sessions()[k];
      const StrokeRecord       &stroke  = strokes.at(session.depth_setting);
      DevicePattern::Parameters device  = tr.device;
      device.passes                     = session.passes;
      const DevicePattern             pen(device, s.stroke.motion.frequency);
      const std::vector<PunctureSite> sites  = pen.punctures(tr.treated_width, k);
      NeedleMotion::Parameters        motion = s.stroke.motion;
      motion.depth                           = session.depth_setting;
      const double  drag = device.cartridge == DevicePattern::Cartridge::roller ?
                             0.0 : // the drum rolls with the skin
                            device.glide_speed * time_in_skin(motion, stroke.puncture_travel);
      SessionInjury session_field;
      SessionArea   area;
      {
        TimerOutput::Scope scope(timers, "session injury");
        session_field = session_injury(*patch, sites, stroke.kernel, drag, half, tr.injury_samples);
        area          = injured_surface(k, session, sites, stroke, drag);
      }
      injury = std::move(session_field.injury);
      healing->apply_injury([&](const auto &cell) { return injury[cell->active_cell_index()]; });
      epidermis.injure(area.session);
      record_session(k, session, sites, stroke, drag, session_field, area);
    }



    SessionArea
    TreatmentRun::injured_surface(const unsigned int               k,
                                  const TreatmentSession          &session,
                                  const std::vector<PunctureSite> &sites,
                                  const StrokeRecord              &stroke,
                                  const double                     drag)
    {
      // the surface footprint of each pass alone, and of the whole session
      SessionArea  area;
      const double spacing = std::max(0.01, stroke.kernel.lateral_spacing());
      for (unsigned int pass = 0; pass < session.passes; ++pass)
        {
          std::vector<PunctureSite> of_pass;
          std::copy_if(sites.begin(),
                       sites.end(),
                       std::back_inserter(of_pass),
                       [pass](const PunctureSite &p) { return p.pass == pass; });
          // the map of the first session's first pass (50 um squares on
          // the cheek's 5 mm), for needlesim plot
          const bool             mapped = k == 0 && pass == 0;
          const SurfaceFootprint footprint =
            surface_footprint(of_pass, stroke.kernel, drag, half, spacing, mapped ? 100 : 1, comm);
          area.per_pass += footprint.fraction / session.passes;
          for (unsigned int c = 0; mapped && c < footprint.map.size(); ++c)
            {
              const double cell = 2.0 * half / footprint.map_cells;
              surface_map.rows.push_back({-half + (c % footprint.map_cells + 0.5) * cell,
                                          -half + (c / footprint.map_cells + 0.5) * cell,
                                          footprint.map[c]});
            }
        }
      area.session =
        session.passes == 1 ?
          area.per_pass :
          surface_footprint(sites, stroke.kernel, drag, half, spacing, 1, comm).fraction;
      return area;
    }



    LayerInjury
    TreatmentRun::layer_injury(const SessionInjury &session_field) const
    {
      LayerInjury in;
      for (const auto &cell : patch->active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const unsigned int i = cell->active_cell_index(), l = cell->material_id();
            in.volume[l] += injury[i] * cell->measure();
            in.area[l] += cell->measure();
            const Point<3> c = cell->center();
            if (std::abs(c[0]) <= half && std::abs(c[1]) <= half)
              {
                in.footprint[l] += session_field.footprint[i] * cell->measure();
                in.treated[l] += cell->measure();
              }
          }
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        {
          in.volume[l]    = Utilities::MPI::sum(in.volume[l], comm);
          in.area[l]      = Utilities::MPI::sum(in.area[l], comm);
          in.footprint[l] = Utilities::MPI::sum(in.footprint[l], comm);
          in.treated[l]   = Utilities::MPI::sum(in.treated[l], comm);
          in.total += in.volume[l];
        }
      return in;
    }



    void
    TreatmentRun::record_session(const unsigned int               k,
                                 const TreatmentSession          &session,
                                 const std::vector<PunctureSite> &sites,
                                 const StrokeRecord              &stroke,
                                 const double                     drag,
                                 const SessionInjury             &session_field,
                                 const SessionArea               &area)
    {
      const LayerInjury  in = layer_injury(session_field);
      const unsigned int sc = index(SkinLayer::stratum_corneum);
      // injured fraction of the stratum corneum
      const double             coverage       = in.volume[sc] / in.area[sc];
      const PunctureStatistics stats          = puncture_statistics(sites,
                                                           tr.treated_width,
                                                           session.passes,
                                                           2.0 * stroke.kernel.lateral_reach());
      const bool               plexus_reached = stroke.channel_depth >= plexus;
      const std::string        prefix         = "session_" + std::to_string(k + 1) + "_";
      results.add(prefix + "day", session.day);
      results.add(prefix + "depth_setting_mm", session.depth_setting);
      results.add(prefix + "punctures", sites.size());
      results.add(prefix + "channels_per_cm2_per_pass", stats.channels_per_cm2_per_pass);
      results.add(prefix + "coverage_fraction", coverage);
      results.add(prefix + "overlap_fraction", stats.fraction_within);
      results.add(prefix + "glide_drag_mm", drag);
      results.add(prefix + "injured_volume_mm3", in.total);
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        results.add(prefix + "injured_volume_" + layer_key(l) + "_mm3", in.volume[l]);
      results.add(prefix + "plexus_reached", plexus_reached ? 1.0 : 0.0);
      results.add(prefix + "injured_area_fraction_per_pass", area.per_pass);
      results.add(prefix + "injured_area_fraction", area.session);
      std::vector<double> row = {double(k + 1),
                                 session.day,
                                 session.depth_setting,
                                 double(session.passes),
                                 double(sites.size()),
                                 stats.channels_per_cm2_per_pass,
                                 coverage,
                                 stats.fraction_within,
                                 in.total,
                                 plexus_reached ? 1.0 : 0.0,
                                 -1.0,
                                 area.per_pass,
                                 area.session};
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        {
          const double fraction = in.treated[l] > 0.0 ? in.footprint[l] / in.treated[l] : 0.0;
          results.add(prefix + "injured_volume_fraction_" + layer_key(l), fraction);
          row.push_back(fraction);
        }
      sessions_curve.rows.push_back(row);
      for (const PunctureSite &p : sites)
        punctures.rows.push_back(
          {double(k + 1), double(p.pass), p.x, p.y, p.time, p.orientation * 180.0 / M_PI});
      progress.message(
        "session " + std::to_string(k + 1) + " on day " + format_number(session.day) + ": " +
        std::to_string(sites.size()) + " punctures, injured volume " + format_number(in.total) +
        " mm^3, injured surface " + format_number(100.0 * area.per_pass) + " % per pass");
    }



    LayerMeans
    TreatmentRun::record_timeline(const double dt)
    {
      const LayerMeans means = layer_means(treated_integrals(*healing, half));
      if (dt > 0.0)
        epidermis.advance(dt, collagen(means[index(SkinLayer::papillary_dermis)]));
      std::vector<double> row = {healing->time()};
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        {
          const HealingState &y = means[l];
          row.insert(row.end(),
                     {collagen(y),
                      y[HealingField::new_collagen],
                      y[HealingField::mature_collagen],
                      y[HealingField::inflammation],
                      y[HealingField::growth_factor],
                      y[HealingField::fibroblasts]});
        }
      row.push_back(epidermis.thickness_change_percent());
      row.push_back(epidermis.open_fraction());
      timeline.rows.push_back(row);
      return means;
    }



    void
    TreatmentRun::write_fields(const double day)
    {
      TimerOutput::Scope              scope(timers, "output");
      const std::vector<HealingState> y = healing->cell_averages();
      // a cell field of each healing field, by its index in HealingState
      const auto field = [&y](const unsigned int f) {
        std::vector<double> values;
        for (const HealingState &cell : y)
          values.push_back(cell[f]);
        return values;
      };
      std::vector<double> collagen_rel, gain;
      for (const HealingState &cell : y)
        {
          collagen_rel.push_back(collagen(cell));
          gain.push_back(100.0 * (collagen(cell) - 1.0));
        }
      const std::vector<FieldWriter<3>::CellField> cells = {
        {"inflammation", field(HealingField::inflammation)},
        {"growth_factor", field(HealingField::growth_factor)},
        {"fibroblasts_rel", field(HealingField::fibroblasts)},
        {"new_collagen_rel", field(HealingField::new_collagen)},
        {"mature_collagen_rel", field(HealingField::mature_collagen)},
        {"collagen_rel", collagen_rel},
        {"collagen_gain_percent", gain},
        {"injury", injury}};
      writer->write(healing->dof_handler(), day, snapshot++, cells);
    }



    /// 4. clinical numbers
    void
    TreatmentRun::add_results()
    {
      metrics.add_redness(results, sessions_curve);
      const StrokeRecord &first = strokes.at(plan.sessions().front().depth_setting);
      results.add("channel_depth_mm", first.channel_depth);
      results.add("superficial_plexus_depth_mm", plexus);
      results.add("plexus_reached", first.channel_depth >= plexus ? 1.0 : 0.0);
      results.add_text("deepest_layer_reached", first.deepest_layer);
      results.add_text("stroke_kernel", first.directory);
      std::string kernel_check;
      for (const auto &[depth, stroke] : strokes)
        for (const std::string &reason : stroke.suspicions)
          kernel_check +=
            (kernel_check.empty() ? "" : "; ") +
            ("the stroke kernel for depth " + format_number(depth) + " mm: " + reason);
      results.add_text("stroke_kernel_check", kernel_check.empty() ? "ok" : kernel_check);
      results.add("stroke_footprint_area_mm2", first.footprint_area);
      results.add("injured_area_fraction_per_pass",
                  results.number("session_1_injured_area_fraction_per_pass"));
      metrics.add_outcomes(results);
      results.add("healing_steps", step);
      results.add("newton_iterations_per_step", step > 0 ? double(newton_total) / step : 0.0);
      results.add("krylov_iterations_per_newton",
                  newton_total > 0 ? double(krylov_total) / newton_total : 0.0);
      results.add("patch_unknowns", healing->n_unknowns());
      std::string warnings;
      for (const std::string &w : tr.warnings)
        warnings += (warnings.empty() ? "" : "; ") + w;
      results.add_text("warnings", warnings.empty() ? "none" : warnings);
      results.add_curve(timeline);
      results.add_curve(sessions_curve);
      results.add_curve(punctures);
      results.add_curve(surface_map);
      report_timing({&timers, &healing->timer()}, progress.elapsed(), comm, results, progress);
    }
  } // namespace



  SkinMeshSettings
  patch_mesh_settings(const TreatmentSettings &tr)
  {
    SkinMeshSettings mesh;
    mesh.geometry      = BlockGeometry::full;
    mesh.half_width    = 0.5 * tr.patch_width;
    mesh.h_min         = tr.patch_element_size;
    mesh.growth        = 1.4; // in depth: fine at the surface, coarse in the hypodermis
    mesh.h_max         = std::max(0.5, tr.patch_element_size);
    mesh.uniform_width = mesh.half_width;
    return mesh;
  }



  RunResults
  run_treatment(const Scenario    &s,
                const std::string &directory,
                Progress          &progress,
                const MPI_Comm     comm)
  {
    return TreatmentRun(s, directory, progress, comm).run();
  }
} // namespace needlesim
