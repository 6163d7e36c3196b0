// The needle shapes beyond the round cone (needle.h, test_needle.cc): the
// pyramids and the bevel. Their signed distance is exact where it can be
// written down (below the tip, off a face), the foot of every point lies on
// the zero level with the same normal, the gradient and Hessian are its
// derivatives, the mirror planes are those they claim, and the round needle
// that stands for a pyramid in the axisymmetric stroke has its section
// perimeter.

#include "bevelled_needle.h"
#include "needle.h"
#include "pyramidal_needle.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <random>
#include <vector>

using namespace needlesim;

namespace
{
  const double R = 0.125, r_t = 0.005, alpha = 15.0 * M_PI / 180.0;

  /// The three shapes, as a scenario makes them.
  std::vector<std::shared_ptr<const NeedleShape>>
  shapes()
  {
    using Tip = NeedleGeometry::Parameters::Tip;
    std::vector<std::shared_ptr<const NeedleShape>> all;
    for (const Tip tip : {Tip::pyramid_3, Tip::pyramid_4, Tip::bevel})
      all.push_back(make_needle_shape({2 * R, r_t, 15.0, tip}));
    return all;
  }

  /// Random points around the tip and the lower shaft [mm].
  std::vector<Tensor1>
  points_near_the_tip(const unsigned int n, const unsigned int seed)
  {
    std::mt19937                           gen(seed);
    std::uniform_real_distribution<double> u(-0.25, 0.25), w(-0.1, 0.7);
    std::vector<Tensor1>                   points;
    for (unsigned int k = 0; k < n; ++k)
      points.push_back(Tensor1({u(gen), u(gen), w(gen)}));
    return points;
  }
} // namespace

TEST(PyramidalNeedle, DistanceBelowTheApexAndOffAFaceIsExact)
{
  for (const unsigned int faces : {3u, 4u})
    {
      const PyramidalNeedle needle(faces, R, r_t, alpha);
      const double          z_tip = -0.3;
      // on the axis below the rounded apex: the distance to its lowest point
      for (const double h : {1e-4, 0.01, 0.2})
        {
          const auto d = needle.signed_distance(Tensor1({0.0, 0.0, z_tip - h}), z_tip);
          EXPECT_NEAR(d.value, h, 1e-12);
          EXPECT_NEAR(d.normal[2], -1.0, 1e-12);
        }
      // off the middle of face 0 (normal m = (cos a, 0, -sin a)) at the height
      // zeta above the tip: the core's face point plus s m, distance s - r_t
      const double  zeta = 0.2;
      const Tensor1 core({(zeta - r_t) * std::tan(alpha), 0.0, zeta + z_tip});
      const Tensor1 m({std::cos(alpha), 0.0, -std::sin(alpha)});
      for (const double s : {0.0, 0.003, 0.05})
        {
          const auto d = needle.signed_distance(core + s * m, z_tip);
          EXPECT_NEAR(d.value, s - r_t, 1e-12) << faces << " faces, s = " << s;
          EXPECT_NEAR((d.normal - m).norm(), 0.0, 1e-12);
          EXPECT_NEAR(d.hessian.norm(), 0.0, 1e-12); // a plane
        }
    }
}

TEST(BevelledNeedle, DistanceBelowTheTipOffTheFaceAndOffTheShaftIsExact)
{
  const BevelledNeedle needle(R, r_t, alpha);
  const double         z_tip = 0.4;
  for (const double h : {1e-4, 0.01, 0.2}) // below the tip: its lowest point
    {
      const auto d = needle.signed_distance(Tensor1({0.0, 0.0, z_tip - h}), z_tip);
      EXPECT_NEAR(d.value, h, 1e-12);
      EXPECT_NEAR(d.normal[2], -1.0, 1e-12);
    }
  // off the middle of the face (outward normal a = -(cos b, 0, sin b)): the
  // core's face point on the shaft's axis x = -(R - r_t) plus s a
  const double  x_c = -(R - r_t), b = -r_t * std::sin(alpha);
  const Tensor1 a({-std::cos(alpha), 0.0, -std::sin(alpha)});
  const Tensor1 face({x_c, 0.0, (-b - std::cos(alpha) * x_c) / std::sin(alpha) + z_tip});
  for (const double s : {0.0, 0.003, 0.05})
    {
      const auto d = needle.signed_distance(face + s * a, z_tip);
      EXPECT_NEAR(d.value, s - r_t, 1e-12) << "s = " << s;
      EXPECT_NEAR((d.normal - a).norm(), 0.0, 1e-12);
      EXPECT_NEAR(d.hessian.norm(), 0.0, 1e-12);
    }
  // beside the shaft above the tip, on the side x > 0: the shaft's surface,
  // with the hoop curvature 1 / rho in y
  for (const double s : {0.002, 0.05})
    {
      const auto d = needle.signed_distance(Tensor1({s, 0.0, z_tip + 0.5}), z_tip);
      EXPECT_NEAR(d.value, s - r_t, 1e-12);
      EXPECT_NEAR(d.normal[0], 1.0, 1e-12);
      EXPECT_NEAR(d.hessian[1][1], 1.0 / (R - r_t + s), 1e-9);
    }
}

