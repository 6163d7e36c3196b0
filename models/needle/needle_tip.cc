#include "needle_tip.h"

#include <algorithm>
#include <cmath>

namespace needlesim
{
  namespace
  {
    /// Segments of the table of the blend.
    constexpr unsigned int n_segments = 32;

    /// S(x) = 3x^2 - 2x^3 and its integral x^3 - x^4/2.
    double
    smoothstep(const double x)
    {
      return x * x * (3.0 - 2.0 * x);
    }
    double
    smoothstep_integral(const double x)
    {
      return x * x * x * (1.0 - 0.5 * x);
    }
  } // namespace



  NeedleTip::NeedleTip(const double r_t_, const double alpha_)
    : r_t(r_t_)
    , alpha(alpha_)
    , s_1(0.75 * r_t_ * (0.5 * M_PI - alpha_))
    , L(0.5 * r_t_ * (0.5 * M_PI - alpha_))
  {
    // s_1 + L/2 = r_t (pi/2 - alpha): the turning of the cap alone
    nodes.push_back({r_t * std::sin(s_1 / r_t), r_t * (1.0 - std::cos(s_1 / r_t))});
    for (unsigned int k = 1; k <= n_segments; ++k)
      nodes.push_back(
        advance(nodes.back(), s_1 + (k - 1) * L / n_segments, s_1 + k * L / n_segments));
    end = nodes.back();
  }



  double
  NeedleTip::tangent_angle(const double s) const
  {
    // phi = int kappa ds
    if (s <= s_1)
      return s / r_t;
    if (s >= s_1 + L)
      return 0.5 * M_PI - alpha;
    const double x = (s - s_1) / L;
    return (s_1 + L * (x - smoothstep_integral(x))) / r_t;
  }



  double
  NeedleTip::curvature(const double s) const
  {
    if (s <= s_1)
      return 1.0 / r_t;
    if (s >= s_1 + L)
      return 0.0;
    return (1.0 - smoothstep((s - s_1) / L)) / r_t;
  }



  NeedleTip::Point
  NeedleTip::advance(Point c, const double a, const double b) const
  {
    // c(b) = c(a) + int_a^b (cos phi, sin phi) ds, 4-point Gauss-Legendre
    for (const auto &[x, w] : {std::pair{-0.8611363115940526, 0.3478548451374538},
                               std::pair{-0.3399810435848563, 0.6521451548625461},
                               std::pair{0.3399810435848563, 0.6521451548625461},
                               std::pair{0.8611363115940526, 0.3478548451374538}})
      {
        const double phi = tangent_angle(a + 0.5 * (b - a) * (1.0 + x));
        c.rho += 0.5 * (b - a) * w * std::cos(phi);
        c.zeta += 0.5 * (b - a) * w * std::sin(phi);
      }
    return c;
  }



  NeedleTip::Point
  NeedleTip::position(const double s) const
  {
    if (s <= s_1)
      return {r_t * std::sin(s / r_t), r_t * (1.0 - std::cos(s / r_t))};
    const double       h = L / n_segments;
    const unsigned int k = std::min(static_cast<unsigned int>((s - s_1) / h), n_segments - 1);
    Point              c = advance(nodes[k], s_1 + k * h, std::min(s, s_1 + L));
    if (s > s_1 + L)
      {
        c.rho += (s - s_1 - L) * std::sin(alpha);
        c.zeta += (s - s_1 - L) * std::cos(alpha);
      }
    return c;
  }



  bool
  NeedleTip::closest(const double rho, const double zeta, Foot &foot) const
  {
    // g(s) = (p - c(s)) . t(s) and the distance d(s) = (p - c(s)) . n(s),
    // t = (cos phi, sin phi), n = (sin phi, -cos phi)
    const auto g_and_d = [&](const double s) {
      const Point  c   = position(s);
      const double phi = tangent_angle(s);
      return std::pair{(rho - c.rho) * std::cos(phi) + (zeta - c.zeta) * std::sin(phi),
                       (rho - c.rho) * std::sin(phi) - (zeta - c.zeta) * std::cos(phi)};
    };
    if (g_and_d(s_1 + L).first > 0.0)
      return false;

    double       s     = 0.0;
    const double v_rho = rho, v_zeta = zeta - r_t; // from the centre of the cap
    const double v = std::hypot(v_rho, v_zeta);
    if (v == 0.0 || std::atan2(v_rho, -v_zeta) <= s_1 / r_t)
      s = v == 0.0 ? 0.0 : r_t * std::max(std::atan2(v_rho, -v_zeta), 0.0);
    else
      {
        // the root of g on the blend: Newton, kept in its bracket by bisection
        double lo = s_1, hi = s_1 + L;
        s = 0.5 * (lo + hi);
        for (unsigned int it = 0; it < 100 && hi - lo > 1e-15 * r_t; ++it)
          {
            const auto [gs, d]   = g_and_d(s);
            (gs > 0.0 ? lo : hi) = s;
            const double slope   = -(1.0 + curvature(s) * d);
            const double next    = slope < 0.0 ? s - gs / slope : 0.5 * (lo + hi);
            s                    = (next > lo && next < hi) ? next : 0.5 * (lo + hi);
          }
      }
    const double phi   = tangent_angle(s);
    const double kappa = curvature(s);
    foot.n_rho         = std::sin(phi);
    foot.n_zeta        = -std::cos(phi);
    foot.value         = g_and_d(s).second;
    foot.curvature     = kappa / (1.0 + kappa * foot.value);
    return true;
  }



  double
  NeedleTip::radius_at_height(const double zeta) const
  {
    const double zeta_1 = r_t * (1.0 - std::cos(s_1 / r_t));
    if (zeta <= zeta_1)
      {
        const double h = r_t - std::max(zeta, 0.0);
        return std::sqrt(std::max(r_t * r_t - h * h, 0.0));
      }
    // c_zeta(s) = zeta on the blend (c_zeta grows with s): bisection
    double lo = s_1, hi = s_1 + L;
    for (unsigned int it = 0; it < 200 && hi - lo > 1e-15 * r_t; ++it)
      {
        const double s                      = 0.5 * (lo + hi);
        (position(s).zeta < zeta ? lo : hi) = s;
      }
    return position(0.5 * (lo + hi)).rho;
  }



  double
  NeedleTip::core_apex_height() const
  {
    // the cone through the end of the blend, offset inwards by r_t, meets the axis
    return end.zeta + (r_t - end.rho * std::cos(alpha)) / std::sin(alpha);
  }
} // namespace needlesim
