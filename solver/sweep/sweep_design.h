#pragma once
// The points of a parameter sweep (`needlesim sweep SWEEP.prm`): a base
// scenario and, for up to eight of its parameters addressed by their path
// (e.g. "Needle/Tip radius"), a list of values, a range with a count (linear
// or logarithmic) or a distribution, combined as a full grid, a Latin
// hypercube or Monte Carlo with a seed:
//
//   subsection Sweep
//     set Base scenario = stroke-pen.prm
//     set Design        = grid            # grid | latin hypercube | monte carlo
//   end
//   subsection Parameter 1
//     set Path   = Needle/Tip radius
//     set Values = 0.005, 0.01            # or: Range = 0.005, 0.02 + Count (+ Spacing)
//   end                                   # or: Distribution + Range / Mean, Standard deviation
//
// Point i's values are fixed by the sweep file alone (the random designs draw
// from a 64-bit Mersenne twister with the file's seed and their own uniform
// and normal transforms), so a sweep resumed or run on another number of
// ranks has exactly the same points.

#include "parameter_input.h"
#include "scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace needlesim
{
  /// One swept scenario parameter and how its values are chosen.
  struct SweepParameter
  {
    enum class Kind
    {
      list,        ///< the given values (numbers or words)
      range,       ///< min..max: Count levels on a grid, uniform otherwise
      distribution ///< random designs only
    };
    enum class Distribution
    {
      uniform,
      log_uniform,
      normal
    };

    std::string              path; ///< "Section/Entry" in the scenario
    Kind                     kind = Kind::list;
    std::vector<std::string> values;
    double                   min = 0, max = 0;
    unsigned int             count        = 3; ///< levels of a range on a grid
    bool                     logarithmic  = false;
    Distribution             distribution = Distribution::uniform;
    double                   mean = 0, standard_deviation = 0;

    /// Column name in the results table: the path with '/' replaced by '.'.
    std::string
    column() const;
    /// The grid levels (list or range).
    std::vector<std::string>
    levels() const;
    /// The value at cumulative probability @p u in [0, 1) (inverse CDF).
    std::string
    value_at(double u) const;
  };

  struct SweepSettings
  {
    enum class Design
    {
      grid,
      latin_hypercube,
      monte_carlo
    };

    std::string                 sweep_file;
    std::string                 base_scenario; ///< resolved against the sweep file
    Design                      design              = Design::grid;
    unsigned int                samples             = 10; ///< points of a random design
    std::uint64_t               seed                = 1;
    bool                        all_ranks_per_point = false; ///< one point at a time on every rank
    std::string                 kernel_cache;                ///< empty: the base scenario's
    std::vector<SweepParameter> parameters;
  };

  class SweepDesign
  {
  public:
    /// Reads and checks a sweep file; throws InputError naming the setting.
    static SweepDesign
    from_file(const std::string &filename);

    const SweepSettings &
    settings() const
    {
      return sweep;
    }
    unsigned int
    n_points() const
    {
      return static_cast<unsigned int>(values.size());
    }
    /// Point @p i's value of each swept parameter (in settings().parameters order).
    const std::vector<std::string> &
    point(const unsigned int i) const
    {
      return values[i];
    }
    /// The base scenario with point @p i's values; throws InputError if the
    /// combination is not a valid scenario.
    Scenario
    scenario(unsigned int i) const;

    /// The design as CSV text (index and values), to recognise a sweep when
    /// it is resumed.
    std::string
    design_csv() const;

  private:
    SweepSettings                         sweep;
    std::vector<ParameterAssignment>      base;
    std::vector<std::vector<std::string>> values;
  };
} // namespace needlesim
