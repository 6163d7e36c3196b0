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
  HyperelasticLaw::evaluate(const Tensor2 &F,
                            const InternalState &,
                            double,
                            InternalState *) const
  {
    return stress_response(right_cauchy_green(F));
  }



  double
  HyperelasticLaw::strain_energy(const Tensor2 &F) const
  {
    return energy(right_cauchy_green(F));
  }
} // namespace needlesim
