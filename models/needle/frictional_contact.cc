#include "frictional_contact.h"

#include <cmath>

namespace needlesim
{
  FrictionalContact::FrictionalContact(const Parameters &p)
    : param(p)
  {}



  FrictionalContact::Response
  FrictionalContact::evaluate(const Distance &d,
                              const Tensor1  &slip,
                              const Tensor1  &f_T_committed,
                              const Tensor2  &dslip_du) const
  {
    Response r;
    if (d.gap >= 0.0)
      return r; // open: no force, the tangential memory is lost

    const double   eps_N = param.normal_penalty, eps_T = param.tangential_penalty;
    const Tensor1 &n = d.normal;
    const Tensor2  H = static_cast<Tensor2>(d.hessian);
    const Tensor2  I = static_cast<Tensor2>(identity2());
    const Tensor2  P = I - dealii::outer_product(n, n);

    // normal: the rounded penalty p(x), x = -g
    const double x = -d.gap, delta = param.rounding;
    double       dp_dx;
    if (x < delta)
      {
        r.pressure = eps_N * x * x / (2.0 * delta);
        dp_dx      = eps_N * x / delta;
      }
    else
      {
        r.pressure = eps_N * (x - 0.5 * delta);
        dp_dx      = eps_N;
      }
    r.stored    = normal_energy(x);
    r.force     = -r.pressure * n;
    r.stiffness = dp_dx * dealii::outer_product(n, n) - r.pressure * H;
    if (param.friction == 0.0)
      return r; // frictionless: no tangential force, no stick

    // tangential trial force and its derivative
    const Tensor1 v     = f_T_committed + eps_T * slip;
    const Tensor1 f_tr  = P * v;
    const Tensor2 df_tr = -(n * v) * H - dealii::outer_product(n, H * v) + eps_T * P * dslip_du;
    const double  norm  = f_tr.norm();
    const double  limit = param.friction * r.pressure;
    if (norm <= limit)
      {
        r.tangential_force = f_tr;
        r.stiffness += df_tr;
      }
    else
      {
        // the return to the Coulomb cone: f_T = mu p t
        const Tensor1 t    = f_tr / norm;
        r.slipping         = true;
        r.tangential_force = limit * t;
        r.stiffness += param.friction * dealii::outer_product(t, -dp_dx * n) +
                       limit / norm * (I - dealii::outer_product(t, t)) * df_tr;
        r.dissipation = limit * (norm - limit) / eps_T;
      }
    r.force += r.tangential_force;
    r.stored += r.tangential_force.norm_square() / (2.0 * eps_T);
    return r;
  }



  double
  FrictionalContact::normal_energy(const double x) const
  {
    const double eps_N = param.normal_penalty, delta = param.rounding;
    if (x <= 0.0)
      return 0.0;
    if (x < delta)
      return eps_N * x * x * x / (6.0 * delta);
    return eps_N * (0.5 * x * x - 0.5 * delta * x + delta * delta / 6.0);
  }



  double
  FrictionalContact::penetration_at(const double p) const
  {
    // p = eps_N x^2 / (2 delta) below x = delta (p = eps_N delta / 2 there),
    // p = eps_N (x - delta / 2) above
    const double eps_N = param.normal_penalty, delta = param.rounding;
    if (p <= 0.0)
      return 0.0;
    if (p < 0.5 * eps_N * delta)
      return std::sqrt(2.0 * delta * p / eps_N);
    return p / eps_N + 0.5 * delta;
  }
} // namespace needlesim
