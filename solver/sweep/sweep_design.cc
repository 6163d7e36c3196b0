#include "sweep_design.h"

#include "parameters.h"

#include <deal.II/base/utilities.h>

#include <boost/math/special_functions/erf.hpp>

#include <array>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <random>
#include <sstream>

namespace needlesim
{
  namespace
  {
    constexpr unsigned int max_parameters = 8;

    std::string
    parameter_section(const unsigned int k)
    {
      return "Parameter " + std::to_string(k);
    }

    std::vector<std::string>
    split_list(const std::string &text)
    {
      std::vector<std::string> items;
      for (const std::string &item : dealii::Utilities::split_string_list(text, ','))
        if (!item.empty())
          items.push_back(item);
      return items;
    }

    /// Uniform numbers in [0, 1) from a 64-bit Mersenne twister, the same on
    /// every platform (the standard distributions are implementation defined).
    class UniformStream
    {
    public:
      explicit UniformStream(const std::uint64_t seed)
        : engine(seed)
      {}
      double
      operator()()
      {
        return static_cast<double>(engine() >> 11) * 0x1.0p-53;
      }
      /// A random permutation of 0..n-1 (Fisher-Yates).
      std::vector<unsigned int>
      permutation(const unsigned int n)
      {
        std::vector<unsigned int> p(n);
        std::iota(p.begin(), p.end(), 0u);
        for (unsigned int i = n; i > 1; --i)
          std::swap(p[i - 1], p[static_cast<unsigned int>((*this)() * i)]);
        return p;
      }

    private:
      std::mt19937_64 engine;
    };

    const std::vector<std::pair<SweepSettings::Design, std::string>> designs = {
      {SweepSettings::Design::grid, "grid"},
      {SweepSettings::Design::latin_hypercube, "latin hypercube"},
      {SweepSettings::Design::monte_carlo, "monte carlo"}};

    /// A swept parameter as the file gives it: the texts of its values,
    /// range and distribution beside the settings read directly.
    struct SweptInput
    {
      SweepParameter parameter;
      std::string    values, range, distribution;

      void
      add_parameters(dealii::ParameterHandler &prm)
      {
        using namespace dealii::Patterns;
        add_text(prm,
                 "Path",
                 parameter.path,
                 "scenario parameter to vary, e.g. Needle/Tip radius (empty: unused)");
        add_text(prm, "Values", values, "comma-separated values (numbers or words)");
        add_text(prm, "Range", range, "min, max of a range or uniform distribution");
        add_count(prm, "Count", parameter.count, 1, "levels of a range on a grid", 100000);
        add_choice(prm,
                   "Spacing",
                   parameter.logarithmic,
                   {{false, "linear"}, {true, "logarithmic"}},
                   "spacing of a range's levels (and its sampling density)");
        prm.add_parameter("Distribution",
                          distribution,
                          "random designs: distribution of the parameter",
                          Selection("|uniform|log-uniform|normal"));
        prm.add_parameter("Mean", parameter.mean, "mean of a normal distribution", Double());
        prm.add_parameter("Standard deviation",
                          parameter.standard_deviation,
                          "standard deviation of a normal distribution",
                          Double(0));
      }

      /// The parameter of section @p section; throws InputError unless
      /// exactly one way of giving values is used, and used fully.
      SweepParameter
      complete(const std::string &section) const
      {
        SweepParameter p = parameter;
        p.values         = split_list(values);
        const unsigned int kinds =
          !p.values.empty() + !distribution.empty() + (!range.empty() && distribution.empty());
        if (kinds != 1)
          throw InputError(section,
                           p.path,
                           "exactly one of Values, Range (+ Count) or Distribution",
                           kinds == 0 ? "no values given" : "more than one way of giving values");
        if (!p.values.empty())
          p.kind = SweepParameter::Kind::list;
        else if (!distribution.empty())
          {
            p.kind         = SweepParameter::Kind::distribution;
            p.distribution = distribution == "normal" ? SweepParameter::Distribution::normal :
                             distribution == "log-uniform" ?
                                                        SweepParameter::Distribution::log_uniform :
                                                        SweepParameter::Distribution::uniform;
            if (p.distribution != SweepParameter::Distribution::normal)
              read_range(p, section);
            else if (!(p.standard_deviation > 0))
              throw InputError(section + "/Standard deviation",
                               shortest_text(p.standard_deviation),
                               "> 0 for a normal distribution");
          }
        else
          {
            p.kind = SweepParameter::Kind::range;
            read_range(p, section);
          }
        return p;
      }

