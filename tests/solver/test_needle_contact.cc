// Contact of the rigid needle with a Neo-Hookean block: the FEBio benchmark
// (scenarios/benchmarks/meshes/SOURCE.md): a
// hemispherical needle tip of radius 0.1 mm pressed 0.1 mm into a quarter
// block, compared with FEBio 4 on the same meshes and with Hertz's law at
// small depth; the friction of a needle sliding along the surface; and the
// pyramidal needles on the blocks their mirror planes allow.

#include "finite_strain_solid.h"
#include "indentation_problem.h"
#include "load_stepping.h"
#include "needle_contact.h"
#include "neo_hookean.h"
#include "parameter_input.h"
#include "progress.h"
#include "scenario.h"
#include "skin_mesh.h"
#include "solver_test_tools.h"

#include <deal.II/base/mpi.h>
#include <deal.II/grid/grid_in.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace needlesim;
using namespace needlesim::testing;
using namespace dealii;

namespace
{
  // FEBio 4 total force [N] at d = 0.01, 0.02, ..., 0.10 mm on n08 (benchmark
  // README, penalty facet-on-facet contact).
  const std::vector<double> febio_n08 = {6.0115e-05,
                                         1.7296e-04,
                                         3.1851e-04,
                                         4.7633e-04,
                                         6.4212e-04,
                                         8.3878e-04,
                                         1.0495e-03,
                                         1.2709e-03,
                                         1.4970e-03,
                                         1.7388e-03};

  /// The force at d = 0.01, 0.02, ..., 0.1 mm; the penalty kappa E / l, l
  /// the face size h where @p penalty_length is 0, @p augmented: once per step
  /// (needle_contact.h).
  std::vector<double>
  ball_indentation(const std::string &mesh,
                   const double       penalty_factor = 100.0,
                   const bool         augmented      = false,
                   const double       penalty_length = 0.0)
  {
    parallel::distributed::Triangulation<3> tria(MPI_COMM_WORLD);
    GridIn<3>                               grid_in;
    grid_in.attach_triangulation(tria);
    std::ifstream in(std::string(NEEDLESIM_SCENARIOS) + "/benchmarks/meshes/" + mesh);
    grid_in.read_msh(in);

    // E = 0.1 MPa, nu = 0.45: mu = 0.0344828, lambda = 0.310345 MPa.
    SolidSettings s;
    s.geometry                  = Geometry::three_dimensional;
    s.degree                    = 1;
    s.locking_free              = false;
    s.newton.residual_tolerance = 1e-9;
    s.linear.type               = LinearSolverSettings::Type::direct;
    FiniteStrainSolid<3> solid(tria, {{10, std::make_shared<NeoHookean>(0.1, 0.45)}}, s);
    for (unsigned int c = 0; c < 3; ++c)
      solid.add_dirichlet(fixed<3>(1, c));
    solid.add_dirichlet(fixed<3>(2, 0));
    solid.add_dirichlet(fixed<3>(3, 1));

    // Needle: shaft radius = tip radius = 0.1 mm; tip at z = 1 - d(t), d = 0.1 t.
    const auto needle =
      std::make_shared<NeedleGeometry>(NeedleGeometry::Parameters{0.2, 0.1, 45.0});
    ContactSettings contact;
    contact.penalty_factor = penalty_factor; // 100: penetration about 1e-4 mm
    contact.augmented      = augmented;
    contact.penalty_length = penalty_length;
    contact.modulus        = 0.1;
    contact.friction       = 0.0;
    contact.lobatto        = false; // 2 x 2 Gauss points per face, as FEBio's facets
    auto interaction       = std::make_shared<NeedleContact<3>>(
      needle,
      [](const double t) { return 1.0 - 0.1 * t; },
      contact,
      std::set<types::boundary_id>{4, 5});
    solid.add_interaction(interaction);
    solid.setup();


    std::vector<double> forces;
    for (unsigned int step = 1; step <= 20; ++step)
      {
        advance_to(solid, step / 20.0, 6);
        if (step % 2 == 0)
          forces.push_back(4.0 *
                           Utilities::MPI::sum(interaction->force_on_needle()[2], MPI_COMM_WORLD));
      }
    return forces;
  }
} // namespace

