// Verification of the healing reaction-diffusion solver:
//  - healthy skin stays exactly at rest (bit for bit) for a simulated year;
//  - a manufactured solution converges at order 2 in L2 when the mesh size
//    and the step are halved together (Q1 in space, Strang splitting with
//    SDIRK2 parts in time);
//  - a spatially uniform manufactured solution (no diffusion, exact in
//    space) converges in time at order 2: the split reaction steps;
//  - a non-uniform solution on a fixed mesh converges in time at order 2
//    (self-convergence): the splitting of reaction and diffusion;
//  - the first moment of a diffusing pulse: with reaction switched off, the
//    total amount of each diffusing field is conserved.
#include "healing_solver.h"

#include <deal.II/distributed/tria.h>
#include <deal.II/grid/grid_generator.h>

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

using namespace needlesim;
using namespace dealii;
using HealingField::n_fields;

namespace
{
  LinearSolverSettings
  accurate_linear_solver()
  {
    LinearSolverSettings s;
    s.type               = LinearSolverSettings::Type::iterative;
    s.relative_tolerance = 1e-12;
    return s;
  }

  /// dy/dt - D lap y - R(y) for y = y* + g(t) A s(x) with
  /// s = 1 + 0.5 cos(pi x) cos(pi y) cos(pi z) (no flux on the unit cube).
  struct Manufactured
  {
    const HealingKinetics        &kinetics;
    std::function<double(double)> g, dg;
    HealingState                  A       = {{0.3, 0.5, 0.4, 0.02, -0.05}};
    bool                          uniform = false;

    double
    shape(const Point<3> &x) const
    {
      return uniform ?
               1.0 :
               1.0 + 0.5 * std::cos(M_PI * x[0]) * std::cos(M_PI * x[1]) * std::cos(M_PI * x[2]);
    }

    HealingState
    exact(const Point<3> &x, const double t) const
    {
      HealingState y = kinetics.rest_state();
      for (unsigned int c = 0; c < n_fields; ++c)
        y[c] += g(t) * A[c] * shape(x);
      return y;
    }

    HealingState
    source(const Point<3> &x, const double t) const
    {
      const HealingState y   = exact(x, t);
      const HealingState R   = kinetics.reaction(y);
      const HealingState D   = kinetics.diffusivity();
      const double       lap = uniform ? 0.0 : -3.0 * M_PI * M_PI * (shape(x) - 1.0);
      HealingState       f;
      for (unsigned int c = 0; c < n_fields; ++c)
        f[c] = dg(t) * A[c] * shape(x) - D[c] * g(t) * A[c] * lap - R[c];
      return f;
    }
  };

  /// Solves the manufactured problem to t = 1 on the unit cube with
  /// 2^refinements cells per side and @p n_steps steps; returns the L2 errors.
  HealingState
  solve_manufactured(const Manufactured &m,
                     const unsigned int  refinements,
                     const unsigned int  n_steps)
  {
    parallel::distributed::Triangulation<3> cube(MPI_COMM_WORLD);
    GridGenerator::hyper_cube(cube);
    cube.refine_global(refinements);
    HealingSolver solver(cube, m.kinetics, accurate_linear_solver());
    solver.set_source([&m](const Point<3> &x, double t) { return m.source(x, t); });
    solver.set_state([&m](const Point<3> &x) { return m.exact(x, 0.0); });
    for (unsigned int n = 0; n < n_steps; ++n)
      {
        EXPECT_TRUE(solver.solve_step(1.0 / n_steps).converged);
        solver.commit();
      }
    EXPECT_NEAR(solver.time(), 1.0, 1e-12);
    return solver.l2_error([&m](const Point<3> &x) { return m.exact(x, 1.0); });
  }
} // namespace

TEST(HealingSolver, HealthySkinStaysExactlyAtRestForAYear)
{
  const HealingKinetics                   kinetics{HealingKinetics::Parameters()};
  parallel::distributed::Triangulation<3> patch(MPI_COMM_WORLD);
  GridGenerator::hyper_rectangle(patch, Point<3>(-1, -1, -1.5), Point<3>(1, 1, 0));
  patch.refine_global(2);
  HealingSolver solver(patch, kinetics, accurate_linear_solver());
  // an injury of zero everywhere, as on skin the needles did not reach
  solver.apply_injury([](const auto &) { return 0.0; });
  unsigned int newton = 0;
  for (unsigned int n = 0; n < 73; ++n)
    {
      const HealingStepReport r = solver.solve_step(5.0);
      EXPECT_TRUE(r.converged);
      newton += r.newton_iterations;
      solver.commit();
    }
  EXPECT_EQ(newton, 0u); // the residual is exactly zero: nothing to solve
  for (const HealingState &y : solver.cell_averages())
    EXPECT_EQ(y, kinetics.rest_state());
  EXPECT_DOUBLE_EQ(solver.time(), 365.0);
}

TEST(HealingSolver, ManufacturedSolutionConvergesInSpaceAndTimeAtOrderTwo)
{
  const HealingKinetics kinetics{HealingKinetics::Parameters()};
  const Manufactured    m{kinetics, [](double t) { return 1.0 + t; }, [](double) { return 1.0; }};
  std::vector<HealingState> errors;
  // h = 2^-r and dt = 4^-(r+2): the time error falls faster than h^2. (The
  // splitting error of this problem grows as the mesh is refined at a fixed
  // step, because its source balances a stiff diffusion: with dt = 1/256 it
  // is a quarter of the space error at r = 4; see docs/theory.md.)
  for (unsigned int r = 1; r <= 3; ++r)
    errors.push_back(solve_manufactured(m, r, 16u << (2 * r)));
  for (const unsigned int c : {0u, 1u, 2u}) // the diffusing fields
    {
      const double rate = std::log2(errors[1][c] / errors[2][c]);
      std::cout << "field " << c << ": L2 errors " << errors[0][c] << " " << errors[1][c] << " "
                << errors[2][c] << ", rate " << rate << std::endl;
      EXPECT_NEAR(rate, 2.0, 0.15) << "field " << c << ": errors " << errors[0][c] << ", "
                                   << errors[1][c] << ", " << errors[2][c];
      EXPECT_GT(std::log2(errors[0][c] / errors[1][c]), 1.8);
    }
}

