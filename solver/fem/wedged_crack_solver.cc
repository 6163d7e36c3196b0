#include "wedged_crack_solver.h"

#include "finite_strain_solid.h"
#include "frictional_contact.h"
#include "load_stepping.h"
#include "skin_mesh.h"

#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/grid/grid_generator.h>

#include <algorithm>
#include <cmath>

namespace needlesim
{
  using namespace dealii;

  namespace
  {
    namespace Boundary
    {
      constexpr types::boundary_id crack_face = 1, ligament = 2, symmetry = 3, far = 4;
    }

    /// The needle's section: a rigid frictionless disc of radius rho(t)
    /// about the origin, met by the points of the plane y = 0.
    class DiscContact : public Interaction<2>
    {
    public:
      DiscContact(std::function<double(double)> radius, const double penalty_modulus)
        : radius(std::move(radius))
        , penalty_modulus(penalty_modulus)
      {}

      std::string
      name() const override
      {
        return "disc contact";
      }

      std::set<types::boundary_id>
      boundaries() const override
      {
        return {Boundary::crack_face, Boundary::ligament};
      }
      bool
      acts_on(const Point<2> &) const override
      {
        return true;
      }
      unsigned int
      points_per_direction() const override
      {
        return 2;
      }
      bool
      lobatto() const override
      {
        return true;
      }
      void
      set_points(std::vector<InteractionPoint<2>> points) override
      {
        Interaction<2>::set_points(std::move(points));
        trial.assign(point_list.size(), {});
        committed = trial;
      }
      void
      evaluate(const unsigned int  i,
               const Tensor<1, 2> &u,
               const Tensor<1, 2> &,
               const double t,
               const double,
               Tensor<1, 2> &force,
               Tensor<2, 2> &stiffness) override
      {
        trial[i]         = {};
        const Point<2> x = point_list[i].X + u;
        const double   r = x.norm();
        const double   g = r - radius(t);
        if (g >= 0.0)
          return;
        FrictionalContact::Distance d;
        d.gap = g;
        if (r < 1e-12)
          d.normal[1] = 1.0; // the point on the axis opens the crack across
        else
          {
            for (unsigned int c = 0; c < 2; ++c)
              d.normal[c] = x[c] / r;
            // in-plane curvature of the circle: (I - n (x) n) / r
            for (unsigned int c = 0; c < 2; ++c)
              for (unsigned int e = 0; e < 2; ++e)
                d.hessian[c][e] = ((c == e ? 1.0 : 0.0) - d.normal[c] * d.normal[e]) / r;
          }
        const double eps    = penalty_modulus / point_list[i].size;
        const auto response = FrictionalContact({eps, eps, 0.0}).evaluate(d, Tensor1(), Tensor1());
        for (unsigned int c = 0; c < 2; ++c)
          {
            force[c] = response.force[c];
            for (unsigned int e = 0; e < 2; ++e)
              stiffness[c][e] = response.stiffness[c][e];
          }
        trial[i] = {point_list[i].weight * response.pressure,
                    point_list[i].weight * response.stored};
      }
      void
      commit() override
      {
        committed = trial;
      }

      /// Normal force of the quarter on the disc and contact energy [N/mm, N].
      std::pair<double, double>
      force_and_energy() const
      {
        double force = 0.0, energy = 0.0;
        for (const auto &p : committed)
          {
            force += p.first;
            energy += p.second;
          }
        return {force, energy};
      }

    private:
      const std::function<double(double)>    radius;
      const double                           penalty_modulus;
      std::vector<std::pair<double, double>> trial, committed; // p w, stored w
    };

    /// Cell edges from the axis to the plate edge: sizes relative_size times
    /// the distance (at least relative_size q_min / 2), at most tip_size
    /// between 0.5 a and 2 a (around the crack tip, with a grid line at a).
    std::vector<double>
    edges(const WedgedCrackSettings &s)
    {
      const double        h_min = 0.5 * s.relative_size * s.q_min;
      std::vector<double> e{0.0};
      const double        plate = s.plate_size * std::max(1.0, s.q_max);
      while (e.back() < plate)
        {
          const double x = e.back();
          double       h = std::max(h_min, s.relative_size * x);
          if (x + h > 0.5 && x < 2.0)
            h = std::min(h, s.tip_size);
          if (x < 1.0 && x + h > 1.0 - 1e-12)
            h = 1.0 - x; // grid line at the crack tip
          e.push_back(std::min(x + h, plate));
        }
      return e;
    }
  } // namespace



