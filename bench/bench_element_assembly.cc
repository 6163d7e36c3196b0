// Cost of one element assembly (kinematics, material, internal force and
// tangent) per cell, the quantity every Newton iteration pays once per cell:
// a distorted trilinear hexahedron with a compressible Neo-Hookean law in the
// standard and the F-bar formulation (the indentation benchmark's element),
// and the stroke's element, a bilinear axisymmetric F-bar quadrilateral
// with the viscoelastic dermis law. Reports microseconds per cell.
//
//   build/bench/bench_element_assembly

#include "cell_kinematics.h"
#include "element_assembly.h"
#include "finite_strain_viscoelasticity.h"
#include "neo_hookean.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/tria.h>

#include <benchmark/benchmark.h>

#include <memory>
#include <random>

using namespace needlesim;
using namespace dealii;

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
    Triangulation<dim> tria;
    Point<dim>         p1, p2;
    for (unsigned int d = 0; d < dim; ++d)
      {
        p1[d] = (geometry == Geometry::axisymmetric && d == 0) ? 0.5 : 0.0;
        p2[d] = p1[d] + 1.0;
      }
    GridGenerator::hyper_rectangle(tria, p1, p2);
    std::mt19937                           gen(42);
    std::uniform_real_distribution<double> shift(-0.12, 0.12);
    for (auto &v : tria.get_vertices())
      for (unsigned int d = 0; d < dim; ++d)
        const_cast<Point<dim> &>(v)[d] += shift(gen);
    const FESystem<dim> fe(FE_Q<dim>(degree), dim);
    DoFHandler<dim>     dofs(tria);
    dofs.distribute_dofs(fe);
    const QGauss<dim>   quadrature(degree + 1);
    const MappingQ<dim> mapping(1);
    FEValues<dim>       fe_values(mapping,
                            fe,
                            quadrature,
                            update_values | update_gradients | update_quadrature_points |
                              update_JxW_values);
    fe_values.reinit(dofs.begin_active());

    std::vector<double>                    u(fe.n_dofs_per_cell());
    std::uniform_real_distribution<double> displacement(-0.08, 0.08);
    for (double &x : u)
      x = displacement(gen);
    std::vector<InternalState> states_n(quadrature.size(), law->initial_state()),
      states_np1 = states_n;
    std::vector<MaterialPoint> mp;
    for (unsigned int q = 0; q < quadrature.size(); ++q)
      mp.push_back({law.get(), &states_n[q], &states_np1[q]});

    std::vector<QuadraturePointKinematics> qp;
    FullMatrix<double>                     P, K;
    Vector<double>                         f;
    compute_cell_kinematics(fe_values, u, geometry, qp);
    if (fbar)
      P = projection_matrix<dim>(fe_values.get_quadrature_points(), weights_of(qp), degree - 1);
    for (auto _ : state)
      {
        compute_cell_kinematics(fe_values, u, geometry, qp);
        assemble_element(qp, fbar ? &P : nullptr, mp, 0.01, f, &K);
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
