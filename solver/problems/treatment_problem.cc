#include "treatment_problem.h"

#include "csv_table.h"
#include "field_output.h"
#include "healing_solver.h"
#include "load_stepping.h"
#include "run_directory.h"
#include "run_timing.h"
#include "skin_mesh.h"
#include "stroke_injury.h"
#include "stroke_kernel.h"
#include "stroke_problem.h"
#include "text_hash.h"

#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

namespace needlesim
{
  using namespace dealii;

  namespace
  {
    /// One stroke of the device, as the treatment uses it.
    struct StrokeRecord
    {
      StrokeKernel kernel{{}};
      double       channel_depth   = 0.0; ///< [mm]
      double       puncture_travel = 0.0; ///< needle travel at puncture [mm]
      double       footprint_area  = 0.0; ///< living epidermis with D >= 1/2 [mm^2]
      std::string  deepest_layer;
      std::string  directory;
    };

    /// The PRM text without the top-level sections that do not change a
    /// stroke (the treatment's own and the output), and without the limit on
    /// step cuts: a stroke that converges takes the same steps whatever the
    /// limit, so a kernel stays valid when the limit is raised.
    std::string
    stroke_relevant_parameters(const std::string &prm_text)
    {
      const std::set<std::string> ignored = {
        "Problem", "Device", "Protocol", "Patient", "Healing", "Patch", "Clinical", "Output"};
      std::istringstream in(prm_text);
      std::ostringstream out;
      std::string        line;
      int                depth = 0, skip_depth = -1;
      while (std::getline(in, line))
        {
          const auto        first = line.find_first_not_of(' ');
          const std::string word  = first == std::string::npos ? "" : line.substr(first);
          if (word.rfind("#", 0) == 0 || word.empty())
            continue;
          if (word.rfind("subsection ", 0) == 0)
            {
              if (depth == 0 && skip_depth < 0 && ignored.count(word.substr(11)) > 0)
                skip_depth = depth;
              ++depth;
            }
          else if (word == "end")
            {
              --depth;
              if (depth == skip_depth)
                {
                  skip_depth = -1;
                  continue;
                }
            }
          if (skip_depth < 0 && word.rfind("set Maximum step cuts", 0) != 0)
            out << word << '\n';
        }
      return out.str();
    }

    /// A number as people write it (6 significant digits).
    std::string
    format(const double x)
    {
      std::ostringstream out;
      out << x;
      return out.str();
    }

    bool
    exists_on_root(const std::string &path, const MPI_Comm comm)
    {
      bool found = Utilities::MPI::this_mpi_process(comm) == 0 && std::filesystem::exists(path);
      return Utilities::MPI::broadcast(comm, found, 0);
    }

    /// The stroke kernel for @p depth: read from the cache, or computed by
    /// the stroke model and stored there.
    StrokeRecord
    stroke_for(const Scenario &s, const double depth, Progress &progress, const MPI_Comm comm)
    {
      StrokeRecord record;
      record.directory = cache_stroke_kernel(s, depth, progress, comm);
      record.kernel    = stroke_kernel(csv::read_curve(record.directory + "/injury_kernel.csv"));
      const std::string summary_file = record.directory + "/summary.json";
      std::ifstream     in(summary_file);
      try
        {
          const nlohmann::json summary = nlohmann::json::parse(in);
          record.channel_depth         = summary.at("channel_depth_mm").get<double>();
          record.puncture_travel       = summary.at("puncture_depth_mm").get<double>();
          record.deepest_layer = summary.value("deepest_layer_reached", std::string("none"));
        }
      catch (const nlohmann::json::exception &e)
        {
          throw std::runtime_error("the cached stroke kernel's " + summary_file +
                                   " is not readable (" + e.what() +
                                   "); delete its directory to have it solved again");
        }
      record.footprint_area = record.kernel.footprint_area();
      return record;
    }

    /// Time the needle spends below the depth at which it punctured, per
    /// stroke [s]: the hand drags the channel meanwhile.
    double
    time_in_skin(const NeedleMotion::Parameters &motion_parameters, const double puncture_travel)
    {
      const NeedleMotion motion(motion_parameters);
      const double       T      = motion.stroke_duration();
      const unsigned int n      = 4000;
      double             inside = 0.0;
      for (unsigned int k = 0; k < n; ++k)
        if (-motion.tip_position((k + 0.5) * T / n) > puncture_travel)
          inside += T / n;
      return inside;
    }

