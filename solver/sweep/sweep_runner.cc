#include "sweep_runner.h"

#include "load_stepping.h"
#include "parameters.h"
#include "problem_registry.h"
#include "progress.h"
#include "resource_estimate.h"
#include "run_directory.h"
#include "scenario_run.h"
#include "skin_mesh.h"
#include "sweep_database.h"
#include "sweep_design.h"
#include "treatment_problem.h"

#include <deal.II/base/mpi.h>
#include <deal.II/grid/tria.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace needlesim
{
  namespace fs = std::filesystem;

  namespace
  {
    bool
    is_root(const MPI_Comm comm)
    {
      return dealii::Utilities::MPI::this_mpi_process(comm) == 0;
    }

    std::string
    duration_text(const double seconds)
    {
      const long s = std::lround(std::max(0.0, seconds));
      char       buffer[32];
      std::snprintf(buffer, sizeof(buffer), "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
      return buffer;
    }

    /// Claims task @p name for the calling team: true for exactly one caller.
    bool
    claim(const std::string &directory, const std::string &name)
    {
      const int fd =
        ::open((directory + "/claims/" + name).c_str(), O_CREAT | O_EXCL | O_WRONLY, 0644);
      if (fd < 0)
        return false;
      ::close(fd);
      return true;
    }

    /// A barrier that sleeps instead of spinning: a rank that has run out
    /// of points leaves its core to the ranks still computing.
    void
    idle_barrier(const MPI_Comm comm)
    {
      MPI_Request request;
      MPI_Ibarrier(comm, &request);
      for (int done = 0; MPI_Test(&request, &done, MPI_STATUS_IGNORE), !done;)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }

    /// Rank 0 of each team decides, the team follows.
    bool
    team_decides(const MPI_Comm team, const std::function<bool()> &decide)
    {
      const bool yes = is_root(team) && decide();
      return dealii::Utilities::MPI::broadcast(team, yes, 0);
    }

    // ------------------------------------------------------------------
    // Cost estimate for --dry-run, from measured runs on one rank
    // (bench/time_run.sh, docs/validation.md "Benchmarks"). A stroke costs
    // about the same per load step on the default mesh (425 cells: 370 s
    // for 24 steps) and on the treatment's kernel mesh (1 920 cells: ~780 s
    // for 48 steps): contact and crack iterations, not the cell count,
    // dominate. A treatment costs per patch cell and simulated day
    // (treatment-cheek: 713 s for 11 492 cells and 180 days).

    constexpr double stroke_seconds_per_step        = 15.5;
    constexpr double treatment_seconds_per_cell_day = 713.0 / (11492.0 * 180.0);
    /// Indentation (no contact, no crack): the tiny indentation of the
    /// tests, ~0.5 s per load step.
    constexpr double indentation_seconds_per_step = 0.5;

    unsigned int
    n_patch_cells(const Scenario &s)
    {
      dealii::Triangulation<3> tria;
      make_skin_block(tria, s.layers, patch_mesh_settings(s.treatment));
      return tria.n_active_cells();
    }

    double
    stroke_seconds(const Scenario &s)
    {
      return stroke_seconds_per_step * s.stroke.steps_per_stroke * s.stroke.motion.strokes;
    }

    /// Estimated seconds on one rank, with the kernels @p kernels_solved
    /// (by key) counted once.
    double
    estimated_seconds(const Scenario &s, std::set<std::string> &kernels_solved)
    {
      if (s.problem == ProblemType::stroke)
        return stroke_seconds(s);
      if (s.problem == ProblemType::indentation)
        return indentation_seconds_per_step * (s.indentation.ramp_steps + s.indentation.hold_steps);
      double seconds =
        treatment_seconds_per_cell_day * n_patch_cells(s) * s.treatment.protocol.follow_up;
      for (const double depth : stroke_kernel_depths(s))
        {
          const std::string key = s.treatment.kernel_cache + "/" + stroke_kernel_key(s, depth);
          if (!fs::exists(key + "/summary.json") && kernels_solved.insert(key).second)
            {
              Scenario stroke            = s;
              stroke.stroke.motion.depth = depth;
              seconds += stroke_seconds(stroke);
            }
        }
      return seconds;
    }

    struct SweepEstimate
    {
      unsigned int          finished = 0, invalid = 0;
      std::set<std::string> kernels; ///< directories of the stroke kernels to solve
      double                wall_seconds         = 0.0;
      bool                  from_finished_points = false;
    };

    /// The wall time the unfinished points of @p design still need on
    /// @p n_ranks: the finished points' mean wall time if there are any,
    /// otherwise the cost model above.
    SweepEstimate
    estimate(const SweepDesign &design, const std::string &directory, const unsigned int n_ranks)
    {
      SweepEstimate e;
      e.finished             = SweepJournal::n_finished(directory, design.n_points());
      const double measured  = SweepJournal::mean_wall_time(directory, design.n_points());
      e.from_finished_points = measured > 0;
      double seconds         = 0.0;
      for (unsigned int i = 0; i < design.n_points(); ++i)
        if (!SweepJournal::is_finished(directory, i))
          try
            {
              seconds += e.from_finished_points ? measured :
                                                  estimated_seconds(design.scenario(i), e.kernels);
            }
          catch (const InputError &)
            {
              ++e.invalid;
            }
      // all ranks on each point: assume 90 % parallel efficiency
      e.wall_seconds =
        design.settings().all_ranks_per_point ? seconds / (0.9 * n_ranks) : seconds / n_ranks;
      return e;
    }

    // ------------------------------------------------------------------

    /// The single progress line on stderr (rank 0): a thread that looks at
    /// the journal once a second, so it keeps ticking while rank 0 computes.
    class SweepProgress
    {
    public:
      /// @p first_estimate: remaining seconds until the first point here finishes.
      SweepProgress(const std::string &directory_,
                    const unsigned int n_points_,
                    const double       first_estimate_,
                    const bool         enabled)
        : directory(directory_)
        , n_points(n_points_)
        , first_estimate(first_estimate_)
        , at_start(SweepJournal::n_finished(directory_, n_points_))
        , start(std::chrono::steady_clock::now())
        , tty(::isatty(2))
      {
        if (enabled)
          worker = std::thread([this]() { loop(); });
      }
      ~SweepProgress()
      {
        if (worker.joinable())
          {
            {
              std::lock_guard<std::mutex> lock(mutex);
              stop = true;
            }
            wake.notify_all();
            worker.join();
            print(true);
          }
      }

    private:
      void
      loop()
      {
        std::unique_lock<std::mutex> lock(mutex);
        while (!stop)
          {
            print(false);
            wake.wait_for(lock, std::chrono::seconds(1));
          }
      }

      void
      print(const bool last)
      {
        unsigned int done = 0, failed = 0;
        for (unsigned int i = 0; i < n_points; ++i)
          if (SweepJournal::is_finished(directory, i))
            {
              ++done;
              failed += !fs::exists(SweepJournal::point_directory(directory, i) + "/point.json");
            }
        const double elapsed =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const unsigned int new_here = done - std::min(done, at_start);
        // the measured rate once points finish here, the cost model before
        const double remaining =
          new_here > 0 ? elapsed / new_here * (n_points - done) : first_estimate - elapsed;
        std::ostringstream line;
        line << "sweep: " << done << "/" << n_points << " points done, " << failed
             << " failed, elapsed " << duration_text(elapsed) << ", remaining ~"
             << duration_text(done == n_points ? 0.0 : remaining);
        // a terminal ticks every second; a log gets a line when a point finishes
        const std::string state = std::to_string(done) + "/" + std::to_string(failed);
        if (!tty && state == previous && !last)
          return;
        previous = state;
        std::cerr << (tty ? "\r" : "") << line.str() << (tty && !last ? "   " : "\n") << std::flush;
      }

      const std::string                           directory;
      const unsigned int                          n_points;
      const double                                first_estimate;
      const unsigned int                          at_start;
      const std::chrono::steady_clock::time_point start;
      const bool                                  tty;
      std::string                                 previous;
      std::mutex                                  mutex;
      std::condition_variable                     wake;
      bool                                        stop = false;
      std::thread                                 worker;
    };

    // ------------------------------------------------------------------

    /// Solves point @p i on @p team and leaves its journal entry.
    void
    run_point(const SweepDesign &design,
              const unsigned int i,
              const std::string &directory,
              const MPI_Comm     team)
    {
      RunDirectory     point(SweepJournal::point_directory(directory, i), team);
      SweepPointRecord record;
      const auto       start = std::chrono::steady_clock::now();
      try
        {
          const Scenario s = design.scenario(i);
          Progress       silent(team, problem_entry(s.problem).end_time(s), false);
          require_memory(s, team);
          const RunResults results = run_scenario(s, point.staging(), silent, team);
          record                   = results.text("status") == "suspect" ?
                                       SweepPointRecord{"suspect", results.text("suspect_reasons")} :
                                       SweepPointRecord{"ok", ""};
        }
      catch (const InputError &e)
        {
          record = {"invalid", e.what()};
        }
      catch (const ConvergenceFailure &e)
        {
          record = {"failed", e.what()};
        }
      catch (const std::exception &e)
        {
          record = {"failed", std::string("internal error: ") + e.what()};
        }
      record.wall_time =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (is_root(team))
        SweepJournal::write_record(point.staging(), record);
      if (record.status == "ok" || record.status == "suspect") // finished, numbers kept
        point.commit();
      else
        point.fail(record.reason);
    }

    /// A stroke kernel a treatment point needs: its cache directory, and a
    /// point and depth to solve it from.
    struct KernelTask
    {
      std::string  directory;
      unsigned int point;
      double       depth;
    };

    /// The stroke kernels of every point (none for strokes, indentations and
    /// invalid points).
    std::vector<std::vector<KernelTask>>
    kernels_per_point(const SweepDesign &design)
    {
      std::vector<std::vector<KernelTask>> kernels(design.n_points());
      for (unsigned int i = 0; i < design.n_points(); ++i)
        try
          {
            const Scenario s = design.scenario(i);
            if (s.problem == ProblemType::treatment)
              for (const double depth : stroke_kernel_depths(s))
                kernels[i].push_back(
                  {s.treatment.kernel_cache + "/" + stroke_kernel_key(s, depth), i, depth});
          }
        catch (const InputError &)
          {} // an invalid point becomes a row with status "invalid"
      return kernels;
    }

    /// Solved, or failed for good.
    bool
    is_available(const KernelTask &k)
    {
      return fs::exists(k.directory + "/summary.json") || fs::exists(k.directory + ".failed");
    }

    /// The distinct kernels that unfinished points need and the cache lacks.
    std::vector<KernelTask>
    kernels_to_solve(const std::vector<std::vector<KernelTask>> &kernels,
                     const std::string                          &directory)
    {
      std::vector<KernelTask> tasks;
      std::set<std::string>   seen;
      for (unsigned int i = 0; i < kernels.size(); ++i)
        if (!SweepJournal::is_finished(directory, i))
          for (const KernelTask &k : kernels[i])
            if (!is_available(k) && seen.insert(k.directory).second)
              tasks.push_back(k);
      return tasks;
    }

    /// Team leader: claims the next point that is neither finished nor taken
    /// and whose kernels are available; waits while the only points left
    /// wait for kernels that other teams are solving. Returns -1 when no
    /// point is left.
    int
    claim_next_point(const std::vector<std::vector<KernelTask>> &kernels,
                     const std::string                          &directory)
    {
      for (;;)
        {
          bool waiting = false;
          for (unsigned int i = 0; i < kernels.size(); ++i)
            {
              const std::string name = "point-" + std::to_string(i);
              if (SweepJournal::is_finished(directory, i) ||
                  fs::exists(directory + "/claims/" + name))
                continue;
              if (!std::all_of(kernels[i].begin(), kernels[i].end(), is_available))
                waiting = true;
              else if (claim(directory, name))
                return i;
            }
          if (!waiting)
            return -1;
          std::this_thread::sleep_for(std::chrono::seconds(1));
        }
    }

    /// Keeps DIR/results.h5 and sweep.csv up to date while the sweep runs,
    /// spending at most about a tenth of the time on it.
    class TableRefresh
    {
    public:
      TableRefresh(const SweepDesign &design_, const std::string &directory_)
        : design(design_)
        , directory(directory_)
        , last(std::chrono::steady_clock::now())
      {}
      void
      maybe()
      {
        const auto now = std::chrono::steady_clock::now();
        if (std::chrono::duration<double>(now - last).count() < 10.0 * cost)
          return;
        write_sweep_tables(design, directory);
        last = std::chrono::steady_clock::now();
        cost = std::chrono::duration<double>(last - now).count();
      }

    private:
      const SweepDesign                    &design;
      const std::string                     directory;
      std::chrono::steady_clock::time_point last;
      double                                cost = 0.0; ///< [s] of the last merge
    };

    /// Rank 0: opens the journal in DIR and clears stale claims. Returns an
    /// error text (empty if fine).
    std::string
    prepare_directory(const SweepDesign &design, const std::string &directory)
    {
      const std::string error = SweepJournal::open(design, directory);
      if (!error.empty())
        return error;
      std::error_code ec;
      fs::remove_all(directory + "/claims", ec);
      fs::create_directories(directory + "/claims", ec);
      return ec ? ec.message() : "";
    }

    /// --dry-run: the points, the kernels to solve and the time estimate.
    void
    print_dry_run(const SweepDesign &design,
                  const std::string &sweep_file,
                  const std::string &directory,
                  const unsigned int n_ranks)
    {
      const SweepEstimate e = estimate(design, directory, n_ranks);
      std::cout << "sweep " << sweep_file << ": " << design.n_points() << " points (" << e.finished
                << " already finished in " << directory << ", " << e.invalid << " invalid), "
                << e.kernels.size() << " stroke kernels to solve\n";
      for (const std::string &kernel : e.kernels)
        std::cout << "  stroke kernel to solve: " << kernel << "\n";
      std::cout << "estimated run time on " << n_ranks
                << " rank(s): " << duration_text(e.wall_seconds)
                << (e.from_finished_points ? " (from the finished points' mean wall time)" :
                                             " (from the benchmark cost per load step or "
                                             "per patch cell and day)")
                << "\n";
    }

    /// The shared stroke kernels, one task each, claimed by the teams; a
    /// team without a kernel task goes on to the points whose kernels are
    /// ready.
    void
    solve_shared_kernels(const SweepDesign                          &design,
                         const std::vector<std::vector<KernelTask>> &kernels,
                         const std::string                          &directory,
                         const MPI_Comm                              comm,
                         const MPI_Comm                              team)
    {
      std::vector<std::pair<unsigned int, double>> tasks;
      if (is_root(comm))
        for (const KernelTask &k : kernels_to_solve(kernels, directory))
          tasks.emplace_back(k.point, k.depth);
      tasks = dealii::Utilities::MPI::broadcast(comm, tasks, 0);
      for (unsigned int k = 0; k < tasks.size(); ++k)
        if (team_decides(team, [&]() { return claim(directory, "kernel-" + std::to_string(k)); }))
          {
            Progress silent(team, 1.0, false);
            try
              {
                cache_stroke_kernel(design.scenario(tasks[k].first), tasks[k].second, silent, team);
              }
            catch (const ConvergenceFailure &)
              {} // kept as "<key>.failed": its points fail with the reason
          }
    }

    /// The points, claimed one at a time by the teams; rank 0 refreshes the
    /// tables after its own points, as long as merging takes under a tenth
    /// of the time between merges.
    void
    run_points(const SweepDesign                          &design,
               const std::vector<std::vector<KernelTask>> &kernels,
               const std::string                          &directory,
               const MPI_Comm                              comm,
               const MPI_Comm                              team)
    {
      TableRefresh refresh(design, directory);
      for (;;)
        {
          const int i = dealii::Utilities::MPI::broadcast(
            team, is_root(team) ? claim_next_point(kernels, directory) : 0, 0);
          if (i < 0)
            break;
          run_point(design, i, directory, team);
          if (is_root(comm))
            refresh.maybe();
        }
    }
  } // namespace



  int
  run_sweep(const std::string &sweep_file, const SweepOptions &options, const MPI_Comm comm)
  {
    const auto report_error = [comm](const std::string &text) {
      if (is_root(comm))
        std::cerr << "needlesim: error: " << text << std::endl;
      return 1;
    };

    SweepDesign design;
    try
      {
        design = SweepDesign::from_file(sweep_file);
      }
    catch (const InputError &e)
      {
        return report_error(e.what());
      }
    const std::string directory =
      fs::path(options.output_directory.empty() ? "out/" + fs::path(sweep_file).stem().string() :
                                                  options.output_directory)
        .lexically_normal()
        .string();
    const SweepSettings &sweep   = design.settings();
    const unsigned int   n_ranks = dealii::Utilities::MPI::n_mpi_processes(comm);

    if (options.dry_run)
      {
        if (is_root(comm))
          print_dry_run(design, sweep_file, directory, n_ranks);
        return 0;
      }

    std::string error;
    if (is_root(comm))
      error = prepare_directory(design, directory);
    error = dealii::Utilities::MPI::broadcast(comm, error, 0);
    if (!error.empty())
      return report_error("output directory (-o) = " + directory + ": " + error);

    MPI_Comm team;
    MPI_Comm_split(comm,
                   sweep.all_ranks_per_point ? 0 :
                                               int(dealii::Utilities::MPI::this_mpi_process(comm)),
                   0,
                   &team);
    {
      const bool    show = is_root(comm) && !options.quiet;
      SweepProgress progress(directory,
                             design.n_points(),
                             show ? estimate(design, directory, n_ranks).wall_seconds : 0.0,
                             show);

      const std::vector<std::vector<KernelTask>> kernels = kernels_per_point(design);
      solve_shared_kernels(design, kernels, directory, comm, team); // 1. the kernels
      run_points(design, kernels, directory, comm, team);           // 2. the points
      idle_barrier(comm);
    }
    MPI_Comm_free(&team);

    if (is_root(comm)) // 3. the tables
      {
        const unsigned int rows = write_sweep_tables(design, directory);
        std::cerr << "sweep: " << rows << " rows written to " << directory
                  << "/results.h5 and sweep.csv" << std::endl;
        fs::remove_all(directory + "/claims");
      }
    return 0;
  }
} // namespace needlesim
