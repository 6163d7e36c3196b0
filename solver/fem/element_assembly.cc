#include "element_assembly.h"

#include <array>
#include <cmath>

namespace needlesim
{
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

    // Dilatation J_q, its projection Jb_q and the derivatives g_a(q), gb_a(q)
    // (arrays indexed [q * n_dofs + a]).
    std::vector<double>  J(n_q), Jb(n_q), phi(n_q, 1.0), tau(n_q, 0.0);
    std::vector<double>  g, gb, trace_m;
    std::vector<Tensor2> m; // m_a = F^{-1} dF_a
    if (fbar)
      {
        g.resize(n_q * n_dofs);
        gb.assign(n_q * n_dofs, 0.0);
        trace_m.resize(n_q * n_dofs);
        m.resize(n_q * n_dofs);
      }
    for (unsigned int q = 0; q < n_q; ++q)
      {
        J[q] = checked_determinant(qp[q].F);
        if (!fbar)
          continue;
        const Tensor2 F_inv = dealii::invert(qp[q].F);
        for (unsigned int a = 0; a < n_dofs; ++a)
          {
            const unsigned int k = q * n_dofs + a;
            m[k]                 = F_inv * qp[q].dF[a];
            trace_m[k]           = dealii::trace(m[k]);
            g[k]                 = J[q] * trace_m[k];
          }
      }
    if (fbar)
      for (unsigned int q = 0; q < n_q; ++q)
        {
          Jb[q] = 0.0;
          for (unsigned int r = 0; r < n_q; ++r)
            {
              const double P = (*projection)(q, r);
              Jb[q] += P * J[r];
              for (unsigned int a = 0; a < n_dofs; ++a)
                gb[q * n_dofs + a] += P * g[r * n_dofs + a];
            }
          if (!(Jb[q] > 0.0))
            throw InadmissibleDeformation("projected dilatation Jb <= 0");
          phi[q] = std::cbrt(Jb[q] / J[q]);
        }

    // Pass 1: the material at every quadrature point.
    std::vector<StressResponse> response(n_q);
    for (unsigned int q = 0; q < n_q; ++q)
      {
        const Tensor2 Fb = phi[q] * qp[q].F;
        response[q] =
          materials[q].law->evaluate(Fb, *materials[q].state_n, dt, materials[q].state_np1);
        out.energy += qp[q].JxW * materials[q].law->strain_energy(Fb);
        if (stresses != nullptr)
          (*stresses)[q] = {Fb, response[q].S};
        tau[q] = dealii::scalar_product(first_piola(Fb, response[q].S), qp[q].F);
      }

    // Weights of L_ab(q) in the tangent: the projected second derivative of
    // J, c_q = sum_q' w_q' phi_q' tau_q' P_q'q J_q / (3 Jb_q'), and the
    // local term -w_q phi_q tau_q / 3.
    std::vector<double> L_weight(n_q, 0.0);
    if (fbar && K != nullptr)
      for (unsigned int q = 0; q < n_q; ++q)
        {
          L_weight[q] -= qp[q].JxW * phi[q] * tau[q] / 3.0;
          for (unsigned int r = 0; r < n_q; ++r)
            L_weight[q] += qp[r].JxW * phi[r] * tau[r] * (*projection)(r, q) * J[q] / (3.0 * Jb[r]);
        }