TEST(NeedleContact, BallTipMatchesFEBioOnTheSameMeshes)
{
  for (const auto &[mesh, febio] :
       std::vector<std::pair<std::string, std::vector<double>>>{{"indent_n08.msh", febio_n08}})
    {
      const std::vector<double> F = ball_indentation(mesh);
      for (unsigned int k = 0; k < F.size(); ++k)
        {
          const double d = 0.01 * (k + 1), hertz = 0.052868 * std::pow(d, 1.5);
          std::cout << mesh << " d = " << d << " mm: F = " << F[k] << " N, FEBio " << febio[k]
                    << " (" << 100 * (F[k] - febio[k]) / febio[k] << " %), Hertz " << hertz
                    << std::endl;
          // Same mesh, same face quadrature (2 x 2 Gauss), penalty in both codes.
          EXPECT_NEAR(F[k], febio[k], 0.02 * febio[k]) << mesh << " d = " << d;
        }
    }
}



TEST(NeedleContact, AugmentedSoftPenaltyComesCloseToTheStiffPenaltyForce)
{
  // A penalty of 20 E / h penetrates five times deeper than the default
  // 100 E / h and lowers the force; augmented once per step it carries the
  // committed pressure at zero penetration and comes close to the force of
  // a penalty 50 times stiffer (1000 E / h, near the exact contact). On this
  // coarse mesh (a few Gauss points in contact) a point that enters contact
  // carries its first step by the penalty alone, so the gain varies with the
  // depth (measured: the soft penalty 1.9-3.5 % below the stiff one, the
  // augmented one 0.6-2.0 %); asserted on the mean from d = 0.03 mm, where
  // the contact spans several points, and at the final depth.
  const std::vector<double> stiff      = ball_indentation("indent_n08.msh", 1000.0);
  const std::vector<double> soft       = ball_indentation("indent_n08.msh", 20.0);
  const std::vector<double> aug        = ball_indentation("indent_n08.msh", 20.0, true);
  double                    soft_error = 0.0, aug_error = 0.0;
  for (unsigned int k = 0; k < stiff.size(); ++k)
    {
      std::cout << "d = " << 0.01 * (k + 1) << " mm: stiff " << stiff[k] << " N, soft "
                << 100 * (soft[k] - stiff[k]) / stiff[k] << " %, augmented "
                << 100 * (aug[k] - stiff[k]) / stiff[k] << " %, FEBio "
                << 100 * (febio_n08[k] - stiff[k]) / stiff[k] << " %" << std::endl;
      if (k >= 2)
        {
          soft_error += std::abs(soft[k] - stiff[k]) / stiff[k];
          aug_error += std::abs(aug[k] - stiff[k]) / stiff[k];
        }
    }
  EXPECT_LT(aug_error, 0.6 * soft_error);
  EXPECT_LT(std::abs(aug.back() - stiff.back()), 0.3 * std::abs(soft.back() - stiff.back()));
  EXPECT_NEAR(aug.back(), febio_n08.back(), 0.005 * febio_n08.back());
}



TEST(NeedleContact, PenaltyLengthSetsOnePenaltyOnEveryFace)
{
  // With a penalty length l the penalty is kappa E / l on every face,
  // whatever its size: kappa = 100 on l = 0.1 mm (the tip radius) and
  // kappa = 20 on l = 0.02 mm are the same 100 N/mm^3, and give the same
  // forces (with l = h the two factors are different penalties, whose
  // forces differ by the penalty's error, test above). Augmented as in the
  // benchmark scenarios, the force at 0.1 mm is FEBio's within 0.5 %
  // (measured -0.02 %).
  const std::vector<double> on_tip   = ball_indentation("indent_n08.msh", 100.0, true, 0.1);
  const std::vector<double> on_fifth = ball_indentation("indent_n08.msh", 20.0, true, 0.02);
  for (unsigned int k = 0; k < on_tip.size(); ++k)
    {
      std::cout << "d = " << 0.01 * (k + 1) << " mm: F = " << on_tip[k]
                << " N, l / 5 and kappa / 5 " << on_fifth[k] << " N, FEBio " << febio_n08[k] << " N"
                << std::endl;
      EXPECT_NEAR(on_fifth[k], on_tip[k], 1e-6 * on_tip[k]) << "d = " << 0.01 * (k + 1);
    }
  EXPECT_NEAR(on_tip.back(), febio_n08.back(), 0.005 * febio_n08.back());
}



