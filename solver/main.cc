// needlesim: finite-element simulator of skin microneedling.
//
//   needlesim run SCENARIO.prm|.json [-o DIR] [--quiet | --verbose | --check]
//   needlesim sweep SWEEP.prm [-o DIR] [--dry-run] [--quiet]
//   needlesim plot DIR
//   needlesim --print-parameters [prm|json]
//   needlesim --help | --version
//
// Exit codes: 0 success, 1 bad input (nothing written), 2 the simulation
// failed (converged steps kept in DIR.failed), 3 internal error.

#include "load_stepping.h"
#include "parameter_input.h"
#include "parameters.h"
#include "problem_registry.h"
#include "progress.h"
#include "resource_estimate.h"
#include "run_directory.h"
#include "scenario.h"
#include "scenario_run.h"
#include "stroke_kernel_cache.h"
#include "sweep_runner.h"
#include "version.h"

#include <deal.II/base/mpi.h>

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

using namespace needlesim;

namespace
{
  const char *usage = R"(needlesim - finite-element simulator of skin microneedling

Usage:
  needlesim run SCENARIO [-o DIR] [--quiet | --verbose | --check]
      Run a scenario (.prm or .json) and write the results into DIR
      (default: out/<scenario name>). Results: solution.pvd + VTU fields for
      ParaView, summary.json, results.h5 and CSV curves. Progress goes to
      stderr: one line per load step (--verbose: per Newton iteration).
      --check validates the scenario and prints the plan (problem, mesh
      size, memory estimate) without solving or writing anything. A
      scenario that would need more memory than the machine has available
      is refused before the run.
  needlesim sweep SWEEP [-o DIR] [--dry-run] [--quiet]
      Run every point of a parameter sweep (base scenario + varied parameters,
      see scenarios/sweep-*.prm) into DIR (default: out/<sweep name>): one
      directory per point, and the table of all points in DIR/results.h5 and
      DIR/sweep.csv. Killed sweeps resume where they stopped when started
      again with the same command. --dry-run prints the number of points and
      an estimated run time. Progress: one line on stderr.
  needlesim plot DIR
      Draw the figures of a run, a treatment or a sweep (PNG and SVG, from
      the files in DIR) into DIR/figures/ and print their paths: force
      against travel, energy partition and injury field of a stroke;
      collagen timeline and puncture map of a treatment; main effects and
      table of a sweep. Needs Debian's python3-matplotlib (scripts/install-deps).
  needlesim --print-parameters [prm|json]
      Print every scenario parameter with its unit, allowed range, meaning and
      default value.
  needlesim --version
      Print the version and the git revision.
  needlesim --help
      Print this text.

Run in parallel with: mpirun -np N needlesim run SCENARIO (or sweep SWEEP)
Units: mm, N, MPa, s. Exit codes: 0 success, 1 bad input (nothing written),
2 simulation failed (converged steps kept in DIR.failed), 3 internal error.
)";

  bool
  is_root()
  {
    return dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
  }

  void
  error(const std::string &text)
  {
    if (is_root())
      std::cerr << "needlesim: error: " << text << std::endl;
  }

  /// The arguments after a command: one file, "-o DIR" and flags.
  struct CommandArguments
  {
    std::string           file, output, error;
    std::set<std::string> flags;
  };

  CommandArguments
  parse_arguments(const std::vector<std::string> &args, const std::set<std::string> &allowed)
  {
    CommandArguments a;
    for (unsigned int i = 1; i < args.size() && a.error.empty(); ++i)
      if (args[i] == "-o" && i + 1 < args.size())
        a.output = args[++i];
      else if (allowed.count(args[i]))
        a.flags.insert(args[i]);
      else if (a.file.empty() && args[i][0] != '-')
        a.file = args[i];
      else
        a.error = "unexpected argument '" + args[i] + "'; see needlesim --help";
    return a;
  }

  int
  print_parameters(const std::string &format)
  {
    ScenarioInput             input;
    dealii::ParameterHandler &prm = input.parameters();
    if (!is_root())
      return 0;
    if (format == "json")
      prm.print_parameters(std::cout, dealii::ParameterHandler::JSON);
    else
      ParameterCatalog(prm).print_reference(std::cout);
    return 0;
  }

  /// What --check prints: the scenario is valid, and what running it means.
  void
  print_plan(const Scenario &s, const std::string &scenario_file, const std::string &output_dir)
  {
    const unsigned int     ranks = dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD);
    const ResourceEstimate e     = estimate_resources(s, ranks);
    const double available = dealii::Utilities::MPI::min(available_memory_MB(), MPI_COMM_WORLD);
    if (!is_root())
      return;
    std::cout << std::setprecision(3) << "needlesim: " << scenario_file << " is valid\n"
              << "  problem:    " << to_string(s.problem) << " (simulated time "
              << problem_entry(s.problem).end_time(s) << " " << problem_entry(s.problem).time_unit
              << ")\n"
              << "  largest:    " << e.problem << ", about " << e.cells << " cells and "
              << e.unknowns << " unknowns (set by " << e.parameter << " = " << e.value << ")\n"
              << "  memory:     about " << e.memory_MB << " MB on " << ranks
              << (ranks == 1 ? " rank" : " ranks") << " (" << available << " MB available)\n"
              << "  output:     " << output_dir << "\n";
    if (s.problem == ProblemType::treatment)
      for (const double depth : stroke_kernel_depths(s))
        {
          const std::string kernel = s.treatment.kernel_cache + "/" + stroke_kernel_key(s, depth);
          std::cout << "  kernel:     depth setting " << depth << " mm, " << kernel
                    << (std::filesystem::exists(kernel + "/summary.json") ? " (cached)" :
                                                                            " (to solve)")
                    << "\n";
        }
  }

  int
  run(const std::string &scenario_file,
      std::string        output_dir,
      const bool         quiet,
      const bool         verbose,
      const bool         check_only)
  {
    const MPI_Comm comm = MPI_COMM_WORLD;
    Scenario       scenario;
    if (output_dir.empty())
      output_dir = "out/" + std::filesystem::path(scenario_file).stem().string();
    try
      {
        scenario = Scenario::from_file(scenario_file);
        if (check_only)
          {
            print_plan(scenario, scenario_file, output_dir);
            return 0;
          }
        require_memory(scenario, comm);
      }
    catch (const InputError &e)
      {
        error(e.what());
        return 1;
      }

    std::unique_ptr<RunDirectory> directory;
    try
      {
        directory = std::make_unique<RunDirectory>(output_dir, comm);
      }
    catch (const InputError &e)
      {
        error(e.what());
        return 1;
      }

    Progress progress(comm, problem_entry(scenario.problem).end_time(scenario), !quiet, verbose);
    progress.message("needlesim " + std::string(version()) + " (" + git_revision() + "): running " +
                     scenario_file);
    try
      {
        const RunResults results = run_scenario(scenario, directory->staging(), progress, comm);
        if (results.text("status") == "suspect" && !scenario.output.allow_suspect)
          {
            const std::string reason = "suspect result: " + results.text("suspect_reasons") +
                                       " (accept it with Output/Allow suspect results = true)";
            directory->fail(reason);
            error(reason + "; the results are in " + directory->final_path() + ".failed");
            return 2;
          }
        directory->commit();
        progress.message("results written to " + directory->final_path() + " (" +
                         std::to_string(progress.elapsed()) + " s)");
        return 0;
      }
    catch (const InputError &e)
      {
        // found in the set-up (e.g. a mesh file the solver cannot use)
        directory->discard();
        error(e.what());
        return 1;
      }
    catch (const ConvergenceFailure &e)
      {
        directory->fail(e.what());
        error(std::string(e.what()) + "; converged steps kept in " + directory->final_path() +
              ".failed");
        return 2;
      }
    catch (const std::exception &e)
      {
        directory->fail(std::string("internal error: ") + e.what());
        error(std::string("internal error: ") + e.what() + "; what was written is in " +
              directory->final_path() + ".failed");
        return 3;
      }
  }
  /// needlesim plot DIR: runs postprocess/plot/needlesim_plot.py with
  /// Debian's Python (the one python3-matplotlib is installed for).
  int
  plot(const int argc, char **argv)
  {
    if (argc != 3)
      {
        std::cerr << "needlesim: error: 'plot' needs one run directory; see needlesim --help"
                  << std::endl;
        return 1;
      }
    const char *python      = "/usr/bin/python3";
    const char *script      = NEEDLESIM_PLOT_SCRIPT;
    char *const arguments[] = {const_cast<char *>(python),
                               const_cast<char *>(script),
                               argv[2],
                               nullptr};
    execv(python, arguments);
    std::cerr << "needlesim: error: cannot start " << python << " " << script
              << " (install the dependencies: scripts/install-deps)" << std::endl;
    return 3;
  }
} // namespace