    // Pass 2: force and tangent. Every term of K_ab is a sum over q of
    // products x_a . y_b, so with one row per dof a of X (the x_a of all q)
    // and of Y (the y_b, weights included), K = X Y^T: one matrix product
    // (BLAS) instead of n_dofs^2 short dot products. Per q, the columns are
    //   6:  Voigt dE_a              . w D dE_b               (material part)
    //   9:  dFb_a S                 : w dFb_b                (geometric part)
    // and with F-bar
    //   4:  p_a, h_a, g_a, gb_a     . w phi (h_b, p_b + tau h_b,
    //                                 tau g_b / 3J^2, -tau gb_b / 3Jb^2)
    //   10: tr m_a, m_a^T           . c_q (tr m_b, -m_b)     (L_ab, c_q = L_weight)
    using Flat9        = std::array<double, 9>;
    const auto flatten = [](const Tensor2 &T, const bool transposed) {
      Flat9 f;
      for (unsigned int i = 0; i < 3; ++i)
        for (unsigned int j = 0; j < 3; ++j)
          f[3 * i + j] = transposed ? T[j][i] : T[i][j];
      return f;
    };
    const unsigned int         n_cols = fbar ? 29 : 15;
    dealii::FullMatrix<double> X, Y;
    if (K != nullptr)
      {
        X.reinit(n_dofs, n_q * n_cols);
        Y.reinit(n_dofs, n_q * n_cols);
      }
    std::vector<double>  h(n_dofs, 0.0), p(n_dofs, 0.0);
    std::vector<Voigt>   B(n_dofs);
    std::vector<Tensor2> dFb(n_dofs);
    for (unsigned int q = 0; q < n_q; ++q)
      {
        const StressResponse &r            = response[q];
        const Tensor2         Fb           = phi[q] * qp[q].F;
        const double          w            = qp[q].JxW;
        const double          stress_scale = r.S.norm() + r.CC.norm();
        const Tensor2         Pb           = first_piola(Fb, r.S);
        for (unsigned int a = 0; a < n_dofs; ++a)
          {
            if (fbar)
              {
                const unsigned int k = q * n_dofs + a;
                h[a]                 = (gb[k] / Jb[q] - g[k] / J[q]) / 3.0;
                p[a]                 = dealii::scalar_product(Pb, qp[q].dF[a]);
              }
            dFb[a]              = phi[q] * (qp[q].dF[a] + h[a] * qp[q].F);
            const SymTensor2 dE = dealii::symmetrize(dealii::transpose(Fb) * dFb[a]);
            f_int[a] += w * (r.S * dE);
            out.force_magnitude += w * stress_scale * dE.norm();
            B[a] = strain_to_voigt(dE);
          }
        if (K == nullptr)
          continue;

        // D_kl = CC[i_k][j_k][i_l][j_l]: the Voigt order above is deal.II's
        // storage order of SymTensor4 (continuum_tensors.cc)
        double D[6][6];
        for (unsigned int k = 0; k < 6; ++k)
          for (unsigned int l = 0; l < 6; ++l)
            D[k][l] = r.CC.access_raw_entry(6 * k + l);
        const Tensor2      S  = static_cast<Tensor2>(r.S);
        const unsigned int c0 = q * n_cols;
        for (unsigned int a = 0; a < n_dofs; ++a)
          {
            for (unsigned int k = 0; k < 6; ++k)
              {
                double DB = 0.0;
                for (unsigned int l = 0; l < 6; ++l)
                  DB += D[k][l] * B[a][l];
                X(a, c0 + k) = B[a][k];
                Y(a, c0 + k) = w * DB;
              }
            const Flat9 dFb_S = flatten(dFb[a] * S, false), dFb_flat = flatten(dFb[a], false);
            for (unsigned int v = 0; v < 9; ++v)
              {
                X(a, c0 + 6 + v) = dFb_S[v];
                Y(a, c0 + 6 + v) = w * dFb_flat[v];
              }
            if (!fbar)
              continue;
            const unsigned int k  = q * n_dofs + a;
            const double       wp = w * phi[q];
            X(a, c0 + 15)         = p[a];
            Y(a, c0 + 15)         = wp * h[a];
            X(a, c0 + 16)         = h[a];
            Y(a, c0 + 16)         = wp * (p[a] + tau[q] * h[a]);
            X(a, c0 + 17)         = g[k];
            Y(a, c0 + 17)         = wp * tau[q] * g[k] / (3.0 * J[q] * J[q]);
            X(a, c0 + 18)         = gb[k];
            Y(a, c0 + 18)         = -wp * tau[q] * gb[k] / (3.0 * Jb[q] * Jb[q]);
            // L_ab = tr(m_a) tr(m_b) - tr(m_b m_a), tr(m_b m_a) = m_a^T : m_b
            X(a, c0 + 19)      = trace_m[k];
            Y(a, c0 + 19)      = L_weight[q] * trace_m[k];
            const Flat9 m_flat = flatten(m[k], false), m_transposed = flatten(m[k], true);
            for (unsigned int v = 0; v < 9; ++v)
              {
                X(a, c0 + 20 + v) = m_transposed[v];
                Y(a, c0 + 20 + v) = -L_weight[q] * m_flat[v];
              }
          }
      }
    if (K != nullptr)
      X.mTmult(*K, Y);
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
  projection_matrix<2>(const std::vector<dealii::Point<2>> &,
                       const std::vector<double> &,
                       unsigned int);
  template dealii::FullMatrix<double>
  projection_matrix<3>(const std::vector<dealii::Point<3>> &,
                       const std::vector<double> &,
                       unsigned int);
} // namespace needlesim
