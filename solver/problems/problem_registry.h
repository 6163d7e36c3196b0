#pragma once
// What needlesim does for each problem type, in one table: a new problem is
// its driver, its value in ProblemType (solver/io/scenario.h) and one row
// here.

#include "progress.h"
#include "run_results.h"
#include "scenario.h"

#include <mpi.h>

#include <string>

namespace needlesim
{
  struct ProblemEntry
  {
    /// unit of the simulated time: "s", or "days" for a treatment
    const char *time_unit;
    /// simulated end time of a scenario, in time_unit
    double (*end_time)(const Scenario &s);
    /// solves the scenario on comm into the directory (rank 0 writes)
    RunResults (*run)(const Scenario    &s,
                      const std::string &directory,
                      Progress          &progress,
                      MPI_Comm           comm);
  };

  /// The row of @p type.
  const ProblemEntry &
  problem_entry(ProblemType type);
} // namespace needlesim