int
main(int argc, char **argv)
{
  // plotting is a Python program (postprocess/plot/): it replaces this
  // process before MPI is started
  if (argc >= 2 && std::string(argv[1]) == "plot")
    return plot(argc, argv);
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  try
    {
      std::vector<std::string> args(argv + 1, argv + argc);
      if (args.empty() || args[0] == "--help" || args[0] == "-h")
        {
          if (is_root())
            std::cout << usage;
          return args.empty() ? 1 : 0;
        }
      if (args[0] == "--version")
        {
          if (is_root())
            std::cout << "needlesim " << version() << " (git " << git_revision() << ")\n";
          return 0;
        }
      if (args[0] == "--print-parameters")
        return print_parameters(args.size() > 1 ? args[1] : "prm");
      if (args[0] == "run" || args[0] == "sweep")
        {
          const bool             is_run = args[0] == "run";
          const CommandArguments a =
            parse_arguments(args,
                            is_run ? std::set<std::string>{"--quiet", "--verbose", "--check"} :
                                     std::set<std::string>{"--quiet", "--dry-run"});
          if (!a.error.empty())
            {
              error(a.error);
              return 1;
            }
          if (a.file.empty())
            {
              error("'" + args[0] + "' needs a " + (is_run ? "scenario" : "sweep") +
                    " file; see needlesim --help");
              return 1;
            }
          if (is_run)
            return run(a.file,
                       a.output,
                       a.flags.count("--quiet"),
                       a.flags.count("--verbose"),
                       a.flags.count("--check"));
          return run_sweep(a.file,
                           {a.output, a.flags.count("--dry-run") > 0, a.flags.count("--quiet") > 0},
                           MPI_COMM_WORLD);
        }
      error("unknown command '" + args[0] + "'; see needlesim --help");
      return 1;
    }
  catch (const std::exception &e)
    {
      error(std::string("internal error: ") + e.what());
      return 3;
    }
}
