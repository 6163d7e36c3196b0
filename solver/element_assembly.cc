#include "element_assembly.h"

#include <array>
#include <cmath>

namespace needlesim
{
  namespace
  {
    // tr(A B)
    double
    trace_of_product(const Tensor2 &A, const Tensor2 &B)
    {
      double t = 0.0;
      for (unsigned int i = 0; i < 3; ++i)
        for (unsigned int k = 0; k < 3; ++k)
          t += A[i][k] * B[k][i];
      return t;
    }
  } // namespace



  namespace
  {
    // Voigt order of symmetric index pairs; shear entries of strain-like
    // vectors carry the engineering factor 2, so dE_a : CC : dE_b = e_a . D e_b.
    constexpr unsigned int voigt_i[6] = {0, 1, 2, 0, 0, 1};
    constexpr unsigned int voigt_j[6] = {0, 1, 2, 1, 2, 2};

    using Voigt = std::array<double, 6>;

    Voigt
    strain_to_voigt(const SymTensor2 &E)
    {
      Voigt e;
      for (unsigned int k = 0; k < 6; ++k)
        e[k] = (k < 3 ? 1.0 : 2.0) * E[voigt_i[k]][voigt_j[k]];
      return e;
    }
  } // namespace



  ElementScalars
  assemble_element(const std::vector<QuadraturePointKinematics> &qp,
                   const dealii::FullMatrix<double>             *projection,
                   const std::vector<MaterialPoint>             &materials,
                   const double                                  dt,
                   dealii::Vector<double>                       &f_int,
                   dealii::FullMatrix<double>                   *K,
                   std::vector<QuadraturePointStress>           *stresses)
  {
    const unsigned int n_q    = qp.size();
    const unsigned int n_dofs = qp[0].dF.size();
    const bool         fbar   = (projection != nullptr);

    f_int.reinit(n_dofs);
    if (K != nullptr)
      K->reinit(n_dofs, n_dofs);
    if (stresses != nullptr)
      stresses->resize(n_q);
    ElementScalars out;

    // Dilatation J_q, its projection Jb_q and the derivatives g_a(q), gb_a(q).
    std::vector<double>               J(n_q), Jb(n_q), phi(n_q, 1.0);
    std::vector<std::vector<double>>  g(n_q), gb(n_q);
    std::vector<std::vector<Tensor2>> m(n_q); // m_a = F^{-1} dF_a
    for (unsigned int q = 0; q < n_q; ++q)
      {
        J[q] = checked_determinant(qp[q].F);
        if (!fbar)
          continue;
        const Tensor2 F_inv = dealii::invert(qp[q].F);
        g[q].resize(n_dofs);
        m[q].resize(n_dofs);
        for (unsigned int a = 0; a < n_dofs; ++a)
          {
            m[q][a] = F_inv * qp[q].dF[a];
            g[q][a] = J[q] * dealii::trace(m[q][a]);
          }
      }
    if (fbar)
      for (unsigned int q = 0; q < n_q; ++q)
        {
          Jb[q] = 0.0;
          gb[q].assign(n_dofs, 0.0);
          for (unsigned int r = 0; r < n_q; ++r)
            {
              const double P = (*projection)(q, r);
              Jb[q] += P * J[r];
              for (unsigned int a = 0; a < n_dofs; ++a)
                gb[q][a] += P * g[r][a];
            }
          if (!(Jb[q] > 0.0))
            throw InadmissibleDeformation("projected dilatation Jb <= 0");
          phi[q] = std::cbrt(Jb[q] / J[q]);
        }

    std::vector<double>  tau(n_q, 0.0), h(n_dofs, 0.0), p(n_dofs, 0.0);
    std::vector<Voigt>   B(n_dofs), DB(n_dofs);
    std::vector<Tensor2> dFb(n_dofs), dFb_S(n_dofs);
    double               D[6][6];

    for (unsigned int q = 0; q < n_q; ++q)
      {
        const Tensor2        Fb = phi[q] * qp[q].F;
        const StressResponse r =
          materials[q].law->evaluate(Fb, *materials[q].state_n, dt, materials[q].state_np1);
        const double w = qp[q].JxW;
        out.energy += w * materials[q].law->strain_energy(Fb);
        if (stresses != nullptr)
          (*stresses)[q] = {Fb, r.S};
        const double stress_scale = r.S.norm() + r.CC.norm();

        const Tensor2 Pb = first_piola(Fb, r.S);
        tau[q]           = dealii::scalar_product(Pb, qp[q].F);
        for (unsigned int a = 0; a < n_dofs; ++a)
          {
            if (fbar)
              {
                h[a] = (gb[q][a] / Jb[q] - g[q][a] / J[q]) / 3.0;
                p[a] = dealii::scalar_product(Pb, qp[q].dF[a]);
              }
            dFb[a]              = phi[q] * (qp[q].dF[a] + h[a] * qp[q].F);
            const SymTensor2 dE = dealii::symmetrize(dealii::transpose(Fb) * dFb[a]);
            f_int[a] += w * (r.S * dE);
            out.force_magnitude += w * stress_scale * dE.norm();
            B[a] = strain_to_voigt(dE);
          }
        if (K == nullptr)
          continue;

        for (unsigned int k = 0; k < 6; ++k)
          for (unsigned int l = 0; l < 6; ++l)
            D[k][l] = r.CC[voigt_i[k]][voigt_j[k]][voigt_i[l]][voigt_j[l]];
        for (unsigned int b = 0; b < n_dofs; ++b)
          {
            for (unsigned int k = 0; k < 6; ++k)
              {
                double sum = 0.0;
                for (unsigned int l = 0; l < 6; ++l)
                  sum += D[k][l] * B[b][l];
                DB[b][k] = sum;
              }
            dFb_S[b] = dFb[b] * static_cast<Tensor2>(r.S);
          }
        for (unsigned int a = 0; a < n_dofs; ++a)
          for (unsigned int b = 0; b < n_dofs; ++b)
            {
              // dE_a : CC : dE_b + S : (dFb_a^T dFb_b)
              double k = 0.0;
              for (unsigned int v = 0; v < 6; ++v)
                k += B[a][v] * DB[b][v];
              k += dealii::scalar_product(dFb_S[a], dFb[b]);
              if (fbar)
                {
                  const double L = dealii::trace(m[q][a]) * dealii::trace(m[q][b]) -
                                   trace_of_product(m[q][b], m[q][a]);
                  k += phi[q] * (h[b] * p[a] + h[a] * p[b] + h[a] * h[b] * tau[q]) +
                       phi[q] * tau[q] / 3.0 *
                         (g[q][a] * g[q][b] / (J[q] * J[q]) -
                          gb[q][a] * gb[q][b] / (Jb[q] * Jb[q]) - L);
                }
              (*K)(a, b) += w * k;
            }
      }

    if (K == nullptr || !fbar)
      return out;

    // sum_q w_q phi_q tau_q / (3 Jb_q) sum_q' P_qq' J_q' L_ab(q')
    std::vector<double> c(n_q, 0.0);
    for (unsigned int q = 0; q < n_q; ++q)
      for (unsigned int r = 0; r < n_q; ++r)
        c[r] += qp[q].JxW * phi[q] * tau[q] * (*projection)(q, r) * J[r] / (3.0 * Jb[q]);
    for (unsigned int r = 0; r < n_q; ++r)
      for (unsigned int a = 0; a < n_dofs; ++a)
        for (unsigned int b = 0; b < n_dofs; ++b)
          {
            const double L = dealii::trace(m[r][a]) * dealii::trace(m[r][b]) -
                             trace_of_product(m[r][b], m[r][a]);
            (*K)(a, b) += c[r] * L;
          }
    return out;
  }



