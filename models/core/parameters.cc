#include "parameters.h"

#include <deal.II/base/utilities.h>

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



  void
  declare_quantity(dealii::ParameterHandler &prm,
                   const std::string        &name,
                   const std::string        &default_value,
                   const std::string        &unit,
                   const double              min,
                   const double              max,
                   const std::string        &meaning)
  {
    prm.declare_entry(name,
                      default_value,
                      dealii::Patterns::Double(min, max),
                      "[" + unit + "] " + meaning);
  }



  void
  declare_quantity_list(dealii::ParameterHandler &prm,
                        const std::string        &name,
                        const std::string        &default_value,
                        const std::string        &unit,
                        const double              min,
                        const double              max,
                        const std::string        &meaning)
  {
    prm.declare_entry(name,
                      default_value,
                      dealii::Patterns::List(dealii::Patterns::Double(min, max)),
                      "[" + unit + "] " + meaning);
  }



  std::vector<double>
  get_quantity_list(const dealii::ParameterHandler &prm, const std::string &name)
  {
    return dealii::Utilities::string_to_double(dealii::Utilities::split_string_list(prm.get(name)));
  }
} // namespace needlesim
