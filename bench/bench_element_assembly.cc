// Cost of one element assembly (kinematics, material, internal force and
// tangent) per cell, the quantity every Newton iteration pays once per cell:
// a distorted trilinear hexahedron with a compressible Neo-Hookean law in the
// standard and the F-bar formulation (the indentation benchmark's element),
// and the stroke's element, a bilinear axisymmetric F-bar quadrilateral
// with the viscoelastic dermis law: the kinematics, the F-bar projection,
// the material and the element force and tangent of one cell
// (tests/solver/one_cell.h), what the solver pays per cell and assembly
// besides FEValues and the global insertion. Reports microseconds per cell.
//
//   build/bench/bench_element_assembly

#include "finite_strain_viscoelasticity.h"
#include "neo_hookean.h"
#include "one_cell.h"

#include <benchmark/benchmark.h>

#include <memory>
#include <random>

using namespace needlesim;

namespace
{
  template <int dim>
  void
  assemble_one_cell(benchmark::State                      &state,
                    const Geometry                         geometry,
                    const unsigned int                     degree,
                    const bool                             fbar,
                    std::shared_ptr<const ConstitutiveLaw> law)
  {
    const OneCell<dim>                     cell(geometry, degree, fbar, std::move(law));
    std::mt19937                           gen(42);
    std::uniform_real_distribution<double> displacement(-0.08, 0.08);
    std::vector<double>                    u(cell.n_dofs());
    for (double &x : u)
      x = displacement(gen);
    dealii::Vector<double>     f;
    dealii::FullMatrix<double> K;
    for (auto _ : state)
      {
        cell.evaluate(u, f, &K);
        benchmark::DoNotOptimize(K(0, 0));
      }
    state.counters["us_per_cell"] =
      benchmark::Counter(state.iterations() * 1e-6,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  }

  void
  Q1_NeoHookean_3d(benchmark::State &state)
  {
    assemble_one_cell<3>(
      state, Geometry::three_dimensional, 1, false, std::make_shared<NeoHookean>(0.1, 0.45));
  }

  void
  Q1_Fbar_NeoHookean_3d(benchmark::State &state)
  {
    assemble_one_cell<3>(
      state, Geometry::three_dimensional, 1, true, std::make_shared<NeoHookean>(0.1, 0.45));
  }

  void
  Q1_Fbar_viscoelastic_axisymmetric(benchmark::State &state)
  {
    assemble_one_cell<2>(
      state,
      Geometry::axisymmetric,
      1,
      true,
      std::make_shared<FiniteStrainViscoelasticity>(std::make_unique<NeoHookean>(0.1, 0.45),
                                                    std::vector<double>{0.3, 0.2},
                                                    std::vector<double>{0.01, 0.1}));
  }
} // namespace

BENCHMARK(Q1_NeoHookean_3d);
BENCHMARK(Q1_Fbar_NeoHookean_3d);
BENCHMARK(Q1_Fbar_viscoelastic_axisymmetric);
BENCHMARK_MAIN();
