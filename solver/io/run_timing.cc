#include "run_timing.h"

#include <deal.II/base/mpi.h>

#include <cctype>
#include <cstdio>
#include <map>

namespace needlesim
{
  namespace
  {
    /// "assembly: solid" -> "assembly_solid_s"
    std::string
    timing_key(const std::string &section)
    {
      std::string key;
      for (const char c : section)
        if (std::isalnum(static_cast<unsigned char>(c)))
          key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!key.empty() && key.back() != '_')
          key += '_';
      while (!key.empty() && key.back() == '_')
        key.pop_back();
      return key + "_s";
    }
  } // namespace



  void
  report_timing(const std::vector<const dealii::TimerOutput *> &timers,
                const double                                    total_seconds,
                const MPI_Comm                                  comm,
                RunResults                                     &results,
                const Progress                                 &progress)
  {
    // Sections summed over the timers (a kernel stroke and a healing solver
    // may both time a linear solver); every rank must know every section
    // for the reductions, so the names of rank 0 are broadcast.
    std::map<std::string, double> mine;
    for (const dealii::TimerOutput *t : timers)
      for (const auto &[section, seconds] :
           t->get_summary_data(dealii::TimerOutput::OutputData::total_wall_time))
        mine[section] += seconds;
    std::vector<std::string> names;
    for (const auto &entry : mine)
      names.push_back(entry.first);
    names = dealii::Utilities::MPI::broadcast(comm, names, 0);

    std::vector<std::pair<std::string, double>> block;
    double                                      timed = 0.0;
    char                                        line[160];
    progress.message("timing (wall seconds, largest over the ranks):");
    for (const std::string &section : names)
      {
        const auto   it = mine.find(section);
        const double seconds =
          dealii::Utilities::MPI::max(it == mine.end() ? 0.0 : it->second, comm);
        timed += seconds;
        block.emplace_back(timing_key(section), seconds);
        std::snprintf(line,
                      sizeof(line),
                      "  %-40s %9.3f s  %5.1f %%",
                      section.c_str(),
                      seconds,
                      total_seconds > 0 ? 100.0 * seconds / total_seconds : 0.0);
        progress.message(line);
      }
    const double other = std::max(0.0, total_seconds - timed);
    std::snprintf(line,
                  sizeof(line),
                  "  %-40s %9.3f s  %5.1f %%",
                  "other (set-up, bookkeeping)",
                  other,
                  total_seconds > 0 ? 100.0 * other / total_seconds : 0.0);
    progress.message(line);
    block.emplace_back("other_s", other);
    block.emplace_back("total_s", total_seconds);
    results.add_block("timing", std::move(block));
  }
} // namespace needlesim
