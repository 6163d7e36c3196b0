#pragma once
// A needle with a pyramidal tip of 3 or 4 faces, its apex rounded with the tip
// radius, on a prism shaft of the same cross-section.
//
// Geometry (axis along z, tip pointing to -z, lowest point at z = z_tip; p
// the position relative to (0, 0, z_tip)). The needle is the set of points
// within r_t of the convex core
//     K = { p : a_i . p <= b_i },
// the faces of the sharp pyramid with apex (0, 0, r_t) and the faces of the
// prism shaft of inradius R - r_t,
//     pyramid face k:  a = (cos alpha e_k, -sin alpha),  b = -r_t sin alpha,
//     shaft face k:    a = (e_k, 0),                     b = R - r_t,
// e_k = (cos theta_k, sin theta_k) with theta_k = 2 pi k / n, alpha the angle
// between a face and the axis, R the inradius of the shaft (half its width
// across flats). As for the round needle (needle.h), the Minkowski sum of a
// convex set and a ball gives the exact signed distance phi = d_K - r_t:
//   inside K   d_K = max_i (a_i . p - b_i), the nearest face plane;
//   outside K  d_K = |p - q|, q the nearest point of K: the projection of p on
//              the planes of one, two or three faces (a face, an edge, a
//              vertex) that lies in K, the nearest such projection.
// The normal is (p - q)/d_K, and the Hessian that of the distance to the foot
// q: 0 on a face, (I - t (x) t - n (x) n)/d_K on an edge of direction t,
// (I - n (x) n)/d_K at a vertex.
//
// Four faces (theta = 0, 90, 180, 270 deg) have the mirror planes x = 0 and
// y = 0; three faces (0, 120, 240 deg) only y = 0.

#include "needle_shape.h"

#include <deal.II/base/tensor.h>

#include <vector>

namespace needlesim
{
  class PyramidalNeedle : public NeedleShape
  {
  public:
    /// @p faces (3 or 4) at the angle @p face_angle [rad] to the axis, the
    /// apex rounded with @p tip_radius [mm], the shaft of inradius
    /// @p shaft_inradius [mm].
    PyramidalNeedle(unsigned int faces,
                    double       shaft_inradius,
                    double       tip_radius,
                    double       face_angle);

    std::string
    name() const override;

    Distance
    signed_distance(const Tensor1 &x, double z_tip) const override;

    Symmetry
    symmetry() const override
    {
      return n == 4 ? Symmetry::quarter : Symmetry::half;
    }

    /// The polygon whose sides lie on the faces at the height @p zeta (its
    /// corners taken sharp, not rounded with r_t).
    Footprint
    footprint(double zeta) const override;

  private:
    /// A face of the core K: a . p <= b inside, |a| = 1.
    struct Plane
    {
      Tensor1 a;
      double  b;
    };

    /// Where the nearest point of K may lie: on the planes of one, two or
    /// three faces with independent normals, with the inverse of their
    /// Gram matrix a_i . a_j.
    struct Foot
    {
      std::vector<unsigned int> planes;
      dealii::Tensor<2, 3>      G_inv;
    };

    unsigned int       n;
    double             R, r_t, alpha;
    std::vector<Plane> planes;
    std::vector<Foot>  feet;
  };
} // namespace needlesim
