#include "bevelled_needle.h"

#include <deal.II/base/symmetric_tensor.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace needlesim
{
  BevelledNeedle::BevelledNeedle(const double shaft_radius,
                                 const double tip_radius,
                                 const double bevel_angle)
    : R(shaft_radius)
    , r_t(tip_radius)
    , beta(bevel_angle)
    , R_c(shaft_radius - tip_radius)
    , a({-std::cos(bevel_angle), 0.0, -std::sin(bevel_angle)})
    , b(-tip_radius * std::sin(bevel_angle))
    , c_x(-(shaft_radius - tip_radius))
  {}



  BevelledNeedle::EllipsePoint
  BevelledNeedle::ellipse(const double theta) const
  {
    // on the shaft x = c_x + R_c cos(theta), y = R_c sin(theta); on the face
    // a . p = b: z = (-b - cos(beta) x) / sin(beta)
    const double cb = std::cos(beta), sb = std::sin(beta);
    const double x = c_x + R_c * std::cos(theta), dx = -R_c * std::sin(theta),
                 ddx = -R_c * std::cos(theta);
    EllipsePoint e;
    e.c   = Tensor1({x, R_c * std::sin(theta), (-b - cb * x) / sb});
    e.dc  = Tensor1({dx, R_c * std::cos(theta), -cb * dx / sb});
    e.ddc = Tensor1({ddx, -R_c * std::sin(theta), -cb * ddx / sb});
    return e;
  }



  NeedleShape::Distance
  BevelledNeedle::signed_distance(const Tensor1 &x, const double z_tip) const
  {
    Tensor1 p = x;
    p[2] -= z_tip;
    Distance         out;
    const SymTensor2 identity = identity2();
    Tensor1          e_z;
    e_z[2] = 1.0;

    // the shaft: distance rho - R_c from its axis
    const double rho = std::hypot(p[0] - c_x, p[1]);
    Tensor1      e_rho({1.0, 0.0, 0.0});
    if (rho > 1e-14)
      e_rho = Tensor1({(p[0] - c_x) / rho, p[1] / rho, 0.0});
    const auto shaft_hessian = [&]() {
      return SymTensor2((identity - dealii::symmetrize(dealii::outer_product(e_rho, e_rho)) -
                         dealii::symmetrize(dealii::outer_product(e_z, e_z))) /
                        std::max(rho, 1e-14));
    };
    const double g_shaft = rho - R_c, g_face = a * p - b;

    if (g_shaft <= 0.0 && g_face <= 0.0) // inside K: the nearer boundary
      {
        out.value  = std::max(g_shaft, g_face) - r_t;
        out.normal = g_shaft > g_face ? e_rho : a;
        if (g_shaft > g_face)
          out.hessian = shaft_hessian();
        return out;
      }

    const double tolerance = 1e-12 * (1.0 + R);
    double       d         = std::numeric_limits<double>::max();
    // on the shaft's surface, below the face
    if (g_shaft > 0.0)
      {
        const Tensor1 q({c_x + R_c * e_rho[0], R_c * e_rho[1], p[2]});
        if (a * q <= b + tolerance)
          {
            d           = g_shaft;
            out.normal  = e_rho;
            out.hessian = shaft_hessian();
          }
      }
    // on the face, within the shaft
    if (g_face > 0.0 && g_face < d)
      {
        const Tensor1 q = p - g_face * a;
        if (std::hypot(q[0] - c_x, q[1]) <= R_c + tolerance)
          {
            d           = g_face;
            out.normal  = a;
            out.hessian = 0;
          }
      }
    // on the ellipse: the nearest of 72 samples, then Newton's method on
    // f'(theta) = -2 (p - c) . c'
    double theta = 0.0, best = std::numeric_limits<double>::max();
    for (unsigned int k = 0; k < 72; ++k)
      {
        const double t = 2.0 * M_PI * k / 72.0, f = (p - ellipse(t).c).norm_square();
        if (f < best)
          {
            best  = f;
            theta = t;
          }
      }
    for (unsigned int it = 0; it < 50; ++it)
      {
        const EllipsePoint e    = ellipse(theta);
        const Tensor1      r    = p - e.c;
        const double       g    = -(r * e.dc);
        const double       dg   = e.dc * e.dc - r * e.ddc;
        const double       step = dg > 0.0 ? -g / dg : -g;
        theta += std::clamp(step, -0.1, 0.1);
        if (std::abs(step) < 1e-15)
          break;
      }
    const EllipsePoint e      = ellipse(theta);
    const double       d_edge = (p - e.c).norm();
    if (d_edge < d)
      {
        d          = d_edge;
        out.normal = (p - e.c) / d;
        // the distance to a space curve: c_ss the second derivative in arc
        // length, kappa_n = n . c_ss
        const double  speed = e.dc.norm();
        const Tensor1 t     = e.dc / speed;
        const Tensor1 c_ss  = (e.ddc - (e.ddc * t) * t) / (speed * speed);
        const double  kappa = out.normal * c_ss;
        out.hessian =
          (identity - dealii::symmetrize(dealii::outer_product(out.normal, out.normal)) -
           dealii::symmetrize(dealii::outer_product(t, t)) / (1.0 - d * kappa)) /
          d;
      }
    out.value = d - r_t;
    return out;
  }



  NeedleShape::Footprint
  BevelledNeedle::footprint(const double zeta) const
  {
    if (zeta <= 0.0)
      return {};
    // the disk of radius R about x = -R, cut by the face at x = -zeta tan(beta):
    // the chord at the distance c = R - zeta tan(beta) from the centre
    const double c   = std::clamp(R - zeta * std::tan(beta), -R, R);
    const double phi = std::acos(c / R);
    return {R * R * (phi - std::sin(phi) * std::cos(phi)), 2.0 * R * phi + 2.0 * R * std::sin(phi)};
  }
} // namespace needlesim
