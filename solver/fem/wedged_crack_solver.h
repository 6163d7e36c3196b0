#pragma once
// The wedged-crack section of a layer by the finite-element model: a quarter
// of the plane-strain section normal to the needle axis (Spagnoli et al.
// 2022, Procedia Struct Integr 41:656, sec. 3.2), x along the crack, y across:
//
//   crack face      y = 0, 0 <= x < a      traction-free, meets the needle
//   ligament        y = 0, x >= a          u_y = 0 (symmetry), meets the needle
//   symmetry        x = 0                  u_x = 0
//   far boundary    x = L or y = L         u = 0   (L = 15 max(a, rho_max))
//
// with a = 1 mm and the needle's section, a rigid frictionless disc of radius
// rho centred on the axis, grown from q_min a to q_max a in geometric steps
// (penalty contact, frictional_contact.h with mu = 0). At every step the energy
// per unit length of the whole section (4 quarters) is psi(q) = 4 W, W the
// strain energy of the quarter, and the normal force per unit length on the
// needle N(q) = 4 sum of the radial contact forces (N = dpsi/dq, checked by
// the tests). The mesh is a graded tensor-product grid, uniform over the
// crack and around its tip; the cells' largest principal stretch is kept per
// step for the injury around the channel.
//
// The section is elastic: a viscoelastic layer enters with its response to
// the stroke's time scale (ConstitutiveLaw::elastic_response_at).

#include "constitutive_law.h"
#include "wedged_crack_section.h"

#include <mpi.h>

namespace needlesim
{
  struct WedgedCrackSettings
  {
    double       q_min = 0.05; ///< smallest needle radius / a
    double       q_max = 4.0;  ///< largest needle radius / a
    unsigned int steps = 16;   ///< geometric steps from q_min to q_max
    /// Element size relative to the distance from the axis (the disc is
    /// resolved alike at every radius), and its cap near the crack tip [a].
    double relative_size  = 0.3;
    double tip_size       = 0.12;
    double plate_size     = 15.0;  ///< L / max(a, rho_max)
    double penalty_factor = 100.0; ///< kappa of the contact penalty kappa E / h
  };

  /// Tabulates the section for @p law (solved on this rank alone). Steps that
  /// do not converge end the table early; at least three entries are needed,
  /// otherwise ConvergenceFailure is thrown.
  WedgedCrackTable
  tabulate_wedged_crack(const HyperelasticLaw &law, const WedgedCrackSettings &settings);
} // namespace needlesim
