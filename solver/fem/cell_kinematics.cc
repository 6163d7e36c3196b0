#include "cell_kinematics.h"

#include <cmath>

namespace needlesim
{
  template <int dim>
  void
  compute_cell_kinematics(const dealii::FEValues<dim>            &fe_values,
                          const std::vector<double>              &u_local,
                          const Geometry                          geometry,
                          std::vector<QuadraturePointKinematics> &qp)
  {
    const auto        &fe           = fe_values.get_fe();
    const unsigned int n_q          = fe_values.n_quadrature_points;
    const unsigned int n_dofs       = fe.n_dofs_per_cell();
    const bool         axisymmetric = (geometry == Geometry::axisymmetric);

    qp.resize(n_q);
    for (unsigned int q = 0; q < n_q; ++q)
      {
        const double R = fe_values.quadrature_point(q)[0];
        qp[q].JxW      = fe_values.JxW(q) * (axisymmetric ? 2.0 * M_PI * R : 1.0);
        qp[q].dF.resize(n_dofs);
        Tensor2 F;
        for (unsigned int i = 0; i < 3; ++i)
          F[i][i] = 1.0;
        for (unsigned int a = 0; a < n_dofs; ++a)
          {
            const unsigned int            c    = fe.system_to_component_index(a).first;
            const dealii::Tensor<1, dim> &grad = fe_values.shape_grad(a, q);
            ShapeGradient                &dF   = qp[q].dF[a];
            dF.component                       = c;
            dF.grad                            = Tensor1();
            for (unsigned int j = 0; j < dim; ++j)
              dF.grad[j] = grad[j];
            dF.hoop = (axisymmetric && c == 0) ? fe_values.shape_value(a, q) / R : 0.0;
            // F = I + sum_a u_a (e_c (x) grad_a + hoop_a e_3 (x) e_3)
            F[c] += u_local[a] * dF.grad;
            F[2][2] += u_local[a] * dF.hoop;
          }
        qp[q].F = F;
      }
  }



  std::vector<double>
  weights_of(const std::vector<QuadraturePointKinematics> &qp)
  {
    std::vector<double> w(qp.size());
    for (unsigned int q = 0; q < qp.size(); ++q)
      w[q] = qp[q].JxW;
    return w;
  }

  template void
  compute_cell_kinematics<2>(const dealii::FEValues<2> &,
                             const std::vector<double> &,
                             Geometry,
                             std::vector<QuadraturePointKinematics> &);
  template void
  compute_cell_kinematics<3>(const dealii::FEValues<3> &,
                             const std::vector<double> &,
                             Geometry,
                             std::vector<QuadraturePointKinematics> &);
} // namespace needlesim
