#include "scenario_run.h"

#include "indentation_problem.h"
#include "load_stepping.h"
#include "stroke_problem.h"
#include "treatment_problem.h"

#include <deal.II/base/mpi.h>

#include <fstream>
#include <string>

namespace needlesim
{
  double
  simulated_end_time(const Scenario &s)
  {
    if (s.problem == "stroke")
      return NeedleMotion(s.stroke.motion).total_duration();
    if (s.problem == "treatment")
      return s.treatment.protocol.follow_up;
    return s.indentation.ramp_time + s.indentation.hold_time;
  }



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



  RunResults
  run_scenario(const Scenario &s, const std::string &staging, Progress &progress,
               const MPI_Comm comm)
  {
    RunResults results = s.problem == "stroke"    ? run_stroke(s, staging, progress, comm) :
                         s.problem == "treatment" ? run_treatment(s, staging, progress, comm) :
                                                    run_indentation(s, staging, progress, comm);
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