  template <int dim>
  dealii::FullMatrix<double>
  projection_matrix(const std::vector<dealii::Point<dim>> &points,
                    const std::vector<double>             &weights,
                    const unsigned int                     degree)
  {
    const unsigned int n_q     = points.size();
    const unsigned int n_basis = (degree == 0 ? 1 : 1 + dim);

    dealii::Point<dim> centre;
    double             volume = 0.0;
    for (unsigned int q = 0; q < n_q; ++q)
      {
        centre += weights[q] * points[q];
        volume += weights[q];
      }
    centre /= volume;

    dealii::FullMatrix<double> Psi(n_q, n_basis);
    for (unsigned int q = 0; q < n_q; ++q)
      {
        Psi(q, 0) = 1.0;
        for (unsigned int d = 0; d + 1 < n_basis; ++d)
          Psi(q, d + 1) = points[q][d] - centre[d];
      }

    dealii::FullMatrix<double> M(n_basis, n_basis), M_inv(n_basis, n_basis);
    for (unsigned int i = 0; i < n_basis; ++i)
      for (unsigned int j = 0; j < n_basis; ++j)
        for (unsigned int q = 0; q < n_q; ++q)
          M(i, j) += Psi(q, i) * weights[q] * Psi(q, j);
    M_inv.invert(M);

    dealii::FullMatrix<double> P(n_q, n_q);
    for (unsigned int q = 0; q < n_q; ++q)
      for (unsigned int r = 0; r < n_q; ++r)
        for (unsigned int i = 0; i < n_basis; ++i)
          for (unsigned int j = 0; j < n_basis; ++j)
            P(q, r) += Psi(q, i) * M_inv(i, j) * Psi(r, j) * weights[r];
    return P;
  }

  template dealii::FullMatrix<double>
  projection_matrix<2>(const std::vector<dealii::Point<2>> &, const std::vector<double> &,
                       unsigned int);
  template dealii::FullMatrix<double>
  projection_matrix<3>(const std::vector<dealii::Point<3>> &, const std::vector<double> &,
                       unsigned int);
} // namespace needlesim
