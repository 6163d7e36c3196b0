#pragma once
// Frictional contact of one skin point with a rigid body (the needle), per
// unit reference area: penalty in the normal direction and Coulomb friction
// by an elastic-stick / plastic-slip return map (Wriggers 2006, Computational
// Contact Mechanics, 2nd ed., sec. 5.2 and 10.3; Laursen 2002, ch. 5).
//
// With the body's signed distance g(x) (negative inside), its outward normal
// n = grad g and Hessian H = grad grad g at the current position x = X + u,
// and the penetration x = -g:
//   normal      p(x) = eps_N x^2 / (2 delta)       0 < x < delta,
//               p(x) = eps_N (x - delta / 2)       x >= delta,
//               f_N  = -p n,  df_N/du = p'(x) n (x) n - p H,
// the penalty rounded over a penetration delta (a small fraction of the
// expected penetration) so that the contact force is C1 and Newton's method
// converges also where a point just touches the body;
//   trial       f_tr = P (f_T,n + eps_T d),   P = I - n (x) n,
// d = (u - u_n) - (motion of the body in the step): the slip of the skin
// relative to the body in the step (or the part of it after the point first
// touched the body, needle_contact.h), with its derivative D = dd/du (I for
// the whole step), f_T,n the committed tangential force.
//   stick       |f_tr| <= mu p:   f_T = f_tr,
//   slip        |f_tr| >  mu p:   f_T = mu p f_tr / |f_tr|,
// slip increment dG = (|f_tr| - mu p) / eps_T. Being a return map onto the
// Coulomb cone, the law is rate independent in the incremental sense too:
// steady sliding gives mu p whatever the slip per step. (Until stroke model
// v5 stick and slip were blended C1 over (1 -+ 0.3) mu p against nodes that
// alternated between stick and slip in Newton's iterations; the blend made
// the sliding force depend on the slip per step, between 0.7 and 1 mu p. With
// the stroke's load steps limited to the element size before the puncture
// the sharp switch converges as fast, docs/theory.md 9.)
// f = f_N + f_T is the derivative of the contact energy with respect to u
// (it is added to the internal forces; the force on the body is +f). The
// tangent df/du is exact, including the rotation of the tangent plane on the
// curved body:
//   d f_tr / du = -(n . v) H - n (x) (H v) + eps_T P D,     v = f_T,n + eps_T d,
//   stick: d f_T/du = d f_tr/du,
//   slip:  d f_T/du = mu t (x) dp/du + mu p / |f_tr| (I - t (x) t) d f_tr/du,
//          t = f_tr / |f_tr|, dp/du = -p'(x) n.
// Energy per unit area: stored int_0^x p + |f_T|^2 / (2 eps_T); the
// friction dissipation of the step |f_T| dG >= 0 (backward Euler).

#include "continuum_tensors.h"

namespace needlesim
{
  class FrictionalContact
  {
  public:
    struct Parameters
    {
      double normal_penalty     = 1e3; ///< eps_N [MPa/mm]
      double tangential_penalty = 1e3; ///< eps_T [MPa/mm]
      double friction           = 0.2; ///< Coulomb coefficient mu [-]
      double rounding           = 0.0; ///< delta [mm]
    };

    /// Geometry of the body at the point.
    struct Distance
    {
      double     gap;     ///< g [mm], negative inside
      Tensor1    normal;  ///< n
      SymTensor2 hessian; ///< H [1/mm]
    };

    struct Response
    {
      Tensor1 force;             ///< f [MPa]
      Tensor2 stiffness;         ///< df/du [MPa/mm]
      Tensor1 tangential_force;  ///< f_T, the new committed value [MPa]
      double  pressure    = 0.0; ///< p [MPa]
      double  stored      = 0.0; ///< [N/mm]
      double  dissipation = 0.0; ///< friction work of the step [N/mm]
      bool    slipping    = false;
    };

    explicit FrictionalContact(const Parameters &p);

    /// Response at the trial state: distance @p d, slip @p slip relative to the
    /// body in the step and its derivative @p dslip_du with respect to the
    /// displacement, committed tangential force @p f_T_committed.
    Response
    evaluate(const Distance &d,
             const Tensor1  &slip,
             const Tensor1  &f_T_committed,
             const Tensor2  &dslip_du = static_cast<Tensor2>(identity2())) const;

    /// Normal contact energy per unit area int_0^x p at the penetration
    /// @p x >= 0 [N/mm].
    double
    normal_energy(double x) const;

    /// The penetration x at which the normal pressure is @p p >= 0 [mm]
    /// (the inverse of p(x)).
    double
    penetration_at(double p) const;

    const Parameters &
    parameters() const
    {
      return param;
    }

  private:
    Parameters param;
  };
} // namespace needlesim
