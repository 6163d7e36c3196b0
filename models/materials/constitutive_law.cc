#include "constitutive_law.h"

namespace needlesim
{
  SymTensor2
  right_cauchy_green(const Tensor2 &F)
  {
    checked_determinant(F);
    return dealii::symmetrize(dealii::transpose(F) * F);
  }



  StressResponse
  HyperelasticLaw::evaluate(const Tensor2 &F, const InternalState &, double, InternalState *) const
  {
    return stress_response(right_cauchy_green(F));
  }



  double
  HyperelasticLaw::strain_energy(const Tensor2 &F) const
  {
    return energy(right_cauchy_green(F));
  }
  double
  poisson_ratio(const double K, const double mu)
  {
    // K = 2 mu (1 + nu) / (3 (1 - 2 nu))
    return (3.0 * K - 2.0 * mu) / (2.0 * (3.0 * K + mu));
  }



  double
  youngs_modulus(const ConstitutiveLaw &law)
  {
    const double K = law.bulk_modulus(), mu = law.shear_modulus();
    return 9.0 * K * mu / (3.0 * K + mu);
  }
} // namespace needlesim
