#include "parameters.h"

#include <deal.II/base/utilities.h>

#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <sstream>

namespace needlesim
{
  namespace
  {
    std::string
    compose_message(const std::string &parameter,
                    const std::string &value,
                    const std::string &allowed,
                    const std::string &reason)
    {
      std::ostringstream msg;
      msg << "parameter '" << parameter << "' = '" << value << "'";
      if (!reason.empty())
        msg << ": " << reason;
      msg << "; allowed: " << allowed;
      return msg.str();
    }

    std::string
    number_to_string(const double x)
    {
      std::ostringstream s;
      s << x;
      return s.str();
    }
  } // namespace



  InputError::InputError(const std::string &parameter,
                         const std::string &value,
                         const std::string &allowed,
                         const std::string &reason)
    : std::runtime_error(compose_message(parameter, value, allowed, reason))
  {}



  std::string
  format_range(const double min, const double max, const std::string &unit)
  {
    std::string range = "[" + number_to_string(min) + ", " + number_to_string(max) + "]";
    if (!unit.empty() && unit != "-")
      range += " " + unit;
    return range;
  }



  std::string
  shortest_text(const double x)
  {
    if (x == std::round(x) && std::abs(x) < 1e15) // 10, not 1e+01
      return std::to_string(static_cast<long long>(x));
    for (int digits = 1;; ++digits)
      {
        std::ostringstream s;
        s << std::setprecision(digits) << x;
        if (digits >= 17 || std::strtod(s.str().c_str(), nullptr) == x)
          return s.str();
      }
  }



  std::string
  list_text(const std::vector<double> &values)
  {
    std::string text;
    for (const double x : values)
      text += (text.empty() ? "" : ", ") + shortest_text(x);
    return text;
  }



  void
  add_quantity(dealii::ParameterHandler &prm,
               const std::string        &name,
               double                   &value,
               const std::string        &unit,
               const double              min,
               const double              max,
               const std::string        &meaning)
  {
    prm.declare_entry(name,
                      shortest_text(value),
                      dealii::Patterns::Double(min, max),
                      "[" + unit + "] " + meaning);
    // strtod, not get_double: a value it reads only with a range error is
    // reported by apply_assignments() (parameter_input.h)
    prm.add_action(name, [&value](const std::string &text) {
      value = std::strtod(text.c_str(), nullptr);
    });
  }



  void
  add_quantity_list(dealii::ParameterHandler &prm,
                    const std::string        &name,
                    std::vector<double>      &values,
                    const std::string        &unit,
                    const double              min,
                    const double              max,
                    const std::string        &meaning)
  {
    prm.declare_entry(name,
                      list_text(values),
                      dealii::Patterns::List(dealii::Patterns::Double(min, max)),
                      "[" + unit + "] " + meaning);
    prm.add_action(name, [&values](const std::string &list) {
      values = dealii::Utilities::string_to_double(dealii::Utilities::split_string_list(list));
    });
  }



  void
  add_count(dealii::ParameterHandler &prm,
            const std::string        &name,
            unsigned int             &value,
            const unsigned int        min,
            const std::string        &meaning,
            const unsigned int        max)
  {
    prm.add_parameter(name,
                      value,
                      meaning,
                      dealii::Patterns::Integer(static_cast<int>(min), static_cast<int>(max)));
  }



  void
  add_flag(dealii::ParameterHandler &prm,
           const std::string        &name,
           bool                     &value,
           const std::string        &meaning)
  {
    prm.add_parameter(name, value, meaning, dealii::Patterns::Bool());
  }



  void
  add_text(dealii::ParameterHandler &prm,
           const std::string        &name,
           std::string              &value,
           const std::string        &meaning)
  {
    prm.add_parameter(name, value, meaning, dealii::Patterns::Anything());
  }
} // namespace needlesim
