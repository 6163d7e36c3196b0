#include "pyramidal_needle.h"

#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/tensor.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace needlesim
{
  namespace
  {
    /// The inverse of the Gram matrix G_ij = a_i . a_j of up to three plane
    /// normals (padded with the identity to 3 x 3); false if the normals are
    /// (nearly) dependent.
    bool
    gram_inverse(const std::vector<Tensor1> &a, dealii::Tensor<2, 3> &G_inv)
    {
      dealii::Tensor<2, 3> G = dealii::unit_symmetric_tensor<3>();
      for (unsigned int i = 0; i < a.size(); ++i)
        for (unsigned int j = 0; j < a.size(); ++j)
          G[i][j] = a[i] * a[j];
      if (std::abs(dealii::determinant(G)) < 1e-10)
        return false;
      G_inv = dealii::invert(G);
      return true;
    }
  } // namespace



  PyramidalNeedle::PyramidalNeedle(const unsigned int faces,
                                   const double       shaft_inradius,
                                   const double       tip_radius,
                                   const double       face_angle)
    : n(faces)
    , R(shaft_inradius)
    , r_t(tip_radius)
    , alpha(face_angle)
  {
    for (unsigned int k = 0; k < n; ++k)
      {
        const double theta = 2.0 * M_PI * k / n;
        Tensor1      face, shaft;
        face[0]  = std::cos(alpha) * std::cos(theta);
        face[1]  = std::cos(alpha) * std::sin(theta);
        face[2]  = -std::sin(alpha);
        shaft[0] = std::cos(theta);
        shaft[1] = std::sin(theta);
        planes.push_back({face, -r_t * std::sin(alpha)});
        planes.push_back({shaft, R - r_t});
      }
    const unsigned int m        = planes.size();
    const auto         add_foot = [this](const std::vector<unsigned int> &set) {
      Foot                 foot{set, {}};
      std::vector<Tensor1> a;
      for (const unsigned int i : set)
        a.push_back(planes[i].a);
      if (gram_inverse(a, foot.G_inv))
        feet.push_back(foot);
    };
    for (unsigned int i = 0; i < m; ++i)
      {
        add_foot({i});
        for (unsigned int j = i + 1; j < m; ++j)
          {
            add_foot({i, j});
            for (unsigned int k = j + 1; k < m; ++k)
              add_foot({i, j, k});
          }
      }
  }



  std::string
  PyramidalNeedle::name() const
  {
    return std::to_string(n) + "-sided pyramid";
  }



  NeedleShape::Distance
  PyramidalNeedle::signed_distance(const Tensor1 &x, const double z_tip) const
  {
    Tensor1 p = x;
    p[2] -= z_tip;
    Distance out;

    // inside K: the nearest face plane
    unsigned int nearest = 0;
    for (unsigned int i = 1; i < planes.size(); ++i)
      if (planes[i].a * p - planes[i].b > planes[nearest].a * p - planes[nearest].b)
        nearest = i;
    const double g = planes[nearest].a * p - planes[nearest].b;
    if (g <= 0.0)
      {
        out.value  = g - r_t;
        out.normal = planes[nearest].a;
        return out;
      }

    // outside K: the nearest projection q = p - A^T G^-1 (A p - b) onto the
    // planes of a face, an edge or a vertex that lies in K
    const double tolerance = 1e-12 * (1.0 + R);
    double       d         = std::numeric_limits<double>::max();
    Tensor1      q;
    const Foot  *foot = nullptr;
    for (const Foot &f : feet)
      {
        const std::vector<unsigned int> &set       = f.planes;
        Tensor1                          candidate = p;
        for (unsigned int i = 0; i < set.size(); ++i)
          for (unsigned int j = 0; j < set.size(); ++j)
            candidate -=
              f.G_inv[i][j] * (planes[set[j]].a * p - planes[set[j]].b) * planes[set[i]].a;
        bool inside = true;
        for (const Plane &plane : planes)
          inside = inside && plane.a * candidate <= plane.b + tolerance;
        const double distance = (p - candidate).norm();
        if (inside && distance < d)
          {
            d    = distance;
            q    = candidate;
            foot = &f;
          }
      }

    out.value                 = d - r_t;
    out.normal                = (p - q) / d;
    const SymTensor2 nn       = dealii::symmetrize(dealii::outer_product(out.normal, out.normal));
    const SymTensor2 identity = identity2();
    if (foot->planes.size() == 2) // an edge of direction t = a_1 x a_2
      {
        Tensor1 t = dealii::cross_product_3d(planes[foot->planes[0]].a, planes[foot->planes[1]].a);
        t /= t.norm();
        out.hessian = (identity - dealii::symmetrize(dealii::outer_product(t, t)) - nn) / d;
      }
    else if (foot->planes.size() == 3) // a vertex
      out.hessian = (identity - nn) / d;
    return out;
  }



  NeedleShape::Footprint
  PyramidalNeedle::footprint(const double zeta) const
  {
    if (zeta <= 0.0)
      return {};
    // the faces are the core's offset by r_t: at the height zeta their
    // distance from the axis is (zeta - r_t) tan(alpha) + r_t / cos(alpha)
    const double rho  = std::clamp((zeta - r_t) * std::tan(alpha) + r_t / std::cos(alpha), 0.0, R);
    const double side = 2.0 * rho * std::tan(M_PI / n);
    return {0.5 * n * side * rho, n * side};
  }
} // namespace needlesim
