// Verification of the finite-strain solver against analytic and published
// solutions:
//  - homogeneous uniaxial stretch (exact in the FE space) to 1e-10,
//  - Cook's membrane (finite strain) tip displacement within 1 % of the
//    converged value 14.33 mm (Pelteret & McBride 2016, deal.II code gallery,
//    doi:10.5281/zenodo.1228964; agrees with Miehe 1994),
//  - small-strain indentation by a rigid flat punch (Sneddon 1965) and a
//    rigid sphere (Hertz 1882) within 5 %, axisymmetric,
//  - a manufactured solution with the theoretical convergence orders of
//    Q1 and Q2 in the L2 norm and the H1 seminorm.

#include "finite_strain_solid.h"
#include "load_stepping.h"
#include "neo_hookean.h"
#include "ogden.h"
#include "skin_mesh.h"
#include "solver_test_tools.h"

#include <deal.II/base/function.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace needlesim;
using namespace needlesim::testing;
using namespace dealii;

namespace
{
  SolidSettings
  tight_settings(const Geometry     g,
                 const unsigned int degree,
                 const bool         fbar,
                 const double       residual_tolerance = 1e-11)
  {
    SolidSettings s;
    s.geometry                  = g;
    s.degree                    = degree;
    s.locking_free              = fbar;
    s.newton.residual_tolerance = residual_tolerance;
    s.newton.absolute_tolerance = 0.0;
    s.linear.type               = LinearSolverSettings::Type::direct;
    return s;
  }
} // namespace



// ---------------------------------------------------------------------------
class UniaxialStretch : public ::testing::TestWithParam<std::pair<unsigned int, bool>>
{};

