#pragma once
// Kinematics of one cell in 3x3 form for element_assembly.h: for every
// quadrature point the deformation gradient F, the reference volume weight
// and dF/dd_a of every local unknown a.
//
//   3-d:           dF_a = e_c (x) Grad N_a,                    w = JxW
//   plane strain:  as 3-d with F_33 = 1,                       w = JxW (unit thickness)
//   axisymmetric:  (r, z) -> components 0, 1; hoop F_33 = 1 + u_r / R,
//                  dF_a += N_a / R e_3 (x) e_3 for radial unknowns, w = 2 pi R JxW
// F = I + sum_a d_a dF_a, as F is linear in the unknowns d.

#include "element_assembly.h"

#include <deal.II/fe/fe_values.h>

#include <vector>

namespace needlesim
{
  /// How the 2-d or 3-d mesh represents the 3-d body.
  enum class Geometry
  {
    three_dimensional,
    plane_strain,
    axisymmetric
  };

  /// Fills @p qp for the cell @p fe_values was last reinitialised on, with
  /// local displacement unknowns @p u_local [mm]. The FEValues object needs
  /// values, gradients, quadrature points and JxW.
  template <int dim>
  void
  compute_cell_kinematics(const dealii::FEValues<dim>            &fe_values,
                          const std::vector<double>              &u_local,
                          Geometry                                geometry,
                          std::vector<QuadraturePointKinematics> &qp);

  /// The reference weights of @p qp (for projection_matrix()).
  std::vector<double>
  weights_of(const std::vector<QuadraturePointKinematics> &qp);
} // namespace needlesim
