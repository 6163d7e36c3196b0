// The point laws of the needle stroke: the wedged-crack section (energy,
// crack width by energy, irreversibility), frictional contact and the split
// channel (return maps and their tangents against finite differences), and
// the needle's section radius.

#include "frictional_contact.h"
#include "needle.h"
#include "needle_channel.h"
#include "wedged_crack_section.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace needlesim;

namespace
{
  // psi(q) = mu (q^2 + q^3): slope 2 for thin needles, > 2 for wide ones
  const double mu = 0.3;
  double
  psi_exact(const double q)
  {
    return mu * (q * q + q * q * q);
  }

  WedgedCrackSection
  test_section()
  {
    std::vector<double> q, psi;
    for (unsigned int k = 0; k <= 40; ++k)
      {
        q.push_back(0.05 * std::pow(80.0, k / 40.0));
        psi.push_back(psi_exact(q.back()));
      }
    return WedgedCrackSection(q, psi);
  }

  template <typename F>
  double
  central_difference(const F &f, const double x, const double h)
  {
    return (f(x + h) - f(x - h)) / (2.0 * h);
  }
} // namespace

TEST(WedgedCrackSection, InterpolatesTheTableWithConsistentDerivatives)
{
  const WedgedCrackSection s = test_section();
  for (const double q : {0.07, 0.3, 1.0, 2.5, 3.9})
    {
      EXPECT_NEAR(s.psi(q).value, psi_exact(q), 2e-4 * psi_exact(q)) << q;
      const auto value = [&](double x) { return s.psi(x).value; };
      const auto first = [&](double x) { return s.psi(x).first; };
      EXPECT_NEAR(s.psi(q).first, central_difference(value, q, 1e-6 * q), 1e-6 * s.psi(q).first);
      EXPECT_NEAR(s.psi(q).second,
                  central_difference(first, q, 1e-6 * q),
                  1e-5 * std::abs(s.psi(q).second));
    }
  // the cavity-expansion extension joins the table with value and slope
  const double q_end = 0.05 * 80.0;
  EXPECT_NEAR(s.psi(q_end * (1 + 1e-9)).value,
              s.psi(q_end * (1 - 1e-9)).value,
              1e-6 * psi_exact(q_end));
  EXPECT_NEAR(s.psi(q_end * (1 + 1e-9)).first,
              s.psi(q_end * (1 - 1e-9)).first,
              1e-5 * s.psi(q_end).first);
  EXPECT_GT(s.psi(20.0).value, s.psi(10.0).value * 4.0); // grows faster than q^2
}

TEST(WedgedCrackSection, EnergyDerivativesMatchFiniteDifferences)
{
  const WedgedCrackSection s = test_section();
  const double             a = 0.1, rho = 0.08, h = 1e-7;
  const auto               e = s.energy(a, rho);
  EXPECT_NEAR(e.U, a * a * psi_exact(rho / a), 2e-4 * e.U);
  const auto U_of_a  = [&](double x) { return s.energy(x, rho).U; };
  const auto U_of_r  = [&](double x) { return s.energy(a, x).U; };
  const auto Ua_of_a = [&](double x) { return s.energy(x, rho).U_a; };
  const auto Ua_of_r = [&](double x) { return s.energy(a, x).U_a; };
  const auto Ur_of_r = [&](double x) { return s.energy(a, x).U_r; };
  EXPECT_NEAR(e.U_a, central_difference(U_of_a, a, h), 1e-6 * std::abs(e.U_a));
  EXPECT_NEAR(e.U_r, central_difference(U_of_r, rho, h), 1e-6 * std::abs(e.U_r));
  EXPECT_NEAR(e.U_aa, central_difference(Ua_of_a, a, h), 1e-5 * std::abs(e.U_aa));
  EXPECT_NEAR(e.U_ar, central_difference(Ua_of_r, rho, h), 1e-5 * std::abs(e.U_ar));
  EXPECT_NEAR(e.U_rr, central_difference(Ur_of_r, rho, h), 1e-5 * std::abs(e.U_rr));
}

