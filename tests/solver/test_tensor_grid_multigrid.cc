// The geometric multigrid on tensor-product grids (tensor_grid_multigrid.h):
// it finds the grid of a graded subdivided box and no grid in a distorted
// mesh, and as the preconditioner of linear elasticity (Q1, clamped bottom)
// its Krylov iterations do not grow with a uniform mesh, the property that
// makes the cost of a solve linear in the unknowns; on graded meshes they
// grow slowly (anisotropic cells, which a point smoother with coarsening in
// every direction smooths less well; theory §7).

#include "tensor_grid_multigrid.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/solver_gmres.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <gtest/gtest.h>

#include <cmath>
#include <map>

using namespace needlesim;
using namespace dealii;

namespace
{
  /// The box [0,1]^3 with n cells per edge, graded geometrically from x = 0
  /// in every direction, the largest cell @p grading times the smallest (the
  /// benchmark meshes toward the needle: 21 to 30 times).
  void
  graded_box(parallel::distributed::Triangulation<3> &tria,
             const unsigned int                       n,
             const double                             grading = 25.0)
  {
    const double        ratio = std::pow(grading, 1.0 / (n - 1));
    std::vector<double> h(n);
    double              sum = 0.0;
    for (unsigned int i = 0; i < n; ++i)
      sum += (h[i] = std::pow(ratio, i));
    for (double &hi : h)
      hi /= sum;
    GridGenerator::subdivided_hyper_rectangle(tria, {h, h, h}, Point<3>(), Point<3>(1, 1, 1), true);
  }

  /// Linear elasticity (lambda = 1, mu = 0.3) on the Q1 mesh with the
  /// bottom z = 0 clamped, and the tensor grid of its unknowns.
  struct Elasticity
  {
    explicit Elasticity(parallel::distributed::Triangulation<3> &tria)
      : fe(FE_Q<3>(1), 3)
      , dofs(tria)
    {
      dofs.distribute_dofs(fe);
      owned = dofs.locally_owned_dofs();
      DoFTools::extract_locally_relevant_dofs(dofs, relevant);
      constraints.reinit(relevant);
      VectorTools::interpolate_boundary_values(dofs, 4, Functions::ZeroFunction<3>(3), constraints);
      constraints.close();
      DynamicSparsityPattern dsp(relevant);
      DoFTools::make_sparsity_pattern(dofs, dsp, constraints, false);
      SparsityTools::distribute_sparsity_pattern(dsp, owned, MPI_COMM_WORLD, relevant);
      A.reinit(owned, owned, dsp, MPI_COMM_WORLD);
      b.reinit(owned, MPI_COMM_WORLD);
      assemble();
    }

    void
    assemble()
    {
      const QGauss<3> quadrature(2);
      FEValues<3>     fv(fe, quadrature, update_values | update_gradients | update_JxW_values);
      const FEValuesExtractors::Vector     u(0);
      const unsigned int                   n = fe.n_dofs_per_cell();
      FullMatrix<double>                   k(n, n);
      Vector<double>                       f(n);
      std::vector<types::global_dof_index> local(n);
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            fv.reinit(cell);
            k = 0.0;
            f = 0.0;
            for (unsigned int q = 0; q < quadrature.size(); ++q)
              for (unsigned int i = 0; i < n; ++i)
                {
                  for (unsigned int j = 0; j < n; ++j)
                    k(i, j) +=
                      (1.0 * fv[u].divergence(i, q) * fv[u].divergence(j, q) +
                       2 * 0.3 *
                         (fv[u].symmetric_gradient(i, q) * fv[u].symmetric_gradient(j, q))) *
                      fv.JxW(q);
                  // a body force along (1, 0.5, -1)
                  const unsigned int c = fe.system_to_component_index(i).first;
                  f(i) += (c == 0 ? 1.0 : (c == 1 ? 0.5 : -1.0)) * fv.shape_value(i, q) * fv.JxW(q);
                }
            cell->get_dof_indices(local);
            constraints.distribute_local_to_global(k, f, local, A, b);
          }
      A.compress(VectorOperation::add);
      b.compress(VectorOperation::add);
    }

