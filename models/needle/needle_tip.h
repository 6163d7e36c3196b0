#pragma once
// The rounded apex of a conical needle, blended into the cone with continuous
// curvature.
//
// A spherical cap of radius r_t meeting the cone tangentially (the textbook
// tip) has a meridional curvature that jumps from 1/r_t to 0 where they meet.
// The distance to it is C1 but not C2, and a skin node resting on the
// junction makes Newton's method cycle: the contact stiffness p H (H the
// Hessian of the distance) jumps by p / r_t between iterations. Here the
// profile in the half plane (rho, zeta), zeta the height above the apex, is
// parameterised by its arc length s from the apex with the tangent angle
// phi(s) and the curvature
//   kappa(s) = 1/r_t                               s <= s_1,
//   kappa(s) = (1 - S((s - s_1)/L)) / r_t         s_1 < s < s_1 + L,   S(x) = 3x^2 - 2x^3,
//   kappa(s) = 0                                   s >= s_1 + L (the cone),
// turning phi by pi/2 - alpha in all: s_1 = r_t (pi/2 - alpha) - L/2. The
// blend length L is half the arc of the cap (a fraction of the tip radius),
// so the cone is offset inwards by about 0.01 r_t: the needle keeps its tip
// radius, half-angle and, to that offset, its cone.
//
// The signed distance of a point p is d = (p - c(s*)) . n(s*) with the foot
// s* the root of g(s) = (p - c(s)) . t(s), g' = -(1 + kappa d) < 0; its 2-d
// Hessian is kappa / (1 + kappa d) t (x) t at the foot (the curvature of the
// parallel curve through p).

#include <vector>

namespace needlesim
{
  class NeedleTip
  {
  public:
    /// Tip radius @p r_t [mm], cone half-angle @p alpha [rad].
    NeedleTip(double r_t, double alpha);

    /// Distance, outward normal and meridional curvature of the level set
    /// through a point of the half plane.
    struct Foot
    {
      double value     = 0.0; ///< signed distance [mm], negative inside
      double n_rho     = 0.0; ///< outward normal
      double n_zeta    = 0.0;
      double curvature = 0.0; ///< kappa / (1 + kappa d) [1/mm]
    };
    /// The distance from (@p rho, @p zeta) to the tip, if its foot lies on
    /// the cap or the blend (false: the foot is on the cone beyond it).
    bool
    closest(double rho, double zeta, Foot &foot) const;

    /// Radius of the profile at the height @p zeta <= end_height() [mm].
    double
    radius_at_height(double zeta) const;
    /// Height where the blend meets the cone [mm].
    double
    end_height() const
    {
      return end.zeta;
    }
    /// Height of the apex of the sharp cone whose offset by r_t is the
    /// needle's cone [mm] (r_t for the unblended cap).
    double
    core_apex_height() const;

  private:
    struct Point
    {
      double rho = 0.0, zeta = 0.0;
    };
    double
    tangent_angle(double s) const;
    double
    curvature(double s) const;
    Point
    position(double s) const;
    /// c(b) from c(a) = @p c along the profile (a, b in one table segment).
    Point
    advance(Point c, double a, double b) const;

    double             r_t, alpha, s_1, L;
    std::vector<Point> nodes; ///< c(s) at s_1 + k L / n over the blend
    Point              end;   ///< c(s_1 + L)
  };
} // namespace needlesim