    /// The puncture sites binned on the patch surface, for the sites near a point.
    class SiteGrid
    {
    public:
      SiteGrid(const std::vector<PunctureSite> &sites_,
               const double                     half_width,
               const double                     reach_)
        : sites(sites_)
        , reach(std::max(reach_, 1e-3))
        , x0(-half_width - reach)
        , n(static_cast<unsigned int>(std::ceil(2.0 * (half_width + reach) / reach)) + 1)
        , bins(n * n)
      {
        for (unsigned int k = 0; k < sites.size(); ++k)
          bins[bin(sites[k].y) * n + bin(sites[k].x)].push_back(k);
      }

      /// Sites within the reach (and some more) of the box [lo, hi].
      void
      near(const double lo[2], const double hi[2], std::vector<unsigned int> &found) const
      {
        found.clear();
        for (int j = bin(lo[1] - reach); j <= bin(hi[1] + reach); ++j)
          for (int i = bin(lo[0] - reach); i <= bin(hi[0] + reach); ++i)
            for (const unsigned int k : bins[j * n + i])
              found.push_back(k);
      }

    private:
      int
      bin(const double x) const
      {
        return std::clamp(static_cast<int>((x - x0) / reach), 0, static_cast<int>(n) - 1);
      }

      const std::vector<PunctureSite>       &sites;
      const double                           reach, x0;
      const unsigned int                     n;
      std::vector<std::vector<unsigned int>> bins;
    };

    /// Cell averages of one session's injury D and footprint F (the share
    /// of the cell where some stroke's pointwise injury is >= 1/2) on every
    /// non-artificial cell, indexed by active_cell_index.
    struct SessionInjury
    {
      std::vector<double> injury, footprint;
    };

    /// Injury and footprint of the strokes @p near at (x, y, z), united as
    /// survival probabilities, 1 - D = prod (1 - D_k).
    StrokeKernel::Value
    united(const std::vector<PunctureSite> &sites,
           const std::vector<unsigned int> &near,
           const StrokeKernel              &kernel,
           const double                     drag,
           const double                     x,
           const double                     y,
           const double                     z)
    {
      const double reach  = kernel.lateral_reach() + drag;
      double       intact = 1.0, outside = 1.0;
      for (const unsigned int k : near)
        {
          const PunctureSite &p = sites[k];
          if ((x - p.x) * (x - p.x) + (y - p.y) * (y - p.y) > reach * reach)
            continue;
          const StrokeKernel::Value v =
            kernel.at(x, y, z, p.x, p.y, p.orientation, drag, p.glide_angle);
          intact *= 1.0 - v.injury;
          outside *= 1.0 - v.footprint;
        }
      return {1.0 - intact, 1.0 - outside};
    }

    /// The session's union of strokes, averaged over each (box-shaped) cell
    /// from m^3 sample points.
    SessionInjury
    session_injury(const parallel::distributed::Triangulation<3> &patch,
                   const std::vector<PunctureSite>               &sites,
                   const StrokeKernel                            &kernel,
                   const double                                   drag,
                   const double                                   half_width,
                   const unsigned int                             m)
    {
      SessionInjury             result{std::vector<double>(patch.n_active_cells(), 0.0),
                           std::vector<double>(patch.n_active_cells(), 0.0)};
      const SiteGrid            grid(sites, half_width, kernel.lateral_reach() + drag);
      std::vector<unsigned int> near;
      for (const auto &cell : patch.active_cell_iterators())
        {
          if (cell->is_artificial())
            continue;
          double lo[3] = {1e9, 1e9, 1e9}, hi[3] = {-1e9, -1e9, -1e9};
          for (const unsigned int v : cell->vertex_indices())
            for (unsigned int d = 0; d < 3; ++d)
              {
                lo[d] = std::min(lo[d], cell->vertex(v)[d]);
                hi[d] = std::max(hi[d], cell->vertex(v)[d]);
              }
          if (-hi[2] > kernel.depth_reach())
            continue;
          grid.near(lo, hi, near);
          if (near.empty())
            continue;
          double D = 0.0, F = 0.0;
          for (unsigned int k = 0; k < m; ++k)
            for (unsigned int j = 0; j < m; ++j)
              for (unsigned int i = 0; i < m; ++i)
                {
                  const StrokeKernel::Value v = united(sites,
                                                       near,
                                                       kernel,
                                                       drag,
                                                       lo[0] + (i + 0.5) / m * (hi[0] - lo[0]),
                                                       lo[1] + (j + 0.5) / m * (hi[1] - lo[1]),
                                                       lo[2] + (k + 0.5) / m * (hi[2] - lo[2]));
                  D += v.injury;
                  F += v.footprint;
                }
          result.injury[cell->active_cell_index()]    = D / (m * m * m);
          result.footprint[cell->active_cell_index()] = F / (m * m * m);
        }
      return result;
    }

