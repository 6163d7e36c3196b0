#include "stroke_kernel_cache.h"

#include "csv_table.h"
#include "load_stepping.h"
#include "run_directory.h"
#include "scenario_run.h"
#include "stroke_injury.h"
#include "stroke_problem.h"
#include "text_hash.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <nlohmann/json.hpp>

#include <deal.II/base/parameter_handler.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

namespace needlesim
{
  using namespace dealii;

  namespace
  {
    /// One parameter value in a form independent of how it was written:
    /// each comma-separated number in its shortest exact form.
    std::string
    normalised(const std::string &value)
    {
      std::string out;
      for (std::string item : Utilities::split_string_list(value, ','))
        {
          char        *end    = nullptr;
          const double number = std::strtod(item.c_str(), &end);
          if (!item.empty() && end == item.c_str() + item.size())
            item = csv::number(number);
          out += (out.empty() ? "" : ", ") + item;
        }
      return out;
    }

    /// A name of deal.II's JSON print of the parameters as it was declared
    /// (there, every character but letters and digits is _ and its hex code).
    std::string
    demangled(const std::string &name)
    {
      std::string out;
      for (std::size_t i = 0; i < name.size(); ++i)
        if (name[i] == '_' && i + 2 < name.size() &&
            std::isxdigit(static_cast<unsigned char>(name[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(name[i + 2])))
          {
            out += static_cast<char>(std::stoi(name.substr(i + 1, 2), nullptr, 16));
            i += 2;
          }
        else
          out += name[i];
      return out;
    }

    /// Appends "path = value" for every entry under @p node whose value
    /// differs from its default (deal.II's JSON print of the parameters:
    /// an entry is an object with "value" and "default_value").
    void
    changed_entries(const nlohmann::json &node, const std::string &path, std::string &out)
    {
      if (node.is_object() && node.contains("value") && node.contains("default_value"))
        {
          const std::string value = normalised(node["value"].get<std::string>());
          if (value != normalised(node["default_value"].get<std::string>()))
            out += path + " = " + value + "\n";
          return;
        }
      if (node.is_object())
        for (const auto &[name, child] : node.items())
          if (demangled(name) != "Maximum step cuts")
            changed_entries(child, path + "/" + demangled(name), out);
    }

    /// The parameters a stroke depends on, as parsed values: every entry of
    /// the scenario that differs from its default, outside the top-level
    /// sections that do not change a stroke (the treatment's own and the
    /// output), and without the limit on step cuts (a stroke that converges
    /// takes the same steps whatever the limit). A new parameter at its
    /// default leaves the keys as they were; a changed default of a stroke
    /// parameter needs a new stroke_model_version.
    std::string
    stroke_parameter_values(const std::string &prm_text)
    {
      const std::set<std::string> ignored = {
        "Problem", "Device", "Protocol", "Patient", "Healing", "Patch", "Clinical", "Output"};
      ScenarioInput     input;
      ParameterHandler &prm = input.parameters();
      prm.parse_input_from_string(prm_text);
      std::ostringstream json;
      prm.print_parameters(json, ParameterHandler::OutputStyle::JSON);
      nlohmann::json tree = nlohmann::json::parse(json.str());
      std::string    out;
      for (const auto &[section, node] : tree.items())
        if (ignored.count(demangled(section)) == 0)
          changed_entries(node, demangled(section), out);
      return out;
    }

    bool
    exists_on_root(const std::string &path, const MPI_Comm comm)
    {
      bool found = Utilities::MPI::this_mpi_process(comm) == 0 && std::filesystem::exists(path);
      return Utilities::MPI::broadcast(comm, found, 0);
    }

  } // namespace



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
        progress.message("stroke kernel for depth " + format_number(depth) + " mm from " +
                         directory);
        return directory;
      }
    // a stroke that failed once fails again: say so instead of solving it again
    const std::string failure = directory + ".failed/failure.txt";
    if (exists_on_root(failure, comm))
      {
        std::string reason;
        if (Utilities::MPI::this_mpi_process(comm) == 0)
          std::getline(std::ifstream(failure), reason);
        throw ConvergenceFailure("the stroke kernel for depth " + format_number(depth) +
                                 " mm failed before (" +
                                 Utilities::MPI::broadcast(comm, reason, 0) + "); remove " +
                                 directory + ".failed to solve it again");
      }
    progress.message("stroke kernel for depth " + format_number(depth) +
                     " mm not cached: solving the stroke into " + directory);
    Scenario stroke            = s;
    stroke.problem             = ProblemType::stroke;
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
        throw ConvergenceFailure("stroke kernel for depth " + format_number(depth) +
                                 " mm: " + e.what());
      }
    return directory;
  }



  std::string
  stroke_kernel_key(const Scenario &s, const double depth)
  {
    std::ostringstream key;
    key << std::hex << std::setw(16) << std::setfill('0')
        << fnv1a(std::string(stroke_model_version) + stroke_parameter_values(s.parameters_prm) +
                 "depth=" + Utilities::to_string(depth, 12));
    return key.str();
  }



  /// The stroke kernel for @p depth: read from the cache, or computed by
  /// the stroke model and stored there.
  StrokeRecord
  load_stroke_kernel(const Scenario &s, const double depth, Progress &progress, const MPI_Comm comm)
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
        record.deepest_layer         = summary.value("deepest_layer_reached", std::string("none"));
        // the kernel stroke checked as a run of its own is: energy balance,
        // dissipations, steps at the step-cut limit (also for kernels cached
        // before treatments checked them)
        RunResults numbers;
        for (const auto &[name, value] : summary.items())
          if (value.is_number())
            numbers.add(name, value.get<double>());
        record.suspicions = suspicions(numbers, s.output);
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

} // namespace needlesim