TEST(NeedleContact, BallTipOnHalfSpaceMatchesHertz)
{
  // Axisymmetric Q2: a needle whose tip radius equals its shaft radius
  // (R = 0.1 mm, a ball tip) pressed d = 1e-3 mm into a Neo-Hookean block
  // (E = 1 MPa, nu = 0.3) 40 contact radii wide and deep.
  // Hertz: F = 4/3 E/(1 - nu^2) sqrt(R) d^{3/2}, a = sqrt(R d) = 0.01 mm.
  const double R = 0.1, d = 1e-3, a = std::sqrt(R * d), E_star = 1.0 / (1 - 0.09);
  const double h = a / 12;
  parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  make_half_space(tria, graded_steps(40 * a, h, 1.15, 4 * a), a, h);
  SolidSettings s;
  s.geometry                  = Geometry::axisymmetric;
  s.degree                    = 2;
  s.locking_free              = false;
  s.newton.residual_tolerance = 1e-9;
  s.linear.type               = LinearSolverSettings::Type::direct;
  FiniteStrainSolid<2> solid(tria, {{0, std::make_shared<NeoHookean>(1.0, 0.3)}}, s);
  solid.add_dirichlet(fixed<2>(BoundaryId::bottom, 0));
  solid.add_dirichlet(fixed<2>(BoundaryId::bottom, 1));
  solid.add_dirichlet(fixed<2>(BoundaryId::symmetry_x, 0));
  ContactSettings contact;
  contact.penalty_factor       = 1000; // 1000 E / h
  contact.modulus              = 1.0;
  contact.friction             = 0.0;
  contact.points_per_direction = 4;
  contact.lobatto              = false;
  auto interaction             = std::make_shared<NeedleContact<2>>(
    std::make_shared<NeedleGeometry>(NeedleGeometry::Parameters{2 * R, R, 45.0}),
    [d](const double t) { return -d * t; },
    contact,
    std::set<types::boundary_id>{BoundaryId::surface});
  solid.add_interaction(interaction);
  solid.setup();
  advance_to(solid, 0.5, 6);
  advance_to(solid, 1.0, 6);
  const double F       = Utilities::MPI::sum(interaction->force_on_needle()[2], MPI_COMM_WORLD);
  const double F_hertz = 4.0 / 3.0 * E_star * std::sqrt(R) * std::pow(d, 1.5);
  std::cout << "ball tip on a half space: F = " << F << " N, Hertz " << F_hertz << " N ("
            << 100 * (F - F_hertz) / F_hertz << " %)" << std::endl;
  // finite block (clamped at 40 a) and discretisation: a few per cent stiffer
  EXPECT_NEAR(F, F_hertz, 0.05 * F_hertz);
}