    private:
      /// min and max of @p p from the Range text.
      void
      read_range(SweepParameter &p, const std::string &section) const
      {
        const std::vector<std::string> bounds = split_list(range);
        try
          {
            if (bounds.size() == 2)
              {
                p.min = std::stod(bounds[0]);
                p.max = std::stod(bounds[1]);
              }
          }
        catch (const std::exception &)
          {
            p.min = p.max = std::nan("");
          }
        if (bounds.size() != 2 || !(p.min <= p.max))
          throw InputError(section + "/Range", range, "'min, max' with min <= max");
        if ((p.logarithmic || p.distribution == SweepParameter::Distribution::log_uniform) &&
            !(p.min > 0))
          throw InputError(section + "/Range", range, "min > 0 for a logarithmic range");
      }
    };

    /// The sweep file's parameters, each declared once and bound to the
    /// value it sets.
    struct SweepInput
    {
      SweepSettings                          settings;
      std::array<SweptInput, max_parameters> swept;

      void
      add_parameters(dealii::ParameterHandler &prm)
      {
        using namespace dealii::Patterns;
        prm.enter_subsection("Sweep");
        add_text(prm,
                 "Base scenario",
                 settings.base_scenario,
                 "scenario file (.prm or .json) the points modify, relative to this file");
        add_choice(prm,
                   "Design",
                   settings.design,
                   designs,
                   "grid: every combination; latin hypercube / monte carlo: Samples "
                   "random points");
        add_count(prm, "Samples", settings.samples, 1, "points of a random design", 1000000);
        prm.add_parameter("Seed", settings.seed, "seed of a random design", Integer(0));
        add_choice(prm,
                   "Ranks per point",
                   settings.all_ranks_per_point,
                   {{false, "1"}, {true, "all"}},
                   "1: points spread over the ranks with dynamic load balancing; "
                   "all: one point at a time on the distributed mesh of every rank");
        add_text(prm,
                 "Kernel cache",
                 settings.kernel_cache,
                 "directory of the stroke kernels the treatment points share "
                 "(relative to this file); empty: the base scenario's Patch/Kernel cache");
        prm.leave_subsection();
        for (unsigned int k = 1; k <= max_parameters; ++k)
          {
            prm.enter_subsection(parameter_section(k));
            swept[k - 1].add_parameters(prm);
            prm.leave_subsection();
          }
      }
    };

    /// Every combination of the parameters' levels, the first parameter
    /// varying slowest.
    std::vector<std::vector<std::string>>
    grid_points(const std::vector<SweepParameter> &parameters)
    {
      std::vector<std::vector<std::string>> levels;
      std::size_t                           n = 1;
      for (const SweepParameter &p : parameters)
        {
          levels.push_back(p.levels());
          n *= levels.back().size();
        }
      if (n > 1000000)
        throw InputError("Sweep/Design", "grid", "at most 1e6 points", "the grid is too large");
      std::vector<std::vector<std::string>> points;
      for (std::size_t i = 0; i < n; ++i)
        {
          std::vector<std::string> point(levels.size());
          std::size_t              rest = i;
          for (unsigned int j = levels.size(); j-- > 0;)
            {
              point[j] = levels[j][rest % levels[j].size()];
              rest /= levels[j].size();
            }
          points.push_back(point);
        }
      return points;
    }

    /// Monte Carlo: u_ij uniform; Latin hypercube (McKay, Beckman & Conover
    /// 1979): u_ij = (pi_j(i) + U_ij)/n with a random permutation pi_j per
    /// parameter, so every one of n strata of each parameter holds one point.
    std::vector<std::vector<std::string>>
    random_points(const SweepSettings &s)
    {
      UniformStream                          random(s.seed);
      const unsigned int                     n = s.samples, n_par = s.parameters.size();
      std::vector<std::vector<unsigned int>> strata;
      if (s.design == SweepSettings::Design::latin_hypercube)
        for (unsigned int j = 0; j < n_par; ++j)
          strata.push_back(random.permutation(n));
      std::vector<std::vector<std::string>> points;
      for (unsigned int i = 0; i < n; ++i)
        {
          std::vector<std::string> point(n_par);
          for (unsigned int j = 0; j < n_par; ++j)
            {
              const double u = strata.empty() ? random() : (strata[j][i] + random()) / n;
              point[j]       = s.parameters[j].value_at(u);
            }
          points.push_back(point);
        }
      return points;
    }
  } // namespace



  std::string
  SweepParameter::column() const
  {
    std::string name = path;
    for (char &c : name)
      if (c == '/')
        c = '.';
    return name;
  }



  std::vector<std::string>
  SweepParameter::levels() const
  {
    if (kind == Kind::list)
      return values;
    std::vector<std::string> result;
    for (unsigned int i = 0; i < count; ++i)
      {
        const double s = count == 1 ? 0.0 : double(i) / (count - 1);
        // linear: x_i = min + s (max - min); logarithmic: x_i = min (max/min)^s
        result.push_back(
          shortest_text(logarithmic ? min * std::pow(max / min, s) : min + s * (max - min)));
      }
    return result;
  }



