#pragma once
// Declaring and reading scenario parameters in one consistent way: every
// real-valued parameter carries its unit, its allowed range and a one-line
// meaning, and every rejected value is reported as an InputError that names
// the parameter, the value and what is allowed.
//
// Units throughout needlesim: mm, N, MPa, s (days only in treatment protocols).

#include <deal.II/base/parameter_handler.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace needlesim
{
  /// A scenario value that cannot be used. The message has the form
  /// "<parameter> = <value>: <reason>; allowed: <range>".
  class InputError : public std::runtime_error
  {
  public:
    InputError(const std::string &parameter,
               const std::string &value,
               const std::string &allowed,
               const std::string &reason = "");
  };

  /// Declares a real parameter with unit, closed range [min, max] and meaning.
  /// The documentation string reads "[unit] meaning"; the range is the
  /// parameter's pattern (printed by needlesim --print-parameters).
  void
  declare_quantity(dealii::ParameterHandler &prm,
                   const std::string        &name,
                   const std::string        &default_value,
                   const std::string        &unit,
                   double                    min,
                   double                    max,
                   const std::string        &meaning);

  /// Declares a comma-separated list of reals, each within [min, max].
  void
  declare_quantity_list(dealii::ParameterHandler &prm,
                        const std::string        &name,
                        const std::string        &default_value,
                        const std::string        &unit,
                        double                    min,
                        double                    max,
                        const std::string        &meaning);

  /// Reads a list declared with declare_quantity_list().
  std::vector<double>
  get_quantity_list(const dealii::ParameterHandler &prm, const std::string &name);

  /// Range as printed in messages, e.g. "[0.001, 20] mm".
  std::string
  format_range(double min, double max, const std::string &unit);
} // namespace needlesim
