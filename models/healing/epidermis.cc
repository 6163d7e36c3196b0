#include "epidermis.h"

#include "parameters.h"

#include <cmath>

namespace needlesim
{
  Epidermis::Epidermis(const Parameters &parameters)
    : param(parameters)
  {}



  void
  Epidermis::injure(const double area_fraction)
  {
    W += (1.0 - W) * area_fraction;
  }



  void
  Epidermis::advance(const double dt, const double phi_p)
  {
    // dW/dt = -k_re W, k_re = ln 2 / t_1/2
    W *= std::exp(-std::log(2.0) * dt / param.closure_half_life);
    // dn/dt = (n* - n)/tau with n* = 1 + gamma (phi_p - 1) over the step
    const double n_target = 1.0 + param.collagen_coupling * (phi_p - 1.0);
    n                     = n_target + (n - n_target) * std::exp(-dt / param.renewal_time);
  }



  void
  Epidermis::Parameters::add_parameters(dealii::ParameterHandler &prm)
  {
    add_quantity(prm,
                 "Closure half-life",
                 closure_half_life,
                 "day",
                 1e-3,
                 100,
                 "t_1/2, time in which half of the open epidermal surface re-epithelialises");
    add_quantity(prm,
                 "Renewal time",
                 renewal_time,
                 "day",
                 1,
                 1000,
                 "tau, relaxation time of the epidermal thickness (renewal)");
    add_quantity(
      prm,
      "Collagen coupling",
      collagen_coupling,
      "-",
      0,
      10,
      "gamma, relative thickening of the epidermis per relative papillary collagen gain");
  }
} // namespace needlesim
