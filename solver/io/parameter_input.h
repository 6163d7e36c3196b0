#pragma once
// Reading scenario files (.prm or .json) into a deal.II ParameterHandler
// with precise error messages. Every problem is reported as an InputError
// naming the parameter (its full path, e.g. "Skin/Reticular dermis/Thickness"),
// the value found, the line of the file and what is allowed (range and unit,
// taken from the declaration itself).

#include "parameters.h"

#include <deal.II/base/parameter_handler.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace needlesim
{
  /// One "set" statement of a scenario file.
  struct ParameterAssignment
  {
    std::string  path; ///< "Section/Subsection/Entry"
    std::string  value;
    std::string  file; ///< the file it was read from
    unsigned int line; ///< line in the file (0 for JSON)
  };

  /// The declared parameters of a ParameterHandler with their documentation
  /// and patterns (read back from the handler's own JSON description).
  class ParameterCatalog
  {
  public:
    explicit ParameterCatalog(const dealii::ParameterHandler &prm);

    bool
    is_entry(const std::string &path) const;
    bool
    is_subsection(const std::string &path) const;
    std::string
    documentation(const std::string &path) const;
    /// deal.II's description of an entry's pattern, e.g. "[Double 0...1 (inclusive)]".
    std::string
    pattern(const std::string &path) const;
    /// What an entry accepts, e.g. "a number in [0.001, 20] mm".
    std::string
    allowed_values(const std::string &path) const;
    /// Names declared directly inside a subsection ("" for the top level).
    std::vector<std::string>
    children(const std::string &subsection_path) const;

    /// Writes every parameter as a commented, valid .prm file: meaning with
    /// unit, allowed values, and the default value.
    void
    print_reference(std::ostream &out) const;

  private:
    /// The node at "Section/Entry" (the top level for ""), or nullptr.
    const nlohmann::ordered_json *
    node(const std::string &path) const;

    nlohmann::ordered_json tree;
  };

  /// Reads all assignments of a .prm or .json file. Throws InputError if the
  /// file cannot be read, is empty or is malformed.
  std::vector<ParameterAssignment>
  read_parameter_file(const std::string &filename);

  /// Applies the assignments to @p prm; throws InputError for unknown
  /// parameters and for values that do not match their declaration.
  void
  apply_assignments(dealii::ParameterHandler               &prm,
                    const std::vector<ParameterAssignment> &assignments);
} // namespace needlesim
