// `mpirun -np 2 needlesim run ...` reports the same numbers as one rank
// (relative difference <= 1e-8), with the direct and with the iterative
// (AMG, partition-dependent) linear solver. Solver statistics (wall time,
// rank count, Newton iteration counts) are not results and are not compared.

#include "run_command.h"
#include "summary_json.h"


#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

using namespace needlesim::testing;
namespace fs = std::filesystem;

namespace
{
  const std::string needlesim_binary = NEEDLESIM_BINARY;
  const std::string tiny             = NEEDLESIM_TEST_DATA "/tiny_indentation.prm";
  const std::string stroke           = NEEDLESIM_TEST_DATA "/small_stroke.prm";

  Summary
  run_on(const unsigned int ranks, const std::string &scenario, const fs::path &out)
  {
    const auto r = run_command("mpirun -np " + std::to_string(ranks) + " " + needlesim_binary +
                               " run " + scenario + " -o " + out.string() + " --quiet");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Summary((out / "summary.json").string());
  }

  void
  expect_same_results(const std::string &scenario)
  {
    const fs::path work =
      fs::temp_directory_path() / ("needlesim_mpi_" + std::to_string(::getpid()));
    fs::remove_all(work);
    const auto one = run_on(1, scenario, work / "np1");
    const auto two = run_on(2, scenario, work / "np2");
    EXPECT_EQ(two.get<int>("mpi_ranks"), 2);

    const std::set<std::string> statistics = {"wall_time_s",
                                              "mpi_ranks",
                                              "newton_iterations",
                                              "newton_iterations_per_step",
                                              "krylov_iterations",
                                              "load_steps",
                                              "peak_memory_per_rank_MB"};
    unsigned int                compared   = 0;
    for (const auto &[key, node] : one.json.items())
      {
        if (statistics.count(key) > 0)
          continue;
        const auto a = one.number(key);
        if (!a)
          continue;
        const double b = two.get<double>(key);
        // Relative 1e-8; values at round-off level (an energy that returns
        // to zero) absolutely within 1e-12.
        EXPECT_LE(std::abs(*a - b), std::max(1e-8 * std::abs(*a), 1e-12)) << key;
        ++compared;
      }
    EXPECT_GE(compared, 15u);
    fs::remove_all(work);
  }
} // namespace

TEST(MpiConsistency, TwoRanksMatchOneRankDirectSolver)
{
  expect_same_results(tiny);
}

TEST(MpiConsistency, TwoRanksMatchOneRankIterativeSolver)
{
  const fs::path scenario =
    fs::temp_directory_path() / ("needlesim_mpi_iterative_" + std::to_string(::getpid()) + ".prm");
  std::ofstream(scenario) << "include " << tiny
                          << "\nsubsection Linear solver\n  set Type = iterative\nend\n";
  expect_same_results(scenario.string());
  fs::remove(scenario);
}

TEST(MpiConsistency, TwoRanksMatchOneRankNeedleStroke)
{
  // contact, crack, puncture and injury summed over the ranks' points and cells
  expect_same_results(stroke);
}