TEST(WedgedCrackSection, CrackGrowsToTheEnergyMinimumAndNeverCloses)
{
  const WedgedCrackSection s   = test_section();
  const double             G_c = 0.05, rho = 0.1;
  const auto               split = s.split(rho, 0.0, G_c);
  // Griffith in the section: dU/da = -2 G_c at the new crack tip
  EXPECT_NEAR(s.energy(split.a, rho).U_a, -2.0 * G_c, 1e-9);
  EXPECT_NEAR(split.fracture, 2.0 * G_c * split.a, 1e-14);
  // any other crack length costs more
  for (const double f : {0.9, 1.1})
    EXPECT_GT(s.energy(f * split.a, rho).U + 2.0 * G_c * f * split.a,
              split.energy + split.fracture);
  // reduced energy: force = dŨ/drho, stiffness = d2Ũ/drho2 (growing crack)
  const auto reduced = [&](double r) {
    const auto x = s.split(r, 0.0, G_c);
    return x.energy + x.fracture;
  };
  const auto force = [&](double r) { return s.split(r, 0.0, G_c).force; };
  EXPECT_NEAR(split.force, central_difference(reduced, rho, 1e-7), 1e-6 * split.force);
  EXPECT_NEAR(split.stiffness, central_difference(force, rho, 1e-7), 1e-5 * split.stiffness);
  // a toughER skin splits less
  EXPECT_LT(s.split(rho, 0.0, 10 * G_c).a, split.a);
  // on the way back the crack stays and dissipates nothing
  const auto back = s.split(0.5 * rho, split.a, G_c);
  EXPECT_DOUBLE_EQ(back.a, split.a);
  EXPECT_DOUBLE_EQ(back.fracture, 0.0);
  EXPECT_LT(back.energy, split.energy);
  const auto fixed = [&](double r) { return s.split(r, split.a, G_c).force; };
  EXPECT_NEAR(back.stiffness, central_difference(fixed, 0.5 * rho, 1e-7), 1e-5 * back.stiffness);
  EXPECT_DOUBLE_EQ(s.split(0.0, split.a, G_c).energy, 0.0);
}

TEST(FrictionalContact, ReturnMapTangentMatchesFiniteDifferences)
{
  // a point pressed into a curved body, sliding: stick and slip
  const FrictionalContact law({200.0, 150.0, 0.3});
  Tensor1                 committed;
  committed[0] = 0.01;
  committed[2] = -0.02;
  // the body: a sphere of radius 0.1 about the origin seen from inside-out
  const auto distance = [](const Tensor1 &x) {
    FrictionalContact::Distance d;
    const double                r = x.norm();
    d.gap                         = r - 0.1;
    d.normal                      = x / r;
    d.hessian = (identity2() - dealii::symmetrize(dealii::outer_product(d.normal, d.normal))) / r;
    return d;
  };
  Tensor1 X;
  X[0] = 0.02;
  X[1] = 0.01;
  X[2] = 0.095;
  // stick, slip, and 40 slips across the switch between them
  std::vector<double> slips = {1e-5, 2e-2};
  for (unsigned int k = 0; k <= 40; ++k)
    slips.push_back(1e-4 * std::pow(100.0, k / 40.0));
  unsigned int sticking = 0, sliding = 0;
  for (const double slip_size : slips)
    {
      Tensor1 u, s0;
      u[2]         = -0.01;
      s0[0]        = slip_size;
      s0[1]        = -0.5 * slip_size;
      const auto r = law.evaluate(distance(X + u), s0 + u, committed);
      if (slip_size == 1e-5 || slip_size == 2e-2)
        {
          EXPECT_EQ(r.slipping, slip_size > 1e-3);
        }
      (r.slipping ? sliding : sticking) += 1;
      if (r.slipping)
        EXPECT_NEAR(r.tangential_force.norm(), 0.3 * r.pressure, 1e-12 * r.pressure);
      else
        EXPECT_LE(r.tangential_force.norm(), 0.3 * r.pressure);
      EXPECT_GE(r.dissipation, 0.0);
      for (unsigned int k = 0; k < 3; ++k)
        {
          Tensor1 du;
          du[k]         = 1e-8;
          const auto fp = law.evaluate(distance(X + u + du), s0 + u + du, committed).force;
          const auto fm = law.evaluate(distance(X + u - du), s0 + u - du, committed).force;
          for (unsigned int i = 0; i < 3; ++i)
            EXPECT_NEAR(r.stiffness[i][k], (fp[i] - fm[i]) / 2e-8, 1e-5 * r.stiffness.norm())
              << "slip " << slip_size << " i " << i << " k " << k;
        }
    }
  EXPECT_GE(sticking, 3u); // the scan does cross the switch
  EXPECT_GE(sliding, 3u);
}