  WedgedCrackTable
  tabulate_wedged_crack(const HyperelasticLaw &law, const WedgedCrackSettings &s)
  {
    WedgedCrackTable table;
    table.x_edges = edges(s);
    table.y_edges = table.x_edges;
    std::vector<std::vector<double>> steps(2);
    for (unsigned int d = 0; d < 2; ++d)
      {
        const auto &e = d == 0 ? table.x_edges : table.y_edges;
        for (unsigned int k = 1; k < e.size(); ++k)
          steps[d].push_back(e[k] - e[k - 1]);
      }

    parallel::distributed::Triangulation<2> tria(MPI_COMM_SELF);
    GridGenerator::subdivided_hyper_rectangle(tria,
                                              steps,
                                              Point<2>(0, 0),
                                              Point<2>(table.x_edges.back(), table.y_edges.back()));
    const double tol = 1e-9 * s.plate_size;
    for (const auto &cell : tria.active_cell_iterators())
      {
        cell->set_material_id(0);
        for (const unsigned int f : cell->face_indices())
          if (cell->face(f)->at_boundary())
            {
              const Point<2> c = cell->face(f)->center();
              cell->face(f)->set_boundary_id(
                c[1] < tol ? (c[0] < 1.0 ? Boundary::crack_face : Boundary::ligament) :
                c[0] < tol ? Boundary::symmetry :
                             Boundary::far);
            }
      }

    SolidSettings solid_settings;
    solid_settings.geometry                         = Geometry::plane_strain;
    solid_settings.newton.max_iterations            = 25;
    solid_settings.newton.residual_tolerance        = 1e-9;
    solid_settings.linear.type                      = LinearSolverSettings::Type::direct;
    std::shared_ptr<const ConstitutiveLaw> material = law.with_shear_moduli_scaled(1.0);
    FiniteStrainSolid<2>                   solid(tria, {{0, material}}, solid_settings);
    const auto zero = [](const Point<2> &, double) { return std::optional<double>(0.0); };
    solid.add_dirichlet({Boundary::symmetry, 0, zero});
    solid.add_dirichlet({Boundary::ligament, 1, zero});
    for (unsigned int c = 0; c < 2; ++c)
      solid.add_dirichlet({Boundary::far, c, zero});

    // The elastic, frictionless state at a needle radius does not depend on
    // the path to it; a path that opens the crack before the needle meets it:
    //   t in [0, 1]  a pressure p0 opens the crack faces (half-opening ~ 2 q_min a),
    //   t in [1, 2]  the needle's section, radius q_min, sits in the opened crack
    //                and the pressure is released onto it,
    //   t >= 2       the section grows geometrically to q_max at t = steps + 1.
    const double E      = youngs_modulus(law);
    const double nu     = poisson_ratio(law.bulk_modulus(), law.shear_modulus());
    const double p0     = s.q_min * E / (1.0 - nu * nu);
    const double ratio  = std::pow(s.q_max / s.q_min, 1.0 / (s.steps - 1));
    const auto   radius = [&s, ratio](const double t) {
      return t < 1.0 ? 0.0 : s.q_min * std::pow(ratio, std::max(t - 2.0, 0.0));
    };
    solid.add_traction({Boundary::crack_face, [p0](const Point<2> &, const double t) {
                          Tensor<1, 2> T;
                          T[1] = p0 * std::clamp(t < 1.0 ? t : 2.0 - t, 0.0, 1.0);
                          return T;
                        }});
    auto disc = std::make_shared<DiscContact>(radius, s.penalty_factor * E);
    solid.add_interaction(disc);
    solid.setup();
    advance_to(solid, 1.0, 8);
    advance_to(solid, 2.0, 8);

    const unsigned int nx = table.x_edges.size() - 1;
    for (unsigned int k = 0; k < s.steps; ++k)
      {
        try
          {
            advance_to(solid, 2.0 + k, 8);
          }
        catch (const ConvergenceFailure &)
          {
            break; // the table ends at the last needle radius reached
          }
        const auto [force, contact_energy] = disc->force_and_energy();
        table.q.push_back(radius(2.0 + k));
        table.psi.push_back(4.0 * (solid.strain_energy() + contact_energy));
        table.normal_force.push_back(4.0 * force);

        const std::vector<CellFields> fields = solid.cell_fields();
        std::vector<float>            stretch(nx * (table.y_edges.size() - 1), 1.0f);
        for (const auto &cell : tria.active_cell_iterators())
          {
            const Point<2>     c = cell->center();
            const unsigned int i =
              std::upper_bound(table.x_edges.begin(), table.x_edges.end(), c[0]) -
              table.x_edges.begin() - 1;
            const unsigned int j =
              std::upper_bound(table.y_edges.begin(), table.y_edges.end(), c[1]) -
              table.y_edges.begin() - 1;
            stretch[j * nx + i] = fields[cell->active_cell_index()].max_principal_stretch;
          }
        table.stretch.push_back(std::move(stretch));
      }
    if (table.q.size() < 3)
      throw ConvergenceFailure("the wedged-crack section could not be opened beyond q = " +
                               std::to_string(table.q.empty() ? 0.0 : table.q.back()));
    return table;
  }
} // namespace needlesim
