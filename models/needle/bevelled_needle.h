#pragma once
// A solid needle with a bevelled tip: a round shaft cut by one oblique plane,
// the edges rounded with the tip radius.
//
// Geometry (tip pointing to -z, its lowest point at z = z_tip on the z axis,
// p the position relative to (0, 0, z_tip)). The needle is the set of points
// within r_t of the convex core
//     K = { |p_xy - c| <= R - r_t } and { a . p <= b },
// a shaft of radius R - r_t about the axis through c = (-(R - r_t), 0) (the
// tip lies on the shaft's edge, at x = 0) cut by the bevel face of normal
// a = -(cos beta, 0, sin beta), beta the angle between the face and the
// shaft, through the core's lowest point (0, 0, r_t): b = -r_t sin beta. The
// face rises to the heel, 2 (R - r_t) / tan(beta) higher. The signed distance
// is phi = d_K - r_t with d_K exact:
//   inside K   the nearer of the shaft's surface and the face plane;
//   outside K  the nearest of the feet that lie in K: on the shaft's surface
//              (Hessian (I - e_rho (x) e_rho - e_z (x) e_z) / rho), on the
//              face (0), or on the ellipse where they meet (found by sampling
//              and Newton's method; Hessian (I - n (x) n - t (x) t /
//              (1 - d kappa_n)) / d, kappa_n the ellipse's curvature along
//              n).
// The shape has the mirror plane y = 0 only.

#include "needle_shape.h"

namespace needlesim
{
  class BevelledNeedle : public NeedleShape
  {
  public:
    /// Shaft radius @p shaft_radius [mm], tip radius @p tip_radius [mm],
    /// bevel angle @p bevel_angle [rad] between the face and the shaft.
    BevelledNeedle(double shaft_radius, double tip_radius, double bevel_angle);

    std::string
    name() const override
    {
      return "bevel";
    }

    Distance
    signed_distance(const Tensor1 &x, double z_tip) const override;

    Symmetry
    symmetry() const override
    {
      return Symmetry::half;
    }

    /// The circular segment of the shaft's section below the face at the
    /// height @p zeta (edges taken sharp).
    Footprint
    footprint(double zeta) const override;

  private:
    /// The point of the ellipse where the face meets the shaft at the angle
    /// @p theta about the shaft's axis, with its first two derivatives.
    struct EllipsePoint
    {
      Tensor1 c, dc, ddc;
    };
    EllipsePoint
    ellipse(double theta) const;

    double  R, r_t, beta, R_c;
    Tensor1 a;   ///< outward normal of the face
    double  b;   ///< a . p <= b inside
    double  c_x; ///< the shaft's axis x = c_x, y = 0
  };
} // namespace needlesim