TEST(NeedleContact, FrictionOpposesSlipAndReversesWithTheNeedle)
{
  // A wall x >= 0.099 mm overlaps the needle shaft (radius 0.1 mm, axis z) by
  // 1e-3 mm while the needle slides 0.02 mm up, then 0.02 mm back down: the
  // axial force on the needle is mu times the normal force, against the
  // needle's motion, and reverses with it.
  parallel::distributed::Triangulation<3> tria(MPI_COMM_WORLD);
  GridGenerator::subdivided_hyper_rectangle(
    tria, {4, 12, 8}, Point<3>(0.099, -0.03, -0.1), Point<3>(0.3, 0.03, 0.1), true);
  for (const auto &cell : tria.active_cell_iterators())
    cell->set_material_id(0);
  SolidSettings s;
  s.locking_free              = false;
  s.newton.residual_tolerance = 1e-10;
  s.linear.type               = LinearSolverSettings::Type::direct;
  FiniteStrainSolid<3> solid(tria, {{0, std::make_shared<NeoHookean>(1.0, 0.3)}}, s);
  for (unsigned int c = 0; c < 3; ++c)
    solid.add_dirichlet(fixed<3>(1, c)); // x = 0.3 clamped
  ContactSettings contact;
  contact.penalty_factor = 100; // on faces of 0.005-0.0125 mm: 1e4 to 2e4 N/mm^3
  contact.modulus        = 1.0;
  contact.friction       = 0.3;
  auto interaction       = std::make_shared<NeedleContact<3>>(
    std::make_shared<NeedleGeometry>(NeedleGeometry::Parameters{0.2, 0.005, 15.0}),
    [](const double t) { return -2.0 + 0.02 * (t <= 1 ? t : 2 - t); },
    contact,
    std::set<types::boundary_id>{0});
  solid.add_interaction(interaction);
  solid.setup();

  advance_to(solid, 1.0, 6);
  const Tensor1 up = interaction->force_on_needle();
  advance_to(solid, 2.0, 6);
  const Tensor1 down = interaction->force_on_needle();
  std::cout << "sliding up: F = " << up << " N; down: F = " << down << " N" << std::endl;
  ASSERT_LT(up[0], 0.0); // the wall pushes the needle towards -x
  EXPECT_NEAR(up[2], -0.3 * std::abs(up[0]), 0.01 * 0.3 * std::abs(up[0]));
  EXPECT_NEAR(down[2], 0.3 * std::abs(down[0]), 0.01 * 0.3 * std::abs(down[0]));
}



TEST(NeedleContact, AxisymmetricNodalPointsCarryLumpedWeights)
{
  // Nodal points weigh w_q = int l_q 2 pi r dA: the point on the axis of a
  // face [0, l] carries pi l^2 / 3 (the trapezoidal 2 pi r w would give it
  // nothing, and the apex would pass the axis node), the next one 2 pi l^2 / 3,
  // and the weights of the surface add up to its area pi W^2.
  const double                            W = 1.0, h = 0.01;
  parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  make_half_space(tria, graded_steps(W, h, 1.2, 0.05), W / 40, h); // [0, W] x [-W, 0]
  SolidSettings s;
  s.geometry     = Geometry::axisymmetric;
  s.degree       = 1;
  s.locking_free = true;
  FiniteStrainSolid<2> solid(tria, {{0, std::make_shared<NeoHookean>(1.0, 0.3)}}, s);
  solid.add_dirichlet(fixed<2>(BoundaryId::bottom, 1));
  ContactSettings contact;
  contact.modulus  = 1.0;
  contact.lobatto  = true;
  auto interaction = std::make_shared<NeedleContact<2>>(
    std::make_shared<NeedleGeometry>(NeedleGeometry::Parameters{0.25, 0.005, 15.0}),
    [](const double) { return 1.0; },
    contact,
    std::set<types::boundary_id>{BoundaryId::surface});
  solid.add_interaction(interaction);
  solid.setup();

  const auto &points = interaction->points();
  double      area   = 0.0;
  for (unsigned int i = 0; i < points.size(); ++i)
    {
      EXPECT_GT(points[i].weight, 0.0) << "point at r = " << points[i].X[0];
      area += points[i].weight;
      if (points[i].X[0] == 0.0)
        {
          // the face's other point follows (two Gauss-Lobatto points per face)
          const double l = points[i + 1].X[0];
          EXPECT_NEAR(points[i].weight, M_PI * l * l / 3.0, 1e-12 * l * l);
          EXPECT_NEAR(points[i + 1].weight, 2.0 * M_PI * l * l / 3.0, 1e-12 * l * l);
        }
    }
  EXPECT_NEAR(Utilities::MPI::sum(area, MPI_COMM_WORLD), M_PI * W * W, 1e-10);
}



