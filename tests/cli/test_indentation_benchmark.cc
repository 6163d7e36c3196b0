// The shared finite-strain contact benchmark through the command line
// (scenarios/benchmarks/indentation-n08.prm: the ball-tipped needle 0.1 mm
// into the Neo-Hookean quarter block on the mesh FEBio 4 solved): the force
// against FEBio's on the same mesh, and the run's timing block.

#include "run_command.h"
#include "summary_json.h"


#include <gtest/gtest.h>

#include <filesystem>

using namespace needlesim::testing;
namespace fs = std::filesystem;

namespace
{
  /// The output directory of a benchmark run, emptied.
  fs::path
  fresh_output(const std::string &mesh)
  {
    const fs::path out = fs::temp_directory_path() /
                         ("needlesim_benchmark_" + mesh + "_" + std::to_string(::getpid()));
    fs::remove_all(out);
    return out;
  }

  /// needlesim run scenarios/benchmarks/indentation-<mesh>.prm -o out
  CommandResult
  run_benchmark(const std::string &mesh, const fs::path &out)
  {
    return run_command(std::string(NEEDLESIM_BINARY) + " run " + NEEDLESIM_SCENARIOS +
                       "/benchmarks/indentation-" + mesh + ".prm -o " + out.string() + " --quiet");
  }
} // namespace

TEST(IndentationBenchmark, ForceWithinHalfAPercentOfFEBioAndTimingAddsUp)
{
  const fs::path out = fresh_output("n08");
  const auto     r   = run_benchmark("n08", out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Summary s((out / "summary.json").string());

  // FEBio 4 on indent_n08.msh at d = 0.1 mm (scenarios/benchmarks/meshes/SOURCE.md)
  const double febio = 1.7388e-3;
  EXPECT_EQ(s.get<int>("n_unknowns"), 2187);
  EXPECT_NEAR(s.get<double>("final_force_N"), febio, 0.005 * febio);

  // the sections and the rest add up to the total; the big items are there
  const Summary timing = s.child("timing");
  const double  total  = timing.get<double>("total_s");
  double        sum    = 0.0;
  for (const auto &[key, node] : timing.json.items())
    if (key != "total_s")
      {
        EXPECT_GE(node.get<double>(), 0.0) << key;
        sum += node.get<double>();
      }
  EXPECT_GT(total, 0.0);
  EXPECT_NEAR(sum, total, 1e-9 * total + 1e-12);
  EXPECT_GT(timing.get<double>("assembly_solid_s"), 0.0);
  EXPECT_GT(timing.get<double>("assembly_needle_contact_s"), 0.0);
  EXPECT_GT(timing.get<double>("linear_solver_direct_s"), 0.0); // 2187 unknowns: direct
  fs::remove_all(out);
}



TEST(IndentationBenchmark, GeometricMultigridSolvesTheN12MeshIteratively)
{
  // 6 591 unknowns: GMRES with the geometric multigrid of the benchmark
  // scenarios (measured: 22.7 Krylov iterations per Newton iteration)
  const fs::path out = fresh_output("n12");
  const auto     r   = run_benchmark("n12", out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Summary s((out / "summary.json").string());
  const double  febio = 1.6203e-3; // FEBio 4 on indent_n12.msh at d = 0.1 mm
  EXPECT_NEAR(s.get<double>("final_force_N"), febio, 0.005 * febio);
  const double newton = s.get<double>("newton_iterations");
  EXPECT_LE(newton, 80.0);
  EXPECT_LE(s.get<double>("krylov_iterations") / newton, 30.0);
  const Summary timing = s.child("timing");
  EXPECT_GT(timing.get<double>("linear_solver_preconditioner_set_up_s"), 0.0);
  EXPECT_FALSE(timing.json.contains("linear_solver_direct_s")); // no fallback
  fs::remove_all(out);
}
