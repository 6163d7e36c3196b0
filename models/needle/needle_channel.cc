#include "needle_channel.h"

#include <cmath>

namespace needlesim
{
  NeedleChannel::NeedleChannel(const Parameters &p)
    : param(p)
  {}



  NeedleChannel::Response
  NeedleChannel::evaluate(const WedgedCrackSection            &section,
                          const double                         G_c,
                          const NeedleGeometry::SectionRadius &rho,
                          const double                         slip,
                          const State                         &n) const
  {
    Response r;
    // the wedge: reduced section energy at the needle radius of this height
    const WedgedCrackSection::Split s = section.split(rho.value, n.crack_half_length, G_c);
    r.state.crack_half_length         = s.a;
    r.fracture                        = s.fracture;
    r.normal_force                    = s.force;
    r.force                           = s.force * rho.slope;
    r.stiffness = s.stiffness * rho.slope * rho.slope + s.force * rho.curvature;

    // friction on the axial slip, return map
    const double k_T = param.stick_stiffness, limit = param.friction * s.force;
    const double f_tr = n.friction_force + k_T * slip;
    if (std::abs(f_tr) <= limit)
      {
        r.state.friction_force = f_tr;
        r.stiffness += k_T;
      }
    else
      {
        const double sign      = f_tr > 0.0 ? 1.0 : -1.0;
        r.state.friction_force = sign * limit;
        r.stiffness += param.friction * sign * s.stiffness * rho.slope;
        // the slip dG = (|f_tr| - mu N) / k_T at the mean limit force of the
        // step, mu (N_n + N) / 2: second order, as the trapezoidal needle work
        r.friction_dissipation =
          0.5 * param.friction * (n.normal_force + s.force) * (std::abs(f_tr) - limit) / k_T;
      }
    r.state.normal_force = s.force;
    r.force += r.state.friction_force;
    r.stored = s.energy + r.state.friction_force * r.state.friction_force / (2.0 * k_T);
    return r;
  }
} // namespace needlesim
