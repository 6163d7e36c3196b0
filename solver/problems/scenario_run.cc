#include "scenario_run.h"

#include "load_stepping.h"
#include "problem_registry.h"

#include <deal.II/base/mpi.h>

#include <cmath>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <string>

namespace needlesim
{
  namespace
  {
    /// This process's peak resident memory (VmHWM of /proc/self/status) [MB].
    double
    peak_memory_MB()
    {
      std::ifstream status("/proc/self/status");
      std::string   line;
      while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
          return std::stod(line.substr(6)) / 1024.0; // the value is in kB
      return 0.0;
    }
  } // namespace



  std::vector<std::string>
  suspicions(const RunResults &r, const OutputSettings &output)
  {
    std::vector<std::string> found;
    const auto               text = [](const double x) {
      std::ostringstream t;
      t << std::setprecision(3) << x;
      return t.str();
    };
    // the energy balance of a stroke: remainder / needle work
    if (const auto error = r.find("energy_balance_error"))
      if (!(std::abs(*error) <= output.energy_tolerance))
        found.push_back("the energy balance misses its tolerance: error " + text(100.0 * *error) +
                        " % of the needle work (Output/Energy balance tolerance = " +
                        text(100.0 * output.energy_tolerance) + " %)");
    // every dissipation is >= 0 (round-off: 1e-9 of the work)
    const double work = std::abs(r.find("needle_work_mJ").value_or(0.0));
    for (const char *name : {"friction_dissipation_mJ",
                             "fracture_energy_mJ",
                             "viscous_dissipation_mJ",
                             "snap_dissipation_mJ",
                             "cohesive_viscous_dissipation_mJ"})
      if (const auto d = r.find(name))
        if (!(*d >= -1e-9 * work))
          found.push_back(std::string("a negative dissipation: ") + name + " = " + text(*d));
    // a treatment's stroke kernels, each checked as a stroke of its own
    if (const std::string check = r.text("stroke_kernel_check"); !check.empty() && check != "ok")
      found.push_back(check);
    // steps that converged only at the smallest step the cut-backs allow
    if (const auto n = r.find("steps_at_step_cut_limit"))
      if (*n > 0)
        found.push_back(text(*n) + " load steps converged only at the limit of the step cuts "
                                   "(Nonlinear solver/Maximum step cuts)");
    return found;
  }



  RunResults
  run_scenario(const Scenario    &s,
               const std::string &staging,
               Progress          &progress,
               const MPI_Comm     comm)
  {
    RunResults results = problem_entry(s.problem).run(s, staging, progress, comm);
    const std::vector<std::string> suspect = suspicions(results, s.output);
    if (!suspect.empty())
      {
        std::string reasons;
        for (const std::string &reason : suspect)
          reasons += (reasons.empty() ? "" : "; ") + reason;
        results.set_text("status", "suspect");
        results.set_text("suspect_reasons", reasons);
        progress.message("WARNING: suspect result: " + reasons);
      }
    else if (results.text("status").empty())
      results.set_text("status", "completed");
    results.add_text("scenario_file", s.source_file);
    results.add("wall_time_s", progress.elapsed());
    results.add("peak_memory_per_rank_MB", dealii::Utilities::MPI::max(peak_memory_MB(), comm));
    if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      {
        results.write_summary_json(staging + "/summary.json");
        results.write_csv(staging);
        results.write_hdf5(staging + "/results.h5", s.parameters_prm, s.parameters_json);
      }
    return results;
  }
} // namespace needlesim
