// The healing kinetics without a mesh: the rest state is an exact fixed
// point, the Jacobian matches finite differences of the reaction, the injury
// impulse does what remodeling-models.md §6 says, and a well-mixed wound
// (0-d, integrated by fine explicit steps) heals back towards rest. The
// local reaction step (SDIRK2) has the stability function of its tableau
// and converges at order 2.
#include "healing_kinetics.h"
#include "sdirk2.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace needlesim;
using namespace needlesim::HealingField;

namespace
{
  HealingState
  perturbed(const HealingKinetics &k)
  {
    HealingState y = k.rest_state();
    y[inflammation] += 0.4;
    y[growth_factor] += 0.7;
    y[fibroblasts] += 1.3;
    y[new_collagen] += 0.2;
    y[mature_collagen] -= 0.3;
    return y;
  }
} // namespace

TEST(HealingKinetics, RestStateIsExactlyAtRest)
{
  const HealingKinetics k{HealingKinetics::Parameters()};
  const HealingState   &y = k.rest_state();
  EXPECT_DOUBLE_EQ(y[fibroblasts], 1.0);
  EXPECT_NEAR(y[new_collagen] + y[mature_collagen], 1.0, 1e-15);
  // new collagen is a small fraction of healthy dermis (type III ~ 1 % here)
  EXPECT_GT(y[new_collagen], 0.001);
  EXPECT_LT(y[new_collagen], 0.05);
  for (const double r : k.reaction(y))
    EXPECT_EQ(r, 0.0);
  // no injury, no change
  EXPECT_EQ(k.after_injury(y, 0.0), y);
}

TEST(HealingKinetics, JacobianMatchesFiniteDifferences)
{
  for (const double c_shift : {0.7, -0.5})
    {
      const HealingKinetics k{HealingKinetics::Parameters()};
      HealingState          y = perturbed(k);
      y[growth_factor]        = c_shift; // both branches of the c >= 0 guard
      const HealingJacobian J = k.jacobian(y);
      for (unsigned int j = 0; j < n_fields; ++j)
        {
          const double h  = 1e-6;
          HealingState yp = y, ym = y;
          yp[j] += h;
          ym[j] -= h;
          const HealingState Rp = k.reaction(yp), Rm = k.reaction(ym);
          for (unsigned int i = 0; i < n_fields; ++i)
            EXPECT_NEAR(J[i][j], (Rp[i] - Rm[i]) / (2 * h), 1e-7 * (1 + std::abs(J[i][j])))
              << "dR_" << i << "/dy_" << j << " at c = " << c_shift;
        }
    }
}

TEST(HealingKinetics, InjuryImpulse)
{
  const HealingKinetics k{HealingKinetics::Parameters()};
  const HealingState    y = k.after_injury(k.rest_state(), 0.25);
  EXPECT_DOUBLE_EQ(y[inflammation], 0.25);
  EXPECT_DOUBLE_EQ(y[fibroblasts], 0.75);
  // eta_phi = 0.1: a quarter destroyed loses 2.5 % of its collagen
  EXPECT_NEAR(y[new_collagen] + y[mature_collagen], 1.0 - 0.1 * 0.25, 1e-15);
  // inflammation saturates at 1
  EXPECT_DOUBLE_EQ(k.after_injury(k.after_injury(y, 0.9), 0.9)[inflammation], 1.0);
}

