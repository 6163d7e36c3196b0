// The forcing terms of the inexact Newton method (newton_forcing.h): fixed,
// Eisenstat-Walker's choice 2 in the regimes it is made for, and Kelley's
// bounds (eta_max, and no tighter than the Newton tolerance needs).

#include "newton_forcing.h"

#include <gtest/gtest.h>

using needlesim::NewtonForcing;

TEST(NewtonForcing, FixedToleranceIgnoresTheResiduals)
{
  NewtonForcing forcing(1e-4, false);
  forcing.update(1e-9, 1e-3, 1e-12);
  EXPECT_EQ(forcing.tolerance(), 1e-4);
}

TEST(NewtonForcing, TightensWhenNewtonConvergesQuadratically)
{
  // the first solve of a step with the fixed tolerance, then
  // eta = 0.9 (|r_k| / |r_k-1|)^2 = 0.9e-6 for a drop by 1e-3
  NewtonForcing forcing(1e-4, true);
  EXPECT_EQ(forcing.tolerance(), 1e-4);
  forcing.update(1e-9, 1e-6, 1e-20);
  EXPECT_NEAR(forcing.tolerance(), 0.9e-6, 1e-18);
}

TEST(NewtonForcing, LooseWhileNewtonConvergesSlowlyAtMostEtaMax)
{
  // a drop by 0.3 (the contact set still changing): 0.9 * 0.09 = 0.081;
  // by 0.6: 0.324, capped at eta_max = 0.1; then a sudden drop by 1e-2
  // tightens it at once to 0.9e-4
  NewtonForcing forcing(1e-4, true);
  forcing.update(0.3, 1.0, 1e-12);
  EXPECT_NEAR(forcing.tolerance(), 0.081, 1e-12);
  NewtonForcing slower(1e-4, true);
  slower.update(0.6, 1.0, 1e-12);
  EXPECT_EQ(slower.tolerance(), NewtonForcing::eta_max);
  slower.update(0.6e-2, 0.6, 1e-12);
  EXPECT_NEAR(slower.tolerance(), 0.9e-4, 1e-16);
}

TEST(NewtonForcing, NoTighterThanTheNewtonToleranceNeeds)
{
  // |r| = 1e-10 against a Newton tolerance of 1e-12: a solve to
  // 0.5 * 1e-12 / 1e-10 = 5e-3 suffices, whatever the quadratic term says
  NewtonForcing forcing(1e-4, true);
  forcing.update(1e-10, 1e-6, 1e-12);
  EXPECT_NEAR(forcing.tolerance(), 5e-3, 1e-15);
}