    /// Depths at which the living epidermis's footprint is sampled: its
    /// mid-depth, within 1.1 % of the layer's mean for every shipped kernel
    /// (each depth costs as much as the whole surface map).
    constexpr unsigned int living_depths = 1;

    /// The footprint of @p sites on the skin surface of the treated square
    /// [-h, h]^2: the share that lies in it, and its map on map_cells^2
    /// squares (each square's share).
    struct SurfaceFootprint
    {
      double              fraction  = 0.0;
      unsigned int        map_cells = 0;
      std::vector<double> map; ///< row-major, y slowest
    };

    /// The injured surface is that of the living epidermis (StrokeKernel::
    /// footprint_area): the footprint averaged over living_depths depths of
    /// the viable epidermis, sampled on a grid of @p spacing; the rows are
    /// shared out over the ranks.
    SurfaceFootprint
    surface_footprint(const std::vector<PunctureSite> &sites,
                      const StrokeKernel              &kernel,
                      const double                     drag,
                      const double                     half_width,
                      const double                     spacing,
                      const unsigned int               map_cells,
                      const MPI_Comm                   comm)
    {
      const std::vector<double> depths = kernel.living_epidermis_depths(living_depths);
      const SiteGrid            grid(sites, half_width, kernel.lateral_reach() + drag);
      const unsigned int n     = static_cast<unsigned int>(std::ceil(2.0 * half_width / spacing));
      const double       h     = 2.0 * half_width / n;
      const unsigned int rank  = Utilities::MPI::this_mpi_process(comm);
      const unsigned int ranks = Utilities::MPI::n_mpi_processes(comm);
      std::vector<unsigned int> near;
      SurfaceFootprint          result;
      result.map_cells = map_cells;
      std::vector<double> samples(map_cells * map_cells, 0.0);
      result.map.assign(map_cells * map_cells, 0.0);
      for (unsigned int j = rank; j < n; j += ranks)
        {
          const double y = -half_width + (j + 0.5) * h;
          for (unsigned int i = 0; i < n; ++i)
            {
              const double x     = -half_width + (i + 0.5) * h;
              const double lo[2] = {x, y}, hi[2] = {x, y};
              grid.near(lo, hi, near);
              double f = 0.0;
              for (const double depth : depths)
                f += united(sites, near, kernel, drag, x, y, -depth).footprint / depths.size();
              const unsigned int cell = (j * map_cells / n) * map_cells + i * map_cells / n;
              result.fraction += f;
              result.map[cell] += f;
              samples[cell] += 1.0;
            }
        }
      result.fraction = Utilities::MPI::sum(result.fraction, comm) / (double(n) * n);
      Utilities::MPI::sum(result.map, comm, result.map);
      Utilities::MPI::sum(samples, comm, samples);
      for (unsigned int c = 0; c < result.map.size(); ++c)
        result.map[c] /= std::max(samples[c], 1.0);
      return result;
    }