TEST(NeedleShapes, FootLiesOnTheSurfaceWithTheSameNormal)
{
  unsigned int seed = 0;
  for (const auto &needle : shapes())
    for (const Tensor1 &x : points_near_the_tip(300, ++seed))
      {
        const auto    d    = needle->signed_distance(x, 0.0);
        const Tensor1 foot = x - d.value * d.normal;
        const auto    f    = needle->signed_distance(foot, 0.0);
        EXPECT_NEAR(f.value, 0.0, 1e-12) << needle->name() << " from " << x;
        EXPECT_NEAR((f.normal - d.normal).norm(), 0.0, 1e-8) << needle->name() << " from " << x;
        EXPECT_NEAR(d.normal.norm(), 1.0, 1e-12);
      }
}

TEST(NeedleShapes, NormalAndHessianAreDerivatives)
{
  const double h    = 1e-7;
  unsigned int seed = 10;
  for (const auto &needle : shapes())
    {
      unsigned int hessians = 0;
      for (const Tensor1 &x : points_near_the_tip(300, ++seed))
        {
          const auto d = needle->signed_distance(x, 0.0);
          for (unsigned int i = 0; i < 3; ++i)
            {
              Tensor1 xp = x, xm = x;
              xp[i] += h;
              xm[i] -= h;
              const auto dp = needle->signed_distance(xp, 0.0),
                         dm = needle->signed_distance(xm, 0.0);
              EXPECT_NEAR(d.normal[i], (dp.value - dm.value) / (2 * h), 1e-6)
                << needle->name() << " at " << x;
              // inside the needle the nearest face switches across a medial
              // surface: the Hessian only where the stencil stays on one side
              if ((dp.normal - dm.normal).norm() > 1e-3)
                continue;
              for (unsigned int j = 0; j < 3; ++j)
                EXPECT_NEAR(d.hessian[i][j],
                            (dp.normal[j] - dm.normal[j]) / (2 * h),
                            1e-5 * (1 + std::abs(d.hessian[i][j])))
                  << needle->name() << " at " << x << ", entry " << i << j;
              hessians += d.hessian.norm() > 0.0;
            }
        }
      EXPECT_GT(hessians, 100u) << needle->name() << ": edges and vertices must be among the feet";
    }
}

TEST(NeedleShapes, MirrorPlanesAreTheClaimedOnes)
{
  const PyramidalNeedle four(4, R, r_t, alpha), three(3, R, r_t, alpha);
  EXPECT_EQ(four.symmetry(), NeedleShape::Symmetry::quarter);
  EXPECT_EQ(three.symmetry(), NeedleShape::Symmetry::half);
  double three_off_x = 0.0;
  for (const Tensor1 &x : points_near_the_tip(100, 3))
    {
      const Tensor1 mirror_x({-x[0], x[1], x[2]}), mirror_y({x[0], -x[1], x[2]});
      const double  d4 = four.signed_distance(x, 0.0).value,
                   d3  = three.signed_distance(x, 0.0).value;
      EXPECT_NEAR(four.signed_distance(mirror_x, 0.0).value, d4, 1e-12);
      EXPECT_NEAR(four.signed_distance(mirror_y, 0.0).value, d4, 1e-12);
      EXPECT_NEAR(three.signed_distance(mirror_y, 0.0).value, d3, 1e-12);
      three_off_x =
        std::max(three_off_x, std::abs(three.signed_distance(mirror_x, 0.0).value - d3));
    }
  EXPECT_GT(three_off_x, 1e-3); // three faces are not symmetric about x = 0

  const BevelledNeedle bevel(R, r_t, alpha);
  EXPECT_EQ(bevel.symmetry(), NeedleShape::Symmetry::half);
  double bevel_off_x = 0.0;
  for (const Tensor1 &x : points_near_the_tip(100, 4))
    {
      const Tensor1 mirror_x({-x[0], x[1], x[2]}), mirror_y({x[0], -x[1], x[2]});
      const double  d = bevel.signed_distance(x, 0.0).value;
      EXPECT_NEAR(bevel.signed_distance(mirror_y, 0.0).value, d, 1e-12);
      bevel_off_x = std::max(bevel_off_x, std::abs(bevel.signed_distance(mirror_x, 0.0).value - d));
    }
  EXPECT_GT(bevel_off_x, 1e-3);
}

TEST(PyramidalNeedle, RoundEquivalentHasTheSectionPerimeter)
{
  for (const auto tip :
       {NeedleGeometry::Parameters::Tip::pyramid_3, NeedleGeometry::Parameters::Tip::pyramid_4})
    {
      const NeedleGeometry::Parameters p{2 * R, r_t, alpha * 180.0 / M_PI, tip};
      const auto                       pyramid = make_needle_shape(p);
      const NeedleGeometry             round(p.axisymmetric_equivalent());
      EXPECT_EQ(round.name(), "cone");
      EXPECT_EQ(pyramid->name(),
                tip == NeedleGeometry::Parameters::Tip::pyramid_3 ? "3-sided pyramid" :
                                                                    "4-sided pyramid");
      // the shaft and the growth of the perimeter along the faces
      const double top = 1.0, a = 0.1, b = 0.3;
      EXPECT_NEAR(round.footprint(top).perimeter, pyramid->footprint(top).perimeter, 1e-12);
      EXPECT_NEAR(round.footprint(b).perimeter - round.footprint(a).perimeter,
                  pyramid->footprint(b).perimeter - pyramid->footprint(a).perimeter,
                  1e-12);
    }
}
