#include "continuum_tensors.h"

#include <cmath>
#include <sstream>

namespace needlesim
{
  SymTensor2
  identity2()
  {
    return dealii::unit_symmetric_tensor<3>();
  }



  SymTensor4
  odot(const SymTensor2 &A, const SymTensor2 &B)
  {
    SymTensor4 result;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = i; j < 3; ++j)
        for (unsigned int k = 0; k < 3; ++k)
          for (unsigned int l = k; l < 3; ++l)
            result[i][j][k][l] = 0.5 * (A[i][k] * B[j][l] + A[i][l] * B[j][k]);
    return result;
  }



  SymTensor2
  reference_deviator(const SymTensor2 &X,
                     const SymTensor2 &C,
                     const SymTensor2 &C_inv)
  {
    return X - (1.0 / 3.0) * (X * C) * C_inv;
  }



  SymTensor4
  reference_deviator_tangent(const SymTensor2 &S,
                             const SymTensor4 &CC,
                             const SymTensor2 &C,
                             const SymTensor2 &C_inv)
  {
    // Dev S = S - 1/3 (S:C) C^{-1};
    // 2 d(S:C)/dC = 2 S + C : CC;  2 dC^{-1}/dC = -2 C^{-1} (.) C^{-1}.
    const SymTensor2 d_trace = 2.0 * S + C * CC;
    return CC - (1.0 / 3.0) * dealii::outer_product(C_inv, d_trace) +
           (2.0 / 3.0) * (S * C) * odot(C_inv, C_inv);
  }



  Tensor2
  first_piola(const Tensor2 &F, const SymTensor2 &S)
  {
    return F * static_cast<Tensor2>(S);
  }



  dealii::Tensor<4, 3>
  first_piola_tangent(const Tensor2 &F, const SymTensor2 &S, const SymTensor4 &CC)
  {
    dealii::Tensor<4, 3> A;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int J = 0; J < 3; ++J)
        for (unsigned int k = 0; k < 3; ++k)
          for (unsigned int L = 0; L < 3; ++L)
            {
              double a = (i == k ? S[J][L] : 0.0);
              for (unsigned int M = 0; M < 3; ++M)
                for (unsigned int N = 0; N < 3; ++N)
                  a += F[i][M] * CC[M][J][L][N] * F[k][N];
              A[i][J][k][L] = a;
            }
    return A;
  }



  SymTensor2
  cauchy_stress(const Tensor2 &F, const SymTensor2 &S)
  {
    const double  J     = dealii::determinant(F);
    const Tensor2 sigma = F * static_cast<Tensor2>(S) * dealii::transpose(F);
    return dealii::symmetrize(sigma) / J;
  }



  double
  von_mises(const SymTensor2 &sigma)
  {
    const SymTensor2 s = dealii::deviator(sigma);
    return std::sqrt(1.5 * (s * s));
  }



  double
  max_principal_stretch(const Tensor2 &F)
  {
    const SymTensor2 C = dealii::symmetrize(dealii::transpose(F) * F);
    const auto       ev = dealii::eigenvalues(C);
    return std::sqrt(std::max(ev[0], 0.0));
  }



  double
  checked_determinant(const Tensor2 &F)
  {
    const double J = dealii::determinant(F);
    if (!(J > 0.0))
      {
        std::ostringstream msg;
        msg << "inadmissible deformation: det F = " << J << " <= 0";
        throw InadmissibleDeformation(msg.str());
      }
    return J;
  }
} // namespace needlesim
