#pragma once
// Finite-difference and analytic helpers shared by the material tests.

#include "constitutive_law.h"

#include <cmath>
#include <functional>

namespace needlesim::testing
{
  /// Largest absolute component.
  inline double
  max_abs(const Tensor2 &T)
  {
    double m = 0.0;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = 0; j < 3; ++j)
        m = std::max(m, std::abs(T[i][j]));
    return m;
  }

  /// A = dP/dF of a stress response.
  inline dealii::Tensor<4, 3>
  spatial_tangent_A(const Tensor2 &F, const StressResponse &r)
  {
    return first_piola_tangent(F, r.S, r.CC);
  }

  /// Central finite difference of a scalar function of F: dW/dF.
  inline Tensor2
  fd_gradient(const std::function<double(const Tensor2 &)> &W, const Tensor2 &F, const double h)
  {
    Tensor2 P;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int J = 0; J < 3; ++J)
        {
          Tensor2 Fp = F, Fm = F;
          Fp[i][J] += h;
          Fm[i][J] -= h;
          P[i][J] = (W(Fp) - W(Fm)) / (2.0 * h);
        }
    return P;
  }

  /// Central finite difference of a tensor function of F: dP/dF.
  inline dealii::Tensor<4, 3>
  fd_gradient(const std::function<Tensor2(const Tensor2 &)> &P, const Tensor2 &F, const double h)
  {
    dealii::Tensor<4, 3> A;
    for (unsigned int k = 0; k < 3; ++k)
      for (unsigned int L = 0; L < 3; ++L)
        {
          Tensor2 Fp = F, Fm = F;
          Fp[k][L] += h;
          Fm[k][L] -= h;
          const Tensor2 dP = (P(Fp) - P(Fm)) / (2.0 * h);
          for (unsigned int i = 0; i < 3; ++i)
            for (unsigned int J = 0; J < 3; ++J)
              A[i][J][k][L] = dP[i][J];
        }
    return A;
  }

  /// Max-norm relative difference of two 4th-order tensors.
  inline double
  relative_difference(const dealii::Tensor<4, 3> &A, const dealii::Tensor<4, 3> &B)
  {
    double diff = 0.0, scale = 0.0;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = 0; j < 3; ++j)
        for (unsigned int k = 0; k < 3; ++k)
          for (unsigned int l = 0; l < 3; ++l)
            {
              diff  = std::max(diff, std::abs(A[i][j][k][l] - B[i][j][k][l]));
              scale = std::max(scale, std::abs(B[i][j][k][l]));
            }
    return diff / scale;
  }

  /// A rotation about the unit axis n by angle phi (Rodrigues).
  inline Tensor2
  rotation(const Tensor1 &axis, const double phi)
  {
    const Tensor1 n = axis / axis.norm();
    Tensor2       R;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = 0; j < 3; ++j)
        R[i][j] = std::cos(phi) * (i == j) + (1 - std::cos(phi)) * n[i] * n[j];
    R[0][1] -= std::sin(phi) * n[2];
    R[1][0] += std::sin(phi) * n[2];
    R[0][2] += std::sin(phi) * n[1];
    R[2][0] -= std::sin(phi) * n[1];
    R[1][2] -= std::sin(phi) * n[0];
    R[2][1] += std::sin(phi) * n[0];
    return R;
  }

  /// Diagonal deformation gradient.
  inline Tensor2
  diagonal(const double a, const double b, const double c)
  {
    Tensor2 F;
    F[0][0] = a;
    F[1][1] = b;
    F[2][2] = c;
    return F;
  }
} // namespace needlesim::testing
