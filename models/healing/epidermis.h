#pragma once
// The epidermis after microneedling, over the treated surface (a lumped,
// surface-averaged model: docs/theory.md §10, "Epidermis"). Two processes:
//
// Re-epithelialisation. A session opens the share A of the surface (the
// footprint of its strokes, D >= 1/2), on top of what is still open:
//   W <- W + (1 - W) A.
// Keratinocytes migrate in from the channel margins and close it,
//   dW/dt = -k_re W,   k_re = ln 2 / t_1/2,
// with the closure half-life t_1/2 of microneedle micropores in human skin
// (20-26 h, MN patch pilot PMC8259462; docs/references.md).
//
// Thickness. The viable epidermis renews itself from the basal layer and
// relaxes to a thickness set by the dermis under it: proliferation follows the
// papillary collagen (the dermal papillae that carry the epidermis),
//   dn/dt = (n* - n) / tau,   n* = 1 + gamma (phi_p - 1),
// with n the thickness relative to healthy skin, tau the epidermal renewal
// time and phi_p the papillary-dermis collagen relative to healthy skin
// (from the healing model). gamma is calibrated (docs/validation.md).
// The mean thickness over the surface is (1 - W) n.
//
// Both equations are linear in their state and are integrated exactly over
// a step with phi_p held at its end-of-step value.

#include <deal.II/base/parameter_handler.h>

namespace needlesim
{
  class Epidermis
  {
  public:
    struct Parameters
    {
      double closure_half_life = 0.96; ///< [day] t_1/2 of micropore closure
      double renewal_time      = 28.0; ///< [day] tau, epidermal renewal
      double collagen_coupling = 1.31; ///< [-] gamma (calibrated on R4)

      /// Declares them in the current subsection, bound to this object.
      void
      add_parameters(dealii::ParameterHandler &prm);
    };

    explicit Epidermis(const Parameters &parameters);

    /// A session opened the share @p area_fraction of the surface.
    void
    injure(double area_fraction);

    /// Advances by @p dt [day] with the papillary collagen @p phi_p [-] at
    /// the end of the step.
    void
    advance(double dt, double phi_p);

    /// Share of the surface not yet re-epithelialised [-].
    double
    open_fraction() const
    {
      return W;
    }

    /// Mean epidermal thickness change over the surface, 100 ((1 - W) n - 1) [%].
    double
    thickness_change_percent() const
    {
      return 100.0 * ((1.0 - W) * n - 1.0);
    }


  private:
    Parameters param;
    double     W = 0.0; ///< open share of the surface
    double     n = 1.0; ///< viable-epidermis thickness relative to healthy
  };
} // namespace needlesim
