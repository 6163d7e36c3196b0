// One Newton iteration (assembly of residual and tangent + linear solve) of
// the default scenario's first load step, on its 3-d mesh and on the mesh
// refined once. Reports unknowns, seconds per iteration (split into assembly
// and solve), Krylov iterations per solve and the peak resident memory.
//
//   build/bench/bench_newton_iteration [--benchmark_format=json]
//   mpirun -np 2 build/bench/bench_newton_iteration

#include "indentation_problem.h"
#include "scenario.h"

#include <deal.II/base/mpi.h>

#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <fstream>

using namespace needlesim;

namespace
{
  double
  peak_memory_MB()
  {
    rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0; // Linux: kilobytes
  }

  void
  NewtonIteration(benchmark::State &state)
  {
    Scenario scenario           = Scenario::from_file(NEEDLESIM_SCENARIOS "/indentation.prm");
    scenario.global_refinements = state.range(0);
    scenario.solid.linear.type  = LinearSolverSettings::Type::iterative;
    const double first_step     = scenario.indentation.ramp_time / scenario.indentation.ramp_steps;

    for (auto _ : state)
      {
        IndentationModel<3> model(scenario, MPI_COMM_WORLD);
        double              assembly = 0.0, solve = 0.0;
        unsigned int        iterations = 0, krylov = 0;
        model.solid->on_iteration = [&](const NewtonIterationInfo &info) {
          assembly += info.assembly_seconds;
          solve += info.solve_seconds;
          krylov += info.linear_iterations;
          ++iterations;
        };
        const StepReport report = model.solid->solve_step(first_step);
        if (!report.converged)
          state.SkipWithError(report.failure.c_str());
        state.SetIterationTime((assembly + solve) / iterations);
        state.counters["unknowns"]          = model.solid->n_dofs();
        state.counters["newton_iterations"] = iterations;
        state.counters["krylov_per_solve"]  = double(krylov) / iterations;
        state.counters["assembly_s"]        = assembly / iterations;
        state.counters["solve_s"]           = solve / iterations;
      }
    state.counters["peak_memory_MB"] = peak_memory_MB();
    state.counters["mpi_ranks"]      = dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD);
  }
} // namespace

BENCHMARK(NewtonIteration)
  ->Arg(0)
  ->Arg(1)
  ->ArgName("refinements")
  ->UseManualTime()
  ->Iterations(1)
  ->Unit(benchmark::kSecond);

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  benchmark::Initialize(&argc, argv);
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) != 0)
    {
      // Only rank 0 reports; the others take part in the computation.
      benchmark::ConsoleReporter null_reporter;
      std::ofstream              sink("/dev/null");
      null_reporter.SetOutputStream(&sink);
      null_reporter.SetErrorStream(&sink);
      benchmark::RunSpecifiedBenchmarks(&null_reporter);
    }
  else
    benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