    std::optional<TensorGridUnknowns>
    grid() const
    {
      std::map<types::global_dof_index, Point<3>> points;
      DoFTools::map_dofs_to_support_points(MappingQ1<3>(), dofs, points);
      std::vector<unsigned int>            component(owned.n_elements());
      std::vector<types::global_dof_index> local(fe.n_dofs_per_cell());
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            cell->get_dof_indices(local);
            for (unsigned int a = 0; a < local.size(); ++a)
              if (owned.is_element(local[a]))
                component[owned.index_within_set(local[a])] = fe.system_to_component_index(a).first;
          }
      return TensorGridUnknowns::detect<3>(points, owned, component, 3, MPI_COMM_WORLD);
    }

    /// GMRES iterations to reduce the residual by 1e-8 with one V-cycle per iteration.
    unsigned int
    multigrid_iterations() const
    {
      TensorGridMultigrid mg(*grid());
      mg.initialize(A);
      TrilinosWrappers::MPI::Vector x(owned, MPI_COMM_WORLD);
      SolverControl                 control(200, 1e-8 * b.l2_norm());
      SolverGMRES<TrilinosWrappers::MPI::Vector>(control).solve(A, x, b, mg);
      return control.last_step();
    }

    FESystem<3>                    fe;
    DoFHandler<3>                  dofs;
    IndexSet                       owned, relevant;
    AffineConstraints<double>      constraints;
    TrilinosWrappers::SparseMatrix A;
    TrilinosWrappers::MPI::Vector  b;
  };
} // namespace



