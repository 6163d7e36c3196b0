// Needle geometry and motion: the signed distance is exact (against a brute
// force distance to the sampled surface of revolution), its gradient and
// Hessian are its derivatives, the cross-section radius lies on its zero
// level, and the tip motion follows the pen and lab kinematics.

#include "needle.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <utility>
#include <vector>

using namespace needlesim;

namespace
{
  const NeedleGeometry::Parameters pen_needle{0.25, 0.005, 15.0};
  const NeedleGeometry::Parameters ball_tip{0.2, 0.1, 30.0}; // capsule: tip radius = shaft radius

  // The profile rho = radius(zeta) sampled densely: uniform in height, plus
  // quadratically graded over the tip cap where the radius grows like
  // sqrt(zeta).
  std::vector<std::pair<double, double>>
  sampled_profile(const NeedleGeometry &needle)
  {
    std::vector<std::pair<double, double>> profile;
    const double                           top = needle.shoulder_height() + 1.0;
    const unsigned int                     n   = 100000;
    for (unsigned int i = 0; i <= 2 * n; ++i)
      {
        const double s = (i <= n) ? double(i) / n : double(i - n) / n;
        const double z = (i <= n) ? top * s : 2 * needle.tip_radius() * s * s;
        profile.emplace_back(needle.radius_at_height(z), z);
      }
    return profile;
  }

  // Distance in the (rho, zeta) half plane to the sampled profile, with the
  // sign from radius(zeta) (inside if rho < radius).
  double
  brute_force_distance(const NeedleGeometry                         &needle,
                       const std::vector<std::pair<double, double>> &profile,
                       const double                                  rho,
                       const double                                  zeta)
  {
    double best = 1e30;
    for (const auto &[r, z] : profile)
      best = std::min(best, std::hypot(rho - r, zeta - z));
    // the flat bottom point (rho < 0 mirror) is covered by z = 0
    const bool inside = zeta > 0 && rho < needle.radius_at_height(zeta);
    return inside ? -best : best;
  }
} // namespace

TEST(NeedleGeometry, SignedDistanceIsExact)
{
  for (const auto &p : {pen_needle, ball_tip})
    {
      const NeedleGeometry                   needle(p);
      const auto                             profile = sampled_profile(needle);
      std::mt19937                           gen(3);
      std::uniform_real_distribution<double> rho(0.0, 0.3), zeta(-0.1, 1.0);
      for (unsigned int k = 0; k < 200; ++k)
        {
          const double  r = rho(gen), z = zeta(gen), phi = 0.7 * k;
          const Tensor1 x({r * std::cos(phi), r * std::sin(phi), z - 0.3});
          const double  d = needle.signed_distance(x, -0.3).value;
          EXPECT_NEAR(d, brute_force_distance(needle, profile, r, z), 2e-6)
            << "rho " << r << " zeta " << z;
        }
    }
}

TEST(NeedleGeometry, NormalAndHessianAreDerivatives)
{
  const NeedleGeometry                   needle(pen_needle);
  std::mt19937                           gen(5);
  std::uniform_real_distribution<double> u(-0.2, 0.2), w(-0.05, 0.6);
  const double h       = 2e-7; // the blend of the tip turns its curvature within 3 um
  unsigned int checked = 0;
  for (unsigned int k = 0; k < 300; ++k)
    {
      const Tensor1 x({u(gen), u(gen), w(gen)});
      if (std::hypot(x[0], x[1]) < 1e-3)
        continue; // the axis, where the hoop curvature is singular
      const auto d = needle.signed_distance(x, 0.0);
      for (unsigned int i = 0; i < 3; ++i)
        {
          Tensor1 xp = x, xm = x;
          xp[i] += h;
          xm[i] -= h;
          const auto dp = needle.signed_distance(xp, 0.0), dm = needle.signed_distance(xm, 0.0);
          EXPECT_NEAR(d.normal[i], (dp.value - dm.value) / (2 * h), 1e-6);
          // Hessian only where the distance is smooth in the whole stencil
          if ((dp.normal - dm.normal).norm() < 1e-2)
            for (unsigned int j = 0; j < 3; ++j)
              EXPECT_NEAR(d.hessian[i][j],
                          (dp.normal[j] - dm.normal[j]) / (2 * h),
                          1e-5 * (1 + std::abs(d.hessian[i][j])))
                << "at " << x << ", entry " << i << j;
        }
      EXPECT_NEAR(d.normal.norm(), 1.0, 1e-12);
      ++checked;
    }
  EXPECT_GT(checked, 250u);
}