TEST_P(UniaxialStretch, ReproducesAnalyticHomogeneousSolution)
{
  const auto [degree, fbar] = GetParam();
  const double E = 1.0, nu = 0.3, stretch = 1.5;
  const double mu = E / (2 * (1 + nu)), lambda = 2 * mu * nu / (1 - 2 * nu);

  // Lateral stretch l from sigma_22 = mu (l^2 - 1) + lambda ln J = 0, J = stretch l^2.
  double l = 1.0;
  for (int it = 0; it < 50; ++it)
    {
      const double r  = mu * (l * l - 1) + lambda * std::log(stretch * l * l);
      const double dr = 2 * mu * l + 2 * lambda / l;
      l -= r / dr;
    }
  const double J         = stretch * l * l;
  const double nominal_P = (mu * (stretch * stretch - 1) + lambda * std::log(J)) / stretch;

  parallel::distributed::Triangulation<3> tria(MPI_COMM_WORLD);
  GridGenerator::subdivided_hyper_rectangle(tria, {2, 2, 2}, Point<3>(), Point<3>(1, 1, 1), true);
  for (const auto &cell : tria.active_cell_iterators())
    cell->set_material_id(0);
  FiniteStrainSolid<3> solid(tria,
                             {{0, std::make_shared<NeoHookean>(E, nu)}},
                             tight_settings(Geometry::three_dimensional, degree, fbar));
  solid.add_dirichlet(fixed<3>(0, 0));
  solid.add_dirichlet(fixed<3>(2, 1));
  solid.add_dirichlet(fixed<3>(4, 2));
  const DirichletHandle pulled = solid.add_dirichlet(
    {1, 0, [&](const Point<3> &, double t) { return std::optional<double>((stretch - 1) * t); }});
  solid.setup();
  for (const double t : {0.25, 0.5, 0.75, 1.0})
    advance_to(solid, t, 4);

  EXPECT_NEAR(solid.reaction_force(pulled, 0), nominal_P, 1e-10 * nominal_P);
  EXPECT_NEAR(vertex_displacement(solid, Point<3>(1, 1, 1), 1), l - 1, 1e-10);
  EXPECT_NEAR(vertex_displacement(solid, Point<3>(1, 1, 1), 2), l - 1, 1e-10);
  EXPECT_NEAR(vertex_displacement(solid, Point<3>(1, 0.5, 0.5), 0), stretch - 1, 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Formulations,
                         UniaxialStretch,
                         ::testing::Values(std::make_pair(1u, false),
                                           std::make_pair(1u, true),
                                           std::make_pair(2u, true)));



// ---------------------------------------------------------------------------
namespace
{
  // Cook's tapered panel (Cook 1974): corners (0,0), (48,44), (48,60), (0,44)
  // mm; boundary id 1 on x = 0 (clamped), 11 on x = 48 (loaded). In 3-d it is
  // extruded to z in [-0.5, 0.5] mm with one element through the thickness.
  template <int dim>
  void
  make_cook_panel(parallel::distributed::Triangulation<dim> &tria, const unsigned int n)
  {
    Triangulation<dim> serial;
    if constexpr (dim == 2)
      GridGenerator::subdivided_hyper_rectangle(serial, {n, n}, Point<2>(0, 0), Point<2>(48, 44));
    else
      GridGenerator::subdivided_hyper_rectangle(serial,
                                                {n, n, 1},
                                                Point<3>(0, 0, -0.5),
                                                Point<3>(48, 44, 0.5));
    for (const auto &cell : serial.active_cell_iterators())
      for (const unsigned int f : cell->face_indices())
        if (cell->face(f)->at_boundary())
          {
            const double x = cell->face(f)->center()[0];
            cell->face(f)->set_boundary_id(x < 1e-9 ? 1 : (x > 48 - 1e-9 ? 11 : 0));
          }
    GridTools::transform(
      [](const Point<dim> &p) {
        const double upper = 44.0 + 16.0 / 48.0 * p[0], lower = 44.0 / 48.0 * p[0];
        const double theta = p[1] / 44.0;
        Point<dim>   q     = p;
        q[1]               = (1 - theta) * lower + theta * upper;
        return q;
      },
      serial);
    tria.copy_triangulation(serial);
  }
} // namespace



namespace
{
  // The configuration of the reference computation: the 48/44/16 mm tapered
  // panel, 1 mm thick with one element through the thickness and traction-free
  // faces z = +/-0.5 mm (the reference code's plane-strain boundary ids are
  // never assigned, so its faces are free), clamped at x = 0, a dead load of
  // 1 N in y on the end x = 48 mm, decoupled Neo-Hookean (Ogden, alpha = 2)
  // with mu = 0.4225 MPa, nu = 0.3 and U = K/4 (J^2 - 1 - 2 ln J).
  double
  cook_tip_displacement(const unsigned int n, const unsigned int degree, const bool fbar)
  {
    parallel::distributed::Triangulation<3> tria(MPI_COMM_WORLD);
    make_cook_panel(tria, n);

    SolidSettings s = tight_settings(Geometry::three_dimensional, degree, fbar, 1e-9);
    s.linear.type   = LinearSolverSettings::Type::direct;
    FiniteStrainSolid<3> solid(
      tria,
      {{0, std::make_shared<Ogden>(std::vector<double>{0.4225}, std::vector<double>{2.0}, 0.3)}},
      s);
    for (unsigned int c = 0; c < 3; ++c)
      solid.add_dirichlet(fixed<3>(1, c));
    solid.add_traction({11, [](const Point<3> &, double t) {
                          return Tensor<1, 3>({0.0, t / 16.0, 0.0});
                        }});
    solid.setup();
    advance_to(solid, 0.5, 6);
    advance_to(solid, 1.0, 6);
    return vertex_displacement(solid, Point<3>(48, 60, 0.5), 1);
  }
} // namespace

TEST(CooksMembrane, TipDisplacementWithinOnePercentOfConvergedValue)
{
  const double reference = 14.33; // mm
  for (const auto &[n, degree, fbar] :
       std::vector<std::tuple<unsigned int, unsigned int, bool>>{{16, 2, false}, {32, 1, true}})
    {
      const double u = cook_tip_displacement(n, degree, fbar);
      std::cout << "Cook's membrane, " << n << " elements per edge, Q" << degree
                << (fbar ? " F-bar" : "") << ": tip u_y = " << u << " mm (error "
                << 100 * (u - reference) / reference << " %)" << std::endl;
      EXPECT_NEAR(u, reference, 0.01 * reference);
    }
}



// ---------------------------------------------------------------------------
namespace
{
  // Cook's panel in plane strain with a nearly incompressible decoupled
  // Neo-Hookean solid (nu = 0.4999): standard Q1 elements lock, the F-bar
  // projection must not.
  double
  incompressible_cook_tip(const unsigned int n, const unsigned int degree, const bool fbar)
  {
    parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
    make_cook_panel(tria, n);
    FiniteStrainSolid<2> solid(
      tria,
      {{0, std::make_shared<Ogden>(std::vector<double>{0.4225}, std::vector<double>{2.0}, 0.4999)}},
      tight_settings(Geometry::plane_strain, degree, fbar, 1e-9));
    solid.add_dirichlet(fixed<2>(1, 0));
    solid.add_dirichlet(fixed<2>(1, 1));
    solid.add_traction({11, [](const Point<2> &, double t) {
                          return Tensor<1, 2>({0.0, t / 16.0});
                        }});
    solid.setup();
    advance_to(solid, 0.5, 6);
    advance_to(solid, 1.0, 6);
    return vertex_displacement(solid, Point<2>(48, 60), 1);
  }
} // namespace

TEST(Locking, FbarRemovesVolumetricLockingOfQ1)
{
  const double reference = incompressible_cook_tip(16, 2, true);
  const double standard  = incompressible_cook_tip(8, 1, false);
  const double fbar      = incompressible_cook_tip(8, 1, true);
  std::cout << "nearly incompressible Cook panel (nu = 0.4999): Q2 F-bar 16x16 " << reference
            << " mm; 8x8 Q1 " << standard << " mm, Q1 F-bar " << fbar << " mm" << std::endl;
  EXPECT_LT(standard, 0.8 * reference);           // locked
  EXPECT_NEAR(fbar, reference, 0.05 * reference); // not locked
}



// ---------------------------------------------------------------------------
namespace
{
  // Axisymmetric half-space approximation: r in [0, 40 a], depth 40 a, with a
  // uniform mesh of n_contact elements under the contact radius a and
  // geometric grading outside; u_z prescribed on r <= a, u_r free
  // (frictionless), bottom clamped.
  double
  punch_force(const double a, const std::function<double(double r)> &u_z)
  {
    const unsigned int  n_contact = 16;
    const double        h         = a / n_contact;
    std::vector<double> r_steps(n_contact, h);
    for (const double s : graded_steps(39 * a, h, 1.15, 4 * a))
      r_steps.push_back(s);
    parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
    make_half_space(tria, r_steps, a, h);

    FiniteStrainSolid<2> solid(tria,
                               {{0, std::make_shared<NeoHookean>(1.0, 0.3)}},
                               tight_settings(Geometry::axisymmetric, 2, false, 1e-9));
    solid.add_dirichlet(fixed<2>(BoundaryId::bottom, 0));
    solid.add_dirichlet(fixed<2>(BoundaryId::bottom, 1));
    solid.add_dirichlet(fixed<2>(BoundaryId::symmetry_x, 0));
    const DirichletHandle punch = solid.add_dirichlet(
      {BoundaryId::surface, 1, [&](const Point<2> &X, double t) {
         return X[0] <= a * (1 + 1e-9) ? std::optional<double>(t * u_z(X[0])) : std::nullopt;
       }});
    solid.setup();
    advance_to(solid, 1.0, 4);
    return -solid.reaction_force(punch, 1);
  }
} // namespace

TEST(Indentation, FlatPunchMatchesSneddon)
{
  // F = 2 a E d / (1 - nu^2)   (Sneddon 1965, Int J Eng Sci 3:47)
  const double a = 0.1, d = 1e-4, E_star = 1.0 / (1 - 0.09);
  const double F         = punch_force(a, [&](double) { return -d; });
  const double F_sneddon = 2 * a * E_star * d;
  std::cout << "flat punch: F = " << F << " N, Sneddon " << F_sneddon << " N, error "
            << 100 * (F - F_sneddon) / F_sneddon << " %" << std::endl;
  EXPECT_NEAR(F, F_sneddon, 0.05 * F_sneddon);
}

TEST(Indentation, SphereMatchesHertz)
{
  // F = 4/3 E/(1 - nu^2) sqrt(R) d^{3/2}, contact radius a = sqrt(R d),
  // surface displacement u_z = -(d - r^2 / (2 R)) under the contact (Hertz 1882;
  // Johnson 1985, Contact Mechanics, sec. 4.2).
  const double R = 10.0, d = 1e-3, a = std::sqrt(R * d), E_star = 1.0 / (1 - 0.09);
  const double F       = punch_force(a, [&](double r) { return -(d - r * r / (2 * R)); });
  const double F_hertz = 4.0 / 3.0 * E_star * std::sqrt(R) * std::pow(d, 1.5);
  std::cout << "sphere: F = " << F << " N, Hertz " << F_hertz << " N, error "
            << 100 * (F - F_hertz) / F_hertz << " %" << std::endl;
  EXPECT_NEAR(F, F_hertz, 0.05 * F_hertz);
}



// ---------------------------------------------------------------------------
namespace
{
  // u = t A (sin(pi x) sin(pi y), x^2 y^3) on the unit square, plane strain.
  constexpr double A = 0.1;

  struct Manufactured
  {
    static Tensor<1, 2>
    u(const Point<2> &p)
    {
      const double x = p[0], y = p[1];
      return Tensor<1, 2>({A * std::sin(M_PI * x) * std::sin(M_PI * y), A * x * x * y * y * y});
    }
    static Tensor<2, 2>
    grad(const Point<2> &p)
    {
      const double x = p[0], y = p[1];
      Tensor<2, 2> g;
      g[0][0] = A * M_PI * std::cos(M_PI * x) * std::sin(M_PI * y);
      g[0][1] = A * M_PI * std::sin(M_PI * x) * std::cos(M_PI * y);
      g[1][0] = 2 * A * x * y * y * y;
      g[1][1] = 3 * A * x * x * y * y;
      return g;
    }
    // hess[k][L][J] = d^2 u_k / dX_L dX_J
    static Tensor<3, 2>
    hessian(const Point<2> &p)
    {
      const double x = p[0], y = p[1], pi2 = M_PI * M_PI;
      Tensor<3, 2> h;
      h[0][0][0] = -A * pi2 * std::sin(M_PI * x) * std::sin(M_PI * y);
      h[0][1][1] = h[0][0][0];
      h[0][0][1] = h[0][1][0] = A * pi2 * std::cos(M_PI * x) * std::cos(M_PI * y);
      h[1][0][0]              = 2 * A * y * y * y;
      h[1][1][1]              = 6 * A * x * x * y;
      h[1][0][1] = h[1][1][0] = 6 * A * x * y * y;
      return h;
    }
  };

  class ExactDisplacement : public Function<2>
  {
  public:
    ExactDisplacement()
      : Function<2>(2)
    {}
    double
    value(const Point<2> &p, const unsigned int c) const override
    {
      return Manufactured::u(p)[c];
    }
    Tensor<1, 2>
    gradient(const Point<2> &p, const unsigned int c) const override
    {
      return Manufactured::grad(p)[c];
    }
  };

  // B = -Div P(F(u)) = -A_iJkL(F) u_k,LJ with A = dP/dF from the law itself
  // (the law's tangent is verified separately in test_materials).
  Tensor<1, 2>
  body_force(const ConstitutiveLaw &law, const Point<2> &X, const double t)
  {
    const Tensor<2, 2> g = t * Manufactured::grad(X);
    const Tensor<3, 2> H = t * Manufactured::hessian(X);
    Tensor2            F;
    for (unsigned int i = 0; i < 3; ++i)
      F[i][i] = 1.0;
    for (unsigned int i = 0; i < 2; ++i)
      for (unsigned int j = 0; j < 2; ++j)
        F[i][j] += g[i][j];
    const StressResponse       r = law.evaluate(F, {}, 0.0, nullptr);
    const dealii::Tensor<4, 3> A = first_piola_tangent(F, r.S, r.CC);
    Tensor<1, 2>               B;
    for (unsigned int i = 0; i < 2; ++i)
      for (unsigned int J = 0; J < 2; ++J)
        for (unsigned int k = 0; k < 2; ++k)
          for (unsigned int L = 0; L < 2; ++L)
            B[i] -= A[i][J][k][L] * H[k][L][J];
    return B;
  }

  std::pair<double, double>
  manufactured_errors(const unsigned int n, const unsigned int degree, const bool fbar)
  {
    parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
    GridGenerator::subdivided_hyper_cube(tria, n, 0.0, 1.0);
    auto          law           = std::make_shared<NeoHookean>(1.0, 0.3);
    SolidSettings s             = tight_settings(Geometry::plane_strain, degree, fbar);
    s.newton.residual_tolerance = 1e-12;
    FiniteStrainSolid<2> solid(tria, {{0, law}}, s);
    for (unsigned int c = 0; c < 2; ++c)
      solid.add_dirichlet({0, c, [c](const Point<2> &X, double t) {
                             return std::optional<double>(t * Manufactured::u(X)[c]);
                           }});
    solid.set_body_force([law](const Point<2> &X, double t) { return body_force(*law, X, t); });
    solid.setup();
    advance_to(solid, 0.5, 4);
    advance_to(solid, 1.0, 4);

    Vector<float>           cellwise(tria.n_active_cells());
    const ExactDisplacement exact;
    const QGauss<2>         quad(degree + 3);
    VectorTools::integrate_difference(solid.mapping(),
                                      solid.dof_handler(),
                                      solid.solution(),
                                      exact,
                                      cellwise,
                                      quad,
                                      VectorTools::L2_norm);
    const double l2 = VectorTools::compute_global_error(tria, cellwise, VectorTools::L2_norm);
    VectorTools::integrate_difference(solid.mapping(),
                                      solid.dof_handler(),
                                      solid.solution(),
                                      exact,
                                      cellwise,
                                      quad,
                                      VectorTools::H1_seminorm);
    const double h1 = VectorTools::compute_global_error(tria, cellwise, VectorTools::H1_seminorm);
    return {l2, h1};
  }
} // namespace

class ManufacturedSolution : public ::testing::TestWithParam<std::pair<unsigned int, bool>>
{};

TEST_P(ManufacturedSolution, ConvergesWithTheoreticalOrder)
{
  const auto [degree, fbar] = GetParam();
  const std::vector<unsigned int> n =
    degree == 1 ? std::vector<unsigned int>{4, 8, 16, 32} : std::vector<unsigned int>{4, 8, 16, 32};
  std::vector<double> h, l2, h1;
  for (const unsigned int k : n)
    {
      const auto [e0, e1] = manufactured_errors(k, degree, fbar);
      h.push_back(1.0 / k);
      l2.push_back(e0);
      h1.push_back(e1);
    }
  const std::vector<double> rate_l2 = convergence_rates(h, l2), rate_h1 = convergence_rates(h, h1);
  for (unsigned int i = 0; i < rate_l2.size(); ++i)
    std::cout << "Q" << degree << (fbar ? " F-bar" : "") << " h = 1/" << n[i + 1] << ": L2 error "
              << l2[i + 1] << " (rate " << rate_l2[i] << "), H1 error " << h1[i + 1] << " (rate "
              << rate_h1[i] << ")" << std::endl;
  EXPECT_NEAR(rate_l2.back(), degree + 1.0, 0.15);
  EXPECT_NEAR(rate_h1.back(), degree, 0.15);
}

INSTANTIATE_TEST_SUITE_P(Formulations,
                         ManufacturedSolution,
                         ::testing::Values(std::make_pair(1u, false),
                                           std::make_pair(2u, false),
                                           std::make_pair(1u, true),
                                           std::make_pair(2u, true)));
