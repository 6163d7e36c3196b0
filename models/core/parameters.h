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
#include <utility>
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

  // Each parameter is written once: a declaration bound to the variable that
  // holds it (deal.II's ParameterHandler::add_parameter). The variable's
  // value when it is declared is the default; reading a file, or setting the
  // entry, writes the variable. The variable must outlive the handler's use.

  /// A real parameter with unit, closed range [min, max] and meaning; its
  /// documentation reads "[unit] meaning" and its pattern is the range
  /// (printed by needlesim --print-parameters).
  void
  add_quantity(dealii::ParameterHandler &prm,
               const std::string        &name,
               double                   &value,
               const std::string        &unit,
               double                    min,
               double                    max,
               const std::string        &meaning);

  /// A comma-separated list of reals, each within [min, max].
  void
  add_quantity_list(dealii::ParameterHandler &prm,
                    const std::string        &name,
                    std::vector<double>      &values,
                    const std::string        &unit,
                    double                    min,
                    double                    max,
                    const std::string        &meaning);

  /// A count within [min, max] (max: no limit if omitted).
  void
  add_count(dealii::ParameterHandler &prm,
            const std::string        &name,
            unsigned int             &value,
            unsigned int              min,
            const std::string        &meaning,
            unsigned int              max = dealii::Patterns::Integer::max_int_value);

  /// A true/false switch.
  void
  add_flag(dealii::ParameterHandler &prm,
           const std::string        &name,
           bool                     &value,
           const std::string        &meaning);

  /// Free text (a path, a list in its own syntax, ...).
  void
  add_text(dealii::ParameterHandler &prm,
           const std::string        &name,
           std::string              &value,
           const std::string        &meaning);

  /// One of a set of named values: @p names pairs each value with its name in
  /// scenario files.
  template <typename Value>
  void
  add_choice(dealii::ParameterHandler                         &prm,
             const std::string                                &name,
             Value                                            &value,
             const std::vector<std::pair<Value, std::string>> &names,
             const std::string                                &meaning)
  {
    std::string pattern, current;
    for (const auto &[v, text] : names)
      {
        pattern += (pattern.empty() ? "" : "|") + text;
        if (v == value)
          current = text;
      }
    prm.declare_entry(name, current, dealii::Patterns::Selection(pattern), meaning);
    prm.add_action(name, [&value, names](const std::string &text) {
      for (const auto &[v, t] : names)
        if (t == text)
          value = v;
    });
  }

  /// The shortest decimal text that reads back as @p x exactly ("0.1", "1e-08").
  std::string
  shortest_text(double x);

  /// A list as a scenario file writes it: "0.853, 0.369".
  std::string
  list_text(const std::vector<double> &values);

  /// Range as printed in messages, e.g. "[0.001, 20] mm".
  std::string
  format_range(double min, double max, const std::string &unit);
} // namespace needlesim