TEST(FrictionalContact, SlidingForceAndDissipationDoNotDependOnTheStep)
{
  // A point pressed 1e-3 mm into a flat body slides 4e-3 mm along it in 1 to
  // 1000 equal steps: it sticks until f_T = mu p, then slides at mu p, and
  // dissipates mu p (S - mu p / eps_T) in all, whatever the step (a smoothed
  // stick-slip switch gave 0.7-1 mu p depending on the slip per step).
  const FrictionalContact           law({200.0, 150.0, 0.3});
  const FrictionalContact::Distance flat{-1e-3, Tensor1({0.0, 0.0, 1.0}), SymTensor2()};
  const double                      mu_p = 0.3 * 200.0 * 1e-3, S = 4e-3;
  for (const unsigned int n : {1u, 3u, 10u, 100u, 1000u})
    {
      Tensor1 f_T;
      double  dissipated = 0.0;
      for (unsigned int k = 0; k < n; ++k)
        {
          const auto r = law.evaluate(flat, Tensor1({S / n, 0.0, 0.0}), f_T);
          f_T          = r.tangential_force;
          dissipated += r.dissipation;
        }
      EXPECT_NEAR(f_T[0], mu_p, 1e-12) << n << " steps";
      EXPECT_NEAR(dissipated, mu_p * (S - mu_p / 150.0), 1e-12) << n << " steps";
    }
}

TEST(FrictionalContact, PenetrationAtInvertsThePressureAndTheEnergyIsItsIntegral)
{
  // The augmented contact (needle_contact.h) shifts a point's gap by
  // s = x(p_n), the penetration at which the rounded penalty gives the
  // committed pressure: penetration_at must invert p(x) on both branches
  // (below and above the rounding delta), and normal_energy is int_0^x p,
  // checked by the midpoint rule.
  const double            eps = 200.0, delta = 1e-4;
  const FrictionalContact law({eps, 2.0, 0.0, delta});
  const Tensor1           n({0.0, 0.0, 1.0});
  for (const double x : {2e-6, 5e-5, 9.9e-5, 1e-4, 3e-4, 2e-2})
    {
      const double p = law.evaluate({-x, n, SymTensor2()}, Tensor1(), Tensor1()).pressure;
      EXPECT_GT(p, 0.0);
      EXPECT_NEAR(law.penetration_at(p), x, 1e-12 * (1.0 + x / delta)) << "x = " << x;
      const unsigned int m        = 20000;
      double             integral = 0.0;
      for (unsigned int k = 0; k < m; ++k)
        integral +=
          law.evaluate({-(k + 0.5) * x / m, n, SymTensor2()}, Tensor1(), Tensor1()).pressure * x /
          m;
      EXPECT_NEAR(law.normal_energy(x), integral, 1e-7 * integral) << "x = " << x;
    }
  EXPECT_EQ(law.penetration_at(0.0), 0.0);
  EXPECT_EQ(law.normal_energy(-1e-3), 0.0);
}

