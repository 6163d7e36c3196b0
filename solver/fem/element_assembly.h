#pragma once
// Element residual and tangent of total-Lagrangian finite-strain mechanics,
// with an optional locking-free F-bar projection.
//
// The element works on 3x3 kinematics only, so the same code serves 3-d,
// plane-strain and axisymmetric elements: the caller supplies, per
// quadrature point q, the deformation gradient F_q, the reference volume
// weight w_q (with 2 pi R for axisymmetry) and dF/dd_a for every local
// degree of freedom a (constant, since F is linear in the displacements).
// dF_a has the structure of a vector-valued shape function,
//   dF_a = e_c (x) Grad N_a + eta_a e_3 (x) e_3,
// with c the component of unknown a and eta_a = N_a / R the hoop term of
// the radial unknowns of an axisymmetric element (zero otherwise), and the
// kernel works on this structure: F^T dF_a, P : dF_a and dF_a^T dF_b cost
// a few products of 3-vectors instead of 3x3 matrix products.
//
// Standard formulation: internal energy Pi = sum_q w_q W(F_q),
//   f_a = sum_q w_q P : dF_a = sum_q w_q S : dE_a,   dE_a = sym(F^T dF_a),
//   K_ab = sum_q w_q [dE_a : CC : dE_b + S : (dF_a^T dF_b)].
//
// F-bar projection (Simo, Taylor & Pister 1985; de Souza Neto et al. 1996;
// Elguedj et al. 2008): the dilatation is replaced by its L2 projection onto
// discontinuous polynomials of one degree lower, Jb_q = sum_q' P_qq' J_q',
// and the stress is evaluated at Fb = phi F, phi = (Jb/J)^{1/3}. As the
// three-field Hu-Washizu formulation with the pressure condensed out it
// derives from the potential Pi = sum_q w_q W(Fb_q), whose exact derivatives
// are, with g_a = dJ/dd_a = J tr(F^{-1} dF_a), gb_a = sum_q' P_qq' g_a(q'),
// h_a = 1/3 (gb_a/Jb - g_a/J), p_a = Pb : dF_a, tau = Pb : F,
// L_ab = tr(F^{-1}dF_a) tr(F^{-1}dF_b) - tr(F^{-1}dF_b F^{-1}dF_a):
//   dFb_a = phi (dF_a + h_a F),
//   f_a   = sum_q w_q phi (p_a + h_a tau),
//   K_ab  = sum_q w_q { dEb_a : CC : dEb_b + S : (dFb_a^T dFb_b)
//                       + phi (h_b p_a + h_a p_b + h_a h_b tau)
//                       + phi tau/3 (g_a g_b / J^2 - gb_a gb_b / Jb^2 - L_ab) }
//         + sum_q' c_q' L_ab(q'),   c_q' = sum_q w_q phi_q tau_q P_qq' J_q' / (3 Jb_q).
// The tangent is verified against finite differences of f in
// tests/solver/test_element_assembly.cc.

#include "constitutive_law.h"

#include <deal.II/base/point.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <vector>

namespace needlesim
{
  /// dF/dd_a of one local unknown a at one quadrature point:
  /// dF_a = e_c (x) grad + hoop e_3 (x) e_3.
  struct ShapeGradient
  {
    unsigned int component = 0; ///< c, the displacement component of unknown a
    Tensor1      grad;          ///< Grad N_a [1/mm], zero-padded to 3 entries in 2-d
    double       hoop = 0.0;    ///< N_a / R for radial unknowns (axisymmetric) [1/mm]
  };

  /// Kinematics at one quadrature point of an element.
  struct QuadraturePointKinematics
  {
    Tensor2                    F;   ///< deformation gradient
    double                     JxW; ///< reference volume weight [mm^3]
    std::vector<ShapeGradient> dF;  ///< dF/dd_a for every local dof a
  };

  /// Material of one quadrature point with its internal state.
  struct MaterialPoint
  {
    const ConstitutiveLaw *law;
    const InternalState   *state_n;   ///< state at the last converged step
    InternalState         *state_np1; ///< updated state (may be null)
  };

  /// Per-quadrature-point stress state, for output and history variables.
  struct QuadraturePointStress
  {
    Tensor2    F_bar; ///< deformation gradient the stress was evaluated at
    SymTensor2 S;     ///< second Piola-Kirchhoff stress [MPa]
  };

  /// Scalars an element contributes besides its force and tangent.
  struct ElementScalars
  {
    double energy = 0.0; ///< stored (equilibrium) energy [mJ = N mm]
    /// Magnitude below which round-off decides f_int: sum over q and a of
    /// w_q (|S| + |CC|) |dE_a| [N]; |CC| enters because S is computed from C
    /// with cancellation of terms of the size of the moduli.
    double force_magnitude = 0.0;
  };

  /// Element internal force, tangent (if @p K is not null) and scalars.
  /// @p projection is the F-bar projection matrix P_qq' or null for the
  /// standard formulation. Throws InadmissibleDeformation if det F <= 0.
  ElementScalars
  assemble_element(const std::vector<QuadraturePointKinematics> &qp,
                   const dealii::FullMatrix<double>             *projection,
                   const std::vector<MaterialPoint>             &materials,
                   double                                        dt,
                   dealii::Vector<double>                       &f_int,
                   dealii::FullMatrix<double>                   *K,
                   std::vector<QuadraturePointStress>           *stresses = nullptr);

  /// L2 projection onto discontinuous polynomials of total degree
  /// @p degree over one element: P = Psi M^{-1} Psi^T W with
  /// M = Psi^T W Psi, the basis being 1 and (x - x_c) (for degree 1) in the
  /// reference coordinates of the quadrature points.
  template <int dim>
  dealii::FullMatrix<double>
  projection_matrix(const std::vector<dealii::Point<dim>> &points,
                    const std::vector<double>             &weights,
                    unsigned int                           degree);
} // namespace needlesim
