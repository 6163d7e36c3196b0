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



  namespace
  {
    // The independent components of a symmetric 3 x 3 tensor in deal.II's
    // storage order: SymTensor2::access_raw_entry(K) is A[I_K][J_K], and
    // SymTensor4::access_raw_entry(6 K + L) is CC[I_K][J_K][I_L][J_L].
    constexpr unsigned int pair_i[6] = {0, 1, 2, 0, 0, 1};
    constexpr unsigned int pair_j[6] = {0, 1, 2, 1, 2, 2};
  } // namespace



  SymTensor4
  outer(const SymTensor2 &A, const SymTensor2 &B)
  {
    SymTensor4 result;
    for (unsigned int K = 0; K < 6; ++K)
      for (unsigned int L = 0; L < 6; ++L)
        result.access_raw_entry(6 * K + L) = A.access_raw_entry(K) * B.access_raw_entry(L);
    return result;
  }



  SymTensor4
  odot(const SymTensor2 &A, const SymTensor2 &B)
  {
    double a[3][3], b[3][3];
    for (unsigned int K = 0; K < 6; ++K)
      {
        a[pair_i[K]][pair_j[K]] = a[pair_j[K]][pair_i[K]] = A.access_raw_entry(K);
        b[pair_i[K]][pair_j[K]] = b[pair_j[K]][pair_i[K]] = B.access_raw_entry(K);
      }
    SymTensor4 result;
    for (unsigned int K = 0; K < 6; ++K)
      for (unsigned int L = 0; L < 6; ++L)
        {
          const unsigned int i = pair_i[K], j = pair_j[K], k = pair_i[L], l = pair_j[L];
          result.access_raw_entry(6 * K + L) = 0.5 * (a[i][k] * b[j][l] + a[i][l] * b[j][k]);
        }
    return result;
  }



  SymTensor2
  reference_deviator(const SymTensor2 &X, const SymTensor2 &C, const SymTensor2 &C_inv)
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
    return CC - (1.0 / 3.0) * outer(C_inv, d_trace) + (2.0 / 3.0) * (S * C) * odot(C_inv, C_inv);
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
    const SymTensor2 C  = dealii::symmetrize(dealii::transpose(F) * F);
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