TEST(NeedleChannel, WedgeAndFrictionTangentMatchFiniteDifferences)
{
  const WedgedCrackSection   section = test_section();
  const NeedleGeometry       needle({0.25, 0.005, 15.0});
  const NeedleChannel        channel({0.2, 50.0});
  const NeedleChannel::State committed{0.02, 0.001};
  for (const double slip : {1e-7, 1e-3, -1e-3})
    for (const double zeta : {0.003, 0.05, 0.6})
      {
        const auto r =
          channel.evaluate(section, 0.05, needle.section_radius(zeta, 0.005), slip, committed);
        const auto f = [&](double dz) {
          return channel
            .evaluate(section, 0.05, needle.section_radius(zeta + dz, 0.005), slip + dz, committed)
            .force;
        };
        EXPECT_NEAR(r.stiffness,
                    central_difference(f, 0.0, 1e-8),
                    1e-5 * std::abs(r.stiffness) + 1e-9)
          << "slip " << slip << " zeta " << zeta;
        EXPECT_GE(r.friction_dissipation, 0.0);
        EXPECT_LE(std::abs(r.state.friction_force), 0.2 * r.normal_force * (1 + 1e-12));
        EXPECT_GE(r.state.crack_half_length, committed.crack_half_length);
      }
}

TEST(NeedleGeometry, SectionRadiusIsTheProfileAboveTheTipRadiusAndSmoothBelow)
{
  const NeedleGeometry needle({0.25, 0.005, 15.0});
  const double         r_t = 0.005;
  for (const double zeta : {1.2 * r_t, 0.1, 0.45, 0.6})
    EXPECT_NEAR(needle.section_radius(zeta, r_t).value, needle.radius_at_height(zeta), 1e-12);
  // C1 at r_t, zero at the apex, bounded slope
  EXPECT_NEAR(needle.section_radius(r_t * (1 - 1e-9), r_t).value,
              needle.section_radius(r_t, r_t).value,
              1e-11);
  EXPECT_NEAR(needle.section_radius(r_t * (1 - 1e-9), r_t).slope,
              needle.section_radius(r_t, r_t).slope,
              1e-7);
  EXPECT_DOUBLE_EQ(needle.section_radius(0.0, r_t).value, 0.0);
  EXPECT_LT(needle.section_radius(1e-9, r_t).slope, 3.0);
  // a blended shoulder (r_s = 0.12 mm) stays inside the needle, by at most
  // r_s (1/cos(alpha) - 1) + ..., and keeps the profile away from the shoulder
  const double r_s = 0.12, alpha = 15.0 * M_PI / 180.0;
  for (const double zeta : {0.1, 0.3, 0.42, 0.44, 0.46, 0.5})
    {
      EXPECT_LE(needle.section_radius(zeta, r_s).value, needle.radius_at_height(zeta) + 1e-12);
      EXPECT_GT(needle.section_radius(zeta, r_s).value,
                needle.radius_at_height(zeta) - r_s * (1.0 - std::cos(alpha)) - 1e-12);
    }
  EXPECT_NEAR(needle.section_radius(0.3, r_s).value, needle.radius_at_height(0.3), 1e-12);
  EXPECT_NEAR(needle.section_radius(0.6, r_s).value, 0.125, 1e-12);
  for (const double zeta : {0.43, 0.45, 0.46})
    {
      const auto value = [&](double z) { return needle.section_radius(z, r_s).value; };
      const auto slope = [&](double z) { return needle.section_radius(z, r_s).slope; };
      EXPECT_NEAR(needle.section_radius(zeta, r_s).slope,
                  central_difference(value, zeta, 1e-7),
                  1e-6);
      EXPECT_NEAR(needle.section_radius(zeta, r_s).curvature,
                  central_difference(slope, zeta, 1e-7),
                  1e-4 * (1 + std::abs(needle.section_radius(zeta, r_s).curvature)));
    }
  for (const double zeta : {0.3 * r_t, 0.1, 0.46})
    {
      const auto value = [&](double z) { return needle.section_radius(z, r_t).value; };
      const auto slope = [&](double z) { return needle.section_radius(z, r_t).slope; };
      EXPECT_NEAR(needle.section_radius(zeta, r_t).slope,
                  central_difference(value, zeta, 1e-9),
                  1e-6);
      EXPECT_NEAR(needle.section_radius(zeta, r_t).curvature,
                  central_difference(slope, zeta, 1e-9),
                  1e-4 * (1 + std::abs(needle.section_radius(zeta, r_t).curvature)));
    }
}
