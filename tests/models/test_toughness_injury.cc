// Rate-dependent toughness and injury law.

#include "injury_law.h"
#include "toughness_law.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace needlesim;

TEST(ToughnessLaw, FallsWithSpeedFromTheQuasiStaticValue)
{
  // The default is rate-independent (Meliga 2017, micro-penetrators) ...
  EXPECT_DOUBLE_EQ(ToughnessLaw().toughness(157.0), 0.01);
  EXPECT_DOUBLE_EQ(ToughnessLaw().toughness(1.0), 0.01);
  // ... the law falls with speed when given an exponent: CJME 2022 needle
  // insertion at 1 mm/s down to Meliga 2017 at m/s
  ToughnessLaw law;
  law.reference_toughness = 1.136;
  law.exponent            = 0.556;
  law.minimum_toughness   = 0.01;
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