    /// The time at which f crosses @p level between (t0, f0) and (t1, f1):
    /// linear interpolation, or, for a decaying positive signal, linear in
    /// log f (exact for an exponential decay: a step of days then does not
    /// delay the crossing).
    double
    crossing(const double t0,
             const double f0,
             const double t1,
             const double f1,
             const double level,
             const bool   exponential = false)
    {
      if (f1 == f0)
        return t1;
      if (exponential && f0 > 0.0 && f1 > 0.0 && level > 0.0)
        return t0 + std::log(level / f0) * (t1 - t0) / std::log(f1 / f0);
      return t0 + (level - f0) * (t1 - t0) / (f1 - f0);
    }

    /// Integrals of every healing field over the treated square, per layer.
    std::vector<HealingSolver::Integrals>
    treated_integrals(const HealingSolver &healing, const double treated_half_width)
    {
      return healing.integrate([treated_half_width](const Point<3> &c) {
        return std::abs(c[0]) <= treated_half_width && std::abs(c[1]) <= treated_half_width;
      });
    }

    /// Layer means over the treated square of every healing field.
    std::array<HealingState, n_skin_layers>
    layer_means(const std::vector<HealingSolver::Integrals> &in)
    {
      std::array<HealingState, n_skin_layers> means{};
      for (unsigned int l = 0; l < n_skin_layers && l < in.size(); ++l)
        for (unsigned int f = 0; f < HealingField::n_fields; ++f)
          means[l][f] = in[l].volume > 0 ? in[l].integral[f] / in[l].volume : 0.0;
      return means;
    }

    double
    collagen(const HealingState &y)
    {
      return y[HealingField::new_collagen] + y[HealingField::mature_collagen];
    }

    /// Collagen gain of the dermis (papillary + reticular, volume weighted) [%].
    double
    dermis_gain(const std::vector<HealingSolver::Integrals> &in)
    {
      const unsigned int papillary = 2, reticular = 3;
      return 100.0 * ((collagen(in[papillary].integral) + collagen(in[reticular].integral)) /
                        (in[papillary].volume + in[reticular].volume) -
                      1.0);
    }

