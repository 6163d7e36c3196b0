// The element tangent of the standard and the F-bar formulation is the exact
// derivative of the element internal force (finite-difference check), for
// 3-d, plane-strain and axisymmetric cells of degree 1 and 2.

#include "finite_strain_viscoelasticity.h"
#include "neo_hookean.h"
#include "ogden.h"
#include "one_cell.h"

#include <deal.II/base/quadrature_lib.h>

#include <gtest/gtest.h>

#include <memory>
#include <random>

using namespace needlesim;
using namespace dealii;

namespace
{
  struct Case
  {
    unsigned int dim;
    Geometry     geometry;
    unsigned int degree;
    bool         fbar;
    std::string  label;
  };

  template <int dim>
  double
  tangent_error(const Case &c, std::shared_ptr<const ConstitutiveLaw> law)
  {
    const OneCell<dim>                     cell(c.geometry, c.degree, c.fbar, law);
    std::mt19937                           gen(7);
    std::uniform_real_distribution<double> dist(-0.08, 0.08);
    std::vector<double>                    u(cell.n_dofs());
    for (double &x : u)
      x = dist(gen);

    Vector<double>     f;
    FullMatrix<double> K;
    cell.evaluate(u, f, &K);

    const double h     = 1e-6;
    double       error = 0.0, scale = 0.0;
    for (unsigned int b = 0; b < cell.n_dofs(); ++b)
      {
        std::vector<double> up = u, um = u;
        up[b] += h;
        um[b] -= h;
        Vector<double> fp, fm;
        cell.evaluate(up, fp, nullptr);
        cell.evaluate(um, fm, nullptr);
        for (unsigned int a = 0; a < cell.n_dofs(); ++a)
          {
            const double fd = (fp[a] - fm[a]) / (2 * h);
            error           = std::max(error, std::abs(K(a, b) - fd));
            scale           = std::max(scale, std::abs(K(a, b)));
          }
      }
    return error / scale;
  }

  class ElementTangent : public ::testing::TestWithParam<Case>
  {};
} // namespace



TEST_P(ElementTangent, MatchesFiniteDifferenceOfInternalForce)
{
  const Case                                               &c    = GetParam();
  const std::vector<std::shared_ptr<const ConstitutiveLaw>> laws = {
    std::make_shared<NeoHookean>(1.0, 0.3),
    std::make_shared<Ogden>(std::vector<double>{0.2, -0.05}, std::vector<double>{3.0, -2.0}, 0.499),
    std::make_shared<FiniteStrainViscoelasticity>(std::make_unique<NeoHookean>(1.0, 0.45),
                                                  std::vector<double>{0.8},
                                                  std::vector<double>{0.05})};
  for (const auto &law : laws)
    {
      const double e = (c.dim == 3) ? tangent_error<3>(c, law) : tangent_error<2>(c, law);
      EXPECT_LE(e, 1e-6) << c.label << " with " << law->name();
    }
}

INSTANTIATE_TEST_SUITE_P(
  AllFormulations,
  ElementTangent,
  ::testing::Values(Case{3, Geometry::three_dimensional, 1, false, "Q1_3d"},
                    Case{3, Geometry::three_dimensional, 1, true, "Q1_Fbar_3d"},
                    Case{3, Geometry::three_dimensional, 2, true, "Q2_Fbar_3d"},
                    Case{2, Geometry::plane_strain, 2, false, "Q2_plane_strain"},
                    Case{2, Geometry::plane_strain, 1, true, "Q1_Fbar_plane_strain"},
                    Case{2, Geometry::axisymmetric, 1, true, "Q1_Fbar_axisymmetric"},
                    Case{2, Geometry::axisymmetric, 2, true, "Q2_Fbar_axisymmetric"}),
  [](const auto &info) { return info.param.label; });



TEST(FbarProjection, ReproducesPolynomialsOfItsDegree)
{
  // P applied to samples of a linear function returns them exactly.
  const QGauss<3>       quad(3);
  std::vector<Point<3>> points(quad.get_points());
  std::vector<double>   w(quad.get_weights());
  for (auto &p : points)
    p[0] = 2 * p[0] + 0.3 * p[1];
  const FullMatrix<double> P = projection_matrix<3>(points, w, 1);
  for (unsigned int q = 0; q < points.size(); ++q)
    {
      double projected = 0;
      for (unsigned int r = 0; r < points.size(); ++r)
        projected += P(q, r) * (1.0 + 2.0 * points[r][0] - points[r][2]);
      EXPECT_NEAR(projected, 1.0 + 2.0 * points[q][0] - points[q][2], 1e-12);
    }
}
