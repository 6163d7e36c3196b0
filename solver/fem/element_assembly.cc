#include "element_assembly.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace needlesim
{
  namespace
  {
    // Voigt order of symmetric index pairs: 00, 11, 22, 01, 02, 12; shear
    // entries of strain-like vectors carry the engineering factor 2, so
    // dE_a : CC : dE_b = e_a . D e_b. The order is deal.II's storage order of
    // SymTensor4 (continuum_tensors.cc), so D_kl is CC's raw entry 6 k + l.
    using Voigt = std::array<double, 6>;

    /// Voigt vector of scale (sym(f (x) g + eta h (x) e_3) + s C): the
    /// strain variation of a shape gradient, F^T dF_a + s C, with
    /// f = F^T e_c and h = F^T e_3 (written out: the entries are few).
    Voigt
    strain_variation(const Tensor1    &f,
                     const Tensor1    &g,
                     const double      eta,
                     const Tensor1    &h,
                     const double      s,
                     const SymTensor2 &C,
                     const double      scale)
    {
      return {{scale * (f[0] * g[0] + s * C[0][0]),
               scale * (f[1] * g[1] + s * C[1][1]),
               scale * (f[2] * g[2] + s * C[2][2] + eta * h[2]),
               scale * (f[0] * g[1] + f[1] * g[0] + 2.0 * s * C[0][1]),
               scale * (f[0] * g[2] + f[2] * g[0] + 2.0 * s * C[0][2] + eta * h[0]),
               scale * (f[1] * g[2] + f[2] * g[1] + 2.0 * s * C[1][2] + eta * h[1])}};
    }

    /// |E| of a Voigt strain vector (shear entries carry the factor 2).
    double
    voigt_norm(const Voigt &e)
    {
      return std::sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2] +
                       0.5 * (e[3] * e[3] + e[4] * e[4] + e[5] * e[5]));
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
    // (arrays indexed [q * n_dofs + a]); m_a = F^{-1} dF_a =
    // F^{-1} e_c (x) grad_a + eta_a F^{-1} e_3 (x) e_3, so
    // tr m_a = (F^{-T} grad_a)_c + eta_a F^{-1}_33.
    std::vector<double>  J(n_q), Jb(n_q), phi(n_q, 1.0), tau(n_q, 0.0);
    std::vector<double>  g, gb, trace_m;
    std::vector<Tensor2> F_inv(fbar ? n_q : 0);
    if (fbar)
      {
        g.resize(n_q * n_dofs);
        gb.assign(n_q * n_dofs, 0.0);
        trace_m.resize(n_q * n_dofs);
      }
    for (unsigned int q = 0; q < n_q; ++q)
      {
        J[q] = checked_determinant(qp[q].F);
        if (!fbar)
          continue;
        F_inv[q] = dealii::invert(qp[q].F);
        for (unsigned int a = 0; a < n_dofs; ++a)
          {
            const ShapeGradient &d = qp[q].dF[a];
            const unsigned int   k = q * n_dofs + a;
            trace_m[k]             = d.hoop * F_inv[q][2][2];
            for (unsigned int i = 0; i < 3; ++i)
              trace_m[k] += F_inv[q][i][d.component] * d.grad[i];
            g[k] = J[q] * trace_m[k];
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

    // Pass 2: force and tangent. With dFb_a = phi (dF_a + h_a F) and
    // p_a = Pb : dF_a, tau = Pb : F, the variations are
    //   dEb_a = phi^2 (sym(F^T dF_a) + h_a C),   f_a = w phi (p_a + h_a tau),
    // and the geometric term regroups as
    //   S : (dFb_a^T dFb_b) + phi (h_b p_a + h_a p_b + h_a h_b tau)
    //     = phi^2 S : (dF_a^T dF_b) + 2 phi (h_b p_a + h_a p_b + h_a h_b tau),
    //   S : (dF_a^T dF_b) = delta_cd grad_a . S grad_b + eta_a eta_b S_33
    // (the hoop term only on radial unknowns, whose c is never 3).
    // Every other term of K_ab is a sum over q of products x_a . y_b, so
    // with one row per dof a of X (the x_a of all q) and of Y (the y_b,
    // weights included), they are K = X Y^T: one matrix product (BLAS).
    // Per q, the columns are
    //   6:  Voigt dEb_a            . w D dEb_b              (material part)
    // and with F-bar
    //   4:  p_a, h_a, g_a, gb_a    . w phi (2 h_b, 2 (p_b + tau h_b),
    //                                 tau g_b / 3J^2, -tau gb_b / 3Jb^2)
    //   10: tr m_a, m_a^T          . c_q (tr m_b, -m_b)     (L_ab, c_q = L_weight)
    // The delta_cd term is added per pair of equal components afterwards.
    const unsigned int         n_cols = fbar ? 20 : 6;
    dealii::FullMatrix<double> X, Y;
    if (K != nullptr)
      {
        X.reinit(n_dofs, n_q * n_cols);
        Y.reinit(n_dofs, n_q * n_cols);
      }
    std::vector<double> h(n_dofs, 0.0), p(n_dofs, 0.0);
    std::vector<Voigt>  B(n_dofs);
    for (unsigned int q = 0; q < n_q; ++q)
      {
        const StressResponse &r            = response[q];
        const Tensor2        &F            = qp[q].F;
        const double          w            = qp[q].JxW;
        const double          phi2         = phi[q] * phi[q];
        const double          stress_scale = r.S.norm() + r.CC.norm();
        const Tensor2         Pb           = first_piola(phi[q] * F, r.S);
        const SymTensor2      C            = dealii::symmetrize(dealii::transpose(F) * F);
        const Tensor1         F_row3       = F[2];
        for (unsigned int a = 0; a < n_dofs; ++a)
          {
            const ShapeGradient &d = qp[q].dF[a];
            if (fbar)
              {
                const unsigned int k = q * n_dofs + a;
                h[a]                 = (gb[k] / Jb[q] - g[k] / J[q]) / 3.0;
              }
            p[a] = Pb[d.component] * d.grad + d.hoop * Pb[2][2];
            f_int[a] += w * phi[q] * (p[a] + h[a] * tau[q]);
            B[a] = strain_variation(F[d.component], d.grad, d.hoop, F_row3, h[a], C, phi2);
            out.force_magnitude += w * stress_scale * voigt_norm(B[a]);
          }
        if (K == nullptr)
          continue;

        double D[6][6];
        for (unsigned int k = 0; k < 6; ++k)
          for (unsigned int l = 0; l < 6; ++l)
            D[k][l] = r.CC.access_raw_entry(6 * k + l);
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
            if (!fbar)
              continue;
            const unsigned int   k  = q * n_dofs + a;
            const double         wp = w * phi[q];
            const ShapeGradient &d  = qp[q].dF[a];
            X(a, c0 + 6)            = p[a];
            Y(a, c0 + 6)            = 2.0 * wp * h[a];
            X(a, c0 + 7)            = h[a];
            Y(a, c0 + 7)            = 2.0 * wp * (p[a] + tau[q] * h[a]);
            X(a, c0 + 8)            = g[k];
            Y(a, c0 + 8)            = wp * tau[q] * g[k] / (3.0 * J[q] * J[q]);
            X(a, c0 + 9)            = gb[k];
            Y(a, c0 + 9)            = -wp * tau[q] * gb[k] / (3.0 * Jb[q] * Jb[q]);
            // L_ab = tr(m_a) tr(m_b) - tr(m_b m_a), tr(m_b m_a) = m_a^T : m_b,
            // m_a[i][j] = F^{-1}_ic grad_j + eta F^{-1}_i3 delta_j3
            X(a, c0 + 10) = trace_m[k];
            Y(a, c0 + 10) = L_weight[q] * trace_m[k];
            for (unsigned int i = 0; i < 3; ++i)
              for (unsigned int j = 0; j < 3; ++j)
                {
                  const double m_ij =
                    F_inv[q][i][d.component] * d.grad[j] + (j == 2 ? d.hoop * F_inv[q][i][2] : 0.0);
                  X(a, c0 + 11 + 3 * j + i) = m_ij;
                  Y(a, c0 + 11 + 3 * i + j) = -L_weight[q] * m_ij;
                }
          }
      }
    if (K == nullptr)
      return out;
    X.mTmult(*K, Y);

    // phi^2 S : (dF_a^T dF_b) = w phi^2 (delta_cd grad_a . S grad_b + eta_a eta_b S_33),
    // the first term over the unknowns of equal component only (the
    // components of the unknowns are the same at every q)
    std::array<std::vector<unsigned int>, 3> of_component;
    for (unsigned int a = 0; a < n_dofs; ++a)
      of_component[qp[0].dF[a].component].push_back(a);
    for (unsigned int q = 0; q < n_q; ++q)
      {
        const SymTensor2 &S        = response[q].S;
        const double      c        = qp[q].JxW * phi[q] * phi[q];
        const bool        any_hoop = std::any_of(qp[q].dF.begin(),
                                          qp[q].dF.end(),
                                          [](const ShapeGradient &d) { return d.hoop != 0.0; });
        for (unsigned int a = 0; a < n_dofs; ++a)
          {
            const ShapeGradient &da  = qp[q].dF[a];
            const Tensor1        S_g = c * (S * da.grad);
            double              *K_a = &(*K)(a, 0);
            for (const unsigned int b : of_component[da.component])
              K_a[b] += S_g * qp[q].dF[b].grad;
            if (any_hoop)
              {
                const double S_h = c * da.hoop * S[2][2];
                for (unsigned int b = 0; b < n_dofs; ++b)
                  K_a[b] += S_h * qp[q].dF[b].hoop;
              }
          }
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
  projection_matrix<2>(const std::vector<dealii::Point<2>> &,
                       const std::vector<double> &,
                       unsigned int);
  template dealii::FullMatrix<double>
  projection_matrix<3>(const std::vector<dealii::Point<3>> &,
                       const std::vector<double> &,
                       unsigned int);
} // namespace needlesim