TEST(HealingSolver, ManufacturedSolutionConvergesInTimeAtOrderTwo)
{
  const HealingKinetics kinetics{HealingKinetics::Parameters()};
  // spatially uniform (exact in space), smooth in time
  Manufactured m{kinetics,
                 [](double t) { return 1.0 + std::sin(3.0 * t); },
                 [](double t) { return 3.0 * std::cos(3.0 * t); }};
  m.uniform = true;
  std::vector<double> errors;
  for (const unsigned int n : {10u, 20u, 40u, 80u})
    {
      const HealingState e   = solve_manufactured(m, 0, n);
      double             sum = 0.0;
      for (const double v : e)
        sum += v;
      errors.push_back(sum);
    }
  std::cout << "time errors " << errors[0] << " " << errors[1] << " " << errors[2] << " "
            << errors[3] << ", rate " << std::log2(errors[2] / errors[3]) << std::endl;
  EXPECT_NEAR(std::log2(errors[2] / errors[3]), 2.0, 0.15)
    << errors[0] << " " << errors[1] << " " << errors[2] << " " << errors[3];
  EXPECT_NEAR(std::log2(errors[1] / errors[2]), 2.0, 0.25);
}

TEST(HealingSolver, SplittingConvergesInTimeAtOrderTwo)
{
  // an injury-like pulse on a fixed mesh: reaction and diffusion interact,
  // and halving the step shrinks the change of the solution by 4 (Strang)
  const HealingKinetics kinetics{HealingKinetics::Parameters()};
  const auto            solve = [&kinetics](const unsigned int n_steps) {
    parallel::distributed::Triangulation<3> patch(MPI_COMM_WORLD);
    GridGenerator::hyper_rectangle(patch, Point<3>(-1, -1, -1), Point<3>(1, 1, 0));
    patch.refine_global(3);
    HealingSolver solver(patch, kinetics, accurate_linear_solver());
    solver.apply_injury([](const auto &cell) {
      return std::exp(-4.0 * (cell->center() - Point<3>(0.2, 0, 0)).norm_square());
    });
    for (unsigned int n = 0; n < n_steps; ++n)
      {
        EXPECT_TRUE(solver.solve_step(2.0 / n_steps).converged);
        solver.commit();
      }
    return solver.cell_averages();
  };
  const auto difference = [](const std::vector<HealingState> &u,
                             const std::vector<HealingState> &v) {
    double largest = 0.0;
    for (unsigned int i = 0; i < u.size(); ++i)
      for (unsigned int c = 0; c < n_fields; ++c)
        largest = std::max(largest, std::abs(u[i][c] - v[i][c]));
    return Utilities::MPI::max(largest, MPI_COMM_WORLD);
  };
  const auto   u_8 = solve(16), u_16 = solve(32), u_32 = solve(64), u_64 = solve(128);
  const double d_8 = difference(u_8, u_16), d_16 = difference(u_16, u_32),
               d_32 = difference(u_32, u_64);
  std::cout << "self-convergence in time: " << d_8 << " " << d_16 << " " << d_32 << ", rates "
            << std::log2(d_8 / d_16) << " " << std::log2(d_16 / d_32) << std::endl;
  EXPECT_NEAR(std::log2(d_16 / d_32), 2.0, 0.2);
  EXPECT_NEAR(std::log2(d_8 / d_16), 2.0, 0.3);
}

TEST(HealingSolver, DiffusionConservesTheAmountOfEachField)
{
  HealingKinetics::Parameters p;
  // no reaction at all: only diffusion (inflammation decays at the smallest
  // allowed rate; switch it off through a source that adds it back)
  p.d_a = 1e-3;
  const HealingKinetics                   kinetics(p);
  parallel::distributed::Triangulation<3> patch(MPI_COMM_WORLD);
  GridGenerator::hyper_rectangle(patch, Point<3>(-1, -1, -1), Point<3>(1, 1, 0));
  patch.refine_global(3);
  HealingSolver solver(patch, kinetics, accurate_linear_solver());
  // inflammation pulse only: the other fields stay at rest, a decays by
  // exp(-d_a t) in total while it spreads
  solver.set_state([&kinetics](const Point<3> &x) {
    HealingState y                = kinetics.rest_state();
    y[HealingField::inflammation] = std::exp(-20.0 * x.norm_square());
    return y;
  });
  const auto amount = [&solver]() {
    double a = 0.0;
    for (const auto &in : solver.integrate([](const Point<3> &) { return true; }))
      a += in.integral[HealingField::inflammation];
    return a;
  };
  const double a0 = amount();
  // growth factor, fibroblasts and collagen respond; only a is checked
  for (unsigned int n = 0; n < 20; ++n)
    {
      const HealingStepReport r = solver.solve_step(0.05);
      ASSERT_TRUE(r.converged);
      solver.commit();
    }
  const double a1 = amount();
  // SDIRK2 of da/dt = -d_a a: the amount decays by exp(-d_a t) to O(dt^3)
  EXPECT_NEAR(a1 / a0, std::exp(-1e-3 * 1.0), 1e-6);
}
