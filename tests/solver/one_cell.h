#pragma once
// One distorted cell (vertices shifted by up to 0.12 of its unit size) with
// its element force f(u) and tangent K(u): the fixture of the element
// tangent tests (test_element_assembly.cc) and of the element benchmark
// (bench/bench_element_assembly.cc).

#include "cell_kinematics.h"
#include "element_assembly.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/tria.h>

#include <memory>
#include <random>
#include <vector>

namespace needlesim
{
  template <int dim>
  class OneCell
  {
  public:
    /// A cell of polynomial @p degree (the axisymmetric one at R in [0.5, 1.5]),
    /// in the F-bar formulation if @p fbar, of the material @p law with a
    /// non-trivial history for rate-dependent laws.
    OneCell(const Geometry                         geometry,
            const unsigned int                     degree,
            const bool                             fbar,
            std::shared_ptr<const ConstitutiveLaw> law)
      : geometry(geometry)
      , degree(degree)
      , fbar(fbar)
      , fe(dealii::FE_Q<dim>(degree), dim)
      , quadrature(degree + 1)
      , law(std::move(law))
    {
      dealii::Point<dim> p1, p2;
      for (unsigned int d = 0; d < dim; ++d)
        {
          p1[d] = (geometry == Geometry::axisymmetric && d == 0) ? 0.5 : 0.0;
          p2[d] = p1[d] + 1.0;
        }
      dealii::GridGenerator::hyper_rectangle(tria, p1, p2);
      std::mt19937                           gen(42);
      std::uniform_real_distribution<double> shift(-0.12, 0.12);
      for (auto &v : tria.get_vertices())
        for (unsigned int d = 0; d < dim; ++d)
          const_cast<dealii::Point<dim> &>(v)[d] += shift(gen);
      dofs.reinit(tria);
      dofs.distribute_dofs(fe);
      fe_values.reinit(dofs.begin_active());
      states_n.assign(quadrature.size(), this->law->initial_state());
      for (auto &s : states_n)
        for (auto &t : s)
          t[0][1] += 0.01, t[1][1] -= 0.02;
      states_np1 = states_n;
      for (unsigned int q = 0; q < quadrature.size(); ++q)
        mp.push_back({this->law.get(), &states_n[q], &states_np1[q]});
    }

    unsigned int
    n_dofs() const
    {
      return fe.n_dofs_per_cell();
    }

    /// Element force @p f and, if @p K is not null, tangent at the local
    /// displacements @p u [mm], for a step of 0.01 s from the history.
    void
    evaluate(const std::vector<double>  &u,
             dealii::Vector<double>     &f,
             dealii::FullMatrix<double> *K) const
    {
      compute_cell_kinematics(fe_values, u, geometry, qp);
      if (fbar)
        P = projection_matrix<dim>(fe_values.get_quadrature_points(), weights_of(qp), degree - 1);
      assemble_element(qp, fbar ? &P : nullptr, mp, 0.01, f, K);
    }

  private:
    Geometry                                       geometry;
    unsigned int                                   degree;
    bool                                           fbar;
    dealii::Triangulation<dim>                     tria;
    dealii::FESystem<dim>                          fe;
    dealii::MappingQ<dim>                          mapping{1};
    dealii::QGauss<dim>                            quadrature;
    dealii::DoFHandler<dim>                        dofs;
    dealii::FEValues<dim>                          fe_values{mapping,
                                    fe,
                                    quadrature,
                                    dealii::update_values | dealii::update_gradients |
                                      dealii::update_quadrature_points | dealii::update_JxW_values};
    std::shared_ptr<const ConstitutiveLaw>         law;
    std::vector<InternalState>                     states_n;
    mutable std::vector<InternalState>             states_np1;
    std::vector<MaterialPoint>                     mp;
    mutable std::vector<QuadraturePointKinematics> qp;
    mutable dealii::FullMatrix<double>             P;
  };
} // namespace needlesim