TEST(HealingKinetics, WellMixedWoundHealsBackToRest)
{
  const HealingKinetics k{HealingKinetics::Parameters()};
  // a mild, well-mixed injury: a tenth of the tissue destroyed
  HealingState y      = k.after_injury(k.rest_state(), 0.1);
  const double dt     = 1e-3; // days; explicit Euler, far below 1/rate
  double       c_peak = 0, t_c_peak = 0, a_gone = -1, rho_peak = 0, phi_n_peak = 0;
  double       phi_highest = 0;
  for (int n = 1; n <= 365000; ++n)
    {
      const HealingState R = k.reaction(y);
      for (unsigned int i = 0; i < n_fields; ++i)
        y[i] += dt * R[i];
      const double t = n * dt;
      if (y[growth_factor] > c_peak)
        {
          c_peak   = y[growth_factor];
          t_c_peak = t;
        }
      if (a_gone < 0 && y[inflammation] < 0.01)
        a_gone = t;
      rho_peak    = std::max(rho_peak, y[fibroblasts]);
      phi_n_peak  = std::max(phi_n_peak, y[new_collagen]);
      phi_highest = std::max(phi_highest, y[new_collagen] + y[mature_collagen]);
    }
  // inflammation: a(t) = 0.1 exp(-d_a t) < 0.01 at ln(10)/d_a
  const double d_a = k.parameters().d_a, d_c = k.parameters().d_c;
  EXPECT_NEAR(a_gone, std::log(10.0) / d_a, 2e-3);
  // TGF-beta peaks after the inflammation, at ln(d_a/d_c)/(d_a - d_c) (2.1 d
  // with d_a = 2.16 /day) while rho ~ 1 (the fibroblasts grow meanwhile, so a
  // little later)
  const double t_peak_fixed_rho = std::log(d_a / d_c) / (d_a - d_c);
  EXPECT_GT(t_c_peak, t_peak_fixed_rho - 0.2);
  EXPECT_LT(t_c_peak, t_peak_fixed_rho + 1.2);
  // fibroblasts proliferate above the healthy density, then return to it
  EXPECT_GT(rho_peak, 1.2);
  EXPECT_NEAR(y[fibroblasts], 1.0, 5e-3);
  EXPECT_LT(y[growth_factor], 1e-3);
  // new (type III) collagen is laid down above its healthy level ...
  EXPECT_GT(phi_n_peak, 1.3 * k.rest_state()[new_collagen]);
  // ... and total collagen never exceeds the capacity
  EXPECT_LT(phi_highest, k.parameters().phi_max);
}

TEST(ReactionStep, LinearDecayFollowsTheStabilityFunctionOfSDIRK2)
{
  // da/dt = -d_a a alone (a is not driven by the other fields): one step
  // multiplies a by R(z) = (1 + (1 - 2 gamma) z) / (1 - gamma z)^2, z = -d_a h
  const HealingKinetics k{HealingKinetics::Parameters()};
  HealingState          y = k.rest_state();
  y[inflammation]         = 0.8;
  const double       h = 0.7, z = -k.parameters().d_a * h, g = SDIRK2::gamma;
  ReactionStepReport report;
  const HealingState next = reaction_step(k, y, 0.0, h, {}, report);
  EXPECT_TRUE(report.converged);
  EXPECT_NEAR(next[inflammation],
              0.8 * (1.0 + (1.0 - 2.0 * g) * z) / ((1.0 - g * z) * (1.0 - g * z)),
              1e-13);
  // L-stable: a step far beyond the decay time leaves almost nothing
  const HealingState stiff = reaction_step(k, y, 0.0, 1e4, {}, report);
  EXPECT_LT(std::abs(stiff[inflammation]), 1e-3 * 0.8);
}

TEST(ReactionStep, RestStaysExactlyAtRestWithoutIterations)
{
  const HealingKinetics k{HealingKinetics::Parameters()};
  ReactionStepReport    report;
  EXPECT_EQ(reaction_step(k, k.rest_state(), 0.0, 5.0, {}, report), k.rest_state());
  EXPECT_EQ(report.newton_iterations, 0u);
}

TEST(ReactionStep, ConvergesAtOrderTwo)
{
  // the fully coupled wound ODE from an injured state over 2 days
  const HealingKinetics k{HealingKinetics::Parameters()};
  const auto            solve = [&k](const unsigned int n) {
    HealingState y = k.after_injury(k.rest_state(), 0.9);
    for (unsigned int i = 0; i < n; ++i)
      {
        ReactionStepReport report;
        y = reaction_step(k, y, i * 2.0 / n, 2.0 / n, {}, report);
        EXPECT_TRUE(report.converged);
      }
    return y;
  };
  const HealingState  reference = solve(5120);
  std::vector<double> errors;
  for (const unsigned int n : {10u, 20u, 40u})
    {
      const HealingState y = solve(n);
      double             e = 0.0;
      for (unsigned int c = 0; c < n_fields; ++c)
        e = std::max(e, std::abs(y[c] - reference[c]));
      errors.push_back(e);
    }
  EXPECT_NEAR(std::log2(errors[1] / errors[2]), 2.0, 0.15)
    << errors[0] << " " << errors[1] << " " << errors[2];
  EXPECT_NEAR(std::log2(errors[0] / errors[1]), 2.0, 0.3);
}
