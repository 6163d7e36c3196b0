#include "wedged_crack_section.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace needlesim
{
  WedgedCrackSection::WedgedCrackSection(const std::vector<double> &q,
                                         const std::vector<double> &psi_values)
  {
    const unsigned int n = q.size();
    if (n < 3 || psi_values.size() != n)
      throw std::invalid_argument("WedgedCrackSection: need at least 3 (q, psi) pairs");
    for (unsigned int i = 0; i < n; ++i)
      {
        if (!(q[i] > 0.0) || !(psi_values[i] > 0.0) || (i > 0 && !(q[i] > q[i - 1])))
          throw std::invalid_argument("WedgedCrackSection: q must ascend, q and psi be positive");
        x.push_back(std::log(q[i]));
        y.push_back(std::log(psi_values[i]));
      }
    // Natural cubic spline: tridiagonal system for the second derivatives
    // (Press et al., Numerical Recipes, sec. 3.3).
    y2.assign(n, 0.0);
    std::vector<double> u(n, 0.0);
    for (unsigned int i = 1; i + 1 < n; ++i)
      {
        const double sig = (x[i] - x[i - 1]) / (x[i + 1] - x[i - 1]);
        const double p   = sig * y2[i - 1] + 2.0;
        y2[i]            = (sig - 1.0) / p;
        const double d =
          (y[i + 1] - y[i]) / (x[i + 1] - x[i]) - (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
        u[i] = (6.0 * d / (x[i + 1] - x[i - 1]) - sig * u[i - 1]) / p;
      }
    for (unsigned int k = n - 1; k-- > 0;)
      y2[k] = y2[k] * y2[k + 1] + u[k];
    // Beyond the table the needle is much wider than the crack: the energy
    // must grow faster than q^2 (hole expansion), or no crack would ever form.
    const double h         = x[n - 1] - x[n - 2];
    const double end_slope = (y[n - 1] - y[n - 2]) / h + h * (y2[n - 2] + 2.0 * y2[n - 1]) / 6.0;
    if (!(end_slope > 2.0))
      throw std::invalid_argument("WedgedCrackSection: the table ends before the hole-expansion "
                                  "regime (d ln psi / d ln q = " +
                                  std::to_string(end_slope) + " <= 2 at the largest q)");
    // psi = C q^2 ln(q/k): d ln psi / d ln q = 2 + 1 / ln(q/k)
    const double log_ratio = 1.0 / (end_slope - 2.0), q_end = std::exp(x.back());
    k = q_end * std::exp(-log_ratio);
    C = std::exp(y.back()) / (q_end * q_end * log_ratio);
  }



  WedgedCrackSection::Psi
  WedgedCrackSection::psi(const double q) const
  {
    // L(s) = ln psi(e^s) and its derivatives L', L'' at s = ln q.
    const double s = std::log(q);
    double       L, dL, d2L = 0.0;
    if (s >= x.back())
      {
        // cavity expansion: psi = C q^2 ln(q/k)
        const double l = std::log(q / k);
        return {C * q * q * l, C * q * (2.0 * l + 1.0), C * (2.0 * l + 3.0)};
      }
    if (s <= x.front())
      {
        // power law with the slope of the spline at the first entry
        const double h = x[1] - x[0];
        dL             = (y[1] - y[0]) / h - h * (2.0 * y2[0] + y2[1]) / 6.0;
        L              = y.front() + dL * (s - x.front());
      }
    else
      {
        const unsigned int i = std::upper_bound(x.begin(), x.end(), s) - x.begin() - 1;
        const double       h = x[i + 1] - x[i];
        const double       A = (x[i + 1] - s) / h, B = (s - x[i]) / h;
        L = A * y[i] + B * y[i + 1] +
            ((A * A * A - A) * y2[i] + (B * B * B - B) * y2[i + 1]) * h * h / 6.0;
        dL = (y[i + 1] - y[i]) / h - (3.0 * A * A - 1.0) * h * y2[i] / 6.0 +
             (3.0 * B * B - 1.0) * h * y2[i + 1] / 6.0;
        d2L = A * y2[i] + B * y2[i + 1];
      }
    // psi = e^L, dpsi/dq = psi L'/q, d2psi/dq2 = psi (L'' + L'^2 - L')/q^2
    const double value = std::exp(L);
    return {value, value * dL / q, value * (d2L + dL * dL - dL) / (q * q)};
  }



  WedgedCrackSection::Energy
  WedgedCrackSection::energy(const double a, const double rho) const
  {
    Energy e;
    if (!(rho > 0.0) || !(a > 0.0))
      return e;
    const double q = rho / a;
    const Psi    p = psi(q);
    // U = a^2 psi(rho/a)
    e.U    = a * a * p.value;
    e.U_r  = a * p.first;
    e.U_a  = 2.0 * a * p.value - rho * p.first;
    e.U_rr = p.second;
    e.U_ar = p.first - q * p.second;
    e.U_aa = 2.0 * p.value - 2.0 * q * p.first + q * q * p.second;
    return e;
  }



  WedgedCrackSection::Split
  WedgedCrackSection::split(const double rho, const double a_committed, const double G_c) const
  {
    Split out;
    out.a = a_committed;
    if (!(rho > 0.0))
      return out;

    // f'(a) = U_a(a, rho) + 2 G_c: the crack grows while f' < 0 at a_committed.
    const auto growth_rate = [&](const double a) { return energy(a, rho).U_a + 2.0 * G_c; };
    const bool grows       = a_committed <= 0.0 || growth_rate(a_committed) < 0.0;
    if (grows)
      {
        // Bracket the root of f' in ln a, then safeguarded Newton.
        double lo = a_committed > 0.0 ? a_committed : 1e-9 * rho;
        while (growth_rate(lo) > 0.0 && lo > 1e-300)
          lo *= 1e-3;
        double hi = std::max(2.0 * lo, rho);
        while (growth_rate(hi) < 0.0 && hi < 1e9 * rho)
          hi *= 2.0;
        double a = std::sqrt(lo * hi);
        for (unsigned int it = 0; it < 200; ++it)
          {
            const Energy e = energy(a, rho);
            const double g = e.U_a + 2.0 * G_c;
            if (g < 0.0)
              lo = a;
            else
              hi = a;
            if (std::abs(g) <= 1e-13 * (std::abs(e.U_a) + 2.0 * G_c) || hi - lo <= 1e-15 * hi)
              break;
            double next = e.U_aa > 0.0 ? a - g / e.U_aa : -1.0;
            if (!(next > lo && next < hi))
              next = std::sqrt(lo * hi);
            a = next;
          }
        out.a = a;
      }

    const Energy e = energy(out.a, rho);
    out.energy     = e.U;
    out.fracture   = 2.0 * G_c * (out.a - a_committed);
    out.force      = e.U_r;
    out.stiffness  = (grows && e.U_aa > 0.0) ? e.U_rr - e.U_ar * e.U_ar / e.U_aa : e.U_rr;
    return out;
  }



  double
  WedgedCrackTable::stretch_at(const double q_, const double x, const double y) const
  {
    if (q.empty() || x < 0.0 || y < 0.0 || x >= x_edges.back() || y >= y_edges.back())
      return 1.0;
    const unsigned int nx = x_edges.size() - 1;
    const unsigned int i =
      std::upper_bound(x_edges.begin(), x_edges.end(), x) - x_edges.begin() - 1;
    const unsigned int j =
      std::upper_bound(y_edges.begin(), y_edges.end(), y) - y_edges.begin() - 1;
    const unsigned int c = j * nx + i;
    if (q_ <= q.front())
      return stretch.front()[c];
    if (q_ >= q.back())
      return stretch.back()[c];
    const unsigned int k = std::upper_bound(q.begin(), q.end(), q_) - q.begin() - 1;
    const double       s = (q_ - q[k]) / (q[k + 1] - q[k]);
    return (1.0 - s) * stretch[k][c] + s * stretch[k + 1][c];
  }
} // namespace needlesim
