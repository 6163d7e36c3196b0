#include "ogden.h"

#include "parameters.h"

#include <cmath>
#include <numeric>

namespace needlesim
{
  namespace
  {
    double
    initial_shear_modulus(const std::vector<double> &mu, const std::vector<double> &alpha)
    {
      double mu0 = 0.0;
      for (unsigned int p = 0; p < mu.size(); ++p)
        mu0 += 0.5 * mu[p] * alpha[p];
      return mu0;
    }
  } // namespace



  double
  power_divided_difference(const double x, const double y, const double m)
  {
    // x^m - y^m = y^m expm1(m log1p(t)), t = (x - y)/y, so the quotient
    // y^{m-1} expm1(m log1p(t)) / t has no cancellation for small t.
    const double t = (x - y) / y;
    if (t == 0.0)
      return m * std::pow(y, m - 1.0);
    return std::pow(y, m - 1.0) * std::expm1(m * std::log1p(t)) / t;
  }



  std::unique_ptr<HyperelasticLaw>
  Ogden::with_shear_moduli_scaled(const double g) const
  {
    std::vector<double> mu_g = mu;
    for (double &m : mu_g)
      m *= g;
    return std::make_unique<Ogden>(mu_g, alpha, poisson_ratio(bulk_modulus(), g * shear_modulus()));
  }



  Ogden::Ogden(const std::vector<double> &mu_,
               const std::vector<double> &alpha_,
               const double               poisson_ratio)
    : DecoupledHyperelasticLaw(initial_shear_modulus(mu_, alpha_), poisson_ratio)
    , mu(mu_)
    , alpha(alpha_)
  {}



  void
  Ogden::Parameters::add_parameters(dealii::ParameterHandler &prm)
  {
    add_quantity_list(prm, "Shear moduli", mu, "MPa", -1e5, 1e5, "Ogden moduli mu_p, one per term");
    add_quantity_list(
      prm, "Exponents", alpha, "-", -100, 100, "Ogden exponents alpha_p, one per term");
    add_quantity(prm,
                 "Poisson ratio",
                 poisson_ratio,
                 "-",
                 -0.99,
                 0.4999,
                 "small-strain Poisson's ratio; sets the bulk modulus "
                 "K = 2 mu0 (1 + nu) / (3 (1 - 2 nu))");
  }



  std::unique_ptr<HyperelasticLaw>
  Ogden::create(const Parameters &p, const std::string &path)
  {
    if (p.mu.empty() || p.mu.size() != p.alpha.size())
      throw InputError(path + "/Exponents",
                       list_text(p.alpha),
                       "one exponent per shear modulus (" + std::to_string(p.mu.size()) + " given)",
                       "list lengths differ");
    for (unsigned int k = 0; k < p.mu.size(); ++k)
      if (!(p.mu[k] * p.alpha[k] > 0.0))
        throw InputError(path + "/Shear moduli",
                         list_text(p.mu),
                         "mu_p * alpha_p > 0 for every term",
                         "term " + std::to_string(k + 1) +
                           " violates the Ogden stability condition");
    return std::make_unique<Ogden>(p.mu, p.alpha, p.poisson_ratio);
  }



  double
  Ogden::isochoric_energy(const SymTensor2 &C_bar) const
  {
    const auto c = dealii::eigenvalues(C_bar);
    double     W = 0.0;
    for (unsigned int p = 0; p < mu.size(); ++p)
      {
        double sum = -3.0;
        for (unsigned int a = 0; a < 3; ++a)
          sum += std::pow(c[a], 0.5 * alpha[p]);
        W += mu[p] / alpha[p] * sum;
      }
    return W;
  }



  StressResponse
  Ogden::fictitious_response(const SymTensor2 &C_bar) const
  {
    const auto eig = dealii::eigenvectors(C_bar, dealii::SymmetricTensorEigenvectorMethod::jacobi);

    std::array<double, 3>     c, s, ds;
    std::array<SymTensor2, 3> M;
    for (unsigned int a = 0; a < 3; ++a)
      {
        c[a]  = eig[a].first;
        s[a]  = 0.0;
        ds[a] = 0.0;
        for (unsigned int p = 0; p < mu.size(); ++p)
          {
            const double m = 0.5 * alpha[p] - 1.0;
            s[a] += mu[p] * std::pow(c[a], m);
            ds[a] += mu[p] * m * std::pow(c[a], m - 1.0);
          }
        M[a] = dealii::symmetrize(dealii::outer_product(eig[a].second, eig[a].second));
      }

    StressResponse r;
    for (unsigned int a = 0; a < 3; ++a)
      {
        r.S += s[a] * M[a];
        r.CC += 2.0 * ds[a] * outer(M[a], M[a]);
      }
    for (unsigned int a = 0; a < 3; ++a)
      for (unsigned int b = a + 1; b < 3; ++b)
        {
          double theta = 0.0;
          for (unsigned int p = 0; p < mu.size(); ++p)
            theta += mu[p] * power_divided_difference(c[a], c[b], 0.5 * alpha[p] - 1.0);
          const SymTensor2 G =
            dealii::symmetrize(dealii::outer_product(eig[a].second, eig[b].second));
          r.CC += 4.0 * theta * dealii::outer_product(G, G);
        }
    return r;
  }
} // namespace needlesim