TEST(NeedleContact, PointThatTouchesDuringTheStepSlipsOnlyAfterwards)
{
  // A skin point beside the needle's shaft (radius 0.1 mm, axis z) is 5e-4 mm
  // away at the start of the step and 1e-3 mm inside at its end: it touched
  // at theta = 1/3 of the step and slides only for the rest, so sticking
  // costs eps_T (1 - theta) s (eps_T = eps / 100, eps = 100 E / h = 1e4 MPa/mm).
  // The tangent, including the dependence of theta on u, matches central
  // differences in stick and in slip.
  for (const double travel : {1e-3, 0.1}) // the needle's axial motion in the step: stick, slip
    {
      ContactSettings contact;
      contact.penalty_factor = 100;
      contact.modulus        = 1.0;
      contact.friction       = 0.3;
      NeedleContact<3> needle(std::make_shared<NeedleGeometry>(
                                NeedleGeometry::Parameters{0.2, 0.005, 15.0}),
                              [travel](const double t) { return -2.0 - travel * t; },
                              contact,
                              {0});
      needle.set_points({{Point<3>(0.1, 0.0, 0.0), 1.0, 0.01}});
      Tensor<1, 3> u, u_n;
      u_n[0] = 5e-4;
      u[0]   = -1e-3;
      Tensor<1, 3> f;
      Tensor<2, 3> K;
      needle.evaluate(0, u, u_n, 1.0, 1.0, f, K);
      if (travel == 1e-3)
        {
          // stick: f_T = eps_T (1 - theta) s, s = (u - u_n) + travel e_z
          EXPECT_NEAR(f[2], 100.0 * (2.0 / 3.0) * travel, 1e-6 * f[2]);
        }
      else // slip: mu p along the slip
        EXPECT_NEAR(std::hypot(f[1], f[2]), 0.3 * std::abs(f[0]), 1e-9 * std::abs(f[0]));
      for (unsigned int k = 0; k < 3; ++k)
        {
          Tensor<1, 3> du, fp, fm;
          du[k] = 1e-9;
          Tensor<2, 3> unused;
          needle.evaluate(0, u + du, u_n, 1.0, 1.0, fp, unused);
          needle.evaluate(0, u - du, u_n, 1.0, 1.0, fm, unused);
          for (unsigned int i = 0; i < 3; ++i)
            EXPECT_NEAR(K[i][k], (fp[i] - fm[i]) / 2e-9, 1e-6 * K.norm())
              << "travel " << travel << " i " << i << " k " << k;
        }
    }
}



namespace
{
  /// The peak force of tests/data/pyramid_indentation.prm with the needle's
  /// tip shape (faces or bevel at 40 deg) and the block geometry given.
  double
  pyramid_force(const std::string &tip, const std::string &geometry)
  {
    ScenarioInput                    input;
    std::vector<ParameterAssignment> assignments =
      read_parameter_file(NEEDLESIM_TEST_DATA "/pyramid_indentation.prm");
    assignments.push_back({"Needle/Tip shape", tip, "test", 0});
    assignments.push_back({"Mesh/Geometry", geometry, "test", 0});
    apply_assignments(input.parameters(), assignments);
    const Scenario s = input.scenario(NEEDLESIM_TEST_DATA "/pyramid_indentation.prm");
    Progress       progress(MPI_COMM_WORLD, 1.0, false);
    return run_indentation(s, std::filesystem::temp_directory_path(), progress, MPI_COMM_WORLD)
      .number("peak_force_N");
  }
} // namespace

TEST(NeedleContact, ShapesGiveTheSameForceOnEveryBlockTheirMirrorPlanesAllow)
{
  // three faces and a bevel have the mirror plane y = 0 only: the half block
  // carries half the full block's force; four faces also x = 0: the quarter
  // block a quarter
  for (const std::string tip : {"3-sided pyramid", "bevel"})
    {
      const double half = pyramid_force(tip, "half"), full = pyramid_force(tip, "full");
      EXPECT_GT(half, 1e-5) << tip;
      EXPECT_NEAR(half, full, 1e-6 * full) << tip;
    }
  const double four_quarter = pyramid_force("4-sided pyramid", "quarter");
  const double four_half    = pyramid_force("4-sided pyramid", "half");
  EXPECT_NEAR(four_quarter, four_half, 1e-6 * four_half);
  // a quarter block would mirror the three-sided pyramid into six faces
  EXPECT_THROW(pyramid_force("3-sided pyramid", "quarter"), InputError);
}