    void
    write_patch(FieldWriter<3>            &writer,
                const HealingSolver       &healing,
                const std::vector<double> &injury,
                const double               day,
                const unsigned int         snapshot)
    {
      const std::vector<HealingState>        y     = healing.cell_averages();
      const unsigned int                     n     = y.size();
      std::vector<FieldWriter<3>::CellField> cells = {
        {"inflammation", std::vector<double>(n)},
        {"growth_factor", std::vector<double>(n)},
        {"fibroblasts_rel", std::vector<double>(n)},
        {"new_collagen_rel", std::vector<double>(n)},
        {"mature_collagen_rel", std::vector<double>(n)},
        {"collagen_rel", std::vector<double>(n)},
        {"collagen_gain_percent", std::vector<double>(n)},
        {"injury", injury}};
      for (unsigned int i = 0; i < n; ++i)
        {
          for (unsigned int f = 0; f < HealingField::n_fields; ++f)
            cells[f].values[i] = y[i][f];
          cells[5].values[i] = collagen(y[i]);
          cells[6].values[i] = 100.0 * (collagen(y[i]) - 1.0);
        }
      writer.write(healing.dof_handler(), day, snapshot, cells);
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



  std::vector<double>
  stroke_kernel_depths(const Scenario &s)
  {
    const TreatmentProtocol plan(s.treatment.protocol,
                                 s.stroke.motion.depth,
                                 s.treatment.device.passes);
    std::set<double>        depths;
    for (const TreatmentSession &session : plan.sessions())
      depths.insert(session.depth_setting);
    return {depths.begin(), depths.end()};
  }



  std::string
  cache_stroke_kernel(const Scenario &s,
                      const double    depth,
                      Progress       &progress,
                      const MPI_Comm  comm)
  {
    const std::string directory = s.treatment.kernel_cache + "/" + stroke_kernel_key(s, depth);
    if (exists_on_root(directory + "/summary.json", comm))
      {
        progress.message("stroke kernel for depth " + format(depth) + " mm from " + directory);
        return directory;
      }
    // a stroke that failed once fails again: say so instead of solving it again
    const std::string failure = directory + ".failed/failure.txt";
    if (exists_on_root(failure, comm))
      {
        std::string reason;
        if (Utilities::MPI::this_mpi_process(comm) == 0)
          std::getline(std::ifstream(failure), reason);
        throw ConvergenceFailure("the stroke kernel for depth " + format(depth) +
                                 " mm failed before (" +
                                 Utilities::MPI::broadcast(comm, reason, 0) + "); remove " +
                                 directory + ".failed to solve it again");
      }
    progress.message("stroke kernel for depth " + format(depth) +
                     " mm not cached: solving the stroke into " + directory);
    Scenario stroke            = s;
    stroke.problem             = "stroke";
    stroke.stroke.motion.depth = depth;
    stroke.output.write_fields = false; // the cache keeps numbers only
    if (Utilities::MPI::this_mpi_process(comm) == 0)
      std::filesystem::create_directories(s.treatment.kernel_cache);
    RunDirectory kernel(directory, comm);
    Progress     stroke_progress(comm,
                             NeedleMotion(stroke.stroke.motion).total_duration(),
                             progress.is_enabled());
    try
      {
        RunResults results = run_stroke(stroke, kernel.staging(), stroke_progress, comm);
        if (Utilities::MPI::this_mpi_process(comm) == 0)
          {
            results.write_summary_json(kernel.staging() + "/summary.json");
            results.write_csv(kernel.staging());
          }
        kernel.commit();
      }
    catch (const ConvergenceFailure &e)
      {
        kernel.fail(e.what());
        throw ConvergenceFailure("stroke kernel for depth " + format(depth) + " mm: " + e.what());
      }
    return directory;
  }



  std::string
  stroke_kernel_key(const Scenario &s, const double depth)
  {
    std::ostringstream key;
    key << std::hex << std::setw(16) << std::setfill('0')
        << fnv1a(std::string(stroke_model_version) + stroke_relevant_parameters(s.parameters_prm) +
                 "depth=" + Utilities::to_string(depth, 12));
    return key.str();
  }



  RunResults
  run_treatment(const Scenario    &s,
                const std::string &directory,
                Progress          &progress,
                const MPI_Comm     comm)
  {
    const TreatmentSettings &tr = s.treatment;
    for (const std::string &warning : tr.warnings)
      progress.message("WARNING (simulated on request): " + warning);

    // 1. stroke kernels, one per depth setting in the plan
    const TreatmentProtocol        plan(tr.protocol, s.stroke.motion.depth, tr.device.passes);
    TimerOutput                    timers(std::cout, TimerOutput::never, TimerOutput::wall_times);
    std::map<double, StrokeRecord> strokes;
    {
      TimerOutput::Scope scope(timers, "stroke kernels");
      for (const double depth : stroke_kernel_depths(s))
        strokes[depth] = stroke_for(s, depth, progress, comm);
    }

    // 2. the patch and its healing
    parallel::distributed::Triangulation<3> patch(comm);
    make_skin_block(patch, s.layers, patch_mesh_settings(tr));
    const HealingKinetics kinetics(tr.healing);
    LinearSolverSettings  linear = s.solid.linear;
    linear.type                  = LinearSolverSettings::Type::iterative;
    // the diffusion solves of the split step: far below the step tolerance
    linear.relative_tolerance = 1e-8;
    HealingSolver healing(patch, kinetics, linear);
    progress.message("patch " + format(tr.patch_width) +
                     " mm: " + std::to_string(patch.n_global_active_cells()) + " cells, " +
                     std::to_string(healing.n_unknowns()) + " unknowns");

    Epidermis    epidermis(tr.epidermis);
    const double half   = 0.5 * tr.treated_width;
    const double plexus = s.layers.superficial_plexus_depth();
    RunResults   results;
    Curve        timeline{"timeline", {"day"}, {}};
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
    Curve              sessions_curve{"sessions",
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
                         {}};
    const unsigned int erythema_column = static_cast<unsigned int>(
      std::find(sessions_curve.columns.begin(), sessions_curve.columns.end(), "erythema_days") -
      sessions_curve.columns.begin());
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      sessions_curve.columns.push_back("injured_volume_fraction_" + layer_key(l));
    Curve punctures{"punctures",
                    {"session", "pass", "x_mm", "y_mm", "time_s", "crack_angle_deg"},
                    {}};
    // the injured share (pointwise D >= 1/2) of the skin surface after the
    // first pass of the first session, on squares of the treated square
    Curve surface_map{"surface_footprint_pass1", {"x_mm", "y_mm", "injured_fraction"}, {}};

    FieldWriter<3>      writer(directory);
    std::vector<double> injury(patch.n_active_cells(), 0.0);
    unsigned int        snapshot = 0, step = 0, newton_total = 0, krylov_total = 0;
    // layer means of the healing fields at the committed time, the epidermis
    // advanced by dt with them, and a row of the timeline
    const auto record_timeline = [&](const double dt) {
      const auto means = layer_means(treated_integrals(healing, half));
      if (dt > 0.0)
        epidermis.advance(dt, collagen(means[2]));
      std::vector<double> row = {healing.time()};
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
    };

    // the session at day t: punctures, injury, impulse
    unsigned int        next_session = 0;
    std::vector<double> erythema_days(plan.sessions().size(), -1.0);
    const auto          apply_session = [&]() {
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
      double        area_per_pass = 0.0, area_session = 0.0;
      {
        TimerOutput::Scope scope(timers, "session injury");
        session_field = session_injury(patch, sites, stroke.kernel, drag, half, tr.injury_samples);
        // the surface footprint of each pass alone, and of the whole session
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
            const bool             mapped    = k == 0 && pass == 0;
            const SurfaceFootprint footprint = surface_footprint(
              of_pass, stroke.kernel, drag, half, spacing, mapped ? 100 : 1, comm);
            area_per_pass += footprint.fraction / session.passes;
            for (unsigned int c = 0; mapped && c < footprint.map.size(); ++c)
              {
                const double cell = 2.0 * half / footprint.map_cells;
                surface_map.rows.push_back({-half + (c % footprint.map_cells + 0.5) * cell,
                                            -half + (c / footprint.map_cells + 0.5) * cell,
                                            footprint.map[c]});
              }
          }
        area_session =
          session.passes == 1 ?
                     area_per_pass :
                     surface_footprint(sites, stroke.kernel, drag, half, spacing, 1, comm).fraction;
      }
      injury = std::move(session_field.injury);
      healing.apply_injury([&](const auto &cell) { return injury[cell->active_cell_index()]; });
      epidermis.injure(area_session);

      // numbers of the session: D-weighted volumes over the patch, and the
      // footprint (D >= 1/2) as a share of each layer under the treated square
      std::array<double, n_skin_layers> volume{}, area{}, footprint{}, treated{};
      for (const auto &cell : patch.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const unsigned int i = cell->active_cell_index(), l = cell->material_id();
            volume[l] += injury[i] * cell->measure();
            area[l] += cell->measure();
            const Point<3> c = cell->center();
            if (std::abs(c[0]) <= half && std::abs(c[1]) <= half)
              {
                footprint[l] += session_field.footprint[i] * cell->measure();
                treated[l] += cell->measure();
              }
          }
      double total = 0.0;
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        {
          volume[l]    = Utilities::MPI::sum(volume[l], comm);
          area[l]      = Utilities::MPI::sum(area[l], comm);
          footprint[l] = Utilities::MPI::sum(footprint[l], comm);
          treated[l]   = Utilities::MPI::sum(treated[l], comm);
          total += volume[l];
        }
      const double coverage = volume[0] / area[0]; // injured fraction of the stratum corneum
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
      results.add(prefix + "injured_volume_mm3", total);
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        results.add(prefix + "injured_volume_" + layer_key(l) + "_mm3", volume[l]);
      results.add(prefix + "plexus_reached", plexus_reached ? 1.0 : 0.0);
      results.add(prefix + "injured_area_fraction_per_pass", area_per_pass);
      results.add(prefix + "injured_area_fraction", area_session);
      std::vector<double> row = {double(k + 1),
                                 session.day,
                                 session.depth_setting,
                                 double(session.passes),
                                 double(sites.size()),
                                 stats.channels_per_cm2_per_pass,
                                 coverage,
                                 stats.fraction_within,
                                 total,
                                 plexus_reached ? 1.0 : 0.0,
                                 -1.0,
                                 area_per_pass,
                                 area_session};
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        {
          const double fraction = treated[l] > 0.0 ? footprint[l] / treated[l] : 0.0;
          results.add(prefix + "injured_volume_fraction_" + layer_key(l), fraction);
          row.push_back(fraction);
        }
      sessions_curve.rows.push_back(row);
      for (const PunctureSite &p : sites)
        punctures.rows.push_back(
          {double(k + 1), double(p.pass), p.x, p.y, p.time, p.orientation * 180.0 / M_PI});
      progress.message("session " + std::to_string(k + 1) + " on day " + format(session.day) +
                       ": " + std::to_string(sites.size()) + " punctures, injured volume " +
                       format(total) + " mm^3, injured surface " + format(100.0 * area_per_pass) +
                       " % per pass");
    };

    // 3. sessions and healing, with adaptive steps
    apply_session();
    auto means = record_timeline(0.0);
    {
      TimerOutput::Scope scope(timers, "output");
      write_patch(writer, healing, injury, 0.0, snapshot++);
    }
    const double                                        end_day     = plan.end_day();
    const double                                        first_step  = 0.01; // [day] after a session
    double                                              dt          = first_step;
    double                                              next_output = plan.output_interval();
    const std::vector<double>                           report_days = {90.0, 180.0};
    std::map<double, double>                            dermis_gain_at, papillary_gain_at;
    std::map<double, std::array<double, n_skin_layers>> layer_gain_at;
    std::map<double, double>                            epidermis_change_at;
    const double open_after_first        = epidermis.open_fraction();
    double       open_prev               = open_after_first;
    double       reepithelialisation_day = -1.0;
    double       visible_day             = -1.0;
    double       a_prev = means[2][HealingField::inflammation], gain_prev = 0.0, t_prev = 0.0;
    unsigned int erythema_session = 0; // session whose redness is being timed
    bool         red              = a_prev > tr.erythema_threshold;

    while (healing.time() < end_day - 1e-9)
      {
        const double t          = healing.time();
        double       next_event = std::min(end_day, next_output);
        if (next_session < plan.sessions().size())
          next_event = std::min(next_event, plan.sessions()[next_session].day);
        for (const double d : report_days)
          if (d > t + 1e-9)
            next_event = std::min(next_event, d);
        const double h = std::min({dt, next_event - t, tr.max_step});

        const HealingStepReport report = healing.solve_step(h);
        if (!report.converged)
          {
            dt = 0.25 * h;
            if (dt < 1e-6)
              throw ConvergenceFailure(
                "healing step at day " + Utilities::to_string(t) +
                " did not converge even with dt = " + Utilities::to_string(h) + " day");
            continue;
          }
        const double error = healing.predictor_difference();
        if (error > tr.step_tolerance && h > 1e-4)
          {
            dt = h * std::max(0.2, 0.9 * std::sqrt(tr.step_tolerance / error));
            continue; // rejected: the trial state is discarded by the next solve
          }
        healing.commit();
        ++step;
        newton_total += report.newton_iterations;
        krylov_total += report.linear_iterations;
        dt = h * std::clamp(0.9 * std::sqrt(tr.step_tolerance / std::max(error, 1e-12)), 0.3, 2.5);
        progress.time_step(
          step, healing.time(), "day", report.newton_iterations, report.linear_iterations);

        const double now =
          std::abs(healing.time() - next_event) < 1e-9 ? next_event : healing.time();
        means = record_timeline(h);
        // re-epithelialisation: 95 % of the first session's open surface closed
        if (reepithelialisation_day < 0 && next_session == 1 &&
            epidermis.open_fraction() <= 0.05 * open_after_first)
          reepithelialisation_day = crossing(
            t_prev, open_prev, now, epidermis.open_fraction(), 0.05 * open_after_first, true);
        open_prev = epidermis.open_fraction();
        // redness: papillary-dermis inflammation back under the threshold
        const double a = means[2][HealingField::inflammation];
        if (red && a <= tr.erythema_threshold)
          {
            erythema_days[erythema_session] =
              crossing(t_prev, a_prev, now, a, tr.erythema_threshold, true) -
              plan.sessions()[erythema_session].day;
            red = false;
          }
        // visible improvement: papillary collagen gain over the threshold
        const double gain = 100.0 * (collagen(means[2]) - 1.0);
        if (visible_day < 0 && gain >= tr.visibility_threshold)
          visible_day = crossing(t_prev, gain_prev, now, gain, tr.visibility_threshold);
        a_prev    = a;
        gain_prev = gain;
        t_prev    = now;

        for (const double d : report_days)
          if (std::abs(now - d) < 1e-9)
            {
              dermis_gain_at[d]      = dermis_gain(treated_integrals(healing, half));
              papillary_gain_at[d]   = gain;
              epidermis_change_at[d] = epidermis.thickness_change_percent();
              for (unsigned int l = 0; l < n_skin_layers; ++l)
                layer_gain_at[d][l] = 100.0 * (collagen(means[l]) - 1.0);
            }
        if (next_session < plan.sessions().size() &&
            std::abs(now - plan.sessions()[next_session].day) < 1e-9)
          {
            if (red) // still red at the next session
              erythema_days[erythema_session] = now - plan.sessions()[erythema_session].day;
            erythema_session = next_session;
            apply_session();
            means  = record_timeline(0.0);
            a_prev = means[2][HealingField::inflammation];
            red    = a_prev > tr.erythema_threshold;
            dt     = first_step;
          }
        if (std::abs(now - next_output) < 1e-9 || std::abs(now - end_day) < 1e-9)
          {
            TimerOutput::Scope scope(timers, "output");
            write_patch(writer, healing, injury, now, snapshot++);
            next_output += plan.output_interval();
          }
      }
    if (red)
      erythema_days[erythema_session] = end_day - plan.sessions()[erythema_session].day;

    // 4. clinical numbers
    for (unsigned int k = 0; k < erythema_days.size(); ++k)
      {
        results.add("session_" + std::to_string(k + 1) + "_erythema_days", erythema_days[k]);
        sessions_curve.rows[k][erythema_column] = erythema_days[k];
      }
    results.add("erythema_duration_days", erythema_days.front());
    const StrokeRecord &first = strokes.at(plan.sessions().front().depth_setting);
    results.add("channel_depth_mm", first.channel_depth);
    results.add("superficial_plexus_depth_mm", plexus);
    results.add("plexus_reached", first.channel_depth >= plexus ? 1.0 : 0.0);
    results.add_text("deepest_layer_reached", first.deepest_layer);
    results.add_text("stroke_kernel", first.directory);
    results.add("stroke_footprint_area_mm2", first.footprint_area);
    results.add("injured_area_fraction_per_pass",
                results.number("session_1_injured_area_fraction_per_pass"));
    for (const double d : report_days)
      if (dermis_gain_at.count(d))
        {
          const std::string day = "_day" + std::to_string(int(d));
          results.add("collagen_gain_percent" + day, dermis_gain_at[d]);
          for (unsigned int l = 0; l < n_skin_layers; ++l)
            results.add("collagen_gain_percent_" + layer_key(l) + day, layer_gain_at[d][l]);
          results.add("epidermis_thickness_change_percent" + day, epidermis_change_at[d]);
        }
    results.add("reepithelialisation_days", reepithelialisation_day);
    results.add("time_to_visible_days", visible_day);
    results.add("healing_steps", step);
    results.add("newton_iterations_per_step", step > 0 ? double(newton_total) / step : 0.0);
    results.add("krylov_iterations_per_newton",
                newton_total > 0 ? double(krylov_total) / newton_total : 0.0);
    results.add("patch_unknowns", healing.n_unknowns());
    std::string warnings;
    for (const std::string &w : tr.warnings)
      warnings += (warnings.empty() ? "" : "; ") + w;
    results.add_text("warnings", warnings.empty() ? "none" : warnings);
    results.add_curve(timeline);
    results.add_curve(sessions_curve);
    results.add_curve(punctures);
    results.add_curve(surface_map);
    report_timing({&timers, &healing.timer()}, progress.elapsed(), comm, results, progress);
    return results;
  }
} // namespace needlesim
