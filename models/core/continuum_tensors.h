#pragma once
// Tensor algebra of finite-strain continuum mechanics in the reference
// (material) configuration, shared by every constitutive law.
//
// Notation (Holzapfel 2000, "Nonlinear Solid Mechanics", ch. 2 and 6):
//   F  deformation gradient, J = det F, C = F^T F right Cauchy-Green tensor,
//   S  second Piola-Kirchhoff stress, CC = 2 dS/dC material tangent,
//   (A (x) B)_IJKL = A_IJ B_KL,
//   (A (.) B)_IJKL = 1/2 (A_IK B_JL + A_IL B_JK).

#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/tensor.h>

#include <stdexcept>
#include <string>

namespace needlesim
{
  using Tensor1    = dealii::Tensor<1, 3>;
  using Tensor2    = dealii::Tensor<2, 3>;
  using SymTensor2 = dealii::SymmetricTensor<2, 3>;
  using SymTensor4 = dealii::SymmetricTensor<4, 3>;

  /// Thrown when a deformation is not admissible (det F <= 0). The solver
  /// catches it and shortens the Newton step or the load step.
  class InadmissibleDeformation : public std::runtime_error
  {
  public:
    explicit InadmissibleDeformation(const std::string &what)
      : std::runtime_error(what)
    {}
  };

  /// Second-order identity.
  SymTensor2
  identity2();

  /// (A (x) B)_IJKL = A_IJ B_KL for symmetric A, B (as dealii::outer_product,
  /// written on the 6 x 6 storage of SymTensor4: the element accessors
  /// cost more than the products at every quadrature point).
  SymTensor4
  outer(const SymTensor2 &A, const SymTensor2 &B);

  /// (A (.) B)_IJKL = 1/2 (A_IK B_JL + A_IL B_JK), the symmetrised
  /// "odot" product; C^{-1} (.) C^{-1} = -dC^{-1}/dC (Holzapfel eq. 6.165 notation).
  SymTensor4
  odot(const SymTensor2 &A, const SymTensor2 &B);

  /// Deviatoric projection in the reference configuration,
  /// Dev X = X - 1/3 (X : C) C^{-1}   (Holzapfel eq. 6.91).
  SymTensor2
  reference_deviator(const SymTensor2 &X, const SymTensor2 &C, const SymTensor2 &C_inv);

  /// Material tangent of the deviatoric stress, 2 d(Dev S)/dC, given S and
  /// CC = 2 dS/dC at C:
  ///   CC_dev = CC - 1/3 C^{-1} (x) (2 S + C : CC) + 2/3 (S : C) C^{-1} (.) C^{-1}.
  SymTensor4
  reference_deviator_tangent(const SymTensor2 &S,
                             const SymTensor4 &CC,
                             const SymTensor2 &C,
                             const SymTensor2 &C_inv);

  /// First Piola-Kirchhoff stress P = F S.
  Tensor2
  first_piola(const Tensor2 &F, const SymTensor2 &S);

  /// Tangent of the first Piola-Kirchhoff stress, A = dP/dF, from S and
  /// CC = 2 dS/dC:  A_iJkL = delta_ik S_JL + F_iM CC_MJLN F_kN.
  dealii::Tensor<4, 3>
  first_piola_tangent(const Tensor2 &F, const SymTensor2 &S, const SymTensor4 &CC);

  /// Cauchy stress sigma = J^{-1} F S F^T.
  SymTensor2
  cauchy_stress(const Tensor2 &F, const SymTensor2 &S);

  /// von Mises equivalent stress sqrt(3/2 dev(sigma) : dev(sigma)).
  double
  von_mises(const SymTensor2 &sigma);

  /// Largest principal stretch, sqrt of the largest eigenvalue of C.
  double
  max_principal_stretch(const Tensor2 &F);

  /// Determinant with the admissibility check det F > 0.
  double
  checked_determinant(const Tensor2 &F);
} // namespace needlesim