TEST(NeedleGeometry, HessianIsContinuousAcrossTheCapConeJunction)
{
  // Walk a point 0.1 um outside the profile across the cap, the blend and the
  // cone: the meridional curvature of its level set changes continuously
  // (a tangent sphere-cone jumps by 1/r_t = 200/mm there).
  const NeedleGeometry needle(pen_needle);
  const double         r_t = 0.005, offset = 1e-4;
  double               largest_jump = 0.0, previous = 0.0;
  const unsigned int   n = 4000;
  for (unsigned int k = 0; k <= n; ++k)
    {
      const double zeta = 2.0 * r_t * k / n;
      const auto   on =
        needle.signed_distance(Tensor1({needle.radius_at_height(zeta), 0, zeta}), 0.0);
      const Tensor1 x = Tensor1({needle.radius_at_height(zeta), 0, zeta}) + offset * on.normal;
      const auto    d = needle.signed_distance(x, 0.0);
      EXPECT_NEAR(d.value, offset, 1e-12);
      // meridional curvature n_z^2 H_xx - 2 n_x n_z H_xz + n_x^2 H_zz of the level set
      const double kappa = d.normal[2] * d.normal[2] * d.hessian[0][0] -
                           2 * d.normal[0] * d.normal[2] * d.hessian[0][2] +
                           d.normal[0] * d.normal[0] * d.hessian[2][2];
      if (k == 0)
        EXPECT_NEAR(kappa, 1.0 / (r_t + offset), 1e-9);
      else
        largest_jump = std::max(largest_jump, std::abs(kappa - previous));
      previous = kappa;
    }
  EXPECT_NEAR(previous, 0.0, 1e-9); // on the cone
  EXPECT_LT(largest_jump, 2.0); // per step of 2.5 nm in height: continuous, not a jump of 200/mm
}

TEST(NeedleGeometry, ProfileLiesOnTheZeroLevelAndHasTheNominalShape)
{
  const NeedleGeometry needle(pen_needle);
  for (const double zeta : {0.001, 0.0048, 0.01, 0.1, 0.3, 0.8})
    {
      const double r = needle.radius_at_height(zeta);
      EXPECT_NEAR(needle.signed_distance(Tensor1({r, 0, zeta}), 0.0).value, 0.0, 1e-12) << zeta;
    }
  EXPECT_DOUBLE_EQ(needle.radius_at_height(2.0), 0.125);
  // lowest point and the tip curvature radius
  EXPECT_NEAR(needle.signed_distance(Tensor1({0, 0, -0.01}), 0.0).value, 0.01, 1e-15);
  const auto below = needle.signed_distance(Tensor1({0, 0, -0.01}), 0.0);
  EXPECT_NEAR(below.normal[2], -1.0, 1e-15);
  // the cone flank at the half-angle: normal (cos a, 0, -sin a)
  const auto flank = needle.signed_distance(Tensor1({0.05, 0, 0.1}), 0.0);
  EXPECT_NEAR(flank.normal[0], std::cos(M_PI / 12), 1e-12);
  EXPECT_NEAR(flank.normal[2], -std::sin(M_PI / 12), 1e-12);
}

TEST(NeedleMotion, PulsatingPenGoesDownAndUpOncePerPeriod)
{
  NeedleMotion::Parameters p;
  p.type      = NeedleMotion::Type::pulsating;
  p.depth     = 1.5;
  p.frequency = 120;
  p.strokes   = 2;
  const NeedleMotion m(p);
  const double       T = 1.0 / 120;
  EXPECT_DOUBLE_EQ(m.stroke_duration(), T);
  EXPECT_DOUBLE_EQ(m.total_duration(), 2 * T);
  EXPECT_NEAR(m.tip_position(0.0), 0.0, 1e-15);
  EXPECT_NEAR(m.tip_position(0.5 * T), -1.5, 1e-12);
  EXPECT_NEAR(m.tip_position(T), 0.0, 1e-12);
  EXPECT_NEAR(m.tip_position(1.5 * T), -1.5, 1e-12);
  // peak speed pi f d = 0.565 m/s at the quarter period (survey: v ~ 2 s f)
  EXPECT_NEAR(m.peak_speed(), M_PI * 120 * 1.5, 1e-9);
  EXPECT_NEAR(std::abs(m.tip_velocity(0.25 * T)), m.peak_speed(), 1e-9);
  const double h = 1e-8;
  for (const double t : {0.1 * T, 0.3 * T, 0.7 * T})
    EXPECT_NEAR(m.tip_velocity(t),
                (m.tip_position(t + h) - m.tip_position(t - h)) / (2 * h),
                1e-3 * m.peak_speed());
}

TEST(NeedleMotion, ConstantSpeedInsertionAndRetraction)
{
  NeedleMotion::Parameters p;
  p.type  = NeedleMotion::Type::constant_speed;
  p.depth = 0.6;
  p.speed = 0.5;
  const NeedleMotion m(p);
  EXPECT_DOUBLE_EQ(m.stroke_duration(), 2.4);
  EXPECT_NEAR(m.tip_position(0.6), -0.3, 1e-15);
  EXPECT_NEAR(m.tip_position(1.2), -0.6, 1e-15);
  EXPECT_NEAR(m.tip_position(1.8), -0.3, 1e-15);
  EXPECT_DOUBLE_EQ(m.tip_velocity(0.5), -0.5);
  EXPECT_DOUBLE_EQ(m.tip_velocity(1.5), 0.5);
}
