#pragma once
// The numbers a run produces, and their files:
//   summary.json  scalar results, each name ending in its unit (e.g. _N, _mm),
//   results.h5    the same scalars, the curves, the full parameter set and
//                 the git revision (readable with h5py, pandas, MATLAB),
//   <curve>.csv   one file per curve.
// Only MPI rank 0 writes.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace needlesim
{
  struct Curve
  {
    std::string                      name;    ///< file stem, e.g. "force_time"
    std::vector<std::string>         columns; ///< column names with units
    std::vector<std::vector<double>> rows;

    /// The position of the column @p column_name; throws if there is none.
    std::size_t
    column(const std::string &column_name) const;
    /// The value of the column @p column_name in the last row.
    double
    last(const std::string &column_name) const;
  };

  class RunResults
  {
  public:
    /// A scalar result; @p name ends in its unit (e.g. "peak_force_N").
    void
    add(const std::string &name, double value);
    /// A text result (e.g. the status).
    void
    add_text(const std::string &name, const std::string &value);
    void
    add_curve(const Curve &curve);
    /// A named group of scalars (e.g. "timing"), each name ending in its
    /// unit: a JSON object in summary.json, a group in results.h5.
    void
    add_block(const std::string &name, std::vector<std::pair<std::string, double>> entries);

    /// A text result, replacing one of the same name.
    void
    set_text(const std::string &name, const std::string &value);

    /// A scalar or curve added before; throws std::out_of_range if unknown.
    double
    number(const std::string &name) const;
    /// A scalar, if there is one of that name.
    std::optional<double>
    find(const std::string &name) const;
    /// A text result ("" if there is none of that name).
    std::string
    text(const std::string &name) const;
    const Curve &
    curve(const std::string &name) const;

    void
    write_summary_json(const std::string &path) const;
    void
    write_csv(const std::string &directory) const;
    /// @p parameters_prm / @p parameters_json: the full parameter set.
    void
    write_hdf5(const std::string &path,
               const std::string &parameters_prm,
               const std::string &parameters_json) const;

  private:
    std::vector<std::pair<std::string, double>>                                      numbers;
    std::vector<std::pair<std::string, std::string>>                                 texts;
    std::vector<Curve>                                                               curves;
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, double>>>> blocks;
  };
} // namespace needlesim
