// Cohesive law of the needle crack, rate-dependent toughness and injury law.

#include "cohesive_law.h"
#include "injury_law.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace needlesim;

TEST(CohesiveLaw, FullSeparationDissipatesTheToughness)
{
  const double       K0 = 1e4, sigma = 2.0, Gc = 0.05;
  const CohesiveLaw  law(K0, sigma, Gc, 0.0);
  // Integrate t d(delta) along a monotonic opening to beyond delta_f.
  CohesiveLaw::State state;
  double             work = 0.0, t_old = 0.0, delta_old = 0.0;
  const unsigned int n    = 200000;
  for (unsigned int i = 1; i <= n; ++i)
    {
      const double delta = 1.2 * law.critical_opening() * i / n;
      const auto   r     = law.evaluate(delta, state, 0.0);
      work += 0.5 * (r.traction + t_old) * (delta - delta_old);
      t_old     = r.traction;
      delta_old = delta;
      state     = r.state;
    }
  EXPECT_NEAR(work, Gc, 1e-6 * Gc);
  EXPECT_NEAR(law.fracture_energy(state), Gc, 1e-12);
  EXPECT_DOUBLE_EQ(law.damage(state), 1.0);
  EXPECT_DOUBLE_EQ(law.evaluate(0.5 * law.critical_opening(), state, 0.0).traction, 0.0);
}

TEST(CohesiveLaw, PeakTractionIsTheStrengthAndTangentIsExact)
{
  const CohesiveLaw law(1e4, 2.0, 0.05, 0.3);
  const double      delta_0 = 2.0 / 1e4;
  CohesiveLaw::State fresh;
  EXPECT_NEAR(law.evaluate(delta_0, fresh, 0.0).traction, 2.0, 1e-12);
  // Tangent against finite differences on each branch, viscosity included.
  CohesiveLaw::State partly;
  partly.kappa   = 0.3 * law.critical_opening();
  partly.opening = 0.1 * law.critical_opening();
  for (const double delta : {-1e-4, 0.5 * delta_0, 0.2 * law.critical_opening(),
                             0.6 * law.critical_opening()})
    for (const CohesiveLaw::State &s : {fresh, partly})
      {
        const double h  = 1e-9 * law.critical_opening();
        const double fd = (law.evaluate(delta + h, s, 0.01).traction -
                           law.evaluate(delta - h, s, 0.01).traction) /
                          (2 * h);
        EXPECT_NEAR(law.evaluate(delta, s, 0.01).stiffness, fd, 1e-6 * (1 + std::abs(fd)))
          << delta;
      }
}

TEST(CohesiveLaw, UnloadingIsElasticAndDamageIsIrreversible)
{
  const CohesiveLaw  law(1e4, 2.0, 0.05, 0.0);
  CohesiveLaw::State s;
  s        = law.evaluate(0.5 * law.critical_opening(), s, 0.0).state;
  const double d = law.damage(s);
  EXPECT_GT(d, 0.0);
  EXPECT_LT(d, 1.0);
  const auto back = law.evaluate(0.1 * law.critical_opening(), s, 0.0);
  EXPECT_DOUBLE_EQ(law.damage(back.state), d);
  EXPECT_NEAR(back.traction, (1 - d) * 1e4 * 0.1 * law.critical_opening(), 1e-12);
  // closing meets the undamaged penalty
  EXPECT_DOUBLE_EQ(law.evaluate(-1e-5, s, 0.0).traction, -1e4 * 1e-5);
}

TEST(ToughnessLaw, FallsWithSpeedFromTheQuasiStaticValue)
{
  const ToughnessLaw law; // CJME 2022 needle insertion at 1 mm/s, Meliga 2017 at m/s
  EXPECT_DOUBLE_EQ(law.toughness(1.0), 1.136);
  EXPECT_DOUBLE_EQ(law.toughness(-1.0), 1.136); // retraction: the speed counts
  // slower than v_ref the power law goes on (Olatunji 2013: 0.5 vs 1 mm/s) ...
  EXPECT_NEAR(law.toughness(0.5), 1.136 * std::pow(2.0, 0.556), 1e-12);
  // ... up to quasi-static tearing (17.1 kJ/m^2, trouser tear) at rest
  EXPECT_DOUBLE_EQ(law.toughness(0.0), 17.1);
  EXPECT_DOUBLE_EQ(law.toughness(1e-6), 17.1);
  // ~10 J/m^2 = 0.01 N/mm at 5 m/s (Meliga 2017, micro-penetrators)
  EXPECT_NEAR(law.toughness(5000.0), 0.01, 0.002);
  EXPECT_NEAR(law.toughness(2.0) / law.toughness(1.0), std::pow(2.0, -0.556), 1e-12);
  EXPECT_GE(law.toughness(1e9), 0.01);
}

TEST(InjuryLaw, StretchWindowAndStrokeCombination)
{
  const InjuryLaw law({{{1.3, 1.8}, {1.3, 1.8}, {1.13, 1.54}, {1.13, 1.54}, {1.3, 2.0}}}, 0.005);
  EXPECT_DOUBLE_EQ(law.from_stretch(3, 1.10), 0.0);
  EXPECT_DOUBLE_EQ(law.from_stretch(3, 1.60), 1.0);
  EXPECT_NEAR(law.from_stretch(3, 0.5 * (1.13 + 1.54)), 0.5, 1e-15);
  EXPECT_LT(law.from_stretch(0, 1.4), law.from_stretch(3, 1.4)); // epidermis more tolerant
  // survival probabilities multiply: two strokes of 0.5 leave 0.75
  EXPECT_DOUBLE_EQ(InjuryLaw::combine(0.5, 0.5), 0.75);
  EXPECT_DOUBLE_EQ(InjuryLaw::combine(0.0, 0.3), 0.3);
  EXPECT_DOUBLE_EQ(InjuryLaw::combine(1.0, 0.2), 1.0);
}