TEST(TensorGridMultigrid, InterpolationAlongAGradedLineIsExactForLinearFunctions)
{
  // 11 nodes graded by 1.3; the coarse lines 0, 2, ..., 10; then 0, 4, 8, 10
  std::vector<double> x{0.0};
  for (unsigned int i = 0; i < 10; ++i)
    x.push_back(x.back() + std::pow(1.3, i));
  const std::vector<unsigned int> fine{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, coarse{0, 2, 4, 6, 8, 10},
    coarser{0, 4, 8, 10};
  for (const auto &[f, c] : {std::pair{fine, coarse}, std::pair{coarse, coarser}})
    {
      const auto weights = line_interpolation(f, c, x);
      ASSERT_EQ(weights.size(), f.size());
      for (unsigned int i = 0; i < f.size(); ++i)
        {
          double sum = 0.0, at = 0.0;
          for (const auto &[line, w] : weights[i])
            {
              EXPECT_TRUE(std::binary_search(c.begin(), c.end(), line));
              EXPECT_GE(w, 0.0);
              sum += w;
              at += w * x[line];
            }
          EXPECT_NEAR(sum, 1.0, 1e-14);    // constants
          EXPECT_NEAR(at, x[f[i]], 1e-12); // x itself
        }
    }
}



TEST(TensorGridMultigrid, FindsTheGridOfAGradedBoxAndNoGridInADistortedMesh)
{
  parallel::distributed::Triangulation<3> tria(MPI_COMM_WORLD);
  graded_box(tria, 6);
  {
    const Elasticity                        box(tria);
    const std::optional<TensorGridUnknowns> grid = box.grid();
    ASSERT_TRUE(grid.has_value());
    ASSERT_EQ(grid->lines.size(), 3u);
    for (const std::vector<double> &l : grid->lines)
      {
        EXPECT_EQ(l.size(), 7u);
        EXPECT_NEAR(l.front(), 0.0, 1e-14);
        EXPECT_NEAR(l.back(), 1.0, 1e-14);
        // the first, smallest cell: (r - 1) / (r^6 - 1), r^5 = 25
        const double r = std::pow(25.0, 0.2);
        EXPECT_NEAR(l[1], (r - 1.0) / (std::pow(r, 6) - 1.0), 1e-12);
      }
    // the unknown at grid node (i, j, k) sits at (x_i, y_j, z_k), component c
    std::map<types::global_dof_index, Point<3>> points;
    DoFTools::map_dofs_to_support_points(MappingQ1<3>(), box.dofs, points);
    for (unsigned int k = 0; k < 7; ++k)
      for (unsigned int j = 0; j < 7; ++j)
        for (unsigned int i = 0; i < 7; ++i)
          for (unsigned int c = 0; c < 3; ++c)
            {
              const types::global_dof_index u = grid->unknown[(i + 7 * (j + 7 * k)) * 3 + c];
              if (points.count(u) > 0)
                EXPECT_LT(points.at(u).distance(
                            Point<3>(grid->lines[0][i], grid->lines[1][j], grid->lines[2][k])),
                          1e-14);
            }
  }
  GridTools::distort_random(0.2, tria, true, 7);
  EXPECT_FALSE(Elasticity(tria).grid().has_value());
}



TEST(TensorGridMultigrid, ElasticityIterationsDoNotGrowWithTheMesh)
{
  // 2 187 to 107 811 unknowns: two to four grids; measured 11, 12, 13
  // iterations on the uniform box, 49, 66, 78 graded as the benchmark
  auto iterations = [](const unsigned int n, const double grading) {
    parallel::distributed::Triangulation<3> tria(MPI_COMM_WORLD);
    graded_box(tria, n, grading);
    return Elasticity(tria).multigrid_iterations();
  };
  const unsigned int uniform_8 = iterations(8, 1.0), uniform_32 = iterations(32, 1.0);
  EXPECT_LE(uniform_8, 15u);
  EXPECT_LE(uniform_32, uniform_8 + 3);
  const unsigned int graded_8 = iterations(8, 25.0), graded_32 = iterations(32, 25.0);
  EXPECT_LE(graded_8, 60u);
  EXPECT_LE(graded_32, 2 * graded_8);
}



TEST(TensorGridMultigrid, PreSmoothingReturnsTheResidualOfItsResult)
{
  // the residual the pre-smoothing computes from its own updates (the lower
  // part and, on several ranks, the ghost columns of each row) against
  // b - A x computed with A; it differs by the single-precision values only.
  // Stored by node blocks (3 x 3) and by single entries, the sweeps are the
  // same point Gauss-Seidel: the same x, up to the order of the sums.
  // Run on 1 and on 2 ranks (ctest tensor_grid_multigrid_two_ranks).
  parallel::distributed::Triangulation<3> tria(MPI_COMM_WORLD);
  graded_box(tria, 6);
  const Elasticity                                      e(tria);
  const double                                          scale = e.b.l2_norm();
  std::map<unsigned int, TrilinosWrappers::MPI::Vector> smoothed;
  for (const unsigned int block : {1u, 3u})
    {
      LocalSymmetricGaussSeidel smoother;
      smoother.initialize(e.A, block);
      EXPECT_EQ(smoother.block_size(), block); // Q1^3: the rows form node blocks
      TrilinosWrappers::MPI::Vector x(e.owned, MPI_COMM_WORLD), r(x), exact(x);
      smoother.vmult(x, e.b, r);
      e.A.residual(exact, x, e.b);
      EXPECT_GT(exact.l2_norm(), 1e-2 * scale); // one sweep leaves a residual to compare
      exact -= r;
      EXPECT_LE(exact.l2_norm(), 1e-6 * scale) << "blocks of " << block;
      smoother.step(x, e.b); // the post-smoothing, from the result
      smoothed[block] = x;
    }
  TrilinosWrappers::MPI::Vector difference(smoothed[1]);
  difference -= smoothed[3];
  EXPECT_LE(difference.l2_norm(), 1e-6 * smoothed[1].l2_norm());
}