  std::string
  SweepParameter::value_at(const double u) const
  {
    if (kind == Kind::list)
      return values[std::min<std::size_t>(values.size() - 1, u * values.size())];
    const bool log_scale =
      kind == Kind::range ? logarithmic : distribution == Distribution::log_uniform;
    if (kind == Kind::distribution && distribution == Distribution::normal)
      {
        // x = mean + sigma sqrt(2) erf^-1(2u - 1), u kept inside (0, 1)
        const double v = std::clamp(u, 1e-12, 1.0 - 1e-12);
        return shortest_text(mean + standard_deviation * std::sqrt(2.0) *
                                      boost::math::erf_inv(2.0 * v - 1.0));
      }
    return shortest_text(log_scale ? min * std::pow(max / min, u) : min + u * (max - min));
  }



  SweepDesign
  SweepDesign::from_file(const std::string &filename)
  {
    const std::vector<ParameterAssignment> assignments = read_parameter_file(filename);
    SweepInput                             input;
    dealii::ParameterHandler               prm;
    input.add_parameters(prm);
    apply_assignments(prm, assignments);

    // a path relative to the file that set it (which may be an included one)
    const auto resolve = [&assignments](const std::string &entry, const std::string &path) {
      std::filesystem::path here;
      for (const ParameterAssignment &a : assignments)
        if (a.path == entry)
          here = std::filesystem::path(a.file).parent_path();
      const std::filesystem::path p(path);
      return std::filesystem::absolute(p.is_relative() ? here / p : p).lexically_normal().string();
    };

    SweepDesign    design;
    SweepSettings &s = design.sweep;
    s                = input.settings;
    s.sweep_file     = filename;
    if (s.base_scenario.empty())
      throw InputError("Sweep/Base scenario", "", "a scenario file");
    s.base_scenario = resolve("Sweep/Base scenario", s.base_scenario);
    if (!s.kernel_cache.empty())
      s.kernel_cache = resolve("Sweep/Kernel cache", s.kernel_cache);

    // The base scenario must be valid by itself, and every path one of its
    // parameters.
    design.base = read_parameter_file(s.base_scenario);
    ScenarioInput          scenario_input;
    const ParameterCatalog catalog(scenario_input.parameters());
    for (unsigned int k = 1; k <= max_parameters; ++k)
      {
        const std::string section = parameter_section(k);
        const SweptInput &swept   = input.swept[k - 1];
        if (swept.parameter.path.empty())
          continue;
        s.parameters.push_back(swept.complete(section));
        if (!catalog.is_entry(s.parameters.back().path))
          throw InputError(section + "/Path",
                           s.parameters.back().path,
                           "a scenario parameter listed by needlesim --print-parameters",
                           "unknown parameter");
        if (s.design == SweepSettings::Design::grid &&
            s.parameters.back().kind == SweepParameter::Kind::distribution)
          throw InputError(section + "/Distribution",
                           swept.distribution,
                           "empty on a grid (give Values or Range and Count)",
                           "a grid has no random values");
      }
    if (s.parameters.empty())
      throw InputError("Parameter 1/Path", "", "at least one scenario parameter to vary");
    Scenario::from_file(s.base_scenario); // throws InputError if the base is invalid

    design.values =
      s.design == SweepSettings::Design::grid ? grid_points(s.parameters) : random_points(s);
    return design;
  }



  Scenario
  SweepDesign::scenario(const unsigned int i) const
  {
    std::vector<ParameterAssignment> assignments = base;
    for (unsigned int j = 0; j < sweep.parameters.size(); ++j)
      assignments.push_back({sweep.parameters[j].path,
                             values[i][j],
                             sweep.sweep_file + ", point " + std::to_string(i),
                             0});
    if (!sweep.kernel_cache.empty())
      assignments.push_back({"Patch/Kernel cache", sweep.kernel_cache, sweep.sweep_file, 0});
    ScenarioInput input;
    apply_assignments(input.parameters(), assignments);
    return input.scenario(sweep.base_scenario);
  }



  std::string
  SweepDesign::design_csv() const
  {
    std::ostringstream out;
    out << "point";
    for (const SweepParameter &p : sweep.parameters)
      out << "," << p.column();
    out << "\n";
    for (unsigned int i = 0; i < values.size(); ++i)
      {
        out << i;
        for (const std::string &v : values[i])
          out << "," << v;
        out << "\n";
      }
    return out.str();
  }
} // namespace needlesim
